/**
 * The reports' charts as Plotly figures: plain data, no DOM. The renderer
 * turns them into SVG once, in its warm chart page, with Swedish separators
 * (`17 448 590`) and month names; the labels written on bars here are
 * formatted with `reports/format.ts` like every other figure a reader sees.
 *
 * Axis values are kronor as numbers: they position the bars, and Plotly
 * prints the ticks with the Swedish separators the renderer configures.
 */
import type { PartyResult, SchemeResult } from '../../models/evaluate.js';
import { Dec, type Ore } from '../../models/money.js';
import { type ShareSlices, type YearSums, largestFirst } from '../../models/report-figures.js';
import type { Comparison } from '../../models/scenarios/compare.js';
import type { SimulationSummary } from '../../models/scenarios/simulation.js';
import type { PlotlyFigure } from '../render/charts.js';
import { formatPercent } from '../format.js';
import { componentLabel, genitive, joinSwedish, money } from './report-document.js';

/**
 * One colour per role, the same in every chart of a document: the region
 * (and the party a letter is about) in orange, every other party in the
 * accent blue, what is taken together or only placed in muted grey, a
 * decrease in red. Text drawn in a colour keeps at least 4,5:1 against white
 * (WCAG 2.1 AA 1.4.3): orange 5,2:1, blue 8,7:1, red 7,3:1; a bar or an area
 * that carries a figure at least 3:1 (1.4.11): the grey 3,5:1.
 */
export const ROLE_COLOURS = {
  region: '#b24f0d',
  highlight: '#b24f0d',
  party: '#1f4e79',
  rest: '#7d8a99',
  decrease: '#9c2f2f',
} as const;
const ACCENT = ROLE_COLOURS.party;
const HIGHLIGHT = ROLE_COLOURS.highlight;
const MUTED = ROLE_COLOURS.rest;
const NEGATIVE = ROLE_COLOURS.decrease;
/** The base (0 %) in a chart of changes: the ink's grey, not a party's colour. */
const BASE_LINE = '#55595e';
/** A mark drawn over a grey band (the median): the ink, 4,9:1 against the grey and 17:1 against white. */
const INK = '#1b1b1b';

/** The components of a stacked chart: not parties, so none of the role colours (orange, blue, grey). */
const COMPONENT_TONES: readonly string[] = ['#548235', '#7030a0', '#0f6e6e', '#7f6000'];

/**
 * The smallest font in a chart, in CSS pixels. A chart is drawn 640 px wide
 * and printed across the A4 text column (210 mm − 2 × 18 mm = 174 mm ≈ 658
 * CSS px), so 1 px prints as 0,75 pt × 658/640 ≈ 0,77 pt: 11 px is 8,5 pt,
 * above the 8 pt a printed label needs.
 */
export const CHART_MIN_FONT_PX = 11;
const FONT = { size: CHART_MIN_FONT_PX } as const;

/**
 * The smallest drawn height of a letter's highlighted bar, as a share of the
 * tallest bar: a small party (Dals-Ed, 0,8 % of Göteborg) would otherwise be
 * a line a pixel tall. Its amount is written beside it, so the true value is
 * read from the label, and the caption says the bar is drawn taller.
 */
export const MIN_BAR_FRACTION = 0.04;

/** The colour of a party's bar by its role: the region orange, any other party blue. */
function partyColour(kind: string | undefined): string {
  return kind === 'region' ? ROLE_COLOURS.region : ROLE_COLOURS.party;
}

/** Above this many parties the placement chart draws the others as one area, not a bar each. */
export const PLACEMENT_BARS = 60;

/** Öre as a number of kronor, for an axis. */
const kr = (ore: Ore): number => ore / 100;

/** `störst Göteborg 5 875 490 kr, minst Dals-Ed 47 560 kr` of parties listed largest first. */
function extremes(scheme: SchemeResult['scheme'], largestFirstParties: readonly PartyResult[]): string {
  const first = largestFirstParties[0];
  const last = largestFirstParties[largestFirstParties.length - 1];
  if (first === undefined || last === undefined) return 'inga belopp';
  const largest = `störst ${first.party.name} ${money(scheme, first.amount)}`;
  return first === last ? largest : `${largest}, minst ${last.party.name} ${money(scheme, last.amount)}`;
}

/** A money axis: whole kronor with Swedish thousands, ` kr` after. */
const moneyAxis = (title?: string): Record<string, unknown> => ({
  tickformat: ',.0f',
  ticksuffix: '\u00a0kr',
  separatethousands: true,
  exponentformat: 'none',
  gridcolor: '#e3e8ee',
  zerolinecolor: '#9aa5b1',
  automargin: true,
  ...(title !== undefined ? { title: { text: title } } : {}),
});

/** Rows of a horizontal bar chart: a fixed height per bar, room for an 11 px label each, so long lists stay readable. */
function barHeight(bars: number): number {
  return Math.max(160, Math.min(900, 60 + bars * 16));
}

/**
 * Amount per party, largest first, as horizontal bars with the amount
 * written beside each. More than `limit` parties: the largest `limit`.
 */
export function amountsFigure(result: SchemeResult, limit = 50): { figure: PlotlyFigure; shown: number; alt: string } {
  const parties = largestFirst(result.parties).slice(0, limit);
  // Plotly draws the first category at the bottom: reverse, so the largest is on top.
  const rows = [...parties].reverse();
  const count = result.parties.length;
  const which = parties.length < count ? `de ${parties.length} största av ${count} parternas belopp` : `${count} ${count === 1 ? 'parts' : 'parters'} belopp`;
  const region = parties.find((p) => p.party.kind === 'region');
  return {
    shown: parties.length,
    alt:
      `Liggande stapeldiagram: ${which}, störst överst; ${extremes(result.scheme, parties)}` +
      `${region !== undefined ? `; ${region.party.name} i avvikande färg` : ''}. Varje belopp står vid sin stapel och i tabellen Belopp per part.`,
    figure: {
      data: [
        {
          type: 'bar',
          orientation: 'h',
          y: rows.map((p) => p.party.name),
          x: rows.map((p) => kr(p.amount)),
          text: rows.map((p) => money(result.scheme, p.amount)),
          textposition: 'outside',
          textfont: FONT,
          constraintext: 'none',
          cliponaxis: false,
          marker: { color: rows.map((p) => partyColour(p.party.kind)) },
          hoverinfo: 'none',
        },
      ],
      layout: {
        height: barHeight(rows.length),
        margin: { l: 10, r: 90, t: 10, b: 40 },
        xaxis: { ...moneyAxis(), rangemode: 'tozero' },
        yaxis: { automargin: true, tickfont: FONT },
        bargap: 0.25,
        showlegend: false,
      },
    },
  };
}

/**
 * Each party's share of the total: the largest parties and the rest
 * together (the figures' {@link ShareSlices}), as horizontal bars, largest
 * on top, each with its percentage written beside it. Bars, not a doughnut:
 * a bar is read by its name and its figure, never by its colour alone
 * (WCAG 2.1 1.4.1), and a slice too thin to label is still a bar.
 */
export function shareFigure(shares: ShareSlices): PlotlyFigure {
  const slices = shareRows(shares);
  // Plotly draws the first category at the bottom: reverse, so the largest is on top.
  const rows = [...slices].reverse();
  return {
    data: [
      {
        type: 'bar',
        orientation: 'h',
        y: rows.map((r) => r.name),
        x: rows.map((r) => r.tenths / 10),
        text: rows.map((r) => r.percent),
        textposition: 'outside',
        textfont: FONT,
        constraintext: 'none',
        cliponaxis: false,
        marker: { color: rows.map((r) => r.colour) },
        hoverinfo: 'none',
      },
    ],
    layout: {
      height: barHeight(rows.length) + 20,
      margin: { l: 10, r: 60, t: 10, b: 40 },
      xaxis: { ticksuffix: '\u00a0%', tickformat: ',.0f', rangemode: 'tozero', gridcolor: '#e3e8ee', zerolinecolor: '#9aa5b1', automargin: true },
      yaxis: { automargin: true, tickfont: FONT },
      bargap: 0.25,
      showlegend: false,
    },
  };
}

/** The bars of {@link shareFigure}, largest first: the named parties, then the others together. */
function shareRows(shares: ShareSlices): Array<{ name: string; tenths: number; percent: string; colour: string }> {
  const { top, rest, tenths } = shares;
  const pct = (i: number): string => formatPercent(new Dec(tenths[i] ?? 0).dividedBy(1000));
  return [
    ...top.map((p, i) => ({ name: p.party.name, tenths: tenths[i] ?? 0, percent: pct(i), colour: partyColour(p.party.kind) })),
    ...(rest !== undefined ? [{ name: `Övriga ${rest.count} parter`, tenths: tenths[top.length] ?? 0, percent: pct(top.length), colour: ROLE_COLOURS.rest }] : []),
  ];
}

/**
 * The alternative text of {@link shareFigure}: every bar's name and
 * percentage, in the order drawn.
 *
 * @example
 * shareAlt(figures.shares, scheme) // 'Liggande stapeldiagram: andel av 17 448 590 kr per part, störst överst: Göteborg 33,7 %, …'
 */
export function shareAlt(shares: ShareSlices, scheme: SchemeResult['scheme']): string {
  const rows = shareRows(shares);
  return `Liggande stapeldiagram: andel av ${money(scheme, shares.total)} per part, störst överst: ${rows.map((r) => `${r.name} ${r.percent}`).join(', ')}.`;
}

/**
 * What all parties pay per year (the figures' {@link YearSums}), stacked by
 * component. Undefined when there are fewer than two years (nothing to show
 * over time).
 */
export function scheduleFigure(result: SchemeResult, years: readonly YearSums[]): PlotlyFigure | undefined {
  if (years.length < 2) return undefined;
  const ids = result.scheme.components.map((c) => c.id);
  return {
    data: ids.map((id, i) => ({
      type: 'bar',
      name: componentLabel(result.scheme, id, true),
      // A white seam between stacked parts, so that neighbouring parts are told apart by more than their hue.
      marker: { color: COMPONENT_TONES[i % COMPONENT_TONES.length], line: { color: '#ffffff', width: 1 } },
      x: years.map((y) => String(y.year)),
      y: years.map((y) => kr(y.amounts[id] ?? 0)),
      hoverinfo: 'none',
    })),
    layout: {
      barmode: 'stack',
      height: 300,
      margin: { l: 10, r: 10, t: 10, b: 40 },
      xaxis: { type: 'category', automargin: true },
      yaxis: { ...moneyAxis(), rangemode: 'tozero' },
      legend: { orientation: 'h', x: 0, y: -0.18, font: FONT },
    },
  };
}

/**
 * The alternative text of {@link scheduleFigure}: what the bars are, and
 * what all parties pay each year (the table beside the chart has the parts).
 */
export function scheduleAlt(result: SchemeResult, years: readonly YearSums[]): string {
  const scheme = result.scheme;
  const parts = scheme.components.map((c) => componentLabel(scheme, c.id, true).toLowerCase());
  const sums = years.map((y) => `${y.year} ${money(scheme, y.total)}`);
  const span = years.length > 0 ? `${years[0]!.year}–${years[years.length - 1]!.year}` : '';
  return `Staplat stapeldiagram: alla parters belopp per år ${span}${parts.length > 1 ? `, uppdelat på ${joinSwedish(parts)}` : ''}: ${sums.join(', ')}. Beloppen står i tabellen Betalningar per år.`;
}

/**
 * A small chart for a letter: every comparable party's amount as a thin
 * bar, largest first, the letter's party in the highlight colour and named.
 * A municipality is placed among the municipalities; a region among all.
 */
export function placementFigure(result: SchemeResult, code: string): PlotlyFigure {
  const self = result.parties.find((p) => p.party.code === code);
  const kind = self?.party.kind;
  const peers = peersOf(result, code);
  const index = peers.findIndex((p) => p.party.code === code);
  const many = peers.length > 30;
  const { drawn, raised } = drawnHeight(result, code);
  // Hundreds of parties: one filled step line for the others instead of a
  // rectangle each (a fraction of the SVG, and of the time to draw it), and
  // one bar for the party.
  const data: Readonly<Record<string, unknown>>[] =
    peers.length > PLACEMENT_BARS
      ? [
          {
            type: 'scatter',
            mode: 'lines',
            x: peers.map((_, i) => i + 1),
            y: peers.map((p) => kr(p.amount)),
            line: { shape: 'hvh', color: MUTED, width: 0.5 },
            fill: 'tozeroy',
            fillcolor: MUTED,
            hoverinfo: 'none',
          },
          { type: 'bar', x: [index + 1], y: [drawn], width: [Math.max(1, peers.length / 120)], marker: { color: HIGHLIGHT }, hoverinfo: 'none' },
        ]
      : [
          {
            type: 'bar',
            x: peers.map((_, i) => i + 1),
            y: peers.map((p) => (p.party.code === code ? drawn : kr(p.amount))),
            marker: { color: peers.map((p) => (p.party.code === code ? HIGHLIGHT : MUTED)) },
            hoverinfo: 'none',
          },
        ];
  return {
    data,
    layout: {
      height: 200,
      margin: { l: 10, r: 10, t: 24, b: 30 },
      bargap: many ? 0.1 : 0.2,
      xaxis: { showticklabels: false, ticks: '', title: { text: `${peers.length} ${kind === 'kommun' ? 'kommuner' : 'parter'}, största beloppet till vänster` } },
      yaxis: { ...moneyAxis(), rangemode: 'tozero' },
      showlegend: false,
      annotations:
        self === undefined
          ? []
          : [
              {
                x: index + 1,
                y: drawn,
                text: `${self.party.name}: ${money(result.scheme, self.amount)}${raised ? ' (stapeln förstorad)' : ''}`,
                showarrow: true,
                arrowhead: 0,
                ax: index < peers.length / 2 ? 40 : -40,
                ay: -24,
                font: { size: CHART_MIN_FONT_PX, color: HIGHLIGHT },
                xanchor: index < peers.length / 2 ? 'left' : 'right',
              },
            ],
    },
  };
}

/**
 * The drawn height of a letter's party's bar, in kronor: its amount, or
 * {@link MIN_BAR_FRACTION} of the largest amount when that is more (then
 * `raised`), so that a small party's bar is seen.
 */
function drawnHeight(result: SchemeResult, code: string): { drawn: number; raised: boolean } {
  const amount = result.parties.find((p) => p.party.code === code)?.amount ?? 0;
  const largest = Math.max(0, ...peersOf(result, code).map((p) => p.amount));
  const min = largest * MIN_BAR_FRACTION;
  return amount > 0 && amount < min ? { drawn: kr(Math.round(min)), raised: true } : { drawn: kr(amount), raised: false };
}

/** The parties a letter's party is placed among, largest first: a municipality among the municipalities, a region among all. */
function peersOf(result: SchemeResult, code: string): PartyResult[] {
  const kind = result.parties.find((p) => p.party.code === code)?.party.kind;
  return largestFirst(result.parties).filter((p) => kind === 'region' || p.party.kind === kind || p.party.code === code);
}

/** The caption of {@link placementFigure}: what a bar (or the area) is. */
export function placementCaption(result: SchemeResult, code: string): string {
  const self = result.parties.find((p) => p.party.code === code);
  const kind = self?.party.kind;
  const count = peersOf(result, code).length;
  const peers = kind === 'kommun' ? 'kommunernas' : 'parternas';
  const name = self?.party.name ?? code;
  const raised = drawnHeight(result, code).raised ? ` ${genitive(name)} stapel är ritad högre än sitt belopp för att synas; beloppet står vid stapeln.` : '';
  return (
    (count > PLACEMENT_BARS
      ? `Ytan visar de ${count} ${peers} belopp, störst till vänster; ${name} är markerad.`
      : `Varje stapel är en av ${peers} belopp, störst till vänster; ${name} är markerad.`) + raised
  );
}

/**
 * The alternative text of {@link placementFigure}: how many parties, the
 * largest and the smallest, and the letter's party with its amount.
 *
 * @example
 * placementAlt(result, '1480') // 'Stapeldiagram: 49 kommuners belopp, störst till vänster: störst Göteborg 5 875 490 kr, minst Dals-Ed 47 560 kr; Göteborg markerad, 5 875 490 kr.'
 */
export function placementAlt(result: SchemeResult, code: string): string {
  const self = result.parties.find((p) => p.party.code === code);
  const peers = peersOf(result, code);
  const kind = self?.party.kind === 'kommun' ? (peers.length === 1 ? 'kommuns' : 'kommuners') : peers.length === 1 ? 'parts' : 'parters';
  const what = peers.length > PLACEMENT_BARS ? 'Ytdiagram' : 'Stapeldiagram';
  const own = self !== undefined ? `; ${self.party.name} markerad, ${money(result.scheme, self.amount)}` : '';
  return `${what}: ${peers.length} ${kind} belopp, störst till vänster: ${extremes(result.scheme, peers)}${own}.`;
}

/**
 * The scenario's difference per party against its base, largest change on
 * top, increases and decreases in different colours. Parties whose figure
 * does not change are left out (the table lists them); at most `limit` bars.
 */
export function differencesFigure(c: Comparison, limit = 40, withOre?: boolean): { figure: PlotlyFigure; shown: number; unchanged: number; alt: string } {
  const scheme = c.scenario.scheme;
  const changed = c.parties
    .filter((p) => p.diff !== 0)
    .sort((a, b) => Math.abs(b.diff) - Math.abs(a.diff) || (a.code < b.code ? -1 : 1))
    .slice(0, limit);
  const rows = [...changed].reverse();
  const unchanged = c.parties.filter((p) => p.diff === 0).length;
  const up = [...changed].filter((p) => p.diff > 0).sort((a, b) => b.diff - a.diff || (a.code < b.code ? -1 : 1))[0];
  const down = [...changed].filter((p) => p.diff < 0).sort((a, b) => a.diff - b.diff || (a.code < b.code ? -1 : 1))[0];
  const moved = c.parties.length - unchanged;
  const alt =
    `Liggande stapeldiagram: skillnad mot basen per part, störst förändring överst; ` +
    `${changed.length < moved ? `de ${changed.length} största av ${moved} ändrade belopp` : `${moved} ${moved === 1 ? 'ändrat belopp' : 'ändrade belopp'}`}` +
    `${unchanged > 0 ? `, ${unchanged} oförändrade utelämnade` : ''}` +
    `${up !== undefined ? `; störst ökning ${up.name} ${money(scheme, up.diff, true, withOre)}` : ''}` +
    `${down !== undefined ? `; störst minskning ${down.name} ${money(scheme, down.diff, true, withOre)}` : ''}. ` +
    'Varje skillnad står vid sin stapel och i tabellen Belopp per part.';
  return {
    shown: changed.length,
    unchanged,
    alt,
    figure: {
      data: [
        {
          type: 'bar',
          orientation: 'h',
          y: rows.map((p) => p.name),
          x: rows.map((p) => kr(p.diff)),
          text: rows.map((p) => money(scheme, p.diff, true, withOre)),
          textposition: 'outside',
          textfont: FONT,
          constraintext: 'none',
          cliponaxis: false,
          marker: { color: rows.map((p) => (p.diff < 0 ? NEGATIVE : ACCENT)) },
          hoverinfo: 'none',
        },
      ],
      layout: {
        height: barHeight(Math.max(1, rows.length)),
        margin: { l: 10, r: 10, t: 10, b: 40 },
        xaxis: { ...moneyAxis(), zeroline: true, range: labelRoom(rows.map((p) => kr(p.diff))) },
        // The names sit outside the plot (automargin makes room for the longest); the amounts inside it, in the room labelRoom keeps beyond each bar's end.
        yaxis: { automargin: true, tickfont: FONT, ticklabelposition: 'outside' },
        showlegend: false,
      },
    },
  };
}

/**
 * The value axis of a bar chart whose amounts are written beyond the bars'
 * ends: the bars' extent widened by {@link LABEL_ROOM} of it on each side a
 * bar reaches, so that an amount written outside a bar stays inside the
 * plot and never runs into the names on the axis (a decrease's amount is
 * written to the left of its bar, towards the names).
 */
export function labelRoom(values: readonly number[]): [number, number] {
  const lo = Math.min(0, ...values);
  const hi = Math.max(0, ...values);
  const span = hi - lo || 1;
  return [lo < 0 ? lo - span * LABEL_ROOM : 0, hi > 0 ? hi + span * LABEL_ROOM : 0];
}

/** The room beyond a bar's end for its amount, as a share of the bars' extent: an amount of 14 characters in a plot of about 350 px. */
export const LABEL_ROOM = 0.4;

/**
 * Monte Carlo percentile bands per party, relative to the party's figure in
 * the base (so a municipality of 5 000 and a region of 1,7 million share one
 * axis): a bar from P5 to P95, a mark at the median, the base at 0 %. The
 * `limit` parties with the largest base figures, largest on top; a party
 * without a base figure has nothing to be relative to and is left out.
 */
export function percentileBandsFigure(summary: SimulationSummary, base: SchemeResult, limit = 30): { figure: PlotlyFigure; shown: number; alt: string } {
  const baseOf = new Map(base.parties.map((p) => [p.party.code, p.amount]));
  const parties = summary.parties
    .filter((p) => (baseOf.get(p.code) ?? 0) > 0)
    .sort((a, b) => (baseOf.get(b.code) ?? 0) - (baseOf.get(a.code) ?? 0) || (a.code < b.code ? -1 : 1))
    .slice(0, limit);
  const rows = [...parties].reverse();
  // Per cent of the base figure, as an axis position (the axis prints it with Swedish separators).
  const pct = (ore: Ore, code: string): number => ((ore - (baseOf.get(code) ?? 0)) / (baseOf.get(code) ?? 1)) * 100;
  // The same positions as exact ratios, for the words: the widest and the narrowest band.
  const ratio = (ore: Ore, code: string): Dec => new Dec(ore - (baseOf.get(code) ?? 0)).dividedBy(baseOf.get(code) ?? 1);
  // A change that rounds to nothing is 0,0 %, without a sign (not −0,0 %).
  const signed = (d: Dec): string => {
    const text = formatPercent(d);
    return /^\D?0,0\D/.test(text) ? text.replace(/^\D/, '') : `${d.greaterThan(0) ? '+' : ''}${text}`;
  };
  const band = (p: (typeof parties)[number]): string => `${p.name} ${signed(ratio(p.total.p5, p.code))} till ${signed(ratio(p.total.p95, p.code))}, median ${signed(ratio(p.total.p50, p.code))}`;
  const byWidth = [...parties].sort((a, b) => ratio(b.total.p95, b.code).minus(ratio(b.total.p5, b.code)).comparedTo(ratio(a.total.p95, a.code).minus(ratio(a.total.p5, a.code))) || (a.code < b.code ? -1 : 1));
  const widest = byWidth[0];
  const narrowest = byWidth[byWidth.length - 1];
  const alt =
    `Diagram med percentilband: för ${parties.length < summary.parties.length ? `de ${parties.length} största av ${summary.parties.length} parterna` : `${parties.length} parter`}, störst överst, ` +
    'förändringen mot basens belopp i procent, en stapel från P5 till P95 och ett streck vid medianen; 0 % är basen' +
    `${widest !== undefined ? `. Bredast band: ${band(widest)}` : ''}` +
    `${narrowest !== undefined && narrowest !== widest ? `. Smalast band: ${band(narrowest)}` : ''}. Beloppen står i tabellen Belopp per part i simuleringen.`;
  return {
    shown: parties.length,
    alt,
    figure: {
      data: [
        {
          type: 'bar',
          orientation: 'h',
          name: 'P5–P95',
          y: rows.map((p) => p.name),
          base: rows.map((p) => pct(p.total.p5, p.code)),
          x: rows.map((p) => pct(p.total.p95, p.code) - pct(p.total.p5, p.code)),
          marker: { color: MUTED },
          hoverinfo: 'none',
        },
        {
          type: 'scatter',
          mode: 'markers',
          name: 'Median (P50)',
          y: rows.map((p) => p.name),
          x: rows.map((p) => pct(p.total.p50, p.code)),
          marker: { color: INK, symbol: 'line-ns-open', size: 14, line: { width: 2.5, color: INK } },
          hoverinfo: 'none',
        },
      ],
      layout: {
        height: barHeight(rows.length) + 30,
        margin: { l: 10, r: 20, t: 10, b: 60 },
        xaxis: { ticksuffix: '\u00a0%', tickformat: ',.1f', zeroline: true, zerolinecolor: BASE_LINE, zerolinewidth: 1.5, gridcolor: '#e3e8ee', automargin: true },
        yaxis: { automargin: true, tickfont: FONT },
        legend: { orientation: 'h', x: 0, y: -0.12, font: FONT },
        bargap: 0.35,
      },
    },
  };
}
