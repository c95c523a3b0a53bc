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
 * Parsing is pure ({@link parsePopulation}); {@link loadPopulation} only adds
 * reading the bytes.
 */
import { InputError, ProblemList, t, type Lang, type Problem, type Text } from '../models/errors.js';
import { formatCount, MAX_POPULATION, parseCount, type CountInput } from './count.js';
import { readInputFile, sortByLine } from './input-file.js';
import { topLevelPlaces } from './json-places.js';
import { decodeText, looksLikeSpreadsheet, type TextEncoding } from './decode-text.js';
import { checkName, normaliseName, type MunicipalityCodes } from './municipality-codes.js';
import { readFirstSheet } from './spreadsheet.js';
import { columnOf, headerWidth, locateTable, readDelimitedTable, rowFields, typedField, type ColumnSpec, type TableLayout } from './table.js';

/** One municipality (or county total) read from a population file. */
export interface PopulationRow {
  /** 4-digit kommunkod (2-digit länskod for a county total, `"00"` for the whole country). */
  readonly code: string;
  /** The official name (a near-miss spelling in the file is replaced, with a warning). */
  readonly name: string;
  /** Inhabitants: a safe integer ≥ 0. */
  readonly population: number;
  /** 1-based physical line (CSV) or row (XLSX) in the file; absent for JSON-stat. */
  readonly line?: number;
}

/** The layouts {@link parsePopulation} recognises. */
export type PopulationFormat = 'andel-csv' | 'scb-csv' | 'json-stat2' | 'xlsx';

/** A checked population file. */
export interface PopulationTable {
  /** The file name as given in the options. */
  readonly file: string;
  /** One row per municipality, in file order. Codes are unique and in the official list. */
  readonly rows: readonly PopulationRow[];
  /** County totals (2-digit code) and a national total (`"00"`) found in the file, each checked against the rows. */
  readonly countyTotals: readonly PopulationRow[];
  /** The date the figures refer to (`YYYY-MM-DD`), when the file says. */
  readonly referenceDate?: string;
  /** Things the user should know that did not stop the reading (near-miss names, padded codes). */
  readonly warnings: readonly Problem[];
  /** Which layout the file had. */
  readonly format: PopulationFormat;
  /** How the bytes were decoded (text formats only). */
  readonly encoding?: TextEncoding;
}

/** Options of {@link parsePopulation}. */
export interface PopulationOptions {
  /** The file name used in every message (as the user wrote it). */
  readonly file: string;
  /** The official code list, usually {@link loadMunicipalityCodes}(). */
  readonly codes: MunicipalityCodes;
  /** A county total the municipalities' sum must equal (e.g. from the scheme file). */
  readonly countyTotal?: number;
  /**
   * Which year to read when an SCB export holds several (a column or a
   * JSON-stat time category per year). Without it, several years are refused
   * rather than one guessed.
   */
  readonly year?: string;
  /**
   * The language the caller will show messages in. Problems always carry
   * both languages (`describe(lang)` picks one); this is accepted so that the
   * CLI can pass its options through unchanged.
   */
  readonly lang?: Lang;
}

// What a row becomes before it is checked, whatever the file's layout.
interface Entry {
  readonly codeText: string;
  readonly name?: string;
  /** The count as found: text, a JSON number or a spreadsheet cell's typed value; null when JSON-stat has none. */
  readonly population: CountInput | null;
  readonly line?: number;
  /**
   * Where the count is, for its problems: the column on the row's line (a
   * CSV field number, a spreadsheet's column letters), or for JSON-stat the
   * line and character column of the region's value.
   */
  readonly countAt?: { readonly line?: number; readonly column: number | string };
  /** For JSON-stat, whose regions are not rows: "region 1280: …". */
  readonly prefix?: Text;
  readonly referenceDate?: string;
  readonly countyCode?: string;
}

type Col =
  | 'code'
  | 'region'
  | 'name'
  | 'population'
  | 'yearValue'
  | 'yearColumn'
  | 'referenceDate'
  | 'countyCode';

const YEAR = /^(?:18|19|20|21)\d{2}$/;

// Header names people and SCB use, normalised (lower case, no diacritics,
// letters and digits only).
const SPECS: readonly ColumnSpec<Col>[] = [
  { key: 'code', matches: (n) => n.startsWith('kommunkod') || ['kod', 'code', 'knkod', 'municipalitycode', 'regionkod'].includes(n) },
  { key: 'region', matches: (n) => ['region', 'regioner', 'omrade', 'area'].includes(n) },
  { key: 'name', matches: (n) => ['kommun', 'kommunnamn', 'namn', 'name', 'municipality', 'kommuner'].includes(n) },
  {
    key: 'population',
    matches: (n) =>
      n.startsWith('folkmangd') || n.startsWith('befolkning') || ['population', 'invanare', 'antalinvanare', 'inhabitants'].includes(n),
  },
  { key: 'yearValue', matches: (n) => YEAR.test(n) },
  { key: 'yearColumn', matches: (n) => ['ar', 'year', 'tid', 'artal'].includes(n) },
  { key: 'referenceDate', matches: (n) => ['referensdatum', 'datum', 'referencedate', 'date'].includes(n) },
  { key: 'countyCode', matches: (n) => ['lankod', 'lanskod', 'countycode'].includes(n) },
];

const POPULATION: Text = t('folkmängd', 'population');
const FETCH_JSON_STAT: Text = t('Hämta tabellen från SCB:s API med formatet json-stat2.', "Fetch the table from SCB's API in the json-stat2 format.");
const FETCH_AGAIN: Text = t(
  'Filen är ofullständig eller ändrad för hand; hämta den igen från SCB:s API med formatet json-stat2.',
  "The file is incomplete or was edited by hand; fetch it again from SCB's API in the json-stat2 format.",
);
const ACCEPTED_HINT: Text = t(
  'Väntade kolumner: kommunkod, kommun, folkmangd (andels CSV) eller region ("1280 Malmö") och ett år ("2024") som i en export från SCB:s Statistikdatabas.',
  'Expected columns: kommunkod, kommun, folkmangd (andel CSV) or region ("1280 Malmö") and a year ("2024") as in an export from SCB\'s Statistical Database.',
);

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
    return validate(entries ?? [], { ...options, format: 'xlsx' }, problems);
  }

  const decoded = decodeText(input, file);
  if (!decoded.ok) throw new InputError([decoded.problem]);
  const text = decoded.text;
  if (text.trim() === '') {
    throw InputError.of(t('filen är tom', 'the file is empty'), { file });
  }

  if (/^\s*[{[]/.test(text)) {
    const { entries, referenceDate } = entriesFromJsonStat(text, options, problems);
    return validate(entries, { ...options, format: 'json-stat2', encoding: decoded.encoding, referenceDate }, problems);
  }

  const found = readDelimitedTable(text, SPECS, file);
  if (found === undefined) {
    noHeader(problems, file, true);
    throw new InputError(problems.problems);
  }
  problems.addAll(found.problems);
  const entries = entriesFromLayout(found.layout, options, problems, false);
  const scb = found.layout.columns.region !== undefined || found.layout.columns.yearValue !== undefined || found.layout.titles.length > 0;
  return validate(entries, { ...options, format: scb ? 'scb-csv' : 'andel-csv', encoding: decoded.encoding }, problems);
}

/**
 * Reads a population file from disk and parses it with {@link parsePopulation}.
 * Synchronous on purpose: the files are small and the callers (scheme
 * loading, the CLI) are simpler without a promise.
 *
 * @param path - the path to read.
 * @param options - as for {@link parsePopulation}; `file` defaults to `path`.
 * @throws InputError naming the file when it cannot be read, or with every problem in it.
 */
export function loadPopulation(path: string, options: Omit<PopulationOptions, 'file'> & { readonly file?: string }): PopulationTable {
  const file = options.file ?? path;
  return parsePopulation(readInputFile(path, file), { ...options, file });
}

function noHeader(problems: ProblemList, file: string, hasContent: boolean): void {
  problems.add(
    hasContent
      ? t('hittar ingen rubrikrad med kolumnerna för kommunkod och folkmängd', 'no header row with the municipality code and population columns was found')
      : t('filen är tom', 'the file is empty'),
    { file, ...(hasContent ? { hint: ACCEPTED_HINT } : {}) },
  );
}

/** Turns the data rows of a table into entries, reporting layout problems. */
function entriesFromLayout(
  layout: TableLayout<Col>,
  options: PopulationOptions,
  problems: ProblemList,
  spreadsheet: boolean,
): Entry[] {
  const { file } = options;
  const header = layout.header;
  const headerLine = { file, line: header.line };
  const cols = layout.columns;
  const width = headerWidth(header);
  const headerList = header.fields.slice(0, width).map((f) => f.trim()).join(', ');

  // Which column holds the code: a code column, else a region column of
  // "CODE NAME", else a name column that holds "CODE NAME" (some exports).
  let codeCol = cols.code;
  let regionCol = cols.region;
  if (codeCol === undefined && regionCol === undefined && cols.name !== undefined) {
    const nameCol = cols.name;
    if (layout.rows.some((r) => /^\s*\d{1,4}\s+\S/.test(r.fields[nameCol] ?? ''))) regionCol = nameCol;
  }
  if (codeCol !== undefined) regionCol = undefined;
  const nameCol = regionCol === cols.name ? undefined : cols.name;

  // Which column holds the population: a named one, else a year column.
  let popCol = cols.population;
  let yearFromHeader: string | undefined;
  const years = (layout.allColumns.yearValue ?? []).map((i) => ({ i, year: header.fields[i]!.trim() }));
  if (popCol === undefined && years.length > 0) {
    const chosen = options.year === undefined ? (years.length === 1 ? years[0] : undefined) : years.find((y) => y.year === options.year);
    if (chosen !== undefined) {
      popCol = chosen.i;
      yearFromHeader = chosen.year;
    } else if (options.year !== undefined) {
      problems.add(
        t(`året ${options.year} finns inte i filen (den har ${years.map((y) => y.year).join(', ')})`, `the year ${options.year} is not in the file (it has ${years.map((y) => y.year).join(', ')})`),
        headerLine,
      );
      return [];
    } else {
      problems.add(
        t(`filen har folkmängd för flera år (${years.map((y) => y.year).join(', ')})`, `the file has populations for several years (${years.map((y) => y.year).join(', ')})`),
        { ...headerLine, hint: t('Ange vilket år som ska användas.', 'State which year to use.') },
      );
      return [];
    }
  }

  const missing: Text[] = [];
  if (codeCol === undefined && regionCol === undefined) missing.push(t('kommunkod', 'municipality code'));
  if (popCol === undefined) missing.push(t('folkmängd', 'population'));
  if (missing.length > 0) {
    problems.add(
      t(
        `kolumnen för ${missing.map((m) => m.sv).join(' och ')} saknas (rubrikraden har: ${headerList})`,
        `the ${missing.map((m) => m.en).join(' and ')} column is missing (the header has: ${headerList})`,
      ),
      { ...headerLine, hint: ACCEPTED_HINT },
    );
    return [];
  }
  if (layout.rows.length === 0) {
    problems.add(t('filen har en rubrikrad men inga datarader', 'the file has a header but no data rows'), headerLine);
    return [];
  }

  // A long layout (region, år, folkmängd) may hold several years in rows.
  const yearCol = cols.yearColumn;
  let rows = layout.rows;
  let yearFromRows: string | undefined;
  if (yearCol !== undefined) {
    const distinct = [...new Set(rows.map((r) => (r.fields[yearCol] ?? '').trim()).filter((y) => y !== ''))];
    if (options.year !== undefined) {
      rows = rows.filter((r) => (r.fields[yearCol] ?? '').trim() === options.year);
      yearFromRows = options.year;
      if (rows.length === 0) {
        problems.add(t(`året ${options.year} finns inte i filen (den har ${distinct.join(', ')})`, `the year ${options.year} is not in the file (it has ${distinct.join(', ')})`), headerLine);
        return [];
      }
    } else if (distinct.length > 1) {
      problems.add(
        t(`filen har folkmängd för flera år (${distinct.join(', ')})`, `the file has populations for several years (${distinct.join(', ')})`),
        { ...headerLine, hint: t('Ange vilket år som ska användas.', 'State which year to use.') },
      );
      return [];
    } else {
      yearFromRows = distinct[0];
    }
  }
  const year = yearFromHeader ?? yearFromRows;
  const yearDate = year !== undefined && YEAR.test(year) ? `${year}-12-31` : undefined;

  const countAt = { column: columnOf(popCol!, spreadsheet) };
  const entries: Entry[] = [];
  for (const r of rows) {
    const fields = rowFields(r, width, spreadsheet, file, problems);
    if (fields === undefined) continue;
    let codeText: string;
    let name: string | undefined;
    if (codeCol !== undefined) {
      codeText = (fields[codeCol] ?? '').trim();
      name = nameCol === undefined ? undefined : (fields[nameCol] ?? '').trim();
    } else {
      const region = (fields[regionCol!] ?? '').trim();
      const m = /^(\d{1,4})(?:\s+(.*))?$/.exec(region);
      codeText = m ? m[1]! : region;
      name = m ? m[2]?.trim() : undefined;
      if (m === null && isNationName(region)) codeText = '00';
    }
    entries.push({
      codeText,
      ...(name !== undefined && name !== '' ? { name } : {}),
      population: typedField(r, fields, popCol!),
      line: r.line,
      countAt,
      ...(cols.referenceDate !== undefined
        ? { referenceDate: (fields[cols.referenceDate] ?? '').trim() }
        : yearDate !== undefined
          ? { referenceDate: yearDate }
          : {}),
      ...(cols.countyCode !== undefined ? { countyCode: (fields[cols.countyCode] ?? '').trim() } : {}),
    });
  }
  return entries;
}

function isNationName(text: string): boolean {
  return ['riket', 'hela riket', 'sverige', 'sweden'].includes(normaliseName(text));
}

// JSON-stat2 (https://json-stat.org/format/): a dataset with dimensions `id`
// of sizes `size`, and values in row-major order (the last dimension varies
// fastest). SCB's API names the geographic dimension "Region" and time "Tid".
// Names and codes from the file are looked up as own properties only, so that
// a dimension or category called `__proto__` or `constructor` is an ordinary
// (and then unknown) name, never an object's built-in.
function entriesFromJsonStat(
  text: string,
  options: PopulationOptions,
  problems: ProblemList,
): { entries: Entry[]; referenceDate?: string } {
  const { file } = options;
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    const detail = (e as Error).message;
    problems.add(t(`filen är inte giltig JSON (${detail})`, `the file is not valid JSON (${detail})`), { file, ...jsonErrorPlace(text, detail) });
    return { entries: [] };
  }
  const places = topLevelPlaces(text, 'value');
  const fail = (message: Text, hint?: Text, member?: string): { entries: Entry[] } => {
    const place = member === undefined ? undefined : places.members.get(member);
    problems.add(message, { file, ...(place ?? {}), ...(hint ? { hint } : {}) });
    return { entries: [] };
  };
  const notJsonStat = (): { entries: Entry[] } =>
    fail(
      t(
        'JSON-filen är inte ett JSON-stat2-dataset med dimensionen Region och en värdelista',
        'the JSON file is not a JSON-stat2 dataset with a Region dimension and a value list',
      ),
      FETCH_JSON_STAT,
    );
  // A dataset that contradicts itself was cut short or edited by hand.
  const broken = (sv: string, en: string, member: string): { entries: Entry[] } => fail(t(`JSON-stat2: ${sv}`, `JSON-stat2: ${en}`), FETCH_AGAIN, member);
  if (!isRecord(data)) return notJsonStat();
  const ids = own(data, 'id');
  const sizes = own(data, 'size');
  const dims = own(data, 'dimension');
  const values = own(data, 'value');
  if (!Array.isArray(ids) || !Array.isArray(sizes) || !isRecord(dims) || !(Array.isArray(values) || isRecord(values))) return notJsonStat();
  if (!ids.every((i): i is string => typeof i === 'string')) return broken('id ska vara en lista av dimensionsnamn', 'id must be a list of dimension names', 'id');
  if (!sizes.every((s): s is number => Number.isSafeInteger(s) && s >= 0)) {
    return broken('size ska vara en lista av heltal, ett per dimension', 'size must be a list of whole numbers, one per dimension', 'size');
  }
  if (ids.length !== sizes.length) {
    return broken(
      `id har ${ids.length} dimensioner (${ids.join(', ')}) men size har ${sizes.length} storlekar`,
      `id has ${ids.length} dimensions (${ids.join(', ')}) but size has ${sizes.length} sizes`,
      'size',
    );
  }
  const twice = ids.find((id, i) => ids.indexOf(id) !== i);
  if (twice !== undefined) return broken(`dimensionen ${twice} står två gånger i id`, `the dimension ${twice} is listed twice in id`, 'id');
  const role = isRecord(own(data, 'role')) ? (own(data, 'role') as Record<string, unknown>) : {};
  const roleList = (key: string): string[] => {
    const v = own(role, key);
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
  };
  const regionIndex = ids.findIndex((id) => id.toLowerCase() === 'region' || roleList('geo').includes(id));
  const timeIndex = ids.findIndex((id) => id.toLowerCase() === 'tid' || roleList('time').includes(id));
  if (regionIndex < 0) {
    return fail(
      t(
        `JSON-stat2-datasetet har ingen regiondimension (Region, eller en med rollen geo); dess dimensioner är ${ids.join(', ')}`,
        `the JSON-stat2 dataset has no region dimension (Region, or one with the role geo); its dimensions are ${ids.join(', ')}`,
      ),
      FETCH_JSON_STAT,
      'id',
    );
  }

  // Category codes in index order, with labels.
  const categories: { codes: string[]; labels: Record<string, unknown> }[] = [];
  for (const id of ids) {
    const dim = own(dims, id);
    if (!isRecord(dim)) return broken(`dimensionen ${id} i id saknas under dimension`, `the dimension ${id} in id is missing under dimension`, 'dimension');
    const cat = own(dim, 'category');
    if (!isRecord(cat)) return broken(`dimensionen ${id} har ingen category`, `the dimension ${id} has no category`, 'dimension');
    const index = own(cat, 'index');
    const label = own(cat, 'label');
    let codes: string[];
    if (Array.isArray(index)) {
      codes = index.map((c) => String(c));
      const again = codes.find((c, i) => codes.indexOf(c) !== i);
      if (again !== undefined) {
        return broken(`kategorin ${again} står två gånger i dimensionen ${id}`, `the category ${again} is listed twice in the dimension ${id}`, 'dimension');
      }
    } else if (isRecord(index)) {
      const entries = Object.entries(index);
      const n = entries.length;
      const byPosition: (string | undefined)[] = new Array<string | undefined>(n).fill(undefined);
      for (const [code, pos] of entries) {
        if (typeof pos !== 'number' || !Number.isSafeInteger(pos) || pos < 0 || pos >= n) {
          return broken(
            `i dimensionen ${id} har kategorin ${code} positionen ${JSON.stringify(pos)}, men positionerna ska vara 0–${n - 1}`,
            `in the dimension ${id} the category ${code} has the position ${JSON.stringify(pos)}, but the positions must be 0–${n - 1}`,
            'dimension',
          );
        }
        const taken = byPosition[pos];
        if (taken !== undefined) {
          return broken(
            `i dimensionen ${id} har kategorierna ${taken} och ${code} båda positionen ${pos}`,
            `in the dimension ${id} the categories ${taken} and ${code} both have the position ${pos}`,
            'dimension',
          );
        }
        byPosition[pos] = code;
      }
      codes = byPosition as string[];
    } else if (isRecord(label) && Object.keys(label).length === 1) {
      // A dimension of one category may omit its index.
      codes = Object.keys(label);
    } else {
      return broken(`dimensionen ${id} saknar category.index`, `the dimension ${id} has no category.index`, 'dimension');
    }
    categories.push({ codes, labels: isRecord(label) ? label : {} });
  }
  for (let d = 0; d < ids.length; d++) {
    const n = categories[d]!.codes.length;
    if (n !== sizes[d]) {
      return broken(
        `dimensionen ${ids[d]} har ${n} ${n === 1 ? 'kategori' : 'kategorier'} men size säger ${sizes[d]}`,
        `the dimension ${ids[d]} has ${n} ${n === 1 ? 'category' : 'categories'} but size says ${sizes[d]}`,
        'size',
      );
    }
  }
  const total = sizes.reduce((a, b) => a * b, 1);
  const product = sizes.length === 1 ? `${total}` : `${sizes.join(' × ')} = ${total}`;
  if (Array.isArray(values) && values.length !== total) {
    return broken(
      `size säger ${product} ${total === 1 ? 'värde' : 'värden'} men value har ${values.length}`,
      `size says ${product} ${total === 1 ? 'value' : 'values'} but value has ${values.length}`,
      'value',
    );
  }
  if (isRecord(values)) {
    // A sparse value object is keyed by position in the full, flattened list.
    const outside = Object.keys(values).find((k) => !/^(0|[1-9]\d*)$/.test(k) || Number(k) >= total);
    if (outside !== undefined) {
      return broken(
        `value har positionen "${outside}", men size säger ${product} ${total === 1 ? 'värde' : 'värden'} (positionerna 0–${total - 1})`,
        `value has the position "${outside}", but size says ${product} ${total === 1 ? 'value' : 'values'} (positions 0–${total - 1})`,
        'value',
      );
    }
  }

  // Pick one category of every dimension but Region.
  const fixed: number[] = [];
  let year: string | undefined;
  for (let d = 0; d < ids.length; d++) {
    if (d === regionIndex) {
      fixed.push(0);
      continue;
    }
    const { codes, labels } = categories[d]!;
    if (d === timeIndex && options.year !== undefined) {
      const at = codes.indexOf(options.year);
      if (at < 0) {
        return fail(t(`året ${options.year} finns inte i filen (den har ${codes.join(', ')})`, `the year ${options.year} is not in the file (it has ${codes.join(', ')})`));
      }
      fixed.push(at);
      year = options.year;
      continue;
    }
    if (codes.length !== 1) {
      if (d === timeIndex) {
        return fail(
          t(`filen har folkmängd för flera år (${codes.join(', ')})`, `the file has populations for several years (${codes.join(', ')})`),
          t('Ange vilket år som ska användas.', 'State which year to use.'),
        );
      }
      const shown = codes.slice(0, 5).map((c) => {
        const l = own(labels, c);
        return typeof l === 'string' ? l : c;
      });
      const list = `${shown.join(', ')}${codes.length > 5 ? ', …' : ''}`;
      return fail(
        t(
          `dimensionen ${ids[d]} har ${codes.length} värden (${list}); folkmängden måste vara ett enda tal per region`,
          `the dimension ${ids[d]} has ${codes.length} values (${list}); the population must be a single figure per region`,
        ),
        t('Välj bara totalen för den dimensionen när tabellen hämtas.', 'Select only the total of that dimension when fetching the table.'),
      );
    }
    if (d === timeIndex) year = codes[0];
    fixed.push(0);
  }

  const strides = sizes.map((_, d) => sizes.slice(d + 1).reduce((a, b) => a * b, 1));
  const region = categories[regionIndex]!;
  const entries: Entry[] = [];
  region.codes.forEach((code, k) => {
    let flat = 0;
    for (let d = 0; d < ids.length; d++) flat += (d === regionIndex ? k : fixed[d]!) * strides[d]!;
    const raw = Array.isArray(values) ? values[flat] : own(values, String(flat));
    const label = own(region.labels, code);
    // A sparse value object may lack the region's position: then the value list is the place.
    const place = places.items.get(String(flat)) ?? places.members.get('value');
    entries.push({
      codeText: code,
      ...(typeof label === 'string' && label.trim() !== '' ? { name: label.trim() } : {}),
      // A number or a text is read as a count; anything else is shown as written, and refused.
      population: typeof raw === 'number' || typeof raw === 'string' ? raw : raw === null || raw === undefined ? null : JSON.stringify(raw),
      prefix: t(`region ${code}: `, `region ${code}: `),
      ...(place !== undefined ? { countAt: place } : {}),
    });
  });
  const referenceDate = year !== undefined && YEAR.test(year) ? `${year}-12-31` : undefined;
  return { entries, ...(referenceDate ? { referenceDate } : {}) };
}

/** An object's own property: a name from a file is never one of Object.prototype's. */
function own(record: Record<string, unknown>, key: string): unknown {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}

// V8 says where JSON broke as a character position; the user needs a line.
function jsonErrorPlace(text: string, detail: string): { line?: number; column?: number } {
  const m = /position (\d+)/.exec(detail);
  const at = m ? Math.min(Number(m[1]), text.length) : detail.includes('end of JSON') ? text.trimEnd().length : undefined;
  if (at === undefined) return {};
  const before = text.slice(0, at);
  const line = before.split(/\r\n|\r|\n/).length;
  const column = at - Math.max(before.lastIndexOf('\n'), before.lastIndexOf('\r')) ;
  return { line, column };
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

interface ValidateContext extends PopulationOptions {
  readonly format: PopulationFormat;
  readonly encoding?: TextEncoding;
  readonly referenceDate?: string;
}

/** Classifies a code as written: a municipality, a county, the nation, or nothing. */
function classifyCode(
  text: string,
): { kind: 'municipality' | 'county' | 'nation'; code: string; padded: boolean } | { kind: 'invalid' } | { kind: 'missing' } {
  if (text === '') return { kind: 'missing' };
  if (!/^\d{1,4}$/.test(text)) return { kind: 'invalid' };
  // Excel turns "0114" into 114 and "01" into 1: the leading zero is restored (with a warning).
  if (text.length === 4 || text.length === 3) return { kind: 'municipality', code: text.padStart(4, '0'), padded: text.length === 3 };
  const code = text.padStart(2, '0');
  return code === '00' ? { kind: 'nation', code, padded: false } : { kind: 'county', code, padded: text.length === 1 };
}

/** The checks every layout shares: codes, names, duplicates, counts, totals, dates. */
function validate(entries: readonly Entry[], ctx: ValidateContext, problems: ProblemList): PopulationTable {
  const { file, codes } = ctx;
  const rows: PopulationRow[] = [];
  const totals: PopulationRow[] = [];
  const seen = new Map<string, number | undefined>();
  let countsOk = true;
  const dates = new Map<string, number | undefined>();

  for (const e of entries) {
    const where = { file, ...(e.line !== undefined ? { line: e.line } : {}) };
    const pre = (m: Text): Text => (e.prefix ? t(e.prefix.sv + m.sv, e.prefix.en + m.en) : m);
    const add = (m: Text, hint?: Text): void => problems.add(pre(m), { ...where, ...(hint ? { hint } : {}) });

    // Code first, then name, then count: the order a reader checks a row in.
    // A bad code does not hide a bad count on the same row.
    const count = parseCount(e.population ?? '', POPULATION, MAX_POPULATION);
    const reportCount = (): void => {
      if (!count.ok) {
        problems.add(pre(count.message), { ...where, ...e.countAt, ...(count.hint ? { hint: count.hint } : {}) });
      }
    };
    if (!count.ok) countsOk = false;

    const c = classifyCode(e.codeText);
    if (c.kind === 'missing' || c.kind === 'invalid') {
      add(
        c.kind === 'missing'
          ? t('kommunkod saknas', 'the municipality code is missing')
          : t(`"${e.codeText}" är ingen kommunkod (fyra siffror) eller länskod (två siffror)`, `"${e.codeText}" is not a municipality code (four digits) or county code (two digits)`),
      );
      reportCount();
      countsOk = false;
      continue;
    }
    const { code } = c;
    if (c.padded) {
      problems.warn(
        pre(t(`koden "${e.codeText}" saknar inledande nolla och läses som ${code}`, `the code "${e.codeText}" lacks its leading zero and is read as ${code}`)),
        where,
      );
    }
    const known = c.kind === 'nation' || (c.kind === 'municipality' ? codes.isMunicipality(code) : codes.isCounty(code));
    if (!known) {
      add(
        c.kind === 'municipality'
          ? t(`kommunkod ${code} finns inte i SCB:s kodlista`, `municipality code ${code} is not in SCB's code list`)
          : t(`länskod ${code} finns inte i SCB:s kodlista`, `county code ${code} is not in SCB's code list`),
        t('Jämför med data/reference/municipality-codes.csv.', 'Compare with data/reference/municipality-codes.csv.'),
      );
      reportCount();
      countsOk = false;
      continue;
    }
    if (seen.has(code)) {
      const first = seen.get(code);
      add(
        first !== undefined
          ? t(`kod ${code} förekommer redan på rad ${first}`, `code ${code} already occurs on line ${first}`)
          : t(`kod ${code} förekommer två gånger`, `code ${code} occurs twice`),
      );
      reportCount();
      countsOk = false;
      continue;
    }
    seen.set(code, e.line);

    let name: string | undefined = c.kind === 'nation' ? 'Riket' : codes.officialName(code)!;
    if (e.name !== undefined && c.kind !== 'nation') {
      const sub = new ProblemList();
      name = checkName(codes, code, e.name, where, sub);
      for (const p of sub.problems) problems.add(pre(p.message), { ...where, ...(p.hint ? { hint: p.hint } : {}) });
      for (const w of sub.warnings) problems.warn(pre(w.message), where);
      if (name === undefined) countsOk = false;
    }
    reportCount();

    if (e.countyCode !== undefined && e.countyCode !== '' && c.kind === 'municipality') {
      const county = codes.countyOf(code)!;
      if (e.countyCode.padStart(2, '0') !== county.code) {
        add(t(`kommun ${code} ligger i län ${county.code}, inte ${e.countyCode}`, `municipality ${code} is in county ${county.code}, not ${e.countyCode}`));
      }
    }

    if (e.referenceDate !== undefined && e.referenceDate !== '') {
      if (!isIsoDate(e.referenceDate)) {
        add(t(`referensdatum "${e.referenceDate}" är inte ett datum (ÅÅÅÅ-MM-DD)`, `reference date "${e.referenceDate}" is not a date (YYYY-MM-DD)`));
      } else if (!dates.has(e.referenceDate)) {
        dates.set(e.referenceDate, e.line);
      }
    }

    if (!count.ok || name === undefined) continue;
    const row: PopulationRow = { code, name, population: count.value, ...(e.line !== undefined ? { line: e.line } : {}) };
    (c.kind === 'municipality' ? rows : totals).push(row);
  }

  if (dates.size > 1) {
    const [first, ...others] = [...dates.entries()];
    for (const [date, line] of others) {
      problems.add(
        t(`referensdatum ${date} skiljer sig från ${first![0]}${first![1] !== undefined ? ` (rad ${first![1]})` : ''}`, `reference date ${date} differs from ${first![0]}${first![1] !== undefined ? ` (line ${first![1]})` : ''}`),
        { file, ...(line !== undefined ? { line } : {}) },
      );
    }
  }

  // Totals are compared only when every count was read: with a row missing
  // the difference would be noise on top of the real problem.
  if (countsOk) {
    for (const total of totals) {
      const members = total.code === '00' ? rows : rows.filter((r) => codes.municipality(r.code)?.countyCode === total.code);
      const sum = members.reduce((s, r) => s + r.population, 0);
      if (sum !== total.population) {
        const whose = total.code === '00' ? t('rikets', 'the national') : t(`länets (${total.code} ${total.name})`, `the county (${total.code} ${total.name})`);
        problems.add(
          t(
            `${whose.sv} totalt är ${formatCount(total.population)} men kommunerna i filen summerar till ${formatCount(sum)} (skillnad ${formatCount(total.population - sum)})`,
            `${whose.en} total is ${formatCount(total.population)} but the municipalities in the file sum to ${formatCount(sum)} (difference ${formatCount(total.population - sum)})`,
          ),
          { file, ...(total.line !== undefined ? { line: total.line } : {}) },
        );
      }
    }
    if (ctx.countyTotal !== undefined) {
      const sum = rows.reduce((s, r) => s + r.population, 0);
      if (sum !== ctx.countyTotal) {
        problems.add(
          t(
            `kommunerna i filen summerar till ${formatCount(sum)}, men länets totalt ska vara ${formatCount(ctx.countyTotal)} (skillnad ${formatCount(ctx.countyTotal - sum)})`,
            `the municipalities in the file sum to ${formatCount(sum)}, but the county total should be ${formatCount(ctx.countyTotal)} (difference ${formatCount(ctx.countyTotal - sum)})`,
          ),
          { file },
        );
      }
    }
  }

  if (problems.ok && rows.length === 0) {
    problems.add(t('filen innehåller ingen kommun', 'the file contains no municipality'), { file });
  }
  sortByLine(problems);
  problems.throwIfAny();

  const referenceDate = dates.size === 1 ? [...dates.keys()][0] : ctx.referenceDate;
  return {
    file,
    rows,
    countyTotals: totals,
    ...(referenceDate !== undefined ? { referenceDate } : {}),
    warnings: problems.warnings,
    format: ctx.format,
    ...(ctx.encoding !== undefined ? { encoding: ctx.encoding } : {}),
  };
}

function isIsoDate(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (m === null) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}
