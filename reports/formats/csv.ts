/**
 * CSV for Excel with Swedish settings: UTF-8 with a BOM (so Excel reads it
 * as UTF-8), semicolons between fields, a decimal comma, CRLF line ends.
 * Figures are written as numbers in that syntax; every text goes through
 * `csvField` (reports/format.ts), so that no text from a user's file
 * reaches a spreadsheet as a live formula.
 */
import { Dec } from '../../models/money.js';
import { csvDecimal, csvField } from '../format.js';
import { type Cell, type Table, isFigure, tableList } from './table-model.js';

/**
 * Tables as one CSV file: for each, the CSV names of its columns and its
 * rows (footer rows included); tables a blank line apart. Titles and notes
 * are for readers and stay out.
 *
 * @example
 * writeCsv(allocationTables(result)) // '\ufeffkod;part;invanare;investering_kr;belopp_kr\r\n14;Västra Götalandsregionen;…'
 */
export function writeCsv(tables: Table | readonly Table[]): string {
  const row = (r: readonly Cell[]) => r.map((c) => csvField(csvCell(c), isFigure(c) ? 'number' : 'text')).join(';');
  const parts = tableList(tables).map((table) => [table.columns.map((c) => csvField(c.csv)).join(';'), ...[...table.rows, ...(table.footer ?? [])].map(row)].join('\r\n'));
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
