/**
 * The overview, for decision makers: what the scheme is and where its data
 * comes from, the key figures, the reconciliation (what must be raised and
 * what is; for a capped split the cap, the largest total it allows and who
 * is close to it), every party's figure, charts, and the assumptions and
 * policies in words.
 */
import type { SchemeResult } from '../../models/evaluate.js';
import { Dec, type Ore } from '../../models/money.js';
import { type CapSolution, WHOLE_HUNDREDTHS } from '../../models/report-figures.js';
import type { ShareComponent } from '../../models/scheme.js';
import type { PlotlyFigure } from '../render/charts.js';
import type { KeyFiguresBlock, LabelledValue, TableBlock, TableColumn, TableRow } from '../render/document-model.js';
import { formatDate, formatDecimalKronor, formatInteger, formatPercent } from '../format.js';
import { amountsFigure, scheduleAlt, scheduleFigure, shareAlt, shareFigure } from './charts.js';
import { capFigureWithPeriod, capFigureWords, periodSuffix, totalWords } from '../per-words.js';
import {
  type ReportBlock,
  type ReportContext,
  type ReportDocument,
  type ResultFigures,
  capPolicyWords,
  caveatBlock,
  footerOf,
  joinSwedish,
  keyWords,
  printedShare,
  money,
  nameOf,
  rate,
  reportAuthor,
  reportTitle,
  roundingWords,
  shortfallNotice,
  parameterFacts,
  remaindersDistributed,
  sourceLabel,
  underlagBlocks,
  spanText,
  yearSpan,
} from './report-document.js';

/** A party at or above this share of its cap is listed as near the cap. */
export const NEAR_CAP = new Dec('0.8');

/** What a capped component's cap allows, as the solver found it, and who is close to it. */
export interface CapAnalysis extends CapSolution {
  /** Parties at or above {@link NEAR_CAP} of their cap, highest first. */
  readonly near: readonly { readonly code: string; readonly name: string; readonly amount: Ore; readonly utilisation: Dec }[];
}

/**
 * The cap of each capped component: the solver's largest feasible total
 * (`andel solve … max-<id>-total`), from the context's figures, and the
 * parties near their cap.
 */
export function capAnalyses(ctx: ResultFigures): CapAnalysis[] {
  return ctx.figures.caps.map((solution) => ({ ...solution, near: nearCap(ctx.result, solution.component) }));
}

/** The parties at or above {@link NEAR_CAP} of a component's cap, highest first, ties by code. */
function nearCap(result: SchemeResult, c: ShareComponent): CapAnalysis['near'] {
  return result.parties
    .flatMap((p) => {
      const u = p.capUtilisation[c.id];
      return u !== undefined && u.greaterThanOrEqualTo(NEAR_CAP) ? [{ code: p.party.code, name: p.party.name, amount: p.components[c.id] ?? 0, utilisation: u }] : [];
    })
    .sort((a, b) => b.utilisation.comparedTo(a.utilisation) || (a.code < b.code ? -1 : 1));
}

/** The full per-party table: code, name, inhabitants, each component, the amount and its share. */
export function partyTable(ctx: ReportContext): TableBlock {
  const { result, figures } = ctx;
  const scheme = result.scheme;
  const hasPopulation = result.parties.some((p) => p.party.population !== undefined);
  const many = scheme.components.length > 1;
  const columns: TableColumn[] = [
    { label: 'Kod' },
    { label: 'Part' },
    ...(hasPopulation ? [{ label: 'Invånare', numeric: true }] : []),
    ...(many ? scheme.components.map((c) => ({ label: c.short ?? c.label, numeric: true })) : []),
    { label: 'Belopp', numeric: true },
    { label: 'Andel', numeric: true },
  ];
  const rows: TableRow[] = result.parties.map((p) => ({
    cells: [
      p.party.code,
      p.party.name,
      ...(hasPopulation ? [p.party.population !== undefined ? formatInteger(p.party.population) : '–'] : []),
      ...(many ? scheme.components.map((c) => money(scheme, p.components[c.id] ?? 0)) : []),
      money(scheme, p.amount),
      printedShare(figures.displayShares[p.party.code]),
    ],
  }));
  const totals: TableRow[] = [
    {
      total: true,
      cells: [
        '',
        'Summa',
        ...(hasPopulation ? [''] : []),
        ...(many ? scheme.components.map((c) => money(scheme, figures.componentTotals[c.id] ?? 0)) : []),
        money(scheme, result.reconciliation.sumOfParties),
        printedShare(Object.keys(figures.displayShares).length > 0 ? WHOLE_HUNDREDTHS : undefined),
      ],
    },
    ...(result.reconciliation.uncovered > 0
      ? [
          {
            total: true,
            cells: [
              '',
              'Ej täckt',
              ...(hasPopulation ? [''] : []),
              ...(many ? scheme.components.map((c) => money(scheme, result.components.find((x) => x.component.id === c.id)?.bounded?.reconciliation.uncovered ?? 0)) : []),
              money(scheme, result.reconciliation.uncovered),
              '–',
            ],
          },
        ]
      : []),
  ];
  const notes = [
    result.reconciliation.uncovered > 0
      ? `Parter: ${scheme.partyList}. Beloppen är avrundade till ${roundingWords(scheme)} och summerar exakt till summan; med det som inte täcks blir det exakt ${money(scheme, result.reconciliation.total)} att täcka.`
      : `Parter: ${scheme.partyList}. Beloppen är avrundade till ${roundingWords(scheme)} och summerar exakt till totalen.`,
    'Andelarna är avrundade till hundradels procent så att kolumnen summerar till exakt 100,00 %: de hundradelar som blir över går till de största resterna.',
    ...(hasPopulation && result.parties.some((p) => p.party.kind === 'region')
      ? [`Regionens invånare är hela länets; kommunernas invånare är sammanlagt ${formatInteger(figures.municipalPopulation)}.`]
      : []),
  ];
  return { type: 'table', caption: 'Belopp per part', columns, rows, totals, notes };
}

/**
 * What all parties pay per year, by component when there are several: the
 * figures of the chart "Betalningar per år" as a table, so that they can be
 * read (and read aloud) without the chart.
 */
export function yearTable(ctx: ReportContext): TableBlock {
  const scheme = ctx.result.scheme;
  const many = scheme.components.length > 1;
  return {
    type: 'table',
    caption: 'Betalningar per år',
    columns: [{ label: 'År' }, ...(many ? scheme.components.map((c) => ({ label: c.short ?? c.label, numeric: true })) : []), { label: many ? 'Summa' : 'Belopp', numeric: true }],
    rows: ctx.figures.years.map((y) => ({
      cells: [String(y.year), ...(many ? scheme.components.map((c) => money(scheme, y.amounts[c.id] ?? 0)) : []), money(scheme, y.total)],
    })),
  };
}

/** The break-even rate as the unrounded quotient it is, four decimals: `9,7428 kr`. */
function breakEvenWords(rate: Dec): string {
  return `${rate.decimalPlaces() > 4 ? 'cirka ' : ''}${formatDecimalKronor(rate, 4)}`;
}

/** The reconciliation of a scheme with financing: need, raised, surplus, the covering rate and the break-even rate beside it. */
function financingBlocks(result: SchemeResult): ReportBlock[] {
  const f = result.reconciliation.financing;
  if (f === undefined) return [];
  const scheme = result.scheme;
  const facts: LabelledValue[] = [
    { label: scheme.financing?.costLabel ?? 'Kostnad', value: money(scheme, f.cost) },
    { label: scheme.financing?.revenueLabel ?? 'Intäkter', value: money(scheme, f.revenue) },
    { label: 'Behov att finansiera (kostnad − intäkter)', value: money(scheme, f.need) },
    { label: 'Inbetalt enligt fördelningen', value: money(scheme, f.raised) },
    { label: f.surplus >= 0 ? 'Överskott' : 'Underskott', value: money(scheme, Math.abs(f.surplus)) },
    ...(f.countedUnits !== undefined ? [{ label: 'Räknade invånare (båda nivåerna)', value: formatInteger(f.countedUnits) }] : []),
    ...(f.coveringRate !== undefined && f.covering !== undefined
      ? [
          { label: 'Lägsta belopp per invånare som täcker behovet', value: rate(f.coveringRate) },
          { label: `Inbetalt vid ${rate(f.coveringRate)}`, value: `${money(scheme, f.covering.raised)} (${money(scheme, f.covering.surplus)} mer än behovet)` },
          ...(f.covering.below !== undefined
            ? [{ label: `Inbetalt vid ${rate(f.covering.below.rate)}`, value: `${money(scheme, f.covering.below.raised)} (${money(scheme, -f.covering.below.surplus)} mindre än behovet)` }]
            : []),
        ]
      : []),
    ...(f.breakEvenRate !== undefined ? [{ label: 'Nollresultat (behov delat med räknade invånare, oavrundat)', value: breakEvenWords(f.breakEvenRate) }] : []),
  ];
  const sentences = [
    `Behovet är ${money(scheme, f.cost)} ${scheme.financing?.period ? `för perioden ${scheme.financing.period} ` : ''}minus ${money(scheme, f.revenue)} i intäkter, alltså ${money(scheme, f.need)}. Fördelningen ger ${money(scheme, f.raised)}, ett ${f.surplus >= 0 ? 'överskott' : 'underskott'} på ${money(scheme, Math.abs(f.surplus))}.`,
    ...(f.coveringRate !== undefined && f.covering !== undefined && f.breakEvenRate !== undefined && f.countedUnits !== undefined
      ? [
          `Det lägsta belopp per invånare i hela öre som täcker behovet är ${rate(f.coveringRate)}: då betalar parterna ${money(scheme, f.covering.raised)}, ${money(scheme, f.covering.surplus)} mer än behovet.` +
            (f.covering.below !== undefined ? ` Vid ${rate(f.covering.below.rate)} betalar de ${money(scheme, f.covering.below.raised)}, ${money(scheme, -f.covering.below.surplus)} mindre än behovet.` : ''),
          `Behovet delat med ${formatInteger(f.countedUnits)} räknade invånare (regionen räknar hela länets befolkning) är ${breakEvenWords(f.breakEvenRate)} per invånare, nollresultatet. Det är en kvot och inget belopp att ta ut: med varje parts belopp avrundat till ${roundingWords(scheme)} är ${rate(f.coveringRate)} det lägsta belopp i hela öre som ger minst behovet.`,
        ]
      : []),
  ];
  return [
    { type: 'heading', level: 3, text: 'Finansiering' },
    { type: 'text', paragraphs: sentences },
    { type: 'facts', items: facts },
  ];
}

/** What the caps hold in all under redistribute, in words: an amount, or that there is no limit. */
function capacityWords(scheme: SchemeResult['scheme'], capacity: CapSolution['capacity']): string | undefined {
  if (capacity === undefined || capacity.kind === 'before-carrier') return undefined;
  return capacity.kind === 'unbounded' ? 'obegränsat (parter utan tak tar över)' : money(scheme, capacity.total);
}

/**
 * Over what the cap holds, as the scheme defines it: a cap applies to a
 * party's part of the component's total, which is spread over the
 * component's years when it has them (` för hela perioden 2021–2028`, ` för
 * 2022`); a component without years is one amount (nothing to add).
 */
function capPeriodWords(c: ShareComponent): string {
  const years = c.years ?? [];
  // A cap per year is said per year where its figure is given (capFigureWords).
  if (c.cap?.per === 'year') return '';
  if (years.length === 0) return '';
  return years.length === 1 ? ` för ${years[0]}` : ` för hela perioden ${spanText({ first: years[0]!, last: years[years.length - 1]! })}`;
}

/**
 * For whom the cap binds at today's total, truthfully at the largest total:
 * there the first party pays exactly its cap and the cap binds for nobody
 * yet; one rounding unit more and it binds for that party.
 */
function bindsForWords(scheme: SchemeResult['scheme'], a: CapAnalysis, capped: readonly string[]): string {
  if (capped.length > 0) return joinSwedish(capped.map((code) => nameOf(scheme, code)));
  if (a.max !== undefined && a.headroom === 0) {
    const name = nameOf(scheme, a.max.binding.code);
    const exactly = a.max.binding.amountAtTotal === a.max.binding.cap;
    return `ingen part ännu: ${name} ${exactly ? 'når exakt taket' : 'ligger precis under taket'} vid detta belopp, och vid ${money(scheme, a.max.unit)} mer binder taket för ${name}`;
  }
  return 'ingen part';
}

/** The cap of each capped component: its size, policy, the solver's largest total and who is near it. */
function capBlocks(result: SchemeResult, analyses: readonly CapAnalysis[]): ReportBlock[] {
  const scheme = result.scheme;
  const blocks: ReportBlock[] = [];
  const m = (ore: Ore) => money(scheme, ore);
  for (const a of analyses) {
    const c = a.component;
    const cr = result.components.find((x) => x.component.id === c.id);
    const b = cr?.bounded;
    const capped = b?.capped ?? [];
    const ps = periodSuffix(c);
    const facts: LabelledValue[] = [
      { label: `${c.label}, totalt`, value: totalWords(c, m) },
      { label: `Tak per part${c.cap?.per === 'year' ? ' och år' : capPeriodWords(c)}`, value: `${capFigureWithPeriod(c, m)}${c.cap!.basis ? ` (${c.cap!.basis})` : ''}` },
      { label: 'Fördelningsnyckel', value: keyWords(c) },
      { label: 'När taket binder', value: capPolicyWords(result, c.id) ?? '–' },
    ];
    if (a.max !== undefined) {
      facts.push({ label: 'Största totalbelopp innan taket binder', value: `${money(scheme, a.max.total)}${ps}` });
      facts.push({
        label: 'Först att nå taket',
        value: `${nameOf(scheme, a.max.binding.code)}: ${money(scheme, a.max.binding.amountAtTotal)} vid detta belopp, ${money(scheme, a.max.binding.amountAtNext)} vid ${money(scheme, a.max.unit)} mer`,
      });
    }
    const capacity = capacityWords(scheme, a.capacity);
    if (capacity !== undefined) facts.push({ label: 'Största totalbelopp som taken rymmer', value: capacity });
    facts.push({ label: 'Taket binder för', value: bindsForWords(scheme, a, capped) });
    if (b !== undefined && b.reconciliation.heldBack > 0) {
      facts.push({ label: 'Tillbakahållet av taket', value: `${money(scheme, b.reconciliation.heldBack)}${ps}` });
      if (b.reconciliation.carried > 0) facts.push({ label: 'Buret av bärare', value: money(scheme, b.reconciliation.carried) });
      if (b.reconciliation.uncovered > 0) facts.push({ label: 'Ej täckt av någon part', value: money(scheme, b.reconciliation.uncovered) });
    }
    const sentences: string[] = [];
    if (a.max !== undefined && a.headroom !== undefined) {
      const headroom = a.headroom;
      sentences.push(
        headroom > 0
          ? `Med ${totalWords(c, m)} ryms alla parter under taket; totalen kan bli ${money(scheme, a.max.total)}${ps} innan taket binder för någon part (${nameOf(scheme, a.max.binding.code)}), ${money(scheme, headroom)} mer än i dag.`
          : headroom === 0
            ? `${totalWords(c, m)} är det största totalbelopp som ryms under taket: vid ${money(scheme, a.max.unit)} mer binder taket för ${nameOf(scheme, a.max.binding.code)}.`
            : `${totalWords(c, m)} är mer än de ${money(scheme, a.max.total)}${ps} som ryms innan taket binder: ${joinSwedish(capped.map((code) => nameOf(scheme, code)))} når taket och ${capPolicyWords(result, c.id) ?? ''}.`,
      );
    }
    if (a.capacity?.kind === 'nothing-uncovered') {
      sentences.push(`Eftersom det som taket håller tillbaka fördelas om, täcks hela totalen upp till ${money(scheme, a.capacity.total)}, då alla ${a.capacity.sharing} parter betalar sitt tak; först därutöver blir något ej täckt.`);
    } else if (a.capacity?.kind === 'unbounded') {
      sentences.push(`Eftersom det som taket håller tillbaka fördelas om och ${joinSwedish(a.capacity.uncapped.map((code) => nameOf(scheme, code)))} inte har något tak, täcks hela totalen vid varje belopp.`);
    }
    blocks.push({ type: 'heading', level: 3, text: `${c.label}: tak` }, ...(sentences.length > 0 ? [{ type: 'text' as const, paragraphs: sentences }] : []), { type: 'facts', items: facts });
    blocks.push(
      a.near.length > 0
        ? {
            type: 'table',
            caption: `Parter nära taket (minst ${formatPercent(NEAR_CAP, 0)} av ${capFigureWords(c, m)})`,
            columns: [{ label: 'Kod' }, { label: 'Part' }, { label: c.short ?? c.label, numeric: true }, { label: 'Av taket', numeric: true }],
            rows: a.near.map((n) => ({ cells: [n.code, n.name, money(scheme, n.amount), formatPercent(n.utilisation)] })),
          }
        : { type: 'text', paragraphs: [`Ingen part når ${formatPercent(NEAR_CAP, 0)} av taket.`] },
    );
  }
  return blocks;
}

/** Per-user prices of yearly splits by users: budget ÷ users, year by year. */
function perUserBlocks(ctx: ResultFigures): ReportBlock[] {
  const scheme = ctx.result.scheme;
  const blocks: ReportBlock[] = [];
  for (const c of scheme.components) {
    if (c.kind !== 'yearly-share' || c.key.kind !== 'users') continue;
    const rates = ctx.figures.perUser[c.id] ?? [];
    if (rates.length === 0) continue;
    blocks.push(
      { type: 'heading', level: 3, text: `${c.label}: per användare` },
      {
        type: 'table',
        columns: [{ label: 'År' }, { label: 'Budget', numeric: true }, { label: 'Användare', numeric: true }, { label: 'Per användare', numeric: true }],
        rows: rates.map((r) => ({ cells: [String(r.year), money(scheme, r.budget), formatInteger(r.users), formatDecimalKronor(r.perUser)] })),
        notes: [`Budgeten delas varje år efter antal användare${c.index.isZero() ? '' : `, uppräknad med ${formatPercent(c.index)} per år`}.`],
      },
    );
  }
  return blocks;
}

/** The assumptions and policies in words, one sentence each. */
export function assumptionLines(result: SchemeResult): string[] {
  const scheme = result.scheme;
  const lines: string[] = [
    remaindersDistributed(result)
      ? `Belopp räknas exakt i öre och avrundas till ${roundingWords(scheme)}. En delning avrundar varje parts exakta andel nedåt och delar ut de enheter som blir över efter största rest; lika rester avgörs i kodordning. Delarna summerar alltid exakt till totalen.`
      : `Belopp räknas exakt i öre och avrundas till ${roundingWords(scheme)}. Delarna summerar exakt till totalen.`,
  ];
  for (const c of scheme.components) {
    if (c.kind === 'per-unit') {
      lines.push(`${c.label}: varje part betalar ${rate(c.rate)} per invånare${c.year !== undefined ? ` (${c.year})` : ''}.`);
    } else if (c.kind === 'share') {
      lines.push(
        `${c.label}: ${totalWords(c, (o) => money(scheme, o))} fördelas efter ${keyWords(c)}${c.years !== undefined && c.years.length > 0 ? `, jämnt över åren ${spanText({ first: c.years[0]!, last: c.years[c.years.length - 1]! })}` : ''}.` +
          (c.cap !== undefined ? ` Ingen part bär mer än ${capFigureWords(c, (o) => money(scheme, o))}${capPeriodWords(c)}${c.cap.basis ? ` (${c.cap.basis})` : ''}; ${capPolicyWords(result, c.id) ?? ''}.` : ''),
      );
    } else {
      lines.push(
        `${c.label}: en budget på ${money(scheme, c.budget)} per år${c.index.isZero() ? '' : ` (uppräknad ${formatPercent(c.index)} per år)`} fördelas varje år efter ${keyWords(c)}${c.years.length > 0 ? `, ${spanText({ first: c.years[0]!, last: c.years[c.years.length - 1]! })}` : ''}.`,
      );
    }
  }
  if (scheme.contract?.condition) lines.push(scheme.contract.condition);
  return lines;
}

/** The scheme's parameters with their Swedish labels and formatted values, as a table. */
function parameterTable(ctx: ReportContext): TableBlock | undefined {
  const facts = parameterFacts(ctx);
  if (facts.length === 0) return undefined;
  return {
    type: 'table',
    caption: 'Värden som beräkningen använt',
    columns: [{ label: 'Uppgift' }, { label: 'Värde', numeric: true }],
    rows: facts.map((f) => ({ cells: [f.label, f.value] })),
  };
}

/** The agreement's dates, as label–value pairs. */
export function dateFacts(result: SchemeResult): LabelledValue[] {
  return result.scheme.dates.map((d) => ({ label: formatDate(d.date), value: d.label }));
}

/**
 * The overview's section "Avstämning": what is to be covered and what the
 * parties pay, the financing (need, raised, surplus, the covering rate) where
 * the scheme has it, and each cap (its size, the solver's largest total, what
 * it holds back, what a carrier carries and what no party covers), and the
 * price per user of a yearly split by users. The
 * explorer shows the same blocks (`andel.reconciliation()`).
 */
export function reconciliationBlocks(ctx: ResultFigures, analyses: readonly CapAnalysis[] = capAnalyses(ctx)): ReportBlock[] {
  const { result } = ctx;
  const scheme = result.scheme;
  const r = result.reconciliation;
  return [
    { type: 'heading', level: 2, text: 'Avstämning' },
    {
      type: 'text',
      paragraphs: [
        `${
          r.uncovered > 0
            ? `Av ${money(scheme, r.total)} att täcka betalar parterna ${money(scheme, r.sumOfParties)}, och ${money(scheme, r.uncovered)} täcks inte av någon part; ${r.conserved ? 'tillsammans blir det exakt totalen' : 'det blir INTE totalen'}.`
            : `Parternas belopp summerar till ${money(scheme, r.sumOfParties)}, ${r.conserved ? 'exakt totalen' : 'INTE totalen'}.`
        } ${r.capsHold ? 'Alla tak håller.' : 'Ett tak överskrids.'}`,
      ],
    },
    ...financingBlocks(result),
    ...capBlocks(result, analyses),
    ...perUserBlocks(ctx),
  ];
}

/**
 * The overview's key figures: the total to share (or, with a shortfall, to
 * cover, with what the parties cover beside it), each component's total,
 * the financing (need, surplus or deficit, the covering rate) and the
 * largest total each cap leaves room for. A deficit and an uncovered cost
 * are marked `attention`. The explorer shows the same (`andel.keyFigures()`).
 */
export function keyFigureItems(ctx: ResultFigures, analyses: readonly CapAnalysis[] = capAnalyses(ctx)): KeyFiguresBlock['items'] {
  const { result } = ctx;
  const scheme = result.scheme;
  const f = result.reconciliation.financing;
  // With a shortfall the key figure is what is to be covered, with what the parties cover beside it.
  const r = result.reconciliation;
  return [
    ...(r.uncovered > 0
      ? [
          { label: 'Totalt att täcka', value: money(scheme, r.total), emphasis: true },
          { label: 'Täckt av parterna', value: money(scheme, r.sumOfParties), note: `ej täckt: ${money(scheme, r.uncovered)}`, attention: true },
        ]
      : [{ label: 'Totalt att fördela', value: money(scheme, result.total), emphasis: true }]),
    ...(scheme.components.length > 1
      ? scheme.components.map((c) => {
          const cr = result.components.find((x) => x.component.id === c.id);
          const uncovered = cr?.bounded?.reconciliation.uncovered ?? 0;
          return { label: c.short ?? c.label, value: money(scheme, cr?.bounded?.total ?? cr?.total ?? 0), ...(uncovered > 0 ? { note: `varav ej täckt: ${money(scheme, uncovered)}` } : {}) };
        })
      : []),
    ...(f !== undefined
      ? [
          { label: 'Behov', value: money(scheme, f.need) },
          { label: f.surplus >= 0 ? 'Överskott' : 'Underskott', value: money(scheme, Math.abs(f.surplus)), ...(f.surplus < 0 ? { attention: true } : {}) },
          ...(f.coveringRate !== undefined && f.covering !== undefined
            ? [
                {
                  label: 'Belopp per invånare som täcker behovet',
                  value: rate(f.coveringRate),
                  emphasis: true,
                  ...(f.covering.below !== undefined ? { note: `vid ${rate(f.covering.below.rate)} saknas ${money(scheme, -f.covering.below.surplus)}` } : {}),
                },
              ]
            : []),
        ]
      : []),
    ...analyses.flatMap((a) => {
      const name = (a.component.short ?? a.component.label).toLowerCase();
      // Under redistribute the cap limits the total only when every party pays its cap: that is the figure a reader needs.
      const capacity = capacityWords(scheme, a.capacity);
      if (capacity !== undefined) return [{ label: `Största ${name} som taken rymmer`, value: capacity }];
      return a.max !== undefined ? [{ label: `Största ${name} under taket`, value: money(scheme, a.max.total) }] : [];
    }),
  ];

}

/**
 * The overview of a scheme result.
 *
 * @example
 * const doc = overviewDocument({ result, reportDate: '2022-06-29', stamp: 'andel 0.1.0 · … · indata 3f2a9c1e' });
 * doc.viewModel.blocks // key figures, reconciliation, the table, charts, assumptions
 */
export function overviewDocument(ctx: ReportContext): ReportDocument {
  const { result } = ctx;
  const scheme = result.scheme;
  const title = reportTitle(ctx);
  const span = yearSpan(result);
  const analyses = capAnalyses(ctx);

  const titleFacts: LabelledValue[] = [
    { label: 'Rapportdatum', value: formatDate(ctx.reportDate) },
    { label: 'Parter', value: scheme.partyList },
    ...(ctx.source !== undefined ? [{ label: 'Underlag', value: `${ctx.source.document}${ctx.source.date ? `, ${formatDate(ctx.source.date)}` : ''}` }] : []),
    ...scheme.provenance.map((p) => ({ label: 'Datakälla', value: `${sourceLabel(p)}${p.example ? ' (EXEMPELDATA)' : ''}` })),
    ...(span !== undefined ? [{ label: 'Period', value: spanText(span) }] : []),
  ];

  const keyItems = keyFigureItems(ctx, analyses);

  const charts: Record<string, PlotlyFigure> = {};
  const amounts = amountsFigure(result);
  charts['belopp'] = amounts.figure;
  charts['andel'] = shareFigure(ctx.figures.shares);
  const schedule = scheduleFigure(result, ctx.figures.years);
  if (schedule !== undefined) charts['per-ar'] = schedule;

  const params = parameterTable(ctx);
  const dates = dateFacts(result);
  const notes = Object.values(scheme.notes);

  const blocks: ReportBlock[] = [
    ...caveatBlock(scheme),
    ...shortfallNotice(result),
    { type: 'key-figures', label: 'Nyckeltal', items: keyItems },
    { type: 'text', paragraphs: [scheme.summary] },
    ...reconciliationBlocks(ctx, analyses),
    { type: 'heading', level: 2, text: 'Fördelning per part' },
    partyTable(ctx),
    { type: 'heading', level: 2, text: 'Diagram' },
    {
      type: 'chart',
      chart: 'belopp',
      title: amounts.shown < result.parties.length ? `Belopp per part, de ${amounts.shown} största av ${result.parties.length}` : 'Belopp per part',
      caption: 'Varje parts belopp, störst överst.',
      source: scheme.provenance.map((p) => p.label).join('; '),
      alt: amounts.alt,
    },
    { type: 'chart', chart: 'andel', title: 'Andel av totalen', caption: `De största parternas andel av ${money(scheme, result.total)}.`, alt: shareAlt(ctx.figures.shares, scheme) },
    ...(schedule !== undefined
      ? [
          { type: 'chart' as const, chart: 'per-ar', title: 'Betalningar per år', caption: 'Alla parters belopp per år och kostnadsslag.', alt: scheduleAlt(result, ctx.figures.years) },
          yearTable(ctx),
        ]
      : []),
    { type: 'heading', level: 2, text: 'Antaganden och principer' },
    { type: 'list', items: assumptionLines(result) },
    ...(notes.length > 0 ? [{ type: 'heading' as const, level: 3 as const, text: 'Ur avtalet' }, { type: 'text' as const, paragraphs: notes }] : []),
    ...(dates.length > 0 ? [{ type: 'heading' as const, level: 3 as const, text: 'Datum' }, { type: 'facts' as const, items: dates }] : []),
    ...(params !== undefined ? [params] : []),
    ...underlagBlocks(ctx),
  ];

  return {
    id: 'oversikt',
    fileName: 'oversikt.pdf',
    viewModel: {
      lang: 'sv',
      title,
      author: reportAuthor(ctx),
      subject: `Översikt: ${scheme.title}`,
      titleBlock: {
        organisation: reportAuthor(ctx),
        kind: 'Översikt',
        title,
        subtitle: ctx.title !== undefined ? scheme.title : (ctx.region ?? scheme.partyList),
        facts: titleFacts,
      },
      blocks,
    },
    charts,
    metadata: {
      title,
      author: reportAuthor(ctx),
      subject: `Översikt: ${scheme.title}`,
      keywords: ['kostnadsfördelning', 'översikt', scheme.id, ...(span !== undefined ? [spanText(span)] : [])],
    },
    header: { scheme: title, kind: 'Översikt' },
    footer: footerOf(ctx),
  };
}
