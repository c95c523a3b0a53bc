// The invoice's view model: giro and organisation numbers as printed, the
// VAT statement for each category, the explanation from the evaluation (per
// year for sthlm-2020, whose lines are per year), the example caveat only for
// example data, and the refusal of an invoice whose figures are not its
// party's or do not hold together.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Dec } from '../../../models/money.js';
import type { Invoice } from '../../../models/invoicing/invoice.js';
import { formatKronor } from '../../../reports/format.js';
import { formatBankgiro, formatOrgNumber, formatPlusgiro, invoiceDocument } from '../../../reports/views/invoice.js';
import { goteborgInvoice } from '../../helpers/invoice-fixture.js';
import { STHLM_MAX_LICENCE, contextOf, resultOf, strings } from './helpers.js';

const vgr = await resultOf('vgr-2022');
const vgrCtx = contextOf(vgr.loaded, vgr.result);
const sthlm = await resultOf('sthlm-2020', { 'licence.total': STHLM_MAX_LICENCE });
const sthlmCtx = contextOf(sthlm.loaded, sthlm.result);

/** Huddinge's invoice of sthlm-2020: one line per component and year, 25 % VAT, paid to a plusgiro. */
function huddingeInvoice(): Invoice {
  const party = sthlm.result.parties.find((p) => p.party.code === '0126')!;
  const lines = party.schedule.flatMap((y) =>
    Object.entries(y.amounts).map(([component, amount], i) => ({ id: `${y.year}-${i}`, description: `${component} ${y.year}`, component, year: y.year, amount })),
  );
  const net = lines.reduce((s, l) => s + l.amount, 0);
  const vat = Math.round(net / 4);
  return {
    ...goteborgInvoice(vgr.result),
    number: 'F-77',
    buyer: { code: '0126', name: 'Huddinge kommun', orgNumber: '2120000142', address: { lines: [], country: 'SE' } },
    seller: { name: 'Region Stockholm', orgNumber: '2321000016', address: { lines: ['Box 22550'], postcode: '104 22', city: 'Stockholm', country: 'SE' } },
    sellerReference: 'RS 2020-0973',
    lines,
    netTotal: net,
    vat: { category: 'S', rate: new Dec(25), amount: vat },
    payable: net + vat,
    payment: { meansCode: '30', plusgiro: '4770078', ocr: '7705' },
    scheme: { id: 'sthlm-2020', title: sthlm.result.scheme.title },
    example: false,
  };
}

describe('numbers as printed', () => {
  it('bankgiro, plusgiro and organisation numbers', () => {
    expect(formatBankgiro('50501055')).toBe('5050-1055');
    expect(formatBankgiro('5051055')).toBe('505-1055');
    expect(formatPlusgiro('4770078')).toBe('47 70 07-8');
    expect(formatPlusgiro('9020019')).toBe('90 20 01-9');
    expect(formatPlusgiro('12')).toBe('1-2');
    expect(formatOrgNumber('2120001355')).toBe('212000-1355');
  });

  it('only ever adds separators: the digits read back are the digits given', () => {
    const digits = (min: number, max: number) => fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: min, maxLength: max });
    fc.assert(
      fc.property(digits(7, 8), digits(2, 8), digits(10, 10), (bg, pg, org) => {
        expect(formatBankgiro(bg).replace(/-/g, '')).toBe(bg);
        expect(formatPlusgiro(pg).replace(/[ -]/g, '')).toBe(pg);
        expect(formatOrgNumber(org).replace('-', '')).toBe(org);
        expect(formatPlusgiro(pg)).toMatch(/^\d{1,2}( \d\d)*-\d$/);
      }),
      { seed: 1616, numRuns: 300 },
    );
  });
});

describe('invoiceDocument', () => {
  it('vgr-2022 Göteborg: the evaluation\'s amount, the OCR as digits, the references, VAT outside the scope, the explanation', () => {
    const invoice = goteborgInvoice(vgr.result);
    const doc = invoiceDocument(vgrCtx, invoice);
    const sheet = doc.viewModel.invoice;
    const amount = formatKronor(vgr.result.parties.find((p) => p.party.code === '1480')!.amount);
    expect(sheet.payment.amount.value).toBe(amount);
    expect(sheet.payment.ocr.value).toBe(invoice.payment.ocr);
    expect(sheet.payment.ocr.value).toMatch(/^\d+$/);
    expect(sheet.payment.account).toEqual({ label: 'Bankgiro', value: '5050-1055' });
    expect(sheet.letterhead.facts).toContainEqual({ label: 'Er referens', value: 'GBG-4711' });
    expect(sheet.letterhead.facts).toContainEqual({ label: 'Vår referens', value: 'Eva Exempelsson' });
    expect(sheet.letterhead.sender.lines).toContain('Momsregistreringsnummer SE232100013101');
    expect(sheet.vat).toMatch(/^Ingen moms \(0 kr\): Kostnadsfördelning/);
    expect(sheet.lines.totals?.map((r) => r.cells[0])).toEqual(['Summa exklusive moms', 'Moms', 'Att betala']);
    expect(sheet.notices).toEqual([]);
    expect(strings(doc.viewModel.blocks)).toContain(`587\u00a0549 invånare × 10\u00a0kr = ${amount}.`);
    expect(doc.fileName).toBe('2022-0015-1480-goteborg.pdf');
    expect(doc.footer.date).toBe('1 december 2022');
  });

  it('an example invoice says so in the Observera notice', () => {
    const doc = invoiceDocument(vgrCtx, goteborgInvoice(vgr.result, { example: true }));
    expect(doc.viewModel.invoice.notices.map((n) => n.title)).toEqual(['Observera']);
    expect(strings(doc.viewModel.invoice.notices).join(' ')).toContain('EXEMPELUPPGIFTER');
  });

  it('sthlm-2020 Huddinge: lines per year with öre, 25 % VAT, plusgiro, "Inte momsregistrerad", the diarienummer as Vår referens', () => {
    const invoice = huddingeInvoice();
    const doc = invoiceDocument(sthlmCtx, invoice);
    const sheet = doc.viewModel.invoice;
    expect(sheet.lines.rows).toHaveLength(invoice.lines.length);
    expect(sheet.lines.rows[0]!.cells[1]).toMatch(/,\d\d\u00a0kr$/);
    expect(sheet.vat).toBe(`Moms 25\u00a0% på ${formatKronor(invoice.netTotal, { decimals: 2 })}: ${formatKronor(invoice.vat.amount, { decimals: 2 })}.`);
    expect(sheet.lines.totals?.[1]?.cells[0]).toBe('Moms 25\u00a0%');
    expect(sheet.payment.account).toEqual({ label: 'Plusgiro', value: '47 70 07-8' });
    expect(sheet.letterhead.sender.lines).toContain('Inte momsregistrerad');
    expect(sheet.letterhead.facts).toContainEqual({ label: 'Vår referens', value: 'RS 2020-0973' });
    expect(sheet.letterhead.facts.map((f) => f.label)).not.toContain('Diarienummer');
    // The lines are per year already: no second table of the amounts per year.
    expect(doc.viewModel.blocks.filter((b) => b.type === 'table')).toEqual([]);
    expect(doc.viewModel.blocks.some((b) => b.type === 'heading' && b.text.startsWith('Licens'))).toBe(true);
  });

  it('refuses an invoice whose figures are not its party\'s or do not add up', () => {
    const good = goteborgInvoice(vgr.result);
    const line = good.lines[0]!;
    const cases: Array<[Invoice, RegExp]> = [
      [{ ...good, netTotal: good.netTotal + 1, payable: good.payable + 1, lines: [{ ...line, amount: line.amount + 1 }] }, /nettobeloppet .* är inte partens belopp/],
      [{ ...good, lines: [{ ...line, amount: line.amount - 1 }] }, /raderna summerar/],
      [{ ...good, payable: good.payable + 100 }, /är inte beloppet att betala/],
      [{ ...good, buyer: { ...good.buyer, code: '9999' } }, /parten 9999 finns inte/],
      [{ ...good, scheme: { id: 'sthlm-2020', title: 'x' } }, /gäller sthlm-2020, inte vgr-2022/],
      [{ ...good, payment: { meansCode: '30', ocr: good.payment.ocr } }, /varken bankgiro eller plusgiro/],
    ];
    for (const [invoice, message] of cases) expect(() => invoiceDocument(vgrCtx, invoice)).toThrow(message);
  });
});
