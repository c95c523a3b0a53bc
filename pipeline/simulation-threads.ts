/**
 * Runs a compiled simulation on worker threads: the runs are cut into fixed
 * chunks that threads take from a shared counter. A small simulation keeps
 * every run in shared memory, and the threads then share out the output
 * columns' percentiles. A large one keeps no run: each thread sums and
 * counts the chunks it took into its own histograms, this thread merges
 * them, and the threads make the runs again for as many passes as the exact
 * percentiles need (see `models/scenarios/exact-percentiles.ts`). This
 * thread takes chunks and columns too, and the work is done when every
 * chunk and column is, however far the other threads got.
 * Because a chunk's random stream depends only on the seed and the chunk's
 * index, the figures are the same for any number of threads.
 *
 * Workers can be started before the scheme is even loaded
 * ({@link WorkerPool.start}), so that their start-up overlaps this thread's.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { InputError, InvariantError, type Problem, t } from '../models/errors.js';
import { CHUNK_RUNS, ChunkStreams } from '../models/scenarios/random.js';
import { type FirstPass, type LaterPass, type Target, mergeFirstPass, mergeLaterPass } from '../models/scenarios/exact-percentiles.js';
import {
  type ChunkSink,
  type RunStore,
  type Simulation,
  type SimulationResults,
  chunkCount,
  createStore,
  firstPassSink,
  keepsRuns,
  laterPassSink,
  resultsOfPassesAsync,
  resultsOfStore,
  runChunkFast,
  runChunks,
  workspaceFor,
} from '../models/scenarios/simulation.js';
import { type ColumnSummary, summariseColumn } from '../models/scenarios/statistics.js';
import { forEachClaimedColumn, runClaimedChunks } from './simulation-claims.js';

/** `Atomics.waitAsync` (in Node since 16; in TypeScript's lib from ES2024). */
interface AtomicsWaitAsync {
  waitAsync(typedArray: Int32Array, index: number, value: number, timeout?: number): { async: boolean; value: Promise<string> | string };
}

/** Worker threads started ahead of the work, waiting for a job. */
export class WorkerPool {
  private constructor(readonly threads: Worker[]) {}

  /** Starts `n` workers; they load their modules while this thread goes on. */
  static start(n: number): WorkerPool {
    return new WorkerPool(Array.from({ length: Math.max(0, n) }, () => new Worker(new URL('./simulation-worker.js', import.meta.url))));
  }

  /** Stops every worker. */
  async close(): Promise<void> {
    await Promise.all(this.threads.map((w) => w.terminate()));
  }
}

/** The number of threads (this one included) a simulation of this size pays for. */
export function workersFor(runs: number, parties: number): number {
  // Starting a worker costs tens of milliseconds: below some 500 000
  // party-runs of the fast kernel it does not pay.
  return runs * Math.max(1, parties) < 500_000 ? 1 : Math.max(1, Math.min(availableParallelism(), 4, chunkCount(runs)));
}

/** Options of {@link runOnThreads}. */
export interface ParallelOptions {
  readonly runs: number;
  readonly seed: number;
  /** Threads to compute with, this one included; undefined: chosen by the size of the work. */
  readonly workers?: number;
  /** Workers already started; those not needed are stopped. */
  readonly pool?: WorkerPool;
  readonly onProgress?: (done: number) => void;
  /** Keep every run (one pass) or keep none (passes, flat memory); undefined: by the size of the work ({@link keepsRuns}). The figures are the same. */
  readonly keepRuns?: boolean;
}

/** What {@link runOnThreads} found. */
export interface ThreadedResults {
  readonly results: SimulationResults;
  /** How many threads computed. */
  readonly workers: number;
  /** How many times the runs were made: 1 when every run was kept, else the passes the exact percentiles took. */
  readonly passes: number;
}

/** Runs every chunk, keeping the runs when they fit ({@link keepsRuns}), else in passes; returns the results and how many threads computed. */
export async function runOnThreads(sim: Simulation, options: ParallelOptions): Promise<ThreadedResults> {
  const { runs } = options;
  const chunks = chunkCount(runs);
  const wanted = options.workers ?? workersFor(runs, sim.plan.codes.length);
  const workers = sim.plan.fast ? Math.max(1, Math.min(wanted, chunks)) : 1;
  const pooled = options.pool?.threads ?? [];
  const threads = [...pooled.slice(0, workers - 1)];
  await Promise.all(pooled.slice(workers - 1).map((w) => w.terminate()));
  const keep = options.keepRuns ?? keepsRuns(sim.plan, runs);
  try {
    if (workers === 1) {
      if (keep) return { results: resultsOfStore(sim.plan, await inThisThread(sim, options)), workers, passes: 1 };
      return { ...(await passesInThisThread(sim, options)), workers };
    }
    while (threads.length < workers - 1) threads.push(new Worker(new URL('./simulation-worker.js', import.meta.url)));
    if (keep) {
      const done = await withThreads(sim, options, threads);
      return { results: resultsOfStore(sim.plan, done.store, done.columns), workers, passes: 1 };
    }
    return { ...(await passesOnThreads(sim, options, threads)), workers };
  } finally {
    await Promise.all(threads.map((w) => w.terminate()));
  }
}

/** The runs done so far as progress: the first pass counts for half the work, the second for the other half. */
function passProgress(options: ParallelOptions, pass: number, doneRuns: number): void {
  const { runs } = options;
  options.onProgress?.(pass >= 2 ? runs : Math.min(runs, Math.round((pass * runs + Math.min(runs, doneRuns)) / 2)));
}

async function passesInThisThread(sim: Simulation, options: ParallelOptions): Promise<{ results: SimulationResults; passes: number }> {
  const { runs, seed } = options;
  const chunks = chunkCount(runs);
  const ws = workspaceFor(sim.plan);
  const run = async (sink: ChunkSink, pass: number): Promise<void> => {
    for (let k = 0; k < chunks; k++) {
      runChunks(sim, seed, sink, k, k + 1, undefined, ws);
      if (options.onProgress) {
        passProgress(options, pass, (k + 1) * CHUNK_RUNS);
        await new Promise((r) => setImmediate(r));
      }
    }
  };
  const first = firstPassSink(sim.plan, runs);
  await run(first, 0);
  let passes = 1;
  const results = await resultsOfPassesAsync(sim.plan, first.pass, first.counters, async (targets) => {
    const sink = laterPassSink(sim.plan, runs, targets);
    await run(sink, passes++);
    return sink.pass;
  });
  return { results, passes };
}

/** The error a worker reported, as the class it was thrown as. */
type WorkerError = { input: boolean; problems?: Problem[]; warnings?: Problem[]; omitted?: number; code?: string; message?: string };

function workerError(e: WorkerError): Error {
  return e.input
    ? new InputError(e.problems ?? [], { code: e.code ?? 'E_INPUT', warnings: e.warnings ?? [], omitted: e.omitted ?? 0 })
    : new InvariantError(t(`en simuleringstråd föll: ${e.message}`, `a simulation thread failed: ${e.message}`));
}

/** Waits until every chunk of a pass is done, reporting progress meanwhile. */
async function chunksDone(ctl: Int32Array, chunks: number, failed: Promise<never>, progress: (doneRuns: number) => void): Promise<void> {
  for (;;) {
    const done = Atomics.load(ctl, 1);
    if (done >= chunks) return;
    progress(done * CHUNK_RUNS);
    const w = (Atomics as unknown as AtomicsWaitAsync).waitAsync(ctl, 1, done, 100);
    await Promise.race([w.async ? w.value : Promise.resolve(), failed]);
  }
}

async function passesOnThreads(sim: Simulation, options: ParallelOptions, threads: Worker[]): Promise<{ results: SimulationResults; passes: number }> {
  const { runs, seed } = options;
  const plan = sim.plan;
  const chunks = chunkCount(runs);
  let replies: unknown[] = [];
  let allReplied: () => void = () => {};
  const failed = new Promise<never>((_, reject) => {
    threads.forEach((w) => {
      w.on('message', (m: { error?: WorkerError }) => {
        if (m.error) reject(workerError(m.error));
        else {
          replies.push(m);
          if (replies.length === threads.length) allReplied();
        }
      });
      w.on('error', (e) => reject(e));
    });
  });
  failed.catch(() => undefined);
  const ws = workspaceFor(plan);
  // One pass: every thread takes chunks into its own sink; the other threads' sinks come back as messages.
  const pass = async <M>(job: object, sink: ChunkSink, number: number): Promise<M[]> => {
    const control = new SharedArrayBuffer(16);
    const ctl = new Int32Array(control);
    replies = [];
    const replied = new Promise<void>((resolve) => (allReplied = resolve));
    for (const w of threads) w.postMessage({ ...job, control });
    const streams = new ChunkStreams(seed);
    const progress = (doneRuns: number) => passProgress(options, number, doneRuns);
    runClaimedChunks(ctl, chunks, (k) => runChunkFast(plan, ws, streams.chunk(k), k, sink), () => progress(Atomics.load(ctl, 1) * CHUNK_RUNS));
    await chunksDone(ctl, chunks, failed, progress);
    await Promise.race([replied, failed]);
    return replies as M[];
  };
  const first = firstPassSink(plan, runs);
  for (const m of await pass<{ first: FirstPass; counters: Float64Array }>({ kind: 'first', plan, seed, runs }, first, 0)) {
    mergeFirstPass(first.pass, m.first);
    for (let i = 0; i < first.counters.length; i++) first.counters[i]! += m.counters[i]!;
  }
  let passes = 1;
  const results = await resultsOfPassesAsync(plan, first.pass, first.counters, async (targets: readonly Target[]) => {
    const sink = laterPassSink(plan, runs, targets);
    for (const m of await pass<{ later: LaterPass }>({ kind: 'later', targets }, sink, passes++)) mergeLaterPass(sink.pass, m.later);
    return sink.pass;
  });
  options.onProgress?.(runs);
  return { results, passes };
}

async function inThisThread(sim: Simulation, options: ParallelOptions): Promise<RunStore> {
  const { runs, seed } = options;
  const store = createStore(sim.plan, runs);
  const chunks = chunkCount(runs);
  const ws = workspaceFor(sim.plan);
  for (let k = 0; k < chunks; k++) {
    runChunks(sim, seed, store, k, k + 1, undefined, ws);
    if (options.onProgress) {
      options.onProgress(Math.min(runs, (k + 1) * CHUNK_RUNS));
      // Let the progress bar draw.
      await new Promise((r) => setImmediate(r));
    }
  }
  return store;
}

async function withThreads(sim: Simulation, options: ParallelOptions, threads: Worker[]): Promise<{ store: RunStore; workers: number; columns: Map<number, ColumnSummary> }> {
  const { runs, seed } = options;
  const plan = sim.plan;
  const chunks = chunkCount(runs);
  const workers = threads.length + 1;
  const C = plan.layout.counters;
  const K = plan.layout.size;
  const columns = new SharedArrayBuffer(8 * K * runs);
  const inputs = new SharedArrayBuffer(8 * Math.max(1, plan.slotCount) * runs);
  const counters = new SharedArrayBuffer(8 * Math.max(1, C) * workers);
  // [next chunk, chunks done, next column to summarise]
  const control = new SharedArrayBuffer(16);
  const ctl = new Int32Array(control);
  const store: RunStore = { runs, columns: new Float64Array(columns), inputs: new Float64Array(inputs), counters: new Float64Array(counters, 0, C) };
  const summaries = new Map<number, ColumnSummary>();
  let allSummarised: () => void = () => {};
  const summarised = new Promise<void>((resolve) => (allSummarised = resolve));
  const failed = new Promise<never>((_, reject) => {
    threads.forEach((w, i) => {
      w.on('message', (m: { column?: number; summary?: ColumnSummary; error?: WorkerError }) => {
        if (m.column !== undefined && m.summary) {
          summaries.set(m.column, m.summary);
          if (summaries.size === K) allSummarised();
        } else if (m.error) reject(workerError(m.error));
      });
      w.on('error', (e) => reject(e));
      w.postMessage({ kind: 'store', plan, seed, runs, columns, inputs, counters, slot: i + 1, control });
    });
  });
  failed.catch(() => undefined);

  const ws = workspaceFor(plan);
  const streams = new ChunkStreams(seed);
  runClaimedChunks(
    ctl,
    chunks,
    (k) => runChunkFast(plan, ws, streams.chunk(k), k, store),
    () => options.onProgress?.(Math.min(runs, Atomics.load(ctl, 1) * CHUNK_RUNS)),
  );
  // Wait for the chunks other threads are still running.
  await chunksDone(ctl, chunks, failed, (doneRuns) => options.onProgress?.(Math.min(runs, doneRuns)));
  const all = new Float64Array(counters);
  for (let s = 1; s < workers; s++) for (let i = 0; i < C; i++) store.counters[i]! += all[s * C + i]!;
  options.onProgress?.(runs);
  // The percentiles, column by column, shared with the other threads.
  const scratch = new Float64Array(runs);
  forEachClaimedColumn(ctl, K, (c) => summaries.set(c, summariseColumn(store.columns.subarray(c * runs, (c + 1) * runs), scratch)));
  if (summaries.size < K) await Promise.race([summarised, failed]);
  return { store, workers, columns: summaries };
}
