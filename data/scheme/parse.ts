/**
 * A scheme file's text to a checked definition: YAML parsed with the lines
 * kept, the shape validated (`schema.ts`), the whole checked
 * (`check-definition.ts`). Pure: text in, a definition out, or one
 * InputError listing every mistake with its line and column. Resolution
 * against populations and parameter overrides happens in `resolve.ts`.
 */
import { InputError, t } from '../../models/errors.js';
import { type Place, type YamlPath, parseValidatedMap } from '../yaml-source.js';
import { checkSchemeDefinition } from './check-definition.js';
import { describePath } from './describe-path.js';
import { type SchemeFile, schemeFileSchema } from './schema.js';

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
  const { value, source } = parseValidatedMap(text, file, schemeFileSchema, {
    code: 'E_SCHEME',
    notAMap: t('en schemafil ska innehålla en karta med id, title, parties och components', 'a scheme file must hold a map with id, title, parties and components'),
    describe: describePath,
  });
  const located: SchemeSource = { def: value, file, at: source.at, keyAt: source.keyAt, charAt: source.charAt };
  const problems = checkSchemeDefinition(value, located);
  if (problems.length > 0) throw new InputError(problems, { code: 'E_SCHEME' });
  sources.set(value, located);
  return located;
}
