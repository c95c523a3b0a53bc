import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../../data/load-scenario.js';
import { InputError } from '../../../models/errors.js';
import { evaluateScheme } from '../../../models/evaluate.js';
import { goalSeek } from '../../../models/scenarios/goal-seek.js';
import { type Goal, parseGoal } from '../../../models/scenarios/outputs.js';
import { parameterNamed } from '../../../models/scenarios/source.js';

function goal(text: string): Goal {
  const g = parseGoal(text);
  if ('error' in g) throw new Error(g.error.en);
  return g;
}

describe('goal seek', () => {
  it('the rate at which vgr-2022 without Göteborg covers its need: 11,72 kr, and 11,71 kr does not', async () => {
    const s = await loadScenario('scenarios/goteborg-avstar.yaml');
    const g = goalSeek({ source: s.source, parameter: parameterNamed(s.source, 'rate', '--param'), goal: goal('surplus>=0') });
    expect(g.direction).toBe('smallest');
    expect(g.answer.text).toBe('11.72');
    expect(g.beyond.text).toBe('11.71');
    expect(g.answer.meets).toBe(true);
    expect(g.beyond.meets).toBe(false);
    // Exact: every party rounded to whole kronor at 11,72 kr per inhabitant.
    const at = evaluateScheme(s.source.variant({ rate: '11.72' }));
    expect(g.result.total).toBe(at.total);
    expect(at.reconciliation.financing!.surplus).toBeGreaterThanOrEqual(0);
    expect(evaluateScheme(s.source.variant({ rate: '11.71' })).reconciliation.financing!.surplus).toBeLessThan(0);
  });

  it('the Stockholm licence total at which Stockholms stad reaches the cap, to the öre', async () => {
    const s = await loadScenario('sthlm-2020', { provisional: { 'licence.total': '0' } });
    const g = goalSeek({ source: s.source, parameter: parameterNamed(s.source, 'licence.total', '--param'), goal: goal('0180.licence>=615312') });
    expect(g.direction).toBe('smallest');
    const at = evaluateScheme(s.source.variant({ 'licence.total': g.answer.text }));
    const below = evaluateScheme(s.source.variant({ 'licence.total': g.beyond.text }));
    const sthlm = (r: typeof at) => r.parties.find((p) => p.party.code === '0180')!.components.licence;
    expect(sthlm(at)).toBe(61_531_200);
    expect(sthlm(below)).toBe(61_531_199);
    // Stockholm is 974 073 of 2 377 081 inhabitants: the cap is reached near 1,50 Mkr.
    expect(Number(g.answer.text)).toBeGreaterThan(1_500_000);
    expect(Number(g.answer.text)).toBeLessThan(1_502_000);
    // The largest total at which the cap does not bind ("capped": amount held back) is a few öre higher.
    const binds = goalSeek({ source: s.source, parameter: parameterNamed(s.source, 'licence.total', '--param'), goal: goal('0180.licence.capped') });
    expect(Number(binds.answer.text)).toBeGreaterThan(Number(g.answer.text));
    expect(Number(binds.answer.text) - Number(g.answer.text)).toBeLessThan(0.1);
  });

  it('a range where the goal does not change is refused; an unknown output lists the possible ones', async () => {
    const s = await loadScenario('vgr-2022');
    const rate = parameterNamed(s.source, 'rate', '--param');
    expect(() => goalSeek({ source: s.source, parameter: rate, goal: goal('surplus>=0'), range: ['20', '30'] })).toThrow(/uppfylls i hela intervallet/);
    expect(() => goalSeek({ source: s.source, parameter: rate, goal: goal('vinst>=0') })).toThrow(InputError);
    try {
      goalSeek({ source: s.source, parameter: rate, goal: goal('vinst>=0') });
    } catch (e) {
      expect((e as InputError).problems[0]!.hint!.sv).toContain('surplus');
    }
  });

  it('also finds the largest value that meets a goal', async () => {
    const s = await loadScenario('vgr-2022');
    const g = goalSeek({ source: s.source, parameter: parameterNamed(s.source, 'rate', '--param'), goal: goal('1480<=5000000'), range: ['0', '20'] });
    expect(g.direction).toBe('largest');
    // Göteborg has 587 549 inhabitants: 8,51 kr gives 5 000 042 kr (rounded to kronor), 8,50 kr 4 994 167 kr.
    expect(g.answer.text).toBe('8.50');
    expect(g.beyond.text).toBe('8.51');
  });
});

describe('parseGoal', () => {
  it('reads comparisons and lone 0/1 outputs', () => {
    expect(goal('surplus >= 0')).toMatchObject({ output: 'surplus', op: '>=' });
    expect(goal('0180.licence.utilisation≥1')).toMatchObject({ output: '0180.licence.utilisation', op: '>=' });
    expect(goal('0180.licence.capped')).toMatchObject({ output: '0180.licence.capped', op: '>=', text: '0180.licence.capped>=1' });
    expect(goal('total <= 1 500 000,50').target.toString()).toBe('1500000.5');
    expect('error' in parseGoal('surplus >= abc')).toBe(true);
  });
});
