/**
 * `npm run bench`: figures a person can compare between machines and
 * commits. Nothing here asserts a speed; it prints what it measured.
 *
 * 1. The allocation kernel: a total split over 50 parties by weights,
 *    largest remainder to the öre, 100 000 different totals and weights.
 *    Reference on the 2-core development machine: a plain integer kernel
 *    ~310 000 splits/s; decimal.js per party ~4 600 splits/s.
 */
import { xoroshiro128plus, unsafeUniformIntDistribution } from 'pure-rand';
import { allocateByWeights, fastKernelApplies, splitUnitsFast, tieRanks } from '../models/allocate.js';
import { Dec } from '../models/money.js';

const PARTIES = 50;
const SPLITS = 100_000;

function seededCases(seed: number, count: number, parties: number) {
  const rng = xoroshiro128plus(seed);
  const totals = new Float64Array(count);
  const weights = new Float64Array(count * parties);
  for (let k = 0; k < count; k++) {
    totals[k] = unsafeUniformIntDistribution(0, 2_000_000_000, rng); // up to 20 Mkr in öre
    for (let i = 0; i < parties; i++) weights[k * parties + i] = unsafeUniformIntDistribution(1, 600_000, rng);
  }
  return { totals, weights };
}

function time<T>(fn: () => T): { ms: number; value: T } {
  const t0 = process.hrtime.bigint();
  const value = fn();
  return { ms: Number(process.hrtime.bigint() - t0) / 1e6, value };
}

function rate(n: number, ms: number): string {
  return Math.round((n / ms) * 1000).toLocaleString('sv-SE');
}

const codes = Array.from({ length: PARTIES }, (_, i) => String(1400 + i));
const { totals, weights } = seededCases(42, SPLITS, PARTIES);

// 1a. The typed-array kernel, as hot loops (Monte Carlo) use it.
const { rank, byRank } = tieRanks(codes);
const out = new Float64Array(PARTIES);
const scratch = new Float64Array(PARTIES);
const kernel = time(() => {
  let check = 0;
  for (let k = 0; k < SPLITS; k++) {
    const w = weights.subarray(k * PARTIES, (k + 1) * PARTIES);
    let W = 0;
    for (let i = 0; i < PARTIES; i++) W += w[i]!;
    if (!fastKernelApplies(W, PARTIES)) throw new Error('bench case outside the fast kernel');
    splitUnitsFast(totals[k]!, w, W, rank, byRank, out, scratch);
    check += out[0]!;
  }
  return check;
});

// 1b. The full allocateByWeights with its explanation per party.
const FULL = 20_000;
const full = time(() => {
  let check = 0;
  for (let k = 0; k < FULL; k++) {
    const a = allocateByWeights({ total: totals[k]!, codes, weights: Array.from(weights.subarray(k * PARTIES, (k + 1) * PARTIES)) });
    check += a.lines[0]!.amount;
  }
  return check;
});

// 1c. decimal.js per party, for comparison only (what the hot path must not do).
const DEC = 2_000;
const dec = time(() => {
  let check = 0;
  for (let k = 0; k < DEC; k++) {
    const w = weights.subarray(k * PARTIES, (k + 1) * PARTIES);
    const W = new Dec(w.reduce((s, x) => s + x, 0));
    const T = new Dec(totals[k]!);
    const shares = Array.from(w, (x) => T.times(x).dividedBy(W));
    const floors = shares.map((s) => s.floor());
    check += floors[0]!.toNumber();
  }
  return check;
});

console.log('andel bench: allocation kernel (50 parties, largest remainder to the öre)');
console.log(`  typed-array kernel     ${rate(SPLITS, kernel.ms).padStart(12)} splits/s   (${SPLITS.toLocaleString('sv-SE')} splits in ${kernel.ms.toFixed(0)} ms; reference: plain integer kernel ~310 000/s)`);
console.log(`  allocateByWeights      ${rate(FULL, full.ms).padStart(12)} splits/s   (with exact shares and explanation per party)`);
console.log(`  decimal.js per party   ${rate(DEC, dec.ms).padStart(12)} splits/s   (reference ~4 600/s; not used in hot paths)`);

// Start-up: short commands as whole processes beside `node -e 0`.
await import('./startup.js');

// 2. Scenarios: the Monte Carlo of the Stockholm licence split.
await import('./scenarios.js');

// 3. Reports: the 50 VGR letters end to end, and 290 letters with flat memory (ANDEL_BENCH_SKIP_290=1 to leave those out).
await import('./reports.js');

// 4. The PDF engine on its own: the time per PDF of a two-page letter with a chart, once the
//    browser is warm (the figure the renderer's unit test used to print; tests never time).
const { benchRenderEngine, formatRenderBench } = await import('./render-engine.js');
await benchRenderEngine({ count: 20 }).then(
  (r) => process.stdout.write(`andel bench: ${formatRenderBench(r)}\n`),
  (error: unknown) => process.stderr.write(`andel bench (PDF engine): ${error instanceof Error ? error.message : String(error)}\n`),
);

// 5. The explorer (andel explore): a lever change to the updated table in Chromium, for vgr-2022 and 290
//    municipalities, and the size of each page (bench/explore.ts says what exactly is timed).
const { benchExplorer, formatExplorerBench } = await import('./explore.js');
await benchExplorer().then(
  (r) => process.stdout.write(`${formatExplorerBench(r)}\n`),
  (error: unknown) => process.stderr.write(`andel bench (explorer): ${error instanceof Error ? error.message : String(error)}\n`),
);
