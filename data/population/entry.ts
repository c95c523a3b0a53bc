/**
 * The form every layout (andel's CSV, an SCB export, JSON-stat2, XLSX)
 * turns its rows into, for the checks they share (`validate.ts`).
 */
import type { Text } from '../../models/errors.js';
import type { CountInput } from '../count.js';

/** What a row becomes before it is checked, whatever the file's layout. */
export interface Entry {
  readonly codeText: string;
  readonly name?: string;
  /** The count as found: text, a JSON number or a spreadsheet cell's typed value; null when JSON-stat has none. */
  readonly population: CountInput | null;
  readonly line?: number;
  /**
   * Where the count is, for its problems: the column on the row's line (a
   * CSV field number, a spreadsheet's column letters), or for JSON-stat the
   * line and character column of the region's value.
   */
  readonly countAt?: { readonly line?: number; readonly column: number | string };
  /** For JSON-stat, whose regions are not rows: "region 1280: …". */
  readonly prefix?: Text;
  readonly referenceDate?: string;
  readonly countyCode?: string;
}

/** A year as an SCB export writes it in a header or a time category. */
export const YEAR = /^(?:18|19|20|21)\d{2}$/;

/** The reference date figures named by a year stand for: the year's last day (SCB's population at 31 December). */
export function yearEndDate(year: string | undefined): string | undefined {
  return year !== undefined && YEAR.test(year) ? `${year}-12-31` : undefined;
}
