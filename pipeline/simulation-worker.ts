/**
 * A worker thread of a simulation: takes chunks from a shared counter
 * and runs them with the typed-array kernel straight into shared memory
 * (outputs, drawn inputs, and its own slice of the counters); then, when
 * every chunk is done, takes output columns and sends back their
 * percentiles. Which thread does what never changes a figure (see
 * `models/scenarios/random.ts`).
 */
import { parentPort } from 'node:worker_threads';
import { AndelError, InputError } from '../models/errors.js';
import { ChunkStreams } from '../models/scenarios/random.js';
import { summariseColumn } from '../models/scenarios/statistics.js';
import { forEachClaimedColumn, runClaimedChunks } from './simulation-claims.js';
import { chunkCount, runChunkFast, workspaceFor } from '../models/scenarios/simulation-kernel.js';
import type { SimulationPlan } from '../models/scenarios/simulation-plan.js';

interface WorkerInput {
  readonly plan: SimulationPlan;
  readonly seed: number;
  readonly runs: number;
  readonly columns: SharedArrayBuffer;
  readonly inputs: SharedArrayBuffer;
  readonly counters: SharedArrayBuffer;
  /** Which slice of `counters` is this thread's. */
  readonly slot: number;
  readonly control: SharedArrayBuffer;
}

// Started ahead of the work (its modules load meanwhile), it waits for one job.
parentPort!.once('message', (job: WorkerInput) => run(job));

function run({ plan, seed, runs, columns, inputs, counters, slot, control }: WorkerInput): void {
  const C = plan.layout.counters;
  const store = { runs, columns: new Float64Array(columns), inputs: new Float64Array(inputs), counters: new Float64Array(counters, slot * C * 8, C) };
  const ctl = new Int32Array(control);
  try {
    const ws = workspaceFor(plan);
    const streams = new ChunkStreams(seed);
    const chunks = chunkCount(runs);
    runClaimedChunks(ctl, chunks, (k) => runChunkFast(plan, ws, streams.chunk(k), k, store));
    // Then the percentiles: every column once all runs are in, by whichever thread takes it.
    for (;;) {
      const done = Atomics.load(ctl, 1);
      if (done >= chunks) break;
      Atomics.wait(ctl, 1, done, 50);
    }
    const K = plan.layout.size;
    const scratch = new Float64Array(runs);
    forEachClaimedColumn(ctl, K, (c) => parentPort!.postMessage({ column: c, summary: summariseColumn(store.columns.subarray(c * runs, (c + 1) * runs), scratch) }));
  } catch (e) {
    parentPort!.postMessage({
      error: e instanceof InputError ? { input: true, problems: e.problems, code: e.code, warnings: e.warnings, omitted: e.omitted } : { input: false, message: e instanceof AndelError ? e.describe('en') : String((e as Error)?.stack ?? e) },
    });
  }
}
