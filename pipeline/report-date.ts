/**
 * The date a report carries, decided once: given by the caller, the clock
 * only when asked (`'today'`), the date a remiss file sets, or else a date
 * of the inputs (the scheme's own dates before its data's), so that the same
 * inputs always give the same documents.
 */
import type { LoadedScheme } from '../data/load-scheme.js';
import { InputError, type Text, t } from '../models/errors.js';

/** The report's date and the PDF's creation date that follows from it. */
export interface ReportDate {
  /** `YYYY-MM-DD`. */
  readonly iso: string;
  /** Midnight UTC of that day; `now` only when the user asked for today. */
  readonly creation: Date | 'now';
  /** Where the date came from, for the terminal. */
  readonly from: Text;
}

function isRealDate(iso: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

/** A date given by a file of the report's own (the remiss file's `datum:`), and the file it stands in. */
export interface GivenDate {
  /** `YYYY-MM-DD`, already checked by the file's reader. */
  readonly iso: string;
  /** The file, as the user named it (for the terminal), when there is one. */
  readonly file?: string;
}

function dated(iso: string, from: Text): ReportDate {
  return { iso, creation: new Date(`${iso}T00:00:00Z`), from };
}

/**
 * The report's date, from the first of these that gives one:
 *
 * 1. `given` (`--date`): `YYYY-MM-DD`, or `today` (the clock, only then);
 * 2. `document`: the date a file of the report's own sets (the remiss
 *    file's `datum:`), so that the tjänsteutlåtande, its footer and the
 *    PDF's creation date carry the date the förvaltning wrote;
 * 3. the scheme's own dates: the agreement's date (`source.date`), else the
 *    earliest date in its `dates:` — a document about the agreement is
 *    dated no later than the first thing the agreement asks of its parties,
 *    so no deadline it names lies before its own date;
 * 4. the latest reference date of the scheme's data (a scheme that states
 *    no date of its own).
 *
 * `from` says which, for the terminal. The same inputs always give the same
 * date: the clock is read only for `today`.
 *
 * @throws InputError (`E_OPTION`) for a date that is not one, or when neither the caller nor the inputs give a date.
 * @example reportDate(undefined, vgr).iso // '2022-06-29' (vgr-2022's source.date)
 */
export function reportDate(given: string | undefined, loaded: Pick<LoadedScheme, 'definition' | 'model'>, document?: GivenDate): ReportDate {
  if (given !== undefined) {
    // A file's own date that --date sets aside is named, so that nobody wonders where it went.
    const aside = document !== undefined && document.iso !== given ? t(`; remissfilens datum ${document.iso} gäller inte`, `; the remiss file's date ${document.iso} does not apply`) : t('', '');
    if (given === 'today') {
      const now = new Date();
      const iso = `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
      return { iso, creation: 'now', from: t(`--date today${aside.sv}`, `--date today${aside.en}`) };
    }
    if (!isRealDate(given)) {
      throw InputError.of(t(`"${given}" är inte ett datum ÅÅÅÅ-MM-DD (eller today)`, `"${given}" is not a date YYYY-MM-DD (or today)`), { file: '--date' }, 'E_OPTION');
    }
    return dated(given, t(`--date${aside.sv}`, `--date${aside.en}`));
  }
  if (document !== undefined) {
    const file = document.file !== undefined ? `, ${document.file}` : '';
    return dated(document.iso, t(`remissfilens datum${file}`, `the remiss file's date${file}`));
  }
  const source = loaded.definition.source?.date;
  if (source !== undefined) return dated(source, t('avtalets datum i schemat', "the agreement's date in the scheme"));
  const first = [...loaded.model.dates].sort((a, b) => a.date.localeCompare(b.date))[0];
  if (first !== undefined) return dated(first.date, t(`schemats första datum: ${first.label}`, `the scheme's first date: ${first.label}`));
  const refs = loaded.model.provenance.flatMap((p) => (p.referenceDate !== undefined ? [{ date: p.referenceDate, label: p.label }] : [])).sort((a, b) => a.date.localeCompare(b.date));
  const latest = refs[refs.length - 1];
  if (latest !== undefined) return dated(latest.date, t(`datakällans referensdatum: ${latest.label}`, `the data source's reference date: ${latest.label}`));
  throw InputError.of(
    t('rapporten behöver ett datum, och indata anger inget', 'the report needs a date, and the inputs give none'),
    { file: '--date', hint: t('Ange --date ÅÅÅÅ-MM-DD (eller --date today).', 'Give --date YYYY-MM-DD (or --date today).') },
    'E_OPTION',
  );
}
