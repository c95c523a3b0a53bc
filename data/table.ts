/**
 * The shape every tabular input is read into before it is understood: records
 * of text fields, each with the 1-based physical line (or spreadsheet row) it
 * starts on, so that every later message can point at the line the user sees
 * in their editor. Also finds the header row under title lines and picks the
 * delimiter, because SCB's exports and Excel's Swedish CSV differ in both.
 *
 * The CSV splitter is written here rather than taken from csv-parse because
 * it must never throw on broken input (random bytes included) and must keep
 * physical line numbers through quoted line breaks; both are a few lines.
 */
import { t, type Problem, type ProblemList, type Text } from '../models/errors.js';

/**
 * What a spreadsheet cell held when it was not text. A count must not be
 * read from the text such a cell was flattened to: a date is a day number
 * (44197), an error value has a code (`#REF!` is 23), and an uncalculated
 * formula has no value at all.
 */
export type CellValue =
  | { readonly kind: 'number'; readonly value: number }
  /** A number Excel shows as a date or time; `text` is the ISO date (and time). */
  | { readonly kind: 'date'; readonly text: string }
  | { readonly kind: 'boolean'; readonly value: boolean }
  /** An error value; `text` as Excel writes it (`#REF!`, `#N/A`). */
  | { readonly kind: 'error'; readonly text: string }
  /** A formula the file holds no calculated value for (written by a program that does not calculate). */
  | { readonly kind: 'formula'; readonly formula: string };

/** One record of a table: its fields as text and the line it starts on. */
export interface TableRecord {
  /** The fields, unquoted, untrimmed. A blank line is `['']`. */
  readonly fields: readonly string[];
  /** 1-based physical line (CSV) or row number (spreadsheet). */
  readonly line: number;
  /**
   * A spreadsheet row's typed cells, by field index: set for every cell that
   * was not text (a text cell, an empty one and every CSV field are only in
   * `fields`). Absent for CSV records.
   */
  readonly cells?: readonly (CellValue | undefined)[];
}

/**
 * A field as a count reader takes it: a spreadsheet cell's typed value when
 * it has one, else its text.
 */
export function typedField(record: TableRecord, fields: readonly string[], index: number): string | CellValue {
  return record.cells?.[index] ?? fields[index] ?? '';
}

/**
 * Where a field is, as the user finds it: the 1-based field number in a CSV
 * line, the column letters (`A`, `Z`, `AA`) in a spreadsheet.
 */
export function columnOf(index: number, spreadsheet: boolean): number | string {
  if (!spreadsheet) return index + 1;
  let letters = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}

/** The delimiters andel accepts in a CSV file. */
export type Delimiter = ',' | ';' | '\t';

/** The candidates in the order a tie is broken: Swedish Excel writes `;`. */
export const DELIMITERS: readonly Delimiter[] = [';', '\t', ','];

/**
 * Splits delimited text into records. Quotes follow RFC 4180 (`""` is a
 * quote inside a quoted field; a quoted field may span lines) but are read
 * leniently the way Excel reads them: a quote inside an unquoted field is
 * kept as text. CRLF, LF and lone CR all end a line. An unclosed quote is the
 * one thing reported, since everything after it would be misread.
 */
export function splitDelimited(
  text: string,
  delimiter: Delimiter,
  file?: string,
): { records: TableRecord[]; problems: Problem[] } {
  const records: TableRecord[] = [];
  const problems: Problem[] = [];
  let fields: string[] = [];
  let field = '';
  let line = 1;
  let recordLine = 1;
  let quoted = false; // inside a quoted section
  let quoteLine = 0;
  let atFieldStart = true;
  // Runs of ordinary characters are copied as slices, not character by
  // character: a file of millions of rows is split in seconds.
  const runEnd = new RegExp(`[${delimiter === '\t' ? '\\t' : delimiter}\\r\\n]`, 'g');

  const endRecord = (): void => {
    fields.push(field);
    records.push({ fields, line: recordLine });
    fields = [];
    field = '';
    atFieldStart = true;
  };

  let i = 0;
  while (i < text.length) {
    if (quoted) {
      const q = text.indexOf('"', i);
      const end = q < 0 ? text.length : q;
      line += lineBreaks(text, i, end);
      field += text.slice(i, end);
      if (q < 0) {
        i = end;
      } else if (text[q + 1] === '"') {
        field += '"';
        i = q + 2;
      } else {
        quoted = false;
        i = q + 1;
      }
      continue;
    }
    const c = text[i]!;
    if (c === '"' && atFieldStart) {
      quoted = true;
      quoteLine = line;
      atFieldStart = false;
      i++;
    } else if (c === delimiter) {
      fields.push(field);
      field = '';
      atFieldStart = true;
      i++;
    } else if (c === '\r' || c === '\n') {
      i += c === '\r' && text[i + 1] === '\n' ? 2 : 1;
      endRecord();
      line++;
      recordLine = line;
    } else if (atFieldStart && (c === ' ' || c === '\u00a0')) {
      // Leading spaces before an opening quote are common in hand-written
      // files; they are dropped from every field.
      i++;
    } else {
      // Up to the next delimiter or line break; a quote here is text.
      runEnd.lastIndex = i;
      const end = runEnd.exec(text)?.index ?? text.length;
      field += text.slice(i, end);
      atFieldStart = false;
      i = end;
    }
  }
  if (quoted) {
    problems.push({
      file,
      line: quoteLine,
      message: t('ett citattecken (") som öppnas här stängs aldrig', 'a quote (") opened here is never closed'),
      hint: t('Kontrollera att varje fält som börjar med " också slutar med ".', 'Check that every field that starts with " also ends with ".'),
    });
  }
  // A file that ends with a line break has no record after it.
  if (field !== '' || fields.length > 0 || !/[\r\n]$/.test(text)) {
    if (text.length > 0) endRecord();
  }
  return { records, problems };
}

/** The line breaks in `text[from, to)`: CRLF, LF and a lone CR each count once. */
function lineBreaks(text: string, from: number, to: number): number {
  let n = 0;
  for (let j = from; j < to; j++) {
    const c = text.charCodeAt(j);
    if (c === 10 || (c === 13 && text.charCodeAt(j + 1) !== 10)) n++;
  }
  return n;
}

/** True for a record with no content (a blank line, or only empty fields). */
export function isBlank(record: TableRecord): boolean {
  return record.fields.every((f) => f.trim() === '');
}

/** True for a comment line: its first field starts with `#`. */
export function isComment(record: TableRecord): boolean {
  return (record.fields[0] ?? '').trimStart().startsWith('#');
}

/** The text of a comment record, without the `#` (delimiters put back). */
export function commentText(record: TableRecord, delimiter: string = ','): string {
  return record.fields.join(delimiter).trimStart().replace(/^#+\s*/, '').trim();
}

/**
 * A header or name normalised for comparison: lower case, no diacritics,
 * letters and digits only. `"Folkmängd"` → `"folkmangd"`, `"Län_kod"` →
 * `"lankod"`.
 */
export function normaliseHeader(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

/** Recognises one kind of column by its header. */
export interface ColumnSpec<K extends string> {
  readonly key: K;
  /** Tests a header normalised with {@link normaliseHeader}. */
  readonly matches: (normalised: string) => boolean;
}

/** Where a table's header is and which column holds what. */
export interface TableLayout<K extends string> {
  /** The header record. */
  readonly header: TableRecord;
  /** Column index for each recognised kind of column (the first match wins). */
  readonly columns: Partial<Record<K, number>>;
  /** Every recognised column per kind, for kinds that may repeat (years). */
  readonly allColumns: Partial<Record<K, number[]>>;
  /** Non-blank, non-comment records after the header, footnotes removed. */
  readonly rows: TableRecord[];
  /** Comment lines anywhere in the file, without their `#`. */
  readonly comments: string[];
  /** Lines before the header that are not comments (SCB's title lines). */
  readonly titles: string[];
  /** Trailing single-field lines after the data (SCB's footnotes). */
  readonly notes: string[];
}

/**
 * Finds the header among the records: the first record with at least two
 * fields in which at least two columns are recognised, or failing that the
 * first one with one recognised column (so that a file missing a column still
 * has its header found and the missing column can be named). Title lines,
 * blank lines and comments before it are skipped.
 */
export function locateTable<K extends string>(
  records: readonly TableRecord[],
  specs: readonly ColumnSpec<K>[],
): TableLayout<K> | undefined {
  let best: { index: number; score: number } | undefined;
  for (let i = 0; i < records.length; i++) {
    const r = records[i]!;
    if (isBlank(r) || isComment(r) || r.fields.length < 2) continue;
    const score = recognise(r, specs).score;
    if (score >= 2) {
      best = { index: i, score };
      break;
    }
    if (score === 1 && best === undefined) best = { index: i, score };
  }
  if (best === undefined) return undefined;

  const header = records[best.index]!;
  const { columns, allColumns } = recognise(header, specs);
  const comments: string[] = [];
  const titles: string[] = [];
  for (const r of records.slice(0, best.index)) {
    if (isComment(r)) comments.push(commentText(r));
    else if (!isBlank(r)) titles.push(r.fields.filter((f) => f.trim() !== '').join(' ').trim());
  }

  const after = records.slice(best.index + 1);
  // SCB appends footnotes after a blank line: single-field lines to the end.
  // Only such a tail is dropped, so a short data row is never mistaken for one.
  let end = after.length;
  for (let i = after.length - 1; i >= 0; i--) {
    const r = after[i]!;
    if (isBlank(r)) {
      end = i;
      continue;
    }
    if (r.fields.length === 1 && !isComment(r) && !/^\s*\d/.test(r.fields[0] ?? '')) continue;
    break;
  }
  let notes: string[] = [];
  const tail = after.slice(end);
  const tailHasBlankFirst = tail.length > 0 && isBlank(tail[0]!);
  if (tailHasBlankFirst) {
    notes = tail.filter((r) => !isBlank(r)).map((r) => r.fields[0]!.trim());
  } else {
    end = after.length;
  }
  const rows: TableRecord[] = [];
  for (const r of after.slice(0, end)) {
    if (isComment(r)) comments.push(commentText(r));
    else if (!isBlank(r)) rows.push(r);
  }
  return { header, columns, allColumns, rows, comments, titles, notes };
}

function recognise<K extends string>(
  record: TableRecord,
  specs: readonly ColumnSpec<K>[],
): { score: number; columns: Partial<Record<K, number>>; allColumns: Partial<Record<K, number[]>> } {
  const columns: Partial<Record<K, number>> = {};
  const allColumns: Partial<Record<K, number[]>> = {};
  record.fields.forEach((f, i) => {
    const n = normaliseHeader(f);
    if (n === '') return;
    const spec = specs.find((s) => s.matches(n));
    if (spec === undefined) return;
    if (columns[spec.key] === undefined) columns[spec.key] = i;
    (allColumns[spec.key] ??= []).push(i);
  });
  return { score: Object.keys(columns).length, columns, allColumns };
}

// Enough lines for any title block above a header. The delimiter is chosen
// on these lines, and only the chosen one splits the whole file: a file of
// millions of rows is split once, not three times.
const HEADER_SEARCH_LINES = 1000;

/**
 * Splits text with each accepted delimiter and keeps the one under which a
 * header is recognised best (most recognised columns, then most fields in the
 * header, then the order of {@link DELIMITERS}). Returns undefined when no
 * delimiter gives a header.
 *
 * The choice is made on the first lines when a header with at least two
 * recognised columns is among them; only then is the whole text split, once.
 */
export function readDelimitedTable<K extends string>(
  text: string,
  specs: readonly ColumnSpec<K>[],
  file?: string,
): { layout: TableLayout<K>; delimiter: Delimiter; problems: Problem[] } | undefined {
  const head = firstLines(text, HEADER_SEARCH_LINES);
  if (head.length < text.length) {
    const onHead = bestDelimiter(head, specs, file);
    if (onHead !== undefined && onHead.score >= 2) {
      const { records, problems } = splitDelimited(text, onHead.delimiter, file);
      const layout = locateTable(records, specs);
      if (layout !== undefined) return { layout, delimiter: onHead.delimiter, problems };
    }
  }
  const chosen = bestDelimiter(text, specs, file);
  if (chosen === undefined) return undefined;
  return { layout: chosen.layout, delimiter: chosen.delimiter, problems: chosen.problems };
}

function bestDelimiter<K extends string>(
  text: string,
  specs: readonly ColumnSpec<K>[],
  file: string | undefined,
): { layout: TableLayout<K>; delimiter: Delimiter; problems: Problem[]; score: number } | undefined {
  let chosen: { layout: TableLayout<K>; delimiter: Delimiter; problems: Problem[]; score: number; width: number } | undefined;
  for (const delimiter of DELIMITERS) {
    const { records, problems } = splitDelimited(text, delimiter, file);
    const layout = locateTable(records, specs);
    if (layout === undefined) continue;
    const score = Object.keys(layout.columns).length;
    const width = layout.header.fields.length;
    if (chosen === undefined || score > chosen.score || (score === chosen.score && width > chosen.width)) {
      chosen = { layout, delimiter, problems, score, width };
    }
  }
  return chosen;
}

/** The text up to and including its `n`th line break (all of it when it has fewer). */
function firstLines(text: string, n: number): string {
  const breaks = /\r\n|\r|\n/g;
  for (let k = 0; k < n; k++) {
    if (breaks.exec(text) === null) return text;
  }
  return text.slice(0, breaks.lastIndex);
}

/** Index of the last field with content, or -1. */
export function lastNonEmpty(fields: readonly string[]): number {
  for (let i = fields.length - 1; i >= 0; i--) if ((fields[i] ?? '').trim() !== '') return i;
  return -1;
}

/** The fields padded with empty strings to `width` (a spreadsheet row omits trailing empty cells). */
export function padTo(fields: readonly string[], width: number): readonly string[] {
  return fields.length >= width ? fields : [...fields, ...new Array<string>(width - fields.length).fill('')];
}

/** The number of columns a header declares: up to its last non-empty field. */
export function headerWidth(header: TableRecord): number {
  return lastNonEmpty(header.fields) + 1;
}

/**
 * What is wrong with a row's number of fields, if anything. Too few fields is
 * a short row; content beyond the header is usually an unquoted number with
 * a thousands comma (`32,148`), which would otherwise shift every column.
 * Empty fields beyond the header (a trailing delimiter) are harmless.
 */
export function rowWidthProblem(fields: readonly string[], width: number): { message: Text; hint?: Text } | undefined {
  if (fields.length < width) {
    return {
      message: t(`raden har ${fields.length} fält men rubrikraden har ${width}`, `the row has ${fields.length} fields but the header has ${width}`),
    };
  }
  const used = lastNonEmpty(fields) + 1;
  if (used > width) {
    return {
      message: t(`raden har ${used} fält men rubrikraden har ${width}`, `the row has ${used} fields but the header has ${width}`),
      hint: t(
        'Ett tal med tusentalsavgränsare (32,148) måste stå inom citattecken eller skrivas utan avgränsare.',
        'A number with a thousands separator (32,148) must be quoted or written without the separator.',
      ),
    };
  }
  return undefined;
}

/**
 * A data row's fields, padded when they come from a spreadsheet (which
 * omits trailing empty cells); or `undefined` once a row whose width does
 * not match the header has been reported to `problems`.
 */
export function rowFields(row: TableRecord, width: number, spreadsheet: boolean, file: string, problems: ProblemList): readonly string[] | undefined {
  const fields = spreadsheet ? padTo(row.fields, width) : row.fields;
  const bad = rowWidthProblem(fields, width);
  if (bad === undefined) return fields;
  problems.add(bad.message, { file, line: row.line, ...(bad.hint ? { hint: bad.hint } : {}) });
  return undefined;
}
