// A cap per year over N years is a cap of N × it over the period (models/per.ts
// proves it): the same figures to the öre, every year within the yearly cap,
// and the outputs say "per år" with the yearly figure.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CapPolicy } from '../../models/cap-policy.js';
import { evaluateScheme } from '../../models/evaluate.js';
import { Dec } from '../../models/money.js';
import { capShortfall, periodCap } from '../../models/per.js';
import type { Party, SchemeModel, ShareComponent } from '../../models/scheme.js';
import { allocationTable, reconciliationLines } from '../../reports/allocation.js';
import { capFigureWithPeriod, capFigureWords, partyCapWords, totalWords } from '../../reports/per-words.js';

const REGION: Party = { code: '99', name: 'Regionen', kind: 'region', population: 1 };
const YEARS = (n: number) => Array.from({ length: n }, (_, k) => 2025 + k);

/** A scheme of one share component over `years` among parties with these weights, with a cap as given. */
function schemeWith(weights: readonly number[], total: number, years: readonly number[], cap: ShareComponent['cap'], unit: number): SchemeModel {
  const parties: Party[] = weights.map((_, i) => ({ code: `${1000 + i}`, name: `Kommun ${i}`, kind: 'kommun', population: 1 }));
  const component: ShareComponent = {
    kind: 'share', id: 'del', label: 'Delning', total,
    key: { kind: 'weights', weights: Object.fromEntries(parties.map((p, i) => [p.code, new Dec(weights[i]!)])) },
    parties: parties.map((p) => p.code), ...(cap ? { cap } : {}), ...(years.length > 0 ? { years } : {}),
  };
  return {
    id: 'per-test', title: 'Test', summary: 'Test', currency: 'SEK', unit, parties: [REGION, ...parties], partyList: 'test',
    components: [component], dates: [], provenance: [], parameters: {}, notes: {},
  };
}

const policies: fc.Arbitrary<CapPolicy> = fc.constantFrom<CapPolicy>({ kind: 'redistribute' }, { kind: 'uncovered' }, { kind: 'carrier', code: '99', name: 'Regionen' });

const cases = fc.record({
  weights: fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: 2, maxLength: 7 }).filter((w) => w.some((x) => x > 0)),
  n: fc.integer({ min: 1, max: 8 }),
  unit: fc.constantFrom(1, 100),
  yearlyCap: fc.integer({ min: 0, max: 5_000_000 }),
  total: fc.integer({ min: 0, max: 50_000_000 }),
  policy: policies,
});

describe('a cap per year of c over N years', () => {
  it('gives exactly the figures of a cap of N × c over the period, and every year stays within c (property)', () => {
    fc.assert(
      fc.property(cases, ({ weights, n, unit, yearlyCap, total, policy }) => {
        const years = YEARS(n);
        const t = Math.floor(total / unit) * unit;
        const codes = weights.map((_, i) => `${1000 + i}`);
        const yearly = periodCap(yearlyCap, n, unit);
        const perYear = evaluateScheme(schemeWith(weights, t, years, { amount: yearly.amount, per: 'year', yearly: yearly.yearly, policy, parties: codes }, unit));
        const perPeriod = evaluateScheme(schemeWith(weights, t, years, { amount: n * (Math.floor(yearlyCap / unit) * unit), policy, parties: codes }, unit));
        expect(perYear.parties.map((p) => [p.amount, p.schedule])).toEqual(perPeriod.parties.map((p) => [p.amount, p.schedule]));
        expect(perYear.reconciliation).toEqual(perPeriod.reconciliation);
        for (const p of perYear.parties.filter((x) => x.party.kind === 'kommun')) {
          for (const y of p.schedule) expect(y.amounts['del']!).toBeLessThanOrEqual(yearly.yearly);
          // A party at its cap pays the yearly cap in every year, not more in one and less in another.
          if (p.amount === yearly.amount && n > 0) expect(p.schedule.every((y) => y.amounts['del'] === yearly.yearly)).toBe(true);
        }
      }),
      { seed: 20260315, numRuns: 300 },
    );
  });

  it('the exports\' year columns sum to each party\'s total (property)', () => {
    fc.assert(
      fc.property(cases, ({ weights, n, unit, yearlyCap, total, policy }) => {
        const t = Math.floor(total / unit) * unit;
        const codes = weights.map((_, i) => `${1000 + i}`);
        const yearly = periodCap(yearlyCap, n, unit);
        const table = allocationTable(evaluateScheme(schemeWith(weights, t, YEARS(n), { amount: yearly.amount, per: 'year', yearly: yearly.yearly, policy, parties: codes }, unit)));
        if (n === 1) {
          expect(table.years).toBeUndefined();
          return;
        }
        expect(table.years).toEqual(YEARS(n));
        for (const row of [...table.rows, table.total]) {
          expect(YEARS(n).reduce((s, y) => s + row.years![y]!, 0) + (row.unscheduled ?? 0)).toBe(row.amount);
        }
      }),
      { seed: 7_1524, numRuns: 200 },
    );
  });

  it('rounds the yearly cap down to the unit before multiplying, so no year can pass it', () => {
    expect(periodCap(12_345, 4, 100)).toEqual({ yearly: 12_300, amount: 49_200 });
    expect(periodCap(61_531_200, 8, 1)).toEqual({ yearly: 61_531_200, amount: 492_249_600 });
  });
});

describe('the words for a figure per year', () => {
  const kr = (o: number) => `${o / 100} kr`;
  const perYear = schemeWith([1, 1], 1_000_000_00, YEARS(4), { amount: 4 * 150_000_00, per: 'year', yearly: 150_000_00, policy: { kind: 'redistribute' }, parties: ['1000', '1001'] }, 1);
  const perPeriod = schemeWith([1, 1], 1_000_000_00, YEARS(4), { amount: 600_000_00, policy: { kind: 'redistribute' }, parties: ['1000', '1001'] }, 1);
  const cYear = perYear.components[0] as ShareComponent;
  const cPeriod = perPeriod.components[0] as ShareComponent;

  it('a cap per year is said per year with its yearly figure, a cap per period as before', () => {
    expect(capFigureWords(cYear, kr)).toBe('150000 kr per år');
    expect(capFigureWithPeriod(cYear, kr)).toBe('150000 kr per år (600000 kr för hela perioden)');
    expect(partyCapWords(cYear, 600_000_00, kr)).toBe('150000 kr per år');
    expect(capFigureWords(cPeriod, kr)).toBe('600000 kr');
    expect(capFigureWithPeriod(cPeriod, kr)).toBe('600000 kr');
  });

  it('a total per year is said per year with the period total beside it', () => {
    expect(totalWords({ ...cYear, totalPer: 'year', yearlyTotal: 250_000_00 }, kr)).toBe('250000 kr per år (1000000 kr för hela perioden)');
    expect(totalWords(cPeriod, kr)).toBe('1000000 kr');
  });

  it('the allocation\'s notes say the cap per part och år', () => {
    const notes = reconciliationLines(evaluateScheme(perYear)).join('\n').replaceAll('\u00a0', ' ');
    expect(notes).toContain('Delning: tak 150 000 kr per part och år (600 000 kr för hela perioden); det som taket håller tillbaka fördelas om på övriga parter efter andel.');
    expect(reconciliationLines(evaluateScheme(perPeriod)).join('\n').replaceAll('\u00a0', ' ')).toContain('Delning: tak 600 000 kr per part;');
  });
});

describe('capShortfall', () => {
  const base = (cap: ShareComponent['cap'], total = 1_000_000_00) => schemeWith([1, 2, 3], total, YEARS(4), cap, 1).components[0] as ShareComponent;
  const all = ['1000', '1001', '1002'];

  it('finds caps that can never hold the total: every party capped, nobody carrying', () => {
    expect(capShortfall(base({ amount: 300_000_00, policy: { kind: 'redistribute' }, parties: all }))).toEqual({ parties: 3, per: 'period', cap: 300_000_00, capacity: 900_000_00, total: 1_000_000_00 });
    expect(capShortfall(base({ amount: 300_000_00, policy: { kind: 'uncovered' }, parties: all }))).toBeDefined();
  });

  it('leaves alone a carrier, a party without a cap, and caps that hold the total exactly', () => {
    expect(capShortfall(base({ amount: 300_000_00, policy: { kind: 'carrier', code: '99' }, parties: all }))).toBeUndefined();
    expect(capShortfall(base({ amount: 300_000_00, policy: { kind: 'redistribute' }, parties: ['1000', '1001'] }))).toBeUndefined();
    expect(capShortfall(base({ amount: 300_000_00, policy: { kind: 'redistribute' }, parties: all }, 900_000_00))).toBeUndefined();
  });

  it('agrees with the evaluation: when it warns, the evaluation leaves at least that much uncovered (property)', () => {
    fc.assert(
      fc.property(cases, ({ weights, n, unit, yearlyCap, total, policy }) => {
        const t = Math.floor(total / unit) * unit;
        const codes = weights.map((_, i) => `${1000 + i}`);
        const yearly = periodCap(yearlyCap, n, unit);
        const model = schemeWith(weights, t, YEARS(n), { amount: yearly.amount, per: 'year', yearly: yearly.yearly, policy, parties: codes }, unit);
        const s = capShortfall(model.components[0] as ShareComponent);
        const uncovered = evaluateScheme(model).reconciliation.uncovered;
        if (s) expect(uncovered).toBeGreaterThanOrEqual(t - weights.length * yearly.amount);
        // Without a warning, redistribute and a carrier cover everything, unless a party weighs
        // nothing (it takes no share of what the caps hold back: the evaluation reports that).
        else if (policy.kind !== 'uncovered' && weights.every((w) => w > 0)) expect(uncovered).toBe(0);
      }),
      { seed: 424242, numRuns: 300 },
    );
  });
});

describe('a total per year over N years', () => {
  it('pays every year exactly the yearly total, each party ⌊P/N⌋ or ⌈P/N⌉ a year, and the same period amounts as N × the total over the period (property)', () => {
    fc.assert(
      fc.property(cases, fc.boolean(), ({ weights, n, unit, yearlyCap, total, policy }, capped) => {
        const years = YEARS(n);
        const y = Math.floor(total / unit) * unit;
        const codes = weights.map((_, i) => `${1000 + i}`);
        const yearly = periodCap(yearlyCap, n, unit);
        const cap = capped ? { amount: yearly.amount, per: 'year' as const, yearly: yearly.yearly, policy, parties: codes } : undefined;
        const perPeriod = schemeWith(weights, n * y, years, cap, unit);
        const perYear: SchemeModel = { ...perPeriod, components: perPeriod.components.map((c) => ({ ...(c as ShareComponent), totalPer: 'year' as const, yearlyTotal: y })) };
        const a = evaluateScheme(perYear);
        const b = evaluateScheme(perPeriod);
        expect(a.parties.map((p) => p.amount)).toEqual(b.parties.map((p) => p.amount));
        expect(a.reconciliation).toEqual(b.reconciliation);
        for (const p of a.parties) {
          const paid = p.schedule.map((s) => s.amounts['del'] ?? 0);
          if (p.amount === 0 && paid.length === 0) continue;
          expect(paid.reduce((s, v) => s + v, 0)).toBe(p.amount);
          expect(Math.max(...paid) - Math.min(...paid)).toBeLessThanOrEqual(unit);
          if (cap && p.party.kind === 'kommun') expect(Math.max(...paid)).toBeLessThanOrEqual(yearly.yearly);
        }
        if (a.reconciliation.uncovered === 0) {
          for (const year of years) expect(a.parties.reduce((s, p) => s + (p.schedule.find((x) => x.year === year)?.amounts['del'] ?? 0), 0)).toBe(y);
        }
      }),
      { seed: 20261203, numRuns: 300 },
    );
  });
});
