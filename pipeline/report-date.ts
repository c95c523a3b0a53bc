/**
 * The date a report carries, decided once: given by the caller, the clock
 * only when asked (`'today'`), or else a date of the inputs, so that the
 * same inputs always give the same documents.
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

/**
 * The report's date: `YYYY-MM-DD`, `today` (the clock, only then), or when
 * `given` is undefined a date of the inputs: the agreement's date in the
 * scheme file, else the latest reference date of its data.
 *
 * @throws InputError (`E_OPTION`) for a date that is not one, or when neither the caller nor the inputs give a date.
 */
export function reportDate(given: string | undefined, loaded: Pick<LoadedScheme, 'definition' | 'model'>): ReportDate {
  if (given !== undefined) {
    if (given === 'today') {
      const now = new Date();
      const iso = `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
      return { iso, creation: 'now', from: t('--date today', '--date today') };
    }
    if (!isRealDate(given)) {
      throw InputError.of(t(`"${given}" är inte ett datum ÅÅÅÅ-MM-DD (eller today)`, `"${given}" is not a date YYYY-MM-DD (or today)`), { file: '--date' }, 'E_OPTION');
    }
    return { iso: given, creation: new Date(`${given}T00:00:00Z`), from: t('--date', '--date') };
  }
  const source = loaded.definition.source?.date;
  if (source !== undefined) return { iso: source, creation: new Date(`${source}T00:00:00Z`), from: t('avtalets datum i schemat', "the agreement's date in the scheme") };
  const refs = loaded.model.provenance.flatMap((p) => (p.referenceDate !== undefined ? [p.referenceDate] : [])).sort();
  const latest = refs[refs.length - 1];
  if (latest !== undefined) return { iso: latest, creation: new Date(`${latest}T00:00:00Z`), from: t('datakällans referensdatum', "the data source's reference date") };
  throw InputError.of(
    t('rapporten behöver ett datum, och indata anger inget', 'the report needs a date, and the inputs give none'),
    { file: '--date', hint: t('Ange --date ÅÅÅÅ-MM-DD (eller --date today).', 'Give --date YYYY-MM-DD (or --date today).') },
    'E_OPTION',
  );
}
