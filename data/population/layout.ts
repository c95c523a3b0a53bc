/**
 * A population table's layout: which column holds the code, the name and
 * the count (andel's own CSV, an SCB export with a region column of
 * "1280 Malmö" and a year as the value header, a long layout with a year
 * column), which year to read, and each data row as an {@link Entry}.
 * Used alike for delimited text and the first sheet of an XLSX file.
 */
import { ProblemList, t, type Text } from '../../models/errors.js';
import { normaliseName } from '../municipality-codes.js';
import { columnOf, headerWidth, rowFields, typedField, type ColumnSpec, type TableLayout } from '../table.js';
import { type Entry, YEAR, yearEndDate } from './entry.js';
import type { PopulationOptions } from './types.js';

/** What a column of a population table can hold. */
export type Col =
  | 'code'
  | 'region'
  | 'name'
  | 'population'
  | 'yearValue'
  | 'yearColumn'
  | 'referenceDate'
  | 'countyCode';

// Header names people and SCB use, normalised (lower case, no diacritics,
// letters and digits only).
export const SPECS: readonly ColumnSpec<Col>[] = [
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

const ACCEPTED_HINT: Text = t(
  'Väntade kolumner: kommunkod, kommun, folkmangd (andels CSV) eller region ("1280 Malmö") och ett år ("2024") som i en export från SCB:s Statistikdatabas.',
  'Expected columns: kommunkod, kommun, folkmangd (andel CSV) or region ("1280 Malmö") and a year ("2024") as in an export from SCB\'s Statistical Database.',
);

/** A table without a header row andel can read (or an empty one). */
export function noHeader(problems: ProblemList, file: string, hasContent: boolean): void {
  problems.add(
    hasContent
      ? t('hittar ingen rubrikrad med kolumnerna för kommunkod och folkmängd', 'no header row with the municipality code and population columns was found')
      : t('filen är tom', 'the file is empty'),
    { file, ...(hasContent ? { hint: ACCEPTED_HINT } : {}) },
  );
}

/** Turns the data rows of a table into entries, reporting layout problems. */
export function entriesFromLayout(
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
  const yearDate = yearEndDate(year);

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
