/**
 * A zip file's entries dated by the caller instead of the clock. The docx
 * package's zip writer stamps every entry with the time it was written, so
 * two runs of the same report would differ in those bytes alone; here each
 * entry's modification date and time (in its local header and in the
 * central directory) is set to one given date. Nothing else is touched: the
 * entries' contents and checksums do not depend on the date.
 */
import { RenderError, t } from '../../models/errors.js';

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

/** MS-DOS date and time (2-second resolution, years from 1980), of the date's UTC fields. */
function dosDateTime(date: Date): { time: number; date: number } {
  const year = Math.min(Math.max(date.getUTCFullYear(), 1980), 2107);
  return {
    time: (date.getUTCHours() << 11) | (date.getUTCMinutes() << 5) | Math.floor(date.getUTCSeconds() / 2),
    date: ((year - 1980) << 9) | ((date.getUTCMonth() + 1) << 5) | date.getUTCDate(),
  };
}

function corrupt(): RenderError {
  return new RenderError(t('Word-filen gick inte att datera: zip-arkivet är inte som väntat.', 'The Word file could not be dated: the zip archive is not as expected.'), 'E_RENDER');
}

/**
 * The zip with every entry dated `date`.
 *
 * @throws RenderError when the bytes are not a zip archive this understands (no ZIP64, no comment longer than the archive).
 */
export function withZipEntryDates(zip: Uint8Array, date: Date): Uint8Array {
  const out = new Uint8Array(zip);
  const view = new DataView(out.buffer, out.byteOffset, out.byteLength);
  let eocd = -1;
  for (let i = out.byteLength - 22; i >= Math.max(0, out.byteLength - 22 - 0xffff); i -= 1) {
    if (view.getUint32(i, true) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw corrupt();
  const entries = view.getUint16(eocd + 10, true);
  let at = view.getUint32(eocd + 16, true);
  const dos = dosDateTime(date);
  for (let n = 0; n < entries; n += 1) {
    if (at + 46 > out.byteLength || view.getUint32(at, true) !== CENTRAL) throw corrupt();
    view.setUint16(at + 12, dos.time, true);
    view.setUint16(at + 14, dos.date, true);
    const local = view.getUint32(at + 42, true);
    if (local + 30 > out.byteLength || view.getUint32(local, true) !== LOCAL) throw corrupt();
    view.setUint16(local + 10, dos.time, true);
    view.setUint16(local + 12, dos.date, true);
    at += 46 + view.getUint16(at + 28, true) + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
  }
  return out;
}
