/**
 * HTML tables, for notebooks: figures right-aligned with tabular digits, a
 * footer set apart, caveats above in a box and notes below, every text
 * escaped. {@link writeHtml} writes the one table model; {@link htmlTable}
 * is the drawing under it, for any rows (a DataFrame, key figures).
 */
import { formatInteger } from '../format.js';
import { type Table, cellText, columnAlignment, shownColumns, tableList } from './table-model.js';

/** A table cell: text as given, a number formatted in Swedish, or HTML the caller vouches for. */
export type TableCell = string | number | bigint | boolean | null | undefined | { readonly html: string };

/** A column of {@link htmlTable}. */
export interface HtmlTableColumn {
  readonly label: string;
  /** Right for figures, left for text; by default figures are found by looking at the column. */
  readonly align?: 'left' | 'right';
}

/** What {@link htmlTable} draws. */
export interface HtmlTableInput {
  readonly columns: readonly (string | HtmlTableColumn)[];
  readonly rows: readonly (readonly TableCell[])[];
  /** Rows set apart under the body (a sum). */
  readonly footer?: readonly (readonly TableCell[])[];
  readonly caption?: string;
  /** Statements that must stand in plain sight above the table (example data and the like). */
  readonly caveats?: readonly string[];
  /** Lines under the table (reconciliation, sources). */
  readonly notes?: readonly string[];
  /** Decimals for numbers that are not whole (default 2). Money should arrive formatted (öre are not kronor). */
  readonly decimals?: number;
}

const ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text made safe to place in HTML. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

/**
 * A number in Swedish form: `1 744 859`, `9,75`, `−0,5` (no-break spaces,
 * decimal comma, the minus sign). Whole numbers keep no decimals; others get
 * `decimals`.
 */
export function formatNumberSv(n: number | bigint, decimals = 2): string {
  if (typeof n === 'bigint' || Number.isInteger(n)) return formatInteger(n);
  if (!Number.isFinite(n)) return Number.isNaN(n) ? '' : n > 0 ? '∞' : '−∞';
  const fixed = Math.abs(n).toFixed(decimals);
  const [int, frac] = fixed.split('.');
  const body = formatInteger(BigInt(int!)) + (frac ? `,${frac}` : '');
  return (n < 0 && Number(fixed) !== 0 ? '\u2212' : '') + body;
}

function htmlCell(cell: TableCell, decimals: number): { html: string; figure: boolean } {
  if (cell === null || cell === undefined) return { html: '', figure: false };
  if (typeof cell === 'object') return { html: cell.html, figure: false };
  if (typeof cell === 'number' || typeof cell === 'bigint') return { html: escapeHtml(formatNumberSv(cell, decimals)), figure: true };
  if (typeof cell === 'boolean') return { html: cell ? 'ja' : 'nej', figure: false };
  return { html: escapeHtml(cell), figure: FIGURE.test(cell) && !BARE_DIGITS.test(cell) };
}

// A figure already formatted: `17 448 590 kr`, `9,74 kr`, `−3,2 %`, `+1 200`, `0,5`. A bare run of
// digits (`0180`, `2021`) is a code or a year, and stays left like text.
const FIGURE = /^[−+-]?\d[\d\u00a0\u202f ]*(,\d+)?(\u00a0| )?(kr|%|öre)?$/;
const BARE_DIGITS = /^\d+$/;

const TABLE_STYLE =
  'border-collapse:collapse;font-variant-numeric:tabular-nums;font-size:13px;margin:4px 0;' +
  'font-family:-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif';
const CELL_STYLE = 'padding:3px 10px;border-bottom:1px solid #e3e3e3;white-space:nowrap';

/**
 * An HTML table: figures right-aligned with tabular digits, a footer row set
 * apart, caveats above and notes below. Every text is escaped.
 *
 * @example
 * htmlTable({ columns: ['Part', 'Belopp'], rows: [['Ale', formatKronor(32148000)]] })
 */
export function htmlTable(input: HtmlTableInput): string {
  const decimals = input.decimals ?? 2;
  const columns = input.columns.map((c) => (typeof c === 'string' ? { label: c } : c));
  const body = input.rows.map((r) => r.map((c) => htmlCell(c, decimals)));
  const foot = (input.footer ?? []).map((r) => r.map((c) => htmlCell(c, decimals)));
  const align = columns.map((c, i) => {
    if (c.align) return c.align;
    const cells = [...body, ...foot].map((r) => r[i]).filter((x) => x !== undefined && x.html !== '');
    return cells.length > 0 && cells.every((x) => x!.figure) ? 'right' : 'left';
  });
  const td = (tag: 'td' | 'th', html: string, i: number, extra = '') => `<${tag} style="${CELL_STYLE};text-align:${align[i] ?? 'left'}${extra}">${html}</${tag}>`;
  const out: string[] = ['<div class="andel-table">'];
  for (const c of input.caveats ?? []) {
    out.push(`<p style="margin:4px 0;padding:4px 8px;background:#fff4ce;border-left:4px solid #c55a11"><strong>OBS:</strong> ${escapeHtml(c)}</p>`);
  }
  out.push(`<table style="${TABLE_STYLE}">`);
  if (input.caption) out.push(`<caption style="text-align:left;font-weight:600;padding:4px 0">${escapeHtml(input.caption)}</caption>`);
  out.push('<thead><tr>' + columns.map((c, i) => td('th', escapeHtml(c.label), i, ';border-bottom:2px solid #1f4e79')).join('') + '</tr></thead>');
  out.push('<tbody>' + body.map((r) => '<tr>' + r.map((c, i) => td('td', c.html, i)).join('') + '</tr>').join('') + '</tbody>');
  if (foot.length > 0) out.push('<tfoot>' + foot.map((r) => '<tr>' + r.map((c, i) => td('td', c.html, i, ';font-weight:600;border-top:2px solid #1f4e79')).join('') + '</tr>').join('') + '</tfoot>');
  out.push('</table>');
  if (input.notes && input.notes.length > 0) {
    out.push(`<ul style="margin:4px 0;padding-left:18px;font-size:12px;color:#333">${input.notes.map((n) => `<li>${escapeHtml(n)}</li>`).join('')}</ul>`);
  }
  out.push('</div>');
  return out.join('\n');
}

/**
 * Tables as HTML, one `<table>` each with its title as caption, its
 * caveats above and its notes below; the data-only columns are left out,
 * as in the terminal.
 *
 * @example
 * writeHtml(comparisonTables(c, base, scenario)) // '<div class="andel-table">\n<table …'
 */
export function writeHtml(tables: Table | readonly Table[]): string {
  return tableList(tables)
    .map((table) => {
      const shown = shownColumns(table);
      const align = columnAlignment(table);
      const cells = (r: Table['rows'][number]): TableCell[] => shown.map((i) => (r[i] === null || r[i] === undefined ? null : cellText(r[i])));
      const footer = table.footer ?? [];
      const caveats = table.caveats ?? [];
      return htmlTable({
        caption: table.title,
        columns: shown.map((i) => ({ label: table.columns[i]!.label, align: align[i]! })),
        rows: table.rows.map(cells),
        ...(footer.length > 0 ? { footer: footer.map(cells) } : {}),
        ...(caveats.length > 0 ? { caveats } : {}),
        notes: table.notes,
      });
    })
    .join('\n');
}
