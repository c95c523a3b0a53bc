/**
 * Counts of people (inhabitants, users) as they are written in Swedish files:
 * `32148`, `32 148`, `32\u00a0148`. A count is a whole number of people, so a
 * decimal, a negative or an absurd figure is refused with the text as found,
 * never rounded or clamped: a wrong count would silently move money.
 */
import { t, type Text } from '../models/errors.js';
import { parseDecimal } from '../models/money.js';

/** The largest population a municipality could plausibly have (Sweden has about 10.5 million). */
export const MAX_POPULATION = 20_000_000;

/** A parsed count, or what is wrong with it. */
export type CountResult =
  | { readonly ok: true; readonly value: number }
  | { readonly ok: false; readonly message: Text; readonly hint?: Text };

// Digits grouped by threes with a space, no-break space, narrow no-break space
// or thin space — what Excel and SCB write with Swedish settings.
const GROUPED = /^[+\-\u2212]?\d{1,3}(?:[ \u00a0\u202f\u2009]\d{3})+$/;
const PLAIN = /^[+\-\u2212]?\d+(?:[.,]\d+)?$/;
const FOREIGN_GROUPING = /^\d{1,3}(?:([.,])\d{3})(?:\1\d{3})*$/;

/**
 * Parses a count of people.
 *
 * @param raw - the cell as found (a spreadsheet may give a number).
 * @param what - the noun for messages, e.g. `t('folkmängd', 'population')`.
 * @param max - the largest plausible value (inclusive).
 * @example
 * ```ts
 * parseCount('32 148', t('folkmängd', 'population'), MAX_POPULATION); // { ok: true, value: 32148 }
 * parseCount('abc', t('folkmängd', 'population'), MAX_POPULATION).message.sv; // 'folkmängd "abc" är inte ett heltal'
 * ```
 */
export function parseCount(raw: string | number, what: Text, max: number = MAX_POPULATION): CountResult {
  const text = typeof raw === 'number' ? String(raw) : raw.trim();
  if (text === '') {
    return { ok: false, message: t(`${what.sv} saknas`, `${what.en} is missing`) };
  }
  const notInteger: CountResult = {
    ok: false,
    message: t(`${what.sv} "${text}" är inte ett heltal`, `${what.en} "${text}" is not a whole number`),
    ...(FOREIGN_GROUPING.test(text)
      ? {
          hint: t(
            'Skriv talet utan tusentalsavgränsare eller med mellanslag, t.ex. 32148 eller 32 148.',
            'Write the number without thousands separators or with spaces, e.g. 32148 or 32 148.',
          ),
        }
      : {}),
  };
  if (typeof raw === 'number' ? !Number.isFinite(raw) : !(GROUPED.test(text) || PLAIN.test(text))) return notInteger;
  const value = parseDecimal(text);
  if (value === undefined || !value.isInteger()) return notInteger;
  if (value.isNegative() && !value.isZero()) {
    return { ok: false, message: t(`${what.sv} "${text}" är negativ`, `${what.en} "${text}" is negative`) };
  }
  if (value.greaterThan(max)) {
    return {
      ok: false,
      message: t(
        `${what.sv} ${formatCount(value.toFixed(0))} är orimligt stor (högst ${formatCount(max)})`,
        `${what.en} ${formatCount(value.toFixed(0))} is implausibly large (at most ${formatCount(max)})`,
      ),
    };
  }
  return { ok: true, value: value.abs().toNumber() };
}

/** `1744859` → `"1 744 859"`: a count in Swedish digit grouping (plain spaces, for terminals). */
export function formatCount(n: number | string): string {
  const s = String(n);
  const sign = s.startsWith('-') ? '−' : '';
  const digits = sign ? s.slice(1) : s;
  return sign + digits.replace(/\B(?=(\d{3})+(?!\d))/g, ' ');
}
