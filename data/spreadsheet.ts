/**
 * Reads the first sheet of an XLSX (or old XLS) workbook into the same
 * records as a CSV file, row numbers standing in for line numbers, so that
 * one set of checks serves both. SheetJS is loaded on first use only: it
 * costs some 40 ms, which the CLI's start-up should not pay when no
 * spreadsheet is read.
 */
import { createRequire } from 'node:module';
import { t, type Problem } from '../models/errors.js';
import type { CellValue, TableRecord } from './table.js';

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
 * so `32148` stays `"32148"` and `32.5` stays visibly fractional; a date as
 * its ISO date), with every cell that is not text also kept typed in
 * `cells`, so that a count is never read from a date's day number or an
 * error's code.
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
    // Number formats (cellNF) tell a date from a number; formulas (cellFormula)
    // tell an uncalculated formula from an empty cell. Dates stay day numbers
    // (cellDates: false) and are converted here, free of the time zone.
    workbook = X.read(bytes, { type: 'buffer', cellDates: false, cellNF: true, cellFormula: true, cellHTML: false });
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
  const date1904 = Boolean(workbook.Workbook?.WBProps?.date1904);
  for (let r = range.s.r; r <= range.e.r; r++) {
    const fields: string[] = [];
    const cells: (CellValue | undefined)[] = [];
    for (let c = 0; c <= range.e.c; c++) {
      const typed = cellValue(X, sheet[X.utils.encode_cell({ r, c })] as Cell | undefined, date1904);
      fields.push(typed.text);
      cells.push(typed.value);
    }
    // Trailing empty cells are formatting, not data: drop them like a CSV would not have them.
    while (fields.length > 1 && fields[fields.length - 1] === '') fields.pop();
    cells.length = Math.min(cells.length, fields.length);
    records.push({ fields, line: r + 1, ...(cells.some((v) => v !== undefined) ? { cells } : {}) });
  }
  return { ok: true, records, sheetName };
}

// Excel's error values by their stored code, for a cell SheetJS gave no text.
const ERROR_NAMES = new Map<number, string>([
  [0x00, '#NULL!'],
  [0x07, '#DIV/0!'],
  [0x0f, '#VALUE!'],
  [0x17, '#REF!'],
  [0x1d, '#NAME?'],
  [0x24, '#NUM!'],
  [0x2a, '#N/A'],
]);

/** A SheetJS cell as read with number formats and formulas. */
interface Cell {
  readonly t?: string;
  readonly v?: unknown;
  readonly w?: string;
  readonly z?: string | number;
  readonly f?: string;
}

/** A cell's text for `fields`, and its typed value when it is not text. */
function cellValue(X: SheetJs, cell: Cell | undefined, date1904: boolean): { text: string; value?: CellValue } {
  if (cell === undefined) return { text: '' };
  const v = cell.v;
  if (cell.t === 'e' || (v === undefined && cell.f !== undefined)) {
    // SheetJS reads a formula without a stored value as an error cell with no value.
    if (v === undefined && cell.f !== undefined) return { text: `=${cell.f}`, value: { kind: 'formula', formula: cell.f } };
    const text = cell.w ?? (typeof v === 'number' ? ERROR_NAMES.get(v) : undefined) ?? '#N/A';
    return { text, value: { kind: 'error', text } };
  }
  if (v === undefined || v === null) return { text: '' };
  if (typeof v === 'number') {
    if (typeof cell.z === 'string' && X.SSF.is_date(cell.z)) {
      const text = dateText(X, v, date1904);
      return { text, value: { kind: 'date', text } };
    }
    return { text: Number.isFinite(v) ? String(v) : (cell.w ?? ''), value: { kind: 'number', value: v } };
  }
  if (typeof v === 'boolean') return { text: v ? 'TRUE' : 'FALSE', value: { kind: 'boolean', value: v } };
  if (v instanceof Date) {
    // A cell stored as a date (t: 'd'), rare in XLSX.
    const text = Number.isNaN(v.getTime()) ? String(cell.w ?? '') : v.toISOString().slice(0, 10);
    return { text, value: { kind: 'date', text } };
  }
  return { text: String(v) };
}

/** A day number as an ISO date, with the time when there is one: `2021-01-01`, `2021-01-01 12:30`. */
function dateText(X: SheetJs, serial: number, date1904: boolean): string {
  const d = X.SSF.parse_date_code(serial, { date1904 });
  if (d === null || d === undefined) return String(serial);
  const two = (n: number): string => String(n).padStart(2, '0');
  const date = `${String(d.y).padStart(4, '0')}-${two(d.m)}-${two(d.d)}`;
  return d.H === 0 && d.M === 0 && d.S === 0 ? date : `${date} ${two(d.H)}:${two(d.M)}`;
}
