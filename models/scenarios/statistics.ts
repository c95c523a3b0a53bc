/**
 * Summary statistics of simulated money: percentiles by the nearest-rank
 * rule (the p-percentile of N values is the ⌈p·N⌉-th smallest, so it is
 * always an amount some run actually gave, to the öre) and the exact mean as
 * a rational number of öre. Percentiles use selection, not a full sort:
 * linear time per column.
 */
import { Dec, type Ore } from '../money.js';

/** What a column of simulated amounts looks like. All amounts in öre. */
export interface ColumnSummary {
  readonly n: number;
  readonly min: Ore;
  readonly p5: Ore;
  readonly p50: Ore;
  readonly p95: Ore;
  readonly max: Ore;
  /** Exact sum of the values (öre); the mean is `sum / n`. */
  readonly sum: bigint;
}

/** The percentiles reported for every output. */
export const PERCENTILES = [5, 50, 95] as const;

/** 0-based index of the nearest-rank p-percentile among n sorted values. */
export function nearestRankIndex(p: number, n: number): number {
  return Math.max(0, Math.ceil((p / 100) * n - 1e-9) - 1);
}

/**
 * Summarises a column of integer amounts. `scratch` (at least as long as the
 * column) is overwritten; the column is not.
 */
export function summariseColumn(values: Float64Array, scratch: Float64Array = new Float64Array(values.length)): ColumnSummary {
  const n = values.length;
  if (n === 0) return { n, min: 0, p5: 0, p50: 0, p95: 0, max: 0, sum: 0n };
  let min = Infinity;
  let max = -Infinity;
  let sum = 0n;
  let block = 0;
  let big = false;
  for (let i = 0; i < n; i++) {
    const v = values[i]!;
    if (v < min) min = v;
    if (v > max) max = v;
    if (v > 8e12 || v < -8e12) big = true;
    if (big) sum += BigInt(v);
    else {
      block += v;
      // 1 024 values below 8·10^12 öre each stay exact in a double.
      if ((i & 1023) === 1023) {
        sum += BigInt(block);
        block = 0;
      }
    }
  }
  sum += BigInt(block);
  if (min === max) return { n, min, p5: min, p50: min, p95: min, max, sum };
  const a = scratch.subarray(0, n);
  a.set(values);
  const k50 = nearestRankIndex(50, n);
  const k5 = nearestRankIndex(5, n);
  const k95 = nearestRankIndex(95, n);
  // After the median is in place, the 5th percentile lies before it and the
  // 95th after it; each later selection stays on its own side.
  select(a, k50, 0, n - 1);
  const p50 = a[k50]!;
  if (k5 < k50) select(a, k5, 0, k50 - 1);
  if (k95 > k50) select(a, k95, k50 + 1, n - 1);
  return { n, min, p5: a[k5]!, p50, p95: a[k95]!, max, sum };
}

/** A constant output's summary (every run gave the same amount). */
export function constantSummary(value: Ore, n: number): ColumnSummary {
  return { n, min: value, p5: value, p50: value, p95: value, max: value, sum: BigInt(value) * BigInt(n) };
}

/** The summary of `x + c`: percentiles and extremes shift, the sum grows by n·c. */
export function shiftSummary(s: ColumnSummary, c: Ore): ColumnSummary {
  if (c === 0) return s;
  return { n: s.n, min: s.min + c, p5: s.p5 + c, p50: s.p50 + c, p95: s.p95 + c, max: s.max + c, sum: s.sum + BigInt(c) * BigInt(s.n) };
}

/** The mean in öre, exact (a Decimal with as many digits as it needs, at most 40 significant). */
export function meanOre(s: ColumnSummary): Dec {
  return s.n === 0 ? new Dec(0) : new Dec(s.sum.toString()).dividedBy(s.n);
}

/**
 * Moves the k-th smallest of `a[lo..hi]` to `a[k]`, smaller ones before it
 * and larger ones after: Floyd and Rivest's selection (CACM 18(3), 1975),
 * about 1.5 n comparisons, in the form of Agafonkin's `quickselect`.
 */
export function select(a: Float64Array, k: number, lo: number, hi: number): void {
  let left = lo;
  let right = hi;
  while (right > left) {
    if (right - left > 600) {
      // Recurse on a sample around k to find a pivot close to the answer.
      const n = right - left + 1;
      const i = k - left + 1;
      const z = Math.log(n);
      const s = 0.5 * Math.exp((2 * z) / 3);
      const sd = 0.5 * Math.sqrt((z * s * (n - s)) / n) * (i - n / 2 < 0 ? -1 : 1);
      const newLeft = Math.max(left, Math.floor(k - (i * s) / n + sd));
      const newRight = Math.min(right, Math.floor(k + ((n - i) * s) / n + sd));
      select(a, k, newLeft, newRight);
    }
    const t = a[k]!;
    let i = left;
    let j = right;
    swap(a, left, k);
    if (a[right]! > t) swap(a, left, right);
    while (i < j) {
      swap(a, i, j);
      i++;
      j--;
      while (a[i]! < t) i++;
      while (a[j]! > t) j--;
    }
    if (a[left] === t) swap(a, left, j);
    else {
      j++;
      swap(a, j, right);
    }
    if (j <= k) left = j + 1;
    if (k <= j) right = j - 1;
  }
}

function swap(a: Float64Array, i: number, j: number): void {
  const x = a[i]!;
  a[i] = a[j]!;
  a[j] = x;
}
