/**
 * Invoice PDFs: each invoice as a document in the letters' design
 * (`reports/views/invoice.ts`, `templates/invoice.hbs`), printed through the
 * project's renderer (one browser, a pool of warm pages, tagged PDF/UA with
 * the headings as bookmarks and the document's metadata), and returned as
 * bytes: the caller (the batch writer of `andel invoice`) decides where they
 * go and writes them with everything else of the batch, or nothing.
 *
 * Deterministic: the PDF's dates are the invoice date (never the clock), so
 * the same invoices and scheme give byte-identical PDFs.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RenderError, t } from '../../models/errors.js';
import type { SchemeResult } from '../../models/evaluate.js';
import type { Invoice } from '../../models/invoicing/invoice.js';
import type { SchemeModel } from '../../models/scheme.js';
import type { Renderer, RenderJob, RenderProgress } from '../render/renderer.js';
import { INVOICE_TEMPLATE, type InvoiceDocument, invoiceDocument } from '../views/invoice.js';
import type { ReportContext } from '../views/report-document.js';

/** What {@link renderInvoicePdfs} needs besides the invoices. */
export interface InvoicePdfContext {
  /** The scheme the invoices are of. */
  readonly model: SchemeModel;
  /** Its evaluation: each invoice's amount must be its party's amount here, which the PDF then explains. */
  readonly result: SchemeResult;
  /**
   * The scheme's report context, as `andel report` builds it:
   * `reportContext(loaded, result, { date: reportDate(undefined, loaded) })`
   * from `pipeline/report-context.ts`. It gives the footer's provenance stamp
   * (with the inputs' kontrollsumma), the agreement's name and the data
   * sources the explanation and "Underlag" print, and the figures (shares).
   * Its `result` must be {@link InvoicePdfContext.result}; its report date
   * is not used (an invoice is dated by its fakturadatum).
   */
  readonly report: ReportContext;
  /** The PDF's Creator, `andel <version>` as the letters say it (`toolVersion()` of `pipeline/report-context.ts`). */
  readonly creator: string;
  /** A running renderer to print with (it stays open); else one is started and closed here. */
  readonly renderer?: Renderer;
  /** Progress of the printing, per invoice, as the renderer reports it. */
  readonly onProgress?: (event: RenderProgress) => void;
  /** Stops starting new invoices (the call then fails: a batch is all or nothing). */
  readonly signal?: AbortSignal;
}

/** An invoice's date as the PDF's creation and modification date: midnight UTC of the fakturadatum. */
export function invoiceCreationDate(invoice: Invoice): Date {
  const date = new Date(`${invoice.issueDate}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) throw new RenderError(t(`Faktura ${invoice.number}: ogiltigt fakturadatum ${invoice.issueDate}.`, `Invoice ${invoice.number}: invalid invoice date ${invoice.issueDate}.`), 'E_INVOICE');
  return date;
}

/** The renderer's job for an invoice document, written to `outFile`. */
export function invoiceJob(doc: InvoiceDocument, invoice: Invoice, outFile: string, creator: string): RenderJob {
  return {
    id: doc.id,
    template: INVOICE_TEMPLATE,
    viewModel: doc.viewModel,
    charts: doc.charts,
    outFile,
    title: doc.metadata.title,
    author: doc.metadata.author,
    subject: doc.metadata.subject,
    keywords: doc.metadata.keywords,
    lang: 'sv-SE',
    creator,
    creationDate: invoiceCreationDate(invoice),
    header: doc.header,
    footer: doc.footer,
  };
}

/**
 * The invoice documents (view models) of a batch, checked against the
 * evaluation before anything is printed: every invoice's figures must hold
 * together and be its party's.
 *
 * @throws RenderError `E_INVOICE` naming the first invoice that does not.
 */
export function invoiceDocuments(invoices: readonly Invoice[], context: Pick<InvoicePdfContext, 'model' | 'result' | 'report'>): InvoiceDocument[] {
  if (context.result.scheme.id !== context.model.id || context.report.result !== context.result) {
    throw new RenderError(
      t(`Fakturornas schema (${context.model.id}), utvärdering (${context.result.scheme.id}) och rapportunderlag hör inte ihop.`, `The invoices' scheme (${context.model.id}), evaluation (${context.result.scheme.id}) and report context do not belong together.`),
      'E_INVOICE',
    );
  }
  return invoices.map((invoice) => invoiceDocument(context.report, invoice));
}

/**
 * Renders one PDF per invoice, in the order given, through the project's
 * renderer (warm pages; the same inputs give byte-identical PDFs). Nothing
 * is written where the caller can see it: the PDFs are printed into a
 * private temporary folder, read back and the folder removed.
 *
 * @param invoices - the batch's invoices (from the invoicing core), each of `context.model`.
 * @param context - the scheme, its evaluation and its report context ({@link InvoicePdfContext}).
 * @returns the PDFs' bytes, `result[i]` for `invoices[i]`.
 * @throws RenderError `E_INVOICE` when an invoice's figures are not its party's (before anything is printed);
 *   the renderer's error of the first invoice that could not be printed otherwise (all or nothing).
 * @example
 * const loaded = await loadScheme('vgr-2022');
 * const result = evaluateScheme(loaded.model);
 * const report = reportContext(loaded, result, { date: reportDate(undefined, loaded) });
 * const pdfs = await renderInvoicePdfs(invoices, { model: loaded.model, result, report, creator: `andel ${toolVersion()}` });
 */
export async function renderInvoicePdfs(invoices: readonly Invoice[], context: InvoicePdfContext): Promise<Uint8Array[]> {
  const docs = invoiceDocuments(invoices, context);
  if (docs.length === 0) return [];
  const renderer = context.renderer ?? (await import('../render/renderer.js')).createRenderer();
  const dir = await mkdtemp(join(tmpdir(), 'andel-fakturor-'));
  try {
    // Numbered files: an invoice number may hold characters a file name cannot.
    const jobs = docs.map((doc, i) => invoiceJob(doc, invoices[i]!, join(dir, `${String(i + 1).padStart(5, '0')}.pdf`), context.creator));
    const summary = await renderer.renderBatch(jobs, { ...(context.onProgress ? { onProgress: context.onProgress } : {}), ...(context.signal ? { signal: context.signal } : {}) });
    const failure = summary.failed[0];
    if (failure !== undefined) {
      throw new RenderError(t(`Faktura ${failure.job.id ?? ''}: ${failure.error.text.sv}`, `Invoice ${failure.job.id ?? ''}: ${failure.error.text.en}`), failure.error.code);
    }
    return await Promise.all(jobs.map(async (job) => new Uint8Array(await readFile(job.outFile))));
  } finally {
    if (context.renderer === undefined) await renderer.close();
    await rm(dir, { recursive: true, force: true });
  }
}
