/**
 * The scheme file: a YAML (or JSON) description of a cost-sharing scheme.
 * `parseSchemeFile` is pure: text in, a validated definition out, or one
 * InputError listing every mistake with its line and column. Resolution
 * against populations and parameter overrides happens in `scheme.ts`.
 */
import { type LineCounter, isMap, isSeq, type Document } from 'yaml';
import { z } from 'zod';
import { InputError, type Problem, t } from '../models/errors.js';
import { parseYamlSource, validateBilingual } from './yaml-source.js';

const code = z.string().regex(/^\d{2}(\d{2})?(-[0-9A-Za-z]+)?$/, 'en kod är 2 siffror (län), 4 siffror (kommun) eller KOD-DEL');
const num = z.union([z.string(), z.number()]).transform((v) => String(v));
const param = z.object({ param: z.string() }).strict();
const numOrParam = z.union([num, param]);
const date = z.union([z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'datum skrivs ÅÅÅÅ-MM-DD'), z.date().transform((d) => d.toISOString().slice(0, 10))]);

const keySchema: z.ZodType<KeyDef> = z.lazy(() =>
  z.union([
    z.enum(['population', 'users', 'equal']),
    z.object({ weights: z.record(z.string(), num) }).strict(),
    z.object({ blend: z.array(z.object({ key: keySchema, weight: num }).strict()).min(1) }).strict(),
  ]),
);

/** A key as written in a scheme file. */
export type KeyDef = 'population' | 'users' | 'equal' | { weights: Record<string, string> } | { blend: { key: KeyDef; weight: string }[] };

const partySelector = z.union([z.literal('all'), z.enum(['kommun', 'region', 'del']), z.array(code)]);

const yearsDef = z.object({ first: numOrParam, count: numOrParam }).strict();

const capDef = z
  .object({
    amount: numOrParam,
    policy: z.union([z.enum(['region', 'redistribute', 'none']), param]),
    carrier: code.optional(),
    parties: partySelector.default('kommun'),
    basis: z.string().optional(),
  })
  .strict();

const componentDef = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('per-unit'),
    id: z.string().min(1),
    label: z.string(),
    short: z.string().optional(),
    rate: numOrParam,
    key: z.literal('population'),
    parties: partySelector.default('all'),
    year: z.number().int().optional(),
  }).strict(),
  z.object({
    kind: z.literal('share'),
    id: z.string().min(1),
    label: z.string(),
    short: z.string().optional(),
    total: numOrParam,
    key: keySchema,
    parties: partySelector.default('all'),
    cap: capDef.optional(),
    floors: z.record(z.string(), num).optional(),
    years: yearsDef.optional(),
  }).strict(),
  z.object({
    kind: z.literal('yearly-share'),
    id: z.string().min(1),
    label: z.string(),
    short: z.string().optional(),
    budget: numOrParam,
    index: numOrParam.default('0'),
    key: keySchema,
    parties: partySelector.default('all'),
    years: yearsDef,
  }).strict(),
]);

const parameterDef = z
  .object({
    type: z.enum(['money', 'rate', 'integer', 'decimal', 'percent', 'enum', 'year', 'text']),
    value: z.union([z.string(), z.number()]).transform((v) => String(v)).optional(),
    label: z.string(),
    unit: z.string().optional(),
    values: z.array(z.string()).optional(),
    min: z.number().optional(),
    max: z.number().optional(),
    description: z.string().optional(),
  })
  .strict();

const partyDef = z.union([
  z.object({
    code,
    name: z.string().min(1),
    kind: z.enum(['region', 'kommun', 'del']),
    population: z.union([z.literal('county'), z.number().int().nonnegative()]).optional(),
    users: numOrParam.optional(),
  }).strict(),
  z.object({
    from: z.literal('population'),
    kind: z.literal('kommun').default('kommun'),
    // Only this county's municipalities (a national file for one region's scheme).
    county: z.string().regex(/^\d{2}$/, 'en länskod är 2 siffror').optional(),
  }).strict(),
]);

/** The validated content of a scheme file, before resolution. */
export const schemeFileSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'id skrivs med gemener, siffror och bindestreck'),
    title: z.string().min(1),
    summary: z.string().min(1),
    region: z.string().optional(),
    source: z.object({ document: z.string(), author: z.string().optional(), date: date.optional() }).strict().optional(),
    rounding: num.default('0.01'),
    population: z
      .object({ file: z.string(), source: z.string(), referenceDate: date, label: z.string().optional() })
      .strict()
      .optional(),
    users: z
      .object({
        files: z.record(z.string(), z.string()).default({}),
        takenOn: z.string().optional(),
        note: z.string().optional(),
      })
      .strict()
      .optional(),
    parties: z.array(partyDef).min(1),
    parameters: z.record(z.string(), parameterDef).default({}),
    components: z.array(componentDef).min(1),
    financing: z
      .object({
        cost: z.object({ amount: numOrParam, label: z.string().optional() }).strict(),
        revenue: z.object({ amount: numOrParam, label: z.string().optional() }).strict(),
        period: z.string().optional(),
      })
      .strict()
      .optional(),
    contract: z
      .object({
        start: date,
        years: numOrParam.optional(),
        noticeMonths: z.number().int().positive().optional(),
        condition: z.string().optional(),
      })
      .strict()
      .optional(),
    dates: z.array(z.object({ date, kind: z.string(), label: z.string() }).strict()).default([]),
    notes: z.record(z.string(), z.string()).default({}),
  })
  .strict();

/** A scheme file's content after validation. */
export type SchemeFile = z.infer<typeof schemeFileSchema>;
/** One component as written in a scheme file. */
export type ComponentDef = z.infer<typeof componentDef>;
/** One parameter as declared in a scheme file. */
export type ParameterDef = z.infer<typeof parameterDef>;

/**
 * Parses and validates a scheme file's text. Every problem is reported with
 * the file name and the line and column of the offending value.
 *
 * @param text  the file's content (YAML; JSON is YAML too)
 * @param file  the name to report problems under
 */
export function parseSchemeFile(text: string, file: string): SchemeFile {
  const { doc, lineCounter, data } = parseYamlSource(text, file, 'E_SCHEME');
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    throw InputError.of(t('en schemafil ska innehålla en karta med id, title, parties och components', 'a scheme file must hold a map with id, title, parties and components'), { file }, 'E_SCHEME');
  }
  const checked = validateBilingual(schemeFileSchema, data);
  if (checked.ok) return checked.data;
  const problems: Problem[] = checked.issues.map(({ issue, en }) => {
    const path = issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p));
    // Point at an unknown key itself, not at the map that holds it.
    const keys = issue.code === 'unrecognized_keys' ? issue.keys : [];
    const { line, column } = locate(doc, lineCounter, keys.length === 1 ? [...path, keys[0]!] : path);
    const where = describePath(data, path);
    return {
      file,
      ...(line !== undefined ? { line, column } : {}),
      message: t(`${where}: ${issue.message}`, `${where}: ${en}`),
    };
  });
  throw new InputError(problems, { code: 'E_SCHEME' });
}

/** `components.0.rate` → `components[0] (investering).rate`: the id says which one. */
function describePath(data: unknown, path: (string | number)[]): string {
  if (path.length === 0) return '(roten)';
  let node: unknown = data;
  let out = '';
  for (const p of path) {
    node = node !== null && typeof node === 'object' ? (node as Record<string | number, unknown>)[p] : undefined;
    if (typeof p === 'number') {
      const id = node !== null && typeof node === 'object' ? ((node as Record<string, unknown>).id ?? (node as Record<string, unknown>).code) : undefined;
      out += `[${p}]${typeof id === 'string' ? ` (${id})` : ''}`;
    } else {
      out += out ? `.${p}` : p;
    }
  }
  return out;
}

/** Finds the line and column of the deepest node on `path` that exists. */
function locate(doc: Document, lc: LineCounter, path: (string | number)[]): { line?: number; column?: number } {
  for (let k = path.length; k >= 0; k--) {
    const node = k === 0 ? doc.contents : doc.getIn(path.slice(0, k), true);
    const range = (node as { range?: [number, number, number] } | undefined)?.range;
    if (range && (k === 0 || isMap(node) || isSeq(node) || node)) {
      const pos = lc.linePos(range[0]);
      return { line: pos.line, column: pos.col };
    }
  }
  return {};
}
