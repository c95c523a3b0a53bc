// What the scenario commands print on a terminal: Swedish number formats
// (1 501 577,89 kr, 11,72 kr, "−" minus, "+" on increases), the value to
// type back only beside the reader's form, no row twice in a simulation, and
// cap figures only where a cap exists. The JSON of the same runs is checked
// to keep its machine form, and CSV its numbers.
import { describe, expect, it } from 'vitest';
import { andel } from '../helpers/cli.js';

const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

/** Raw machine money (`6542668.00`, `1501577.89`) outside the `--set …=…` forms a user may type back. */
function rawMoney(text: string): string[] {
  const withoutSet = text.replace(/--set \S+=\S+( … \S+)?/g, '').replace(/--range \S+=\S+/g, '');
  return withoutSet.match(/(?<![\d,])\d+\.\d\d(?!\d)/g) ?? [];
}

function run(args: string[]): string {
  const r = andel(args);
  expect(r.stderr.replace(/^andel: .*EXEMPELDATA.*\n?/gm, '')).not.toMatch(/fel i indata/);
  expect(r.status).toBe(0);
  return plain(r.stdout);
}

const HALVES = 'test/fixtures/terminal/halvor.yaml';
const STHLM_VARY = ['--vary', 'licence.total=uniform(1000000,2000000)', '--vary', 'population=uniform(-0.05,0.05)'];

describe('goal-seek in Swedish number formats', () => {
  it('a threshold: the answer as kronor with the --set to give it again; no raw money anywhere', () => {
    const text = run(['goal-seek', 'sthlm-2020', '--param', 'licence.total', '--goal', '0180.licence.capped']);
    expect(text).toContain('Svar: licence.total = 1 501 577,89 kr (--set licence.total=1501577.89) — det minsta värdet (i steg om 0,01 kr) där målet uppfylls.');
    expect(text).toContain('  vid 1 501 577,88 kr: 0180.licence.capped = 0 (inte uppfyllt)');
    expect(text).toContain('Sökintervall: licence.total = 0 kr … 2 684 354,56 kr (härlett ur schemat');
    expect(rawMoney(text)).toEqual([]);
  });

  it('a rate: 11,72 kr, the goal in words, a negative surplus with "−"', () => {
    const text = run(['goal-seek', 'goteborg-avstar', '--param', 'rate', '--goal', 'surplus>=0']);
    expect(text).toContain('så att surplus ≥ 0 kr');
    expect(text).toContain('Svar: rate = 11,72 kr (--set rate=11.72)');
    expect(text).toContain('  vid 11,71 kr: surplus = −15 599 kr (inte uppfyllt)');
    expect(rawMoney(text)).toEqual([]);
  });

  it('an interval and a goal rounding jumps over: both ends as kronor, the --set forms beside them', () => {
    const interval = run(['goal-seek', 'sthlm-2020', '--param', 'licence.total', '--goal', '0180.licence=600000']);
    expect(interval).toContain('Svar: 0180.licence = 600 000 kr när licence.total ligger från 1 464 211,20 kr till och med 1 464 211,21 kr (i steg om 0,01 kr; --set licence.total=1464211.20 … 1464211.21).');
    expect(interval).toContain('Vid 1 464 211,20 kr: summa 27 464 211,20 kr.');
    expect(rawMoney(interval)).toEqual([]);
    const nearest = run(['goal-seek', 'vgr-2022', '--param', 'rate', '--goal', '1480=5000000']);
    expect(nearest).toContain('  vid 8,50 kr (--set rate=8.50): 1480 = 4 994 167 kr (under målet)');
    expect(rawMoney(nearest)).toEqual([]);
  });

  it('the JSON keeps the machine form', () => {
    const j = JSON.parse(andel(['goal-seek', 'goteborg-avstar', '--param', 'rate', '--goal', 'surplus>=0', '--format', 'json']).stdout);
    expect(j).toMatchObject({ value: '11.72', step: '0.01', range: { from: '0.00', to: '20.00' }, beyond: { value: '11.71', output: '-15599.00' } });
  });
});

describe('sensitivity in Swedish number formats', () => {
  it('low and high as kronor in the text, as numbers in CSV, as grid text in JSON', () => {
    const args = ['sensitivity', 'sthlm-2020', '--output', '0180.licence', '--set', 'licence.total=1500000'];
    const text = run(args);
    expect(text).toMatch(/licence\.total\s+1 350 000 kr\s+1 650 000 kr\s+553 198,88 kr\s+615 312 kr\s+62 113,12 kr/);
    expect(text).toMatch(/cap\.amount\s+553 780,80 kr\s+676 843,20 kr/);
    expect(text).toContain('licence.total: ±10 % av basvärdet.');
    expect(rawMoney(text)).toEqual([]);
    const ranged = run(['sensitivity', 'vgr-2022', '--output', '1480', '--range', 'rate=9.5..10.25']);
    expect(ranged).toMatch(/rate\s+9,50 kr\s+10,25 kr/);
    expect(ranged).toContain('rate: angivet med --range rate=9.5..10.25.');
    expect(rawMoney(ranged)).toEqual([]);
    const csv = run([...args, '--format', 'csv']);
    expect(csv).toContain('licence.total;1350000,00;1650000,00;553198,88;615312,00;62113,12;');
    const j = JSON.parse(andel([...args, '--format', 'json']).stdout);
    expect(j.bars[0]).toMatchObject({ parameter: 'licence.total', low: '1350000.00', high: '1650000.00', basis: '±10 %' });
  });
});

describe('simulate: formats, no row twice, cap figures only where a cap is', () => {
  it('sthlm-2020 varying the licence total and the population: every row once, drawn values as kronor', () => {
    const text = run(['simulate', 'sthlm-2020', '--runs', '500', '--seed', '1', ...STHLM_VARY]);
    const rows = text.split('\n').filter((l) => /^(\d{2,4}|\s{4,})\s/.test(l));
    expect(rows.length).toBeGreaterThan(27);
    const keys = rows.map((l) => l.split(/\s{2,}/).slice(0, 3).join('|'));
    expect(new Set(keys).size).toBe(keys.length);
    expect(text).toMatch(/Dragna värden licence\.total: P5 1 \d{3} \d{3},\d\d kr, P50 1 \d{3} \d{3},\d\d kr, P95 1 \d{3} \d{3},\d\d kr\./);
    // The carrier has no cap: its licence row has no cap figure; a municipality's has one.
    expect(text).toMatch(/^01 {4}Region Stockholm\s+Licens(\s+[\d ]+(,\d\d)? kr){4}$/m);
    expect(text).toMatch(/^0127\s+Botkyrka\s+Licens(\s+[\d ]+(,\d\d)? kr){4}\s+\d+,\d %$/m);
    expect(text).toMatch(/^0127\s+Botkyrka\s+Helpdesk(\s+[\d ]+(,\d\d)? kr){4}$/m);
    // The distributions stand as typed; only the caveat from the data layer carries the provisional median in --set form.
    expect(rawMoney(text.replace(/^(OBS|Varierat): .*$/gm, ''))).toEqual([]);
  });

  it('one output per party: no Summa row repeating it; the cap column only on the capped component\'s rows', () => {
    const text = run(['simulate', HALVES, '--runs', '300', '--seed', '3', '--vary', 'kommun.total=uniform(5000000,7000000)']);
    expect(text).toContain('Taket binder');
    expect(text.match(/Summa/g)).toHaveLength(1);
    expect(text).toMatch(/^\s+Alla parter\s+Summa\s/m);
    expect(text).toMatch(/^03\s+Region Uppsala\s+Regionens del(\s+[\d ]+(,\d\d)? kr){4}$/m);
    expect(text).toMatch(/^0380\s+Uppsala\s+Kommunernas del(\s+[\d ]+(,\d\d)? kr){4}\s+\d+,\d %$/m);
    expect(text).toMatch(/^0381\s+Enköping\s+Kommunernas del(\s+[\d ]+(,\d\d)? kr){4}$/m);
  });

  it('no cap in the scheme: no cap column in the text or the CSV, and the JSON as before', () => {
    const args = ['simulate', 'vgr-2022', '--runs', '300', '--seed', '1', '--vary', 'rate=uniform(9,11)'];
    const text = run(args);
    expect(text).not.toContain('Taket binder');
    expect(text).not.toContain('taket');
    expect(text).toContain('Dragna värden rate: P5 ');
    expect(rawMoney(text)).toEqual([]);
    const csv = run([...args, '--format', 'csv']);
    expect(csv.split('\r\n')[0]).toBe('\ufeffkod;part;utdata;p5_kr;p50_kr;p95_kr;medel_kr');
    const j = JSON.parse(andel([...args, '--format', 'json']).stdout);
    expect(j.probabilities.capBinds).toEqual({});
    expect(Object.values(j.parties[0].outputs)[0]).toMatchObject({ p5: expect.stringMatching(/^\d+\.\d\d$/) });
  });
});

describe('compare and sweep: "+" on increases, parameters as a reader reads them', () => {
  it('compare: a rise carries "+" in kronor and per cent; none is "0 kr" and "0,0 %"; the changed rate as kronor with its --set', () => {
    const text = run(['compare', 'vgr-2022', '--set', 'rate=11.5']);
    expect(text).toMatch(/1480\s+Göteborg\s+5 875 490 kr\s+6 756 814 kr\s+\+881 324 kr\s+\+15,0 %/);
    expect(text).toMatch(/Summa\s+34 897 180 kr\s+40 131 769 kr\s+\+5 234 589 kr\s+\+15,0 %/);
    expect(text).toContain('Ändrade parametrar: rate: 10 kr → 11,50 kr (--set rate=11.5).');
    const none = run(['compare', 'vgr-2022', 'scenarios/goteborg-avstar.yaml']);
    expect(none).toMatch(/14\s+Västra Götalandsregionen\s+17 448 590 kr\s+17 448 590 kr\s+0 kr\s+0,0 %/);
    expect(none).toMatch(/1480\s+Göteborg\s+5 875 490 kr\s+avstår\s+−5 875 490 kr\s+−100,0 %/);
    const csv = run(['compare', 'vgr-2022', '--set', 'rate=11.5', '--format', 'csv']);
    expect(csv).toMatch(/\n1480;Göteborg;5875490,00;6756814,00;881324,00;15,00\r/);
  });

  it('sweep: money on the axis as every other amount (1 000 000 kr), in CSV as a number', () => {
    const text = run(['sweep', 'sthlm-2020', '--param', 'licence.total=1000000..2000000/500000', '--param', 'cap.amount=500000,615312']);
    expect(text).toMatch(/^\s*1 500 000 kr\s+500 000 kr\s+27 500 000 kr\s+114 665,42 kr/m);
    expect(rawMoney(text)).toEqual([]);
    const csv = run(['sweep', 'sthlm-2020', '--param', 'licence.total=1000000..2000000/500000', '--format', 'csv']);
    expect(csv).toContain('\n1500000,00;27500000,00;');
  });
});
