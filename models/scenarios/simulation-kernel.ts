/**
 * Monte Carlo simulation, step two: the hot loop. Each run draws its
 * uncertain inputs, splits with the same largest-remainder kernel as every
 * other figure (`splitUnitsFast`), applies the caps under the scheme's
 * policy, and writes each money output of the run to a column; no objects
 * per party, no allocation per run. The full path evaluates each run with
 * `evaluateScheme` instead, from the same draws, and the tests hold the two
 * to the same öre.
 *
 * Reproducibility: run `r` belongs to chunk ⌊r / CHUNK_RUNS⌋ and draws from
 * that chunk's stream (see `random.ts`), so results depend on the seed and
 * the run's index alone.
 */
import { splitUnitsFast } from '../allocate.js';
import { CAP_CARRIER, CAP_REDISTRIBUTE } from '../cap-policy.js';
import { InputError, InvariantError, t } from '../errors.js';
import { type SchemeResult, evaluateScheme } from '../evaluate.js';
import { Dec } from '../money.js';
import type { SchemeModel } from '../scheme.js';
import { samplerOf } from './distributions.js';
import { type FirstPass, type LaterPass, type Target, addToFirstPass, addToLaterPass, countRuns, firstPass, laterPass } from './exact-percentiles.js';
import { CHUNK_RUNS, ChunkStreams, type UniformStream } from './random.js';
import { type ExprType, evaluateExpression, onDerivedGrid, swedishNumber } from '../expression.js';
import { type ComponentPlan, type DrawPlan, type Simulation, type SimulationPlan, type ValuePlan, exprUnitQ } from './simulation-plan.js';
import { gridText } from './source.js';

// ---------------------------------------------------------------------------
// Drawing a run's inputs (shared by the fast and the full path)

/** Samplers for a plan's draws, built once per thread. */
export function prepareDraws(plan: SimulationPlan): ((u: UniformStream) => number)[] {
  return plan.draws.map((d) => (d.kind === 'slot' || d.kind === 'population' ? samplerOf(d.distribution) : () => NaN));
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
    if (d.kind === 'scaled') {
      slots[d.slot] = scaledValue(d, slots[d.driverSlot]!);
      continue;
    }
    if (d.kind === 'derived') {
      slots[d.slot] = derivedSlotValue(d, slots, plan.unit);
      continue;
    }
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

/**
 * A scaled parameter's value in a run: its value in force times the driver's
 * factor (q / 1 000 000), exactly, rounded half away from zero to its grid
 * and kept within its bounds.
 */
export function scaledValue(d: Extract<DrawPlan, { kind: 'scaled' }>, driverQ: number): number {
  let q = new Dec(d.baseQ).times(driverQ).dividedBy(1_000_000).dividedBy(d.step).toDecimalPlaces(0, Dec.ROUND_HALF_UP).times(d.step).toNumber();
  if (q < d.lowerQ) q = d.lowerQ;
  if (q > d.upperQ) q = d.upperQ;
  return q;
}

/**
 * A derived parameter's value in a run, in grid units: its expression over
 * the run's values, brought onto its grid exactly as resolving the scheme
 * does (`onDerivedGrid`), and checked as a written value is.
 */
export function derivedSlotValue(d: Extract<DrawPlan, { kind: 'derived' }>, slots: ArrayLike<number>, unit: number): number {
  const refs = d.refs;
  const r = evaluateExpression(d.expr, (name) => {
    const ref = refs.find((x) => x.name === name)!;
    return ref.slot >= 0 ? new Dec(slots[ref.slot]!).dividedBy(exprUnitQ(ref.type)) : new Dec(ref.constant);
  });
  const g = r.ok ? onDerivedGrid(d.type as ExprType, r.value, unit) : { ok: false as const, message: r.problem.message };
  const bad = (why: { sv: string; en: string }) => InputError.of(t(`en körning ger parametern ${d.name} ett värde den inte kan ha: ${why.sv}`, `a run gives parameter ${d.name} a value it cannot have: ${why.en}`), { file: '--vary' }, 'E_OPTION');
  if (!g.ok) throw bad(g.message);
  const written = d.type === 'percent' ? g.value.times(100) : g.value;
  const sv = swedishNumber(written);
  if (written.isNegative()) throw bad(t(`${sv} är negativt`, `${written.toString()} is negative`));
  if (d.min !== undefined && written.lessThan(d.min)) throw bad(t(`${sv} är mindre än ${d.min}`, `${written.toString()} is less than ${d.min}`));
  if (d.max !== undefined && written.greaterThan(d.max)) throw bad(t(`${sv} är större än ${d.max}`, `${written.toString()} is greater than ${d.max}`));
  return g.value.times(exprUnitQ(d.type)).toNumber();
}

/**
 * The parameter texts of a run's values, as `--set` takes them: every drawn
 * and every scaled parameter (a driver is no parameter, and a derived one
 * follows its base parameters).
 */
export function slotTexts(plan: SimulationPlan, slots: ArrayLike<number>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const d of plan.draws) if ((d.kind === 'slot' && !d.driver) || d.kind === 'scaled') out[d.name] = gridText(slots[d.slot]!, d.type);
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

/**
 * Where finished chunks go when their runs are not kept: the counters, and
 * `take`, which sees each chunk's runs run by run (`ws.buf`, `layout.size`
 * values per run; `ws.inBuf`, `slotCount` per run) before they are overwritten.
 */
export interface ChunkSink {
  readonly runs: number;
  readonly counters: Float64Array;
  take(ws: Workspace, first: number, count: number): void;
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

/** Copies a chunk's run-by-run buffer into the store's columns, or hands it to the sink. */
function flushChunk(plan: SimulationPlan, ws: Workspace, store: RunStore | ChunkSink, first: number, last: number): void {
  if ('take' in store) {
    store.take(ws, first, last - first);
    return;
  }
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
export function runChunkFast(plan: SimulationPlan, ws: Workspace, stream: UniformStream, chunk: number, store: RunStore | ChunkSink): void {
  const { layout, unit } = plan;
  const first = chunk * CHUNK_RUNS;
  const last = Math.min(store.runs, first + CHUNK_RUNS);
  const { slots, pop, rv, out, scratch } = ws;
  const counters = store.counters;
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
          if (cap.policy !== CAP_REDISTRIBUTE) {
            for (let j = 0; j < m; j++) {
              let a = out[j]! * unit;
              if (mask[j] === 1 && a > capU) {
                held += a - capU;
                a = capU;
                counters[binds + j]! += 1;
                anyBind = true;
              }
              rv[off + j] = a;
            }
            if (cap.policy === CAP_CARRIER) {
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
                counters[binds + j]! += 1;
                anyBind = true;
              }
            }
            rv[L.heldBackAt] = held;
            rv[L.carriedAt] = 0;
          }
          if (anyBind) counters[L.anyBindAt]! += 1;
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
    finishRun(plan, ws, schemeTotal, uncoveredAll, counters, r - first);
  }
  flushChunk(plan, ws, store, first, last);
}

function finishRun(plan: SimulationPlan, ws: Workspace, schemeTotal: number, uncoveredAll: number, counters: Float64Array, k: number): void {
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
    if (surplus < 0) counters[layout.needNotCoveredAt]! += 1;
  }
  if (uncoveredAll > 0) counters[layout.uncoveredAnyAt]! += 1;
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
export function runChunkFull(sim: Simulation, ws: Workspace, stream: UniformStream, chunk: number, store: RunStore | ChunkSink): void {
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

function fillFromResult(sim: Simulation, result: SchemeResult, rv: Float64Array, store: RunStore | ChunkSink): void {
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

function finishFull(plan: SimulationPlan, ws: Workspace, result: SchemeResult, store: RunStore | ChunkSink, k: number): void {
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
export function runChunks(sim: Simulation, seed: number, store: RunStore | ChunkSink, from: number, to: number, onChunk?: (chunk: number) => void, ws: Workspace = workspaceFor(sim.plan)): void {
  const streams = new ChunkStreams(seed);
  for (let k = from; k < to; k++) {
    const s = streams.chunk(k);
    if (sim.plan.fast) runChunkFast(sim.plan, ws, s, k, store);
    else runChunkFull(sim, ws, s, k, store);
    onChunk?.(k);
  }
}

// ---------------------------------------------------------------------------
// Sinks of the passes that keep no run (see `exact-percentiles.ts`)

/** The first pass's sink: extremes, sums and histograms of every column (outputs, then drawn inputs), and the counters. */
export function firstPassSink(plan: SimulationPlan, runs: number, pass: FirstPass = firstPass(plan.layout.size + plan.slotCount), counters = new Float64Array(plan.layout.counters)): ChunkSink & { readonly pass: FirstPass } {
  const K = plan.layout.size;
  const S = plan.slotCount;
  return {
    runs, counters, pass,
    take(ws: Workspace, _first: number, count: number) {
      addToFirstPass(pass, ws.buf, K, count, 0, K);
      addToFirstPass(pass, ws.inBuf, S, count, K, S);
      countRuns(pass, count);
    },
  };
}

/** A later pass's sink: the values in the targets' buckets (the counters were counted in the first pass). */
export function laterPassSink(plan: SimulationPlan, runs: number, targets: readonly Target[]): ChunkSink & { readonly pass: LaterPass } {
  const K = plan.layout.size;
  const S = plan.slotCount;
  const pass = laterPass(K + S, targets);
  return {
    runs, counters: new Float64Array(plan.layout.counters), pass,
    take(ws: Workspace, _first: number, count: number) {
      addToLaterPass(pass, ws.buf, K, count, 0, K);
      addToLaterPass(pass, ws.inBuf, S, count, K, S);
    },
  };
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
