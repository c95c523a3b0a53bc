/**
 * Plotly figures in Swedish, and what is done to the SVG Plotly returns.
 *
 * The functions here are pure: the renderer runs Plotly in its warm page and
 * uses these to prepare the figures going in and the SVG coming out.
 */
import { createHash } from 'node:crypto';
import { FONT_STACK } from './assets.js';

/**
 * A Plotly figure as data: what `Plotly.newPlot` takes, without any DOM.
 * Report code builds these; the renderer turns them into SVG.
 */
export interface PlotlyFigure {
  /** The traces. */
  readonly data: ReadonlyArray<Readonly<Record<string, unknown>>>;
  /** The layout; `width` and `height` (CSS pixels) set the size of the SVG. */
  readonly layout?: Readonly<Record<string, unknown>>;
  /** Plotly's config; the renderer always adds `staticPlot` and the Swedish locale. */
  readonly config?: Readonly<Record<string, unknown>>;
}

/**
 * Decimal comma and no-break space between thousands, as in `17 448 590`:
 * Plotly's `layout.separators` takes the decimal mark first.
 */
export const SWEDISH_SEPARATORS = ',\u00a0';

/** Default size of a chart in CSS pixels: the width of the A4 text column. */
export const DEFAULT_CHART_SIZE = { width: 640, height: 320 } as const;

/**
 * A restrained palette that prints well in colour and in greyscale: the
 * first colour is the document's accent.
 */
export const CHART_COLORWAY: readonly string[] = ['#1f4e79', '#c55a11', '#548235', '#7f6000', '#7030a0', '#2e75b6', '#7f7f7f'];

/**
 * Plotly's locale module for Swedish: month and day names for date axes and
 * hover text, and the separators. Registered once in the warm page.
 */
export const PLOTLY_LOCALE_SV = {
  moduleType: 'locale',
  name: 'sv',
  dictionary: {},
  format: {
    days: ['söndag', 'måndag', 'tisdag', 'onsdag', 'torsdag', 'fredag', 'lördag'],
    shortDays: ['sön', 'mån', 'tis', 'ons', 'tor', 'fre', 'lör'],
    months: ['januari', 'februari', 'mars', 'april', 'maj', 'juni', 'juli', 'augusti', 'september', 'oktober', 'november', 'december'],
    shortMonths: ['jan', 'feb', 'mar', 'apr', 'maj', 'jun', 'jul', 'aug', 'sep', 'okt', 'nov', 'dec'],
    periods: ['fm', 'em'],
    dateTime: '%A %e %B %Y %X',
    date: '%Y-%m-%d',
    time: '%H:%M:%S',
    decimal: ',',
    thousands: '\u00a0',
    grouping: [3],
    currency: ['', '\u00a0kr'],
    year: '%Y',
    month: '%b %Y',
    dayMonth: '%e %b',
    dayMonthYear: '%e %b %Y',
  },
} as const;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The figure as the warm page renders it: Swedish separators and locale, the
 * document font, white background, a static plot, and an explicit size.
 * Anything the figure sets itself wins over these defaults.
 *
 * @example
 * ```ts
 * const fig = withSwedishDefaults({ data: [{ type: 'bar', x: ['A'], y: [1] }] });
 * fig.layout.separators; // ',\u00a0'
 * ```
 */
export function withSwedishDefaults(figure: PlotlyFigure): {
  data: ReadonlyArray<Readonly<Record<string, unknown>>>;
  layout: Record<string, unknown>;
  config: Record<string, unknown>;
  width: number;
  height: number;
} {
  const layout: Record<string, unknown> = figure.layout ?? {};
  const font = isRecord(layout['font']) ? layout['font'] : {};
  const width = typeof layout['width'] === 'number' ? layout['width'] : DEFAULT_CHART_SIZE.width;
  const height = typeof layout['height'] === 'number' ? layout['height'] : DEFAULT_CHART_SIZE.height;
  return {
    // Plotly names each trace after a random uid (it shows in class names);
    // a fixed one keeps the SVG the same from run to run.
    data: figure.data.map((trace, i) => ({ uid: `t${i}`, ...trace })),
    layout: {
      separators: SWEDISH_SEPARATORS,
      paper_bgcolor: '#ffffff',
      plot_bgcolor: '#ffffff',
      colorway: CHART_COLORWAY,
      margin: { l: 70, r: 20, t: 40, b: 50 },
      ...layout,
      // Plotly writes the family into the SVG as given: it must be a valid
      // CSS font-family value, so the name with its digit is quoted.
      font: { family: FONT_STACK, size: 11, color: '#1b1b1b', ...font },
      width,
      height,
    },
    config: { ...(figure.config ?? {}), staticPlot: true, displayModeBar: false, locale: 'sv' },
    width,
    height,
  };
}

// Plotly names the clip paths and defs of a plot after a random uid, which
// would make every SVG (and every PDF) differ from the last, and two charts
// on one page could collide. These are the places an id is defined or used.
const ID_SITES = /(\bid="|url\((?:&quot;|['"])?#|href="#)([^"')&]*)/g;

/**
 * Makes Plotly's SVG fit for inlining in a printed page, deterministically:
 * Plotly's random plot id is replaced by one derived from the figure and its
 * position, so the same figures give the same SVG, and distinct charts in one
 * document never share an id.
 *
 * @param svg - the SVG text from `Plotly.toImage(…, { format: 'svg' })`.
 * @param figure - the figure it came from (its content names the ids).
 * @param index - its position in the list rendered together.
 */
export function normalizeSvg(svg: string, figure: PlotlyFigure, index: number): string {
  const uid = /\bid="defs-([0-9a-zA-Z]+)"/.exec(svg)?.[1];
  let out = svg;
  if (uid !== undefined) {
    const token = `andel${createHash('sha256').update(JSON.stringify(figure)).update(`#${index}`).digest('hex').slice(0, 10)}`;
    out = out.replace(ID_SITES, (_all, site: string, ref: string) => site + ref.split(uid).join(token));
  }
  // Plotly writes the root's attributes in a different order on the first
  // export than on later ones: put them in one order.
  return out.replace(/^<svg\b([^>]*)>/, (_all, attrs: string) => {
    const list = [...attrs.matchAll(/\s([\w:-]+)="([^"]*)"/g)].map((m) => [m[1] ?? '', m[2] ?? ''] as const);
    list.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    return `<svg${list.map(([k, v]) => ` ${k}="${v}"`).join('')}>`;
  });
}
