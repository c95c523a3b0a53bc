import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../../data/load-scenario.js';
import { evaluateScheme } from '../../../models/evaluate.js';
import { type SweepAxis, parseAxis, sweep } from '../../../models/scenarios/sweep.js';
import type { VariantSource } from '../../../models/scenarios/source.js';

function axis(text: string, source: VariantSource): SweepAxis {
  const a = parseAxis(text, source);
  if ('error' in a) throw new Error(a.error.en);
  return a;
}

describe('sweeps', () => {
  it('licence total 1–20 Mkr × contract years 4–8 on sthlm-2020: every point an exact evaluation', async () => {
    const s = await loadScenario('sthlm-2020', { provisional: { 'licence.total': '1000000' } });
    const total = axis('licence.total=1000000..20000000/1000000', s.source);
    const years = axis('contract.years=4..8', s.source);
    expect(total.values).toHaveLength(20);
    expect(total.values[0]).toBe(100_000_000);
    expect(years.values).toEqual([4, 5, 6, 7, 8]);
    const points = sweep(s.source, [total, years]);
    expect(points).toHaveLength(100);
    expect(points[0]!.values).toEqual({ 'licence.total': '1000000.00', 'contract.years': '4' });
    const p = points[37]!;
    expect(p.result.total).toBe(evaluateScheme(s.source.variant(p.values)).total);
    // At 1 Mkr nobody reaches the cap; at 20 Mkr every municipality above 1/32 of the county does.
    const capped = (i: number) => points[i]!.result.components.find((c) => c.component.id === 'licence')!.bounded!.capped;
    expect(capped(0)).toEqual([]);
    expect(capped(99)).toContain('0180');
    // The helpdesk grows with the years, the licence does not.
    expect(points[4]!.result.components[1]!.total - points[0]!.result.components[1]!.total).toBe(4 * 325_000_000);
  });

  it('parses lists and plain ranges; refuses what cannot be a grid', async () => {
    const s = await loadScenario('vgr-2022');
    expect(axis('rate=9.5,10,10.5', s.source).values).toEqual([950, 1000, 1050]);
    expect(axis('rate=9..10', s.source).values).toHaveLength(11);
    const bad = (t: string) => {
      const a = parseAxis(t, s.source);
      return 'error' in a ? a.error.sv : 'ok';
    };
    expect(bad('rat=1..2')).toContain('okänd');
    expect(bad('rate=2..1')).toContain('mindre än');
    expect(bad('rate=-1..2/1')).toContain('utanför');
    expect(bad('rate=1..2/0')).toContain('från..till');
    // A value between the öre a rate moves in is refused, never moved to the next öre.
    expect(bad('rate=9.755,9.76')).toBe('rate: 9.755 ligger mellan stegen 0.01 som rate räknas i; ange värden i hela steg');
    expect(bad('rate=9.75..9.76/0.005')).toBe('rate: 0.005 ligger mellan stegen 0.01 som rate räknas i; ange värden i hela steg');
    expect(bad('rate=0..1000/0.01')).toContain('för många');
  });
});
