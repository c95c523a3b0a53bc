import fc from 'fast-check';
import { xoroshiro128plus, unsafeUniformIntDistribution } from 'pure-rand';
import { describe, expect, it } from 'vitest';
import {
  BUCKETS,
  type FirstPass,
  KEEP,
  type LaterPass,
  type Target,
  addToFirstPass,
  addToLaterPass,
  countRuns,
  firstPass,
  foundTable,
  laterPass,
  mergeFirstPass,
  mergeLaterPass,
  summariesOf,
  targetsOfFirstPass,
  targetsOfLaterPass,
} from '../../../models/scenarios/exact-percentiles.js';
import { type ColumnSummary, PERCENTILES, nearestRankIndex } from '../../../models/scenarios/statistics.js';

/** The summary by definition: sort every value, read the nearest ranks, add up exactly. */
function bySorting(values: readonly number[]): ColumnSummary {
  const s = [...values].sort((a, b) => a - b);
  const n = s.length;
  const [p5, p50, p95] = PERCENTILES.map((p) => s[nearestRankIndex(p, n)]!);
  return { n, min: s[0]!, p5: p5!, p50: p50!, p95: p95!, max: s[n - 1]!, sum: values.reduce((a, v) => a + BigInt(v), 0n) };
}

/**
 * Runs the passes over `columns` (run-major blocks of `block` runs, as the
 * kernel hands out chunks), with the blocks dealt round-robin to `threads`
 * accumulators that are merged after each pass, as worker threads do.
 */
function byPasses(columns: readonly number[][], block: number, threads: number): { summaries: ColumnSummary[]; passes: number } {
  const C = columns.length;
  const R = columns[0]!.length;
  const blocks: Float64Array[] = [];
  for (let first = 0; first < R; first += block) {
    const count = Math.min(block, R - first);
    const buf = new Float64Array(count * C);
    for (let r = 0; r < count; r++) for (let c = 0; c < C; c++) buf[r * C + c] = columns[c]![first + r]!;
    blocks.push(buf);
  }
  const feed = <P>(make: () => P, add: (p: P, buf: Float64Array, count: number) => void, merge: (into: P, from: P) => void): P => {
    const parts = Array.from({ length: threads }, make);
    blocks.forEach((buf, i) => add(parts[i % threads]!, buf, buf.length / C));
    // Through a structured clone, as a worker's message would carry it.
    for (let t = 1; t < threads; t++) merge(parts[0]!, structuredClone(parts[t]!));
    return parts[0]!;
  };
  const first = feed<FirstPass>(
    () => firstPass(C),
    (p, buf, count) => {
      // Outputs and inputs arrive as two blocks of columns.
      const split = Math.floor(C / 2);
      const a = new Float64Array(count * split);
      const b = new Float64Array(count * (C - split));
      for (let r = 0; r < count; r++) for (let c = 0; c < C; c++) (c < split ? a : b)[r * (c < split ? split : C - split) + (c < split ? c : c - split)] = buf[r * C + c]!;
      addToFirstPass(p, a, split, count, 0, split);
      addToFirstPass(p, b, C - split, count, split, C - split);
      countRuns(p, count);
    },
    mergeFirstPass,
  );
  const found = foundTable(C);
  let passes = 1;
  for (let targets: Target[] = targetsOfFirstPass(first, found); targets.length > 0; passes++) {
    const later = feed<LaterPass>(() => laterPass(C, targets), (p, buf, count) => addToLaterPass(p, buf, C, count, 0, C), mergeLaterPass);
    targets = targetsOfLaterPass(later, found);
  }
  return { summaries: summariesOf(first, found), passes };
}

/** Columns of whole numbers of several shapes, from a seed. */
function columnsOf(seed: number, runs: number, shapes: readonly string[]): number[][] {
  const rng = xoroshiro128plus(seed);
  const int = (lo: number, hi: number) => unsafeUniformIntDistribution(lo, hi, rng);
  return shapes.map((shape) =>
    Array.from({ length: runs }, () => {
      switch (shape) {
        case 'constant':
          return 615_312_00;
        case 'capped': // a cap that binds in about half the runs, as Stockholm's licence
          return Math.min(61_531_200, int(40_000_000, 80_000_000));
        case 'mostly-zero': // held back: zero unless the cap binds
          return int(0, 9) < 7 ? 0 : int(1, 20_000_000);
        case 'negative': // a surplus that can be a shortfall
          return int(-5_000_000, 3_000_000);
        case 'wide': // a heavy tail: most values small, a few near 2^50
          return int(0, 99) === 0 ? int(0, 2 ** 30) * 2 ** 20 : int(0, 50_000);
        case 'few':
          return [3, 7, 7, 11][int(0, 3)]!;
        default:
          return int(0, 2 ** 31);
      }
    }),
  );
}

const SHAPES = ['constant', 'capped', 'mostly-zero', 'negative', 'wide', 'few', 'uniform'];

describe('exact percentiles in passes', () => {
  it('equal the sorted runs (min, P5, P50, P95, max, exact sum) for any shape, block size and number of threads', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2 ** 31 }),
        fc.integer({ min: 1, max: 3000 }),
        fc.shuffledSubarray(SHAPES, { minLength: 1 }),
        fc.integer({ min: 1, max: 1000 }),
        fc.integer({ min: 1, max: 4 }),
        (seed, runs, shapes, block, threads) => {
          const columns = columnsOf(seed, runs, shapes);
          const { summaries } = byPasses(columns, block, threads);
          expect(summaries).toEqual(columns.map(bySorting));
        },
      ),
      { seed: 14, numRuns: 150 },
    );
  });

  it('a bucket with more distinct values than it keeps becomes a finer histogram, and the answer is still exact', () => {
    // Ten thousand distinct small values and one far away: the first pass's
    // buckets are wide, and the one holding the ranks has them all.
    const values = [...Array.from({ length: 10_000 }, (_, i) => i * 3), 2 ** 45];
    expect(values.length).toBeGreaterThan(KEEP);
    const { summaries, passes } = byPasses([values], 1000, 2);
    expect(summaries).toEqual([bySorting(values)]);
    expect(passes).toBeGreaterThan(2);
  });

  it('memory follows the buckets, not the runs: the first pass holds BUCKETS counts per column whatever the runs', () => {
    const small = firstPass(3);
    const large = firstPass(3);
    const rows = (n: number) => Float64Array.from({ length: 3 * n }, (_, i) => (i * 7919) % 100_003);
    addToFirstPass(small, rows(100), 3, 100, 0, 3);
    addToFirstPass(large, rows(50_000), 3, 50_000, 0, 3);
    expect(large.counts.length).toBe(small.counts.length);
    expect(large.counts.length).toBe(3 * BUCKETS);
  });
});
