/**
 * CSV for Excel with Swedish settings: UTF-8 with a BOM (so Excel reads it
 * as UTF-8), semicolons between fields, a decimal comma, CRLF line ends.
 * Figures are written as numbers in that syntax; every text goes through
 * `csvField` (reports/format.ts), so that no text from a user's file
 * reaches a spreadsheet as a live formula.
 */
import { Dec } from '../../models/money.js';
import { csvDecimal, csvField } from '../format.js';
import { type Cell, type Column, type Table, isFigure, tableList } from './table-model.js';

/** How a CSV is written. */
export interface CsvOptions {
  /**
   * Codes as `="0381"`: a formula whose value is the text, which Excel and
   * LibreOffice keep as text (leading zero and all) when they open the file.
   * Other tools read the formula as written, so it is not the default.
   */
  readonly codesAsText?: boolean;
}

/** A code that can stand inside `="…"` as it is: letters, digits and hyphens only. */
const SAFE_CODE = /^[0-9A-Za-z-]+$/;

/**
 * Tables as one CSV file: for each, the CSV names of its columns and its
 * rows (footer rows included); tables a blank line apart. Titles and notes
 * are for readers and stay out.
 *
 * @example
 * writeCsv(allocationTables(result)) // '\ufeffkod;part;invanare;investering_kr;belopp_kr\r\n14;Västra Götalandsregionen;…'
 */
export function writeCsv(tables: Table | readonly Table[], options: CsvOptions = {}): string {
  const field = (c: Cell, column: Column | undefined): string =>
    options.codesAsText && column?.code && typeof c === 'string' && SAFE_CODE.test(c) ? `="${c}"` : csvField(csvCell(c), isFigure(c) ? 'number' : 'text');
  const parts = tableList(tables).map((table) => {
    const row = (r: readonly Cell[]) => r.map((c, i) => field(c, table.columns[i])).join(';');
    return [table.columns.map((c) => csvField(c.csv)).join(';'), ...[...table.rows, ...(table.footer ?? [])].map(row)].join('\r\n');
  });
  return '\ufeff' + parts.join('\r\n\r\n') + '\r\n';
}

/** A cell in the CSV's syntax: money and kronor with two decimals (or the cell's), per cent with two, counts and decimals in full. */
function csvCell(c: Cell): string {
  if (c === null) return '';
  if (typeof c === 'string') return c;
  if ('ore' in c) return csvDecimal(c.ore);
  if ('kr' in c) return c.kr.toFixed(c.decimals ?? 2, Dec.ROUND_HALF_UP).replace('.', ',');
  if ('pct' in c) return c.pct.times(100).toFixed(2, Dec.ROUND_HALF_UP).replace('.', ',');
  if ('int' in c) return String(c.int);
  // toFixed(): plain digits, never the exponent form (1e-7) a spreadsheet would take for text.
  return c.num.toFixed().replace('.', ',');
}
