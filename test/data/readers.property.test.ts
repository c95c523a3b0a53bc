/**
 * Whatever bytes arrive, a reader either returns rows that are all valid
 * (whole numbers ≥ 0, known unique codes, totals that reconcile) or throws an
 * InputError — never a TypeError, a RangeError or a parser's own exception,
 * which would reach the user as a stack trace.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import { MAX_POPULATION, parseCount } from '../../data/count.js';
import { loadMunicipalityCodes } from '../../data/municipality-codes.js';
import { parsePopulation } from '../../data/population/parse.js';
import type { PopulationTable } from '../../data/population/types.js';
import { parseUserCounts, type UserCounts } from '../../data/user-counts.js';
import { InputError, t } from '../../models/errors.js';
import { fixture } from './helpers.js';

const codes = loadMunicipalityCodes();
const RUNS = { seed: 4_2024, numRuns: 400 };

function checkPopulation(t: PopulationTable, countyTotal?: number): void {
  const seen = new Set<string>();
  for (const r of t.rows) {
    expect(Number.isSafeInteger(r.population) && r.population >= 0).toBe(true);
    expect(codes.isMunicipality(r.code)).toBe(true);
    expect(r.name).toBe(codes.officialName(r.code));
    expect(seen.has(r.code)).toBe(false);
    seen.add(r.code);
  }
  expect(t.rows.length).toBeGreaterThan(0);
  for (const total of t.countyTotals) {
    expect(total.code === '00' || codes.isCounty(total.code)).toBe(true);
    const members = t.rows.filter((r) => total.code === '00' || codes.countyOf(r.code)?.code === total.code);
    expect(members.reduce((s, r) => s + r.population, 0)).toBe(total.population);
  }
  if (countyTotal !== undefined) expect(t.rows.reduce((s, r) => s + r.population, 0)).toBe(countyTotal);
}

function checkUsers(u: UserCounts, extra: readonly string[]): void {
  const seen = new Set<string>();
  for (const r of u.rows) {
    expect(Number.isSafeInteger(r.users) && r.users >= 0).toBe(true);
    expect(codes.isMunicipality(r.code) || extra.includes(r.code)).toBe(true);
    expect(seen.has(r.code)).toBe(false);
    seen.add(r.code);
  }
}

/** Runs a reader; an InputError is an acceptable answer, anything else fails the property. */
function readOrRefuse<T>(read: () => T, check: (value: T) => void): void {
  let value: T;
  try {
    value = read();
  } catch (e) {
    if (e instanceof InputError) {
      expect(e.problems.length).toBeGreaterThan(0);
      return;
    }
    throw e;
  }
  check(value);
}

// Inputs that reach every branch: raw bytes, bytes that look like XLSX/XLS,
// JSON-ish text, BOMs and UTF-16 marks.
const PK = [0x50, 0x4b, 0x03, 0x04];
const OLE = [0xd0, 0xcf, 0x11, 0xe0];
const bytes = fc.oneof(
  fc.uint8Array({ maxLength: 300 }),
  fc.uint8Array({ maxLength: 300 }).map((b) => new Uint8Array([...PK, ...b])),
  fc.uint8Array({ maxLength: 300 }).map((b) => new Uint8Array([...OLE, ...b])),
  fc.uint8Array({ maxLength: 200 }).map((b) => new Uint8Array([0xef, 0xbb, 0xbf, ...b])),
  fc.uint8Array({ maxLength: 200 }).map((b) => new Uint8Array([0xff, 0xfe, ...b])),
  fc.string({ maxLength: 200 }).map((s) => new TextEncoder().encode(`{${s}`)),
);

// ---- CSV mutations ----------------------------------------------------------

type Table = string[][];
type Mutation =
  | { op: 'deleteCell'; row: number; col: number }
  | { op: 'blankCell'; row: number; col: number }
  | { op: 'inject'; row: number; col: number; text: string }
  | { op: 'swapRows'; a: number; b: number }
  | { op: 'duplicateRow'; row: number }
  | { op: 'deleteRow'; row: number }
  | { op: 'insertLine'; row: number; text: string }
  | { op: 'quote'; row: number; col: number };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ op: fc.constant('deleteCell' as const), row: fc.nat(), col: fc.nat() }),
  fc.record({ op: fc.constant('blankCell' as const), row: fc.nat(), col: fc.nat() }),
  fc.record({
    op: fc.constant('inject' as const),
    row: fc.nat(),
    col: fc.nat(),
    text: fc.oneof(
      fc.string({ maxLength: 12 }),
      fc.constantFrom('-1', '3,5', '32 148', '1e6', '99999999', '"', '""', ',', ';', '\t', '\n', '\r\n', 'Borås', '0000', '14', '00', '1.5', '\u00a0', '#'),
    ),
  }),
  fc.record({ op: fc.constant('swapRows' as const), a: fc.nat(), b: fc.nat() }),
  fc.record({ op: fc.constant('duplicateRow' as const), row: fc.nat() }),
  fc.record({ op: fc.constant('deleteRow' as const), row: fc.nat() }),
  fc.record({ op: fc.constant('insertLine' as const), row: fc.nat(), text: fc.string({ maxLength: 30 }) }),
  fc.record({ op: fc.constant('quote' as const), row: fc.nat(), col: fc.nat() }),
);

function apply(table: Table, m: Mutation): Table {
  const t = table.map((r) => [...r]);
  if (t.length === 0) return t;
  const row = (i: number): string[] => t[i % t.length]!;
  switch (m.op) {
    case 'deleteCell': {
      const r = row(m.row);
      if (r.length > 0) r.splice(m.col % r.length, 1);
      break;
    }
    case 'blankCell': {
      const r = row(m.row);
      if (r.length > 0) r[m.col % r.length] = '';
      break;
    }
    case 'inject': {
      const r = row(m.row);
      if (r.length > 0) {
        const i = m.col % r.length;
        const cell = r[i]!;
        const at = m.text.length % (cell.length + 1);
        r[i] = cell.slice(0, at) + m.text + cell.slice(at);
      }
      break;
    }
    case 'swapRows': {
      const a = m.a % t.length;
      const b = m.b % t.length;
      [t[a], t[b]] = [t[b]!, t[a]!];
      break;
    }
    case 'duplicateRow':
      t.splice(m.row % t.length, 0, [...row(m.row)]);
      break;
    case 'deleteRow':
      t.splice(m.row % t.length, 1);
      break;
    case 'insertLine':
      t.splice(m.row % (t.length + 1), 0, [m.text]);
      break;
    case 'quote': {
      const r = row(m.row);
      if (r.length > 0) r[m.col % r.length] = `"${r[m.col % r.length]!}"`;
      break;
    }
  }
  return t;
}

function toTable(text: string): Table {
  return text
    .replace(/^\ufeff/, '')
    .split(/\r?\n/)
    .filter((l) => l !== '')
    .map((l) => l.split(','));
}

function latin1(text: string): Uint8Array | undefined {
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c > 0xff) return undefined;
    out[i] = c;
  }
  return out;
}

const serialisation = fc.record({
  delimiter: fc.constantFrom(',', ';', '\t'),
  eol: fc.constantFrom('\n', '\r\n', '\r'),
  encoding: fc.constantFrom('utf-8', 'utf-8-bom', 'windows-1252'),
});

function serialise(table: Table, s: { delimiter: string; eol: string; encoding: string }): Uint8Array {
  const text = table.map((r) => r.join(s.delimiter)).join(s.eol) + s.eol;
  if (s.encoding === 'windows-1252') return latin1(text) ?? new TextEncoder().encode(text);
  const utf8 = new TextEncoder().encode(text);
  return s.encoding === 'utf-8-bom' ? new Uint8Array([0xef, 0xbb, 0xbf, ...utf8]) : utf8;
}

const VGR = new TextDecoder().decode(fixture('../../../data/populations/vastra-gotaland-2021.csv'));
const SCB = new TextDecoder('windows-1252').decode(fixture('scb-export-1252.csv')).replace(/;/g, ',');
const USERS = new TextDecoder().decode(fixture('../../../data/users/sthlm-2021-exempel.csv'));

describe('readers never fail with an unexpected error', () => {
  it('population: random bytes', () => {
    fc.assert(
      fc.property(bytes, (b) => readOrRefuse(() => parsePopulation(b, { file: 'x.csv', codes }), (t) => checkPopulation(t))),
      RUNS,
    );
  });

  it('population: random text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300, unit: 'binary' }), (s) =>
        readOrRefuse(() => parsePopulation(s, { file: 'x.csv', codes }), (t) => checkPopulation(t)),
      ),
      RUNS,
    );
  });

  it('population: mutated CSV files (andel format and SCB export), any delimiter, line ending and encoding', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(VGR, SCB),
        fc.array(mutation, { minLength: 0, maxLength: 5 }),
        serialisation,
        fc.option(fc.constant(1_744_859), { nil: undefined }),
        (base, mutations, s, countyTotal) => {
          const table = mutations.reduce(apply, toTable(base));
          const input = serialise(table, s);
          readOrRefuse(
            () => parsePopulation(input, { file: 'x.csv', codes, ...(countyTotal !== undefined ? { countyTotal } : {}) }),
            (t) => checkPopulation(t, countyTotal),
          );
        },
      ),
      RUNS,
    );
  });

  it('population: an unmutated file in any serialisation is read in full', () => {
    fc.assert(
      fc.property(serialisation, (s) => {
        const t = parsePopulation(serialise(toTable(VGR), s), { file: 'x.csv', codes });
        expect(t.rows).toHaveLength(49);
        expect(t.rows.reduce((sum, r) => sum + r.population, 0)).toBe(1_744_859);
      }),
      { seed: 7, numRuns: 30 },
    );
  });

  it('user counts: random bytes and mutated files', () => {
    const extra = ['01', '0180-01'];
    fc.assert(
      fc.property(bytes, (b) => readOrRefuse(() => parseUserCounts(b, { file: 'u', codes, extraCodes: extra }), (u) => checkUsers(u, extra))),
      RUNS,
    );
    fc.assert(
      fc.property(fc.array(mutation, { maxLength: 5 }), serialisation, (mutations, s) => {
        const input = serialise(mutations.reduce(apply, toTable(USERS)), s);
        readOrRefuse(() => parseUserCounts(input, { file: 'u', codes, extraCodes: extra }), (u) => checkUsers(u, extra));
      }),
      RUNS,
    );
  });
});

// ---- counts: never a different number ---------------------------------------

const GROUP_SEPARATORS = [' ', '\u00a0', '\u202f', '\u2009'] as const;
const POPULATION = t('folkmängd', 'population');

/** A count written the way people do: plain or grouped by threes, perhaps with a sign and spaces around. */
const wellFormed = fc
  .record({
    n: fc.bigInt({ min: 0n, max: 10n ** 15n }),
    grouped: fc.boolean(),
    separator: fc.constantFrom(...GROUP_SEPARATORS),
    sign: fc.constantFrom('', '+'),
    around: fc.constantFrom('', ' ', '\u00a0', '\t'),
    zeros: fc.constantFrom('', '0', '00'),
  })
  .map(({ n, grouped, separator, sign, around, zeros }) => {
    const digits = grouped ? n.toString().replace(/\B(?=(\d{3})+(?!\d))/g, separator) : zeros + n.toString();
    return { n, text: `${around}${sign}${digits}${around}` };
  });

/** Texts a count must never be guessed from, and texts of any shape. */
const anyCountText = fc.oneof(
  wellFormed.map((w) => w.text),
  // A comma or a point between digits, grouped or not around it.
  fc
    .tuple(fc.stringMatching(/^\d{1,7}$/), fc.constantFrom(',', '.'), fc.stringMatching(/^\d{1,4}$/), fc.option(fc.stringMatching(/^[.,]\d{1,3}$/), { nil: '' }))
    .map(([a, s, b, c]) => `${a}${s}${b}${c}`),
  wellFormed.chain((w) => fc.nat({ max: w.text.length }).map((at) => `${w.text.slice(0, at)}${at % 2 ? ',' : '.'}${w.text.slice(at)}`)),
  fc.string({ unit: fc.constantFrom('0', '1', '2', '5', '9', ' ', '\u00a0', '\u202f', '\u2009', ',', '.', '-', '+', '\u2212', 'e', 'E', "'", '_', 'x'), maxLength: 14 }),
);

/** The integer the text's digits spell, ignoring everything else. */
const spelled = (text: string): bigint => BigInt(text.replace(/\D/g, '') || '0');
const separatorInsideDigits = (text: string): boolean => /\d[.,]\d/.test(text);

/** Accepted means: exactly the integer its digits spell; a comma or point between digits means refused. */
function checkCount(text: string, read: () => number | undefined): void {
  const value = read();
  if (separatorInsideDigits(text)) expect(value).toBeUndefined();
  if (value !== undefined) {
    expect(/\d/.test(text)).toBe(true);
    expect(BigInt(value)).toBe(spelled(text));
  }
}

describe('a count that is accepted is exactly the integer its digits spell', () => {
  it('parseCount: any text; well-formed counts are accepted', () => {
    fc.assert(
      fc.property(anyCountText, (text) => {
        checkCount(text, () => {
          const r = parseCount(text, POPULATION, Number.MAX_SAFE_INTEGER);
          return r.ok ? r.value : undefined;
        });
      }),
      { seed: 10_2024, numRuns: 3000 },
    );
    fc.assert(
      fc.property(wellFormed, ({ n, text }) => {
        const r = parseCount(text, POPULATION, Number.MAX_SAFE_INTEGER);
        expect(r).toEqual({ ok: true, value: Number(n) });
      }),
      { seed: 10_2025, numRuns: 1000 },
    );
  });

  it('through the population reader: a CSV field and an XLSX text cell', () => {
    const csvText = anyCountText.filter((s) => !/[;"\r\n]/.test(s));
    const readCsv = (text: string): number | undefined => {
      try {
        return parsePopulation(`kommunkod;kommun;folkmängd\n1280;Malmö;${text}\n`, { file: 'x.csv', codes }).rows[0]?.population;
      } catch (e) {
        if (e instanceof InputError) return undefined;
        throw e;
      }
    };
    fc.assert(
      fc.property(csvText, (text) => checkCount(text, () => readCsv(text))),
      { seed: 10_2026, numRuns: 1000 },
    );
    const readSheet = (cell: unknown): number | undefined => {
      const book = XLSX.utils.book_new();
      XLSX.utils.book_append_sheet(book, XLSX.utils.aoa_to_sheet([['kommunkod', 'folkmangd'], ['1280', cell]]), 'Blad1');
      try {
        return parsePopulation(XLSX.write(book, { type: 'buffer', bookType: 'xlsx' }) as Uint8Array, { file: 'x.xlsx', codes }).rows[0]?.population;
      } catch (e) {
        if (e instanceof InputError) return undefined;
        throw e;
      }
    };
    fc.assert(
      fc.property(anyCountText, (text) => checkCount(text, () => readSheet(text))),
      { seed: 10_2027, numRuns: 150 },
    );
  });

  it('a numeric XLSX cell is accepted only when it holds a whole number, and then as that number', () => {
    const cellNumber = fc.oneof(
      fc.integer({ min: -5, max: MAX_POPULATION + 5 }),
      fc.double({ min: -10, max: 2 * MAX_POPULATION, noNaN: true }),
      fc.integer({ min: 0, max: 1_000_000 }).map((n) => n + 0.5),
    );
    fc.assert(
      fc.property(cellNumber, (v) => {
        const book = XLSX.utils.book_new();
        XLSX.utils.book_append_sheet(book, XLSX.utils.aoa_to_sheet([['kommunkod', 'folkmangd'], ['1280', v]]), 'Blad1');
        const bytes = XLSX.write(book, { type: 'buffer', bookType: 'xlsx' }) as Uint8Array;
        const whole = Number.isInteger(v) && v >= 0 && v <= MAX_POPULATION;
        if (whole) {
          expect(parsePopulation(bytes, { file: 'x.xlsx', codes }).rows[0]?.population).toBe(v);
        } else {
          expect(() => parsePopulation(bytes, { file: 'x.xlsx', codes })).toThrow(InputError);
        }
      }),
      { seed: 10_2028, numRuns: 150 },
    );
  });
});

