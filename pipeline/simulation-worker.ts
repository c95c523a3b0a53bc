/**
 * A worker thread of a simulation: takes chunks from a shared counter
 * and runs them with the typed-array kernel, either straight into shared
 * memory (outputs, drawn inputs, and its own slice of the counters), then,
 * when every chunk is done, takes output columns and sends back their
 * percentiles; or, when the runs are not kept, into its own histograms and
 * buckets, sent back after each pass. Which thread does what never changes a figure (see
 * `models/scenarios/random.ts`).
 */
import { parentPort } from 'node:worker_threads';
import { AndelError, InputError } from '../models/errors.js';
import { ChunkStreams } from '../models/scenarios/random.js';
import { summariseColumn } from '../models/scenarios/statistics.js';
import { forEachClaimedColumn, runClaimedChunks } from './simulation-claims.js';
import type { Target } from '../models/scenarios/exact-percentiles.js';
import { type ChunkSink, type Workspace, chunkCount, firstPassSink, laterPassSink, runChunkFast, workspaceFor } from '../models/scenarios/simulation-kernel.js';
import type { SimulationPlan } from '../models/scenarios/simulation-plan.js';

/** A pass that keeps every run in shared memory, then summarises columns. */
interface StoreJob {
  readonly kind: 'store';
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

/** The first pass that keeps no run: this thread's chunks into its own histograms. */
interface FirstJob {
  readonly kind: 'first';
  readonly plan: SimulationPlan;
  readonly seed: number;
  readonly runs: number;
  readonly control: SharedArrayBuffer;
}

/** A later pass, over the same plan: the values of this thread's chunks in the targets' buckets. */
interface LaterJob {
  readonly kind: 'later';
  readonly targets: readonly Target[];
  readonly control: SharedArrayBuffer;
}

// Started ahead of the work (its modules load meanwhile), it waits for a job: one store job, or a first pass and its later passes.
let job: { plan: SimulationPlan; seed: number; runs: number; ws: Workspace } | undefined;
parentPort!.on('message', (m: StoreJob | FirstJob | LaterJob) => {
  try {
    if (m.kind === 'store') runStore(m);
    else if (m.kind === 'first') {
      job = { plan: m.plan, seed: m.seed, runs: m.runs, ws: workspaceFor(m.plan) };
      const sink = firstPassSink(job.plan, job.runs);
      runPass(sink, m.control);
      parentPort!.postMessage({ first: sink.pass, counters: sink.counters });
    } else {
      const sink = laterPassSink(job!.plan, job!.runs, m.targets);
      runPass(sink, m.control);
      parentPort!.postMessage({ later: sink.pass });
    }
  } catch (e) {
    parentPort!.postMessage({
      error: e instanceof InputError ? { input: true, problems: e.problems, code: e.code, warnings: e.warnings, omitted: e.omitted } : { input: false, message: e instanceof AndelError ? e.describe('en') : String((e as Error)?.stack ?? e) },
    });
  }
});

function runPass(sink: ChunkSink, control: SharedArrayBuffer): void {
  const { plan, seed, runs, ws } = job!;
  const streams = new ChunkStreams(seed);
  runClaimedChunks(new Int32Array(control), chunkCount(runs), (k) => runChunkFast(plan, ws, streams.chunk(k), k, sink));
}

function runStore({ plan, seed, runs, columns, inputs, counters, slot, control }: StoreJob): void {
  const C = plan.layout.counters;
  const store = { runs, columns: new Float64Array(columns), inputs: new Float64Array(inputs), counters: new Float64Array(counters, slot * C * 8, C) };
  const ctl = new Int32Array(control);
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
}
