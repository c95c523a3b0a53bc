/**
 * Contract timing: when an agreement ends after notice, and which payments
 * fall due until then. Dates are ISO strings (YYYY-MM-DD); nothing here reads
 * the clock.
 */
import { InputError, t } from './errors.js';
import type { SchemeResult } from './evaluate.js';
import type { Ore } from './money.js';
import type { SchemeDate, SchemeModel } from './scheme.js';

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

/** What notice given on one day means under a scheme's contract. */
export interface NoticeOutcome {
  /** The day notice is given (ISO). */
  readonly date: string;
  /**
   * The day the agreement ends: the first year-end on or after the notice
   * period has run ({@link endAfterNotice}), or the contract's last
   * year-end if that comes first.
   */
  readonly endsOn: string;
  /** The first year with payments due: the year notice is given. */
  readonly fromYear: number;
  /** The last year with payments due: the year of {@link NoticeOutcome.endsOn}. */
  readonly toYear: number;
  /** The notice period in months (`contract.noticeMonths`). */
  readonly months: number;
}

/**
 * When an agreement ends, and which years are paid for, if notice is given
 * on `noticeDate`. The contract ends "till varje årsskifte" after
 * `contract.noticeMonths` months, and no later than 31 December of its last
 * year (`contract.start`'s year + `contract.years` − 1) where it has a
 * length.
 *
 * @param option what the date was given as, named in a refusal
 * @throws InputError `E_DATE` where `noticeDate` is not a date;
 *   `E_OPTION` (at `option`) where the scheme has no notice rule
 *   (no `contract.noticeMonths`, or 0)
 * @example
 * // sthlm-2020: start 2021-01-01, 8 years, 12 months' notice
 * noticeOutcome(model, '2023-03-15') // { date: '2023-03-15', endsOn: '2024-12-31', fromYear: 2023, toYear: 2024, months: 12 }
 * noticeOutcome(model, '2028-03-15') // { …, endsOn: '2028-12-31', fromYear: 2028, toYear: 2028 } (not 2029: the contract's last year is 2028)
 */
export function noticeOutcome(model: Pick<SchemeModel, 'id' | 'contract'>, noticeDate: string, option = '--notice-date'): NoticeOutcome {
  const [fromYear] = parseIsoDate(noticeDate, option);
  const { contract } = model;
  const months = contract?.noticeMonths;
  if (!contract || !months) {
    throw InputError.of(t(`schemat ${model.id} har ingen uppsägningsregel (contract.noticeMonths)`, `scheme ${model.id} has no notice rule (contract.noticeMonths)`), { file: option }, 'E_OPTION');
  }
  const [endYear] = parseIsoDate(endAfterNotice(noticeDate, months));
  const lastYear = contract.years !== undefined ? parseIsoDate(contract.start)[0] + contract.years - 1 : Infinity;
  const toYear = Math.min(endYear, lastYear);
  return { date: noticeDate, endsOn: iso(toYear, 12, 31), fromYear, toYear, months };
}

/** An event on an agreement's timeline: a scheme's own dates, its start, and notice and end where notice is given. */
export interface AgreementEvent {
  readonly date: string;
  readonly kind: SchemeDate['kind'] | 'notice' | 'end' | 'start';
  readonly label: string;
}

/**
 * The agreement's events by date: the scheme's dates, the notice and the end
 * where `notice` is given, and the contract's start (with its condition)
 * where the scheme has a contract. An event with the date and label of an
 * earlier one is left out; events on the same day keep that order.
 */
export function agreementEvents(model: Pick<SchemeModel, 'dates' | 'contract'>, notice?: NoticeOutcome): AgreementEvent[] {
  const events: AgreementEvent[] = [...model.dates];
  if (notice) {
    events.push({ date: notice.date, kind: 'notice', label: `Uppsägning (${notice.months} månaders uppsägningstid, till årsskifte)` });
    events.push({ date: notice.endsOn, kind: 'end', label: 'Överenskommelsen upphör' });
  }
  const { contract } = model;
  if (contract) events.push({ date: contract.start, kind: 'start', label: `Avtalsstart${contract.condition ? ` (villkor: ${contract.condition})` : ''}` });
  const seen = new Set<string>();
  return events.filter((e) => (seen.has(e.date + e.label) ? false : (seen.add(e.date + e.label), true))).sort((a, b) => a.date.localeCompare(b.date));
}

/**
 * The years whose payments are due: with `notice`, its years
 * ({@link NoticeOutcome.fromYear}–{@link NoticeOutcome.toYear}); without, every
 * year of the parties' schedules. Nothing when no party has a scheduled year.
 */
export function paymentYears(result: SchemeResult, notice?: Pick<NoticeOutcome, 'fromYear' | 'toYear'>): { fromYear: number; toYear: number } | undefined {
  if (notice) return { fromYear: notice.fromYear, toYear: notice.toYear };
  const years = result.parties.flatMap((p) => p.schedule.map((y) => y.year));
  return years.length > 0 ? { fromYear: Math.min(...years), toYear: Math.max(...years) } : undefined;
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
