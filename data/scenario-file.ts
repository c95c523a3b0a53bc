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
 *   kostnadsindex:                 # a shared driver: one draw per run multiplies every scaled parameter
 *     draw: normal(1, 0.05)
 *     scales: [licence.total, helpdesk.budget]
 * simulation: { runs: 100000, seed: 1 }
 * ```
 *
 * `parseScenarioFile` is pure: text in, a validated scenario and a way to
 * find where each part was written, or an InputError with every problem
 * and its line and column.
 */
import { parseDocument } from 'yaml';
import * as z from 'zod';
import { InputError, type Problem, type Text, t } from '../models/errors.js';
import { MAX_ALIASES, MAX_NESTING, nestingDepth, parseValidatedMap } from './yaml-source.js';

const code = z.string().regex(/^\d{2}(\d{2})?(-[0-9A-Za-z]+)?$/, 'en kod är 2 siffror (län), 4 siffror (kommun) eller KOD-DEL');
const text = z.union([z.string(), z.number()]).transform((v) => String(v));
const count = z.number().int().nonnegative();

/** The shape of a scenario file, as zod checks it (and as `schemas/scenario.schema.json` describes it). */
export const scenarioFileSchema = z
  .object({
    scheme: z.string().min(1).describe('Schemat scenariot utgår från: ett inbyggt (t.ex. vgr-2022) eller en sökväg relativt denna fil'),
    title: z.string().min(1).describe('Scenariots titel'),
    description: z.string().optional().describe('Frågan scenariot besvarar, i ord'),
    set: z.record(z.string(), text).default({}).describe('Parametervärden som --set tar dem, t.ex. rate: "10"; även population.file och users.ÅÅÅÅ'),
    parties: z
      .object({
        leave: z.array(code).default([]).describe('Koderna för parter som inte skriver under'),
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
          .default([])
          .describe('Parter som tillkommer, med kod, namn och folkmängd'),
        split: z
          .array(
            z
              .object({
                parent: code.describe('Koden för parten som delas'),
                file: z.string().min(1).describe('Fil med namn och folkmängd per delpart, relativt denna fil'),
                proportional: z.boolean().default(false).describe('true: fördela partens folkmängd efter filens andelar'),
              })
              .strict(),
          )
          .default([])
          .describe('Parter som delas i delparter från en fil'),
      })
      .strict()
      .default({ leave: [], join: [], split: [] })
      .describe('Ändringar av parterna: leave, join, split'),
    // A distribution per input, or a shared driver drawn once per run that scales several parameters.
    vary: z
      .record(
        z.string(),
        z.union([
          z.string(),
          z
            .object({
              draw: z.string().describe('Fördelningen för faktorn, t.ex. normal(1, 0.05)'),
              scales: z.array(z.string()).min(1).describe('Parametrarna som faktorn multiplicerar'),
              label: z.string().optional().describe('Faktorns namn i utdata'),
            })
            .strict(),
        ]),
      )
      .default({})
      .describe('Osäkra värden för simulate och sensitivity: namn: fördelning, t.ex. rate: triangular(9.5, 10, 11) eller population: uniform(-0.02, 0.02); eller en gemensam faktor { draw, scales } som dras en gång per körning'),
    simulation: z
      .object({
        runs: z.number().int().positive().optional().describe('Antal körningar i Monte Carlo'),
        seed: z.number().int().nonnegative().optional().describe('Startvärde för slumpen, så att resultatet går att upprepa'),
      })
      .strict()
      .optional()
      .describe('Standardvärden för andel simulate'),
  })
  .strict();

/** A scenario file's content after validation. */
export type ScenarioFile = z.infer<typeof scenarioFileSchema>;

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
    // A broken document is no scenario; reading it further can be costly (a nesting thousands deep).
    if (nestingDepth(text).depth > MAX_NESTING) return false;
    const doc = parseDocument(text, { prettyErrors: false });
    if (doc.errors.length > 0) return false;
    const data: unknown = doc.toJS({ maxAliasCount: MAX_ALIASES });
    return data !== null && typeof data === 'object' && !Array.isArray(data) && Object.hasOwn(data, 'scheme') && !Object.hasOwn(data, 'id');
  } catch {
    return false;
  }
}

/**
 * Parses and validates a scenario file's text. Every problem is reported with
 * the file name, line and column.
 */
export function parseScenarioFile(source: string, file: string): ParsedScenario {
  const { value, source: yaml } = parseValidatedMap(source, file, scenarioFileSchema, {
    code: 'E_SCENARIO',
    notAMap: t('en scenariofil ska innehålla en karta med scheme och title', 'a scenario file must hold a map with scheme and title'),
    describe: (_data, path) => (path.length === 0 ? '(roten)' : path.join('.')),
  });
  return { scenario: value, file, locate: yaml.at };
}

/** A problem at a place in a parsed scenario. */
export function problemAt(parsed: ParsedScenario, path: readonly (string | number)[], message: Text, hint?: Text): Problem {
  return { file: parsed.file, ...parsed.locate(path), message, ...(hint ? { hint } : {}) };
}
