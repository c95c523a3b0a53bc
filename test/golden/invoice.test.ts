// The golden invoice: Göteborg's invoice of vgr-2022 (a hand-built Invoice
// whose amount is Göteborg's in the evaluation), its view model as JSON and
// its HTML as templates/invoice.hbs fills it in, compared byte for byte.
//
//   npx vitest run test/golden                          compare
//   ANDEL_UPDATE_GOLDEN=1 npx vitest run test/golden    rewrite, then review `git diff test/golden`
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatKronor } from '../../reports/format.js';
import { INVOICE_TEMPLATE, invoiceDocument } from '../../reports/views/invoice.js';
import { goteborgInvoice, vgrContext } from '../helpers/invoice-fixture.js';
import { GOLDEN_DIR, UPDATE, documentHtml, documentJson, expectGolden } from './golden-files.js';

const { ctx, result } = await vgrContext();
const invoice = goteborgInvoice(result, { example: true });
const doc = invoiceDocument(ctx, invoice);

describe('golden invoice', () => {
  it('vgr-2022-1480-goteborg: the view model and the HTML', () => {
    expectGolden('invoice/vgr-2022-1480-goteborg.json', documentJson(doc));
    expectGolden('invoice/vgr-2022-1480-goteborg.html', documentHtml(doc, INVOICE_TEMPLATE));
  });

  it('states the evaluation\'s amount for Göteborg, the OCR, the due date and both references', () => {
    const amount = result.parties.find((p) => p.party.code === '1480')!.amount;
    const html = documentHtml(doc, INVOICE_TEMPLATE);
    expect(html).toContain(formatKronor(amount));
    expect(html).toContain(`<td class="invoice-payment__ocr">${invoice.payment.ocr}</td>`);
    expect(html).toContain('5050-1055');
    expect(html).toContain('31 december 2022');
    expect(html).toContain('GBG-4711');
    expect(html).toContain('Eva Exempelsson');
    expect(html).toContain('EXEMPELUPPGIFTER');
  });

  it('has its two files and nothing else in test/golden/invoice/', () => {
    expect(readdirSync(join(GOLDEN_DIR, 'invoice')).sort(), UPDATE ? 'remove the golden files no case writes' : 'a golden file without a case').toEqual(['vgr-2022-1480-goteborg.html', 'vgr-2022-1480-goteborg.json']);
  });
});
