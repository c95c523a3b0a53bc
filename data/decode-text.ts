/**
 * Turns the bytes of a file into text the way a Swedish user's files arrive:
 * UTF-8 from modern tools (with or without the BOM Excel adds), Windows-1252
 * or ISO-8859-1 from older exports and Excel's "CSV (semikolonavgränsad)",
 * UTF-16 from Excel's "Unicode-text" (with a BOM) and from tools that write
 * it without one. A file that is not text at all is refused here, so the
 * table readers only ever see text.
 */
import { t, type Problem, type Text } from '../models/errors.js';

/** The encodings {@link decodeText} recognises. */
export type TextEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

/** Decoded text, or the reason it could not be decoded. */
export type DecodedText =
  | { readonly ok: true; readonly text: string; readonly encoding: TextEncoding }
  | { readonly ok: false; readonly problem: Problem };

/** True when the bytes start like a ZIP (XLSX) or an OLE2 compound file (XLS). */
export function looksLikeSpreadsheet(bytes: Uint8Array): boolean {
  const zip = bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
  const ole = bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0;
  return zip || ole;
}

// Control characters never found in a text table. Tab, LF, CR and form feed
// are allowed; so is Ctrl-Z, which old DOS tools put at the end of a file.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b\u000e-\u0019\u001b-\u001f\u007f-\u009f\ufffd]/g;

const NOT_TEXT: Text = t(
  'filen är inte en textfil (den innehåller binära data)',
  'the file is not a text file (it contains binary data)',
);
const NOT_TEXT_HINT: Text = t(
  'Spara den som CSV (UTF-8) eller hämta den som CSV eller JSON-stat2 från SCB.',
  'Save it as CSV (UTF-8) or download it as CSV or JSON-stat2 from SCB.',
);

/**
 * Decodes a file's bytes: a BOM decides; else UTF-16 without a BOM is
 * recognised by its NUL bytes in every other position (the high byte of
 * every Latin character); else valid UTF-8 is UTF-8; else the bytes are read
 * as Windows-1252 (a superset of ISO-8859-1 for every printable character,
 * so both are covered). Refuses binary data: NUL bytes outside UTF-16, or
 * control characters in more than 1 % of the text (a real table has none; a
 * stray one is tolerated so that one odd byte does not hide the real
 * problems behind "binary file").
 *
 * A string input is taken as already decoded; only its BOM is removed and
 * the binary check applied.
 *
 * @example
 * ```ts
 * const d = decodeText(await readFile('befolkning.csv'), 'befolkning.csv');
 * if (!d.ok) throw new InputError([d.problem]);
 * ```
 */
export function decodeText(input: Uint8Array | string, file?: string): DecodedText {
  let text: string;
  let encoding: TextEncoding = 'utf-8';
  if (typeof input === 'string') {
    text = input.startsWith('\ufeff') ? input.slice(1) : input;
  } else if (input[0] === 0xef && input[1] === 0xbb && input[2] === 0xbf) {
    text = decodeWith('utf-8', input.subarray(3));
  } else if (input[0] === 0xff && input[1] === 0xfe) {
    encoding = 'utf-16le';
    text = decodeWith('utf-16le', input.subarray(2));
  } else if (input[0] === 0xfe && input[1] === 0xff) {
    encoding = 'utf-16be';
    text = decodeWith('utf-16be', input.subarray(2));
  } else if (utf16Order(input) !== undefined) {
    encoding = utf16Order(input)!;
    if (input.length % 2 !== 0) {
      const name = encoding === 'utf-16le' ? 'UTF-16LE' : 'UTF-16BE';
      return {
        ok: false,
        problem: {
          file,
          message: t(
            `filen ser ut att vara ${name} utan byteordningsmärke, men har ett udda antal byte: den är avkortad eller skadad`,
            `the file looks like ${name} without a byte order mark, but has an odd number of bytes: it is cut short or damaged`,
          ),
          hint: t('Spara den igen som CSV (UTF-8).', 'Save it again as CSV (UTF-8).'),
        },
      };
    }
    text = decodeWith(encoding, input);
  } else {
    if (input.includes(0)) return { ok: false, problem: { file, message: NOT_TEXT, hint: NOT_TEXT_HINT } };
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(input);
    } catch {
      encoding = 'windows-1252';
      text = decodeWith('windows-1252', input);
    }
  }
  if (text.includes('\u0000') || controlShare(text) > 0.01) {
    return { ok: false, problem: { file, message: NOT_TEXT, hint: NOT_TEXT_HINT } };
  }
  return { ok: true, text, encoding };
}

/**
 * The byte order of UTF-16 text without a BOM, or undefined. A table is
 * mostly digits, letters and delimiters, all below U+0100, so in UTF-16LE
 * nearly every odd byte is NUL and hardly any even one (BE the other way
 * round). Binary data has its NUL bytes scattered over both positions.
 */
function utf16Order(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | undefined {
  const units = Math.floor(bytes.length / 2);
  if (units < 2) return undefined;
  let evenNul = 0;
  let oddNul = 0;
  for (let i = 0; i + 1 < bytes.length; i += 2) {
    if (bytes[i] === 0) evenNul++;
    if (bytes[i + 1] === 0) oddNul++;
  }
  const mostly = (n: number): boolean => n >= units * 0.6;
  const hardly = (n: number): boolean => n <= units * 0.02;
  if (mostly(oddNul) && hardly(evenNul)) return 'utf-16le';
  if (mostly(evenNul) && hardly(oddNul)) return 'utf-16be';
  return undefined;
}

function decodeWith(label: string, bytes: Uint8Array): string {
  // Not fatal: after a BOM, a broken sequence shows up as U+FFFD and is then
  // counted by the binary check instead of throwing a decoder error.
  return new TextDecoder(label).decode(bytes);
}

function controlShare(text: string): number {
  if (text.length === 0) return 0;
  const found = text.match(CONTROL);
  if (found === null) return 0;
  // A single stray character in a short file is still tolerated.
  return found.length <= 1 ? 0 : found.length / text.length;
}
