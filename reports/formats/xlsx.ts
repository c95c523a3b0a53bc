/**
 * XLSX workbooks: a sheet per table with typed cells (kronor, per cent and
 * counts as numbers with a number format, so a spreadsheet sums them), the
 * caveats above the table and the notes on a sheet of their own. Loads the
 * xlsx library only when a workbook is written.
 */
import { type Cell, type Table, tableList } from './table-model.js';

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
        const value = figureValue(c);
        row.push(value === undefined ? c : value.v);
        fmt.push(value?.z);
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
    const sheetName = table.sheet.slice(0, 31);
    // The row of the sheet (0-based) where footer row k stands.
    const footerRow = (k: number) => top.length + 1 + table.rows.length + k;
    if (table.sumFooter !== undefined && table.rows.length > 0) {
      // The sum row as formulas over the body, each with its value: a reader that does not
      // recalculate shows the figure; Excel in Swedish shows SUM as SUMMA (the file stores SUM).
      const r = footerRow(table.sumFooter);
      table.columns.forEach((_, ci) => {
        const cell = ws[XLSX.utils.encode_cell({ r, c: ci })] as { t: string; f?: string } | undefined;
        if (cell?.t !== 'n') return;
        const from = XLSX.utils.encode_cell({ r: top.length + 1, c: ci });
        const to = XLSX.utils.encode_cell({ r: top.length + table.rows.length, c: ci });
        cell.f = `SUM(${from}:${to})`;
      });
    }
    ws['!cols'] = table.columns.map((c) => ({ wch: c.width ?? Math.max(10, Math.min(40, c.label.length + 2)) }));
    XLSX.utils.book_append_sheet(wb, ws, sheetName);
    if (table.notesSheet !== undefined) {
      const figures = table.figures ?? [];
      const lines = [...caveats, ...table.notes].map((n) => [n]);
      const notes = XLSX.utils.aoa_to_sheet(figures.length > 0 ? [['Post', 'Belopp'], ...figures.map((f) => [f.label, null]), [], ...lines] : lines);
      figures.forEach((f, k) => {
        const value = figureValue(f.cell);
        if (value === undefined) return;
        const cell: { t: string; v: number; z?: string; f?: string } = { t: 'n', v: value.v, ...(value.z ? { z: value.z } : {}) };
        if (f.formula && 'footer' in f.formula) cell.f = `'${sheetName.replaceAll("'", "''")}'!${XLSX.utils.encode_cell({ r: footerRow(f.formula.footer), c: f.formula.column })}`;
        else if (f.formula) cell.f = [f.formula.difference, ...f.formula.minus].map((i) => XLSX.utils.encode_cell({ r: 1 + i, c: 1 })).join('-');
        notes[XLSX.utils.encode_cell({ r: 1 + k, c: 1 })] = cell;
      });
      if (figures.length > 0) notes['!cols'] = [{ wch: Math.max(20, ...figures.map((f) => f.label.length + 2)) }, { wch: 20 }];
      XLSX.utils.book_append_sheet(wb, notes, table.notesSheet);
    } else shared.push([table.title], ...caveats.map((c) => [c]), ...table.notes.map((n) => [n]), []);
  }
  if (shared.length > 0) XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(shared), 'Noter');
  return new Uint8Array(XLSX.write(wb, { type: 'array', bookType: 'xlsx' }) as ArrayBuffer);
}

/** A figure cell as an XLSX number and its number format; nothing for text. */
function figureValue(c: Cell): { v: number; z?: string } | undefined {
  if (c === null || typeof c === 'string') return undefined;
  if ('ore' in c) return { v: c.ore / 100, z: KRONOR };
  if ('kr' in c) return { v: c.kr.toNumber(), z: KRONOR };
  if ('pct' in c) return { v: c.pct.toNumber(), z: PERCENT };
  if ('int' in c) return { v: c.int, z: COUNT };
  return { v: c.num.toNumber() };
}
