/**
 * `andel simulate <scheme|scenario> --runs N --seed S [--vary "path=dist(…)"]… [--workers K]`:
 * Monte Carlo over the uncertain inputs, with per party P5/P50/P95 and the
 * mean of every money output, how often caps bind and how often the need is
 * not covered. The same seed gives the same figures with any number of
 * workers. A progress bar is drawn on a terminal only.
 */
import { InputError, t } from '../../models/errors.js';
import { labelOf } from '../../pipeline/compare.js';
import { runSimulation } from '../../pipeline/simulation.js';
import { WorkerPool, workersFor } from '../../pipeline/simulation-threads.js';
import { simulationJson, simulationTables } from '../../reports/scenarios.js';
import { eventPrinter } from '../events.js';
import { schemeOptions, wholeNumber } from '../options.js';
import type { CliContext } from '../run.js';
import { type ScenarioCliOptions, scenarioFormat, writeView } from './scenario-output.js';

/** Options of `andel simulate`. */
export interface SimulateCliOptions extends ScenarioCliOptions {
  runs?: string;
  seed?: string;
  vary: string[];
  workers?: string;
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
  const cliProgress = ctx.interactive ? (await import('cli-progress')).default : undefined;
  let bar: InstanceType<NonNullable<typeof cliProgress>['SingleBar']> | undefined;
  try {
    const run = await runSimulation({
      target,
      inputs: schemeOptions(opts),
      vary: opts.vary,
      ...(runs !== undefined ? { runs } : {}),
      ...(seed !== undefined ? { seed } : {}),
      ...(workers !== undefined ? { workers } : {}),
      ...(pool ? { pool } : {}),
      onEvent: eventPrinter(ctx),
      ...(cliProgress
        ? {
            onProgress: (done: number, total: number) => {
              if (bar === undefined) {
                bar = new cliProgress.SingleBar(
                  { format: 'Simulerar [{bar}] {percentage} % | {value}/{total} körningar | {eta_formatted} kvar', stream: process.stderr, hideCursor: true, clearOnComplete: true, barsize: 30 },
                  cliProgress.Presets.shades_classic,
                );
                bar.start(total, 0);
              }
              bar.update(done);
            },
          }
        : {}),
    });
    bar?.stop();
    bar = undefined;
    const about = { source: labelOf(run.loaded), workers: run.workers };
    await writeView(ctx, opts, format, () => simulationJson(run.summary, about), () => simulationTables(run.summary, about));
  } finally {
    bar?.stop();
    await pool?.close();
  }
}
