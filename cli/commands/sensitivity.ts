/**
 * `andel sensitivity <scheme|scenario> --output NAME`: a tornado, one
 * parameter at a time at a low and a high value, for one output (e.g.
 * Stockholms stad's licence share `0180.licence`).
 */
import { InputError, t } from '../../models/errors.js';
import { tornado, tornadoRanges } from '../../models/scenarios/tornado.js';
import { tornadoJson, tornadoTables } from '../../reports/scenarios.js';
import type { CliContext } from '../run.js';
import { type ScenarioCliOptions, labelOf, loadForCommand, scenarioFormat, writeView } from './scenario-output.js';

/** Options of `andel sensitivity`. */
export interface SensitivityCliOptions extends ScenarioCliOptions {
  output: string;
  range: string[];
  vary: string[];
  percentile: string;
  swing: string;
}

export async function sensitivity(ctx: CliContext, target: string, opts: SensitivityCliOptions): Promise<void> {
  const format = scenarioFormat(opts);
  const percentile = Number(opts.percentile);
  const swing = Number(opts.swing);
  if (!(percentile > 0 && percentile < 50)) throw InputError.of(t('--percentile ska vara mellan 0 och 50, t.ex. 5 för P5–P95', '--percentile must be between 0 and 50, e.g. 5 for P5–P95'), { file: '--percentile' }, 'E_OPTION');
  if (!(swing > 0 && swing < 100)) throw InputError.of(t('--swing ska vara en procentsats mellan 0 och 100, t.ex. 10', '--swing must be a percentage between 0 and 100, e.g. 10'), { file: '--swing' }, 'E_OPTION');
  const loaded = await loadForCommand(ctx, target, opts, { vary: opts.vary });
  const { ranges, omitted } = tornadoRanges(loaded.source, loaded.vary, { ranges: opts.range, percentile, swing: swing / 100 });
  const tr = tornado(loaded.source, opts.output, ranges, omitted);
  await writeView(ctx, opts, format, () => tornadoJson(tr, labelOf(loaded)), () => tornadoTables(tr, labelOf(loaded)));
}
