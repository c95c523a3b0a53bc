/**
 * `andel sweep <scheme|scenario> --param name=from..to/step [--param …]`:
 * the scheme evaluated on a grid of one or two parameters, with each
 * party's figure and who the caps bind.
 */
import { labelOf } from '../../pipeline/compare.js';
import { runSweep } from '../../pipeline/questions.js';
import { sweepJson, sweepTables } from '../../reports/scenarios.js';
import { eventPrinter } from '../events.js';
import { schemeOptions } from '../options.js';
import type { CliContext } from '../run.js';
import { type ScenarioCliOptions, scenarioFormat, writeView } from './scenario-output.js';

/** Options of `andel sweep`. */
export interface SweepCliOptions extends ScenarioCliOptions {
  param: string[];
  party: string[];
}

export async function sweep(ctx: CliContext, target: string, opts: SweepCliOptions): Promise<void> {
  const format = scenarioFormat(opts);
  const { loaded, axes, points } = await runSweep({ target, inputs: schemeOptions(opts), axes: opts.param, onEvent: eventPrinter(ctx) });
  await writeView(ctx, opts, format, () => sweepJson(points, axes, labelOf(loaded)), () => sweepTables(points, axes, labelOf(loaded), opts.party));
}
