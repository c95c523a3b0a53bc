/**
 * Contract timing: when an agreement ends after notice, and which payments
 * fall due until then. Dates are ISO strings (YYYY-MM-DD); nothing here reads
 * the clock.
 */
import { InputError, t } from './errors.js';
import type { SchemeResult } from './evaluate.js';
import type { Ore } from './money.js';

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Parses and checks an ISO date, returning [year, month, day]. */
export function parseIsoDate(iso: string, label = 'datum'): [number, number, number] {
  const m = ISO.exec(iso);
  const y = Number(m?.[1]);
  const mo = Number(m?.[2]);
  const d = Number(m?.[3]);
  if (!m || mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo)) {
    throw InputError.of(t(`${label} "${iso}" är inte ett giltigt datum (ÅÅÅÅ-MM-DD)`, `${label} "${iso}" is not a valid date (YYYY-MM-DD)`), {}, 'E_DATE');
  }
  return [y, mo, d];
}

function daysInMonth(y: number, m: number): number {
  return [31, y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]!;
}

function iso(y: number, m: number, d: number): string {
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** `date` plus whole months, the day clamped to the month's length (2023-01-31 + 1 → 2023-02-28). */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = parseIsoDate(date);
  const total = y * 12 + (m - 1) + months;
  const ny = Math.floor(total / 12);
  const nm = (total % 12) + 1;
  return iso(ny, nm, Math.min(d, daysInMonth(ny, nm)));
}

/**
 * The day an agreement that can be ended "till varje årsskifte med N
 * månaders uppsägningstid" ends when notice is given on `noticeDate`: the
 * first year-end on or after the notice period has run.
 *
 * @example endAfterNotice('2023-03-15', 12) // '2024-12-31'
 */
export function endAfterNotice(noticeDate: string, noticeMonths: number): string {
  const earliest = addMonths(noticeDate, noticeMonths);
  const [y] = parseIsoDate(earliest);
  return iso(y, 12, 31);
}

/** One party's payments from one year to another, per component. */
export interface PaymentsDue {
  readonly code: string;
  readonly name: string;
  readonly years: readonly { readonly year: number; readonly amounts: Readonly<Record<string, Ore>>; readonly total: Ore }[];
  readonly total: Ore;
}

/** Each party's scheduled payments for the years `fromYear`–`toYear` inclusive. */
export function paymentsDue(result: SchemeResult, fromYear: number, toYear: number): PaymentsDue[] {
  return result.parties.map((p) => {
    const years = p.schedule.filter((y) => y.year >= fromYear && y.year <= toYear);
    return { code: p.party.code, name: p.party.name, years, total: years.reduce((s, y) => s + y.total, 0) };
  });
}
