/**
 * `andel sweep <scheme|scenario> --param name=from..to/step [--param …]`:
 * the scheme evaluated on a grid of one or two parameters, with each
 * party's figure and who the caps bind.
 */
import { InputError, ProblemList, t } from '../../models/errors.js';
import { type SweepAxis, parseAxis, sweep as runSweep } from '../../models/scenarios/sweep.js';
import { sweepJson, sweepTables } from '../../reports/scenarios.js';
import type { CliContext } from '../run.js';
import { type ScenarioCliOptions, labelOf, loadForCommand, scenarioFormat, writeView } from './scenario-output.js';

/** Options of `andel sweep`. */
export interface SweepCliOptions extends ScenarioCliOptions {
  param: string[];
  party: string[];
}

export async function sweep(ctx: CliContext, target: string, opts: SweepCliOptions): Promise<void> {
  const format = scenarioFormat(opts);
  if (opts.param.length < 1 || opts.param.length > 2) {
    throw InputError.of(t('ange en eller två axlar med --param namn=från..till/steg', 'give one or two axes with --param name=from..to/step'), { file: '--param' }, 'E_OPTION');
  }
  // A swept parameter needs no value of its own: the first grid value stands in.
  const provisional = Object.fromEntries(opts.param.flatMap((p) => {
    const m = /^([^=]+)=([^.,/]+)/.exec(p);
    return m ? [[m[1]!.trim(), m[2]!.trim()]] : [];
  }));
  const loaded = await loadForCommand(ctx, target, opts, { provisional });
  const problems = new ProblemList();
  const axes: SweepAxis[] = [];
  for (const p of opts.param) {
    const a = parseAxis(p, loaded.source);
    if ('error' in a) problems.add(a.error, { file: '--param' });
    else axes.push(a);
  }
  problems.throwIfAny('E_OPTION');
  const points = runSweep(loaded.source, axes);
  await writeView(ctx, opts, format, () => sweepJson(points, axes, labelOf(loaded)), () => sweepTables(points, axes, labelOf(loaded), opts.party));
}
