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
