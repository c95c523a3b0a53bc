/**
 * The sender of the invoices (`andel invoice … --sender FILE`): the letters'
 * sender file (data/letters/sender.ts) with what an invoice needs besides —
 * a checked organisation number, bankgiro or plusgiro, the party code the
 * sender has in the scheme (`part:`, never invoiced), and a `faktura:`
 * block: the number series, the OCR option, the VAT statement, the Peppol
 * id, the issue date and the payment terms. The same file serves the
 * letters, which leave `part` and `faktura` alone.
 *
 * `parseInvoiceSender` is pure (text in, a checked value out, or one
 * InputError listing every mistake at its line and column);
 * `loadInvoiceSender` reads the file. `data/invoicing/avsandare-exempel.yaml`
 * is the filled-in example for vgr-2022.
 */
import * as z from 'zod';
import { InputError, InvariantError, ProblemList, type Problem, type Text, t } from '../../models/errors.js';
import type { InvoiceAddress, InvoiceParty, InvoiceVat } from '../../models/invoicing/invoice.js';
import { type Checked, checkBankgiro, checkOrgNumber, checkPeppolId, checkPlusgiro, checkVatNumber, peppolIdFor } from '../../models/invoicing/identifiers.js';
import type { InvoiceIssuer } from '../../models/invoicing/build.js';
import { Dec } from '../../models/money.js';
import { readInputFile } from '../input-file.js';
import { type Sender, senderSchema } from '../letters/sender.js';
import { type YamlPath, isCalendarDate, issueProblems, parseYamlSource, validateBilingual } from '../yaml-source.js';

const text = z
  .union([z.string(), z.number()])
  .transform((v) => String(v).trim())
  .pipe(z.string().min(1).max(300));

const invoiceBlock = z
  .object({
    /** Invoice numbers: `prefix` + a running number from `start`, in party-code order. */
    nummerserie: z
      .object({
        prefix: z.string().max(20).regex(/^[0-9A-Za-z_-]*$/, 'bara bokstäver A–Z, siffror, - och _ (numret blir en del av filnamnen)').default(''),
        start: z.number().int().min(0).max(999_999_999),
      })
      .strict(),
    /** Bankgirot's OCR control as the bank agreement says: with a length digit or not. */
    ocr: z.object({ längdsiffra: z.boolean() }).strict().default({ längdsiffra: false }),
    /** The VAT statement: category S (with `sats` per cent), E or O (with `skäl` in words). */
    moms: z
      .object({
        kategori: z.enum(['S', 'E', 'O']),
        sats: z.union([z.literal(25), z.literal(12), z.literal(6)]).optional(),
        skäl: text.optional(),
      })
      .strict(),
    /** Peppol participant id; by default 0007 and the organisation number. */
    peppol: text.optional(),
    /** Fakturadatum, YYYY-MM-DD (`--date` sets it aside). */
    fakturadatum: z.string().optional(),
    /** Days from the issue date to the due date, when the scheme gives no due date. */
    betalningsvillkor: z.number().int().min(0).max(365).optional(),
    /** A line printed on every invoice and carried as its note. */
    text: text.optional(),
  })
  .strict();

const invoiceSenderSchema = senderSchema.extend({
  organisationsnummer: text,
  momsregistreringsnummer: text.optional(),
  part: text.optional(),
  betalning: z
    .object({ bankgiro: text.optional(), plusgiro: text.optional(), referens: text.optional(), formular: text.optional() })
    .strict()
    .optional(),
  faktura: invoiceBlock,
});

/** A checked sender file for invoices: what the invoices need of it, and the sender as the letters read it. */
export interface InvoiceSender extends InvoiceIssuer {
  /** The sender as the letters read it. */
  readonly letter: Sender;
}

/**
 * A sender's address lines as an invoice address: the last line
 * `462 80 Vänersborg` gives the postcode and the town, the lines above are
 * the street lines.
 */
export function addressFromLines(lines: readonly string[]): InvoiceAddress {
  const last = lines[lines.length - 1];
  const m = last === undefined ? null : /^(\d{3}) ?(\d{2})\s+(.+)$/.exec(last);
  if (m === null) return { lines: [...lines], country: 'SE' };
  return { lines: lines.slice(0, -1), postcode: `${m[1]} ${m[2]}`, city: m[3]!, country: 'SE' };
}

/**
 * Parses and checks an invoice sender file: its shape, then every
 * identifier by its check digit, the VAT statement, the dates. Every
 * problem is reported at once, each with the file, line and column.
 *
 * @throws InputError (`E_SENDER`).
 */
export function parseInvoiceSender(input: string, file: string): InvoiceSender {
  const source = parseYamlSource(input.replace(/^\ufeff/, ''), file, 'E_SENDER');
  const data = source.data;
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    throw InputError.of(t('avsändarfilen ska innehålla en karta, t.ex. "organisation: Västra Götalandsregionen"', 'the sender file must hold a map, e.g. "organisation: Västra Götalandsregionen"'), { file, line: 1, column: 1 }, 'E_SENDER');
  }
  const problems = new ProblemList();
  const checked = validateBilingual(invoiceSenderSchema, data);
  if (!checked.ok) problems.addAll(issueProblems(source, file, { schema: invoiceSenderSchema, data, issues: checked.issues }, (path) => (path.length === 0 ? '(roten)' : path.join('.'))));

  // The identifiers, checked on the raw values whether or not the shape passed, so that every problem shows at once.
  const raw = (path: YamlPath): string | undefined => {
    let node: unknown = data;
    for (const key of path) node = node !== null && typeof node === 'object' ? (node as Record<string | number, unknown>)[key] : undefined;
    return typeof node === 'string' || typeof node === 'number' ? String(node).trim() : undefined;
  };
  const at = (path: YamlPath): Omit<Problem, 'message'> => ({ file, ...source.at(path) });
  const check = (path: YamlPath, fn: (v: string) => Checked): string | undefined => {
    const v = raw(path);
    if (v === undefined) return undefined;
    const r = fn(v);
    if (r.ok) return r.value;
    problems.add(prefixed(path, r.reason), at(path));
    return undefined;
  };
  const org = check(['organisationsnummer'], checkOrgNumber);
  const bankgiro = check(['betalning', 'bankgiro'], checkBankgiro);
  const plusgiro = check(['betalning', 'plusgiro'], checkPlusgiro);
  const vatNumber = check(['momsregistreringsnummer'], (v) => checkVatNumber(v, org));
  const peppol = check(['faktura', 'peppol'], checkPeppolId);
  if (raw(['betalning', 'bankgiro']) === undefined && raw(['betalning', 'plusgiro']) === undefined) {
    problems.add(t('betalning: en faktura behöver ett bankgiro eller plusgiro att betala till (betalning.bankgiro eller betalning.plusgiro)', 'betalning: an invoice needs a bankgiro or plusgiro to pay to (betalning.bankgiro or betalning.plusgiro)'), at(raw(['betalning']) === undefined ? [] : ['betalning']));
  }
  const issue = raw(['faktura', 'fakturadatum']);
  if (issue !== undefined && !isCalendarDate(issue)) problems.add(t(`faktura.fakturadatum: "${issue}" är inget datum ÅÅÅÅ-MM-DD`, `faktura.fakturadatum: "${issue}" is not a date YYYY-MM-DD`), at(['faktura', 'fakturadatum']));
  const category = raw(['faktura', 'moms', 'kategori']);
  if (category === 'S') {
    if (raw(['faktura', 'moms', 'sats']) === undefined) problems.add(t('faktura.moms: kategori S (moms) kräver sats: 25, 12 eller 6', 'faktura.moms: category S (VAT) needs sats: 25, 12 or 6'), at(['faktura', 'moms']));
    if (raw(['momsregistreringsnummer']) === undefined) problems.add(t('faktura.moms: kategori S (moms) kräver avsändarens momsregistreringsnummer', "faktura.moms: category S (VAT) needs the sender's momsregistreringsnummer"), at(['faktura', 'moms']));
    if (raw(['faktura', 'moms', 'skäl']) !== undefined) problems.add(t('faktura.moms.skäl: gäller bara kategori E och O, fakturor utan moms', 'faktura.moms.skäl: applies only to categories E and O, invoices without VAT'), at(['faktura', 'moms', 'skäl']));
  } else if (category === 'E' || category === 'O') {
    if (raw(['faktura', 'moms', 'skäl']) === undefined) {
      problems.add(t(`faktura.moms: kategori ${category} kräver skäl: varför fakturan är utan moms, i ord`, `faktura.moms: category ${category} needs skäl: why the invoice carries no VAT, in words`), at(['faktura', 'moms']));
    }
    if (raw(['faktura', 'moms', 'sats']) !== undefined) problems.add(t('faktura.moms.sats: gäller bara kategori S', 'faktura.moms.sats: applies only to category S'), at(['faktura', 'moms', 'sats']));
  }
  problems.throwIfAny('E_SENDER');
  if (!checked.ok || org === undefined) throw new InvariantError(t('avsändarfilen godtogs utan organisationsnummer', 'the sender file passed without an organisation number'));
  const v = checked.data;
  const f = v.faktura;
  const vat: Omit<InvoiceVat, 'amount'> =
    f.moms.kategori === 'S' ? { category: 'S', rate: new Dec(f.moms.sats!) } : { category: f.moms.kategori, exemptionReason: f.moms.skäl! };
  const contact = v.kontakt === undefined ? undefined : { name: v.kontakt.namn, ...(v.kontakt.telefon ? { phone: v.kontakt.telefon } : {}), ...(v.kontakt.epost ? { email: v.kontakt.epost } : {}) };
  const seller: InvoiceParty = {
    name: v.organisation,
    orgNumber: org,
    // An invoice outside the scope of VAT (O) carries no VAT identifiers (EN 16931 BR-O-02).
    ...(vatNumber !== undefined && vat.category !== 'O' ? { vatNumber } : {}),
    peppolId: peppol ?? peppolIdFor(org),
    address: addressFromLines(v.adress ?? []),
    ...(contact ? { contact } : {}),
  };
  return {
    file,
    example: v.exempel,
    letter: v,
    ...(v.part !== undefined ? { part: v.part, partAt: source.at(['part']) } : {}),
    seller,
    series: { prefix: f.nummerserie.prefix, start: f.nummerserie.start },
    ocr: { lengthDigit: f.ocr.längdsiffra },
    vat,
    ...(bankgiro !== undefined ? { bankgiro } : {}),
    ...(plusgiro !== undefined ? { plusgiro } : {}),
    ...(f.fakturadatum !== undefined ? { issueDate: f.fakturadatum } : {}),
    ...(f.betalningsvillkor !== undefined ? { paymentDays: f.betalningsvillkor } : {}),
    ...(f.text !== undefined ? { note: f.text } : {}),
    ...(v.diarienummer !== undefined ? { sellerReference: v.diarienummer } : {}),
  };
}

function prefixed(path: YamlPath, reason: Text): Text {
  const name = path.join('.');
  return t(`${name}: ${reason.sv}`, `${name}: ${reason.en}`);
}

/** Reads and checks an invoice sender file (see {@link parseInvoiceSender}). */
export function loadInvoiceSender(path: string, label = path): InvoiceSender {
  const bytes = readInputFile(path, label);
  const decoded = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
  if (decoded.trim() === '') throw InputError.of(t('avsändarfilen är tom', 'the sender file is empty'), { file: label, hint: t('Se data/invoicing/avsandare-exempel.yaml.', 'See data/invoicing/avsandare-exempel.yaml.') }, 'E_SENDER');
  return parseInvoiceSender(decoded, label);
}
