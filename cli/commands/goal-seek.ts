/**
 * `andel goal-seek <scheme|scenario> --param NAME --goal "output>=value"`:
 * the exact parameter value (on its grid: öre for money and rates) at which
 * the goal starts or stops holding, by bisection on full evaluations; for
 * `output=value`, the interval of values at which it holds exactly.
 */
import { labelOf } from '../../pipeline/compare.js';
import { runGoalSeek } from '../../pipeline/questions.js';
import { goalSeekJson, goalSeekText } from '../../reports/scenarios.js';
import { eventPrinter } from '../events.js';
import { schemeOptions } from '../options.js';
import type { CliContext } from '../run.js';
import { type ScenarioCliOptions, scenarioFormat, writeView } from './scenario-output.js';

/** Options of `andel goal-seek`. */
export interface GoalSeekCliOptions extends ScenarioCliOptions {
  param: string;
  goal: string;
  range?: string;
}

export async function goalSeek(ctx: CliContext, target: string, opts: GoalSeekCliOptions): Promise<void> {
  // One answer is no table: a .csv or .xlsx would get something else than its name says.
  const format = scenarioFormat(opts, { formats: ['text', 'json'], command: 'goal-seek' });
  const { loaded, answer } = await runGoalSeek({
    target,
    inputs: schemeOptions(opts),
    param: opts.param,
    goal: opts.goal,
    ...(opts.range !== undefined ? { range: opts.range } : {}),
    onEvent: eventPrinter(ctx),
  });
  const label = labelOf(loaded);
  await writeView(ctx, opts, format, () => goalSeekJson(answer, label), () => [], () => goalSeekText(answer, label));
}
