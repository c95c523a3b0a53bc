// Every rule checkUbl names must be able to fail: each is broken on purpose
// in an otherwise valid invoice (a mutation of the XML text) and must then
// be reported. A table entry per rule, and a test that no checked rule is
// without one.
import { describe, expect, it } from 'vitest';
import { invoiceUbl } from '../../../reports/invoicing/ubl.js';
import { CHECKED_RULES, checkUbl } from '../../../reports/invoicing/ubl-rules.js';
import { invoiceE, invoiceO, invoiceS } from './invoice-fixtures.js';

const O = invoiceUbl(invoiceO());
const S = invoiceUbl(invoiceS(undefined, true));
const E = invoiceUbl(invoiceE());

/** Replaces the `nth` (1-based) occurrence of `from`; fails the test if there is none, so that no mutation is a silent no-op. */
function sub(xml: string, from: string | RegExp, to: string, nth = 1): string {
  const re = typeof from === 'string' ? new RegExp(from.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'g') : new RegExp(from.source, 'g');
  let i = 0;
  let hit = false;
  const out = xml.replace(re, (m) => {
    i += 1;
    if (i !== nth) return m;
    hit = true;
    return to;
  });
  if (!hit) throw new Error(`mutation found no occurrence ${nth} of ${String(from)}`);
  return out;
}

/** Removes the `nth` element `<name …>…</name>` (or its one-line form). */
function drop(xml: string, name: string, nth = 1): string {
  return sub(xml, new RegExp(`\\n *<${name}[ >][\\s\\S]*?</${name}>`), '', nth);
}

/** Duplicates the `nth` element `<name>…</name>` in place. */
function dup(xml: string, name: string, nth = 1): string {
  const m = [...xml.matchAll(new RegExp(`\\n *<${name}[ >][\\s\\S]*?</${name}>`, 'g'))][nth - 1];
  if (!m) throw new Error(`no ${name} to duplicate`);
  return xml.slice(0, m.index + m[0].length) + m[0] + xml.slice(m.index + m[0].length);
}

const SELLER_VAT = '<cac:PartyTaxScheme><cbc:CompanyID>SE232100013101</cbc:CompanyID><cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme></cac:PartyTaxScheme>';

/** [rule, the broken invoice]. */
const BROKEN: ReadonlyArray<readonly [string, () => string]> = [
  ['ANDEL-ROOT', () => sub(O, 'xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"', 'xmlns="urn:example:not-ubl"')],
  ['BR-01', () => drop(O, 'cbc:CustomizationID')],
  ['BR-02', () => drop(O, 'cbc:ID')],
  ['BR-03', () => drop(O, 'cbc:IssueDate')],
  ['BR-04', () => drop(O, 'cbc:InvoiceTypeCode')],
  ['BR-05', () => drop(O, 'cbc:DocumentCurrencyCode')],
  ['BR-06', () => drop(O, 'cbc:RegistrationName', 1)],
  ['BR-07', () => drop(O, 'cbc:RegistrationName', 2)],
  ['BR-08', () => drop(O, 'cac:PostalAddress', 1)],
  ['BR-09', () => drop(O, 'cac:Country', 1)],
  ['BR-10', () => drop(O, 'cac:PostalAddress', 2)],
  ['BR-11', () => drop(O, 'cac:Country', 2)],
  ['BR-12', () => drop(O, 'cbc:LineExtensionAmount', 1)],
  ['BR-13', () => drop(O, 'cbc:TaxExclusiveAmount')],
  ['BR-14', () => drop(O, 'cbc:TaxInclusiveAmount')],
  ['BR-15', () => drop(O, 'cbc:PayableAmount')],
  ['BR-16', () => drop(drop(O, 'cac:InvoiceLine'), 'cac:InvoiceLine')],
  ['BR-21', () => sub(O, '<cbc:ID>1</cbc:ID>', '')],
  ['BR-22', () => drop(O, 'cbc:InvoicedQuantity')],
  ['BR-23', () => sub(O, ' unitCode="C62"', '')],
  ['BR-24', () => drop(O, 'cbc:LineExtensionAmount', 2)],
  ['BR-25', () => sub(O, '<cbc:Name>Digitala hjälpmedel 2022</cbc:Name>', '')],
  ['BR-26', () => drop(O, 'cac:Price')],
  ['BR-27', () => sub(O, '<cbc:PriceAmount currencyID="SEK">', '<cbc:PriceAmount currencyID="SEK">-')],
  ['BR-CO-04', () => drop(O, 'cac:ClassifiedTaxCategory')],
  ['BR-CO-10', () => sub(O, '<cbc:LineExtensionAmount currencyID="SEK">587229.60', '<cbc:LineExtensionAmount currencyID="SEK">587229.61')],
  ['BR-CO-13', () => sub(O, '<cbc:TaxExclusiveAmount currencyID="SEK">587353.05', '<cbc:TaxExclusiveAmount currencyID="SEK">587353.06')],
  ['BR-CO-14', () => sub(O, '<cbc:TaxAmount currencyID="SEK">0.00', '<cbc:TaxAmount currencyID="SEK">1.00', 1)],
  ['BR-CO-15', () => sub(O, '<cbc:TaxInclusiveAmount currencyID="SEK">587353.05', '<cbc:TaxInclusiveAmount currencyID="SEK">587353.04')],
  ['BR-CO-16', () => sub(O, '<cbc:PayableAmount currencyID="SEK">587353.05', '<cbc:PayableAmount currencyID="SEK">587353.00')],
  ['BR-CO-17', () => sub(sub(S, '25008.33', '25008.34', 1), '25008.33', '25008.34', 1)],
  ['BR-CO-18', () => drop(O, 'cac:TaxSubtotal')],
  ['BR-CO-25', () => drop(drop(O, 'cbc:DueDate'), 'cac:PaymentTerms')],
  ['BR-CO-26', () => sub(drop(O, 'cac:PartyIdentification', 1), '<cbc:CompanyID schemeID="0007">2321000131</cbc:CompanyID>', '')],
  ['BR-CO-09', () => sub(S, '<cbc:CompanyID>SE232100013101', '<cbc:CompanyID>232100013101')],
  ['BR-45', () => drop(O, 'cbc:TaxableAmount')],
  ['BR-46', () => drop(O, 'cbc:TaxAmount', 2)],
  ['BR-47', () => sub(O, '<cbc:ID>O</cbc:ID>', '')],
  ['BR-48', () => sub(S, '<cbc:Percent>25</cbc:Percent>', '')],
  ['BR-CL-17', () => sub(O, '<cbc:ID>O</cbc:ID>', '<cbc:ID>X</cbc:ID>', 1)],
  ['BR-CL-18', () => sub(O, '<cbc:ID>O</cbc:ID>', '<cbc:ID>X</cbc:ID>', 2)],
  ['BR-CL-22', () => sub(O, 'VATEX-EU-O', 'EU-O')],
  ['BR-S-01', () => sub(S, '<cbc:ID>S</cbc:ID>', '<cbc:ID>Z</cbc:ID>', 1)],
  ['BR-S-02', () => drop(S, 'cac:PartyTaxScheme', 1)],
  ['BR-S-05', () => sub(S, '<cbc:Percent>25</cbc:Percent>', '<cbc:Percent>0</cbc:Percent>', 2)],
  ['BR-S-08', () => sub(S, '<cbc:TaxableAmount currencyID="SEK">100033.33', '<cbc:TaxableAmount currencyID="SEK">100033.32')],
  ['BR-S-09', () => sub(S, '25008.33', '25008.30', 2)],
  ['BR-S-10', () => sub(S, '<cbc:Percent>25</cbc:Percent>', '<cbc:Percent>25</cbc:Percent><cbc:TaxExemptionReason>Nej</cbc:TaxExemptionReason>', 1)],
  ['BR-E-01', () => sub(E, '<cbc:ID>E</cbc:ID>', '<cbc:ID>Z</cbc:ID>', 1)],
  ['BR-E-02', () => drop(E, 'cac:PartyTaxScheme', 1)],
  ['BR-E-05', () => sub(E, '<cbc:Percent>0</cbc:Percent>', '<cbc:Percent>5</cbc:Percent>', 2)],
  ['BR-E-08', () => sub(E, '<cbc:TaxableAmount currencyID="SEK">45000.00', '<cbc:TaxableAmount currencyID="SEK">45000.01')],
  ['BR-E-09', () => sub(E, '<cbc:TaxAmount currencyID="SEK">0.00', '<cbc:TaxAmount currencyID="SEK">0.01', 2)],
  ['BR-E-10', () => drop(E, 'cbc:TaxExemptionReason')],
  ['BR-O-01', () => sub(O, '<cbc:ID>O</cbc:ID>', '<cbc:ID>E</cbc:ID>', 1)],
  ['BR-O-02', () => sub(O, '<cac:PartyLegalEntity>', `${SELLER_VAT}<cac:PartyLegalEntity>`, 1)],
  ['BR-O-05', () => sub(O, '<cbc:ID>O</cbc:ID>', '<cbc:ID>O</cbc:ID><cbc:Percent>0</cbc:Percent>', 2)],
  ['BR-O-08', () => sub(O, '<cbc:TaxableAmount currencyID="SEK">587353.05', '<cbc:TaxableAmount currencyID="SEK">587353.00')],
  ['BR-O-09', () => sub(O, '<cbc:TaxAmount currencyID="SEK">0.00', '<cbc:TaxAmount currencyID="SEK">0.01', 2)],
  ['BR-O-10', () => drop(drop(O, 'cbc:TaxExemptionReasonCode'), 'cbc:TaxExemptionReason')],
  ['BR-O-11', () => dup(O, 'cac:TaxSubtotal').replace(/(<cac:TaxSubtotal>[\s\S]*?<\/cac:TaxSubtotal>[\s\S]*?<cac:TaxCategory>\s*<cbc:ID>)O/, '$1Z')],
  ['BR-O-12', () => sub(O, '<cbc:ID>O</cbc:ID>', '<cbc:ID>S</cbc:ID><cbc:Percent>25</cbc:Percent>', 2)],
  ['BR-49', () => drop(O, 'cbc:PaymentMeansCode')],
  ['BR-50', () => sub(O, '<cbc:ID>50501055</cbc:ID>', '<cbc:ID> </cbc:ID>')],
  ['BR-61', () => sub(O, '<cbc:ID>50501055</cbc:ID>', '')],
  ['BR-CL-16', () => sub(O, '<cbc:PaymentMeansCode>30', '<cbc:PaymentMeansCode>X30')],
  ['BR-62', () => sub(O, '<cbc:EndpointID schemeID="0007">', '<cbc:EndpointID>', 1)],
  ['BR-63', () => sub(O, '<cbc:EndpointID schemeID="0007">', '<cbc:EndpointID>', 2)],
  ['BR-CL-10', () => sub(O, '<cbc:ID schemeID="0007">', '<cbc:ID schemeID="9999">', 1)],
  ['BR-CL-11', () => sub(O, '<cbc:CompanyID schemeID="0007">', '<cbc:CompanyID schemeID="9999">', 2)],
  ['PEPPOL-EN16931-CL008', () => sub(O, '<cbc:EndpointID schemeID="0007">', '<cbc:EndpointID schemeID="9999">', 2)],
  ['BR-CL-14', () => sub(O, '<cbc:IdentificationCode>SE', '<cbc:IdentificationCode>Sverige', 2)],
  ['BR-CL-04', () => sub(O, '<cbc:DocumentCurrencyCode>SEK', '<cbc:DocumentCurrencyCode>kronor')],
  ['BR-CL-23', () => sub(O, 'unitCode="C62"', 'unitCode="styck"')],
  ['BR-DEC-09', () => sub(O, '<cbc:LineExtensionAmount currencyID="SEK">587353.05', '<cbc:LineExtensionAmount currencyID="SEK">587353.050')],
  ['BR-DEC-10', () => sub(O, '<cbc:PayableAmount', '<cbc:AllowanceTotalAmount currencyID="SEK">0.000</cbc:AllowanceTotalAmount><cbc:PayableAmount')],
  ['BR-DEC-11', () => sub(O, '<cbc:PayableAmount', '<cbc:ChargeTotalAmount currencyID="SEK">0.000</cbc:ChargeTotalAmount><cbc:PayableAmount')],
  ['BR-DEC-12', () => sub(O, '587353.05</cbc:TaxExclusiveAmount>', '587353.050</cbc:TaxExclusiveAmount>')],
  ['BR-DEC-13', () => sub(O, '0.00</cbc:TaxAmount>', '0.000</cbc:TaxAmount>', 1)],
  ['BR-DEC-14', () => sub(O, '587353.05</cbc:TaxInclusiveAmount>', '587353.050</cbc:TaxInclusiveAmount>')],
  ['BR-DEC-16', () => sub(O, '<cbc:PayableAmount', '<cbc:PrepaidAmount currencyID="SEK">0.000</cbc:PrepaidAmount><cbc:PayableAmount')],
  ['BR-DEC-17', () => sub(O, '<cbc:PayableAmount', '<cbc:PayableRoundingAmount currencyID="SEK">0.000</cbc:PayableRoundingAmount><cbc:PayableAmount')],
  ['BR-DEC-18', () => sub(O, '587353.05</cbc:PayableAmount>', '587353.050</cbc:PayableAmount>')],
  ['BR-DEC-19', () => sub(O, '587353.05</cbc:TaxableAmount>', '587353.050</cbc:TaxableAmount>')],
  ['BR-DEC-20', () => sub(O, '0.00</cbc:TaxAmount>', '0.000</cbc:TaxAmount>', 2)],
  ['BR-DEC-23', () => sub(O, '587229.60</cbc:LineExtensionAmount>', '587229.600</cbc:LineExtensionAmount>')],
  ['PEPPOL-EN16931-R001', () => drop(O, 'cbc:ProfileID')],
  ['PEPPOL-EN16931-R002', () => sub(O, '<cbc:DocumentCurrencyCode>', '<cbc:Note>En andra anteckning</cbc:Note><cbc:DocumentCurrencyCode>')],
  ['PEPPOL-EN16931-R003', () => drop(O, 'cbc:BuyerReference')],
  ['PEPPOL-EN16931-R004', () => sub(O, '#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0', '')],
  ['PEPPOL-EN16931-R007', () => sub(O, 'urn:fdc:peppol.eu:2017:poacc:billing:01:1.0', 'billing01')],
  ['PEPPOL-EN16931-R008', () => sub(O, '<cbc:Telephone>010-441 00 00</cbc:Telephone>', '<cbc:Telephone> </cbc:Telephone>')],
  ['PEPPOL-EN16931-R010', () => drop(O, 'cbc:EndpointID', 2)],
  ['PEPPOL-EN16931-R020', () => drop(O, 'cbc:EndpointID', 1)],
  ['PEPPOL-EN16931-R051', () => sub(O, 'currencyID="SEK"', 'currencyID="EUR"', 3)],
  ['PEPPOL-EN16931-CL007', () => sub(O, 'currencyID="SEK"', 'currencyID="kr"', 3)],
  ['PEPPOL-EN16931-R053', () => dup(O, 'cac:TaxTotal')],
  ['PEPPOL-EN16931-R054', () => sub(O, '<cac:LegalMonetaryTotal>', '<cac:TaxTotal><cbc:TaxAmount currencyID="SEK">0.00</cbc:TaxAmount></cac:TaxTotal><cac:LegalMonetaryTotal>')],
  ['PEPPOL-EN16931-R120', () => sub(O, '<cbc:PriceAmount currencyID="SEK">587229.60', '<cbc:PriceAmount currencyID="SEK">587229.59')],
  ['PEPPOL-EN16931-R121', () => sub(O, '587229.60</cbc:PriceAmount>', '587229.60</cbc:PriceAmount><cbc:BaseQuantity unitCode="C62">0</cbc:BaseQuantity>')],
  ['PEPPOL-EN16931-R130', () => sub(O, '587229.60</cbc:PriceAmount>', '587229.60</cbc:PriceAmount><cbc:BaseQuantity unitCode="EA">1</cbc:BaseQuantity>')],
  ['PEPPOL-EN16931-P0100', () => sub(O, '<cbc:InvoiceTypeCode>380', '<cbc:InvoiceTypeCode>381')],
  ['PEPPOL-EN16931-F001', () => sub(O, '<cbc:IssueDate>2022-11-15', '<cbc:IssueDate>2022-02-30')],
  ['PEPPOL-COMMON-R049', () => sub(O, '<cbc:EndpointID schemeID="0007">2321000131', '<cbc:EndpointID schemeID="0007">2321000132')],
  ['PEPPOL-COMMON-R040', () => sub(O, '<cbc:EndpointID schemeID="0007">2321000131', '<cbc:EndpointID schemeID="0088">7300010000002')],
  ['UBL-SR-05', () => dup(O, 'cac:PaymentTerms')],
  ['UBL-SR-09', () => dup(O, 'cac:PartyName', 1)],
  ['UBL-SR-15', () => dup(O, 'cac:PartyName', 2)],
  ['UBL-SR-12', () => dup(S, 'cac:PartyTaxScheme', 1)],
  ['UBL-SR-18', () => dup(S, 'cac:PartyTaxScheme', 2)],
  ['UBL-SR-44', () => sub(S, '<cbc:PaymentID>1000000123', '<cbc:PaymentID>2000000121', 2)],
  ['UBL-SR-47', () => sub(S, '<cbc:PaymentMeansCode>30', '<cbc:PaymentMeansCode>58', 2)],
  ['UBL-SR-48', () => dup(O, 'cac:ClassifiedTaxCategory')],
  ['UBL-SR-51', () => dup(O, 'cac:AddressLine')],
  ['UBL-SR-53', () => sub(S, '<cbc:CompanyID>SE232100013101</cbc:CompanyID>', '')],
  ['SE-R-001', () => sub(S, '<cbc:CompanyID>SE232100013101', '<cbc:CompanyID>SE2321000131010')],
  ['SE-R-002', () => sub(S, '<cbc:CompanyID>SE232100013101', '<cbc:CompanyID>SE2321000131AB')],
  ['SE-R-003', () => sub(O, '<cbc:CompanyID schemeID="0007">2321000131', '<cbc:CompanyID schemeID="0007">232100013A')],
  ['SE-R-004', () => sub(O, '<cbc:CompanyID schemeID="0007">2321000131', '<cbc:CompanyID schemeID="0007">23210001319')],
  ['SE-R-013', () => sub(O, '<cbc:CompanyID schemeID="0007">2321000131', '<cbc:CompanyID schemeID="0007">2321000132')],
  ['SE-R-005', () => sub(S, '<cac:PartyLegalEntity>', '<cac:PartyTaxScheme><cbc:CompanyID>F-skatt</cbc:CompanyID><cac:TaxScheme><cbc:ID>TAX</cbc:ID></cac:TaxScheme></cac:PartyTaxScheme><cac:PartyLegalEntity>', 1)],
  ['SE-R-006', () => S.replaceAll('<cbc:Percent>25</cbc:Percent>', '<cbc:Percent>20</cbc:Percent>')],
  ['SE-R-007', () => sub(S, '<cbc:ID>9020900</cbc:ID>', '<cbc:ID>90209O0</cbc:ID>')],
  ['SE-R-010', () => sub(S, '<cbc:ID>9020900</cbc:ID>', '<cbc:ID>902090000</cbc:ID>')],
  ['SE-R-008', () => sub(S, '<cbc:ID>50501055</cbc:ID>', '<cbc:ID>5050105S</cbc:ID>')],
  ['SE-R-009', () => sub(S, '<cbc:ID>50501055</cbc:ID>', '<cbc:ID>505010550</cbc:ID>')],
  ['SE-R-011', () => sub(O, '<cbc:PaymentMeansCode>30', '<cbc:PaymentMeansCode>56')],
  ['SE-R-012', () => sub(O, '<cbc:PaymentMeansCode>30', '<cbc:PaymentMeansCode>31')],
  ['ANDEL-ORDER', () => sub(O, /(\n *<cbc:IssueDate>[^\n]*)(\n *<cbc:DueDate>[^\n]*)/, '$2$1')],
  ['ANDEL-AMOUNT', () => sub(O, '0.00</cbc:TaxAmount>', '0</cbc:TaxAmount>', 1)],
  ['ANDEL-OCR', () => sub(O, '<cbc:PaymentID>12345678903', '<cbc:PaymentID>12345678904')],
  ['ANDEL-GIRO', () => sub(O, '<cbc:ID>50501055</cbc:ID>', '<cbc:ID>50501056</cbc:ID>')],
  ['ANDEL-VAT-SE', () => sub(S, '<cbc:CompanyID>SE212000135501', '<cbc:CompanyID>SE232100013101')],
  ['ANDEL-SCOPE', () => sub(O, '<cac:PaymentMeans>', '<cac:Delivery><cbc:ActualDeliveryDate>2022-11-15</cbc:ActualDeliveryDate></cac:Delivery><cac:PaymentMeans>')],
];

describe('checkUbl', () => {
  it('passes andel\'s own invoices of categories O, S and E', () => {
    expect(checkUbl(O)).toEqual([]);
    expect(checkUbl(S)).toEqual([]);
    expect(checkUbl(E)).toEqual([]);
  });

  it.each(BROKEN)('%s fires on an invoice that breaks it', (rule, broken) => {
    const findings = checkUbl(broken());
    expect(findings.map((f) => f.rule)).toContain(rule);
    for (const f of findings) expect(f.message.length).toBeGreaterThan(0);
  });

  it('every checked rule has a broken invoice above, and every entry above is a checked rule', () => {
    const tested = new Set(BROKEN.map(([r]) => r));
    const checked = CHECKED_RULES.map((r) => r.id);
    expect(checked.filter((id) => !tested.has(id))).toEqual([]);
    expect([...tested].filter((id) => !checked.includes(id))).toEqual([]);
    expect(new Set(checked).size).toBe(checked.length);
  });

  it('every rule has a one-line description and a severity', () => {
    for (const r of CHECKED_RULES) {
      expect(r.description).toMatch(/^[A-Z].*\.$/);
      expect(r.description).not.toContain('\n');
      expect(['fatal', 'warning']).toContain(r.severity);
    }
  });

  it('a value-preserving third decimal breaks only the decimal rules', () => {
    const findings = checkUbl(sub(O, '587353.05</cbc:PayableAmount>', '587353.050</cbc:PayableAmount>'));
    expect(findings.map((f) => f.rule).sort()).toEqual(['ANDEL-AMOUNT', 'BR-DEC-18']);
    expect(findings[0]?.path).toBe('/Invoice/cac:LegalMonetaryTotal/cbc:PayableAmount');
  });

  it('says where: the path of the offending line', () => {
    const findings = checkUbl(sub(O, '<cbc:PriceAmount currencyID="SEK">12', '<cbc:PriceAmount currencyID="SEK">13'));
    expect(findings).toEqual([
      { rule: 'PEPPOL-EN16931-R120', message: 'Radbeloppet 123.45 är inte antal × pris = 133.45', path: '/Invoice/cac:InvoiceLine[2]' },
    ]);
  });

  it('reads the document by namespace, whatever its prefixes', () => {
    const renamed = O.replaceAll('cbc:', 'b:').replaceAll('xmlns:cbc=', 'xmlns:b=').replaceAll('cac:', 'a:').replaceAll('xmlns:cac=', 'xmlns:a=');
    expect(renamed).not.toContain('cbc:');
    expect(checkUbl(renamed)).toEqual([]);
  });

  it('an element outside the UBL 2.1 content model is reported by the order check', () => {
    const findings = checkUbl(sub(O, '<cbc:BuyerReference>', '<cbc:Fakturamärkning>x</cbc:Fakturamärkning><cbc:BuyerReference>'));
    expect(findings.map((f) => f.rule)).toEqual(['ANDEL-ORDER']);
    expect(findings[0]?.message).toContain('hör inte hemma i Invoice');
  });
  it('checks the second of two party identifiers too (paths count same-named siblings)', () => {
    const twice = sub(O, '</cac:PartyIdentification>', '</cac:PartyIdentification><cac:PartyIdentification><cbc:ID schemeID="0007">2321000132</cbc:ID></cac:PartyIdentification>');
    expect(checkUbl(twice)).toEqual([
      {
        rule: 'PEPPOL-COMMON-R049',
        message: '"2321000132" är inget giltigt organisationsnummer (tio siffror, kontrollsiffra)',
        path: '/Invoice/cac:AccountingSupplierParty/cac:Party/cac:PartyIdentification[2]/cbc:ID',
      },
    ]);
  });
});
