/**
 * Reads user counts (how many users each party has, counted on 1 October and
 * applied to the following calendar year) from a CSV or XLSX file of
 * `code,users`, with the same checks and error discipline as population files.
 *
 * Per-municipality counts are not public, so andel ships an example file
 * derived from population shares (`data/users/sthlm-2021-exempel.csv`). Such a
 * file says so in a comment line `# exempeldata: …`, and the reader exposes it
 * as `example: true` so that every output built on it can say "exempeldata".
 */
import { extname } from 'node:path';
import { InputError, ProblemList, t, type Problem, type Text } from '../models/errors.js';
import { formatCount, MAX_POPULATION, parseCount } from './count.js';
import { decodeText, looksLikeSpreadsheet } from './decode-text.js';
import { checkName, type MunicipalityCodes } from './municipality-codes.js';
import { readInputFile, sortByLine } from './input-file.js';
import { identityKey, parsedOnce } from './parsed-memo.js';
import { readFirstSheet } from './spreadsheet.js';
import {
  columnOf,
  headerWidth,
  locateTable,
  readDelimitedTable,
  rowFields,
  typedField,
  type ColumnSpec,
  type TableLayout,
} from './table.js';

/** One party's user count. */
export interface UserCountRow {
  /** The party's code: a kommunkod, or one of `extraCodes` (a region, a sub-party). */
  readonly code: string;
  /** Number of users: a safe integer ≥ 0. */
  readonly users: number;
  /** 1-based physical line (CSV) or row (XLSX). */
  readonly line: number;
}

/** A checked user-count file. */
export interface UserCounts {
  /** The file name as given in the options. */
  readonly file: string;
  /** One row per party, in file order, codes unique. */
  readonly rows: readonly UserCountRow[];
  /** True when the file declares itself example data (`# exempeldata` line): outputs must say "exempeldata". */
  readonly example: boolean;
  /** The text of the file's `#` comment lines (the example file explains its derivation there). */
  readonly comments: readonly string[];
  /** Near-miss names, restored leading zeros and the like. */
  readonly warnings: readonly Problem[];
  /** The format the file was read as. */
  readonly format: 'csv' | 'xlsx';
}

/** Options of {@link parseUserCounts}. */
export interface UserCountOptions {
  /** The file name used in every message. */
  readonly file: string;
  /** The official code list. */
  readonly codes: MunicipalityCodes;
  /** Force a format; by default XLSX is recognised by its content. */
  readonly format?: 'csv' | 'xlsx';
  /**
   * Codes that are valid besides the official kommunkoder: a region's 2-digit
   * code (`"01"`, Region Stockholm) and sub-parties whose code contains their
   * parent's (`"0180-01"`). Usually the scheme's party codes.
   */
  readonly extraCodes?: Iterable<string>;
}

type Col = 'code' | 'name' | 'users';

const SPECS: readonly ColumnSpec<Col>[] = [
  { key: 'code', matches: (n) => ['kod', 'kommunkod', 'code', 'partkod', 'regionkod', 'partycode'].includes(n) },
  { key: 'name', matches: (n) => ['kommun', 'namn', 'name', 'part', 'party', 'kommunnamn'].includes(n) },
  {
    key: 'users',
    matches: (n) => ['anvandare', 'users', 'antalanvandare', 'numberofusers', 'antal'].includes(n),
  },
];

const USERS: Text = t('antal användare', 'number of users');

// A comment line that starts with this word marks the whole file as example data.
const EXAMPLE_MARK = /^(exempeldata|example data)\b/i;

/** The comment line that marks a file as example data, as {@link parseUserCounts} recognises it. */
export const EXAMPLE_MARKER = '# exempeldata';

/**
 * Parses and checks a user-count file (CSV in any accepted encoding and
 * delimiter, or the first sheet of an XLSX workbook).
 *
 * @throws InputError with every problem found.
 * @example
 * ```ts
 * const u = parseUserCounts('# exempeldata\nkod,anvandare\n0180,697\n', { file: 'u.csv', codes });
 * u.example; // true
 * u.rows[0]; // { code: '0180', users: 697, line: 3 }
 * ```
 */
export function parseUserCounts(input: Uint8Array | string, options: UserCountOptions): UserCounts {
  const { file } = options;
  const problems = new ProblemList();
  const spreadsheet = typeof input !== 'string' && looksLikeSpreadsheet(input);
  if (options.format === 'xlsx' && !spreadsheet) {
    throw InputError.of(t('filen är ingen XLSX-arbetsbok', 'the file is not an XLSX workbook'), {
      file,
      hint: t('Spara den i Excel som .xlsx, eller läs den som CSV.', 'Save it in Excel as .xlsx, or read it as CSV.'),
    });
  }

  let layout: TableLayout<Col> | undefined;
  if (spreadsheet) {
    const sheet = readFirstSheet(input, file);
    if (!sheet.ok) throw new InputError([sheet.problem]);
    if (!sheet.records.some((r) => r.fields.some((f) => f.trim() !== ''))) {
      throw InputError.of(t('filen är tom', 'the file is empty'), { file });
    }
    layout = locateTable(sheet.records, SPECS);
  } else {
    const decoded = decodeText(input, file);
    if (!decoded.ok) throw new InputError([decoded.problem]);
    if (decoded.text.trim() === '') throw InputError.of(t('filen är tom', 'the file is empty'), { file });
    const found = readDelimitedTable(decoded.text, SPECS, file);
    if (found !== undefined) {
      problems.addAll(found.problems);
      layout = found.layout;
    }
  }
  if (layout === undefined) {
    throw InputError.of(
      t('hittar ingen rubrikrad med kolumnerna för kod och antal användare', 'no header row with the code and number-of-users columns was found'),
      {
        file,
        hint: t('Väntade kolumner: kod (eller kommunkod) och anvandare.', 'Expected columns: kod (or kommunkod) and anvandare (users).'),
      },
    );
  }

  const rows = readRows(layout, options, problems, spreadsheet);
  sortByLine(problems);
  problems.throwIfAny();
  return {
    file,
    rows,
    example: layout.comments.some((c) => EXAMPLE_MARK.test(c)),
    comments: layout.comments,
    warnings: problems.warnings,
    format: spreadsheet ? 'xlsx' : 'csv',
  };
}

function readRows(layout: TableLayout<Col>, options: UserCountOptions, problems: ProblemList, spreadsheet: boolean): UserCountRow[] {
  const { file, codes } = options;
  const extra = new Set(options.extraCodes ?? []);
  const header = layout.header;
  const width = headerWidth(header);
  const { code: codeCol, name: nameCol, users: usersCol } = layout.columns;
  const missing: Text[] = [];
  if (codeCol === undefined) missing.push(t('kod', 'code'));
  if (usersCol === undefined) missing.push(t('antal användare', 'number of users'));
  if (codeCol === undefined || usersCol === undefined) {
    const list = header.fields.slice(0, width).map((f) => f.trim()).join(', ');
    problems.add(
      t(
        `kolumnen för ${missing.map((m) => m.sv).join(' och ')} saknas (rubrikraden har: ${list})`,
        `the ${missing.map((m) => m.en).join(' and ')} column is missing (the header has: ${list})`,
      ),
      { file, line: header.line, hint: t('Väntade kolumner: kod (eller kommunkod) och anvandare.', 'Expected columns: kod (or kommunkod) and anvandare (users).') },
    );
    return [];
  }
  if (layout.rows.length === 0) {
    problems.add(t('filen har en rubrikrad men inga datarader', 'the file has a header but no data rows'), { file, line: header.line });
    return [];
  }

  const out: UserCountRow[] = [];
  const seen = new Map<string, number>();
  for (const r of layout.rows) {
    const fields = rowFields(r, width, spreadsheet, file, problems);
    if (fields === undefined) continue;
    const where = { file, line: r.line };
    const raw = (fields[codeCol] ?? '').trim();
    const count = parseCount(typedField(r, fields, usersCol), USERS, MAX_POPULATION);
    let code = resolveCode(raw, codes, extra, where, problems);
    const first = code === undefined ? undefined : seen.get(code);
    if (code !== undefined && first !== undefined) {
      problems.add(t(`kod ${code} förekommer redan på rad ${first}`, `code ${code} already occurs on line ${first}`), where);
      code = undefined;
    } else if (code !== undefined) {
      seen.set(code, r.line);
    }
    // Names are checked for municipalities only: a region or sub-party is named by the scheme.
    const name = nameCol === undefined ? '' : (fields[nameCol] ?? '').trim();
    const nameOk = code === undefined || name === '' || !codes.isMunicipality(code) || checkName(codes, code, name, where, problems) !== undefined;
    if (!count.ok) problems.add(count.message, { ...where, column: columnOf(usersCol, spreadsheet), ...(count.hint ? { hint: count.hint } : {}) });
    if (code !== undefined && count.ok && nameOk) out.push({ code, users: count.value, line: r.line });
  }
  return out;
}

/** The party code as it will be used, or undefined after reporting why not. */
function resolveCode(
  raw: string,
  codes: MunicipalityCodes,
  extra: ReadonlySet<string>,
  where: Omit<Problem, 'message'>,
  problems: ProblemList,
): string | undefined {
  if (raw === '') {
    problems.add(t('kod saknas', 'the code is missing'), where);
    return undefined;
  }
  if (extra.has(raw)) return raw;
  if (/^\d{4}$/.test(raw)) {
    if (codes.isMunicipality(raw)) return raw;
    problems.add(t(`kommunkod ${raw} finns inte i SCB:s kodlista`, `municipality code ${raw} is not in SCB's code list`), where);
    return undefined;
  }
  // Excel drops leading zeros: "180" was "0180", "1" was "01".
  if (/^\d{1,3}$/.test(raw)) {
    const padded = raw.padStart(raw.length === 3 ? 4 : 2, '0');
    if (codes.isMunicipality(padded) || extra.has(padded)) {
      problems.warn(t(`koden "${raw}" saknar inledande nolla och läses som ${padded}`, `the code "${raw}" lacks its leading zero and is read as ${padded}`), where);
      return padded;
    }
  }
  problems.add(
    t(`koden "${raw}" är varken en kommunkod eller en part i schemat`, `the code "${raw}" is neither a municipality code nor a party of the scheme`),
    {
      ...where,
      hint: t(
        'En region anges med sin länskod (01) och en delpart med förälderns kod, t.ex. 0180-01, om schemat har dem som parter.',
        'A region is given by its county code (01) and a sub-party by its parent\'s code, e.g. 0180-01, when the scheme has them as parties.',
      ),
    },
  );
  return undefined;
}

/**
 * Reads a user-count file from disk. The format follows the extension
 * (`.xlsx`, `.xls`) unless given; otherwise the content decides.
 *
 * @throws InputError naming the file when it cannot be read, or with every problem in it.
 */
export function loadUserCounts(path: string, options: Omit<UserCountOptions, 'file'> & { readonly file?: string }): UserCounts {
  const file = options.file ?? path;
  const ext = extname(path).toLowerCase();
  const format = options.format ?? (ext === '.xlsx' || ext === '.xls' || ext === '.xlsm' ? 'xlsx' : undefined);
  const bytes = readInputFile(path, file);
  const key = JSON.stringify([path, file, format ?? null, [...(options.extraCodes ?? [])], identityKey(options.codes)]);
  return parsedOnce('users', key, bytes, () => parseUserCounts(bytes, { ...options, file, ...(format ? { format } : {}) }));
}

/**
 * Example user counts: `total` users split over the parties in proportion to
 * population, by largest remainder (ties broken by code, so the result does
 * not depend on input order). Exact integer arithmetic; the counts sum to
 * `total`. This is how `data/users/sthlm-2021-exempel.csv` was made.
 *
 * @example
 * ```ts
 * exampleUserCounts([{ code: '0114', population: 3 }, { code: '0115', population: 1 }], 3);
 * // [{ code: '0114', users: 2 }, { code: '0115', users: 1 }]
 * ```
 */
export function exampleUserCounts(
  parties: readonly { readonly code: string; readonly population: number }[],
  total: number,
): { code: string; users: number }[] {
  const sum = parties.reduce((s, p) => s + BigInt(p.population), 0n);
  if (sum === 0n || !Number.isSafeInteger(total) || total < 0) {
    throw new RangeError(`exampleUserCounts: need a positive population sum and a count ≥ 0 (got ${formatCount(Number(sum))}, ${total})`);
  }
  const T = BigInt(total);
  const shares = parties.map((p) => {
    const exact = BigInt(p.population) * T;
    return { code: p.code, floor: exact / sum, rest: exact % sum };
  });
  let left = T - shares.reduce((s, x) => s + x.floor, 0n);
  const order = [...shares].sort((a, b) => (a.rest === b.rest ? (a.code < b.code ? -1 : 1) : a.rest > b.rest ? -1 : 1));
  const bonus = new Set<string>();
  for (const s of order) {
    if (left <= 0n) break;
    bonus.add(s.code);
    left -= 1n;
  }
  return shares.map((s) => ({ code: s.code, users: Number(s.floor) + (bonus.has(s.code) ? 1 : 0) }));
}
