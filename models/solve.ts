/**
 * The largest total a capped split can take before any party's share exceeds
 * its cap, to the rounding unit, in exact arithmetic.
 *
 * Largest remainder is not monotone in the total (a party can lose a unit
 * when the total grows), so the answer is not found by bisection on the
 * rounded amounts alone. Instead it is bracketed exactly:
 *
 * - at or below `low = min_i floor(cap_i · W / w_i)` every exact share is at
 *   most its cap, and a share rounded up never passes a cap that is itself a
 *   whole number of units: every such total is feasible;
 * - at or above `high = min_i ceil((cap_i + unit) · W / w_i)` some party's
 *   share rounded *down* already exceeds its cap: infeasible.
 *
 * The totals in between (about `W / w_binding` units) are checked one by one
 * with the real allocation, from the top.
 */
import { allocateByWeights, type Weight } from './allocate.js';
import type { CapPolicy } from './cap-policy.js';
import { InputError, InvariantError, t } from './errors.js';
import { evaluateScheme, keyWeights } from './evaluate.js';
import { EXACT_SUM_LIMIT, schemeMagnitude } from './magnitude.js';
import type { Ore } from './money.js';
import type { SchemeModel, ShareComponent } from './scheme.js';

/** A capped split to solve for. */
export interface MaxTotalInput {
  readonly codes: readonly string[];
  readonly weights: readonly Weight[];
  /** Cap per party in öre, `undefined` for none. */
  readonly caps: readonly (Ore | undefined)[];
  /** Rounding unit in öre. */
  readonly unit?: Ore;
}

/** The answer of {@link maxTotalUnderCaps}, with what explains it. */
export interface MaxTotalResult {
  /** The largest feasible total, in öre. */
  readonly total: Ore;
  /** The party whose cap binds first: the first to exceed it at one unit more. */
  readonly binding: { readonly code: string; readonly weight: Weight; readonly cap: Ore; readonly amountAtTotal: Ore; readonly amountAtNext: Ore };
  /** Totals checked one by one between the exact bounds. */
  readonly checked: number;
  readonly unit: Ore;
  /** The sum of the weights (the binding party's share is its weight over this). */
  readonly weightTotal: bigint;
}

const MAX_SCAN = 1_000_000;

/**
 * The largest total (a whole number of units) at which no party's share
 * exceeds its cap.
 *
 * @example
 * maxTotalUnderCaps({ codes: ['a', 'b'], weights: [1, 3], caps: [100, undefined] })
 * // total 401: a's share is 100 at 401 öre (b has the larger remainder) and 101 at 402
 */
export function maxTotalUnderCaps(input: MaxTotalInput): MaxTotalResult {
  const unit = BigInt(input.unit ?? 1);
  const w = input.weights.map((x) => BigInt(x));
  const W = w.reduce((a, b) => a + b, 0n);
  const capped = input.codes.map((_, i) => i).filter((i) => input.caps[i] !== undefined && w[i]! > 0n);
  if (capped.length === 0 || W === 0n) {
    throw InputError.of(t('inget tak binder: det finns ingen part med både tak och vikt', 'no cap binds: no party has both a cap and a weight'), {}, 'E_SOLVE');
  }
  // Work in units: caps rounded down to the unit, as the allocation does.
  const capUnits = (i: number) => BigInt(input.caps[i]!) / unit;
  let low: bigint | undefined;
  let high: bigint | undefined;
  for (const i of capped) {
    const lo = (capUnits(i) * W) / w[i]!;
    const hiNum = (capUnits(i) + 1n) * W;
    const hi = (hiNum + w[i]! - 1n) / w[i]!;
    if (low === undefined || lo < low) low = lo;
    if (high === undefined || hi < high) high = hi;
  }
  if (high! * unit > BigInt(Number.MAX_SAFE_INTEGER)) {
    throw InputError.of(
      t('det största totalbeloppet under taken ligger bortom vad andel kan räkna exakt med', 'the largest total under the caps lies beyond what andel can compute exactly'),
      { hint: t('Taket är orimligt stort för fördelningsnyckeln.', 'The cap is unreasonably large for the key.') },
      'E_SOLVE',
    );
  }
  if (high! - low! > BigInt(MAX_SCAN)) {
    throw InputError.of(t('för många kandidater att pröva: vikterna är orimligt ojämna', 'too many candidates to check: the weights are unreasonably uneven'), {}, 'E_SOLVE');
  }
  const feasible = (units: bigint) => {
    const a = allocateByWeights({ total: Number(units * unit), codes: input.codes, weights: input.weights, unit: Number(unit) });
    return { ok: capped.every((i) => a.lines[i]!.amount <= input.caps[i]!), a };
  };
  let checked = 0;
  let best = low!;
  for (let u = high! - 1n; u > low!; u--) {
    checked++;
    if (feasible(u).ok) {
      best = u;
      break;
    }
  }
  const at = feasible(best).a;
  const next = allocateByWeights({ total: Number((best + 1n) * unit), codes: input.codes, weights: input.weights, unit: Number(unit) });
  // The binding party: the one over its cap at one unit more (lowest code if several).
  const over = capped.filter((i) => next.lines[i]!.amount > input.caps[i]!).sort((a, b) => (input.codes[a]! < input.codes[b]! ? -1 : 1));
  const b = over[0] ?? capped[0]!;
  return {
    total: Number(best * unit),
    binding: { code: input.codes[b]!, weight: input.weights[b]!, cap: input.caps[b]!, amountAtTotal: at.lines[b]!.amount, amountAtNext: next.lines[b]!.amount },
    checked,
    unit: Number(unit),
    weightTotal: W,
  };
}

/**
 * The largest total of one capped share component of a scheme: its key's
 * weights, its cap on the parties the cap covers.
 *
 * @example maxComponentTotal(model, licence).total // 1 501 577,88 kr for sthlm-2020, in öre
 */
export function maxComponentTotal(scheme: SchemeModel, component: ShareComponent): MaxTotalResult {
  const cap = component.cap;
  if (!cap) {
    throw InputError.of(t(`komponenten ${component.id} har inget tak`, `component ${component.id} has no cap`), {}, 'E_SOLVE');
  }
  const capped = new Set(cap.parties);
  return maxTotalUnderCaps({
    codes: component.parties,
    weights: keyWeights(component.key, component.parties, scheme, component.id),
    caps: component.parties.map((code) => (capped.has(code) ? cap.amount : undefined)),
    unit: scheme.unit,
  });
}

/** A capped component's figures in a real evaluation of the scheme at one total. */
export interface CapFigures {
  /** The component's total, in öre. */
  readonly total: Ore;
  /** Parties whose cap binds. */
  readonly capped: readonly string[];
  readonly heldBack: Ore;
  readonly carried: Ore;
  readonly uncovered: Ore;
}

/** The figures at an answer and at one rounding unit above it, from {@link evaluateScheme}. */
export interface CapCheck {
  readonly atTotal: CapFigures;
  readonly atNext: CapFigures;
}

interface CapacityCommon {
  readonly component: ShareComponent;
  readonly policy: CapPolicy;
  /**
   * The largest total at which no party's share reaches past its cap, with
   * the check that one unit more caps a party. Absent only when it cannot be
   * bracketed and is not the answer ({@link maxTotalUnderCaps} refuses).
   */
  readonly firstCap?: MaxTotalResult & { readonly check: CapCheck };
}

/**
 * What `solve … max-<component>-total` answers, by the cap's policy:
 *
 * - `before-carrier` (policy `carrier`): nothing is ever left uncovered, the
 *   carrier takes whatever the caps hold back, so the answer is the largest
 *   total before the carrier must carry anything (= `firstCap`);
 * - `nothing-uncovered`: the largest total at which nothing is left
 *   uncovered. Under `uncovered` that is the largest total before any party
 *   is capped (= `firstCap`); under `redistribute`, when every party that
 *   takes a share has a cap, it is the sum of their caps (the others take
 *   over what a capped party cannot carry until every one pays its cap);
 * - `unbounded` (policy `redistribute` with a party that has no cap): that
 *   party takes over whatever the caps hold back, so no total leaves anything
 *   uncovered; `firstCap` says when the first cap binds.
 */
export type ComponentCapacity = CapacityCommon &
  (
    | { readonly kind: 'before-carrier'; readonly total: Ore; readonly check: CapCheck }
    | {
        readonly kind: 'nothing-uncovered';
        readonly total: Ore;
        readonly check: CapCheck;
        /** Every party that takes a share pays its cap at the answer (redistribute): `sharing` of them. */
        readonly everyPartyCapped: boolean;
        /** How many parties take a share (a positive weight). */
        readonly sharing: number;
      }
    | { readonly kind: 'unbounded'; readonly uncapped: readonly string[] }
  );

/**
 * The largest total of a capped share component under its cap policy (see
 * {@link ComponentCapacity}), every answer checked with a real evaluation of
 * the scheme at the answer and one rounding unit above it.
 *
 * @example
 * componentCapacity(sthlm, licence) // region carries: 1 501 577,88 kr; redistribute: 26 × 615 312 = 15 998 112,00 kr
 */
export function componentCapacity(scheme: SchemeModel, component: ShareComponent): ComponentCapacity {
  const cap = component.cap;
  if (!cap) {
    throw InputError.of(t(`komponenten ${component.id} har inget tak`, `component ${component.id} has no cap`), {}, 'E_SOLVE');
  }
  if (component.floors && Object.keys(component.floors).length > 0) {
    throw InputError.of(
      t(`komponenten ${component.id} har golv, och solve räknar bara med tak`, `component ${component.id} has floors, and solve only accounts for caps`),
      { hint: t(`Använd goal-seek, t.ex. --goal "${component.id}.heldBack<=0".`, `Use goal-seek, e.g. --goal "${component.id}.heldBack<=0".`) },
      'E_SOLVE',
    );
  }
  const unit = scheme.unit;
  const policy = cap.policy;
  const at = (total: Ore) => capFigures(scheme, component, total);
  const checked = (total: Ore, holds: (f: CapFigures) => boolean, breaks: (f: CapFigures) => boolean, what: string): CapCheck => {
    if (!exactAt(scheme, component, total + unit)) throw beyondExact(component);
    const check = { atTotal: at(total), atNext: at(total + unit) };
    if (!holds(check.atTotal) || !breaks(check.atNext)) {
      throw new InvariantError(t(`solve: svaret ${total} öre för ${component.id} håller inte vid en beräkning (${what})`, `solve: the answer ${total} öre for ${component.id} does not hold in an evaluation (${what})`));
    }
    return check;
  };
  const first = (): CapacityCommon['firstCap'] => {
    const r = maxComponentTotal(scheme, component);
    return { ...r, check: checked(r.total, (f) => f.capped.length === 0, (f) => f.capped.length > 0, 'first cap') };
  };
  if (policy.kind === 'carrier') {
    const firstCap = first()!;
    const check = checked(firstCap.total, (f) => f.carried === 0, (f) => f.carried > 0, 'carried');
    return { component, policy, firstCap, kind: 'before-carrier', total: firstCap.total, check };
  }
  if (policy.kind === 'uncovered') {
    const firstCap = first()!;
    const check = checked(firstCap.total, (f) => f.uncovered === 0, (f) => f.uncovered > 0, 'uncovered');
    return { component, policy, firstCap, kind: 'nothing-uncovered', total: firstCap.total, check, everyPartyCapped: false, sharing: sharingParties(scheme, component).length };
  }
  // Redistribute: a party with a share and no cap takes over whatever the caps hold back.
  const capParties = new Set(cap.parties);
  const sharing = sharingParties(scheme, component);
  const uncapped = sharing.filter((code) => !capParties.has(code));
  let firstCap: CapacityCommon['firstCap'];
  try {
    firstCap = first();
  } catch (e) {
    // The first cap cannot be bracketed (weights too uneven, no party with a weight): it is not the answer here, so the answer goes without it.
    if (!(e instanceof InputError)) throw e;
  }
  if (uncapped.length > 0) return { component, policy, ...(firstCap ? { firstCap } : {}), kind: 'unbounded', uncapped };
  // Every sharing party capped: the water-filling places every unit up to the sum of the caps (each rounded down to the unit, as the split does).
  const sum = BigInt(sharing.length) * BigInt(Math.floor(cap.amount / unit) * unit);
  if (sum + BigInt(unit) > BigInt(Number.MAX_SAFE_INTEGER)) throw beyondExact(component);
  const total = Number(sum);
  const check = checked(total, (f) => f.uncovered === 0, (f) => f.uncovered > 0, 'uncovered');
  return { component, policy, ...(firstCap ? { firstCap } : {}), kind: 'nothing-uncovered', total, check, everyPartyCapped: true, sharing: sharing.length };
}

/** The parties of a component that take a share: a positive weight in its key. */
function sharingParties(scheme: SchemeModel, component: ShareComponent): string[] {
  const weights = keyWeights(component.key, component.parties, scheme, component.id);
  return component.parties.filter((_, i) => BigInt(weights[i]!) > 0n);
}

/** Whether the scheme, with the component's total set to `total`, can be evaluated exactly. */
function exactAt(scheme: SchemeModel, component: ShareComponent, total: Ore): boolean {
  return Number.isSafeInteger(total) && schemeMagnitude(withTotal(scheme, component, total)).lessThanOrEqualTo(EXACT_SUM_LIMIT);
}

function beyondExact(component: ShareComponent): InputError {
  return InputError.of(
    t(`det största totalbeloppet för ${component.id} ligger bortom vad andel kan räkna exakt med`, `the largest total of ${component.id} lies beyond what andel can compute exactly`),
    { hint: t('Taket är orimligt stort för fördelningsnyckeln.', 'The cap is unreasonably large for the key.') },
    'E_SOLVE',
  );
}

function withTotal(scheme: SchemeModel, component: ShareComponent, total: Ore): SchemeModel {
  return { ...scheme, components: scheme.components.map((c) => (c.id === component.id ? { ...component, total } : c)) };
}

function capFigures(scheme: SchemeModel, component: ShareComponent, total: Ore): CapFigures {
  const r = evaluateScheme(withTotal(scheme, component, total)).components.find((c) => c.component.id === component.id)!;
  const b = r.bounded!;
  return { total, capped: b.capped, heldBack: b.reconciliation.heldBack, carried: b.reconciliation.carried, uncovered: b.reconciliation.uncovered };
}
