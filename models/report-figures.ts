/**
 * Every figure a report shows that is not already in the scheme's result,
 * computed once from it: what the solver says a capped component can hold,
 * the per-user price of a yearly split by users, and the sums (per
 * component, per party over its years, per year, the municipalities'
 * inhabitants, the parties of a share chart taken together).
 *
 * The report views only select and format; whatever they would otherwise
 * add up or solve for is here, exact, in öre, where an auditor reads the
 * model.
 */
import { allocateByWeights } from './allocate.js';
import type { PartyResult, SchemeResult } from './evaluate.js';
import type { Comparison, PartyComparison } from './scenarios/compare.js';
import { Dec, type Ore, sumOre } from './money.js';
import type { SchemeModel, ShareComponent } from './scheme.js';
import { type ComponentCapacity, type MaxTotalResult, componentCapacity, maxComponentTotal } from './solve.js';

/** How many of the largest parties a share chart names before it takes the rest together. */
export const SHARE_SLICES = 10;

/** What the solver says about one capped share component of the result's scheme. */
export interface CapSolution {
  readonly component: ShareComponent;
  /**
   * The largest total before the cap binds for any party
   * ({@link maxComponentTotal}); absent when no party has both a cap and a
   * weight, so that no total is limited by the cap.
   */
  readonly max?: MaxTotalResult;
  /**
   * With {@link max}: how much the component's total can grow before the cap
   * binds (`max.total` − the total), in öre; 0 at the largest total, negative
   * past it.
   */
  readonly headroom?: Ore;
  /**
   * Under `redistribute` only, what the caps can hold in all
   * ({@link componentCapacity}): the others take over what a capped party
   * cannot carry, so the cap limits the total only when every party is
   * capped (or never, when a party without a cap shares). Absent under the
   * other policies, and when it is beyond what can be computed exactly.
   */
  readonly capacity?: ComponentCapacity;
}

/** The price per user of one year of a yearly split by users. */
export interface PerUserRate {
  readonly year: number;
  /** The year's budget, in öre. */
  readonly budget: Ore;
  /** The users the budget is split among that year (every party's count). */
  readonly users: number;
  /** Budget ÷ users, in kronor, exact; 0 when there are no users. */
  readonly perUser: Dec;
}

/** What all parties pay in one year. */
export interface YearSums {
  readonly year: number;
  /** By component id, every component of the scheme (0 where nothing falls in the year), in öre. */
  readonly amounts: Readonly<Record<string, Ore>>;
  /** Every component together, in öre. */
  readonly total: Ore;
}

/** The parties of a share chart: the largest by name, the others together. */
export interface ShareSlices {
  /** The {@link SHARE_SLICES} largest parties with a positive amount, largest first (ties by code). */
  readonly top: readonly PartyResult[];
  /** The other parties with a positive amount, taken together; absent when there are none. */
  readonly rest?: { readonly count: number; readonly amount: Ore };
  /** What every party with a positive amount pays: the whole the slices are shares of, in öre. */
  readonly total: Ore;
  /**
   * Each slice's share as printed, in tenths of a per cent: `top` in order,
   * then `rest`; largest remainder, so they sum to exactly 1 000 (100,0 %).
   */
  readonly tenths: readonly number[];
}

/** How many hundredths of a per cent make the whole: a printed share column sums to 100,00 %. */
export const WHOLE_HUNDREDTHS = 10_000;

/** The figures of a scheme result that the report views show, computed once. */
export interface ReportFigures {
  /** The solver's answers for each capped share component, in the scheme's order. */
  readonly caps: readonly CapSolution[];
  /** By component id, for each yearly split by users: the price per user, year by year. */
  readonly perUser: Readonly<Record<string, readonly PerUserRate[]>>;
  /**
   * By component id, every component of the scheme: what the parties pay of
   * it, the sum of their parts (the component's total less what no party
   * covers), in öre.
   */
  readonly componentTotals: Readonly<Record<string, Ore>>;
  /** The inhabitants of every party but the region, which pays for the whole county: the municipalities' sum. */
  readonly municipalPopulation: number;
  /** By party code: the sum of the party's payments over its years, in öre. */
  readonly scheduleTotals: Readonly<Record<string, Ore>>;
  /** Every year any party pays in, in order, with what all parties pay that year per component. */
  readonly years: readonly YearSums[];
  /** The share chart's slices. */
  readonly shares: ShareSlices;
  /**
   * By party code: each party's share of what the parties pay, in
   * hundredths of a per cent, as a share column prints it (two decimals).
   * Largest remainder ({@link displayShares}), so the column sums to exactly
   * 100,00 % (10 000); empty when the parties pay nothing.
   */
  readonly displayShares: Readonly<Record<string, number>>;
}

/**
 * Shares of a whole as printed with a fixed number of decimals, rounded so
 * that the printed figures sum to exactly 100 %: the whole (100 · 10^decimals
 * steps) split by the amounts with largest remainder, ties by code — the
 * allocation every amount goes through. Rounding each share on its own can
 * print 99,99 % or 100,02 % under a column whose total reads 100,00 %.
 *
 * @example
 * displayShares(['a', 'b', 'c'], [1, 1, 1], 2) // [3334, 3333, 3333]: 33,34 % + 33,33 % + 33,33 % = 100,00 %
 */
export function displayShares(codes: readonly string[], amounts: readonly Ore[], decimals: 1 | 2): number[] {
  if (amounts.every((a) => a <= 0)) return amounts.map(() => 0);
  const whole = decimals === 2 ? WHOLE_HUNDREDTHS : 1_000;
  return allocateByWeights({ total: whole, codes, weights: amounts.map((a) => Math.max(0, a)) }).lines.map((l) => l.amount);
}

/**
 * The figures of a scheme result that its reports show.
 *
 * @example
 * const figures = reportFigures(evaluateScheme(vgr));
 * figures.componentTotals['investering'] // 3_489_718_000 öre: 34 897 180 kr for vgr-2022
 */
export function reportFigures(result: SchemeResult): ReportFigures {
  const scheme = result.scheme;
  const ids = scheme.components.map((c) => c.id);
  return {
    caps: capSolutions(result),
    perUser: Object.fromEntries(scheme.components.flatMap((c) => (c.kind === 'yearly-share' && c.key.kind === 'users' ? [[c.id, perUserRates(result, c.id)]] : []))),
    componentTotals: Object.fromEntries(ids.map((id) => [id, sumOre(result.parties.map((p) => p.components[id] ?? 0))])),
    municipalPopulation: result.parties.filter((p) => p.party.kind !== 'region').reduce((s, p) => s + (p.party.population ?? 0), 0),
    scheduleTotals: Object.fromEntries(result.parties.map((p) => [p.party.code, sumOre(p.schedule.map((y) => y.total))])),
    years: yearSums(result, ids),
    shares: shareSlices(result.parties),
    displayShares: displayShareMap(result.parties),
  };
}

/** Each party's printed share, by code. */
function displayShareMap(parties: readonly PartyResult[]): Record<string, number> {
  if (parties.every((p) => p.amount <= 0)) return {};
  const shares = displayShares(
    parties.map((p) => p.party.code),
    parties.map((p) => p.amount),
    2,
  );
  return Object.fromEntries(parties.map((p, i) => [p.party.code, shares[i]!]));
}

/**
 * Whether a document of the scheme prints öre: when the scheme rounds to
 * less than a krona (its amounts have öre), or a figure it states has öre (a
 * total, a cap, a budget, the financing) — the only amounts of a scheme that
 * rounds to whole kronor that can. Otherwise every amount is whole kronor and
 * is printed without ",00": one money format per document.
 *
 * @example schemePrintsOre(vgr) // false: 34 897 180 kr; schemePrintsOre(sthlm) // true: 1 501 577,88 kr
 */
export function schemePrintsOre(scheme: SchemeModel): boolean {
  if (scheme.unit % 100 !== 0) return true;
  const f = scheme.financing;
  const stated = [
    ...scheme.components.flatMap((c) => (c.kind === 'share' ? [c.total, ...(c.cap !== undefined ? [c.cap.amount] : []), ...Object.values(c.floors ?? {})] : c.kind === 'yearly-share' ? [c.budget] : [])),
    ...(f !== undefined ? [f.cost, f.revenue] : []),
  ];
  return stated.some((a) => a % 100 !== 0);
}

/** Parties largest amount first, ties by code: the order of every chart and list by size. */
export function largestFirst(parties: readonly PartyResult[]): PartyResult[] {
  return [...parties].sort((a, b) => b.amount - a.amount || (a.party.code < b.party.code ? -1 : 1));
}

/**
 * The solver's answers for each capped share component. The solver refuses
 * what it cannot answer (no party with both a cap and a weight, a total
 * beyond exact computation); a report then says nothing about it rather
 * than fail.
 */
function capSolutions(result: SchemeResult): CapSolution[] {
  const model = result.scheme;
  const out: CapSolution[] = [];
  for (const c of model.components) {
    if (c.kind !== 'share' || c.cap === undefined) continue;
    let max: MaxTotalResult | undefined;
    try {
      max = maxComponentTotal(model, c);
    } catch {
      // No party with both a cap and a weight: no total is limited by the cap.
      max = undefined;
    }
    let capacity: ComponentCapacity | undefined;
    if (c.cap.policy.kind === 'redistribute') {
      try {
        capacity = componentCapacity(model, c);
      } catch {
        // Beyond what can be computed exactly, or no party with a weight: nothing to say about it.
        capacity = undefined;
      }
    }
    out.push({ component: c, ...(max !== undefined ? { max, headroom: max.total - c.total } : {}), ...(capacity !== undefined ? { capacity } : {}) });
  }
  return out;
}

/** The per-user price of a yearly split: budget ÷ users, per year. */
function perUserRates(result: SchemeResult, componentId: string): PerUserRate[] {
  const c = result.components.find((x) => x.component.id === componentId);
  return (c?.yearly ?? []).map((y) => {
    const users = Number(y.allocation.lines.reduce((s, l) => s + BigInt(l.weight), 0n));
    return { year: y.year, budget: y.budget, users, perUser: users === 0 ? new Dec(0) : new Dec(y.budget).dividedBy(100).dividedBy(users) };
  });
}

/** What all parties pay per year and component, over every year any party pays in. */
function yearSums(result: SchemeResult, ids: readonly string[]): YearSums[] {
  const years = [...new Set(result.parties.flatMap((p) => p.schedule.map((y) => y.year)))].sort((a, b) => a - b);
  return years.map((year) => {
    const inYear = result.parties.flatMap((p) => p.schedule.filter((y) => y.year === year));
    const amounts = Object.fromEntries(ids.map((id) => [id, sumOre(inYear.map((y) => y.amounts[id] ?? 0))]));
    return { year, amounts, total: sumOre(Object.values(amounts)) };
  });
}

/** The largest parties with a positive amount and the rest together. */
function shareSlices(parties: readonly PartyResult[]): ShareSlices {
  const paying = largestFirst(parties).filter((p) => p.amount > 0);
  const rest = paying.slice(SHARE_SLICES);
  const top = paying.slice(0, SHARE_SLICES);
  const restAmount = sumOre(rest.map((p) => p.amount));
  const slices = [...top.map((p) => ({ code: p.party.code, amount: p.amount })), ...(rest.length > 0 ? [{ code: '\uffff', amount: restAmount }] : [])];
  return {
    top,
    ...(rest.length > 0 ? { rest: { count: rest.length, amount: restAmount } } : {}),
    total: sumOre(paying.map((p) => p.amount)),
    tenths: displayShares(
      slices.map((s) => s.code),
      slices.map((s) => s.amount),
      1,
    ),
  };
}

/** The parties of a comparison whose amount the scenario does not change, taken together. */
export interface UnchangedParties {
  /** How many parties are on both sides with the same amount. */
  readonly count: number;
  /** What they pay together, in öre (the same on both sides). */
  readonly amount: Ore;
}

/**
 * The parties a comparison's table lists one by one (those the scenario
 * changes: another amount, leaving, joining), and the others taken together,
 * so that one changed party is not lost among rows of zeros.
 *
 * @example
 * changedParties(compareResults(vgr, withoutGoteborg)).unchanged // { count: 49, amount: … }: only Göteborg is listed
 */
export function changedParties(c: Comparison): { readonly changed: readonly PartyComparison[]; readonly unchanged: UnchangedParties } {
  const same = (p: PartyComparison) => p.status === 'both' && p.diff === 0;
  const unchanged = c.parties.filter(same);
  return { changed: c.parties.filter((p) => !same(p)), unchanged: { count: unchanged.length, amount: sumOre(unchanged.map((p) => p.base ?? 0)) } };
}
