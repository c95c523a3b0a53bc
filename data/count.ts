/**
 * Counts of people (inhabitants, users) as they are written in Swedish files:
 * `32148`, `32 148`, `32\u00a0148`. A count is a whole number of people, so a
 * decimal, a negative or an absurd figure is refused with the text as found,
 * never rounded or clamped: a wrong count would silently move money.
 *
 * A comma or a point between digits is never read, whatever it would most
 * likely mean: `32,000` is 32 000 to an English reader and 32 to a Swedish
 * one, and `41420,00` is a whole number only if the file's author meant the
 * comma as a decimal mark. The user is told what to write instead.
 */
import { t, type Text } from '../models/errors.js';
import type { CellValue } from './table.js';

/** The largest population a municipality could plausibly have (Sweden has about 10.5 million). */
export const MAX_POPULATION = 20_000_000;

/** A parsed count, or what is wrong with it. */
export type CountResult =
  | { readonly ok: true; readonly value: number }
  | { readonly ok: false; readonly message: Text; readonly hint?: Text };

/**
 * A count as a file holds it: text (CSV, a text cell, a JSON string), a
 * number (JSON), or a spreadsheet cell's typed value.
 */
export type CountInput = string | number | CellValue;

// Digits grouped by threes with a space, no-break space, narrow no-break space
// or thin space — what Excel and SCB write with Swedish settings.
const GROUP_SPACE = '[ \\u00a0\\u202f\\u2009]';
const SIGN = '[+\\-\\u2212]?';
const WHOLE = new RegExp(`^(${SIGN})(\\d+|\\d{1,3}(?:${GROUP_SPACE}\\d{3})+)$`);
// One separator after one to three digits, then exactly three digits: the
// separator may group thousands or mark decimals, and nothing tells which.
const AMBIGUOUS = /^[+\-\u2212]?(\d{1,3})([.,])(\d{3})$/;
// Two or more groups with the same separator: only thousands can be meant.
const FOREIGN_GROUPS = /^[+\-\u2212]?\d{1,3}([.,])\d{3}(?:\1\d{3})+$/;
// A decimal number, its whole part possibly grouped (with spaces, or with the
// separator the decimal mark is not).
const DECIMAL = new RegExp(
  `^${SIGN}(\\d+|\\d{1,3}(?:${GROUP_SPACE}\\d{3})+|\\d{1,3}(?:,\\d{3})+(?=\\.)|\\d{1,3}(?:\\.\\d{3})+(?=,))[.,](\\d+)$`,
);

const WHOLE_HINT: Text = t('Ett antal är ett heltal: rätta värdet i filen (andel avrundar inte).', 'A count is a whole number: correct the value in the file (andel does not round).');

/**
 * Parses a count of people.
 *
 * Accepted: digits, optionally grouped by threes with a space, a no-break
 * space, a narrow no-break space or a thin space (`32 148`); a numeric
 * spreadsheet cell or JSON number holding a whole number. Refused, each with
 * its own message: a comma or a point between digits (`32,000`, `32.000`,
 * `1,0`, `41420,00`), a fraction, a negative, more than `max`, and a
 * spreadsheet cell that is a date, a boolean, an error or a formula Excel has
 * not calculated.
 *
 * @param raw - the value as found.
 * @param what - the noun for messages, e.g. `t('folkmängd', 'population')`.
 * @param max - the largest plausible value (inclusive).
 * @example
 * ```ts
 * parseCount('32 148', t('folkmängd', 'population'), MAX_POPULATION); // { ok: true, value: 32148 }
 * parseCount('abc', t('folkmängd', 'population'), MAX_POPULATION).message.sv; // 'folkmängd "abc" är inte ett heltal'
 * parseCount('32,000', t('folkmängd', 'population')).message.sv;
 * // 'folkmängd "32,000" kan läsas på två sätt: som 32 000 (komma som tusentalsavgränsare) eller som 32 (komma som decimaltecken)'
 * ```
 */
export function parseCount(raw: CountInput, what: Text, max: number = MAX_POPULATION): CountResult {
  if (typeof raw === 'number') return countFromNumber(raw, what, max);
  if (typeof raw === 'object') return countFromCell(raw, what, max);
  const text = raw.trim();
  if (text === '') {
    return { ok: false, message: t(`${what.sv} saknas`, `${what.en} is missing`) };
  }
  const whole = WHOLE.exec(text);
  if (whole === null) return refuseText(text, what);
  const negative = whole[1] !== '' && whole[1] !== '+';
  // BigInt, not Number: the digits are read exactly however many there are.
  const value = BigInt(whole[2]!.replace(/\D/g, ''));
  if (negative && value !== 0n) {
    return { ok: false, message: t(`${what.sv} "${text}" är negativ`, `${what.en} "${text}" is negative`) };
  }
  return withinMax(value, what, max);
}

function withinMax(value: bigint, what: Text, max: number): CountResult {
  if (value > BigInt(max)) {
    return {
      ok: false,
      message: t(
        `${what.sv} ${formatCount(value.toString())} är orimligt stor (högst ${formatCount(max)})`,
        `${what.en} ${formatCount(value.toString())} is implausibly large (at most ${formatCount(max)})`,
      ),
    };
  }
  return { ok: true, value: Number(value) };
}

/**
 * A comma or point that does not say what it means: one after one to three
 * digits then exactly three digits (`32,000`: 32 000 or 32?), or several
 * groups of three (`1,500,000`: only thousands, written the English way).
 * Shared by the file readers here and the explorer's typed fields
 * (data/typed-number.ts), which word their hints each their own way.
 */
export type SeparatorTrouble =
  | { readonly kind: 'two-ways'; readonly head: string; readonly sep: ',' | '.'; readonly thousands: string; readonly decimal: string }
  | { readonly kind: 'groups'; readonly sep: ',' | '.'; readonly grouped: string };

/** The separator trouble of a text (a leading `-` or `−` kept as `−` in the readings), or none. */
export function separatorTrouble(text: string): SeparatorTrouble | undefined {
  const sign = /^[-\u2212]/.test(text) ? '−' : '';
  const ambiguous = AMBIGUOUS.exec(text);
  if (ambiguous !== null) {
    const [, head, sep, tail] = ambiguous;
    return {
      kind: 'two-ways',
      head: head!,
      sep: sep as ',' | '.',
      thousands: `${sign}${formatCount(BigInt(head! + tail!).toString())}`,
      decimal: `${sign}${formatCount(BigInt(head!).toString())}${/^0+$/.test(tail!) ? '' : `,${tail!.replace(/0+$/, '')}`}`,
    };
  }
  if (FOREIGN_GROUPS.test(text)) {
    return { kind: 'groups', sep: /[.,]/.exec(text)![0] as ',' | '.', grouped: `${sign}${formatCount(BigInt(text.replace(/\D/g, '')).toString())}` };
  }
  return undefined;
}

/** What is wrong with the text, quoted, after `what` when given: `folkmängd "32,000" kan läsas på två sätt: …`. */
export function separatorTroubleMessage(trouble: SeparatorTrouble, quoted: string, what?: Text): Text {
  const lead = { sv: `${what !== undefined ? `${what.sv} ` : ''}"${quoted}"`, en: `${what !== undefined ? `${what.en} ` : ''}"${quoted}"` };
  if (trouble.kind === 'two-ways') {
    const [markSv, markEn] = trouble.sep === ',' ? ['komma', 'comma'] : ['punkt', 'point'];
    return t(
      `${lead.sv} kan läsas på två sätt: som ${trouble.thousands} (${markSv} som tusentalsavgränsare) eller som ${trouble.decimal} (${markSv} som decimaltecken)`,
      `${lead.en} can be read two ways: as ${trouble.thousands} (${markEn} as a thousands separator) or as ${trouble.decimal.replace(',', '.')} (${markEn} as a decimal mark)`,
    );
  }
  const [marksSv, marksEn] = trouble.sep === ',' ? ['komma', 'commas'] : ['punkt', 'points'];
  return t(`${lead.sv} har ${marksSv} som tusentalsavgränsare`, `${lead.en} has ${marksEn} as thousands separators`);
}

/** Why a text that is not plain (or space-grouped) digits is refused, and what to write. */
function refuseText(text: string, what: Text): CountResult {
  const trouble = separatorTrouble(text);
  if (trouble?.kind === 'two-ways') {
    const { thousands, decimal } = trouble;
    const [markSv, markEn] = trouble.sep === ',' ? ['komma', 'comma'] : ['punkt', 'point'];
    return {
      ok: false,
      message: separatorTroubleMessage(trouble, text, what),
      hint: t(
        `Skriv antalet utan ${markSv}: ${either(thousands, 'eller')}${decimal.includes(',') ? '' : ` (eller ${decimal})`}.`,
        `Write the count without a ${markEn}: ${either(thousands, 'or')}${decimal.includes(',') ? '' : ` (or ${decimal})`}.`,
      ),
    };
  }
  if (trouble?.kind === 'groups') {
    const { grouped } = trouble;
    return {
      ok: false,
      message: separatorTroubleMessage(trouble, text, what),
      hint: t(`Skriv ${either(grouped, 'eller')} (mellanslag som tusentalsavgränsare).`, `Write ${either(grouped, 'or')} (spaces as thousands separators).`),
    };
  }
  const decimal = DECIMAL.exec(text);
  if (decimal !== null && /^0+$/.test(decimal[2]!)) {
    const digits = BigInt(decimal[1]!.replace(/\D/g, '')).toString();
    const sign = /^[-\u2212]/.test(text) ? '−' : '';
    const grouped = `${sign}${formatCount(digits)}`;
    return {
      ok: false,
      message: t(`${what.sv} "${text}" har decimaler`, `${what.en} "${text}" has decimals`),
      hint: t(`Skriv antalet utan decimaler: ${either(grouped, 'eller')}.`, `Write the count without decimals: ${either(grouped, 'or')}.`),
    };
  }
  return {
    ok: false,
    message: t(`${what.sv} "${text}" är inte ett heltal`, `${what.en} "${text}" is not a whole number`),
    // Only a number with a separator gets the hint: for "abc" it would say nothing new.
    ...(decimal !== null ? { hint: WHOLE_HINT } : {}),
  };
}

/** A JSON number or a spreadsheet's numeric cell: a whole number, or refused. */
function countFromNumber(value: number, what: Text, max: number, cell = false): CountResult {
  if (!Number.isFinite(value) || !Number.isInteger(value)) {
    const shown = showNumber(value);
    return {
      ok: false,
      message: t(`${what.sv} ${shown.sv} är inte ett heltal`, `${what.en} ${shown.en} is not a whole number`),
      hint: cell
        ? t(
            'Cellen ska innehålla ett heltal. Excel kan visa ett avrundat tal medan cellen har decimaler: rätta värdet i cellen.',
            'The cell must hold a whole number. Excel may show a rounded figure while the cell holds decimals: correct the value in the cell.',
          )
        : WHOLE_HINT,
    };
  }
  if (value < 0) {
    const shown = showNumber(value);
    return { ok: false, message: t(`${what.sv} ${shown.sv} är negativ`, `${what.en} ${shown.en} is negative`) };
  }
  return withinMax(BigInt(value), what, max);
}

/** A spreadsheet cell that is not text. */
function countFromCell(cell: CellValue, what: Text, max: number): CountResult {
  switch (cell.kind) {
    case 'number':
      return countFromNumber(cell.value, what, max, true);
    case 'date':
      return {
        ok: false,
        message: t(`${what.sv} är ett datum i Excel (${cell.text}), inte ett antal`, `${what.en} is a date in Excel (${cell.text}), not a count`),
        hint: t(
          'Excel har formaterat cellen som datum. Formatera den som Tal eller Allmänt och kontrollera antalet.',
          'Excel has formatted the cell as a date. Format it as Number or General and check the count.',
        ),
      };
    case 'boolean':
      return {
        ok: false,
        message: t(
          `${what.sv} är ett sanningsvärde (${cell.value ? 'SANT' : 'FALSKT'}), inte ett antal`,
          `${what.en} is a boolean (${cell.value ? 'TRUE' : 'FALSE'}), not a count`,
        ),
      };
    case 'error':
      return {
        ok: false,
        message: t(`${what.sv} är felvärdet ${cell.text}, inte ett antal`, `${what.en} is the error value ${cell.text}, not a count`),
        hint: t('Rätta formeln i cellen, eller ersätt den med antalet.', 'Correct the formula in the cell, or replace it by the count.'),
      };
    case 'formula':
      return {
        ok: false,
        message: t(
          `${what.sv} är formeln =${cell.formula} utan uträknat värde`,
          `${what.en} is the formula =${cell.formula} without a calculated value`,
        ),
        hint: t(
          'Filen har sparats av ett program som inte räknar ut formler. Öppna den i Excel och spara den igen, eller ersätt formeln med antalet.',
          'The file was saved by a program that does not calculate formulas. Open it in Excel and save it again, or replace the formula by the count.',
        ),
      };
  }
}

/** A number as each language writes it: `127 376,5` and `127 376.5`. */
function showNumber(value: number): Text {
  const s = String(value);
  if (!/^-?\d+(\.\d+)?$/.test(s)) return t(s, s); // 1e+21, NaN: as JavaScript writes them
  const [int, frac] = s.replace('-', '').split('.');
  const sign = value < 0 ? '−' : '';
  const head = sign + formatCount(int!);
  return frac === undefined ? t(head, head) : t(`${head},${frac}`, `${head}.${frac}`);
}

/** `32 000` → `32000 eller 32 000`; `32` → `32`: both ways to write a count, when there are two. */
function either(grouped: string, or: string): string {
  const plain = grouped.replace(/ /g, '');
  return plain === grouped ? grouped : `${plain} ${or} ${grouped}`;
}

/** `1744859` → `"1 744 859"`: a count in Swedish digit grouping (plain spaces, for terminals). */
export function formatCount(n: number | string): string {
  const s = String(n);
  const sign = s.startsWith('-') ? '−' : '';
  const digits = sign ? s.slice(1) : s;
  return sign + digits.replace(/\B(?=(\d{3})+(?!\d))/g, ' ');
}
