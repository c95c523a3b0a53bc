// The Peppol BIS Billing 3.0 UBL invoice: every rule holds on andel's own
// invoices (categories O, S and E, bankgiro and plusgiro, several lines),
// the amounts are exact to the öre for any lines, the output is the same
// bytes for the same invoice, and read back with xmlbuilder2 it states the
// Invoice's amount, OCR and due date.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { convert } from 'xmlbuilder2';
import type { Invoice } from '../../../models/invoicing/invoice.js';
import { InvariantError } from '../../../models/errors.js';
import { Dec } from '../../../models/money.js';
import { EXAMPLE_NOTE, invoiceUbl, ublAmount } from '../../../reports/invoicing/ubl.js';
import { checkUbl } from '../../../reports/invoicing/ubl-rules.js';
import { invoiceE, invoiceO, invoiceS, lines } from './invoice-fixtures.js';

type Obj = Record<string, unknown>;

/** The invoice read back as a plain object (xmlbuilder2's own reader, not the rule checker's). */
function readBack(xml: string): Obj {
  return (convert(xml, { format: 'object' }) as Obj)['Invoice'] as Obj;
}

function get(o: unknown, ...path: string[]): unknown {
  return path.reduce<unknown>((x, k) => (x as Obj | undefined)?.[k], o);
}

function asList(x: unknown): unknown[] {
  return Array.isArray(x) ? x : x === undefined ? [] : [x];
}

/** An invoice of `amounts` öre under category O or S 25 %, its totals computed the way the invoicing core must. */
function invoiceOf(amounts: readonly number[], category: 'O' | 'S'): Invoice {
  const base = category === 'O' ? invoiceO(amounts) : invoiceS(amounts);
  const net = lines(amounts).reduce((s, l) => s + l.amount, 0);
  // 25 % of whole öre, rounded half up to whole öre, in integers: net × 25 stays far below 2^53.
  const vat = category === 'O' ? 0 : Math.floor((net * 25 + 50) / 100);
  return { ...base, netTotal: net, vat: { ...base.vat, amount: vat }, payable: net + vat };
}

describe('invoiceUbl', () => {
  const cases: ReadonlyArray<readonly [string, Invoice]> = [
    ['category O, not VAT-registered, bankgiro', invoiceO()],
    ['category S 25 %, VAT-registered, plusgiro', invoiceS()],
    ['category S 25 %, bankgiro and plusgiro', invoiceS(undefined, true)],
    ['category E, exempt', invoiceE()],
    ['twelve lines, one of them a credit', invoiceO([1, 2, 3, 99, 100, 101, 1_000_00, -5_00, 0, 17_448_590_00, 33, 7])],
  ];

  it.each(cases)('%s: every checked rule holds', (_, inv) => {
    expect(checkUbl(invoiceUbl(inv))).toEqual([]);
  });

  it('starts with the XML declaration, UTF-8, and ends with one newline', () => {
    const xml = invoiceUbl(invoiceO());
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"')).toBe(true);
    expect(xml.endsWith('</Invoice>\n')).toBe(true);
    expect(xml).toContain('<cbc:Name>Västra Götalandsregionen</cbc:Name>');
  });

  it('is deterministic: the same invoice (or an equal copy) gives the same bytes', () => {
    const a = invoiceUbl(invoiceS(undefined, true));
    expect(invoiceUbl(invoiceS(undefined, true))).toBe(a);
    const copy = JSON.parse(JSON.stringify(invoiceS(undefined, true))) as Invoice;
    expect(invoiceUbl({ ...copy, vat: { ...copy.vat, rate: new Dec('25.0') } })).toBe(a);
    expect(invoiceUbl(JSON.parse(JSON.stringify(invoiceO())) as Invoice)).toBe(invoiceUbl(invoiceO()));
  });

  it('read back with xmlbuilder2: the amount, OCR and due date are the Invoice\'s own', () => {
    for (const [, inv] of cases) {
      const o = readBack(invoiceUbl(inv));
      expect(get(o, 'cac:LegalMonetaryTotal', 'cbc:PayableAmount', '#')).toBe(ublAmount(inv.payable));
      expect(get(o, 'cac:LegalMonetaryTotal', 'cbc:PayableAmount', '@currencyID')).toBe('SEK');
      expect(get(o, 'cbc:DueDate')).toBe(inv.dueDate);
      const means = asList(get(o, 'cac:PaymentMeans'));
      expect(means.length).toBe((inv.payment.bankgiro ? 1 : 0) + (inv.payment.plusgiro ? 1 : 0));
      for (const pm of means) {
        expect(get(pm, 'cbc:PaymentMeansCode')).toBe('30');
        expect(get(pm, 'cbc:PaymentID')).toBe(inv.payment.ocr);
      }
      expect(get(o, 'cbc:BuyerReference')).toBe(inv.buyerReference);
      expect(asList(get(o, 'cac:InvoiceLine')).length).toBe(inv.lines.length);
    }
  });

  it('writes the giro accounts with Peppol\'s Swedish branch codes', () => {
    const means = asList(get(readBack(invoiceUbl(invoiceS(undefined, true))), 'cac:PaymentMeans'));
    expect(means.map((pm) => [get(pm, 'cac:PayeeFinancialAccount', 'cbc:ID'), get(pm, 'cac:PayeeFinancialAccount', 'cac:FinancialInstitutionBranch', 'cbc:ID')])).toEqual([
      ['50501055', 'SE:BANKGIRO'],
      ['9020900', 'SE:PLUSGIRO'],
    ]);
  });

  it('amounts are exact decimal strings with two decimals: 1 öre, 0, a credit, 17 448 590 kr', () => {
    const xml = invoiceUbl(invoiceO([1, 0, -5_00, 17_448_590_00]));
    const o = readBack(xml);
    const ls = asList(get(o, 'cac:InvoiceLine'));
    expect(ls.map((l) => get(l, 'cbc:LineExtensionAmount', '#'))).toEqual(['0.01', '0.00', '-5.00', '17448590.00']);
    expect(ls.map((l) => get(l, 'cac:Price', 'cbc:PriceAmount', '#'))).toEqual(['0.01', '0.00', '5.00', '17448590.00']);
    expect(ls.map((l) => get(l, 'cbc:InvoicedQuantity', '#'))).toEqual(['1', '1', '-1', '1']);
    expect(get(o, 'cac:LegalMonetaryTotal', 'cbc:LineExtensionAmount', '#')).toBe('17448585.01');
    expect(get(o, 'cac:TaxTotal', 'cbc:TaxAmount', '#')).toBe('0.00');
  });

  it('category O: no VAT number of either party even when they have one (BR-O-02), the reason and VATEX-EU-O, no rate', () => {
    const inv: Invoice = { ...invoiceO(), seller: { ...invoiceO().seller, vatNumber: 'SE232100013101' }, buyer: { ...invoiceO().buyer, vatNumber: 'SE212000135501' } };
    const xml = invoiceUbl(inv);
    expect(xml).not.toContain('PartyTaxScheme');
    expect(xml).not.toContain('<cbc:Percent>');
    const cat = get(readBack(xml), 'cac:TaxTotal', 'cac:TaxSubtotal', 'cac:TaxCategory');
    expect(get(cat, 'cbc:ID')).toBe('O');
    expect(get(cat, 'cbc:TaxExemptionReasonCode')).toBe('VATEX-EU-O');
    expect(get(cat, 'cbc:TaxExemptionReason')).toBe(inv.vat.exemptionReason);
    expect(checkUbl(xml)).toEqual([]);
  });

  it('category S: the rate on the breakdown and every line, the VAT numbers, no exemption reason', () => {
    const o = readBack(invoiceUbl(invoiceS()));
    expect(get(o, 'cac:TaxTotal', 'cac:TaxSubtotal', 'cac:TaxCategory', 'cbc:Percent')).toBe('25');
    expect(get(o, 'cac:TaxTotal', 'cac:TaxSubtotal', 'cac:TaxCategory', 'cbc:TaxExemptionReason')).toBeUndefined();
    expect(asList(get(o, 'cac:InvoiceLine')).map((l) => get(l, 'cac:Item', 'cac:ClassifiedTaxCategory', 'cbc:Percent'))).toEqual(['25', '25']);
    expect(get(o, 'cac:AccountingSupplierParty', 'cac:Party', 'cac:PartyTaxScheme', 'cbc:CompanyID')).toBe('SE232100013101');
    expect(get(o, 'cac:TaxTotal', 'cbc:TaxAmount', '#')).toBe('25008.33');
    expect(get(o, 'cac:LegalMonetaryTotal', 'cbc:PayableAmount', '#')).toBe('125041.66');
  });

  it('an example invoice says so in its note; the note is one element', () => {
    const example = readBack(invoiceUbl(invoiceS()));
    expect(String(get(example, 'cbc:Note'))).toContain(EXAMPLE_NOTE);
    expect(String(get(readBack(invoiceUbl(invoiceO())), 'cbc:Note'))).not.toContain('EXEMPEL');
  });

  it('refuses an invoice whose figures do not add up, rather than write it', () => {
    const inv = invoiceO();
    expect(() => invoiceUbl({ ...inv, netTotal: inv.netTotal + 1 })).toThrow(InvariantError);
    expect(() => invoiceUbl({ ...inv, payable: inv.payable - 1 })).toThrow(InvariantError);
    expect(() => invoiceUbl({ ...inv, vat: { ...inv.vat, amount: 1 }, payable: inv.payable + 1 })).toThrow(/momskategori O/);
    expect(() => invoiceUbl({ ...inv, lines: [], netTotal: 0, payable: 0 })).toThrow(/saknar rader/);
  });

  it('property: for any lines of whole öre, the totals are the exact sums and every rule holds (O and S 25 %)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 100_000_000_000 }), { minLength: 1, maxLength: 12 }),
        fc.constantFrom<'O' | 'S'>('O', 'S'),
        (amounts, category) => {
          const inv = invoiceOf(amounts, category);
          const xml = invoiceUbl(inv);
          expect(checkUbl(xml)).toEqual([]);
          const o = readBack(xml);
          const sum = amounts.reduce((a, b) => a + b, 0);
          expect(get(o, 'cac:LegalMonetaryTotal', 'cbc:LineExtensionAmount', '#')).toBe(ublAmount(sum));
          expect(get(o, 'cac:LegalMonetaryTotal', 'cbc:TaxExclusiveAmount', '#')).toBe(ublAmount(sum));
          expect(get(o, 'cac:LegalMonetaryTotal', 'cbc:PayableAmount', '#')).toBe(ublAmount(inv.payable));
          // The written strings, read as exact decimals, add up: BR-CO-10, BR-CO-15.
          const lineSum = asList(get(o, 'cac:InvoiceLine')).reduce<Dec>((s, l) => s.plus(String(get(l, 'cbc:LineExtensionAmount', '#'))), new Dec(0));
          expect(lineSum.toFixed(2)).toBe(ublAmount(sum));
          const incl = new Dec(String(get(o, 'cac:LegalMonetaryTotal', 'cbc:TaxInclusiveAmount', '#')));
          expect(incl.equals(new Dec(ublAmount(sum)).plus(String(get(o, 'cac:TaxTotal', 'cbc:TaxAmount', '#'))))).toBe(true);
        },
      ),
      { seed: 1616, numRuns: 300 },
    );
  });
});

describe('the note (BT-22)', () => {
  it('names the scheme, then the sender\'s note and reference, one period each', () => {
    const inv: Invoice = { ...invoiceO(), scheme: { id: 'x', title: 'Avtal om kostnadsdelning.' } };
    expect(get(readBack(invoiceUbl(inv)), 'cbc:Note')).toBe(
      'Avser: Avtal om kostnadsdelning.\nEnligt samverkansavtalet, 10 kr per invånare.\nVår referens: RS 2022-01234.',
    );
  });
});
