/**
 * Years as a first-class idea: a cap, a total and a budget each hold per year
 * or per period (`per: year | period` in a scheme file). The model computes
 * with period amounts only; a figure per year becomes its period amount here,
 * once, and the outputs take the figure as written (`yearly`) to say it.
 *
 * Why a cap per year can be computed as a cap per period: a share component
 * with years spreads each party's period amount P evenly over its N years
 * (`spread` in evaluate.ts: equal weights, largest remainder, in whole
 * rounding units), so every year gets ⌊P/N⌋ or ⌈P/N⌉ units and the largest
 * year is ⌈P/N⌉. For a yearly cap of c units (an integer, the cap rounded
 * down to the unit):
 *
 *     ⌈P/N⌉ ≤ c  ⇔  P/N ≤ c  ⇔  P ≤ N·c
 *
 * (the first step because c is an integer: the smallest integer ≥ P/N is ≤ c
 * exactly when P/N ≤ c). So "at most c in every year" and "at most N·c over
 * the period" admit the same period amounts, and the allocation with caps
 * (apply-caps.ts) gives the same figures for both.
 */
import type { Ore } from './money.js';
import type { CapPolicy } from './cap-policy.js';
import type { CapRule, Per, ShareComponent } from './scheme.js';

/** What `per` means when a field does not say: a cap and a total per period, a budget per year. */
export const DEFAULT_PER = { cap: 'period', total: 'period', budget: 'year' } as const satisfies Record<string, Per>;

/**
 * The period cap the model computes with for a cap of `amount` per year over
 * `years` years: N × the yearly cap rounded down to the unit (as apply-caps
 * rounds every cap), so that each year's part is within the yearly cap.
 *
 * @example periodCap(61_531_200, 4, 1) // { yearly: 61_531_200, amount: 246_124_800 }
 */
export function periodCap(amount: Ore, years: number, unit: Ore): { yearly: Ore; amount: Ore } {
  const yearly = Math.floor(amount / unit) * unit;
  return { yearly, amount: yearly * years };
}

/** The period total of a total given per year: N × the yearly total. */
export function periodTotal(yearly: Ore, years: number): Ore {
  return yearly * years;
}

/** Whether a cap holds per year. */
export function capPerYear(cap: CapRule | undefined): cap is CapRule & { per: 'year'; yearly: Ore } {
  return cap?.per === 'year' && cap.yearly !== undefined;
}

/** The cap per party as written: the yearly figure for a cap per year, else the period amount. */
export function capAsWritten(cap: CapRule): Ore {
  return capPerYear(cap) ? cap.yearly : cap.amount;
}

/** The total as written: the yearly total for a total per year, else the period total. */
export function totalAsWritten(c: ShareComponent): Ore {
  return c.totalPer === 'year' && c.yearlyTotal !== undefined ? c.yearlyTotal : c.total;
}

/** What the caps of a component hold at most, when that is less than its total. */
export interface CapShortfall {
  /** How many parties have the cap: every party of the component. */
  readonly parties: number;
  /** Whether the figures below are per year (cap and total both per year) or over the period. */
  readonly per: Per;
  /** The cap per party, in öre, per {@link CapShortfall.per}. */
  readonly cap: Ore;
  /** The caps together, in öre. */
  readonly capacity: Ore;
  /** The total, in öre. */
  readonly total: Ore;
}

/**
 * Whether a component's caps can never cover its total, whatever the key:
 * every party of the component has the cap, nobody carries what the caps
 * hold back (policy `redistribute` or `none`; a carrier takes all of it and
 * has no cap), and the caps together are less than the total. Then some of
 * the total is left uncovered at any key. Said per year when both the cap and
 * the total are per year, else over the period.
 *
 * A warning is certain: the evaluation then leaves at least total −
 * capacity uncovered. Its absence is not: parties without a cap, or with a
 * weight of 0 (they take no share of what the caps hold back), make the
 * question one of weights, which the evaluation answers (its
 * reconciliation reports what is not covered).
 */
export function capShortfall(c: Pick<ShareComponent, 'total' | 'totalPer' | 'yearlyTotal' | 'parties' | 'cap'>, policy: CapPolicy | undefined = c.cap?.policy): CapShortfall | undefined {
  const cap = c.cap;
  if (!cap || !policy || policy.kind === 'carrier' || c.parties.length === 0) return undefined;
  const capped = new Set(cap.parties);
  if (!c.parties.every((code) => capped.has(code))) return undefined;
  const n = c.parties.length;
  if (n * cap.amount >= c.total) return undefined;
  const yearly = capPerYear(cap) && c.totalPer === 'year' && c.yearlyTotal !== undefined;
  return yearly
    ? { parties: n, per: 'year', cap: cap.yearly!, capacity: n * cap.yearly!, total: c.yearlyTotal! }
    : { parties: n, per: 'period', cap: cap.amount, capacity: n * cap.amount, total: c.total };
}

