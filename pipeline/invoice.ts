/**
 * `andel invoice`: the invoices of a scheme, one per paying party, as PDF
 * and Peppol BIS Billing 3.0 UBL XML, with a batch summary (CSV and XLSX)
 * that the finance department reconciles against. Library code: the CLI,
 * a notebook and the tests call it alike.
 *
 * Stages: {@link prepareInvoices} (load the scheme, the sender file and the
 * recipient register, every problem of both files at once; resolve the
 * dates; build the invoices), then {@link writeInvoiceBatch} (refuse a
 * folder that holds an earlier batch unless forced; make every file in
 * memory; write them, each atomically, the summary last). The XML and the
 * PDF are made by writers passed in, so that this stage knows nothing of
 * their formats.
 */
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { type RecipientRegister, loadRecipients } from '../data/letters/recipients.js';
import { type InvoiceSender, loadInvoiceSender } from '../data/invoicing/sender.js';
import { isCalendarDate } from '../data/yaml-source.js';
import type { SchemeResult } from '../models/evaluate.js';
import { InputError, type Problem, t } from '../models/errors.js';
import { buildInvoices, byCode, invoiceDates } from '../models/invoicing/build.js';
import type { Invoice } from '../models/invoicing/invoice.js';
import { sumOre } from '../models/money.js';
import { writeCsv } from '../reports/formats/csv.js';
import type { Table } from '../reports/formats/table-model.js';
import { writeXlsx } from '../reports/formats/xlsx.js';
import { formatKronor } from '../reports/format.js';
import { checkOutputFolder, writeFileAtomic } from '../reports/render/atomic-write.js';
import { runAllocation } from './allocate.js';
import { type OnEvent, ignoreEvents } from './events.js';
import type { SchemeRequest, SchemeSubject } from './load.js';

/** What to invoice. */
export interface InvoiceRequest extends SchemeRequest {
  /** The sender file (YAML). */
  readonly sender: string;
  /** The recipient register (CSV or XLSX). */
  readonly recipients: string;
  /** Party codes, or every party. */
  readonly parties?: readonly string[] | 'all';
  /** Fakturadatum, `YYYY-MM-DD` (see invoiceDates for the default). */
  readonly date?: string;
  readonly onEvent?: OnEvent;
}

/** The invoices of a batch and what they were made from. */
export interface PreparedInvoices {
  readonly invoices: readonly Invoice[];
  /** The scheme as loaded (its definition and model): the invoice PDFs explain the amounts from it. */
  readonly subject: SchemeSubject;
  readonly result: SchemeResult;
  readonly sender: InvoiceSender;
  readonly recipients: RecipientRegister;
  /** What the sender's own party carries itself (not invoiced), öre; 0 when the sender is no party. */
  readonly senderShare: number;
  readonly warnings: readonly Problem[];
}

/**
 * Loads the scheme, the sender file and the recipient register, and builds
 * the invoices. Both files are read before either is judged, so that every
 * problem in them is reported at once.
 *
 * @throws InputError (exit 2) for bad files, options or dates.
 */
export async function prepareInvoices(request: InvoiceRequest): Promise<PreparedInvoices> {
  if (request.date !== undefined && !isCalendarDate(request.date)) {
    throw InputError.of(t(`"${request.date}" är inte ett datum ÅÅÅÅ-MM-DD`, `"${request.date}" is not a date YYYY-MM-DD`), { file: '--date' }, 'E_OPTION');
  }
  const problems: Problem[] = [];
  const attempt = <T>(fn: () => T): T | undefined => {
    try {
      return fn();
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      problems.push(...error.problems);
      return undefined;
    }
  };
  const sender = attempt(() => loadInvoiceSender(request.sender));
  const recipients = attempt(() => loadRecipients(request.recipients, request.recipients, { invoicing: true }));
  if (sender === undefined || recipients === undefined) throw new InputError(problems, { code: sender === undefined ? 'E_SENDER' : 'E_RECIPIENTS' });
  const { subject, result, warnings } = await runAllocation({ scheme: request.scheme, ...(request.inputs ? { inputs: request.inputs } : {}), onEvent: request.onEvent ?? ignoreEvents });
  const { issueDate, dueDate } = invoiceDates(result.scheme, sender, request.date);
  const invoices = buildInvoices({ result, issuer: sender, buyers: recipients, parties: request.parties ?? 'all', issueDate, dueDate });
  const self = sender.part ?? [...recipients.recipients.values()].find((r) => r.orgNumber === sender.seller.orgNumber)?.code;
  const senderShare = result.parties.find((p) => p.party.code === self)?.amount ?? 0;
  return { invoices, subject, result, sender, recipients, senderShare, warnings: [...warnings, ...recipients.warnings] };
}

/** The file names of one invoice in the batch folder: `<number>-<code>.pdf` and `.xml`. */
export function invoiceFileNames(invoice: Pick<Invoice, 'number' | 'buyer'>): { readonly pdf: string; readonly xml: string } {
  const base = `${invoice.number}-${invoice.buyer.code}`;
  return { pdf: `${base}.pdf`, xml: `${base}.xml` };
}

/** The batch summary's file names. */
export const SUMMARY_FILES = { csv: 'fakturor.csv', xlsx: 'fakturor.xlsx' } as const;

/** What the summary says about the batch besides its rows. */
export interface SummaryContext {
  /** The allocation's total (what every party pays, the sender's part included), öre. */
  readonly total: number;
  /** The sender's own part, not invoiced, öre. */
  readonly senderShare: number;
  readonly senderName: string;
  /** Which files the batch holds per invoice. */
  readonly files: { readonly pdf: boolean; readonly xml: boolean };
}

/**
 * The batch summary as one table: an invoice per row in number order, a
 * sum row, and the reconciliation against the allocation under it.
 */
export function invoiceSummaryTable(invoices: readonly Invoice[], context: SummaryContext): Table {
  const rows = invoices.map((inv) => {
    const names = invoiceFileNames(inv);
    return [inv.number, inv.buyer.code, inv.buyer.name, { ore: inv.payable, decimals: 2 as const }, inv.payment.ocr, inv.issueDate, inv.dueDate, context.files.pdf ? names.pdf : null, context.files.xml ? names.xml : null];
  });
  const sum = sumOre(invoices.map((i) => i.payable));
  const example = invoices.some((i) => i.example);
  const scheme = invoices[0]?.scheme;
  return {
    title: scheme ? `Fakturor: ${scheme.title}` : 'Fakturor',
    sheet: 'Fakturor',
    columns: [
      { label: 'Fakturanummer', csv: 'fakturanummer', width: 16 },
      { label: 'Kod', csv: 'kod', code: true, width: 8 },
      { label: 'Part', csv: 'part', width: 28 },
      { label: 'Belopp', csv: 'belopp_kr', width: 16 },
      { label: 'OCR-referens', csv: 'ocr', code: true, width: 26 },
      { label: 'Fakturadatum', csv: 'fakturadatum', width: 12 },
      { label: 'Förfallodag', csv: 'forfallodag', width: 12 },
      { label: 'PDF', csv: 'pdf', width: 28 },
      { label: 'XML', csv: 'xml', width: 28 },
    ],
    rows,
    footer: [['Summa', null, `${invoices.length} fakturor`, { ore: sum, decimals: 2 }, null, null, null, null, null]],
    sumFooter: 0,
    ...(example ? { caveats: ['Fakturorna bygger på exempeldata (avsändare eller mottagarregister): de ska inte skickas.'] } : {}),
    notes: [
      `Fördelningens summa: ${formatKronor(context.total, { decimals: 2 })}.`,
      context.senderShare !== 0 ? `${context.senderName} bär själv ${formatKronor(context.senderShare, { decimals: 2 })} och fakturerar inte sig själv.` : `${context.senderName} är ingen part i fördelningen.`,
      `Fakturornas summa: ${formatKronor(sum, { decimals: 2 })}.`,
    ],
    notesSheet: 'Avstämning',
  };
}

/**
 * The makers of the files per invoice. Either may be absent: the batch
 * then holds the other files and the summary, and the summary leaves that
 * file's column empty.
 */
export interface InvoiceWriters {
  /** The Peppol BIS Billing 3.0 UBL XML of one invoice. */
  readonly xml?: (invoice: Invoice) => string;
  /** The PDFs of the invoices, in their order. */
  readonly pdf?: (invoices: readonly Invoice[]) => Promise<Uint8Array[]>;
}

/** What {@link writeInvoiceBatch} takes. */
export interface WriteBatchOptions {
  readonly dir: string;
  readonly invoices: readonly Invoice[];
  readonly writers: InvoiceWriters;
  readonly summary: Omit<SummaryContext, 'files'>;
  /** Write into a folder that holds an earlier batch (its files of the same names are replaced). */
  readonly force?: boolean;
}

/** What a batch wrote, by file name in order. */
export interface WrittenBatch {
  readonly dir: string;
  readonly files: readonly string[];
}

/**
 * The files of a folder that show an earlier batch: a summary, an XML
 * invoice, or a file of this batch's own names.
 */
export async function earlierBatchFiles(dir: string, own: ReadonlySet<string>): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (error) {
    if ((error as { code?: string }).code === 'ENOENT') return [];
    throw error;
  }
  const summaries = new Set<string>(Object.values(SUMMARY_FILES));
  return names.filter((n) => summaries.has(n) || n.toLowerCase().endsWith('.xml') || own.has(n)).sort(byCode);
}

/**
 * Writes a batch into `dir`: per invoice `<number>-<code>.pdf` and `.xml`
 * (as far as there are writers), then `fakturor.csv` and `fakturor.xlsx`.
 * Refuses a folder that holds an earlier batch unless `force`, so that no
 * invoice number is issued twice by mistake. Every file is made in memory
 * before the first is written, and each is written atomically; the same
 * inputs give the same bytes.
 *
 * @throws InputError `E_OUTPUT` for a folder with an earlier batch or one that cannot be written.
 */
export async function writeInvoiceBatch(options: WriteBatchOptions): Promise<WrittenBatch> {
  const { dir, invoices, writers } = options;
  if (invoices.length === 0) {
    throw InputError.of(t('det finns inga fakturor att skriva: ingen av de valda parterna har något att betala', 'there are no invoices to write: none of the chosen parties has anything to pay'), { file: '--party' }, 'E_OPTION');
  }
  checkOutputFolder(dir);
  const own = new Set(invoices.flatMap((inv) => Object.values(invoiceFileNames(inv))));
  if (!options.force) {
    const earlier = await earlierBatchFiles(dir, own);
    if (earlier.length > 0) {
      const shown = earlier.slice(0, 5).join(', ') + (earlier.length > 5 ? ` … (${earlier.length} filer)` : '');
      throw InputError.of(
        t(`mappen innehåller redan fakturor från en tidigare körning (${shown}); fakturanumren skrivs inte ut en gång till`, `the folder already holds invoices from an earlier run (${shown}); the invoice numbers are not issued again`),
        { file: dir, hint: t('Välj en ny mapp med --out, eller --force för att skriva över (bara om de tidigare fakturorna aldrig skickades).', 'Choose a new folder with --out, or --force to overwrite (only if the earlier invoices were never sent).') },
        'E_OUTPUT',
      );
    }
  }
  const files: { name: string; data: Uint8Array | string }[] = [];
  const pdfs = writers.pdf ? await writers.pdf(invoices) : undefined;
  if (pdfs !== undefined && pdfs.length !== invoices.length) throw new Error(`the PDF writer gave ${pdfs.length} files for ${invoices.length} invoices`);
  invoices.forEach((inv, i) => {
    const names = invoiceFileNames(inv);
    if (pdfs) files.push({ name: names.pdf, data: pdfs[i]! });
    if (writers.xml) files.push({ name: names.xml, data: writers.xml(inv) });
  });
  const table = invoiceSummaryTable(invoices, { ...options.summary, files: { pdf: pdfs !== undefined, xml: writers.xml !== undefined } });
  // The summary last: a folder with a summary holds a whole batch.
  files.push({ name: SUMMARY_FILES.csv, data: writeCsv(table, { codesAsText: false }) });
  files.push({ name: SUMMARY_FILES.xlsx, data: await writeXlsx(table) });
  for (const f of files) await writeFileAtomic(join(dir, f.name), f.data);
  return { dir, files: files.map((f) => f.name) };
}
