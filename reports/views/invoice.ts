/**
 * The invoice to one party, as a PDF in the letters' design: the seller's
 * letterhead with its organisation and VAT numbers, the invoice's number and
 * dates, the buyer's address and reference, the lines with the net total,
 * the VAT statement and the amount to pay, a payment box with the bankgiro
 * (or plusgiro) and the OCR reference, and then how the amount was computed,
 * from the scheme's own evaluation with the letters' explanation helpers.
 *
 * Pure: an {@link Invoice} (built by `pipeline`'s invoicing from the
 * allocation, the sender file and the recipient register) and the scheme's
 * report context in, a {@link ReportDocument} out that
 * `templates/invoice.hbs` prints. Every figure is the invoice's own,
 * formatted here; the explanation is the party's from the evaluation, and an
 * invoice whose amount is not that party's amount is refused rather than
 * explained with figures that do not add up to it.
 */
import type { PartyResult } from '../../models/evaluate.js';
import { RenderError, t } from '../../models/errors.js';
import type { Invoice, InvoiceAddress, InvoiceParty, InvoiceVat } from '../../models/invoicing/invoice.js';
import type { Ore } from '../../models/money.js';
import { schemePrintsOre } from '../../models/report-figures.js';
import { PAYMENT_DATE_KINDS } from '../../models/scheme.js';
import type { LabelledValue, TableBlock } from '../render/document-model.js';
import { formatDate, formatKronor } from '../format.js';
import { basisFacts, computationBlocks, dateFact, scheduleTable } from './letter.js';
import {
  type LetterheadBlock,
  type NoticeBlock,
  type ReportBlock,
  type ReportContext,
  type ReportDocument,
  type ReportViewModel,
  caveatLines,
  genitive,
  reportTitle,
  shortfallNotice,
  slug,
  underlagBlocks,
} from './report-document.js';

/** The template that prints an invoice (`templates/invoice.hbs`, which wraps `layouts/document`). */
export const INVOICE_TEMPLATE = 'invoice';

/** The payment box of an invoice: how to pay, with the OCR reference set apart. */
export interface InvoicePaymentBox {
  readonly heading: string;
  /** Att betala, the amount. */
  readonly amount: LabelledValue;
  /** Bankgiro or plusgiro, formatted as printed on a giro slip (`5050-1055`). */
  readonly account: LabelledValue;
  /** The OCR reference as the payer types it: digits only, never grouped, so that a copy pastes into a bank's OCR field as it is. */
  readonly ocr: LabelledValue;
  readonly dueDate: LabelledValue;
  readonly paragraphs: readonly string[];
}

/** The invoice-specific part of the view model, placed by `templates/invoice.hbs` before the blocks. */
export interface InvoiceSheet {
  readonly letterhead: LetterheadBlock;
  /** `Faktura`: the document's one h1, with the number beside it. */
  readonly title: string;
  readonly number: string;
  /** Caveats of the scheme and the example-data warning, when there are any. */
  readonly notices: readonly NoticeBlock[];
  /** The lines with the net total, the VAT and the amount to pay as totals. */
  readonly lines: TableBlock;
  /** The VAT statement in words: the reason for no VAT, or the rate and amount. */
  readonly vat: string;
  readonly payment: InvoicePaymentBox;
  /** The invoice's note (BT-22), when given. */
  readonly note?: string;
}

/** An invoice's view model: a report's (title, language, metadata, the explanation as blocks) and the invoice sheet. */
export type InvoiceViewModel = ReportViewModel & { readonly invoice: InvoiceSheet };

/** An invoice as the renderer takes it: a document whose view model is an {@link InvoiceViewModel}. */
export type InvoiceDocument = ReportDocument & { readonly viewModel: InvoiceViewModel };

/** `2120001355` → `212000-1355`; anything not ten digits as given. */
export function formatOrgNumber(digits: string): string {
  return /^\d{10}$/.test(digits) ? `${digits.slice(0, 6)}-${digits.slice(6)}` : digits;
}

/** A bankgiro number as Bankgirot prints it: `5050-1055` (eight digits), `505-1055` (seven). */
export function formatBankgiro(digits: string): string {
  return /^\d{7,8}$/.test(digits) ? `${digits.slice(0, -4)}-${digits.slice(-4)}` : digits;
}

/** A plusgiro number as Plusgirot prints it: pairs from the right, the check digit after a hyphen: `4 77 07-8`, `90 20 01-9`. */
export function formatPlusgiro(digits: string): string {
  if (!/^\d{2,8}$/.test(digits)) return digits;
  const body = digits.slice(0, -1);
  const pairs: string[] = [];
  for (let end = body.length; end > 0; end -= 2) pairs.unshift(body.slice(Math.max(0, end - 2), end));
  return `${pairs.join(' ')}-${digits.slice(-1)}`;
}

/** A postal address as lines: the street lines, then `462 80 Vänersborg`. */
function addressLines(address: InvoiceAddress): string[] {
  const town = [address.postcode, address.city].filter((x): x is string => x !== undefined && x !== '').join(' ');
  return [...address.lines, ...(town !== '' ? [town] : [])];
}

/** A VAT rate (per cent) in Swedish: `25 %`, `12,5 %`. */
function percentWords(rate: InvoiceVat['rate']): string {
  return rate === undefined ? '' : `${rate.toString().replace('.', ',')}\u00a0%`;
}

/** The VAT statement of an invoice in words. */
function vatStatement(vat: InvoiceVat, net: Ore, money: (ore: Ore) => string): string {
  const reason = vat.exemptionReason?.trim();
  switch (vat.category) {
    case 'O':
      return `Ingen moms (0 kr): ${reason !== undefined && reason !== '' ? reason : 'beloppet ligger utanför momsens tillämpningsområde.'}`;
    case 'E':
      return `Ingen moms (0 kr), undantaget från skatteplikt: ${reason !== undefined && reason !== '' ? reason : 'omsättningen är undantagen från moms.'}`;
    case 'S':
      return `Moms ${percentWords(vat.rate)} på ${money(net)}: ${money(vat.amount)}.`;
  }
}

/** The seller's lines under its name: address, organisation number, VAT registration, contact. */
function sellerLines(seller: InvoiceParty): string[] {
  return [
    ...addressLines(seller.address),
    `Organisationsnummer ${formatOrgNumber(seller.orgNumber)}`,
    seller.vatNumber !== undefined ? `Momsregistreringsnummer ${seller.vatNumber}` : 'Inte momsregistrerad',
    ...(seller.contact?.phone !== undefined ? [`Telefon ${seller.contact.phone}`] : []),
    ...(seller.contact?.email !== undefined ? [seller.contact.email] : []),
  ];
}

/**
 * Refuses an invoice whose figures do not hold together or are not its
 * party's in the evaluation: the lines must sum to the net total, net total
 * plus VAT must be the amount to pay, and the net total must be the party's
 * amount, which the explanation then explains.
 */
function checkedParty(ctx: ReportContext, invoice: Invoice): PartyResult {
  const party = ctx.result.parties.find((p) => p.party.code === invoice.buyer.code);
  const problem = (sv: string, en: string): RenderError => new RenderError(t(`Faktura ${invoice.number}: ${sv}`, `Invoice ${invoice.number}: ${en}`), 'E_INVOICE');
  if (party === undefined) throw problem(`parten ${invoice.buyer.code} finns inte i ${ctx.result.scheme.id}.`, `the party ${invoice.buyer.code} is not in ${ctx.result.scheme.id}.`);
  if (invoice.scheme.id !== ctx.result.scheme.id) throw problem(`fakturan gäller ${invoice.scheme.id}, inte ${ctx.result.scheme.id}.`, `the invoice is of ${invoice.scheme.id}, not ${ctx.result.scheme.id}.`);
  const lines = invoice.lines.reduce((sum, l) => sum + l.amount, 0);
  if (lines !== invoice.netTotal) throw problem(`raderna summerar till ${lines} öre, inte nettobeloppet ${invoice.netTotal} öre.`, `the lines sum to ${lines} öre, not the net total ${invoice.netTotal} öre.`);
  if (invoice.netTotal + invoice.vat.amount !== invoice.payable) {
    throw problem(`nettobelopp och moms (${invoice.netTotal} + ${invoice.vat.amount} öre) är inte beloppet att betala (${invoice.payable} öre).`, `net total and VAT (${invoice.netTotal} + ${invoice.vat.amount} öre) are not the amount to pay (${invoice.payable} öre).`);
  }
  if (invoice.netTotal !== party.amount) {
    throw problem(`nettobeloppet ${invoice.netTotal} öre är inte partens belopp i fördelningen (${party.amount} öre).`, `the net total ${invoice.netTotal} öre is not the party's amount in the allocation (${party.amount} öre).`);
  }
  return party;
}

/**
 * The invoice's document: on page 1 the letterhead (seller, invoice number,
 * dates, references, buyer), the title, any caveat, the payment box with
 * the OCR reference, the lines with VAT and the amount to pay; then how the
 * amount was computed (the letters' explanation) and the basis.
 *
 * @throws RenderError `E_INVOICE` when the invoice's figures do not hold together or are not its party's.
 * @example
 * const doc = invoiceDocument(ctx, invoice);
 * doc.fileName // '2022-0001-1480-goteborg.pdf'
 */
export function invoiceDocument(ctx: ReportContext, invoice: Invoice): InvoiceDocument {
  const party = checkedParty(ctx, invoice);
  const scheme = ctx.result.scheme;
  const buyer = invoice.buyer;
  // One format per document: öre when the scheme's amounts have them, or when any figure of this invoice has them (a VAT amount may).
  const withOre = schemePrintsOre(scheme) || [...invoice.lines.map((l) => l.amount), invoice.netTotal, invoice.vat.amount, invoice.payable].some((a) => a % 100 !== 0);
  const money = (ore: Ore): string => formatKronor(ore, { decimals: withOre ? 2 : 0 });
  const title = reportTitle(ctx);
  const contactName = invoice.seller.contact?.name;

  const facts: LabelledValue[] = [
    { label: 'Fakturanummer', value: invoice.number },
    { label: 'Fakturadatum', value: formatDate(invoice.issueDate) },
    { label: 'Förfallodag', value: formatDate(invoice.dueDate) },
    { label: 'Er referens', value: invoice.buyerReference },
    ...(contactName !== undefined ? [{ label: 'Vår referens', value: contactName }] : invoice.sellerReference !== undefined ? [{ label: 'Vår referens', value: invoice.sellerReference }] : []),
    ...(contactName !== undefined && invoice.sellerReference !== undefined ? [{ label: 'Diarienummer', value: invoice.sellerReference }] : []),
    { label: 'Ert organisationsnummer', value: formatOrgNumber(buyer.orgNumber) },
  ];
  const letterhead: LetterheadBlock = {
    type: 'letterhead',
    sender: { name: invoice.seller.name, lines: sellerLines(invoice.seller) },
    facts,
    recipient: [buyer.name, ...addressLines(buyer.address)],
  };

  const examples = invoice.example
    ? [`Fakturan bygger på EXEMPELUPPGIFTER (avsändare, mottagare eller betalningsuppgifter är påhittade). Den gäller inte och ska inte betalas.`]
    : [];
  const caveats = caveatLines(scheme);
  const notices: NoticeBlock[] = [
    ...(caveats.length + examples.length > 0 ? [{ type: 'notice' as const, title: 'Observera', items: [...examples, ...caveats] }] : []),
    ...shortfallNotice(ctx.result),
  ];

  const vatLabel = invoice.vat.category === 'S' ? `Moms ${percentWords(invoice.vat.rate)}` : 'Moms';
  const lines: TableBlock = {
    type: 'table',
    caption: 'Fakturarader',
    columns: [{ label: 'Beskrivning' }, { label: 'Belopp', numeric: true }],
    rows: invoice.lines.map((l) => ({ cells: [l.description, money(l.amount)] })),
    totals: [
      { cells: ['Summa exklusive moms', money(invoice.netTotal)] },
      { cells: [vatLabel, money(invoice.vat.amount)] },
      { total: true, cells: ['Att betala', money(invoice.payable)] },
    ],
  };

  const account: LabelledValue =
    invoice.payment.bankgiro !== undefined
      ? { label: 'Bankgiro', value: formatBankgiro(invoice.payment.bankgiro) }
      : invoice.payment.plusgiro !== undefined
        ? { label: 'Plusgiro', value: formatPlusgiro(invoice.payment.plusgiro) }
        : (() => {
            throw new RenderError(t(`Faktura ${invoice.number}: varken bankgiro eller plusgiro.`, `Invoice ${invoice.number}: neither bankgiro nor plusgiro.`), 'E_INVOICE');
          })();
  const payment: InvoicePaymentBox = {
    heading: 'Betalning',
    amount: { label: 'Att betala', value: money(invoice.payable) },
    account,
    ocr: { label: 'OCR-nummer', value: invoice.payment.ocr },
    dueDate: { label: 'Förfallodag', value: formatDate(invoice.dueDate) },
    paragraphs: [
      `Betala till ${account.label.toLowerCase()} ${account.value} så att betalningen är ${invoice.seller.name} tillhanda senast ${formatDate(invoice.dueDate)}. Ange OCR-numret ${invoice.payment.ocr} som referens och inget annat, så att betalningen kan kopplas till fakturan.`,
    ],
  };

  // The agreement's other payment dates still ahead of the invoice (a later date after an announced deferral), in its words.
  const laterDates = scheme.dates.filter((d) => PAYMENT_DATE_KINDS.has(d.kind) && d.date > invoice.issueDate && d.date !== invoice.dueDate).map(dateFact);
  const agreementName = ctx.source?.agreement ?? ctx.source?.document;
  const source = agreementName !== undefined ? `Enligt ”${agreementName.replace(/"([^"]*)"/g, '’$1’')}”` : `Enligt fördelningen ”${scheme.title}”`;
  const intro = `${source} delar ${scheme.partyList} på sammanlagt ${money(ctx.result.total)}. Fakturans belopp är ${genitive(party.party.name)} andel, ${money(party.amount)}, räknad så här:`;
  const schedule = invoice.lines.some((l) => l.year !== undefined) ? undefined : scheduleTable(ctx, party);

  const blocks: ReportBlock[] = [
    { type: 'heading', level: 2, text: 'Så har beloppet räknats fram' },
    { type: 'text', paragraphs: [intro] },
    { type: 'facts', items: basisFacts(ctx, party) },
    ...computationBlocks(ctx.result, party),
    ...(schedule !== undefined ? [schedule] : []),
    ...(laterDates.length > 0 ? [{ type: 'heading' as const, level: 2 as const, text: 'Andra betalningsdatum i avtalet' }, { type: 'facts' as const, items: laterDates }] : []),
    ...underlagBlocks(ctx, 2),
  ];

  const docTitle = `Faktura ${invoice.number} – ${buyer.name}`;
  const sheet: InvoiceSheet = {
    letterhead,
    title: 'Faktura',
    number: invoice.number,
    notices,
    lines,
    vat: vatStatement(invoice.vat, invoice.netTotal, money),
    payment,
    ...(invoice.note !== undefined && invoice.note.trim() !== '' ? { note: invoice.note } : {}),
  };
  return {
    id: invoice.number,
    fileName: `${slug(invoice.number)}-${buyer.code}-${slug(party.party.name)}.pdf`,
    viewModel: { lang: 'sv', title: docTitle, author: invoice.seller.name, subject: `Faktura till ${buyer.name}: ${title}`, blocks, invoice: sheet },
    charts: {},
    metadata: {
      title: docTitle,
      author: invoice.seller.name,
      subject: `Faktura ${invoice.number} till ${buyer.name} (${buyer.code}): ${title}`,
      keywords: ['faktura', invoice.number, `OCR ${invoice.payment.ocr}`, scheme.id, buyer.code, buyer.name],
    },
    header: { scheme: title, kind: `Faktura ${invoice.number}` },
    footer: { date: formatDate(invoice.issueDate), stamp: ctx.stamp },
  };
}
