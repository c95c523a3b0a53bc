/**
 * The rows of scenario results for a DataFrame, pure (column names and rows
 * of plain values, testable without danfojs): {@link simulationFrameData},
 * {@link comparisonFrameData}, {@link sweepFrameData}, … Money is in kronor
 * as numbers here, for plotting and arithmetic in a notebook; the exact
 * figures are in the JSON views. `andel/dataframes` turns them into danfojs
 * DataFrames.
 */
import type { Comparison } from '../models/scenarios/compare.js';
import { columnNames, type RunStore, type Simulation, type SimulationSummary } from '../models/scenarios/simulation.js';
import { gridOf } from '../models/scenarios/source.js';
import { type ColumnSummary, meanOre } from '../models/scenarios/statistics.js';
import type { SweepPoint } from '../models/scenarios/sweep.js';
import type { Tornado } from '../models/scenarios/tornado.js';

/** A table for a DataFrame: column names and rows of plain values. */
export interface FrameData {
  readonly columns: readonly string[];
  readonly rows: readonly (readonly (string | number | boolean | null)[])[];
}

const kr = (ore: number) => ore / 100;

function statCells(s: ColumnSummary): number[] {
  return [kr(s.p5), kr(s.p50), kr(s.p95), meanOre(s).dividedBy(100).toNumber(), kr(s.min), kr(s.max)];
}

/** Per party and money output: P5, P50, P95, mean, min, max (kr) and how often the cap binds. */
export function simulationFrameData(s: SimulationSummary): FrameData {
  const rows: (string | number | null)[][] = [];
  for (const p of s.parties) {
    for (const [id, x] of Object.entries(p.components)) rows.push([p.code, p.name, id, ...statCells(x), p.capBinds[id] !== undefined ? p.capBinds[id]! / s.runs : null]);
    rows.push([p.code, p.name, 'total', ...statCells(p.total), null]);
  }
  return { columns: ['code', 'name', 'output', 'p5', 'p50', 'p95', 'mean', 'min', 'max', 'pCapBinds'], rows };
}

/**
 * One row per run: the drawn parameter values and every output that varies
 * (`0180.licence`, `licence.heldBack`, `total`, …), in kronor.
 */
export function simulationRunsFrameData(sim: Simulation, store: RunStore): FrameData {
  const { plan } = sim;
  const names = columnNames(plan);
  const slots = plan.draws.flatMap((d) => (d.kind === 'population' ? [] : [d]));
  const R = store.runs;
  const rows: number[][] = new Array<number[]>(R);
  for (let r = 0; r < R; r++) {
    const row: number[] = [r];
    for (const d of slots) row.push(store.inputs[d.slot * R + r]! / gridOf(d.type, plan.unit).scale);
    for (let c = 0; c < names.length; c++) row.push(kr(store.columns[c * R + r]!));
    rows[r] = row;
  }
  return { columns: ['run', ...slots.map((d) => d.name), ...names], rows };
}

/** Per party: base, scenario, difference (kr) and relative difference. */
export function comparisonFrameData(c: Comparison): FrameData {
  return {
    columns: ['code', 'name', 'status', 'base', 'scenario', 'diff', 'relative'],
    rows: c.parties.map((p) => [p.code, p.name, p.status, p.base !== undefined ? kr(p.base) : null, p.scenario !== undefined ? kr(p.scenario) : null, kr(p.diff), p.relative ? p.relative.toNumber() : null]),
  };
}

/** One row per point and party: the parameter values, the party's amount (kr) and whether a cap binds it. */
export function sweepFrameData(points: readonly SweepPoint[]): FrameData {
  const params = points.length > 0 ? Object.keys(points[0]!.values) : [];
  const rows: (string | number | boolean)[][] = [];
  for (const pt of points) {
    const capped = new Set(pt.result.components.flatMap((c) => c.bounded?.capped ?? []));
    for (const p of pt.result.parties) rows.push([...params.map((k) => Number(pt.values[k])), p.party.code, p.party.name, kr(p.amount), capped.has(p.party.code)]);
  }
  return { columns: [...params, 'code', 'name', 'amount', 'capped'], rows };
}

/** One row per bar: parameter, low and high values, the output at each, the swing. */
export function tornadoFrameData(t: Tornado): FrameData {
  return {
    columns: ['parameter', 'low', 'high', 'outputLow', 'outputHigh', 'swing'],
    rows: t.bars.map((b) => [b.parameter.name, Number(b.lowText), Number(b.highText), b.lowOutput.toNumber(), b.highOutput.toNumber(), b.swing.toNumber()]),
  };
}
