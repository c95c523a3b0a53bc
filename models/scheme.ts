/**
 * A cost-sharing scheme in its resolved form: every parameter has a value,
 * every party has its inputs. This is what `data/scheme/resolve.ts` builds from a
 * scheme file and what {@link evaluateScheme} in `evaluate.ts` computes on.
 * Nothing here reads a file.
 */
import type { CapPolicy } from './cap-policy.js';
import type { Dec, Ore } from './money.js';

/** What kind of huvudman a party is. */
export type PartyKind = 'region' | 'kommun' | 'del';

/** One party to the scheme. */
export interface Party {
  /** 2-digit county code for a region, 4-digit kommunkod, `PARENT-NN` for a sub-party. */
  readonly code: string;
  readonly name: string;
  readonly kind: PartyKind;
  /** The parent's code for a sub-party (a stadsdelsförvaltning of Stockholms stad). */
  readonly parent?: string;
  /** Inhabitants counted for this party (a region: the whole county's). */
  readonly population?: number;
}

/** How one party was split into sub-parties (a city into its districts). */
export interface PartySplit {
  readonly parent: string;
  readonly children: readonly string[];
  /** The file the sub-parties came from. */
  readonly file: string;
  /** The sub-parties' populations were apportioned from the file's shares (not official figures). */
  readonly proportional: boolean;
}

/** How a total is divided among parties. */
export type Key =
  | { readonly kind: 'population' }
  | { readonly kind: 'users'; readonly year?: number }
  | { readonly kind: 'equal' }
  | { readonly kind: 'weights'; readonly weights: Readonly<Record<string, Dec>> }
  | { readonly kind: 'blend'; readonly parts: readonly { readonly key: Key; readonly weight: Dec }[] };

/** Each party pays rate × its units. */
export interface PerUnitComponent {
  readonly kind: 'per-unit';
  readonly id: string;
  readonly label: string;
  /** A short label for table headings. */
  readonly short?: string;
  /** Kronor per unit. */
  readonly rate: Dec;
  /** What is counted: inhabitants. */
  readonly key: { readonly kind: 'population' };
  readonly parties: readonly string[];
  /** The year the amount falls due (for the schedule). */
  readonly year?: number;
}

/**
 * Whether a figure of the scheme holds for each year of a component's years
 * (`year`) or for the whole period (`period`). A scheme file says it with
 * `per:`; a cap and a total are per period unless they say otherwise.
 */
export type Per = 'year' | 'period';

/** A cap on what one party may carry of a component. */
export interface CapRule {
  /**
   * Öre per party over the whole period: what the model computes with. A
   * cap per year over N years is N × {@link CapRule.yearly} here (see
   * `periodCap` in models/per.ts for why that is exact).
   */
  readonly amount: Ore;
  /** `year`: the agreement caps each year (the cap as written is {@link CapRule.yearly}). Absent: per period. */
  readonly per?: Per;
  /** The cap per party and year, in öre, rounded down to the rounding unit, when {@link CapRule.per} is `year`. */
  readonly yearly?: Ore;
  readonly policy: CapPolicy;
  /** Which parties the cap applies to. */
  readonly parties: readonly string[];
  /** Where the figure comes from (e.g. LOU direktupphandlingsgräns 2020–2021). */
  readonly basis?: string;
}

/** A total split among parties by a key, with optional caps. */
export interface ShareComponent {
  readonly kind: 'share';
  readonly id: string;
  readonly label: string;
  /** A short label for table headings. */
  readonly short?: string;
  /** The total over the whole period, in öre (N × {@link ShareComponent.yearlyTotal} for a total per year). */
  readonly total: Ore;
  /** `year`: the scheme gives the total per year (the figure as written is {@link ShareComponent.yearlyTotal}). Absent: per period. */
  readonly totalPer?: Per;
  /** The total per year, in öre, when {@link ShareComponent.totalPer} is `year`. */
  readonly yearlyTotal?: Ore;
  readonly key: Key;
  readonly parties: readonly string[];
  readonly cap?: CapRule;
  /** Floors per party code (öre). */
  readonly floors?: Readonly<Record<string, Ore>>;
  /** Spread each party's period total evenly over these years. */
  readonly years?: readonly number[];
}

/** A yearly budget split each year by that year's key (users counted 1 October the year before). */
export interface YearlyShareComponent {
  readonly kind: 'yearly-share';
  readonly id: string;
  readonly label: string;
  /** A short label for table headings. */
  readonly short?: string;
  /** Budget of the first year, in öre. */
  readonly budget: Ore;
  /** Yearly index (0.02 = 2 % a year), applied from the second year. */
  readonly index: Dec;
  readonly key: Key;
  readonly parties: readonly string[];
  readonly years: readonly number[];
}

/** Any component. */
export type Component = PerUnitComponent | ShareComponent | YearlyShareComponent;

/**
 * The kinds of date a scheme gives, each read by the documents:
 * - `due`: the due date (förfallodag). A letter shows it among the key
 *   figures, a remiss says the amount is to be paid by then. At most one.
 * - `latest-due`: the latest payment date after a notified deferral; the
 *   remiss gives it beside the due date, so it needs a `due`.
 * - `deferral-request`: the last day to ask for other invoicing details or a
 *   later payment.
 * - `invoice`: when the invoice is sent.
 * - `payment`: another payment date (an instalment).
 * - `deadline`: any other deadline of the agreement (a reply, a report).
 *
 * The overview and the remiss list every date; a letter lists the
 * {@link PAYMENT_DATE_KINDS} under "Betalning" and the rest under "Andra
 * datum i avtalet".
 */
export const DATE_KINDS = ['due', 'latest-due', 'deferral-request', 'invoice', 'payment', 'deadline'] as const;

/** A kind of date a scheme gives (see {@link DATE_KINDS}). */
export type DateKind = (typeof DATE_KINDS)[number];

/** The date kinds that concern paying: a letter lists them with the scheme's payment instructions. */
export const PAYMENT_DATE_KINDS: ReadonlySet<DateKind> = new Set<DateKind>(['due', 'latest-due', 'deferral-request', 'invoice', 'payment']);

/** A dated event from the agreement (a due date, a deadline). */
export interface SchemeDate {
  readonly date: string;
  readonly kind: DateKind;
  readonly label: string;
}

/**
 * The notes a scheme may carry: the agreement's own words, printed as
 * written. The overview prints every note under "Ur avtalet", in the order
 * of the scheme file. Besides:
 * - `invoicing`: who invoices and how the parties pay. A letter opens its
 *   "Betalning" with it, a remiss prints it in its Ärendet. Required when
 *   the scheme has a payment date or a `fund` note; without it a letter
 *   says that the scheme gives no payment instructions.
 * - `fund`: where the money goes and who decides over it. A letter prints it
 *   after `invoicing`, a remiss in its Bakgrund.
 * - `procurement`, `use`, `selfSustaining`, `contract`: who procures what,
 *   what the money pays for, how the arrangement is to carry itself later,
 *   the contract period in words. A remiss prints them in its Bakgrund.
 * - `licence`, `helpdesk`, `notice`, `parties`: the licence cost, the
 *   helpdesk and support cost, the terms of notice, the party list (a
 *   region's derived name). A remiss prints them in its Ärendet.
 *
 * Any other note absent is left out, with nothing in its place.
 */
export const NOTE_KEYS = ['invoicing', 'fund', 'procurement', 'use', 'selfSustaining', 'contract', 'licence', 'helpdesk', 'notice', 'parties'] as const;

/** A note's key (see {@link NOTE_KEYS}). */
export type NoteKey = (typeof NOTE_KEYS)[number];

/** A scheme's notes, in the order the scheme file gives them. */
export type SchemeNotes = { readonly [K in NoteKey]?: string };

/** Financing context: what the scheme must raise. */
export interface Financing {
  readonly cost: Ore;
  readonly revenue: Ore;
  readonly costLabel?: string;
  readonly revenueLabel?: string;
  readonly period?: string;
}

/**
 * A statement every output must carry, in two voices: the reader's (Swedish
 * prose for documents: no parameter keys, options, paths or raw numbers) and,
 * when there is one, a hint for whoever runs the tool (which option or file
 * changes it), for the terminal and the planners' outputs only.
 */
export interface Caveat {
  readonly reader: string;
  readonly operator?: string;
}

/** A caveat as the planners' outputs (JSON, CSV, terminal) print it: the reader's sentence and the operator's hint. */
export function caveatText(c: Caveat): string {
  return c.operator === undefined ? c.reader : `${c.reader} ${c.operator}`;
}

/** Where a number came from. */
export interface Provenance {
  readonly label: string;
  readonly source: string;
  readonly referenceDate?: string;
  readonly file?: string;
  /** Example data, not official figures: every output must say so. */
  readonly example?: boolean;
}

/** A derived parameter: its expression, the expression in Swedish words, and the base parameters it follows. */
export interface DerivedParameter {
  /** The parameter's label and type, as the scheme gives them. */
  readonly label: string;
  readonly type: string;
  /** As written in the scheme: `cost.total * 0.5`. */
  readonly expr: string;
  /** For readers: `50 % av Kostnad`. */
  readonly words: string;
  /** The base parameters (with a value, not an expression) it follows. */
  readonly from: readonly string[];
}

/** A scheme with every value resolved, ready to evaluate. */
export interface SchemeModel {
  readonly id: string;
  readonly title: string;
  readonly summary: string;
  readonly currency: 'SEK';
  /** Rounding unit in öre. */
  readonly unit: Ore;
  readonly parties: readonly Party[];
  /** A label of the party list used (e.g. "26 kommuner och Region Stockholm"). */
  readonly partyList: string;
  readonly components: readonly Component[];
  readonly financing?: Financing;
  readonly dates: readonly SchemeDate[];
  readonly provenance: readonly Provenance[];
  /** User counts per year (the year they apply to) per party code. */
  readonly users?: Readonly<Record<number, Readonly<Record<string, number>>>>;
  /** Parameter values as resolved (for display and hashing). */
  readonly parameters: Readonly<Record<string, string>>;
  /** The derived parameters (`expr:` in the scheme), by name; absent when the scheme has none. */
  readonly derived?: Readonly<Record<string, DerivedParameter>>;
  /** Free-text facts of the agreement (invoicing, contract) for documents. */
  readonly notes: SchemeNotes;
  /** Parties split into sub-parties, and how. */
  readonly splits?: readonly PartySplit[];
  /** Statements every output must carry (example data, carried-forward counts, apportioned populations). */
  readonly caveats?: readonly Caveat[];
  /** Contract timing for notice calculations. */
  readonly contract?: {
    readonly start: string;
    readonly years?: number;
    readonly noticeMonths?: number;
    readonly condition?: string;
  };
}

/**
 * The key with every users key in it — a blend's parts included — reading
 * the counts of `year`. A yearly split weighs each year by that year's counts.
 *
 * @example keyForYear({ kind: 'users' }, 2022) // { kind: 'users', year: 2022 }
 */
export function keyForYear(key: Key, year: number): Key {
  if (key.kind === 'users') return { kind: 'users', year };
  if (key.kind === 'blend') return { kind: 'blend', parts: key.parts.map((p) => ({ key: keyForYear(p.key, year), weight: p.weight })) };
  return key;
}

/** Whether a key counts inhabitants or users anywhere, a blend's parts included. */
export function keyCounts(key: Key, what: 'population' | 'users'): boolean {
  if (key.kind === what) return true;
  return key.kind === 'blend' && key.parts.some((p) => keyCounts(p.key, what));
}
