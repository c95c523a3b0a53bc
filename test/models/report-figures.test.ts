// The figures the report views show, computed once from a result: checked
// against the seeds' own figures, the solver (`andel solve … max-licence-total`
// calls componentCapacity) and sums taken here by hand.
import { describe, expect, it } from 'vitest';
import { loadScheme } from '../../data/load-scheme.js';
import { evaluateScheme } from '../../models/evaluate.js';
import { Dec } from '../../models/money.js';
import { SHARE_SLICES, largestFirst, reportFigures } from '../../models/report-figures.js';
import type { SchemeModel, ShareComponent } from '../../models/scheme.js';
import { componentCapacity } from '../../models/solve.js';

async function evaluated(id: string, overrides: Record<string, string> = {}) {
  const { model } = await loadScheme(id, { overrides });
  const result = evaluateScheme(model);
  return { model, result, figures: reportFigures(result) };
}

const licenceOf = (model: SchemeModel) => model.components.find((c) => c.id === 'licence') as ShareComponent;

describe('reportFigures of vgr-2022', async () => {
  const { result, figures } = await evaluated('vgr-2022');

  it('the one component totals 34 897 180 kr, the scheme total, Tabell 1 to the krona', () => {
    expect(figures.componentTotals).toEqual({ investering: 3_489_718_000 });
    expect(result.total).toBe(3_489_718_000);
    expect(result.reconciliation.sumOfParties).toBe(3_489_718_000);
  });

  it('the municipalities have 1 744 859 inhabitants, the county the region pays for', () => {
    expect(figures.municipalPopulation).toBe(1_744_859);
    expect(result.parties.find((p) => p.party.kind === 'region')?.party.population).toBe(1_744_859);
  });

  it('has no cap to solve for and no split by users', () => {
    expect(figures.caps).toEqual([]);
    expect(figures.perUser).toEqual({});
  });

  it("each party's years sum to its amount: Göteborg 5 875 490 kr", () => {
    expect(figures.scheduleTotals['1480']).toBe(587_549_000);
    for (const p of result.parties) expect(figures.scheduleTotals[p.party.code]).toBe(p.amount);
  });

  it('the share chart: the region and the nine largest municipalities by name, the other 40 together, the whole 34 897 180 kr', () => {
    const { top, rest, total } = figures.shares;
    expect(top).toHaveLength(SHARE_SLICES);
    expect(top[0]?.party.code).toBe('14');
    expect(top[1]?.party.code).toBe('1480');
    expect(rest?.count).toBe(result.parties.length - SHARE_SLICES);
    expect(total).toBe(3_489_718_000);
    expect(top.reduce((s, p) => s + p.amount, 0) + (rest?.amount ?? 0)).toBe(total);
    expect(top).toEqual(largestFirst(result.parties).slice(0, SHARE_SLICES));
  });

  it('the years: what all parties pay each year adds up to the total', () => {
    expect(figures.years.length).toBeGreaterThan(0);
    expect(figures.years.reduce((s, y) => s + (y.amounts['investering'] ?? 0), 0)).toBe(3_489_718_000);
  });
});

describe('reportFigures of sthlm-2020 at the largest licence total before the region carries anything', async () => {
  const { model, result, figures } = await evaluated('sthlm-2020', { 'licence.total': '1501577.88' });

  it("the licence cap: the solver's 1 501 577,88 kr, the answer of `andel solve sthlm-2020 max-licence-total`, binding for Stockholm", () => {
    const solved = componentCapacity(model, licenceOf(model));
    expect(solved.kind).toBe('before-carrier');
    expect(figures.caps).toHaveLength(1);
    const [cap] = figures.caps;
    expect(cap?.component.id).toBe('licence');
    expect(cap?.max?.total).toBe(150_157_788);
    expect(solved.kind !== 'unbounded' && solved.total).toBe(cap?.max?.total);
    expect(cap?.max?.binding.code).toBe('0180');
    // At the largest total there is no room left; the cap binds one öre above.
    expect(cap?.headroom).toBe(0);
    // The region carries what the cap holds back: what the caps hold in all is said only under redistribute.
    expect(cap?.capacity).toBeUndefined();
  });

  it('the components total the scheme total: the licence and eight years of helpdesk', () => {
    expect(figures.componentTotals['licence']).toBe(150_157_788);
    expect((figures.componentTotals['licence'] ?? 0) + (figures.componentTotals['helpdesk'] ?? 0)).toBe(result.total);
    expect(result.reconciliation.uncovered).toBe(0);
  });

  it('per user: 3 250 000 kr for 13 000 users is 250 kr in 2021, and every year budget ÷ users', () => {
    const rates = figures.perUser['helpdesk'] ?? [];
    expect(rates.map((r) => r.year)).toEqual([2021, 2022, 2023, 2024, 2025, 2026, 2027, 2028]);
    expect(rates[0]).toEqual({ year: 2021, budget: 325_000_000, users: 13_000, perUser: new Dec(250) });
    for (const r of rates) expect(r.perUser.equals(new Dec(r.budget).dividedBy(100).dividedBy(r.users))).toBe(true);
    expect(figures.perUser['licence']).toBeUndefined();
  });

  it('the municipalities have 2 377 081 inhabitants (SCB, 31 December 2019)', () => {
    expect(figures.municipalPopulation).toBe(2_377_081);
  });

  it("each party's years sum to its amount", () => {
    for (const p of result.parties) expect(figures.scheduleTotals[p.party.code]).toBe(p.amount);
  });

  it("the years 2021–2028, each the sum of every party's payments that year, per component", () => {
    expect(figures.years.map((y) => y.year)).toEqual([2021, 2022, 2023, 2024, 2025, 2026, 2027, 2028]);
    for (const y of figures.years) {
      for (const id of ['licence', 'helpdesk']) {
        const byHand = result.parties.reduce((s, p) => s + (p.schedule.find((x) => x.year === y.year)?.amounts[id] ?? 0), 0);
        expect(y.amounts[id]).toBe(byHand);
      }
    }
    for (const id of ['licence', 'helpdesk']) expect(figures.years.reduce((s, y) => s + (y.amounts[id] ?? 0), 0)).toBe(figures.componentTotals[id]);
  });
});

describe('reportFigures of sthlm-2020 when what the cap holds back is redistributed', async () => {
  const { model, figures } = await evaluated('sthlm-2020', { 'licence.total': '3000000', 'cap.policy': 'redistribute' });

  it('the caps hold 26 × 615 312 kr = 15 998 112,00 kr in all, as the solver says; the first cap still binds at 1 501 577,89 kr', () => {
    const solved = componentCapacity(model, licenceOf(model));
    const [cap] = figures.caps;
    expect(cap?.capacity).toEqual(solved);
    expect(cap?.capacity?.kind === 'nothing-uncovered' && cap.capacity.total).toBe(1_599_811_200);
    expect(cap?.max?.total).toBe(150_157_788);
    // 3 000 000 kr is 1 498 422,12 kr past the largest total before the first cap binds.
    expect(cap?.headroom).toBe(150_157_788 - 300_000_000);
  });
});

describe('display shares: a printed share column sums to exactly 100,00 %', async () => {
  const { displayShares, WHOLE_HUNDREDTHS } = await import('../../models/report-figures.js');
  const fc = (await import('fast-check')).default;

  it('vgr-2022: the 50 parties\' printed shares sum to 10 000 hundredths; the region has 50,00 %, Göteborg 16,84 %', async () => {
    const { figures } = await evaluated('vgr-2022');
    const shares = Object.values(figures.displayShares);
    expect(shares).toHaveLength(50);
    expect(shares.reduce((a, b) => a + b, 0)).toBe(WHOLE_HUNDREDTHS);
    expect([figures.displayShares['14'], figures.displayShares['1480']]).toEqual([5000, 1684]);
    // Rounding each share on its own would not sum to 100,00 % here.
    const own = result0(figures).reduce((a, b) => a + b, 0);
    expect(own).not.toBe(WHOLE_HUNDREDTHS);
  });

  it('sthlm-2020 at the solver\'s total: 27 parties, 10 000 hundredths; the doughnut\'s slices 1 000 tenths', async () => {
    const { figures } = await evaluated('sthlm-2020', { 'licence.total': '1501577.88' });
    expect(Object.values(figures.displayShares).reduce((a, b) => a + b, 0)).toBe(WHOLE_HUNDREDTHS);
    expect(figures.shares.tenths.reduce((a, b) => a + b, 0)).toBe(1000);
  });

  it('property: any allocation\'s display shares sum to exactly 10 000 hundredths, each within one hundredth of the exact share', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 1_000_000_000 }), { minLength: 1, maxLength: 60 }).filter((a) => a.some((x) => x > 0)), (amounts) => {
        const codes = amounts.map((_, i) => String(i).padStart(3, '0'));
        const shares = displayShares(codes, amounts, 2);
        expect(shares.reduce((a, b) => a + b, 0)).toBe(WHOLE_HUNDREDTHS);
        const whole = amounts.reduce((a, b) => a + b, 0);
        shares.forEach((s, i) => expect(Math.abs(s - (amounts[i]! * WHOLE_HUNDREDTHS) / whole)).toBeLessThan(1));
      }),
      { seed: 1201, numRuns: 500 },
    );
  });
});

/** Each party's share rounded on its own to hundredths of a per cent (what the overview printed before). */
function result0(figures: { shares: { total: number }; scheduleTotals: Readonly<Record<string, number>> }): number[] {
  const total = Object.values(figures.scheduleTotals).reduce((a, b) => a + b, 0);
  return Object.values(figures.scheduleTotals).map((a) => Number(new Dec(a).times(10_000).dividedBy(total).toDecimalPlaces(0, Dec.ROUND_HALF_UP)));
}
