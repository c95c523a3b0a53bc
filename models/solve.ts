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
import { InputError, t } from './errors.js';
import { keyWeights } from './evaluate.js';
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
 * // total 400: a's share is 100 at 400 öre and 101 at 401
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
