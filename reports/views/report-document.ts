/**
 * What every report view shares: the context a view is built from, the
 * document it returns (a view model, its charts as Plotly figures, and how
 * the PDF is labelled), and the small pieces of text several kinds of report
 * print the same way.
 *
 * Views are pure: a scheme result, its figures (`models/report-figures.ts`)
 * and a few already-decided facts (the report's date, the provenance stamp)
 * in, plain data out. A view selects and formats: every figure it shows is
 * in the result or its figures, formatted here with `reports/format.ts`; the
 * templates only place text.
 */
import { capPolicyText, redistributeShortfallText } from '../../models/cap-policy.js';
import type { Explanation, PartyResult, SchemeResult } from '../../models/evaluate.js';
import { Dec, type Ore } from '../../models/money.js';
import { type ReportFigures, WHOLE_HUNDREDTHS, schemePrintsOre } from '../../models/report-figures.js';
import type { Component, Party, Provenance, SchemeModel } from '../../models/scheme.js';
import type { PlotlyFigure } from '../render/charts.js';
import type { Block, DocumentViewModel, LabelledValue } from '../render/document-model.js';
import type { PdfAttachment } from '../render/renderer.js';
import type { PageFooterInfo, PageHeaderInfo } from '../render/templates.js';
import type { VarySpec } from '../../models/scenarios/vary.js';
import { formatDate, formatDecimalKronor, formatParameterValue, formatExactKronor, formatInteger, formatKronor, formatPercent } from '../format.js';
import { periodSuffix } from '../per-words.js';
import { shortfalls } from '../shortfall.js';

/** The document a scheme's agreement is written in, as its scheme file names it. */
export interface SchemeSource {
  /** The document the scheme's figures were read from. */
  readonly document: string;
  readonly author?: string;
  /** ISO date, `2022-06-29`. */
  readonly date?: string;
  /** The agreement itself, by its own name (it may be the document above, or be quoted in it). */
  readonly agreement?: string;
  /** What the agreement rests on, e.g. an earlier regional agreement with its diarienummer. */
  readonly basis?: string;
}

/** What every view is built from. */
export interface ReportContext {
  readonly result: SchemeResult;
  /**
   * The result's figures that are not in it as such, computed once
   * (`reportFigures(result)`): the solver's answers, per-user prices and
   * every sum a view shows. A view selects and formats them; it never adds
   * up or solves for a figure itself.
   */
  readonly figures: ReportFigures;
  /** The report's date (ISO `YYYY-MM-DD`), decided at the edge: never the clock unless the user asked. */
  readonly reportDate: string;
  /** The user's title (`--title`), printed literally; the scheme's title when absent. */
  readonly title?: string;
  /** The agreement the scheme reproduces. */
  readonly source?: SchemeSource;
  /** The county the scheme covers, e.g. `Västra Götalands län`. */
  readonly region?: string;
  /** The footer's provenance stamp ({@link provenanceStamp}). */
  readonly stamp: string;
  /** The scheme's parameters by name: the Swedish label and type a document shows a value with. */
  readonly parameters?: Readonly<Record<string, ParameterLabel>>;
}

/**
 * The part of a {@link ReportContext} that a view of the figures alone needs
 * (a letter's explanation, the overview's reconciliation): the result and its
 * figures, without the report's date, title or footer stamp. The explorer
 * builds only this in the browser, where no document is printed.
 */
export type ResultFigures = Pick<ReportContext, 'result' | 'figures'>;

/** How a parameter is shown to a reader: its label in the scheme file and its type. */
export interface ParameterLabel {
  readonly label: string;
  readonly type: string;
}

/**
 * The parameters a reader sees, each with its Swedish label and its value
 * formatted with its unit (`Högsta kostnad per kommun … · 615 312 kr`);
 * one without a label is left out rather than shown by its key.
 */
export function parameterFacts(ctx: ReportContext): LabelledValue[] {
  return Object.entries(ctx.result.scheme.parameters).flatMap(([name, value]) => {
    const p = ctx.parameters?.[name];
    if (p === undefined) return [];
    const derived = ctx.result.scheme.derived?.[name];
    return [{ label: p.label, value: `${formatParameterValue(p.type, value)}${derived ? ` (${derived.words})` : ''}` }];
  });
}

/**
 * The derived parameters as a reader sees them: each label, its value and
 * how it is computed in words (`Regionens del · 6 000 000 kr, räknat som
 * Regionens andel av Kostnad per år`). Empty for a scheme without any.
 */
export function derivedFacts(scheme: SchemeModel): LabelledValue[] {
  return Object.entries(scheme.derived ?? {}).flatMap(([name, d]) => {
    const value = scheme.parameters[name];
    return value === undefined ? [] : [{ label: d.label, value: `${formatParameterValue(d.type, value)}, räknat som ${d.words}` }];
  });
}

/** A parameter's Swedish label, or, for a parameter the scheme does not define, `uppgiften <name>`. */
export function parameterLabel(ctx: ReportContext, name: string): string {
  return ctx.parameters?.[name]?.label ?? `uppgiften ${name}`;
}

/** A parameter's value formatted by its type; `inget värde` when there is none. */
export function parameterValue(ctx: ReportContext, name: string, value: string | undefined): string {
  return value === undefined ? 'inget värde' : formatParameterValue(ctx.parameters?.[name]?.type ?? 'text', value);
}

/** What a scenario varies, in words: `Licenskostnad …: jämnt fördelad mellan 1 000 000 kr och 2 000 000 kr`. */
export function varyWords(v: VarySpec): string {
  const target = v.target;
  const f = (x: number): string =>
    target.kind === 'population' ? formatPercent(new Dec(x), Number.isInteger(x * 100) ? 0 : 1)
    : target.kind === 'driver' ? formatParameterValue('decimal', String(x))
    : formatParameterValue(target.parameter.type, String(x));
  const d = v.distribution;
  const what =
    target.kind === 'population' ? 'Varje parts folkmängd (förändring, oberoende av de andras)'
    : target.kind === 'driver' ? `${target.label ?? target.name} (en gemensam faktor, dragen en gång per körning, som ${target.scales.map((p) => p.label).join(' och ')} multipliceras med)`
    : target.parameter.label;
  switch (d.kind) {
    case 'uniform':
      return `${what}: jämnt fördelad mellan ${f(d.min)} och ${f(d.max)}.`;
    case 'triangular':
    case 'pert':
      return `${what}: mellan ${f(d.min)} och ${f(d.max)}, troligast ${f(d.mode)}.`;
    case 'normal':
    case 'lognormal':
      return `${what}: kring ${f(d.mean)} (standardavvikelse ${f(d.sd)}), mellan ${f(d.lower)} och ${f(d.upper)}.`;
  }
}

/** How the PDF of a report is labelled (its Info dictionary). */
export interface ReportMetadata {
  readonly title: string;
  readonly author: string;
  readonly subject: string;
  readonly keywords: readonly string[];
}

/** One document a view produced, ready for the renderer. */
export interface ReportDocument {
  /** A label for progress and the summary: `oversikt`, a party code … */
  readonly id: string;
  /** Where it goes, relative to the output folder, e.g. `brev/1480-goteborg.pdf`. */
  readonly fileName: string;
  readonly viewModel: ReportViewModel;
  /** Plotly figures by the id the view model's chart blocks name. */
  readonly charts: Readonly<Record<string, PlotlyFigure>>;
  readonly metadata: ReportMetadata;
  readonly header: PageHeaderInfo;
  readonly footer: PageFooterInfo;
  /** PDF files appended after the printed pages (a tjänsteutlåtande's Bilagor), each with a bookmark. */
  readonly attachments?: readonly PdfAttachment[];
}

/** The title a report prints: the user's, or the scheme's. */
export function reportTitle(ctx: ReportContext): string {
  return ctx.title ?? ctx.result.scheme.title;
}

/** Who the documents are from: the scheme's region party, else the agreement's author, else the county. */
export function reportAuthor(ctx: ReportContext): string {
  const region = ctx.result.scheme.parties.find((p) => p.kind === 'region');
  return region?.name ?? ctx.source?.author ?? ctx.region ?? 'andel';
}

/** The running footer: the report's date and the provenance stamp. */
export function footerOf(ctx: ReportContext): PageFooterInfo {
  return { date: formatDate(ctx.reportDate), stamp: ctx.stamp };
}

/**
 * A file name part from a name: lower case, å/ä → a, ö → o, anything else
 * that is not a letter or digit → `-`. `Upplands Väsby` → `upplands-vasby`.
 */
export function slug(name: string): string {
  const s = name
    .toLowerCase()
    .replace(/[åä]/g, 'a')
    .replace(/ö/g, 'o')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return s.slice(0, 60) || 'dokument';
}

/** `Göteborg (kommunkod 1480)`, `Västra Götalandsregionen (länskod 14)`. */
export function partyLabel(party: Party): string {
  const kind = party.kind === 'region' ? 'länskod' : party.kind === 'kommun' ? 'kommunkod' : 'kod';
  return `${party.name} (${kind} ${party.code})`;
}

/** The Swedish genitive of a name: `Huddinge` → `Huddinges`, `Borås` → `Borås`. */
export function genitive(name: string): string {
  return /[sxz]$/i.test(name) ? name : `${name}s`;
}

/** A party's name by code, or the code itself. */
export function nameOf(scheme: SchemeModel, code: string): string {
  return scheme.parties.find((p) => p.code === code)?.name ?? code;
}

/** `Göteborg, Borås och Mölndal`. */
export function joinSwedish(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} och ${items[items.length - 1]}`;
}

/**
 * Öre as kronor, in one format per document: with öre (`615 312,00 kr`) when
 * the scheme's amounts have öre ({@link schemePrintsOre}), else whole kronor
 * (`34 897 180 kr`). A document that shows two schemes (a comparison) passes
 * `withOre` decided for both.
 */
export function money(scheme: SchemeModel, ore: Ore, sign = false, withOre = schemePrintsOre(scheme)): string {
  return formatKronor(ore, { decimals: withOre ? 2 : 0, sign });
}

/** A rate in kronor, exactly as used, never rounded: `10 kr`, `9,75 kr`, `9,755 kr`, `0,125 kr`; whole kronor without decimals. */
export function rate(d: Dec): string {
  if (d.isInteger()) return formatDecimalKronor(d, 0);
  return formatExactKronor(d);
}

/** A fraction of öre (a Decimal) as kronor with four decimals: `71 284,9276 kr`. */
export function exactKronor(ore: Dec, decimals = 4): string {
  return formatDecimalKronor(ore.dividedBy(100), decimals);
}

/** A ratio `part / whole` as a percentage; `–` when the whole is zero. */
export function share(part: number | bigint, whole: number | bigint, decimals = 1): string {
  const w = new Dec(whole.toString());
  if (w.isZero()) return '–';
  return formatPercent(new Dec(part.toString()).dividedBy(w), decimals);
}

/**
 * A share as every share column and letter of a document prints it, in
 * hundredths of a per cent ({@link ReportFigures.displayShares}, largest
 * remainder, so a column sums to 100,00 %): `12,34 %`; `–` without one.
 */
export function printedShare(hundredths: number | undefined): string {
  return hundredths === undefined ? '–' : formatPercent(new Dec(hundredths).dividedBy(WHOLE_HUNDREDTHS), 2);
}

/** The rounding unit in words: `hela kronor`, `öre`. */
export function roundingWords(scheme: SchemeModel): string {
  if (scheme.unit === 1) return 'öre';
  if (scheme.unit === 100) return 'hela kronor';
  return `${formatKronor(scheme.unit)}`;
}

/** The key of a component in words: `folkmängd`, `antal användare` … */
export function keyWords(component: Component): string {
  const key = component.kind === 'per-unit' ? component.key : component.key;
  switch (key.kind) {
    case 'population':
      return 'folkmängd';
    case 'users':
      return 'antal användare';
    case 'equal':
      return 'lika delar';
    case 'weights':
      return 'avtalade vikter';
    case 'blend':
      return 'en blandning av nycklar';
  }
}

/** The unit the key counts, for "112 848 av 2 377 081 invånare". */
export function keyUnit(component: Component): string {
  const key = component.kind === 'per-unit' ? component.key : component.key;
  return key.kind === 'population' ? 'invånare' : key.kind === 'users' ? 'användare' : key.kind === 'equal' ? 'delar' : 'viktenheter';
}

/** The component of a scheme by id. */
export function componentOf(scheme: SchemeModel, id: string): Component | undefined {
  return scheme.components.find((c) => c.id === id);
}

/** A component's label, or its id. */
export function componentLabel(scheme: SchemeModel, id: string, short = false): string {
  const c = componentOf(scheme, id);
  return c === undefined ? id : short ? (c.short ?? c.label) : c.label;
}

/**
 * What a cap does with what it holds back, in words: `Region Stockholm bär
 * det som taket håller tillbaka`.
 */
export function capPolicyWords(result: SchemeResult, componentId: string): string | undefined {
  const b = result.components.find((c) => c.component.id === componentId)?.bounded;
  if (b === undefined) return undefined;
  const words = capPolicyText(b.policy, 'document', b.policy.kind === 'carrier' ? (b.policy.name ?? nameOf(result.scheme, b.policy.code)) : undefined).sv;
  return b.policy.kind === 'redistribute' && b.reconciliation.uncovered > 0 ? words + redistributeShortfallText(money(result.scheme, b.reconciliation.uncovered)).sv : words;
}

/** A boxed notice in plain sight (`templates/partials/blocks/notice.hbs`). */
export interface NoticeBlock {
  readonly type: 'notice';
  readonly title: string;
  readonly items: readonly string[];
}

/** Who signs a document (`templates/partials/blocks/signatures.hbs`). */
export interface SignaturesBlock {
  readonly type: 'signatures';
  readonly items: readonly { readonly name: string; readonly title: string }[];
}

/**
 * The head of a letter (`templates/partials/blocks/letterhead.hbs`): the
 * sender and its address, the date and references, and the recipient's
 * address block where a window envelope shows it.
 */
export interface LetterheadBlock {
  readonly type: 'letterhead';
  readonly sender: { readonly name?: string; readonly unit?: string; readonly lines: readonly string[] };
  /** Datum, diarienummer, er referens … */
  readonly facts: readonly LabelledValue[];
  /** The recipient's address lines, the legal name first. */
  readonly recipient: readonly string[];
}

/**
 * What a letter says about paying, in one box
 * (`templates/partials/blocks/payment.hbs`): the amount, the dates and
 * account details, and the agreement's words on invoicing.
 */
export interface PaymentBlock {
  readonly type: 'payment';
  readonly heading: string;
  readonly amount: LabelledValue;
  readonly facts: readonly LabelledValue[];
  readonly paragraphs: readonly string[];
}

/** The end of a letter, kept together on one page (`templates/partials/blocks/closing.hbs`): whom to ask, the greeting and who signs. */
export interface ClosingBlock {
  readonly type: 'closing';
  readonly paragraphs: readonly string[];
  readonly greeting?: string;
  readonly signature?: { readonly name: string; readonly title: string };
}

/** Any block a report prints: the engine's, a notice, signatures, and a letter's head, payment box and closing. */
export type ReportBlock = Block | NoticeBlock | SignaturesBlock | LetterheadBlock | PaymentBlock | ClosingBlock;

/** The view model of a report: the engine's document, with notices allowed among its blocks. */
export type ReportViewModel = Omit<DocumentViewModel, 'blocks'> & { readonly blocks: readonly ReportBlock[] };

/**
 * The statements every output must carry (example data, assumed values,
 * carried-forward counts), as a notice in plain sight, or nothing.
 */
export function caveatBlock(scheme: SchemeModel): NoticeBlock[] {
  const items = caveatLines(scheme);
  return items.length === 0 ? [] : [{ type: 'notice', title: 'Observera', items }];
}

/**
 * What no party covers, in a notice in plain sight, or nothing: one
 * sentence per component that leaves money uncovered (how much of what
 * total, the cap and whom it binds, why nobody else takes it, what the
 * parties pay), and the whole when the scheme has several components.
 * `side` names the result when a document shows two (`I scenariot`).
 */
export function shortfallNotice(result: SchemeResult, side?: string): NoticeBlock[] {
  const items = shortfallLines(result, side);
  return items.length === 0 ? [] : [{ type: 'notice', title: 'Kostnad som ingen part täcker', items }];
}

/** The sentences of {@link shortfallNotice}; empty when everything is covered. */
export function shortfallLines(result: SchemeResult, side?: string): string[] {
  const scheme = result.scheme;
  const found = shortfalls(result);
  const lead = side !== undefined ? `${side}: ` : '';
  const out = found.map((s) => {
    const n = s.capped.length;
    const who = n === s.parties && n > 1 ? `alla ${n} parter` : n <= 5 ? joinSwedish(s.capped.map((p) => p.name)) : `${n} parter`;
    const why = capPolicyText(s.policy, 'shortfall').sv;
    return (
      `${lead}${s.label}: ${money(scheme, s.uncovered)} av ${money(scheme, s.total)} täcks inte av någon part. ` +
      `Taket${s.cap !== undefined ? ` på ${money(scheme, s.cap)} per part` : ''} binder för ${who}, ${why}. ` +
      `Parterna betalar ${money(scheme, s.covered)}.`
    );
  });
  const r = result.reconciliation;
  if (found.length > 0 && scheme.components.length > 1) {
    out.push(`${lead}Sammanlagt ska ${money(scheme, r.total)} täckas; parterna betalar ${money(scheme, r.sumOfParties)} och ${money(scheme, r.uncovered)} täcks inte.`);
  }
  return out;
}

/**
 * The caveats in the reader's words, and the example-data sources, one
 * sentence each. The operator's hints (options, files) are not here: the
 * terminal says them.
 */
export function caveatLines(scheme: SchemeModel): string[] {
  const out = (scheme.caveats ?? []).map((c) => c.reader);
  for (const p of scheme.provenance) {
    if (p.example && !out.some((c) => c.includes('EXEMPELDATA'))) out.push(`${sourceLabel(p)}: EXEMPELDATA, inte uppmätta värden.`);
  }
  return out;
}

/** A data source's label with its reference date in words: `Folkmängd 31 december 2021`. */
export function sourceLabel(p: Provenance): string {
  return p.referenceDate ? p.label.replace(p.referenceDate, formatDate(p.referenceDate)) : p.label;
}

/** The data sources as label–value pairs, in words: `Folkmängd 31 december 2021` → `SCB, …`; no file names. */
export function sourceFacts(scheme: SchemeModel): LabelledValue[] {
  return scheme.provenance.map((p) => ({ label: sourceLabel(p), value: `${p.source}${p.example ? ' – EXEMPELDATA' : ''}` }));
}

/**
 * The "Underlag" section of every document that shows its basis:
 * the agreement, each data source with its reference date (example data
 * marked as such), and what the footer's kontrollsumma means, in words a
 * reader needs no tool to follow. Kept on one page.
 */
export function underlagBlocks(ctx: ReportContext, level: 2 | 3 = 2): ReportBlock[] {
  const agreement: LabelledValue[] =
    ctx.source !== undefined
      ? [{ label: 'Avtalets belopp och villkor', value: [ctx.source.document, ctx.source.author, ctx.source.date !== undefined ? formatDate(ctx.source.date) : undefined].filter((x) => x !== undefined).join(', ') }]
      : [];
  return [
    {
      type: 'section',
      heading: 'Underlag',
      level,
      keepTogether: true,
      blocks: [
        { type: 'facts', items: [...agreement, ...sourceFacts(ctx.result.scheme)] },
        {
          type: 'text',
          paragraphs: ['Kontrollsumman i sidfoten gäller underlaget: avtalets villkor, de värden beräkningen använt och den statistik den bygger på. Två dokument med samma kontrollsumma bygger på samma underlag.'],
        },
      ],
    },
  ];
}

/**
 * Whether any split of the result handed out remainder units by largest
 * remainder: only then is the rule worth a reader's time.
 */
export function remaindersDistributed(result: SchemeResult): boolean {
  return result.parties.some((p) =>
    p.explanations.some((e) => (e.kind === 'share' && e.adjustment !== 0) || (e.kind === 'yearly-share' && e.years.some((y) => y.adjustment !== 0))),
  );
}

/** A party's result by code. */
export function partyResult(result: SchemeResult, code: string): PartyResult | undefined {
  return result.parties.find((p) => p.party.code === code);
}

/** The first and last year of a result's schedules, when it has any. */
export function yearSpan(result: SchemeResult): { first: number; last: number } | undefined {
  const years = result.parties.flatMap((p) => p.schedule.map((y) => y.year));
  if (years.length === 0) return undefined;
  return { first: Math.min(...years), last: Math.max(...years) };
}

/** `2021–2028`, or `2022` for one year. */
export function spanText(span: { first: number; last: number }): string {
  return span.first === span.last ? String(span.first) : `${span.first}–${span.last}`;
}

/**
 * How one party's part of one component was made, in sentences a reader can
 * check with a calculator: units × rate and the rounding; share of the key,
 * the exact amount, the largest-remainder öre and the cap; per year for a
 * yearly split.
 */
export function explanationLines(result: SchemeResult, e: Explanation): string[] {
  const scheme = result.scheme;
  const component = componentOf(scheme, e.component);
  const unitWords = roundingWords(scheme);
  switch (e.kind) {
    case 'per-unit': {
      const lines = [`${formatInteger(e.units)} invånare × ${rate(e.rate)} = ${money(scheme, e.amount)}.`];
      if (e.rounding.isZero()) lines.push(`Beloppet är exakt; ingen avrundning behövs (beloppen avrundas till ${unitWords}).`);
      else lines.push(`Exakt ${formatExactKronor(e.exact.dividedBy(100))}, avrundat till ${unitWords}: ${money(scheme, e.amount)} (${e.rounding.greaterThan(0) ? '+' : ''}${formatExactKronor(e.rounding.dividedBy(100))}).`);
      return lines;
    }
    case 'share': {
      const total = component?.kind === 'share' ? component.total : undefined;
      const lines = [
        `Andel av fördelningsnyckeln (${component ? keyWords(component) : 'nyckeln'}): ${formatInteger(e.weight)} av ${formatInteger(e.weightTotal)} ${component ? keyUnit(component) : ''} = ${share(e.weight, e.weightTotal, 3)}.`.replace('  ', ' '),
      ];
      if (total !== undefined) lines.push(`${share(e.weight, e.weightTotal, 3)} av ${money(scheme, total)} = ${exactKronor(e.exact)} exakt.`);
      lines.push(
        e.adjustment === 0
          ? `Avrundat nedåt till ${unitWords}: ${money(scheme, e.unbounded)}.`
          : `Avrundat till ${unitWords} med största rest (restenheterna går till de största resterna, lika rester i kodordning): ${money(scheme, e.unbounded)}.`,
      );
      if (e.cap !== undefined) {
        // A cap per year: the yearly figure, and the period cap the figures are computed with.
        const capWords = (cap: Ore): string => {
          const n = component?.kind === 'share' ? (component.years?.length ?? 0) : 0;
          return component?.kind === 'share' && component.cap?.per === 'year' && n > 0
            ? `${money(scheme, cap / n)} per år${n > 1 ? ` (${money(scheme, cap)} för hela perioden)` : ''}`
            : money(scheme, cap);
        };
        if (e.capApplied || e.heldBack > 0) {
          lines.push(`Taket ${capWords(e.cap)} binder: ${money(scheme, e.heldBack)}${component?.kind === 'share' ? periodSuffix(component) : ''} hålls tillbaka; ${capPolicyWords(result, e.component) ?? ''}.`);
        } else {
          lines.push(`Taket är ${capWords(e.cap)}; beloppet ryms under taket (${share(e.amount, e.cap)} av taket).`);
        }
      }
      if (e.received > 0) lines.push(`Omfördelat från parter över taket: ${money(scheme, e.received, true)}.`);
      lines.push(`Att betala: ${money(scheme, e.amount)}.`);
      return lines;
    }
    case 'carrier':
      return [`Bär ${money(scheme, e.carried)} som taket håller tillbaka för ${joinSwedish(e.capped.map((c) => nameOf(scheme, c)))}.`];
    case 'yearly-share':
      return e.years.map(
        (y) =>
          `${y.year}: ${formatInteger(y.weight)} av ${formatInteger(y.weightTotal)} ${component ? keyUnit(component) : ''} × budgeten ${money(scheme, y.budget)} = ${money(scheme, y.amount)}${y.adjustment !== 0 ? ' (avrundat med största rest)' : ''}.`,
      );
  }
}
