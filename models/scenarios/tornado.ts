/**
 * Sensitivity as a tornado: one parameter at a time moved to a low and a
 * high value, every other input at its base value, and the chosen output
 * evaluated exactly at both ends. Bars are sorted by swing, widest first.
 *
 * The low and high values come from, in order of precedence: an explicit
 * range (`--range licence.total=1000000..2000000`), the parameter's `vary`
 * distribution (its 5th and 95th percentiles by default), or ±10 % of the
 * parameter's value. A population perturbation is random per party and has
 * no single low and high: it is left out of the tornado.
 */
import { InputError, t } from '../errors.js';
import { type SchemeResult, evaluateScheme } from '../evaluate.js';
import { Dec } from '../money.js';
import { quantile } from './distributions.js';
import { type OutputRef, resolveOutput } from './outputs.js';
import { type ParameterInfo, type VariantSource, boundsOf, derivedRefusalText, gridOf, gridText, isNumeric, parseParamText, toGrid } from './source.js';
import type { VarySpec } from './vary.js';

/** Where one bar's low and high come from. */
export interface TornadoRange {
  readonly parameter: ParameterInfo;
  /** Grid values (see `source.ts`). */
  readonly low: number;
  readonly high: number;
  /** How the range was chosen, e.g. `P5–P95 av triangular(9.5, 10, 11)` or `±10 %`. */
  readonly basis: string;
}

/** One bar of the tornado. */
export interface TornadoBar {
  readonly parameter: ParameterInfo;
  readonly basis: string;
  readonly lowText: string;
  readonly highText: string;
  readonly lowOutput: Dec;
  readonly highOutput: Dec;
  /** |high output − low output|. */
  readonly swing: Dec;
}

/** The outcome of {@link tornado}. */
export interface Tornado {
  readonly output: OutputRef;
  readonly base: Dec;
  readonly bars: readonly TornadoBar[];
  /** Varied inputs left out, and why. */
  readonly omitted: readonly string[];
}

/** Options for {@link tornadoRanges}. */
export interface RangeOptions {
  /** Explicit ranges: `name=low..high` in the parameter's units. */
  readonly ranges?: readonly string[];
  /** Percentile of the low end for distributions (5: P5 and P95). */
  readonly percentile?: number;
  /** Relative swing for parameters without a distribution (0.1: ±10 %). */
  readonly swing?: number;
}

/**
 * The low and high of each parameter to move: explicit ranges first, then
 * the vary distributions, then (when neither is given) every numeric
 * parameter with a value at ±swing.
 */
export function tornadoRanges(source: VariantSource, vary: readonly VarySpec[], options: RangeOptions = {}): { ranges: TornadoRange[]; omitted: string[] } {
  const pct = options.percentile ?? 5;
  const swing = options.swing ?? 0.1;
  const ranges: TornadoRange[] = [];
  const omitted: string[] = [];
  const seen = new Set<string>();
  for (const text of options.ranges ?? []) {
    const m = /^([^=]+)=(.+?)\.\.(.+)$/.exec(text);
    const p = m ? source.parameters.find((x) => x.name === m[1]!.trim()) : undefined;
    const derived = p ? derivedRefusalText(p, 'vary') : undefined;
    if (derived) throw InputError.of(derived, { file: '--range' }, 'E_OPTION');
    if (!m || !p || !isNumeric(p)) {
      throw InputError.of(t(`"${text}" ska skrivas parameter=låg..hög med en numerisk parameter`, `"${text}" must be written parameter=low..high with a numeric parameter`), { file: '--range' }, 'E_OPTION');
    }
    const grid = gridOf(p.type, source.model.unit);
    const lo = parseParamText(m[2]!);
    const hi = parseParamText(m[3]!);
    if (!lo || !hi) throw InputError.of(t(`"${text}": låg och hög ska vara tal`, `"${text}": low and high must be numbers`), { file: '--range' }, 'E_OPTION');
    // The ends are computed exactly where they are written: a value between two grid points is refused, not moved.
    const offGrid = [m[2]!, m[3]!].filter((v) => !parseParamText(v)!.times(grid.scale).dividedBy(grid.step).isInteger());
    if (offGrid.length > 0) {
      throw InputError.of(
        t(`"${text}": ${offGrid.join(', ')} ligger mellan stegen ${gridText(grid.step, p.type)} som ${p.name} räknas i; ange värden i hela steg`, `"${text}": ${offGrid.join(', ')} lies between the steps of ${gridText(grid.step, p.type)} that ${p.name} is computed in; give values in whole steps`),
        { file: '--range' },
        'E_OPTION',
      );
    }
    ranges.push({ parameter: p, low: toGrid(lo.toNumber(), grid), high: toGrid(hi.toNumber(), grid), basis: `${m[2]}..${m[3]}` });
    seen.add(p.name);
  }
  for (const v of vary) {
    if (v.target.kind === 'population') {
      omitted.push('population (slumpas per part; ingen enskild låg/hög)');
      continue;
    }
    if (v.target.kind === 'driver') {
      omitted.push(`${v.target.name} (drivande faktor för ${v.target.scales.map((x) => x.name).join(', ')}; ingen enskild låg/hög, ange --range för var och en)`);
      continue;
    }
    const p = v.target.parameter;
    if (seen.has(p.name)) continue;
    const grid = gridOf(p.type, source.model.unit);
    ranges.push({
      parameter: p, low: toGrid(quantile(v.distribution, pct / 100), grid), high: toGrid(quantile(v.distribution, 1 - pct / 100), grid),
      basis: `P${pct}–P${100 - pct} av ${v.text.slice(v.text.indexOf('=') + 1)}`,
    });
    seen.add(p.name);
  }
  if (ranges.length === 0) {
    for (const p of source.parameters) {
      if (!isNumeric(p) || p.type === 'integer' || p.type === 'year' || p.value === undefined) continue;
      const d = parseParamText(p.value);
      if (!d || d.isZero()) continue;
      const grid = gridOf(p.type, source.model.unit);
      const [lower, upper] = boundsOf(p);
      const lo = Math.max(lower, d.times(1 - swing).toNumber());
      const hi = Math.min(upper, d.times(1 + swing).toNumber());
      ranges.push({ parameter: p, low: toGrid(lo, grid), high: toGrid(hi, grid), basis: `±${new Dec(swing).times(100).toString()} %` });
    }
  }
  return { ranges, omitted };
}

/**
 * Evaluates the output at each range's ends, the rest at base values.
 *
 * @example
 * tornado(source, '0180.licence', tornadoRanges(source, vary).ranges).bars[0] // the widest swing
 */
export function tornado(source: VariantSource, outputName: string, ranges: readonly TornadoRange[], omitted: readonly string[] = []): Tornado {
  const baseResult = evaluateScheme(source.model);
  const output = resolveOutput(baseResult, outputName);
  const base = read(output, baseResult, outputName);
  if (ranges.length === 0) throw InputError.of(t('inga parametrar att variera: ange --range eller --vary', 'no parameters to vary: give --range or --vary'), { file: '--range' }, 'E_OPTION');
  const bars = ranges.map((r) => {
    const lowText = gridText(r.low, r.parameter.type);
    const highText = gridText(r.high, r.parameter.type);
    const lowOutput = read(output, evaluateScheme(source.variant({ [r.parameter.name]: lowText })), outputName);
    const highOutput = read(output, evaluateScheme(source.variant({ [r.parameter.name]: highText })), outputName);
    return { parameter: r.parameter, basis: r.basis, lowText, highText, lowOutput, highOutput, swing: highOutput.minus(lowOutput).abs() };
  });
  bars.sort((a, b) => b.swing.comparedTo(a.swing) || a.parameter.name.localeCompare(b.parameter.name));
  return { output, base, bars, omitted };
}

function read(output: OutputRef, result: SchemeResult, name: string): Dec {
  const v = output.read(result);
  if (v === undefined) throw InputError.of(t(`${name} saknar värde`, `${name} has no value`), { file: '--output' }, 'E_OPTION');
  return v;
}
