/**
 * XLSX workbooks: a sheet per table with typed cells (kronor, per cent and
 * counts as numbers with a number format, so a spreadsheet sums them), the
 * caveats above the table and the notes on a sheet of their own. Loads the
 * xlsx library only when a workbook is written.
 */
import { type Table, tableList } from './table-model.js';

/** Kronor with two decimals: `1 234,56 kr` in a Swedish Excel. */
const KRONOR = '#,##0.00 "kr"';
const PERCENT = '0.0%';
const COUNT = '#,##0';

/**
 * Tables as an XLSX workbook (its bytes): each on its sheet, caveats above
 * the headings, footer rows under the body; then the notes, on the table's
 * own `notesSheet` or under each title on a shared `Noter` sheet.
 *
 * @example
 * await writeFile('fordelning.xlsx', await writeXlsx(allocationTables(result)));
 */
export async function writeXlsx(tables: Table | readonly Table[]): Promise<Uint8Array> {
  const XLSX = await import('xlsx');
  const wb = XLSX.utils.book_new();
  const shared: string[][] = [];
  for (const table of tableList(tables)) {
    const caveats = (table.caveats ?? []).map((c) => `OBS: ${c}`);
    // Caveats (example data and the like) stand above the table, in plain sight.
    const top: unknown[][] = caveats.length > 0 ? [...caveats.map((c) => [c]), []] : [];
    const aoa: unknown[][] = [...top, table.columns.map((c) => c.label)];
    const formats: (string | undefined)[][] = [];
    for (const r of [...table.rows, ...(table.footer ?? [])]) {
      const row: unknown[] = [];
      const fmt: (string | undefined)[] = [];
      for (const c of r) {
        if (c === null || typeof c === 'string') {
          row.push(c);
          fmt.push(undefined);
        } else if ('ore' in c) {
          row.push(c.ore / 100);
          fmt.push(KRONOR);
        } else if ('kr' in c) {
          row.push(c.kr.toNumber());
          fmt.push(KRONOR);
        } else if ('pct' in c) {
          row.push(c.pct.toNumber());
          fmt.push(PERCENT);
        } else if ('int' in c) {
          row.push(c.int);
          fmt.push(COUNT);
        } else {
          row.push(c.num.toNumber());
          fmt.push(undefined);
        }
      }
      aoa.push(row);
      formats.push(fmt);
    }
    const ws = XLSX.utils.aoa_to_sheet(aoa);
    formats.forEach((fmt, ri) =>
      fmt.forEach((z, ci) => {
        const cell = ws[XLSX.utils.encode_cell({ r: top.length + 1 + ri, c: ci })] as { t: string; z?: string } | undefined;
        if (cell && z) {
          cell.t = 'n';
          cell.z = z;
        }
      }),
    );
    ws['!cols'] = table.columns.map((c) => ({ wch: c.width ?? Math.max(10, Math.min(40, c.label.length + 2)) }));
    XLSX.utils.book_append_sheet(wb, ws, table.sheet.slice(0, 31));
    if (table.notesSheet !== undefined) XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet([...caveats, ...table.notes].map((n) => [n])), table.notesSheet);
    else shared.push([table.title], ...caveats.map((c) => [c]), ...table.notes.map((n) => [n]), []);
  }
  if (shared.length > 0) XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(shared), 'Noter');
  return new Uint8Array(XLSX.write(wb, { type: 'array', bookType: 'xlsx' }) as ArrayBuffer);
}
