// A shortfall is never quiet, on the command line: exit 0, but a warning on
// stderr (Swedish and English), the JSON's reconciliation says it, the table's
// summary line says "varav ej täckt", and the CSV and XLSX carry an "Ej täckt"
// row under "Summa". And the negative: nothing of it when all is covered.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { andel } from '../helpers/cli.js';

const tmp = () => mkdtempSync(join(tmpdir(), 'andel-shortfall-'));
const nbsp = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');
const NONE = ['--set', 'cap.policy=none', '--set', 'licence.total=3000000'];
const ALL_CAPPED = 'test/fixtures/shortfall/alla-vid-taket.yaml';

const WARN_SV = 'varning: Licens: 614 018,85 kr av 3 000 000,00 kr täcks inte av någon part (taket 615 312,00 kr binder för 1 part: Stockholm; policy: ej täckt).';
const WARN_EN = 'warning: Licens: 614,018.85 kr of 3,000,000.00 kr is not covered by any party (the cap of 615,312.00 kr binds for 1 party: Stockholm; policy: none, reported as not covered).';
const WARN_ALL_SV =
  'varning: Licens: 100 000,00 kr av 1 000 000,00 kr täcks inte av någon part (taket 300 000,00 kr binder för alla 3 parter: Håbo, Knivsta och Älvkarleby; policy: fördela om, men ingen part har utrymme kvar under taket).';

interface Json {
  total: string;
  components: { id: string; total: string; uncovered?: string }[];
  reconciliation: { total: string; sumOfParties: string; uncovered: string; fullyCovered: boolean; conserved: boolean; capsHold: boolean };
}

describe('andel allocate with a shortfall (sthlm-2020, policy none, licence 3 000 000 kr)', () => {
  it('JSON: the total to cover, what the parties pay, what is not covered, fullyCovered false; the warning on stderr only', () => {
    const r = andel(['allocate', 'sthlm-2020', ...NONE, '--format', 'json']);
    expect(r.status).toBe(0);
    const j = JSON.parse(r.stdout) as Json;
    expect(j.reconciliation).toEqual({ total: '29000000.00', sumOfParties: '28385981.15', uncovered: '614018.85', fullyCovered: false, conserved: true, capsHold: true });
    expect(j.total).toBe('28385981.15');
    expect(j.components.map((c) => [c.id, c.total, c.uncovered])).toEqual([
      ['licence', '3000000.00', '614018.85'],
      ['helpdesk', '26000000.00', undefined],
    ]);
    expect(r.stderr.trim().split('\n')).toEqual([WARN_SV]);
  });

  it('the warning in English with --lang en', () => {
    const r = andel(['allocate', 'sthlm-2020', ...NONE, '--format', 'json', '--lang', 'en']);
    expect(r.status).toBe(0);
    expect(r.stderr.trim().split('\n')).toEqual([WARN_EN]);
  });

  it('the table: an "Ej täckt" row under "Summa", and the summary line says "varav ej täckt"', () => {
    const r = andel(['allocate', 'sthlm-2020', ...NONE]);
    expect(r.status).toBe(0);
    const out = nbsp(r.stdout);
    const lines = out.split('\n');
    const at = lines.findIndex((l) => l.trim().startsWith('Summa '));
    const cells = (l: string | undefined) => l?.trim().split(/ {2,}/);
    expect(cells(lines[at])).toEqual(['Summa', '2 385 981,15 kr', '26 000 000,00 kr', '28 385 981,15 kr']);
    expect(cells(lines[at + 1])).toEqual(['Ej täckt', '614 018,85 kr', '0,00 kr', '614 018,85 kr']);
    // Right-aligned in the same columns.
    expect(lines[at + 1]?.length).toBe(lines[at]?.length);
    expect(lines[at + 2]).toBe('');
    expect(out).toContain(
      'Summa: 29 000 000 kr att täcka, varav ej täckt: 614 018,85 kr; parterna betalar 28 385 981,15 kr (delarna och det ej täckta summerar exakt till totalen).',
    );
    expect(r.stderr).toContain(WARN_SV);
  });

  it('CSV: a row "Ej täckt" under "Summa", the amount in the licence column and the total column', () => {
    const file = join(tmp(), 'sthlm.csv');
    const r = andel(['allocate', 'sthlm-2020', ...NONE, '--out', file]);
    expect(r.status).toBe(0);
    expect(r.stderr).toContain(WARN_SV);
    const lines = readFileSync(file, 'utf8').slice(1).split('\r\n');
    // A column per year of 2021–2028 beside the total; what no party covers falls in no year, so its year cells are empty.
    expect(lines[0]).toBe('kod;part;invanare;licence_kr;helpdesk_kr;ar_2021_kr;ar_2022_kr;ar_2023_kr;ar_2024_kr;ar_2025_kr;ar_2026_kr;ar_2027_kr;ar_2028_kr;belopp_kr');
    expect(lines.slice(-3)).toEqual([
      ';Summa;;2385981,15;26000000,00;3548247,77;3548247,72;3548247,67;3548247,65;3548247,62;3548247,58;3548247,57;3548247,57;28385981,15',
      ';Ej täckt;;614018,85;0,00;;;;;;;;;614018,85',
      '',
    ]);
  });

  it('XLSX: the same row with numeric cells, and the summary line on the reconciliation sheet', async () => {
    const file = join(tmp(), 'sthlm.xlsx');
    const r = andel(['allocate', 'sthlm-2020', ...NONE, '--out', file]);
    expect(r.status).toBe(0);
    const XLSX = await import('xlsx');
    const wb = XLSX.read(readFileSync(file), { cellNF: true });
    const rows = XLSX.utils.sheet_to_json<unknown[]>(wb.Sheets['Fördelning']!, { header: 1 });
    const at = rows.findIndex((row) => row[1] === 'Ej täckt');
    expect(rows[at - 1]?.slice(1)).toEqual(['Summa', undefined, 2_385_981.15, 26_000_000, 3_548_247.77, 3_548_247.72, 3_548_247.67, 3_548_247.65, 3_548_247.62, 3_548_247.58, 3_548_247.57, 3_548_247.57, 28_385_981.15]);
    expect(at).toBe(rows.length - 1);
    const cell = (c: number) => wb.Sheets['Fördelning']![XLSX.utils.encode_cell({ r: at, c })] as { t: string; v: number; z: string } | undefined;
    expect([cell(3), cell(4), cell(13)].map((x) => [x?.t, x?.v])).toEqual([
      ['n', 614_018.85],
      ['n', 0],
      ['n', 614_018.85],
    ]);
    expect(cell(13)!.z).toContain('kr');
    // What no party covers falls in no year: its year cells are empty.
    expect([5, 6, 7, 8, 9, 10, 11, 12].map(cell)).toEqual(new Array(8).fill(undefined));
    const notes = XLSX.utils.sheet_to_json<unknown[]>(wb.Sheets['Avstämning']!, { header: 1 }).map((row) => nbsp(String(row[0])));
    expect(notes).toContain('Summa: 29 000 000 kr att täcka, varav ej täckt: 614 018,85 kr; parterna betalar 28 385 981,15 kr (delarna och det ej täckta summerar exakt till totalen).');
  });
});

describe('every party at the cap under redistribute (a small scheme file)', () => {
  it('exit 0, 100 000 kr uncovered in the JSON, the warning says that nobody has room left', () => {
    const r = andel(['allocate', ALL_CAPPED, '--format', 'json']);
    expect(r.status).toBe(0);
    expect((JSON.parse(r.stdout) as Json).reconciliation).toEqual({ total: '1000000.00', sumOfParties: '900000.00', uncovered: '100000.00', fullyCovered: false, conserved: true, capsHold: true });
    expect(r.stderr.trim().split('\n')).toEqual([WARN_ALL_SV]);
  });
});

describe('other commands that show one evaluation warn too', () => {
  it('timeline', () => {
    const r = andel(['timeline', 'sthlm-2020', ...NONE]);
    expect(r.status).toBe(0);
    expect(r.stderr.trim().split('\n')).toEqual([WARN_SV]);
  });

  it('compare: each side that leaves money uncovered, named', () => {
    // The scheme alone against itself at 900 000 kr: the base is short by 100 000 kr, the scenario is covered.
    const r = andel(['compare', ALL_CAPPED, '--set', 'licence.total=900000']);
    expect(r.status).toBe(0);
    expect(r.stderr.trim().split('\n')).toEqual([WARN_ALL_SV.replace('varning: ', 'varning: basen: ')]);
    const dir = tmp();
    const scenario = join(dir, 'ingen-tak-policy.yaml');
    writeFileSync(scenario, 'scheme: sthlm-2020\ntitle: Ingen bär det taket håller tillbaka\nset:\n  licence.total: "3000000"\n  cap.policy: none\n');
    const en = andel(['compare', scenario, '--lang', 'en']);
    expect(en.status).toBe(0);
    expect(en.stderr.trim().split('\n')).toEqual([WARN_EN.replace('warning: ', 'warning: scenario: ')]);
  });
});

describe('nothing of it when everything is covered', () => {
  it('vgr-2022: fullyCovered, uncovered 0.00, no warning, no "Ej täckt" row', () => {
    const r = andel(['allocate', 'vgr-2022', '--format', 'json']);
    expect(r.status).toBe(0);
    expect((JSON.parse(r.stdout) as Json).reconciliation).toMatchObject({ total: '34897180.00', sumOfParties: '34897180.00', uncovered: '0.00', fullyCovered: true, conserved: true });
    expect(r.stderr).toBe('');
    const table = andel(['allocate', 'vgr-2022']);
    expect(table.stdout).not.toContain('Ej täckt');
    expect(table.stdout).not.toContain('varav ej täckt');
    expect(table.stderr).toBe('');
  });

  it('sthlm-2020 under the default policy: the region carries what the cap holds back', () => {
    const r = andel(['allocate', 'sthlm-2020', '--set', 'licence.total=3000000', '--format', 'json']);
    expect(r.status).toBe(0);
    expect((JSON.parse(r.stdout) as Json).reconciliation).toMatchObject({ total: '29000000.00', sumOfParties: '29000000.00', uncovered: '0.00', fullyCovered: true });
    expect(r.stderr).toBe('');
    const file = join(tmp(), 'sthlm.csv');
    expect(andel(['allocate', 'sthlm-2020', '--set', 'licence.total=3000000', '--out', file]).status).toBe(0);
    expect(readFileSync(file, 'utf8')).not.toContain('Ej täckt');
  });
});
