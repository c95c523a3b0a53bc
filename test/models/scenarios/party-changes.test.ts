import { describe, expect, it } from 'vitest';
import { loadScheme } from '../../../data/load-scheme.js';
import { evaluateScheme } from '../../../models/evaluate.js';
import { applyPartyChanges, checkPartyChanges } from '../../../models/scenarios/party-changes.js';
import { cappedShareYaml, inlineSource, rows } from './helpers.js';

describe('a party leaves', () => {
  it('Göteborg does not sign vgr-2022: the others pay as before, the region still for the whole county', async () => {
    const { model } = await loadScheme('vgr-2022');
    const without = applyPartyChanges(model, { leave: ['1480'], join: [] });
    const r = evaluateScheme(without);
    expect(r.parties).toHaveLength(49);
    expect(r.parties.find((p) => p.party.code === '1480')).toBeUndefined();
    expect(r.parties.find((p) => p.party.code === '14')!.amount).toBe(1_744_859_000);
    expect(r.total).toBe(3_489_718_000 - 587_549_000);
    expect(r.reconciliation.financing).toMatchObject({ need: 3_400_000_000, surplus: 2_902_169_000 - 3_400_000_000, countedUnits: 2_902_169 });
    expect(without.partyList).toBe('Västra Götalandsregionen och 48 kommuner; avstår: Göteborg (1480)');
  });

  it('a leaving party comes out of the cap too, and the others share its part', () => {
    const s = inlineSource(cappedShareYaml(), { population: rows([600_000, 300_000, 100_000]) });
    const r = evaluateScheme(applyPartyChanges(s.model, { leave: ['0101'], join: [] }));
    const licence = r.components[0]!;
    expect(licence.component.parties).toEqual(['0102', '0103']);
    expect(licence.component.kind === 'share' && licence.component.cap!.parties).toEqual(['0102', '0103']);
    // 1 500 000 kr by 3:1, capped at 615 312 kr; the region carries the rest.
    expect(r.parties.find((p) => p.party.code === '0102')!.amount).toBe(61_531_200);
    expect(r.parties.find((p) => p.party.code === '0103')!.amount).toBe(37_500_000);
    expect(r.parties.find((p) => p.party.code === '01')!.amount).toBe(150_000_000 - 61_531_200 - 37_500_000);
  });
});

describe('a party joins', () => {
  it('enters every component that has every party of its kind, with its population', () => {
    const s = inlineSource(cappedShareYaml(), { population: rows([600_000, 300_000]) });
    const m = applyPartyChanges(s.model, { leave: [], join: [{ code: '0199', name: 'Nya kommunen', kind: 'kommun', population: 100_000 }] });
    const r = evaluateScheme(m);
    expect(m.components[0]!.parties).toContain('0199');
    expect(r.parties.find((p) => p.party.code === '0199')!.amount).toBe(15_000_000);
    expect(m.partyList).toContain('ansluter: Nya kommunen (0199)');
  });

  it('problems are located in the changes: unknown, already there, a carrier leaving, missing inputs', () => {
    const s = inlineSource(cappedShareYaml(), { population: rows([600_000, 300_000]) });
    const problems = checkPartyChanges(s.model, {
      leave: ['0999', '01'],
      join: [
        { code: '0101', name: 'Dubblett', kind: 'kommun', population: 1 },
        { code: '0198', name: 'Utan folk', kind: 'kommun' },
      ],
    });
    expect(problems.map((p) => p.path)).toEqual([['leave', 0], ['leave', 1], ['join', 0, 'code'], ['join', 1]]);
    expect(problems[0]!.message.sv).toContain('0999 finns inte');
    expect(problems[1]!.message.sv).toContain('bär det som taken håller tillbaka');
    expect(problems[3]!.message.sv).toContain('behöver population');
  });
});
