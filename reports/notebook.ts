/**
 * Tables and charts for Jupyter notebooks (the tslab kernel): HTML tables of
 * the toolkit's own, in Swedish form, and Plotly charts that draw in every
 * front end, online or not.
 *
 * A chart goes out as a MIME bundle with two representations:
 * `application/vnd.plotly.v1+json` for front ends that draw Plotly
 * themselves (VS Code, JupyterLab with the Plotly extension), and `text/html`
 * for the rest (the classic Notebook, an exported HTML file). The HTML draws
 * with plotly.js embedded in the notebook once: never fetched from a CDN, so a
 * notebook works offline and its saved copy does too. The first chart carries
 * Plotly's basic bundle (`plotly.js-basic-dist-min`, bar, scatter and pie:
 * 1,2 MB), later charts use it; the first chart with another trace type
 * (a histogram, say) carries the full bundle (`plotly.js-dist`, 10 MB), once.
 *
 * The formatting functions are pure (data in, HTML out); only
 * {@link notebookDisplay} writes, through the kernel's display channel.
 */
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import type { SchemeResult } from '../models/evaluate.js';
import { type AllocationTable, allocationTables } from './allocation.js';
import { formatInteger } from './format.js';
import { type HtmlTableInput, type TableCell, htmlTable, writeHtml } from './formats/html.js';
import type { Table } from './formats/table-model.js';
import { drawsWithBasicPlotly, plotlyBasicSource, plotlySource } from './render/assets.js';
import { CHART_COLORWAY, PLOTLY_LOCALE_SV, SWEDISH_SEPARATORS, type PlotlyFigure } from './render/charts.js';

// The HTML table is the notebook's, and stays importable from here.
export { type HtmlTableColumn, type HtmlTableInput, type TableCell, escapeHtml, formatNumberSv, htmlTable } from './formats/html.js';

/** What one Jupyter output carries: a representation per content type. */
export type MimeBundle = Readonly<Record<string, unknown>>;

/**
 * The per-party table of a result, as HTML: code, party, inhabitants, each
 * component, the amount, the sum, and the reconciliation under it.
 *
 * @param source - a result, or a table already made with `allocationTable`.
 */
export function allocationHtml(source: SchemeResult | AllocationTable, options: { readonly notes?: boolean } = {}): string {
  const tables = allocationTables(source);
  return writeHtml(options.notes === false ? tables.map((t) => ({ ...t, notes: [] })) : tables);
}

/** Label and value pairs (key figures, a reconciliation) as a two-column table. */
export function factsHtml(facts: readonly (readonly [string, TableCell])[], caption?: string): string {
  return htmlTable({ columns: [{ label: 'Uppgift', align: 'left' }, { label: 'Värde', align: 'right' }], rows: facts.map(([k, v]) => [k, v]), ...(caption ? { caption } : {}) });
}

/**
 * The scenario views (comparison, sweep, simulation, tornado, goal seek:
 * `comparisonTables(…)` and the like) as HTML tables.
 */
export function viewTablesHtml(tables: Table | readonly Table[]): string {
  return writeHtml(tables);
}

/** Anything shaped like a danfojs DataFrame: column names and rows of values. */
export interface FrameLike {
  readonly columns: readonly string[];
  readonly values: readonly unknown[] | readonly (readonly unknown[])[];
  readonly index?: readonly (string | number)[];
}

/**
 * A danfojs DataFrame (or anything with `columns` and `values`) as an HTML
 * table, numbers in Swedish form.
 *
 * @param options.index - show the frame's index as the first column.
 * @param options.maxRows - rows shown at most (the rest are counted in a note); default 200.
 */
export function frameHtml(frame: FrameLike, options: { readonly index?: boolean; readonly caption?: string; readonly decimals?: number; readonly maxRows?: number } = {}): string {
  const rows2d: unknown[][] = (frame.values as unknown[]).map((r) => (Array.isArray(r) ? r : [r]));
  const maxRows = options.maxRows ?? 200;
  const shown = rows2d.slice(0, maxRows);
  const asCell = (v: unknown): TableCell =>
    v === null || v === undefined || typeof v === 'string' || typeof v === 'number' || typeof v === 'bigint' || typeof v === 'boolean' ? v : String(v);
  return htmlTable({
    columns: [...(options.index ? [''] : []), ...frame.columns],
    rows: shown.map((r, i) => [...(options.index ? [String(frame.index?.[i] ?? i)] : []), ...r.map(asCell)]),
    ...(options.caption ? { caption: options.caption } : {}),
    ...(options.decimals !== undefined ? { decimals: options.decimals } : {}),
    notes: rows2d.length > shown.length ? [`${formatInteger(rows2d.length - shown.length)} rader till visas inte (av ${formatInteger(rows2d.length)}).`] : [],
  });
}

/**
 * A figure with the notebook's Swedish defaults: decimal comma and no-break
 * space between thousands, the documents' palette. The figure's own settings
 * win.
 */
export function notebookFigure(figure: PlotlyFigure): { data: PlotlyFigure['data']; layout: Record<string, unknown>; config: Record<string, unknown> } {
  return {
    data: figure.data,
    layout: {
      separators: SWEDISH_SEPARATORS,
      colorway: CHART_COLORWAY,
      paper_bgcolor: '#ffffff',
      plot_bgcolor: '#ffffff',
      margin: { l: 80, r: 20, t: 50, b: 60 },
      ...(figure.layout ?? {}),
    },
    config: { displaylogo: false, responsive: true, ...(figure.config ?? {}) },
  };
}

/** Which plotly.js a chart needs: the basic bundle (bar, scatter, pie) or the full one. */
export type PlotlyLibraryKind = 'basic' | 'full';

/** Options for {@link plotlyBundle}. */
export interface PlotlyBundleOptions {
  /** The id of the element the HTML draws into; unique within the notebook. */
  readonly id: string;
  /** plotly.js source to embed before the chart (the first chart of a notebook that needs it). */
  readonly library?: string;
  /** Which bundle `library` is, and which the chart waits for; by default the one its trace types need. */
  readonly libraryKind?: PlotlyLibraryKind;
}

/** JSON safe inside a `<script>`: no `</script>`, no line separators that end a JS string. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

/** The marker that opens an embedded plotly.js: one per bundle and notebook (the tests count them). */
export const PLOTLY_EMBED_MARKER = 'plotly.js, inbäddat av andel';

/**
 * The plotly.js source wrapped to run in a page: a `module` or AMD `define`
 * of the page must not capture it. The full bundle marks itself loaded
 * (`window.__andelPlotlyFull`), and the basic one does not replace it.
 */
export function plotlyLibraryHtml(source: string, kind: PlotlyLibraryKind = 'full'): string {
  const safe = source.replace(/<\/script/gi, '<\\/script').replace(/<!--/g, '<\\!--');
  const guard = kind === 'basic' ? 'if (window.__andelPlotlyFull) return;\n' : '';
  const mark = kind === 'full' ? '\nwindow.__andelPlotlyFull = true;' : '';
  return `<script type="text/javascript">/* ${PLOTLY_EMBED_MARKER} (${kind === 'basic' ? 'basic' : 'fullständigt'}): en gång per anteckningsbok, aldrig från nätet */\n(function (module, exports, define) {\n${guard}${safe}\n}).call(window);${mark}\n</script>`;
}

/**
 * A chart as a MIME bundle: Plotly's JSON, HTML that draws the same figure
 * with plotly.js (embedded when `library` is given, otherwise the one an
 * earlier output embedded), and a line of text.
 */
export function plotlyBundle(figure: PlotlyFigure, options: PlotlyBundleOptions): MimeBundle {
  const fig = notebookFigure(figure);
  const width = typeof fig.layout['width'] === 'number' ? `${fig.layout['width']}px` : '100%';
  const height = typeof fig.layout['height'] === 'number' ? fig.layout['height'] : 420;
  const id = options.id.replace(/[^A-Za-z0-9_-]/g, '-');
  const htmlConfig = { ...fig.config, locale: 'sv' };
  const kind = options.libraryKind ?? (drawsWithBasicPlotly(fig) ? 'basic' : 'full');
  const html = [
    ...(options.library !== undefined ? [plotlyLibraryHtml(options.library, kind)] : []),
    `<div id="${id}" class="andel-chart" style="width:${width};max-width:100%;height:${height}px"></div>`,
    '<script type="text/javascript">',
    '(function () {',
    `  var id = ${scriptJson(id)}, full = ${kind === 'full'}, fig = ${scriptJson({ data: fig.data, layout: fig.layout, config: htmlConfig })}, sv = ${scriptJson(PLOTLY_LOCALE_SV)};`,
    '  function draw(tries) {',
    '    var el = document.getElementById(id);',
    '    if (!el) return;',
    '    if (window.Plotly && (!full || window.__andelPlotlyFull)) {',
    '      if (!window.Plotly.__andelSv) { window.Plotly.register(sv); window.Plotly.__andelSv = true; }',
    '      window.Plotly.newPlot(el, fig.data, fig.layout, fig.config);',
    '    } else if (tries < 200) {',
    '      setTimeout(function () { draw(tries + 1); }, 50);',
    '    } else {',
    "      el.textContent = 'Diagrammet kan inte ritas: plotly.js har inte laddats. Kör anteckningsbokens första diagramcell igen (den bäddar in plotly.js' + (full ? '; för den här diagramtypen den första med en annan typ än stapel, linje och cirkel' : '') + ').';",
    '    }',
    '  }',
    '  draw(0);',
    '})();',
    '</script>',
  ].join('\n');
  const title = fig.layout['title'];
  const titleText = typeof title === 'string' ? title : typeof title === 'object' && title !== null && typeof (title as { text?: unknown }).text === 'string' ? (title as { text: string }).text : '';
  return {
    'application/vnd.plotly.v1+json': { data: fig.data, layout: fig.layout, config: fig.config },
    'text/html': html,
    'text/plain': `Diagram${titleText ? `: ${titleText}` : ''} (Plotly)`,
  };
}

/** The part of the tslab module a notebook display uses. */
export interface TslabLike {
  readonly display: { html(s: string): void };
}

/** Shows tables and charts in the notebook. Made by {@link notebookDisplay}. */
export interface NotebookDisplay {
  /** Any HTML. */
  html(html: string): void;
  /** An HTML table ({@link htmlTable}). */
  table(input: HtmlTableInput): void;
  /** The per-party table of a result ({@link allocationHtml}). */
  allocation(result: SchemeResult | AllocationTable, options?: { readonly notes?: boolean }): void;
  /** Label and value pairs. */
  facts(facts: readonly (readonly [string, TableCell])[], caption?: string): void;
  /** Scenario views: comparison, sweep, simulation, tornado ({@link viewTablesHtml}). */
  view(tables: Table | readonly Table[]): void;
  /** A danfojs DataFrame ({@link frameHtml}). */
  frame(frame: FrameLike, options?: Parameters<typeof frameHtml>[1]): void;
  /** A Plotly figure; the first one also embeds plotly.js for the HTML fallback (the full bundle, once, with the first that needs it). */
  chart(figure: PlotlyFigure): void;
  /** Any MIME bundle, as one output. */
  bundle(bundle: MimeBundle): void;
}

type DisplayWriter = (content: { data: MimeBundle; metadata: Record<string, unknown> }, update: boolean) => void;

/**
 * The kernel's own writer of display outputs. tslab's public `display` sends
 * one content type per output, and a chart needs two in the same output (or a
 * front end that draws Plotly would draw it twice); the writer that `display`
 * itself uses lives in tslab's `jupyter` module, which the running kernel has
 * loaded: it is found in Node's module cache, read at each call because tslab
 * sets it anew for every cell.
 */
function kernelWriter(): DisplayWriter | undefined {
  const cache = createRequire(import.meta.url).cache;
  for (const [file, mod] of Object.entries(cache)) {
    if (!/[\\/]tslab[\\/]dist[\\/]jupyter\.js$/.test(file)) continue;
    const write = (mod?.exports as { lastWriteDisplayData?: unknown } | undefined)?.lastWriteDisplayData;
    if (typeof write === 'function') return write as DisplayWriter;
  }
  return undefined;
}

/**
 * Shows tables and charts in a tslab notebook. One per notebook: it embeds
 * Plotly's basic bundle with the first chart only, and the full bundle with
 * the first chart whose trace types the basic one lacks (never more than one
 * of each per notebook).
 *
 * @example
 * import * as tslab from 'tslab';
 * import { notebookDisplay, loadScheme, evaluateScheme } from 'andel';
 * const visa = notebookDisplay(tslab);
 * visa.allocation(evaluateScheme((await loadScheme('vgr-2022')).model));
 */
export function notebookDisplay(tslab: TslabLike, options: { readonly plotlySource?: (kind: PlotlyLibraryKind) => string } = {}): NotebookDisplay {
  let charts = 0;
  // The bundles embedded so far: the full one draws everything the basic one does.
  const shown = new Set<PlotlyLibraryKind>();
  const source = options.plotlySource ?? ((kind: PlotlyLibraryKind) => (kind === 'basic' ? plotlyBasicSource() : plotlySource()));
  const bundle = (b: MimeBundle) => {
    const write = kernelWriter();
    if (write) write({ data: b, metadata: {} }, false);
    else tslab.display.html(String(b['text/html'] ?? ''));
  };
  const html = (s: string) => bundle({ 'text/html': s });
  return {
    html,
    bundle,
    table: (input) => html(htmlTable(input)),
    allocation: (result, opts) => html(allocationHtml(result, opts)),
    facts: (facts, caption) => html(factsHtml(facts, caption)),
    view: (tables) => html(viewTablesHtml(tables)),
    frame: (frame, opts) => html(frameHtml(frame, opts)),
    chart(figure) {
      charts += 1;
      const hash = createHash('sha256').update(JSON.stringify(figure)).digest('hex').slice(0, 8);
      const kind: PlotlyLibraryKind = drawsWithBasicPlotly(figure) ? 'basic' : 'full';
      const embed = !shown.has(kind) && !shown.has('full');
      const library = embed ? source(kind) : undefined;
      bundle(plotlyBundle(figure, { id: `andel-chart-${charts}-${hash}`, libraryKind: kind, ...(library !== undefined ? { library } : {}) }));
      if (embed) shown.add(kind);
    },
  };
}
