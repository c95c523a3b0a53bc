/**
 * A shortfall: money a component must raise that no party covers, because
 * the caps cannot hold the component's total (cap policy `none`, or
 * `redistribute` with every party at its cap). Exit 0 is right for it, the
 * figures are exact, but it must never be quiet: this module finds every
 * shortfall of a result and says it in sentences for the terminal, in
 * Swedish and English. The documents say it in their own words
 * (`reports/views/report-document.ts`, `shortfallNotice`).
 */
import { type CapPolicy, capPolicyText } from '../models/cap-policy.js';
import type { SchemeResult } from '../models/evaluate.js';
import { type Text, t } from '../models/errors.js';
import { type Ore, oreToDecimalString } from '../models/money.js';
import { NBSP, formatKronor } from './format.js';

/** One component whose total the parties do not cover in full. */
export interface Shortfall {
  readonly component: string;
  /** The component's label, and its short label (or the label). */
  readonly label: string;
  readonly short: string;
  /** The component's total as the scheme states it: what is to be covered. */
  readonly total: Ore;
  /** What no party covers. */
  readonly uncovered: Ore;
  /** What the parties pay for the component (`total − uncovered`). */
  readonly covered: Ore;
  /** The cap that binds (as applied, rounded down to the rounding unit). */
  readonly cap?: Ore;
  /** The cap per year, when the scheme gives it per year (`cap` is then the period figure). */
  readonly capPerYear?: Ore;
  /** The parties whose cap binds, in the scheme's party order. */
  readonly capped: readonly { readonly code: string; readonly name: string }[];
  /** How many parties share the component. */
  readonly parties: number;
  /** What the cap policy does with what the caps hold back. */
  readonly policy: CapPolicy['kind'];
}

/**
 * Every component of a result that leaves money uncovered, in the scheme's
 * order; empty when the parties cover everything.
 *
 * @example
 * shortfalls(evaluateScheme(model))[0] // { short: 'Licens', total: 300000000, uncovered: 61401885, … }
 */
export function shortfalls(result: SchemeResult): Shortfall[] {
  const names = new Map(result.scheme.parties.map((p) => [p.code, p.name]));
  const out: Shortfall[] = [];
  for (const c of result.components) {
    const b = c.bounded;
    if (b === undefined || b.reconciliation.uncovered <= 0) continue;
    const capped = new Set(b.capped);
    const cap = b.lines.find((l) => l.capApplied && l.cap !== undefined)?.cap;
    out.push({
      component: c.component.id,
      label: c.component.label,
      short: c.component.short ?? c.component.label,
      total: b.total,
      uncovered: b.reconciliation.uncovered,
      covered: b.total - b.reconciliation.uncovered,
      ...(cap !== undefined ? { cap } : {}),
      ...(cap !== undefined && c.component.kind === 'share' && c.component.cap?.per === 'year' && (c.component.years?.length ?? 0) > 0 ? { capPerYear: cap / c.component.years!.length } : {}),
      capped: b.lines.filter((l) => capped.has(l.code)).map((l) => ({ code: l.code, name: names.get(l.code) ?? l.code })),
      parties: b.lines.length,
      policy: b.policy.kind,
    });
  }
  return out;
}

/**
 * One warning per shortfall, for the terminal: the component, the amount
 * not covered and of what total, the cap and whom it binds, and the policy.
 * Empty when everything is covered. The command line prints each after
 * `varning:`; a library user shows them as it likes.
 *
 * @example
 * shortfallWarnings(result)[0]?.sv
 * // 'Licens: 614 018,85 kr av 3 000 000,00 kr täcks inte av någon part (taket 615 312,00 kr binder för 1 part: Stockholm; policy: ej täckt).'
 */
export function shortfallWarnings(result: SchemeResult): Text[] {
  const decimals = result.scheme.unit % 100 === 0 ? 'auto' : 2;
  const sv = (ore: Ore) => formatKronor(ore, { decimals }).replaceAll(NBSP, ' ');
  const en = (ore: Ore) => englishKronor(ore, decimals);
  return shortfalls(result).map((s) => {
    const n = s.capped.length;
    const all = n === s.parties && n > 1;
    const names = s.capped.map((p) => p.name);
    const whoSv = `${all ? 'alla ' : ''}${n} ${n === 1 ? 'part' : 'parter'}${n <= 5 ? `: ${listSv(names)}` : ''}`;
    const whoEn = `${all ? 'all ' : ''}${n} ${n === 1 ? 'party' : 'parties'}${n <= 5 ? `: ${listEn(names)}` : ''}`;
    const capSv = s.capPerYear !== undefined ? `taket ${sv(s.capPerYear)} per år binder för ${whoSv}` : s.cap !== undefined ? `taket ${sv(s.cap)} binder för ${whoSv}` : `taket binder för ${whoSv}`;
    const capEn = s.capPerYear !== undefined ? `the cap of ${en(s.capPerYear)} a year binds for ${whoEn}` : s.cap !== undefined ? `the cap of ${en(s.cap)} binds for ${whoEn}` : `the cap binds for ${whoEn}`;
    const policy = capPolicyText(s.policy, 'warning');
    return t(
      `${s.short}: ${sv(s.uncovered)} av ${sv(s.total)} täcks inte av någon part (${capSv}; ${policy.sv}).`,
      `${s.short}: ${en(s.uncovered)} of ${en(s.total)} is not covered by any party (${capEn}; ${policy.en}).`,
    );
  });
}

/** `614,018.85 kr`: an amount for an English sentence, exact. */
function englishKronor(ore: Ore, decimals: 'auto' | 2): string {
  const [int, frac] = oreToDecimalString(ore).split('.') as [string, string];
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${grouped}${decimals === 2 || frac !== '00' ? `.${frac}` : ''} kr`;
}

function listSv(items: readonly string[]): string {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} och ${items[items.length - 1]}`;
}

function listEn(items: readonly string[]): string {
  return items.length <= 1 ? items.join('') : items.length === 2 ? `${items[0]} and ${items[1]}` : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}
