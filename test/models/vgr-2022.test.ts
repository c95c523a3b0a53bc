// Golden test: the vgr-2022 scheme, computed from the shipped population file,
// must reproduce the seed's Tabell 1 to the krona, row by row.
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadScheme } from '../../data/load-scheme.js';
import { type SchemeResult, evaluateScheme } from '../../models/evaluate.js';
import { Dec } from '../../models/money.js';
import { allocationJson } from '../../reports/allocation.js';

const SEED_SPELLING: Record<string, string> = { Bengtstors: 'Bengtsfors', Mölnadal: 'Mölndal' };

function seedTable(): { name: string; population: number; amountKr: number }[] {
  const text = readFileSync(new URL('../fixtures/vgr-2022-tabell-1.tsv', import.meta.url), 'utf8');
  return text
    .split('\n')
    .filter((l) => l.includes('\t') && !l.startsWith('#') && !l.startsWith('Huvudman'))
    .map((l) => {
      const [name, pop, sum] = l.split('\t') as [string, string, string];
      const digits = (s: string) => Number(s.replace(/[^0-9]/g, ''));
      return { name: SEED_SPELLING[name] ?? name, population: digits(pop), amountKr: digits(sum) };
    });
}

describe('vgr-2022 reproduces the seed', () => {
  let result: SchemeResult;
  let warnings: readonly unknown[];
  beforeAll(async () => {
    const loaded = await loadScheme('vgr-2022');
    warnings = loaded.warnings;
    result = evaluateScheme(loaded.model);
  });

  it('has the region and the 49 municipalities, with official names', () => {
    expect(result.parties).toHaveLength(50);
    expect(result.parties[0]!.party).toMatchObject({ code: '14', name: 'Västra Götalandsregionen', kind: 'region', population: 1_744_859 });
    const byCode = new Map(result.parties.map((p) => [p.party.code, p.party.name]));
    expect(byCode.get('1460')).toBe('Bengtsfors');
    expect(byCode.get('1481')).toBe('Mölndal');
    expect(result.parties.filter((p) => p.party.kind === 'kommun').every((p) => /^14\d\d$/.test(p.party.code))).toBe(true);
    expect(warnings).toEqual([]);
  });

  it('matches Tabell 1 row by row: population and amount', () => {
    const seed = seedTable();
    expect(seed).toHaveLength(50);
    const byName = new Map(result.parties.map((p) => [p.party.name, p]));
    for (const row of seed) {
      const p = byName.get(row.name);
      expect(p, row.name).toBeDefined();
      expect(p!.party.population, row.name).toBe(row.population);
      expect(p!.amount, row.name).toBe(row.amountKr * 100);
    }
  });

  it('totals 34 897 180 kr and reconciles against the need', () => {
    expect(result.total).toBe(34_897_180_00);
    const f = result.reconciliation.financing!;
    expect(f).toMatchObject({ cost: 51_000_000_00, revenue: 17_000_000_00, need: 34_000_000_00, raised: 34_897_180_00, surplus: 897_180_00, countedUnits: 3_489_718 });
    expect(f.breakEvenRate!.toFixed(2)).toBe('9.74');
    expect(f.coveringRate!.toFixed(2)).toBe('9.75');
    expect(result.reconciliation.conserved).toBe(true);
  });

  it('the covering rate is 9,75 kr: evaluated at 9,74 kr the parties raise 10 148 kr less than the need, at 9,75 kr 24 759 kr more', async () => {
    const f = result.reconciliation.financing!;
    expect(f.coveringRate!.toString()).toBe('9.75');
    // 9,74 × 3 489 718 = 33 989 853,32 kr would be 10 146,68 kr short; each party's amount rounded to the krona makes it 10 148 kr.
    expect(f.covering).toEqual({ raised: 34_024_759_00, surplus: 24_759_00, below: { rate: new Dec('9.74'), raised: 33_989_852_00, surplus: -10_148_00 } });
    // The scheme itself, evaluated at both rates: the covering rate's figures are what the scheme raises there.
    const at = async (rate: string) => evaluateScheme((await loadScheme('vgr-2022', { overrides: { rate } })).model).reconciliation.financing!;
    const [below, covering] = await Promise.all([at('9.74'), at('9.75')]);
    expect([below.raised, below.surplus]).toEqual([33_989_852_00, -10_148_00]);
    expect([covering.raised, covering.surplus]).toEqual([34_024_759_00, 24_759_00]);
    // The break-even rate rounds to 9,74 kr, the rate that falls short.
    expect(f.breakEvenRate!.toFixed(2)).toBe('9.74');
  });

  it('JSON contract: decimal strings, codes, explanation', () => {
    const json = allocationJson(result);
    expect(json).toMatchObject({ scheme: 'vgr-2022', currency: 'SEK', total: '34897180.00' });
    const gbg = json.parties.find((p) => p.code === '1480')!;
    expect(gbg).toMatchObject({ name: 'Göteborg', amount: '5875490.00', population: 587_549, rate: '10.00' });
    expect((gbg.explanation as Record<string, unknown>[])[0]).toMatchObject({ method: 'per-unit', units: 587_549, rate: '10.00', exact: '5875490.0000', rounding: '0.0000' });
    expect(json.reconciliation).toMatchObject({ need: '34000000.00', raised: '34897180.00', surplus: '897180.00', breakEvenRate: '9.74' });
    const text = JSON.stringify(json);
    // No money as a JSON number: every "amount" is a string.
    expect(text).not.toMatch(/"amount":\s*\d/);
  });

  it('a different rate is a parameter override, and the reconciliation follows', async () => {
    const r = evaluateScheme((await loadScheme('vgr-2022', { overrides: { rate: '9.75' } })).model);
    // Each party: 975 öre × inhabitants, rounded half up to whole kronor (the scheme's unit).
    const expected = seedTable().reduce((s, row) => s + Math.floor((975 * row.population + 50) / 100) * 100, 0);
    expect(r.total).toBe(expected);
    expect(r.reconciliation.financing!.surplus).toBe(expected - 34_000_000_00);
    expect(r.reconciliation.financing!.surplus).toBeGreaterThanOrEqual(0);
  });

  it('the national SCB file gives the same figures: only county 14 takes part', async () => {
    const national = evaluateScheme((await loadScheme('vgr-2022', { population: 'data/populations/sweden-2021.csv' })).model);
    expect(national.parties.map((p) => [p.party.code, p.amount])).toEqual(result.parties.map((p) => [p.party.code, p.amount]));
    expect(national.scheme.provenance[0]!.file).toBe('data/populations/sweden-2021.csv');
  });
});
