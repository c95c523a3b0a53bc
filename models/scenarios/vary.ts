/**
 * `vary` entries: which input is uncertain and how. A parameter gets a
 * distribution of its value (`licence.total=uniform(1000000, 2000000)`, in
 * the units it is written in); `population` gets a distribution of a
 * relative change applied to every party's population independently
 * (`population=uniform(-0.05, 0.05)`: each party ±5 %).
 */
import { type Text, t } from '../errors.js';
import { withSuggestion } from '../did-you-mean.js';
import { type Distribution, boundDistribution, describeDistribution, parseDistribution } from './distributions.js';
import { type ParameterInfo, boundsOf, derivedRefusalText, isNumeric, parseParamText } from './source.js';

/** One uncertain input. */
export interface VarySpec {
  readonly target:
    | { readonly kind: 'parameter'; readonly parameter: ParameterInfo }
    | { readonly kind: 'population' }
    /** A shared driver: drawn once per run (a factor, 1 = unchanged), it multiplies each scaled parameter's value. */
    | { readonly kind: 'driver'; readonly name: string; readonly label?: string; readonly scales: readonly ParameterInfo[] };
  /** Bounded: truncated or checked against what the input allows. */
  readonly distribution: Distribution;
  /** `licence.total=uniform(1000000, 2000000)` */
  readonly text: string;
}

/** The name a vary entry is written under. */
export function varyName(v: VarySpec): string {
  return v.target.kind === 'population' ? 'population' : v.target.kind === 'driver' ? v.target.name : v.target.parameter.name;
}

/**
 * Builds a shared driver `name` drawn from `distText` that scales the
 * parameters `scales` (each a numeric base parameter with a value). The
 * driver's distribution is truncated to where every scaled value stays
 * within its parameter's bounds (never below 0, the scheme's min and max).
 * Problems are given per scaled name (its index) or for the whole entry.
 */
export function makeDriverSpec(
  name: string,
  distText: string,
  scales: readonly string[],
  parameters: readonly ParameterInfo[],
  label?: string,
): VarySpec | { readonly errors: readonly { readonly index?: number; readonly error: Text }[] } {
  const errors: { index?: number; error: Text }[] = [];
  if (name === 'population' || parameters.some((p) => p.name === name)) {
    errors.push({ error: t(`${name} är redan namnet på ${name === 'population' ? 'folkmängden' : 'en parameter'}; ge den drivande faktorn ett eget namn (t.ex. kostnadsindex)`, `${name} already names ${name === 'population' ? 'the population' : 'a parameter'}; give the driver a name of its own (e.g. kostnadsindex)`) });
  }
  const found: ParameterInfo[] = [];
  let lo = 0;
  let hi = Infinity;
  scales.forEach((s, index) => {
    const p = parameters.find((x) => x.name === s);
    const derived = p ? derivedRefusalText(p, 'vary') : undefined;
    if (derived) return void errors.push({ index, error: derived });
    if (!p) return void errors.push({ index, error: t(`okänd parameter "${s}"; möjliga: ${parameters.filter(isNumeric).map((x) => x.name).join(', ')}`, `unknown parameter "${s}"; possible: ${parameters.filter(isNumeric).map((x) => x.name).join(', ')}`) });
    if (!isNumeric(p) || p.type === 'year') return void errors.push({ index, error: t(`parametern ${s} (${p.type}) kan inte skalas`, `parameter ${s} (${p.type}) cannot be scaled`) });
    const base = p.value !== undefined ? (parseParamText(p.value)?.toNumber() ?? NaN) : NaN;
    if (!Number.isFinite(base)) return void errors.push({ index, error: t(`parametern ${s} har inget värde att skala`, `parameter ${s} has no value to scale`), });
    if (found.some((x) => x.name === s)) return void errors.push({ index, error: t(`${s} står två gånger`, `${s} is given twice`) });
    found.push(p);
    const [plo, phi] = boundsOf(p);
    if (base > 0) {
      lo = Math.max(lo, plo / base);
      hi = Math.min(hi, phi / base);
    }
  });
  const d = parseDistribution(distText);
  if ('error' in d) errors.push({ error: d.error });
  if (errors.length > 0) return { errors };
  const b = boundDistribution(d as Distribution, lo, hi);
  if ('error' in b) return { errors: [{ error: t(`${name}: ${b.error.sv} (en faktor som skalar ${scales.join(', ')})`, `${name}: ${b.error.en} (a factor scaling ${scales.join(', ')})`) }] };
  return { target: { kind: 'driver', name, ...(label ? { label } : {}), scales: found }, distribution: b, text: `${name}=${describeDistribution(b)} × ${scales.join(', ')}` };
}

/** Builds a vary entry for `name` from a distribution text; a {@link Text} says what is wrong. */
export function makeVarySpec(name: string, distText: string, parameters: readonly ParameterInfo[]): VarySpec | { readonly error: Text } {
  const d = parseDistribution(distText);
  if ('error' in d) return d;
  if (name === 'population') {
    const b = boundDistribution(d, -1, Infinity);
    if ('error' in b) return { error: t(`population: ${b.error.sv} (en relativ förändring, minst −1)`, `population: ${b.error.en} (a relative change, at least −1)`) };
    return { target: { kind: 'population' }, distribution: b, text: `population=${describeDistribution(b)}` };
  }
  const p = parameters.find((x) => x.name === name);
  const derived = p ? derivedRefusalText(p, 'vary') : undefined;
  if (derived) return { error: derived };
  if (!p) {
    const names = ['population', ...parameters.filter(isNumeric).map((x) => x.name)];
    return { error: withSuggestion(t(`okänd parameter "${name}"; möjliga: ${names.join(', ')}`, `unknown parameter "${name}"; possible: ${names.join(', ')}`), name, names) };
  }
  if (!isNumeric(p)) return { error: t(`parametern ${name} (${p.type}) kan inte varieras`, `parameter ${name} (${p.type}) cannot be varied`) };
  const [lo, hi] = boundsOf(p);
  const b = boundDistribution(d, lo, hi);
  if ('error' in b) return { error: t(`${name}: ${b.error.sv}`, `${name}: ${b.error.en}`) };
  return { target: { kind: 'parameter', parameter: p }, distribution: b, text: `${name}=${describeDistribution(b)}` };
}

/** Splits `name=dist(…)` as written after `--vary`. */
export function splitVaryOption(text: string): { name: string; dist: string } | undefined {
  const k = text.indexOf('=');
  if (k <= 0) return undefined;
  return { name: text.slice(0, k).trim(), dist: text.slice(k + 1).trim() };
}
