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
import { CHART_MIN_FONT_PX, LABEL_ROOM, MIN_BAR_FRACTION, ROLE_COLOURS, differencesFigure, placementAlt, placementFigure } from '../../../reports/views/charts.js';
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

  it('the region is orange in the amounts chart and in the shares chart, and no other party is', () => {
    const bars = doc.charts['belopp']!.data[0] as { y: string[]; marker: { color: string[] } };
    const shares = doc.charts['andel']!.data[0] as { y: string[]; marker: { color: string[] } };
    expect(bars.marker.color[bars.y.indexOf('Västra Götalandsregionen')]).toBe(ROLE_COLOURS.region);
    expect(shares.marker.color[shares.y.indexOf('Västra Götalandsregionen')]).toBe(ROLE_COLOURS.region);
    expect(bars.marker.color.filter((c) => c === ROLE_COLOURS.region)).toHaveLength(1);
    expect(shares.marker.color.filter((c) => c === ROLE_COLOURS.region)).toHaveLength(1);
  });

  it('the shares chart writes each share beside its named bar, largest on top, summing to 100,0 %: nothing told by colour alone', () => {
    const shares = doc.charts['andel']!.data[0] as { type: string; y: string[]; x: number[]; text: string[] };
    expect(shares.type).toBe('bar');
    expect(shares.y.at(-1)).toBe('Västra Götalandsregionen');
    expect(shares.y[0]).toMatch(/^Övriga \d+ parter$/);
    const tenths = shares.text.map((l) => Number(/^(\d+),(\d) %$/.exec(l.replace(/\u00a0/g, ' '))!.slice(1).join('')));
    expect(tenths.reduce((a, b) => a + b, 0)).toBe(1000);
    expect(shares.x.map((x) => Math.round(x * 10))).toEqual(tenths);
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

/** WCAG 2.1's relative luminance of a `#rrggbb` colour. */
function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG 2.1's contrast ratio of two colours. */
function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/** Every colour set under a key named `color` inside a font (text drawn in that colour). */
function textColours(value: unknown, inFont = false): string[] {
  if (Array.isArray(value)) return value.flatMap((v) => textColours(v, inFont));
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([k, v]) => (k === 'color' && inFont && typeof v === 'string' ? [v] : textColours(v, inFont || /font$/i.test(k))));
}

describe('contrast of the charts (WCAG 2.1 1.4.3 and 1.4.11)', async () => {
  const vgr = await resultOf('vgr-2022');
  const sthlm = await resultOf('sthlm-2020', { 'licence.total': STHLM_MAX_LICENCE });
  const docs = [
    overviewDocument(contextOf(vgr.loaded, vgr.result)),
    overviewDocument(contextOf(sthlm.loaded, sthlm.result)),
    letterDocument(contextOf(vgr.loaded, vgr.result), '1480'),
    letterDocument(contextOf(vgr.loaded, vgr.result), '14'),
  ];

  it('every colour a text is drawn in is at least 4,5:1 against the white page', () => {
    const colours = docs.flatMap((d) => Object.values(d.charts).flatMap((f) => textColours(f)));
    expect(colours).toContain(ROLE_COLOURS.highlight);
    // The roles a label may be written in (the grey of the others only fills bars and areas).
    const written = [ROLE_COLOURS.region, ROLE_COLOURS.highlight, ROLE_COLOURS.party, ROLE_COLOURS.decrease];
    for (const c of [...colours, ...written]) expect(contrast(c, '#ffffff'), c).toBeGreaterThanOrEqual(4.5);
  });

  it('every bar and area that carries a figure is at least 3:1 against white, the letter’s grey bars too', () => {
    const drawn = docs.flatMap((d) => Object.values(d.charts).flatMap(colours));
    expect(drawn).toContain(ROLE_COLOURS.rest);
    for (const c of drawn) expect(contrast(c, '#ffffff'), c).toBeGreaterThanOrEqual(3);
  });
});

describe('alternative text of the charts, from the same data', async () => {
  const vgr = await resultOf('vgr-2022');
  const ctx = contextOf(vgr.loaded, vgr.result);
  const plainText = (s: string) => s.replace(/\u00a0/g, ' ');
  const altOf = (doc: ReturnType<typeof overviewDocument>, chart: string) => {
    const block = doc.viewModel.blocks?.find((b) => b.type === 'chart' && b.chart === chart);
    return block?.type === 'chart' ? plainText(block.alt) : undefined;
  };

  it('Göteborg’s letter: the 49 municipalities, the largest and the smallest, and Göteborg with its 5 875 490 kr', () => {
    const alt = altOf(letterDocument(ctx, '1480'), 'placering');
    expect(alt).toBe('Stapeldiagram: 49 kommuners belopp, störst till vänster: störst Göteborg 5 875 490 kr, minst Dals-Ed 47 560 kr; Göteborg markerad, 5 875 490 kr.');
    expect(plainText(placementAlt(vgr.result, '1480'))).toBe(alt);
  });

  it('Dals-Ed’s letter names Dals-Ed with its true amount, not the height its bar is drawn at', () => {
    expect(altOf(letterDocument(ctx, '1438'), 'placering')).toMatch(/; Dals-Ed markerad, 47 560 kr\.$/);
  });

  it('follows the result: another amount for Göteborg, another alternative text', async () => {
    const other = await resultOf('vgr-2022', { rate: '11' });
    expect(plainText(placementAlt(other.result, '1480'))).toContain('Göteborg markerad, 6 463 039 kr');
  });

  it('the overview: the amounts chart with its count and extremes, the shares chart with every bar’s percentage', () => {
    const doc = overviewDocument(ctx);
    const amounts = altOf(doc, 'belopp')!;
    expect(amounts).toMatch(/^Liggande stapeldiagram: 50 parters belopp, störst överst; störst Västra Götalandsregionen [\d ]+ kr, minst Dals-Ed 47 560 kr; Västra Götalandsregionen i avvikande färg\./);
    const shares = doc.charts['andel']!.data[0] as { y: string[]; text: string[] };
    const alt = altOf(doc, 'andel')!;
    // Every bar, largest first, with the percentage written beside it.
    const listed = [...shares.y].reverse().map((name, i) => `${name} ${plainText([...shares.text].reverse()[i]!)}`);
    expect(alt).toContain(listed.join(', '));
  });

  it('Stockholm’s overview: the yearly chart says each year’s sum, and a table beside it has the figures', async () => {
    const s = await resultOf('sthlm-2020', { 'licence.total': STHLM_MAX_LICENCE });
    const sctx = contextOf(s.loaded, s.result);
    const doc = overviewDocument(sctx);
    const alt = altOf(doc, 'per-ar')!;
    expect(alt).toMatch(/^Staplat stapeldiagram: alla parters belopp per år \d{4}–\d{4}, uppdelat på /);
    for (const y of sctx.figures.years) expect(alt).toContain(`${y.year} `);
    const blocks = doc.viewModel.blocks ?? [];
    const chartAt = blocks.findIndex((b) => b.type === 'chart' && b.chart === 'per-ar');
    const table = blocks[chartAt + 1];
    expect(table?.type === 'table' && table.caption).toBe('Betalningar per år');
    expect(table?.type === 'table' && table.rows.map((r) => r.cells[0])).toEqual(sctx.figures.years.map((y) => String(y.year)));
  });
});
