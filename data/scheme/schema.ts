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
const param = z.object({ param: z.string().describe('Namnet på en parameter under parameters') }).strict().describe('Värdet tas från en parameter: { param: namn }');
const numOrParam = z.union([num, param]);
const date = z.union([z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'datum skrivs ÅÅÅÅ-MM-DD'), z.date().transform((d) => d.toISOString().slice(0, 10))]);

const keySchema: z.ZodType<KeyDef> = z.lazy(() =>
  z.union([
    z.enum(['population', 'users', 'equal']).describe('population: efter folkmängd; users: efter antal användare; equal: lika delar'),
    z.object({ weights: z.record(z.string(), num).describe('Avtalade vikter per partskod, t.ex. "0380": 2') }).strict(),
    z
      .object({
        blend: z.array(z.object({ key: keySchema, weight: num.describe('Nyckelns vikt; vikterna summerar till 1 (30 % skrivs 0.3)') }).strict()).min(1).describe('En blandning av nycklar med vikter'),
        normalise: z.boolean().optional().describe('true: vikterna tas som proportioner och behöver inte summera till 1'),
      })
      .strict(),
  ]).describe('Fördelningsnyckeln: population, users, equal, { weights: … } eller { blend: … }'),
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

const partySelector = z.union([z.literal('all'), z.enum(['kommun', 'region', 'del']), z.array(code)]).describe('Vilka parter som delar: all, kommun, region, del eller en lista med koder');

const yearsDef = z.object({ first: numOrParam.describe('Första året (ÅÅÅÅ)'), count: numOrParam.describe('Antal år') }).strict().describe('Åren komponenten gäller');

/**
 * Whether an amount (a cap, a total, a budget) holds for each year of the
 * component's `years` or for the whole period. A cap and a total are per
 * period unless they say otherwise, a budget per year (what they have
 * always meant).
 */
const perDef = z.enum(['year', 'period']);

const capDef = z
  .object({
    amount: numOrParam.describe('Högsta belopp per part i kronor'),
    per: perDef.optional().describe('year: taket gäller varje år; period (standard): hela avtalsperioden'),
    policy: z.union([z.enum(CAP_POLICY_NAMES), param]).describe('Vad taket håller tillbaka: region (en part, carrier, bär det), redistribute (fördelas om på övriga) eller none (redovisas som ej täckt)'),
    carrier: code.optional().describe('Koden för parten som bär det taket håller tillbaka (med policy: region)'),
    parties: partySelector.default('kommun').describe('Vilka parter taket gäller (standard: kommun)'),
    basis: z.string().optional().describe('Vad taket grundar sig på, i ord'),
  })
  .strict()
  .describe('Ett tak: högsta belopp per part');

/** What every kind of component has: its id, its label and an optional short label. */
const componentNames = {
  id: z.string().min(1).describe('Komponentens id: namnger den i utdata och i --set'),
  label: z.string().describe('Komponentens namn som läsaren ser det'),
  short: z.string().optional().describe('Kort namn för tabellkolumner'),
};

const componentDef = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('per-unit').describe('Ett belopp per invånare'),
    ...componentNames,
    rate: numOrParam.describe('Belopp per invånare i kronor'),
    key: z.literal('population'),
    parties: partySelector.default('all'),
    year: z.number().int().optional(),
  }).strict(),
  z.object({
    kind: z.literal('share').describe('Ett totalbelopp som delas efter en nyckel'),
    ...componentNames,
    total: numOrParam.describe('Beloppet som fördelas, i kronor'),
    per: perDef.optional().describe('year: totalen gäller varje år av years; period (standard): hela perioden'),
    key: keySchema,
    parties: partySelector.default('all'),
    cap: capDef.optional(),
    floors: z.record(z.string(), numOrParam).optional().describe('Lägsta belopp per partskod, i kronor'),
    years: yearsDef.optional(),
  }).strict(),
  z.object({
    kind: z.literal('yearly-share').describe('En årlig budget som delas efter en nyckel, år för år'),
    ...componentNames,
    budget: numOrParam.describe('Det första årets budget i kronor'),
    per: perDef.optional().describe('year (standard): budgeten gäller per år'),
    index: numOrParam.default('0').describe('Årlig uppräkning i procent'),
    key: keySchema,
    parties: partySelector.default('all'),
    years: yearsDef,
  }).strict(),
]);

const parameterDef = z
  .object({
    type: z.enum(['money', 'rate', 'integer', 'decimal', 'percent', 'enum', 'year', 'text']).describe('money: kronor; rate: kronor per enhet; integer; decimal; percent; enum: ett val ur values; year: ÅÅÅÅ; text'),
    value: z.union([z.string(), z.number()]).transform((v) => String(v)).optional().describe('Värdet; utan värde (och utan expr) måste det anges med --set eller i ett scenario'),
    // A derived parameter: an exact expression over other parameters (models/expression.ts), instead of a value.
    expr: z.string().optional().describe('En härledd parameter: ett exakt uttryck över andra parametrar, t.ex. "cost.total * 0.5" (+ - * /, parenteser, min, max, round(x, enhet))'),
    label: z.string().describe('Parameterns namn som läsaren ser det'),
    unit: z.string().optional().describe('Enheten, t.ex. kr/invånare'),
    values: z.array(z.string()).optional().describe('De tillåtna värdena (typen enum)'),
    min: z.number().optional().describe('Minsta tillåtna värde'),
    max: z.number().optional().describe('Största tillåtna värde'),
    description: z.string().optional().describe('Förklaring, visas när värdet saknas'),
  })
  .strict();

/** The `parameters` map alone: a file whose shape is refused elsewhere still gets its formulas checked (parse.ts). */
export const parametersDef = z.record(z.string(), parameterDef).default({});

const partyDef = z.union([
  z.object({
    code: code.describe('Partens kod: 2 siffror (län), 4 siffror (kommun) eller KOD-DEL'),
    name: z.string().min(1).describe('Partens namn'),
    kind: z.enum(['region', 'kommun', 'del']).describe('region, kommun eller del'),
    population: z.union([z.literal('county'), z.number().int().nonnegative()]).optional().describe('county: länets folkmängd; eller ett antal invånare'),
    users: numOrParam.optional().describe('Antal användare'),
  }).strict().describe('En part med kod och namn'),
  z.object({
    from: z.literal('population').describe('Kommunerna i befolkningsfilen'),
    kind: z.literal('kommun').default('kommun'),
    // Only this county's municipalities (a national file for one region's scheme).
    county: z.string().regex(/^\d{2}$/, 'en länskod är 2 siffror').optional().describe('Bara detta läns kommuner (länskod, 2 siffror)'),
  }).strict().describe('Alla kommuner i befolkningsfilen: { from: population, county: "03" }'),
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
    id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'id skrivs med gemener, siffror och bindestreck').describe('Schemats id: gemener, siffror och bindestreck, t.ex. uppsala-ehalsa-2026'),
    title: z.string().min(1).describe('Schemats titel'),
    summary: z.string().min(1).describe('En mening om vad som fördelas och hur'),
    region: z.string().optional().describe('Regionen schemat gäller'),
    // A scheme that is a worked example, not an agreement: every output says so, with this text.
    example: z.string().min(1).optional().describe('Ett räkneexempel, inget avtal: texten säger varför, och varje utdata säger att det är ett exempel'),
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
      .optional()
      .describe('Var siffrorna kommer ifrån: dokument, författare, datum'),
    rounding: num.default('0.01').describe('Avrundningsenhet i kronor: 0.01 (öre, standard) eller 1'),
    population: z
      .object({
        file: z.string().describe('Befolkningsfilen, relativt schemafilen'),
        source: z.string().describe('Varifrån siffrorna kommer, t.ex. SCB, Folkmängd i riket, län och kommuner'),
        referenceDate: date.describe('Datum som folkmängden avser, ÅÅÅÅ-MM-DD'),
        label: z.string().optional(),
      })
      .strict()
      .optional()
      .describe('Befolkningsfilen som nyckeln population läser'),
    users: z
      .object({
        files: z.record(z.string(), z.string()).default({}),
        takenOn: z.string().optional(),
        note: z.string().optional(),
      })
      .strict()
      .optional(),
    parties: z.array(partyDef).min(1).describe('Parterna som delar kostnaden'),
    parameters: parametersDef.describe('Namngivna värden som komponenterna hänvisar till med { param: namn } och som --set och scenarier ändrar'),
    components: z.array(componentDef).min(1).describe('Det som fördelas: en lista med komponenter (kind: share, per-unit eller yearly-share)'),
    financing: z
      .object({
        cost: z.object({ amount: numOrParam, label: z.string().optional() }).strict(),
        revenue: z.object({ amount: numOrParam, label: z.string().optional() }).strict(),
        period: z.string().optional(),
      })
      .strict()
      .optional()
      .describe('Kostnad och intäkt att stämma av mot: cost och revenue'),
    contract: z
      .object({
        start: date,
        years: numOrParam.optional(),
        noticeMonths: z.number().int().positive().optional(),
        condition: z.string().optional(),
      })
      .strict()
      .optional()
      .describe('Avtalets start, längd och uppsägningstid'),
    dates: z.array(z.object({ date, kind: z.enum(DATE_KINDS), label: z.string() }).strict()).default([]).describe('Avtalets datum: förfallodagar, tidsfrister'),
    notes: notesDef.default({}).describe('Texter som dokumenten läser, under kända nycklar'),
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
