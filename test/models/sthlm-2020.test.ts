// The sthlm-2020 scheme on the general engine: the seed's helpdesk calibration,
// the capped licence under each policy, the solver, district splits, notice.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadScheme } from '../../data/load-scheme.js';
import { InputError } from '../../models/errors.js';
import { evaluateScheme } from '../../models/evaluate.js';
import { maxTotalUnderCaps } from '../../models/solve.js';
import { allocateByWeights } from '../../models/allocate.js';
import { addMonths, endAfterNotice } from '../../models/timeline.js';
import { allocationJson } from '../../reports/allocation.js';

const CAP = 615_312_00;
const load = (overrides: Record<string, string>, extra = {}) => loadScheme('sthlm-2020', { overrides, ...extra }).then((l) => evaluateScheme(l.model));

describe('sthlm-2020 helpdesk', () => {
  it('first contract year: 425 000,00 kr for the municipalities and 2 825 000,00 kr for the region', async () => {
    const r = await load({ 'licence.total': '1000000' });
    const year = (code: string, y: number) => r.parties.find((p) => p.party.code === code)!.schedule.find((s) => s.year === y)!.amounts.helpdesk!;
    const kommuner = r.parties.filter((p) => p.party.kind === 'kommun');
    expect(kommuner).toHaveLength(26);
    expect(kommuner.reduce((s, p) => s + year(p.party.code, 2021), 0)).toBe(425_000_00);
    expect(year('01', 2021)).toBe(2_825_000_00);
    expect(r.scheme.caveats!.map((c) => c.reader).join(' ')).toContain('EXEMPELDATA');
  });

  it('applies a yearly index from the second year', async () => {
    const r = await load({ 'licence.total': '1000000', 'helpdesk.index': '2' });
    const budget = r.components.find((c) => c.component.id === 'helpdesk')!.yearly!;
    expect(budget.map((y) => y.budget).slice(0, 3)).toEqual([3_250_000_00, 3_315_000_00, 3_381_300_00]);
    expect(budget).toHaveLength(8);
  });
});

describe('sthlm-2020 licence', () => {
  it('splits by population share over 26 municipalities, schedule years sum to each total', async () => {
    const r = await load({ 'licence.total': '1200000' });
    const lic = r.components.find((c) => c.component.id === 'licence')!;
    expect(lic.total).toBe(1_200_000_00);
    expect(lic.bounded!.capped).toEqual([]);
    for (const p of r.parties) {
      const sum = p.schedule.reduce((s, y) => s + (y.amounts.licence ?? 0), 0);
      expect(sum).toBe(p.components.licence ?? 0);
      if (p.party.kind === 'kommun') expect(p.schedule).toHaveLength(8);
    }
    const json = allocationJson(r);
    const sthlm = json.parties.find((p) => p.code === '0180') as Record<string, unknown>;
    expect(sthlm.components).toMatchObject({ licence: expect.stringMatching(/^\d+\.\d\d$/), helpdesk: expect.stringMatching(/^\d+\.\d\d$/) });
    expect((sthlm.schedule as { year: number }[])[0]).toMatchObject({ year: 2021, licence: expect.any(String), helpdesk: expect.any(String) });
    expect(sthlm.capUtilisation).toMatchObject({ licence: expect.any(String) });
  });

  it('policy region: Region Stockholm carries what the cap holds back', async () => {
    const r = await load({ 'licence.total': '3000000' });
    const b = r.components.find((c) => c.component.id === 'licence')!.bounded!;
    expect(b.capped).toEqual(['0180']);
    const sthlm = r.parties.find((p) => p.party.code === '0180')!;
    expect(sthlm.components.licence).toBe(CAP);
    const region = r.parties.find((p) => p.party.code === '01')!;
    expect(region.components.licence).toBe(b.reconciliation.heldBack);
    expect(r.parties.reduce((s, p) => s + (p.components.licence ?? 0), 0)).toBe(3_000_000_00);
  });

  it('policy redistribute and none', async () => {
    const red = await load({ 'licence.total': '3000000', 'cap.policy': 'redistribute' });
    expect(red.parties.reduce((s, p) => s + (p.components.licence ?? 0), 0)).toBe(3_000_000_00);
    expect(red.parties.find((p) => p.party.code === '01')!.components.licence).toBeUndefined();
    expect(red.parties.every((p) => p.party.kind !== 'kommun' || p.components.licence! <= CAP)).toBe(true);
    const none = await load({ 'licence.total': '3000000', 'cap.policy': 'none' });
    const lic = none.components.find((c) => c.component.id === 'licence')!;
    expect(lic.bounded!.reconciliation.uncovered).toBeGreaterThan(0);
    expect(none.reconciliation.uncovered).toBe(lic.bounded!.reconciliation.uncovered);
    expect(none.parties.reduce((s, p) => s + (p.components.licence ?? 0), 0) + none.reconciliation.uncovered).toBe(3_000_000_00);
  });

  it('refuses more than 8 contract years', async () => {
    await expect(load({ 'licence.total': '1', 'contract.years': '9' })).rejects.toThrow(/contract.years/);
  });
});

describe('maxTotalUnderCaps', () => {
  it('sthlm-2020: about 1,50 Mkr, Stockholm binding; one öre more breaks the cap', async () => {
    const { model } = await loadScheme('sthlm-2020', { overrides: { 'licence.total': '0' } });
    const kommuner = model.parties.filter((p) => p.kind === 'kommun');
    const r = maxTotalUnderCaps({ codes: kommuner.map((p) => p.code), weights: kommuner.map((p) => p.population!), caps: kommuner.map(() => CAP), unit: 1 });
    expect(r.total).toBe(1_501_577_88);
    expect(r.binding).toMatchObject({ code: '0180', amountAtTotal: CAP, amountAtNext: CAP + 1 });
  });

  it('property: the answer is feasible, one unit more is not, and nothing larger is', () => {
    const arb = fc.uniqueArray(fc.stringMatching(/^[0-9]{4}$/), { minLength: 1, maxLength: 12 }).chain((codes) =>
      fc.record({
        codes: fc.constant(codes),
        weights: fc.array(fc.integer({ min: 1, max: 50_000 }), { minLength: codes.length, maxLength: codes.length }),
        caps: fc.array(fc.option(fc.integer({ min: 0, max: 5_000_000 }), { nil: undefined, freq: 3 }), { minLength: codes.length, maxLength: codes.length }),
        unit: fc.constantFrom(1, 100),
      }),
    ).filter((x) => x.caps.some((c) => c !== undefined));
    fc.assert(
      fc.property(arb, ({ codes, weights, caps, unit }) => {
        const r = maxTotalUnderCaps({ codes, weights, caps, unit });
        const over = (total: number) => {
          const a = allocateByWeights({ total, codes, weights, unit });
          return a.lines.some((l, i) => caps[i] !== undefined && l.amount > caps[i]!);
        };
        expect(over(r.total)).toBe(false);
        expect(over(r.total + unit)).toBe(true);
        for (let k = 2; k <= 40; k++) expect(over(r.total + k * unit)).toBe(true);
      }),
      { seed: 20_201_029, numRuns: 500 },
    );
  });
});

describe('district split', () => {
  const dir = mkdtempSync(join(tmpdir(), 'andel-split-'));

  it('refuses sub-parties that do not sum to the parent, saying by how much', async () => {
    await expect(loadScheme('sthlm-2020', { overrides: { 'licence.total': '1' }, splits: [{ parent: '0180', file: 'data/populations/stockholm-city-districts-2011.csv' }] })).rejects.toThrow(
      /summerar till 864 324 invånare men Stockholm \(0180\) har 974 073: 109 749 för få/,
    );
  });

  it('accepts an exact split: sub-parties replace the parent in the licence split, codes contain the parent code', async () => {
    const file = join(dir, 'delar.csv');
    writeFileSync(file, 'namn;folkmangd\nNorr;500000\nSöder;474073\n');
    const { model } = await loadScheme('sthlm-2020', { overrides: { 'licence.total': '3000000' }, splits: [{ parent: '0180', file }] });
    const r = evaluateScheme(model);
    const parts = r.parties.filter((p) => p.party.parent === '0180');
    expect(parts.map((p) => p.party.code)).toEqual(['0180-01', '0180-02']);
    expect(parts.every((p) => p.components.licence! <= CAP)).toBe(true);
    const parent = r.parties.find((p) => p.party.code === '0180')!;
    expect(parent.components.licence).toBeUndefined();
    expect(parent.components.helpdesk).toBeGreaterThan(0);
    expect(model.partyList).toContain('uppdelad på 2 delar');
  });
});

describe('notice to a year-end with 12 months', () => {
  it.each([
    ['2023-03-15', '2024-12-31'],
    ['2023-01-01', '2024-12-31'],
    ['2023-12-31', '2024-12-31'],
    ['2024-01-01', '2025-12-31'],
    ['2024-02-29', '2025-12-31'],
  ])('notice on %s ends the agreement on %s', (notice, end) => {
    expect(endAfterNotice(notice, 12)).toBe(end);
  });

  it('adds months with the day clamped, and refuses impossible dates', () => {
    expect(addMonths('2023-01-31', 1)).toBe('2023-02-28');
    expect(addMonths('2024-02-29', 12)).toBe('2025-02-28');
    expect(() => endAfterNotice('2023-02-30', 12)).toThrow(InputError);
  });
});
