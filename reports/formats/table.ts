/**
 * The terminal's format: tables as plain text, figures right-aligned in
 * columns two spaces apart, Swedish figures with plain spaces (a terminal
 * font has no narrower ones to offer).
 */
import { NBSP } from '../format.js';
import { type Cell, type Table, cellText, columnAlignment, shownColumns, tableList } from './table-model.js';

/**
 * Tables as text for the terminal (or a `.txt` file): for each, the title,
 * the caveats, the headings over a rule, the rows, the footer rows under a
 * rule, and the notes; tables a blank line apart.
 *
 * @example
 * writeText(allocationTables(result)) // 'Gemensam investering\n\nKod   Part …'
 */
export function writeText(tables: Table | readonly Table[]): string {
  return tableList(tables).map(tableText).join('\n\n').replaceAll(NBSP, ' ') + '\n';
}

function tableText(table: Table): string {
  const shown = shownColumns(table);
  const align = columnAlignment(table);
  const cells = (r: readonly Cell[]) => shown.map((i) => cellText(r[i]));
  const head = shown.map((i) => table.columns[i]!.label);
  const body = table.rows.map(cells);
  const footer = (table.footer ?? []).map(cells);
  const all = [head, ...body, ...footer];
  const widths = head.map((_, j) => Math.max(...all.map((r) => [...r[j]!].length)));
  const line = (r: string[]) => r.map((c, j) => (align[shown[j]!] === 'right' ? c.padStart(widths[j]!) : c.padEnd(widths[j]!))).join('  ').trimEnd();
  const rule = widths.map((w) => '─'.repeat(w)).join('  ');
  const caveats = (table.caveats ?? []).map((c) => `OBS: ${c}`);
  return [
    table.title,
    ...(caveats.length > 0 ? ['', ...caveats] : []),
    '',
    line(head),
    rule,
    ...body.map(line),
    ...(footer.length > 0 ? [rule, ...footer.map(line)] : []),
    ...(table.notes.length > 0 ? ['', ...table.notes] : []),
  ].join('\n');
}
