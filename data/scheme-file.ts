/**
 * The scheme file: a YAML (or JSON) description of a cost-sharing scheme.
 * `parseSchemeFile` is pure: text in, a validated definition out, or one
 * InputError listing every mistake with its line and column. Besides the
 * shape (zod), the definition is checked as a whole where a shape cannot
 * say it: every `{ param: … }` is declared and of the type its field takes,
 * component ids are unique, dates exist in the calendar, names are not ones
 * JavaScript reserves, a blend's weights sum to 1. Resolution against
 * populations and parameter overrides happens in `scheme.ts`.
 */
import { z } from 'zod';
import { CAP_POLICY_NAMES, CAP_POLICY_NAME_LIST } from '../models/cap-policy.js';
import { InputError, type Problem, type Text, t } from '../models/errors.js';
import { Dec } from '../models/money.js';
import { type Place, type YamlPath, isCalendarDate, isReservedName, issueProblems, parseYamlSource, reservedNameText, validateBilingual } from './yaml-source.js';

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

const capDef = z
  .object({
    amount: numOrParam,
    policy: z.union([z.enum(CAP_POLICY_NAMES), param]),
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
    floors: z.record(z.string(), numOrParam).optional(),
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


/** A parameter's type, as a scheme file declares it. */
export type ParameterType = ParameterDef['type'];

/** A scheme file's definition and where each of its parts was written. */
export interface SchemeSource {
  readonly def: SchemeFile;
  /** The file name problems are reported under. */
  readonly file: string;
  /** The line and column of the value at `path` (or of the nearest enclosing one). */
  at(path: YamlPath): Place;
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
  if (!checked.ok) throw new InputError(issueProblems(source, file, checked.issues, (path) => describePath(data, path)), { code: 'E_SCHEME' });
  const located: SchemeSource = { def: checked.data, file, at: source.at };
  const problems = checkSchemeDefinition(checked.data, located);
  if (problems.length > 0) throw new InputError(problems, { code: 'E_SCHEME' });
  sources.set(checked.data, located);
  return located;
}

/** `components.0.rate` → `components[0] (investering).rate`: the id says which one. */
export function describePath(data: unknown, path: YamlPath): string {
  if (path.length === 0) return '(roten)';
  let node: unknown = data;
  let out = '';
  for (const p of path) {
    node = node !== null && typeof node === 'object' && Object.hasOwn(node, p) ? (node as Record<string | number, unknown>)[p] : undefined;
    if (typeof p === 'number') {
      const o = node !== null && typeof node === 'object' ? (node as Record<string, unknown>) : {};
      const id = Object.hasOwn(o, 'id') ? o.id : Object.hasOwn(o, 'code') ? o.code : undefined;
      out += `[${p}]${typeof id === 'string' ? ` (${id})` : ''}`;
    } else {
      out += out ? `.${p}` : p;
    }
  }
  return out;
}

/** What a field of a scheme file takes, for the type check of `{ param: … }`. */
type FieldKind = 'money' | 'rate' | 'year' | 'count' | 'percent' | 'policy';

/** The parameter type each kind of field accepts. */
const ACCEPTS: Readonly<Record<FieldKind, ParameterType>> = {
  money: 'money',
  rate: 'rate',
  year: 'year',
  count: 'integer',
  percent: 'percent',
  policy: 'enum',
};

const FIELD_WORDS: Readonly<Record<FieldKind, Text>> = {
  money: t('ett belopp i kronor', 'an amount in kronor'),
  rate: t('ett belopp per enhet', 'an amount per unit'),
  year: t('ett årtal', 'a year'),
  count: t('ett antal', 'a count'),
  percent: t('en procentsats', 'a percentage'),
  policy: t(`en policy för taket (${CAP_POLICY_NAME_LIST.sv})`, `a cap policy (${CAP_POLICY_NAME_LIST.en})`),
};

const TYPE_WORDS: Readonly<Record<ParameterType, Text>> = {
  money: t('ett belopp i kronor', 'an amount in kronor'),
  rate: t('ett belopp per enhet', 'an amount per unit'),
  integer: t('ett heltal', 'a whole number'),
  decimal: t('ett decimaltal', 'a decimal number'),
  percent: t('en procentsats', 'a percentage'),
  enum: t('ett val ur en lista', 'a choice from a list'),
  year: t('ett årtal', 'a year'),
  text: t('text', 'text'),
};

/** Where a value or a `{ param: … }` reference stands, and what its field takes. */
interface FieldRef {
  readonly path: YamlPath;
  readonly value: string | { readonly param: string };
  readonly kind: FieldKind;
}

/** Every field of a definition that takes a number or a parameter, with the kind of value it takes. */
function fieldRefs(def: SchemeFile): FieldRef[] {
  const out: FieldRef[] = [];
  const years = (base: YamlPath, y: { first: string | { param: string }; count: string | { param: string } }): void => {
    out.push({ path: [...base, 'years', 'first'], value: y.first, kind: 'year' }, { path: [...base, 'years', 'count'], value: y.count, kind: 'count' });
  };
  def.components.forEach((c, i) => {
    const base: YamlPath = ['components', i];
    if (c.kind === 'per-unit') out.push({ path: [...base, 'rate'], value: c.rate, kind: 'rate' });
    else if (c.kind === 'share') {
      out.push({ path: [...base, 'total'], value: c.total, kind: 'money' });
      if (c.cap) {
        out.push({ path: [...base, 'cap', 'amount'], value: c.cap.amount, kind: 'money' });
        if (typeof c.cap.policy === 'object') out.push({ path: [...base, 'cap', 'policy'], value: c.cap.policy, kind: 'policy' });
      }
      for (const [code, v] of Object.entries(c.floors ?? {})) out.push({ path: [...base, 'floors', code], value: v, kind: 'money' });
      if (c.years) years(base, c.years);
    } else {
      out.push({ path: [...base, 'budget'], value: c.budget, kind: 'money' }, { path: [...base, 'index'], value: c.index, kind: 'percent' });
      years(base, c.years);
    }
  });
  def.parties.forEach((p, i) => {
    if ('code' in p && p.users !== undefined) out.push({ path: ['parties', i, 'users'], value: p.users, kind: 'count' });
  });
  if (def.financing) {
    out.push({ path: ['financing', 'cost', 'amount'], value: def.financing.cost.amount, kind: 'money' });
    out.push({ path: ['financing', 'revenue', 'amount'], value: def.financing.revenue.amount, kind: 'money' });
  }
  if (def.contract?.years !== undefined) out.push({ path: ['contract', 'years'], value: def.contract.years, kind: 'count' });
  return out;
}

const CODE_PATTERN = /^\d{2}(\d{2})?(-[0-9A-Za-z]+)?$/;

/**
 * Checks a validated definition as a whole, where its shape cannot say it:
 * reserved names, unique component ids, real dates, parameters (an enum has
 * its values, a default is a value of its type), every `{ param: … }`
 * declared and of the type its field takes, literal numbers of the kind
 * their field takes, codes in weights and floors, a blend's weights summing
 * to 1 (unless `normalise: true`), and the rounding unit.
 *
 * Pure; `where.at` locates a path in the file (a definition built in code
 * has no lines, and its problems name only the file).
 *
 * @returns every problem found, in the order of the file.
 */
export function checkSchemeDefinition(def: SchemeFile, where: { readonly file?: string; at?(path: YamlPath): Place } = {}): Problem[] {
  const problems: Problem[] = [];
  const at = (path: YamlPath): Place => where.at?.(path) ?? {};
  const add = (path: YamlPath, message: Text, hint?: Text): void => {
    problems.push({ ...(where.file !== undefined ? { file: where.file } : {}), ...at(path), message, ...(hint ? { hint } : {}) });
  };
  const name = (path: YamlPath): string => describePath(def, path);

  // Names JavaScript gives a meaning (they would be found on every object).
  for (const p of Object.keys(def.parameters)) if (isReservedName(p)) add(['parameters', p], reservedNameText(t('parameternamnet', 'the parameter name'), p));
  def.components.forEach((c, i) => {
    if (isReservedName(c.id)) add(['components', i, 'id'], reservedNameText(t('komponent-id', 'the component id'), c.id));
  });
  for (const k of Object.keys(def.notes)) if (isReservedName(k)) add(['notes', k], reservedNameText(t('nyckeln', 'the key'), k));
  for (const y of Object.keys(def.users?.files ?? {})) {
    if (!/^\d{4}$/.test(y)) add(['users', 'files', y], t(`users.files: "${y}" ska vara det årtal (ÅÅÅÅ) som antalen gäller`, `users.files: "${y}" must be the year (YYYY) the counts apply to`));
  }

  // A component id names the component everywhere (outputs, --set paths, columns).
  const firstId = new Map<string, number>();
  def.components.forEach((c, i) => {
    const first = firstId.get(c.id);
    if (first === undefined) {
      firstId.set(c.id, i);
      return;
    }
    const line = at(['components', first, 'id']).line;
    add(
      ['components', i, 'id'],
      t(
        `components[${i}]: id "${c.id}" används redan av components[${first}]${line !== undefined ? ` (rad ${line})` : ''}`,
        `components[${i}]: the id "${c.id}" is already used by components[${first}]${line !== undefined ? ` (line ${line})` : ''}`,
      ),
      t('Ge varje komponent ett eget id.', 'Give every component an id of its own.'),
    );
  });

  const dates: [YamlPath, string | undefined][] = [
    [['source', 'date'], def.source?.date],
    [['population', 'referenceDate'], def.population?.referenceDate],
    [['contract', 'start'], def.contract?.start],
    ...def.dates.map((d, i): [YamlPath, string] => [['dates', i, 'date'], d.date]),
  ];
  for (const [path, value] of dates) {
    if (value !== undefined && !isCalendarDate(value)) {
      add(path, t(`${name(path)}: ${value} finns inte i kalendern`, `${name(path)}: ${value} is not a date in the calendar`), t('Skriv ett verkligt datum, ÅÅÅÅ-MM-DD.', 'Write a real date, YYYY-MM-DD.'));
    }
  }

  for (const [pname, p] of Object.entries(def.parameters)) {
    if (isReservedName(pname)) continue;
    const base: YamlPath = ['parameters', pname];
    if (p.type === 'enum' && (p.values === undefined || p.values.length === 0)) {
      add([...base, 'type'], t(`parameters.${pname}: en parameter av typen enum behöver values, en lista med de tillåtna värdena`, `parameters.${pname}: a parameter of type enum needs values, a list of the values it may take`));
    } else if (p.type !== 'enum' && p.values !== undefined) {
      add([...base, 'values'], t(`parameters.${pname}: values gäller bara typen enum, inte ${p.type}`, `parameters.${pname}: values applies to type enum only, not ${p.type}`));
    }
    if (p.min !== undefined && p.max !== undefined && p.min > p.max) {
      add([...base, 'min'], t(`parameters.${pname}: min ${p.min} är större än max ${p.max}`, `parameters.${pname}: min ${p.min} is greater than max ${p.max}`));
    }
    if (p.value !== undefined) {
      const v = parameterValue(p, p.value);
      if (!v.ok) add([...base, 'value'], t(`parameters.${pname}.value: "${p.value}" ${v.message.sv}`, `parameters.${pname}.value: "${p.value}" ${v.message.en}`), v.hint);
    }
  }

  for (const ref of fieldRefs(def)) {
    const field = name(ref.path);
    if (typeof ref.value === 'object') {
      const pname = ref.value.param;
      const p = Object.hasOwn(def.parameters, pname) ? def.parameters[pname] : undefined;
      if (p === undefined) {
        const declared = Object.keys(def.parameters);
        add(
          ref.path,
          t(`${field} hänvisar till parametern ${pname}, som inte är deklarerad`, `${field} refers to the parameter ${pname}, which is not declared`),
          t(`Deklarera den under parameters${declared.length > 0 ? `, eller använd en av ${declared.join(', ')}` : ''}.`, `Declare it under parameters${declared.length > 0 ? `, or use one of ${declared.join(', ')}` : ''}.`),
        );
        continue;
      }
      const wanted = ACCEPTS[ref.kind];
      if (p.type !== wanted) {
        add(
          ref.path,
          t(
            `${field} hänvisar till parametern ${pname} av typen ${p.type} (${TYPE_WORDS[p.type].sv}), men fältet tar ${FIELD_WORDS[ref.kind].sv} (typen ${wanted})`,
            `${field} refers to the parameter ${pname} of type ${p.type} (${TYPE_WORDS[p.type].en}), but the field takes ${FIELD_WORDS[ref.kind].en} (type ${wanted})`,
          ),
        );
        continue;
      }
      if (ref.kind === 'policy') {
        const odd = (p.values ?? []).filter((v) => !(CAP_POLICY_NAMES as readonly string[]).includes(v));
        if (odd.length > 0) {
          add(
            ['parameters', pname, 'values'],
            t(`parameters.${pname}: ${odd.join(', ')} är ingen policy för taket (${field} tar ${CAP_POLICY_NAME_LIST.sv})`, `parameters.${pname}: ${odd.join(', ')} is no cap policy (${field} takes ${CAP_POLICY_NAME_LIST.en})`),
          );
        }
      }
      continue;
    }
    const bad = literalProblem(ref.kind, ref.value);
    if (bad) add(ref.path, t(`${field}: "${ref.value}" ${bad.sv}`, `${field}: "${ref.value}" ${bad.en}`));
  }

  def.components.forEach((c, i) => {
    const base: YamlPath = ['components', i];
    for (const code of Object.keys(c.kind === 'share' ? (c.floors ?? {}) : {})) {
      if (!CODE_PATTERN.test(code)) add([...base, 'floors', code], t(`${name([...base, 'floors'])}: "${code}" är ingen partskod`, `${name([...base, 'floors'])}: "${code}" is not a party code`));
    }
    if (c.kind !== 'per-unit') checkKey(c.key, [...base, 'key']);
  });

  function checkKey(key: KeyDef, path: YamlPath): void {
    if (typeof key === 'string') return;
    if ('weights' in key) {
      for (const [code, w] of Object.entries(key.weights)) {
        if (!CODE_PATTERN.test(code)) add([...path, 'weights', code], t(`${name([...path, 'weights'])}: "${code}" är ingen partskod`, `${name([...path, 'weights'])}: "${code}" is not a party code`));
        const d = parseWrittenNumber(w);
        if (!d.ok || d.value.isNegative()) add([...path, 'weights', code], t(`${name([...path, 'weights', code])}: "${w}" är inte en vikt (ett tal ≥ 0)`, `${name([...path, 'weights', code])}: "${w}" is not a weight (a number ≥ 0)`));
      }
      return;
    }
    let sum = new Dec(0);
    let sumOk = true;
    key.blend.forEach((b, j) => {
      const wp: YamlPath = [...path, 'blend', j, 'weight'];
      const d = parseWrittenNumber(b.weight);
      if (!d.ok || d.value.isNegative()) {
        add(wp, t(`${name(wp)}: "${b.weight}" är inte en vikt (ett tal ≥ 0)`, `${name(wp)}: "${b.weight}" is not a weight (a number ≥ 0)`));
        sumOk = false;
      } else sum = sum.plus(d.value);
      checkKey(b.key, [...path, 'blend', j, 'key']);
    });
    if (sumOk && !key.normalise && !sum.equals(1)) {
      add(
        [...path, 'blend'],
        t(`${name([...path, 'blend'])}: vikterna summerar till ${sum.toString()}, inte 1`, `${name([...path, 'blend'])}: the weights sum to ${sum.toString()}, not 1`),
        t('Skriv vikterna så att de summerar till 1 (30 % och 70 % är 0.3 och 0.7), eller ange normalise: true för att ta dem som proportioner.', 'Write weights that sum to 1 (30 % and 70 % are 0.3 and 0.7), or give normalise: true to take them as proportions.'),
      );
    }
  }

  const unit = parseWrittenNumber(def.rounding);
  if (!unit.ok || !unit.value.greaterThan(0) || !unit.value.times(100).isInteger()) {
    add(['rounding'], t(`rounding: "${def.rounding}" ska vara ett belopp i kronor, i hela ören, t.ex. "1" eller "0.01"`, `rounding: "${def.rounding}" must be an amount in kronor, in whole öre, e.g. "1" or "0.01"`));
  }
  return problems.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
}

/** What is wrong with a literal number in a field of this kind, if anything. */
function literalProblem(kind: FieldKind, text: string): Text | undefined {
  const d = parseWrittenNumber(text);
  if (!d.ok) return d.message;
  const v = d.value;
  switch (kind) {
    case 'money':
      if (v.isNegative()) return t('får inte vara negativt', 'must not be negative');
      if (d.decimals > 2) return t('har fler än två decimaler (öre är den minsta enheten)', 'has more than two decimals (öre is the smallest unit)');
      if (!Number.isSafeInteger(v.times(100).toNumber())) return t('är för stort', 'is too large');
      return undefined;
    case 'rate':
      return v.isNegative() ? t('får inte vara negativt', 'must not be negative') : undefined;
    case 'year':
      return d.decimals > 0 || !v.isInteger() || v.lessThan(1000) || v.greaterThan(9999) ? t('är inget årtal (ÅÅÅÅ)', 'is not a year (YYYY)') : undefined;
    case 'count':
      return d.decimals > 0 || !v.isInteger() || v.isNegative() ? t('ska vara ett heltal ≥ 0', 'must be a whole number ≥ 0') : undefined;
    case 'percent':
    case 'policy':
      return undefined;
  }
}

/** A parameter's value as the model takes it: öre for money, a Decimal otherwise (a percentage as a fraction), or text. */
export interface ParameterValue {
  readonly type: ParameterType;
  /** The value as written, normalised (`9.75`, `1500000`). */
  readonly text: string;
  readonly ore?: number;
  readonly dec?: Dec;
}

/**
 * Reads a parameter's value as written in a scheme file, a scenario or
 * `--set`, against the parameter's type, `values`, `min` and `max`.
 *
 * @example
 * parameterValue({ type: 'money', label: 'Total' }, '1500000.50'); // { ok: true, value: { ore: 150000050, … } }
 * parameterValue({ type: 'rate', label: 'Rate' }, '9,755').ok;        // false: 9 755 or 9.755?
 */
export function parameterValue(
  p: Pick<ParameterDef, 'type' | 'values' | 'min' | 'max'>,
  text: string,
): { ok: true; value: ParameterValue } | { ok: false; message: Text; hint?: Text } {
  const bad = (message: Text, hint?: Text) => ({ ok: false as const, message, ...(hint ? { hint } : {}) });
  if (p.type === 'text') return { ok: true, value: { type: p.type, text } };
  if (p.type === 'enum') {
    if (!(p.values ?? []).includes(text)) return bad(t(`ska vara ett av ${(p.values ?? []).join(', ')}`, `must be one of ${(p.values ?? []).join(', ')}`));
    return { ok: true, value: { type: p.type, text } };
  }
  const isPercent = p.type === 'percent';
  const n = parseWrittenNumber(isPercent ? text.replace(/\s*%$/, '') : text);
  if (!n.ok) return bad(n.message, n.hint);
  const d = n.value;
  if (d.isNegative()) return bad(t('får inte vara negativt', 'must not be negative'));
  if ((p.type === 'integer' || p.type === 'year') && (n.decimals > 0 || !d.isInteger())) return bad(t('ska vara ett heltal', 'must be a whole number'));
  if (p.min !== undefined && d.lessThan(p.min)) return bad(t(`är mindre än ${p.min}`, `is less than ${p.min}`));
  if (p.max !== undefined && d.greaterThan(p.max)) return bad(t(`är större än ${p.max}`, `is greater than ${p.max}`));
  if (p.type === 'money') {
    const ore = d.times(100);
    if (n.decimals > 2 || !ore.isInteger()) return bad(t('har fler än två decimaler (öre är den minsta enheten)', 'has more than two decimals (öre is the smallest unit)'));
    if (!Number.isSafeInteger(ore.toNumber())) return bad(t('är för stort', 'is too large'));
    return { ok: true, value: { type: p.type, text: d.toString(), ore: ore.toNumber(), dec: d } };
  }
  if (!d.isFinite() || d.greaterThan(1e15)) return bad(t('är för stort', 'is too large'));
  return { ok: true, value: { type: p.type, text: d.toString(), dec: isPercent ? d.dividedBy(100) : d } };
}

/**
 * A number as a person writes it in a scheme file, a scenario or `--set`:
 * `1500000`, `1 500 000` (spaces between groups of three), `9.75`, `9,75`.
 * A comma followed by exactly three digits (`1,500`) could be a thousands
 * separator or a decimal mark and is refused rather than guessed; so are
 * groups that are not of three digits (`1 50`).
 */
export function parseWrittenNumber(text: string): { ok: true; value: Dec; decimals: number } | { ok: false; message: Text; hint?: Text } {
  const s = text.trim().replace(/\u2212/g, '-');
  const m = /^([+-]?)(\d{1,3}(?:[ \u00a0\u202f\u2009]\d{3})+|\d+)(?:([.,])(\d+))?$/.exec(s);
  if (m === null) return { ok: false, message: t('är inte ett tal', 'is not a number') };
  const [, sign, whole, mark, decimals] = m;
  if (mark === ',' && decimals!.length === 3 && !/\s/.test(whole!)) {
    return {
      ok: false,
      message: t('är tvetydigt: kommat kan vara tusentalsavgränsare eller decimaltecken', 'is ambiguous: the comma may be a thousands separator or a decimal mark'),
      hint: t(`Skriv ${whole}${decimals} för ett heltal eller ${whole}.${decimals} med punkt som decimaltecken.`, `Write ${whole}${decimals} for a whole number or ${whole}.${decimals} with a point as the decimal mark.`),
    };
  }
  return { ok: true, value: new Dec(`${sign}${whole!.replace(/\D/g, '')}${decimals !== undefined ? `.${decimals}` : ''}`), decimals: decimals?.length ?? 0 };
}
