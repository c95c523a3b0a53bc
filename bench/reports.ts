/**
 * `npm run bench`, part 3: the reports as users make them.
 *
 * 1. The 50 VGR letters end to end: `andel report letters vgr-2022` run as a
 *    process, from Node's start to the last PDF written (loading the scheme,
 *    the view models, the browser, Plotly's warm-up, printing), side by side
 *    with WeasyPrint and Typst printing the same letters in the same run
 *    (bench/letter-peers.ts). Goals: at least 5 times faster than
 *    WeasyPrint, within 2 times of Typst.
 * 2. The 290 letters of every municipality of Sweden (`report letters
 *    per-capita --rate 10 --population data/populations/sweden-2021.csv`), in
 *    this process: the time per letter in the first and last tenth of the
 *    batch (flat: no growth) and the peak memory of Node and of the browser.
 *
 * Nothing is asserted; the figures are printed.
 *
 *   node dist/bench/reports.js [--skip-290]
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { memorySampler } from './memory.js';
import { benchLettersWithPeers, type LetterPeersResult } from './letter-peers.js';
import { dataPath } from '../data/project-root.js';
import { buildReport, renderDocuments, startRenderer } from '../pipeline/index.js';

/** What {@link benchVgrLetters} measured: andel and its peers, medians of alternating runs. */
export type VgrLettersResult = LetterPeersResult;

/** Runs `andel report letters vgr-2022` as a process, alternating with WeasyPrint and Typst, and times each. */
export async function benchVgrLetters(options: { rounds?: number } = {}): Promise<VgrLettersResult> {
  return benchLettersWithPeers(options);
}

/** What {@link benchSwedenLetters} measured. */
export interface SwedenLettersResult {
  readonly letters: number;
  readonly pages: number;
  readonly seconds: number;
  readonly msPerLetter: number;
  readonly msPerLetterFirstTenth: number;
  readonly msPerLetterLastTenth: number;
  readonly peakNodeRssMb: number;
  /** All the browser's processes, proportional set size; undefined where /proc cannot be read. */
  readonly peakBrowserMb: number | undefined;
  readonly browserMbAfterFirstTenth: number | undefined;
  readonly browserMbAtEnd: number | undefined;
  readonly failed: number;
}

/** Prints the 290 letters of Sweden's municipalities with one renderer, as `andel report letters per-capita` does. */
export async function benchSwedenLetters(): Promise<SwedenLettersResult> {
  const out = await mkdtemp(join(tmpdir(), 'andel-bench-sweden-'));
  const started = performance.now();
  const { documents: docs, date } = await buildReport({ kind: 'letters', scheme: 'per-capita', adhoc: { rate: '10' }, inputs: { population: dataPath('populations', 'sweden-2021.csv') } });
  const renderer = await startRenderer();
  const memory = memorySampler(() => renderer.stats().browserPid);
  const sample = (): void => memory.sample();
  const finished: number[] = [];
  const tenth = Math.max(1, Math.floor(docs.length / 10));
  try {
    const summary = await renderDocuments(
      docs,
      { outDir: out, creation: date.creation },
      {
        renderer,
        onProgress: (e) => {
          if (e.type !== 'written' && e.type !== 'failed') return;
          finished.push(performance.now());
          if (e.done % tenth === 0) sample();
        },
      },
    );
    sample();
    const span = (from: number, to: number): number => ((finished[to - 1] ?? 0) - (finished[from - 1] ?? finished[0] ?? 0)) / Math.max(1, to - from);
    const n = finished.length;
    return {
      letters: summary.written.length,
      pages: summary.written.reduce((s, w) => s + w.pages, 0),
      seconds: (performance.now() - started) / 1000,
      msPerLetter: summary.ms / Math.max(1, docs.length),
      // The first tenth after the first letter (which carries the browser's start and Plotly's load).
      msPerLetterFirstTenth: span(1, Math.min(n, tenth + 1)),
      msPerLetterLastTenth: span(n - tenth, n),
      peakNodeRssMb: memory.peakNodeRssMb,
      peakBrowserMb: memory.peakBrowserMb,
      browserMbAfterFirstTenth: memory.browserSamples[0],
      browserMbAtEnd: memory.browserSamples[memory.browserSamples.length - 1],
      failed: summary.failed.length,
    };
  } finally {
    await renderer.close();
    await rm(out, { recursive: true, force: true });
  }
}

const sv = (n: number, decimals = 0): string => n.toFixed(decimals).replace('.', ',');

/** The bench's report, one figure per line. */
export function formatReportBench(vgr: VgrLettersResult, sweden?: SwedenLettersResult): string {
  const mb = (n: number | undefined): string => (n === undefined ? 'n/a' : `${sv(n)} MB`);
  const peer = (name: string, p: VgrLettersResult['typst'], goal: string, ratio: (seconds: number) => string): string =>
    'unavailable' in p
      ? `  ${name.padEnd(25)}not available: ${p.unavailable}`
      : `  ${name.padEnd(25)}${p.pdfs} letters in ${sv(p.seconds, 1)} s: ${ratio(p.seconds)} (${goal})`;
  const lines = [
    'andel bench: reports (PDF, Chromium)',
    `  VGR letters end to end   ${vgr.letters} letters in ${sv(vgr.andelSeconds, 1)} s: ${sv((vgr.andelSeconds * 1000) / Math.max(1, vgr.letters))} ms per letter (median of ${vgr.rounds} runs, alternating with the peers)`,
    peer('WeasyPrint (same HTML)', vgr.weasyprint, 'goal: andel ≥ 5× faster', (s) => `andel is ${sv(s / vgr.andelSeconds, 1)}× faster`),
    peer('Typst (same letters)', vgr.typst, 'goal: andel ≤ 2× Typst', (s) => `andel takes ${sv(vgr.andelSeconds / s, 1)}× Typst's time`),
  ];
  if (sweden !== undefined) {
    lines.push(
      `  290 letters (Sweden)     ${sweden.letters} letters, ${sweden.pages} pages in ${sv(sweden.seconds, 1)} s${sweden.failed > 0 ? `, ${sweden.failed} FAILED` : ''}: ${sv(sweden.msPerLetter)} ms per letter`,
      `                           first tenth ${sv(sweden.msPerLetterFirstTenth)} ms, last tenth ${sv(sweden.msPerLetterLastTenth)} ms per letter`,
      `                           peak memory: Node ${mb(sweden.peakNodeRssMb)} RSS, browser ${mb(sweden.peakBrowserMb)} (all its processes, PSS); total ${mb(sweden.peakNodeRssMb + (sweden.peakBrowserMb ?? 0))} (limit 1 500 MB)`,
      `                           browser after the first tenth ${mb(sweden.browserMbAfterFirstTenth)}, at the end ${mb(sweden.browserMbAtEnd)}`,
    );
  }
  return lines.join('\n');
}

/** Runs both and prints them. */
export async function runReportBench(options: { skip290?: boolean } = {}): Promise<void> {
  const vgr = await benchVgrLetters();
  const sweden = options.skip290 ? undefined : await benchSwedenLetters();
  process.stdout.write(`${formatReportBench(vgr, sweden)}\n`);
}

// As part of `npm run bench` (bench/run.ts imports this module) or run directly.
const direct = process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;
await runReportBench({ skip290: process.argv.includes('--skip-290') || process.env['ANDEL_BENCH_SKIP_290'] === '1' }).catch((error: unknown) => {
  process.stderr.write(`andel bench (reports): ${error instanceof Error ? error.message : String(error)}\n`);
  if (direct) process.exitCode = 1;
});
