/**
 * The heading and the administration's own words of a tjänsteutlåtande
 * (`andel report remiss … --remiss-info FILE`): förvaltning, handläggare,
 * which nämnd it goes to, the date, the proposed decision, the
 * administration's views, and the attachments. Everything is optional; what
 * is left out gets a neutral default in the report. `data/remiss/exempel.yaml`
 * is a filled-in example.
 *
 * `parseRemissInfo` is pure (text in, a checked value out, or one
 * InputError listing every mistake with its line and column);
 * `loadRemissInfo` reads the file.
 */
import { readFileSync } from 'node:fs';
import { InputError, type Problem, t, type Text } from '../../models/errors.js';
import { isCalendarDate, parseYamlSource } from '../yaml-source.js';

/** One person who signs the proposal. */
export interface Signatory {
  readonly namn: string;
  readonly titel: string;
}

/** What the user says about the tjänsteutlåtande; every field optional. */
export interface RemissInfo {
  /** The administration writing, e.g. `Äldreförvaltningen`. */
  readonly forvaltning?: string;
  /** A department under it, e.g. `Avdelningen för ekonomi`. */
  readonly avdelning?: string;
  readonly handlaggare?: { readonly namn?: string; readonly telefon?: string; readonly epost?: string };
  /** The elected body it goes to, e.g. `Äldrenämnden`. */
  readonly till?: string;
  /** ISO date; the report's date when absent. */
  readonly datum?: string;
  /** Reference number, e.g. `KS 2020/973`. */
  readonly diarienummer?: string;
  /** The document's heading; `Remiss av <schemats titel>` when absent. */
  readonly rubrik?: string;
  /** The line under the heading, e.g. `Svar på remiss från Kommunstyrelsen, dnr KS 2020/973`. */
  readonly remiss?: string;
  /** Förvaltningens förslag till beslut, paragraphs. */
  readonly forslag?: readonly string[];
  readonly underskrifter?: readonly Signatory[];
  /** Ärendets beredning, paragraphs. */
  readonly beredning?: readonly string[];
  /** Förvaltningens synpunkter, paragraphs. */
  readonly synpunkter?: readonly string[];
  readonly bilagor?: readonly string[];
}

/** The keys a remiss file may hold, with what each is. */
const FIELDS: Readonly<Record<string, 'text' | 'paragraphs' | 'date' | 'list' | 'person' | 'signatures'>> = {
  forvaltning: 'text',
  avdelning: 'text',
  handlaggare: 'person',
  till: 'text',
  datum: 'date',
  diarienummer: 'text',
  rubrik: 'text',
  remiss: 'text',
  forslag: 'paragraphs',
  underskrifter: 'signatures',
  beredning: 'paragraphs',
  synpunkter: 'paragraphs',
  bilagor: 'list',
};

const PERSON_FIELDS = ['namn', 'telefon', 'epost'] as const;

/** Longest text accepted in one field: a tjänsteutlåtande is a few pages, not a book. */
const MAX_TEXT = 20_000;

/** Splits running text at blank lines into paragraphs, joining the lines within one. */
export function paragraphsOf(text: string): string[] {
  return text
    .replace(/\r\n?/g, '\n')
    .split(/\n\s*\n/)
    .map((p) => p.split('\n').map((l) => l.trim()).join(' ').trim())
    .filter((p) => p !== '');
}


/**
 * Parses and checks a remiss file. Every problem is reported with the file
 * name and the line and column of the value.
 *
 * @example
 * parseRemissInfo('till: Äldrenämnden\ndatum: 2020-09-29\n', 'remiss.yaml')
 * // { till: 'Äldrenämnden', datum: '2020-09-29' }
 */
export function parseRemissInfo(text: string, file: string): RemissInfo {
  const source = parseYamlSource(text, file, 'E_REMISS');
  const problems: Problem[] = [];
  // Dates stay text: `datum: 2020-09-29` is a string here, never a Date at midnight somewhere.
  const data: unknown = source.data;
  if (data === null || data === undefined) return {};
  if (typeof data !== 'object' || Array.isArray(data)) {
    throw InputError.of(t('filen ska innehålla en karta, t.ex. "till: Äldrenämnden"', 'the file must hold a map, e.g. "till: Äldrenämnden"'), { file, line: 1 }, 'E_REMISS');
  }
  const at = (path: (string | number)[], message: Text, hint?: Text): void => {
    problems.push({ file, ...source.at(path), message, ...(hint ? { hint } : {}) });
  };
  const textOf = (value: unknown, path: (string | number)[]): string | undefined => {
    if (typeof value === 'number' || typeof value === 'boolean') return String(value);
    if (typeof value !== 'string') {
      at(path, t(`${path.join('.')}: ska vara text`, `${path.join('.')}: must be text`));
      return undefined;
    }
    if (value.length > MAX_TEXT) {
      at(path, t(`${path.join('.')}: texten är längre än ${MAX_TEXT} tecken`, `${path.join('.')}: the text is longer than ${MAX_TEXT} characters`));
      return undefined;
    }
    return value.trim();
  };

  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(data as Record<string, unknown>)) {
    const kind = Object.hasOwn(FIELDS, key) ? FIELDS[key] : undefined;
    if (kind === undefined) {
      at([key], t(`okänt fält "${key}"`, `unknown field "${key}"`), t(`Fälten är: ${Object.keys(FIELDS).join(', ')}.`, `The fields are: ${Object.keys(FIELDS).join(', ')}.`));
      continue;
    }
    if (value === null || value === undefined) continue;
    switch (kind) {
      case 'text': {
        const s = textOf(value, [key]);
        if (s !== undefined && s !== '') out[key] = s;
        break;
      }
      case 'date': {
        const s = value instanceof Date ? value.toISOString().slice(0, 10) : textOf(value, [key]);
        if (s !== undefined && !isCalendarDate(s)) at([key], t(`datum "${s}" ska skrivas ÅÅÅÅ-MM-DD och vara ett riktigt datum`, `date "${s}" must be written YYYY-MM-DD and be a real date`));
        else if (s !== undefined) out[key] = s;
        break;
      }
      case 'paragraphs': {
        const list = Array.isArray(value) ? value.map((v, i) => textOf(v, [key, i])) : [textOf(value, [key])];
        const paragraphs = list.flatMap((s) => (s === undefined ? [] : paragraphsOf(s)));
        if (paragraphs.length > 0) out[key] = paragraphs;
        break;
      }
      case 'list': {
        if (!Array.isArray(value)) {
          at([key], t(`${key}: ska vara en lista, t.ex. "- Överenskommelsen"`, `${key}: must be a list, e.g. "- The agreement"`));
          break;
        }
        out[key] = value.map((v, i) => textOf(v, [key, i])).filter((s): s is string => s !== undefined && s !== '');
        break;
      }
      case 'person': {
        if (typeof value === 'string') {
          out[key] = { namn: value.trim() };
          break;
        }
        if (typeof value !== 'object' || Array.isArray(value)) {
          at([key], t(`${key}: ska vara ett namn eller en karta med namn, telefon och epost`, `${key}: must be a name or a map with namn, telefon and epost`));
          break;
        }
        const person: Record<string, string> = {};
        for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
          if (!(PERSON_FIELDS as readonly string[]).includes(k)) {
            at([key, k], t(`okänt fält "${key}.${k}"`, `unknown field "${key}.${k}"`), t(`Fälten är: ${PERSON_FIELDS.join(', ')}.`, `The fields are: ${PERSON_FIELDS.join(', ')}.`));
            continue;
          }
          const s = v === null ? undefined : textOf(v, [key, k]);
          if (s !== undefined && s !== '') person[k] = s;
        }
        out[key] = person;
        break;
      }
      case 'signatures': {
        if (!Array.isArray(value)) {
          at([key], t(`${key}: ska vara en lista med namn och titel`, `${key}: must be a list of namn and titel`));
          break;
        }
        const list: Signatory[] = [];
        value.forEach((v, i) => {
          if (v === null || typeof v !== 'object' || Array.isArray(v)) {
            at([key, i], t(`${key}[${i + 1}]: ska ha namn och titel`, `${key}[${i + 1}]: must have namn and titel`));
            return;
          }
          const o = v as Record<string, unknown>;
          for (const k of Object.keys(o)) {
            if (k !== 'namn' && k !== 'titel') at([key, i, k], t(`okänt fält "${k}" i ${key}[${i + 1}]`, `unknown field "${k}" in ${key}[${i + 1}]`), t('Fälten är: namn, titel.', 'The fields are: namn, titel.'));
          }
          const namn = o['namn'] === undefined ? undefined : textOf(o['namn'], [key, i, 'namn']);
          const titel = o['titel'] === undefined ? '' : (textOf(o['titel'], [key, i, 'titel']) ?? '');
          if (namn === undefined || namn === '') at([key, i], t(`${key}[${i + 1}]: namn saknas`, `${key}[${i + 1}]: namn is missing`));
          else list.push({ namn, titel });
        });
        out[key] = list;
        break;
      }
    }
  }
  if (problems.length > 0) throw new InputError(problems, { code: 'E_REMISS' });
  return out as RemissInfo;
}

/** Reads and checks a remiss file (see {@link parseRemissInfo}). */
export function loadRemissInfo(path: string, label = path): RemissInfo {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw InputError.of(
      t(`filen kan inte läsas (${(e as NodeJS.ErrnoException).code ?? 'fel'})`, `the file cannot be read (${(e as NodeJS.ErrnoException).code ?? 'error'})`),
      { file: label, hint: t('Se data/remiss/exempel.yaml för ett exempel.', 'See data/remiss/exempel.yaml for an example.') },
      'E_REMISS',
    );
  }
  return parseRemissInfo(text.replace(/^\ufeff/, ''), label);
}
