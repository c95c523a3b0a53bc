/**
 * danfojs DataFrames of scenario results, for notebooks, imported from their
 * own entry so that a project without danfojs-node (an optional peer of
 * andel) type-checks and runs the rest of the library:
 *
 * ```ts
 * import { loadScenario, compileSimulation, simulate } from 'andel';
 * import { simulationFrame } from 'andel/dataframes';
 * const s = await loadScenario('sthlm-2020', { vary: ['licence.total=uniform(1000000,2000000)'] });
 * const { summary } = simulate(compileSimulation(s.source, s.vary), { runs: 10_000, seed: 1 });
 * (await simulationFrame(summary)).print();
 * ```
 *
 * The functions load danfojs-node on first use (it takes about a second) and
 * never on the command line's paths; the rows come from `./frame-data.js`.
 */
import type { DataFrame } from 'danfojs-node';
import type { Comparison } from '../models/scenarios/compare.js';
import type { RunStore, Simulation, SimulationSummary } from '../models/scenarios/simulation.js';
import type { SweepPoint } from '../models/scenarios/sweep.js';
import type { Tornado } from '../models/scenarios/tornado.js';
import { type FrameData, comparisonFrameData, simulationFrameData, simulationRunsFrameData, sweepFrameData, tornadoFrameData } from './frame-data.js';

/** Builds a danfojs DataFrame from rows (loads danfojs-node on first use). */
export async function toDataFrame(data: FrameData): Promise<DataFrame> {
  let mod: { DataFrame?: typeof DataFrame; default?: { DataFrame: typeof DataFrame } };
  try {
    mod = (await import('danfojs-node')) as unknown as typeof mod;
  } catch (error) {
    // An optional peer: a project that uses andel installs it only for DataFrames.
    if ((error as { code?: string }).code !== 'ERR_MODULE_NOT_FOUND') throw error;
    throw new Error(
      'DataFrames need danfojs-node, an optional peer of andel. Install it in your project: ' +
        'npm install danfojs-node@1.1.2 @tensorflow/tfjs@3.21.0, with "overrides": { "@tensorflow/tfjs-node": "npm:@tensorflow/tfjs@3.21.0" } in your package.json ' +
        '(see "Use andel in your own project" in the README).',
    );
  }
  const DF = mod.DataFrame ?? mod.default!.DataFrame;
  return new DF(data.rows.map((r) => [...r]), { columns: [...data.columns] });
}

/** {@link simulationFrameData} as a DataFrame. */
export async function simulationFrame(s: SimulationSummary): Promise<DataFrame> {
  return toDataFrame(simulationFrameData(s));
}

/** {@link simulationRunsFrameData} as a DataFrame. */
export async function simulationRunsFrame(sim: Simulation, store: RunStore): Promise<DataFrame> {
  return toDataFrame(simulationRunsFrameData(sim, store));
}

/** {@link comparisonFrameData} as a DataFrame. */
export async function comparisonFrame(c: Comparison): Promise<DataFrame> {
  return toDataFrame(comparisonFrameData(c));
}

/** {@link sweepFrameData} as a DataFrame. */
export async function sweepFrame(points: readonly SweepPoint[]): Promise<DataFrame> {
  return toDataFrame(sweepFrameData(points));
}

/** {@link tornadoFrameData} as a DataFrame. */
export async function tornadoFrame(t: Tornado): Promise<DataFrame> {
  return toDataFrame(tornadoFrameData(t));
}
