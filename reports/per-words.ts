/**
 * A cap and a total in words that follow the scheme's `per` (models/per.ts):
 * a cap per year is said as the agreement says it, `615 312 kr per år`, with
 * the period figure the model computes with beside it where a reader needs
 * it; a cap per period as it always has been. One place, so that every
 * output says a figure per year the same way.
 */
import { capPerYear } from '../models/per.js';
import type { Ore } from '../models/money.js';
import type { ShareComponent } from '../models/scheme.js';

/** How an output writes an amount (its own decimals, its own spaces). */
export type MoneyWords = (ore: Ore) => string;

/** The cap per party as written: `615 312 kr per år` for a cap per year, `615 312 kr` for one per period. */
export function capFigureWords(c: Pick<ShareComponent, 'cap'>, money: MoneyWords): string {
  const cap = c.cap!;
  return capPerYear(cap) ? `${money(cap.yearly)} per år` : money(cap.amount);
}

/**
 * The cap per party as written, with the period figure beside a cap per year
 * over several years: `615 312 kr per år (2 461 248 kr för hela perioden)`.
 */
export function capFigureWithPeriod(c: Pick<ShareComponent, 'cap' | 'years'>, money: MoneyWords): string {
  const cap = c.cap!;
  if (!capPerYear(cap)) return money(cap.amount);
  const n = c.years?.length ?? 0;
  return n > 1 ? `${money(cap.yearly)} per år (${money(cap.amount)} för hela perioden)` : `${money(cap.yearly)} per år`;
}

/** A per-party cap of the model (a period amount) as written: the yearly figure per år for a cap per year. */
export function partyCapWords(c: Pick<ShareComponent, 'cap' | 'years'> | undefined, periodCap: Ore, money: MoneyWords): string {
  const n = c?.years?.length ?? 0;
  return c && capPerYear(c.cap) && n > 0 ? `${money(periodCap / n)} per år` : money(periodCap);
}

/**
 * The total as written: `12 000 000 kr per år (48 000 000 kr för hela
 * perioden)` for a total per year over several years, else the total.
 */
export function totalWords(c: Pick<ShareComponent, 'total' | 'totalPer' | 'yearlyTotal' | 'years'>, money: MoneyWords): string {
  if (c.totalPer !== 'year' || c.yearlyTotal === undefined) return money(c.total);
  const n = c.years?.length ?? 0;
  return n > 1 ? `${money(c.yearlyTotal)} per år (${money(c.total)} för hela perioden)` : `${money(c.yearlyTotal)} per år`;
}

/**
 * ` för hela perioden` after a period figure (a largest total, what a cap
 * holds back) of a component that states a figure per year over several
 * years, so that the reader does not take it for a year's; nothing
 * otherwise, where period figures are all there is.
 */
export function periodSuffix(c: Pick<ShareComponent, 'cap' | 'totalPer' | 'years'>): string {
  return (capPerYear(c.cap) || c.totalPer === 'year') && (c.years?.length ?? 0) > 1 ? ' för hela perioden' : '';
}
