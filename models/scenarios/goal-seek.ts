/**
 * Goal seek: the parameter value at which a goal starts (or stops) being
 * met, found by bisection on the parameter's exact grid (öre, for money and
 * rates). Every step is a full evaluation of the scheme, so the answer is
 * exact: the goal holds at the answer and fails one grid step away, and the
 * result shows both.
 *
 * An equality goal (`0381=100000`) holds on an interval, not from a point
 * on: both of its ends are sought (where the output reaches the target, and
 * where it passes it), each shown with the value one step outside that
 * fails. When rounding jumps over the target, the answer is the two
 * neighbouring values on either side of it.
 *
 * The output must be monotone in the parameter over the range (a party's
 * share grows with the total, the surplus with the rate); the search checks
 * the two ends and refuses a range where the goal does not change. Without
 * `--range` the range is derived from the scheme: from the parameter's lower
 * bound up to the largest value at which the scheme can still be computed
 * exactly (see {@link exactCeiling}).
 */
import { capPolicyText } from '../cap-policy.js';
import { InputError, type Text, t } from '../errors.js';
import { type SchemeResult, evaluateScheme } from '../evaluate.js';
import { EXACT_SUM_LIMIT, schemeMagnitude } from '../magnitude.js';
import { Dec, type Ore, kronorWords } from '../money.js';
import type { Component } from '../scheme.js';
import { type Goal, type OutputRef, meetsGoal, resolveOutput } from './outputs.js';
import { type ParamGrid, type ParameterInfo, type VariantSource, boundsOf, gridOf, gridText, parseParamText } from './source.js';

/** What to seek. */
export interface GoalSeekInput {
  readonly source: VariantSource;
  readonly parameter: ParameterInfo;
  readonly goal: Goal;
  /** Search range in the parameter's written units; default derived from the scheme (see {@link exactCeiling}). */
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

/** The range a goal seek searched, as `--set` takes its ends. */
export interface SearchRange {
  readonly from: string;
  readonly to: string;
  /** Derived from the scheme (no `--range`). */
  readonly derived: boolean;
  /** The end is the largest value at which the scheme can be computed exactly (a derived range that went all the way). */
  readonly toIsLimit: boolean;
}

interface GoalSeekCommon {
  readonly parameter: ParameterInfo;
  readonly goal: Goal;
  readonly output: OutputRef;
  /** The range searched: the answer holds within it. */
  readonly range: SearchRange;
  readonly evaluations: number;
  /** The grid step, as text in the parameter's units (e.g. "0.01"). */
  readonly step: string;
}

/** The answer to an inequality goal (`>=`, `<=`, `>`, `<`): where it starts or stops holding. */
export interface GoalSeekResult extends GoalSeekCommon {
  readonly kind: 'threshold';
  /** `smallest`: the goal holds from the answer upwards; `largest`: it holds up to the answer. */
  readonly direction: 'smallest' | 'largest';
  /** The answer: the goal holds here. */
  readonly answer: GoalPoint;
  /** One grid step beyond the answer: the goal fails here. */
  readonly beyond: GoalPoint;
  /** The scheme evaluated at the answer. */
  readonly result: SchemeResult;
}

/** The answer to an equality goal that is met: the values from `first` to `last` give exactly the target. */
export interface GoalSeekInterval extends GoalSeekCommon {
  readonly kind: 'interval';
  readonly first: GoalPoint;
  readonly last: GoalPoint;
  /** One step below `first`: the goal fails here. Absent when `first` is the start of the range. */
  readonly before?: GoalPoint;
  /** One step above `last`: the goal fails here. Absent when `last` is the end of the range. */
  readonly after?: GoalPoint;
  /** The scheme evaluated at `first`. */
  readonly result: SchemeResult;
}

/** The answer to an equality goal that rounding makes unreachable: two neighbouring values, the output below the target at one and above it at the other. */
export interface GoalSeekNearest extends GoalSeekCommon {
  readonly kind: 'nearest';
  /** The lower parameter value of the two. */
  readonly lower: GoalPoint;
  /** One grid step above `lower`. */
  readonly upper: GoalPoint;
  /** The scheme evaluated at `lower`. */
  readonly result: SchemeResult;
}

/** Any answer of {@link goalSeekAnswer}. */
export type GoalSeekAnswer = GoalSeekResult | GoalSeekInterval | GoalSeekNearest;

// A calendar year has four digits: a date after 9999 cannot be written.
const LAST_YEAR = 9999;

/**
 * The largest grid value of a parameter at which the scheme can be computed
 * exactly: the scheme accepts the value (a number of years within 1–50, say)
 * and {@link schemeMagnitude} stays within {@link EXACT_SUM_LIMIT}, so no sum
 * of öre leaves the integers a `number` holds exactly. It is also the top of
 * a goal seek's default range, and large enough for any goal that can be
 * reached at all: every money output is at most the magnitude, so a target
 * beyond it is out of reach at any value andel can compute.
 *
 * Found by doubling from `start` and bisecting to the grid step, on the
 * resolved scheme only (no evaluation). A scheme's money figures grow with
 * each of its parameters (a total, a rate, a budget, an index), so the values
 * that fit are those up to the ceiling. Returns `undefined` when not even
 * `start` fits.
 */
export function exactCeiling(source: VariantSource, p: ParameterInfo, start: number): number | undefined {
  const grid = gridOf(p.type, source.model.unit);
  const [, upper] = boundsOf(p);
  const top = floorToStep(Math.min(Number.MAX_SAFE_INTEGER, upper === Infinity ? Infinity : upper * grid.scale, p.type === 'year' ? LAST_YEAR : Infinity), grid);
  const fits = (q: number) => fitsExactly(source, p, q);
  let good = Math.min(start, top);
  if (!fits(good)) return undefined;
  if (fits(top)) return top;
  let bad = top;
  for (let next = good * 2 || grid.step; next < bad; next = good * 2 || grid.step) {
    if (fits(next)) good = next;
    else bad = next;
  }
  while (bad - good > grid.step) {
    const mid = midpoint(good, bad, grid);
    if (fits(mid)) good = mid;
    else bad = mid;
  }
  return good;
}

function fitsExactly(source: VariantSource, p: ParameterInfo, q: number): boolean {
  return exactAt(source, p, q) === true;
}

/** Whether the scheme can be computed exactly at a grid value: `true`, `false` when its amounts grow too large, or the InputError with which it refuses the value (a number of years above 50, an amount too large to hold in öre). */
function exactAt(source: VariantSource, p: ParameterInfo, q: number): boolean | InputError {
  try {
    return schemeMagnitude(source.variant({ [p.name]: gridText(q, p.type) })).lessThanOrEqualTo(EXACT_SUM_LIMIT);
  } catch (e) {
    if (e instanceof InputError) return e;
    throw e;
  }
}

function floorToStep(x: number, grid: ParamGrid): number {
  return Math.floor(x / grid.step) * grid.step;
}

function midpoint(l: number, h: number, grid: ParamGrid): number {
  return l + Math.floor((h - l) / grid.step / 2) * grid.step;
}

interface Evaluated {
  readonly point: GoalPoint;
  readonly result: SchemeResult;
}

/**
 * Finds the exact parameter value at which an inequality goal starts or
 * stops holding. An equality goal (`=`) is answered here by the end of its
 * interval that has a failing neighbour (use {@link goalSeekAnswer} for the
 * whole interval), and refused when rounding makes it unreachable.
 *
 * @example
 * // The smallest rate at which the VGR scheme without Göteborg covers its need:
 * goalSeek({ source, parameter: rate, goal: parseGoal('surplus>=0') }).answer.text // '11.72'
 */
export function goalSeek(input: GoalSeekInput): GoalSeekResult {
  const a = goalSeekAnswer(input);
  if (a.kind === 'threshold') return a;
  if (a.kind === 'interval') {
    const { kind: _, first, last, before, after, result, ...common } = a;
    return before
      ? { ...common, kind: 'threshold', direction: 'smallest', answer: first, beyond: before, result }
      : { ...common, kind: 'threshold', direction: 'largest', answer: last, beyond: after!, result };
  }
  throw InputError.of(nearestText(a), { file: '--goal' }, 'E_GOAL');
}

/**
 * Answers a goal: for an inequality, the value at which it starts or stops
 * holding ({@link GoalSeekResult}); for an equality, the interval of values
 * at which the output is exactly the target ({@link GoalSeekInterval}), or
 * the two neighbouring values on either side of it when rounding jumps over
 * it ({@link GoalSeekNearest}). Refuses with an {@link InputError} that says
 * why when the goal does not change over the range (naming the cap when a
 * cap is what holds a party's figure back).
 *
 * @example
 * // The licence totals at which Uppsala kommun pays exactly 1 000 000 kr:
 * goalSeekAnswer({ source, parameter: total, goal: parseGoal('0380=1000000') }) // { kind: 'interval', first, last, before, after }
 */
export function goalSeekAnswer(input: GoalSeekInput): GoalSeekAnswer {
  const { source, parameter: p, goal } = input;
  const grid = gridOf(p.type, source.model.unit);
  const output = resolveOutput(evaluateScheme(source.model), goal.output, '--goal');
  let evaluations = 0;
  const cache = new Map<number, Evaluated | InputError>();
  // Evaluates at a grid value; an input the scheme refuses there comes back as a value.
  const tryAt = (q: number): Evaluated | InputError => {
    let hit = cache.get(q);
    if (hit === undefined) {
      const text = gridText(q, p.type);
      let result: SchemeResult;
      try {
        result = evaluateScheme(source.variant({ [p.name]: text }));
      } catch (e) {
        if (!(e instanceof InputError)) throw e;
        cache.set(q, e);
        return e;
      }
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
  const at = (q: number): Evaluated => {
    const hit = tryAt(q);
    if (hit instanceof InputError) throw notComputable(p, gridText(q, p.type), hit, input.range !== undefined);
    return hit;
  };
  const point = (q: number) => at(q).point;

  const lower = Math.ceil((boundsOf(p)[0] * grid.scale) / grid.step) * grid.step;
  let lo: number;
  let hi: number;
  let toIsLimit = false;
  if (input.range) {
    lo = rangeEnd(input.range[0], 'från', p, grid, source);
    hi = rangeEnd(input.range[1], 'till', p, grid, source);
    if (!(lo < hi)) throw InputError.of(t('sökintervallets början ska vara mindre än dess slut', 'the start of the search range must be below its end'), { file: '--range' }, 'E_OPTION');
  } else {
    const current = p.value !== undefined ? parseParamText(p.value) : undefined;
    const currentQ = current && current.greaterThanOrEqualTo(0) ? Math.max(lower, floorToStep(Math.min(Number.MAX_SAFE_INTEGER, current.times(grid.scale).toNumber()), grid)) : lower;
    lo = lowestComputable(lower, currentQ, tryAt, grid) ?? lower;
    const ceiling = exactCeiling(source, p, Math.max(lo, currentQ));
    if (ceiling === undefined || ceiling <= lo) {
      throw InputError.of(
        t(
          `schemat kan inte beräknas exakt för något ${p.name} från ${gridText(lo, p.type)} och uppåt: dess belopp blir för stora`,
          `the scheme cannot be computed exactly for any ${p.name} from ${gridText(lo, p.type)} up: its amounts grow too large`,
        ),
        { file: '--param', hint: t('Ange ett sökintervall med --range från..till.', 'Give a search range with --range from..to.') },
        'E_GOAL',
      );
    }
    // Expand upwards from the current value (or one step), doubling, until the goal changes.
    hi = Math.min(ceiling, Math.max(lo + grid.step, currentQ, grid.step));
    while (hi < ceiling && !changed(point(lo), point(hi), goal)) hi = Math.min(ceiling, Math.max(hi * 2, lo + grid.step));
    toIsLimit = hi === ceiling;
  }
  const a = point(lo);
  const b = point(hi);
  const range: SearchRange = { from: a.text, to: b.text, derived: !input.range, toIsLimit };
  const common = () => ({ parameter: p, goal, output, range, evaluations, step: gridText(grid.step, p.type) });
  // The last grid values that keep `lo`'s verdict and that take `hi`'s, between them.
  const bisect = (l: number, h: number, same: (x: GoalPoint) => boolean): [number, number] => {
    while (h - l > grid.step) {
      const mid = midpoint(l, h, grid);
      if (same(point(mid))) l = mid;
      else h = mid;
    }
    return [l, h];
  };

  if (goal.op !== '=') {
    if (a.meets === b.meets) throw unchanged(goal, p, a, b, at(hi).result, output, range, source);
    const [l, h] = bisect(lo, hi, (x) => x.meets === a.meets);
    const answerQ = a.meets ? l : h;
    const beyondQ = a.meets ? h : l;
    return { ...common(), kind: 'threshold', direction: a.meets ? 'largest' : 'smallest', answer: point(answerQ), beyond: point(beyondQ), result: at(answerQ).result };
  }

  // Equality: which side of the target the output is on (−1, 0 met, 1).
  const side = (x: GoalPoint) => x.output.comparedTo(goal.target);
  const sLo = side(a);
  const sHi = side(b);
  if (sLo === sHi) throw unchanged(goal, p, a, b, at(hi).result, output, range, source);
  // The last value where the goal holds, from a value where it holds up to `hi`.
  const lastFrom = (q: number): { last: GoalPoint; after?: GoalPoint } => {
    if (sHi === 0) return { last: b };
    const [l, h] = bisect(q, hi, (x) => x.meets);
    return { last: point(l), after: point(h) };
  };
  if (sLo === 0) return { ...common(), kind: 'interval', first: a, ...lastFrom(lo), result: at(lo).result };
  const [l, h] = bisect(lo, hi, (x) => side(x) === sLo);
  const reached = point(h);
  if (side(reached) !== 0) return { ...common(), kind: 'nearest', lower: point(l), upper: reached, result: at(l).result };
  return { ...common(), kind: 'interval', first: reached, before: point(l), ...lastFrom(h), result: at(h).result };
}

/** Whether the search has found the other side of the goal: the verdict changed, or for `=`, the output passed the target. */
function changed(a: GoalPoint, b: GoalPoint, goal: Goal): boolean {
  if (goal.op !== '=') return a.meets !== b.meets;
  const sa = a.output.comparedTo(goal.target);
  const sb = b.output.comparedTo(goal.target);
  return sa === 0 ? sb !== 0 : sb === -sa;
}

/**
 * Without `--range`, the search starts at the parameter's lower bound; when
 * the scheme cannot be computed there (floors above the total, zero years),
 * it starts at the lowest value between there and the current value at which
 * it can.
 */
function lowestComputable(lower: number, current: number, tryAt: (q: number) => Evaluated | InputError, grid: ParamGrid): number | undefined {
  if (!(tryAt(lower) instanceof InputError)) return lower;
  if (current <= lower || tryAt(current) instanceof InputError) return undefined;
  let bad = lower;
  let good = current;
  while (good - bad > grid.step) {
    const mid = midpoint(bad, good, grid);
    if (tryAt(mid) instanceof InputError) bad = mid;
    else good = mid;
  }
  return good;
}

/** One end of `--range` on the grid, checked against the parameter's bounds and what can be computed exactly. */
function rangeEnd(text: string, which: 'från' | 'till', p: ParameterInfo, grid: ParamGrid, source: VariantSource): number {
  const en = which === 'från' ? 'from' : 'to';
  const d = parseParamText(text);
  if (!d) throw InputError.of(t(`${which} "${text}" är inte ett tal`, `${en} "${text}" is not a number`), { file: '--range' }, 'E_OPTION');
  const [lo, hi] = boundsOf(p);
  if (d.lessThan(lo) || d.greaterThan(hi)) {
    const bounds = `${lo} … ${hi === Infinity ? '∞' : hi}`;
    throw InputError.of(t(`${which} ${text} ligger utanför ${p.name}s gränser ${bounds}`, `${en} ${text} is outside the bounds of ${p.name}, ${bounds}`), { file: '--range' }, 'E_OPTION');
  }
  const q = d.times(grid.scale).dividedBy(grid.step).toDecimalPlaces(0).times(grid.step);
  const exact = q.greaterThan(Number.MAX_SAFE_INTEGER) ? false : exactAt(source, p, q.toNumber());
  if (exact instanceof InputError) throw notComputable(p, text, exact, true);
  if (!exact) {
    const ceiling = exactCeiling(source, p, 0);
    const most = ceiling !== undefined ? t(`; högst ${gridText(ceiling, p.type)}`, `; at most ${gridText(ceiling, p.type)}`) : t('', '');
    throw InputError.of(
      t(
        `${which} ${text} är för stort: vid ${p.name} = ${text} kan schemat inte beräknas exakt${most.sv}`,
        `${en} ${text} is too large: at ${p.name} = ${text} the scheme cannot be computed exactly${most.en}`,
      ),
      { file: '--range' },
      'E_OPTION',
    );
  }
  return q.toNumber();
}

/** An evaluation inside the search failed: say at which value, and why. */
function notComputable(p: ParameterInfo, text: string, cause: InputError, given: boolean): InputError {
  return InputError.of(
    t(`vid ${p.name} = ${text} kan schemat inte beräknas: ${cause.describe('sv')}`, `at ${p.name} = ${text} the scheme cannot be computed: ${cause.describe('en')}`),
    {
      file: given ? '--range' : '--param',
      hint: t('Ange ett sökintervall där schemat går att beräkna med --range från..till.', 'Give a search range in which the scheme can be computed with --range from..to.'),
    },
    'E_GOAL',
  );
}

/** The goal has the same verdict at both ends of the range: refuse, and name a cap that holds the figure back when one does. */
function unchanged(goal: Goal, p: ParameterInfo, a: GoalPoint, b: GoalPoint, top: SchemeResult, output: OutputRef, range: SearchRange, source: VariantSource): InputError {
  const met = a.meets && b.meets;
  const limit = range.toIsLimit ? t(', upp till det största värde som schemat kan beräknas exakt vid', ', up to the largest value at which the scheme can be computed exactly') : t('', '');
  const searched = t(`sökt i ${p.name} = ${valueText(a.text, p)} … ${valueText(b.text, p)}${limit.sv}`, `searched ${p.name} = ${a.text} … ${b.text}${limit.en}`);
  const cap = met ? undefined : capHoldsBack(goal, b, top, output, source, p);
  if (cap) {
    return InputError.of(
      t(`målet ${goal.text} kan inte nås: ${cap.message.sv} (${searched.sv})`, `the goal ${goal.text} cannot be met: ${cap.message.en} (${searched.en})`),
      { file: '--goal', hint: cap.hint },
      'E_GOAL',
    );
  }
  return InputError.of(
    t(
      `målet ${goal.text} ${met ? 'uppfylls' : 'uppfylls inte'} i hela intervallet ${valueText(a.text, p)} … ${valueText(b.text, p)} för ${p.name}${limit.sv}`,
      `the goal ${goal.text} is ${met ? 'met' : 'not met'} over the whole range ${a.text} … ${b.text} of ${p.name}${limit.en}`,
    ),
    {
      file: '--goal',
      hint:
        range.derived && !met && range.toIsLimit
          ? t('Målet nås inte vid något värde som går att beräkna.', 'The goal is not reached at any value that can be computed.')
          : t('Ange ett annat intervall med --range från..till.', 'Give another range with --range from..to.'),
    },
    'E_GOAL',
  );
}

/**
 * Whether a cap is why the goal is not reached: at the top of the range the
 * output's figure is held at a cap (a party paying its cap, or every party of
 * a component paying its cap and the rest left uncovered) and the goal wants
 * more.
 */
function capHoldsBack(goal: Goal, top: GoalPoint, result: SchemeResult, output: OutputRef, source: VariantSource, p: ParameterInfo): { message: Text; hint: Text } | undefined {
  // A count (how many parties the cap binds) or a share before the cap is not held back by the cap.
  if (output.unit === 'count' || output.name.endsWith('.beforeCap')) return undefined;
  const c = top.output.comparedTo(goal.target);
  const wantsMore = goal.op === '>' ? c <= 0 : (goal.op === '>=' || goal.op === '=') && c < 0;
  if (!wantsMore) return undefined;
  const capParam = (component: string) =>
    Object.entries(source.uses).find(([, uses]) => uses.some((u) => u.where === 'component' && u.component === component && u.field === 'cap.amount'))?.[0];
  const raise = (component: string) => {
    const name = capParam(component);
    return name && name !== p.name ? t(`, eller höj taket (parametern ${name})`, `, or raise the cap (the parameter ${name})`) : t('', '');
  };
  const carriedBy = (r: SchemeResult['components'][number]): Text => capPolicyText(r.bounded!.policy, 'sentence');
  if (output.party !== undefined) {
    const code = output.party;
    const party = result.parties.find((x) => x.party.code === code);
    const held = result.components.filter(
      (r) => r.bounded && (output.component === undefined || r.component.id === output.component) && r.bounded.lines.some((l) => l.code === code && l.capApplied),
    );
    if (!party || held.length === 0) return undefined;
    const who = `${party.party.name} (${code})`;
    const caps = (sv: boolean) => held.map((r) => `${sv ? 'taket i' : 'the cap in'} ${r.component.label}, ${capText(r.component, r.bounded!.lines.find((l) => l.code === code)!.cap!, sv)}`).join(sv ? ' och ' : ' and ');
    const first = held[0]!;
    return {
      message: t(`${who} betalar aldrig mer än ${caps(true)}`, `${who} never pays more than ${caps(false)}`),
      hint: t(
        `${carriedBy(first).sv}. Sätt ett mål som ryms under taket${raise(first.component.id).sv}.`,
        `${carriedBy(first).en}. Set a goal the cap leaves room for${raise(first.component.id).en}.`,
      ),
    };
  }
  // A component's, the scheme's or the financing's figure: held back only when every party that takes a share pays its cap.
  const full = result.components.filter(
    (r) =>
      r.bounded &&
      (output.component === undefined || r.component.id === output.component) &&
      r.bounded.reconciliation.uncovered > 0 &&
      r.bounded.lines.every((l) => BigInt(l.weight) === 0n || l.capApplied),
  );
  const first = full[0];
  if (!first || (output.component === undefined && !['total', 'raised', 'surplus'].includes(output.name))) return undefined;
  const cap = first.bounded!.lines.find((l) => l.cap !== undefined)!.cap!;
  const uncovered = kronorWords(first.bounded!.reconciliation.uncovered);
  return {
    message: t(
      `taket i ${first.component.label}, ${capText(first.component, cap, true)} per part, binder för alla parter; vid ${p.name} = ${valueText(top.text, p)} lämnas ${uncovered} ej täckt`,
      `the cap in ${first.component.label}, ${capText(first.component, cap, false)} per party, binds for every party; at ${p.name} = ${top.text} ${uncovered} is left uncovered`,
    ),
    hint: t(`Sätt ett mål som ryms under taken${raise(first.component.id).sv}.`, `Set a goal the caps leave room for${raise(first.component.id).en}.`),
  };
}

function nearestText(a: GoalSeekNearest): Text {
  const { goal, parameter: p, lower, upper } = a;
  const value = (x: GoalPoint) => (a.output.unit === 'kr' ? kronorWords(x.output.times(100).toNumber()) : x.output.toString());
  return t(
    `målet ${goal.text} nås inte exakt i steg om ${valueText(a.step, p)}: vid ${p.name} = ${valueText(lower.text, p)} är ${goal.output} ${value(lower)}, vid ${valueText(upper.text, p)} ${value(upper)}`,
    `the goal ${goal.text} is not reached exactly in steps of ${a.step}: at ${p.name} = ${lower.text} ${goal.output} is ${value(lower)}, at ${upper.text} ${value(upper)}`,
  );
}

/**
 * A parameter value (its grid text, `1500000.00`) as Swedish text for a
 * message: money and rates in kronor (`1 500 000 kr`, `8,50 kr`), other
 * numbers with a decimal comma. The English message keeps the grid text.
 */
function valueText(text: string, p: ParameterInfo): string {
  if (p.type === 'money' || p.type === 'rate') {
    const ore = new Dec(text).times(100);
    if (ore.isInteger()) return kronorWords(ore.toNumber());
  }
  return text.replace('.', ',').replace('-', '−');
}

/**
 * An amount as Swedish text for messages, `1 500 000 kr` or `831 955,49 kr`
 * (ordinary spaces: a message goes to a terminal). Models do not depend on
 * the report layer's formatting, and this is all a message needs.
 */
/** A party's cap (the period amount the model computes with), and the yearly figure beside it for a cap per year: `8 000 000 kr (2 000 000 kr per år)`. */
function capText(c: Component, cap: Ore, sv: boolean): string {
  const n = c.kind === 'share' ? (c.years?.length ?? 0) : 0;
  if (c.kind !== 'share' || c.cap?.per !== 'year' || n === 0) return kronorWords(cap);
  return n === 1 ? `${kronorWords(cap)} ${sv ? 'per år' : 'a year'}` : `${kronorWords(cap)} (${kronorWords(cap / n)} ${sv ? 'per år' : 'a year'})`;
}

