/**
 * An invoice to one party of a scheme, as every output of `andel invoice`
 * reads it: the PDF, the Peppol BIS Billing 3.0 UBL XML and the batch
 * summary. Built from an allocation, the sender file and the recipient
 * register; nothing here reads a file. Amounts are integer öre.
 *
 * The figures are the allocation's own: the lines sum to the party's amount,
 * the invoices of a batch to the allocation's total less what the sender
 * carries itself (a region does not invoice itself).
 */
import type { Dec, Ore } from '../money.js';

/** A Swedish postal address. */
export interface InvoiceAddress {
  /** Street lines, in order (may be empty when only the name is known). */
  readonly lines: readonly string[];
  /** Postnummer, five digits as written (`462 80`). */
  readonly postcode?: string;
  /** Postort. */
  readonly city?: string;
  /** ISO 3166-1 alpha-2: always SE here. */
  readonly country: 'SE';
}

/** The seller or the buyer of an invoice. */
export interface InvoiceParty {
  /** The legal name. */
  readonly name: string;
  /** Organisationsnummer, ten digits without a hyphen (checked: Luhn). */
  readonly orgNumber: string;
  /** The VAT number (`SE` + the ten digits + `01`) when VAT-registered; absent otherwise. */
  readonly vatNumber?: string;
  /** The Peppol participant id, scheme 0007 (Swedish organisation number): `0007:2120000142`. */
  readonly peppolId?: string;
  readonly address: InvoiceAddress;
  readonly contact?: { readonly name?: string; readonly phone?: string; readonly email?: string };
}

/** One invoice line: a component of the scheme, or a component's year, as the scheme says. */
export interface InvoiceLine {
  /** 1, 2, 3 … in the invoice. */
  readonly id: string;
  /** What the line is for, in Swedish (the component's label, and the year when lines are per year). */
  readonly description: string;
  /** The scheme's component. */
  readonly component: string;
  /** The year the line pays for, when lines are per year. */
  readonly year?: number;
  /** The line's amount, öre, without VAT. */
  readonly amount: Ore;
}

/**
 * The VAT of an invoice. Cost sharing between public bodies is usually
 * outside the scope of VAT: category `O` (not subject to VAT), with the
 * reason in words; `E` (exempt) likewise; `S` (standard rated) with a rate.
 */
export interface InvoiceVat {
  /** UNCL5305: S standard, E exempt, O outside the scope of VAT. */
  readonly category: 'S' | 'E' | 'O';
  /** Per cent, for `S` (25, 12, 6). */
  readonly rate?: Dec;
  /** Why there is no VAT, in Swedish, for `E` and `O` (printed on the PDF, BT-120 in the XML). */
  readonly exemptionReason?: string;
  /** The VAT amount, öre (0 unless `S`). */
  readonly amount: Ore;
}

/** How the buyer pays: a credit transfer to a bankgiro or plusgiro, matched by an OCR reference. */
export interface InvoicePayment {
  /** UNCL4461 30: credit transfer. */
  readonly meansCode: '30';
  /** Bankgironummer, digits only (7 or 8, checked: Luhn). */
  readonly bankgiro?: string;
  /** Plusgironummer, digits only (checked: Luhn). */
  readonly plusgiro?: string;
  /** The OCR reference: digits only, with a Luhn check digit (and a length digit when the sender chose it). */
  readonly ocr: string;
}

/** One invoice. */
export interface Invoice {
  /** The invoice number, from the sender's series (party-code order). */
  readonly number: string;
  /** Fakturadatum, YYYY-MM-DD. */
  readonly issueDate: string;
  /** Förfallodag, YYYY-MM-DD: the scheme's `due` date, or as the sender file says. */
  readonly dueDate: string;
  readonly currency: 'SEK';
  readonly seller: InvoiceParty;
  /** The buyer, with its code in the scheme. */
  readonly buyer: InvoiceParty & { readonly code: string };
  /** The buyer's reference (BT-10), required by Swedish public buyers on every invoice. */
  readonly buyerReference: string;
  /** The seller's own reference (diarienummer), when given. */
  readonly sellerReference?: string;
  readonly lines: readonly InvoiceLine[];
  /** Sum of the lines, öre, without VAT. */
  readonly netTotal: Ore;
  readonly vat: InvoiceVat;
  /** Amount to pay, öre: net total plus VAT. */
  readonly payable: Ore;
  readonly payment: InvoicePayment;
  /** Free text printed on the invoice and carried as a note (BT-22). */
  readonly note?: string;
  /** The scheme the amount comes from. */
  readonly scheme: { readonly id: string; readonly title: string };
  /** Example data (example sender or recipients): every output says so. */
  readonly example: boolean;
}
