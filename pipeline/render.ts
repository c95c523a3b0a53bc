/**
 * Documents to PDF: each document becomes a job for the renderer (one
 * layout, the document's metadata, the PDF's creation date), and a batch is
 * printed with one browser. Puppeteer and the Plotly bundle load only when
 * something is printed.
 */
import { join } from 'node:path';
import { RenderError, t } from '../models/errors.js';
import type { BatchSummary, FailedDocument, Renderer, RenderJob, RenderProgress, WrittenDocument } from '../reports/render/renderer.js';
import type { ReportDocument } from '../reports/views/report-document.js';
import { toolVersion } from './report-context.js';

/** Where and how documents are written. */
export interface RenderDocumentsOptions {
  /** The folder the documents' file names are relative to. */
  readonly outDir: string;
  /** Also write each document's HTML beside its PDF. */
  readonly html?: boolean;
  /** The PDF's creation date, or a function giving it per document. */
  readonly creation: Date | 'now' | ((doc: ReportDocument) => Date | 'now');
}

/** The renderer's job for a document. */
export function jobOf(doc: ReportDocument, options: RenderDocumentsOptions): RenderJob {
  const outFile = join(options.outDir, doc.fileName);
  return {
    id: doc.id,
    template: 'layouts/document',
    viewModel: doc.viewModel,
    charts: doc.charts,
    outFile,
    ...(options.html ? { htmlOutFile: outFile.replace(/\.pdf$/, '.html') } : {}),
    title: doc.metadata.title,
    author: doc.metadata.author,
    subject: doc.metadata.subject,
    keywords: doc.metadata.keywords,
    lang: 'sv-SE',
    creator: `andel ${toolVersion()}`,
    creationDate: typeof options.creation === 'function' ? options.creation(doc) : options.creation,
    header: doc.header,
    footer: doc.footer,
    ...(doc.attachments !== undefined && doc.attachments.length > 0 ? { attachments: doc.attachments } : {}),
  };
}

/** How a batch is run: a renderer to use (else one is started and closed), a signal that stops starting new documents, progress. */
export interface RenderRun {
  readonly renderer?: Renderer;
  readonly signal?: AbortSignal;
  /** Told the renderer and the number of documents before the first is printed. */
  readonly onStart?: (renderer: Renderer, documents: number) => void;
  readonly onProgress?: (event: RenderProgress) => void;
}

/** Starts a renderer (the browser starts with the first document). */
export async function startRenderer(): Promise<Renderer> {
  const { createRenderer } = await import('../reports/render/renderer.js');
  return createRenderer();
}

/**
 * Prints documents to PDF in one batch.
 *
 * @returns what was written and what failed; a failed document does not stop the others.
 */
export async function renderDocuments(docs: readonly ReportDocument[], options: RenderDocumentsOptions, run: RenderRun = {}): Promise<BatchSummary> {
  const renderer = run.renderer ?? (await startRenderer());
  run.onStart?.(renderer, docs.length);
  try {
    return await renderer.renderBatch(
      docs.map((d) => jobOf(d, options)),
      { ...(run.signal ? { signal: run.signal } : {}), ...(run.onProgress ? { onProgress: run.onProgress } : {}) },
    );
  } finally {
    if (run.renderer === undefined) await renderer.close();
  }
}

/** The file a document is written to in Word format: its PDF's name with `.docx`. */
export function docxFileOf(pdfFile: string): string {
  return pdfFile.replace(/\.pdf$/i, '') + '.docx';
}

/**
 * Writes documents as Word files (.docx) beside where their PDFs would go:
 * the charts are drawn by the renderer, the files are written atomically,
 * dated by the report's date (`creation`; the clock only for `now`). The
 * summary has the shape of a PDF batch's; a Word file's pages are counted
 * by Word, so `pages` is 0.
 *
 * @returns what was written and what failed; a failed document does not stop the others.
 */
export async function writeDocxDocuments(docs: readonly ReportDocument[], options: RenderDocumentsOptions, run: RenderRun = {}): Promise<BatchSummary> {
  const started = performance.now();
  const [{ docxOfDocument }, { drawChartImages }, { writeFileAtomic }, { asRenderError }] = await Promise.all([
    import('../reports/docx/write-docx.js'),
    import('../reports/docx/chart-images.js'),
    import('../reports/render/atomic-write.js'),
    import('../reports/render/renderer.js'),
  ]);
  const renderer = run.renderer ?? (await startRenderer());
  run.onStart?.(renderer, docs.length);
  const emit = run.onProgress ?? (() => undefined);
  const written: WrittenDocument[] = [];
  const failed: FailedDocument[] = [];
  const total = docs.length;
  emit({ type: 'start', total, concurrency: 1 });
  try {
    for (const [index, doc] of docs.entries()) {
      const job = { ...jobOf(doc, options), outFile: docxFileOf(join(options.outDir, doc.fileName)) };
      const done = index + 1;
      if (run.signal?.aborted === true) {
        const failure = { job, error: new RenderError(t('Avbruten innan dokumentet påbörjades.', 'Interrupted before the document was started.'), 'E_ABORTED') };
        failed.push(failure);
        emit({ type: 'failed', index, done, total, failure });
        continue;
      }
      const begun = performance.now();
      try {
        const creation = job.creationDate;
        const charts = await drawChartImages(renderer, doc.charts);
        const bytes = await docxOfDocument(doc, { charts, created: creation === undefined || creation === 'now' ? new Date() : creation, creator: job.creator });
        await writeFileAtomic(job.outFile, bytes);
        const document: WrittenDocument = { outFile: job.outFile, pages: 0, bytes: bytes.byteLength, ms: performance.now() - begun, refusedRequests: 0, job };
        written.push(document);
        emit({ type: 'written', index, done, total, document });
      } catch (error) {
        const failure: FailedDocument = { job, error: asRenderError(error) };
        failed.push(failure);
        emit({ type: 'failed', index, done, total, failure });
      }
    }
  } finally {
    if (run.renderer === undefined) await renderer.close();
  }
  const summary: BatchSummary = { written, failed, ms: performance.now() - started };
  emit({ type: 'end', summary });
  return summary;
}
