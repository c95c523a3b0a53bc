/**
 * The OCR reference of an invoice, by Bankgirot's rules for incoming
 * payments with OCR control: digits only, 2 to 25 of them, the last a
 * modulus-10 (Luhn) check digit over all the others. A sender whose
 * agreement also checks the length puts a length digit second to last:
 * the total number of digits, length and check digit included, modulo 10
 * (a 12-digit reference has length digit 2).
 *
 * andel builds the reference from the invoice number, so that the same
 * invoice always gets the same reference and the finance department can
 * read the invoice number back from a payment:
 *
 *   the invoice number's digits, in order (`EX2022-1001` → `20221001`),
 *   then the length digit when chosen, then the check digit.
 *
 * Within one number series the digits differ from invoice to invoice, so
 * the references of a batch are unique.
 */
import { InputError, t } from '../errors.js';
import { luhnCheckDigit, luhnValid } from './identifiers.js';

/** Bankgirot's shortest and longest OCR reference. */
export const OCR_MIN_DIGITS = 2;
export const OCR_MAX_DIGITS = 25;

/** How a sender's OCR references are checked by its bank agreement. */
export interface OcrOptions {
  /** A length digit second to last (Bankgirot's "checksiffra och längd"). */
  readonly lengthDigit: boolean;
}

/**
 * The OCR reference for a string of digits: with the length digit when
 * chosen, then the check digit.
 *
 * @example ocrFromDigits('20221001', { lengthDigit: false }) // '202210019'
 * @example ocrFromDigits('20221001', { lengthDigit: true })  // '2022100107'
 */
export function ocrFromDigits(body: string, options: OcrOptions): string {
  if (!/^\d+$/.test(body)) throw new RangeError(`ocrFromDigits: digits only, got "${body}"`);
  const withLength = options.lengthDigit ? body + String((body.length + 2) % 10) : body;
  return withLength + String(luhnCheckDigit(withLength));
}

/**
 * The OCR reference of an invoice number (its digits, see the module's
 * rule), or an InputError (`E_SENDER`) when the number has no digits or the
 * reference would be longer than Bankgirot allows.
 *
 * @example ocrForInvoiceNumber('EX2022-1001', { lengthDigit: true }) // '2022100107'
 */
export function ocrForInvoiceNumber(invoiceNumber: string, options: OcrOptions): string {
  const digits = invoiceNumber.replace(/\D/g, '');
  const total = digits.length + (options.lengthDigit ? 2 : 1);
  if (digits.length === 0 || total > OCR_MAX_DIGITS) {
    throw InputError.of(
      t(
        `fakturanumret ${invoiceNumber} ger ingen OCR-referens: referensen byggs av fakturanumrets siffror och ska bli ${OCR_MIN_DIGITS}–${OCR_MAX_DIGITS} siffror`,
        `the invoice number ${invoiceNumber} gives no OCR reference: the reference is built from the invoice number's digits and must have ${OCR_MIN_DIGITS}–${OCR_MAX_DIGITS} digits`,
      ),
      { hint: t('Ändra nummerseriens prefix eller startnummer i avsändarfilen.', "Change the number series' prefix or start in the sender file.") },
      'E_SENDER',
    );
  }
  return ocrFromDigits(digits, options);
}

/**
 * True when a reference passes Bankgirot's check: 2–25 digits, the last the
 * modulus-10 check digit and, with `lengthDigit`, the second to last the
 * total length modulo 10.
 *
 * @example ocrValid('2022100107', { lengthDigit: true }) // true
 */
export function ocrValid(ocr: string, options: OcrOptions): boolean {
  if (!/^\d+$/.test(ocr) || ocr.length < OCR_MIN_DIGITS || ocr.length > OCR_MAX_DIGITS) return false;
  if (!luhnValid(ocr)) return false;
  if (options.lengthDigit && (ocr.length < 3 || Number(ocr[ocr.length - 2]) !== ocr.length % 10)) return false;
  return true;
}
