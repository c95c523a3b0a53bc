/**
 * Monte Carlo simulation of a scheme. A simulation is compiled once into a
 * plan of plain numbers and typed arrays (no objects per party) that a hot
 * loop runs through: draw the uncertain inputs, split with the same
 * largest-remainder kernel as every other figure (`splitUnitsFast`), apply
 * the caps under the scheme's policy, write each money output of the run to
 * a column. The plan is structured-cloneable, so worker threads can run
 * chunks of it.
 *
 * Every run is an exact scheme evaluation: its parameter values lie on the
 * parameter grid (see `source.ts`) and its populations are whole numbers, so
 * `evaluateScheme` on the same inputs gives the same öre; the tests hold the
 * fast path to that. When an uncertain input feeds something the fast path
 * does not compute (a number of years, a blended key, floors), every run is
 * evaluated in full instead: slower, the same figures.
 *
 * Reproducibility: run `r` belongs to chunk ⌊r / CHUNK_RUNS⌋ and draws from
 * that chunk's stream (see `random.ts`), so results depend on the seed alone.
 */
import { fastKernelApplies, splitUnitsFast, tieRanks } from '../allocate.js';
import { InputError, InvariantError, t } from '../errors.js';
import { type SchemeResult, evaluateScheme, keyWeights } from '../evaluate.js';
import { Dec, type Ore } from '../money.js';
import type { Component, SchemeModel } from '../scheme.js';
import { type Distribution, samplerOf, supportOf } from './distributions.js';
import { CHUNK_RUNS, ChunkStreams, type UniformStream } from './random.js';
import { type ParamType, type ParameterInfo, type VariantSource, boundsOf, gridOf, gridText } from './source.js';
import { type ColumnSummary, constantSummary, shiftSummary, summariseColumn } from './statistics.js';
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

/** One draw per run (a parameter), or one per perturbed party (population). */
export type DrawPlan =
  | { readonly kind: 'slot'; readonly slot: number; readonly name: string; readonly type: ParamType; readonly distribution: Distribution; readonly scale: number; readonly step: number; readonly lowerQ: number; readonly upperQ: number }
  | { readonly kind: 'population'; readonly distribution: Distribution };

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
        /** 0 carrier, 1 redistribute, 2 uncovered. */
        readonly policy: 0 | 1 | 2;
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
  return c.key.kind === 'population' || (c.key.kind === 'blend' && c.key.parts.some((p) => p.key.kind === 'population'));
}

function usesUsers(c: Component): boolean {
  if (c.kind === 'per-unit') return false;
  return c.key.kind === 'users' || (c.key.kind === 'blend' && c.key.parts.some((p) => p.key.kind === 'users'));
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
  const draws: DrawPlan[] = vary.map((v) => {
    if (v.target.kind === 'population') return { kind: 'population', distribution: v.distribution };
    const p = v.target.parameter;
    const grid = gridOf(p.type, model.unit);
    const [lo, hi] = boundsOf(p);
    const slot = slotOf.size;
    slotOf.set(p.name, { slot, param: p });
    return {
      kind: 'slot', slot, name: p.name, type: p.type, distribution: v.distribution, scale: grid.scale, step: grid.step,
      lowerQ: Math.ceil((lo * grid.scale) / grid.step) * grid.step,
      upperQ: hi === Infinity ? Infinity : Math.floor((hi * grid.scale) / grid.step) * grid.step,
    };
  });
  const popVaries = vary.some((v) => v.target.kind === 'population');

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
        const d = vary.find((v) => v.target.kind === 'parameter' && v.target.parameter.name === rp!.param)!;
        maxRate = practicalMax(d.distribution) * grid.scale + grid.step;
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
        const policy = c.cap.policy.kind === 'carrier' ? 0 : c.cap.policy.kind === 'redistribute' ? 1 : 2;
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
        const key = c.key.kind === 'users' ? ({ kind: 'users', year } as const) : c.key;
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
    codes: model.parties.map((p) => p.code), unit: model.unit, draws, slotCount: slotOf.size, basePop, perturb: Int32Array.from(perturb), county: Int32Array.from(county),
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

// ---------------------------------------------------------------------------
// Drawing a run's inputs (shared by the fast and the full path)

/** Samplers for a plan's draws, built once per thread. */
export function prepareDraws(plan: SimulationPlan): ((u: UniformStream) => number)[] {
  return plan.draws.map((d) => samplerOf(d.distribution));
}

/**
 * Draws one run's inputs: parameter values on their grid into `slots`, and
 * every party's population into `pop`.
 */
export function drawInputs(plan: SimulationPlan, samplers: readonly ((u: UniformStream) => number)[], u: UniformStream, slots: Float64Array, pop: Float64Array): void {
  pop.set(plan.basePop);
  const draws = plan.draws;
  for (let k = 0; k < draws.length; k++) {
    const d = draws[k]!;
    const sample = samplers[k]!;
    if (d.kind === 'slot') {
      let q = Math.round((sample(u) * d.scale) / d.step) * d.step;
      if (q < d.lowerQ) q = d.lowerQ;
      if (q > d.upperQ) q = d.upperQ;
      slots[d.slot] = q;
    } else {
      const perturb = plan.perturb;
      for (let j = 0; j < perturb.length; j++) {
        const i = perturb[j]!;
        pop[i] = Math.round(plan.basePop[i]! * (1 + sample(u)));
      }
      const county = plan.county;
      if (county.length > 0) {
        let shift = 0;
        const from = plan.countyFrom;
        for (let j = 0; j < from.length; j++) shift += pop[from[j]!]! - plan.basePop[from[j]!]!;
        for (let j = 0; j < county.length; j++) pop[county[j]!] = plan.basePop[county[j]!]! + shift;
      }
    }
  }
}

/** The parameter texts of a run's drawn values, as `--set` takes them. */
export function slotTexts(plan: SimulationPlan, slots: ArrayLike<number>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const d of plan.draws) if (d.kind === 'slot') out[d.name] = gridText(slots[d.slot]!, d.type);
  return out;
}

/** The scheme with a run's populations (for the full path and for checking the fast one). */
export function withPopulations(model: SchemeModel, codes: readonly string[], pop: ArrayLike<number>): SchemeModel {
  const byCode = new Map(codes.map((c, i) => [c, pop[i]!]));
  return { ...model, parties: model.parties.map((p) => (p.population === undefined ? p : { ...p, population: byCode.get(p.code) ?? p.population })) };
}

// ---------------------------------------------------------------------------
// The hot loop

/** Where a chunk's results go: column-major outputs, drawn inputs, counters. */
export interface RunStore {
  /** `layout.size` columns of `runs` values each: column c, run r at `c * runs + r`. */
  readonly columns: Float64Array;
  /** `slotCount` columns of drawn grid values. */
  readonly inputs: Float64Array;
  /** `layout.counters` counts (cap binds, need not covered…), summed over runs. */
  readonly counters: Float64Array;
  readonly runs: number;
}

/** Workspace of one thread. */
export interface Workspace {
  readonly samplers: ((u: UniformStream) => number)[];
  readonly slots: Float64Array;
  readonly pop: Float64Array;
  readonly rv: Float64Array;
  /** Per live component, weights of exactly its parties' count (the kernel reads their length). */
  readonly compW: Float64Array[];
  readonly out: Float64Array;
  readonly scratch: Float64Array;
  readonly unb: Float64Array;
  readonly fixed: Float64Array;
  readonly active: Int32Array;
  readonly subW: Float64Array;
  readonly subOut: Float64Array;
  readonly subRank: Int32Array;
  readonly subByRank: Int32Array;
  readonly localOf: Int32Array;
  readonly bound: Uint8Array;
  /** A chunk's outputs run by run, turned into columns when the chunk is done. */
  readonly buf: Float64Array;
  readonly inBuf: Float64Array;
}

/** A workspace sized for a plan. */
export function workspaceFor(plan: SimulationPlan): Workspace {
  const m = Math.max(1, plan.codes.length + 1);
  return {
    samplers: prepareDraws(plan), slots: new Float64Array(Math.max(1, plan.slotCount)), pop: new Float64Array(plan.codes.length), rv: new Float64Array(plan.layout.size),
    compW: plan.comps.map((c) => new Float64Array(c.parties.length)),
    out: new Float64Array(m), scratch: new Float64Array(m), unb: new Float64Array(m), fixed: new Float64Array(m), active: new Int32Array(m),
    subW: new Float64Array(m), subOut: new Float64Array(m), subRank: new Int32Array(m), subByRank: new Int32Array(m), localOf: new Int32Array(m), bound: new Uint8Array(m),
    buf: new Float64Array(CHUNK_RUNS * plan.layout.size), inBuf: new Float64Array(CHUNK_RUNS * Math.max(1, plan.slotCount)),
  };
}

/** Copies a chunk's run-by-run buffer into the store's columns. */
function flushChunk(plan: SimulationPlan, ws: Workspace, store: RunStore, first: number, last: number): void {
  const K = plan.layout.size;
  const S = plan.slotCount;
  const R = store.runs;
  const count = last - first;
  for (let c = 0; c < K; c++) {
    const base = c * R + first;
    for (let k = 0; k < count; k++) store.columns[base + k] = ws.buf[k * K + c]!;
  }
  for (let s = 0; s < S; s++) {
    const base = s * R + first;
    for (let k = 0; k < count; k++) store.inputs[base + k] = ws.inBuf[k * S + s]!;
  }
}

function read(v: ValuePlan, slots: Float64Array): number {
  return v.slot < 0 ? v.value : (slots[v.slot]! * v.mul) / v.div;
}

function tooLarge(): InputError {
  return InputError.of(t('ett belopp i simuleringen blev för stort för att räknas exakt', 'an amount in the simulation became too large to compute exactly'));
}

function nothingToSplit(): InputError {
  return InputError.of(t('det finns inget att fördela efter: alla vikter är noll', 'there is nothing to split by: every weight is zero'));
}

/**
 * Runs chunk `chunk` of a fast plan into `store`.
 *
 * @param stream  the chunk's uniform stream (from {@link ChunkStreams})
 */
export function runChunkFast(plan: SimulationPlan, ws: Workspace, stream: UniformStream, chunk: number, store: RunStore): void {
  const { layout, unit } = plan;
  const first = chunk * CHUNK_RUNS;
  const last = Math.min(store.runs, first + CHUNK_RUNS);
  const { slots, pop, rv, out, scratch } = ws;
  for (let r = first; r < last; r++) {
    drawInputs(plan, ws.samplers, stream, slots, pop);
    let schemeTotal = plan.constTotal;
    let uncoveredAll = 0;
    for (let k = 0; k < plan.comps.length; k++) {
      const c = plan.comps[k]!;
      const L = layout.comps[k]!;
      const off = L.offset;
      const parties = c.parties;
      const m = parties.length;
      let compTotal = 0;
      if (c.kind === 'per-unit') {
        const num = c.rateSlot < 0 ? c.rateNum : slots[c.rateSlot]! * c.rateNum;
        const den = c.rateDen * unit;
        for (let j = 0; j < m; j++) {
          const p = num * pop[parties[j]!]!;
          if (!(p <= Number.MAX_SAFE_INTEGER)) throw tooLarge();
          let q = Math.floor(p / den);
          let rem = p - q * den;
          if (rem < 0) {
            q -= 1;
            rem += den;
          } else if (rem >= den) {
            q += 1;
            rem -= den;
          }
          if (2 * rem >= den) q += 1;
          const a = q * unit;
          rv[off + j] = a;
          compTotal += a;
        }
      } else if (c.kind === 'share') {
        const T = read(c.total, slots);
        const w = ws.compW[k]!;
        let W = 0;
        const wts = c.weights;
        if (wts) {
          for (let j = 0; j < m; j++) {
            w[j] = wts[j]!;
            W += wts[j]!;
          }
        } else {
          for (let j = 0; j < m; j++) {
            const x = pop[parties[j]!]!;
            w[j] = x;
            W += x;
          }
        }
        const units = T / unit;
        if (W === 0) {
          if (units !== 0) throw nothingToSplit();
          out.fill(0, 0, m);
        } else {
          splitUnitsFast(units, w, W, c.rank, c.byRank, out, scratch);
        }
        const cap = c.cap;
        if (!cap) {
          for (let j = 0; j < m; j++) rv[off + j] = out[j]! * unit;
          compTotal = T;
        } else {
          const capU = Math.floor(read(cap.amount, slots) / unit) * unit;
          const mask = cap.mask;
          let held = 0;
          let uncovered = 0;
          let anyBind = false;
          const binds = L.bindsAt;
          if (cap.policy !== 1) {
            for (let j = 0; j < m; j++) {
              let a = out[j]! * unit;
              if (mask[j] === 1 && a > capU) {
                held += a - capU;
                a = capU;
                store.counters[binds + j]! += 1;
                anyBind = true;
              }
              rv[off + j] = a;
            }
            if (cap.policy === 0) {
              if (cap.carrierPos < m) rv[off + cap.carrierPos]! += held;
              else rv[off + m] = held;
              rv[L.carriedAt] = held;
            } else {
              uncovered = held;
              rv[L.carriedAt] = 0;
            }
            rv[L.heldBackAt] = held;
          } else {
            const r2 = redistribute(c, ws, w, m, T, capU, unit);
            uncovered = r2.uncovered;
            held = r2.held;
            for (let j = 0; j < m; j++) {
              rv[off + j] = ws.fixed[j]!;
              if (ws.bound[j] === 1) {
                store.counters[binds + j]! += 1;
                anyBind = true;
              }
            }
            rv[L.heldBackAt] = held;
            rv[L.carriedAt] = 0;
          }
          if (anyBind) store.counters[L.anyBindAt]! += 1;
          rv[L.uncoveredAt] = uncovered;
          uncoveredAll += uncovered;
          compTotal = T - uncovered;
        }
      } else {
        for (let j = 0; j < m; j++) rv[off + j] = 0;
        let bud: Dec | undefined;
        let idx1: Dec | undefined;
        if (!c.budgets) {
          bud = new Dec(read(c.budget, slots));
          idx1 = (c.indexSlot < 0 ? new Dec(c.indexText) : new Dec(slots[c.indexSlot]!).dividedBy(c.indexDiv)).plus(1);
        }
        for (let y = 0; y < c.years; y++) {
          let B: number;
          if (c.budgets) B = c.budgets[y]!;
          else {
            if (y > 0) bud = bud!.times(idx1!);
            B = bud!.dividedBy(unit).toDecimalPlaces(0, Dec.ROUND_HALF_UP).times(unit).toNumber();
          }
          const wts = c.weights[y];
          const w = ws.compW[k]!;
          let W = 0;
          for (let j = 0; j < m; j++) {
            const x = wts ? wts[j]! : pop[parties[j]!]!;
            w[j] = x;
            W += x;
          }
          const units = B / unit;
          if (W === 0) {
            if (units !== 0) throw nothingToSplit();
            continue;
          }
          splitUnitsFast(units, w, W, c.rank, c.byRank, out, scratch);
          for (let j = 0; j < m; j++) rv[off + j]! += out[j]! * unit;
          compTotal += B;
        }
      }
      rv[L.totalAt] = compTotal;
      schemeTotal += compTotal;
    }
    finishRun(plan, ws, schemeTotal, uncoveredAll, store, r - first);
  }
  flushChunk(plan, ws, store, first, last);
}

function finishRun(plan: SimulationPlan, ws: Workspace, schemeTotal: number, uncoveredAll: number, store: RunStore, k: number): void {
  const { rv, slots } = ws;
  const layout = plan.layout;
  for (const pt of layout.partyTotals) {
    let s = 0;
    for (let j = 0; j < pt.sources.length; j++) s += rv[pt.sources[j]!]!;
    rv[pt.at] = s;
  }
  rv[layout.totalAt] = schemeTotal;
  if (plan.financing) {
    const need = read(plan.financing.cost, slots) - read(plan.financing.revenue, slots);
    if (layout.needAt >= 0) rv[layout.needAt] = need;
    const surplus = schemeTotal - need;
    rv[layout.surplusAt] = surplus;
    if (surplus < 0) store.counters[layout.needNotCoveredAt]! += 1;
  }
  if (uncoveredAll > 0) store.counters[layout.uncoveredAnyAt]! += 1;
  const K = layout.size;
  ws.buf.set(rv, k * K);
  const S = plan.slotCount;
  for (let s = 0; s < S; s++) ws.inBuf[k * S + s] = slots[s]!;
}

/** Water-filling under the redistribute policy, exactly as `allocateWithBounds` does it. */
function redistribute(c: Extract<ComponentPlan, { kind: 'share' }>, ws: Workspace, w: Float64Array, m: number, T: number, capU: number, unit: number): { uncovered: number; held: number } {
  const { out, fixed, active, bound, unb, subW, subOut, subRank, subByRank, localOf, scratch } = ws;
  const mask = c.cap!.mask;
  for (let j = 0; j < m; j++) {
    unb[j] = out[j]! * unit;
    fixed[j] = NaN;
    bound[j] = 0;
    active[j] = j;
  }
  // `cur[j]` is the current amount of active party j (öre).
  const cur = subOut;
  for (let j = 0; j < m; j++) cur[j] = unb[j]!;
  let nActive = m;
  let uncovered = 0;
  for (;;) {
    let over = 0;
    for (let k = 0; k < nActive; k++) {
      const j = active[k]!;
      if (mask[j] === 1 && cur[j]! > capU) {
        fixed[j] = capU;
        bound[j] = 1;
        over++;
      }
    }
    if (over === 0) {
      for (let k = 0; k < nActive; k++) fixed[active[k]!] = cur[active[k]!]!;
      break;
    }
    let n2 = 0;
    for (let k = 0; k < nActive; k++) if (bound[active[k]!] === 0) active[n2++] = active[k]!;
    nActive = n2;
    let fixedSum = 0;
    for (let j = 0; j < m; j++) if (bound[j] === 1) fixedSum += fixed[j]!;
    const remaining = T - fixedSum;
    let Wa = 0;
    for (let k = 0; k < nActive; k++) Wa += w[active[k]!]!;
    if (nActive === 0 || Wa === 0) {
      for (let k = 0; k < nActive; k++) fixed[active[k]!] = 0;
      uncovered = remaining;
      break;
    }
    // Tie ranks among the active parties: the component's code order, restricted.
    for (let j = 0; j < m; j++) localOf[j] = -1;
    for (let k = 0; k < nActive; k++) {
      localOf[active[k]!] = k;
      subW[k] = w[active[k]!]!;
    }
    let r = 0;
    for (let q = 0; q < m; q++) {
      const j = c.byRank[q]!;
      const l = localOf[j]!;
      if (l >= 0) {
        subByRank[r] = l;
        subRank[l] = r;
        r++;
      }
    }
    splitUnitsFast(remaining / unit, subW.subarray(0, nActive), Wa, subRank.subarray(0, nActive), subByRank.subarray(0, nActive), out, scratch);
    for (let k = 0; k < nActive; k++) cur[active[k]!] = out[k]! * unit;
  }
  let held = 0;
  for (let j = 0; j < m; j++) if (bound[j] === 1) held += Math.max(0, unb[j]! - capU);
  return { uncovered, held };
}

/**
 * Runs chunk `chunk` by evaluating every run in full (the path for inputs
 * the kernel does not compute). Also used by the tests to check the kernel.
 */
export function runChunkFull(sim: Simulation, ws: Workspace, stream: UniformStream, chunk: number, store: RunStore): void {
  const { plan } = sim;
  const first = chunk * CHUNK_RUNS;
  const last = Math.min(store.runs, first + CHUNK_RUNS);
  for (let r = first; r < last; r++) {
    drawInputs(plan, ws.samplers, stream, ws.slots, ws.pop);
    const result = evaluateRun(sim, ws.slots, ws.pop);
    fillFromResult(sim, result, ws.rv, store);
    finishFull(plan, ws, result, store, r - first);
  }
  flushChunk(plan, ws, store, first, last);
}

/** The full evaluation of one run's inputs. */
export function evaluateRun(sim: Simulation, slots: ArrayLike<number>, pop: ArrayLike<number>): SchemeResult {
  const values = slotTexts(sim.plan, slots);
  const model = Object.keys(values).length > 0 ? sim.source.variant(values) : sim.model;
  return evaluateScheme(withPopulations(model, sim.plan.codes, pop));
}

function fillFromResult(sim: Simulation, result: SchemeResult, rv: Float64Array, store: RunStore): void {
  const { layout, codes } = sim.plan;
  for (const L of layout.comps) {
    const comp = result.components.find((c) => c.component.id === L.id);
    if (!comp) throw new InvariantError(t(`komponenten ${L.id} saknas i en körning`, `component ${L.id} is missing in a run`));
    for (let j = 0; j < L.outParties.length; j++) {
      const code = codes[L.outParties[j]!]!;
      rv[L.offset + j] = result.parties.find((p) => p.party.code === code)?.components[L.id] ?? 0;
    }
    rv[L.totalAt] = comp.total;
    if (L.heldBackAt >= 0) {
      const b = comp.bounded!;
      rv[L.heldBackAt] = b.reconciliation.heldBack;
      rv[L.carriedAt] = b.reconciliation.carried;
      rv[L.uncoveredAt] = b.reconciliation.uncovered;
      let any = false;
      for (let j = 0; j < L.outParties.length; j++) {
        const code = codes[L.outParties[j]!]!;
        if (b.lines.find((l) => l.code === code)?.capApplied) {
          store.counters[L.bindsAt + j]! += 1;
          any = true;
        }
      }
      if (any) store.counters[L.anyBindAt]! += 1;
    }
  }
}

function finishFull(plan: SimulationPlan, ws: Workspace, result: SchemeResult, store: RunStore, k: number): void {
  const layout = plan.layout;
  const { rv, slots } = ws;
  for (const pt of layout.partyTotals) {
    let s = 0;
    for (let j = 0; j < pt.sources.length; j++) s += rv[pt.sources[j]!]!;
    rv[pt.at] = s;
  }
  rv[layout.totalAt] = result.total;
  const f = result.reconciliation.financing;
  if (f) {
    if (layout.needAt >= 0) rv[layout.needAt] = f.need;
    rv[layout.surplusAt] = f.surplus;
    if (f.surplus < 0) store.counters[layout.needNotCoveredAt]! += 1;
  }
  if (result.reconciliation.uncovered > 0) store.counters[layout.uncoveredAnyAt]! += 1;
  const K = layout.size;
  ws.buf.set(rv, k * K);
  const S = plan.slotCount;
  for (let s = 0; s < S; s++) ws.inBuf[k * S + s] = slots[s]!;
}

/** A store for `runs` runs of a plan (plain memory, or the buffers given). */
export function createStore(plan: SimulationPlan, runs: number, buffers?: { columns: ArrayBufferLike; inputs: ArrayBufferLike }): RunStore {
  return {
    runs,
    columns: buffers ? new Float64Array(buffers.columns) : new Float64Array(plan.layout.size * runs),
    inputs: buffers ? new Float64Array(buffers.inputs) : new Float64Array(plan.slotCount * runs),
    counters: new Float64Array(plan.layout.counters),
  };
}

/** How many chunks `runs` runs make. */
export function chunkCount(runs: number): number {
  return Math.ceil(runs / CHUNK_RUNS);
}

/** Checks the number of runs. */
export function checkRuns(runs: number): void {
  if (!Number.isSafeInteger(runs) || runs < 1 || runs > 10_000_000) {
    throw InputError.of(t(`antal körningar ska vara ett heltal från 1 till 10 000 000 (fick ${runs})`, `the number of runs must be a whole number from 1 to 10 000 000 (got ${runs})`), { file: '--runs' }, 'E_OPTION');
  }
}

/**
 * Runs chunks `from … to − 1` in this thread. Chunks are independent; the
 * order they are run in does not change any figure.
 */
export function runChunks(sim: Simulation, seed: number, store: RunStore, from: number, to: number, onChunk?: (chunk: number) => void): void {
  const ws = workspaceFor(sim.plan);
  const streams = new ChunkStreams(seed);
  for (let k = from; k < to; k++) {
    const s = streams.chunk(k);
    if (sim.plan.fast) runChunkFast(sim.plan, ws, s, k, store);
    else runChunkFull(sim, ws, s, k, store);
    onChunk?.(k);
  }
}

// ---------------------------------------------------------------------------
// The summary

/** Per party: every money output's distribution and how often its caps bind. */
export interface PartySummary {
  readonly code: string;
  readonly name: string;
  readonly kind: string;
  /** Per component id. */
  readonly components: Readonly<Record<string, ColumnSummary>>;
  readonly total: ColumnSummary;
  /** Per capped component id: in how many runs the party's cap bound. */
  readonly capBinds: Readonly<Record<string, number>>;
}

/** Per component: its total and, when capped, what the caps did. */
export interface ComponentSummary {
  readonly id: string;
  readonly label: string;
  readonly total: ColumnSummary;
  readonly capped?: {
    readonly amount: ColumnSummary;
    readonly heldBack: ColumnSummary;
    readonly carried: ColumnSummary;
    readonly uncovered: ColumnSummary;
    /** Runs in which the cap bound for at least one party. */
    readonly bindsAny: number;
    readonly policy: string;
  };
}

/** What a simulation found. Amounts in öre; counts out of `runs`. */
export interface SimulationSummary {
  readonly scheme: string;
  readonly title: string;
  readonly partyList: string;
  readonly runs: number;
  readonly seed: number;
  readonly chunkRuns: number;
  readonly path: 'fast' | 'full';
  readonly fullPathReasons: readonly string[];
  readonly vary: readonly VarySpec[];
  readonly parties: readonly PartySummary[];
  readonly components: readonly ComponentSummary[];
  readonly total: ColumnSummary;
  readonly need?: ColumnSummary;
  readonly surplus?: ColumnSummary;
  /** Runs in which what was raised fell short of the need (schemes with financing). */
  readonly needNotCovered?: number;
  /** Runs in which a cap left something that nobody covers. */
  readonly uncoveredRuns: number;
  /** The drawn parameter values (grid units: öre for money), per parameter. */
  readonly inputs: readonly { readonly name: string; readonly type: ParamType; readonly summary: ColumnSummary }[];
  readonly caveats: readonly string[];
}

/**
 * Summarises a finished store. `columns` may hold summaries of output
 * columns already computed (by other threads), by column index.
 */
export function summarise(sim: Simulation, store: RunStore, seed: number, columns?: ReadonlyMap<number, ColumnSummary>): SimulationSummary {
  const { plan, base, model } = sim;
  const { layout } = plan;
  const R = store.runs;
  const scratch = new Float64Array(R);
  const cache = new Map<number, ColumnSummary>(columns ?? []);
  const col = (at: number): ColumnSummary => {
    let s = cache.get(at);
    if (!s) {
      s = summariseColumn(store.columns.subarray(at * R, (at + 1) * R), scratch);
      cache.set(at, s);
    }
    return s;
  };
  const liveAt = new Map<string, Map<number, number>>();
  for (const L of layout.comps) liveAt.set(L.id, new Map([...L.outParties].map((pi, j) => [pi, L.offset + j])));
  const totalAtOf = new Map(layout.partyTotals.map((pt) => [pt.party, pt.at]));

  const parties: PartySummary[] = model.parties.map((p, i) => {
    const br = base.parties[i]!;
    const components: Record<string, ColumnSummary> = {};
    let constPart = 0;
    const livePositions: number[] = [];
    for (const c of model.components) {
      const at = liveAt.get(c.id)?.get(i);
      const baseAmount = br.components[c.id];
      if (at !== undefined) {
        components[c.id] = col(at);
        livePositions.push(at);
      } else if (baseAmount !== undefined) {
        components[c.id] = constantSummary(baseAmount, R);
        constPart += baseAmount;
      }
    }
    const own = totalAtOf.get(i);
    const total = own !== undefined ? col(own) : livePositions.length === 1 ? shiftSummary(col(livePositions[0]!), constPart) : constantSummary(br.amount, R);
    const capBinds: Record<string, number> = {};
    for (const L of layout.comps) {
      if (L.bindsAt < 0) continue;
      const j = [...L.outParties].indexOf(i);
      if (j >= 0 && (model.components.find((c) => c.id === L.id) as { cap?: { parties: readonly string[] } }).cap?.parties.includes(p.code)) capBinds[L.id] = store.counters[L.bindsAt + j]!;
    }
    for (const c of base.components) {
      if (!c.bounded || liveAt.has(c.component.id)) continue;
      if (c.bounded.lines.some((l) => l.code === p.code && l.cap !== undefined)) capBinds[c.component.id] = c.bounded.capped.includes(p.code) ? R : 0;
    }
    return { code: p.code, name: p.name, kind: p.kind, components, total, capBinds };
  });

  const components: ComponentSummary[] = base.components.map((c) => {
    const L = layout.comps.find((x) => x.id === c.component.id);
    const b = c.bounded;
    const cap = c.component.kind === 'share' ? c.component.cap : undefined;
    const policy = b ? (b.policy.kind === 'carrier' ? `carrier:${b.policy.code}` : b.policy.kind) : '';
    if (L) {
      return {
        id: c.component.id, label: c.component.label, total: col(L.totalAt),
        ...(L.heldBackAt >= 0 && cap
          ? { capped: { amount: capAmountSummary(sim, c.component.id, store), heldBack: col(L.heldBackAt), carried: col(L.carriedAt), uncovered: col(L.uncoveredAt), bindsAny: store.counters[L.anyBindAt]!, policy } }
          : {}),
      };
    }
    return {
      id: c.component.id, label: c.component.label, total: constantSummary(c.total, R),
      ...(b && cap
        ? {
            capped: {
              amount: constantSummary(cap.amount, R), heldBack: constantSummary(b.reconciliation.heldBack, R), carried: constantSummary(b.reconciliation.carried, R),
              uncovered: constantSummary(b.reconciliation.uncovered, R), bindsAny: b.capped.length > 0 ? R : 0, policy,
            },
          }
        : {}),
    };
  });

  const f = base.reconciliation.financing;
  const inputs = plan.draws.flatMap((d) =>
    d.kind === 'slot' ? [{ name: d.name, type: d.type, summary: summariseColumn(store.inputs.subarray(d.slot * R, (d.slot + 1) * R), scratch) }] : [],
  );
  return {
    scheme: model.id, title: model.title, partyList: model.partyList, runs: R, seed, chunkRuns: CHUNK_RUNS, path: plan.fast ? 'fast' : 'full', fullPathReasons: sim.fullPathReasons,
    vary: sim.vary, parties, components, total: col(layout.totalAt),
    ...(f ? { need: layout.needAt >= 0 ? col(layout.needAt) : constantSummary(f.need, R), surplus: col(layout.surplusAt), needNotCovered: store.counters[layout.needNotCoveredAt]! } : {}),
    uncoveredRuns: store.counters[layout.uncoveredAnyAt]!,
    inputs, caveats: model.caveats ?? [],
  };
}

function capAmountSummary(sim: Simulation, compId: string, store: RunStore): ColumnSummary {
  const c = sim.model.components.find((x) => x.id === compId);
  const cap = c && c.kind === 'share' ? c.cap : undefined;
  const slotUse = sim.plan.draws.find((d) => d.kind === 'slot' && (sim.source.uses[d.name] ?? []).some((u) => u.where === 'component' && u.component === compId && u.field === 'cap.amount'));
  if (slotUse && slotUse.kind === 'slot') {
    const R = store.runs;
    return summariseColumn(store.inputs.subarray(slotUse.slot * R, (slotUse.slot + 1) * R));
  }
  return constantSummary(cap?.amount ?? 0, store.runs);
}

/** Options of {@link simulate}. */
export interface SimulateOptions {
  readonly runs: number;
  readonly seed: number;
  /** Called after each chunk with the number of runs done. */
  readonly onProgress?: (done: number, runs: number) => void;
}

/**
 * Runs a whole simulation in this thread and summarises it. The CLI runs the
 * same chunks on worker threads; the figures are the same.
 *
 * @example
 * const sim = compileSimulation(source, [makeVarySpec('licence.total', 'uniform(1000000, 2000000)', source.parameters)]);
 * const { summary } = simulate(sim, { runs: 10_000, seed: 1 });
 */
export function simulate(sim: Simulation, options: SimulateOptions): { summary: SimulationSummary; store: RunStore } {
  checkRuns(options.runs);
  const store = createStore(sim.plan, options.runs);
  const chunks = chunkCount(options.runs);
  runChunks(sim, options.seed, store, 0, chunks, (k) => options.onProgress?.(Math.min(options.runs, (k + 1) * CHUNK_RUNS), options.runs));
  return { summary: summarise(sim, store, options.seed), store };
}

/** Names of a store's columns, as a table of runs shows them: `0180.licence`, `licence.heldBack`, `total`. */
export function columnNames(plan: SimulationPlan): string[] {
  const names = new Array<string>(plan.layout.size);
  for (const L of plan.layout.comps) {
    L.outParties.forEach((pi, j) => (names[L.offset + j] = `${plan.codes[pi]}.${L.id}`));
    names[L.totalAt] = L.id;
    if (L.heldBackAt >= 0) {
      names[L.heldBackAt] = `${L.id}.heldBack`;
      names[L.carriedAt] = `${L.id}.carried`;
      names[L.uncoveredAt] = `${L.id}.uncovered`;
    }
  }
  for (const pt of plan.layout.partyTotals) names[pt.at] = plan.codes[pt.party]!;
  names[plan.layout.totalAt] = 'total';
  if (plan.layout.needAt >= 0) names[plan.layout.needAt] = 'need';
  if (plan.layout.surplusAt >= 0) names[plan.layout.surplusAt] = 'surplus';
  return names;
}

