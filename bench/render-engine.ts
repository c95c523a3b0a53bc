/**
 * The PDF engine on its own: many two-page letters with a chart, printed by
 * one renderer, as `report letters` will print them. Prints the time per PDF
 * (first and last tenth of the batch, to show there is no growth), and the
 * peak memory of Node and of the browser's processes. Nothing is asserted.
 *
 *   node dist/bench/render-engine.js [--count 290] [--concurrency N] [--out DIR]
 *
 * Reference on the 2-core development machine (Chromium 156, 2 pages):
 * about 110 ms per PDF end to end with a chart, flat over 290 letters.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { memorySampler } from './memory.js';
import type { PlotlyFigure } from '../reports/render/charts.js';
import type { DocumentViewModel } from '../reports/render/document-model.js';
import { createRenderer, type RenderJob } from '../reports/render/renderer.js';

/** What {@link benchRenderEngine} measured. */
export interface RenderBenchResult {
  readonly documents: number;
  readonly pagesPerDocument: number;
  readonly concurrency: number;
  /** Browser start, the chart page and Plotly's load, and the first document. */
  readonly warmMs: number;
  readonly msPerPdf: number;
  readonly msPerPdfFirstTenth: number;
  readonly msPerPdfLastTenth: number;
  readonly peakNodeRssMb: number;
  /** Proportional set size of all the browser's processes; undefined where /proc cannot be read. */
  readonly peakBrowserRssMb: number | undefined;
  /** The same after the first tenth of the batch and at its end: flat memory means these are close. */
  readonly browserMbAfterFirstTenth: number | undefined;
  readonly browserMbAtEnd: number | undefined;
}

const kr = (n: number): string => `${String(n).replace(/\B(?=(\d{3})+(?!\d))/g, '\u00a0')} kr`;

function letter(i: number): { viewModel: DocumentViewModel; chart: PlotlyFigure } {
  const names = Array.from({ length: 12 }, (_, k) => `Kommun ${String.fromCharCode(65 + k)}${k === i % 12 ? ' (ni)' : ''}`);
  const amounts = names.map((_, k) => 400_000 + ((i * 31 + k * 97) % 50) * 20_011);
  const rows = Array.from({ length: 16 }, (_, k) => ({ cells: [`Post ${k + 1}`, kr(1_000 + k * 3_713 + i), kr(2_000 + k * 417)] }));
  return {
    viewModel: {
      title: `Kostnadsfördelning 2022 – kommun ${i}`,
      titleBlock: {
        organisation: 'Västra Götalandsregionen',
        kind: 'Brev',
        title: `Er andel av kostnaden 2022`,
        facts: [
          { label: 'Datum', value: '31 mars 2022' },
          { label: 'Mottagare', value: `Kommun ${i}` },
          { label: 'Förfallodag', value: '31 december 2022' },
        ],
      },
      blocks: [
        { type: 'key-figures', items: [{ label: 'Ert belopp', value: kr(amounts[i % 12] ?? 0), emphasis: true }, { label: 'Pris per invånare', value: '9,74 kr' }] },
        { type: 'heading', level: 2, text: 'Så har beloppet räknats fram' },
        { type: 'text', paragraphs: ['Antal invånare den 31 december 2021 gånger priset per invånare, avrundat till hela kronor.'] },
        { type: 'table', columns: [{ label: 'Post' }, { label: '2022', numeric: true }, { label: '2023', numeric: true }], rows },
        { type: 'page-break' },
        { type: 'heading', level: 2, text: 'Er kommun bland de andra' },
        { type: 'chart', chart: 'placering', caption: 'Belopp per kommun.', alt: 'Stapeldiagram: belopp per kommun.' },
        { type: 'facts', items: [{ label: 'Fakturerar', value: 'Västra Götalandsregionen' }, { label: 'Senast', value: '31 december 2022' }] },
      ],
    },
    chart: {
      data: [{ type: 'bar', x: names, y: amounts }],
      layout: { yaxis: { exponentformat: 'none', separatethousands: true }, height: 300 },
    },
  };
}

/**
 * Prints `count` two-page letters with a chart and measures them.
 *
 * @param options.out - where the PDFs go; a temporary folder (removed) when absent.
 */
export async function benchRenderEngine(options: { count?: number; concurrency?: number; out?: string } = {}): Promise<RenderBenchResult> {
  const count = Math.max(10, options.count ?? 50);
  const out = options.out ?? (await mkdtemp(join(tmpdir(), 'andel-bench-render-')));
  const renderer = createRenderer(options.concurrency === undefined ? {} : { concurrency: options.concurrency });
  const memory = memorySampler(() => renderer.stats().browserPid);
  const sample = (): void => memory.sample();
  const job = (i: number): RenderJob => {
    const { viewModel, chart } = letter(i);
    return {
      id: String(i),
      template: 'layouts/document',
      viewModel,
      charts: { placering: chart },
      outFile: join(out, `brev-${String(i).padStart(4, '0')}.pdf`),
      title: viewModel.title,
      author: 'Västra Götalandsregionen',
      header: { scheme: 'Västra Götaland 2022', kind: 'Brev' },
      footer: { date: '31 mars 2022', stamp: 'andel bench' },
      creationDate: new Date('2022-03-31T00:00:00Z'),
    };
  };
  try {
    const warmStart = performance.now();
    const warm = await renderer.renderBatch([job(0)]);
    const warmMs = performance.now() - warmStart;
    const pagesPerDocument = warm.written[0]?.pages ?? 0;
    const finished: number[] = [];
    const started = performance.now();
    const summary = await renderer.renderBatch(
      Array.from({ length: count }, (_, i) => job(i + 1)),
      {
        onProgress: (e) => {
          if (e.type === 'written' || e.type === 'failed') {
            finished.push(performance.now());
            if (e.done % Math.max(1, Math.floor(count / 10)) === 0) sample();
          }
        },
      },
    );
    sample();
    if (summary.failed.length > 0) throw summary.failed[0]?.error;
    const tenth = Math.max(1, Math.floor(count / 10));
    const span = (from: number, to: number): number => ((finished[to - 1] ?? 0) - (from === 0 ? started : finished[from - 1] ?? 0)) / (to - from);
    return {
      documents: count,
      pagesPerDocument,
      concurrency: renderer.concurrency,
      warmMs,
      msPerPdf: summary.ms / count,
      msPerPdfFirstTenth: span(0, tenth),
      msPerPdfLastTenth: span(count - tenth, count),
      peakNodeRssMb: memory.peakNodeRssMb,
      peakBrowserRssMb: memory.peakBrowserMb,
      browserMbAfterFirstTenth: memory.browserSamples[0],
      browserMbAtEnd: memory.browserSamples[memory.browserSamples.length - 1],
    };
  } finally {
    await renderer.close();
    if (options.out === undefined) await rm(out, { recursive: true, force: true });
  }
}

/** The bench's report, one figure per line. */
export function formatRenderBench(r: RenderBenchResult): string {
  const mb = (n: number | undefined): string => (n === undefined ? 'n/a' : `${n.toFixed(0)} MB`);
  return [
    `PDF engine: ${r.documents} letters of ${r.pagesPerDocument} pages with a chart, ${r.concurrency} pages in the pool`,
    `  warm-up (browser, Plotly, first letter): ${r.warmMs.toFixed(0)} ms`,
    `  per PDF: ${r.msPerPdf.toFixed(0)} ms (first tenth ${r.msPerPdfFirstTenth.toFixed(0)} ms, last tenth ${r.msPerPdfLastTenth.toFixed(0)} ms)`,
    `  peak memory: Node ${mb(r.peakNodeRssMb)} RSS, browser ${mb(r.peakBrowserRssMb)} (all its processes, PSS)`,
    `  browser memory after the first tenth: ${mb(r.browserMbAfterFirstTenth)}, at the end: ${mb(r.browserMbAtEnd)}`,
  ].join('\n');
}

// Run directly: node dist/bench/render-engine.js [--count N] [--concurrency N] [--out DIR]
if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const arg = (name: string): string | undefined => {
    const i = process.argv.indexOf(name);
    return i >= 0 ? process.argv[i + 1] : undefined;
  };
  const count = arg('--count');
  const concurrency = arg('--concurrency');
  const out = arg('--out');
  benchRenderEngine({
    ...(count !== undefined ? { count: Number(count) } : {}),
    ...(concurrency !== undefined ? { concurrency: Number(concurrency) } : {}),
    ...(out !== undefined ? { out } : {}),
  }).then(
    (r) => process.stdout.write(`${formatRenderBench(r)}\n`),
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
