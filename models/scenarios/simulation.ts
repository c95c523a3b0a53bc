/**
 * Monte Carlo simulation of a scheme: per party P5/P50/P95 and the mean of
 * every money output, how often caps bind, how often the need is not
 * covered. The work is in three steps: the plan (`simulation-plan.ts`), the
 * hot loop (`simulation-kernel.ts`) and the summary here; {@link simulate}
 * does all three in this thread, the CLI runs the loop on worker threads.
 * {@link simulate} keeps every run (notebooks read them); a large
 * simulation keeps none and finds the same percentiles in passes over the
 * same runs made again ({@link simulateInPasses}, `exact-percentiles.ts`).
 *
 * Every run is an exact scheme evaluation: its parameter values lie on the
 * parameter grid (see `source.ts`) and its populations are whole numbers, so
 * `evaluateScheme` on the same inputs gives the same öre.
 */
import { caveatText } from '../scheme.js';
import type { CapPolicy } from '../cap-policy.js';
import type { ParamType } from './source.js';
import { CHUNK_RUNS } from './random.js';
import { type FirstPass, type LaterPass, type Target, foundTable, summariesOf, targetsOfFirstPass, targetsOfLaterPass } from './exact-percentiles.js';
import { type RunStore, checkRuns, chunkCount, createStore, firstPassSink, laterPassSink, runChunks, workspaceFor } from './simulation-kernel.js';
import type { Simulation, SimulationPlan } from './simulation-plan.js';
import { type ColumnSummary, constantSummary, shiftSummary, summariseColumn } from './statistics.js';
import type { VarySpec } from './vary.js';

export * from './simulation-plan.js';
export * from './simulation-kernel.js';

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
  /** A short label for table headings, when the scheme gives one. */
  readonly short?: string;
  readonly total: ColumnSummary;
  readonly capped?: {
    readonly amount: ColumnSummary;
    readonly heldBack: ColumnSummary;
    readonly carried: ColumnSummary;
    readonly uncovered: ColumnSummary;
    /** Runs in which the cap bound for at least one party. */
    readonly bindsAny: number;
    readonly policy: CapPolicy;
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
  /**
   * The drawn parameter values (grid units: öre for money), per parameter;
   * `role` says when a value was not drawn for itself: a shared `driver` (a
   * factor on the decimal grid), a parameter the driver `scaled`, a
   * `derived` parameter that follows the drawn ones.
   */
  readonly inputs: readonly { readonly name: string; readonly type: ParamType; readonly summary: ColumnSummary; readonly role?: 'driver' | 'scaled' | 'derived'; readonly driver?: string }[];
  readonly caveats: readonly string[];
}

/**
 * What the summary is made from: every output column's and drawn input's
 * summary and the counters, however they were found (from a store of every
 * run, or in passes that keep none).
 */
export interface SimulationResults {
  readonly runs: number;
  /** Per output column (`layout.size`). */
  readonly outputs: readonly ColumnSummary[];
  /** Per drawn parameter slot (`slotCount`). */
  readonly inputs: readonly ColumnSummary[];
  readonly counters: Float64Array;
}

/**
 * The results of a finished store. `columns` may hold summaries of output
 * columns already computed (by other threads), by column index.
 */
export function resultsOfStore(plan: SimulationPlan, store: RunStore, columns?: ReadonlyMap<number, ColumnSummary>): SimulationResults {
  const R = store.runs;
  const scratch = new Float64Array(R);
  const outputs = Array.from({ length: plan.layout.size }, (_, at) => columns?.get(at) ?? summariseColumn(store.columns.subarray(at * R, (at + 1) * R), scratch));
  const inputs = Array.from({ length: plan.slotCount }, (_, s) => summariseColumn(store.inputs.subarray(s * R, (s + 1) * R), scratch));
  return { runs: R, outputs, inputs, counters: store.counters };
}

/**
 * Summarises a finished store. `columns` may hold summaries of output
 * columns already computed (by other threads), by column index.
 */
export function summarise(sim: Simulation, store: RunStore, seed: number, columns?: ReadonlyMap<number, ColumnSummary>): SimulationSummary {
  return summariseResults(sim, resultsOfStore(sim.plan, store, columns), seed);
}

/** Summarises a simulation's results. */
export function summariseResults(sim: Simulation, results: SimulationResults, seed: number): SimulationSummary {
  const { plan, base, model } = sim;
  const { layout } = plan;
  const R = results.runs;
  const counters = results.counters;
  const col = (at: number): ColumnSummary => results.outputs[at]!;
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
      if (j >= 0 && (model.components.find((c) => c.id === L.id) as { cap?: { parties: readonly string[] } }).cap?.parties.includes(p.code)) capBinds[L.id] = counters[L.bindsAt + j]!;
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
    if (L) {
      return {
        id: c.component.id, label: c.component.label, ...(c.component.short ? { short: c.component.short } : {}), total: col(L.totalAt),
        ...(L.heldBackAt >= 0 && cap
          ? { capped: { amount: capAmountSummary(sim, c.component.id, results), heldBack: col(L.heldBackAt), carried: col(L.carriedAt), uncovered: col(L.uncoveredAt), bindsAny: counters[L.anyBindAt]!, policy: cap.policy } }
          : {}),
      };
    }
    return {
      id: c.component.id, label: c.component.label, ...(c.component.short ? { short: c.component.short } : {}), total: constantSummary(c.total, R),
      ...(b && cap
        ? {
            capped: {
              amount: constantSummary(cap.amount, R), heldBack: constantSummary(b.reconciliation.heldBack, R), carried: constantSummary(b.reconciliation.carried, R),
              uncovered: constantSummary(b.reconciliation.uncovered, R), bindsAny: b.capped.length > 0 ? R : 0, policy: cap.policy,
            },
          }
        : {}),
    };
  });

  const f = base.reconciliation.financing;
  const driverName = (slot: number): string => plan.draws.flatMap((x) => (x.kind === 'slot' && x.slot === slot ? [x.name] : []))[0] ?? '';
  const inputs = plan.draws.flatMap((d): SimulationSummary['inputs'][number][] =>
    d.kind === 'population' ? []
    : d.kind === 'slot' ? [{ name: d.name, type: d.type, summary: results.inputs[d.slot]!, ...(d.driver ? { role: 'driver' as const } : {}) }]
    : d.kind === 'scaled' ? [{ name: d.name, type: d.type, summary: results.inputs[d.slot]!, role: 'scaled' as const, driver: driverName(d.driverSlot) }]
    : [{ name: d.name, type: d.type, summary: results.inputs[d.slot]!, role: 'derived' as const }],
  );
  return {
    scheme: model.id, title: model.title, partyList: model.partyList, runs: R, seed, chunkRuns: CHUNK_RUNS, path: plan.fast ? 'fast' : 'full', fullPathReasons: sim.fullPathReasons,
    vary: sim.vary, parties, components, total: col(layout.totalAt),
    ...(f ? { need: layout.needAt >= 0 ? col(layout.needAt) : constantSummary(f.need, R), surplus: col(layout.surplusAt), needNotCovered: counters[layout.needNotCoveredAt]! } : {}),
    uncoveredRuns: counters[layout.uncoveredAnyAt]!,
    inputs, caveats: (model.caveats ?? []).map(caveatText),
  };
}

function capAmountSummary(sim: Simulation, compId: string, results: SimulationResults): ColumnSummary {
  const c = sim.model.components.find((x) => x.id === compId);
  const cap = c && c.kind === 'share' ? c.cap : undefined;
  const slotUse = sim.plan.draws.find((d) => d.kind !== 'population' && (sim.source.uses[d.name] ?? []).some((u) => u.where === 'component' && u.component === compId && u.field === 'cap.amount'));
  if (slotUse && slotUse.kind !== 'population') return results.inputs[slotUse.slot]!;
  return constantSummary(cap?.amount ?? 0, results.runs);
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

// ---------------------------------------------------------------------------
// Exact percentiles in passes, keeping no run

/**
 * Runs × columns up to which every run is kept (one pass, then selection per
 * column: faster); beyond, the runs are made in passes that keep none, so
 * that memory stays flat however many runs there are. 2^25 values: 256 MiB.
 */
export const KEEP_RUNS_LIMIT = 2 ** 25;

/** Whether a simulation of `runs` runs keeps every run (see {@link KEEP_RUNS_LIMIT}). */
export function keepsRuns(plan: SimulationPlan, runs: number): boolean {
  return runs * (plan.layout.size + plan.slotCount) <= KEEP_RUNS_LIMIT;
}

/** Turns finished passes into results: `later(targets)` makes the runs again and gathers what the targets ask for. */
export function resultsOfPasses(plan: SimulationPlan, first: FirstPass, counters: Float64Array, later: (targets: readonly Target[]) => LaterPass): SimulationResults {
  const found = foundTable(first.columns);
  for (let targets = targetsOfFirstPass(first, found); targets.length > 0; ) targets = targetsOfLaterPass(later(targets), found);
  return splitResults(plan, first, found, counters);
}

/** {@link resultsOfPasses} with passes that run elsewhere (worker threads). */
export async function resultsOfPassesAsync(plan: SimulationPlan, first: FirstPass, counters: Float64Array, later: (targets: readonly Target[]) => Promise<LaterPass>): Promise<SimulationResults> {
  const found = foundTable(first.columns);
  for (let targets = targetsOfFirstPass(first, found); targets.length > 0; ) targets = targetsOfLaterPass(await later(targets), found);
  return splitResults(plan, first, found, counters);
}

function splitResults(plan: SimulationPlan, first: FirstPass, found: Float64Array, counters: Float64Array): SimulationResults {
  const all = summariesOf(first, found);
  return { runs: first.n, outputs: all.slice(0, plan.layout.size), inputs: all.slice(plan.layout.size), counters };
}

/**
 * Runs a whole simulation in this thread without keeping its runs: the
 * first pass finds each column's extremes, sum and histogram, later passes
 * make the same runs again and keep only what lies near each percentile.
 * Memory grows with the columns, not the runs; the figures are exactly
 * those of {@link simulate}.
 *
 * @example
 * const { summary } = simulateInPasses(compileSimulation(source, vary), { runs: 1_000_000, seed: 1 });
 */
export function simulateInPasses(sim: Simulation, options: SimulateOptions): { summary: SimulationSummary; passes: number } {
  checkRuns(options.runs);
  const { runs, seed } = options;
  const chunks = chunkCount(runs);
  const ws = workspaceFor(sim.plan);
  let passes = 1;
  const first = firstPassSink(sim.plan, runs);
  runChunks(sim, seed, first, 0, chunks, (k) => options.onProgress?.(Math.min(runs, (k + 1) * CHUNK_RUNS), runs), ws);
  const results = resultsOfPasses(sim.plan, first.pass, first.counters, (targets) => {
    passes += 1;
    const sink = laterPassSink(sim.plan, runs, targets);
    runChunks(sim, seed, sink, 0, chunks, undefined, ws);
    return sink.pass;
  });
  return { summary: summariseResults(sim, results, seed), passes };
}
