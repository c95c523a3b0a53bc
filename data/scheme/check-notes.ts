/**
 * The notes and dates a scheme gives its documents, checked against what the
 * documents read (`NOTE_KEYS` and `DATE_KINDS` in models/scheme.ts): every
 * note is one the documents know (a misspelt `invoicng` would otherwise drop
 * a letter's payment instructions without a word), a letter that lists
 * payment dates has the instructions that go with them, and a date the
 * documents show once is given once.
 */
import { type Text, t } from '../../models/errors.js';
import { type DateKind, NOTE_KEYS, type NoteKey, PAYMENT_DATE_KINDS } from '../../models/scheme.js';
import { damerauLevenshtein } from '../municipality-codes.js';
import { type Place, type YamlPath, isCalendarDate, isReservedName } from '../yaml-source.js';
import type { SchemeFile } from './schema.js';

/** A problem found in a definition: where (the value at `path`, or its key) and what. */
export interface DefinitionFinding {
  readonly path: YamlPath;
  /** Point at the key of `path` rather than its value (an unknown key). */
  readonly atKey?: boolean;
  readonly message: Text;
  readonly hint?: Text;
}

const NOTE_HINT: Text = t(
  `Anteckningarna heter ${NOTE_KEYS.join(', ')}; README:s avsnitt "Describing your own scheme" säger var dokumenten skriver ut var och en.`,
  `The notes are ${NOTE_KEYS.join(', ')}; the README's section "Describing your own scheme" says where the documents print each.`,
);

const INVOICING_HINT: Text = t(
  'Skriv under notes: invoicing: vem som fakturerar, och hur och när parterna betalar.',
  'Write under notes: invoicing: who invoices, and how and when the parties pay.',
);

/** True for a key {@link NOTE_KEYS} holds. */
export function isNoteKey(key: string): key is NoteKey {
  return (NOTE_KEYS as readonly string[]).includes(key);
}

/**
 * Checks a definition's notes and dates: unknown or empty notes, a second
 * `due` or `latest-due`, a `latest-due` without a `due`, and payment dates
 * or a `fund` note without `invoicing`. A reserved name among the notes is
 * left to the check of names, and a date not in the calendar to the check of
 * dates: one mistake, one message.
 *
 * @param at - where a path was written, for a message that names another line.
 * @returns the problems, in the order of the checks.
 */
export function checkNotesAndDates(def: SchemeFile, at: (path: YamlPath) => Place): DefinitionFinding[] {
  const out: DefinitionFinding[] = [];
  for (const [key, text] of Object.entries(def.notes as Record<string, string>)) {
    if (isReservedName(key)) continue;
    if (!isNoteKey(key)) {
      const near = nearestNoteKey(key);
      out.push({
        path: ['notes', key],
        atKey: true,
        message: t(
          `notes.${key}: ingen anteckning som dokumenten känner till${near !== undefined ? ` (menar du ${near}?)` : ''}`,
          `notes.${key}: not a note the documents know${near !== undefined ? ` (did you mean ${near}?)` : ''}`,
        ),
        hint: NOTE_HINT,
      });
    } else if (text.trim() === '') {
      out.push({ path: ['notes', key], message: t(`notes.${key}: anteckningen är tom`, `notes.${key}: the note is empty`), hint: t('Skriv texten, eller ta bort nyckeln.', 'Write the text, or remove the key.') });
    }
  }

  const kindPath = (i: number): YamlPath => ['dates', i, 'kind'];
  const dates = def.dates.map((d, i) => ({ kind: d.kind, date: d.date, i }));
  const has = (kind: DateKind): boolean => dates.some((d) => d.kind === kind);
  // A date not in the calendar is refused already; it asks for nothing more until it is written right.
  const sound = dates.filter((d) => isCalendarDate(d.date));

  // A letter and a remiss read the due date (and the latest one) once.
  for (const kind of ['due', 'latest-due'] as const) {
    const [first, ...again] = dates.filter((d) => d.kind === kind);
    for (const d of again) {
      const line = at(kindPath(first!.i)).line;
      out.push({
        path: kindPath(d.i),
        message: t(
          `dates[${d.i}].kind: schemat har redan ett datum av typen ${kind} (dates[${first!.i}]${line !== undefined ? `, rad ${line}` : ''}); dokumenten visar bara ett`,
          `dates[${d.i}].kind: the scheme already has a date of kind ${kind} (dates[${first!.i}]${line !== undefined ? `, line ${line}` : ''}); the documents show only one`,
        ),
        hint: t('Ange fler betalningsdagar (delbetalningar) med kind: payment.', 'Give further payment dates (instalments) with kind: payment.'),
      });
    }
  }
  const latest = sound.find((d) => d.kind === 'latest-due');
  if (latest !== undefined && !has('due')) {
    out.push({
      path: kindPath(latest.i),
      message: t(
        `dates[${latest.i}].kind: latest-due (senaste betalningsdag efter senareläggande) kräver en förfallodag, ett datum med kind: due`,
        `dates[${latest.i}].kind: latest-due (the latest payment date after a deferral) needs a due date, a date with kind: due`,
      ),
    });
  }

  // A letter prints the payment dates and the fund with the payment instructions.
  if (def.notes.invoicing === undefined) {
    const payment = sound.find((d) => PAYMENT_DATE_KINDS.has(d.kind));
    if (payment !== undefined) {
      out.push({
        path: kindPath(payment.i),
        message: t(
          `dates[${payment.i}].kind: en betalningsdag (${payment.kind}) kräver notes.invoicing, som säger hur parterna betalar; breven skriver ut dem tillsammans`,
          `dates[${payment.i}].kind: a payment date (${payment.kind}) needs notes.invoicing, which says how the parties pay; the letters print them together`,
        ),
        hint: INVOICING_HINT,
      });
    } else if (def.notes.fund !== undefined) {
      out.push({
        path: ['notes', 'fund'],
        atKey: true,
        message: t(
          'notes.fund kräver notes.invoicing, som säger hur parterna betalar; breven skriver ut dem tillsammans',
          'notes.fund needs notes.invoicing, which says how the parties pay; the letters print them together',
        ),
        hint: INVOICING_HINT,
      });
    }
  }
  return out;
}

/** The known note key a misspelt one was most likely meant as: at most two edits away, or sharing its first five letters. */
function nearestNoteKey(key: string): NoteKey | undefined {
  const k = key.toLowerCase();
  let best: { key: NoteKey; distance: number } | undefined;
  for (const known of NOTE_KEYS) {
    const n = known.toLowerCase();
    const distance = damerauLevenshtein(k, n, 3);
    const near = distance <= 2 || (k.length >= 5 && n.startsWith(k.slice(0, 5)));
    if (near && (best === undefined || distance < best.distance)) best = { key: known, distance };
  }
  return best?.key;
}
