import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import { loadMunicipalityCodes } from '../../data/municipality-codes.js';
import { loadPopulation } from '../../data/population/load.js';
import { parsePopulation } from '../../data/population/parse.js';
import type { PopulationTable } from '../../data/population/types.js';
import { dataPath } from '../../data/project-root.js';
import { formatProblem, KEPT_PROBLEMS, SHOWN_PROBLEMS } from '../../models/errors.js';
import { fixture, FIXTURES, inputError, lines } from './helpers.js';

const codes = loadMunicipalityCodes();
const sum = (t: PopulationTable): number => t.rows.reduce((s, r) => s + r.population, 0);
const parse = (name: string, extra: { countyTotal?: number; year?: string } = {}): PopulationTable =>
  parsePopulation(fixture(name), { file: name, codes, ...extra });
const problems = (name: string, extra: { countyTotal?: number; year?: string } = {}): string[] =>
  lines(inputError(() => parse(name, extra)).problems);

describe('the shipped population files', () => {
  it('Västra Götaland 2021: 49 municipalities summing to the county total 1 744 859', () => {
    const t = loadPopulation(dataPath('populations', 'vastra-gotaland-2021.csv'), { codes, countyTotal: 1_744_859 });
    expect(t.rows).toHaveLength(49);
    expect(sum(t)).toBe(1_744_859);
    expect(t.countyTotals).toEqual([{ code: '14', name: 'Västra Götalands län', population: 1_744_859, line: 51 }]);
    expect(t.referenceDate).toBe('2021-12-31');
    expect(t.warnings).toEqual([]);
    expect(t.format).toBe('andel-csv');
    expect(t.rows.find((r) => r.code === '1480')).toEqual({ code: '1480', name: 'Göteborg', population: 587_549, line: 32 });
    expect(t.rows.find((r) => r.code === '1460')?.name).toBe('Bengtsfors');
    expect(t.rows.find((r) => r.code === '1481')?.name).toBe('Mölndal');
    expect(t.rows.every((r) => codes.countyOf(r.code)?.code === '14')).toBe(true);
  });

  it('Stockholms län 2019: 26 municipalities summing to 2 377 081', () => {
    const t = loadPopulation(dataPath('populations', 'stockholm-county-2019.csv'), { codes });
    expect(t.rows).toHaveLength(26);
    expect(sum(t)).toBe(2_377_081);
    expect(t.countyTotals.map((c) => [c.code, c.population])).toEqual([['01', 2_377_081]]);
    expect(t.rows.find((r) => r.code === '0180')?.population).toBe(974_073);
    expect(t.referenceDate).toBe('2019-12-31');
  });

  it('Sweden 2021: 290 municipalities, 10 452 326 inhabitants, each in its stated county', () => {
    const t = loadPopulation(dataPath('populations', 'sweden-2021.csv'), { codes, countyTotal: 10_452_326 });
    expect(t.rows).toHaveLength(290);
    expect(sum(t)).toBe(10_452_326);
    expect(new Set(t.rows.map((r) => r.code)).size).toBe(290);
    expect(t.referenceDate).toBe('2021-12-31');
    // The 49 VGR rows of the national file equal the county file.
    const vgr = loadPopulation(dataPath('populations', 'vastra-gotaland-2021.csv'), { codes });
    expect(t.rows.filter((r) => r.code.startsWith('14')).map(({ code, population }) => ({ code, population }))).toEqual(
      vgr.rows.map(({ code, population }) => ({ code, population })),
    );
  });

  it('Sweden 2019: 290 municipalities, 10 327 589 inhabitants, agreeing with the Stockholm file', () => {
    const t = loadPopulation(dataPath('populations', 'sweden-2019.csv'), { codes });
    expect(t.rows).toHaveLength(290);
    expect(sum(t)).toBe(10_327_589);
    const sthlm = loadPopulation(dataPath('populations', 'stockholm-county-2019.csv'), { codes });
    expect(t.rows.filter((r) => r.code.startsWith('01')).map((r) => r.population)).toEqual(sthlm.rows.map((r) => r.population));
  });

  it('the 2011 district example has no codes, so it is not a population file', () => {
    const e = inputError(() => loadPopulation(dataPath('populations', 'stockholm-city-districts-2011.csv'), { codes, file: 'districts.csv' }));
    expect(lines(e.problems)).toEqual(['districts.csv, rad 1: kolumnen för kommunkod saknas (rubrikraden har: referensdatum, stadsdelsomrade, folkmangd)']);
  });
});

describe('messy files that are read correctly', () => {
  it('an SCB export: title lines, Windows-1252, semicolons, CRLF, "CODE NAME", a year header, footnotes', () => {
    const t = parse('scb-export-1252.csv');
    expect(t.format).toBe('scb-csv');
    expect(t.encoding).toBe('windows-1252');
    expect(t.referenceDate).toBe('2021-12-31');
    expect(t.rows).toEqual([
      { code: '1401', name: 'Härryda', population: 39_006, line: 4 },
      { code: '1407', name: 'Öckerö', population: 12_902, line: 5 },
      { code: '1480', name: 'Göteborg', population: 587_549, line: 6 },
      { code: '1481', name: 'Mölndal', population: 69_943, line: 7 },
      { code: '1490', name: 'Borås', population: 114_091, line: 8 },
    ]);
    expect(t.warnings).toEqual([]);
  });

  it('UTF-8 with BOM and CRLF, quoted fields, numbers grouped with a space and a no-break space', () => {
    const t = parse('bom-crlf.csv');
    expect(t.encoding).toBe('utf-8');
    expect(t.rows.map((r) => [r.code, r.name, r.population, r.line])).toEqual([
      ['1280', 'Malmö', 351_749, 2],
      ['1281', 'Lund', 127_376, 3],
      ['1283', 'Helsingborg', 150_109, 4],
    ]);
    expect(t.referenceDate).toBe('2021-12-31');
  });

  it('tab-separated with capitalised headers and a narrow no-break space', () => {
    const t = parse('tab-separated.tsv');
    expect(t.rows.map((r) => [r.code, r.population])).toEqual([
      ['0114', 47_820],
      ['0180', 978_770],
    ]);
  });

  it('JSON-stat2 from SCB\'s API', () => {
    const t = parse('scb-api.json');
    expect(t.format).toBe('json-stat2');
    expect(t.referenceDate).toBe('2021-12-31');
    expect(t.rows).toEqual([
      { code: '1280', name: 'Malmö', population: 351_749 },
      { code: '1281', name: 'Lund', population: 127_376 },
      { code: '1283', name: 'Helsingborg', population: 150_109 },
    ]);
  });

  it('codes whose leading zero Excel dropped, with a warning for each', () => {
    const t = parse('excel-lost-zeros.csv');
    expect(t.rows.map((r) => r.code)).toEqual(['0114', '0180']);
    expect(lines(t.warnings)).toEqual([
      'excel-lost-zeros.csv, rad 2: koden "114" saknar inledande nolla och läses som 0114',
      'excel-lost-zeros.csv, rad 3: koden "180" saknar inledande nolla och läses som 0180',
    ]);
  });

  it('the VGR agreement\'s misspellings: warned about, official names used', () => {
    const t = parse('seed-misspellings.csv');
    expect(t.rows.map((r) => r.name)).toEqual(['Bengtsfors', 'Mölndal', 'Göteborg']);
    expect(lines(t.warnings)).toEqual([
      'seed-misspellings.csv, rad 2: "Bengtstors" stavas officiellt "Bengtsfors" (kommunkod 1460); det officiella namnet används',
      'seed-misspellings.csv, rad 3: "Mölnadal" stavas officiellt "Mölndal" (kommunkod 1481); det officiella namnet används',
    ]);
    expect(lines(t.warnings, 'en')[0]).toBe(
      'seed-misspellings.csv, line 2: "Bengtstors" is officially spelt "Bengtsfors" (municipality code 1460); the official name is used',
    );
  });

  it('several years: refused without a choice, read with one', () => {
    expect(problems('scb-two-years.csv')).toEqual(['scb-two-years.csv, rad 3: filen har folkmängd för flera år (2019, 2021)']);
    const t = parse('scb-two-years.csv', { year: '2019' });
    expect(t.rows.map((r) => r.population)).toEqual([344_166, 124_935, 147_734]);
    expect(t.referenceDate).toBe('2019-12-31');
    expect(problems('scb-two-years.csv', { year: '2020' })).toEqual([
      'scb-two-years.csv, rad 3: året 2020 finns inte i filen (den har 2019, 2021)',
    ]);
  });

  it('an SCB long layout (region, år, folkmängd) and a name column holding "CODE NAME"', () => {
    const text = '"kommun";"år";"Folkmängd"\n"1280 Malmö";"2021";351749\n"1281 Lund";"2021";127376\n';
    const t = parsePopulation(text, { file: 'long.csv', codes });
    expect(t.rows.map((r) => [r.code, r.name, r.population])).toEqual([
      ['1280', 'Malmö', 351_749],
      ['1281', 'Lund', 127_376],
    ]);
    expect(t.referenceDate).toBe('2021-12-31');
  });

  it('an unquoted title with commas above the header, and ISO-8859-1 with a no-break space', () => {
    const text = 'Folkmängd i riket, län och kommuner 31 december 2021\n\nregion,2021\n1280 Malmö,351\u00a0749\n';
    const bytes = Uint8Array.from([...text].map((c) => c.charCodeAt(0)));
    const t = parsePopulation(bytes, { file: 'latin1.csv', codes });
    expect(t.encoding).toBe('windows-1252');
    expect(t.rows).toEqual([{ code: '1280', name: 'Malmö', population: 351_749, line: 4 }]);
  });

  it('Excel\'s "Unicode text": UTF-16LE with a BOM, tab-separated', () => {
    const text = 'kommunkod\tkommun\tfolkmängd\r\n1280\tMalmö\t351749\r\n';
    const units = new Uint16Array([0xfeff, ...[...text].map((c) => c.charCodeAt(0))]);
    const t = parsePopulation(new Uint8Array(units.buffer), { file: 'unicode.txt', codes });
    expect(t.encoding).toBe('utf-16le');
    expect(t.rows).toEqual([{ code: '1280', name: 'Malmö', population: 351_749, line: 2 }]);
  });

  it('an SCB export with the county and the nation as rows checks both totals', () => {
    const text = 'region,2021\n00 Riket,479125\n12 Skåne län,479125\n1280 Malmö,351749\n1281 Lund,127376\n';
    const t = parsePopulation(text, { file: 'scb.csv', codes });
    expect(t.countyTotals.map((c) => [c.code, c.name, c.population])).toEqual([
      ['00', 'Riket', 479_125],
      ['12', 'Skåne län', 479_125],
    ]);
    const bad = inputError(() => parsePopulation(text.replace('00 Riket,479125', '00 Riket,10452326'), { file: 'scb.csv', codes }));
    expect(lines(bad.problems)).toEqual([
      'scb.csv, rad 2: rikets totalt är 10 452 326 men kommunerna i filen summerar till 479 125 (skillnad 9 973 201)',
    ]);
  });

  it('the first sheet of an XLSX workbook, rows numbered as Excel shows them', () => {
    const sheet = XLSX.utils.aoa_to_sheet([['Folkmängd 2021'], [], ['Kommunkod', 'Kommun', 'Folkmängd'], ['1280', 'Malmö', 351749], [1281, 'Lund', 127376.5]]);
    const book = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(book, sheet, 'Blad1');
    const bytes = XLSX.write(book, { type: 'buffer', bookType: 'xlsx' }) as Uint8Array;
    const e = inputError(() => parsePopulation(bytes, { file: 'bef.xlsx', codes }));
    expect(lines(e.problems)).toEqual(['bef.xlsx, rad 5, kolumn C: folkmängd 127 376,5 är inte ett heltal']);
    expect(lines(e.problems, 'en')).toEqual(['bef.xlsx, line 5, column C: population 127 376.5 is not a whole number']);
    expect(e.warnings).toEqual([]);
    const fixed = XLSX.utils.aoa_to_sheet([['Kommunkod', 'Kommun', 'Folkmängd'], [1280, 'Malmö', 351749]]);
    const book2 = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(book2, fixed, 'Blad1');
    const t = parsePopulation(XLSX.write(book2, { type: 'buffer', bookType: 'xlsx' }) as Uint8Array, { file: 'bef.xlsx', codes });
    expect(t.format).toBe('xlsx');
    expect(t.rows).toEqual([{ code: '1280', name: 'Malmö', population: 351_749, line: 2 }]);
  });
});

describe('broken files: every problem, with file and line', () => {
  const cases: [string, string[]][] = [
    ['empty.csv', ['empty.csv: filen är tom']],
    ['whitespace-only.csv', ['whitespace-only.csv: filen är tom']],
    ['binary.csv', ['binary.csv: filen är inte en textfil (den innehåller binära data)']],
    ['no-header.csv', ['no-header.csv: hittar ingen rubrikrad med kolumnerna för kommunkod och folkmängd']],
    ['missing-column.csv', ['missing-column.csv, rad 1: kolumnen för folkmängd saknas (rubrikraden har: kommunkod, kommun)']],
    ['short-row.csv', ['short-row.csv, rad 3: raden har 2 fält men rubrikraden har 3']],
    ['unquoted-thousands.csv', ['unquoted-thousands.csv, rad 2: raden har 4 fält men rubrikraden har 3']],
    ['blank-population.csv', ['blank-population.csv, rad 3, kolumn 3: folkmängd saknas']],
    ['non-numeric-population.csv', ['non-numeric-population.csv, rad 3, kolumn 3: folkmängd "abc" är inte ett heltal']],
    ['fractional-population.csv', ['fractional-population.csv, rad 2, kolumn 3: folkmängd "351749,5" är inte ett heltal']],
    ['negative-population.csv', ['negative-population.csv, rad 2, kolumn 3: folkmängd "-5" är negativ']],
    ['absurd-population.csv', ['absurd-population.csv, rad 2, kolumn 3: folkmängd 25 000 000 är orimligt stor (högst 20 000 000)']],
    ['unknown-code.csv', ['unknown-code.csv, rad 3: kommunkod 1299 finns inte i SCB:s kodlista']],
    ['bad-code.csv', ['bad-code.csv, rad 2: "12A0" är ingen kommunkod (fyra siffror) eller länskod (två siffror)']],
    ['duplicate-code.csv', ['duplicate-code.csv, rad 4: kod 1280 förekommer redan på rad 2']],
    ['different-municipality.csv', ['different-municipality.csv, rad 2: kommunkod 1480 är Göteborg, men namnet "Borås" hör till 1490 Borås']],
    ['wrong-name.csv', ['wrong-name.csv, rad 2: kommunkod 1480 är Göteborg, inte "Gothenburg City"']],
    [
      'county-total-mismatch.csv',
      ['county-total-mismatch.csv, rad 4: länets (12 Skåne län) totalt är 479 126 men kommunerna i filen summerar till 479 125 (skillnad 1)'],
    ],
    [
      'unclosed-quote.csv',
      ['unclosed-quote.csv, rad 2: ett citattecken (") som öppnas här stängs aldrig', 'unclosed-quote.csv, rad 2: raden har 2 fält men rubrikraden har 3'],
    ],
    ['mixed-dates.csv', ['mixed-dates.csv, rad 3: referensdatum 2019-12-31 skiljer sig från 2021-12-31 (rad 2)']],
    ['not-jsonstat.json', ['not-jsonstat.json: JSON-filen är inte ett JSON-stat2-dataset med dimensionen Region och en värdelista']],
    ['jsonstat-null.json', ['jsonstat-null.json, rad 72, kolumn 5: region 1281: folkmängd saknas']],
    [
      'jsonstat-by-sex.json',
      ['jsonstat-by-sex.json: dimensionen Kon har 2 värden (män, kvinnor); folkmängden måste vara ett enda tal per region'],
    ],
    [
      'many-problems.csv',
      [
        'many-problems.csv, rad 2, kolumn 3: folkmängd "abc" är inte ett heltal',
        'many-problems.csv, rad 3, kolumn 3: folkmängd "-3" är negativ',
        'many-problems.csv, rad 4: kommunkod 9999 finns inte i SCB:s kodlista',
        'many-problems.csv, rad 5: kommunkod 1480 är Göteborg, men namnet "Borås" hör till 1490 Borås',
        'many-problems.csv, rad 6: kod 1280 förekommer redan på rad 2',
        'many-problems.csv, rad 7: raden har 2 fält men rubrikraden har 3',
        'many-problems.csv, rad 9, kolumn 3: folkmängd "1,5" är inte ett heltal',
      ],
    ],
  ];
  it.each(cases)('%s', (name, expected) => {
    expect(problems(name)).toEqual(expected);
  });

  it('invalid JSON: where it broke, and the parser\'s own words (which vary with the Node version)', () => {
    expect(problems('bad-json.json')).toEqual([expect.stringMatching(/^bad-json\.json, rad 2, kolumn 1: filen är inte giltig JSON \(.+\)$/)]);
  });

  it('the issue\'s own example, word for word', () => {
    const e = inputError(() => parsePopulation(fixture('non-numeric-population.csv'), { file: 'befolkning.csv', codes }));
    expect(e.describe()).toBe('befolkning.csv, rad 3, kolumn 3: folkmängd "abc" är inte ett heltal');
    expect(e.describe('en')).toBe('befolkning.csv, line 3, column 3: population "abc" is not a whole number');
    expect(e.message).toBe(e.describe('sv'));
  });

  it('keeps the warnings found before the refusal', () => {
    const e = inputError(() => parse('many-problems.csv'));
    expect(lines(e.warnings)).toEqual([
      'many-problems.csv, rad 8: "Bengtstors" stavas officiellt "Bengtsfors" (kommunkod 1460); det officiella namnet används',
    ]);
  });

  it('says what to do where the message alone does not', () => {
    const hintOf = (name: string): string | undefined => inputError(() => parse(name)).problems[0]?.hint?.sv;
    expect(hintOf('unquoted-thousands.csv')).toMatch(/citattecken/);
    expect(hintOf('missing-column.csv')).toMatch(/kommunkod, kommun, folkmangd/);
    expect(hintOf('different-municipality.csv')).toBe('Rätta antingen koden eller namnet.');
    expect(hintOf('binary.csv')).toMatch(/CSV/);
    expect(hintOf('scb-two-years.csv')).toBe('Ange vilket år som ska användas.');
  });

  it('checks the sum against a county total given by the caller', () => {
    const e = inputError(() => parse('bom-crlf.csv', { countyTotal: 629_235 }));
    expect(lines(e.problems)).toEqual([
      'bom-crlf.csv: kommunerna i filen summerar till 629 234, men länets totalt ska vara 629 235 (skillnad 1)',
    ]);
    expect(parse('bom-crlf.csv', { countyTotal: 629_234 }).rows).toHaveLength(3);
  });

  it('does not compare totals when a count could not be read (the difference would be noise)', () => {
    const text = 'kommunkod,kommun,folkmangd\n1280,Malmö,abc\n1281,Lund,127376\n12,Skåne län,1\n';
    expect(lines(inputError(() => parsePopulation(text, { file: 'f.csv', codes })).problems)).toEqual([
      'f.csv, rad 2, kolumn 3: folkmängd "abc" är inte ett heltal',
    ]);
  });
});

describe('loadPopulation', () => {
  it('names a missing file', () => {
    const e = inputError(() => loadPopulation('/nowhere/befolkning.csv', { codes, file: 'befolkning.csv' }));
    expect(e.describe()).toBe('befolkning.csv: filen finns inte. Kontrollera sökvägen.');
    expect(e.code).toBe('E_NOT_FOUND');
  });

  it('names a folder given instead of a file', () => {
    const e = inputError(() => loadPopulation(FIXTURES, { codes }));
    expect(lines(e.problems)).toEqual([`${FIXTURES}: är en mapp, inte en fil`]);
  });

  it('reads a file by path and names it by the path', () => {
    const dir = mkdtempSync(join(tmpdir(), 'andel-pop-'));
    const path = join(dir, 'bef.csv');
    writeFileSync(path, 'kommunkod,folkmangd\n1280,abc\n');
    const e = inputError(() => loadPopulation(path, { codes }));
    expect(formatProblem(e.problems[0]!)).toBe(`${path}, rad 2, kolumn 2: folkmängd "abc" är inte ett heltal`);
  });
});

describe('counts are never guessed at: every refusal with file, line, column and what to write', () => {
  const described = (name: string, lang: 'sv' | 'en'): string[] => inputError(() => parse(name)).describe(lang).split('\n');

  it('a comma or a point between digits, in a CSV file', () => {
    expect(described('ambiguous-population.csv', 'sv')).toEqual([
      'ambiguous-population.csv, rad 2, kolumn 3: folkmängd "32,000" kan läsas på två sätt: som 32 000 (komma som tusentalsavgränsare) eller som 32 (komma som decimaltecken). Skriv antalet utan komma: 32000 eller 32 000 (eller 32).',
      'ambiguous-population.csv, rad 3, kolumn 3: folkmängd "32.000" kan läsas på två sätt: som 32 000 (punkt som tusentalsavgränsare) eller som 32 (punkt som decimaltecken). Skriv antalet utan punkt: 32000 eller 32 000 (eller 32).',
      'ambiguous-population.csv, rad 4, kolumn 3: folkmängd "1,0" har decimaler. Skriv antalet utan decimaler: 1.',
      'ambiguous-population.csv, rad 5, kolumn 3: folkmängd "41420,00" har decimaler. Skriv antalet utan decimaler: 41420 eller 41 420.',
      'ambiguous-population.csv, rad 6, kolumn 3: folkmängd "32148,0" har decimaler. Skriv antalet utan decimaler: 32148 eller 32 148.',
      'ambiguous-population.csv, rad 7, kolumn 3: folkmängd "1.234.567" har punkt som tusentalsavgränsare. Skriv 1234567 eller 1 234 567 (mellanslag som tusentalsavgränsare).',
      'ambiguous-population.csv, rad 8, kolumn 3: folkmängd "31\u00a0749,5" är inte ett heltal. Ett antal är ett heltal: rätta värdet i filen (andel avrundar inte).',
    ]);
    expect(described('ambiguous-population.csv', 'en')).toEqual([
      'ambiguous-population.csv, line 2, column 3: population "32,000" can be read two ways: as 32 000 (comma as a thousands separator) or as 32 (comma as a decimal mark). Write the count without a comma: 32000 or 32 000 (or 32).',
      'ambiguous-population.csv, line 3, column 3: population "32.000" can be read two ways: as 32 000 (point as a thousands separator) or as 32 (point as a decimal mark). Write the count without a point: 32000 or 32 000 (or 32).',
      'ambiguous-population.csv, line 4, column 3: population "1,0" has decimals. Write the count without decimals: 1.',
      'ambiguous-population.csv, line 5, column 3: population "41420,00" has decimals. Write the count without decimals: 41420 or 41 420.',
      'ambiguous-population.csv, line 6, column 3: population "32148,0" has decimals. Write the count without decimals: 32148 or 32 148.',
      'ambiguous-population.csv, line 7, column 3: population "1.234.567" has points as thousands separators. Write 1234567 or 1 234 567 (spaces as thousands separators).',
      'ambiguous-population.csv, line 8, column 3: population "31\u00a0749,5" is not a whole number. A count is a whole number: correct the value in the file (andel does not round).',
    ]);
  });

  it('XLSX cells that are not counts, located by row and column letter as Excel shows them', () => {
    expect(described('cell-types.xlsx', 'sv')).toEqual([
      'cell-types.xlsx, rad 4, kolumn C: folkmängd är ett datum i Excel (2021-01-01), inte ett antal. Excel har formaterat cellen som datum. Formatera den som Tal eller Allmänt och kontrollera antalet.',
      'cell-types.xlsx, rad 5, kolumn C: folkmängd är ett sanningsvärde (SANT), inte ett antal',
      'cell-types.xlsx, rad 6, kolumn C: folkmängd är felvärdet #REF!, inte ett antal. Rätta formeln i cellen, eller ersätt den med antalet.',
      'cell-types.xlsx, rad 7, kolumn C: folkmängd är formeln =SUM(C4:C5) utan uträknat värde. Filen har sparats av ett program som inte räknar ut formler. Öppna den i Excel och spara den igen, eller ersätt formeln med antalet.',
      'cell-types.xlsx, rad 8, kolumn C: folkmängd 44 558,5 är inte ett heltal. Cellen ska innehålla ett heltal. Excel kan visa ett avrundat tal medan cellen har decimaler: rätta värdet i cellen.',
      'cell-types.xlsx, rad 9, kolumn C: folkmängd "34,000" kan läsas på två sätt: som 34 000 (komma som tusentalsavgränsare) eller som 34 (komma som decimaltecken). Skriv antalet utan komma: 34000 eller 34 000 (eller 34).',
    ]);
    expect(described('cell-types.xlsx', 'en')).toEqual([
      'cell-types.xlsx, line 4, column C: population is a date in Excel (2021-01-01), not a count. Excel has formatted the cell as a date. Format it as Number or General and check the count.',
      'cell-types.xlsx, line 5, column C: population is a boolean (TRUE), not a count',
      'cell-types.xlsx, line 6, column C: population is the error value #REF!, not a count. Correct the formula in the cell, or replace it by the count.',
      'cell-types.xlsx, line 7, column C: population is the formula =SUM(C4:C5) without a calculated value. The file was saved by a program that does not calculate formulas. Open it in Excel and save it again, or replace the formula by the count.',
      'cell-types.xlsx, line 8, column C: population 44 558.5 is not a whole number. The cell must hold a whole number. Excel may show a rounded figure while the cell holds decimals: correct the value in the cell.',
      'cell-types.xlsx, line 9, column C: population "34,000" can be read two ways: as 34 000 (comma as a thousands separator) or as 34 (comma as a decimal mark). Write the count without a comma: 34000 or 34 000 (or 34).',
    ]);
  });

  it('a text cell with space-grouped digits and a formula with its calculated value are read', () => {
    const sheet = XLSX.utils.aoa_to_sheet([
      ['Kommunkod', 'Kommun', 'Folkmängd'],
      ['1286', 'Ystad', '31 000'],
      ['1287', 'Trelleborg', { t: 'n', v: 46000, f: '45000+1000' }],
    ]);
    const book = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(book, sheet, 'Blad1');
    const t = parsePopulation(XLSX.write(book, { type: 'buffer', bookType: 'xlsx' }) as Uint8Array, { file: 'bef.xlsx', codes });
    expect(t.rows.map((r) => [r.code, r.population])).toEqual([
      ['1286', 31_000],
      ['1287', 46_000],
    ]);
  });

  it('a date in a reference-date column of a workbook is read as the date it shows, not as its day number', () => {
    const sheet = XLSX.utils.aoa_to_sheet(
      [
        ['kommunkod', 'folkmangd', 'referensdatum'],
        ['1280', 351749, new Date(Date.UTC(2021, 11, 31))],
      ],
      { cellDates: true },
    );
    const book = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(book, sheet, 'Blad1');
    const t = parsePopulation(XLSX.write(book, { type: 'buffer', bookType: 'xlsx' }) as Uint8Array, { file: 'bef.xlsx', codes });
    expect(t.referenceDate).toBe('2021-12-31');
  });

  it('UTF-16 without a byte order mark, little- and big-endian, is decoded', () => {
    for (const [name, encoding] of [
      ['utf16le-no-bom.csv', 'utf-16le'],
      ['utf16be-no-bom.csv', 'utf-16be'],
    ] as const) {
      const t = parse(name);
      expect(t.encoding).toBe(encoding);
      expect(t.rows).toEqual([
        { code: '1280', name: 'Malmö', population: 351_749, line: 2 },
        { code: '1281', name: 'Lund', population: 127_376, line: 3 },
      ]);
    }
  });

  it('UTF-16 cut off by one byte is refused by its encoding, not as "binary"', () => {
    expect(described('utf16le-truncated.csv', 'sv')).toEqual([
      'utf16le-truncated.csv: filen ser ut att vara UTF-16LE utan byteordningsmärke, men har ett udda antal byte: den är avkortad eller skadad. Spara den igen som CSV (UTF-8).',
    ]);
    expect(described('utf16le-truncated.csv', 'en')).toEqual([
      'utf16le-truncated.csv: the file looks like UTF-16LE without a byte order mark, but has an odd number of bytes: it is cut short or damaged. Save it again as CSV (UTF-8).',
    ]);
  });

  it('JSON-stat2 values as text or fractions follow the same rules, located at the value', () => {
    expect(described('jsonstat-text-values.json', 'sv')).toEqual([
      'jsonstat-text-values.json, rad 72, kolumn 5: region 1281: folkmängd "127,376" kan läsas på två sätt: som 127 376 (komma som tusentalsavgränsare) eller som 127,376 (komma som decimaltecken). Skriv antalet utan komma: 127376 eller 127 376.',
      'jsonstat-text-values.json, rad 73, kolumn 5: region 1283: folkmängd 150 109,5 är inte ett heltal. Ett antal är ett heltal: rätta värdet i filen (andel avrundar inte).',
    ]);
    expect(described('jsonstat-text-values.json', 'en')).toEqual([
      'jsonstat-text-values.json, line 72, column 5: region 1281: population "127,376" can be read two ways: as 127 376 (comma as a thousands separator) or as 127.376 (comma as a decimal mark). Write the count without a comma: 127376 or 127 376.',
      'jsonstat-text-values.json, line 73, column 5: region 1283: population 150 109.5 is not a whole number. A count is a whole number: correct the value in the file (andel does not round).',
    ]);
  });
});

describe('JSON-stat2 that contradicts itself says how', () => {
  const again = {
    sv: 'Filen är ofullständig eller ändrad för hand; hämta den igen från SCB:s API med formatet json-stat2.',
    en: "The file is incomplete or was edited by hand; fetch it again from SCB's API in the json-stat2 format.",
  };
  const cases: [string, string, string][] = [
    [
      'jsonstat-value-count.json',
      'jsonstat-value-count.json, rad 70, kolumn 3: JSON-stat2: size säger 3 × 1 × 1 = 3 värden men value har 5',
      'jsonstat-value-count.json, line 70, column 3: JSON-stat2: size says 3 × 1 × 1 = 3 values but value has 5',
    ],
    [
      'jsonstat-category-count.json',
      'jsonstat-category-count.json, rad 12, kolumn 3: JSON-stat2: dimensionen Region har 3 kategorier men size säger 4',
      'jsonstat-category-count.json, line 12, column 3: JSON-stat2: the dimension Region has 3 categories but size says 4',
    ],
    [
      'jsonstat-same-position.json',
      'jsonstat-same-position.json, rad 17, kolumn 3: JSON-stat2: i dimensionen Region har kategorierna 1280 och 1281 båda positionen 0',
      'jsonstat-same-position.json, line 17, column 3: JSON-stat2: in the dimension Region the categories 1280 and 1281 both have the position 0',
    ],
    [
      'jsonstat-missing-dimension.json',
      'jsonstat-missing-dimension.json, rad 6, kolumn 3: JSON-stat2: dimensionen constructor i id saknas under dimension',
      'jsonstat-missing-dimension.json, line 6, column 3: JSON-stat2: the dimension constructor in id is missing under dimension',
    ],
  ];
  it.each(cases)('%s', (name, sv, en) => {
    const e = inputError(() => parse(name));
    expect(e.describe('sv')).toBe(`${sv}. ${again.sv}`);
    expect(e.describe('en')).toBe(`${en}. ${again.en}`);
  });

  it('a sparse value object with a position beyond size', () => {
    const text = JSON.stringify({
      version: '2.0',
      class: 'dataset',
      id: ['Region'],
      size: [2],
      dimension: { Region: { category: { index: { 1280: 0, 1281: 1 } } } },
      value: { 0: 351749, 1: 127376, 7: 1 },
    });
    expect(lines(inputError(() => parsePopulation(text, { file: 's.json', codes })).problems)).toEqual([
      `s.json, rad 1, kolumn ${text.indexOf('"value"') + 1}: JSON-stat2: value har positionen "7", men size säger 2 värden (positionerna 0–1)`,
    ]);
    expect(parsePopulation(text.replace(',"7":1', ''), { file: 's.json', codes }).rows.map((r) => r.population)).toEqual([351_749, 127_376]);
    // A position the sparse object lacks: the count is missing, located at the value list.
    const lacking = text.replace(',"1":127376,"7":1', '');
    expect(lines(inputError(() => parsePopulation(lacking, { file: 's.json', codes })).problems)).toEqual([
      `s.json, rad 1, kolumn ${lacking.indexOf('"value"') + 1}: region 1281: folkmängd saknas`,
    ]);
  });
});

describe('names that are also JavaScript\'s own are ordinary names', () => {
  it('in a CSV file: refused as codes, or as names that do not match the code', () => {
    expect(problems('builtin-names.csv')).toEqual([
      'builtin-names.csv, rad 2: "__proto__" är ingen kommunkod (fyra siffror) eller länskod (två siffror)',
      'builtin-names.csv, rad 3: "constructor" är ingen kommunkod (fyra siffror) eller länskod (två siffror)',
      'builtin-names.csv, rad 4: kommunkod 1280 är Malmö, inte "toString"',
      'builtin-names.csv, rad 5: kommunkod 1281 är Lund, inte "hasOwnProperty"',
    ]);
  });

  it('as JSON-stat2 dimension and category names: every region accounted for, none vanishing', () => {
    expect(lines(inputError(() => parse('jsonstat-builtin-names.json')).problems, 'en')).toEqual([
      'jsonstat-builtin-names.json: region __proto__: "__proto__" is not a municipality code (four digits) or county code (two digits)',
      'jsonstat-builtin-names.json: region constructor: "constructor" is not a municipality code (four digits) or county code (two digits)',
      'jsonstat-builtin-names.json: region toString: "toString" is not a municipality code (four digits) or county code (two digits)',
    ]);
    // Without the three, the fourth region (after them in the index) is read.
    const text = new TextDecoder()
      .decode(fixture('jsonstat-builtin-names.json'))
      .replace('"__proto__": 0, "constructor": 1, "toString": 2, "1280": 3', '"1280": 0')
      .replace('"size": [4, 1, 1]', '"size": [1, 1, 1]')
      .replace('[1, 2, 3, 351749]', '[351749]');
    expect(parsePopulation(text, { file: 'j.json', codes }).rows).toEqual([{ code: '1280', name: 'Malmö', population: 351_749 }]);
  });
});

describe('a very long list of problems', () => {
  const header = 'kommunkod,kommun,folkmangd\n1280,Malmö,351749\n';

  it('keeps the first problems, counts the rest, and its message lists 50 and says how many more', () => {
    const text = header + '1280,Malmö,351749\n'.repeat(3000);
    const e = inputError(() => parsePopulation(text, { file: 'dup.csv', codes }));
    expect(e.count).toBe(3000);
    expect(e.problems).toHaveLength(KEPT_PROBLEMS);
    expect(e.omitted).toBe(3000 - KEPT_PROBLEMS);
    const sv = e.message.split('\n');
    expect(sv).toHaveLength(SHOWN_PROBLEMS + 1);
    expect(sv[0]).toBe('dup.csv, rad 3: kod 1280 förekommer redan på rad 2');
    expect(sv[49]).toBe('dup.csv, rad 52: kod 1280 förekommer redan på rad 2');
    expect(sv[50]).toBe('… och 2 950 fel till');
    expect(e.describe('en').split('\n').at(-1)).toBe('… and 2 950 more problems');
  });

  it('warnings beyond the limit are counted too', () => {
    // 114 lacks its leading zero on every row: a warning per row before the duplicate is refused.
    const text = 'kommunkod,kommun,folkmangd\n' + '114,Upplands Väsby,1\n'.repeat(KEPT_PROBLEMS + 5);
    const e = inputError(() => parsePopulation(text, { file: 'w.csv', codes }));
    expect(e.warnings).toHaveLength(KEPT_PROBLEMS);
    expect(e.omittedWarnings).toBe(5);
  });
});
