/**
 * `andel simulate <scheme|scenario> --runs N --seed S [--vary "path=dist(…)"]… [--workers K]`:
 * Monte Carlo over the uncertain inputs, with per party P5/P50/P95 and the
 * mean of every money output, how often caps bind and how often the need is
 * not covered. The same seed gives the same figures with any number of
 * workers. A progress bar is drawn on a terminal only.
 */
import { InputError, t } from '../../models/errors.js';
import { checkSeed } from '../../models/scenarios/random.js';
import { checkRuns, compileSimulation, summarise } from '../../models/scenarios/simulation.js';
import { simulationJson, simulationTables } from '../../reports/scenarios.js';
import type { CliContext } from '../run.js';
import { type ScenarioCliOptions, labelOf, loadForCommand, scenarioFormat, writeView } from './scenario-output.js';
import { WorkerPool, runSimulation, workersFor } from './simulate-parallel.js';

/** Options of `andel simulate`. */
export interface SimulateCliOptions extends ScenarioCliOptions {
  runs?: string;
  seed?: string;
  vary: string[];
  workers?: string;
}

/** Runs and seed when neither the command line nor the scenario gives them. */
export const DEFAULT_RUNS = 10_000;
export const DEFAULT_SEED = 1;

function wholeNumber(text: string, option: string): number {
  const cleaned = text.replace(/[\s_\u00a0]/g, '');
  if (!/^\d+$/.test(cleaned)) throw InputError.of(t(`"${text}" är inte ett heltal`, `"${text}" is not a whole number`), { file: option }, 'E_OPTION');
  return Number(cleaned);
}

export async function simulate(ctx: CliContext, target: string, opts: SimulateCliOptions): Promise<void> {
  const format = scenarioFormat(opts);
  const runs = opts.runs !== undefined ? wholeNumber(opts.runs, '--runs') : undefined;
  const seed = opts.seed !== undefined ? wholeNumber(opts.seed, '--seed') : undefined;
  const workers = opts.workers === undefined || opts.workers === 'auto' ? undefined : wholeNumber(opts.workers, '--workers');
  if (workers !== undefined && (workers < 1 || workers > 64)) throw InputError.of(t('--workers ska vara från 1 till 64 (eller auto)', '--workers must be from 1 to 64 (or auto)'), { file: '--workers' }, 'E_OPTION');
  // Workers start now, so that their start-up overlaps the loading of the
  // scheme; the run stops those it does not need.
  const ahead = workers !== undefined ? workers - 1 : runs !== undefined ? workersFor(runs, 27) - 1 : 0;
  const pool = ahead > 0 ? WorkerPool.start(ahead) : undefined;
  try {
    await simulateWith(ctx, target, opts, format, { runs, seed, workers, pool });
  } finally {
    await pool?.close();
  }
}

async function simulateWith(
  ctx: CliContext,
  target: string,
  opts: SimulateCliOptions,
  format: ReturnType<typeof scenarioFormat>,
  given: { runs?: number; seed?: number; workers?: number; pool?: WorkerPool },
): Promise<void> {
  const loaded = await loadForCommand(ctx, target, opts, { vary: opts.vary });
  const n = given.runs ?? loaded.simulation?.runs ?? DEFAULT_RUNS;
  const s = given.seed ?? loaded.simulation?.seed ?? DEFAULT_SEED;
  checkRuns(n);
  checkSeed(s);
  const sim = compileSimulation(loaded.source, loaded.vary);
  const workers = given.workers;

  let progress: ((done: number) => void) | undefined;
  let stop = () => {};
  if (ctx.interactive) {
    const { default: cliProgress } = await import('cli-progress');
    const bar = new cliProgress.SingleBar(
      { format: 'Simulerar [{bar}] {percentage} % | {value}/{total} körningar | {eta_formatted} kvar', stream: process.stderr, hideCursor: true, clearOnComplete: true, barsize: 30 },
      cliProgress.Presets.shades_classic,
    );
    bar.start(n, 0);
    progress = (done) => bar.update(done);
    stop = () => bar.stop();
  }
  let result: Awaited<ReturnType<typeof runSimulation>>;
  try {
    result = await runSimulation(sim, { runs: n, seed: s, ...(workers !== undefined ? { workers } : {}), ...(given.pool ? { pool: given.pool } : {}), ...(progress ? { onProgress: progress } : {}) });
  } finally {
    stop();
  }
  const summary = summarise(sim, result.store, s, result.columns);
  const run = { source: labelOf(loaded), workers: result.workers };
  await writeView(ctx, opts, format, () => simulationJson(summary, run), () => simulationTables(summary, run));
}
