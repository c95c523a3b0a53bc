/**
 * The Peppol BIS Billing 3.0 invoice of one {@link Invoice}: a UBL 2.1
 * `Invoice` document, the EN 16931 format that Swedish public bodies
 * receive. Built with xmlbuilder2 from the Invoice alone (no clock, no file),
 * so the same invoice always gives the same bytes.
 *
 * Every amount is written from integer öre as a decimal string with two
 * decimals (never through a float), and the totals are the invoice's own:
 * this module refuses an Invoice whose lines, net total, VAT and payable
 * amount do not add up, rather than write an e-invoice a receiver would
 * reject on EN 16931's calculation rules. The elements appear in the order
 * of the UBL 2.1 schema; `ubl-rules.ts` checks that order and the business
 * rules on the written XML.
 */
import { create } from 'xmlbuilder2';
import type { Invoice, InvoiceAddress, InvoiceParty } from '../../models/invoicing/invoice.js';
import { InvariantError, t } from '../../models/errors.js';
import { type Ore, oreToDecimalString, sumOre } from '../../models/money.js';

/** The namespaces of a UBL 2.1 invoice. */
export const UBL_NS = {
  invoice: 'urn:oasis:names:specification:ubl:schema:xsd:Invoice-2',
  cac: 'urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2',
  cbc: 'urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2',
} as const;

/** BT-24: the specification identifier of Peppol BIS Billing 3.0. */
export const PEPPOL_CUSTOMIZATION_ID = 'urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0';
/** BT-23: the business process, Peppol's billing process 01. */
export const PEPPOL_PROFILE_ID = 'urn:fdc:peppol.eu:2017:poacc:billing:01:1.0';
/** The ISO 6523 ICD of a Swedish organisation number (Bolagsverket). */
export const SE_ORGNR_SCHEME = '0007';
/** The account scheme of a Swedish bankgiro and plusgiro number in `FinancialInstitutionBranch/ID` (Peppol's Swedish rules). */
export const SE_BANKGIRO_BRANCH = 'SE:BANKGIRO';
export const SE_PLUSGIRO_BRANCH = 'SE:PLUSGIRO';
/** UNECE Rec 20 "one" (a unit without dimension): each line is one contribution. */
export const UNIT_CODE_ONE = 'C62';
/** VATEX code of "not subject to VAT", written with category O. */
export const VATEX_NOT_SUBJECT = 'VATEX-EU-O';
/** The note (BT-22) of an invoice made from example data, so that nobody pays it. */
export const EXAMPLE_NOTE = 'EXEMPEL: fakturan bygger på exempeldata och ska inte betalas.';

const XMLNS = 'http://www.w3.org/2000/xmlns/';

type XMLBuilder = ReturnType<typeof create>;

/** Öre as an amount in the XML: `123456` → `"1234.56"`, exact. */
export function ublAmount(ore: Ore): string {
  return oreToDecimalString(ore);
}

/** A bankgiro number as printed: `NNN-NNNN` or `NNNN-NNNN`. */
function bankgiroText(digits: string): string {
  return digits.length > 4 ? `${digits.slice(0, -4)}-${digits.slice(-4)}` : digits;
}

/** A plusgiro number as printed: a hyphen before the check digit. */
function plusgiroText(digits: string): string {
  return digits.length > 1 ? `${digits.slice(0, -1)}-${digits.slice(-1)}` : digits;
}

/** Splits a Peppol participant id `0007:2120000142` into its scheme and value (the organisation number under 0007 when absent). */
export function endpointOf(party: InvoiceParty): { scheme: string; id: string } {
  const raw = party.peppolId?.trim();
  if (raw === undefined || raw === '') return { scheme: SE_ORGNR_SCHEME, id: party.orgNumber };
  const m = /^(\d{4}):(.+)$/.exec(raw);
  if (m === null) return { scheme: SE_ORGNR_SCHEME, id: raw };
  return { scheme: m[1]!, id: m[2]!.trim() };
}

/** Adds `<name>text</name>` unless the text is empty: Peppol forbids empty elements. */
function leaf(parent: XMLBuilder, name: `cbc:${string}`, text: string | undefined, attrs?: Record<string, string>): void {
  if (text === undefined || text.trim() === '') return;
  const el = parent.ele(UBL_NS.cbc, name);
  if (attrs) for (const [k, v] of Object.entries(attrs)) el.att(k, v);
  el.txt(text);
}

function agg(parent: XMLBuilder, name: `cac:${string}`): XMLBuilder {
  return parent.ele(UBL_NS.cac, name);
}

function amount(parent: XMLBuilder, name: `cbc:${string}`, ore: Ore, currency: string): void {
  leaf(parent, name, ublAmount(ore), { currencyID: currency });
}

/** Throws unless the invoice's figures add up exactly: the e-invoice states them, so they must be right before they are written. */
function assertTotals(inv: Invoice): void {
  const wrong = (sv: string, en: string): never => {
    throw new InvariantError(t(`faktura ${inv.number}: ${sv}`, `invoice ${inv.number}: ${en}`));
  };
  if (inv.lines.length === 0) wrong('fakturan saknar rader', 'the invoice has no lines');
  const lines = sumOre(inv.lines.map((l) => l.amount));
  if (lines !== inv.netTotal) {
    wrong(`raderna summerar till ${lines} öre men nettobeloppet är ${inv.netTotal} öre`, `the lines sum to ${lines} öre but the net total is ${inv.netTotal} öre`);
  }
  if (sumOre([inv.netTotal, inv.vat.amount]) !== inv.payable) {
    wrong(
      `nettobelopp ${inv.netTotal} öre plus moms ${inv.vat.amount} öre är inte att betala ${inv.payable} öre`,
      `net total ${inv.netTotal} öre plus VAT ${inv.vat.amount} öre is not the payable ${inv.payable} öre`,
    );
  }
  if (inv.vat.category !== 'S' && inv.vat.amount !== 0) {
    wrong(`momskategori ${inv.vat.category} med moms ${inv.vat.amount} öre`, `VAT category ${inv.vat.category} with VAT ${inv.vat.amount} öre`);
  }
}

/**
 * The VAT number written for a party, if any. Under category O (outside the
 * scope of VAT) EN 16931 forbids the seller's and the buyer's VAT numbers in
 * the invoice (BR-O-02), so they are left out even when the parties have
 * them: the invoice is about a supply VAT does not reach, not about who is
 * registered.
 */
function writtenVatNumber(inv: Invoice, party: InvoiceParty): string | undefined {
  if (inv.vat.category === 'O') return undefined;
  const v = party.vatNumber?.trim();
  return v === undefined || v === '' ? undefined : v;
}

function address(parent: XMLBuilder, a: InvoiceAddress): void {
  const el = agg(parent, 'cac:PostalAddress');
  const [street, additional, ...rest] = a.lines.map((l) => l.trim()).filter((l) => l !== '');
  leaf(el, 'cbc:StreetName', street);
  leaf(el, 'cbc:AdditionalStreetName', additional);
  leaf(el, 'cbc:CityName', a.city);
  leaf(el, 'cbc:PostalZone', a.postcode);
  // UBL allows a third address line once (UBL-SR-51): any further lines join it.
  if (rest.length > 0) leaf(agg(el, 'cac:AddressLine'), 'cbc:Line', rest.join(', '));
  leaf(agg(el, 'cac:Country'), 'cbc:IdentificationCode', a.country);
}

/** A `cac:Party` in the UBL 2.1 order: EndpointID, PartyIdentification, PartyName, PostalAddress, PartyTaxScheme, PartyLegalEntity, Contact. */
function party(parent: XMLBuilder, p: InvoiceParty, vatNumber: string | undefined): void {
  const el = agg(parent, 'cac:Party');
  const endpoint = endpointOf(p);
  leaf(el, 'cbc:EndpointID', endpoint.id, { schemeID: endpoint.scheme });
  leaf(agg(el, 'cac:PartyIdentification'), 'cbc:ID', p.orgNumber, { schemeID: SE_ORGNR_SCHEME });
  leaf(agg(el, 'cac:PartyName'), 'cbc:Name', p.name);
  address(el, p.address);
  if (vatNumber !== undefined) {
    const pts = agg(el, 'cac:PartyTaxScheme');
    leaf(pts, 'cbc:CompanyID', vatNumber);
    leaf(agg(pts, 'cac:TaxScheme'), 'cbc:ID', 'VAT');
  }
  const legal = agg(el, 'cac:PartyLegalEntity');
  leaf(legal, 'cbc:RegistrationName', p.name);
  leaf(legal, 'cbc:CompanyID', p.orgNumber, { schemeID: SE_ORGNR_SCHEME });
  const c = p.contact;
  if (c && [c.name, c.phone, c.email].some((v) => v !== undefined && v.trim() !== '')) {
    const contact = agg(el, 'cac:Contact');
    leaf(contact, 'cbc:Name', c.name);
    leaf(contact, 'cbc:Telephone', c.phone);
    leaf(contact, 'cbc:ElectronicMail', c.email);
  }
}

/** BT-22: one note (Peppol allows one), its parts on lines of their own. */
function noteText(inv: Invoice): string {
  const parts: string[] = [];
  if (inv.example) parts.push(EXAMPLE_NOTE);
  parts.push(`Avser: ${inv.scheme.title.trim().replace(/\.$/, '')}.`);
  if (inv.note !== undefined && inv.note.trim() !== '') parts.push(inv.note.trim());
  if (inv.sellerReference !== undefined && inv.sellerReference.trim() !== '') parts.push(`Vår referens: ${inv.sellerReference.trim()}.`);
  return parts.join('\n');
}

/** BT-20: the payment terms in words, as the buyer's finance department reads them. */
function paymentTermsText(inv: Invoice): string {
  const to: string[] = [];
  if (inv.payment.bankgiro) to.push(`bankgiro ${bankgiroText(inv.payment.bankgiro)}`);
  if (inv.payment.plusgiro) to.push(`plusgiro ${plusgiroText(inv.payment.plusgiro)}`);
  const where = to.length > 0 ? ` till ${to.join(' eller ')}` : '';
  return `Betalas senast ${inv.dueDate}${where}. Ange OCR-nummer ${inv.payment.ocr} vid betalning.`;
}

function paymentMeans(root: XMLBuilder, inv: Invoice, account: string, branch: string): void {
  const pm = agg(root, 'cac:PaymentMeans');
  leaf(pm, 'cbc:PaymentMeansCode', inv.payment.meansCode);
  leaf(pm, 'cbc:PaymentID', inv.payment.ocr);
  const fa = agg(pm, 'cac:PayeeFinancialAccount');
  leaf(fa, 'cbc:ID', account);
  leaf(agg(fa, 'cac:FinancialInstitutionBranch'), 'cbc:ID', branch);
}

/** The VAT category of a line or a breakdown: ID, Percent (S: the rate; E: 0; O: none, BR-O-05), exemption reason, VAT. */
function taxCategory(parent: XMLBuilder, name: 'cac:TaxCategory' | 'cac:ClassifiedTaxCategory', inv: Invoice): void {
  const el = agg(parent, name);
  const vat = inv.vat;
  leaf(el, 'cbc:ID', vat.category);
  if (vat.category === 'S') leaf(el, 'cbc:Percent', vat.rate?.toFixed());
  if (vat.category === 'E') leaf(el, 'cbc:Percent', '0');
  if (name === 'cac:TaxCategory') {
    if (vat.category === 'O') leaf(el, 'cbc:TaxExemptionReasonCode', VATEX_NOT_SUBJECT);
    if (vat.category !== 'S') leaf(el, 'cbc:TaxExemptionReason', vat.exemptionReason);
  }
  leaf(agg(el, 'cac:TaxScheme'), 'cbc:ID', 'VAT');
}

/**
 * The Peppol BIS Billing 3.0 UBL 2.1 invoice XML of `inv`, UTF-8 with the
 * XML declaration, indented. Throws an {@link InvariantError} when the
 * invoice's figures do not add up (lines to net total, net total and VAT to
 * the payable amount).
 *
 * @example
 * const xml = invoiceUbl(invoice);
 * writeFileSync(`${invoice.number}.xml`, xml, 'utf8');
 */
export function invoiceUbl(inv: Invoice): string {
  assertTotals(inv);
  const cur = inv.currency;
  const doc = create({ version: '1.0', encoding: 'UTF-8' });
  const root = doc
    .ele(UBL_NS.invoice, 'Invoice')
    .att(XMLNS, 'xmlns:cac', UBL_NS.cac)
    .att(XMLNS, 'xmlns:cbc', UBL_NS.cbc);

  leaf(root, 'cbc:CustomizationID', PEPPOL_CUSTOMIZATION_ID);
  leaf(root, 'cbc:ProfileID', PEPPOL_PROFILE_ID);
  leaf(root, 'cbc:ID', inv.number);
  leaf(root, 'cbc:IssueDate', inv.issueDate);
  leaf(root, 'cbc:DueDate', inv.dueDate);
  leaf(root, 'cbc:InvoiceTypeCode', '380');
  leaf(root, 'cbc:Note', noteText(inv));
  leaf(root, 'cbc:DocumentCurrencyCode', cur);
  leaf(root, 'cbc:BuyerReference', inv.buyerReference);

  party(agg(root, 'cac:AccountingSupplierParty'), inv.seller, writtenVatNumber(inv, inv.seller));
  party(agg(root, 'cac:AccountingCustomerParty'), inv.buyer, writtenVatNumber(inv, inv.buyer));

  // Both giro accounts, when the sender has both, as two payment means with
  // the same OCR (UBL-SR-44 allows one payment id on several means).
  if (inv.payment.bankgiro) paymentMeans(root, inv, inv.payment.bankgiro, SE_BANKGIRO_BRANCH);
  if (inv.payment.plusgiro) paymentMeans(root, inv, inv.payment.plusgiro, SE_PLUSGIRO_BRANCH);
  leaf(agg(root, 'cac:PaymentTerms'), 'cbc:Note', paymentTermsText(inv));

  const taxTotal = agg(root, 'cac:TaxTotal');
  amount(taxTotal, 'cbc:TaxAmount', inv.vat.amount, cur);
  const sub = agg(taxTotal, 'cac:TaxSubtotal');
  amount(sub, 'cbc:TaxableAmount', inv.netTotal, cur);
  amount(sub, 'cbc:TaxAmount', inv.vat.amount, cur);
  taxCategory(sub, 'cac:TaxCategory', inv);

  const totals = agg(root, 'cac:LegalMonetaryTotal');
  amount(totals, 'cbc:LineExtensionAmount', inv.netTotal, cur);
  amount(totals, 'cbc:TaxExclusiveAmount', inv.netTotal, cur);
  amount(totals, 'cbc:TaxInclusiveAmount', inv.payable, cur);
  amount(totals, 'cbc:PayableAmount', inv.payable, cur);

  for (const line of inv.lines) {
    const il = agg(root, 'cac:InvoiceLine');
    leaf(il, 'cbc:ID', line.id);
    // A price is never negative (BR-27): a credit line is a quantity of −1 at a positive price.
    leaf(il, 'cbc:InvoicedQuantity', line.amount < 0 ? '-1' : '1', { unitCode: UNIT_CODE_ONE });
    amount(il, 'cbc:LineExtensionAmount', line.amount, cur);
    const item = agg(il, 'cac:Item');
    leaf(item, 'cbc:Name', line.description);
    leaf(agg(item, 'cac:SellersItemIdentification'), 'cbc:ID', line.component);
    taxCategory(item, 'cac:ClassifiedTaxCategory', inv);
    amount(agg(il, 'cac:Price'), 'cbc:PriceAmount', Math.abs(line.amount), cur);
  }

  return `${doc.end({ prettyPrint: true, indent: '  ', newline: '\n' })}\n`;
}
