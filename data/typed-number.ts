/**
 * Numbers as a reader types them into the explorer's fields (`andel
 * explore`): the Swedish form the page shows (`1 501 577,88`), or the plain
 * one the command line takes (`1501577.88`), read into the plain decimal
 * string `--set` is given.
 *
 * A comma or a point that could group thousands as well as mark decimals is
 * never guessed, by the rules data/count.ts reads population files with:
 * `1.500` and `1,500` are refused (one separator after one to three digits,
 * then exactly three digits), and so is `1,500,000` (only thousands can be
 * meant, and the page groups them with spaces). `0,125` is not ambiguous (a
 * lone zero groups no thousands), nor is `1 500,000` (the spaces group).
 */
import { separatorTrouble, separatorTroubleMessage } from './count.js';
import { type Text, t } from '../models/errors.js';

/** A typed number read, or why not. */
export type TypedNumber = { readonly ok: true; readonly value: string } | { readonly ok: false; readonly message: Text; readonly hint: Text };

// Digits, or digits grouped by threes with a space, a no-break, narrow no-break or thin space; then a comma or a
// point and the decimals.
const NUMBER = /^([+-]?)(\d+|\d{1,3}(?:[ \u00a0\u202f\u2009]\d{3})+)(?:[.,](\d+))?$/;

const FORMS: Text = t(
  'Skriv till exempel 1 501 577,88 eller 9,75: mellanslag mellan tusentalen, komma (eller punkt) före decimalerna.',
  'Write for example 1 501 577,88 or 9,75: spaces between the thousands, a comma (or a point) before the decimals.',
);

/**
 * Reads a typed number.
 *
 * @returns the plain decimal string (`-` for a minus, `.` for the decimal
 *   mark, no grouping, the decimals as typed), or a message that quotes the
 *   text and a hint that says what to type instead.
 * @example
 * ```ts
 * readTypedNumber('1 501 577,88'); // { ok: true, value: '1501577.88' }
 * readTypedNumber('9,75');         // { ok: true, value: '9.75' }
 * readTypedNumber('1.500').message.sv;
 * // '"1.500" kan läsas på två sätt: som 1 500 (punkt som tusentalsavgränsare) eller som 1,5 (punkt som decimaltecken)'
 * ```
 */
export function readTypedNumber(raw: string): TypedNumber {
  const text = raw.trim().replace(/\u2212/g, '-');
  if (text === '') return { ok: false, message: t('inget tal är angivet', 'no number is given'), hint: FORMS };
  const trouble = separatorTrouble(text);
  // A lone zero groups no thousands: `0,125` is a decimal.
  if (trouble?.kind === 'two-ways' && trouble.head !== '0') {
    const { thousands, decimal } = trouble;
    return {
      ok: false,
      message: separatorTroubleMessage(trouble, raw.trim()),
      hint: t(`Skriv ${thousands} eller ${decimal.includes(',') ? decimal : `${decimal},0`}.`, `Write ${thousands} or ${decimal.includes(',') ? decimal.replace(',', '.') : `${decimal}.0`}.`),
    };
  }
  if (trouble?.kind === 'groups') {
    return {
      ok: false,
      message: separatorTroubleMessage(trouble, raw.trim()),
      hint: t(`Skriv ${trouble.grouped} (mellanslag som tusentalsavgränsare).`, `Write ${trouble.grouped} (spaces as thousands separators).`),
    };
  }
  const m = NUMBER.exec(text);
  if (m === null) return { ok: false, message: t(`"${raw.trim()}" är inte ett tal`, `"${raw.trim()}" is not a number`), hint: FORMS };
  const [, sign, whole, decimals] = m;
  return { ok: true, value: `${sign === '-' ? '-' : ''}${whole!.replace(/\D/g, '')}${decimals !== undefined ? `.${decimals}` : ''}` };
}
