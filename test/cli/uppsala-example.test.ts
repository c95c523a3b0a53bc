// The README's worked example (examples/uppsala-ehalsa.yaml and its scenario), through the built CLI: one cost
// parameter with derived halves, a cap per municipality and year, a column per year in the export, a ±15 % Monte
// Carlo on the cost that moves both halves together, and the planner's typos caught with the allowed values.
// Every figure asserted here is computed from the population file and the scheme, as the comments show.
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { andel } from '../helpers/cli.js';

const SCHEME = 'examples/uppsala-ehalsa.yaml';
const SCENARIO = 'examples/uppsala-kostnad-osaker.yaml';
const nbsp = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');
const tmp = () => mkdtempSync(join(tmpdir(), 'andel-uppsala-'));

describe('the worked example: Region Uppsala\'s e-health platform', () => {
  it('splits 12 Mkr a year for four years: the region half, Uppsala kommun at its cap of 2 Mkr a year, and says it is an example', () => {
    const r = andel(['allocate', SCHEME, '--format', 'json']);
    expect(r.status).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.total).toBe('48000000.00');
    const amount = (code: string) => j.parties.find((p: { code: string }) => p.code === code).amount;
    expect(amount('0380')).toBe('8000000.00');
    // The region: its own half (4 × 6 Mkr) and what the cap holds back of Uppsala kommun's share.
    const kommuner = j.parties.filter((p: { code: string }) => p.code !== '03').reduce((s: number, p: { amount: string }) => s + Number(p.amount), 0);
    expect(Number(amount('03')) + kommuner).toBe(48_000_000);
    expect(Number(amount('03'))).toBeGreaterThan(24_000_000);
    expect(j.parameters).toMatchObject({ 'cost.total': '12000000', 'region.part': '6000000', 'kommun.part': '6000000' });
    expect(j.caveats.join('\n')).toContain('RÄKNEEXEMPEL, inget avtal');
    const text = nbsp(andel(['allocate', SCHEME]).stdout);
    expect(text).toContain('OBS: RÄKNEEXEMPEL, inget avtal');
    expect(text).toContain('tak 2 000 000 kr per part och år (8 000 000 kr för hela perioden)');
    expect(text).not.toContain('över hela avtalsperioden');
  });

  it('+10 % on the one cost parameter moves both derived halves', () => {
    const j = JSON.parse(andel(['allocate', SCHEME, '--set', 'cost.total=13200000', '--format', 'json']).stdout);
    expect(j.parameters).toMatchObject({ 'cost.total': '13200000', 'region.part': '6600000', 'kommun.part': '6600000' });
    expect(j.total).toBe('52800000.00');
  });

  it('exports a column per year and the total; every year sums to the 12 Mkr and every row to its total', () => {
    const file = join(tmp(), 'uppsala.csv');
    expect(andel(['allocate', SCHEME, '--out', file]).status).toBe(0);
    const rows = readFileSync(file, 'utf8').replace(/^\uFEFF/, '').trim().split(/\r?\n/).map((l) => l.split(';'));
    // The table: the header's width (notes, if any, follow it).
    const table = rows.filter((row) => row.length === rows[0]!.length);
    const head = rows[0]!;
    const years = ['ar_2027_kr', 'ar_2028_kr', 'ar_2029_kr', 'ar_2030_kr'].map((h) => head.indexOf(h));
    expect(years.every((i) => i > 0)).toBe(true);
    const total = head.indexOf('belopp_kr');
    const num = (s: string) => Number(s.replace(',', '.'));
    for (const row of table.slice(1)) expect(years.reduce((s, i) => s + num(row[i]!), 0)).toBeCloseTo(num(row[total]!), 2);
    const sum = table.find((row) => row[1] === 'Summa')!;
    expect(years.map((i) => sum[i])).toEqual(['12000000,00', '12000000,00', '12000000,00', '12000000,00']);
    expect(rows.find((row) => row[1] === 'Uppsala')![0]).toBe('0380');
  });

  it('a ±15 % Monte Carlo on the cost draws it once per run and both halves follow it', () => {
    const r = andel(['simulate', SCENARIO, '--runs', '2000', '--format', 'json']);
    expect(r.status).toBe(0);
    const j = JSON.parse(r.stdout);
    const input = (name: string) => j.inputs.find((i: { input: string }) => i.input === name);
    const cost = input('cost.total');
    const region = input('region.part');
    const kommun = input('kommun.part');
    expect(region.role).toBe('derived');
    // Half of the cost, to the krona, at every percentile: the halves move together, not independently.
    for (const q of ['p5', 'p50', 'p95'] as const) {
      expect(Math.abs(Number(region[q]) - Number(cost[q]) / 2)).toBeLessThanOrEqual(0.5);
      expect(Math.abs(Number(kommun[q]) - Number(cost[q]) / 2)).toBeLessThanOrEqual(0.5);
    }
    expect(Number(cost.min)).toBeGreaterThanOrEqual(10_200_000);
    expect(Number(cost.max)).toBeLessThanOrEqual(13_800_000);
  });

  it('andel validate catches the planner\'s typos at once, with the allowed values and the name meant', () => {
    const dir = tmp();
    copyFileSync(resolve(SCHEME), join(dir, 'ok.yaml'));
    const text = readFileSync(SCHEME, 'utf8')
      .replace('../data/populations/', `${resolve('data/populations')}/`)
      .replace('      policy: region', '      policy: regoin')
      .replace('expr: "cost.total - region.part"', 'expr: "cost.totl - region.part"')
      .replace('    short: Kommuner', '    shrot: Kommuner')
      .replace('    per: year', '    per: yaer');
    writeFileSync(join(dir, 'typo.yaml'), text);
    const r = andel(['validate', join(dir, 'typo.yaml')]);
    expect(r.status).toBe(2);
    const err = nbsp(r.stderr);
    expect(err).toContain('"yaer" är inte tillåtet här; tillåtet är year eller period. Menade du "year"?');
    expect(err).toContain('okänd nyckel "shrot". Menade du "short"?');
    expect(err).toContain('"regoin" är inte tillåtet här; tillåtet är region, redistribute, none eller { param: … }. Menade du "region"?');
    expect(err).toContain('okänd parameter "cost.totl"');
    expect(err).toMatch(/4 fel i indata/);
  });
});
