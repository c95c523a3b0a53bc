/**
 * The writers `andel invoice` makes its files with (see
 * {@link InvoiceWriters}): the Peppol BIS Billing 3.0 UBL XML of each
 * invoice (reports/invoicing/ubl.ts) and the invoice PDFs
 * (reports/invoicing/pdf.ts). They are loaded here only when a batch is
 * written, so that the command pays for the PDF engine only then.
 */
import { InvariantError, t } from '../models/errors.js';
import type { InvoiceWriters, PreparedInvoices } from './invoice.js';
import { reportContext, toolVersion } from './report-context.js';
import { reportDate } from './report-date.js';

/** What a writer needs besides the invoices: the batch as prepared (the scheme, its allocation, the sender file). */
export interface InvoiceWriterContext {
  readonly prepared: PreparedInvoices;
}

/**
 * The XML and PDF writers. Each XML is checked against the rules andel
 * checks (reports/invoicing/ubl-rules.ts) before anything is written: an
 * invoice that breaks one stops the batch, naming the rule.
 */
export async function invoiceWriters(context: InvoiceWriterContext): Promise<InvoiceWriters> {
  const { prepared } = context;
  const [{ invoiceUbl }, { checkUbl }, { renderInvoicePdfs }] = await Promise.all([
    import('../reports/invoicing/ubl.js'),
    import('../reports/invoicing/ubl-rules.js'),
    import('../reports/invoicing/pdf.js'),
  ]);
  const subject = prepared.subject;
  const report = reportContext(subject, prepared.result, { date: reportDate(undefined, subject) });
  return {
    xml: (invoice) => {
      const xml = invoiceUbl(invoice);
      const broken = checkUbl(xml);
      // The data was checked when read (organisation numbers, giro numbers, the buyer's reference): a rule broken
      // here is andel's mistake, and no file of the batch is written.
      if (broken.length > 0) {
        const list = broken.map((b) => `${b.rule}: ${b.message}${b.path ? ` (${b.path})` : ''}`).join('; ');
        throw new InvariantError(t(`faktura ${invoice.number}: e-fakturan bryter mot ${list}`, `invoice ${invoice.number}: the e-invoice breaks ${list}`));
      }
      return xml;
    },
    pdf: (invoices) => renderInvoicePdfs(invoices, { model: subject.model, result: prepared.result, report, creator: `andel ${toolVersion()}` }),
  };
}
