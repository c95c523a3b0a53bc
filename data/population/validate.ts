/**
 * The checks every population layout shares, on its entries: codes (a
 * municipality, a county or the nation, in SCB's list, once each), names
 * against the official ones, whole counts, county and national totals
 * against their municipalities, one reference date. Every problem is
 * collected before one InputError is thrown.
 */
import { ProblemList, t, type Text } from '../../models/errors.js';
import { formatCount, MAX_POPULATION, parseCount } from '../count.js';
import { sortByLine } from '../input-file.js';
import { checkName } from '../municipality-codes.js';
import type { TextEncoding } from '../decode-text.js';
import { isCalendarDate } from '../yaml-source.js';
import type { Entry } from './entry.js';
import type { PopulationFormat, PopulationOptions, PopulationRow, PopulationTable } from './types.js';

const POPULATION: Text = t('folkmängd', 'population');

/** What the checks know besides the entries: the options, and what the layout found. */
export interface ValidateContext extends PopulationOptions {
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

/**
 * The checks every layout shares: codes, names, duplicates, counts, totals,
 * dates. Adds to the problems the layout found, and throws them all.
 *
 * @throws InputError with every problem found (and the warnings so far).
 */
export function validateEntries(entries: readonly Entry[], ctx: ValidateContext, problems: ProblemList): PopulationTable {
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
      if (!isCalendarDate(e.referenceDate)) {
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
