/**
 * The scenario file: a what-if question about a scheme, as YAML.
 *
 * ```yaml
 * scheme: vgr-2022                 # a built-in scheme, or a path relative to this file
 * title: Göteborg avstår
 * description: Vad händer om Göteborg inte skriver under?
 * set:                             # parameter values, as --set takes them
 *   rate: "10"
 *   population.file: ../data/populations/annan.csv
 * parties:
 *   leave: ["1480"]                # parties that do not sign
 *   join:                          # parties that join (with what the components count)
 *     - { code: "1499", name: Ny kommun, population: 12000 }
 *   split:                         # parties split into sub-parties from a file (name, population)
 *     - { parent: "0180", file: stadsdelar.csv }
 * vary:                            # uncertain inputs for `andel simulate` and `andel sensitivity`
 *   licence.total: uniform(1000000, 2000000)
 *   population: uniform(-0.05, 0.05)
 * simulation: { runs: 100000, seed: 1 }
 * ```
 *
 * `parseScenarioFile` is pure: text in, a validated scenario and a way to
 * find where each part was written, or an InputError with every problem
 * and its line and column.
 */
import { type LineCounter, isMap, isScalar, parseDocument, type Document } from 'yaml';
import { z } from 'zod';
import { InputError, type Problem, type Text, t } from '../models/errors.js';
import { parseYamlSource, validateBilingual } from './yaml-source.js';

const code = z.string().regex(/^\d{2}(\d{2})?(-[0-9A-Za-z]+)?$/, 'en kod är 2 siffror (län), 4 siffror (kommun) eller KOD-DEL');
const text = z.union([z.string(), z.number()]).transform((v) => String(v));
const count = z.number().int().nonnegative();

const scenarioSchema = z
  .object({
    scheme: z.string().min(1),
    title: z.string().min(1),
    description: z.string().optional(),
    set: z.record(z.string(), text).default({}),
    parties: z
      .object({
        leave: z.array(code).default([]),
        join: z
          .array(
            z
              .object({
                code,
                name: z.string().min(1),
                kind: z.enum(['kommun', 'region']).default('kommun'),
                population: count.optional(),
                users: z.union([count, z.record(z.string().regex(/^\d{4}$/, 'år skrivs ÅÅÅÅ'), count)]).optional(),
              })
              .strict(),
          )
          .default([]),
        split: z.array(z.object({ parent: code, file: z.string().min(1), proportional: z.boolean().default(false) }).strict()).default([]),
      })
      .strict()
      .default({ leave: [], join: [], split: [] }),
    vary: z.record(z.string(), z.string()).default({}),
    simulation: z.object({ runs: z.number().int().positive().optional(), seed: z.number().int().nonnegative().optional() }).strict().optional(),
  })
  .strict();

/** A scenario file's content after validation. */
export type ScenarioFile = z.infer<typeof scenarioSchema>;

/** A parsed scenario and where its parts were written. */
export interface ParsedScenario {
  readonly scenario: ScenarioFile;
  readonly file: string;
  /** The line and column of the value at `path` (or of the nearest enclosing one). */
  locate(path: readonly (string | number)[]): { line?: number; column?: number };
}

/** Whether a parsed YAML/JSON document looks like a scenario (it names a base scheme) rather than a scheme (it has an id). */
export function looksLikeScenario(text: string): boolean {
  try {
    const data: unknown = parseDocument(text, { prettyErrors: false }).toJS();
    return data !== null && typeof data === 'object' && !Array.isArray(data) && 'scheme' in data && !('id' in data);
  } catch {
    return false;
  }
}

/**
 * Parses and validates a scenario file's text. Every problem is reported with
 * the file name, line and column.
 */
export function parseScenarioFile(source: string, file: string): ParsedScenario {
  const { doc, lineCounter, data } = parseYamlSource(source, file, 'E_SCENARIO');
  const locate = (path: readonly (string | number)[]) => locateIn(doc, lineCounter, path);
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    throw InputError.of(t('en scenariofil ska innehålla en karta med scheme och title', 'a scenario file must hold a map with scheme and title'), { file, line: 1, column: 1 }, 'E_SCENARIO');
  }
  const checked = validateBilingual(scenarioSchema, data);
  if (checked.ok) return { scenario: checked.data, file, locate };
  const problems: Problem[] = checked.issues.map(({ issue, en }) => {
    const path = issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p));
    const keys = issue.code === 'unrecognized_keys' ? issue.keys : [];
    const where = keys.length === 1 ? locateKey(doc, lineCounter, path, keys[0]!) : locate(path);
    const name = path.length === 0 ? '(roten)' : path.join('.');
    return { file, ...where, message: t(`${name}: ${issue.message}`, `${name}: ${en}`) };
  });
  throw new InputError(problems, { code: 'E_SCENARIO' });
}

/** A problem at a place in a parsed scenario. */
export function problemAt(parsed: ParsedScenario, path: readonly (string | number)[], message: Text, hint?: Text): Problem {
  return { file: parsed.file, ...parsed.locate(path), message, ...(hint ? { hint } : {}) };
}

/** The line and column of a key itself (an unknown key is pointed at, not its value). */
function locateKey(doc: Document, lc: LineCounter, path: readonly (string | number)[], key: string): { line?: number; column?: number } {
  const parent = path.length === 0 ? doc.contents : doc.getIn(path, true);
  if (isMap(parent)) {
    const pair = parent.items.find((it) => isScalar(it.key) && it.key.value === key);
    const range = pair && isScalar(pair.key) ? pair.key.range : undefined;
    if (range) {
      const pos = lc.linePos(range[0]);
      return { line: pos.line, column: pos.col };
    }
  }
  return locateIn(doc, lc, [...path, key]);
}

function locateIn(doc: Document, lc: LineCounter, path: readonly (string | number)[]): { line?: number; column?: number } {
  for (let k = path.length; k >= 0; k--) {
    const node = k === 0 ? doc.contents : doc.getIn(path.slice(0, k), true);
    const range = (node as { range?: [number, number, number] } | undefined)?.range;
    if (range) {
      const pos = lc.linePos(range[0]);
      return { line: pos.line, column: pos.col };
    }
  }
  return {};
}
