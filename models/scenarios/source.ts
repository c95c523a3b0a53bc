/**
 * What every scenario computation starts from: a resolved scheme (with the
 * scenario's overrides and party changes applied), what its parameters are,
 * where each parameter is used, and a pure function that gives the same
 * scheme with other parameter values. The data layer builds it from files
 * (`data/load-scenario.ts`); everything in `models/scenarios/` only calls it.
 *
 * Parameter values move on a grid of exact steps, so that every value a
 * sweep, a goal seek or a simulation run uses can be written down and given
 * again with `--set`: money to the scheme's rounding unit, rates to the öre,
 * decimals and percentages to the millionth, counts and years to the unit.
 */
import { InputError, type Text, t } from '../errors.js';
import { withSuggestion } from '../did-you-mean.js';
import { Dec, type Ore, oreToDecimalString } from '../money.js';
import type { SchemeModel } from '../scheme.js';

/** The types a scheme parameter can have (as in the scheme file). */
export type ParamType = 'money' | 'rate' | 'integer' | 'decimal' | 'percent' | 'enum' | 'year' | 'text';

/** A scheme parameter as scenarios see it. */
export interface ParameterInfo {
  readonly name: string;
  readonly type: ParamType;
  readonly label: string;
  readonly unit?: string;
  readonly min?: number;
  readonly max?: number;
  readonly values?: readonly string[];
  /** The value in the scenario (its text), when it has one. */
  readonly value?: string;
  /** A derived parameter (`expr:`): computed from the base parameters `from`, never set or varied itself. */
  readonly derived?: { readonly expr: string; readonly from: readonly string[] };
}

/** Where a parameter is used in a scheme definition. */
export type ParamUse =
  | { readonly where: 'component'; readonly component: string; readonly field: 'rate' | 'total' | 'cap.amount' | 'budget' | 'index' | 'years' | 'other' }
  | { readonly where: 'financing'; readonly field: 'cost' | 'revenue' }
  | { readonly where: 'contract' }
  | { readonly where: 'users' }
  | { readonly where: 'other'; readonly path: string };

/** A scheme ready for what-if questions. */
export interface VariantSource {
  /** The scenario's model: overrides and party changes applied. */
  readonly model: SchemeModel;
  readonly parameters: readonly ParameterInfo[];
  /** Per parameter name, where the scheme uses it. */
  readonly uses: Readonly<Record<string, readonly ParamUse[]>>;
  /** Parties whose population is the county's total (a region paying for every inhabitant). */
  readonly countyParties: readonly string[];
  /** The scenario with some parameters set to other values (texts as `--set` takes them). Pure. */
  variant(values: Readonly<Record<string, string>>): SchemeModel;
}

/** The grid a parameter's values move on: value = q / scale, q a multiple of `step`. */
export interface ParamGrid {
  /** q per unit of the value as written (kronor, a plain number, percent points). */
  readonly scale: number;
  /** The smallest step of q. */
  readonly step: number;
}

/** The grid of a parameter type; money steps by the scheme's rounding unit (öre). */
export function gridOf(type: ParamType, unit: Ore): ParamGrid {
  switch (type) {
    case 'money':
      return { scale: 100, step: unit };
    case 'rate':
      return { scale: 100, step: 1 };
    case 'decimal':
      return { scale: 1_000_000, step: 1 };
    case 'percent':
      return { scale: 10_000, step: 1 };
    case 'integer':
    case 'year':
      return { scale: 1, step: 1 };
    case 'enum':
    case 'text':
      throw InputError.of(t(`en parameter av typen ${type} kan inte varieras`, `a parameter of type ${type} cannot be varied`), {}, 'E_OPTION');
  }
}

/** Whether a parameter takes numbers and is not derived (and so can be swept, varied or sought). */
export function isNumeric(p: ParameterInfo): boolean {
  return p.type !== 'enum' && p.type !== 'text' && p.derived === undefined;
}

/**
 * Why a derived parameter cannot be set, swept, sought or varied itself,
 * naming the base parameters it follows; undefined for a base parameter.
 */
export function derivedRefusalText(p: Pick<ParameterInfo, 'name' | 'derived'>, how: 'set' | 'vary'): Text | undefined {
  if (!p.derived) return undefined;
  const { expr, from } = p.derived;
  const one = from.length === 1;
  return how === 'set'
    ? t(
        `parametern ${p.name} är härledd (expr: ${expr}) och kan inte sättas direkt; sätt ${one ? 'parametern' : 'parametrarna'} den följer: ${from.join(', ')}`,
        `parameter ${p.name} is derived (expr: ${expr}) and cannot be set directly; set the ${one ? 'parameter' : 'parameters'} it follows: ${from.join(', ')}`,
      )
    : t(
        `parametern ${p.name} är härledd (expr: ${expr}) och kan inte varieras direkt; variera ${one ? 'parametern' : 'parametrarna'} den följer (${from.join(', ')}), så följer ${p.name} med`,
        `parameter ${p.name} is derived (expr: ${expr}) and cannot be varied directly; vary the ${one ? 'parameter' : 'parameters'} it follows (${from.join(', ')}) and ${p.name} follows`,
      );
}

/** A number as written (kronor, percent…) to the nearest grid point. */
export function toGrid(x: number, grid: ParamGrid): number {
  return Math.round((x * grid.scale) / grid.step) * grid.step;
}

/** A grid point as the text `--set` takes: `1500000.00`, `9.75`, `0.02`, `8`. */
export function gridText(q: number, type: ParamType): string {
  switch (type) {
    case 'money':
    case 'rate':
      return oreToDecimalString(q);
    case 'decimal':
      return new Dec(q).dividedBy(1_000_000).toString();
    case 'percent':
      return new Dec(q).dividedBy(10_000).toString();
    default:
      return String(q);
  }
}

/** A parameter text as a Decimal in the units it is written in (kronor, percent points…). */
export function parseParamText(text: string): Dec | undefined {
  const cleaned = text.trim().replace(/\s*%$/, '').replace(/[\s\u00a0\u202f]/g, '').replace(',', '.').replace('\u2212', '-');
  if (!/^[+-]?\d+(\.\d+)?$/.test(cleaned)) return undefined;
  return new Dec(cleaned);
}

/** The bounds a parameter's values must keep: never negative, and the scheme's min and max. */
export function boundsOf(p: ParameterInfo): readonly [number, number] {
  return [Math.max(0, p.min ?? 0), p.max ?? Infinity];
}

/** Finds a parameter by name, or throws an InputError listing the numeric ones. */
export function parameterNamed(source: Pick<VariantSource, 'parameters' | 'model'>, name: string, where: string): ParameterInfo {
  const p = source.parameters.find((x) => x.name === name);
  if (p) return p;
  const names = source.parameters.filter(isNumeric).map((x) => x.name);
  throw InputError.of(
    withSuggestion(t(`okänd parameter "${name}"; schemat ${source.model.id} har: ${names.join(', ') || '(inga)'}`, `unknown parameter "${name}"; scheme ${source.model.id} has: ${names.join(', ') || '(none)'}`), name, names),
    { file: where },
    'E_OPTION',
  );
}
