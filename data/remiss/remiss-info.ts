/**
 * The heading and the administration's own words of a tjänsteutlåtande
 * (`andel report remiss … --remiss-info FILE`): förvaltning, handläggare,
 * which nämnd it goes to and when it meets, the date, the förvaltning's own
 * diarienummer and the remiss's, the municipality's name, the proposed
 * decision, the förvaltning's position and views, and the attachments (a
 * title, and optionally a PDF appended to the printed document).
 * Everything is optional; what is left out gets a neutral default in the
 * report. `data/remiss/exempel.yaml` is a filled-in example.
 *
 * `parseRemissInfo` is pure (text in, a checked value out, or one
 * InputError listing every mistake with its line and column; attachment
 * files are checked by a function it is given); `loadRemissInfo` reads the
 * file and checks that every attachment it names is a PDF that exists.
 */
import { closeSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { InputError, type Problem, t, type Text } from '../../models/errors.js';
import { isCalendarDate, parseYamlSource } from '../yaml-source.js';

/** One person who signs the proposal. */
export interface Signatory {
  readonly namn: string;
  readonly titel: string;
}

/** One attachment: its title, and the PDF appended to the document when one is named. */
export interface Attachment {
  readonly titel: string;
  /** The PDF file, as {@link AttachmentCheck} resolved it (relative to the remiss file when loaded). */
  readonly fil?: string;
}

/**
 * Checks an attachment file named in a remiss file: its resolved path, or
 * why it cannot be used. {@link loadRemissInfo} passes one that looks on disk.
 */
export type AttachmentCheck = (file: string) => { readonly path: string } | { readonly problem: Text };

/** What the user says about the tjänsteutlåtande; every field optional. */
export interface RemissInfo {
  /** The administration writing, e.g. `Äldreförvaltningen`. */
  readonly forvaltning?: string;
  /** A department under it, e.g. `Avdelningen för ekonomi`. */
  readonly avdelning?: string;
  readonly handlaggare?: { readonly namn?: string; readonly telefon?: string; readonly epost?: string };
  /** The elected body it goes to, e.g. `Äldrenämnden`. */
  readonly till?: string;
  /** The date the body meets on the matter (ISO). */
  readonly sammantradesdatum?: string;
  /** ISO date; the report's date when absent. */
  readonly datum?: string;
  /** The förvaltning's own diarienummer for the matter, e.g. `SN 2020/123`. */
  readonly diarienummer?: string;
  /** The remiss's diarienummer, e.g. `KS 2020/973`. */
  readonly remissdiarienummer?: string;
  /** The municipality (or region) as the document names it, e.g. `Huddinge kommun`; `<namn> kommun` when absent. */
  readonly kommun?: string;
  /** The document's heading; `Remiss av <schemats titel>` when absent. */
  readonly rubrik?: string;
  /** The line under the heading, e.g. `Svar på remiss från Kommunstyrelsen, dnr KS 2020/973`. */
  readonly remiss?: string;
  /** Förvaltningens förslag till beslut, paragraphs. */
  readonly forslag?: readonly string[];
  /** The förvaltning's position in brief, for the Sammanfattning, paragraphs. */
  readonly stallningstagande?: readonly string[];
  readonly underskrifter?: readonly Signatory[];
  /** Ärendets beredning, paragraphs. */
  readonly beredning?: readonly string[];
  /** Förvaltningens synpunkter och förslag, paragraphs. */
  readonly synpunkter?: readonly string[];
  /** In the order they are listed and appended. */
  readonly bilagor?: readonly Attachment[];
  /** The file's names and numbers are invented: the document says so. */
  readonly exempel?: boolean;
}

/** The keys a remiss file may hold, with what each is. */
const FIELDS: Readonly<Record<string, 'text' | 'paragraphs' | 'date' | 'attachments' | 'person' | 'signatures' | 'flag'>> = {
  forvaltning: 'text',
  avdelning: 'text',
  handlaggare: 'person',
  till: 'text',
  sammantradesdatum: 'date',
  datum: 'date',
  diarienummer: 'text',
  remissdiarienummer: 'text',
  kommun: 'text',
  rubrik: 'text',
  remiss: 'text',
  forslag: 'paragraphs',
  stallningstagande: 'paragraphs',
  underskrifter: 'signatures',
  beredning: 'paragraphs',
  synpunkter: 'paragraphs',
  bilagor: 'attachments',
  exempel: 'flag',
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
 * @param checkAttachment - checks and resolves each attachment's `fil`; without it the names stay as written.
 * @example
 * parseRemissInfo('till: Äldrenämnden\ndatum: 2020-09-29\n', 'remiss.yaml')
 * // { till: 'Äldrenämnden', datum: '2020-09-29' }
 */
export function parseRemissInfo(text: string, file: string, checkAttachment?: AttachmentCheck): RemissInfo {
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

  /** `- Titel`, or `- titel: Titel` with `fil: bilaga.pdf`. */
  const attachmentOf = (value: unknown, path: (string | number)[]): Attachment | undefined => {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      const titel = textOf(value, path);
      return titel === undefined || titel === '' ? undefined : { titel };
    }
    const o = value as Record<string, unknown>;
    const n = Number(path[1]) + 1;
    for (const k of Object.keys(o)) {
      if (k !== 'titel' && k !== 'fil') at([...path, k], t(`okänt fält "${k}" i bilagor[${n}]`, `unknown field "${k}" in bilagor[${n}]`), t('Fälten är: titel, fil.', 'The fields are: titel, fil.'));
    }
    const titel = o['titel'] === undefined || o['titel'] === null ? undefined : textOf(o['titel'], [...path, 'titel']);
    if (titel === undefined || titel === '') {
      at(path, t(`bilagor[${n}]: titel saknas`, `bilagor[${n}]: titel is missing`), t('Varje bilaga har en titel, t.ex. "titel: Överenskommelsen".', 'Every attachment has a title, e.g. "titel: Överenskommelsen".'));
      return undefined;
    }
    if (o['fil'] === undefined || o['fil'] === null) return { titel };
    const named = textOf(o['fil'], [...path, 'fil']);
    if (named === undefined || named === '') return { titel };
    if (checkAttachment === undefined) return { titel, fil: named };
    const checked = checkAttachment(named);
    if ('problem' in checked) {
      at([...path, 'fil'], t(`bilagor[${n}].fil "${named}": ${checked.problem.sv}`, `bilagor[${n}].fil "${named}": ${checked.problem.en}`), t('Filen anges relativt till remissfilen och ska vara en PDF.', 'The file is given relative to the remiss file and must be a PDF.'));
      return undefined;
    }
    return { titel, fil: checked.path };
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
      case 'flag': {
        if (typeof value !== 'boolean') at([key], t(`${key}: ska vara true eller false`, `${key}: must be true or false`));
        else out[key] = value;
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
      case 'attachments': {
        if (!Array.isArray(value)) {
          at([key], t(`${key}: ska vara en lista, t.ex. "- Överenskommelsen"`, `${key}: must be a list, e.g. "- The agreement"`));
          break;
        }
        out[key] = value.flatMap((v, i) => {
          const a = attachmentOf(v, [key, i]);
          return a === undefined ? [] : [a];
        });
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
  return parseRemissInfo(text.replace(/^\ufeff/, ''), label, pdfOnDisk(dirname(path)));
}

/** The first bytes of every PDF file. */
const PDF_MAGIC = '%PDF-';

/**
 * An {@link AttachmentCheck} that resolves a name against `baseDir` and
 * accepts a readable file that starts as a PDF does.
 */
export function pdfOnDisk(baseDir: string): AttachmentCheck {
  return (name) => {
    const path = resolve(baseDir, name);
    let fd: number | undefined;
    try {
      if (!statSync(path).isFile()) return { problem: t('är inte en fil', 'is not a file') };
      fd = openSync(path, 'r');
      const head = Buffer.alloc(1024);
      const read = readSync(fd, head, 0, head.length, 0);
      // The header may follow a few bytes of junk; readers accept it within the first kilobyte.
      if (!head.subarray(0, read).toString('latin1').includes(PDF_MAGIC)) return { problem: t('är ingen PDF-fil', 'is not a PDF file') };
      return { path };
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      return { problem: code === 'ENOENT' ? t('filen finns inte', 'the file does not exist') : t(`filen kan inte läsas (${code ?? 'fel'})`, `the file cannot be read (${code ?? 'error'})`) };
    } finally {
      if (fd !== undefined) closeSync(fd);
    }
  };
}
