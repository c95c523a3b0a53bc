/**
 * The invoices of a scheme: one per party that pays, except the sender's own
 * party (a region that invoices its municipalities does not invoice
 * itself), each with the allocation's own figures. Pure: the allocation, the
 * checked sender and recipient register and the dates come in as arguments.
 *
 * The rules, as the README states them for finance staff:
 *
 * - **Who**: every party of the scheme with a positive amount, less the
 *   sender's party (`part:` in the sender file, else the party whose
 *   organisation number is the sender's). A party that pays nothing gets no
 *   invoice; a negative amount is refused (a credit note is another
 *   document).
 * - **Numbers**: the sender's series (`prefix` + a running number from
 *   `start`), assigned in party-code order over every party that is
 *   invoiced. A party's number does not depend on `--party`: invoicing one
 *   party alone gives it the number it has in the whole batch, so that no
 *   number goes to two parties.
 * - **Lines**: one per component of the scheme (in the scheme's order) the
 *   party pays for; a component the party pays over more than one year gets
 *   a line per year (`Licens, 2024`). A line of zero is left out.
 * - **OCR**: from the invoice number (see ocr.ts).
 * - **Dates**: see {@link invoiceDates}.
 * - **VAT**: the sender's category; for `S` the VAT is the net total times
 *   the rate, rounded half up to the öre (EN 16931 rounds per category).
 */
import type { SchemeResult } from '../evaluate.js';
import { InputError, InvariantError, ProblemList, type Problem, t } from '../errors.js';
import { Dec, type Ore, sumOre, toSafeInteger } from '../money.js';
import type { SchemeModel } from '../scheme.js';
import type { Invoice, InvoiceAddress, InvoiceLine, InvoiceParty, InvoiceVat } from './invoice.js';
import { type OcrOptions, ocrForInvoiceNumber } from './ocr.js';

/** The sender as the invoices need it (data/invoicing/sender.ts reads it). */
export interface InvoiceIssuer {
  readonly file: string;
  readonly example: boolean;
  /** The sender's own party code, and where the file gives it. */
  readonly part?: string;
  readonly partAt?: { readonly line?: number; readonly column?: number };
  readonly seller: InvoiceParty;
  readonly series: { readonly prefix: string; readonly start: number };
  readonly ocr: OcrOptions;
  readonly vat: Omit<InvoiceVat, 'amount'>;
  readonly bankgiro?: string;
  readonly plusgiro?: string;
  readonly issueDate?: string;
  readonly paymentDays?: number;
  readonly note?: string;
  readonly sellerReference?: string;
}

/** One buyer as the recipient register gives it (data/letters/recipients.ts, read for invoices). */
export interface InvoiceBuyer {
  readonly code: string;
  readonly name: string;
  readonly orgNumber?: string;
  readonly peppolId?: string;
  readonly address: readonly string[];
  readonly postalCode?: string;
  readonly town?: string;
  readonly email?: string;
  readonly reference?: string;
  readonly line: number;
}

/** The recipient register. */
export interface InvoiceBuyers {
  readonly file: string;
  readonly recipients: ReadonlyMap<string, InvoiceBuyer>;
  readonly example: boolean;
}

/** What {@link buildInvoices} takes. */
export interface BuildInvoicesOptions {
  readonly result: SchemeResult;
  readonly issuer: InvoiceIssuer;
  readonly buyers: InvoiceBuyers;
  /** The party codes to invoice, or every party (`'all'`). */
  readonly parties: readonly string[] | 'all';
  readonly issueDate: string;
  readonly dueDate: string;
}

/** Code order: by the code's characters (`14` < `1401` < `1480`), the same on every machine. */
export function byCode(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function addDays(iso: string, days: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/**
 * The issue date and the due date of a batch.
 *
 * - Issue date (fakturadatum): `given` (`--date`), else the sender file's
 *   `faktura.fakturadatum`, else the scheme's date of kind `invoice`; none
 *   of them: refused (the clock is never read for it).
 * - Due date (förfallodag): the scheme's date of kind `due`, else the issue
 *   date plus the sender's `faktura.betalningsvillkor` days; neither:
 *   refused. A due date before the issue date is refused.
 *
 * @example invoiceDates(vgr, issuer, undefined) // { issueDate: '2022-09-01', dueDate: '2022-12-31' } with the example sender
 */
export function invoiceDates(scheme: Pick<SchemeModel, 'dates'>, issuer: Pick<InvoiceIssuer, 'file' | 'issueDate' | 'paymentDays'>, given: string | undefined): { issueDate: string; dueDate: string } {
  const schemeIssue = scheme.dates.find((d) => d.kind === 'invoice')?.date;
  const issueDate = given ?? issuer.issueDate ?? schemeIssue;
  if (issueDate === undefined) {
    throw InputError.of(
      t('fakturorna behöver ett fakturadatum, och varken avsändarfilen eller schemat anger något', 'the invoices need an issue date, and neither the sender file nor the scheme gives one'),
      { file: '--date', hint: t('Ange --date ÅÅÅÅ-MM-DD, eller faktura.fakturadatum i avsändarfilen.', 'Give --date YYYY-MM-DD, or faktura.fakturadatum in the sender file.') },
      'E_OPTION',
    );
  }
  const due = scheme.dates.find((d) => d.kind === 'due')?.date;
  const dueDate = due ?? (issuer.paymentDays !== undefined ? addDays(issueDate, issuer.paymentDays) : undefined);
  if (dueDate === undefined) {
    throw InputError.of(
      t('fakturorna behöver en förfallodag: schemat anger ingen (dates: kind: due), och avsändarfilen inga betalningsvillkor', 'the invoices need a due date: the scheme gives none (dates: kind: due), and the sender file no payment terms'),
      { file: issuer.file, hint: t('Ange faktura.betalningsvillkor (dagar) i avsändarfilen.', 'Give faktura.betalningsvillkor (days) in the sender file.') },
      'E_SENDER',
    );
  }
  if (dueDate < issueDate) {
    throw InputError.of(
      t(`förfallodagen ${dueDate} ligger före fakturadatumet ${issueDate}`, `the due date ${dueDate} is before the issue date ${issueDate}`),
      { file: given !== undefined ? '--date' : issuer.issueDate !== undefined ? issuer.file : '--date', hint: t('Ange ett tidigare fakturadatum.', 'Give an earlier issue date.') },
      'E_OPTION',
    );
  }
  return { issueDate, dueDate };
}

/** The party the sender is: its `part:`, else the party whose recipient has the sender's organisation number. */
function senderParty(options: BuildInvoicesOptions, problems: ProblemList): string | undefined {
  const { issuer, buyers, result } = options;
  const codes = new Set(result.parties.map((p) => p.party.code));
  if (issuer.part !== undefined) {
    if (!codes.has(issuer.part)) {
      problems.add(t(`part: ${issuer.part} är ingen part i ${result.scheme.id}`, `part: ${issuer.part} is not a party of ${result.scheme.id}`), { file: issuer.file, ...issuer.partAt });
    }
    return issuer.part;
  }
  for (const b of buyers.recipients.values()) if (b.orgNumber === issuer.seller.orgNumber && codes.has(b.code)) return b.code;
  return undefined;
}

/**
 * The invoices of a batch, in party-code order (see the module's rules).
 * Every problem with the register against the scheme — a code that is no
 * party, a party to invoice that the register lacks, a buyer without
 * organisation number or reference — is reported at once, at its file and
 * line.
 *
 * @throws InputError (`E_RECIPIENTS`, `E_SENDER`, `E_OPTION`).
 */
export function buildInvoices(options: BuildInvoicesOptions): Invoice[] {
  const { result, issuer, buyers } = options;
  const scheme = result.scheme;
  const problems = new ProblemList();
  const self = senderParty(options, problems);
  const byParty = new Map(result.parties.map((p) => [p.party.code, p]));
  for (const b of [...buyers.recipients.values()].sort((a, c) => a.line - c.line)) {
    if (!byParty.has(b.code)) {
      problems.add(t(`koden ${b.code} är ingen part i ${scheme.id}`, `the code ${b.code} is not a party of ${scheme.id}`), { file: buyers.file, line: b.line, column: 1 });
    }
  }
  const selected = options.parties === 'all' ? undefined : new Set(options.parties);
  if (selected !== undefined) {
    for (const code of selected) {
      if (!byParty.has(code)) problems.add(t(`${code} är ingen part i ${scheme.id}`, `${code} is not a party of ${scheme.id}`), { file: '--party' });
      else if (code === self) problems.add(t(`${code} är avsändaren själv och faktureras inte`, `${code} is the sender itself and is not invoiced`), { file: '--party' });
    }
  }
  // Numbers run over every party invoiced in the whole batch, whatever --party selects.
  const payers = result.parties.filter((p) => p.party.code !== self && p.amount !== 0).sort((a, b) => byCode(a.party.code, b.party.code));
  for (const p of payers) {
    if (p.amount < 0) {
      problems.add(t(`${p.party.name} (${p.party.code}) har ett negativt belopp; en kreditfaktura kan andel inte skriva`, `${p.party.name} (${p.party.code}) has a negative amount; andel cannot write a credit note`), { file: scheme.id });
    }
  }
  const chosen = payers.filter((p) => selected === undefined || selected.has(p.party.code));
  for (const p of chosen) {
    const b = buyers.recipients.get(p.party.code);
    if (b === undefined) {
      problems.add(t(`${p.party.name} (${p.party.code}) saknas i mottagarregistret: en faktura behöver köparens organisationsnummer och referens`, `${p.party.name} (${p.party.code}) is missing from the recipient register: an invoice needs the buyer's organisation number and reference`), { file: buyers.file });
    } else if (b.orgNumber === undefined || b.reference === undefined) {
      problems.add(t(`${b.name} (${b.code}): en faktura behöver köparens organisationsnummer och referens`, `${b.name} (${b.code}): an invoice needs the buyer's organisation number and reference`), { file: buyers.file, line: b.line });
    }
  }
  problems.problems.sort((a: Problem, b: Problem) => (a.file ?? '').localeCompare(b.file ?? '') || (a.line ?? 0) - (b.line ?? 0));
  problems.throwIfAny('E_RECIPIENTS');

  const example = issuer.example || buyers.example || scheme.provenance.some((p) => p.example === true);
  const numberOf = new Map(payers.map((p, i) => [p.party.code, `${issuer.series.prefix}${issuer.series.start + i}`]));
  return chosen.map((p): Invoice => {
    const b = buyers.recipients.get(p.party.code)!;
    const lines = invoiceLines(scheme, p);
    const netTotal = sumOre(lines.map((l) => l.amount));
    if (netTotal !== p.amount) {
      throw new InvariantError(t(`fakturaraderna för ${p.party.code} summerar till ${netTotal} öre, inte partens ${p.amount}`, `the invoice lines of ${p.party.code} sum to ${netTotal} öre, not the party's ${p.amount}`));
    }
    const vat: InvoiceVat = { ...issuer.vat, amount: issuer.vat.category === 'S' ? vatAmount(netTotal, issuer.vat.rate!) : 0 };
    const number = numberOf.get(p.party.code)!;
    const address: InvoiceAddress = { lines: [...b.address], ...(b.postalCode !== undefined ? { postcode: b.postalCode } : {}), ...(b.town !== undefined ? { city: b.town } : {}), country: 'SE' };
    const orgNumber = b.orgNumber!;
    const buyer: Invoice['buyer'] = {
      code: p.party.code,
      name: b.name,
      orgNumber,
      peppolId: b.peppolId ?? `0007:${orgNumber}`,
      address,
      ...(b.email !== undefined ? { contact: { email: b.email } } : {}),
    };
    return {
      number,
      issueDate: options.issueDate,
      dueDate: options.dueDate,
      currency: 'SEK',
      seller: issuer.seller,
      buyer,
      buyerReference: b.reference!,
      ...(issuer.sellerReference !== undefined ? { sellerReference: issuer.sellerReference } : {}),
      lines,
      netTotal,
      vat,
      payable: netTotal + vat.amount,
      payment: {
        meansCode: '30',
        ...(issuer.bankgiro !== undefined ? { bankgiro: issuer.bankgiro } : {}),
        ...(issuer.plusgiro !== undefined ? { plusgiro: issuer.plusgiro } : {}),
        ocr: ocrForInvoiceNumber(number, issuer.ocr),
      },
      ...(issuer.note !== undefined ? { note: issuer.note } : {}),
      scheme: { id: scheme.id, title: scheme.title },
      example,
    };
  });
}

/** A party's lines: a component, or a component's year when the party pays it over several years. */
function invoiceLines(scheme: SchemeModel, p: SchemeResult['parties'][number]): InvoiceLine[] {
  const out: Omit<InvoiceLine, 'id'>[] = [];
  for (const c of scheme.components) {
    const amount = p.components[c.id] ?? 0;
    if (amount === 0) continue;
    const years = p.schedule.filter((y) => (y.amounts[c.id] ?? 0) !== 0);
    if (years.length > 1) {
      for (const y of years) out.push({ description: `${c.label}, ${y.year}`, component: c.id, year: y.year, amount: y.amounts[c.id]! });
    } else {
      out.push({ description: c.label, component: c.id, ...(years.length === 1 ? { year: years[0]!.year } : {}), amount });
    }
  }
  return out.map((l, i) => ({ id: String(i + 1), ...l }));
}

/** VAT on a net total at a rate in per cent, rounded half up to the öre. */
export function vatAmount(net: Ore, rate: Dec): Ore {
  return toSafeInteger(new Dec(net).times(rate).dividedBy(100).toDecimalPlaces(0, Dec.ROUND_HALF_UP), 'moms');
}
