/**
 * `andel sensitivity <scheme|scenario> --output NAME`: a tornado, one
 * parameter at a time at a low and a high value, for one output (e.g.
 * Stockholms stad's licence share `0180.licence`).
 */
import { labelOf } from '../../pipeline/compare.js';
import { runSensitivity } from '../../pipeline/questions.js';
import { tornadoJson, tornadoTables } from '../../reports/scenarios.js';
import { eventPrinter } from '../events.js';
import { schemeOptions } from '../options.js';
import type { CliContext } from '../run.js';
import { type ScenarioCliOptions, scenarioFormat, writeView } from './scenario-output.js';

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
  const { loaded, tornado } = await runSensitivity({
    target,
    inputs: schemeOptions(opts),
    output: opts.output,
    ranges: opts.range,
    vary: opts.vary,
    percentile: Number(opts.percentile),
    swing: Number(opts.swing),
    onEvent: eventPrinter(ctx),
  });
  await writeView(ctx, opts, format, () => tornadoJson(tornado, labelOf(loaded)), () => tornadoTables(tornado, labelOf(loaded)));
}
