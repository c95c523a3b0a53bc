/**
 * Reads the first sheet of an XLSX (or old XLS) workbook into the same
 * records as a CSV file, row numbers standing in for line numbers, so that
 * one set of checks serves both. SheetJS is loaded on first use only: it
 * costs some 40 ms, which the CLI's start-up should not pay when no
 * spreadsheet is read.
 */
import { createRequire } from 'node:module';
import { t, type Problem } from '../models/errors.js';
import type { TableRecord } from './table.js';

type SheetJs = typeof import('xlsx');

const MAX_ROWS = 100_000;
const MAX_COLUMNS = 1_000;
let sheetJs: SheetJs | undefined;

function loadSheetJs(): SheetJs {
  sheetJs ??= createRequire(import.meta.url)('xlsx') as SheetJs;
  return sheetJs;
}

/**
 * The first sheet's rows as text records (numbers as JavaScript writes them,
 * so `32148` stays `"32148"` and `32.5` stays visibly fractional).
 *
 * @returns the records, or a problem when the bytes are not a workbook
 *   SheetJS can open or the workbook has no sheet.
 */
export function readFirstSheet(
  bytes: Uint8Array,
  file?: string,
): { ok: true; records: TableRecord[]; sheetName: string } | { ok: false; problem: Problem } {
  const X = loadSheetJs();
  let workbook: ReturnType<SheetJs['read']>;
  try {
    workbook = X.read(bytes, { type: 'buffer', cellDates: false, cellFormula: false, cellHTML: false });
  } catch (e) {
    return {
      ok: false,
      problem: {
        file,
        message: t(
          `filen går inte att läsa som en XLSX-arbetsbok (${(e as Error).message})`,
          `the file cannot be read as an XLSX workbook (${(e as Error).message})`,
        ),
        hint: t('Spara om den i Excel som .xlsx eller som CSV (UTF-8).', 'Save it again in Excel as .xlsx or as CSV (UTF-8).'),
      },
    };
  }
  const sheetName = workbook.SheetNames[0];
  const sheet = sheetName === undefined ? undefined : workbook.Sheets[sheetName];
  if (sheetName === undefined || sheet === undefined) {
    return { ok: false, problem: { file, message: t('arbetsboken har inget blad', 'the workbook has no sheet') } };
  }
  const ref = sheet['!ref'];
  const records: TableRecord[] = [];
  if (ref === undefined) return { ok: true, records, sheetName };
  const range = X.utils.decode_range(ref);
  // A sheet's declared range can claim a million rows of formatting; a user
  // or population list never needs more than a few hundred.
  if (range.e.r - range.s.r >= MAX_ROWS || range.e.c >= MAX_COLUMNS) {
    return {
      ok: false,
      problem: {
        file,
        message: t(
          `bladet "${sheetName}" är för stort (${ref}); högst ${MAX_ROWS} rader och ${MAX_COLUMNS} kolumner läses`,
          `the sheet "${sheetName}" is too large (${ref}); at most ${MAX_ROWS} rows and ${MAX_COLUMNS} columns are read`,
        ),
        hint: t('Ta bort tomma formaterade rader och kolumner, eller spara som CSV.', 'Remove empty formatted rows and columns, or save as CSV.'),
      },
    };
  }
  for (let r = range.s.r; r <= range.e.r; r++) {
    const fields: string[] = [];
    for (let c = 0; c <= range.e.c; c++) {
      const cell = sheet[X.utils.encode_cell({ r, c })] as { v?: unknown; w?: string } | undefined;
      fields.push(cellText(cell));
    }
    // Trailing empty cells are formatting, not data: drop them like a CSV would not have them.
    while (fields.length > 1 && fields[fields.length - 1] === '') fields.pop();
    records.push({ fields, line: r + 1 });
  }
  return { ok: true, records, sheetName };
}

function cellText(cell: { v?: unknown; w?: string } | undefined): string {
  if (cell === undefined || cell.v === undefined || cell.v === null) return '';
  const v = cell.v;
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : (cell.w ?? '');
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  return String(v);
}
