/**
 * Amount per unit: each party pays a rate times its units (10 kr × inhabitants).
 * The rate is an exact decimal of kronor; each party's amount is rounded to
 * the rounding unit half away from zero, and the rounding is reported.
 */
import { InputError, t } from './errors.js';
import { Dec, type Ore, toSafeInteger } from './money.js';

/** Rate × units for a list of parties. */
export interface PerUnitInput {
  readonly codes: readonly string[];
  /** Units per party (inhabitants, users): non-negative integers. */
  readonly units: readonly number[];
  /** Kronor per unit, exact. */
  readonly rate: Dec;
  /** Rounding unit in öre (1 or 100). */
  readonly unit?: Ore;
}

/** How one party's per-unit amount was made. */
export interface PerUnitLine {
  readonly code: string;
  readonly units: number;
  /** rate × units in öre, exact (may have a fraction of an öre). */
  readonly exact: Dec;
  /** The amount after rounding to the unit. */
  readonly amount: Ore;
  /** `amount − exact`, in öre. */
  readonly rounding: Dec;
}

/** The result of {@link amountsPerUnit}. */
export interface PerUnitResult {
  readonly rate: Dec;
  readonly unit: Ore;
  readonly lines: readonly PerUnitLine[];
  readonly total: Ore;
  readonly totalUnits: number;
}

/**
 * Each party pays `rate × units`, rounded to the unit.
 *
 * @example
 * amountsPerUnit({ codes: ['1480'], units: [587549], rate: new Dec(10), unit: 100 })
 * // Göteborg: 5 875 490 kr = 587 549 000 öre
 */
export function amountsPerUnit(input: PerUnitInput): PerUnitResult {
  const unit = input.unit ?? 1;
  if (input.rate.isNegative()) {
    throw InputError.of(t(`beloppet per enhet (${input.rate.toString()} kr) är negativt`, `the rate (${input.rate.toString()} kr) is negative`));
  }
  const rateOre = input.rate.times(100);
  let total = 0;
  let totalUnits = 0;
  const lines = input.codes.map((code, i) => {
    const units = input.units[i]!;
    if (!Number.isSafeInteger(units) || units < 0) {
      throw InputError.of(t(`antalet för ${code} (${units}) är inte ett icke-negativt heltal`, `the count for ${code} (${units}) is not a non-negative integer`));
    }
    const exact = rateOre.times(units);
    const amount = toSafeInteger(exact.dividedBy(unit).toDecimalPlaces(0, Dec.ROUND_HALF_UP).times(unit), 'belopp');
    total += amount;
    totalUnits += units;
    return { code, units, exact, amount, rounding: new Dec(amount).minus(exact) };
  });
  return { rate: input.rate, unit, lines, total, totalUnits };
}

/** The answer of {@link coveringRate}: the lowest whole-öre rate that raises a target, checked one öre below. */
export interface CoveringRate {
  /** The lowest rate in whole öre (kronor, two decimals) at which the parties raise at least the target. */
  readonly rate: Dec;
  /** What the parties raise at {@link rate}, in öre (at least the target). */
  readonly raised: Ore;
  /** One öre below {@link rate}, where the target is not reached; absent when the rate is 0. */
  readonly below?: { readonly rate: Dec; readonly raised: Ore };
}

/**
 * The lowest rate on the öre grid (0,01 kr per unit) at which `rate ×
 * units`, each party rounded to the unit as {@link amountsPerUnit} rounds,
 * raises at least `target` öre. Every party's rounded amount grows with the
 * rate, so the total does too and the answer is bracketed exactly: at
 * `(target − n·unit) ÷ units` öre per unit the parties raise less than the
 * target, at `(target + n·unit) ÷ units` at least it; bisection between.
 *
 * The break-even rate `target ÷ units` does not answer this: rounded up to
 * the öre it can still fall short (each party's rounding can go down) or
 * be one öre more than needed.
 *
 * @example
 * coveringRate({ codes, units, unit: 100 }, 3_400_000_000).rate // 9,75 kr for vgr-2022 (9,74 kr raises 10 147 kr too little)
 */
export function coveringRate(input: Omit<PerUnitInput, 'rate'>, target: Ore): CoveringRate {
  const unit = input.unit ?? 1;
  const at = (ore: bigint): Ore => amountsPerUnit({ ...input, unit, rate: new Dec(ore.toString()).dividedBy(100) }).total;
  const units = BigInt(input.units.reduce((s, u) => s + u, 0));
  if (target <= 0) return { rate: new Dec(0).toDecimalPlaces(2), raised: at(0n) };
  if (units === 0n) throw InputError.of(t('inga enheter att fördela behovet på', 'no units to raise the need from'));
  const slack = BigInt(input.units.length) * BigInt(unit);
  const T = BigInt(target);
  // at(lo) < target unless lo is 0; at(hi) ≥ target.
  let lo = T > slack ? (T - slack) / units : 0n;
  let hi = (T + slack + units - 1n) / units;
  if (at(lo) >= target) hi = lo;
  while (hi - lo > 1n) {
    const mid = (lo + hi) / 2n;
    if (at(mid) >= target) hi = mid;
    else lo = mid;
  }
  const rate = new Dec(hi.toString()).dividedBy(100);
  return { rate, raised: at(hi), ...(hi > 0n ? { below: { rate: new Dec((hi - 1n).toString()).dividedBy(100), raised: at(hi - 1n) } } : {}) };
}
