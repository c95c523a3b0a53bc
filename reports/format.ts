/**
 * Swedish number and date formatting, exact from öre: `17 448 590 kr`,
 * `9,74 kr`, `31 december 2022`. The thousands separator is a no-break space
 * (U+00A0) so a figure never wraps; minus is U+2212 as Swedish typography
 * writes it. Nothing here rounds money: öre in, the same öre out.
 */
import { Dec, type Ore, assertOre } from '../models/money.js';

/** No-break space: thousands separator and the space before "kr". */
export const NBSP = '\u00a0';
const MINUS = '\u2212';

const MONTHS = ['januari', 'februari', 'mars', 'april', 'maj', 'juni', 'juli', 'augusti', 'september', 'oktober', 'november', 'december'];

/** `1744859` → `1 744 859` (no-break spaces). */
export function formatInteger(n: number | bigint): string {
  const s = typeof n === 'bigint' ? (n < 0n ? -n : n).toString() : Math.abs(n).toString();
  const neg = typeof n === 'bigint' ? n < 0n : n < 0;
  return (neg ? MINUS : '') + s.replace(/\B(?=(\d{3})+(?!\d))/g, NBSP);
}

/** Options for {@link formatKronor}. */
export interface KronorOptions {
  /** 0 shows whole kronor (only when the amount is whole), 2 always shows öre; 'auto' shows öre when there are any. Default 'auto'. */
  readonly decimals?: 0 | 2 | 'auto';
  /** Append " kr". Default true. */
  readonly unit?: boolean;
  /** Prefix "+" on positive amounts (for differences). */
  readonly sign?: boolean;
}

/**
 * Öre → `17 448 590 kr` / `9,74 kr`. Never rounds: asking for 0 decimals on
 * an amount with öre shows the öre anyway.
 *
 * @example formatKronor(1744859000) // '17 448 590 kr'
 */
export function formatKronor(ore: Ore, options: KronorOptions = {}): string {
  assertOre(ore);
  const abs = Math.abs(ore);
  const kr = Math.trunc(abs / 100);
  const rest = abs % 100;
  const decimals = options.decimals ?? 'auto';
  const showOre = decimals === 2 || rest !== 0;
  const body = formatInteger(kr) + (showOre ? `,${String(rest).padStart(2, '0')}` : '');
  const sign = ore < 0 ? MINUS : options.sign && ore > 0 ? '+' : '';
  return `${sign}${body}${options.unit === false ? '' : `${NBSP}kr`}`;
}

/** A Decimal of kronor with a fixed number of decimals: `9,74 kr`. Rounds half up, for rates and exact shares only. */
export function formatDecimalKronor(kr: Dec, decimals = 2, unit = true): string {
  const fixed = kr.toFixed(decimals, Dec.ROUND_HALF_UP);
  const neg = fixed.startsWith('-');
  const [int, frac] = (neg ? fixed.slice(1) : fixed).split('.');
  const body = formatInteger(BigInt(int!)) + (frac ? `,${frac}` : '');
  return `${neg ? MINUS : ''}${body}${unit ? `${NBSP}kr` : ''}`;
}

/**
 * An exact decimal as a string with at least `minDecimals` decimals and as
 * many more as the value has, never rounded: `9.755`, `10.00`, `0.125`. For
 * the rates and exact amounts an explanation must show as they were used.
 * The value must have a finite decimal expansion (a rate a person wrote, or
 * one multiplied by a whole number).
 *
 * @example exactDecimalString(new Dec('9.755')) // '9.755'
 */
export function exactDecimalString(d: Dec, minDecimals = 2): string {
  return d.toFixed(Math.max(minDecimals, d.decimalPlaces()));
}

/**
 * Kronor as a Decimal, exact: at least `minDecimals` decimals and more when
 * the value has more, never rounded: `9,755 kr`, `0,125 kr`, `10,00 kr`.
 *
 * @example formatExactKronor(new Dec('9.755')) // '9,755 kr'
 */
export function formatExactKronor(kr: Dec, minDecimals = 2, unit = true): string {
  return formatDecimalKronor(kr, Math.max(minDecimals, kr.decimalPlaces()), unit);
}

/** A ratio as a percentage: `0.4098` → `41,0 %`. */
export function formatPercent(ratio: Dec, decimals = 1): string {
  const rounded = ratio.times(100).toDecimalPlaces(decimals, Dec.ROUND_HALF_UP);
  // A change too small to show is 0,0 %, not "−0,0 %".
  const fixed = (rounded.isZero() ? new Dec(0) : rounded).toFixed(decimals);
  return `${fixed.replace('-', MINUS).replace('.', ',')}${NBSP}%`;
}

/** `2022-12-31` → `31 december 2022`. */
export function formatDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return iso;
  return `${Number(m[3])} ${MONTHS[Number(m[2]) - 1]} ${m[1]}`;
}

/** A Swedish decimal without grouping, for CSV cells: `34897180,00`. */
export function csvDecimal(ore: Ore): string {
  assertOre(ore);
  const abs = Math.abs(ore);
  return `${ore < 0 ? '-' : ''}${Math.trunc(abs / 100)},${String(abs % 100).padStart(2, '0')}`;
}

/** A CSV number as andel writes it: an optional minus, digits, and a decimal comma. */
const CSV_NUMBER = /^-?\d+(,\d+)?$/;

/**
 * Characters that make a spreadsheet read a cell as a formula when they come
 * first (OWASP, "CSV Injection"): `=`, `+`, `-`, `@`, tab and carriage return.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * One field of a CSV for Excel with Swedish settings, the only way andel
 * writes one: text that a spreadsheet would run as a formula (it starts with
 * `=`, `+`, `-`, `@`, a tab or a carriage return) is neutralised with a
 * leading `'` and quoted, as OWASP advises for CSV injection; a field that
 * holds a semicolon, a quote or a line break is quoted. Party names, titles
 * and parameter texts come from user files, so every text cell goes through
 * here.
 *
 * A `number` is written as is (a negative amount stays a number) but only
 * if it is one in the CSV's own syntax (`-1234,56`); anything else given as a
 * number is treated as text, so that no cell can carry a formula by mistake.
 *
 * @example
 * csvField('=HYPERLINK("http://x")') // `"'=HYPERLINK(""http://x"")"`
 * csvField('-1+1')                   // `"'-1+1"`
 * csvField('-1234,56', 'number')     // `-1234,56`
 * csvField('Göteborg; stad')         // `"Göteborg; stad"`
 */
export function csvField(value: string, kind: 'text' | 'number' = 'text'): string {
  if (kind === 'number' && CSV_NUMBER.test(value)) return value;
  const neutral = FORMULA_START.test(value) ? `'${value}` : value;
  return neutral !== value || /[;"\r\n]/.test(neutral) ? `"${neutral.replaceAll('"', '""')}"` : neutral;
}

/** The Swedish month names, for chart axes. */
export const SWEDISH_MONTHS: readonly string[] = MONTHS;

/**
 * A scheme parameter's value as a reader reads it, by its type: money as
 * kronor (`1 501 577,88 kr`, `615 312 kr`), a rate in kronor, a count with
 * grouped digits, a percentage with `%`, a decimal with a decimal comma; a
 * year, a choice or a text as written. Never rounds.
 *
 * @example formatParameterValue('money', '1501577.88') // '1 501 577,88 kr'
 */
export function formatParameterValue(type: string, text: string): string {
  if (type === 'enum' || type === 'text' || type === 'year') return text;
  let d: Dec;
  try {
    d = new Dec(text.replace(/[\s\u00a0]/g, '').replace(/%$/, '').replace(',', '.'));
  } catch {
    return text;
  }
  switch (type) {
    case 'money':
      return formatDecimalKronor(d, d.isInteger() ? 0 : 2);
    case 'rate':
      return d.isInteger() ? formatDecimalKronor(d, 0) : formatExactKronor(d);
    case 'integer':
      return formatInteger(BigInt(d.toFixed(0)));
    case 'percent':
      return `${formatExactKronor(d, 0, false)}${NBSP}%`;
    default:
      return formatExactKronor(d, 0, false);
  }
}
