/**
 * Reads a population file — the one a planner already has — into checked
 * model input: one row per municipality with its official code, official name
 * and a whole number of inhabitants, plus any county (or national) total the
 * file carries, checked against the rows.
 *
 * Accepted: andel's own CSV (`kommunkod,kommun,folkmangd[,referensdatum,…]`,
 * as in `data/populations/`), SCB Statistikdatabasen's CSV/text exports
 * (title lines, a region column holding `"1280 Malmö"`, a year as the value
 * header), JSON-stat2 from SCB's API, and the first sheet of an XLSX file.
 * Every problem in the file is collected before one {@link InputError} is
 * thrown, so the user fixes the file once rather than once per mistake.
 *
 * Parsing is pure ({@link parsePopulation}, this file: which kind of file it
 * is, then its layout); `load.ts` only adds reading the bytes. The layouts are
 * in `layout.ts` and `json-stat.ts`, the checks they share in `validate.ts`.
 */
import { InputError, ProblemList, t } from '../../models/errors.js';
import { decodeText, looksLikeSpreadsheet } from '../decode-text.js';
import { readFirstSheet } from '../spreadsheet.js';
import { locateTable, readDelimitedTable } from '../table.js';
import { entriesFromJsonStat } from './json-stat.js';
import { entriesFromLayout, noHeader, SPECS } from './layout.js';
import type { PopulationOptions, PopulationTable } from './types.js';
import { validateEntries } from './validate.js';

/**
 * Parses and checks a population file.
 *
 * @param input - the file's bytes (any supported encoding, or XLSX), or its text.
 * @param options - the file name for messages, the official codes, and optional checks.
 * @returns the checked table; warnings are in `warnings`.
 * @throws InputError with every problem found (and the warnings so far).
 * @example
 * ```ts
 * const table = parsePopulation(bytes, { file: 'befolkning.csv', codes: loadMunicipalityCodes() });
 * table.rows.find((r) => r.code === '1480')?.population; // 587549
 * ```
 */
export function parsePopulation(input: Uint8Array | string, options: PopulationOptions): PopulationTable {
  const { file } = options;
  const problems = new ProblemList();

  if (typeof input !== 'string' && looksLikeSpreadsheet(input)) {
    const sheet = readFirstSheet(input, file);
    if (!sheet.ok) throw new InputError([sheet.problem]);
    const layout = locateTable(sheet.records, SPECS);
    const entries = layout === undefined ? undefined : entriesFromLayout(layout, options, problems, true);
    if (layout === undefined) noHeader(problems, file, sheet.records.some((r) => r.fields.some((f) => f.trim() !== '')));
    return validateEntries(entries ?? [], { ...options, format: 'xlsx' }, problems);
  }

  const decoded = decodeText(input, file);
  if (!decoded.ok) throw new InputError([decoded.problem]);
  const text = decoded.text;
  if (text.trim() === '') {
    throw InputError.of(t('filen är tom', 'the file is empty'), { file });
  }

  if (/^\s*[{[]/.test(text)) {
    const { entries, referenceDate } = entriesFromJsonStat(text, options, problems);
    return validateEntries(entries, { ...options, format: 'json-stat2', encoding: decoded.encoding, referenceDate }, problems);
  }

  const found = readDelimitedTable(text, SPECS, file);
  if (found === undefined) {
    noHeader(problems, file, true);
    throw new InputError(problems.problems);
  }
  problems.addAll(found.problems);
  const entries = entriesFromLayout(found.layout, options, problems, false);
  const scb = found.layout.columns.region !== undefined || found.layout.columns.yearValue !== undefined || found.layout.titles.length > 0;
  return validateEntries(entries, { ...options, format: scb ? 'scb-csv' : 'andel-csv', encoding: decoded.encoding }, problems);
}
