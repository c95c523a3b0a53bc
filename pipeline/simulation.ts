/**
 * A Monte Carlo run from a request: the one place that decides how many
 * runs and which seed (the request's, else the scenario's `simulation:`,
 * else {@link DEFAULT_RUNS} and {@link DEFAULT_SEED}), checks them, compiles
 * the simulation and runs it on worker threads. The same seed gives the
 * same figures with any number of threads.
 */
import type { LoadedScenario } from '../data/load-scenario.js';
import { checkSeed } from '../models/scenarios/random.js';
import { type SimulationSummary, checkRuns, compileSimulation, summariseResults } from '../models/scenarios/simulation.js';
import { type OnEvent, ignoreEvents } from './events.js';
import { type SchemeInputs, loadForQuestion } from './load.js';
import { type WorkerPool, runOnThreads } from './simulation-threads.js';

/** Runs and seed when neither the request nor the scenario gives them. */
export const DEFAULT_RUNS = 10_000;
export const DEFAULT_SEED = 1;

/** The runs and seed of a simulation, with where they came from resolved. */
export interface SimulationSettings {
  readonly runs: number;
  readonly seed: number;
}

/**
 * The runs and seed: the caller's, else the scenario file's, else the
 * defaults; each checked (a whole number in range).
 *
 * @throws InputError for runs or a seed out of range.
 */
export function simulationSettings(given: { readonly runs?: number; readonly seed?: number }, scenario?: Pick<LoadedScenario, 'simulation'>): SimulationSettings {
  const runs = given.runs ?? scenario?.simulation?.runs ?? DEFAULT_RUNS;
  const seed = given.seed ?? scenario?.simulation?.seed ?? DEFAULT_SEED;
  checkRuns(runs);
  checkSeed(seed);
  return { runs, seed };
}

/** What to simulate and how. */
export interface SimulationRequest {
  /** A scheme or scenario to load, or {@link SimulationRequest.loaded} instead. */
  readonly target?: string;
  /** A scheme or scenario already loaded (its `vary` is used as it is). */
  readonly loaded?: LoadedScenario;
  readonly inputs?: SchemeInputs;
  /** `name=dist(…)` entries added to the scenario's. */
  readonly vary?: readonly string[];
  readonly runs?: number;
  readonly seed?: number;
  /** Threads to compute with, this one included; by default chosen by the size of the work. */
  readonly workers?: number;
  /** Workers started ahead (see {@link WorkerPool.start}); those not needed are stopped. */
  readonly pool?: WorkerPool;
  /** Keep every run, or keep none (memory flat however many runs); by default chosen by the size of the work. The figures are the same. */
  readonly keepRuns?: boolean;
  readonly onEvent?: OnEvent;
  /** Runs done so far, now and then (the work yields to let a progress bar draw). */
  readonly onProgress?: (done: number, runs: number) => void;
}

/** A finished simulation. */
export interface FinishedSimulation extends SimulationSettings {
  /** What was simulated. */
  readonly loaded: LoadedScenario;
  readonly summary: SimulationSummary;
  /** How many threads computed. */
  readonly workers: number;
  /** How many times the runs were made: 1 when every run was kept, else the passes the exact percentiles took. */
  readonly passes: number;
}

/**
 * Loads (unless given) and simulates.
 *
 * @example
 * const { summary } = await runSimulation({ target: 'scenarios/goteborg-avstar.yaml', runs: 20_000, seed: 7 });
 */
export async function runSimulation(request: SimulationRequest): Promise<FinishedSimulation> {
  const onEvent = request.onEvent ?? ignoreEvents;
  let loaded = request.loaded;
  if (loaded === undefined) {
    if (request.target === undefined) throw new TypeError('runSimulation: give target or loaded');
    loaded = await loadForQuestion(request.target, request.inputs, { vary: request.vary ?? [] });
    onEvent({ type: 'warnings', warnings: loaded.warnings });
  }
  const { runs, seed } = simulationSettings(request, loaded);
  const sim = compileSimulation(loaded.source, loaded.vary);
  onEvent({ type: 'simulating', runs, seed });
  const done = await runOnThreads(sim, {
    runs,
    seed,
    ...(request.workers !== undefined ? { workers: request.workers } : {}),
    ...(request.pool ? { pool: request.pool } : {}),
    ...(request.keepRuns !== undefined ? { keepRuns: request.keepRuns } : {}),
    ...(request.onProgress ? { onProgress: (n: number) => request.onProgress!(n, runs) } : {}),
  });
  return { loaded, runs, seed, workers: done.workers, passes: done.passes, summary: summariseResults(sim, done.results, seed) };
}
