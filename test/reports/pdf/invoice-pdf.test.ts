// The invoice PDF printed by Chromium through renderInvoicePdfs and read back
// the way a finance department's tools read it: pdftotext finds the amount
// (Göteborg's in the evaluation), the OCR reference as one run of digits,
// the due date, the buyer's reference and the invoice number; an example
// invoice says so and another does not; the PDF is tagged PDF/UA with the
// letters' checks (XMP, bookmarks = headings, artifacts, table headers); and
// the same invoice prints to the same bytes. Skipped only without a browser
// or poppler, with the reason in the name; under CI that is a failure.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toolVersion } from '../../../pipeline/index.js';
import type { Invoice } from '../../../models/invoicing/invoice.js';
import { formatKronor } from '../../../reports/format.js';
import { renderInvoicePdfs } from '../../../reports/invoicing/pdf.js';
import { createRenderer, type Renderer } from '../../../reports/render/renderer.js';
import { invoiceDocument, type InvoiceDocument } from '../../../reports/views/invoice.js';
import { goteborgInvoice, vgrContext } from '../../helpers/invoice-fixture.js';
import { pdfinfo, pdftotext, plainSpaces, whyNoPdfTests } from '../render/pdf-tools.js';
import { elementsOf, readTaggedPdf, tableCells, type TaggedPdf } from './pdf-structure.js';

const reason = await whyNoPdfTests();
if (reason !== undefined && process.env['CI'] === 'true') throw new Error(`The invoice PDF tests must run under CI, but ${reason}`);
const suite = reason === undefined ? describe : describe.skip;
const suiteName = reason === undefined ? 'invoice PDFs printed and read back' : `invoice PDFs printed and read back — SKIPPED: ${reason}`;

suite(suiteName, () => {
  let dir: string;
  let renderer: Renderer;
  let amount: number;
  let invoices: Invoice[];
  let docs: InvoiceDocument[];
  let pdfs: Uint8Array[];
  const files: string[] = [];
  const text: string[] = [];
  const tagged: TaggedPdf[] = [];

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'andel-invoice-pdf-test-'));
    const { ctx, result, model } = await vgrContext();
    amount = result.parties.find((p) => p.party.code === '1480')!.amount;
    // An example invoice, a real one with another number, and the example again: it must print to the same bytes.
    invoices = [goteborgInvoice(result, { example: true }), goteborgInvoice(result, { example: false, number: '2022-0016' }), goteborgInvoice(result, { example: true })];
    docs = invoices.map((i) => invoiceDocument(ctx, i));
    renderer = createRenderer({ concurrency: 2 });
    pdfs = await renderInvoicePdfs(invoices, { model, result, report: ctx, creator: `andel ${toolVersion()}`, renderer });
    for (const [i, pdf] of pdfs.entries()) {
      const file = join(dir, `faktura-${i}.pdf`);
      await writeFile(file, pdf);
      files.push(file);
      text.push(plainSpaces(await pdftotext(file)));
      tagged.push(await readTaggedPdf(file));
    }
  });

  afterAll(async () => {
    await renderer?.close();
    if (dir !== undefined) await rm(dir, { recursive: true, force: true });
  });

  it('returns one PDF per invoice, in order', () => {
    expect(pdfs).toHaveLength(3);
    for (const pdf of pdfs) expect(new TextDecoder('latin1').decode(pdf.subarray(0, 5))).toBe('%PDF-');
    expect(text[1]).toContain('2022-0016');
    expect(text[0]).not.toContain('2022-0016');
  });

  it('shows the evaluation\'s amount, the OCR as one run of digits, the due date, the buyer\'s reference and the invoice number', () => {
    const t = text[0] ?? '';
    const kronor = plainSpaces(formatKronor(amount));
    expect(t).toMatch(new RegExp(`Att betala\\s+${kronor}`));
    expect(t).toMatch(new RegExp(`Summa exklusive moms\\s+${kronor}`));
    expect(t).toMatch(new RegExp(`OCR-nummer\\s+${invoices[0]!.payment.ocr}\\b`));
    expect(t.replace(/\s+/g, ' ')).toContain(`Ange OCR-numret ${invoices[0]!.payment.ocr} som referens`);
    expect(t).toMatch(/Förfallodag\s+31 december 2022/);
    expect(t).toMatch(/Er referens\s+GBG-4711/);
    expect(t).toMatch(/Fakturanummer\s+2022-0015/);
    expect(t).toContain('5050-1055');
    expect(t).toContain('Organisationsnummer 232100-0131');
    expect(t).toContain('Ingen moms (0 kr)');
    // How the amount was computed, from the evaluation.
    expect(t).toContain(`587 549 invånare × 10 kr = ${kronor}.`);
  });

  it('says EXEMPELUPPGIFTER on an example invoice, and nothing of the kind on a real one', () => {
    expect(text[0]).toContain('OBSERVERA');
    expect(text[0]).toContain('EXEMPELUPPGIFTER');
    expect(text[1]).not.toContain('EXEMPEL');
    expect(text[1]).not.toContain('OBSERVERA');
  });

  it('labels the PDF: title, author, subject with the number, the invoice date, language, tagged', async () => {
    const info = await pdfinfo(files[0]!);
    expect(info['Title']).toBe('Faktura 2022-0015 – Göteborgs kommun');
    expect(info['Author']).toBe('Västra Götalandsregionen');
    expect(info['Subject']).toContain('Faktura 2022-0015 till Göteborgs kommun (1480)');
    expect(info['Keywords']).toContain(`OCR ${invoices[0]!.payment.ocr}`);
    expect(info['CreationDate']).toBe('2022-12-01T00:00:00Z');
    expect(info['Tagged']).toBe('yes');
    expect(info['Page size']).toContain('A4');
  });

  it('is PDF/UA as the letters are: XMP, language, bookmarks that are the headings, artifacts, table headers', () => {
    for (const [i, pdf] of tagged.entries()) {
      expect(pdf.xmp ?? '').toContain('<pdfuaid:part>1</pdfuaid:part>');
      expect(pdf.lang).toBe('sv-SE');
      expect(pdf.marked).toBe(true);
      expect(pdf.displayDocTitle).toBe(true);
      expect(pdf.info['Title']).toBe(docs[i]!.metadata.title);
      const blocks = docs[i]!.viewModel.blocks.flatMap((b) => (b.type === 'heading' ? [b.text] : b.type === 'section' && b.heading !== undefined ? [b.heading] : []));
      expect(pdf.outline.map((o) => o.title)).toEqual([`Faktura ${invoices[i]!.number}`, 'Betalning', ...blocks]);
      expect(pdf.outline.filter((o) => o.depth === 0)).toHaveLength(1);
      expect(elementsOf(pdf.structure, 'H1')).toHaveLength(1);
      pdf.pages.forEach((page, p) => {
        expect({ page: p + 1, untagged: page.untagged }).toEqual({ page: p + 1, untagged: 0 });
        expect(page.artifact).toBeGreaterThan(3);
        expect(page.tagged).toBeGreaterThan(0);
      });
      const tables = tableCells(pdf.structure);
      // The letterhead's facts, the key figures are a list, the lines, the payment's amount and details, the basis, the later dates, the sources.
      expect(tables.length).toBeGreaterThanOrEqual(5);
      for (const table of tables) {
        expect(table.th).toBeGreaterThan(0);
        expect(table.td).toBeGreaterThan(0);
      }
    }
  });

  it('prints the same invoice to the same bytes', () => {
    expect(Buffer.from(pdfs[2]!).equals(Buffer.from(pdfs[0]!))).toBe(true);
    expect(Buffer.from(pdfs[1]!).equals(Buffer.from(pdfs[0]!))).toBe(false);
  });

  it('refuses an invoice whose amount is not its party\'s before printing anything', async () => {
    const { ctx, result, model } = await vgrContext();
    const wrong = goteborgInvoice(result);
    const bad: Invoice = { ...wrong, lines: [{ ...wrong.lines[0]!, amount: wrong.netTotal + 100 }], netTotal: wrong.netTotal + 100, payable: wrong.payable + 100 };
    const before = renderer.stats().documentsPrinted;
    await expect(renderInvoicePdfs([bad], { model, result, report: ctx, creator: 'andel test', renderer })).rejects.toThrow(/nettobeloppet .* är inte partens belopp/);
    expect(renderer.stats().documentsPrinted).toBe(before);
  });
});
