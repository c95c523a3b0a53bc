/**
 * The sender of the letters (`andel report letters … --sender FILE`): the
 * organisation that writes and invoices, its address, the contact person,
 * the reference (diarienummer), who signs, how to pay (bankgiro, plusgiro)
 * and what the letter says about VAT. `data/letters/exempel-avsandare.yaml`
 * is a filled-in example; a file with `exempel: true` makes every letter
 * say that it uses example sender data.
 *
 * `parseSender` is pure (text in, a checked value out, or one InputError
 * listing every mistake with its line and column); `loadSender` reads the
 * file.
 */
import * as z from 'zod';
import { InputError, t } from '../../models/errors.js';
import { luhnValid } from '../../models/invoicing/identifiers.js';
import { readInputFile } from '../input-file.js';
import { parseValidatedMap } from '../yaml-source.js';

/** A text field: trimmed, never empty, a few hundred characters at most. */
const line = z
  .union([z.string(), z.number()])
  .transform((v) => String(v).trim())
  .pipe(z.string().min(1, 'får inte vara tomt').max(300, 'högst 300 tecken'));

/** Address lines: a list, or one text with a line per address line. */
const lines = z
  .union([z.array(line).min(1, 'minst en rad'), z.string()])
  .transform((v) => (Array.isArray(v) ? v : v.split(/\r?\n/).map((l) => l.trim()).filter((l) => l !== '')))
  .pipe(z.array(z.string()).min(1, 'minst en rad').max(6, 'högst 6 rader'));

/**
 * True when the digits of a bankgiro or plusgiro number pass their check
 * digit (modulus 10, the Luhn rule, which both use): a mistyped digit is
 * caught before a letter asks anyone to pay to the wrong account.
 */
export function giroCheckDigitOk(number: string): boolean {
  return luhnValid(number.replace(/\D/g, ''));
}

const bankgiro = line
  .refine((v) => /^\d{3,4}-\d{4}$/.test(v), 'ett bankgironummer skrivs NNN-NNNN eller NNNN-NNNN')
  .refine((v) => !/^\d{3,4}-\d{4}$/.test(v) || giroCheckDigitOk(v), 'kontrollsiffran stämmer inte; kontrollera numret');
const plusgiro = line
  .refine((v) => /^\d{1,7}-\d$/.test(v), 'ett plusgironummer skrivs med bindestreck före sista siffran, t.ex. 12 34 56-7 utan mellanslag: 123456-7')
  .refine((v) => !/^\d{1,7}-\d$/.test(v) || giroCheckDigitOk(v), 'kontrollsiffran stämmer inte; kontrollera numret');

const person = z
  .object({
    namn: line,
    titel: line.optional(),
    telefon: line.optional(),
    epost: line.refine((v) => /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v), 'ska vara en e-postadress, t.ex. namn@kommun.se').optional(),
  })
  .strict();

/** The sender file's fields; `andel invoice` reads the same file with more checks and its `faktura:` block (data/invoicing/sender.ts). */
export const senderSchema = z
  .object({
    exempel: z.boolean().default(false),
    organisation: line,
    enhet: line.optional(),
    adress: lines.optional(),
    organisationsnummer: line.refine((v) => /^\d{6}-\d{4}$/.test(v), 'ett organisationsnummer skrivs NNNNNN-NNNN').optional(),
    telefon: line.optional(),
    epost: line.refine((v) => /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v), 'ska vara en e-postadress, t.ex. ekonomi@region.se').optional(),
    webbplats: line.optional(),
    diarienummer: line.optional(),
    kontakt: person.optional(),
    underskrift: person.omit({ telefon: true, epost: true }).optional(),
    betalning: z
      .object({
        bankgiro: bankgiro.optional(),
        plusgiro: plusgiro.optional(),
        /** What the payer writes with the payment, e.g. `Ange kommunens namn och diarienumret`. */
        referens: line.optional(),
        /** Where a deferral or other invoicing details are reported (the agreement's web form). */
        formular: line.optional(),
      })
      .strict()
      .optional(),
    moms: line.optional(),
    momsregistreringsnummer: line.refine((v) => /^SE\d{12}$/.test(v.replace(/\s/g, '')), 'ett momsregistreringsnummer skrivs SE och tolv siffror, t.ex. SE232100013101').optional(),
    /** The sender's own party code in the scheme (read by `andel invoice`: a party does not invoice itself). */
    part: line.optional(),
    /** The invoice details, read and checked by `andel invoice` (data/invoicing/sender.ts); letters leave them alone. */
    faktura: z.record(z.string(), z.unknown()).optional(),
  })
  .strict();

/** A checked sender file. */
export type Sender = z.infer<typeof senderSchema>;

/** The fields a sender file may hold, for messages and the README. */
export const SENDER_FIELDS = Object.keys(senderSchema.shape);

/**
 * Parses and checks a sender file. Every problem is reported at once, each
 * with the file name and the line and column of the value.
 *
 * @example
 * parseSender('organisation: Västra Götalandsregionen\nbetalning: { bankgiro: 5050-1055 }\n', 'avsandare.yaml')
 * // { exempel: false, organisation: 'Västra Götalandsregionen', betalning: { bankgiro: '5050-1055' } }
 */
export function parseSender(text: string, file: string): Sender {
  const { value } = parseValidatedMap(text.replace(/^\ufeff/, ''), file, senderSchema, {
    code: 'E_SENDER',
    notAMap: t('avsändarfilen ska innehålla en karta, t.ex. "organisation: Västra Götalandsregionen"', 'the sender file must hold a map, e.g. "organisation: Västra Götalandsregionen"'),
    describe: (_data, path) => (path.length === 0 ? '(roten)' : path.join('.')),
  });
  return value;
}

/** Reads and checks a sender file (see {@link parseSender}). */
export function loadSender(path: string, label = path): Sender {
  const bytes = readInputFile(path, label);
  const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
  if (text.trim() === '') throw InputError.of(t('avsändarfilen är tom', 'the sender file is empty'), { file: label, hint: t('Se data/letters/exempel-avsandare.yaml.', 'See data/letters/exempel-avsandare.yaml.') }, 'E_SENDER');
  return parseSender(text, label);
}
