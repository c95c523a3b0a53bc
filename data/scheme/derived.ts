/**
 * Derived parameters: `expr: "cost.total * 0.5"` instead of `value:`. The
 * definition check here refuses, every problem at once and each at its
 * place in the expression, a syntax error, a name the scheme does not
 * declare (with "did you mean"), a reference to a parameter that is not a
 * number (enum, text, a year), a derived parameter of such a type, and a
 * cycle. Evaluation (in dependency order) brings each result onto its
 * parameter's grid: money rounded half away from zero to the scheme's
 * rounding unit; every other type must come out on its grid exactly (rate:
 * whole öre; decimal: six decimals; percent: four decimals of a percentage
 * point; integer: whole), and a result off the grid is refused rather than
 * rounded by guess (write `round(…, unit)` to say how).
 */
import { closest, distance } from 'fastest-levenshtein';
import { type Problem, type Text, t } from '../../models/errors.js';
import { type Expr, type ExprType, evaluateExpression, expressionInWords, expressionNames, onDerivedGrid, parseExpression, swedishNumber } from '../../models/expression.js';
import { Dec } from '../../models/money.js';
import { derivedRefusalText } from '../../models/scenarios/source.js';
import type { Place, YamlPath } from '../yaml-source.js';
import { type ParameterValue, parameterValue } from './parameters.js';
import type { ParameterDef, ParameterType, SchemeFile } from './schema.js';

/** Types an expression can compute with and a derived parameter can have. */
const NUMERIC: ReadonlySet<ParameterType> = new Set(['money', 'rate', 'integer', 'decimal', 'percent']);

const parsedCache = new WeakMap<ParameterDef, Expr | null>();

/** A parameter's parsed expression (undefined for a base parameter or one that does not parse). */
export function derivedExpr(p: ParameterDef): Expr | undefined {
  if (p.expr === undefined) return undefined;
  let e = parsedCache.get(p);
  if (e === undefined) {
    const r = parseExpression(p.expr);
    e = r.ok ? r.expr : null;
    parsedCache.set(p, e);
  }
  return e ?? undefined;
}

/** Whether a parameter is derived (has `expr`). */
export function isDerived(p: ParameterDef | undefined): boolean {
  return p?.expr !== undefined;
}

/** The base parameters (those with no `expr`) a derived parameter follows, through every derived one between. */
export function baseParametersOf(def: SchemeFile, name: string): string[] {
  const out = new Set<string>();
  const seen = new Set<string>();
  const walk = (n: string): void => {
    if (seen.has(n)) return;
    seen.add(n);
    const p = Object.hasOwn(def.parameters, n) ? def.parameters[n] : undefined;
    const e = p ? derivedExpr(p) : undefined;
    if (!e) {
      if (p && n !== name) out.add(n);
      return;
    }
    for (const r of expressionNames(e)) walk(r.name);
  };
  walk(name);
  return [...out];
}

/** The message for setting or varying a derived parameter directly. */
export function derivedRefusal(def: SchemeFile, name: string, how: 'set' | 'vary'): Text {
  return derivedRefusalText({ name, derived: { expr: def.parameters[name]!.expr!, from: baseParametersOf(def, name) } }, how)!;
}

/** Where a check reports: the value of a path, and a character in a scalar. */
export interface DerivedPlaces {
  readonly file?: string;
  at?(path: YamlPath): Place;
  charAt?(path: YamlPath, index: number): Place;
}

/**
 * Checks every derived parameter of a definition: `expr` and `value` not
 * both, the expression parses, every name is declared and numeric, the
 * derived parameter's own type is numeric, and no parameter depends on
 * itself.
 */
export function checkDerivedParameters(def: SchemeFile, where: DerivedPlaces = {}): Problem[] {
  const problems: Problem[] = [];
  const names = Object.keys(def.parameters);
  const place = (name: string, index?: number): Place => {
    const path: YamlPath = ['parameters', name, 'expr'];
    return (index !== undefined ? where.charAt?.(path, index) : undefined) ?? where.at?.(path) ?? {};
  };
  const add = (name: string, message: Text, hint?: Text, index?: number): void => {
    problems.push({ ...(where.file !== undefined ? { file: where.file } : {}), ...place(name, index), message, ...(hint ? { hint } : {}) });
  };
  const deps = new Map<string, string[]>();
  for (const [name, p] of Object.entries(def.parameters)) {
    if (p.expr === undefined) continue;
    if (p.value !== undefined) {
      add(name, t(`parameters.${name}: ange antingen value eller expr, inte båda`, `parameters.${name}: give either value or expr, not both`), t('En härledd parameter räknas ur expr; ta bort value.', 'A derived parameter is computed from expr; remove value.'));
    }
    if (!NUMERIC.has(p.type)) {
      add(name, t(`parameters.${name}: en parameter av typen ${p.type} kan inte räknas ur ett uttryck`, `parameters.${name}: a parameter of type ${p.type} cannot be computed from an expression`), t('Härledda parametrar är av typen money, rate, integer, decimal eller percent.', 'Derived parameters are of type money, rate, integer, decimal or percent.'));
    }
    const parsed = parseExpression(p.expr);
    if (!parsed.ok) {
      add(name, t(`parameters.${name}.expr: ${parsed.problem.message.sv}`, `parameters.${name}.expr: ${parsed.problem.message.en}`), undefined, parsed.problem.at);
      continue;
    }
    const refs = expressionNames(parsed.expr);
    const found: string[] = [];
    for (const r of refs) {
      const q = Object.hasOwn(def.parameters, r.name) ? def.parameters[r.name] : undefined;
      if (!q) {
        const others = names.filter((n) => n !== name);
        const near = others.length > 0 ? closest(r.name, others) : undefined;
        const hint = near !== undefined && distance(r.name, near) <= Math.max(2, Math.floor(r.name.length / 3)) ? t(`Menade du ${near}?`, `Did you mean ${near}?`) : t(`Schemat har: ${others.join(', ') || '(inga andra parametrar)'}.`, `The scheme has: ${others.join(', ') || '(no other parameters)'}.`);
        add(name, t(`parameters.${name}.expr: okänd parameter "${r.name}"`, `parameters.${name}.expr: unknown parameter "${r.name}"`), hint, r.at);
        continue;
      }
      if (!NUMERIC.has(q.type)) {
        add(name, t(`parameters.${name}.expr: ${r.name} är av typen ${q.type} och kan inte räknas med`, `parameters.${name}.expr: ${r.name} is of type ${q.type} and cannot be computed with`), t('Ett uttryck räknar med parametrar av typen money, rate, integer, decimal och percent.', 'An expression computes with parameters of type money, rate, integer, decimal and percent.'), r.at);
        continue;
      }
      found.push(r.name);
    }
    deps.set(name, found);
  }
  // Cycles: a derived parameter that depends, through others, on itself.
  const state = new Map<string, 'open' | 'done'>();
  const reported = new Set<string>();
  const visit = (name: string, stack: string[]): void => {
    if (state.get(name) === 'done') return;
    if (state.get(name) === 'open') {
      const cycle = [...stack.slice(stack.indexOf(name)), name];
      const key = [...cycle].sort().join(' ');
      if (!reported.has(key)) {
        reported.add(key);
        add(name, t(`parameters.${name}.expr: parametern beror på sig själv (${cycle.join(' → ')})`, `parameters.${name}.expr: the parameter depends on itself (${cycle.join(' → ')})`), t('Minst en av dem ska ha ett value i stället för expr.', 'At least one of them must have a value instead of expr.'));
      }
      return;
    }
    state.set(name, 'open');
    for (const d of deps.get(name) ?? []) if (deps.has(d)) visit(d, [...stack, name]);
    state.set(name, 'done');
  };
  for (const name of deps.keys()) visit(name, []);
  return problems;
}

/** The derived parameters of a (checked) definition in an order where each comes after those it refers to. */
export function derivedOrder(def: SchemeFile): string[] {
  const out: string[] = [];
  const done = new Set<string>();
  const visit = (name: string): void => {
    if (done.has(name)) return;
    done.add(name);
    const e = derivedExpr(def.parameters[name]!);
    if (!e) return;
    for (const r of expressionNames(e)) if (Object.hasOwn(def.parameters, r.name) && isDerived(def.parameters[r.name])) visit(r.name);
    out.push(name);
  };
  for (const [name, p] of Object.entries(def.parameters)) if (isDerived(p)) visit(name);
  return out;
}

/** A parameter's value as an expression reads it: kronor for money and rates, a fraction for a percentage. */
export function expressionValue(v: ParameterValue): Dec {
  if (v.dec !== undefined) return v.dec;
  return new Dec(v.text);
}

/**
 * A derived parameter's value: the expression evaluated over `values` (in
 * which every parameter it refers to has a value) and brought onto the
 * parameter's grid, then checked as a written value is (never negative,
 * `min`, `max`). `unitOre` is the scheme's rounding unit in öre.
 */
export function derivedValue(p: ParameterDef, values: ReadonlyMap<string, ParameterValue>, unitOre: number): { ok: true; value: ParameterValue } | { ok: false; message: Text; hint?: Text } {
  const e = derivedExpr(p)!;
  const r = evaluateExpression(e, (n) => expressionValue(values.get(n)!));
  if (!r.ok) return { ok: false, message: r.problem.message };
  const g = onDerivedGrid(p.type as ExprType, r.value, unitOre);
  if (!g.ok) return g;
  const x = g.value;
  const text = p.type === 'percent' ? x.times(100).toFixed() : x.toFixed();
  const v = parameterValue({ ...p, type: p.type }, text);
  if (!v.ok) return { ok: false, message: t(`uttrycket ger ${swedishNumber(new Dec(text))}: värdet ${v.message.sv}`, `the expression gives ${text}: the value ${v.message.en}`) };
  return v;
}

/** A derived parameter's formula in Swedish words, with the scheme's labels. */
export function derivedInWords(def: SchemeFile, name: string): string | undefined {
  const e = derivedExpr(def.parameters[name]!);
  if (!e) return undefined;
  return expressionInWords(e, {
    label: (n) => (Object.hasOwn(def.parameters, n) ? def.parameters[n]!.label : n),
    isPercent: (n) => Object.hasOwn(def.parameters, n) && def.parameters[n]!.type === 'percent',
  });
}

/**
 * Gives every derived parameter its value, in dependency order, into
 * `params` (which holds the base parameters' values). An override of a
 * derived parameter is refused, naming the base parameters it follows; a
 * derived parameter that needs a parameter without a value is left out (put
 * in `missing` when the caller collects those, else nothing more is said:
 * the base parameter's own problem is reported). Problems go to the
 * context's list, at the parameter's `expr`.
 */
export function resolveDerivedParameters(
  ctx: { readonly def: SchemeFile; readonly file: string; readonly problems: { add(message: Text, where: Omit<Problem, 'message'>): void }; at(path: YamlPath): Place },
  options: { readonly params: Map<string, ParameterValue>; readonly overrides: Readonly<Record<string, string>>; readonly missing?: Set<string> | undefined; readonly unitOre: number },
): void {
  const { def, problems } = ctx;
  const { params, overrides, missing, unitOre } = options;
  for (const name of Object.keys(overrides)) {
    if (Object.hasOwn(def.parameters, name) && isDerived(def.parameters[name])) problems.add(derivedRefusal(def, name, 'set'), { file: '--set' });
  }
  for (const name of derivedOrder(def)) {
    const p = def.parameters[name]!;
    const e = derivedExpr(p);
    if (!e) continue;
    const absent = expressionNames(e).filter((r) => !params.has(r.name));
    if (absent.length > 0) {
      if (missing && absent.some((r) => missing.has(r.name))) missing.add(name);
      continue;
    }
    const v = derivedValue(p, params, unitOre);
    if (v.ok) params.set(name, v.value);
    else problems.add(t(`parametern ${name} (expr: ${p.expr}): ${v.message.sv}`, `parameter ${name} (expr: ${p.expr}): ${v.message.en}`), { file: ctx.file, ...ctx.at(['parameters', name, 'expr']), ...(v.hint ? { hint: v.hint } : {}) });
  }
}
