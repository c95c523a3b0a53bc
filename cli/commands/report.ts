/**
 * `andel report <kind> <scheme|scenario>`: PDF documents (or with `--format docx` Word files to edit; with `--html`
 * their HTML beside them) of a scheme's result: an overview, one letter per
 * party, a tjänsteutlåtande (remiss) for one party, or a scenario compared
 * with its base.
 *
 * The shell only: it turns the options into a request for the pipeline's
 * `runReport` (which loads, evaluates, dates, hashes, simulates, builds and
 * prints), draws a progress bar on a terminal, lets Ctrl-C stop the batch,
 * and ends with what was written and what failed, and a non-zero exit code
 * if anything failed.
 */
import { basename, join, relative } from 'node:path';
import { RenderError, t } from '../../models/errors.js';
import { REPORT_KINDS, type ReportFormat, type ReportKind, checkReportRequest } from '../../pipeline/report-kinds.js';
import type { RenderRun } from '../../pipeline/render.js';
import type { BatchSummary, Renderer } from '../../reports/render/renderer.js';
import { type AdhocCliOptions, adhocOptions } from '../adhoc.js';
import { eventPrinter } from '../events.js';
import { type SchemeCliOptions, schemeOptions, wholeNumber } from '../options.js';
import { type CliContext, EXIT } from '../run.js';

/** Options of `andel report`, as commander gives them. */
export interface ReportCliOptions extends SchemeCliOptions, AdhocCliOptions {
  party?: string;
  title?: string;
  out?: string;
  html?: boolean;
  format?: string;
  date?: string;
  remissInfo?: string;
  sender?: string;
  recipients?: string;
  runs?: string;
  seed?: string;
}

/** A path as the user will recognise it: relative to the working directory when inside it. */
function shown(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel !== '' && !rel.startsWith('..') ? rel : path;
}

/**
 * How a batch of documents runs on the terminal: a progress bar (on a
 * terminal, for more than one document), an interrupt (Ctrl-C) that stops
 * starting new documents (a second one stops at once), and retries said
 * when there is no bar; `unit` names what is counted (PDF, Word). Call
 * `finish()` when the batch is done.
 */
export async function terminalBatch(ctx: CliContext, label: string, unit = 'PDF'): Promise<{ readonly run: RenderRun; finish(): void }> {
  const cliProgress = ctx.interactive ? (await import('cli-progress')).default : undefined;
  const controller = new AbortController();
  let renderer: Renderer | undefined;
  let bar: { update(n: number, payload?: Record<string, unknown>): void; stop(): void } | undefined;
  let interrupts = 0;
  const onSignal = (): void => {
    interrupts += 1;
    if (interrupts === 1) {
      ctx.err(ctx.lang === 'sv' ? 'andel: avbryter; dokument som redan skrivs görs klara (Ctrl-C igen för att avbryta direkt)' : 'andel: stopping; documents under way are finished (Ctrl-C again to stop now)');
      controller.abort();
    } else {
      void (renderer?.close() ?? Promise.resolve()).finally(() => process.exit(130));
    }
  };
  return {
    run: {
      signal: controller.signal,
      onStart: (r, n) => {
        renderer = r;
        process.on('SIGINT', onSignal);
        process.on('SIGTERM', onSignal);
        if (cliProgress === undefined || n <= 1) return;
        const b = new cliProgress.SingleBar(
          { format: `${label} [{bar}] {value}/{total} ${unit} | {eta_formatted} kvar | {doc}`, stream: process.stderr, hideCursor: true, clearOnComplete: true, barsize: 30 },
          cliProgress.Presets.shades_classic,
        );
        b.start(n, 0, { doc: '' });
        bar = b;
      },
      onProgress: (e) => {
        if (e.type === 'written' || e.type === 'failed') bar?.update(e.done, { doc: e.type === 'written' ? basename(e.document.outFile) : `fel: ${e.failure.job.id ?? ''}` });
        if (e.type === 'retry' && bar === undefined) ctx.err(`andel: ${e.job.id ?? ''}: ${e.reason}, försöker igen`);
      },
    },
    finish: () => {
      bar?.stop();
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    },
  };
}

/** Says what a batch wrote (files, pages, time) and what failed, grouped by reason. */
export function printBatchSummary(ctx: CliContext, summary: BatchSummary, outDir: string, html: boolean, format: ReportFormat = 'pdf'): void {
  const total = summary.written.length + summary.failed.length;
  const sv = ctx.lang === 'sv';
  const pages = summary.written.reduce((s, w) => s + w.pages, 0);
  if (summary.written.length > 0) {
    const first = summary.written[0]!;
    const where = summary.written.length === 1 ? shown(first.outFile) : shown(join(outDir));
    const seconds = (summary.ms / 1000).toFixed(1);
    // A Word file's pages are counted by Word, not here.
    const n = summary.written.length;
    const what = format === 'docx' ? (sv ? `Word-fil${n === 1 ? '' : 'er'} (docx)` : `Word file${n === 1 ? '' : 's'} (docx)`) : sv ? `PDF (${pages} sidor)` : `PDF (${pages} pages)`;
    ctx.err(sv ? `skrev ${n} ${what} på ${seconds.replace('.', ',')} s: ${where}` : `wrote ${n} ${what} in ${seconds} s: ${where}`);
    if (summary.written.length > 1 && summary.written.length <= 5) for (const w of summary.written) ctx.err(`  ${shown(w.outFile)}`);
    if (html) ctx.err(sv ? '  (med HTML bredvid varje PDF)' : '  (with HTML beside each PDF)');
  }
  if (summary.failed.length > 0) {
    ctx.err(sv ? `${summary.failed.length} av ${total} dokument skrevs inte:` : `${summary.failed.length} of ${total} documents were not written:`);
    // The same reason for many documents (no browser) is said once.
    const byReason = new Map<string, string[]>();
    for (const f of summary.failed) {
      const reason = f.error.describe(ctx.lang);
      byReason.set(reason, [...(byReason.get(reason) ?? []), shown(f.job.outFile)]);
    }
    for (const [reason, files] of byReason) {
      ctx.err(`  ${files.length <= 3 ? files.join(', ') : `${files.slice(0, 3).join(', ')} och ${files.length - 3} till`}: ${reason}`);
    }
  }
}

/**
 * The exit code of a finished batch: nothing when every document was
 * written, 130 when interrupted; a failure throws a RenderError (exit 4).
 */
export function reportOutcome(summary: BatchSummary): number | void {
  if (summary.failed.length === 0) return;
  if (summary.failed.some((f) => f.error.code === 'E_ABORTED')) return 130;
  // Only the place could not be written (a full disk): bad input, and the summary has said where and why.
  if (summary.failed.every((f) => f.error.code === 'E_OUTPUT')) return EXIT.input;
  const first = summary.failed[0]!.error;
  const total = summary.failed.length + summary.written.length;
  // The reasons were printed with the summary; the exit message only counts.
  throw new RenderError(
    t(`${summary.failed.length} av ${total} dokument kunde inte skrivas (se ovan).`, `${summary.failed.length} of ${total} documents could not be written (see above).`),
    first.code,
  );
}

/**
 * Writes the PDFs of one kind of report.
 *
 * @returns the exit code: 0 when every document was written; a failed
 *   document throws a RenderError (exit 4).
 */
export async function report(ctx: CliContext, kind: string, target: string, opts: ReportCliOptions): Promise<number | void> {
  // Options that do not apply to the kind are refused before their values are read.
  checkReportRequest({ kind, party: opts.party, remissInfo: opts.remissInfo, sender: opts.sender, recipients: opts.recipients, runs: opts.runs, seed: opts.seed, format: opts.format, html: opts.html });
  const format: ReportFormat = opts.format === 'docx' ? 'docx' : 'pdf';
  const k = kind as ReportKind;
  const print = eventPrinter(ctx, { announceSimulation: true });
  const batch = await terminalBatch(ctx, REPORT_KINDS[k].progress, format === 'docx' ? 'Word' : 'PDF');
  const { runReport } = await import('../../pipeline/report.js');
  try {
    const run = await runReport(
      {
        kind: k,
        scheme: target,
        inputs: schemeOptions(opts),
        adhoc: adhocOptions(opts),
        ...(opts.party !== undefined ? { party: opts.party } : {}),
        ...(opts.title !== undefined ? { title: opts.title } : {}),
        ...(opts.date !== undefined ? { date: opts.date } : {}),
        ...(opts.remissInfo !== undefined ? { remissInfo: opts.remissInfo } : {}),
        ...(opts.sender !== undefined ? { sender: opts.sender } : {}),
        ...(opts.recipients !== undefined ? { recipients: opts.recipients } : {}),
        ...(opts.runs !== undefined ? { runs: wholeNumber(opts.runs, '--runs') } : {}),
        ...(opts.seed !== undefined ? { seed: wholeNumber(opts.seed, '--seed') } : {}),
        onEvent: print,
      },
      {
        ...(opts.out !== undefined ? { out: opts.out } : {}),
        html: Boolean(opts.html),
        format,
        render: batch.run,
        onBuilt: (built) => {
          ctx.err(ctx.lang === 'sv' ? `andel: rapportdatum ${built.date.iso} (${built.date.from.sv})` : `andel: report date ${built.date.iso} (${built.date.from.en})`);
        },
      },
    );
    printBatchSummary(ctx, run.summary, run.outDir, Boolean(opts.html), format);
    return reportOutcome(run.summary);
  } finally {
    batch.finish();
  }
}
