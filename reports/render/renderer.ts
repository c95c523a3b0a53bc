/**
 * The PDF engine: one browser per run, a pool of pages that print, and one
 * warm page that turns Plotly figures into SVG.
 *
 * Why this shape: loading Plotly costs time (half a second for its basic
 * bundle, which has every trace type the documents draw; seconds for the full
 * one, loaded only for a figure that needs it), so it is loaded once, into a
 * page that only draws charts, from memory at a fixed URL (PLOTLY_URL), and a
 * batch starts that load at once so that it overlaps with everything else;
 * charts are then drawn a few documents ahead of the printing. The SVG it returns is inlined into HTML that needs no script at
 * all, and the pages that print run with JavaScript disabled and every
 * request refused except the data: URLs of the project's own embedded
 * assets. A printing page keeps its document's styles and fonts, and the
 * next document with the same styles swaps in only its title and body
 * (warm-page.ts). Printing chart-free HTML from a small pool of reused,
 * warm pages is what makes hundreds of letters fast and keeps memory flat.
 */
import { readFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import type { CDPSession, HTTPRequest, Page } from 'puppeteer-core';
import { InputError, RenderError, formatProblem, t } from '../../models/errors.js';
import { drawsWithBasicPlotly, fontFaceCss, FONT_FAMILY, plotlyBasicBundle, plotlyBundle } from './assets.js';
import { removeTemporaryFiles, writeFileAtomic } from './atomic-write.js';
import { launchBrowser, type LaunchedBrowser } from './browser.js';
import { normalizeSvg, PLOTLY_LOCALE_SV, withSwedishDefaults, type PlotlyFigure } from './charts.js';
import { applyPdfMetadata, type PdfAppendix, type PdfMetadata } from './pdf-metadata.js';
import { pageHeadingsInBrowser, type PageHeading } from './pdf-outline.js';
import { createTemplates, type PageFooterInfo, type PageHeaderInfo, type Templates } from './templates.js';
import { documentParts, swapDocumentInBrowser } from './warm-page.js';

/** Page margins as CSS lengths. The header and footer are drawn inside the top and bottom ones. */
export interface PageMargins {
  readonly top: string;
  readonly right: string;
  readonly bottom: string;
  readonly left: string;
}

/** A4 margins for printing and punching, with room for the running header and footer. */
export const DEFAULT_MARGINS: PageMargins = { top: '24mm', right: '18mm', bottom: '22mm', left: '18mm' };

/** What {@link Renderer.printPdf} prints and how the PDF is labelled. */
export interface PrintPdfOptions extends PdfMetadata {
  /** A complete HTML document without scripts (charts already inlined as SVG). */
  readonly html: string;
  /** Where the PDF goes; written atomically, its folder created if needed. */
  readonly outFile: string;
  /** The running header (scheme, kind of report); none when absent. */
  readonly header?: PageHeaderInfo;
  /** The running footer (date, provenance stamp, "Sida X av Y"); none when absent. */
  readonly footer?: PageFooterInfo;
  readonly margins?: PageMargins;
  /** PDF files appended after the printed pages, in order, each with a bookmark. */
  readonly attachments?: readonly PdfAttachment[];
}

/** A PDF file appended to a printed document (a Bilaga), and its bookmark's title. */
export interface PdfAttachment {
  readonly title: string;
  readonly file: string;
}

/** One PDF written. */
export interface PrintResult {
  readonly outFile: string;
  readonly pages: number;
  /** Size of the file in bytes. */
  readonly bytes: number;
  /** Wall time of printing and writing it, in milliseconds. */
  readonly ms: number;
  /** Requests the document tried to make and that were refused (a clean template makes none). */
  readonly refusedRequests: number;
}

/** The content of a job: ready HTML, or a template with its view model and charts. */
export type JobContent =
  | { readonly html: string }
  | {
      readonly template: string;
      readonly viewModel: unknown;
      /** Figures by the id the template names them with (`{{chart "id"}}`). */
      readonly charts?: Readonly<Record<string, PlotlyFigure>>;
    };

/** One document of a batch. */
export type RenderJob = Omit<PrintPdfOptions, 'html'> &
  JobContent & {
    /** A label for progress and the summary, e.g. the party code. */
    readonly id?: string;
    /** Also write the HTML here (atomically), e.g. for `--html`. */
    readonly htmlOutFile?: string;
  };

/** A document of a batch that was written. */
export interface WrittenDocument extends PrintResult {
  readonly job: RenderJob;
}

/** A document of a batch that failed, and why. */
export interface FailedDocument {
  readonly job: RenderJob;
  readonly error: RenderError;
}

/** What a batch did. */
export interface BatchSummary {
  /** In the order of the jobs. */
  readonly written: readonly WrittenDocument[];
  /** In the order of the jobs. */
  readonly failed: readonly FailedDocument[];
  /** Wall time of the whole batch, in milliseconds. */
  readonly ms: number;
}

/** Progress of a batch, reported as it happens (the library never prints). */
export type RenderProgress =
  | { readonly type: 'start'; readonly total: number; readonly concurrency: number }
  | { readonly type: 'written'; readonly index: number; readonly done: number; readonly total: number; readonly document: WrittenDocument }
  | { readonly type: 'failed'; readonly index: number; readonly done: number; readonly total: number; readonly failure: FailedDocument }
  | { readonly type: 'retry'; readonly index: number; readonly job: RenderJob; readonly reason: string }
  | { readonly type: 'end'; readonly summary: BatchSummary };

/** Options of {@link Renderer.renderBatch}. */
export interface RenderBatchOptions {
  /** Called for every step; it must not throw. */
  readonly onProgress?: (event: RenderProgress) => void;
  /** Stops starting new documents (those are reported as failed with `E_ABORTED`). */
  readonly signal?: AbortSignal;
}

/** Counters of a renderer, for progress displays and tests. */
export interface RendererStats {
  /** Browsers started (more than one means a crash was recovered). */
  readonly browserLaunches: number;
  /** The running browser's process id. */
  readonly browserPid: number | undefined;
  /** Printing pages currently open. */
  readonly printPages: number;
  readonly documentsPrinted: number;
  readonly chartsRendered: number;
  /** data: URLs of embedded assets that were let through. */
  readonly requestsAllowed: number;
  /** Every other request any page tried to make: all refused. */
  readonly requestsRefused: number;
  /** Documents shown in a warm printing page by swapping only their title, meta and body (the others were loaded whole). */
  readonly warmLoads: number;
}

/** Options of {@link createRenderer}. */
export interface RendererOptions {
  /** Pages printing at once; defaults to the machine's cores, at least 1 and at most 4. */
  readonly concurrency?: number;
  /** The browser to use; found with `findBrowser` when absent. */
  readonly executablePath?: string;
  /** The template environment for jobs given as template + view model. */
  readonly templates?: Templates;
  /** How long loading or printing one document may take, in ms. */
  readonly timeoutMs?: number;
  /** A printing page is replaced after this many documents, so that nothing can accumulate in it. */
  readonly recyclePageAfter?: number;
  /**
   * A full garbage collection is asked of a printing page after this many
   * documents (and of the chart page after this many charts). Without it a
   * page's renderer grows by about 1 MB per document, because a page that
   * runs no script never gives the collector a reason to run; a collection
   * costs about 40 ms, so it is spread out.
   */
  readonly collectGarbageEvery?: number;
}

/** The PDF engine of one run. Close it when done. */
export interface Renderer {
  /** The number of pages that print at once. */
  readonly concurrency: number;
  /**
   * Renders Plotly figures to standalone SVG strings, in the warm chart page
   * (Swedish separators and month names, the embedded font). Vector, with
   * text as text; deterministic for the same figures.
   */
  renderChartsToSvg(figures: readonly PlotlyFigure[]): Promise<string[]>;
  /**
   * Renders Plotly figures to PNG images, `scale` times their size in CSS
   * pixels (default 3, about 290 dpi at the text column's width): the SVG of
   * {@link Renderer.renderChartsToSvg} drawn in a printing page with the
   * document's embedded font, so that the image looks as the chart in the
   * PDF does (an SVG on its own falls back to whatever font a program has).
   */
  renderChartsToPng(figures: readonly PlotlyFigure[], scale?: number): Promise<Uint8Array[]>;
  /** The HTML of a job: its charts rendered and its template filled in. */
  htmlFor(job: JobContent): Promise<string>;
  /** Prints HTML to a PDF file with metadata, header and footer. */
  printPdf(options: PrintPdfOptions): Promise<PrintResult>;
  /** Renders many documents, {@link Renderer.concurrency} at a time; never rejects for one document's failure. */
  renderBatch(jobs: readonly RenderJob[], options?: RenderBatchOptions): Promise<BatchSummary>;
  stats(): RendererStats;
  /** Closes the browser, removes its profile and any half-written file. */
  close(): Promise<void>;
}

/** The default number of printing pages: the machine's cores, from 1 to 4. */
export function defaultConcurrency(): number {
  return Math.min(4, Math.max(1, availableParallelism()));
}

/** The shape of the chart page's global scope, as seen from here. */
interface ChartWindow {
  Plotly: {
    register(module: unknown): void;
    toImage(figure: unknown, options: { format: 'svg'; width: number; height: number; imageDataOnly: true }): Promise<string>;
  };
  document: { fonts: { load(font: string): Promise<unknown> } };
}

/** One of andel's own assets, answered from memory to the page that asks for it by its URL. */
interface ServedAsset {
  readonly contentType: string;
  readonly body: () => Buffer;
}

/**
 * The address the chart page loads Plotly from. The `.invalid` domain never
 * resolves: the request is answered from memory or not at all.
 */
export const PLOTLY_URL = 'https://andel.invalid/assets/plotly.js';

/** Where the chart page loads the full Plotly bundle from, when a figure needs a trace type the basic bundle lacks. */
export const PLOTLY_FULL_URL = 'https://andel.invalid/assets/plotly-full.js';

// Whether a figure draws with the basic bundle: in assets.ts, as the notebooks decide the same.
export { drawsWithBasicPlotly };

/** The parameters of Chromium's Page.printToPDF that andel sets (without the transfer mode). */
export interface PrintToPdfParameters {
  readonly displayHeaderFooter: boolean;
  readonly headerTemplate: string;
  readonly footerTemplate: string;
  readonly printBackground: true;
  readonly paperWidth: number;
  readonly paperHeight: number;
  readonly marginTop: number;
  readonly marginBottom: number;
  readonly marginLeft: number;
  readonly marginRight: number;
  readonly preferCSSPageSize: false;
  readonly generateTaggedPDF: true;
  readonly generateDocumentOutline: true;
}

/** CSS pixels per unit, and 96 of them to the inch, as Chromium (and puppeteer's page.pdf) count. */
const PIXELS_PER_UNIT: Readonly<Record<string, number>> = { px: 1, in: 96, cm: 37.8, mm: 3.78 };

/** A margin such as '24mm' in inches, as Page.printToPDF takes it. */
export function marginInches(value: string): number {
  const m = /^(\d+(?:\.\d+)?)(px|in|cm|mm)$/.exec(value.trim());
  if (m === null) throw new RenderError(t(`Ogiltig marginal: ${value}`, `Invalid margin: ${value}`), 'E_RENDER');
  return (Number(m[1]) * (PIXELS_PER_UNIT[m[2] as string] as number)) / 96;
}

/** A4 paper with the given margins, tagged and with an outline: what andel prints. */
export function printParameters(options: { headerFooter: boolean; headerTemplate: string; footerTemplate: string; margins: PageMargins }): PrintToPdfParameters {
  return {
    displayHeaderFooter: options.headerFooter,
    headerTemplate: options.headerTemplate,
    footerTemplate: options.footerTemplate,
    printBackground: true,
    // A4 (21 × 29,7 cm) in inches, as puppeteer's paper formats give it.
    paperWidth: 8.2677,
    paperHeight: 11.6929,
    marginTop: marginInches(options.margins.top),
    marginBottom: marginInches(options.margins.bottom),
    marginLeft: marginInches(options.margins.left),
    marginRight: marginInches(options.margins.right),
    preferCSSPageSize: false,
    generateTaggedPDF: true,
    generateDocumentOutline: true,
  };
}

/** A printing page that crashed; the job is worth one more try on a fresh page. */
class PageCrashed extends Error {}

/** Counts slots: at most `size` holders at once, the rest wait in order. */
class Semaphore {
  private free: number;
  private readonly waiting: Array<() => void> = [];
  constructor(size: number) {
    this.free = size;
  }
  async acquire(): Promise<void> {
    if (this.free > 0) {
      this.free -= 1;
      return;
    }
    await new Promise<void>((resolve) => this.waiting.push(resolve));
  }
  release(): void {
    const next = this.waiting.shift();
    if (next !== undefined) next();
    else this.free += 1;
  }
}

interface Counters {
  warmLoads: number;
  launches: number;
  documents: number;
  charts: number;
  allowed: number;
  refused: number;
}

/** One browser and its pages. Replaced as a whole when the browser dies. */
class Session {
  private readonly idle: Page[] = [];
  private readonly open = new Set<Page>();
  private readonly uses = new WeakMap<Page, number>();
  private readonly crashedPages = new WeakSet<Page>();
  private readonly refusedBy = new WeakMap<Page, number>();
  private readonly devtools = new WeakMap<Page, CDPSession>();
  /** The shell (doctype, styles, body tag) of the document each warm printing page holds. */
  private readonly shells = new WeakMap<Page, string>();
  private chartsSinceCollection = 0;
  private readonly slots: Semaphore;
  private chartPage: Promise<Page> | undefined;
  private readonly fullPlotlyIn = new WeakSet<Page>();
  private chartQueue: Promise<unknown> = Promise.resolve();
  /** Printing pages being opened ahead of the first documents. */
  private warming: Promise<void> | undefined;
  private disconnected = false;

  constructor(
    readonly launched: LaunchedBrowser,
    private readonly size: number,
    private readonly counters: Counters,
    private readonly timeoutMs: number,
    private readonly recycleAfter: number,
    private readonly collectEvery: number,
  ) {
    this.slots = new Semaphore(size);
    launched.browser.on('disconnected', () => {
      this.disconnected = true;
    });
  }

  get dead(): boolean {
    return this.disconnected || !this.launched.browser.connected;
  }

  get printPages(): number {
    return this.open.size;
  }

  /**
   * Lets data: URLs through, answers the page's own assets (`served`, by
   * URL) from memory, and refuses everything else, counting both.
   */
  private guard(page: Page, served: ReadonlyMap<string, ServedAsset> = new Map()): void {
    page.on('request', (request: HTTPRequest) => {
      if (request.isInterceptResolutionHandled()) return;
      const asset = served.get(request.url());
      if (asset !== undefined) {
        this.counters.allowed += 1;
        request.respond({ status: 200, contentType: asset.contentType, body: asset.body() }).catch(() => undefined);
      } else if (request.url().startsWith('data:')) {
        this.counters.allowed += 1;
        request.continue().catch(() => undefined);
      } else {
        this.counters.refused += 1;
        this.refusedBy.set(page, (this.refusedBy.get(page) ?? 0) + 1);
        request.abort('blockedbyclient').catch(() => undefined);
      }
    });
    page.on('error', () => this.crashedPages.add(page));
  }

  private async newPrintPage(): Promise<Page> {
    const page = await this.launched.browser.newPage();
    this.open.add(page);
    page.setDefaultTimeout(this.timeoutMs);
    await page.setJavaScriptEnabled(false);
    // Laid out as printed, so that what is read from the page before printing (the headings) is what the PDF shows.
    await page.emulateMediaType('print');
    await page.setRequestInterception(true);
    this.guard(page);
    this.devtools.set(page, await page.createCDPSession());
    return page;
  }

  /** Asks the page's renderer for a full collection (V8 and Blink's heap together). */
  private async collectGarbage(page: Page): Promise<void> {
    await this.devtools.get(page)?.send('HeapProfiler.collectGarbage');
  }

  /**
   * Prints the page's document with Chromium's Page.printToPDF, the call
   * puppeteer's page.pdf makes, with the same parameters and fonts awaited
   * the same way, but with the PDF returned in the reply instead of as a
   * stream read back in 64 KB round trips: the same bytes, some 40 ms less
   * per document on the development machine.
   */
  async printToPdf(page: Page, params: PrintToPdfParameters): Promise<Uint8Array> {
    const devtools = this.devtools.get(page);
    if (devtools === undefined) throw new RenderError(t('Utskriftssidan saknar sin förbindelse med webbläsaren.', 'The printing page has lost its connection to the browser.'), 'E_RENDER');
    await page.evaluate(() => (globalThis as unknown as { document: { fonts: { ready: Promise<unknown> } } }).document.fonts.ready.then(() => undefined));
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new RenderError(t(`Utskriften tog längre än ${this.timeoutMs} ms.`, `Printing took longer than ${this.timeoutMs} ms.`), 'E_RENDER')),
        this.timeoutMs,
      );
    });
    try {
      const { data } = await Promise.race([devtools.send('Page.printToPDF', { ...params, transferMode: 'ReturnAsBase64' }), timedOut]);
      return Buffer.from(data, 'base64');
    } finally {
      clearTimeout(timer);
    }
  }

  /**
   * Shows a document in a printing page: a page that holds a document with
   * the same shell (its fonts and styles already loaded) only swaps the
   * head's title and meta and the body; any other page loads it whole.
   */
  async showDocument(page: Page, html: string): Promise<void> {
    const parts = documentParts(html);
    if (parts !== undefined && this.shells.get(page) === parts.shell) {
      await page.evaluate(swapDocumentInBrowser, parts.head, parts.body);
      this.counters.warmLoads += 1;
      return;
    }
    this.shells.delete(page);
    await page.setContent(html, { waitUntil: 'load', timeout: this.timeoutMs });
    if (parts !== undefined) this.shells.set(page, parts.shell);
  }

  /** Forgets what a printing page holds, after something other than {@link showDocument} loaded content into it. */
  forgetDocument(page: Page): void {
    this.shells.delete(page);
  }

  /** Runs `fn` on a pooled printing page. */
  async withPrintPage<T>(fn: (page: Page, refusedSoFar: () => number) => Promise<T>): Promise<T> {
    await this.slots.acquire();
    let page: Page | undefined;
    let healthy = false;
    try {
      if (this.idle.length === 0 && this.warming !== undefined) await this.warming;
      page = this.idle.pop() ?? (await this.newPrintPage());
      const p = page;
      const before = this.refusedBy.get(p) ?? 0;
      try {
        const result = await fn(p, () => (this.refusedBy.get(p) ?? 0) - before);
        if (((this.uses.get(p) ?? 0) + 1) % this.collectEvery === 0) await this.collectGarbage(p);
        healthy = true;
        return result;
      } catch (error) {
        if (this.crashedPages.has(p) && !this.dead) throw new PageCrashed(error instanceof Error ? error.message : String(error));
        // A page whose print failed for another reason (a timeout) is not trusted again either.
        throw error;
      }
    } finally {
      if (page !== undefined) {
        const uses = (this.uses.get(page) ?? 0) + 1;
        this.uses.set(page, uses);
        if (healthy && uses < this.recycleAfter && !this.dead) {
          this.idle.push(page);
        } else {
          this.open.delete(page);
          if (!this.dead) await page.close().catch(() => undefined);
        }
      }
      this.slots.release();
    }
  }

  private async openChartPage(): Promise<Page> {
    const page = await this.launched.browser.newPage();
    page.setDefaultTimeout(this.timeoutMs);
    await page.setRequestInterception(true);
    // Plotly comes from memory at a fixed URL, not as a string through
    // DevTools: the browser streams and compiles it as it compiles any script.
    // The page starts with Plotly's basic bundle (bar, scatter, pie: every
    // chart of andel's documents), which loads about six times faster than the
    // full one; the full bundle follows only for a figure that needs it.
    this.guard(
      page,
      new Map([
        [PLOTLY_URL, { contentType: 'text/javascript; charset=utf-8', body: plotlyBasicBundle }],
        [PLOTLY_FULL_URL, { contentType: 'text/javascript; charset=utf-8', body: plotlyBundle }],
      ]),
    );
    this.devtools.set(page, await page.createCDPSession());
    await page.setContent(
      `<!doctype html><html lang="sv"><head><meta charset="utf-8"><style>${fontFaceCss()}\nbody{font-family:'${FONT_FAMILY}',sans-serif}</style>` +
        `<script src="${PLOTLY_URL}"></script></head><body></body></html>`,
      { waitUntil: 'load' },
    );
    await page.evaluate(
      async (locale, family) => {
        const w = globalThis as unknown as ChartWindow;
        w.Plotly.register(locale);
        // Plotly measures text to place labels: the real font must be ready first.
        await Promise.all(
          ['400', '600', '700'].flatMap((weight) => [w.document.fonts.load(`${weight} 12px '${family}'`), w.document.fonts.load(`italic ${weight} 12px '${family}'`)]),
        );
      },
      PLOTLY_LOCALE_SV,
      FONT_FAMILY,
    );
    return page;
  }

  /**
   * Starts loading Plotly into the chart page, if it is not loaded or
   * loading: a batch with charts calls this first, so that the load
   * overlaps with the printing pages' start.
   */
  warmCharts(): void {
    if (this.chartPage !== undefined) return;
    const opening = this.openChartPage();
    this.chartPage = opening;
    // A failed start is not remembered: the next chart tries again (and reports the failure).
    opening.catch(() => {
      if (this.chartPage === opening) this.chartPage = undefined;
    });
  }

  /** Opens printing pages up to `count` (at most the pool's size), all at once, so that the first documents do not wait for them one by one. */
  warmPrintPages(count: number): Promise<void> {
    this.warming ??= (async () => {
      const missing = Math.max(0, Math.min(this.size, count) - this.open.size);
      const pages = await Promise.allSettled(Array.from({ length: missing }, () => this.newPrintPage()));
      for (const p of pages) if (p.status === 'fulfilled') this.idle.push(p.value);
    })();
    return this.warming;
  }

  /** Renders figures in the warm chart page, one call at a time. */
  renderCharts(figures: readonly PlotlyFigure[]): Promise<string[]> {
    const run = async (): Promise<string[]> => {
      this.warmCharts();
      const page = await (this.chartPage as Promise<Page>);
      const prepared = figures.map(withSwedishDefaults);
      let svgs: string[];
      try {
        if (!figures.every(drawsWithBasicPlotly)) await this.loadFullPlotly(page);
        svgs = await this.drawCharts(page, prepared);
      } catch (error) {
        const reason = error instanceof Error ? error.message.split('\n')[0] ?? '' : String(error);
        if (this.dead) throw error;
        if (this.crashedPages.has(page) || page.isClosed()) {
          // The warm page is gone: the next call loads Plotly into a new one.
          this.chartPage = undefined;
          throw new PageCrashed(reason);
        }
        // Plotly refused a figure: the page itself is fine and stays warm.
        throw new RenderError(t(`Ett diagram gick inte att rita: ${reason}`, `A chart could not be drawn: ${reason}`), 'E_CHART');
      }
      this.counters.charts += svgs.length;
      this.chartsSinceCollection += svgs.length;
      if (this.chartsSinceCollection >= this.collectEvery * 2) {
        this.chartsSinceCollection = 0;
        await this.collectGarbage(page);
      }
      return svgs.map((svg, i) => normalizeSvg(svg, figures[i] ?? { data: [] }, i));
    };
    const result = this.chartQueue.then(run, run);
    this.chartQueue = result.catch(() => undefined);
    return result;
  }

  /** Replaces the chart page's basic Plotly with the full bundle, once per page. */
  private async loadFullPlotly(page: Page): Promise<void> {
    if (this.fullPlotlyIn.has(page)) return;
    await page.addScriptTag({ url: PLOTLY_FULL_URL });
    await page.evaluate((locale) => {
      (globalThis as unknown as ChartWindow).Plotly.register(locale);
    }, PLOTLY_LOCALE_SV);
    this.fullPlotlyIn.add(page);
  }

  /** Runs Plotly on prepared figures in the warm page. */
  private drawCharts(page: Page, prepared: ReadonlyArray<ReturnType<typeof withSwedishDefaults>>): Promise<string[]> {
    return page.evaluate(async (figs) => {
      const w = globalThis as unknown as ChartWindow;
      const out: string[] = [];
      for (const f of figs) {
        out.push(
          await w.Plotly.toImage(
            { data: f.data, layout: f.layout, config: f.config },
            { format: 'svg', width: f.width, height: f.height, imageDataOnly: true },
          ),
        );
      }
      return out;
    }, prepared);
  }

  async dispose(): Promise<void> {
    await this.launched.close();
  }
}

/** An attachment's bytes; a file that has gone since it was checked is named in the error. */
async function readAppendix(a: PdfAttachment): Promise<PdfAppendix> {
  try {
    return { title: a.title, file: a.file, bytes: await readFile(a.file) };
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? 'fel';
    throw new RenderError(t(`Bilagan ${a.title} (${a.file}) kan inte läsas (${code}).`, `The attachment ${a.title} (${a.file}) cannot be read (${code}).`), 'E_ATTACHMENT');
  }
}

/** Errors after which no document of a batch can be printed. */
const FATAL_CODES: ReadonlySet<string> = new Set(['E_NO_BROWSER', 'E_BROWSER_LAUNCH', 'E_RENDER_CLOSED']);

/** Any error of one document as a RenderError that a batch summary can report (the place without its path when it could not be written). */
export function asRenderError(error: unknown, fallbackCode = 'E_RENDER'): RenderError {
  if (error instanceof RenderError) return error;
  if (error instanceof InputError && error.code === 'E_OUTPUT' && error.problems[0] !== undefined) {
    // The place could not be written: the reason without the path, so that a batch summary can say it once for many documents.
    const { file: _file, ...reason } = error.problems[0];
    return new RenderError(t(formatProblem(reason, 'sv'), formatProblem(reason, 'en')), 'E_OUTPUT');
  }
  const reason = error instanceof Error ? error.message.split('\n')[0] ?? error.message : String(error);
  return new RenderError(t(`Dokumentet gick inte att skriva: ${reason}`, `The document could not be rendered: ${reason}`), fallbackCode);
}

/**
 * Starts the PDF engine. The browser is launched on first use, not here, so
 * a renderer that ends up printing nothing costs nothing.
 *
 * @example
 * ```ts
 * const renderer = createRenderer();
 * try {
 *   const summary = await renderer.renderBatch(
 *     parties.map((p) => ({
 *       id: p.code,
 *       template: 'layouts/document',
 *       viewModel: letterViewModel(p),
 *       charts: { placering: placementFigure(p) },
 *       outFile: `out/brev-${p.code}.pdf`,
 *       title: `Kostnadsfördelning 2022 – ${p.name}`,
 *       author: 'Västra Götalandsregionen',
 *       header: { scheme: 'VGR 2022', kind: 'Brev' },
 *       footer: { date: '31 mars 2022', stamp: 'andel 0.1.0 · SCB 2021 · 3f2a9c1e' },
 *       creationDate: new Date('2022-03-31T00:00:00Z'),
 *     })),
 *     { onProgress: (e) => bar.update(e) },
 *   );
 * } finally {
 *   await renderer.close();
 * }
 * ```
 */
export function createRenderer(options: RendererOptions = {}): Renderer {
  const concurrency = Math.min(4, Math.max(1, Math.floor(options.concurrency ?? defaultConcurrency())));
  const timeoutMs = options.timeoutMs ?? 60_000;
  const recycleAfter = Math.max(1, options.recyclePageAfter ?? 100);
  const collectEvery = Math.max(1, options.collectGarbageEvery ?? 10);
  let templates = options.templates;
  const counters: Counters = { warmLoads: 0, launches: 0, documents: 0, charts: 0, allowed: 0, refused: 0 };
  let current: Promise<Session> | undefined;
  // The session that last started, for the synchronous stats().
  let live: Session | undefined;
  let closed = false;

  const session = (): Promise<Session> => {
    if (closed) {
      return Promise.reject(new RenderError(t('Renderaren är redan stängd.', 'The renderer is already closed.'), 'E_RENDER_CLOSED'));
    }
    current ??= (async () => {
      const launched = await launchBrowser({ executablePath: options.executablePath, protocolTimeoutMs: timeoutMs * 2 });
      counters.launches += 1;
      live = new Session(launched, concurrency, counters, timeoutMs, recycleAfter, collectEvery);
      return live;
    })();
    // A failed launch is not remembered: the next call tries again.
    current.catch(() => {
      current = undefined;
    });
    return current;
  };

  /** Drops a dead session (once, whoever notices first). */
  const replace = async (dead: Session): Promise<void> => {
    const now = current === undefined ? undefined : await current.catch(() => undefined);
    if (now === dead) current = undefined;
    if (live === dead) live = undefined;
    await dead.dispose().catch(() => undefined);
  };

  /**
   * Runs `fn` with the browser, and once more with a fresh browser (or a
   * fresh page) if the browser or the page crashed under it.
   */
  const withBrowser = async <T>(fn: (s: Session) => Promise<T>, onRetry?: (reason: string) => void): Promise<T> => {
    const first = await session();
    try {
      return await fn(first);
    } catch (error) {
      const browserDied = first.dead;
      if (!browserDied && !(error instanceof PageCrashed)) throw asRenderError(error);
      const reason = browserDied ? 'browser crashed' : 'page crashed';
      onRetry?.(reason);
      if (browserDied) await replace(first);
      const second = await session();
      try {
        return await fn(second);
      } catch (again) {
        if (second.dead || again instanceof PageCrashed) {
          throw new RenderError(
            t('Webbläsaren kraschade två gånger på samma dokument.', 'The browser crashed twice on the same document.'),
            'E_BROWSER_CRASH',
          );
        }
        throw asRenderError(again);
      }
    }
  };

  const renderChartsToSvg = (figures: readonly PlotlyFigure[], onRetry?: (reason: string) => void): Promise<string[]> => {
    if (figures.length === 0) return Promise.resolve([]);
    return withBrowser((s) => s.renderCharts(figures), onRetry);
  };

  const renderChartsToPng = async (figures: readonly PlotlyFigure[], scale = 3): Promise<Uint8Array[]> => {
    const svgs = await renderChartsToSvg(figures);
    const sizes = figures.map(withSwedishDefaults);
    return withBrowser((s) =>
      s.withPrintPage(async (page) => {
        const out: Uint8Array[] = [];
        s.forgetDocument(page);
        try {
          for (const [i, svg] of svgs.entries()) {
            const { width, height } = sizes[i] ?? { width: 1, height: 1 };
            await page.setViewport({ width, height, deviceScaleFactor: scale });
            await page.setContent(
              `<!doctype html><html lang="sv"><head><meta charset="utf-8"><style>${fontFaceCss()}\nhtml,body{margin:0;background:#fff}svg{display:block}</style></head><body>${svg}</body></html>`,
              { waitUntil: 'load', timeout: timeoutMs },
            );
            out.push(await page.screenshot({ type: 'png', clip: { x: 0, y: 0, width, height } }));
          }
        } finally {
          // The page goes back to the pool for printing at its usual size.
          await page.setViewport({ width: 800, height: 600, deviceScaleFactor: 1 });
        }
        return out;
      }),
    );
  };

  /** A job's figures, by the ids its template names them with, in a fixed order. */
  const figuresOf = (job: JobContent): { ids: string[]; figures: PlotlyFigure[] } => {
    if ('html' in job) return { ids: [], figures: [] };
    const ids = Object.keys(job.charts ?? {});
    return { ids, figures: ids.map((id) => (job.charts ?? {})[id] ?? { data: [] }) };
  };

  /** Fills in a job's template with its charts' SVG (in the order of {@link figuresOf}). */
  const fill = (job: JobContent, svgs: readonly string[]): string => {
    if ('html' in job) return job.html;
    const charts: Record<string, string> = {};
    figuresOf(job).ids.forEach((id, i) => {
      charts[id] = svgs[i] ?? '';
    });
    templates ??= createTemplates();
    return templates.renderHtml(job.template, job.viewModel, { charts });
  };

  const htmlFor = async (job: JobContent, onRetry?: (reason: string) => void): Promise<string> => {
    if ('html' in job) return job.html;
    return fill(job, await renderChartsToSvg(figuresOf(job).figures, onRetry));
  };

  const printPdf = async (opts: PrintPdfOptions, onRetry?: (reason: string) => void): Promise<PrintResult> => {
    const started = performance.now();
    templates ??= createTemplates();
    const tpl = templates;
    const margins = opts.margins ?? DEFAULT_MARGINS;
    const withHeaderFooter = opts.header !== undefined || opts.footer !== undefined;
    const pdfParams = printParameters({
      headerFooter: withHeaderFooter,
      // Chromium prints its own default header (date, URL) when a template is empty.
      headerTemplate: opts.header !== undefined ? tpl.renderPageHeader(opts.header) : '<span></span>',
      footerTemplate: opts.footer !== undefined ? tpl.renderPageFooter(opts.footer) : '<span></span>',
      margins,
    });
    const { pdf, refused, headings } = await withBrowser(
      (s) =>
        s.withPrintPage(async (page, refusedSoFar) => {
          await s.showDocument(page, opts.html);
          // The headings as the printed page renders them: the outline's titles (Chromium's lose spaces and double up).
          const headings: PageHeading[] = await page.evaluate(pageHeadingsInBrowser);
          const bytes = await s.printToPdf(page, pdfParams);
          return { pdf: bytes, refused: refusedSoFar(), headings };
        }),
      onRetry,
    );
    const appendices = await Promise.all((opts.attachments ?? []).map(readAppendix));
    const stamped = await applyPdfMetadata(pdf, opts, appendices, { headings, headerFooter: withHeaderFooter });
    await writeFileAtomic(opts.outFile, stamped.bytes);
    counters.documents += 1;
    return { outFile: opts.outFile, pages: stamped.pages, bytes: stamped.bytes.byteLength, ms: performance.now() - started, refusedRequests: refused };
  };

  const renderBatch = async (jobs: readonly RenderJob[], batchOptions: RenderBatchOptions = {}): Promise<BatchSummary> => {
    const started = performance.now();
    const emit = batchOptions.onProgress ?? (() => undefined);
    const written: Array<{ index: number; document: WrittenDocument }> = [];
    const failed: Array<{ index: number; failure: FailedDocument }> = [];
    const total = jobs.length;
    let next = 0;
    let done = 0;
    let fatal: RenderError | undefined;
    emit({ type: 'start', total, concurrency });

    // Charts are drawn a few documents ahead of the printing, in order, so
    // that the chart page draws while the printing pages print; the window
    // is small, so memory does not grow with the batch.
    const lookahead = concurrency * 2 + 1;
    const charts = new Map<number, Promise<string[]>>();
    const chartsAhead = (from: number): void => {
      for (let i = from; i < Math.min(total, from + lookahead); i++) {
        const job = jobs[i];
        if (job === undefined || charts.has(i) || fatal !== undefined || batchOptions.signal?.aborted === true) continue;
        const drawn = renderChartsToSvg(figuresOf(job).figures, (reason) => emit({ type: 'retry', index: i, job, reason }));
        // Awaited by the job's worker later; until then a failure must not count as unhandled.
        drawn.catch(() => undefined);
        charts.set(i, drawn);
      }
    };
    if (total > 0) {
      // Plotly's load (seconds, only when a document has a chart) and the
      // printing pages' start overlap; a failure surfaces with the first document.
      const withCharts = jobs.some((job) => figuresOf(job).figures.length > 0);
      void session()
        .then((s) => {
          if (withCharts) s.warmCharts();
          return s.warmPrintPages(total);
        })
        .catch(() => undefined);
    }

    const worker = async (): Promise<void> => {
      for (;;) {
        const index = next;
        const job = jobs[index];
        if (job === undefined) return;
        next += 1;
        const skip =
          fatal ??
          (batchOptions.signal?.aborted === true
            ? new RenderError(t('Avbruten innan dokumentet påbörjades.', 'Interrupted before the document was started.'), 'E_ABORTED')
            : undefined);
        if (skip !== undefined) {
          done += 1;
          const failure = { job, error: skip };
          failed.push({ index, failure });
          emit({ type: 'failed', index, done, total, failure });
          continue;
        }
        const onRetry = (reason: string): void => emit({ type: 'retry', index, job, reason });
        try {
          chartsAhead(index);
          const drawn = charts.get(index) ?? renderChartsToSvg(figuresOf(job).figures, onRetry);
          charts.delete(index);
          const html = fill(job, await drawn);
          if (job.htmlOutFile !== undefined) await writeFileAtomic(job.htmlOutFile, html);
          const result = await printPdf(
            {
              html,
              outFile: job.outFile,
              title: job.title,
              author: job.author,
              subject: job.subject,
              keywords: job.keywords,
              lang: job.lang,
              creator: job.creator,
              creationDate: job.creationDate,
              header: job.header,
              footer: job.footer,
              margins: job.margins,
              attachments: job.attachments,
            },
            onRetry,
          );
          const document: WrittenDocument = { ...result, job };
          written.push({ index, document });
          done += 1;
          emit({ type: 'written', index, done, total, document });
        } catch (error) {
          const failure: FailedDocument = { job, error: asRenderError(error) };
          // Without a browser no other document can succeed either: say so once per document, without trying.
          if (FATAL_CODES.has(failure.error.code)) fatal = failure.error;
          failed.push({ index, failure });
          done += 1;
          emit({ type: 'failed', index, done, total, failure });
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, Math.max(1, total)) }, worker));

    const summary: BatchSummary = {
      written: written.sort((a, b) => a.index - b.index).map((w) => w.document),
      failed: failed.sort((a, b) => a.index - b.index).map((f) => f.failure),
      ms: performance.now() - started,
    };
    emit({ type: 'end', summary });
    return summary;
  };

  return {
    concurrency,
    renderChartsToSvg: (figures) => renderChartsToSvg(figures),
    renderChartsToPng: (figures, scale) => renderChartsToPng(figures, scale),
    htmlFor: (job) => htmlFor(job),
    printPdf: (opts) => printPdf(opts),
    renderBatch,
    stats: () => {
      return {
        browserLaunches: counters.launches,
        browserPid: live?.dead === false ? live.launched.pid : undefined,
        printPages: live?.printPages ?? 0,
        documentsPrinted: counters.documents,
        chartsRendered: counters.charts,
        requestsAllowed: counters.allowed,
        requestsRefused: counters.refused,
        warmLoads: counters.warmLoads,
      };
    },
    async close() {
      closed = true;
      const s = current === undefined ? undefined : await current.catch(() => undefined);
      current = undefined;
      live = undefined;
      await removeTemporaryFiles();
      if (s !== undefined) await s.dispose();
    },
  };
}
