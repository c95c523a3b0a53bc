import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  checkBankgiro,
  checkOrgNumber,
  checkPeppolId,
  checkPlusgiro,
  checkVatNumber,
  formatBankgiro,
  formatOrgNumber,
  formatPlusgiro,
  luhnCheckDigit,
  luhnValid,
  peppolIdFor,
  vatNumberFor,
} from '../../../models/invoicing/identifiers.js';
import { OCR_MAX_DIGITS, ocrForInvoiceNumber, ocrFromDigits, ocrValid } from '../../../models/invoicing/ocr.js';

const digits = (min: number, max: number) => fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: min, maxLength: max });

describe('Luhn (modulus 10)', () => {
  it('gives the check digits of known numbers', () => {
    // Västra Götalandsregionen's organisation number, and Bankgirot's own example bankgiro.
    expect(luhnCheckDigit('232100013')).toBe(1);
    expect(luhnValid('2321000131')).toBe(true);
    expect(luhnValid('50501055')).toBe(true);
    expect(luhnValid('50501056')).toBe(false);
    // The classic Luhn example.
    expect(luhnValid('79927398713')).toBe(true);
  });

  it('refuses what is not digits', () => {
    expect(() => luhnCheckDigit('12a')).toThrow(RangeError);
    expect(luhnValid('1')).toBe(false);
  });

  it('a number with its check digit passes, and any other last digit fails', () => {
    fc.assert(
      fc.property(digits(1, 30), fc.integer({ min: 1, max: 9 }), (body, shift) => {
        const c = luhnCheckDigit(body);
        expect(luhnValid(body + c)).toBe(true);
        expect(luhnValid(body + ((c + shift) % 10))).toBe(false);
      }),
      { seed: 16_001, numRuns: 2000 },
    );
  });
});

describe('organisationsnummer', () => {
  it('accepts both spellings and gives the ten digits', () => {
    expect(checkOrgNumber('212000-1355')).toEqual({ ok: true, value: '2120001355' });
    expect(checkOrgNumber('2120001355')).toEqual({ ok: true, value: '2120001355' });
    expect(formatOrgNumber('2120001355')).toBe('212000-1355');
  });

  it('names the check digit expected', () => {
    const r = checkOrgNumber('212000-1354');
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.reason.sv).toContain('ska den sista vara 5');
      expect(r.reason.en).toContain('the last must be 5');
    }
  });

  it('refuses other shapes', () => {
    for (const s of ['21200-01355', '212000135', '212000 1355', 'abc']) expect(checkOrgNumber(s).ok).toBe(false);
  });
});

describe('bankgiro and plusgiro', () => {
  it('accepts 7 and 8 digits with or without the hyphen', () => {
    expect(checkBankgiro('5050-1055')).toEqual({ ok: true, value: '50501055' });
    expect(checkBankgiro('50501055')).toEqual({ ok: true, value: '50501055' });
    const seven = '123456' + luhnCheckDigit('123456');
    expect(checkBankgiro(`${seven.slice(0, 3)}-${seven.slice(3)}`)).toEqual({ ok: true, value: seven });
    expect(formatBankgiro('50501055')).toBe('5050-1055');
    expect(formatBankgiro(seven)).toBe(`${seven.slice(0, 3)}-${seven.slice(3)}`);
  });

  it('refuses a wrong check digit, naming the right one', () => {
    const r = checkBankgiro('5050-1056');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason.sv).toContain('ska den sista vara 5');
    expect(checkBankgiro('12-3456').ok).toBe(false);
    expect(checkBankgiro('123456789').ok).toBe(false);
  });

  it('plusgiro: 2–8 digits, the last the check digit', () => {
    const pg = '41234' + luhnCheckDigit('41234');
    expect(checkPlusgiro(`41234-${pg.slice(-1)}`)).toEqual({ ok: true, value: pg });
    expect(checkPlusgiro(pg)).toEqual({ ok: true, value: pg });
    expect(formatPlusgiro(pg)).toBe(`41234-${pg.slice(-1)}`);
    expect(checkPlusgiro(`41234-${(Number(pg.slice(-1)) + 1) % 10}`).ok).toBe(false);
    expect(checkPlusgiro('1').ok).toBe(false);
    expect(checkPlusgiro('123456789').ok).toBe(false);
  });
});

describe('VAT number and Peppol id', () => {
  it('derives both from the organisation number', () => {
    expect(vatNumberFor('2120001355')).toBe('SE212000135501');
    expect(peppolIdFor('2120001355')).toBe('0007:2120001355');
  });

  it('checks a written VAT number against its party', () => {
    expect(checkVatNumber('SE 2120 0013 5501', '2120001355')).toEqual({ ok: true, value: 'SE212000135501' });
    expect(checkVatNumber('SE232100013101', '2120001355').ok).toBe(false);
    expect(checkVatNumber('SE212000135401').ok).toBe(false);
    expect(checkVatNumber('SE2120001355').ok).toBe(false);
  });

  it('checks a 0007 Peppol id as an organisation number and keeps other schemes', () => {
    expect(checkPeppolId('0007:212000-1355')).toEqual({ ok: true, value: '0007:2120001355' });
    expect(checkPeppolId('0007:2120001354').ok).toBe(false);
    expect(checkPeppolId('0088:7300010000001')).toEqual({ ok: true, value: '0088:7300010000001' });
    expect(checkPeppolId('2120001355').ok).toBe(false);
  });
});

describe('OCR reference', () => {
  it('is built from the invoice number: its digits, the length digit when chosen, the check digit', () => {
    expect(ocrForInvoiceNumber('EX2022-1001', { lengthDigit: false })).toBe('202210019');
    expect(ocrForInvoiceNumber('EX2022-1001', { lengthDigit: true })).toBe('2022100107');
    expect(ocrFromDigits('1', { lengthDigit: false })).toBe('18');
    expect(ocrValid('2022100107', { lengthDigit: true })).toBe(true);
    expect(ocrValid('202210019', { lengthDigit: false })).toBe(true);
    // The same reference without its length digit passes Luhn but not the length check.
    expect(ocrValid('202210019', { lengthDigit: true })).toBe(false);
  });

  it('refuses an invoice number without digits, or one too long for Bankgirot', () => {
    expect(() => ocrForInvoiceNumber('FAKTURA-A', { lengthDigit: false })).toThrow(/OCR/);
    expect(() => ocrForInvoiceNumber('1'.repeat(OCR_MAX_DIGITS), { lengthDigit: false })).toThrow(/OCR/);
    expect(ocrForInvoiceNumber('1'.repeat(OCR_MAX_DIGITS - 1), { lengthDigit: false })).toHaveLength(OCR_MAX_DIGITS);
    expect(() => ocrForInvoiceNumber('1'.repeat(OCR_MAX_DIGITS - 1), { lengthDigit: true })).toThrow(/OCR/);
  });

  it('rejects references of the wrong size or with other characters', () => {
    expect(ocrValid('0', { lengthDigit: false })).toBe(false);
    expect(ocrValid('18 ', { lengthDigit: false })).toBe(false);
    expect(ocrValid('9'.repeat(26), { lengthDigit: false })).toBe(false);
  });

  const options = fc.record({ lengthDigit: fc.boolean() });

  it('a built reference always passes: Luhn, 2–25 digits, and the length digit right', () => {
    fc.assert(
      fc.property(digits(1, 23), options, (body, o) => {
        const ocr = ocrFromDigits(body, o);
        expect(luhnValid(ocr)).toBe(true);
        expect(ocrValid(ocr, o)).toBe(true);
        expect(ocr.length).toBe(body.length + (o.lengthDigit ? 2 : 1));
        if (o.lengthDigit) expect(Number(ocr[ocr.length - 2])).toBe(ocr.length % 10);
      }),
      { seed: 16_002, numRuns: 3000 },
    );
  });

  it('changing any one digit makes it fail', () => {
    fc.assert(
      fc.property(digits(1, 23), options, fc.nat(), fc.integer({ min: 1, max: 9 }), (body, o, at, shift) => {
        const ocr = ocrFromDigits(body, o);
        const i = at % ocr.length;
        const changed = ocr.slice(0, i) + String((Number(ocr[i]) + shift) % 10) + ocr.slice(i + 1);
        expect(ocrValid(changed, o)).toBe(false);
      }),
      { seed: 16_003, numRuns: 3000 },
    );
  });

  it('swapping two adjacent different digits makes it fail (except 0 and 9, the one swap Luhn cannot see)', () => {
    fc.assert(
      fc.property(digits(2, 23), options, fc.nat(), (body, o, at) => {
        const ocr = ocrFromDigits(body, o);
        const i = at % (ocr.length - 1);
        const a = ocr[i]!;
        const b = ocr[i + 1]!;
        fc.pre(a !== b && !(a + b === '09' || a + b === '90'));
        const swapped = ocr.slice(0, i) + b + a + ocr.slice(i + 2);
        expect(ocrValid(swapped, o)).toBe(false);
      }),
      { seed: 16_004, numRuns: 3000 },
    );
  });

  it('the 09 ↔ 90 swap is indeed invisible to Luhn (so the exclusion above is the known limit, not a gap)', () => {
    const ocr = ocrFromDigits('1090', { lengthDigit: false });
    expect(ocrValid(ocr, { lengthDigit: false })).toBe(true);
    expect(ocrValid(`1900${ocr.slice(4)}`, { lengthDigit: false })).toBe(true);
  });
});
