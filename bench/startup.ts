/**
 * `npm run bench`, start-up: how long a short command takes as a whole process, beside a bare `node -e 0` (its
 * peer: what no Node program can beat), in one run. The commands run in turn, round after round (A B C … A B C …),
 * so that a burst of load on the machine falls on all of them alike; each figure is the median of its rounds, and
 * the ratio to `node -e 0` is what compares between machines. Printed, never asserted.
 *
 * Goals (issue 14): `andel allocate vgr-2022 --format json` within 2,5× of `node -e 0`, `andel --help` within 2×.
 * The same allocation through the unbundled tsc output (`dist/cli/main.js`) shows what the bundle saves.
 */
import { spawnSync } from 'node:child_process';
import { fmt, median } from './figures.js';
import { join } from 'node:path';
import { projectRoot } from '../data/project-root.js';

const ROUNDS = Number(process.env['ANDEL_BENCH_STARTUP_ROUNDS'] ?? 21);

interface Case {
  readonly label: string;
  readonly args: readonly string[];
  /** The goal as a ratio to `node -e 0`, where the issue sets one. */
  readonly goal?: number;
}

const root = projectRoot();
const bin = join(root, 'bin', 'andel.js');
const VARY = ['--vary', 'licence.total=uniform(1000000,2000000)', '--vary', 'population=uniform(-0.05,0.05)'];

const CASES: readonly Case[] = [
  { label: 'node -e 0', args: ['-e', '0'] },
  { label: 'andel --help', args: [bin, '--help'], goal: 2 },
  { label: 'andel allocate vgr-2022 --format json', args: [bin, 'allocate', 'vgr-2022', '--format', 'json'], goal: 2.5 },
  { label: '  the same, unbundled (dist/cli/main.js)', args: [join(root, 'dist', 'cli', 'main.js'), 'allocate', 'vgr-2022', '--format', 'json'] },
  { label: 'andel simulate sthlm-2020 --runs 1000 (2 --vary)', args: [bin, 'simulate', 'sthlm-2020', '--runs', '1000', '--seed', '1', ...VARY, '--format', 'json'] },
];

/** Runs one command to its end; its wall-clock time in milliseconds. */
function timeOnce(c: Case): number {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, c.args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 * 1024 * 1024 });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.status !== 0) throw new Error(`${c.label} failed (exit ${r.status ?? r.signal}): ${r.stderr.toString('utf8').slice(0, 500)}`);
  return ms;
}


/** Measures every case, alternating, and returns the median time of each. */
export function benchStartup(rounds = ROUNDS): { label: string; ms: number; ratio: number; goal?: number }[] {
  // One warm-up round: the files come into the page cache, as they are on a machine in use.
  for (const c of CASES) timeOnce(c);
  const times = CASES.map(() => [] as number[]);
  for (let r = 0; r < rounds; r++) CASES.forEach((c, i) => times[i]!.push(timeOnce(c)));
  const base = median(times[0]!);
  return CASES.map((c, i) => ({ label: c.label, ms: median(times[i]!), ratio: median(times[i]!) / base, ...(c.goal === undefined ? {} : { goal: c.goal }) }));
}

console.log('');
console.log(`andel bench: start-up, whole processes, median of ${ROUNDS} alternating rounds, as a multiple of node -e 0`);
for (const row of benchStartup()) {
  const goal = row.goal === undefined ? '' : `   (goal ≤ ${fmt(row.goal, 1)}×: ${row.ratio <= row.goal ? 'met' : 'not met'})`;
  console.log(`  ${row.label.padEnd(52)} ${fmt(row.ms).padStart(6)} ms   ${fmt(row.ratio, 2).padStart(5)}×${goal}`);
}
