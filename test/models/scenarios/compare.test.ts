import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../../data/load-scenario.js';
import { evaluateScheme } from '../../../models/evaluate.js';
import { compareResults } from '../../../models/scenarios/compare.js';
import { resolveOutput } from '../../../models/scenarios/outputs.js';

describe('compareResults', () => {
  it('vgr-2022 against Göteborg not signing: the gap and the break-even rate', async () => {
    const base = evaluateScheme((await loadScenario('vgr-2022')).source.model);
    const scen = evaluateScheme((await loadScenario('goteborg-avstar')).source.model);
    const c = compareResults(base, scen);
    const gbg = c.parties.find((p) => p.code === '1480')!;
    expect(gbg).toMatchObject({ status: 'left', base: 587_549_000, diff: -587_549_000 });
    expect(gbg.relative!.toString()).toBe('-1');
    expect(c.parties.find((p) => p.code === '1440')).toMatchObject({ status: 'both', diff: 0 });
    expect(c.total).toEqual({ base: 3_489_718_000, scenario: 2_902_169_000, diff: -587_549_000 });
    const row = (k: string) => c.reconciliation.find((r) => r.key === k)!;
    expect(String(row('surplus').base)).toBe('897180');
    expect(String(row('surplus').scenario)).toBe('-4978310');
    expect((row('breakEvenRate').scenario as { toFixed(n: number): string }).toFixed(4)).toBe('11.7154');
  });
});

describe('named outputs', () => {
  it('read parties by code or name, components, and cap figures', async () => {
    const s = await loadScenario('sthlm-2020', { overrides: { 'licence.total': '2000000' } });
    const r = evaluateScheme(s.source.model);
    expect(resolveOutput(r, '0180.licence').read(r)!.toString()).toBe('615312');
    expect(resolveOutput(r, 'Stockholm.licence.capped').read(r)!.toString()).toBe('1');
    expect(resolveOutput(r, '0180.licence.beforeCap').read(r)!.toNumber()).toBeGreaterThan(615_312);
    expect(resolveOutput(r, 'licence.carried').read(r)!.toNumber()).toBeGreaterThan(0);
    expect(resolveOutput(r, 'licence').read(r)!.toString()).toBe('2000000');
    expect(() => resolveOutput(r, '0180.nothing')).toThrow(/okänd utdata/);
  });
});
