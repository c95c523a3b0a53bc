/**
 * A scheme's parameters: a value read against its declared type, every
 * parameter resolved from the file's default or an override (`--set`, a
 * scenario), and the fields that refer to one given its value.
 */
import { type Text, t } from '../../models/errors.js';
import type { Dec, Ore } from '../../models/money.js';
import { withSuggestion } from '../../models/did-you-mean.js';
import type { SchemeContext } from './context.js';
import type { NumberOrParam, ParameterDef, ParameterType } from './schema.js';
import { parseWrittenNumber } from './written-number.js';

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
 * Every parameter's value: an override where one is given, else the file's
 * default. An override of a parameter the scheme does not declare, a value
 * its type refuses, and a parameter without a value are problems (`--set`
 * for an override, the parameter's line for the file's value). With
 * `missing`, a parameter without a value is put there instead, for the
 * caller to leave out what needs it.
 */
export function resolveParameters(
  ctx: SchemeContext,
  options: { readonly overrides: Readonly<Record<string, string>>; readonly missing?: Set<string> | undefined },
): Map<string, ParameterValue> {
  const { def, problems, file, at } = ctx;
  const { overrides, missing } = options;
  const out = new Map<string, ParameterValue>();
  const declared = Object.keys(def.parameters);
  for (const name of Object.keys(overrides)) {
    if (!Object.hasOwn(def.parameters, name)) {
      problems.add(
        withSuggestion(t(`okänd parameter "${name}"; schemat ${def.id} har: ${declared.join(', ') || '(inga)'}`, `unknown parameter "${name}"; scheme ${def.id} has: ${declared.join(', ') || '(none)'}`), name, declared),
        { file: '--set' },
      );
    }
  }
  for (const [name, p] of Object.entries(def.parameters)) {
    // A derived parameter is computed after the base ones (`derived.ts`).
    if (p.expr !== undefined) continue;
    const fromOverride = Object.hasOwn(overrides, name);
    const text = fromOverride ? overrides[name] : p.value;
    // Where the value was written, found only for a problem (a scheme from the build's cache parses its text only then).
    const where = () => (fromOverride ? { file: '--set' } : { file, ...at(['parameters', name, text === undefined ? 'label' : 'value']) });
    if (text === undefined && missing) {
      missing.add(name);
      continue;
    }
    if (text === undefined) {
      problems.add(t(`parametern ${name} (${p.label}) saknar värde`, `parameter ${name} (${p.label}) has no value`), {
        ...where(),
        hint: t(p.description ?? `Ange den med --set ${name}=… eller i ett scenario.`, `Give it with --set ${name}=… or in a scenario.`),
      });
      continue;
    }
    const v = parameterValue(p, text);
    if (v.ok) out.set(name, v.value);
    else problems.add(t(`parametern ${name}: "${text}" ${v.message.sv}`, `parameter ${name}: "${text}" ${v.message.en}`), { ...where(), ...(v.hint ? { hint: v.hint } : {}) });
  }
  return out;
}

/** The value of a field that takes a number or a `{ param: … }`, in the forms the model takes. */
export interface FieldValues {
  /** The parameters' values, by name. */
  readonly params: ReadonlyMap<string, ParameterValue>;
  /** The field's value (a literal number is read as a decimal), or undefined when it has none. */
  value(v: NumberOrParam): ParameterValue | undefined;
  /** The field's value in öre. */
  ore(v: NumberOrParam): Ore | undefined;
  /** The field's value as a Decimal. */
  dec(v: NumberOrParam): Dec | undefined;
}

/** Reads fields against resolved parameter values. A literal was checked with the definition. */
export function fieldValues(params: ReadonlyMap<string, ParameterValue>): FieldValues {
  const value = (v: NumberOrParam): ParameterValue | undefined => {
    if (typeof v === 'object') return params.get(v.param);
    const d = parseWrittenNumber(v);
    return d.ok ? { type: 'decimal', text: v, dec: d.value, ...(d.value.times(100).isInteger() ? { ore: d.value.times(100).toNumber() } : {}) } : undefined;
  };
  return {
    params,
    value,
    ore: (v) => value(v)?.ore,
    dec: (v) => value(v)?.dec,
  };
}

/** The parameter names a part of a definition (a component) refers to. */
export function parametersIn(node: unknown): string[] {
  if (node === null || typeof node !== 'object') return [];
  if ('param' in node && typeof (node as { param: unknown }).param === 'string') return [(node as { param: string }).param];
  return Object.values(node).flatMap(parametersIn);
}
