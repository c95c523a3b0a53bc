/**
 * `npm run bench`, scenarios: the Monte Carlo of the Stockholm licence split
 * (issue 5's performance case) in this process and as a whole CLI process,
 * start-up included. Figures are printed, never asserted.
 *
 * Reference on the 2-core development machine: a vectorised numpy program
 * doing the same 100 000 runs takes about 1,4 s as a whole process; the
 * target for `andel simulate` is at least 1,5 times faster (≤ 0,93 s).
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { loadScenario } from '../data/load-scenario.js';
import { projectRoot } from '../data/project-root.js';
import { compileSimulation, createStore, runChunks, summarise } from '../models/scenarios/simulation.js';
import { chunkCount } from '../models/scenarios/simulation.js';

const RUNS = 100_000;
const VARY = ['licence.total=uniform(1000000,2000000)', 'population=uniform(-0.05,0.05)'];
const REFERENCE_S = 1.4;
const TARGET_S = REFERENCE_S / 1.5;

function ms(t0: bigint): number {
  return Number(process.hrtime.bigint() - t0) / 1e6;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

const fmt = (x: number, d = 0) => x.toLocaleString('sv-SE', { minimumFractionDigits: d, maximumFractionDigits: d });

// In this process: the stages of one simulation, single-threaded.
let t = process.hrtime.bigint();
const loaded = await loadScenario('sthlm-2020', { vary: VARY });
const loadMs = ms(t);
t = process.hrtime.bigint();
const sim = compileSimulation(loaded.source, loaded.vary);
const compileMs = ms(t);
const store = createStore(sim.plan, RUNS);
t = process.hrtime.bigint();
runChunks(sim, 1, store, 0, chunkCount(RUNS));
const runMs = ms(t);
t = process.hrtime.bigint();
const summary = summarise(sim, store, 1);
const summaryMs = ms(t);

console.log('');
console.log(`andel bench: Monte Carlo, sthlm-2020 licence split (${summary.parties.length} parties, ${fmt(RUNS)} runs, cap 615 312 kr carried by the region)`);
console.log(`  in this process, one thread: load ${fmt(loadMs)} ms, compile ${fmt(compileMs)} ms, runs ${fmt(runMs)} ms (${fmt((RUNS / runMs) * 1000)} runs/s), percentiles ${fmt(summaryMs)} ms`);

// As a user runs it: a whole process, start-up and JSON output included.
const bin = join(projectRoot(), 'bin', 'andel.js');
const args = [bin, 'simulate', 'sthlm-2020', '--runs', String(RUNS), '--seed', '1', ...VARY.flatMap((v) => ['--vary', v]), '--format', 'json'];
for (const workers of ['auto', '1', '2']) {
  const times: number[] = [];
  let used = '?';
  for (let i = 0; i < 3; i++) {
    const t0 = process.hrtime.bigint();
    const r = spawnSync(process.execPath, [...args, '--workers', workers], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    times.push(ms(t0) / 1000);
    if (r.status !== 0) throw new Error(`andel simulate failed: ${r.stderr}`);
    used = String((JSON.parse(r.stdout) as { workers: number }).workers);
  }
  const s = median(times);
  console.log(
    `  whole process, --workers ${workers.padEnd(4)} (${used} ${used === '1' ? 'thread' : 'threads'}): ${fmt(s, 2)} s median of 3   ` +
      `(numpy reference ${fmt(REFERENCE_S, 1)} s; target ≤ ${fmt(TARGET_S, 2)} s: ${s <= TARGET_S ? 'met' : 'NOT met'}; ${fmt(REFERENCE_S / s, 2)}× the reference)`,
  );
}
const t1 = process.hrtime.bigint();
spawnSync(process.execPath, [bin, '--help'], { encoding: 'utf8' });
console.log(`  for comparison, "andel --help" as a whole process: ${fmt(ms(t1) / 1000, 2)} s`);
