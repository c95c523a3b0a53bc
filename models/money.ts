/**
 * Money is an integer count of öre (1/100 krona), held in a plain `number`
 * that must be a safe integer. Decimal.js is used only here, at the edge,
 * to turn what people write ("10", "9,74", "17 448 590") into öre exactly
 * and to turn öre back into decimal strings.
 */
import { Decimal } from 'decimal.js';
import { InputError, InvariantError, t } from './errors.js';

/** An amount of money in öre. Always a safe integer. */
export type Ore = number;

/** Öre per krona. */
export const ORE_PER_KRONA = 100;

// Exact arithmetic for rates and division: 40 significant digits is far more
// than any amount in öre needs, and rounding is stated where it happens.
export const Dec = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_UP, toExpNeg: -30, toExpPos: 40 });
export type Dec = Decimal;

const DECIMAL_TEXT = /^[+-]?\d+(?:[.,]\d+)?$/;

/**
 * Parses a decimal number as people write it in Sweden or in a data file:
 * `32 148`, `32\u00a0148`, `9,74`, `9.74`, `-5`. Returns `undefined` when the
 * text is not a number (the caller reports where it was).
 */
export function parseDecimal(text: string | number): Dec | undefined {
  if (typeof text === 'number') {
    return Number.isFinite(text) ? new Dec(String(text)) : undefined;
  }
  // Thousands separators: space, no-break space, narrow no-break space, thin space.
  const cleaned = text.trim().replace(/[\s\u00a0\u202f\u2009]/g, '').replace(/\u2212/g, '-');
  if (!DECIMAL_TEXT.test(cleaned)) return undefined;
  return new Dec(cleaned.replace(',', '.'));
}

/**
 * Converts kronor (a decimal) to öre. Refuses fractions of an öre: a money
 * amount in an agreement is never written finer than that.
 */
export function kronorToOre(kronor: Dec, label = 'belopp'): Ore {
  const ore = kronor.times(ORE_PER_KRONA);
  if (!ore.isInteger()) {
    throw InputError.of(
      t(`${label} ${kronor.toString()} har fler än två decimaler`, `${label} ${kronor.toString()} has more than two decimals`),
    );
  }
  return toSafeInteger(ore, label);
}

/** Parses a kronor amount written as text (or a YAML number) into öre. */
export function parseKronor(text: string | number, label = 'belopp'): Ore {
  const d = parseDecimal(text);
  if (d === undefined) {
    throw InputError.of(t(`${label} "${text}" är inte ett belopp i kronor`, `${label} "${text}" is not an amount in kronor`));
  }
  return kronorToOre(d, label);
}

/** A Decimal that must be an integer representable exactly as a `number`. */
export function toSafeInteger(d: Dec, label = 'tal'): number {
  const n = d.toNumber();
  if (!d.isInteger() || !Number.isSafeInteger(n)) {
    throw InputError.of(t(`${label} ${d.toString()} är för stort eller inte ett heltal`, `${label} ${d.toString()} is too large or not an integer`));
  }
  return n;
}

/** `1234567` öre → `"12345.67"`: the decimal string of JSON output. Exact. */
export function oreToDecimalString(ore: Ore): string {
  assertOre(ore);
  const sign = ore < 0 ? '-' : '';
  const abs = Math.abs(ore);
  const kr = Math.trunc(abs / ORE_PER_KRONA);
  const rest = abs - kr * ORE_PER_KRONA;
  return `${sign}${kr}.${rest.toString().padStart(2, '0')}`;
}

/** Öre as a Decimal number of kronor (exact). */
export function oreToKronor(ore: Ore): Dec {
  return new Dec(ore).dividedBy(ORE_PER_KRONA);
}

/** Throws an {@link InvariantError} unless `ore` is a safe integer. */
export function assertOre(ore: number): void {
  if (!Number.isSafeInteger(ore)) {
    throw new InvariantError(t(`belopp ${ore} är inte ett helt antal öre`, `amount ${ore} is not a whole number of öre`));
  }
}

/** Sum of öre amounts, checked to stay exact. */
export function sumOre(values: Iterable<Ore>): Ore {
  let s = 0;
  for (const v of values) s += v;
  assertOre(s);
  return s;
}

/**
 * An amount as Swedish text for messages and caveats, `1 500 000 kr` or
 * `831 955,49 kr` (ordinary spaces). Models do not depend on the report
 * layer's formatting.
 */
export function kronorWords(ore: Ore): string {
  const abs = Math.abs(ore);
  const kr = Math.trunc(abs / 100)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, ' ');
  const rest = abs % 100;
  return `${ore < 0 ? '−' : ''}${kr}${rest !== 0 ? `,${String(rest).padStart(2, '0')}` : ''} kr`;
}
