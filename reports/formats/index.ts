/**
 * The output formats and the one resolver of them. A command's output is
 * its JSON contract and its tables ({@link TableOutput}); a format is a
 * writer in this folder and one entry in {@link FORMATS}. A new format is
 * one file here and one entry there: the resolver, its messages and every
 * command that writes then know it.
 */
import { extname } from 'node:path';
import { InputError, type Text, t } from '../../models/errors.js';
import { writeCsv } from './csv.js';
import { writeJson } from './json.js';
import { writeText } from './table.js';
import type { Table } from './table-model.js';
import { writeXlsx } from './xlsx.js';

export { writeCsv } from './csv.js';
export { type HtmlTableColumn, type HtmlTableInput, type TableCell, escapeHtml, formatNumberSv, htmlTable, writeHtml } from './html.js';
export { writeJson } from './json.js';
export { writeText } from './table.js';
export { type Cell, type Column, type Table, cellText } from './table-model.js';
export { writeXlsx } from './xlsx.js';

/**
 * What a command writes, made only in the format asked for: its JSON
 * contract, its tables, and, for an answer that is no table (a goal seek),
 * its own text for the terminal.
 */
export interface TableOutput {
  readonly json: () => unknown;
  readonly tables: () => readonly Table[];
  readonly text?: () => string;
}

/** How an output is written, beyond its format. */
export interface RenderOptions {
  /** CSV: codes as `="0381"`, kept as text by Excel and LibreOffice (`--csv-codes-as-text`). */
  readonly csvCodesAsText?: boolean;
}

/** The formats a command's output is written in. `text` is the terminal's: a table, or the command's own text. */
export type OutputFormat = 'text' | 'json' | 'csv' | 'xlsx';

/** One format: the file extension it stands for, its name in messages, and its writer. */
interface FormatEntry {
  readonly extension: string;
  readonly title: string;
  /** Written to a file only (bytes a terminal cannot show). */
  readonly fileOnly?: boolean;
  readonly write: (output: TableOutput, options: RenderOptions) => string | Uint8Array | Promise<string | Uint8Array>;
}

/** Every format, in the order messages list them. */
const FORMATS: Readonly<Record<OutputFormat, FormatEntry>> = {
  text: { extension: '.txt', title: 'text', write: (o) => (o.text ? o.text() : writeText(o.tables())) },
  csv: { extension: '.csv', title: 'CSV', write: (o, options) => writeCsv(o.tables(), { codesAsText: options.csvCodesAsText ?? false }) },
  json: { extension: '.json', title: 'JSON', write: (o) => writeJson(o.json()) },
  xlsx: { extension: '.xlsx', title: 'XLSX', fileOnly: true, write: (o) => writeXlsx(o.tables()) },
};

/**
 * A command's output in a format: text for the terminal or a text file,
 * bytes for XLSX.
 *
 * @example
 * await renderOutput(allocationOutput(result), 'csv') // '\ufeffkod;part;…'
 */
export async function renderOutput(output: TableOutput, format: OutputFormat, options: RenderOptions = {}): Promise<string | Uint8Array> {
  return FORMATS[format].write(output, options);
}

/** The file extension a format is written with (`.txt`, `.csv`, `.json`, `.xlsx`). */
export function outputExtension(format: OutputFormat): string {
  return FORMATS[format].extension;
}

/** What {@link resolveOutputFormat} needs to know about a command and its options. */
export interface ResolveOutputFormatOptions {
  /** `--format`, when given; `table` is the allocation's word for `text`. */
  readonly format?: OutputFormat | 'table' | undefined;
  /** `--out`, when given. */
  readonly out?: string | undefined;
  /** What the command calls its terminal format in `--format` (`table` for allocate); `text` by default. */
  readonly terminal?: 'table' | 'text';
  /** The command's name, for the refusal of a PDF (`allocate`); "this command" when absent. */
  readonly command?: string;
  /** Which command writes the PDF the user wanted. */
  readonly pdfHint: Text;
  /** The formats the command writes, when not all (a goal seek's one answer is no table), and its name for the refusal. */
  readonly accepts?: { readonly formats: readonly OutputFormat[]; readonly command: string };
}

/**
 * The format of a command's output: `--format` when given, else the one the
 * `--out` file's extension names, else the terminal's. Refused, with what
 * to do instead:
 *
 * - a `.pdf` whatever `--format` says (a table in a file named .pdf opens
 *   nowhere), naming the command that writes PDFs;
 * - an extension no format has, or none, listing those there are, rather
 *   than silently writing a text table;
 * - a format written to files only (XLSX) without `--out`;
 * - a format the command does not write (`accepts`).
 *
 * Checking that `--out` can be written is the caller's (`checkOutputFile`),
 * before it computes anything.
 *
 * @throws InputError `E_OPTION`.
 * @example
 * resolveOutputFormat({ out: 'ut.csv', command: 'allocate', pdfHint }) // 'csv'
 */
export function resolveOutputFormat(options: ResolveOutputFormatOptions): OutputFormat {
  const { out } = options;
  const ext = out !== undefined ? extname(out).toLowerCase() : '';
  if (out !== undefined && ext === '.pdf') {
    throw InputError.of(
      t(`${options.command ?? 'kommandot'} skriver tabeller, inte PDF (${out})`, `${options.command ?? 'this command'} writes tables, not PDF (${out})`),
      { file: '--out', hint: options.pdfHint },
      'E_OPTION',
    );
  }
  const format = options.format === 'table' ? 'text' : (options.format ?? (out === undefined ? 'text' : byExtension(ext, out, options.terminal ?? 'text')));
  const entry = FORMATS[format];
  if (entry.fileOnly && !out) {
    throw InputError.of(t(`${format} skrivs till en fil: ange --out FIL${entry.extension}`, `${format} is written to a file: give --out FILE${entry.extension}`), { file: '--format' }, 'E_OPTION');
  }
  const accepts = options.accepts;
  if (accepts && !accepts.formats.includes(format)) {
    const where = out ? ` (${out})` : '';
    const exts = accepts.formats.map((f) => FORMATS[f].extension);
    throw InputError.of(
      t(`${accepts.command} skriver ${or(accepts.formats.map((f) => FORMATS[f].title), 'eller')}, inte ${entry.title}${where}`, `${accepts.command} writes ${or(accepts.formats.map((f) => FORMATS[f].title), 'or')}, not ${entry.title}${where}`),
      {
        file: options.format ? '--format' : '--out',
        hint: t(
          `Skriv till en ${or(exts.map((e, i) => (i < exts.length - 1 ? `${e}-` : `${e}-fil`)), 'eller')}, eller välj --format ${or([...accepts.formats], 'eller')}.`,
          `Write to a ${or(exts, 'or')} file, or choose --format ${or([...accepts.formats], 'or')}.`,
        ),
      },
      'E_OPTION',
    );
  }
  return format;
}

/** The format an `--out` extension names, or the refusal that lists those there are. */
function byExtension(ext: string, out: string, terminal: 'table' | 'text'): OutputFormat {
  const formats = Object.keys(FORMATS) as OutputFormat[];
  const chosen = formats.find((f) => FORMATS[f].extension === ext);
  if (chosen !== undefined) return chosen;
  const list = formats.map((f) => (f === 'text' ? `${FORMATS[f].extension} (${terminal === 'table' ? 'tabell' : 'text'})` : FORMATS[f].extension));
  const listEn = formats.map((f) => (f === 'text' ? `${FORMATS[f].extension} (${terminal})` : FORMATS[f].extension));
  throw InputError.of(
    ext === '' ? t(`filnamnet saknar ändelse (${out})`, `the file name has no extension (${out})`) : t(`okänd filändelse ${ext} (${out})`, `unknown file extension ${ext} (${out})`),
    {
      file: '--out',
      hint: t(`Skriv ${or(list, 'eller')}, eller välj format med --format.`, `Use ${or(listEn, 'or')}, or choose the format with --format.`),
    },
    'E_OPTION',
  );
}

/** `a, b or c`. */
function or(items: readonly string[], word: string): string {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} ${word} ${items[items.length - 1]}`;
}
