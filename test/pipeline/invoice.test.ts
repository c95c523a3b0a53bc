// The batch writer: the files of a batch, the summary, refusing a folder with
// an earlier batch, --force, nothing half-written, the same bytes every time.
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { dataPath } from '../../data/project-root.js';
import { InputError } from '../../models/errors.js';
import type { Invoice } from '../../models/invoicing/invoice.js';
import { sumOre } from '../../models/money.js';
import { type InvoiceWriters, type PreparedInvoices, SUMMARY_FILES, invoiceFileNames, invoiceSummaryTable, prepareInvoices, writeInvoiceBatch } from '../../pipeline/invoice.js';

const tmp = () => mkdtempSync(join(tmpdir(), 'andel-invoice-'));
const SENDER = dataPath('invoicing', 'avsandare-exempel.yaml');
const RECIPIENTS = dataPath('invoicing', 'mottagare-exempel.csv');

/** Simple writers standing in for the UBL and the PDF: the figures each file must carry. */
const writers: Required<InvoiceWriters> = {
  xml: (inv: Invoice) => `<Invoice><ID>${inv.number}</ID><PayableAmount>${inv.payable}</PayableAmount><PaymentID>${inv.payment.ocr}</PaymentID></Invoice>\n`,
  pdf: async (invoices: readonly Invoice[]) => invoices.map((inv) => new TextEncoder().encode(`%PDF-1.7 ${inv.number} ${inv.payable}\n`)),
};

describe('writeInvoiceBatch', () => {
  let prepared: PreparedInvoices;
  beforeAll(async () => {
    prepared = await prepareInvoices({ scheme: 'vgr-2022', sender: SENDER, recipients: RECIPIENTS });
  });
  const write = (dir: string, extra: { force?: boolean; writers?: InvoiceWriters } = {}) =>
    writeInvoiceBatch({ dir, invoices: prepared.invoices, writers: extra.writers ?? writers, summary: { total: prepared.result.total, senderShare: prepared.senderShare, senderName: 'Västra Götalandsregionen' }, ...(extra.force ? { force: true } : {}) });

  it('prepares the 49 invoices and the region’s own part from the files', () => {
    expect(prepared.invoices).toHaveLength(49);
    expect(prepared.senderShare).toBe(prepared.result.parties.find((p) => p.party.code === '14')!.amount);
    expect(sumOre(prepared.invoices.map((i) => i.payable)) + prepared.senderShare).toBe(prepared.result.total);
  });

  it('writes a PDF and an XML per invoice and the summary last', async () => {
    const dir = tmp();
    const written = await write(dir);
    expect(written.files).toHaveLength(49 * 2 + 2);
    expect(written.files.slice(0, 2)).toEqual(['EX2022-1001-1401.pdf', 'EX2022-1001-1401.xml']);
    expect(written.files.slice(-2)).toEqual([SUMMARY_FILES.csv, SUMMARY_FILES.xlsx]);
    expect(readdirSync(dir).sort()).toEqual([...written.files].sort());
    const inv = prepared.invoices.find((i) => i.buyer.code === '1480')!;
    expect(readFileSync(join(dir, invoiceFileNames(inv).xml), 'utf8')).toContain(`<PaymentID>${inv.payment.ocr}</PaymentID>`);
  });

  it('lists every invoice in the summary with its files, and a sum row that reconciles', async () => {
    const dir = tmp();
    await write(dir);
    const csv = readFileSync(join(dir, SUMMARY_FILES.csv), 'utf8');
    const lines = csv.replace(/^\ufeff/, '').trimEnd().split('\r\n');
    expect(lines[0]).toBe('fakturanummer;kod;part;belopp_kr;ocr;fakturadatum;forfallodag;pdf;xml');
    expect(lines).toHaveLength(1 + 49 + 1);
    const gbg = prepared.invoices.find((i) => i.buyer.code === '1480')!;
    expect(lines).toContain(`${gbg.number};1480;Göteborgs kommun;${(gbg.payable / 100).toFixed(2).replace('.', ',')};${gbg.payment.ocr};2022-09-01;2022-12-31;${gbg.number}-1480.pdf;${gbg.number}-1480.xml`);
    const sum = sumOre(prepared.invoices.map((i) => i.payable));
    expect(lines[50]).toBe(`Summa;;49 fakturor;${(sum / 100).toFixed(2).replace('.', ',')};;;;;`);
    const XLSX = await import('xlsx');
    const wb = XLSX.read(readFileSync(join(dir, SUMMARY_FILES.xlsx)));
    const rows = XLSX.utils.sheet_to_json<unknown[]>(wb.Sheets['Fakturor']!, { header: 1 });
    // The caveat of example data stands above the table.
    expect(String(rows[0]![0])).toContain('exempeldata');
    const codes = rows.filter((r) => typeof r[0] === 'string' && r[0].startsWith('EX2022-')).map((r) => r[1]);
    expect(codes[0]).toBe('1401');
    expect(codes).toHaveLength(49);
  });

  it('refuses a second run into the same folder, and changes nothing there', async () => {
    const dir = tmp();
    await write(dir);
    const before = readdirSync(dir).map((f) => [f, readFileSync(join(dir, f))] as const);
    await expect(write(dir)).rejects.toThrow(/innehåller redan fakturor från en tidigare körning/);
    for (const [f, bytes] of before) expect(readFileSync(join(dir, f)).equals(bytes)).toBe(true);
    expect(readdirSync(dir)).toHaveLength(before.length);
  });

  it('refuses a folder with an XML invoice or a summary, but not one with other files', async () => {
    const withXml = tmp();
    writeFileSync(join(withXml, 'faktura-2021.xml'), '<Invoice/>');
    await expect(write(withXml)).rejects.toBeInstanceOf(InputError);
    const withSummary = tmp();
    writeFileSync(join(withSummary, SUMMARY_FILES.csv), 'x');
    await expect(write(withSummary)).rejects.toThrow(/fakturor\.csv/);
    const other = tmp();
    writeFileSync(join(other, 'anteckningar.txt'), 'x');
    await expect(write(other)).resolves.toMatchObject({ dir: other });
  });

  it('writes over an earlier batch with force, to the same bytes', async () => {
    const dir = tmp();
    await write(dir);
    const first = readdirSync(dir).map((f) => [f, readFileSync(join(dir, f))] as const);
    await write(dir, { force: true });
    for (const [f, bytes] of first) expect(readFileSync(join(dir, f)).equals(bytes), f).toBe(true);
  });

  it('gives the same bytes for the same inputs in two folders', async () => {
    const a = tmp();
    const b = tmp();
    await write(a);
    const again = await prepareInvoices({ scheme: 'vgr-2022', sender: SENDER, recipients: RECIPIENTS });
    await writeInvoiceBatch({ dir: b, invoices: again.invoices, writers, summary: { total: again.result.total, senderShare: again.senderShare, senderName: 'Västra Götalandsregionen' } });
    for (const f of readdirSync(a)) expect(readFileSync(join(b, f)).equals(readFileSync(join(a, f))), f).toBe(true);
  });

  it('writes nothing when a writer fails, and leaves no temporary file', async () => {
    const dir = join(tmp(), 'ut');
    const failing: InvoiceWriters = { ...writers, pdf: async () => Promise.reject(new Error('no browser')) };
    await expect(write(dir, { writers: failing })).rejects.toThrow('no browser');
    expect(existsSync(dir)).toBe(false);
    const wrongCount: InvoiceWriters = { ...writers, pdf: async () => [] };
    await expect(write(dir, { writers: wrongCount })).rejects.toThrow(/0 files for 49 invoices/);
    expect(existsSync(dir)).toBe(false);
  });

  it('without writers writes the summary only, its file columns empty', async () => {
    const dir = tmp();
    const none = {};
    const written = await write(dir, { writers: none });
    expect(written.files).toEqual([SUMMARY_FILES.csv, SUMMARY_FILES.xlsx]);
    expect(readFileSync(join(dir, SUMMARY_FILES.csv), 'utf8').split('\r\n')[1]).toMatch(/;2022-12-31;;$/);
  });

  it('refuses an empty batch', async () => {
    await expect(writeInvoiceBatch({ dir: tmp(), invoices: [], writers, summary: { total: 0, senderShare: 0, senderName: 'X' } })).rejects.toThrow(/inga fakturor/);
  });

  it('says in the summary notes how the batch reconciles with the allocation', () => {
    const table = invoiceSummaryTable(prepared.invoices, { total: prepared.result.total, senderShare: prepared.senderShare, senderName: 'Västra Götalandsregionen', files: { pdf: true, xml: true } });
    expect(table.notes).toEqual([expect.stringMatching(/^Fördelningens summa: 34\s897\s180,00\skr\.$/u), expect.stringMatching(/^Västra Götalandsregionen bär själv .*\skr och fakturerar inte sig själv\.$/), expect.stringMatching(/^Fakturornas summa: 17\s448\s590,00\skr\.$/u)]);
  });
});

describe('prepareInvoices', () => {
  it('reports the problems of the sender file and the register together', async () => {
    const dir = tmp();
    const sender = join(dir, 's.yaml');
    writeFileSync(sender, readFileSync(SENDER, 'utf8').replace('bankgiro: 5050-1055', 'bankgiro: 5050-1056'));
    const recipients = join(dir, 'm.csv');
    writeFileSync(recipients, readFileSync(RECIPIENTS, 'utf8').replace(';EX1480', ';'));
    try {
      await prepareInvoices({ scheme: 'vgr-2022', sender, recipients });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(InputError);
      const files = (error as InputError).problems.map((p) => p.file);
      expect(files).toEqual([sender, recipients]);
    }
  });

  it('refuses a --date that is no date', async () => {
    await expect(prepareInvoices({ scheme: 'vgr-2022', sender: SENDER, recipients: RECIPIENTS, date: '2022-13-01' })).rejects.toThrow(/inte ett datum/);
  });
});
