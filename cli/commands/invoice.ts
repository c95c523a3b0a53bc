/**
 * `andel invoice <scheme> --sender FILE --recipients FILE --out DIR`: one
 * invoice per paying party (the sender's own party excepted), with the batch
 * summary. The work is pipeline/invoice.ts; this shell parses the options
 * and says what was written.
 */
import { InputError, t } from '../../models/errors.js';
import { formatKronor } from '../../reports/format.js';
import { eventPrinter } from '../events.js';
import { type SchemeCliOptions, schemeOptions } from '../options.js';
import { type CliContext, printWarnings } from '../run.js';

/** Options of `andel invoice`. */
export interface InvoiceCliOptions extends SchemeCliOptions {
  party?: string;
  sender?: string;
  recipients?: string;
  out?: string;
  date?: string;
  force?: boolean;
}

/** `all`, or codes with commas between. */
function partyList(value: string | undefined): readonly string[] | 'all' {
  if (value === undefined || value.trim() === 'all') return 'all';
  const codes = value.split(',').map((c) => c.trim()).filter((c) => c !== '');
  if (codes.length === 0) throw InputError.of(t('ange en eller flera koder, eller all', 'give one or more codes, or all'), { file: '--party' }, 'E_OPTION');
  return codes;
}

/** Builds and writes the batch. */
export async function invoice(ctx: CliContext, scheme: string, opts: InvoiceCliOptions): Promise<void> {
  const missing = (['sender', 'recipients', 'out'] as const).filter((k) => opts[k] === undefined);
  if (missing.length > 0) {
    throw new InputError(
      missing.map((k) => ({
        file: `--${k}`,
        message: t(`--${k} krävs`, `--${k} is required`),
        hint: t('T.ex. andel invoice vgr-2022 --sender data/invoicing/avsandare-exempel.yaml --recipients data/invoicing/mottagare-exempel.csv --out fakturor/', 'E.g. andel invoice vgr-2022 --sender data/invoicing/avsandare-exempel.yaml --recipients data/invoicing/mottagare-exempel.csv --out fakturor/'),
      })),
      { code: 'E_OPTION' },
    );
  }
  const { prepareInvoices, writeInvoiceBatch } = await import('../../pipeline/invoice.js');
  const { invoiceWriters } = await import('../../pipeline/invoice-writers.js');
  const prepared = await prepareInvoices({
    scheme,
    inputs: schemeOptions(opts),
    sender: opts.sender!,
    recipients: opts.recipients!,
    parties: partyList(opts.party),
    ...(opts.date !== undefined ? { date: opts.date } : {}),
    onEvent: eventPrinter(ctx),
  });
  printWarnings(ctx, prepared.recipients.warnings);
  const writers = await invoiceWriters({ prepared });
  const written = await writeInvoiceBatch({
    dir: opts.out!,
    invoices: prepared.invoices,
    writers,
    summary: { total: prepared.result.total, senderShare: prepared.senderShare, senderName: prepared.sender.seller.name },
    ...(opts.force ? { force: true } : {}),
  });
  const sv = ctx.lang === 'sv';
  const n = prepared.invoices.length;
  const sum = prepared.invoices.reduce((s, i) => s + i.payable, 0);
  const first = prepared.invoices[0]!;
  const last = prepared.invoices[n - 1]!;
  ctx.err(
    sv
      ? `skrev ${n} ${n === 1 ? 'faktura' : 'fakturor'} (${first.number}${n > 1 ? `–${last.number}` : ''}) till ${written.dir}: summa ${formatKronor(sum, { decimals: 2 })}, förfallodag ${first.dueDate}`
      : `wrote ${n} invoice${n === 1 ? '' : 's'} (${first.number}${n > 1 ? `–${last.number}` : ''}) to ${written.dir}: total ${formatKronor(sum, { decimals: 2 })}, due ${first.dueDate}`,
  );
  if (prepared.senderShare !== 0) {
    ctx.err(sv ? `${prepared.sender.seller.name} bär själv ${formatKronor(prepared.senderShare, { decimals: 2 })} och faktureras inte.` : `${prepared.sender.seller.name} carries ${formatKronor(prepared.senderShare, { decimals: 2 })} itself and is not invoiced.`);
  }
  if (first.example) ctx.err(sv ? 'OBS: fakturorna bygger på exempeldata och ska inte skickas.' : 'NOTE: the invoices use example data and must not be sent.');
}
