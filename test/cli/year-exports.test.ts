// The allocation's exports for a multi-year agreement, read back as a
// spreadsheet reads them: a column per year beside the total, sums as
// formulas with their values, the reconciliation as numbers, codes as text;
// and CSV codes as ="0381" when asked.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { andel } from '../helpers/cli.js';

const tmp = () => mkdtempSync(join(tmpdir(), 'andel-years-'));
const UPPSALA = 'test/data/fixtures/schemes/uppsala-per-ar.yaml';
const STHLM = ['allocate', 'sthlm-2020', '--set', 'licence.total=3000000'];

/** A CSV as andel writes it (BOM, semicolons, CRLF), as rows of fields; relaxed quotes for the ="…" form. */
function readCsv(text: string): string[][] {
  return parse(text.replace(/^\ufeff/, ''), { delimiter: ';', relax_quotes: true, relax_column_count: true, skip_empty_lines: true }) as string[][];
}
const kr = (s: string | undefined) => Math.round(Number((s ?? '').replace(',', '.')) * 100);

describe('CSV of a multi-year agreement', () => {
  it('sthlm-2020 has a column per year of 2021–2028 beside the total, and each party\'s years sum to it', () => {
    const r = andel([...STHLM, '--format', 'csv']);
    expect(r.status).toBe(0);
    const [head, ...rows] = readCsv(r.stdout);
    expect(head).toEqual(['kod', 'part', 'invanare', 'licence_kr', 'helpdesk_kr', ...[2021, 2022, 2023, 2024, 2025, 2026, 2027, 2028].map((y) => `ar_${y}_kr`), 'belopp_kr']);
    expect(rows).toHaveLength(28);
    for (const row of rows) {
      const years = row.slice(5, 13).reduce((s, v) => s + kr(v), 0);
      expect(years).toBe(kr(row[13]));
    }
    expect(rows.find((row) => row[0] === '0127')?.slice(0, 2)).toEqual(['0127', 'Botkyrka']);
    expect(rows.at(-1)).toEqual(['', 'Summa', '', '3000000,00', '26000000,00', '3625000,13', '3625000,08', '3625000,03', '3625000,01', '3624999,98', '3624999,93', '3624999,92', '3624999,92', '29000000,00']);
  });

  it('a one-year scheme (vgr-2022) keeps its columns', () => {
    const r = andel(['allocate', 'vgr-2022', '--format', 'csv']);
    expect(readCsv(r.stdout)[0]).toEqual(['kod', 'part', 'invanare', 'investering_kr', 'belopp_kr']);
  });

  it('the terminal table stays as it was: no year columns', () => {
    const r = andel(STHLM);
    expect(r.status).toBe(0);
    expect(r.stdout).not.toContain('År 2021');
  });
});

describe('--csv-codes-as-text', () => {
  it('writes every code as ="0381", which Excel and LibreOffice keep as text; names and figures are as before', () => {
    const plain = readCsv(andel(['allocate', UPPSALA, '--format', 'csv']).stdout);
    const r = andel(['allocate', UPPSALA, '--format', 'csv', '--csv-codes-as-text']);
    expect(r.status).toBe(0);
    expect(r.stdout.split('\r\n')[1]).toMatch(/^="03";Region Uppsala;395026;/);
    const text = readCsv(r.stdout);
    expect(text.slice(1, -1).map((row) => row[0])).toEqual(plain.slice(1, -1).map((row) => `="${row[0]}"`));
    expect(text.map((row) => row.slice(1))).toEqual(plain.map((row) => row.slice(1)));
    // The sum row has no code: an empty field, not ="".
    expect(text.at(-1)![0]).toBe('');
  });

  it('without the option the codes are plain, for other tools', () => {
    const r = andel(['allocate', UPPSALA, '--format', 'csv']);
    expect(r.stdout.split('\r\n')[1]).toMatch(/^03;Region Uppsala;/);
    expect(r.stdout).not.toContain('="');
  });

  it('is taken by the scenario commands that write CSV', () => {
    const r = andel(['compare', 'scenarios/goteborg-avstar.yaml', '--format', 'csv', '--csv-codes-as-text']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('="1480"');
  });
});

describe('XLSX of a multi-year agreement, read back', () => {
  it('has numbers, SUM formulas with their values, codes as text, and a reconciliation of numbers and formulas', async () => {
    const file = join(tmp(), 'uppsala.xlsx');
    const r = andel(['allocate', UPPSALA, '--out', file]);
    expect(r.status).toBe(0);
    const XLSX = await import('xlsx');
    const wb = XLSX.read(readFileSync(file), { cellFormula: true, cellNF: true });
    const ws = wb.Sheets['Fördelning']!;
    const rows = XLSX.utils.sheet_to_json<unknown[]>(ws, { header: 1, raw: true });
    const head = rows.findIndex((row) => row[0] === 'Kod');
    expect(rows[head]).toEqual(['Kod', 'Part', 'Invånare', 'Region', 'Kommuner', 'År 2025', 'År 2026', 'År 2027', 'År 2028', 'Belopp']);
    // Codes are text, leading zero and all.
    const enkoping = ws[XLSX.utils.encode_cell({ r: rows.findIndex((row) => row[1] === 'Enköping'), c: 0 })] as { t: string; v: string };
    expect(enkoping).toMatchObject({ t: 's', v: '0381' });
    // Uppsala kommun pays its cap, 2 000 000 kr, in each year.
    const uppsala = rows.find((row) => row[1] === 'Uppsala')!;
    expect(uppsala.slice(5)).toEqual([2_000_000, 2_000_000, 2_000_000, 2_000_000, 8_000_000]);
    // The sum row: formulas over the body, with the values a reader without recalculation shows; a total per year makes every year sum to it (12 000 000 kr).
    const sumRow = rows.findIndex((row) => row[1] === 'Summa');
    const first = head + 2;
    const last = sumRow;
    for (const [c, value] of [[3, 24_000_000], [4, 24_000_000], [5, 12_000_000], [6, 12_000_000], [7, 12_000_000], [8, 12_000_000], [9, 48_000_000]] as const) {
      const cell = ws[XLSX.utils.encode_cell({ r: sumRow, c })] as { t: string; v: number; f?: string };
      const col = XLSX.utils.encode_col(c);
      expect(cell).toMatchObject({ t: 'n', v: value, f: `SUM(${col}${first}:${col}${last})` });
    }
    // The reconciliation sheet: numbers, formulas that refer to the sum row, and checks that are 0.
    const rec = wb.Sheets['Avstämning']!;
    const at = (a: string) => rec[a] as { t: string; v: number | string; f?: string };
    expect(at('A2').v).toBe('Att täcka');
    expect(at('B2')).toMatchObject({ t: 'n', v: 48_000_000 });
    expect(at('B3')).toMatchObject({ t: 'n', v: 48_000_000, f: `'Fördelning'!J${sumRow + 1}` });
    expect(at('B5')).toMatchObject({ t: 'n', v: 0, f: 'B2-B3-B4' });
    expect(at('A6').v).toBe('Parterna betalar 2025');
    expect(at('B6')).toMatchObject({ t: 'n', v: 12_000_000, f: `'Fördelning'!F${sumRow + 1}` });
    expect(at('B10')).toMatchObject({ t: 'n', v: 0, f: 'B3-B6-B7-B8-B9' });
    // The notes are still there, and say the cap per year.
    const notes = XLSX.utils.sheet_to_json<unknown[]>(rec, { header: 1 }).flat().join('\n').replaceAll('\u00a0', ' ');
    expect(notes).toContain('Kommunernas del: tak 2 000 000 kr per part och år (8 000 000 kr för hela perioden); Region Uppsala bär det som taket håller tillbaka.');
  });

  it('a one-year scheme gets a sum formula and a reconciliation too, without year columns', async () => {
    const file = join(tmp(), 'vgr.xlsx');
    expect(andel(['allocate', 'vgr-2022', '--out', file]).status).toBe(0);
    const XLSX = await import('xlsx');
    const wb = XLSX.read(readFileSync(file), { cellFormula: true });
    const rows = XLSX.utils.sheet_to_json<unknown[]>(wb.Sheets['Fördelning']!, { header: 1 });
    expect(rows.find((row) => row[0] === 'Kod')).toEqual(['Kod', 'Part', 'Invånare', 'Gemensam investering', 'Belopp']);
    const sumRow = rows.findIndex((row) => row[1] === 'Summa');
    expect(wb.Sheets['Fördelning']![`E${sumRow + 1}`]).toMatchObject({ v: 34_897_180, f: expect.stringMatching(/^SUM\(E\d+:E\d+\)$/) });
    expect(wb.Sheets['Avstämning']!['B3']).toMatchObject({ v: 34_897_180, f: `'Fördelning'!E${sumRow + 1}` });
    expect(wb.Sheets['Avstämning']!['A6']).toBeUndefined();
  });
});

describe('andel solve with a total per year', () => {
  it('gives the period answer and the yearly figure the parameter takes; that figure is the largest at which the region carries nothing', () => {
    const r = andel(['solve', UPPSALA, 'max-kommuner-total']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('det som taket 2 000 000 kr per år (8 000 000 kr för hela perioden) håller tillbaka:');
    expect(r.stdout).toContain('  17 447 116,57 kr för hela perioden, högst 4 361 779,14 kr per år  (--set kommun.total=4361779.14)');
    const json = JSON.parse(andel(['solve', UPPSALA, 'max-kommuner-total', '--format', 'json']).stdout) as Record<string, unknown>;
    expect(json).toMatchObject({ value: '17447116.57', parameter: 'kommun.total', capPer: 'year', capPerYear: '2000000.00', totalPer: 'year', valuePerYear: '4361779.14' });
    const carried = (value: string) => {
      const j = JSON.parse(andel(['allocate', UPPSALA, '--set', `kommun.total=${value}`, '--format', 'json']).stdout) as { components: { id: string; carried?: string }[] };
      return j.components.find((c) => c.id === 'kommuner')!.carried;
    };
    expect(carried('4361779.14')).toBe('0.00');
    expect(carried('4361779.15')).not.toBe('0.00');
  });
});
