// The data readers through the built CLI, as a planner meets them: the
// generic schemes (per-capita, share) on any county's file, the file formats
// andel reads, and what a broken file does to the exit code, the messages and
// the output file.
import { copyFileSync, existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import { loadMunicipalityCodes } from '../../data/municipality-codes.js';
import { loadPopulation } from '../../data/population/load.js';
import { FIXTURES } from '../data/helpers.js';
import { ROOT, andel } from '../helpers/cli.js';

const tmp = () => mkdtempSync(join(tmpdir(), 'andel-import-'));
const SWEDEN = join(ROOT, 'data/populations/sweden-2021.csv');
const codes = loadMunicipalityCodes();
const sweden = loadPopulation(SWEDEN, { codes }).rows;
const sum = (rows: readonly { population: number }[]) => rows.reduce((s, r) => s + r.population, 0);

interface Party { code: string; name: string; kind: string; population?: number; amount: string }
interface Allocation {
  scheme: string;
  partyList: string;
  total: string;
  parties: Party[];
  components: { policy?: string; heldBack?: string; carried?: string; uncovered?: string; cappedParties?: string[] }[];
  reconciliation: { total: string; sumOfParties: string; uncovered: string; conserved: boolean; capsHold: boolean };
  caveats: string[];
  provenance: { label: string; source: string; file?: string; referenceDate?: string }[];
}

/** "1234.50" → 123450n öre: exact, whatever the size. */
const ore = (amount: string): bigint => {
  expect(amount).toMatch(/^\d+\.\d\d$/);
  return BigInt(amount.replace('.', ''));
};

function json(args: string[]): Allocation {
  const r = andel([...args, '--format', 'json']);
  expect(r.stderr).not.toContain('fel i indata');
  expect(r.status).toBe(0);
  return JSON.parse(r.stdout) as Allocation;
}

/** The stderr lines of a refusal, without the warnings before it. */
const errorLines = (stderr: string): string[] => stderr.trimEnd().split('\n').filter((l) => !/^(varning|warning): /.test(l));

describe('andel allocate per-capita', () => {
  it('sweden-2021.csv: each of the 290 municipalities pays 10 kr per inhabitant, 10 × 10 452 326 kr in all', () => {
    expect(sweden).toHaveLength(290);
    expect(sum(sweden)).toBe(10_452_326);
    const j = json(['allocate', 'per-capita', '--rate', '10', '--population', SWEDEN]);
    expect(j.scheme).toBe('per-capita');
    expect(j.parties).toHaveLength(290);
    expect(j.parties.every((p) => p.kind === 'kommun')).toBe(true);
    expect(ore(j.total)).toBe(10n * 100n * BigInt(sum(sweden)));
    expect(j.total).toBe('104523260.00');
    for (const row of sweden) {
      expect(ore(j.parties.find((p) => p.code === row.code)!.amount)).toBe(BigInt(row.population) * 10n * 100n);
    }
    expect(j.reconciliation).toMatchObject({ conserved: true, capsHold: true });
    expect(j.partyList).toBe('290 kommuner');
    expect(j.provenance[0]).toMatchObject({ referenceDate: '2021-12-31', file: SWEDEN });
  });

  it('--region-code 12: Skåne\'s municipalities only, and Region Skåne pays 10 × their sum', () => {
    const skane = sweden.filter((r) => codes.countyOf(r.code)?.code === '12');
    expect(skane.length).toBeGreaterThan(0);
    const r = andel(['allocate', 'per-capita', '--rate', '10', '--population', SWEDEN, '--region-code', '12', '--format', 'json']);
    expect(r.status).toBe(0);
    const j = JSON.parse(r.stdout) as Allocation;
    const region = j.parties.find((p) => p.kind === 'region')!;
    expect(region).toMatchObject({ code: '12', name: 'Region Skåne', population: sum(skane) });
    expect(ore(region.amount)).toBe(10n * 100n * BigInt(sum(skane)));
    expect(j.parties.filter((p) => p.kind === 'kommun').map((p) => p.code).sort()).toEqual(skane.map((s) => s.code).sort());
    expect(ore(j.total)).toBe(2n * 10n * 100n * BigInt(sum(skane)));
    expect(j.partyList).toBe(`Region Skåne och ${skane.length} kommuner`);
    expect(j.caveats).toEqual([`Av befolkningsstatistikens 290 kommuner ingår de ${skane.length} i Skåne län (länskod 12).`]);
    // Which party list was used, and that the region's name is derived.
    expect(r.stderr).toContain(`andel: partlista: Region Skåne (länskod 12, namnet härlett ur "Skåne län"; ändra med --region-name) och ${skane.length} kommuner i Skåne län ur ${SWEDEN}`);
  });

  it('--region-name overrides the derived name; --rounding 1 rounds to whole kronor', () => {
    const j = json(['allocate', 'per-capita', '--rate', '9.755', '--population', SWEDEN, '--region-code', '14', '--region-name', 'Västra Götalandsregionen', '--rounding', '1']);
    const region = j.parties.find((p) => p.kind === 'region')!;
    expect(region.name).toBe('Västra Götalandsregionen');
    expect(region.population).toBe(1_744_859);
    expect(j.parties.every((p) => p.amount.endsWith('.00'))).toBe(true);
    // 1 744 859 × 9,755 kr = 17 021 099,545 kr, to the nearest krona.
    expect(region.amount).toBe('17021100.00');
  });

  it('the table says which parties were used and where the figures come from', () => {
    const r = andel(['allocate', 'per-capita', '--rate', '10', '--population', join(FIXTURES, 'bom-crlf.csv')]);
    expect(r.status).toBe(0);
    const out = r.stdout.replace(/[\u00a0\u202f]/g, ' ');
    expect(out).toMatch(/1280\s+Malmö\s+351 749\s+3 517 490,00 kr/);
    expect(out).toContain('Parter: 3 kommuner.');
    expect(out).toMatch(/Källa: Folkmängd 2021-12-31: befolkningsfil, .*bom-crlf\.csv/);
    expect(r.stderr).toContain('ingen region (ange --region-code för att ta med en)');
  });

  it('--set changes the rate like any scheme parameter', () => {
    const j = json(['allocate', 'per-capita', '--rate', '10', '--set', 'rate=2', '--population', join(FIXTURES, 'bom-crlf.csv')]);
    expect(j.parties.find((p) => p.code === '1280')!.amount).toBe('703498.00');
  });
});

describe('andel allocate share with a cap', () => {
  const skane = sweden.filter((r) => r.code.startsWith('12'));
  const base = ['allocate', 'share', '--total', '1500000', '--population', SWEDEN, '--region-code', '12', '--cap', '300000'];
  const CAP = 300_000_00n;
  const TOTAL = 1_500_000_00n;
  const kommuner = (j: Allocation) => j.parties.filter((p) => p.kind === 'kommun');
  const sumOf = (ps: Party[]) => ps.reduce((s, p) => s + ore(p.amount), 0n);

  it('without a cap: the total by population share, conserved to the öre', () => {
    const j = json(['allocate', 'share', '--total', '1500000', '--population', SWEDEN, '--region-code', '12']);
    expect(ore(j.total)).toBe(TOTAL);
    expect(sumOf(kommuner(j))).toBe(TOTAL);
    // Each share within one öre of its exact value.
    const pop = BigInt(sum(skane));
    for (const p of kommuner(j)) {
      const exactTimesPop = TOTAL * BigInt(p.population!);
      const diff = ore(p.amount) * pop - exactTimesPop;
      expect(diff < 0n ? -diff : diff).toBeLessThan(pop);
    }
    expect(ore(j.parties.find((p) => p.kind === 'region')!.amount)).toBe(0n);
  });

  it('policy region: Region Skåne carries what the cap holds back and takes no share itself', () => {
    const j = json([...base, '--cap-policy', 'region']);
    const region = j.parties.find((p) => p.kind === 'region')!;
    const c = j.components[0]!;
    expect(c.policy).toBe('carrier:12');
    expect(c.cappedParties).toContain('1280');
    expect(kommuner(j).every((p) => ore(p.amount) <= CAP)).toBe(true);
    expect(ore(region.amount)).toBe(ore(c.heldBack!));
    expect(ore(region.amount)).toBeGreaterThan(0n);
    expect(ore(j.total)).toBe(TOTAL);
    expect(sumOf(j.parties)).toBe(TOTAL);
    expect(j.reconciliation).toMatchObject({ conserved: true, capsHold: true, uncovered: '0.00' });
  });

  it('policy redistribute: the municipalities under the cap take up what it holds back', () => {
    const j = json([...base, '--cap-policy', 'redistribute']);
    expect(kommuner(j).every((p) => ore(p.amount) <= CAP)).toBe(true);
    expect(ore(kommuner(j).find((p) => p.code === '1280')!.amount)).toBe(CAP);
    expect(sumOf(kommuner(j))).toBe(TOTAL);
    expect(ore(j.parties.find((p) => p.kind === 'region')!.amount)).toBe(0n);
    expect(j.reconciliation).toMatchObject({ conserved: true, capsHold: true, uncovered: '0.00' });
  });

  it('policy none: what the cap holds back is reported as not covered', () => {
    const j = json([...base, '--cap-policy', 'none']);
    const c = j.components[0]!;
    expect(kommuner(j).every((p) => ore(p.amount) <= CAP)).toBe(true);
    expect(ore(c.uncovered!)).toBe(ore(c.heldBack!));
    expect(ore(c.uncovered!)).toBeGreaterThan(0n);
    expect(sumOf(j.parties) + ore(c.uncovered!)).toBe(TOTAL);
    expect(j.reconciliation).toMatchObject({ conserved: true, capsHold: true });
  });

  it('policy region without a region is refused, with what to do', () => {
    const r = andel(['allocate', 'share', '--total', '1500000', '--population', SWEDEN, '--cap', '300000', '--cap-policy', 'region']);
    expect(r.status).toBe(2);
    expect(errorLines(r.stderr)).toEqual([
      'andel: fel i indata:',
      '  --cap-policy: region kräver en regionpart som bär det taket håller tillbaka. Ange regionen med --region-code (t.ex. 12), eller välj redistribute eller none.',
      'Ingen utdatafil har skrivits.',
    ]);
  });
});

describe('options of the generic schemes', () => {
  it('every mistake at once, each under its option, in Swedish and in English', () => {
    const args = ['allocate', 'share', '--rate', '10', '--total', 'mycket', '--region-code', '99', '--rounding', '0.001'];
    const sv = andel(args);
    expect(sv.status).toBe(2);
    const lines = errorLines(sv.stderr);
    expect(lines[0]).toBe('andel: 5 fel i indata:');
    expect(lines.slice(1, 5)).toEqual([
      '  --population: share räknar på en befolkningsfil: ange --population FIL. Filen kan vara andels CSV (kommunkod, kommun, folkmangd), en export från SCB:s Statistikdatabas, JSON-stat2 eller XLSX.',
      '  --rate: gäller per-capita, inte share',
      '  --total: "mycket" är inte ett tal',
      '  --rounding: "0.001" ska vara en avrundningsenhet i kronor: 0.01 (öre) eller 1 (hela kronor)',
    ]);
    expect(lines[5]).toMatch(/^ {2}--region-code: "99" är ingen länskod i SCB:s kodlista\. Länskoder: 01 Stockholms län, .*, 25 Norrbottens län\.$/);
    const en = andel(['--lang', 'en', ...args]);
    expect(en.status).toBe(2);
    expect(errorLines(en.stderr)[2]).toBe('  --rate: applies to per-capita, not share');
    expect(en.stderr).toContain('No output file was written.');
  });

  it('a built-in scheme refuses the generic options instead of ignoring them', () => {
    const r = andel(['allocate', 'vgr-2022', '--rate', '9']);
    expect(r.status).toBe(2);
    expect(errorLines(r.stderr)[1]).toBe('  --rate: gäller bara per-capita och share, inte vgr-2022. Ändra ett schemas parametrar med --set namn=värde.');
  });

  it('per-capita and share are reserved names, but a scheme file called share.yaml is still a scheme file', () => {
    const dir = tmp();
    const scheme = join(dir, 'share.yaml');
    writeFileSync(
      scheme,
      readFileSync(join(ROOT, 'data/schemes/vgr-2022.yaml'), 'utf8').replace('file: ../populations/vastra-gotaland-2021.csv', `file: ${join(ROOT, 'data/populations/vastra-gotaland-2021.csv')}`),
    );
    const j = json(['allocate', scheme]);
    expect(j.scheme).toBe('vgr-2022');
    expect(j.total).toBe('34897180.00');
  });
});

describe('population files as planners have them', () => {
  it('an SCB export in Windows-1252 with semicolons, CRLF and title lines', () => {
    const j = json(['allocate', 'per-capita', '--rate', '10', '--population', join(FIXTURES, 'scb-export-1252.csv')]);
    expect(j.parties.map((p) => [p.code, p.name, p.population])).toEqual([
      ['1490', 'Borås', 114_091],
      ['1480', 'Göteborg', 587_549],
      ['1401', 'Härryda', 39_006],
      ['1481', 'Mölndal', 69_943],
      ['1407', 'Öckerö', 12_902],
    ]);
    expect(j.total).toBe('8234910.00');
    expect(j.provenance[0]).toMatchObject({ source: 'befolkningsfil, export från SCB:s Statistikdatabas', referenceDate: '2021-12-31' });
  });

  it('JSON-stat2 from SCB\'s API', () => {
    const j = json(['allocate', 'share', '--total', '1000', '--population', join(FIXTURES, 'scb-api.json')]);
    expect(j.parties.map((p) => [p.code, p.population])).toEqual([
      ['1283', 150_109],
      ['1281', 127_376],
      ['1280', 351_749],
    ]);
    // 1 000 kr by share, each within an öre of its exact share, conserved.
    const pop = BigInt(150_109 + 127_376 + 351_749);
    for (const p of j.parties) {
      const diff = ore(p.amount) * pop - 1000_00n * BigInt(p.population!);
      expect(diff < 0n ? -diff : diff).toBeLessThan(pop);
    }
    expect(j.parties.reduce((s, p) => s + ore(p.amount), 0n)).toBe(1000_00n);
    expect(j.provenance[0]!.source).toBe('befolkningsfil, JSON-stat2 från SCB:s API');
  });

  it('the first sheet of an XLSX workbook', () => {
    const dir = tmp();
    const file = join(dir, 'befolkning.xlsx');
    const sheet = XLSX.utils.aoa_to_sheet([['Folkmängd 31 december 2021'], [], ['Kommunkod', 'Kommun', 'Folkmängd'], ['1280', 'Malmö', 351_749], [1281, 'Lund', 127_376]]);
    const book = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(book, sheet, 'Blad1');
    writeFileSync(file, XLSX.write(book, { type: 'buffer', bookType: 'xlsx' }) as Uint8Array);
    const j = json(['allocate', 'per-capita', '--rate', '10', '--population', file]);
    expect(j.parties.map((p) => [p.code, p.amount])).toEqual([
      ['1281', '1273760.00'],
      ['1280', '3517490.00'],
    ]);
    // A fractional count in a cell: the row as Excel numbers it.
    const bad = XLSX.utils.aoa_to_sheet([['Kommunkod', 'Kommun', 'Folkmängd'], ['1280', 'Malmö', 351_749.5]]);
    const book2 = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(book2, bad, 'Blad1');
    writeFileSync(file, XLSX.write(book2, { type: 'buffer', bookType: 'xlsx' }) as Uint8Array);
    const r = andel(['allocate', 'per-capita', '--rate', '10', '--population', 'befolkning.xlsx'], { cwd: dir });
    expect(r.status).toBe(2);
    expect(errorLines(r.stderr)[1]).toBe(
      '  befolkning.xlsx, rad 2, kolumn C: folkmängd 351 749,5 är inte ett heltal. Cellen ska innehålla ett heltal. Excel kan visa ett avrundat tal medan cellen har decimaler: rätta värdet i cellen.',
    );
  });

  it('--year picks one year of a multi-year SCB export, which is refused without it', () => {
    const file = join(FIXTURES, 'scb-two-years.csv');
    const no = andel(['allocate', 'per-capita', '--rate', '10', '--population', 'scb-two-years.csv'], { cwd: FIXTURES });
    expect(no.status).toBe(2);
    expect(errorLines(no.stderr)[1]).toBe('  scb-two-years.csv, rad 3: filen har folkmängd för flera år (2019, 2021). Ange vilket år som ska användas.');
    const j = json(['allocate', 'per-capita', '--rate', '10', '--population', file, '--year', '2019']);
    expect(j.parties.map((p) => p.population)).toEqual([147_734, 124_935, 344_166]);
    expect(j.provenance[0]!.referenceDate).toBe('2019-12-31');
  });

  it('--year is checked against the reference date of a file that has one, built-in schemes included', () => {
    const r = andel(['allocate', 'vgr-2022', '--year', '2019']);
    expect(r.status).toBe(2);
    expect(errorLines(r.stderr)[1]).toBe('  data/populations/vastra-gotaland-2021.csv: folkmängden avser 2021-12-31, inte år 2019 (--year)');
    expect(json(['allocate', 'vgr-2022', '--year', '2021']).total).toBe('34897180.00');
  });
});

describe('a broken population file: exit 2, every problem, no stack trace, nothing written', () => {
  // The file name as the user typed it (the test runs in the fixtures folder).
  const cases: [string, string[], string[]][] = [
    ['non-numeric-population.csv', ['non-numeric-population.csv, rad 3, kolumn 3: folkmängd "abc" är inte ett heltal'], ['non-numeric-population.csv, line 3, column 3: population "abc" is not a whole number']],
    ['empty.csv', ['empty.csv: filen är tom'], ['empty.csv: the file is empty']],
    [
      'binary.csv',
      ['binary.csv: filen är inte en textfil (den innehåller binära data). Spara den som CSV (UTF-8) eller hämta den som CSV eller JSON-stat2 från SCB.'],
      ['binary.csv: the file is not a text file (it contains binary data). Save it as CSV (UTF-8) or download it as CSV or JSON-stat2 from SCB.'],
    ],
    ['short-row.csv', ['short-row.csv, rad 3: raden har 2 fält men rubrikraden har 3'], ['short-row.csv, line 3: the row has 2 fields but the header has 3']],
    ['duplicate-code.csv', ['duplicate-code.csv, rad 4: kod 1280 förekommer redan på rad 2'], ['duplicate-code.csv, line 4: code 1280 already occurs on line 2']],
    [
      'different-municipality.csv',
      ['different-municipality.csv, rad 2: kommunkod 1480 är Göteborg, men namnet "Borås" hör till 1490 Borås. Rätta antingen koden eller namnet.'],
      ['different-municipality.csv, line 2: municipality code 1480 is Göteborg, but the name "Borås" belongs to 1490 Borås. Correct either the code or the name.'],
    ],
    [
      'many-problems.csv',
      [
        'many-problems.csv, rad 2, kolumn 3: folkmängd "abc" är inte ett heltal',
        'many-problems.csv, rad 3, kolumn 3: folkmängd "-3" är negativ',
        'many-problems.csv, rad 4: kommunkod 9999 finns inte i SCB:s kodlista. Jämför med data/reference/municipality-codes.csv.',
        'many-problems.csv, rad 5: kommunkod 1480 är Göteborg, men namnet "Borås" hör till 1490 Borås. Rätta antingen koden eller namnet.',
        'many-problems.csv, rad 6: kod 1280 förekommer redan på rad 2',
        'many-problems.csv, rad 7: raden har 2 fält men rubrikraden har 3',
        'many-problems.csv, rad 9, kolumn 3: folkmängd "1,5" är inte ett heltal. Ett antal är ett heltal: rätta värdet i filen (andel avrundar inte).',
      ],
      [
        'many-problems.csv, line 2, column 3: population "abc" is not a whole number',
        'many-problems.csv, line 3, column 3: population "-3" is negative',
        'many-problems.csv, line 4: municipality code 9999 is not in SCB\'s code list. Compare with data/reference/municipality-codes.csv.',
        'many-problems.csv, line 5: municipality code 1480 is Göteborg, but the name "Borås" belongs to 1490 Borås. Correct either the code or the name.',
        'many-problems.csv, line 6: code 1280 already occurs on line 2',
        'many-problems.csv, line 7: the row has 2 fields but the header has 3',
        'many-problems.csv, line 9, column 3: population "1,5" is not a whole number. A count is a whole number: correct the value in the file (andel does not round).',
      ],
    ],
    [
      'ambiguous-population.csv',
      [
        'ambiguous-population.csv, rad 2, kolumn 3: folkmängd "32,000" kan läsas på två sätt: som 32 000 (komma som tusentalsavgränsare) eller som 32 (komma som decimaltecken). Skriv antalet utan komma: 32000 eller 32 000 (eller 32).',
        'ambiguous-population.csv, rad 3, kolumn 3: folkmängd "32.000" kan läsas på två sätt: som 32 000 (punkt som tusentalsavgränsare) eller som 32 (punkt som decimaltecken). Skriv antalet utan punkt: 32000 eller 32 000 (eller 32).',
        'ambiguous-population.csv, rad 4, kolumn 3: folkmängd "1,0" har decimaler. Skriv antalet utan decimaler: 1.',
        'ambiguous-population.csv, rad 5, kolumn 3: folkmängd "41420,00" har decimaler. Skriv antalet utan decimaler: 41420 eller 41 420.',
        'ambiguous-population.csv, rad 6, kolumn 3: folkmängd "32148,0" har decimaler. Skriv antalet utan decimaler: 32148 eller 32 148.',
        'ambiguous-population.csv, rad 7, kolumn 3: folkmängd "1.234.567" har punkt som tusentalsavgränsare. Skriv 1234567 eller 1 234 567 (mellanslag som tusentalsavgränsare).',
        'ambiguous-population.csv, rad 8, kolumn 3: folkmängd "31\u00a0749,5" är inte ett heltal. Ett antal är ett heltal: rätta värdet i filen (andel avrundar inte).',
      ],
      [
        'ambiguous-population.csv, line 2, column 3: population "32,000" can be read two ways: as 32 000 (comma as a thousands separator) or as 32 (comma as a decimal mark). Write the count without a comma: 32000 or 32 000 (or 32).',
        'ambiguous-population.csv, line 3, column 3: population "32.000" can be read two ways: as 32 000 (point as a thousands separator) or as 32 (point as a decimal mark). Write the count without a point: 32000 or 32 000 (or 32).',
        'ambiguous-population.csv, line 4, column 3: population "1,0" has decimals. Write the count without decimals: 1.',
        'ambiguous-population.csv, line 5, column 3: population "41420,00" has decimals. Write the count without decimals: 41420 or 41 420.',
        'ambiguous-population.csv, line 6, column 3: population "32148,0" has decimals. Write the count without decimals: 32148 or 32 148.',
        'ambiguous-population.csv, line 7, column 3: population "1.234.567" has points as thousands separators. Write 1234567 or 1 234 567 (spaces as thousands separators).',
        'ambiguous-population.csv, line 8, column 3: population "31\u00a0749,5" is not a whole number. A count is a whole number: correct the value in the file (andel does not round).',
      ],
    ],
    [
      'cell-types.xlsx',
      [
        'cell-types.xlsx, rad 4, kolumn C: folkmängd är ett datum i Excel (2021-01-01), inte ett antal. Excel har formaterat cellen som datum. Formatera den som Tal eller Allmänt och kontrollera antalet.',
        'cell-types.xlsx, rad 5, kolumn C: folkmängd är ett sanningsvärde (SANT), inte ett antal',
        'cell-types.xlsx, rad 6, kolumn C: folkmängd är felvärdet #REF!, inte ett antal. Rätta formeln i cellen, eller ersätt den med antalet.',
        'cell-types.xlsx, rad 7, kolumn C: folkmängd är formeln =SUM(C4:C5) utan uträknat värde. Filen har sparats av ett program som inte räknar ut formler. Öppna den i Excel och spara den igen, eller ersätt formeln med antalet.',
        'cell-types.xlsx, rad 8, kolumn C: folkmängd 44 558,5 är inte ett heltal. Cellen ska innehålla ett heltal. Excel kan visa ett avrundat tal medan cellen har decimaler: rätta värdet i cellen.',
        'cell-types.xlsx, rad 9, kolumn C: folkmängd "34,000" kan läsas på två sätt: som 34 000 (komma som tusentalsavgränsare) eller som 34 (komma som decimaltecken). Skriv antalet utan komma: 34000 eller 34 000 (eller 34).',
      ],
      [
        'cell-types.xlsx, line 4, column C: population is a date in Excel (2021-01-01), not a count. Excel has formatted the cell as a date. Format it as Number or General and check the count.',
        'cell-types.xlsx, line 5, column C: population is a boolean (TRUE), not a count',
        'cell-types.xlsx, line 6, column C: population is the error value #REF!, not a count. Correct the formula in the cell, or replace it by the count.',
        'cell-types.xlsx, line 7, column C: population is the formula =SUM(C4:C5) without a calculated value. The file was saved by a program that does not calculate formulas. Open it in Excel and save it again, or replace the formula by the count.',
        'cell-types.xlsx, line 8, column C: population 44 558.5 is not a whole number. The cell must hold a whole number. Excel may show a rounded figure while the cell holds decimals: correct the value in the cell.',
        'cell-types.xlsx, line 9, column C: population "34,000" can be read two ways: as 34 000 (comma as a thousands separator) or as 34 (comma as a decimal mark). Write the count without a comma: 34000 or 34 000 (or 34).',
      ],
    ],
    [
      'jsonstat-value-count.json',
      ['jsonstat-value-count.json, rad 70, kolumn 3: JSON-stat2: size säger 3 × 1 × 1 = 3 värden men value har 5. Filen är ofullständig eller ändrad för hand; hämta den igen från SCB:s API med formatet json-stat2.'],
      ["jsonstat-value-count.json, line 70, column 3: JSON-stat2: size says 3 × 1 × 1 = 3 values but value has 5. The file is incomplete or was edited by hand; fetch it again from SCB's API in the json-stat2 format."],
    ],
    [
      'utf16le-truncated.csv',
      ['utf16le-truncated.csv: filen ser ut att vara UTF-16LE utan byteordningsmärke, men har ett udda antal byte: den är avkortad eller skadad. Spara den igen som CSV (UTF-8).'],
      ['utf16le-truncated.csv: the file looks like UTF-16LE without a byte order mark, but has an odd number of bytes: it is cut short or damaged. Save it again as CSV (UTF-8).'],
    ],
    [
      'jsonstat-by-sex.json',
      ['jsonstat-by-sex.json: dimensionen Kon har 2 värden (män, kvinnor); folkmängden måste vara ett enda tal per region. Välj bara totalen för den dimensionen när tabellen hämtas.'],
      ['jsonstat-by-sex.json: the dimension Kon has 2 values (män, kvinnor); the population must be a single figure per region. Select only the total of that dimension when fetching the table.'],
    ],
  ];

  it.each(cases)('%s', (name, sv, en) => {
    const dir = tmp();
    const out = join(dir, 'fordelning.csv');
    const r = andel(['allocate', 'per-capita', '--rate', '10', '--population', name, '--out', out], { cwd: FIXTURES });
    expect(r.status).toBe(2);
    const head = sv.length === 1 ? 'andel: fel i indata:' : `andel: ${sv.length} fel i indata:`;
    expect(errorLines(r.stderr)).toEqual([head, ...sv.map((l) => `  ${l}`), 'Ingen utdatafil har skrivits.']);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(r.stdout).toBe('');
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(dir)).toEqual([]);

    const e = andel(['--lang', 'en', 'allocate', 'share', '--total', '1000', '--population', name], { cwd: FIXTURES });
    expect(e.status).toBe(2);
    const headEn = en.length === 1 ? 'andel: input error:' : `andel: ${en.length} input errors:`;
    expect(errorLines(e.stderr)).toEqual([headEn, ...en.map((l) => `  ${l}`), 'No output file was written.']);
  });

  it('the issue\'s example, word for word, leaves an existing output file untouched byte for byte', () => {
    const dir = tmp();
    copyFileSync(join(FIXTURES, 'non-numeric-population.csv'), join(dir, 'befolkning.csv'));
    const previous = Uint8Array.from([0xef, 0xbb, 0xbf, ...Buffer.from('kod;part;belopp_kr\r\n1280;Malmö;3517490,00\r\n'), 0x00, 0xff]);
    writeFileSync(join(dir, 'fordelning.xlsx'), previous);
    const r = andel(['allocate', 'per-capita', '--rate', '10', '--population', 'befolkning.csv', '--out', 'fordelning.xlsx'], { cwd: dir });
    expect(r.status).toBe(2);
    expect(r.stderr).toBe('andel: fel i indata:\n  befolkning.csv, rad 3, kolumn 3: folkmängd "abc" är inte ett heltal\nIngen utdatafil har skrivits.\n');
    expect(new Uint8Array(readFileSync(join(dir, 'fordelning.xlsx')))).toEqual(previous);
    expect(readdirSync(dir).sort()).toEqual(['befolkning.csv', 'fordelning.xlsx']);
  });

  it('warnings come before the refusal; --debug adds the stack trace', () => {
    const r = andel(['--debug', 'allocate', 'per-capita', '--rate', '10', '--population', 'many-problems.csv'], { cwd: FIXTURES });
    expect(r.status).toBe(2);
    expect(r.stderr.split('\n')[0]).toBe('varning: many-problems.csv, rad 8: "Bengtstors" stavas officiellt "Bengtsfors" (kommunkod 1460); det officiella namnet används');
    expect(r.stderr).toMatch(/\n\s+at /);
  });

  it('a file of another county than --region-code says so', () => {
    const r = andel(['allocate', 'per-capita', '--rate', '10', '--population', 'scb-export-1252.csv', '--region-code', '12'], { cwd: FIXTURES });
    expect(r.status).toBe(2);
    expect(errorLines(r.stderr)).toEqual(['andel: fel i indata:', '  scb-export-1252.csv: befolkningsfilen har ingen kommun i Skåne län (länskod 12)', 'Ingen utdatafil har skrivits.']);
  });

  it('many thousand bad rows: the first 50 problems and how many more, a few kilobytes of stderr, nothing written', () => {
    const dir = tmp();
    writeFileSync(join(dir, 'dubbletter.csv'), 'kommunkod,kommun,folkmangd\n1280,Malmö,351749\n' + '1280,Malmö,351749\n'.repeat(20_000));
    const out = join(dir, 'fordelning.csv');
    const r = andel(['allocate', 'per-capita', '--rate', '10', '--population', 'dubbletter.csv', '--out', out], { cwd: dir });
    expect(r.status).toBe(2);
    const lines = errorLines(r.stderr);
    expect(lines).toHaveLength(1 + 50 + 2);
    expect(lines[0]).toBe('andel: 20 000 fel i indata:');
    expect(lines[1]).toBe('  dubbletter.csv, rad 3: kod 1280 förekommer redan på rad 2');
    expect(lines[50]).toBe('  dubbletter.csv, rad 52: kod 1280 förekommer redan på rad 2');
    expect(lines.slice(51)).toEqual(['  … och 19 950 fel till', 'Ingen utdatafil har skrivits.']);
    expect(Buffer.byteLength(r.stderr)).toBeLessThan(5_000);
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(dir)).toEqual(['dubbletter.csv']);

    const en = andel(['--lang', 'en', 'allocate', 'per-capita', '--rate', '10', '--population', 'dubbletter.csv'], { cwd: dir });
    expect(en.status).toBe(2);
    expect(errorLines(en.stderr).slice(0, 1)).toEqual(['andel: 20 000 input errors:']);
    expect(errorLines(en.stderr).slice(-2)).toEqual(['  … and 19 950 more problems', 'No output file was written.']);
  });

  it('many thousand warnings before a refusal are cut the same way', () => {
    const dir = tmp();
    // "114" lacks its leading zero (a warning on every row); every row after the first is a duplicate.
    writeFileSync(join(dir, 'nollor.csv'), 'kommunkod,kommun,folkmangd\n' + '114,Upplands Väsby,1\n'.repeat(3_000));
    const r = andel(['allocate', 'per-capita', '--rate', '10', '--population', 'nollor.csv'], { cwd: dir });
    expect(r.status).toBe(2);
    const all = r.stderr.trimEnd().split('\n');
    expect(all.filter((l) => l.startsWith('varning: '))).toHaveLength(50);
    expect(all[50]).toBe('… och 2 950 varningar till');
    expect(all[51]).toBe('andel: 2 999 fel i indata:');
    expect(Buffer.byteLength(r.stderr)).toBeLessThan(15_000);
  });

  it('UTF-16 without a byte order mark is read', () => {
    const j = json(['allocate', 'per-capita', '--rate', '10', '--population', join(FIXTURES, 'utf16be-no-bom.csv')]);
    expect(j.parties.map((p) => [p.code, p.population, p.amount])).toEqual([
      ['1281', 127_376, '1273760.00'],
      ['1280', 351_749, '3517490.00'],
    ]);
  });

  it('a missing file is named', () => {
    const r = andel(['allocate', 'share', '--total', '1000', '--population', 'finns-inte.csv']);
    expect(r.status).toBe(2);
    expect(errorLines(r.stderr)[1]).toBe('  finns-inte.csv: filen finns inte. Kontrollera sökvägen.');
  });
});
