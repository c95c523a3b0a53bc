/**
 * The reports' charts as Plotly figures: plain data, no DOM. The renderer
 * turns them into SVG once, in its warm chart page, with Swedish separators
 * (`17 448 590`) and month names; the labels written on bars here are
 * formatted with `reports/format.ts` like every other figure a reader sees.
 *
 * Axis values are kronor as numbers: they position the bars, and Plotly
 * prints the ticks with the Swedish separators the renderer configures.
 */
import type { SchemeResult } from '../../models/evaluate.js';
import { Dec, type Ore } from '../../models/money.js';
import { type ShareSlices, type YearSums, largestFirst } from '../../models/report-figures.js';
import type { Comparison } from '../../models/scenarios/compare.js';
import type { SimulationSummary } from '../../models/scenarios/simulation.js';
import type { PlotlyFigure } from '../render/charts.js';
import { formatPercent } from '../format.js';
import { componentLabel, money } from './report-document.js';

/** The document's accent, the one highlight and the muted bars (print well in greyscale). */
const ACCENT = '#1f4e79';
const HIGHLIGHT = '#c55a11';
const MUTED = '#a9b8c8';
const NEGATIVE = '#9c2f2f';

/** Above this many parties the placement chart draws the others as one area, not a bar each. */
export const PLACEMENT_BARS = 60;

/** Öre as a number of kronor, for an axis. */
const kr = (ore: Ore): number => ore / 100;

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

/** Rows of a horizontal bar chart: a fixed height per bar, so long lists stay readable. */
function barHeight(bars: number): number {
  return Math.max(160, Math.min(780, 60 + bars * 14));
}

/**
 * Amount per party, largest first, as horizontal bars with the amount
 * written beside each. More than `limit` parties: the largest `limit`.
 */
export function amountsFigure(result: SchemeResult, limit = 50): { figure: PlotlyFigure; shown: number } {
  const parties = largestFirst(result.parties).slice(0, limit);
  // Plotly draws the first category at the bottom: reverse, so the largest is on top.
  const rows = [...parties].reverse();
  return {
    shown: parties.length,
    figure: {
      data: [
        {
          type: 'bar',
          orientation: 'h',
          y: rows.map((p) => p.party.name),
          x: rows.map((p) => kr(p.amount)),
          text: rows.map((p) => money(result.scheme, p.amount)),
          textposition: 'outside',
          cliponaxis: false,
          marker: { color: rows.map((p) => (p.party.kind === 'region' ? HIGHLIGHT : ACCENT)) },
          hoverinfo: 'none',
        },
      ],
      layout: {
        height: barHeight(rows.length),
        margin: { l: 10, r: 90, t: 10, b: 40 },
        xaxis: { ...moneyAxis(), rangemode: 'tozero' },
        yaxis: { automargin: true, tickfont: { size: rows.length > 30 ? 9 : 10 } },
        bargap: 0.25,
        showlegend: false,
      },
    },
  };
}

/**
 * Each party's share of the total: the largest parties and the rest
 * together (the figures' {@link ShareSlices}), as a doughnut with the
 * percentages written by the view.
 */
export function shareFigure(shares: ShareSlices): PlotlyFigure {
  const { top, rest, total } = shares;
  const labels = [...top.map((p) => p.party.name), ...(rest !== undefined ? [`Övriga ${rest.count}`] : [])];
  const values = [...top.map((p) => p.amount), ...(rest !== undefined ? [rest.amount] : [])];
  return {
    data: [
      {
        type: 'pie',
        hole: 0.45,
        sort: false,
        direction: 'clockwise',
        labels,
        values: values.map(kr),
        // Slices under 3 % are too thin to carry a label: the legend names them.
        text: values.map((v) => (total === 0 || v * 100 < total * 3 ? '' : formatPercent(new Dec(v).dividedBy(total)))),
        textinfo: 'text',
        textposition: 'inside',
        insidetextorientation: 'horizontal',
        hoverinfo: 'none',
        marker: { line: { color: '#ffffff', width: 1 } },
      },
    ],
    layout: {
      height: 320,
      margin: { l: 10, r: 10, t: 10, b: 10 },
      legend: { orientation: 'v', x: 1.02, y: 0.5, font: { size: 10 } },
      showlegend: true,
    },
  };
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
    data: ids.map((id) => ({
      type: 'bar',
      name: componentLabel(result.scheme, id, true),
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
      legend: { orientation: 'h', x: 0, y: -0.18 },
    },
  };
}

/**
 * A small chart for a letter: every comparable party's amount as a thin
 * bar, largest first, the letter's party in the highlight colour and named.
 * A municipality is placed among the municipalities; a region among all.
 */
export function placementFigure(result: SchemeResult, code: string): PlotlyFigure {
  const self = result.parties.find((p) => p.party.code === code);
  const kind = self?.party.kind;
  const peers = largestFirst(result.parties).filter((p) => kind === 'region' || p.party.kind === kind || p.party.code === code);
  const index = peers.findIndex((p) => p.party.code === code);
  const many = peers.length > 30;
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
          { type: 'bar', x: [index + 1], y: [kr(self?.amount ?? 0)], width: [Math.max(1, peers.length / 120)], marker: { color: HIGHLIGHT }, hoverinfo: 'none' },
        ]
      : [
          {
            type: 'bar',
            x: peers.map((_, i) => i + 1),
            y: peers.map((p) => kr(p.amount)),
            marker: { color: peers.map((p) => (p.party.code === code ? HIGHLIGHT : MUTED)) },
            hoverinfo: 'none',
          },
        ];
  return {
    data,
    layout: {
      height: 230,
      margin: { l: 10, r: 10, t: 30, b: 30 },
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
                y: kr(self.amount),
                text: `${self.party.name}: ${money(result.scheme, self.amount)}`,
                showarrow: true,
                arrowhead: 0,
                ax: index < peers.length / 2 ? 40 : -40,
                ay: -24,
                font: { size: 11, color: HIGHLIGHT },
                xanchor: index < peers.length / 2 ? 'left' : 'right',
              },
            ],
    },
  };
}

/** The caption of {@link placementFigure}: what a bar (or the area) is. */
export function placementCaption(result: SchemeResult, code: string): string {
  const self = result.parties.find((p) => p.party.code === code);
  const kind = self?.party.kind;
  const count = result.parties.filter((p) => kind === 'region' || p.party.kind === kind || p.party.code === code).length;
  const peers = kind === 'kommun' ? 'kommunernas' : 'parternas';
  const name = self?.party.name ?? code;
  return count > PLACEMENT_BARS
    ? `Ytan visar de ${count} ${peers} belopp, störst till vänster; ${name} är markerad.`
    : `Varje stapel är en av ${peers} belopp, störst till vänster; ${name} är markerad.`;
}

/**
 * The scenario's difference per party against its base, largest change on
 * top, increases and decreases in different colours. Parties whose figure
 * does not change are left out (the table lists them); at most `limit` bars.
 */
export function differencesFigure(c: Comparison, limit = 40): { figure: PlotlyFigure; shown: number; unchanged: number } {
  const scheme = c.scenario.scheme;
  const changed = c.parties
    .filter((p) => p.diff !== 0)
    .sort((a, b) => Math.abs(b.diff) - Math.abs(a.diff) || (a.code < b.code ? -1 : 1))
    .slice(0, limit);
  const rows = [...changed].reverse();
  return {
    shown: changed.length,
    unchanged: c.parties.filter((p) => p.diff === 0).length,
    figure: {
      data: [
        {
          type: 'bar',
          orientation: 'h',
          y: rows.map((p) => p.name),
          x: rows.map((p) => kr(p.diff)),
          text: rows.map((p) => money(scheme, p.diff, true)),
          textposition: 'outside',
          cliponaxis: false,
          marker: { color: rows.map((p) => (p.diff < 0 ? NEGATIVE : ACCENT)) },
          hoverinfo: 'none',
        },
      ],
      layout: {
        height: barHeight(Math.max(1, rows.length)),
        margin: { l: 10, r: 100, t: 10, b: 40 },
        xaxis: { ...moneyAxis(), zeroline: true },
        yaxis: { automargin: true },
        showlegend: false,
      },
    },
  };
}

/**
 * Monte Carlo percentile bands per party, relative to the party's figure in
 * the base (so a municipality of 5 000 and a region of 1,7 million share one
 * axis): a bar from P5 to P95, a mark at the median, the base at 0 %. The
 * `limit` parties with the largest base figures, largest on top; a party
 * without a base figure has nothing to be relative to and is left out.
 */
export function percentileBandsFigure(summary: SimulationSummary, base: SchemeResult, limit = 30): { figure: PlotlyFigure; shown: number } {
  const baseOf = new Map(base.parties.map((p) => [p.party.code, p.amount]));
  const parties = summary.parties
    .filter((p) => (baseOf.get(p.code) ?? 0) > 0)
    .sort((a, b) => (baseOf.get(b.code) ?? 0) - (baseOf.get(a.code) ?? 0) || (a.code < b.code ? -1 : 1))
    .slice(0, limit);
  const rows = [...parties].reverse();
  // Per cent of the base figure, as an axis position (the axis prints it with Swedish separators).
  const pct = (ore: Ore, code: string): number => ((ore - (baseOf.get(code) ?? 0)) / (baseOf.get(code) ?? 1)) * 100;
  return {
    shown: parties.length,
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
          marker: { color: ACCENT, symbol: 'line-ns-open', size: 14, line: { width: 2.5, color: ACCENT } },
          hoverinfo: 'none',
        },
      ],
      layout: {
        height: barHeight(rows.length) + 30,
        margin: { l: 10, r: 20, t: 10, b: 60 },
        xaxis: { ticksuffix: '\u00a0%', tickformat: ',.1f', zeroline: true, zerolinecolor: HIGHLIGHT, zerolinewidth: 1.5, gridcolor: '#e3e8ee', automargin: true },
        yaxis: { automargin: true, tickfont: { size: rows.length > 30 ? 9 : 10 } },
        legend: { orientation: 'h', x: 0, y: -0.12 },
        bargap: 0.35,
      },
    },
  };
}
