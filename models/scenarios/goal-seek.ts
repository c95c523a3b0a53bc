/**
 * Goal seek: the parameter value at which a goal starts (or stops) being
 * met, found by bisection on the parameter's exact grid (öre, for money and
 * rates). Every step is a full evaluation of the scheme, so the answer is
 * exact: the goal holds at the answer and fails one grid step away, and the
 * result shows both.
 *
 * The output must be monotone in the parameter over the range (a party's
 * share grows with the total, the surplus with the rate); the search checks
 * the two ends and refuses a range where the goal does not change.
 */
import { InputError, t } from '../errors.js';
import { type SchemeResult, evaluateScheme } from '../evaluate.js';
import type { Dec } from '../money.js';
import { type Goal, type OutputRef, meetsGoal, resolveOutput } from './outputs.js';
import { type ParameterInfo, type VariantSource, boundsOf, gridOf, gridText, parseParamText } from './source.js';

/** What to seek. */
export interface GoalSeekInput {
  readonly source: VariantSource;
  readonly parameter: ParameterInfo;
  readonly goal: Goal;
  /** Search range in the parameter's written units; default from its lower bound upwards until the goal changes. */
  readonly range?: readonly [string, string];
}

/** One evaluated point of the search. */
export interface GoalPoint {
  /** Grid value (see `source.ts`). */
  readonly q: number;
  /** As `--set` takes it. */
  readonly text: string;
  readonly output: Dec;
  readonly meets: boolean;
}

/** The answer of a goal seek. */
export interface GoalSeekResult {
  readonly parameter: ParameterInfo;
  readonly goal: Goal;
  readonly output: OutputRef;
  /** `smallest`: the goal holds from the answer upwards; `largest`: it holds up to the answer. */
  readonly direction: 'smallest' | 'largest';
  /** The answer: the goal holds here. */
  readonly answer: GoalPoint;
  /** One grid step beyond the answer: the goal fails here. */
  readonly beyond: GoalPoint;
  /** The scheme evaluated at the answer. */
  readonly result: SchemeResult;
  readonly evaluations: number;
  /** The grid step, as text in the parameter's units (e.g. "0.01"). */
  readonly step: string;
}

/**
 * Finds the exact parameter value at which a goal starts or stops holding.
 *
 * @example
 * // The smallest rate at which the VGR scheme without Göteborg covers its need:
 * goalSeek({ source, parameter: rate, goal: parseGoal('surplus>=0') }).answer.text // '11.72'
 */
export function goalSeek(input: GoalSeekInput): GoalSeekResult {
  const { source, parameter: p, goal } = input;
  const grid = gridOf(p.type, source.model.unit);
  const output = resolveOutput(evaluateScheme(source.model), goal.output, '--goal');
  let evaluations = 0;
  const cache = new Map<number, { point: GoalPoint; result: SchemeResult }>();
  const at = (q: number) => {
    let hit = cache.get(q);
    if (!hit) {
      const text = gridText(q, p.type);
      const result = evaluateScheme(source.variant({ [p.name]: text }));
      evaluations++;
      const value = output.read(result);
      if (value === undefined) {
        throw InputError.of(t(`${goal.output} finns inte vid ${p.name}=${text}`, `${goal.output} does not exist at ${p.name}=${text}`), { file: '--goal' }, 'E_OPTION');
      }
      hit = { point: { q, text, output: value, meets: meetsGoal(goal, value) }, result };
      cache.set(q, hit);
    }
    return hit;
  };
  const toQ = (s: string, which: string): number => {
    const d = parseParamText(s);
    if (!d) throw InputError.of(t(`${which} "${s}" är inte ett tal`, `${which} "${s}" is not a number`), { file: '--range' }, 'E_OPTION');
    return d.times(grid.scale).dividedBy(grid.step).toDecimalPlaces(0).times(grid.step).toNumber();
  };
  const [lower, upper] = boundsOf(p);
  let lo: number;
  let hi: number;
  if (input.range) {
    lo = toQ(input.range[0], 'från');
    hi = toQ(input.range[1], 'till');
    if (!(lo < hi)) throw InputError.of(t('sökintervallets början ska vara mindre än dess slut', 'the start of the search range must be below its end'), { file: '--range' }, 'E_OPTION');
  } else {
    lo = Math.ceil((lower * grid.scale) / grid.step) * grid.step;
    const start = at(lo).point.meets;
    // Expand upwards from the current value (or one step) until the goal changes.
    const current = p.value !== undefined ? parseParamText(p.value) : undefined;
    const cap = upper === Infinity ? Number.MAX_SAFE_INTEGER / 4 : Math.floor((upper * grid.scale) / grid.step) * grid.step;
    hi = Math.max(grid.step, current ? Math.ceil(current.times(grid.scale).toNumber() / grid.step) * grid.step : grid.step);
    while (hi < cap && at(Math.min(hi, cap)).point.meets === start) hi = Math.min(cap, Math.max(hi * 2, lo + grid.step));
    hi = Math.min(hi, cap);
  }
  const a = at(lo).point;
  const b = at(hi).point;
  if (a.meets === b.meets) {
    throw InputError.of(
      t(
        `målet ${goal.text} ${a.meets ? 'uppfylls' : 'uppfylls inte'} i hela intervallet ${a.text} … ${b.text} för ${p.name}`,
        `the goal ${goal.text} is ${a.meets ? 'met' : 'not met'} over the whole range ${a.text} … ${b.text} of ${p.name}`,
      ),
      { file: '--goal', hint: t('Ange ett annat intervall med --range från..till.', 'Give another range with --range from..to.') },
      'E_GOAL',
    );
  }
  // Bisection on grid steps: lo keeps a's verdict, hi the other.
  let l = lo;
  let h = hi;
  while (h - l > grid.step) {
    const mid = l + Math.floor((h - l) / grid.step / 2) * grid.step;
    if (at(mid).point.meets === a.meets) l = mid;
    else h = mid;
  }
  const direction = a.meets ? 'largest' : 'smallest';
  const answerQ = a.meets ? l : h;
  const beyondQ = a.meets ? h : l;
  return {
    parameter: p, goal, output, direction,
    answer: at(answerQ).point, beyond: at(beyondQ).point, result: at(answerQ).result,
    evaluations, step: gridText(grid.step, p.type),
  };
}
