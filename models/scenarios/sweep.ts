/**
 * Sweeps: the scheme evaluated on a grid of one or two parameters (licence
 * total 1–20 Mkr × contract years 4–8), every point an exact evaluation.
 */
import { InputError, type Text, t } from '../errors.js';
import { type SchemeResult, evaluateScheme } from '../evaluate.js';
import { type ParameterInfo, type VariantSource, boundsOf, derivedRefusalText, gridOf, gridText, isNumeric, parseParamText } from './source.js';

/** One axis of a sweep: a parameter and the grid values it takes (grid units, see `source.ts`). */
export interface SweepAxis {
  readonly parameter: ParameterInfo;
  readonly values: readonly number[];
}

/** One evaluated point of a sweep. */
export interface SweepPoint {
  /** Parameter texts, as `--set` takes them. */
  readonly values: Readonly<Record<string, string>>;
  readonly result: SchemeResult;
}

/** The most points a sweep evaluates. */
export const MAX_SWEEP_POINTS = 10_000;

/**
 * Parses an axis: `licence.total=1000000..20000000/1000000` (from, to, step),
 * `contract.years=4..8` (step 1 for whole numbers, else 10 equal steps) or a
 * list `rate=9.5,10,10.5`. Values are in the units the parameter is written in.
 */
export function parseAxis(text: string, source: Pick<VariantSource, 'parameters' | 'model'>): SweepAxis | { readonly error: Text } {
  const k = text.indexOf('=');
  if (k <= 0) return { error: t(`"${text}" ska skrivas namn=från..till/steg eller namn=a,b,c`, `"${text}" must be written name=from..to/step or name=a,b,c`) };
  const name = text.slice(0, k).trim();
  const spec = text.slice(k + 1).trim();
  const p = source.parameters.find((x) => x.name === name);
  const derived = p ? derivedRefusalText(p, 'set') : undefined;
  if (derived) return { error: derived };
  if (!p || !isNumeric(p)) {
    const names = source.parameters.filter(isNumeric).map((x) => x.name);
    return { error: t(`okänd eller icke-numerisk parameter "${name}"; möjliga: ${names.join(', ')}`, `unknown or non-numeric parameter "${name}"; possible: ${names.join(', ')}`) };
  }
  const grid = gridOf(p.type, source.model.unit);
  // A value between two grid points would be moved to one of them without a
  // word (9.755 kr to 9.76 kr): it is refused instead, with the step.
  const offGrid: string[] = [];
  const toQ = (s: string): number | undefined => {
    const d = parseParamText(s);
    if (!d) return undefined;
    const units = d.times(grid.scale).dividedBy(grid.step);
    if (!units.isInteger()) offGrid.push(s.trim());
    return units.toDecimalPlaces(0).times(grid.step).toNumber();
  };
  const offGridError = (): { readonly error: Text } => ({
    error: t(
      `${name}: ${offGrid.join(', ')} ligger mellan stegen ${gridText(grid.step, p.type)} som ${name} räknas i; ange värden i hela steg`,
      `${name}: ${offGrid.join(', ')} lies between the steps of ${gridText(grid.step, p.type)} that ${name} is computed in; give values in whole steps`,
    ),
  });
  let values: number[];
  const range = /^(.+?)\.\.(.+?)(?:\/(.+))?$/.exec(spec);
  if (range) {
    const from = toQ(range[1]!);
    const to = toQ(range[2]!);
    const stepText = range[3];
    const step = stepText !== undefined ? toQ(stepText) : p.type === 'integer' || p.type === 'year' ? grid.scale : undefined;
    if (offGrid.length > 0) return offGridError();
    if (from === undefined || to === undefined || (stepText !== undefined && (step === undefined || step <= 0))) {
      return { error: t(`${name}: "${spec}" är inte från..till eller från..till/steg med tal`, `${name}: "${spec}" is not from..to or from..to/step with numbers`) };
    }
    if (to < from) return { error: t(`${name}: till (${range[2]}) är mindre än från (${range[1]})`, `${name}: to (${range[2]}) is less than from (${range[1]})`) };
    values = [];
    if (step === undefined) {
      for (let i = 0; i <= 10; i++) values.push(Math.round((from + ((to - from) * i) / 10) / grid.step) * grid.step);
    } else {
      const count = Math.floor((to - from) / step) + 1;
      if (count > MAX_SWEEP_POINTS) return { error: t(`${name}: ${count} punkter är för många (högst ${MAX_SWEEP_POINTS})`, `${name}: ${count} points are too many (at most ${MAX_SWEEP_POINTS})`) };
      for (let i = 0; i < count; i++) values.push(from + i * step);
    }
  } else {
    const qs = spec.split(',').map((s) => toQ(s));
    if (qs.some((q) => q === undefined)) return { error: t(`${name}: "${spec}" är inte en lista av tal`, `${name}: "${spec}" is not a list of numbers`) };
    if (offGrid.length > 0) return offGridError();
    values = qs as number[];
  }
  values = [...new Set(values)];
  const [lo, hi] = boundsOf(p);
  const bad = values.filter((q) => q / grid.scale < lo || q / grid.scale > hi);
  if (bad.length > 0) {
    return { error: t(`${name}: ${gridText(bad[0]!, p.type)} ligger utanför ${lo} … ${hi === Infinity ? '∞' : hi}`, `${name}: ${gridText(bad[0]!, p.type)} is outside ${lo} … ${hi === Infinity ? '∞' : hi}`) };
  }
  return { parameter: p, values };
}

/**
 * Evaluates the scheme at every point of the grid (the first axis varies
 * slowest).
 *
 * @example
 * sweep(source, [parseAxis('licence.total=1000000..2000000/250000', source)]) // 5 points
 */
export function sweep(source: VariantSource, axes: readonly SweepAxis[], onPoint?: (done: number, total: number) => void): SweepPoint[] {
  if (axes.length < 1 || axes.length > 2) throw InputError.of(t('ett svep har en eller två axlar', 'a sweep has one or two axes'), { file: '--param' }, 'E_OPTION');
  if (axes.length === 2 && axes[0]!.parameter.name === axes[1]!.parameter.name) {
    throw InputError.of(t(`${axes[0]!.parameter.name} är två axlar`, `${axes[0]!.parameter.name} is both axes`), { file: '--param' }, 'E_OPTION');
  }
  const total = axes.reduce((n, a) => n * a.values.length, 1);
  if (total > MAX_SWEEP_POINTS) {
    throw InputError.of(t(`${total} punkter är för många (högst ${MAX_SWEEP_POINTS})`, `${total} points are too many (at most ${MAX_SWEEP_POINTS})`), { file: '--param' }, 'E_OPTION');
  }
  const points: SweepPoint[] = [];
  const [a, b] = axes as [SweepAxis, SweepAxis | undefined];
  for (const qa of a.values) {
    for (const qb of b ? b.values : [undefined]) {
      const values: Record<string, string> = { [a.parameter.name]: gridText(qa, a.parameter.type) };
      if (b && qb !== undefined) values[b.parameter.name] = gridText(qb, b.parameter.type);
      points.push({ values, result: evaluateScheme(source.variant(values)) });
      onPoint?.(points.length, total);
    }
  }
  return points;
}
