import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, andel } from '../helpers/cli.js';

const tmp = () => mkdtempSync(join(tmpdir(), 'andel-cli-'));
const nbsp = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

describe('andel allocate vgr-2022', () => {
  it('prints a Swedish table with the seed figures and the reconciliation', () => {
    const r = andel(['allocate', 'vgr-2022']);
    expect(r.status).toBe(0);
    const out = nbsp(r.stdout);
    expect(out).toMatch(/14\s+Västra Götalandsregionen\s+1 744 859\s+17 448 590 kr/);
    expect(out).toMatch(/1480\s+Göteborg\s+587 549\s+5 875 490 kr/);
    expect(out).toMatch(/Summa\s+34 897 180 kr/);
    expect(out).toContain('överskott 897 180 kr');
    expect(out).toContain('Nollresultat vid 9,74 kr per invånare');
  });

  it('--format json follows the contract', () => {
    const r = andel(['allocate', 'vgr-2022', '--format', 'json']);
    expect(r.status).toBe(0);
    const j = JSON.parse(r.stdout) as { scheme: string; currency: string; total: string; parties: { code: string; amount: string }[]; reconciliation: Record<string, string> };
    expect(j).toMatchObject({ scheme: 'vgr-2022', currency: 'SEK', total: '34897180.00' });
    expect(j.parties).toHaveLength(50);
    expect(j.parties.every((p) => typeof p.amount === 'string' && /^\d+\.\d\d$/.test(p.amount))).toBe(true);
    expect(j.reconciliation).toMatchObject({ need: '34000000.00', raised: '34897180.00', surplus: '897180.00', breakEvenRate: '9.74' });
  });

  it('--format csv opens in Excel with Swedish settings: BOM, semicolons, decimal comma', () => {
    const dir = tmp();
    const file = join(dir, 'vgr.csv');
    const r = andel(['allocate', 'vgr-2022', '--out', file]);
    expect(r.status).toBe(0);
    const bytes = readFileSync(file);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.toString('utf8').slice(1).split('\r\n');
    expect(lines[0]).toBe('kod;part;invanare;investering_kr;belopp_kr');
    expect(lines).toContain('1480;Göteborg;587549;5875490,00;5875490,00');
    expect(lines).toContain(';Summa;;34897180,00;34897180,00');
  });

  it('--format xlsx writes typed numeric cells with a kronor format', async () => {
    const dir = tmp();
    const file = join(dir, 'vgr.xlsx');
    const r = andel(['allocate', 'vgr-2022', '--format', 'xlsx', '--out', file]);
    expect(r.status).toBe(0);
    const XLSX = await import('xlsx');
    const wb = XLSX.read(readFileSync(file), { cellNF: true });
    const ws = wb.Sheets['Fördelning']!;
    const gbgRow = XLSX.utils.sheet_to_json<unknown[]>(ws, { header: 1 }).findIndex((row) => row[0] === '1480');
    const cell = ws[XLSX.utils.encode_cell({ r: gbgRow, c: 4 })] as { t: string; v: number; z: string };
    expect(cell).toMatchObject({ t: 'n', v: 5_875_490 });
    expect(cell.z).toContain('kr');
  });

  it('--set changes a parameter; an unknown parameter is an input error', () => {
    const ok = andel(['allocate', 'vgr-2022', '--set', 'rate=9.75', '--format', 'json']);
    // 1 744 859 × 9,75 kr = 17 012 375,25 kr, rounded to whole kronor.
    expect(JSON.parse(ok.stdout).parties[0].amount).toBe('17012375.00');
    const bad = andel(['allocate', 'vgr-2022', '--set', 'rat=9']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('okänd parameter "rat"');
  });
});

describe('andel allocate <scenario>', () => {
  it('allocates the scenario: party changes applied, reconciliation follows', () => {
    const r = andel(['allocate', 'scenarios/goteborg-avstar.yaml', '--format', 'json']);
    expect(r.status).toBe(0);
    const j = JSON.parse(r.stdout) as { total: string; parties: { code: string }[]; reconciliation: Record<string, string> };
    expect(j.parties).toHaveLength(49);
    expect(j.parties.some((p) => p.code === '1480')).toBe(false);
    // 34 897 180 kr less Göteborg's 5 875 490 kr.
    expect(j.total).toBe('29021690.00');
    expect(j.reconciliation.surplus).toBe('-4978310.00');
  });
});

describe('start-up', () => {
  it('--help and allocate load neither danfojs nor puppeteer', () => {
    for (const args of [['--help'], ['allocate', 'vgr-2022']]) {
      const dir = tmp();
      const trace = join(dir, 'imports.txt');
      const r = andel(args, { nodeArgs: ['--import', join(ROOT, 'test/helpers/trace-imports.mjs')], env: { ANDEL_TRACE_IMPORTS: trace } });
      expect(r.status).toBe(0);
      const loaded = readFileSync(trace, 'utf8');
      // The trace works (commander is inside the bundle, so it is the bundle's entry that shows).
      expect(loaded).toContain('dist/cli-bundle/main.js');
      expect(loaded).not.toMatch(/danfojs|puppeteer|@tensorflow|plotly/);
    }
  });
});

describe('bad input: a clear message, exit 2, nothing written', () => {
  it('an unknown scheme lists the built-in ones', () => {
    const r = andel(['allocate', 'vgr-2033']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('okänt schema "vgr-2033"');
    expect(r.stderr).toContain('vgr-2022');
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('a malformed scheme file names the file, line and field; --out is not written', () => {
    const dir = tmp();
    const scheme = join(dir, 'trasig.yaml');
    const src = readFileSync(join(ROOT, 'data/schemes/vgr-2022.yaml'), 'utf8')
      .replace('file: ../populations/vastra-gotaland-2021.csv', `file: ${join(ROOT, 'data/populations/vastra-gotaland-2021.csv')}`)
      .replace('    kind: per-unit\n', '    kind: per-unit\n    colour: blue\n')
      .replace('rounding: "1"', 'rounding: "1"\nparties2: []');
    writeFileSync(scheme, src);
    const out = join(dir, 'out.json');
    const r = andel(['allocate', scheme, '--out', out]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/trasig\.yaml, rad \d+, kolumn \d+: \(roten\)|trasig\.yaml, rad \d+/);
    expect(r.stderr).toContain('colour');
    expect(r.stderr).toContain('parties2');
    expect(r.stderr).toContain('Ingen utdatafil har skrivits.');
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(dir)).toEqual(['trasig.yaml']);
  });

  it("commander's own errors are bad input too: exit 2; --help exits 0", () => {
    const bad = andel(['allocate', 'vgr-2022', '--format', 'bogus']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('bogus');
    expect(andel(['frobnicate']).status).toBe(2);
    expect(andel(['allocate', '--help']).status).toBe(0);
  });

  it('invalid YAML reports the line', () => {
    const dir = tmp();
    const scheme = join(dir, 'syntax.yaml');
    writeFileSync(scheme, 'id: x\ntitle: [unclosed\nsummary: y\n');
    const r = andel(['allocate', scheme]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/syntax\.yaml, rad \d+, kolumn \d+: ogiltig YAML/);
  });

  it('an unreadable population file is named', () => {
    const r = andel(['allocate', 'vgr-2022', '--population', 'finns-inte.csv']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('finns-inte.csv');
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('--lang en gives English messages; --debug shows the stack', () => {
    const en = andel(['--lang', 'en', 'allocate', 'vgr-2033']);
    expect(en.stderr).toContain('unknown scheme "vgr-2033"');
    const dbg = andel(['--debug', 'allocate', 'vgr-2033']);
    expect(dbg.stderr).toMatch(/\n\s+at /);
  });
});

describe('andel schemes', () => {
  it('lists vgr-2022 with a one-line description', () => {
    const r = andel(['schemes']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^vgr-2022\s+Samverkansavtal digitala hjälpmedel/m);
  });
});
