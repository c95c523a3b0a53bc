/**
 * The writers `andel invoice` makes its files with (see
 * {@link InvoiceWriters}): the Peppol BIS Billing 3.0 UBL XML of each
 * invoice and the invoice PDFs. They live in reports/invoicing/ and are
 * loaded here only when a batch is written, so that the command pays for
 * the PDF engine only then.
 *
 * In this build no such writer is available: {@link invoiceWriters} gives
 * none, and a batch holds the summary (fakturor.csv, fakturor.xlsx) with
 * every invoice's number, party, amount, OCR reference and dates.
 */
import type { InvoiceWriters, PreparedInvoices } from './invoice.js';

/** What a writer may need besides the invoices: the batch as prepared (the allocation, the sender file). */
export interface InvoiceWriterContext {
  readonly prepared: PreparedInvoices;
}

/** The writers available to this build (none: the batch is the summary). */
export async function invoiceWriters(context: InvoiceWriterContext): Promise<InvoiceWriters> {
  void context;
  return {};
}
