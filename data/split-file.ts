/**
 * A file that splits one party into sub-parties: a name and a population per
 * row (e.g. Stockholms stad's stadsdelsområden), optionally a code and a
 * reference date. Header names are matched loosely (namn/name/stadsdel…,
 * folkmangd/population/invanare…); comma, semicolon or tab separated, read
 * with the same table reader as population files.
 */
import { readFileSync } from 'node:fs';
import { InputError, ProblemList, t } from '../models/errors.js';
import { parseCount } from './count.js';
import { decodeText } from './decode-text.js';
import { sortByLine } from './input-file.js';
import { parsedOnce } from './parsed-memo.js';
import { type ColumnSpec, columnOf, headerWidth, readDelimitedTable, rowFields } from './table.js';

/** One sub-party as read. */
export interface SplitRow {
  readonly code?: string;
  readonly name: string;
  readonly population: number;
  readonly line: number;
}

/** The content of a split file. */
export interface SplitFile {
  readonly file: string;
  readonly rows: readonly SplitRow[];
  /** The reference date(s) in the file, when it has a column for them. */
  readonly referenceDates: readonly string[];
}

type Column = 'name' | 'population' | 'code' | 'date';

// Header names as normaliseHeader leaves them (lower case, no diacritics or punctuation).
const COLUMNS: readonly ColumnSpec<Column>[] = [
  { key: 'name', matches: (h) => /^(namn|name|stadsdel|stadsdelsomrade|stadsdelsforvaltning|del|omrade)$/.test(h) },
  { key: 'population', matches: (h) => /^(folkmangd|population|befolkning|invanare|antal)$/.test(h) },
  { key: 'code', matches: (h) => /^(kod|code|delkod)$/.test(h) },
  { key: 'date', matches: (h) => /^(referensdatum|datum|date)$/.test(h) },
];

/** Parses a split file's content. Every problem is collected before failing. */
export function parseSplitFile(input: Uint8Array | string, file: string): SplitFile {
  const decoded = decodeText(input, file);
  if (!decoded.ok) throw new InputError([decoded.problem], { code: 'E_SPLIT' });
  if (decoded.text.trim() === '') throw InputError.of(t('filen är tom', 'the file is empty'), { file }, 'E_SPLIT');
  const table = readDelimitedTable(decoded.text, COLUMNS, file);
  const header = table?.layout.header;
  const iName = table?.layout.columns.name;
  const iPop = table?.layout.columns.population;
  if (!table || !header || iName === undefined || iPop === undefined) {
    const first = decoded.text.split(/\r?\n/).find((l) => l.trim() !== '' && !l.startsWith('#')) ?? '';
    throw InputError.of(
      t(`kolumn saknas: rubrikraden "${first}" behöver ett namn (namn, stadsdelsomrade) och en folkmängd (folkmangd, population)`, `missing column: the header "${first}" needs a name (namn, name) and a population (folkmangd, population)`),
      { file, ...(header ? { line: header.line } : {}) },
      'E_SPLIT',
    );
  }
  const problems = new ProblemList();
  problems.addAll(table.problems);
  const { code: iCode, date: iDate } = table.layout.columns;
  const width = headerWidth(header);
  const out: SplitRow[] = [];
  const dates = new Set<string>();
  const seen = new Map<string, number>();
  for (const r of table.layout.rows) {
    const fields = rowFields(r, width, false, file, problems);
    if (fields === undefined) continue;
    const name = fields[iName]!.trim();
    if (!name) problems.add(t('namnet saknas', 'the name is missing'), { file, line: r.line, column: columnOf(iName, false) });
    else if (seen.has(name.toLowerCase())) {
      problems.add(t(`"${name}" förekommer redan på rad ${seen.get(name.toLowerCase())}`, `"${name}" already occurs on line ${seen.get(name.toLowerCase())}`), { file, line: r.line });
    } else seen.set(name.toLowerCase(), r.line);
    const c = parseCount(fields[iPop]!, t('folkmängd', 'population'));
    if (!c.ok) {
      problems.add(c.message, { file, line: r.line, column: columnOf(iPop, false), ...(c.hint ? { hint: c.hint } : {}) });
      continue;
    }
    if (iDate !== undefined && fields[iDate]?.trim()) dates.add(fields[iDate]!.trim());
    const code = iCode !== undefined ? fields[iCode]?.trim() : undefined;
    out.push({ ...(code ? { code } : {}), name, population: c.value, line: r.line });
  }
  if (out.length === 0 && problems.ok) problems.add(t('filen har inga rader med delparter', 'the file has no sub-party rows'), { file });
  sortByLine(problems);
  problems.throwIfAny('E_SPLIT');
  return { file, rows: out, referenceDates: [...dates].sort() };
}

/** Reads a split file; a missing file is an InputError naming it. */
export function loadSplitFile(path: string, file = path): SplitFile {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(path);
  } catch (e) {
    throw InputError.of(t(`filen kan inte läsas (${(e as NodeJS.ErrnoException).code ?? 'fel'})`, `the file cannot be read (${(e as NodeJS.ErrnoException).code ?? 'error'})`), { file }, 'E_SPLIT');
  }
  return parsedOnce('split', JSON.stringify([path, file]), bytes, () => parseSplitFile(bytes, file));
}
