/**
 * `andel goal-seek <scheme|scenario> --param NAME --goal "output>=value"`:
 * the exact parameter value (on its grid: öre for money and rates) at which
 * the goal starts or stops holding, by bisection on full evaluations; for
 * `output=value`, the interval of values at which it holds exactly.
 */
import { InputError, t } from '../../models/errors.js';
import { goalSeekAnswer } from '../../models/scenarios/goal-seek.js';
import { parseGoal } from '../../models/scenarios/outputs.js';
import { isNumeric, parameterNamed } from '../../models/scenarios/source.js';
import { goalSeekJson, goalSeekText } from '../../reports/scenarios.js';
import type { CliContext } from '../run.js';
import { type ScenarioCliOptions, labelOf, loadForCommand, scenarioFormat, writeView } from './scenario-output.js';

/** Options of `andel goal-seek`. */
export interface GoalSeekCliOptions extends ScenarioCliOptions {
  param: string;
  goal: string;
  range?: string;
}

export async function goalSeek(ctx: CliContext, target: string, opts: GoalSeekCliOptions): Promise<void> {
  // One answer is no table: a .csv or .xlsx would get something else than its name says.
  const format = scenarioFormat(opts, { formats: ['text', 'json'], command: 'goal-seek' });
  const goal = parseGoal(opts.goal);
  if ('error' in goal) throw InputError.of(goal.error, { file: '--goal' }, 'E_OPTION');
  let range: [string, string] | undefined;
  if (opts.range !== undefined) {
    const m = /^(.+?)\.\.(.+)$/.exec(opts.range);
    if (!m) throw InputError.of(t(`"${opts.range}" ska skrivas från..till`, `"${opts.range}" must be written from..to`), { file: '--range' }, 'E_OPTION');
    range = [m[1]!, m[2]!];
  }
  // The sought parameter needs no value of its own.
  const loaded = await loadForCommand(ctx, target, opts, { provisional: { [opts.param]: range?.[0] ?? '0' } });
  const parameter = parameterNamed(loaded.source, opts.param, '--param');
  if (!isNumeric(parameter)) throw InputError.of(t(`${parameter.name} är inte numerisk`, `${parameter.name} is not numeric`), { file: '--param' }, 'E_OPTION');
  const result = goalSeekAnswer({ source: loaded.source, parameter, goal, ...(range ? { range } : {}) });
  const label = labelOf(loaded);
  await writeView(ctx, opts, format, () => goalSeekJson(result, label), () => [], () => goalSeekText(result, label));
}
