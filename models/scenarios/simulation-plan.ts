/**
 * Monte Carlo simulation, step one: the plan. A simulation is compiled once
 * into plain numbers and typed arrays (no objects per party) that the hot
 * loop in `simulation-kernel.ts` runs through, and that worker threads can
 * receive as a structured clone: the draws, where each output of a run sits,
 * and for each component touched by an uncertain input how to compute it.
 *
 * When an uncertain input feeds something the kernel does not compute (a
 * number of years, a blended key, floors), the plan says so and every run
 * is evaluated in full instead: slower, the same figures.
 */
import { fastKernelApplies, tieRanks } from '../allocate.js';
import { type KernelCapPolicy, kernelCapPolicy } from '../cap-policy.js';
import { InputError, t } from '../errors.js';
import { type SchemeResult, evaluateScheme, keyWeights } from '../evaluate.js';
import type { Ore } from '../money.js';
import { type Component, type SchemeModel, keyCounts, keyForYear } from '../scheme.js';
import { type Distribution, supportOf } from './distributions.js';
import { type Expr, expressionNames, parseExpression } from '../expression.js';
import { type ParamType, type ParameterInfo, type VariantSource, boundsOf, gridOf, parseParamText } from './source.js';
import { type VarySpec, varyName } from './vary.js';

// ---------------------------------------------------------------------------
// The plan

/** A number the kernel reads: the constant `value` when `slot` is −1, else the drawn value scaled to öre (q · mul / div). */
export interface ValuePlan {
  readonly slot: number;
  readonly value: number;
  readonly mul: number;
  readonly div: number;
}

/**
 * One draw per run (a parameter, or a shared driver: `driver` true), one per
 * perturbed party (population); or a value computed from the run's draws,
 * after them in this order: a parameter a driver scales (`scaled`), a
 * derived parameter that follows a drawn one (`derived`).
 */
export type DrawPlan =
  | { readonly kind: 'slot'; readonly slot: number; readonly name: string; readonly type: ParamType; readonly distribution: Distribution; readonly scale: number; readonly step: number; readonly lowerQ: number; readonly upperQ: number; readonly driver?: true }
  | { readonly kind: 'population'; readonly distribution: Distribution }
  | {
      readonly kind: 'scaled';
      readonly slot: number;
      readonly name: string;
      readonly type: ParamType;
      readonly driverSlot: number;
      /** The parameter's value in force, in grid units (an exact decimal text). */
      readonly baseQ: string;
      readonly step: number;
      readonly lowerQ: number;
      readonly upperQ: number;
    }
  | {
      readonly kind: 'derived';
      readonly slot: number;
      readonly name: string;
      readonly type: ParamType;
      readonly expr: Expr;
      /** Per name in the expression: its slot, or −1 and its constant value in the units an expression reads. */
      readonly refs: readonly { readonly name: string; readonly slot: number; readonly type: ParamType; readonly constant: string }[];
      readonly min?: number;
      readonly max?: number;
    };

/** Grid units (q) per unit an expression reads: kronor for money and rates, a fraction for a percentage. */
export function exprUnitQ(type: ParamType): number {
  switch (type) {
    case 'money':
    case 'rate':
      return 100;
    case 'decimal':
    case 'percent':
      return 1_000_000;
    default:
      return 1;
  }
}

/** How one live component is computed in the hot loop. */
export type ComponentPlan =
  | { readonly kind: 'per-unit'; readonly parties: Int32Array; readonly rateSlot: number; readonly rateNum: number; readonly rateDen: number }
  | {
      readonly kind: 'share';
      readonly parties: Int32Array;
      readonly total: ValuePlan;
      /** Constant weights, or null: the run's populations. */
      readonly weights: Float64Array | null;
      readonly rank: Int32Array;
      readonly byRank: Int32Array;
      readonly cap: null | {
        readonly amount: ValuePlan;
        readonly mask: Uint8Array;
        /** `CAP_CARRIER`, `CAP_REDISTRIBUTE` or `CAP_UNCOVERED` (models/cap-policy.ts). */
        readonly policy: KernelCapPolicy;
        /** The carrier's output position (its place among the parties, or one past them). */
        readonly carrierPos: number;
      };
    }
  | {
      readonly kind: 'yearly-share';
      readonly parties: Int32Array;
      /** Constant budgets per year, or null: computed per run from `budget` and `index`. */
      readonly budgets: Float64Array | null;
      readonly budget: ValuePlan;
      readonly indexSlot: number;
      readonly indexText: string;
      readonly indexDiv: number;
      readonly years: number;
      /** Constant weights per year, or null: the run's populations. */
      readonly weights: readonly (Float64Array | null)[];
      readonly rank: Int32Array;
      readonly byRank: Int32Array;
    };

/** Where one live component's outputs sit in a run's vector. */
export interface ComponentLayout {
  readonly id: string;
  readonly label: string;
  /** Party index (in the model's party order) per output position. */
  readonly outParties: Int32Array;
  readonly offset: number;
  readonly totalAt: number;
  /** −1 unless capped. */
  readonly heldBackAt: number;
  readonly carriedAt: number;
  readonly uncoveredAt: number;
  /** Counter index of "cap binds" for output position 0 (then one per position), −1 unless capped. */
  readonly bindsAt: number;
  /** Counter index of "the cap binds for some party". */
  readonly anyBindAt: number;
}

/** What a run computes, position by position. */
export interface Layout {
  readonly size: number;
  readonly comps: readonly ComponentLayout[];
  /** Parties in two or more live components: their total is a column of its own. */
  readonly partyTotals: readonly { readonly party: number; readonly at: number; readonly sources: Int32Array }[];
  readonly totalAt: number;
  /** −1 when the need does not vary or there is no financing. */
  readonly needAt: number;
  /** −1 without financing. */
  readonly surplusAt: number;
  readonly counters: number;
  readonly needNotCoveredAt: number;
  readonly uncoveredAnyAt: number;
}

/** A compiled simulation: everything the hot loop needs, and nothing else. Structured-cloneable. */
export interface SimulationPlan {
  readonly codes: readonly string[];
  readonly unit: Ore;
  readonly draws: readonly DrawPlan[];
  readonly slotCount: number;
  readonly basePop: Float64Array;
  readonly perturb: Int32Array;
  readonly county: Int32Array;
  readonly countyFrom: Int32Array;
  /** Aligned with `layout.comps` (empty on the full path). */
  readonly comps: readonly ComponentPlan[];
  readonly financing: null | { readonly cost: ValuePlan; readonly revenue: ValuePlan };
  /** Sum of the totals of the components no uncertain input touches. */
  readonly constTotal: Ore;
  readonly layout: Layout;
  /** True: the typed-array kernel. False: every run evaluated in full. */
  readonly fast: boolean;
}

/** A simulation ready to run: the plan, and what the summary needs from the base scheme. */
export interface Simulation {
  readonly plan: SimulationPlan;
  readonly vary: readonly VarySpec[];
  readonly model: SchemeModel;
  /** The scheme evaluated at its own values: the constant outputs. */
  readonly base: SchemeResult;
  /** Why the full path is used (empty on the fast path). */
  readonly fullPathReasons: readonly string[];
  readonly source: VariantSource;
}

function usesPopulation(c: Component): boolean {
  if (c.kind === 'per-unit') return true;
  return keyCounts(c.key, 'population');
}

function usesUsers(c: Component): boolean {
  if (c.kind === 'per-unit') return false;
  return keyCounts(c.key, 'users');
}

/**
 * Compiles a simulation of `source` with the uncertain inputs `vary`.
 * Throws an InputError when the entries contradict each other.
 */
export function compileSimulation(source: VariantSource, vary: readonly VarySpec[]): Simulation {
  const model = source.model;
  const base = evaluateScheme(model);
  const n = model.parties.length;
  const index = new Map(model.parties.map((p, i) => [p.code, i]));
  const reasons: string[] = [];

  const names = vary.map(varyName);
  const dup = names.find((x, i) => names.indexOf(x) !== i);
  if (dup) throw InputError.of(t(`${dup} varieras två gånger`, `${dup} is varied twice`), { file: '--vary' }, 'E_OPTION');
  if (vary.length === 0) throw InputError.of(t('inget att variera: ange --vary namn=fördelning eller vary: i ett scenario', 'nothing to vary: give --vary name=distribution or vary: in a scenario'), { file: '--vary' }, 'E_OPTION');

  // Draws, in the order they were written.
  const slotOf = new Map<string, { slot: number; param: ParameterInfo }>();
  const driverSlots: { slot: number; spec: VarySpec & { target: { kind: 'driver' } } }[] = [];
  let nextSlot = 0;
  const draws: DrawPlan[] = vary.map((v) => {
    if (v.target.kind === 'population') return { kind: 'population', distribution: v.distribution };
    if (v.target.kind === 'driver') {
      // A factor on the decimal grid (six decimals), drawn once per run; not a parameter of the scheme.
      const grid = gridOf('decimal', model.unit);
      const [lo, hi] = supportOf(v.distribution);
      const slot = nextSlot++;
      driverSlots.push({ slot, spec: v as VarySpec & { target: { kind: 'driver' } } });
      return {
        kind: 'slot', slot, name: v.target.name, type: 'decimal', distribution: v.distribution, scale: grid.scale, step: grid.step, driver: true,
        lowerQ: Math.ceil(Math.max(0, lo) * grid.scale), upperQ: hi === Infinity ? Infinity : Math.floor(hi * grid.scale),
      };
    }
    const p = v.target.parameter;
    const grid = gridOf(p.type, model.unit);
    const [lo, hi] = boundsOf(p);
    const slot = nextSlot++;
    slotOf.set(p.name, { slot, param: p });
    return {
      kind: 'slot', slot, name: p.name, type: p.type, distribution: v.distribution, scale: grid.scale, step: grid.step,
      lowerQ: Math.ceil((lo * grid.scale) / grid.step) * grid.step,
      upperQ: hi === Infinity ? Infinity : Math.floor((hi * grid.scale) / grid.step) * grid.step,
    };
  });
  const popVaries = vary.some((v) => v.target.kind === 'population');

  // Parameters a driver scales: the value in force times the run's factor, onto the grid.
  for (const { slot: driverSlot, spec } of driverSlots) {
    for (const p of spec.target.scales) {
      if (slotOf.has(p.name)) throw InputError.of(t(`${p.name} varieras redan; den kan inte också skalas av ${spec.target.name}`, `${p.name} is varied already; it cannot also be scaled by ${spec.target.name}`), { file: '--vary' }, 'E_OPTION');
      const grid = gridOf(p.type, model.unit);
      const [lo, hi] = boundsOf(p);
      const slot = nextSlot++;
      slotOf.set(p.name, { slot, param: p });
      draws.push({
        kind: 'scaled', slot, name: p.name, type: p.type, driverSlot, baseQ: parseParamText(p.value ?? '0')!.times(grid.scale).toString(), step: grid.step,
        lowerQ: Math.ceil((lo * grid.scale) / grid.step) * grid.step, upperQ: hi === Infinity ? Infinity : Math.floor((hi * grid.scale) / grid.step) * grid.step,
      });
    }
  }

  // Derived parameters that follow a drawn one: computed per run from the run's values, in dependency order.
  const derivedParams = source.parameters.filter((p) => p.derived !== undefined);
  const exprOf = new Map(derivedParams.flatMap((p) => {
    const r = parseExpression(p.derived!.expr);
    return r.ok ? [[p.name, r.expr] as const] : [];
  }));
  const visiting = new Set<string>();
  const follows = (name: string): boolean => {
    if (slotOf.has(name)) return true;
    const e = exprOf.get(name);
    if (!e || visiting.has(name)) return false;
    visiting.add(name);
    const any = expressionNames(e).some((r) => follows(r.name));
    visiting.delete(name);
    return any;
  };
  const addDerived = (name: string): void => {
    if (slotOf.has(name)) return;
    const e = exprOf.get(name)!;
    for (const r of expressionNames(e)) if (exprOf.has(r.name) && follows(r.name)) addDerived(r.name);
    const p = derivedParams.find((x) => x.name === name)!;
    const refs = expressionNames(e).map((r) => {
      const s = slotOf.get(r.name);
      const q = source.parameters.find((x) => x.name === r.name);
      if (s) return { name: r.name, slot: s.slot, type: s.param.type, constant: '0' };
      const v = q?.value !== undefined ? parseParamText(q.value) : undefined;
      if (!q || !v) throw InputError.of(t(`parametern ${name} följer ${r.name}, som saknar värde`, `parameter ${name} follows ${r.name}, which has no value`), { file: '--vary' }, 'E_OPTION');
      return { name: r.name, slot: -1, type: q.type, constant: (q.type === 'percent' ? v.dividedBy(100) : v).toString() };
    });
    const slot = nextSlot++;
    slotOf.set(name, { slot, param: p });
    draws.push({ kind: 'derived', slot, name, type: p.type, expr: e, refs, ...(p.min !== undefined ? { min: p.min } : {}), ...(p.max !== undefined ? { max: p.max } : {}) });
  };
  for (const p of derivedParams) if (exprOf.has(p.name) && follows(p.name)) addDerived(p.name);

  // Which components an uncertain input touches, and whether the kernel can compute them.
  const live = new Set<string>();
  let allLive = false;
  let needVaries = false;
  for (const [name] of slotOf) {
    for (const use of source.uses[name] ?? []) {
      if (use.where === 'component') {
        live.add(use.component);
        const comp = model.components.find((c) => c.id === use.component);
        const ok =
          comp !== undefined &&
          ((comp.kind === 'per-unit' && use.field === 'rate') ||
            (comp.kind === 'share' && (use.field === 'total' || use.field === 'cap.amount' || use.field === 'years')) ||
            (comp.kind === 'yearly-share' && (use.field === 'budget' || use.field === 'index')));
        if (!ok) reasons.push(`${name} används i ${use.component}.${use.field}`);
        // A figure per year is N × the parameter's value in the model: the kernel takes a parameter's value as it is.
        else if (comp.kind === 'share' && ((use.field === 'cap.amount' && comp.cap?.per === 'year') || (use.field === 'total' && comp.totalPer === 'year') || (use.field === 'years' && (comp.cap?.per === 'year' || comp.totalPer === 'year'))))
          reasons.push(`${name} används i ${use.component}.${use.field}, som gäller per år`);
      } else if (use.where === 'financing') {
        needVaries = true;
      } else if (use.where === 'users') {
        model.components.filter(usesUsers).forEach((c) => live.add(c.id));
        reasons.push(`${name} anger antal användare`);
      } else if (use.where === 'other') {
        allLive = true;
        reasons.push(`${name} används i ${use.path}`);
      }
    }
  }
  if (popVaries) model.components.filter(usesPopulation).forEach((c) => live.add(c.id));
  const liveComps = model.components.filter((c) => allLive || live.has(c.id));

  // Population perturbation: every party with a population, except those that
  // count the county's: they follow the municipalities' changes.
  const county = source.countyParties.map((c) => index.get(c)).filter((i): i is number => i !== undefined);
  const basePop = new Float64Array(n).fill(NaN);
  model.parties.forEach((p, i) => {
    if (p.population !== undefined) basePop[i] = p.population;
  });
  const perturb = model.parties.flatMap((p, i) => (p.population !== undefined && !county.includes(i) ? [i] : []));
  const countyFrom = model.parties.flatMap((p, i) => (p.kind === 'kommun' && p.population !== undefined && !county.includes(i) ? [i] : []));

  // Layout of a run's outputs.
  let at = 0;
  let counters = 0;
  const compLayouts: ComponentLayout[] = [];
  const partyComps = new Map<number, number[]>();
  for (const c of liveComps) {
    const outParties = c.parties.map((code) => index.get(code)!);
    const capped = c.kind === 'share' && c.cap !== undefined;
    if (capped && c.cap!.policy.kind === 'carrier' && !c.parties.includes(c.cap!.policy.code)) outParties.push(index.get(c.cap!.policy.code)!);
    const offset = at;
    at += outParties.length;
    outParties.forEach((pi, k) => partyComps.set(pi, [...(partyComps.get(pi) ?? []), offset + k]));
    const totalAt = at++;
    const heldBackAt = capped ? at++ : -1;
    const carriedAt = capped ? at++ : -1;
    const uncoveredAt = capped ? at++ : -1;
    const bindsAt = capped ? counters : -1;
    if (capped) counters += outParties.length;
    const anyBindAt = capped ? counters++ : -1;
    compLayouts.push({ id: c.id, label: c.label, outParties: Int32Array.from(outParties), offset, totalAt, heldBackAt, carriedAt, uncoveredAt, bindsAt, anyBindAt });
  }
  const partyTotals = [...partyComps].filter(([, s]) => s.length > 1).map(([party, s]) => ({ party, at: at++, sources: Int32Array.from(s) }));
  const totalAt = at++;
  const needAt = model.financing && needVaries ? at++ : -1;
  const surplusAt = model.financing ? at++ : -1;
  const needNotCoveredAt = model.financing ? counters++ : -1;
  const uncoveredAnyAt = counters++;
  const layout: Layout = { size: at, comps: compLayouts, partyTotals, totalAt, needAt, surplusAt, counters, needNotCoveredAt, uncoveredAnyAt };

  const constTotal = base.components.filter((c) => !liveComps.includes(c.component)).reduce((s, c) => s + c.total, 0);

  const value = (v: { param: string } | undefined, constant: number): ValuePlan => {
    const s = v ? slotOf.get(v.param) : undefined;
    if (!s) return { slot: -1, value: constant, mul: 1, div: 1 };
    const grid = gridOf(s.param.type, model.unit);
    // öre = q · 100 / scale, kept as integers.
    const g = gcd(100, grid.scale);
    return { slot: s.slot, value: 0, mul: 100 / g, div: grid.scale / g };
  };
  const paramAt = (compId: string, field: string): { param: string } | undefined => {
    for (const [name] of slotOf) if ((source.uses[name] ?? []).some((u) => u.where === 'component' && u.component === compId && u.field === field)) return { param: name };
    return undefined;
  };
  const popMax = (parties: readonly number[]) => {
    const popDraw = vary.find((v) => v.target.kind === 'population');
    const up = popDraw ? 1 + Math.max(0, practicalMax(popDraw.distribution)) : 1;
    const countyUp = popDraw ? countyFrom.reduce((s, i) => s + basePop[i]! * (up - 1) + 1, 0) : 0;
    return parties.reduce((s, i) => s + (county.includes(i) ? basePop[i]! + countyUp : basePop[i]! * up + 1), 0);
  };

  const comps: ComponentPlan[] = [];
  for (const c of liveComps) {
    const parties = Int32Array.from(c.parties.map((code) => index.get(code)!));
    const popKeyed = popVaries && usesPopulation(c);
    if (c.kind === 'per-unit') {
      const rp = paramAt(c.id, 'rate');
      const s = rp ? slotOf.get(rp.param)! : undefined;
      let rateNum: number;
      let rateDen: number;
      let maxRate: number;
      if (s) {
        const grid = gridOf(s.param.type, model.unit);
        const g = gcd(100, grid.scale);
        rateNum = 100 / g;
        rateDen = grid.scale / g;
        const d = vary.find((v) => v.target.kind === 'parameter' && v.target.parameter.name === rp!.param);
        // A rate computed per run (scaled or derived) has no distribution of its own to size the products by.
        if (!d) reasons.push(`${c.id}: taxan räknas fram per körning`);
        maxRate = d ? practicalMax(d.distribution) * grid.scale + grid.step : 1;
      } else {
        const ore = c.rate.times(100);
        const places = ore.decimalPlaces();
        rateDen = 10 ** places;
        rateNum = ore.times(rateDen).toNumber();
        maxRate = 1;
      }
      const maxUnits = Math.max(...[...parties].map((i) => popMax([i])));
      if (!(maxRate * rateNum * maxUnits < Number.MAX_SAFE_INTEGER / 4) || !Number.isFinite(maxUnits)) reasons.push(`${c.id}: belopp för stora för heltalskärnan`);
      comps.push({ kind: 'per-unit', parties, rateSlot: s ? s.slot : -1, rateNum, rateDen });
    } else if (c.kind === 'share') {
      if (c.floors && Object.keys(c.floors).length > 0) reasons.push(`${c.id} har golv`);
      if (popKeyed && c.key.kind !== 'population') reasons.push(`${c.id}: blandad nyckel med befolkning`);
      const weights = popKeyed ? null : constWeights(c, model, reasons);
      const W = weights ? weights.reduce((s, w) => s + w, 0) : popMax([...parties]);
      if (!fastKernelApplies(W, parties.length)) reasons.push(`${c.id}: vikterna är för stora för heltalskärnan`);
      const { rank, byRank } = tieRanks(c.parties);
      let cap: Extract<ComponentPlan, { kind: 'share' }>['cap'] = null;
      if (c.cap) {
        const capSet = new Set(c.cap.parties);
        const policy = kernelCapPolicy(c.cap.policy);
        const carrierPos = c.cap.policy.kind === 'carrier' ? (c.parties.includes(c.cap.policy.code) ? c.parties.indexOf(c.cap.policy.code) : c.parties.length) : -1;
        cap = { amount: value(paramAt(c.id, 'cap.amount'), c.cap.amount), mask: Uint8Array.from(c.parties.map((code) => (capSet.has(code) ? 1 : 0))), policy, carrierPos };
      }
      comps.push({ kind: 'share', parties, total: value(paramAt(c.id, 'total'), c.total), weights, rank, byRank, cap });
    } else {
      if (popKeyed && c.key.kind !== 'population') reasons.push(`${c.id}: blandad nyckel med befolkning`);
      const bp = paramAt(c.id, 'budget');
      const ip = paramAt(c.id, 'index');
      const baseYearly = base.components.find((x) => x.component.id === c.id)?.yearly ?? [];
      const budgets = bp || ip ? null : Float64Array.from(baseYearly.map((y) => y.budget));
      const is = ip ? slotOf.get(ip.param)! : undefined;
      const weights = c.years.map((year) => {
        if (popKeyed) return null;
        const key = keyForYear(c.key, year);
        return toNumberWeights(keyWeights(key, c.parties, model, c.id), c.id, reasons);
      });
      const { rank, byRank } = tieRanks(c.parties);
      comps.push({
        kind: 'yearly-share', parties, budgets, budget: value(bp, c.budget), indexSlot: is ? is.slot : -1, indexText: c.index.toString(),
        indexDiv: is ? (is.param.type === 'percent' ? 1_000_000 : gridOf(is.param.type, model.unit).scale) : 1, years: c.years.length, weights, rank, byRank,
      });
    }
  }

  const fin = model.financing;
  const financing = fin
    ? {
        cost: value(financingParam(source, slotOf, 'cost'), fin.cost),
        revenue: value(financingParam(source, slotOf, 'revenue'), fin.revenue),
      }
    : null;

  const fast = reasons.length === 0;
  const plan: SimulationPlan = {
    codes: model.parties.map((p) => p.code), unit: model.unit, draws, slotCount: nextSlot, basePop, perturb: Int32Array.from(perturb), county: Int32Array.from(county),
    countyFrom: Int32Array.from(countyFrom), comps: fast ? comps : [], financing, constTotal, layout, fast,
  };
  return { plan, vary, model, base, fullPathReasons: reasons, source };
}

function financingParam(source: VariantSource, slotOf: Map<string, unknown>, field: 'cost' | 'revenue'): { param: string } | undefined {
  for (const [name] of slotOf) if ((source.uses[name] ?? []).some((u) => u.where === 'financing' && u.field === field)) return { param: name };
  return undefined;
}

function constWeights(c: Component & { kind: 'share' }, model: SchemeModel, reasons: string[]): Float64Array {
  return toNumberWeights(keyWeights(c.key, c.parties, model, c.id), c.id, reasons);
}

function toNumberWeights(ws: readonly (number | bigint)[], id: string, reasons: string[]): Float64Array {
  if (ws.some((w) => typeof w === 'bigint' && w > BigInt(Number.MAX_SAFE_INTEGER))) reasons.push(`${id}: vikterna är för stora för heltalskärnan`);
  const out = Float64Array.from(ws.map((w) => Number(w)));
  const W = out.reduce((s, w) => s + w, 0);
  if (!fastKernelApplies(W, out.length)) reasons.push(`${id}: vikterna är för stora för heltalskärnan`);
  return out;
}

/**
 * The largest value a draw can give in practice, for sizing checks: the
 * upper bound, or for an unbounded normal or lognormal a point so far out
 * (40 standard deviations) that no run reaches it. The kernel still checks
 * each product it makes.
 */
function practicalMax(d: Distribution): number {
  const [, hi] = supportOf(d);
  if (hi !== Infinity) return hi;
  return d.kind === 'normal' || d.kind === 'lognormal' ? d.mean + 40 * d.sd * (d.kind === 'lognormal' ? 10 : 1) : hi;
}

function gcd(a: number, b: number): number {
  while (b) [a, b] = [b, a % b];
  return a;
}
