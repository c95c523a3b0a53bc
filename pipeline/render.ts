/**
 * Documents to PDF: each document becomes a job for the renderer (one
 * layout, the document's metadata, the PDF's creation date), and a batch is
 * printed with one browser. Puppeteer and the Plotly bundle load only when
 * something is printed.
 */
import { join } from 'node:path';
import type { BatchSummary, Renderer, RenderJob, RenderProgress } from '../reports/render/renderer.js';
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
