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
import { type ParameterInfo, boundsOf, isNumeric } from './source.js';

/** One uncertain input. */
export interface VarySpec {
  readonly target: { readonly kind: 'parameter'; readonly parameter: ParameterInfo } | { readonly kind: 'population' };
  /** Bounded: truncated or checked against what the input allows. */
  readonly distribution: Distribution;
  /** `licence.total=uniform(1000000, 2000000)` */
  readonly text: string;
}

/** The name a vary entry is written under. */
export function varyName(v: VarySpec): string {
  return v.target.kind === 'population' ? 'population' : v.target.parameter.name;
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
