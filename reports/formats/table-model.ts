/**
 * The one table model: what every tabular output of andel is before it is
 * written. A view (the allocation, a comparison, a sweep, a simulation, a
 * tornado) builds {@link Table}s of typed cells, and a writer in this folder
 * writes them in one format: `table.ts` for the terminal, `csv.ts`,
 * `xlsx.ts`, and `html.ts` for notebooks (`json.ts` writes the JSON
 * contracts, which are not tables). A figure stays typed until the writer,
 * so that one cell becomes Swedish text in the terminal, a number with a
 * decimal comma in CSV and a number with a number format in XLSX.
 */
import type { Dec, Ore } from '../../models/money.js';
import { formatDecimalKronor, formatInteger, formatKronor, formatPercent } from '../format.js';

/**
 * A cell: text as it stands (a code, a name, a status), nothing, or a figure.
 *
 * - `{ ore }`: money in öre. `decimals` as {@link formatKronor} takes it (the
 *   terminal shows öre only where there are any unless `2`); `sign` puts a
 *   `+` on a positive difference.
 * - `{ kr }`: kronor as an exact decimal (a mean, a rate), rounded half up
 *   to `decimals` (2 unless given).
 * - `{ pct }`: a ratio, shown as per cent; `sign` puts a `+` on a positive
 *   change (`+15,0 %`).
 * - `{ int }`: a count.
 * - `{ num }`: a plain decimal number.
 */
export type Cell =
  | string
  | null
  | { readonly ore: Ore; readonly sign?: boolean; readonly decimals?: 0 | 2 | 'auto' }
  | { readonly kr: Dec; readonly decimals?: number; readonly sign?: boolean }
  | { readonly pct: Dec; readonly sign?: boolean }
  | { readonly int: number }
  | { readonly num: Dec };

/** A column: its heading for readers and its name in CSV. */
export interface Column {
  /** The heading in the terminal, HTML and XLSX. */
  readonly label: string;
  /** The CSV header: lower case ASCII, a unit as suffix (`belopp_kr`). */
  readonly csv: string;
  /** Text left, figures right. By default a column is right-aligned when one of its cells is a figure. */
  readonly align?: 'left' | 'right';
  /**
   * Written to CSV and XLSX only, left out of the terminal and HTML: a
   * column that would repeat another for a reader (the one component's
   * amount beside the amount).
   */
  readonly dataOnly?: boolean;
  /** The XLSX column width in characters; by default from the heading. */
  readonly width?: number;
  /**
   * The column holds codes (`0381`, `01`, `0180-01`): text that a spreadsheet
   * would take for a number and strip of its leading zero. XLSX writes them
   * as text anyway; CSV writes them as `="0381"` when asked (`codesAsText`).
   */
  readonly code?: boolean;
}

/**
 * A figure on the XLSX notes sheet: a label and a number, or a formula with
 * its value (so a reader that does not recalculate still sees the figure).
 *
 * - `footer`: the cell of a footer row of the table (`'Fördelning'!F14`);
 * - `difference`: one figure of the list less others (`B2-B3-B4`), by index.
 */
export interface FigureLine {
  readonly label: string;
  readonly cell: Cell;
  readonly formula?: { readonly footer: number; readonly column: number } | { readonly difference: number; readonly minus: readonly number[] };
}

/** A titled table of typed cells, with what must be said above and under it. */
export interface Table {
  readonly title: string;
  /** The XLSX sheet's name (cut to 31 characters, Excel's limit). */
  readonly sheet: string;
  readonly columns: readonly Column[];
  readonly rows: readonly (readonly Cell[])[];
  /** Rows set apart under the body: a sum, what no party covers. */
  readonly footer?: readonly (readonly Cell[])[];
  /** Statements that must stand in plain sight above the table (example data and the like), without their `OBS: `. */
  readonly caveats?: readonly string[];
  /** Lines under the table: reconciliation, policy, sources. */
  readonly notes: readonly string[];
  /**
   * XLSX: a sheet of this table's own for its caveats and notes (the
   * allocation's `Avstämning`). Without it they go, under the table's title,
   * to one `Noter` sheet that every such table of the workbook shares.
   */
  readonly notesSheet?: string;
  /**
   * XLSX: the footer row (by index) that sums the body, column by column:
   * its figures are written as `SUM(…)` formulas with their values.
   */
  readonly sumFooter?: number;
  /** XLSX: figures on the table's `notesSheet`, above the notes, as numbers and formulas. */
  readonly figures?: readonly FigureLine[];
}

const MINUS = '\u2212';

/** True for a figure: a cell a spreadsheet should get as a number, and the terminal right-aligns. */
export function isFigure(cell: Cell | undefined): boolean {
  return cell !== null && cell !== undefined && typeof cell === 'object';
}

/**
 * A cell as a reader sees it, in Swedish: `5 875 490 kr`, `+1 200 kr`,
 * `16,8 %`, `3 489 718` (with no-break spaces; the terminal writer turns
 * them into spaces).
 */
export function cellText(cell: Cell | undefined): string {
  if (cell === null || cell === undefined) return '';
  if (typeof cell === 'string') return cell;
  if ('ore' in cell) return formatKronor(cell.ore, { sign: cell.sign ?? false, ...(cell.decimals !== undefined ? { decimals: cell.decimals } : {}) });
  if ('kr' in cell) {
    const s = formatDecimalKronor(cell.kr, cell.decimals ?? 2);
    return cell.sign && cell.kr.greaterThan(0) ? `+${s}` : s;
  }
  if ('pct' in cell) {
    const s = formatPercent(cell.pct, 1);
    // A change that rounds to 0,0 % gets no sign: "+0,0 %" would claim a direction it cannot show.
    return cell.sign && cell.pct.greaterThan(0) && /[1-9]/.test(s) ? `+${s}` : s;
  }
  if ('int' in cell) return formatInteger(cell.int);
  return cell.num.toString().replace('.', ',').replace('-', MINUS);
}

/** The columns a reader sees (the terminal, HTML), by index: every one but the data-only ones. */
export function shownColumns(table: Table): number[] {
  return table.columns.flatMap((c, i) => (c.dataOnly ? [] : [i]));
}

/** Each column's alignment: as the column says, else right when a cell of it (body or footer) is a figure. */
export function columnAlignment(table: Table): ('left' | 'right')[] {
  const rows = [...table.rows, ...(table.footer ?? [])];
  return table.columns.map((c, i) => c.align ?? (rows.some((r) => isFigure(r[i])) ? 'right' : 'left'));
}

/** One table or several, as a list. */
export function tableList(tables: Table | readonly Table[]): readonly Table[] {
  return Array.isArray(tables) ? (tables as readonly Table[]) : [tables as Table];
}
