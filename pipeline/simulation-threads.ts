/**
 * Runs a compiled simulation on worker threads: the runs are cut into fixed
 * chunks that threads take from a shared counter, each writing its runs
 * into shared memory; then the threads share out the output columns'
 * percentiles. This thread takes chunks and columns too, and the work is
 * done when every chunk and column is, however far the other threads got.
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
import { type RunStore, type Simulation, chunkCount, createStore, runChunkFast, runChunks, workspaceFor } from '../models/scenarios/simulation.js';
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
}

/** Runs every chunk; returns the filled store, how many threads computed, and the output columns' summaries when threads made them. */
export async function runOnThreads(sim: Simulation, options: ParallelOptions): Promise<{ store: RunStore; workers: number; columns?: Map<number, ColumnSummary> }> {
  const { runs, seed } = options;
  const chunks = chunkCount(runs);
  const wanted = options.workers ?? workersFor(runs, sim.plan.codes.length);
  const workers = sim.plan.fast ? Math.max(1, Math.min(wanted, chunks)) : 1;
  const pooled = options.pool?.threads ?? [];
  const threads = [...pooled.slice(0, workers - 1)];
  await Promise.all(pooled.slice(workers - 1).map((w) => w.terminate()));
  try {
    if (workers === 1) return { store: await inThisThread(sim, options), workers };
    while (threads.length < workers - 1) threads.push(new Worker(new URL('./simulation-worker.js', import.meta.url)));
    return await withThreads(sim, options, threads);
  } finally {
    await Promise.all(threads.map((w) => w.terminate()));
  }
}

async function inThisThread(sim: Simulation, options: ParallelOptions): Promise<RunStore> {
  const { runs, seed } = options;
  const store = createStore(sim.plan, runs);
  const chunks = chunkCount(runs);
  for (let k = 0; k < chunks; k++) {
    runChunks(sim, seed, store, k, k + 1);
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
      w.on('message', (m: { column?: number; summary?: ColumnSummary; error?: { input: boolean; problems?: Problem[]; warnings?: Problem[]; omitted?: number; code?: string; message?: string } }) => {
        if (m.column !== undefined && m.summary) {
          summaries.set(m.column, m.summary);
          if (summaries.size === K) allSummarised();
        } else if (m.error?.input) reject(new InputError(m.error.problems ?? [], { code: m.error.code ?? 'E_INPUT', warnings: m.error.warnings ?? [], omitted: m.error.omitted ?? 0 }));
        else if (m.error) reject(new InvariantError(t(`en simuleringstråd föll: ${m.error.message}`, `a simulation thread failed: ${m.error.message}`)));
      });
      w.on('error', (e) => reject(e));
      w.postMessage({ plan, seed, runs, columns, inputs, counters, slot: i + 1, control });
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
  for (;;) {
    const done = Atomics.load(ctl, 1);
    if (done >= chunks) break;
    options.onProgress?.(Math.min(runs, done * CHUNK_RUNS));
    const w = (Atomics as unknown as AtomicsWaitAsync).waitAsync(ctl, 1, done, 100);
    await Promise.race([w.async ? w.value : Promise.resolve(), failed]);
  }
  const all = new Float64Array(counters);
  for (let s = 1; s < workers; s++) for (let i = 0; i < C; i++) store.counters[i]! += all[s * C + i]!;
  options.onProgress?.(runs);
  // The percentiles, column by column, shared with the other threads.
  const scratch = new Float64Array(runs);
  forEachClaimedColumn(ctl, K, (c) => summaries.set(c, summariseColumn(store.columns.subarray(c * runs, (c + 1) * runs), scratch)));
  if (summaries.size < K) await Promise.race([summarised, failed]);
  return { store, workers, columns: summaries };
}
