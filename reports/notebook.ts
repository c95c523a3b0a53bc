/**
 * Tables and charts for Jupyter notebooks (the tslab kernel): HTML tables of
 * the toolkit's own, in Swedish form, and Plotly charts that draw in every
 * front end, online or not.
 *
 * A chart goes out as a MIME bundle with two representations:
 * `application/vnd.plotly.v1+json` for front ends that draw Plotly
 * themselves (VS Code, JupyterLab with the Plotly extension), and `text/html`
 * for the rest (the classic Notebook, an exported HTML file). The HTML draws
 * with plotly.js from the project's own `plotly.js-dist`, embedded in the
 * first chart a notebook shows and only there: never fetched from a CDN, so a
 * notebook works offline and its saved copy does too.
 *
 * The formatting functions are pure (data in, HTML out); only
 * {@link notebookDisplay} writes, through the kernel's display channel.
 */
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import type { SchemeResult } from '../models/evaluate.js';
import { type AllocationTable, allocationTable } from './allocation.js';
import { formatDecimalKronor, formatInteger, formatKronor, formatPercent } from './format.js';
import { plotlySource } from './render/assets.js';
import { CHART_COLORWAY, PLOTLY_LOCALE_SV, SWEDISH_SEPARATORS, type PlotlyFigure } from './render/charts.js';
import type { Cell as ViewCell, ViewTable } from './scenarios.js';

/** What one Jupyter output carries: a representation per content type. */
export type MimeBundle = Readonly<Record<string, unknown>>;

/** A table cell: text as given, a number formatted in Swedish, or HTML the caller vouches for. */
export type TableCell = string | number | bigint | boolean | null | undefined | { readonly html: string };

/** A column of {@link htmlTable}. */
export interface HtmlTableColumn {
  readonly label: string;
  /** Right for figures, left for text; by default figures are found by looking at the column. */
  readonly align?: 'left' | 'right';
}

/** What {@link htmlTable} draws. */
export interface HtmlTableInput {
  readonly columns: readonly (string | HtmlTableColumn)[];
  readonly rows: readonly (readonly TableCell[])[];
  /** Rows set apart under the body (a sum). */
  readonly footer?: readonly (readonly TableCell[])[];
  readonly caption?: string;
  /** Statements that must stand in plain sight above the table (example data and the like). */
  readonly caveats?: readonly string[];
  /** Lines under the table (reconciliation, sources). */
  readonly notes?: readonly string[];
  /** Decimals for numbers that are not whole (default 2). Money should arrive formatted (öre are not kronor). */
  readonly decimals?: number;
}

const ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text made safe to place in HTML. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

/**
 * A number in Swedish form: `1 744 859`, `9,75`, `−0,5` (no-break spaces,
 * decimal comma, the minus sign). Whole numbers keep no decimals; others get
 * `decimals`.
 */
export function formatNumberSv(n: number | bigint, decimals = 2): string {
  if (typeof n === 'bigint' || Number.isInteger(n)) return formatInteger(n);
  if (!Number.isFinite(n)) return Number.isNaN(n) ? '' : n > 0 ? '∞' : '−∞';
  const fixed = Math.abs(n).toFixed(decimals);
  const [int, frac] = fixed.split('.');
  const body = formatInteger(BigInt(int!)) + (frac ? `,${frac}` : '');
  return (n < 0 && Number(fixed) !== 0 ? '\u2212' : '') + body;
}

function cellText(cell: TableCell, decimals: number): { html: string; figure: boolean } {
  if (cell === null || cell === undefined) return { html: '', figure: false };
  if (typeof cell === 'object') return { html: cell.html, figure: false };
  if (typeof cell === 'number' || typeof cell === 'bigint') return { html: escapeHtml(formatNumberSv(cell, decimals)), figure: true };
  if (typeof cell === 'boolean') return { html: cell ? 'ja' : 'nej', figure: false };
  return { html: escapeHtml(cell), figure: FIGURE.test(cell) && !BARE_DIGITS.test(cell) };
}

// A figure already formatted: `17 448 590 kr`, `9,74 kr`, `−3,2 %`, `+1 200`, `0,5`. A bare run of
// digits (`0180`, `2021`) is a code or a year, and stays left like text.
const FIGURE = /^[−+-]?\d[\d\u00a0\u202f ]*(,\d+)?(\u00a0| )?(kr|%|öre)?$/;
const BARE_DIGITS = /^\d+$/;

const TABLE_STYLE =
  'border-collapse:collapse;font-variant-numeric:tabular-nums;font-size:13px;margin:4px 0;' +
  'font-family:-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif';
const CELL_STYLE = 'padding:3px 10px;border-bottom:1px solid #e3e3e3;white-space:nowrap';

/**
 * An HTML table: figures right-aligned with tabular digits, a footer row set
 * apart, caveats above and notes below. Every text is escaped.
 *
 * @example
 * htmlTable({ columns: ['Part', 'Belopp'], rows: [['Ale', formatKronor(32148000)]] })
 */
export function htmlTable(input: HtmlTableInput): string {
  const decimals = input.decimals ?? 2;
  const columns = input.columns.map((c) => (typeof c === 'string' ? { label: c } : c));
  const body = input.rows.map((r) => r.map((c) => cellText(c, decimals)));
  const foot = (input.footer ?? []).map((r) => r.map((c) => cellText(c, decimals)));
  const align = columns.map((c, i) => {
    if (c.align) return c.align;
    const cells = [...body, ...foot].map((r) => r[i]).filter((x) => x !== undefined && x.html !== '');
    return cells.length > 0 && cells.every((x) => x!.figure) ? 'right' : 'left';
  });
  const td = (tag: 'td' | 'th', html: string, i: number, extra = '') => `<${tag} style="${CELL_STYLE};text-align:${align[i] ?? 'left'}${extra}">${html}</${tag}>`;
  const out: string[] = ['<div class="andel-table">'];
  for (const c of input.caveats ?? []) {
    out.push(`<p style="margin:4px 0;padding:4px 8px;background:#fff4ce;border-left:4px solid #c55a11"><strong>OBS:</strong> ${escapeHtml(c)}</p>`);
  }
  out.push(`<table style="${TABLE_STYLE}">`);
  if (input.caption) out.push(`<caption style="text-align:left;font-weight:600;padding:4px 0">${escapeHtml(input.caption)}</caption>`);
  out.push('<thead><tr>' + columns.map((c, i) => td('th', escapeHtml(c.label), i, ';border-bottom:2px solid #1f4e79')).join('') + '</tr></thead>');
  out.push('<tbody>' + body.map((r) => '<tr>' + r.map((c, i) => td('td', c.html, i)).join('') + '</tr>').join('') + '</tbody>');
  if (foot.length > 0) out.push('<tfoot>' + foot.map((r) => '<tr>' + r.map((c, i) => td('td', c.html, i, ';font-weight:600;border-top:2px solid #1f4e79')).join('') + '</tr>').join('') + '</tfoot>');
  out.push('</table>');
  if (input.notes && input.notes.length > 0) {
    out.push(`<ul style="margin:4px 0;padding-left:18px;font-size:12px;color:#333">${input.notes.map((n) => `<li>${escapeHtml(n)}</li>`).join('')}</ul>`);
  }
  out.push('</div>');
  return out.join('\n');
}

/**
 * The per-party table of a result, as HTML: code, party, inhabitants, each
 * component, the amount, the sum, and the reconciliation under it.
 *
 * @param source - a result, or a table already made with `allocationTable`.
 */
export function allocationHtml(source: SchemeResult | AllocationTable, options: { readonly notes?: boolean } = {}): string {
  const table = 'rows' in source ? source : allocationTable(source);
  const comps = table.componentLabels.length > 1 ? table.componentLabels : [];
  const kr = (ore: number) => formatKronor(ore, { decimals: table.decimals });
  const row = (r: AllocationTable['rows'][number]): TableCell[] => [
    r.code,
    r.name,
    ...(table.hasPopulation ? [r.population ?? null] : []),
    ...comps.map((c) => kr(r.components[c.id] ?? 0)),
    kr(r.amount),
  ];
  return htmlTable({
    columns: [
      'Kod',
      'Part',
      ...(table.hasPopulation ? [{ label: 'Invånare', align: 'right' as const }] : []),
      ...comps.map((c) => ({ label: c.label, align: 'right' as const })),
      { label: 'Belopp', align: 'right' },
    ],
    rows: table.rows.map(row),
    footer: [row(table.total), ...(table.uncovered ? [row(table.uncovered)] : [])],
    caption: table.title,
    caveats: table.caveats,
    notes: options.notes === false ? [] : table.notes.filter((n) => !n.startsWith('OBS: ')),
  });
}

/** Label and value pairs (key figures, a reconciliation) as a two-column table. */
export function factsHtml(facts: readonly (readonly [string, TableCell])[], caption?: string): string {
  return htmlTable({ columns: [{ label: 'Uppgift', align: 'left' }, { label: 'Värde', align: 'right' }], rows: facts.map(([k, v]) => [k, v]), ...(caption ? { caption } : {}) });
}

function viewCell(c: ViewCell): TableCell {
  if (c === null || typeof c === 'string') return c;
  if ('ore' in c) return formatKronor(c.ore, { sign: c.sign ?? false });
  if ('kr' in c) {
    const s = formatDecimalKronor(c.kr, c.decimals ?? 2);
    return c.sign && c.kr.greaterThan(0) ? `+${s}` : s;
  }
  if ('pct' in c) return formatPercent(c.pct, 1);
  if ('int' in c) return c.int;
  return c.num.toString().replace('.', ',').replace('-', '\u2212');
}

/**
 * The scenario views (comparison, sweep, simulation, tornado, goal seek:
 * `comparisonTables(…)` and the like) as HTML tables.
 */
export function viewTablesHtml(tables: ViewTable | readonly ViewTable[]): string {
  const list: readonly ViewTable[] = Array.isArray(tables) ? tables : [tables as ViewTable];
  return list
    .map((v) => {
      const typed = v.columns.map((_, i) => v.rows.some((r) => r[i] !== null && r[i] !== undefined && typeof r[i] === 'object'));
      return htmlTable({
        caption: v.title,
        columns: v.columns.map((c, i) => ({ label: c.label, align: typed[i] ? ('right' as const) : ('left' as const) })),
        rows: v.rows.map((r) => r.map(viewCell)),
        notes: v.notes,
      });
    })
    .join('\n');
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

/** Options for {@link plotlyBundle}. */
export interface PlotlyBundleOptions {
  /** The id of the element the HTML draws into; unique within the notebook. */
  readonly id: string;
  /** plotly.js source to embed before the chart (the first chart of a notebook). */
  readonly library?: string;
}

/** JSON safe inside a `<script>`: no `</script>`, no line separators that end a JS string. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

/** The plotly.js source wrapped to run in a page: a `module` or AMD `define` of the page must not capture it. */
export function plotlyLibraryHtml(source: string): string {
  const safe = source.replace(/<\/script/gi, '<\\/script').replace(/<!--/g, '<\\!--');
  return `<script type="text/javascript">/* plotly.js, inbäddat av andel: en gång per anteckningsbok, aldrig från nätet */\n(function (module, exports, define) {\n${safe}\n}).call(window);\n</script>`;
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
  const html = [
    ...(options.library !== undefined ? [plotlyLibraryHtml(options.library)] : []),
    `<div id="${id}" class="andel-chart" style="width:${width};max-width:100%;height:${height}px"></div>`,
    '<script type="text/javascript">',
    '(function () {',
    `  var id = ${scriptJson(id)}, fig = ${scriptJson({ data: fig.data, layout: fig.layout, config: htmlConfig })}, sv = ${scriptJson(PLOTLY_LOCALE_SV)};`,
    '  function draw(tries) {',
    '    var el = document.getElementById(id);',
    '    if (!el) return;',
    '    if (window.Plotly) {',
    '      if (!window.__andelPlotlySv) { window.Plotly.register(sv); window.__andelPlotlySv = true; }',
    '      window.Plotly.newPlot(el, fig.data, fig.layout, fig.config);',
    '    } else if (tries < 200) {',
    '      setTimeout(function () { draw(tries + 1); }, 50);',
    '    } else {',
    "      el.textContent = 'Diagrammet kan inte ritas: plotly.js har inte laddats. Kör anteckningsbokens första diagramcell igen (den bäddar in plotly.js).';",
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
  view(tables: ViewTable | readonly ViewTable[]): void;
  /** A danfojs DataFrame ({@link frameHtml}). */
  frame(frame: FrameLike, options?: Parameters<typeof frameHtml>[1]): void;
  /** A Plotly figure; the first one also embeds plotly.js for the HTML fallback. */
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
 * plotly.js with the first chart only.
 *
 * @example
 * import * as tslab from 'tslab';
 * import { notebookDisplay, loadScheme, evaluateScheme } from 'andel';
 * const visa = notebookDisplay(tslab);
 * visa.allocation(evaluateScheme((await loadScheme('vgr-2022')).model));
 */
export function notebookDisplay(tslab: TslabLike, options: { readonly plotlySource?: () => string } = {}): NotebookDisplay {
  let charts = 0;
  let libraryShown = false;
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
      const library = libraryShown ? undefined : (options.plotlySource ?? plotlySource)();
      bundle(plotlyBundle(figure, { id: `andel-chart-${charts}-${hash}`, ...(library !== undefined ? { library } : {}) }));
      libraryShown = true;
    },
  };
}
