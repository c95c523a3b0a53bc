/**
 * A file that splits one party into sub-parties: a name and a population per
 * row (e.g. Stockholms stad's stadsdelsområden), optionally a code and a
 * reference date. Header names are matched loosely (namn/name/stadsdel…,
 * folkmangd/population/invanare…); comma, semicolon or tab separated.
 */
import { readFileSync } from 'node:fs';
import { InputError, ProblemList, t } from '../models/errors.js';
import { parseCount } from './count.js';
import { decodeText } from './decode-text.js';
import { DELIMITERS, type Delimiter, isBlank, isComment, splitDelimited } from './table.js';

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

const NAME = /^(namn|name|stadsdel|stadsdelsomrade|stadsdelsområde|stadsdelsforvaltning|stadsdelsförvaltning|del|omrade|område)$/i;
const POP = /^(folkmangd|folkmängd|population|befolkning|invanare|invånare|antal)$/i;
const CODE = /^(kod|code|delkod)$/i;
const DATE = /^(referensdatum|datum|date)$/i;

/** Parses a split file's content. Every problem is collected before failing. */
export function parseSplitFile(input: Uint8Array | string, file: string): SplitFile {
  const decoded = decodeText(input, file);
  if (!decoded.ok) throw new InputError([decoded.problem], { code: 'E_SPLIT' });
  const text = decoded.text;
  if (text.trim() === '') throw InputError.of(t('filen är tom', 'the file is empty'), { file }, 'E_SPLIT');
  const firstLine = text.split(/\r?\n/).find((l) => l.trim() !== '' && !l.startsWith('#')) ?? '';
  const delimiter: Delimiter = DELIMITERS.reduce((best, d) => (firstLine.split(d).length > firstLine.split(best).length ? d : best), ',' as Delimiter);
  const { records, problems: syntax } = splitDelimited(text, delimiter, file);
  const problems = new ProblemList();
  syntax.forEach((p) => problems.add(p.message, p));
  const rows = records.filter((r) => !isBlank(r) && !isComment(r));
  const header = rows[0];
  if (!header) throw InputError.of(t('filen har ingen rubrikrad', 'the file has no header row'), { file }, 'E_SPLIT');
  const cols = header.fields.map((f) => f.trim());
  const iName = cols.findIndex((c) => NAME.test(c));
  const iPop = cols.findIndex((c) => POP.test(c));
  const iCode = cols.findIndex((c) => CODE.test(c));
  const iDate = cols.findIndex((c) => DATE.test(c));
  if (iName < 0 || iPop < 0) {
    throw InputError.of(
      t(`kolumn saknas: rubrikraden "${cols.join(delimiter)}" behöver ett namn (namn, stadsdelsomrade) och en folkmängd (folkmangd, population)`, `missing column: the header "${cols.join(delimiter)}" needs a name (namn, name) and a population (folkmangd, population)`),
      { file, line: header.line },
      'E_SPLIT',
    );
  }
  const out: SplitRow[] = [];
  const dates = new Set<string>();
  const seen = new Map<string, number>();
  for (const r of rows.slice(1)) {
    const need = Math.max(iName, iPop) + 1;
    if (r.fields.length < need) {
      problems.add(t(`raden har ${r.fields.length} fält, minst ${need} behövs`, `the row has ${r.fields.length} fields, at least ${need} are needed`), { file, line: r.line });
      continue;
    }
    const name = r.fields[iName]!.trim();
    if (!name) problems.add(t('namnet saknas', 'the name is missing'), { file, line: r.line, column: cols[iName] });
    const c = parseCount(r.fields[iPop]!, t('folkmängd', 'population'));
    if (!c.ok) {
      problems.add(c.message, { file, line: r.line, column: cols[iPop], ...(c.hint ? { hint: c.hint } : {}) });
      continue;
    }
    if (seen.has(name.toLowerCase())) {
      problems.add(t(`"${name}" förekommer redan på rad ${seen.get(name.toLowerCase())}`, `"${name}" already occurs on line ${seen.get(name.toLowerCase())}`), { file, line: r.line });
    }
    seen.set(name.toLowerCase(), r.line);
    if (iDate >= 0 && r.fields[iDate]?.trim()) dates.add(r.fields[iDate]!.trim());
    const code = iCode >= 0 ? r.fields[iCode]?.trim() : undefined;
    out.push({ ...(code ? { code } : {}), name, population: c.value, line: r.line });
  }
  if (out.length === 0 && problems.ok) problems.add(t('filen har inga rader med delparter', 'the file has no sub-party rows'), { file });
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
  return parseSplitFile(bytes, file);
}
