/**
 * Runs a compiled simulation on worker threads: the runs are cut into fixed
 * chunks that threads take from a shared counter, each writing its runs
 * into shared memory. This thread takes chunks too, and the work is done
 * when every chunk is, however far the other threads got. Because a chunk's
 * random stream depends only on the seed and the chunk's index, the figures
 * are the same for any number of threads.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { InputError, InvariantError, type Problem, t } from '../../models/errors.js';
import { CHUNK_RUNS, ChunkStreams } from '../../models/scenarios/random.js';
import { type RunStore, type Simulation, chunkCount, createStore, runChunkFast, runChunks, workspaceFor } from '../../models/scenarios/simulation.js';

/** `Atomics.waitAsync` (in Node since 16; in TypeScript's lib from ES2024). */
interface AtomicsWaitAsync {
  waitAsync(typedArray: Int32Array, index: number, value: number, timeout?: number): { async: boolean; value: Promise<string> | string };
}

/** Options of {@link runSimulation}. */
export interface ParallelOptions {
  readonly runs: number;
  readonly seed: number;
  /** Threads to compute with, this one included; undefined: chosen by the size of the work. */
  readonly workers?: number;
  readonly onProgress?: (done: number) => void;
}

/** The number of threads that pay for a simulation of this size. */
export function defaultWorkers(sim: Simulation, runs: number): number {
  if (!sim.plan.fast) return 1;
  // Starting a worker costs tens of milliseconds: below some 500 000
  // party-runs of the fast kernel it does not pay.
  const work = runs * Math.max(1, sim.plan.codes.length);
  return work < 500_000 ? 1 : Math.max(1, Math.min(availableParallelism(), 4, chunkCount(runs)));
}

/** Runs every chunk and returns the filled store and how many threads computed. */
export async function runSimulation(sim: Simulation, options: ParallelOptions): Promise<{ store: RunStore; workers: number }> {
  const { runs, seed } = options;
  const chunks = chunkCount(runs);
  const workers = sim.plan.fast ? Math.max(1, Math.min(options.workers ?? defaultWorkers(sim, runs), chunks)) : 1;
  if (workers === 1) {
    const store = createStore(sim.plan, runs);
    for (let k = 0; k < chunks; k++) {
      runChunks(sim, seed, store, k, k + 1);
      if (options.onProgress) {
        options.onProgress(Math.min(runs, (k + 1) * CHUNK_RUNS));
        // Let the progress bar draw.
        await new Promise((r) => setImmediate(r));
      }
    }
    return { store, workers };
  }
  const plan = sim.plan;
  const C = plan.layout.counters;
  const columns = new SharedArrayBuffer(8 * plan.layout.size * runs);
  const inputs = new SharedArrayBuffer(8 * Math.max(1, plan.slotCount) * runs);
  const counters = new SharedArrayBuffer(8 * Math.max(1, C) * workers);
  const control = new SharedArrayBuffer(8);
  const ctl = new Int32Array(control);
  const store: RunStore = { runs, columns: new Float64Array(columns), inputs: new Float64Array(inputs), counters: new Float64Array(counters, 0, C) };
  const threads = Array.from(
    { length: workers - 1 },
    (_, i) => new Worker(new URL('./simulate-worker.js', import.meta.url), { workerData: { plan, seed, runs, columns, inputs, counters, slot: i + 1, control } }),
  );
  const failed = new Promise<never>((_, reject) => {
    for (const w of threads) {
      w.on('message', (m: { error?: { input: boolean; problems?: Problem[]; code?: string; message?: string } }) => {
        if (m.error?.input) reject(new InputError(m.error.problems ?? [], { code: m.error.code ?? 'E_INPUT' }));
        else if (m.error) reject(new InvariantError(t(`en simuleringstråd föll: ${m.error.message}`, `a simulation thread failed: ${m.error.message}`)));
      });
      w.on('error', (e) => reject(e));
    }
  });
  failed.catch(() => undefined);
  try {
    const ws = workspaceFor(plan);
    const streams = new ChunkStreams(seed);
    for (;;) {
      const k = Atomics.add(ctl, 0, 1);
      if (k >= chunks) break;
      runChunkFast(plan, ws, streams.chunk(k), k, store);
      Atomics.add(ctl, 1, 1);
      options.onProgress?.(Math.min(runs, Atomics.load(ctl, 1) * CHUNK_RUNS));
    }
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
    return { store, workers };
  } finally {
    await Promise.all(threads.map((w) => w.terminate()));
  }
}
