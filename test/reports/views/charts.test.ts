// The charts as figures: one colour per role in every chart of a document,
// labels of at least 8 pt as printed, a small party's bar visible, and a
// comparison's names and amounts kept apart however long the names are.
import { describe, expect, it } from 'vitest';
import { evaluateScheme } from '../../../models/evaluate.js';
import { compareResults } from '../../../models/scenarios/compare.js';
import { Dec } from '../../../models/money.js';
import type { SchemeModel } from '../../../models/scheme.js';
import { DEFAULT_CHART_SIZE, type PlotlyFigure } from '../../../reports/render/charts.js';
import { DEFAULT_MARGINS } from '../../../reports/render/renderer.js';
import { CHART_MIN_FONT_PX, LABEL_ROOM, MIN_BAR_FRACTION, ROLE_COLOURS, differencesFigure, placementFigure } from '../../../reports/views/charts.js';
import { letterDocument } from '../../../reports/views/letter.js';
import { overviewDocument } from '../../../reports/views/overview.js';
import { STHLM_MAX_LICENCE, contextOf, resultOf } from './helpers.js';

/** Every font size a figure sets, anywhere in it. */
function fontSizes(value: unknown, inFont = false): number[] {
  if (Array.isArray(value)) return value.flatMap((v) => fontSizes(v, inFont));
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([k, v]) => (k === 'size' && inFont && typeof v === 'number' ? [v] : fontSizes(v, inFont || /font$/i.test(k))));
}

/** Every colour a figure's traces draw with. */
function colours(fig: PlotlyFigure): string[] {
  return fig.data.flatMap((t) => {
    const m = (t['marker'] ?? {}) as { color?: string | string[]; colors?: string[] };
    return [m.color ?? [], m.colors ?? []].flat();
  });
}

const mm = (css: string) => Number(css.replace('mm', ''));

describe('chart fonts', () => {
  it('11 px prints at least 8 pt across the A4 text column', () => {
    const columnPx = ((210 - mm(DEFAULT_MARGINS.left) - mm(DEFAULT_MARGINS.right)) / 25.4) * 96;
    const pt = CHART_MIN_FONT_PX * 0.75 * (columnPx / DEFAULT_CHART_SIZE.width);
    expect(pt).toBeGreaterThanOrEqual(8);
  });

  it('no chart of the overviews or a letter sets a font smaller than that', async () => {
    const vgr = await resultOf('vgr-2022');
    const sthlm = await resultOf('sthlm-2020', { 'licence.total': STHLM_MAX_LICENCE });
    const docs = [
      overviewDocument(contextOf(vgr.loaded, vgr.result)),
      overviewDocument(contextOf(sthlm.loaded, sthlm.result)),
      letterDocument(contextOf(vgr.loaded, vgr.result), '1438'),
    ];
    const sizes = docs.flatMap((d) => Object.values(d.charts).flatMap((f) => fontSizes(f)));
    expect(sizes.length).toBeGreaterThan(5);
    for (const s of sizes) expect(s).toBeGreaterThanOrEqual(CHART_MIN_FONT_PX);
  });
});

describe('one colour per role in every chart of a document', async () => {
  const vgr = await resultOf('vgr-2022');
  const doc = overviewDocument(contextOf(vgr.loaded, vgr.result));

  it('the region is orange in the amounts chart and in the doughnut, and no other party is', () => {
    const bars = doc.charts['belopp']!.data[0] as { y: string[]; marker: { color: string[] } };
    const pie = doc.charts['andel']!.data[0] as { labels: string[]; marker: { colors: string[] } };
    expect(bars.marker.color[bars.y.indexOf('Västra Götalandsregionen')]).toBe(ROLE_COLOURS.region);
    expect(pie.marker.colors[pie.labels.findIndex((l) => l.startsWith('Västra Götalandsregionen'))]).toBe(ROLE_COLOURS.region);
    expect(bars.marker.color.filter((c) => c === ROLE_COLOURS.region)).toHaveLength(1);
    expect(pie.marker.colors.filter((c) => c === ROLE_COLOURS.region)).toHaveLength(1);
  });

  it('the doughnut prints each share in its legend, summing to 100,0 %', () => {
    const pie = doc.charts['andel']!.data[0] as { labels: string[] };
    const tenths = pie.labels.map((l) => Number(/(\d+),(\d) %$/.exec(l.replace(/\u00a0/g, ' '))!.slice(1).join('')));
    expect(tenths.reduce((a, b) => a + b, 0)).toBe(1000);
  });

  it('Stockholm: the region orange, the components of the yearly chart in none of the parties’ role colours', async () => {
    const s = await resultOf('sthlm-2020', { 'licence.total': STHLM_MAX_LICENCE });
    const d = overviewDocument(contextOf(s.loaded, s.result));
    const bars = d.charts['belopp']!.data[0] as { y: string[]; marker: { color: string[] } };
    expect(bars.marker.color[bars.y.indexOf('Region Stockholm')]).toBe(ROLE_COLOURS.region);
    for (const c of colours(d.charts['per-ar']!)) expect([ROLE_COLOURS.region, ROLE_COLOURS.party, ROLE_COLOURS.rest]).not.toContain(c);
  });
});

describe('a small party\'s bar in its letter', async () => {
  const vgr = await resultOf('vgr-2022');

  it('Dals-Ed (47 560 kr, 0,8 % of Göteborg) is drawn at the minimum height and labelled with its true amount', () => {
    const fig = placementFigure(vgr.result, '1438');
    const bars = fig.data[0] as { y: number[]; marker: { color: string[] } };
    const i = bars.marker.color.indexOf(ROLE_COLOURS.highlight);
    const largest = Math.max(...bars.y);
    expect(largest).toBe(5_875_490);
    expect(bars.y[i]).toBeGreaterThanOrEqual(largest * MIN_BAR_FRACTION - 1);
    const note = (fig.layout!['annotations'] as { text: string }[])[0]!.text;
    expect(note).toBe('Dals-Ed: 47\u00a0560\u00a0kr (stapeln förstorad)');
  });

  it('Göteborg is drawn at its amount', () => {
    const fig = placementFigure(vgr.result, '1480');
    const bars = fig.data[0] as { y: number[] };
    expect(bars.y[0]).toBe(5_875_490);
  });
});

describe('the comparison chart with long names', () => {
  // 40+ character names and one decrease: the decrease's amount is written to the left of its bar, towards the names.
  const party = (code: string, name: string, population: number) => ({ code, name, kind: 'kommun' as const, population });
  const names = ['Samordningsförbundet för Norra Bohusläns kommuner', 'Gemensamma nämnden för hjälpmedel i Fyrbodal', 'Kort'];
  const model = (codes: readonly string[]): SchemeModel =>
    ({
      id: 'lang',
      title: 'Långa namn',
      summary: '',
      unit: 100,
      parties: names.map((n, i) => party(`90${i}`, n, 10_000 * (i + 1))).filter((p) => codes.includes(p.code)),
      partyList: `${codes.length} parter`,
      components: [{ kind: 'per-unit', id: 'avgift', label: 'Avgift', rate: new Dec('10'), key: { kind: 'population' }, parties: codes }],
      dates: [],
      provenance: [],
      parameters: {},
      notes: {},
    }) as unknown as SchemeModel;

  it('puts the names outside the plot (automargin) and keeps room for every amount inside it', () => {
    // The first party, with the longest name, leaves.
    const base = evaluateScheme(model(['900', '901', '902']));
    const scen = evaluateScheme(model(['901', '902']));
    const c = compareResults(base, scen);
    const { figure } = differencesFigure(c);
    const trace = figure.data[0] as { y: string[]; x: number[]; textposition: string; constraintext: string; cliponaxis: boolean };
    expect(trace.y).toEqual([names[0]]);
    expect(trace.textposition).toBe('outside');
    expect(trace.constraintext).toBe('none');
    const layout = figure.layout as { yaxis: { automargin: boolean; ticklabelposition: string }; xaxis: { range: [number, number] } };
    expect(layout.yaxis.automargin).toBe(true);
    expect(layout.yaxis.ticklabelposition).toBe('outside');
    // −100 000 kr: the axis reaches LABEL_ROOM of the extent further left, where the amount is written, inside the plot.
    const [lo, hi] = layout.xaxis.range;
    expect(trace.x[0]).toBe(-100_000);
    expect(lo).toBeLessThanOrEqual(-100_000 * (1 + LABEL_ROOM));
    expect(hi).toBe(0);
  });
});
