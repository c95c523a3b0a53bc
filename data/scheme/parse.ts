/**
 * A scheme file's text to a checked definition: YAML parsed with the lines
 * kept, the shape validated (`schema.ts`), the whole checked
 * (`check-definition.ts`). Pure: text in, a definition out, or one
 * InputError listing every mistake with its line and column. Resolution
 * against populations and parameter overrides happens in `resolve.ts`.
 */
import { InputError, type Problem, t } from '../../models/errors.js';
import { type Place, type YamlPath, type YamlSource, issueProblems, parseYamlSource, validateBilingual } from '../yaml-source.js';
import { checkSchemeDefinition, undeclaredParameter } from './check-definition.js';
import { describePath } from './describe-path.js';
import { checkDerivedParameters } from './derived.js';
import { type SchemeFile, parametersDef, schemeFileSchema } from './schema.js';

/** A scheme file's definition and where each of its parts was written. */
export interface SchemeSource {
  readonly def: SchemeFile;
  /** The file name problems are reported under. */
  readonly file: string;
  /** The line and column of the value at `path` (or of the nearest enclosing one). */
  at(path: YamlPath): Place;
  /** The line and column of the key `key` of the map at `path`. */
  keyAt(path: YamlPath, key: string): Place;
  /** The line and column of character `index` of the string at `path` (a place in an expression). */
  charAt?(path: YamlPath, index: number): Place;
}

// A definition read from a file keeps the way back to its text, so that a
// problem found later (against the population, under an override) still
// names the line; a definition built in code has none.
const sources = new WeakMap<SchemeFile, SchemeSource>();

/** Where the parts of a definition read by {@link parseSchemeFile} were written; undefined for one built in code. */
export function schemeSourceOf(def: SchemeFile): SchemeSource | undefined {
  return sources.get(def);
}

/**
 * Gives a definition taken from the build's cache (`parsed-cache.ts`) the way
 * back to its text: the places are found by parsing the text again, only
 * when a problem is to be reported.
 */
export function rememberSchemeText(def: SchemeFile, text: string, file: string): void {
  let located: SchemeSource | undefined;
  const real = (): SchemeSource => (located ??= parseSchemeSource(text, file));
  sources.set(def, { def, file, at: (path) => real().at(path), keyAt: (path, key) => real().keyAt(path, key), charAt: (path, index) => real().charAt?.(path, index) ?? real().at(path) });
}

/**
 * Parses and validates a scheme file's text. Every problem is reported with
 * the file name and the line and column of the offending value.
 *
 * @param text  the file's content (YAML; JSON is YAML too)
 * @param file  the name to report problems under
 * @throws InputError (`E_SCHEME`) with every problem found.
 */
export function parseSchemeFile(text: string, file: string): SchemeFile {
  return parseSchemeSource(text, file).def;
}

/** {@link parseSchemeFile}, with the way back to where each value was written. */
export function parseSchemeSource(text: string, file: string): SchemeSource {
  const source = parseYamlSource(text, file, 'E_SCHEME');
  const data = source.data;
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    throw InputError.of(t('en schemafil ska innehålla en karta med id, title, parties och components', 'a scheme file must hold a map with id, title, parties and components'), { file, line: 1, column: 1 }, 'E_SCHEME');
  }
  const checked = validateBilingual(schemeFileSchema, data);
  if (!checked.ok) {
    // Every problem at once: a misspelt parameter name is reported beside a
    // misspelt cap policy, not on the run after it is fixed.
    const problems = [...issueProblems(source, file, { schema: schemeFileSchema, data, issues: checked.issues }, (path) => describePath(data, path)), ...undeclaredReferences(data, source, file), ...formulaProblems(data, source, file)];
    throw new InputError(problems.sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || Number(a.column ?? 0) - Number(b.column ?? 0)), { code: 'E_SCHEME' });
  }
  const value = checked.data;
  const located: SchemeSource = { def: value, file, at: source.at, keyAt: source.keyAt, charAt: source.charAt };
  const problems = checkSchemeDefinition(value, located);
  if (problems.length > 0) throw new InputError(problems, { code: 'E_SCHEME' });
  sources.set(value, located);
  return located;
}

/**
 * Every `{ param: name }` in a file whose shape was refused, whose name is
 * not declared under `parameters`: the check of the whole definition cannot
 * run on such a file, and these are the typos a user most wants at once.
 */
function undeclaredReferences(data: object, source: YamlSource, file: string): Problem[] {
  const params = (data as { parameters?: unknown }).parameters;
  const declared = params !== null && typeof params === 'object' && !Array.isArray(params) ? Object.keys(params) : [];
  const out: Problem[] = [];
  const walk = (node: unknown, path: (string | number)[]): void => {
    if (node === null || typeof node !== 'object') return;
    if (path[0] === 'parameters' && path.length === 1) return;
    const keys = Object.keys(node);
    if (!Array.isArray(node) && keys.length === 1 && keys[0] === 'param') {
      const name = (node as { param: unknown }).param;
      if (typeof name === 'string' && !declared.includes(name)) {
        const text = undeclaredParameter(describePath(data, path), name, declared);
        out.push({ file, ...source.at(path), message: text.message, hint: text.hint });
      }
      return;
    }
    if (Array.isArray(node)) node.forEach((v, i) => walk(v, [...path, i]));
    else for (const k of keys) walk((node as Record<string, unknown>)[k], [...path, k]);
  };
  walk(data, []);
  return out;
}

/**
 * The formulas of a file whose shape was refused, when its `parameters` are
 * shaped right: a misspelt name in an `expr` is reported with the rest, not
 * on the run after they are fixed.
 */
function formulaProblems(data: object, source: YamlSource, file: string): Problem[] {
  const checked = parametersDef.safeParse((data as { parameters?: unknown }).parameters);
  if (!checked.success) return [];
  return checkDerivedParameters({ parameters: checked.data } as SchemeFile, { file, at: source.at, charAt: source.charAt });
}
