/**
 * Swedish identifiers an invoice carries, checked by their own rules: the
 * modulus-10 (Luhn) check digit that organisationsnummer, bankgiro and
 * plusgiro numbers end with, the VAT number and the Peppol participant id
 * derived from an organisation number. Pure: text in, a checked value or a
 * reason in words out; the readers of the sender file and the recipient
 * register turn a reason into a problem at its line.
 */
import { type Text, t } from '../errors.js';

/**
 * The modulus-10 check digit (the Luhn rule) for a string of digits: from
 * the right, every other digit doubled (the digit next to the check digit
 * first), the digits of the products summed, and the check digit the one
 * that makes the sum end in 0.
 *
 * @example luhnCheckDigit('212000135') // 5
 */
export function luhnCheckDigit(body: string): number {
  if (!/^\d+$/.test(body)) throw new RangeError(`luhnCheckDigit: digits only, got "${body}"`);
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    let d = body.charCodeAt(body.length - 1 - i) - 48;
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return (10 - (sum % 10)) % 10;
}

/**
 * True when a string of digits ends with its modulus-10 check digit.
 *
 * @example luhnValid('2120001355') // true
 */
export function luhnValid(digits: string): boolean {
  return /^\d{2,}$/.test(digits) && luhnCheckDigit(digits.slice(0, -1)) === Number(digits[digits.length - 1]);
}

/** A checked identifier in its plain form, or why it is not one. */
export type Checked = { readonly ok: true; readonly value: string } | { readonly ok: false; readonly reason: Text };

const fail = (sv: string, en: string): Checked => ({ ok: false, reason: t(sv, en) });

/** The reason a check digit is wrong, naming the one the other digits call for. */
function wrongCheckDigit(digits: string, what: Text): Checked {
  const expected = luhnCheckDigit(digits.slice(0, -1));
  return fail(
    `kontrollsiffran i ${what.sv} ${digits} stämmer inte: med de övriga siffrorna ska den sista vara ${expected}; kontrollera numret`,
    `the check digit of the ${what.en} ${digits} is wrong: with the other digits the last must be ${expected}; check the number`,
  );
}

/**
 * A Swedish organisationsnummer, written `212000-1355` or `2120001355`:
 * ten digits, the last the modulus-10 check digit over the first nine.
 * The value is the ten digits without the hyphen.
 *
 * @example checkOrgNumber('212000-1355') // { ok: true, value: '2120001355' }
 */
export function checkOrgNumber(text: string): Checked {
  const s = text.trim();
  if (!/^\d{6}-?\d{4}$/.test(s)) {
    return fail(`"${s}" är inget organisationsnummer: tio siffror, skrivna NNNNNN-NNNN eller NNNNNNNNNN`, `"${s}" is not an organisation number: ten digits, written NNNNNN-NNNN or NNNNNNNNNN`);
  }
  const digits = s.replace('-', '');
  return luhnValid(digits) ? { ok: true, value: digits } : wrongCheckDigit(digits, t('organisationsnumret', 'organisation number'));
}

/** `2120001355` → `212000-1355`, as Swedish documents write it. */
export function formatOrgNumber(digits: string): string {
  return `${digits.slice(0, 6)}-${digits.slice(6)}`;
}

/**
 * A bankgiro number: seven or eight digits written `NNN-NNNN` or
 * `NNNN-NNNN` (or without the hyphen), the last the modulus-10 check digit.
 * The value is the digits only.
 *
 * @example checkBankgiro('5050-1055') // { ok: true, value: '50501055' }
 */
export function checkBankgiro(text: string): Checked {
  const s = text.trim();
  if (!/^(\d{3,4}-\d{4}|\d{7,8})$/.test(s)) {
    return fail(`"${s}" är inget bankgironummer: sju eller åtta siffror, skrivna NNN-NNNN eller NNNN-NNNN`, `"${s}" is not a bankgiro number: seven or eight digits, written NNN-NNNN or NNNN-NNNN`);
  }
  const digits = s.replace('-', '');
  return luhnValid(digits) ? { ok: true, value: digits } : wrongCheckDigit(digits, t('bankgironumret', 'bankgiro number'));
}

/** `50501055` → `5050-1055`, `1234566` → `123-4566`. */
export function formatBankgiro(digits: string): string {
  return `${digits.slice(0, -4)}-${digits.slice(-4)}`;
}

/**
 * A plusgiro number: two to eight digits, written with a hyphen before the
 * check digit (`4 12 34-5` is written `41234-5`) or without; the last digit
 * is the modulus-10 check digit. The value is the digits only.
 *
 * @example checkPlusgiro('41234-5').ok // true when 5 is the check digit of 41234
 */
export function checkPlusgiro(text: string): Checked {
  const s = text.trim().replace(/\s/g, '');
  if (!/^(\d{1,7}-\d|\d{2,8})$/.test(s)) {
    return fail(`"${s}" är inget plusgironummer: två till åtta siffror, med bindestreck före den sista, t.ex. 123456-7`, `"${s}" is not a plusgiro number: two to eight digits, with a hyphen before the last, e.g. 123456-7`);
  }
  const digits = s.replace('-', '');
  return luhnValid(digits) ? { ok: true, value: digits } : wrongCheckDigit(digits, t('plusgironumret', 'plusgiro number'));
}

/** `412345` → `41234-5`. */
export function formatPlusgiro(digits: string): string {
  return `${digits.slice(0, -1)}-${digits.slice(-1)}`;
}

/**
 * The Swedish VAT number of an organisation: `SE`, the ten digits of its
 * organisation number, `01`.
 *
 * @example vatNumberFor('2120001355') // 'SE212000135501'
 */
export function vatNumberFor(orgDigits: string): string {
  return `SE${orgDigits}01`;
}

/**
 * A Swedish VAT number (`SE212000135501`, spaces allowed), checked against
 * its organisation number's check digit and, when given, against the
 * organisation number of the same party.
 */
export function checkVatNumber(text: string, orgDigits?: string): Checked {
  const s = text.replace(/\s/g, '').toUpperCase();
  const m = /^SE(\d{10})01$/.exec(s);
  if (m === null) return fail(`"${text.trim()}" är inget svenskt momsregistreringsnummer: SE, organisationsnumrets tio siffror och 01`, `"${text.trim()}" is not a Swedish VAT number: SE, the ten digits of the organisation number, and 01`);
  const org = checkOrgNumber(m[1]!);
  if (!org.ok) return org;
  if (orgDigits !== undefined && org.value !== orgDigits) {
    return fail(`momsregistreringsnumret ${s} hör till organisationsnummer ${formatOrgNumber(org.value)}, inte ${formatOrgNumber(orgDigits)}`, `the VAT number ${s} belongs to organisation number ${formatOrgNumber(org.value)}, not ${formatOrgNumber(orgDigits)}`);
  }
  return { ok: true, value: s };
}

/** The Peppol participant id of a Swedish organisation: scheme 0007 (organisationsnummer). */
export function peppolIdFor(orgDigits: string): string {
  return `0007:${orgDigits}`;
}

/**
 * A Peppol participant id `SCHEME:ID` (`0007:2120001355`, `0088:7300010000001`):
 * a four-digit ISO 6523 scheme and an identifier; under 0007 the identifier
 * is a checked organisation number (a hyphen is dropped).
 */
export function checkPeppolId(text: string): Checked {
  const s = text.trim();
  const m = /^(\d{4}):(\S{1,50})$/.exec(s);
  if (m === null) return fail(`"${s}" är inget Peppol-id: fyrsiffrigt schema, kolon och id, t.ex. 0007:2120001355`, `"${s}" is not a Peppol id: a four-digit scheme, a colon and the id, e.g. 0007:2120001355`);
  if (m[1] === '0007') {
    const org = checkOrgNumber(m[2]!);
    return org.ok ? { ok: true, value: peppolIdFor(org.value) } : org;
  }
  return { ok: true, value: s };
}
