/**
 * The shape of a scheme file, as zod checks it: which fields a scheme has,
 * which are optional, and what each takes. What a shape cannot say (a
 * `{ param: … }` of the right type, unique ids, real dates, known note keys)
 * is checked next, in `check-definition.ts`; the README's "Describing your
 * own scheme" tells a user the same in words.
 */
import { CAP_POLICY_NAMES } from '../../models/cap-policy.js';
import * as z from 'zod';
import { DATE_KINDS, type SchemeNotes } from '../../models/scheme.js';

const code = z.string().regex(/^\d{2}(\d{2})?(-[0-9A-Za-z]+)?$/, 'en kod är 2 siffror (län), 4 siffror (kommun) eller KOD-DEL');
const num = z.union([z.string(), z.number()]).transform((v) => String(v));
const param = z.object({ param: z.string() }).strict();
const numOrParam = z.union([num, param]);
const date = z.union([z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'datum skrivs ÅÅÅÅ-MM-DD'), z.date().transform((d) => d.toISOString().slice(0, 10))]);

const keySchema: z.ZodType<KeyDef> = z.lazy(() =>
  z.union([
    z.enum(['population', 'users', 'equal']),
    z.object({ weights: z.record(z.string(), num) }).strict(),
    z.object({ blend: z.array(z.object({ key: keySchema, weight: num }).strict()).min(1), normalise: z.boolean().optional() }).strict(),
  ]),
);

/**
 * A key as written in a scheme file. A blend's weights must sum to 1 (so
 * that "30 % users, 70 % population" is written 0.3 and 0.7); with
 * `normalise: true` they are taken as proportions instead.
 */
export type KeyDef =
  | 'population'
  | 'users'
  | 'equal'
  | { weights: Record<string, string> }
  | { blend: { key: KeyDef; weight: string }[]; normalise?: boolean | undefined };

const partySelector = z.union([z.literal('all'), z.enum(['kommun', 'region', 'del']), z.array(code)]);

const yearsDef = z.object({ first: numOrParam, count: numOrParam }).strict();

/**
 * Whether an amount (a cap, a total, a budget) holds for each year of the
 * component's `years` or for the whole period. A cap and a total are per
 * period unless they say otherwise, a budget per year (what they have
 * always meant).
 */
const perDef = z.enum(['year', 'period']);

const capDef = z
  .object({
    amount: numOrParam,
    per: perDef.optional(),
    policy: z.union([z.enum(CAP_POLICY_NAMES), param]),
    carrier: code.optional(),
    parties: partySelector.default('kommun'),
    basis: z.string().optional(),
  })
  .strict();

/** What every kind of component has: its id, its label and an optional short label. */
const componentNames = {
  id: z.string().min(1),
  label: z.string(),
  short: z.string().optional(),
};

const componentDef = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('per-unit'),
    ...componentNames,
    rate: numOrParam,
    key: z.literal('population'),
    parties: partySelector.default('all'),
    year: z.number().int().optional(),
  }).strict(),
  z.object({
    kind: z.literal('share'),
    ...componentNames,
    total: numOrParam,
    per: perDef.optional(),
    key: keySchema,
    parties: partySelector.default('all'),
    cap: capDef.optional(),
    floors: z.record(z.string(), numOrParam).optional(),
    years: yearsDef.optional(),
  }).strict(),
  z.object({
    kind: z.literal('yearly-share'),
    ...componentNames,
    budget: numOrParam,
    per: perDef.optional(),
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
    // A derived parameter: an exact expression over other parameters (models/expression.ts), instead of a value.
    expr: z.string().optional(),
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

// Text under any key, kept in the file's order (the overview prints the notes
// in that order). Which keys are known is checked with the definition as a
// whole (`check-notes.ts`), after the names JavaScript reserves have been
// refused with their own message.
const notesDef = z.record(z.string(), z.string()) as unknown as z.ZodType<SchemeNotes, Record<string, string>>;

/**
 * The validated content of a scheme file, before resolution: the shape only.
 * {@link parseSchemeFile} also checks the definition as a whole (which note
 * keys exist among them); a definition validated with this schema alone is
 * checked so the first time it is resolved.
 */
export const schemeFileSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'id skrivs med gemener, siffror och bindestreck'),
    title: z.string().min(1),
    summary: z.string().min(1),
    region: z.string().optional(),
    source: z
      .object({
        document: z.string(),
        author: z.string().optional(),
        date: date.optional(),
        // The agreement itself, by its own name, and what it rests on: a tjänsteutlåtande's Bakgrund cites these, not the document the figures were read from.
        agreement: z.string().min(1).optional(),
        basis: z.string().min(1).optional(),
      })
      .strict()
      .optional(),
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
    dates: z.array(z.object({ date, kind: z.enum(DATE_KINDS), label: z.string() }).strict()).default([]),
    notes: notesDef.default({}),
  })
  .strict();

/** A scheme file's content after validation. */
export type SchemeFile = z.infer<typeof schemeFileSchema>;
/** One component as written in a scheme file. */
export type ComponentDef = z.infer<typeof componentDef>;
/** One parameter as declared in a scheme file. */
export type ParameterDef = z.infer<typeof parameterDef>;

/** A parameter's type, as a scheme file declares it. */
export type ParameterType = ParameterDef['type'];

/** A number as written, or a reference to a parameter: `"1500000"` or `{ param: total }`. */
export type NumberOrParam = string | { param: string };
