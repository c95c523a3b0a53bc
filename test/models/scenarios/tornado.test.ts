import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../../data/load-scenario.js';
import { evaluateScheme } from '../../../models/evaluate.js';
import { tornado, tornadoRanges } from '../../../models/scenarios/tornado.js';

describe('tornado sensitivity', () => {
  it("Stockholms stad's licence share: the licence total swings it, the helpdesk budget does not", async () => {
    const s = await loadScenario('sthlm-2020', { overrides: { 'licence.total': '1200000' }, vary: ['licence.total=uniform(1000000,1400000)', 'population=uniform(-0.05,0.05)'] });
    const { ranges, omitted } = tornadoRanges(s.source, s.vary, { ranges: ['helpdesk.budget=3000000..3500000', 'cap.amount=400000..700000'] });
    expect(omitted.join()).toContain('population');
    const t = tornado(s.source, '0180.licence', ranges, omitted);
    // 1 200 000 kr × 974 073 / 2 377 081 = 491 732,34… kr, to the öre by largest remainder.
    expect(t.base.toString()).toBe('491732.34');
    const names = t.bars.map((b) => b.parameter.name);
    expect(names[0]).toBe('licence.total');
    expect(names[names.length - 1]).toBe('helpdesk.budget');
    const lic = t.bars[0]!;
    // P5 and P95 of uniform(1 000 000, 1 400 000).
    expect(lic.lowText).toBe('1020000.00');
    expect(lic.highText).toBe('1380000.00');
    const at = (v: string) => evaluateScheme(s.source.variant({ 'licence.total': v })).parties.find((p) => p.party.code === '0180')!.components.licence!;
    expect(lic.lowOutput.times(100).toNumber()).toBe(at('1020000.00'));
    expect(lic.highOutput.times(100).toNumber()).toBe(at('1380000.00'));
    expect(t.bars[names.length - 1]!.swing.isZero()).toBe(true);
    // A lower cap binds Stockholm: the cap bar is not flat.
    expect(t.bars.find((b) => b.parameter.name === 'cap.amount')!.lowOutput.toString()).toBe('400000');
  });

  it('without ranges or distributions: ±10 % of every numeric parameter with a value', async () => {
    const s = await loadScenario('vgr-2022');
    const { ranges } = tornadoRanges(s.source, []);
    expect(ranges.map((r) => [r.parameter.name, r.low, r.high, r.basis])).toEqual([['rate', 900, 1100, '±10 %']]);
    const t = tornado(s.source, 'surplus', ranges);
    expect(t.bars[0]!.lowOutput.toString()).toBe(String((3_489_718 * 9 - 34_000_000)));
  });

  it('an explicit range end between the grid steps is refused, not moved to the next öre', async () => {
    const s = await loadScenario('vgr-2022');
    expect(() => tornadoRanges(s.source, [], { ranges: ['rate=9.755..10'] })).toThrow('"rate=9.755..10": 9.755 ligger mellan stegen 0.01 som rate räknas i; ange värden i hela steg');
  });
});
