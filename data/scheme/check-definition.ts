/**
 * Checks a scheme definition as a whole, where its shape cannot say it:
 * every `{ param: … }` is declared and of the type its field takes, literal
 * numbers are of the kind their field takes, component ids are unique,
 * dates exist in the calendar, names are not ones JavaScript reserves, a
 * blend's weights sum to 1, the notes and dates are those the documents
 * read (`check-notes.ts`). Pure: a definition in, every problem out.
 */
import { CAP_POLICY_NAMES, CAP_POLICY_NAME_LIST } from '../../models/cap-policy.js';
import { type Problem, type Text, t } from '../../models/errors.js';
import { Dec } from '../../models/money.js';
import { type Place, type YamlPath, isCalendarDate, isReservedName, reservedNameText } from '../yaml-source.js';
import { closestName } from '../../models/did-you-mean.js';
import { checkNotesAndDates } from './check-notes.js';
import { checkDerivedParameters } from './derived.js';
import { describePath } from './describe-path.js';
import { parameterValue } from './parameters.js';
import type { KeyDef, ParameterType, SchemeFile } from './schema.js';
import { parseWrittenNumber } from './written-number.js';

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
 * to 1 (unless `normalise: true`), the rounding unit, and the notes and
 * dates the documents read.
 *
 * Pure; `where.at` locates a path in the file and `where.keyAt` the key of
 * a map entry (a definition built in code has no lines, and its problems
 * name only the file).
 *
 * @returns every problem found, in the order of the file.
 */
export function checkSchemeDefinition(
  def: SchemeFile,
  where: { readonly file?: string; at?(path: YamlPath): Place; keyAt?(path: YamlPath, key: string): Place; charAt?(path: YamlPath, index: number): Place } = {},
): Problem[] {
  const problems: Problem[] = [];
  const at = (path: YamlPath): Place => where.at?.(path) ?? {};
  const keyAt = (path: YamlPath): Place => (path.length > 0 && where.keyAt ? where.keyAt(path.slice(0, -1), String(path[path.length - 1])) : at(path));
  const add = (path: YamlPath, message: Text, hint?: Text, place: Place = at(path)): void => {
    problems.push({ ...(where.file !== undefined ? { file: where.file } : {}), ...place, message, ...(hint ? { hint } : {}) });
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
  for (const f of checkNotesAndDates(def, at)) add(f.path, f.message, f.hint, f.atKey ? keyAt(f.path) : at(f.path));

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

  problems.push(...checkDerivedParameters(def, where));

  for (const ref of fieldRefs(def)) {
    const field = name(ref.path);
    if (typeof ref.value === 'object') {
      const pname = ref.value.param;
      const p = Object.hasOwn(def.parameters, pname) ? def.parameters[pname] : undefined;
      if (p === undefined) {
        const text = undeclaredParameter(field, pname, Object.keys(def.parameters));
        add(ref.path, text.message, text.hint);
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

/**
 * A `{ param: … }` naming a parameter the scheme does not declare: the
 * message, and a hint with the closest declared name when it looks misspelt.
 */
export function undeclaredParameter(field: string, pname: string, declared: readonly string[]): { message: Text; hint: Text } {
  const near = closestName(pname, declared);
  return {
    message: t(
      `${field} hänvisar till parametern ${pname}, som inte är deklarerad${near !== undefined ? `. Menade du ${near}?` : ''}`,
      `${field} refers to the parameter ${pname}, which is not declared${near !== undefined ? `. Did you mean ${near}?` : ''}`,
    ),
    hint: t(
      `Deklarera den under parameters${declared.length > 0 ? `, eller använd en av ${declared.join(', ')}` : ''}.`,
      `Declare it under parameters${declared.length > 0 ? `, or use one of ${declared.join(', ')}` : ''}.`,
    ),
  };
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
