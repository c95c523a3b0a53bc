/**
 * `npm run bench`, scenarios: the Monte Carlo, side by side with its peer.
 *
 * 1. Stockholm (issue 5's performance case): 100 000 runs of the sthlm-2020
 *    licence split with the licence total and every population drawn, as a
 *    whole `andel simulate` process (start-up and JSON output included),
 *    against a vectorised numpy program doing the same computation
 *    (`bench/peers/montecarlo_numpy.py`: same distributions, cap and carrier,
 *    largest-remainder öre, nearest-rank percentiles) as a whole `python3`
 *    process. The two alternate, A B A B…, and the medians are compared in
 *    this run: the goal is andel at least 1,5 times faster. The stages in
 *    this process, one thread, are printed too.
 * 2. National scale: all 290 municipalities of Sweden and a carrier
 *    (`bench/schemes/sverige-andel.yaml`), 250 000, 500 000 and 1 000 000
 *    runs as whole processes: the time, the time per million runs (flat when
 *    time grows linearly with runs) and the peak memory of the process, all
 *    its threads included (the goal is 1 000 000 runs within 1 GiB).
 *
 * Nothing is asserted; the figures are printed. `ANDEL_BENCH_SKIP_NATIONAL=1`
 * leaves part 2 out.
 *
 *   node dist/bench/scenarios.js
 */
import { spawnSync } from 'node:child_process';
import { fmt, median } from './figures.js';
import { join } from 'node:path';
import { loadScenario } from '../data/load-scenario.js';
import { dataPath, projectRoot } from '../data/project-root.js';
import { compileSimulation, keepsRuns, simulateInPasses } from '../models/scenarios/simulation.js';
import { chunkCount, createStore, runChunks, summarise } from '../models/scenarios/simulation.js';

const RUNS = 100_000;
const VARY = ['licence.total=uniform(1000000,2000000)', 'population=uniform(-0.05,0.05)'];
/** Whole-process runs of each side in the Stockholm comparison. */
const REPEATS = 5;
const GOAL = 1.5;
const NATIONAL_VARY = ['total=uniform(50000000,150000000)', 'population=uniform(-0.05,0.05)'];
const NATIONAL_RUNS = [250_000, 500_000, 1_000_000];
const GIB = 1024 ** 3;

const root = projectRoot();
const bin = join(root, 'bin', 'andel.js');
const probe = join(root, 'dist', 'bench', 'max-rss.js');

function ms(t0: bigint): number {
  return Number(process.hrtime.bigint() - t0) / 1e6;
}


/** A whole process: its wall time, its peak resident memory (as the process reported it at exit) and its output. */
interface Measured {
  readonly seconds: number;
  readonly maxRssBytes: number | undefined;
  readonly stdout: string;
}

function measure(command: string, args: readonly string[], what: string): Measured {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(command, args, { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  const seconds = ms(t0) / 1000;
  if (r.status !== 0) throw new Error(`${what} failed (${r.status ?? r.signal}): ${r.stderr || r.error?.message}`);
  const kb = /andel-bench-max-rss-kb (\d+)/.exec(r.stderr)?.[1];
  return { seconds, maxRssBytes: kb === undefined ? undefined : Number(kb) * 1024, stdout: r.stdout };
}

function andelSimulate(target: string, runs: number, vary: readonly string[], workers = 'auto'): Measured {
  return measure(process.execPath, ['--import', probe, bin, 'simulate', target, '--runs', String(runs), '--seed', '1', ...vary.flatMap((v) => ['--vary', v]), '--format', 'json', '--workers', workers], 'andel simulate');
}

const mb = (bytes: number | undefined) => (bytes === undefined ? '?' : `${fmt(bytes / 2 ** 20)} MB`);

// ---------------------------------------------------------------------------
// 1. Stockholm

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
t = process.hrtime.bigint();
const inPasses = simulateInPasses(sim, { runs: RUNS, seed: 1 });
const passesMs = ms(t);

console.log('');
console.log(`andel bench: Monte Carlo, sthlm-2020 licence split (${summary.parties.length} parties, ${fmt(RUNS)} runs, cap 615 312 kr carried by the region)`);
console.log(`  in this process, one thread: load ${fmt(loadMs)} ms, compile ${fmt(compileMs)} ms, runs ${fmt(runMs)} ms (${fmt((RUNS / runMs) * 1000)} runs/s), percentiles ${fmt(summaryMs)} ms`);
console.log(
  `  the same without keeping runs (${inPasses.passes} passes, exact percentiles): ${fmt(passesMs)} ms; the command keeps runs up to this size: ${keepsRuns(sim.plan, RUNS) ? 'yes' : 'no'}`,
);

// As a user runs it, against numpy: whole processes, alternating.
const peer = join(root, 'bench', 'peers', 'montecarlo_numpy.py');
const population = dataPath('populations', 'stockholm-county-2019.csv');
const numpyThere = spawnSync('python3', ['-c', 'import numpy'], { encoding: 'utf8' }).status === 0;
const andelTimes: number[] = [];
const numpyTimes: number[] = [];
let andelRss: number | undefined;
let numpyRss: number | undefined;
let threads = '?';
for (let i = 0; i < REPEATS; i++) {
  const a = andelSimulate('sthlm-2020', RUNS, VARY);
  andelTimes.push(a.seconds);
  andelRss = a.maxRssBytes;
  threads = String((JSON.parse(a.stdout) as { workers: number }).workers);
  if (numpyThere) {
    const n = measure('python3', [peer, population, '--runs', String(RUNS), '--seed', '1'], 'the numpy peer');
    numpyTimes.push(n.seconds);
    numpyRss = n.maxRssBytes;
  }
}
const andelS = median(andelTimes);
console.log(`  whole process, andel simulate (${threads} ${threads === '1' ? 'thread' : 'threads'}): ${fmt(andelS, 2)} s median of ${REPEATS}, peak memory ${mb(andelRss)}`);
if (numpyThere) {
  const numpyS = median(numpyTimes);
  const ratio = numpyS / andelS;
  console.log(`  whole process, numpy peer (python3):       ${fmt(numpyS, 2)} s median of ${REPEATS}, peak memory ${mb(numpyRss)}   (runs alternated with andel's)`);
  console.log(`  andel is ${fmt(ratio, 2)}× as fast as numpy (goal ≥ ${fmt(GOAL, 1)}×: ${ratio >= GOAL ? 'met' : 'NOT met'})`);
} else {
  console.log('  numpy peer skipped: python3 with numpy not found (npm run bench installs it on Debian)');
}
const t1 = process.hrtime.bigint();
spawnSync(process.execPath, [bin, '--help'], { encoding: 'utf8' });
console.log(`  for comparison, "andel --help" as a whole process: ${fmt(ms(t1) / 1000, 2)} s`);

// ---------------------------------------------------------------------------
// 2. National scale

if (process.env['ANDEL_BENCH_SKIP_NATIONAL'] !== '1') {
  const national = join(root, 'bench', 'schemes', 'sverige-andel.yaml');
  console.log(`andel bench: Monte Carlo at national scale (290 municipalities and the state carrying what a cap holds back; total and every population drawn)`);
  const rows: { runs: number; m: Measured }[] = [];
  for (const runs of NATIONAL_RUNS) {
    const m = andelSimulate(national, runs, NATIONAL_VARY);
    rows.push({ runs, m });
    const workers = (JSON.parse(m.stdout) as { workers: number }).workers;
    console.log(
      `  ${fmt(runs).padStart(9)} runs: ${fmt(m.seconds, 1).padStart(5)} s, ${fmt((m.seconds / runs) * 1e6, 1)} s per million runs, peak memory ${mb(m.maxRssBytes)} (${workers} threads)` +
        (runs === 1_000_000 && m.maxRssBytes !== undefined ? `   (goal ≤ 1 GiB: ${m.maxRssBytes <= GIB ? 'met' : 'NOT met'})` : ''),
    );
  }
  const first = rows[0]!;
  const last = rows[rows.length - 1]!;
  const growth = last.m.seconds / last.runs / (first.m.seconds / first.runs);
  console.log(`  time per run at ${fmt(last.runs)} runs is ${fmt(growth, 2)}× that at ${fmt(first.runs)} (≤ 1 means no more than linear growth)`);
}
