/**
 * The part every YAML input of andel shares (scheme, scenario and remiss
 * files): parsing with line numbers, syntax errors as one InputError that
 * lists each with its line and column, refusal of what a hostile or broken
 * file can do to a parser (an alias bomb, nesting thousands deep, a key that
 * means something to JavaScript), finding where a value was written, and zod
 * validation with messages in both Swedish and English.
 */
import { LineCounter, isMap, isScalar, parseDocument, type Document } from 'yaml';
import * as z from 'zod';
// The two locales by name, not through z.locales: a bundler then leaves out zod's other fifty.
import { en as zodEnglish, sv as zodSwedish } from 'zod/locales';
import { InputError, type Problem, type Text, t } from '../models/errors.js';
import { explainIssues } from './zod-issues.js';

/** Where a value was written: 1-based line and column, when it can be found. */
export interface Place {
  readonly line?: number;
  readonly column?: number;
}

/** A path into a parsed document: map keys and sequence indexes. */
export type YamlPath = readonly (string | number)[];

/** A parsed YAML document with what is needed to point back into its text. */
export interface YamlSource {
  readonly doc: Document;
  readonly lineCounter: LineCounter;
  /** The document as plain data. */
  readonly data: unknown;
  /** The line and column of the value at `path`, or of the nearest enclosing value that exists. */
  at(path: YamlPath): Place;
  /** The line and column of the key `key` of the map at `path` (an unknown key is pointed at, not its value). */
  keyAt(path: YamlPath, key: string): Place;
  /** The line and column of character `index` of the one-line string at `path` (past its opening quote), or of the value when that cannot be told. */
  charAt(path: YamlPath, index: number): Place;
}

/**
 * How many aliases (`*name`) a file may expand. The yaml library's default:
 * a real scheme uses a handful, an alias bomb (aliases of aliases of lists)
 * needs thousands to expand to gigabytes.
 */
export const MAX_ALIASES = 100;

/**
 * Names that mean something to every JavaScript object. As a map key in an
 * input file, `__proto__` would vanish in validation, and a parameter or a
 * component called `constructor` would be found on every object: such names
 * are refused where a file declares a name.
 */
export const RESERVED_NAMES: ReadonlySet<string> = new Set(['__proto__', 'prototype', ...Object.getOwnPropertyNames(Object.prototype)]);

/** True for a name {@link RESERVED_NAMES} holds. */
export function isReservedName(name: string): boolean {
  return RESERVED_NAMES.has(name);
}

/** The message for a reserved name declared in a file. */
export function reservedNameText(what: Text, name: string): Text {
  return t(
    `${what.sv} "${name}" är ett reserverat namn och kan inte användas; välj ett annat namn`,
    `${what.en} "${name}" is a reserved name and cannot be used; choose another name`,
  );
}

/**
 * Parses YAML (JSON is YAML too). Duplicate keys and syntax errors are
 * reported all at once, each with its line and column; an alias bomb, a
 * nesting too deep to read and a `__proto__` key are refused with the file
 * and a one-line reason, never passed on.
 *
 * @throws InputError with `code` and every problem found.
 */
export function parseYamlSource(text: string, file: string, code: string): YamlSource {
  // The parser recurses once per level of nesting. Near the end of the stack
  // V8 can fail compiling a regular expression and end the whole process
  // (not an exception anyone can catch), so a nesting no real file has is
  // refused before the parser sees it.
  const depth = nestingDepth(text);
  if (depth.depth > MAX_NESTING) {
    throw InputError.of(
      t(`filen är för djupt nästlad för att läsas (${depth.depth} nivåer; högst ${MAX_NESTING})`, `the file is nested too deeply to be read (${depth.depth} levels; at most ${MAX_NESTING})`),
      { file, line: depth.line, hint: TOO_DEEP_HINT },
      code,
    );
  }
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const pos = (offset: number | undefined): Place => {
    if (offset === undefined) return {};
    const p = lineCounter.linePos(offset);
    return { line: p.line, column: p.col };
  };
  if (doc.errors.length > 0) {
    // A file nested so deep that the parser runs out of stack gives that as
    // its one error; the user needs the reason, not the parser's words.
    const deep = doc.errors.find((e) => /call stack/i.test(e.message));
    if (deep) throw InputError.of(TOO_DEEP, { file, ...pos(deep.pos[0]), hint: TOO_DEEP_HINT }, code);
    throw new InputError(
      doc.errors.map((e) => ({
        file,
        ...pos(e.pos[0]),
        message: t(`ogiltig YAML: ${e.message.split('\n')[0]}`, `invalid YAML: ${e.message.split('\n')[0]}`),
        hint: t('Rätta syntaxen (indrag, kolon, citattecken) och försök igen.', 'Fix the syntax (indentation, colons, quotes) and try again.'),
      })),
      { code },
    );
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_ALIASES });
  } catch (e) {
    if (e instanceof ReferenceError && /alias/i.test(e.message)) {
      throw InputError.of(
        t(
          `filen har för många YAML-alias (*namn): högst ${MAX_ALIASES} får användas, eftersom varje alias kan mångdubbla filens innehåll`,
          `the file has too many YAML aliases (*name): at most ${MAX_ALIASES} may be used, since each alias can multiply the file's content`,
        ),
        { file, hint: t('Skriv ut värdena i stället för att hänvisa till dem med alias.', 'Write the values out instead of referring to them with aliases.') },
        code,
      );
    }
    if (e instanceof RangeError) throw InputError.of(TOO_DEEP, { file, hint: TOO_DEEP_HINT }, code);
    throw e;
  }
  const at = (path: YamlPath): Place => {
    for (let k = path.length; k >= 0; k--) {
      const node = k === 0 ? doc.contents : doc.getIn(path.slice(0, k), true);
      const range = (node as { range?: [number, number, number] } | null | undefined)?.range;
      if (range) return pos(range[0]);
    }
    return {};
  };
  const keyAt = (path: YamlPath, key: string): Place => {
    const parent = path.length === 0 ? doc.contents : doc.getIn(path, true);
    if (isMap(parent)) {
      const pair = parent.items.find((it) => isScalar(it.key) && String(it.key.value) === key);
      const range = pair && isScalar(pair.key) ? pair.key.range : undefined;
      if (range) return pos(range[0]);
    }
    return at([...path, key]);
  };
  const charAt = (path: YamlPath, index: number): Place => {
    const node = doc.getIn(path, true);
    if (!isScalar(node) || !node.range || typeof node.source !== 'string') return at(path);
    const quoted = node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE';
    const raw = text.slice(node.range[0], node.range[1]);
    // Only where the text stands as written (no escapes, no folded lines) is a character's place certain.
    if (raw.includes('\n') || (quoted ? raw.slice(1, -1) : raw) !== node.source) return at(path);
    return pos(node.range[0] + (quoted ? 1 : 0) + index);
  };
  const proto = protoKeys(data, []).map((path): Problem => ({
    file,
    ...keyAt(path.slice(0, -1), '__proto__'),
    message: reservedNameText(t('nyckeln', 'the key'), '__proto__'),
  }));
  if (proto.length > 0) throw new InputError(proto, { code });
  return { doc, lineCounter, data, at, keyAt, charAt };
}

/** The deepest nesting of lists and maps a file may have; a scheme has about six. */
export const MAX_NESTING = 64;

/**
 * How deeply a YAML text nests, roughly but never less than it does: flow
 * brackets (`[`, `{`) outside quotes and comments, plus block levels
 * (growing indentation, and `- ` items on one line). The line where the
 * deepest point is, for the message.
 */
export function nestingDepth(text: string): { depth: number; line: number } {
  let best = { depth: 0, line: 1 };
  let flow = 0;
  const indents: number[] = [];
  let line = 1;
  let i = 0;
  const n = text.length;
  while (i < n) {
    // Start of a line: its block level, unless inside a flow collection.
    let j = i;
    while (j < n && text[j] === ' ') j++;
    const blank = j >= n || text[j] === '\n' || text[j] === '\r' || text[j] === '#';
    let items = 0;
    if (!blank && flow === 0) {
      const w = j - i;
      while (indents.length > 0 && indents[indents.length - 1]! >= w) indents.pop();
      indents.push(w);
      while (text[j] === '-' && (text[j + 1] === ' ' || text[j + 1] === '\t')) {
        items++;
        j += 2;
        while (text[j] === ' ') j++;
      }
      if (indents.length + items > best.depth) best = { depth: indents.length + items, line };
    }
    // The rest of the line: flow brackets outside quotes and comments.
    let k = j;
    while (k < n && text[k] !== '\n' && text[k] !== '\r') {
      const c = text[k]!;
      if (c === '#' && (k === i || text[k - 1] === ' ' || text[k - 1] === '\t')) {
        while (k < n && text[k] !== '\n' && text[k] !== '\r') k++;
        break;
      }
      if (c === '"' || c === "'") {
        k++;
        while (k < n && text[k] !== c) {
          if (c === '"' && text[k] === '\\') k++;
          if (text[k] === '\n') line++;
          k++;
        }
      } else if (c === '[' || c === '{') {
        flow++;
        if (indents.length + items + flow > best.depth) best = { depth: indents.length + items + flow, line };
      } else if ((c === ']' || c === '}') && flow > 0) flow--;
      k++;
    }
    if (text[k] === '\r' && text[k + 1] === '\n') k++;
    line++;
    i = k + 1;
  }
  return best;
}

const TOO_DEEP: Text = t('filen är för djupt nästlad för att läsas', 'the file is nested too deeply to be read');
const TOO_DEEP_HINT: Text = t('Filen ska bara ha några få nivåer av indrag; kontrollera den.', 'The file should have only a few levels of indentation; check it.');

/** The paths of every own `__proto__` key in plain data (zod would drop such a key without a word). */
function protoKeys(node: unknown, path: (string | number)[]): (string | number)[][] {
  if (node === null || typeof node !== 'object') return [];
  if (Array.isArray(node)) return node.flatMap((v, i) => protoKeys(v, [...path, i]));
  const out: (string | number)[][] = [];
  for (const key of Object.keys(node)) {
    if (key === '__proto__') out.push([...path, key]);
    else out.push(...protoKeys((node as Record<string, unknown>)[key], [...path, key]));
  }
  return out;
}

/** The issues of one validation, as zod gave them with its Swedish and its English messages (the same issues, in the same order). */
export interface BilingualIssues {
  readonly sv: readonly z.core.$ZodIssue[];
  readonly en: readonly z.core.$ZodIssue[];
}

/**
 * Validates `data`: the parsed value, or every issue in Swedish and English.
 * Without zod's compiled fast path (`jitless`): a file is validated once, and
 * generating and compiling a parser per object shape costs more than it saves.
 */
export function validateBilingual<T>(schema: z.ZodType<T>, data: unknown): { ok: true; data: T } | { ok: false; issues: BilingualIssues } {
  const sv = schema.safeParse(data, { error: zodSwedish().localeError, jitless: true });
  if (sv.success) return { ok: true, data: sv.data };
  const en = schema.safeParse(data, { error: zodEnglish().localeError, jitless: true });
  return { ok: false, issues: { sv: sv.error.issues, en: en.success ? [] : en.error.issues } };
}

/**
 * Validation issues as problems, each at the line and column of the value it
 * is about (an unknown key: at the key itself), saying what is allowed there
 * and which known name a misspelt one is closest to (`zod-issues.ts`).
 * `describe` turns a path into the words the message starts with.
 */
export function issueProblems(
  source: YamlSource,
  file: string,
  checked: { readonly schema: z.ZodType; readonly data: unknown; readonly issues: BilingualIssues },
  describe: (path: YamlPath) => string,
): Problem[] {
  const problems = explainIssues(checked.schema, checked.data, checked.issues.sv, checked.issues.en).map(({ path, key, message, hint }): Problem => {
    const where = key !== undefined ? source.keyAt(path, key) : source.at(path);
    const name = describe(path);
    return { file, ...where, message: t(`${name}: ${message.sv}`, `${name}: ${message.en}`), ...(hint ? { hint } : {}) };
  });
  // In the order of the file.
  return problems.sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || Number(a.column ?? 0) - Number(b.column ?? 0));
}

/** What {@link parseValidatedMap} options: the error code, the sentence for a file that is not a map, and how a path is named in messages. */
export interface ValidatedMapOptions {
  readonly code: string;
  readonly notAMap: Text;
  readonly describe: (data: object, path: YamlPath) => string;
}

/**
 * A YAML file that must hold a map, parsed and validated against `schema`:
 * the value, and the source to find where each part was written.
 *
 * @throws InputError with `options.code`: a syntax error, a file that is not a map (at line 1), or every validation issue at its line and column.
 */
export function parseValidatedMap<T>(text: string, file: string, schema: z.ZodType<T>, options: ValidatedMapOptions): { readonly value: T; readonly source: YamlSource } {
  const source = parseYamlSource(text, file, options.code);
  const data = source.data;
  if (data === null || typeof data !== 'object' || Array.isArray(data)) throw InputError.of(options.notAMap, { file, line: 1, column: 1 }, options.code);
  const checked = validateBilingual(schema, data);
  if (!checked.ok) throw new InputError(issueProblems(source, file, { schema, data, issues: checked.issues }, (path) => options.describe(data, path)), { code: options.code });
  return { value: checked.data, source };
}

/** A real calendar date written `YYYY-MM-DD` (2021-02-30 is not one). */
export function isCalendarDate(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (m === null) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}
