/**
 * Business-rule checks of a Peppol BIS Billing 3.0 UBL invoice, written for
 * the invoices andel makes: the EN 16931 rules (BR-…), the Peppol rules
 * (PEPPOL-…), the UBL syntax rules (UBL-SR-…) and the Swedish national rules
 * (SE-R-…) that can apply to them, each a named check here, plus a few of
 * andel's own (ANDEL-…) where the official rules stop short (the OCR's and
 * the giro's check digits, the element order of the UBL 2.1 schema).
 *
 * The rules were read in the official Schematron files (CEN TC 434's
 * EN16931-UBL and OpenPEPPOL's PEPPOL-EN16931-UBL) and implemented anew;
 * {@link CHECKED_RULES} lists them, and the README says which were left out
 * and why. Where an official rule tolerates a difference (a VAT amount
 * within one unit, a line amount within 0,02), the check here is exact: an
 * invoice made from integer öre has no reason to differ at all.
 *
 * `checkUbl` parses the XML back with xmlbuilder2 and reads it by namespace,
 * so a document that spells the UBL prefixes otherwise is read alike.
 */
import { create } from 'xmlbuilder2';
import { luhnValid } from '../../models/invoicing/identifiers.js';
import { Dec } from '../../models/money.js';
import { UBL_SEQUENCES } from './ubl-schema-order.js';
import { PEPPOL_CUSTOMIZATION_ID, UBL_NS } from './ubl.js';

/** A broken rule: which, what in words, and where (an XPath-like path to the element). */
export interface UblFinding {
  readonly rule: string;
  readonly message: string;
  readonly path?: string;
}

/** A rule `checkUbl` checks. */
export interface CheckedRule {
  readonly id: string;
  /** `fatal` rules reject an invoice in the Peppol network; `warning`s do not (checked alike here). */
  readonly severity: 'fatal' | 'warning';
  /** What the rule requires, in one line (andel's own words). */
  readonly description: string;
}

// ---------------------------------------------------------------------------
// The parsed document: elements named by namespace, with paths.

interface El {
  /** `cbc:X`, `cac:X`, `ext:X`, the root's local name, or `{namespace}X`. */
  readonly name: string;
  readonly attrs: ReadonlyMap<string, string>;
  readonly children: El[];
  /** Own text, whitespace normalized. */
  readonly text: string;
  path: string;
}

const EXT_NS = 'urn:oasis:names:specification:ubl:schema:xsd:CommonExtensionComponents-2';

function nameOf(ns: string | null, local: string): string {
  if (ns === UBL_NS.cbc) return `cbc:${local}`;
  if (ns === UBL_NS.cac) return `cac:${local}`;
  if (ns === EXT_NS) return `ext:${local}`;
  if (ns === UBL_NS.invoice) return local;
  return `{${ns ?? ''}}${local}`;
}

interface DomNode {
  readonly nodeType: number;
  readonly localName?: string | null;
  readonly namespaceURI?: string | null;
  readonly data?: string;
  readonly childNodes: ArrayLike<DomNode>;
  readonly attributes?: ArrayLike<{ readonly localName: string; readonly namespaceURI: string | null; readonly value: string }>;
}

function toEl(node: DomNode, parentPath: string): El {
  const attrs = new Map<string, string>();
  for (const a of Array.from(node.attributes ?? [])) {
    if (a.namespaceURI === null) attrs.set(a.localName, a.value);
  }
  const name = nameOf(node.namespaceURI ?? null, node.localName ?? '');
  const path = `${parentPath}/${name}`;
  const children: El[] = [];
  let text = '';
  for (const c of Array.from(node.childNodes)) {
    if (c.nodeType === 1) children.push(toEl(c, path));
    else if (c.nodeType === 3 || c.nodeType === 4) text += c.data ?? '';
  }
  // Paths name the n-th of several same-named siblings, 1-based, as XPath does.
  const counts = new Map<string, number>();
  for (const c of children) counts.set(c.name, (counts.get(c.name) ?? 0) + 1);
  const seen = new Map<string, number>();
  for (const c of children) {
    if ((counts.get(c.name) ?? 0) > 1) {
      const i = (seen.get(c.name) ?? 0) + 1;
      seen.set(c.name, i);
      repath(c, `${path}/${c.name}[${i}]`);
    }
  }
  return { name, attrs, children, text: text.replace(/\s+/g, ' ').trim(), path };
}

function repath(el: El, path: string): void {
  const old = el.path;
  el.path = path;
  for (const c of el.children) repath(c, path + c.path.slice(old.length));
}

/** Children named `name`. */
function kids(el: El | undefined, name: string): El[] {
  return el ? el.children.filter((c) => c.name === name) : [];
}

/** All elements reached from `el` by a path of child names, `cac:A/cbc:B`. */
function at(el: El | undefined, path: string): El[] {
  let level: El[] = el ? [el] : [];
  for (const step of path.split('/')) level = level.flatMap((e) => kids(e, step));
  return level;
}

function one(el: El | undefined, path: string): El | undefined {
  return at(el, path)[0];
}

function txt(el: El | undefined, path: string): string {
  return one(el, path)?.text ?? '';
}

function descendants(el: El): El[] {
  return el.children.flatMap((c) => [c, ...descendants(c)]);
}

const DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;

/** The element's text as an exact decimal, or undefined when it is not one. */
function num(el: El | undefined): Dec | undefined {
  if (el === undefined) return undefined;
  return DECIMAL.test(el.text) ? new Dec(el.text) : undefined;
}

function sumOf(els: readonly El[]): Dec | undefined {
  let s = new Dec(0);
  for (const e of els) {
    const v = num(e);
    if (v === undefined) return undefined;
    s = s.plus(v);
  }
  return s;
}

function round2(d: Dec): Dec {
  return d.toDecimalPlaces(2, Dec.ROUND_HALF_UP);
}

/** A GS1 GLN: 13 digits, the last a modulus-10 check digit with weights 3 and 1. */
function glnOk(digits: string): boolean {
  if (!/^\d{13}$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += Number(digits[11 - i]) * (i % 2 === 0 ? 3 : 1);
  return (10 - (sum % 10)) % 10 === Number(digits[12]);
}

function validDate(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (m === null) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

// ---------------------------------------------------------------------------
// The document's parts, found once.

interface Doc {
  readonly inv: El;
  readonly seller: El | undefined;
  readonly buyer: El | undefined;
  readonly lines: El[];
  readonly totals: El | undefined;
  readonly subtotals: El[];
  /** Each line's VAT category (the first `ClassifiedTaxCategory` of scheme VAT). */
  readonly lineCats: { line: El; cat: El | undefined }[];
  readonly currency: string;
  /** The seller is in Sweden (its postal address says SE): the Swedish national rules apply. */
  readonly sellerInSweden: boolean;
}

function isVat(taxScheme: El | undefined): boolean {
  return txt(taxScheme, 'cac:TaxScheme/cbc:ID').toUpperCase() === 'VAT';
}

function vatIds(party: El | undefined): El[] {
  return kids(party, 'cac:PartyTaxScheme')
    .filter(isVat)
    .flatMap((p) => kids(p, 'cbc:CompanyID'));
}

function catId(cat: El | undefined): string {
  return txt(cat, 'cbc:ID');
}

function subtotalsOf(doc: Doc, category: string): El[] {
  return doc.subtotals.filter((s) => catId(one(s, 'cac:TaxCategory')) === category);
}

function linesOf(doc: Doc, category: string): El[] {
  return doc.lineCats.filter((lc) => catId(lc.cat) === category).map((lc) => lc.line);
}

function docOf(inv: El): Doc {
  const lines = kids(inv, 'cac:InvoiceLine');
  return {
    inv,
    seller: one(inv, 'cac:AccountingSupplierParty/cac:Party'),
    buyer: one(inv, 'cac:AccountingCustomerParty/cac:Party'),
    lines,
    totals: one(inv, 'cac:LegalMonetaryTotal'),
    subtotals: at(inv, 'cac:TaxTotal/cac:TaxSubtotal'),
    lineCats: lines.map((line) => ({ line, cat: at(line, 'cac:Item/cac:ClassifiedTaxCategory').find(isVat) })),
    currency: txt(inv, 'cbc:DocumentCurrencyCode'),
    sellerInSweden: txt(one(inv, 'cac:AccountingSupplierParty/cac:Party'), 'cac:PostalAddress/cac:Country/cbc:IdentificationCode') === 'SE',
  };
}

// ---------------------------------------------------------------------------
// The rules.

type Fail = (message: string, el?: El) => void;

interface Rule extends CheckedRule {
  readonly check: (doc: Doc, fail: Fail) => void;
}

const RULES: Rule[] = [];

function rule(id: string, severity: 'fatal' | 'warning', description: string, check: (doc: Doc, fail: Fail) => void): void {
  RULES.push({ id, severity, description, check });
}

/** A rule that an element at `path` (from the invoice) is there and not empty. */
function required(id: string, description: string, path: string, what: string): void {
  rule(id, 'fatal', description, (d, fail) => {
    if (!at(d.inv, path).some((e) => e.text !== '' || e.children.length > 0)) fail(`${what} saknas (${path})`, d.inv);
  });
}

// --- EN 16931: mandatory elements -----------------------------------------

required('BR-01', 'The specification identifier (BT-24, CustomizationID) is present.', 'cbc:CustomizationID', 'Specifikationsidentitet');
required('BR-02', 'The invoice number (BT-1) is present.', 'cbc:ID', 'Fakturanummer');
required('BR-03', 'The issue date (BT-2) is present.', 'cbc:IssueDate', 'Fakturadatum');
required('BR-04', 'The invoice type code (BT-3) is present.', 'cbc:InvoiceTypeCode', 'Fakturatypkod');
required('BR-05', 'The invoice currency code (BT-5) is present.', 'cbc:DocumentCurrencyCode', 'Valutakod');
required('BR-06', "The seller's legal name (BT-27) is present.", 'cac:AccountingSupplierParty/cac:Party/cac:PartyLegalEntity/cbc:RegistrationName', 'Säljarens namn');
required('BR-07', "The buyer's legal name (BT-44) is present.", 'cac:AccountingCustomerParty/cac:Party/cac:PartyLegalEntity/cbc:RegistrationName', 'Köparens namn');
required('BR-08', "The seller's postal address (BG-5) is present.", 'cac:AccountingSupplierParty/cac:Party/cac:PostalAddress', 'Säljarens postadress');
required('BR-09', "The seller's postal address has a country code (BT-40).", 'cac:AccountingSupplierParty/cac:Party/cac:PostalAddress/cac:Country/cbc:IdentificationCode', 'Säljarens landskod');
required('BR-10', "The buyer's postal address (BG-8) is present.", 'cac:AccountingCustomerParty/cac:Party/cac:PostalAddress', 'Köparens postadress');
required('BR-11', "The buyer's postal address has a country code (BT-55).", 'cac:AccountingCustomerParty/cac:Party/cac:PostalAddress/cac:Country/cbc:IdentificationCode', 'Köparens landskod');
required('BR-12', 'The sum of line net amounts (BT-106) is present.', 'cac:LegalMonetaryTotal/cbc:LineExtensionAmount', 'Summa radbelopp');
required('BR-13', 'The total without VAT (BT-109) is present.', 'cac:LegalMonetaryTotal/cbc:TaxExclusiveAmount', 'Summa utan moms');
required('BR-14', 'The total with VAT (BT-112) is present.', 'cac:LegalMonetaryTotal/cbc:TaxInclusiveAmount', 'Summa med moms');
required('BR-15', 'The amount due for payment (BT-115) is present.', 'cac:LegalMonetaryTotal/cbc:PayableAmount', 'Att betala');

rule('BR-16', 'fatal', 'The invoice has at least one line (BG-25).', (d, fail) => {
  if (d.lines.length === 0) fail('Fakturan saknar fakturarader', d.inv);
});

function eachLine(id: string, description: string, test: (line: El) => boolean, message: string): void {
  rule(id, 'fatal', description, (d, fail) => {
    for (const line of d.lines) if (!test(line)) fail(message, line);
  });
}

eachLine('BR-21', 'Each line has an identifier (BT-126).', (l) => txt(l, 'cbc:ID') !== '', 'Fakturaraden saknar radnummer');
eachLine('BR-22', 'Each line has an invoiced quantity (BT-129).', (l) => one(l, 'cbc:InvoicedQuantity') !== undefined, 'Fakturaraden saknar antal');
eachLine('BR-23', 'Each invoiced quantity has a unit of measure (BT-130).', (l) => one(l, 'cbc:InvoicedQuantity')?.attrs.has('unitCode') === true, 'Antalet saknar enhetskod (unitCode)');
eachLine('BR-24', 'Each line has a net amount (BT-131).', (l) => one(l, 'cbc:LineExtensionAmount') !== undefined, 'Fakturaraden saknar radbelopp');
eachLine('BR-25', 'Each line has an item name (BT-153).', (l) => txt(l, 'cac:Item/cbc:Name') !== '', 'Fakturaraden saknar artikelnamn');
eachLine('BR-26', 'Each line has an item net price (BT-146).', (l) => one(l, 'cac:Price/cbc:PriceAmount') !== undefined, 'Fakturaraden saknar pris');
eachLine('BR-27', 'The item net price (BT-146) is not negative.', (l) => !(num(one(l, 'cac:Price/cbc:PriceAmount'))?.isNegative() ?? false), 'Priset är negativt');
eachLine(
  'BR-CO-04',
  'Each line has a VAT category (BT-151) of the VAT scheme.',
  (l) => at(l, 'cac:Item/cac:ClassifiedTaxCategory').some((c) => isVat(c) && catId(c) !== ''),
  'Fakturaraden saknar momskategori',
);

// --- EN 16931: sums ---------------------------------------------------------

function amountAt(el: El | undefined, path: string): Dec | undefined {
  return num(one(el, path));
}

rule('BR-CO-10', 'fatal', 'The sum of line net amounts (BT-106) equals the sum of the lines (BT-131).', (d, fail) => {
  const stated = amountAt(d.totals, 'cbc:LineExtensionAmount');
  const sum = sumOf(d.lines.flatMap((l) => kids(l, 'cbc:LineExtensionAmount')));
  if (stated !== undefined && sum !== undefined && !stated.equals(sum)) {
    fail(`Summa radbelopp ${stated.toFixed()} är inte radernas summa ${sum.toFixed(2)}`, one(d.totals, 'cbc:LineExtensionAmount'));
  }
});

rule('BR-CO-13', 'fatal', 'The total without VAT (BT-109) equals the line sum less document allowances plus document charges.', (d, fail) => {
  const excl = amountAt(d.totals, 'cbc:TaxExclusiveAmount');
  const lines = amountAt(d.totals, 'cbc:LineExtensionAmount');
  if (excl === undefined || lines === undefined) return;
  const allowances = amountAt(d.totals, 'cbc:AllowanceTotalAmount') ?? new Dec(0);
  const charges = amountAt(d.totals, 'cbc:ChargeTotalAmount') ?? new Dec(0);
  const expected = round2(lines.minus(allowances).plus(charges));
  if (!excl.equals(expected)) fail(`Summa utan moms ${excl.toFixed()} ska vara ${expected.toFixed(2)}`, one(d.totals, 'cbc:TaxExclusiveAmount'));
});

rule('BR-CO-14', 'fatal', 'The total VAT (BT-110) equals the sum of the VAT breakdown amounts (BT-117).', (d, fail) => {
  for (const tt of kids(d.inv, 'cac:TaxTotal')) {
    const subs = kids(tt, 'cac:TaxSubtotal');
    if (subs.length === 0) continue;
    const stated = amountAt(tt, 'cbc:TaxAmount');
    const sum = sumOf(subs.flatMap((s) => kids(s, 'cbc:TaxAmount')));
    if (stated !== undefined && sum !== undefined && !stated.equals(sum)) fail(`Moms ${stated.toFixed()} är inte delsummornas ${sum.toFixed(2)}`, one(tt, 'cbc:TaxAmount'));
  }
});

rule('BR-CO-15', 'fatal', 'The total with VAT (BT-112) equals the total without VAT plus the total VAT, in the invoice currency.', (d, fail) => {
  const vat = kids(d.inv, 'cac:TaxTotal').flatMap((tt) => kids(tt, 'cbc:TaxAmount')).filter((t) => t.attrs.get('currencyID') === d.currency);
  if (vat.length !== 1) {
    fail(`Fakturan ska ha precis ett momsbelopp i fakturans valuta, har ${vat.length}`, d.inv);
    return;
  }
  const incl = amountAt(d.totals, 'cbc:TaxInclusiveAmount');
  const excl = amountAt(d.totals, 'cbc:TaxExclusiveAmount');
  const v = num(vat[0]);
  if (incl === undefined || excl === undefined || v === undefined) return;
  if (!incl.equals(round2(excl.plus(v)))) fail(`Summa med moms ${incl.toFixed()} ska vara ${round2(excl.plus(v)).toFixed(2)}`, one(d.totals, 'cbc:TaxInclusiveAmount'));
});

rule('BR-CO-16', 'fatal', 'The amount due (BT-115) equals the total with VAT less the paid amount plus the rounding amount.', (d, fail) => {
  const payable = amountAt(d.totals, 'cbc:PayableAmount');
  const incl = amountAt(d.totals, 'cbc:TaxInclusiveAmount');
  if (payable === undefined || incl === undefined) return;
  const prepaid = amountAt(d.totals, 'cbc:PrepaidAmount') ?? new Dec(0);
  const rounding = amountAt(d.totals, 'cbc:PayableRoundingAmount') ?? new Dec(0);
  const expected = round2(incl.minus(prepaid).plus(rounding));
  if (!payable.equals(expected)) fail(`Att betala ${payable.toFixed()} ska vara ${expected.toFixed(2)}`, one(d.totals, 'cbc:PayableAmount'));
});

rule('BR-CO-17', 'fatal', 'Each VAT breakdown amount (BT-117) is its taxable amount times its rate, rounded to two decimals (exact here).', (d, fail) => {
  for (const s of d.subtotals) {
    const rate = amountAt(one(s, 'cac:TaxCategory'), 'cbc:Percent');
    const taxable = amountAt(s, 'cbc:TaxableAmount');
    const tax = amountAt(s, 'cbc:TaxAmount');
    if (rate === undefined || taxable === undefined || tax === undefined) continue;
    const expected = round2(taxable.times(rate).dividedBy(100));
    if (!tax.equals(expected)) fail(`Moms ${tax.toFixed()} på ${taxable.toFixed()} med ${rate.toFixed()} % ska vara ${expected.toFixed(2)}`, s);
  }
});

rule('BR-CO-18', 'fatal', 'The invoice has at least one VAT breakdown (BG-23).', (d, fail) => {
  if (d.subtotals.length === 0) fail('Fakturan saknar momsspecifikation (TaxSubtotal)', d.inv);
});

rule('BR-CO-25', 'fatal', 'A positive amount due has a payment due date (BT-9) or payment terms (BT-20).', (d, fail) => {
  const payable = amountAt(d.totals, 'cbc:PayableAmount');
  if (payable === undefined || !payable.greaterThan(0)) return;
  if (txt(d.inv, 'cbc:DueDate') === '' && !at(d.inv, 'cac:PaymentTerms/cbc:Note').some((n) => n.text !== '')) {
    fail('Fakturan har belopp att betala men varken förfallodag eller betalningsvillkor', d.inv);
  }
});

rule('BR-CO-26', 'fatal', 'The seller is identified: an identifier (BT-29), a legal registration number (BT-30) or a VAT number (BT-31).', (d, fail) => {
  const ok =
    vatIds(d.seller).some((e) => e.text !== '') ||
    at(d.seller, 'cac:PartyIdentification/cbc:ID').some((e) => e.text !== '' && e.attrs.get('schemeID') !== 'SEPA') ||
    at(d.seller, 'cac:PartyLegalEntity/cbc:CompanyID').some((e) => e.text !== '');
  if (!ok) fail('Säljaren saknar identitet (organisationsnummer, momsnummer eller annan identitet)', d.seller ?? d.inv);
});

rule('BR-CO-09', 'fatal', 'A VAT number (BT-31, BT-48) begins with a two-letter country prefix (format only; the ISO 3166 list itself is not carried).', (d, fail) => {
  for (const id of [...vatIds(d.seller), ...vatIds(d.buyer)]) {
    if (!/^[A-Z]{2}/.test(id.text)) fail(`Momsnumret "${id.text}" börjar inte med en landskod`, id);
  }
});

// --- EN 16931: VAT breakdown --------------------------------------------------

function eachSubtotal(id: string, description: string, test: (s: El) => boolean, message: (s: El) => string): void {
  rule(id, 'fatal', description, (d, fail) => {
    for (const s of d.subtotals) if (!test(s)) fail(message(s), s);
  });
}

eachSubtotal('BR-45', 'Each VAT breakdown has a taxable amount (BT-116).', (s) => one(s, 'cbc:TaxableAmount') !== undefined, () => 'Momsspecifikationen saknar beskattningsunderlag');
eachSubtotal('BR-46', 'Each VAT breakdown has a VAT amount (BT-117).', (s) => one(s, 'cbc:TaxAmount') !== undefined, () => 'Momsspecifikationen saknar momsbelopp');
eachSubtotal(
  'BR-47',
  'Each VAT breakdown has a VAT category code (BT-118) of the VAT scheme.',
  (s) => isVat(one(s, 'cac:TaxCategory')) && catId(one(s, 'cac:TaxCategory')) !== '',
  () => 'Momsspecifikationen saknar momskategori',
);
eachSubtotal(
  'BR-48',
  'Each VAT breakdown has a rate (BT-119), except under category O.',
  (s) => catId(one(s, 'cac:TaxCategory')) === 'O' || one(s, 'cac:TaxCategory/cbc:Percent') !== undefined,
  () => 'Momsspecifikationen saknar momssats',
);

const UNCL5305 = new Set(['S', 'Z', 'E', 'AE', 'K', 'G', 'O', 'L', 'M', 'B']);
rule('BR-CL-17', 'fatal', 'A VAT breakdown category code is one of UNCL 5305 (S, Z, E, AE, K, G, O, L, M, B).', (d, fail) => {
  for (const s of d.subtotals) {
    const c = catId(one(s, 'cac:TaxCategory'));
    if (c !== '' && !UNCL5305.has(c)) fail(`Momskategorin "${c}" finns inte`, s);
  }
});
rule('BR-CL-18', 'fatal', 'A line VAT category code is one of UNCL 5305.', (d, fail) => {
  for (const { line, cat } of d.lineCats) {
    const c = catId(cat);
    if (c !== '' && !UNCL5305.has(c)) fail(`Momskategorin "${c}" finns inte`, line);
  }
});
rule('BR-CL-22', 'fatal', 'A VAT exemption reason code begins with VATEX- (format only; the VATEX list itself is not carried).', (d, fail) => {
  for (const s of d.subtotals) {
    const code = one(s, 'cac:TaxCategory/cbc:TaxExemptionReasonCode');
    if (code && !/^VATEX-[A-Z0-9-]+$/i.test(code.text)) fail(`Undantagskoden "${code.text}" är ingen VATEX-kod`, code);
  }
});

/** A category's group of rules: the breakdown's existence, the seller's VAT id, the line rate, the taxable amount, the VAT, the exemption reason. */
function categoryRules(cat: 'S' | 'E' | 'O', label: string): void {
  const ids = { S: ['01', '02', '05', '08', '09', '10'], E: ['01', '02', '05', '08', '09', '10'], O: ['01', '02', '05', '08', '09', '10'] }[cat];
  const [r1, r2, r5, r8, r9, r10] = ids.map((n) => `BR-${cat}-${n}`) as [string, string, string, string, string, string];

  rule(
    r1,
    'fatal',
    cat === 'S'
      ? `Lines of category S (${label}) go with at least one S breakdown, and an S breakdown with such lines.`
      : `Lines of category ${cat} (${label}) go with exactly one ${cat} breakdown, and a ${cat} breakdown with such lines.`,
    (d, fail) => {
      const n = subtotalsOf(d, cat).length;
      const hasLines = linesOf(d, cat).length > 0;
      if (hasLines && (cat === 'S' ? n === 0 : n !== 1)) fail(`Rader med momskategori ${cat} kräver ${cat === 'S' ? 'minst en' : 'precis en'} momsspecifikation ${cat}, fakturan har ${n}`, d.inv);
      if (!hasLines && n > 0) fail(`Momsspecifikation ${cat} utan rader med momskategori ${cat}`, d.inv);
    },
  );

  if (cat === 'O') {
    rule(r2, 'fatal', 'Lines of category O carry no VAT number of the seller, of a tax representative or of the buyer.', (d, fail) => {
      if (linesOf(d, 'O').length === 0) return;
      const rep = at(d.inv, 'cac:TaxRepresentativeParty/cac:PartyTaxScheme').filter(isVat);
      if (vatIds(d.seller).length > 0) fail('Säljarens momsnummer får inte anges när fakturan inte omfattas av moms (O)', vatIds(d.seller)[0]);
      if (vatIds(d.buyer).length > 0) fail('Köparens momsnummer får inte anges när fakturan inte omfattas av moms (O)', vatIds(d.buyer)[0]);
      if (rep.length > 0) fail('Skatteombudets momsnummer får inte anges när fakturan inte omfattas av moms (O)', rep[0]);
    });
  } else {
    rule(r2, 'fatal', `Lines of category ${cat} need the seller's VAT number or tax registration (or a tax representative's VAT number).`, (d, fail) => {
      if (linesOf(d, cat).length === 0) return;
      const sellerIds = at(d.seller, 'cac:PartyTaxScheme/cbc:CompanyID').filter((e) => e.text !== '');
      const rep = at(d.inv, 'cac:TaxRepresentativeParty/cac:PartyTaxScheme').filter(isVat);
      if (sellerIds.length === 0 && rep.length === 0) fail(`Rader med momskategori ${cat} kräver säljarens momsregistreringsnummer`, d.seller ?? d.inv);
    });
  }

  rule(
    r5,
    'fatal',
    cat === 'S' ? 'A line of category S has a rate above zero.' : cat === 'E' ? 'A line of category E has the rate 0.' : 'A line of category O has no rate.',
    (d, fail) => {
      for (const { line, cat: c } of d.lineCats) {
        if (catId(c) !== cat) continue;
        const p = one(c, 'cbc:Percent');
        const rate = num(p);
        if (cat === 'S' && !(rate?.greaterThan(0) ?? false)) fail('Raden har momskategori S men ingen momssats över noll', line);
        if (cat === 'E' && !(rate?.isZero() ?? false)) fail('Raden har momskategori E men momssatsen är inte 0', line);
        if (cat === 'O' && p !== undefined) fail('Raden har momskategori O men anger en momssats', line);
      }
    },
  );

  rule(
    r8,
    'fatal',
    `The taxable amount of a ${cat} breakdown${cat === 'S' ? ' (per rate)' : ''} equals the sum of its lines (no allowances or charges in andel's invoices; exact).`,
    (d, fail) => {
      for (const s of subtotalsOf(d, cat)) {
        const taxable = amountAt(s, 'cbc:TaxableAmount');
        const rate = amountAt(one(s, 'cac:TaxCategory'), 'cbc:Percent');
        const lines = d.lineCats
          .filter(({ cat: c }) => catId(c) === cat && (cat !== 'S' || (rate !== undefined && (num(one(c, 'cbc:Percent'))?.equals(rate) ?? false))))
          .flatMap(({ line }) => kids(line, 'cbc:LineExtensionAmount'));
        const sum = sumOf(lines);
        if (taxable !== undefined && sum !== undefined && !taxable.equals(sum)) {
          fail(`Beskattningsunderlaget ${taxable.toFixed()} för kategori ${cat} är inte radernas summa ${sum.toFixed(2)}`, s);
        }
      }
    },
  );

  rule(
    r9,
    'fatal',
    cat === 'S' ? 'The VAT of an S breakdown is its taxable amount times its rate, rounded to two decimals (exact).' : `The VAT of a ${cat} breakdown is 0.`,
    (d, fail) => {
      for (const s of subtotalsOf(d, cat)) {
        const tax = amountAt(s, 'cbc:TaxAmount');
        if (tax === undefined) continue;
        if (cat !== 'S') {
          if (!tax.isZero()) fail(`Momsbeloppet för kategori ${cat} ska vara 0, är ${tax.toFixed()}`, s);
          continue;
        }
        const taxable = amountAt(s, 'cbc:TaxableAmount');
        const rate = amountAt(one(s, 'cac:TaxCategory'), 'cbc:Percent');
        if (taxable === undefined || rate === undefined) continue;
        const expected = round2(taxable.abs().times(rate).dividedBy(100));
        if (!tax.abs().equals(expected)) fail(`Momsbeloppet ${tax.toFixed()} ska vara ${expected.toFixed(2)}`, s);
      }
    },
  );

  rule(
    r10,
    'fatal',
    cat === 'S' ? 'An S breakdown has no VAT exemption reason or code.' : `A ${cat} breakdown has a VAT exemption reason (BT-120) or code (BT-121).`,
    (d, fail) => {
      for (const s of subtotalsOf(d, cat)) {
        const c = one(s, 'cac:TaxCategory');
        const has = one(c, 'cbc:TaxExemptionReason') !== undefined || one(c, 'cbc:TaxExemptionReasonCode') !== undefined;
        if (cat === 'S' && has) fail('Momsspecifikation S får inte ange undantagsskäl', s);
        if (cat !== 'S' && !has) fail(`Momsspecifikation ${cat} saknar undantagsskäl`, s);
      }
    },
  );
}

categoryRules('S', 'standard rated');
categoryRules('E', 'exempt from VAT');
categoryRules('O', 'not subject to VAT');

rule('BR-O-11', 'fatal', 'An invoice with an O breakdown has no other VAT breakdown.', (d, fail) => {
  if (subtotalsOf(d, 'O').length > 0 && d.subtotals.some((s) => catId(one(s, 'cac:TaxCategory')) !== 'O')) {
    fail('En faktura med momskategori O får inte ha andra momsspecifikationer', d.inv);
  }
});
rule('BR-O-12', 'fatal', 'An invoice with an O breakdown has no line of another VAT category.', (d, fail) => {
  if (subtotalsOf(d, 'O').length === 0) return;
  for (const { line, cat } of d.lineCats) if (catId(cat) !== 'O') fail('En faktura med momskategori O får inte ha rader med annan momskategori', line);
});

// --- EN 16931: payment ---------------------------------------------------------

rule('BR-49', 'fatal', 'Each payment instruction has a payment means code (BT-81).', (d, fail) => {
  for (const pm of kids(d.inv, 'cac:PaymentMeans')) if (txt(pm, 'cbc:PaymentMeansCode') === '') fail('Betalningssättet saknar kod', pm);
});
rule('BR-50', 'fatal', 'A credit transfer account (BG-17) has an account identifier (BT-84).', (d, fail) => {
  for (const fa of at(d.inv, 'cac:PaymentMeans/cac:PayeeFinancialAccount')) if (txt(fa, 'cbc:ID') === '') fail('Betalkontot saknar kontonummer', fa);
});
rule('BR-61', 'fatal', 'A credit transfer (codes 30, 58) names the account to pay to (BT-84).', (d, fail) => {
  for (const pm of kids(d.inv, 'cac:PaymentMeans')) {
    const code = txt(pm, 'cbc:PaymentMeansCode');
    if ((code === '30' || code === '58') && txt(pm, 'cac:PayeeFinancialAccount/cbc:ID') === '') fail(`Betalningssätt ${code} saknar kontonummer`, pm);
  }
});
rule('BR-CL-16', 'fatal', 'A payment means code has the form of a UNCL 4461 code (format only; the list itself is not carried).', (d, fail) => {
  for (const c of at(d.inv, 'cac:PaymentMeans/cbc:PaymentMeansCode')) if (!/^(\d{1,2}|ZZZ)$/.test(c.text)) fail(`Betalningssättskoden "${c.text}" är ogiltig`, c);
});

// --- EN 16931: electronic addresses, code lists ---------------------------------

rule('BR-62', 'fatal', "The seller's electronic address (BT-34) has a scheme identifier.", (d, fail) => {
  const e = one(d.seller, 'cbc:EndpointID');
  if (e && !e.attrs.has('schemeID')) fail('Säljarens elektroniska adress saknar schemeID', e);
});
rule('BR-63', 'fatal', "The buyer's electronic address (BT-49) has a scheme identifier.", (d, fail) => {
  const e = one(d.buyer, 'cbc:EndpointID');
  if (e && !e.attrs.has('schemeID')) fail('Köparens elektroniska adress saknar schemeID', e);
});

/** A party identifier, `cac:PartyIdentification/cbc:ID` (the n-th of several too). */
function isPartyIdentifier(e: El): boolean {
  return e.name === 'cbc:ID' && /\/cac:PartyIdentification(\[\d+\])?\/cbc:ID$/.test(e.path);
}

/** The identifier schemes andel knows: 0007 Swedish organisation number, 0088 GS1 GLN (a subset of the ISO 6523 ICD and CEF EAS lists). */
const KNOWN_SCHEMES = new Set(['0007', '0088']);

rule('BR-CL-10', 'fatal', 'A party identifier scheme (BT-29, BT-46) is an ISO 6523 ICD code (subset: 0007, 0088).', (d, fail) => {
  for (const id of descendants(d.inv).filter(isPartyIdentifier)) {
    const s = id.attrs.get('schemeID');
    if (s !== undefined && !KNOWN_SCHEMES.has(s)) fail(`Identitetsschemat "${s}" stöds inte (0007 eller 0088)`, id);
  }
});
rule('BR-CL-11', 'fatal', 'A legal registration scheme (BT-30, BT-47) is an ISO 6523 ICD code (subset: 0007, 0088).', (d, fail) => {
  for (const id of at(d.inv, 'cac:AccountingSupplierParty/cac:Party/cac:PartyLegalEntity/cbc:CompanyID').concat(at(d.inv, 'cac:AccountingCustomerParty/cac:Party/cac:PartyLegalEntity/cbc:CompanyID'))) {
    const s = id.attrs.get('schemeID');
    if (s !== undefined && !KNOWN_SCHEMES.has(s)) fail(`Registreringsschemat "${s}" stöds inte (0007 eller 0088)`, id);
  }
});
rule('PEPPOL-EN16931-CL008', 'fatal', 'An electronic address scheme is from the EAS list (subset: 0007, 0088); also BR-CL-25.', (d, fail) => {
  for (const e of [one(d.seller, 'cbc:EndpointID'), one(d.buyer, 'cbc:EndpointID')]) {
    const s = e?.attrs.get('schemeID');
    if (e && s !== undefined && !KNOWN_SCHEMES.has(s)) fail(`Adressschemat "${s}" stöds inte (0007 eller 0088)`, e);
  }
});
rule('BR-CL-14', 'fatal', 'A country code has the form of ISO 3166-1 alpha-2 (format only).', (d, fail) => {
  for (const c of descendants(d.inv).filter((e) => e.name === 'cbc:IdentificationCode' && e.path.endsWith('cac:Country/cbc:IdentificationCode'))) {
    if (!/^[A-Z]{2}$/.test(c.text)) fail(`Landskoden "${c.text}" är ogiltig`, c);
  }
});
rule('BR-CL-04', 'fatal', 'The invoice currency code has the form of ISO 4217 alpha-3 (format only).', (d, fail) => {
  const c = one(d.inv, 'cbc:DocumentCurrencyCode');
  if (c && !/^[A-Z]{3}$/.test(c.text)) fail(`Valutakoden "${c.text}" är ogiltig`, c);
});
rule('BR-CL-23', 'fatal', 'A unit code has the form of a UN/ECE Rec 20/21 code (format only).', (d, fail) => {
  for (const q of at(d.inv, 'cac:InvoiceLine/cbc:InvoicedQuantity')) {
    const u = q.attrs.get('unitCode');
    if (u !== undefined && !/^[A-Z0-9]{2,3}$/.test(u)) fail(`Enhetskoden "${u}" är ogiltig`, q);
  }
});

// --- EN 16931: decimals --------------------------------------------------------

/** BR-DEC rules by the amount's place in the document. */
const DEC_RULES: ReadonlyArray<readonly [string, string, string]> = [
  ['BR-DEC-09', 'cac:LegalMonetaryTotal/cbc:LineExtensionAmount', 'sum of line net amounts (BT-106)'],
  ['BR-DEC-10', 'cac:LegalMonetaryTotal/cbc:AllowanceTotalAmount', 'sum of allowances (BT-107)'],
  ['BR-DEC-11', 'cac:LegalMonetaryTotal/cbc:ChargeTotalAmount', 'sum of charges (BT-108)'],
  ['BR-DEC-12', 'cac:LegalMonetaryTotal/cbc:TaxExclusiveAmount', 'total without VAT (BT-109)'],
  ['BR-DEC-13', 'cac:TaxTotal/cbc:TaxAmount', 'total VAT (BT-110)'],
  ['BR-DEC-14', 'cac:LegalMonetaryTotal/cbc:TaxInclusiveAmount', 'total with VAT (BT-112)'],
  ['BR-DEC-16', 'cac:LegalMonetaryTotal/cbc:PrepaidAmount', 'paid amount (BT-113)'],
  ['BR-DEC-17', 'cac:LegalMonetaryTotal/cbc:PayableRoundingAmount', 'rounding amount (BT-114)'],
  ['BR-DEC-18', 'cac:LegalMonetaryTotal/cbc:PayableAmount', 'amount due (BT-115)'],
  ['BR-DEC-19', 'cac:TaxTotal/cac:TaxSubtotal/cbc:TaxableAmount', 'VAT category taxable amount (BT-116)'],
  ['BR-DEC-20', 'cac:TaxTotal/cac:TaxSubtotal/cbc:TaxAmount', 'VAT category tax amount (BT-117)'],
  ['BR-DEC-23', 'cac:InvoiceLine/cbc:LineExtensionAmount', 'line net amount (BT-131)'],
];
for (const [id, path, what] of DEC_RULES) {
  rule(id, 'fatal', `The ${what} has at most two decimals.`, (d, fail) => {
    for (const e of at(d.inv, path)) if ((e.text.split('.')[1] ?? '').length > 2) fail(`Beloppet ${e.text} har fler än två decimaler`, e);
  });
}

// --- Peppol BIS Billing 3.0 --------------------------------------------------------

rule('PEPPOL-EN16931-R001', 'fatal', 'The business process (ProfileID) is present.', (d, fail) => {
  if (txt(d.inv, 'cbc:ProfileID') === '') fail('Affärsprocess (ProfileID) saknas', d.inv);
});
rule('PEPPOL-EN16931-R002', 'fatal', 'At most one note on document level (Swedish parties).', (d, fail) => {
  const notes = kids(d.inv, 'cbc:Note');
  if (notes.length > 1) fail(`Fakturan har ${notes.length} anteckningar (Note), högst en är tillåten`, notes[1]);
});
rule('PEPPOL-EN16931-R003', 'fatal', "A buyer reference (BT-10) or a purchase order reference (BT-13) is present.", (d, fail) => {
  if (txt(d.inv, 'cbc:BuyerReference') === '' && txt(d.inv, 'cac:OrderReference/cbc:ID') === '') fail('Köparens referens (BuyerReference) eller ordernummer saknas', d.inv);
});
rule('PEPPOL-EN16931-R004', 'fatal', 'The specification identifier is that of Peppol BIS Billing 3.0.', (d, fail) => {
  const c = one(d.inv, 'cbc:CustomizationID');
  if (!(c?.text.startsWith(PEPPOL_CUSTOMIZATION_ID) ?? false)) fail(`Specifikationsidentiteten är inte Peppol BIS Billing 3.0: "${c?.text ?? ''}"`, c ?? d.inv);
});
rule('PEPPOL-EN16931-R007', 'fatal', "The business process has the form urn:fdc:peppol.eu:2017:poacc:billing:NN:1.0.", (d, fail) => {
  const p = one(d.inv, 'cbc:ProfileID');
  if (p && !/^urn:fdc:peppol\.eu:2017:poacc:billing:\d{2}:1\.0$/.test(p.text)) fail(`Affärsprocessen "${p.text}" har fel form`, p);
});
rule('PEPPOL-EN16931-R008', 'fatal', 'No element is empty.', (d, fail) => {
  for (const e of descendants(d.inv)) if (e.children.length === 0 && e.text === '') fail(`Elementet ${e.name} är tomt`, e);
});
rule('PEPPOL-EN16931-R010', 'fatal', "The buyer's electronic address (BT-49) is present.", (d, fail) => {
  if (d.buyer && one(d.buyer, 'cbc:EndpointID') === undefined) fail('Köparens elektroniska adress (EndpointID) saknas', d.buyer);
});
rule('PEPPOL-EN16931-R020', 'fatal', "The seller's electronic address (BT-34) is present.", (d, fail) => {
  if (d.seller && one(d.seller, 'cbc:EndpointID') === undefined) fail('Säljarens elektroniska adress (EndpointID) saknas', d.seller);
});

const AMOUNT_NAMES = new Set([
  'cbc:Amount', 'cbc:BaseAmount', 'cbc:PriceAmount', 'cbc:TaxAmount', 'cbc:TaxableAmount', 'cbc:LineExtensionAmount',
  'cbc:TaxExclusiveAmount', 'cbc:TaxInclusiveAmount', 'cbc:AllowanceTotalAmount', 'cbc:ChargeTotalAmount',
  'cbc:PrepaidAmount', 'cbc:PayableRoundingAmount', 'cbc:PayableAmount',
]);

function amounts(d: Doc): El[] {
  return descendants(d.inv).filter((e) => AMOUNT_NAMES.has(e.name));
}

rule('PEPPOL-EN16931-R051', 'fatal', 'Every amount is in the invoice currency (currencyID equals BT-5), but the VAT total in accounting currency (BT-111).', (d, fail) => {
  const inTaxCurrency = new Set(kids(d.inv, 'cac:TaxTotal').filter((tt) => kids(tt, 'cac:TaxSubtotal').length === 0).flatMap((tt) => kids(tt, 'cbc:TaxAmount')));
  for (const a of amounts(d)) {
    if (inTaxCurrency.has(a)) continue;
    const c = a.attrs.get('currencyID');
    if (c !== d.currency) fail(`Beloppet har valuta "${c ?? ''}" men fakturan ${d.currency}`, a);
  }
});
rule('PEPPOL-EN16931-CL007', 'fatal', 'A currencyID has the form of an ISO 4217 code (format only); also BR-CL-03.', (d, fail) => {
  for (const a of amounts(d)) {
    const c = a.attrs.get('currencyID');
    if (c !== undefined && !/^[A-Z]{3}$/.test(c)) fail(`Valutakoden "${c}" är ogiltig`, a);
  }
});
rule('PEPPOL-EN16931-R053', 'fatal', 'Exactly one tax total carries the VAT breakdown.', (d, fail) => {
  const n = kids(d.inv, 'cac:TaxTotal').filter((tt) => kids(tt, 'cac:TaxSubtotal').length > 0).length;
  if (n !== 1) fail(`Fakturan ska ha precis en TaxTotal med momsspecifikation, har ${n}`, d.inv);
});
rule('PEPPOL-EN16931-R054', 'fatal', 'A tax total without breakdown appears only with a tax currency (BT-6).', (d, fail) => {
  const n = kids(d.inv, 'cac:TaxTotal').filter((tt) => kids(tt, 'cac:TaxSubtotal').length === 0).length;
  const expected = one(d.inv, 'cbc:TaxCurrencyCode') ? 1 : 0;
  if (n !== expected) fail(`Fakturan har ${n} TaxTotal utan momsspecifikation, ska ha ${expected}`, d.inv);
});
rule('PEPPOL-EN16931-R120', 'fatal', 'A line net amount equals quantity times price divided by base quantity (exact; no line allowances or charges).', (d, fail) => {
  for (const line of d.lines) {
    const net = amountAt(line, 'cbc:LineExtensionAmount');
    const qty = amountAt(line, 'cbc:InvoicedQuantity') ?? (one(line, 'cbc:InvoicedQuantity') ? undefined : new Dec(1));
    const price = amountAt(line, 'cac:Price/cbc:PriceAmount') ?? (one(line, 'cac:Price/cbc:PriceAmount') ? undefined : new Dec(0));
    const baseRaw = amountAt(line, 'cac:Price/cbc:BaseQuantity');
    const base = baseRaw === undefined || baseRaw.isZero() ? new Dec(1) : baseRaw;
    if (net === undefined || qty === undefined || price === undefined) continue;
    const expected = qty.times(price.dividedBy(base));
    if (!net.equals(expected)) fail(`Radbeloppet ${net.toFixed()} är inte antal × pris = ${expected.toFixed()}`, line);
  }
});
rule('PEPPOL-EN16931-R121', 'fatal', 'A price base quantity, when given, is above zero.', (d, fail) => {
  for (const b of at(d.inv, 'cac:InvoiceLine/cac:Price/cbc:BaseQuantity')) if (!(num(b)?.greaterThan(0) ?? false)) fail('Prisets basantal ska vara större än noll', b);
});
rule('PEPPOL-EN16931-R130', 'fatal', 'A price base quantity has the unit of the invoiced quantity.', (d, fail) => {
  for (const line of d.lines) {
    const b = one(line, 'cac:Price/cbc:BaseQuantity');
    const q = one(line, 'cbc:InvoicedQuantity');
    if (b?.attrs.has('unitCode') && q && b.attrs.get('unitCode') !== q.attrs.get('unitCode')) fail('Prisets basantal har annan enhet än antalet', b);
  }
});
rule('PEPPOL-EN16931-P0100', 'fatal', 'The invoice type code is allowed in profile 01 (subset: 380, the commercial invoice andel writes); also BR-CL-01.', (d, fail) => {
  const c = one(d.inv, 'cbc:InvoiceTypeCode');
  if (c && c.text !== '380') fail(`Fakturatypkoden "${c.text}" stöds inte (andel skriver 380)`, c);
});
rule('PEPPOL-EN16931-F001', 'fatal', 'A date is a real date written YYYY-MM-DD.', (d, fail) => {
  const names = new Set(['cbc:IssueDate', 'cbc:DueDate', 'cbc:TaxPointDate', 'cbc:StartDate', 'cbc:EndDate', 'cbc:ActualDeliveryDate']);
  for (const e of descendants(d.inv)) if (names.has(e.name) && !validDate(e.text)) fail(`Datumet "${e.text}" är inte ett datum ÅÅÅÅ-MM-DD`, e);
});

function schemeIds(d: Doc, scheme: string): El[] {
  return descendants(d.inv).filter(
    (e) =>
      e.attrs.get('schemeID') === scheme &&
      (e.name === 'cbc:EndpointID' || e.name === 'cbc:CompanyID' || isPartyIdentifier(e)),
  );
}

rule('PEPPOL-COMMON-R049', 'fatal', 'A Swedish organisation number (scheme 0007) is ten digits with a valid Luhn check digit.', (d, fail) => {
  for (const e of schemeIds(d, '0007')) if (!/^\d{10}$/.test(e.text) || !luhnValid(e.text)) fail(`"${e.text}" är inget giltigt organisationsnummer (tio siffror, kontrollsiffra)`, e);
});
rule('PEPPOL-COMMON-R040', 'fatal', 'A GLN (scheme 0088) is thirteen digits with a valid GS1 check digit.', (d, fail) => {
  for (const e of schemeIds(d, '0088')) if (!glnOk(e.text)) fail(`"${e.text}" är inget giltigt GLN`, e);
});

// --- UBL syntax (CEN's binding) ------------------------------------------------------

rule('UBL-SR-05', 'fatal', 'Payment terms occur at most once.', (d, fail) => {
  const t = kids(d.inv, 'cac:PaymentTerms');
  if (t.length > 1) fail('Betalningsvillkor (PaymentTerms) får förekomma högst en gång', t[1]);
});
rule('UBL-SR-09', 'fatal', "The seller's name (PartyName) occurs at most once.", (d, fail) => {
  if (kids(d.seller, 'cac:PartyName').length > 1) fail('Säljarens namn får förekomma högst en gång', d.seller);
});
rule('UBL-SR-15', 'fatal', "The buyer's name (PartyName) occurs at most once.", (d, fail) => {
  if (kids(d.buyer, 'cac:PartyName').length > 1) fail('Köparens namn får förekomma högst en gång', d.buyer);
});
rule('UBL-SR-12', 'fatal', "The seller's VAT number occurs at most once.", (d, fail) => {
  if (vatIds(d.seller).length > 1) fail('Säljarens momsnummer får förekomma högst en gång', d.seller);
});
rule('UBL-SR-18', 'fatal', "The buyer's VAT number occurs at most once.", (d, fail) => {
  if (vatIds(d.buyer).length > 1) fail('Köparens momsnummer får förekomma högst en gång', d.buyer);
});
rule('UBL-SR-44', 'fatal', 'All payment means carry the same payment id (the OCR).', (d, fail) => {
  const ids = new Set(at(d.inv, 'cac:PaymentMeans/cbc:PaymentID').map((e) => e.text));
  if (ids.size > 1) fail(`Fakturan har ${ids.size} olika betalningsreferenser, högst en är tillåten`, d.inv);
});
rule('UBL-SR-47', 'fatal', 'All payment means have the same code.', (d, fail) => {
  const codes = new Set(at(d.inv, 'cac:PaymentMeans/cbc:PaymentMeansCode').map((e) => e.text));
  if (codes.size > 1) fail('Betalningssätten har olika koder', d.inv);
});
rule('UBL-SR-48', 'fatal', 'Each line has exactly one classified tax category.', (d, fail) => {
  for (const line of d.lines) {
    const n = at(line, 'cac:Item/cac:ClassifiedTaxCategory').length;
    if (n !== 1) fail(`Fakturaraden har ${n} momskategorier, ska ha en`, line);
  }
});
rule('UBL-SR-51', 'fatal', 'An address has at most one third address line.', (d, fail) => {
  for (const a of descendants(d.inv).filter((e) => e.name === 'cac:PostalAddress')) {
    if (kids(a, 'cac:AddressLine').length > 1) fail('Adressen har mer än en tredje adressrad', a);
  }
});
rule('UBL-SR-53', 'fatal', 'A party tax scheme states the company id (the VAT number).', (d, fail) => {
  for (const p of [...kids(d.seller, 'cac:PartyTaxScheme'), ...kids(d.buyer, 'cac:PartyTaxScheme')]) {
    if (txt(p, 'cbc:CompanyID') === '') fail('Skatteregistreringen saknar nummer (CompanyID)', p);
  }
});

// --- Swedish national rules (seller in Sweden) --------------------------------------

function sellerSeVatIds(d: Doc): El[] {
  return d.sellerInSweden ? vatIds(d.seller).filter((e) => e.text.startsWith('SE')) : [];
}

rule('SE-R-001', 'fatal', "A Swedish seller's Swedish VAT number has 14 characters.", (d, fail) => {
  for (const v of sellerSeVatIds(d)) if (v.text.length !== 14) fail(`Momsnumret "${v.text}" har inte 14 tecken`, v);
});
rule('SE-R-002', 'fatal', "A Swedish seller's Swedish VAT number ends in twelve digits.", (d, fail) => {
  for (const v of sellerSeVatIds(d)) if (!/^\d{12}$/.test(v.text.slice(2, 14))) fail(`Momsnumret "${v.text}" slutar inte med tolv siffror`, v);
});

function sellerOrgNumbers(d: Doc): El[] {
  return d.sellerInSweden ? kids(one(d.seller, 'cac:PartyLegalEntity'), 'cbc:CompanyID') : [];
}

rule('SE-R-003', 'fatal', "A Swedish seller's organisation number is numeric.", (d, fail) => {
  for (const o of sellerOrgNumbers(d)) if (!/^\d+$/.test(o.text)) fail(`Organisationsnumret "${o.text}" ska bara ha siffror`, o);
});
rule('SE-R-004', 'fatal', "A Swedish seller's organisation number has ten characters.", (d, fail) => {
  for (const o of sellerOrgNumbers(d)) if (o.text.length !== 10) fail(`Organisationsnumret "${o.text}" har inte tio tecken`, o);
});
rule('SE-R-013', 'fatal', "A Swedish seller's organisation number has a valid Luhn check digit.", (d, fail) => {
  for (const o of sellerOrgNumbers(d)) if (!luhnValid(o.text.slice(0, 10))) fail(`Organisationsnumret "${o.text}" har fel kontrollsiffra`, o);
});
rule('SE-R-005', 'fatal', "A Swedish seller's tax registration other than VAT states 'Godkänd för F-skatt'.", (d, fail) => {
  if (!d.sellerInSweden) return;
  for (const p of kids(d.seller, 'cac:PartyTaxScheme').filter((p) => !isVat(p))) {
    const id = txt(p, 'cbc:CompanyID');
    if (id.toUpperCase() !== 'GODKÄND FÖR F-SKATT') fail(`Skatteregistreringen "${id}" ska vara "Godkänd för F-skatt"`, p);
  }
});
rule('SE-R-006', 'fatal', 'A Swedish VAT-registered seller uses the rates 25, 12 or 6 under category S.', (d, fail) => {
  if (sellerSeVatIds(d).length === 0) return;
  const cats = [...d.subtotals.map((s) => one(s, 'cac:TaxCategory')), ...d.lineCats.map((lc) => lc.cat)];
  for (const c of cats) {
    if (catId(c) !== 'S') continue;
    const r = num(one(c, 'cbc:Percent'));
    if (!(r !== undefined && (r.equals(25) || r.equals(12) || r.equals(6)))) fail(`Momssatsen ${txt(c, 'cbc:Percent')} finns inte i Sverige (25, 12 eller 6)`, c);
  }
});

function giroAccounts(d: Doc, branch: string): El[] {
  if (!d.sellerInSweden) return [];
  return kids(d.inv, 'cac:PaymentMeans')
    .filter((pm) => txt(pm, 'cbc:PaymentMeansCode') === '30' && txt(pm, 'cac:PayeeFinancialAccount/cac:FinancialInstitutionBranch/cbc:ID') === branch)
    .flatMap((pm) => at(pm, 'cac:PayeeFinancialAccount/cbc:ID'));
}

rule('SE-R-007', 'warning', 'A plusgiro account (SE:PLUSGIRO) is numeric.', (d, fail) => {
  for (const a of giroAccounts(d, 'SE:PLUSGIRO')) if (!/^\d+$/.test(a.text)) fail(`Plusgironumret "${a.text}" ska bara ha siffror`, a);
});
rule('SE-R-010', 'warning', 'A plusgiro account has 2 to 8 characters.', (d, fail) => {
  for (const a of giroAccounts(d, 'SE:PLUSGIRO')) if (a.text.length < 2 || a.text.length > 8) fail(`Plusgironumret "${a.text}" ska ha 2–8 siffror`, a);
});
rule('SE-R-008', 'warning', 'A bankgiro account (SE:BANKGIRO) is numeric.', (d, fail) => {
  for (const a of giroAccounts(d, 'SE:BANKGIRO')) if (!/^\d+$/.test(a.text)) fail(`Bankgironumret "${a.text}" ska bara ha siffror`, a);
});
rule('SE-R-009', 'warning', 'A bankgiro account has 7 or 8 characters.', (d, fail) => {
  for (const a of giroAccounts(d, 'SE:BANKGIRO')) if (a.text.length !== 7 && a.text.length !== 8) fail(`Bankgironumret "${a.text}" ska ha 7 eller 8 siffror`, a);
});
rule('SE-R-011', 'warning', 'A Swedish seller paid by bankgiro or plusgiro uses code 30 with SE:BANKGIRO or SE:PLUSGIRO, not codes 50 or 56.', (d, fail) => {
  if (!d.sellerInSweden) return;
  for (const c of at(d.inv, 'cac:PaymentMeans/cbc:PaymentMeansCode')) if (c.text === '50' || c.text === '56') fail(`Betalningssätt ${c.text}: använd kod 30 med SE:BANKGIRO eller SE:PLUSGIRO`, c);
});
rule('SE-R-012', 'warning', 'Between Swedish parties a credit transfer is code 30, not 31.', (d, fail) => {
  const buyerSe = txt(d.buyer, 'cac:PostalAddress/cac:Country/cbc:IdentificationCode') === 'SE';
  if (!d.sellerInSweden || !buyerSe) return;
  for (const c of at(d.inv, 'cac:PaymentMeans/cbc:PaymentMeansCode')) if (c.text === '31') fail('Inrikes betalning ska ha betalningssätt 30, inte 31', c);
});

// --- andel's own ---------------------------------------------------------------------

rule('ANDEL-ORDER', 'fatal', 'The elements of the invoice, its parties, payment, VAT, totals and lines appear in the order and number the UBL 2.1 schema allows (in place of XSD validation).', (d, fail) => {
  const visit = (el: El): void => {
    const slots = UBL_SEQUENCES.get(el.name);
    if (slots !== undefined) {
      const counts = new Array<number>(slots.length).fill(0);
      let pos = 0;
      for (const child of el.children) {
        const j = slots.findIndex((s, i) => i >= pos && s.name === child.name);
        if (j === -1) {
          const earlier = slots.findIndex((s) => s.name === child.name);
          if (earlier === -1) fail(`${child.name} hör inte hemma i ${el.name} enligt UBL 2.1`, child);
          else fail(`${child.name} står efter ${slots[pos]?.name ?? 'sitt slut'} men ska stå före enligt UBL 2.1`, child);
          continue;
        }
        pos = j;
        counts[j] = (counts[j] ?? 0) + 1;
        if ((counts[j] ?? 0) > slots[j]!.max) fail(`${child.name} förekommer fler gånger än UBL 2.1 tillåter (högst ${slots[j]!.max})`, child);
      }
      slots.forEach((s, i) => {
        if ((counts[i] ?? 0) < s.min) fail(`${s.name} saknas i ${el.name} (krävs av UBL 2.1)`, el);
      });
    }
    for (const c of el.children) visit(c);
  };
  visit(d.inv);
});

rule('ANDEL-AMOUNT', 'fatal', 'Every amount is a decimal with exactly two decimals, as andel writes it from whole öre.', (d, fail) => {
  for (const a of amounts(d)) if (!/^-?\d+\.\d{2}$/.test(a.text)) fail(`Beloppet "${a.text}" är inte skrivet med två decimaler`, a);
});

rule('ANDEL-OCR', 'fatal', 'The payment id of a credit transfer is an OCR reference: 2 to 25 digits with a valid Luhn check digit.', (d, fail) => {
  const means = kids(d.inv, 'cac:PaymentMeans').filter((pm) => txt(pm, 'cbc:PaymentMeansCode') === '30');
  if (means.length === 0) fail('Fakturan saknar betalningssätt 30 (kontoinsättning) med OCR-nummer', d.inv);
  for (const pm of means) {
    const id = one(pm, 'cbc:PaymentID');
    if (id === undefined) fail('Betalningssättet saknar OCR-nummer (PaymentID)', pm);
    else if (!/^\d{2,25}$/.test(id.text) || !luhnValid(id.text)) fail(`OCR-numret "${id.text}" har fel form eller kontrollsiffra`, id);
  }
});

rule('ANDEL-GIRO', 'fatal', 'A bankgiro or plusgiro account has a valid Luhn check digit.', (d, fail) => {
  for (const a of [...giroAccounts(d, 'SE:BANKGIRO'), ...giroAccounts(d, 'SE:PLUSGIRO')]) {
    if (/^\d+$/.test(a.text) && !luhnValid(a.text)) fail(`Gironumret "${a.text}" har fel kontrollsiffra`, a);
  }
});

rule('ANDEL-VAT-SE', 'fatal', "A Swedish VAT number is SE, the party's own organisation number, and 01.", (d, fail) => {
  for (const party of [d.seller, d.buyer]) {
    const org = txt(party, 'cac:PartyLegalEntity/cbc:CompanyID');
    for (const v of vatIds(party).filter((e) => e.text.startsWith('SE'))) {
      if (v.text !== `SE${org}01`) fail(`Momsnumret "${v.text}" ska vara SE${org}01`, v);
    }
  }
});

/** Elements andel never writes, whose rules are not checked here: their presence is reported, not passed in silence. */
const OUT_OF_SCOPE = [
  'cac:AllowanceCharge', 'cac:InvoicePeriod', 'cac:Delivery', 'cac:PayeeParty', 'cac:TaxRepresentativeParty',
  'cbc:TaxCurrencyCode', 'cac:BillingReference', 'cac:AdditionalDocumentReference', 'cac:CardAccount', 'cac:PaymentMandate',
  'cbc:TaxPointDate', 'cac:AdditionalItemProperty', 'cac:CommodityClassification', 'cac:StandardItemIdentification',
];

rule('ANDEL-SCOPE', 'fatal', 'The invoice uses no element whose rules this check leaves out (allowances, charges, periods, delivery, payee, tax representative, tax currency, attachments, cards, mandates, item classification).', (d, fail) => {
  const names = new Set(OUT_OF_SCOPE);
  for (const e of descendants(d.inv)) if (names.has(e.name)) fail(`${e.name} används; dess regler kontrolleras inte här`, e);
});

const ROOT_RULE: CheckedRule = {
  id: 'ANDEL-ROOT',
  severity: 'fatal',
  description: 'The document can be read as XML and its root is a UBL 2.1 Invoice (namespace Invoice-2); nothing else is checked otherwise.',
};

/** Every rule `checkUbl` checks, in the order it checks them. */
export const CHECKED_RULES: readonly CheckedRule[] = [ROOT_RULE, ...RULES.map(({ id, severity, description }) => ({ id, severity, description }))];

/**
 * Checks a Peppol BIS Billing 3.0 UBL invoice against the rules in
 * {@link CHECKED_RULES}; an empty list means every rule holds. Each finding
 * names the rule, says what is wrong (in Swedish) and where.
 *
 * @example
 * const problems = checkUbl(invoiceUbl(invoice));
 * if (problems.length > 0) throw new Error(problems.map((p) => `${p.rule}: ${p.message}`).join('\n'));
 */
export function checkUbl(xml: string): UblFinding[] {
  let root: El;
  try {
    const node = create(xml).root().node as unknown as DomNode;
    root = toEl(node, '');
  } catch (e) {
    return [{ rule: 'ANDEL-ROOT', message: `XML-dokumentet kan inte läsas: ${(e as Error).message}` }];
  }
  if (root.name !== 'Invoice') {
    return [{ rule: 'ANDEL-ROOT', message: `Dokumentet är ingen UBL 2.1-faktura (rotelement ${root.name})`, path: root.path }];
  }
  const doc = docOf(root);
  const findings: UblFinding[] = [];
  for (const r of RULES) {
    r.check(doc, (message, el) => findings.push(el ? { rule: r.id, message, path: el.path } : { rule: r.id, message }));
  }
  return findings;
}
