import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import { loadMunicipalityCodes } from '../../data/municipality-codes.js';
import { loadPopulation } from '../../data/population/load.js';
import { dataPath } from '../../data/project-root.js';
import { exampleUserCounts, loadUserCounts, parseUserCounts } from '../../data/user-counts.js';
import { fixture, inputError, lines } from './helpers.js';

const codes = loadMunicipalityCodes();

function workbook(rows: unknown[][]): Uint8Array {
  const book = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(book, XLSX.utils.aoa_to_sheet(rows), 'Blad1');
  return XLSX.write(book, { type: 'buffer', bookType: 'xlsx' }) as Uint8Array;
}

describe('the shipped example file (exempeldata)', () => {
  const path = dataPath('users', 'sthlm-2021-exempel.csv');
  const users = loadUserCounts(path, { codes, file: 'sthlm-2021-exempel.csv' });

  it('declares itself example data', () => {
    expect(users.example).toBe(true);
    expect(users.comments[0]).toMatch(/^exempeldata: /);
  });

  it('has the 26 municipalities of Stockholms län and 1 700 users in all', () => {
    expect(users.rows).toHaveLength(26);
    expect(users.rows.reduce((s, r) => s + r.users, 0)).toBe(1700);
    expect(users.rows.every((r) => codes.countyOf(r.code)?.code === '01')).toBe(true);
    expect(users.rows.find((r) => r.code === '0180')).toEqual({ code: '0180', users: 697, line: 22 });
    expect(users.warnings).toEqual([]);
  });

  it('is exactly the largest-remainder split of 1 700 by the 2019 population', () => {
    const pop = loadPopulation(dataPath('populations', 'stockholm-county-2019.csv'), { codes });
    expect(users.rows.map(({ code, users: u }) => ({ code, users: u }))).toEqual(exampleUserCounts(pop.rows, 1700));
  });
});

describe('parseUserCounts', () => {
  it('reads semicolons, Swedish headers, region and sub-party codes the scheme declares', () => {
    const u = parseUserCounts(fixture('users.csv'), { file: 'users.csv', codes, extraCodes: ['01', '0180-01'] });
    expect(u.rows).toEqual([
      { code: '0180', users: 697, line: 3 },
      { code: '01', users: 11300, line: 4 },
      { code: '0180-01', users: 5, line: 5 },
      { code: '0114', users: 33, line: 6 },
    ]);
    expect(u.example).toBe(true);
    expect(u.format).toBe('csv');
  });

  it('refuses region and sub-party codes the scheme does not declare', () => {
    const e = inputError(() => parseUserCounts(fixture('users.csv'), { file: 'users.csv', codes }));
    expect(lines(e.problems)).toEqual([
      'users.csv, rad 4: koden "01" är varken en kommunkod eller en part i schemat',
      'users.csv, rad 5: koden "0180-01" är varken en kommunkod eller en part i schemat',
    ]);
  });

  it('reports every broken row at once', () => {
    const e = inputError(() => parseUserCounts(fixture('users-broken.csv'), { file: 'users-broken.csv', codes }));
    expect(lines(e.problems)).toEqual([
      'users-broken.csv, rad 2, kolumn 2: antal användare "12.5" är inte ett heltal',
      'users-broken.csv, rad 3, kolumn 2: antal användare "-1" är negativ',
      'users-broken.csv, rad 4: kommunkod 9999 finns inte i SCB:s kodlista',
      'users-broken.csv, rad 5: kod 0114 förekommer redan på rad 3',
      'users-broken.csv, rad 6: koden "01" är varken en kommunkod eller en part i schemat',
      'users-broken.csv, rad 7, kolumn 2: antal användare saknas',
    ]);
    expect(lines(e.problems, 'en')[0]).toBe('users-broken.csv, line 2, column 2: number of users "12.5" is not a whole number');
  });

  it('reads the first sheet of an XLSX file, with row numbers as Excel shows them', () => {
    const e = inputError(() => parseUserCounts(fixture('users.xlsx'), { file: 'users.xlsx', codes }));
    expect(lines(e.problems)).toEqual(['users.xlsx, rad 6, kolumn C: antal användare 24,5 är inte ett heltal']);
    expect(lines(e.warnings)).toEqual(['users.xlsx, rad 5: koden "114" saknar inledande nolla och läses som 0114']);

    const ok = parseUserCounts(workbook([['# exempeldata'], ['kommunkod', 'anvandare'], ['0180', 697], ['0114', 33]]), {
      file: 'u.xlsx',
      codes,
      format: 'xlsx',
    });
    expect(ok).toMatchObject({ example: true, format: 'xlsx', rows: [{ code: '0180', users: 697, line: 3 }, { code: '0114', users: 33, line: 4 }] });
  });

  it('is not example data without the marker', () => {
    const u = parseUserCounts('code,users\n0180,697\n', { file: 'u.csv', codes });
    expect(u.example).toBe(false);
    expect(u.rows).toEqual([{ code: '0180', users: 697, line: 2 }]);
  });

  it('checks a name given next to a municipality code', () => {
    const u = parseUserCounts('kod,kommun,anvandare\n1460,Bengtstors,3\n', { file: 'u.csv', codes });
    expect(lines(u.warnings)).toEqual(['u.csv, rad 2: "Bengtstors" stavas officiellt "Bengtsfors" (kommunkod 1460); det officiella namnet används']);
    const e = inputError(() => parseUserCounts('kod,kommun,anvandare\n1480,Borås,3\n', { file: 'u.csv', codes }));
    expect(lines(e.problems)).toEqual(['u.csv, rad 2: kommunkod 1480 är Göteborg, men namnet "Borås" hör till 1490 Borås']);
  });

  it('refuses empty, headerless, column-less, binary and mislabelled files', () => {
    const msg = (input: Uint8Array | string, format?: 'csv' | 'xlsx'): string[] =>
      lines(inputError(() => parseUserCounts(input, { file: 'u', codes, ...(format ? { format } : {}) })).problems);
    expect(msg('')).toEqual(['u: filen är tom']);
    expect(msg('0180,697\n')).toEqual(['u: hittar ingen rubrikrad med kolumnerna för kod och antal användare']);
    expect(msg('kod,kommun\n0180,Stockholm\n')).toEqual(['u, rad 1: kolumnen för antal användare saknas (rubrikraden har: kod, kommun)']);
    expect(msg('kod,anvandare\n')).toEqual(['u, rad 1: filen har en rubrikrad men inga datarader']);
    expect(msg(new Uint8Array([0, 1, 2, 3]))).toEqual(['u: filen är inte en textfil (den innehåller binära data)']);
    expect(msg('kod,anvandare\n0180,1\n', 'xlsx')).toEqual(['u: filen är ingen XLSX-arbetsbok']);
    expect(msg(workbook([]))).toEqual(['u: filen är tom']);
  });

  it('refuses a comma or a point between digits, saying what to write instead', () => {
    const e = inputError(() => parseUserCounts(fixture('users-ambiguous.csv'), { file: 'users-ambiguous.csv', codes }));
    expect(e.describe('sv').split('\n')).toEqual([
      'users-ambiguous.csv, rad 2, kolumn 2: antal användare "1,0" har decimaler. Skriv antalet utan decimaler: 1.',
      'users-ambiguous.csv, rad 3, kolumn 2: antal användare "32.000" kan läsas på två sätt: som 32 000 (punkt som tusentalsavgränsare) eller som 32 (punkt som decimaltecken). Skriv antalet utan punkt: 32000 eller 32 000 (eller 32).',
      'users-ambiguous.csv, rad 5, kolumn 2: antal användare "2,5" är inte ett heltal. Ett antal är ett heltal: rätta värdet i filen (andel avrundar inte).',
      'users-ambiguous.csv, rad 6, kolumn 2: antal användare "1.500.000" har punkt som tusentalsavgränsare. Skriv 1500000 eller 1 500 000 (mellanslag som tusentalsavgränsare).',
    ]);
    expect(e.describe('en').split('\n')).toEqual([
      'users-ambiguous.csv, line 2, column 2: number of users "1,0" has decimals. Write the count without decimals: 1.',
      'users-ambiguous.csv, line 3, column 2: number of users "32.000" can be read two ways: as 32 000 (point as a thousands separator) or as 32 (point as a decimal mark). Write the count without a point: 32000 or 32 000 (or 32).',
      'users-ambiguous.csv, line 5, column 2: number of users "2,5" is not a whole number. A count is a whole number: correct the value in the file (andel does not round).',
      'users-ambiguous.csv, line 6, column 2: number of users "1.500.000" has points as thousands separators. Write 1500000 or 1 500 000 (spaces as thousands separators).',
    ]);
  });

  it('refuses XLSX cells that are not counts: a date, a boolean, an error, a fraction', () => {
    const e = inputError(() => parseUserCounts(fixture('users-cell-types.xlsx'), { file: 'u.xlsx', codes }));
    expect(lines(e.problems)).toEqual([
      'u.xlsx, rad 2, kolumn B: antal användare är ett datum i Excel (1901-11-27), inte ett antal',
      'u.xlsx, rad 3, kolumn B: antal användare är ett sanningsvärde (FALSKT), inte ett antal',
      'u.xlsx, rad 4, kolumn B: antal användare är felvärdet #N/A, inte ett antal',
      'u.xlsx, rad 5, kolumn B: antal användare 33,25 är inte ett heltal',
      'u.xlsx, rad 6, kolumn B: antal användare "1,000" kan läsas på två sätt: som 1 000 (komma som tusentalsavgränsare) eller som 1 (komma som decimaltecken)',
    ]);
    expect(lines(e.problems, 'en')).toEqual([
      'u.xlsx, line 2, column B: number of users is a date in Excel (1901-11-27), not a count',
      'u.xlsx, line 3, column B: number of users is a boolean (FALSE), not a count',
      'u.xlsx, line 4, column B: number of users is the error value #N/A, not a count',
      'u.xlsx, line 5, column B: number of users 33.25 is not a whole number',
      'u.xlsx, line 6, column B: number of users "1,000" can be read two ways: as 1 000 (comma as a thousands separator) or as 1 (comma as a decimal mark)',
    ]);
  });

  it('codes that are also JavaScript\'s own names are ordinary unknown codes, or parties when the scheme has them', () => {
    const text = 'kod,anvandare\n__proto__,1\nconstructor,2\ntoString,3\n0180,4\n';
    const e = inputError(() => parseUserCounts(text, { file: 'u.csv', codes }));
    expect(lines(e.problems)).toEqual([
      'u.csv, rad 2: koden "__proto__" är varken en kommunkod eller en part i schemat',
      'u.csv, rad 3: koden "constructor" är varken en kommunkod eller en part i schemat',
      'u.csv, rad 4: koden "toString" är varken en kommunkod eller en part i schemat',
    ]);
    const u = parseUserCounts(text, { file: 'u.csv', codes, extraCodes: ['__proto__', 'constructor', 'toString'] });
    expect(u.rows.map((r) => [r.code, r.users])).toEqual([
      ['__proto__', 1],
      ['constructor', 2],
      ['toString', 3],
      ['0180', 4],
    ]);
  });

  it('names a missing file', () => {
    const e = inputError(() => loadUserCounts('/nowhere/users.xlsx', { codes, file: 'users.xlsx' }));
    expect(e.describe()).toBe('users.xlsx: filen finns inte. Kontrollera sökvägen.');
  });
});

describe('exampleUserCounts', () => {
  it('splits by largest remainder with ties broken by code', () => {
    expect(
      exampleUserCounts(
        [
          { code: '0115', population: 1 },
          { code: '0114', population: 1 },
          { code: '0117', population: 1 },
        ],
        2,
      ),
    ).toEqual([
      { code: '0115', users: 1 },
      { code: '0114', users: 1 },
      { code: '0117', users: 0 },
    ]);
  });

  it('always sums to the total, stays within one of the exact share, and ignores input order', () => {
    const parties = fc.uniqueArray(fc.record({ code: fc.stringMatching(/^\d{4}$/), population: fc.integer({ min: 0, max: 2_000_000 }) }), {
      minLength: 1,
      maxLength: 40,
      selector: (p) => p.code,
    });
    fc.assert(
      fc.property(parties, fc.integer({ min: 0, max: 100_000 }), (ps, total) => {
        fc.pre(ps.some((p) => p.population > 0));
        const out = exampleUserCounts(ps, total);
        const popSum = ps.reduce((s, p) => s + p.population, 0);
        expect(out.reduce((s, r) => s + r.users, 0)).toBe(total);
        out.forEach((r, i) => {
          const exact = (ps[i]!.population * total) / popSum;
          expect(Math.abs(r.users - exact)).toBeLessThan(1 + 1e-9);
        });
        const reversed = exampleUserCounts([...ps].reverse(), total);
        expect(new Map(reversed.map((r) => [r.code, r.users]))).toEqual(new Map(out.map((r) => [r.code, r.users])));
      }),
      { seed: 20240601, numRuns: 500 },
    );
  });
});
