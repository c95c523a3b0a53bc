/**
 * A scenario against its base: what the scenario changes (parameters,
 * parties, uncertain inputs), the effect on the reconciliation, every
 * party's difference in kronor and per cent with a chart, and for a Monte
 * Carlo scenario the percentile bands per party.
 *
 * Built on the scenario models (`models/scenarios/compare.ts`,
 * `simulation.ts`): this module only formats what they computed.
 */
import { Dec, type Ore } from '../../models/money.js';
import { changedParties, schemePrintsOre } from '../../models/report-figures.js';
import type { Comparison, ReconciliationComparison } from '../../models/scenarios/compare.js';
import type { PartyChanges } from '../../models/scenarios/party-changes.js';
import type { SimulationSummary } from '../../models/scenarios/simulation.js';
import { meanOre } from '../../models/scenarios/statistics.js';
import type { VarySpec } from '../../models/scenarios/vary.js';
import type { PlotlyFigure } from '../render/charts.js';
import type { LabelledValue, TableRow } from '../render/document-model.js';
import type { SchemeModel } from '../../models/scheme.js';
import { formatDate, formatDecimalKronor, formatInteger, formatPercent } from '../format.js';
import { differencesFigure, percentileBandsFigure } from './charts.js';
import { type ReportBlock, type ReportContext, type ReportDocument, type NoticeBlock, caveatLines, footerOf, money, parameterLabel, parameterValue, rate, reportAuthor, shortfallLines, slug, underlagBlocks, varyWords } from './report-document.js';

/** How one side of a comparison is named. */
export interface ComparedSide {
  /** What the user named: a scheme id or a scenario file. */
  readonly label: string;
  readonly title: string;
  readonly kind: 'scenario' | 'scheme';
  readonly description?: string;
}

/** What a comparison report is made of (the context's result is the scenario's). */
export interface ComparisonInput {
  readonly comparison: Comparison;
  readonly base: ComparedSide;
  readonly scenario: ComparedSide;
  /** The scenario's party changes. */
  readonly changes?: PartyChanges;
  /** Uncertain inputs of a Monte Carlo scenario. */
  readonly vary?: readonly VarySpec[];
  /** The simulation of the scenario, when it varies inputs. */
  readonly simulation?: SimulationSummary;
  /** The scheme's parameter declarations (label, type, unit), to show a changed parameter in the reader's words. */
  readonly parameters?: Readonly<Record<string, ParameterWords>>;
  /** The parameters the scenario file sets (`set:`), shown among the key figures even where the base takes the same value. */
  readonly setByScenario?: readonly string[];
}

/** What a reader is told about a parameter: its Swedish label, and how its value is written. */
export interface ParameterWords {
  readonly label: string;
  readonly type: 'money' | 'rate' | 'integer' | 'decimal' | 'percent' | 'enum' | 'year' | 'text';
  readonly unit?: string;
}

/**
 * A parameter's value as a reader reads it, by its declared type: money as
 * kronor in the document's format, a rate with what it is per, a percentage,
 * a count with thousands; any other value as written.
 *
 * @example parameterText({ label: 'Licenskostnad', type: 'money' }, '3000000', fmt) // '3 000 000,00 kr' where amounts have öre
 */
export function parameterText(p: ParameterWords, value: string, money: (ore: Ore) => string): string {
  if (!/^\d+(\.\d+)?$/.test(value)) return value;
  const d = new Dec(value);
  switch (p.type) {
    case 'money':
      return money(d.times(100).toNumber());
    case 'rate':
      return `${rate(d)}${p.unit?.startsWith('kr/') ? ` per ${p.unit.slice(3)}` : ''}`;
    case 'percent':
      return formatPercent(d.dividedBy(100), Math.max(1, d.decimalPlaces()));
    case 'integer':
      return `${formatInteger(d.toNumber())}${p.unit !== undefined && p.unit !== '' ? ` ${p.unit}` : ''}`;
    case 'decimal':
      return value.replace('.', ',');
    default:
      return value;
  }
}

/** A parameter whose value differs between the base and the scenario. */
export interface ChangedParameter {
  readonly name: string;
  readonly base?: string;
  readonly scenario?: string;
}

/** The parameters the scenario changes, in name order. */
export function changedParameters(c: Comparison): ChangedParameter[] {
  const a = c.base.scheme.parameters;
  const b = c.scenario.scheme.parameters;
  const names = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
  return names
    .filter((n) => a[n] !== b[n])
    .map((n) => ({ name: n, ...(a[n] !== undefined ? { base: a[n] } : {}), ...(b[n] !== undefined ? { scenario: b[n] } : {}) }));
}

/** A figure of the reconciliation, formatted by its unit. */
function recValue(scheme: SchemeModel, withOre: boolean, key: string, v: Dec | string | undefined, unit: ReconciliationComparison['unit'], sign = false): string {
  if (v === undefined) return '–';
  if (typeof v === 'string') return v;
  if (unit === 'kr') {
    const ore = v.times(100);
    return ore.isInteger() ? money(scheme, ore.toNumber(), sign, withOre) : `${sign && v.greaterThan(0) ? '+' : ''}${formatDecimalKronor(v, 2)}`;
  }
  // A break-even rate is a quotient, not a rate that can be charged: four decimals, so that it is not read as one (9,7429 kr, while 9,74 kr falls short).
  if (unit === 'kr/unit') return `${sign && v.greaterThan(0) ? '+' : ''}${formatDecimalKronor(v, key === 'breakEvenRate' ? 4 : 2)}`;
  return `${sign && v.greaterThan(0) ? '+' : ''}${formatInteger(v.toNumber())}`;
}

/** `+12,5 %`, `−100,0 %`, `–` without a base. */
function relative(r: Dec | undefined): string {
  if (r === undefined) return '–';
  return `${r.greaterThan(0) ? '+' : ''}${formatPercent(r)}`;
}

/** The Monte Carlo part: what varied, the bands chart and the table of percentiles. */
function simulationBlocks(input: ComparisonInput, charts: Record<string, PlotlyFigure>, withOre: boolean): ReportBlock[] {
  const s = input.simulation;
  if (s === undefined) return [];
  const scheme = input.comparison.scenario.scheme;
  const m = (ore: Ore): string => money(scheme, ore, false, withOre);
  // The exact mean, shown in the document's one money format: to the öre, or to the krona when no amount has öre.
  const mean = (x: Dec): string => formatDecimalKronor(x.dividedBy(100), withOre ? 2 : 0);
  const result = (ore: Ore): string => (ore < 0 ? `underskott ${m(-ore)}` : `överskott ${m(ore)}`);
  const bands = percentileBandsFigure(s, input.comparison.base);
  charts['percentiler'] = bands.figure;
  const pct = (n: number): string => formatPercent(new Dec(n).dividedBy(s.runs));
  const baseOf = (code: string): Ore | undefined => input.comparison.base.parties.find((p) => p.party.code === code)?.amount;
  const rows: TableRow[] = s.parties.map((p) => {
    const b = baseOf(p.code);
    return {
      cells: [p.code, p.name, b !== undefined ? m(b) : '–', m(p.total.p5), m(p.total.p50), m(p.total.p95), mean(meanOre(p.total))],
    };
  });
  const sentences = [
    `${formatInteger(s.runs)} körningar med fröet ${s.seed}: samma frö ger samma siffror. Varje körning är en exakt beräkning av schemat (största rest till avrundningsenheten, tak enligt schemats princip); percentilerna är värden som en faktisk körning gav, på öret.`,
    ...(s.needNotCovered !== undefined && s.surplus !== undefined
      ? [
          `Behovet täcks inte i ${pct(s.needNotCovered)} av körningarna. Resultatet mot behovet: ${result(s.surplus.p50)} i medianen (P50); ${result(s.surplus.p5)} vid P5 och ${result(s.surplus.p95)} vid P95.`,
        ]
      : []),
    ...s.components.flatMap((c) => (c.capped !== undefined ? [`${c.label}: taket binder för någon part i ${pct(c.capped.bindsAny)} av körningarna.`] : [])),
  ];
  return [
    { type: 'page-break' },
    { type: 'heading', level: 2, text: 'Osäkerhet (Monte Carlo)' },
    { type: 'list', items: s.vary.map((v) => `Varierat: ${varyWords(v)}`) },
    { type: 'text', paragraphs: sentences },
    {
      type: 'chart',
      chart: 'percentiler',
      title: bands.shown < s.parties.length ? `Percentilband per part, de ${bands.shown} största` : 'Percentilband per part',
      caption: 'Förändring mot basens belopp: stapeln går från P5 till P95, strecket är medianen (P50); 0 % är basen.',
      alt: bands.alt,
    },
    {
      type: 'table',
      caption: 'Belopp per part i simuleringen',
      columns: [{ label: 'Kod' }, { label: 'Part' }, { label: 'Bas', numeric: true }, { label: 'P5', numeric: true }, { label: 'P50', numeric: true }, { label: 'P95', numeric: true }, { label: 'Medel', numeric: true }],
      rows,
      totals: [{ total: true, cells: ['', 'Alla parter', m(input.comparison.base.total), m(s.total.p5), m(s.total.p50), m(s.total.p95), mean(meanOre(s.total))] }],
      notes: [`Percentiler enligt närmaste rang. Medel exakt, avrundat till ${withOre ? 'öre' : 'hela kronor'} för visning.`],
    },
  ];
}

/**
 * The comparison report.
 *
 * @example
 * const c = compareResults(evaluateScheme(base), evaluateScheme(scenario));
 * comparisonDocument({ result: c.scenario, reportDate: '2022-06-29', stamp }, { comparison: c, base: …, scenario: … })
 */
export function comparisonDocument(ctx: ReportContext, input: ComparisonInput): ReportDocument {
  const c = input.comparison;
  const scheme = c.scenario.scheme;
  const title = ctx.title ?? input.scenario.title;
  const params = changedParameters(c);
  const charts: Record<string, PlotlyFigure> = {};
  // One money format for the document: with öre when either side's amounts have öre.
  const withOre = schemePrintsOre(c.base.scheme) || schemePrintsOre(scheme);
  const m = (ore: Ore, sign = false): string => money(scheme, ore, sign, withOre);
  const diff = differencesFigure(c, undefined, withOre);
  const { changed, unchanged } = changedParties(c);
  charts['skillnad'] = diff.figure;
  const leave = input.changes?.leave ?? [];
  const join = input.changes?.join ?? [];

  const caveats = [...new Set([...caveatLines(c.base.scheme), ...caveatLines(scheme)])];
  const notice: NoticeBlock[] = caveats.length > 0 ? [{ type: 'notice', title: 'Observera', items: caveats }] : [];
  // What no party covers, on either side.
  const shortfall = [...shortfallLines(c.base, 'I basen'), ...shortfallLines(c.scenario, 'I scenariot')];
  if (shortfall.length > 0) notice.push({ type: 'notice', title: 'Kostnad som ingen part täcker', items: shortfall });
  const fb = c.base.reconciliation.financing;
  const fs = c.scenario.reconciliation.financing;

  const keyItems = [
    { label: 'Summa i basen', value: m(c.total.base) },
    { label: 'Summa i scenariot', value: m(c.total.scenario) },
    { label: 'Skillnad', value: m(c.total.diff, true), emphasis: true },
    ...(fb !== undefined && fs !== undefined
      ? [
          { label: fb.surplus >= 0 ? 'Överskott i basen' : 'Underskott i basen', value: m(Math.abs(fb.surplus)) },
          { label: fs.surplus >= 0 ? 'Överskott i scenariot' : 'Underskott i scenariot', value: m(Math.abs(fs.surplus)) },
        ]
      : []),
    // A scenario of a per-unit scheme asks what rate would cover the need: the answer, checked one öre below.
    ...(fs?.coveringRate !== undefined && fs.covering !== undefined
      ? [
          {
            label: 'Belopp per invånare som täcker behovet i scenariot',
            value: rate(fs.coveringRate),
            emphasis: true,
            note: [
              ...(fb?.coveringRate !== undefined ? [`i basen ${rate(fb.coveringRate)}`] : []),
              ...(fs.covering.below !== undefined ? [`vid ${rate(fs.covering.below.rate)} saknas ${m(-fs.covering.below.surplus)}`] : []),
            ].join('; '),
          },
        ]
      : []),
    // What the scenario sets or changes: each such parameter the scheme declares, in its Swedish label and unit, with the base beside it.
    ...[...new Set([...(input.setByScenario ?? []), ...params.map((p) => p.name)])].sort().flatMap((name) => {
      const words = input.parameters?.[name];
      const value = scheme.parameters[name];
      if (words === undefined || value === undefined) return [];
      const before = c.base.scheme.parameters[name];
      const note = before === undefined ? 'inget värde i basen' : before === value ? 'samma i basen' : `i basen ${parameterText(words, before, m)}`;
      return [{ label: words.label, value: parameterText(words, value, m), note }];
    }),
  ];

  const assumptionFacts: LabelledValue[] = [
    ...params.map((p) => ({ label: parameterLabel(ctx, p.name), value: `${parameterValue(ctx, p.name, p.base)} → ${parameterValue(ctx, p.name, p.scenario)}` })),
    ...leave.map((code) => ({ label: 'Lämnar', value: `${c.base.scheme.parties.find((p) => p.code === code)?.name ?? code} (${code})` })),
    ...join.map((j) => ({ label: 'Tillkommer', value: `${j.name} (${j.code})${j.population !== undefined ? `, ${formatInteger(j.population)} invånare` : ''}` })),
    ...(c.base.scheme.partyList !== scheme.partyList ? [{ label: 'Parter', value: `${c.base.scheme.partyList} → ${scheme.partyList}` }] : []),
  ];

  const partyRows: TableRow[] = [
    ...changed.map((p) => ({
      cells: [
        p.code,
        `${p.name}${p.status === 'left' ? ' (lämnar)' : p.status === 'joined' ? ' (tillkommer)' : ''}`,
        p.base !== undefined ? m(p.base) : '–',
        p.scenario !== undefined ? m(p.scenario) : '–',
        m(p.diff, true),
        relative(p.relative),
      ],
    })),
    // The parties the scenario leaves as they are, in one line rather than a row of zeros each.
    ...(unchanged.count > 0
      ? [{ cells: ['', `${unchanged.count} ${unchanged.count === 1 ? 'part oförändrad' : 'parter oförändrade'}`, m(unchanged.amount), m(unchanged.amount), m(0), relative(unchanged.amount > 0 ? new Dec(0) : undefined)] }]
      : []),
  ];

  const blocks: ReportBlock[] = [
    ...notice,
    { type: 'key-figures', label: 'Nyckeltal', items: keyItems },
    ...(input.scenario.description !== undefined ? [{ type: 'text' as const, paragraphs: [input.scenario.description] }] : []),
    { type: 'heading', level: 2, text: 'Ändrade antaganden' },
    assumptionFacts.length > 0
      ? { type: 'facts', items: assumptionFacts }
      : { type: 'text', paragraphs: [input.vary !== undefined && input.vary.length > 0 ? 'Scenariot ändrar inga parametrar eller parter; det varierar osäker indata (nedan).' : 'Scenariot ändrar inga parametrar eller parter.'] },
    { type: 'heading', level: 2, text: 'Avstämning' },
    {
      type: 'table',
      columns: [{ label: 'Post' }, { label: 'Bas', numeric: true }, { label: 'Scenario', numeric: true }, { label: 'Skillnad', numeric: true }],
      rows: c.reconciliation.map((r) => ({ cells: [r.label, recValue(scheme, withOre, r.key, r.base, r.unit), recValue(scheme, withOre, r.key, r.scenario, r.unit), r.diff !== undefined ? recValue(scheme, withOre, r.key, r.diff, r.unit, true) : '–'] })),
    },
    { type: 'heading', level: 2, text: 'Skillnad per part' },
    ...(diff.shown > 0
      ? [
          {
            type: 'chart' as const,
            chart: 'skillnad',
            title: 'Förändring mot basen',
            caption: `${diff.shown} ${diff.shown === 1 ? 'part får' : 'parter får'} ett annat belopp${diff.unchanged > 0 ? `; ${diff.unchanged} har oförändrat belopp` : ''}.`,
            alt: diff.alt,
          },
        ]
      : [{ type: 'text' as const, paragraphs: ['Ingen part får ett annat belopp.'] }]),
    {
      type: 'table',
      caption: 'Belopp per part',
      columns: [{ label: 'Kod' }, { label: 'Part' }, { label: 'Bas', numeric: true }, { label: 'Scenario', numeric: true }, { label: 'Skillnad', numeric: true }, { label: 'Skillnad %', numeric: true }],
      rows: partyRows,
      totals: [{ total: true, cells: ['', 'Summa', m(c.total.base), m(c.total.scenario), m(c.total.diff, true), c.total.base !== 0 ? relative(new Dec(c.total.diff).dividedBy(c.total.base)) : '–'] }],
    },
    ...simulationBlocks(input, charts, withOre),
    ...underlagBlocks(ctx),
  ];

  return {
    id: 'jamforelse',
    fileName: `jamforelse-${slug(input.scenario.title)}.pdf`,
    viewModel: {
      lang: 'sv',
      title,
      author: reportAuthor(ctx),
      subject: `Jämförelse: ${input.scenario.title} mot ${input.base.title}`,
      titleBlock: {
        organisation: reportAuthor(ctx),
        kind: input.simulation !== undefined ? 'Jämförelse och osäkerhet' : 'Jämförelse',
        title,
        subtitle: `${input.scenario.title} jämfört med ${input.base.title}`,
        facts: [
          { label: 'Rapportdatum', value: formatDate(ctx.reportDate) },
          { label: 'Scenario', value: input.scenario.title },
          { label: 'Bas', value: input.base.title },
          { label: 'Parter i scenariot', value: scheme.partyList },
          ...(input.simulation !== undefined ? [{ label: 'Simulering', value: `${formatInteger(input.simulation.runs)} körningar, frö ${input.simulation.seed}` }] : []),
        ],
      },
      blocks,
    },
    charts,
    metadata: {
      title,
      author: reportAuthor(ctx),
      subject: `Jämförelse: ${input.scenario.title} mot ${input.base.title}`,
      keywords: ['kostnadsfördelning', 'scenario', 'jämförelse', scheme.id, ...(input.simulation !== undefined ? ['Monte Carlo'] : [])],
    },
    header: { scheme: title, kind: 'Jämförelse' },
    footer: footerOf(ctx),
  };
}
