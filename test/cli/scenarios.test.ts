import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, ROOT, andel } from '../helpers/cli.js';

const tmp = () => mkdtempSync(join(tmpdir(), 'andel-scen-'));
const nbsp = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');
const STHLM = ['simulate', 'sthlm-2020', '--seed', '1', '--vary', 'licence.total=uniform(1000000,2000000)', '--vary', 'population=uniform(-0.05,0.05)', '--format', 'json'];

/** The JSON of a simulation without the one field that records how it was run. */
function figures(stdout: string): unknown {
  const j = JSON.parse(stdout) as Record<string, unknown>;
  delete j.workers;
  return j;
}

describe('andel compare', () => {
  it('a scenario whose scheme leaves a parameter open: the base takes the scenario value and says so', () => {
    const r = andel(['compare', 'scenarios/sthlm-licens-osaker.yaml', '--format', 'json']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('licence.total saknar värde i schemat; basen använder scenariots värde');
  });

  it('vgr-2022 against Göteborg not signing: each party, the difference, and the reconciliation', () => {
    const r = andel(['compare', 'vgr-2022', 'scenarios/goteborg-avstar.yaml']);
    expect(r.status).toBe(0);
    const out = nbsp(r.stdout);
    expect(out).toMatch(/1480\s+Göteborg\s+5 875 490 kr\s+avstår\s+−5 875 490 kr\s+−100,0 %/);
    expect(out).toMatch(/14\s+Västra Götalandsregionen\s+17 448 590 kr\s+17 448 590 kr\s+0 kr\s+0,0 %/);
    expect(out).toMatch(/Summa\s+34 897 180 kr\s+29 021 690 kr\s+−5 875 490 kr/);
    expect(out).toMatch(/Överskott \(negativt: underskott\)\s+897 180 kr\s+−4 978 310 kr\s+−5 875 490 kr/);
    expect(out).toMatch(/Nollresultat per invånare\s+9,74 kr\s+11,72 kr/);
  });

  it('--format json: decimal strings, a status per party, the reconciliation on both sides', () => {
    const r = andel(['compare', 'goteborg-avstar', '--format', 'json']);
    expect(r.status).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.base.label).toBe('vgr-2022');
    expect(j.scenario.title).toBe('Göteborg avstår');
    expect(j.parties.find((p: { code: string }) => p.code === '1480')).toMatchObject({ status: 'left', base: '5875490.00', scenario: null, diff: '-5875490.00', relative: '-1.000000' });
    expect(j.reconciliation.surplus).toEqual({ label: 'Överskott (negativt: underskott)', base: '897180.00', scenario: '-4978310.00', diff: '-5875490.00' });
    expect(j.total).toEqual({ base: '34897180.00', scenario: '29021690.00', diff: '-5875490.00' });
  });

  it('one scheme against itself under --set; CSV for Excel and XLSX with typed cells', async () => {
    const dir = tmp();
    const csv = join(dir, 'c.csv');
    expect(andel(['compare', 'vgr-2022', '--set', 'rate=9.75', '--out', csv]).status).toBe(0);
    const text = readFileSync(csv, 'utf8');
    expect(text.startsWith('\ufeffkod;part;bas_kr;scenario_kr;skillnad_kr;skillnad_procent\r\n')).toBe(true);
    // 1 744 859 × 9,75 = 17 012 375,25 → 17 012 375 kr (whole kronor).
    expect(text).toContain('14;Västra Götalandsregionen;17448590,00;17012375,00;-436215,00;-2,50');
    const xlsx = join(dir, 'c.xlsx');
    expect(andel(['compare', 'vgr-2022', 'goteborg-avstar', '--out', xlsx]).status).toBe(0);
    const XLSX = await import('xlsx');
    const ws = XLSX.read(readFileSync(xlsx)).Sheets['Jämförelse']!;
    const rows = XLSX.utils.sheet_to_json<unknown[]>(ws, { header: 1 });
    const gbg = rows.findIndex((row) => row[0] === '1480');
    expect(ws[XLSX.utils.encode_cell({ r: gbg, c: 4 })]).toMatchObject({ t: 'n', v: -5_875_490 });
  });
});

describe('andel simulate', () => {
  it('the same seed gives the same figures whatever the number of workers', () => {
    const runs = ['--runs', '20000'];
    const one = andel([...STHLM, ...runs, '--workers', '1']);
    const two = andel([...STHLM, ...runs, '--workers', '2']);
    const three = andel([...STHLM, ...runs, '--workers', '3']);
    for (const r of [one, two, three]) expect(r.status).toBe(0);
    expect(JSON.parse(two.stdout).workers).toBe(2);
    expect(figures(two.stdout)).toEqual(figures(one.stdout));
    expect(figures(three.stdout)).toEqual(figures(one.stdout));
    const other = andel([...STHLM, ...runs, '--seed', '2', '--workers', '2']);
    expect(figures(other.stdout)).not.toEqual(figures(one.stdout));
  });

  it('without keeping runs (as at national scale), any number of workers gives the figures of keeping them', () => {
    // The built pipeline, so that worker threads run: runs kept in one pass, or made again in passes that keep none.
    const script = `
      import { runSimulation } from ${JSON.stringify(join(ROOT, 'dist/pipeline/simulation.js'))};
      const vary = ['licence.total=uniform(1000000,2000000)', 'population=uniform(-0.05,0.05)'];
      const out = [];
      for (const [workers, keepRuns] of [[1, true], [1, false], [2, false], [3, false], [2, true]]) {
        const r = await runSimulation({ target: 'sthlm-2020', vary, runs: 12_345, seed: 4, workers, keepRuns });
        out.push({ workers: r.workers, passes: r.passes, summary: r.summary });
      }
      process.stdout.write(JSON.stringify(out, (_, v) => (typeof v === 'bigint' ? v.toString() : v)));
    `;
    // A file, not --eval: worker threads inherit the process's options, and --input-type is refused there.
    const file = join(tmp(), 'threads.mjs');
    writeFileSync(file, script);
    const r = spawnSync(process.execPath, [file], { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    expect(r.stderr).toBe('');
    const runs = JSON.parse(r.stdout) as { workers: number; passes: number; summary: unknown }[];
    expect(runs.map((x) => x.workers)).toEqual([1, 1, 2, 3, 2]);
    expect(runs[0]!.passes).toBe(1);
    for (const x of runs.slice(1, 4)) expect(x.passes).toBeGreaterThanOrEqual(2);
    for (const x of runs.slice(1)) expect(x.summary).toEqual(runs[0]!.summary);
  });

  it('JSON: P5/P50/P95/mean of every money output per party, cap binds, decimal strings', () => {
    const r = andel([...STHLM, '--runs', '5000']);
    expect(r.status).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j).toMatchObject({ scheme: 'sthlm-2020', runs: 5000, seed: 1, currency: 'SEK', method: { path: 'fast', chunkRuns: 1000 } });
    const sthlm = j.parties.find((p: { code: string }) => p.code === '0180');
    expect(Object.keys(sthlm.outputs)).toEqual(['licence', 'helpdesk', 'total']);
    for (const k of ['p5', 'p50', 'p95', 'mean', 'min', 'max']) expect(sthlm.outputs.licence[k]).toMatch(/^\d+\.\d\d$/);
    // Stockholm is 41 % of the county: above ~1,5 Mkr it is capped at 615 312 kr.
    expect(sthlm.outputs.licence.p95).toBe('615312.00');
    expect(Number(sthlm.capBinds.licence.probability)).toBeGreaterThan(0.4);
    expect(Number(sthlm.capBinds.licence.probability)).toBeLessThan(0.6);
    expect(j.probabilities.capBinds.licence.runs).toBe(sthlm.capBinds.licence.runs);
    const region = j.parties.find((p: { code: string }) => p.code === '01');
    expect(region.outputs.licence.p5).toBe('0.00');
    expect(j.components.find((c: { id: string }) => c.id === 'licence').cap.policy).toBe('carrier:01');
    expect(j.caveats.join(' ')).toContain('EXEMPELDATA');
  });

  it('a scenario brings its own vary, runs and seed; text output says what was varied', () => {
    const r = andel(['simulate', 'goteborg-avstar', '--runs', '3000']);
    expect(r.status).toBe(0);
    const out = nbsp(r.stdout);
    expect(out).toContain('Varierat: rate=triangular(9.5, 10, 11); population=uniform(-0.02, 0.02).');
    expect(out).toContain('3 000 körningar, frö 2022');
    expect(out).toMatch(/Sannolikhet att behovet inte täcks: \d+,\d %/);
  });

  it('loads neither danfojs nor puppeteer, and draws no progress bar when not on a terminal', () => {
    const dir = tmp();
    const trace = join(dir, 'imports.txt');
    const r = andel([...STHLM, '--runs', '20000', '--workers', '2'], { nodeArgs: ['--import', join(ROOT, 'test/helpers/trace-imports.mjs')], env: { ANDEL_TRACE_IMPORTS: trace } });
    expect(r.status).toBe(0);
    const loaded = readFileSync(trace, 'utf8');
    // The command's chunk in the bundle: simulate-<hash>.js.
    expect(loaded).toMatch(/\bsimulate(-\w+)?\.js/);
    expect(loaded).not.toMatch(/danfojs|puppeteer|@tensorflow|plotly|cli-progress/);
    expect(r.stderr).toBe('');
  });

  it('draws a progress bar on a terminal (stderr), the output file stays clean', () => {
    const dir = tmp();
    const out = join(dir, 's.json');
    const cmd = [process.execPath, BIN, ...STHLM, '--runs', '20000', '--out', out].map((a) => `'${a}'`).join(' ');
    const r = spawnSync('script', ['-qec', cmd, '/dev/null'], { cwd: ROOT, encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('Simulerar [');
    expect(r.stdout).toContain('20000/20000 körningar');
    expect(JSON.parse(readFileSync(out, 'utf8')).runs).toBe(20000);
  });

  it('bad --vary, --runs or --seed: exit 2 and a message naming the option', () => {
    const bad = andel(['simulate', 'vgr-2022', '--vary', 'rate=uniform(-1,2)']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('--vary: rate: uniform(-1, 2) går utanför');
    expect(andel(['simulate', 'vgr-2022', '--vary', 'rate=uniform(9,11)', '--runs', 'många']).stderr).toContain('--runs: "många" är inte ett heltal');
    expect(andel(['simulate', 'vgr-2022', '--vary', 'rate=uniform(9,11)', '--seed', '99999999999']).status).toBe(2);
    const none = andel(['simulate', 'vgr-2022']);
    expect(none.status).toBe(2);
    expect(none.stderr).toContain('inget att variera');
  });
});

describe('andel sweep, sensitivity and goal-seek', () => {
  it('sweep: licence total × contract years, with who the cap binds; CSV has every party at every point', () => {
    const r = andel(['sweep', 'sthlm-2020', '--param', 'licence.total=1000000..3000000/1000000', '--param', 'contract.years=4..5', '--party', '0180']);
    expect(r.status).toBe(0);
    const out = nbsp(r.stdout);
    expect(out).toMatch(/1 000 000 kr\s+4\s+/);
    expect(out).toMatch(/3 000 000 kr\s+5\s+.*Stockholm/);
    const dir = tmp();
    const csv = join(dir, 'sweep.csv');
    expect(andel(['sweep', 'sthlm-2020', '--param', 'licence.total=1000000..3000000/1000000', '--out', csv]).status).toBe(0);
    const lines = readFileSync(csv, 'utf8').split('\r\n');
    // Summary table (3 points), a blank line, the long table (3 points × 27 parties).
    const blank = lines.indexOf('');
    expect(blank).toBe(4);
    expect(lines[blank + 1]).toBe('licence.total;kod;part;licence_kr;helpdesk_kr;belopp_kr;licence_tak_binder');
    expect(lines.filter((l) => /^3000000,00;0180;Stockholm;615312,00;/.test(l))).toHaveLength(1);
  });

  it('sensitivity: a tornado for Stockholms stad\'s licence share', () => {
    const r = andel(['sensitivity', 'sthlm-2020', '--set', 'licence.total=1200000', '--output', '0180.licence', '--range', 'licence.total=1000000..1400000', '--range', 'cap.amount=400000..700000', '--format', 'json']);
    expect(r.status).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.output).toMatchObject({ name: '0180.licence', unit: 'kr', base: '491732.34' });
    expect(j.bars.map((b: { parameter: string }) => b.parameter)).toEqual(['licence.total', 'cap.amount']);
    expect(j.bars[1]).toMatchObject({ low: '400000.00', outputLow: '400000.00', outputHigh: '491732.34' });
  });

  it('goal-seek: the rate that covers the need without Göteborg, exact to the öre', () => {
    const r = andel(['goal-seek', 'goteborg-avstar', '--param', 'rate', '--goal', 'surplus>=0', '--format', 'json']);
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ parameter: 'rate', value: '11.72', direction: 'smallest', beyond: { value: '11.71', meets: false }, output: { name: 'surplus' } });
    const text = nbsp(andel(['goal-seek', 'goteborg-avstar', '--param', 'rate', '--goal', 'surplus>=0']).stdout);
    expect(text).toContain('Svar: rate = 11,72 kr (--set rate=11.72)');
    expect(text).toContain('vid 11,71 kr: surplus = −15 599 kr (inte uppfyllt)');
  });

  it('goal-seek writes text or JSON: a .csv or .xlsx --out is refused, not filled with JSON', () => {
    const r = andel(['goal-seek', 'goteborg-avstar', '--param', 'rate', '--goal', 'surplus>=0', '--out', 'svar.csv']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('--out: goal-seek skriver text eller JSON, inte CSV (svar.csv). Skriv till en .txt- eller .json-fil, eller välj --format text eller json.');
  });

  it('goal-seek "0381=100000": the interval of totals where Enköping pays exactly that, with the values outside that fail', () => {
    const args = ['goal-seek', 'test/fixtures/goal-seek/uppsala.yaml', '--param', 'kommun.total', '--goal', '0381=100000'];
    const text = andel(args);
    expect(text.status).toBe(0);
    expect(nbsp(text.stdout)).toContain(
      [
        'Svar: 0381 = 100 000 kr när kommun.total ligger från 831 826,27 kr till och med 831 826,35 kr (i steg om 0,01 kr; --set kommun.total=831826.27 … 831826.35).',
        '  vid 831 826,26 kr: 0381 = 99 999,99 kr (inte uppfyllt)',
        '  vid 831 826,27 kr: 0381 = 100 000 kr (uppfyllt)',
        '  vid 831 826,35 kr: 0381 = 100 000 kr (uppfyllt)',
        '  vid 831 826,36 kr: 0381 = 100 000,01 kr (inte uppfyllt)',
      ].join('\n'),
    );
    expect(nbsp(text.stdout)).toContain('Sökintervall: kommun.total = 0 kr … 2 000 000 kr (härlett ur schemat; ange ett eget med --range).');
    const j = JSON.parse(andel([...args, '--format', 'json']).stdout);
    expect(j).toMatchObject({
      kind: 'interval',
      value: '831826.27',
      range: { from: '0.00', to: '2000000.00', derived: true, toIsLimit: false },
      interval: {
        first: { value: '831826.27', output: '100000.00', meets: true },
        last: { value: '831826.35', output: '100000.00', meets: true },
        before: { value: '831826.26', output: '99999.99', meets: false },
        after: { value: '831826.36', output: '100000.01', meets: false },
      },
    });
  });

  it('goal-seek without --range on a capped party: exit 2 naming the cap, its amount and the party, never exit 3', () => {
    const args = ['goal-seek', 'test/fixtures/goal-seek/uppsala.yaml', '--param', 'kommun.total', '--goal', '0380>=3000000'];
    const sv = andel(args);
    expect(sv.status).toBe(2);
    expect(sv.stderr).toContain(
      '--goal: målet 0380>=3000000 kan inte nås: Uppsala (0380) betalar aldrig mer än taket i Kommunernas kostnad, 1 500 000 kr ' +
        '(sökt i kommun.total = 0 kr … 45 035 996 273 704,96 kr, upp till det största värde som schemat kan beräknas exakt vid). ' +
        'Det som taket håller tillbaka bär Region Uppsala. Sätt ett mål som ryms under taket, eller höj taket (parametern cap.amount).',
    );
    const en = andel([...args, '--lang', 'en']);
    expect(en.status).toBe(2);
    expect(en.stderr).toContain('--goal: the goal 0380>=3000000 cannot be met: Uppsala (0380) never pays more than the cap in Kommunernas kostnad, 1 500 000 kr');
    const tooFar = andel([...args, '--range', '0..100000000000000']);
    expect(tooFar.status).toBe(2);
    expect(tooFar.stderr).toContain('--range: till 100000000000000 är för stort: vid kommun.total = 100000000000000 kan schemat inte beräknas exakt; högst 45035996273704.96');
  });

  it('--set applies on every command', () => {
    const sweep = andel(['sweep', 'vgr-2022', '--set', 'rate=9', '--param', 'rate=10,11', '--format', 'json']);
    expect(JSON.parse(sweep.stdout).points[0].values).toEqual({ rate: '10.00' });
    const sens = andel(['sensitivity', 'vgr-2022', '--set', 'rate=9', '--output', 'total', '--format', 'json']);
    expect(JSON.parse(sens.stdout).output.base).toBe('31407462.00');
    const sim = andel(['simulate', 'goteborg-avstar', '--set', 'rate=11', '--vary', 'population=uniform(-0.01,0.01)', '--runs', '1000', '--format', 'json']);
    // --vary on the command line is added to the scenario's; rate is still drawn from the scenario.
    expect(JSON.parse(sim.stdout).vary.map((v: { input: string }) => v.input)).toEqual(['rate', 'population']);
    const bad = andel(['goal-seek', 'vgr-2022', '--set', 'rat=9', '--param', 'rate', '--goal', 'surplus>=0']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('okänd parameter "rat"');
  });
});

describe('a broken scenario file', () => {
  it('every problem with file, line and column; exit 2; no output file', () => {
    const dir = tmp();
    const file = join(dir, 'trasig.yaml');
    writeFileSync(file, 'scheme: vgr-2022\ntitle: Trasig\nset:\n  rate: tio\nparties:\n  leave: ["1480"]\n  stay: x\nvary:\n  rate: normal(10)\n');
    const out = join(dir, 'ut.json');
    const r = andel(['compare', 'vgr-2022', file, '--out', out]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/trasig\.yaml, rad 7, kolumn 3: parties: /);
    expect(r.stderr).toContain('stay');
    expect(existsSync(out)).toBe(false);
    writeFileSync(file, 'scheme: vgr-2022\ntitle: Trasig\nset:\n  rate: tio\nvary:\n  rate: normal(10)\n');
    const r2 = andel(['simulate', file, '--out', out]);
    expect(r2.status).toBe(2);
    expect(r2.stderr).toContain('2 fel i indata');
    expect(r2.stderr).toMatch(/trasig\.yaml, rad 4, kolumn 9: "tio" är inte ett tal/);
    expect(r2.stderr).toMatch(/trasig\.yaml, rad 6, kolumn 9: "normal\(10\)": normal tar medel och standardavvikelse/);
    expect(r2.stderr).not.toMatch(/\n\s+at /);
    expect(readdirSync(dir)).toEqual(['trasig.yaml']);
  });
});
