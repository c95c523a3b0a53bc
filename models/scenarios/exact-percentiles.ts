/**
 * Exact nearest-rank percentiles of simulated columns without keeping every
 * run: memory grows with columns × buckets, not with runs × columns.
 *
 * A simulation's runs can be made again at will (a run depends on the seed
 * and its index alone, see `random.ts`), so the percentiles are found in
 * passes over the same runs:
 *
 * 1. The first pass keeps, per column, the exact minimum, maximum and sum,
 *    and a histogram of {@link BUCKETS} buckets whose width is a power of two
 *    that doubles (merging neighbours) whenever a value falls outside it. The
 *    bucket holding each wanted rank is then known, and how many runs lie
 *    below it.
 * 2. Each further pass makes the runs again and keeps only the values that
 *    fall in a wanted bucket: as a sorted list of distinct values with their
 *    counts, from which the rank is read exactly. A bucket that turns out to
 *    hold more than {@link KEEP} distinct values becomes a histogram of its
 *    own, {@link BUCKETS} times finer, and the next pass looks inside the one
 *    sub-bucket that holds the rank; a bucket one öre wide is a single value.
 *
 * Every column holds whole numbers (öre, or grid units of a parameter), and
 * the widths are powers of two, so each bucket index is computed exactly.
 * The answers are the very values a sort of all runs would give, whatever
 * the order in which chunks were seen and however the work was shared: the
 * accumulators of several threads merge into the same answer.
 *
 * Everything here is plain data (typed arrays, numbers, bigints): it crosses
 * to and from worker threads as a structured clone.
 */
import { InvariantError, t as tr } from '../errors.js';
import { type ColumnSummary, PERCENTILES, nearestRankIndex } from './statistics.js';

/** Buckets per histogram. */
export const BUCKETS = 2048;

/** Distinct values a wanted bucket keeps before it becomes a finer histogram. */
export const KEEP = 4096;

// ---------------------------------------------------------------------------
// Pass one: extremes, exact sums and widening histograms

/** What the first pass knows about each column. */
export interface FirstPass {
  readonly columns: number;
  /** Runs seen. */
  n: number;
  readonly min: Float64Array;
  readonly max: Float64Array;
  /** Exact sums (öre or grid units). */
  readonly sums: bigint[];
  /** Bucket width per column (a power of two, at least 1). */
  readonly width: Float64Array;
  /** Index of bucket 0 per column: bucket b holds [(lo + b)·width, (lo + b + 1)·width). */
  readonly lo: Float64Array;
  /** `columns × BUCKETS` counts. */
  readonly counts: Float64Array;
}

/** An empty first pass over `columns` columns. */
export function firstPass(columns: number): FirstPass {
  return {
    columns, n: 0, min: new Float64Array(columns).fill(Infinity), max: new Float64Array(columns).fill(-Infinity), sums: new Array<bigint>(columns).fill(0n),
    width: new Float64Array(columns).fill(1), lo: new Float64Array(columns).fill(NaN), counts: new Float64Array(columns * BUCKETS),
  };
}

/**
 * Adds `count` runs to columns `from … from + cols − 1`: run r's value of
 * column `from + j` is `buf[r · stride + j]`. Call once per block of runs
 * with every column block (outputs, then inputs); `n` is advanced by the
 * caller through {@link countRuns}.
 */
export function addToFirstPass(p: FirstPass, buf: Float64Array, stride: number, count: number, from: number, cols: number): void {
  if (count === 0 || cols === 0) return;
  const { min, max, width, lo, counts, sums } = p;
  for (let j = 0; j < cols; j++) if (Number.isNaN(lo[from + j]!)) lo[from + j] = Math.floor(buf[j]!) - BUCKETS / 2;
  // Run by run, column by column: the buffer is read in order. A block of at
  // most 1 024 values below 8·10^12 each sums exactly in a double.
  const block = new Float64Array(cols);
  for (let r0 = 0; r0 < count; r0 += 1024) {
    const r1 = Math.min(count, r0 + 1024);
    for (let r = r0; r < r1; r++) {
      const row = r * stride;
      for (let j = 0; j < cols; j++) {
        const c = from + j;
        const v = buf[row + j]!;
        if (v < min[c]!) min[c] = v;
        if (v > max[c]!) max[c] = v;
        if (v > 8e12 || v < -8e12) sums[c] = sums[c]! + BigInt(v);
        else block[j]! += v;
        let b = Math.floor(v / width[c]!) - lo[c]!;
        if (b < 0 || b >= BUCKETS) {
          widen(p, c, min[c]!, max[c]!);
          b = Math.floor(v / width[c]!) - lo[c]!;
        }
        counts[c * BUCKETS + b]! += 1;
      }
    }
    for (let j = 0; j < cols; j++) {
      if (block[j] !== 0) sums[from + j] = sums[from + j]! + BigInt(block[j]!);
      block[j] = 0;
    }
  }
}

/** Records that `count` more runs were added. */
export function countRuns(p: FirstPass, count: number): void {
  p.n += count;
}

/** Widens column c's histogram (doubling its width as needed) so that [mn, mx] fits, and re-buckets its counts. */
function widen(p: FirstPass, c: number, mn: number, mx: number): void {
  let w = p.width[c]!;
  while (Math.floor(mx / w) - Math.floor(mn / w) >= BUCKETS) w *= 2;
  rebucket(p, c, w, mn, mx);
}

/** Moves column c's counts to width `w` (not below the current one), with the buckets placed around [mn, mx]. */
function rebucket(p: FirstPass, c: number, w: number, mn: number, mx: number): void {
  const oldW = p.width[c]!;
  const oldLo = p.lo[c]!;
  const used = Math.floor(mx / w) - Math.floor(mn / w) + 1;
  const newLo = Math.floor(mn / w) - Math.floor((BUCKETS - used) / 2);
  const row = c * BUCKETS;
  const old = p.counts.slice(row, row + BUCKETS);
  p.counts.fill(0, row, row + BUCKETS);
  const ratio = w / oldW;
  if (!Number.isNaN(oldLo)) {
    for (let b = 0; b < BUCKETS; b++) {
      const k = old[b]!;
      if (k === 0) continue;
      p.counts[row + Math.floor((oldLo + b) / ratio) - newLo]! += k;
    }
  }
  p.width[c] = w;
  p.lo[c] = newLo;
}

/** Adds the first pass `from` (another thread's, over other runs) into `into`. */
export function mergeFirstPass(into: FirstPass, from: FirstPass): void {
  into.n += from.n;
  for (let c = 0; c < into.columns; c++) {
    if (Number.isNaN(from.lo[c]!)) continue;
    const mn = Math.min(into.min[c]!, from.min[c]!);
    const mx = Math.max(into.max[c]!, from.max[c]!);
    into.sums[c] = into.sums[c]! + from.sums[c]!;
    if (Number.isNaN(into.lo[c]!)) {
      into.min[c] = from.min[c]!;
      into.max[c] = from.max[c]!;
      into.width[c] = from.width[c]!;
      into.lo[c] = from.lo[c]!;
      into.counts.set(from.counts.subarray(c * BUCKETS, (c + 1) * BUCKETS), c * BUCKETS);
      continue;
    }
    let w = Math.max(into.width[c]!, from.width[c]!);
    while (Math.floor(mx / w) - Math.floor(mn / w) >= BUCKETS) w *= 2;
    rebucket(into, c, w, mn, mx);
    into.min[c] = mn;
    into.max[c] = mx;
    const ratio = w / from.width[c]!;
    const row = c * BUCKETS;
    for (let b = 0; b < BUCKETS; b++) {
      const k = from.counts[row + b]!;
      if (k !== 0) into.counts[row + Math.floor((from.lo[c]! + b) / ratio) - into.lo[c]!]! += k;
    }
  }
}

// ---------------------------------------------------------------------------
// Later passes: the values inside the wanted buckets

/** A bucket to look into: column `col`'s values in [lo, lo + width), and the ranks wanted among them. */
export interface Target {
  readonly col: number;
  readonly lo: number;
  readonly width: number;
  /** Which of {@link PERCENTILES} (by index) each rank answers. */
  readonly which: readonly number[];
  /** 0-based ranks among the values in the bucket. */
  readonly ranks: readonly number[];
}

/** What a pass gathers for one target. */
interface Gathered {
  /** Values not yet merged in, in arrival order. */
  raw: Float64Array;
  rawN: number;
  /** Distinct values, ascending, and how often each came. */
  values: Float64Array;
  counts: Float64Array;
  distinct: number;
  /** Set when the target held too many distinct values: counts per sub-bucket of width `subWidth`. */
  hist: Float64Array | null;
  subWidth: number;
}

/** A pass over the runs looking into some buckets. */
export interface LaterPass {
  readonly targets: readonly Target[];
  readonly gathered: Gathered[];
  /** Per column, the first and one-past-last index of its targets (targets are sorted by column). */
  readonly firstOf: Int32Array;
  readonly endOf: Int32Array;
  /** Columns that have targets. */
  readonly active: Int32Array;
}

/** A pass over `columns` columns looking into `targets`. */
export function laterPass(columns: number, targets: readonly Target[]): LaterPass {
  const sorted = [...targets].sort((a, b) => a.col - b.col || a.lo - b.lo);
  const firstOf = new Int32Array(columns);
  const endOf = new Int32Array(columns);
  const active: number[] = [];
  sorted.forEach((t, i) => {
    if (endOf[t.col] === 0) {
      firstOf[t.col] = i;
      active.push(t.col);
    }
    endOf[t.col] = i + 1;
  });
  const gathered = sorted.map(() => ({ raw: new Float64Array(16), rawN: 0, values: new Float64Array(0), counts: new Float64Array(0), distinct: 0, hist: null, subWidth: 0 }));
  return { targets: sorted, gathered, firstOf, endOf, active: Int32Array.from(active) };
}

/** Adds `count` runs of columns `from … from + cols − 1` (laid out as for {@link addToFirstPass}). */
export function addToLaterPass(p: LaterPass, buf: Float64Array, stride: number, count: number, from: number, cols: number): void {
  const { active, firstOf, endOf, targets, gathered } = p;
  // The active columns of this block, with the span of their targets.
  const at: number[] = [];
  const low: number[] = [];
  const high: number[] = [];
  for (let a = 0; a < active.length; a++) {
    const c = active[a]!;
    if (c < from || c >= from + cols) continue;
    at.push(c);
    low.push(targets[firstOf[c]!]!.lo);
    const last = targets[endOf[c]! - 1]!;
    high.push(last.lo + last.width);
  }
  const n = at.length;
  for (let r = 0; r < count; r++) {
    const row = r * stride - from;
    for (let a = 0; a < n; a++) {
      const c = at[a]!;
      const v = buf[row + c]!;
      if (v < low[a]! || v >= high[a]!) continue;
      for (let t = firstOf[c]!, t1 = endOf[c]!; t < t1; t++) {
        const tg = targets[t]!;
        if (v >= tg.lo && v < tg.lo + tg.width) {
          gather(gathered[t]!, tg, v);
          break;
        }
      }
    }
  }
}

function gather(g: Gathered, t: Target, v: number): void {
  if (g.hist) {
    g.hist[Math.floor((v - t.lo) / g.subWidth)]! += 1;
    return;
  }
  if (g.rawN === g.raw.length) {
    if (g.raw.length < 2 * KEEP) {
      const bigger = new Float64Array(g.raw.length * 2);
      bigger.set(g.raw);
      g.raw = bigger;
    } else {
      // Compacting empties the raw buffer, or turns the target into a histogram.
      compact(g, t);
      gather(g, t, v);
      return;
    }
  }
  g.raw[g.rawN++] = v;
}

/** Merges the raw values into the sorted distinct list; too many distinct values turn it into a histogram. */
function compact(g: Gathered, t: Target): void {
  if (g.hist || g.rawN === 0) return;
  const raw = g.raw.subarray(0, g.rawN).sort();
  // Runs of equal values, then merged with the list so far.
  const rv = new Float64Array(raw.length);
  const rc = new Float64Array(raw.length);
  let m = 0;
  for (let k = 0; k < raw.length; k++) {
    if (m > 0 && rv[m - 1] === raw[k]) rc[m - 1]! += 1;
    else {
      rv[m] = raw[k]!;
      rc[m++] = 1;
    }
  }
  g.rawN = 0;
  setList(g, t, ...mergeLists(g.values, g.counts, g.distinct, rv, rc, m));
}

/** Two ascending lists of distinct values with counts, merged into one. */
function mergeLists(av: Float64Array, ac: Float64Array, an: number, bv: Float64Array, bc: Float64Array, bn: number): [Float64Array, Float64Array, number] {
  const values = new Float64Array(an + bn);
  const counts = new Float64Array(an + bn);
  let n = 0;
  let i = 0;
  let k = 0;
  while (i < an || k < bn) {
    let v: number;
    let c: number;
    if (k >= bn || (i < an && av[i]! < bv[k]!)) {
      v = av[i]!;
      c = ac[i++]!;
    } else if (i >= an || bv[k]! < av[i]!) {
      v = bv[k]!;
      c = bc[k++]!;
    } else {
      v = av[i]!;
      c = ac[i++]! + bc[k++]!;
    }
    values[n] = v;
    counts[n++] = c;
  }
  return [values, counts, n];
}

function setList(g: Gathered, t: Target, values: Float64Array, counts: Float64Array, n: number): void {
  if (n > KEEP) {
    toHistogram(g, t, values.subarray(0, n), counts.subarray(0, n));
    return;
  }
  g.values = values.slice(0, n);
  g.counts = counts.slice(0, n);
  g.distinct = n;
}

function toHistogram(g: Gathered, t: Target, values: Float64Array, counts: Float64Array): void {
  const sub = Math.max(1, t.width / BUCKETS);
  const hist = new Float64Array(Math.ceil(t.width / sub));
  for (let i = 0; i < values.length; i++) hist[Math.floor((values[i]! - t.lo) / sub)]! += counts[i]!;
  g.hist = hist;
  g.subWidth = sub;
  g.values = new Float64Array(0);
  g.counts = new Float64Array(0);
  g.distinct = 0;
  g.rawN = 0;
}

/** Adds the pass `from` (another thread's, over other runs, with the same targets) into `into`. */
export function mergeLaterPass(into: LaterPass, from: LaterPass): void {
  into.gathered.forEach((g, i) => {
    const t = into.targets[i]!;
    const h = from.gathered[i]!;
    compact(g, t);
    compact(h, t);
    if (!g.hist && !h.hist) {
      setList(g, t, ...mergeLists(g.values, g.counts, g.distinct, h.values, h.counts, h.distinct));
      return;
    }
    if (!g.hist) toHistogram(g, t, g.values.subarray(0, g.distinct), g.counts.subarray(0, g.distinct));
    const hist = g.hist!;
    if (h.hist) for (let b = 0; b < h.hist.length; b++) hist[b]! += h.hist[b]!;
    else for (let k = 0; k < h.distinct; k++) hist[Math.floor((h.values[k]! - t.lo) / g.subWidth)]! += h.counts[k]!;
  });
}

// ---------------------------------------------------------------------------
// Reading the answers

/** Percentile values found so far: `found[col · 3 + which]`, NaN while unknown. */
export type Found = Float64Array;

/** An empty table of answers for `columns` columns. */
export function foundTable(columns: number): Found {
  return new Float64Array(columns * PERCENTILES.length).fill(NaN);
}

/**
 * The buckets the first pass points to, one target per bucket (a bucket can
 * hold several ranks). Columns with a single value, and ranks in a bucket
 * one unit wide, are answered at once in `found`.
 */
export function targetsOfFirstPass(p: FirstPass, found: Found): Target[] {
  const out: Target[] = [];
  const n = p.n;
  const ks = PERCENTILES.map((q) => nearestRankIndex(q, n));
  for (let c = 0; c < p.columns; c++) {
    if (n === 0) continue;
    if (p.min[c] === p.max[c]) {
      for (let q = 0; q < ks.length; q++) found[c * ks.length + q] = p.min[c]!;
      continue;
    }
    out.push(...targetsIn(c, p.counts.subarray(c * BUCKETS, (c + 1) * BUCKETS), p.lo[c]! * p.width[c]!, p.width[c]!, ks, ks.map((_, q) => q), found));
  }
  return out;
}

/** Targets for `ranks` (answering `which`) in a histogram whose bucket b holds [origin + b·width, origin + (b + 1)·width). */
function targetsIn(col: number, hist: Float64Array, origin: number, width: number, ranks: readonly number[], which: readonly number[], found: Found): Target[] {
  const out: Target[] = [];
  let below = 0;
  let q = 0;
  const order = ranks.map((_, i) => i).sort((a, b) => ranks[a]! - ranks[b]!);
  for (let b = 0; b < hist.length && q < order.length; b++) {
    const k = hist[b]!;
    const inBucket: number[] = [];
    while (q < order.length && ranks[order[q]!]! < below + k) inBucket.push(order[q++]!);
    if (inBucket.length > 0) {
      const lo = origin + b * width;
      if (width === 1) for (const i of inBucket) found[col * PERCENTILES.length + which[i]!] = lo;
      else out.push({ col, lo, width, which: inBucket.map((i) => which[i]!), ranks: inBucket.map((i) => ranks[i]! - below) });
    }
    below += k;
  }
  return out;
}

/**
 * Reads a finished later pass: the ranks answered exactly go to `found`; the
 * targets that became histograms give the finer targets of the next pass.
 */
export function targetsOfLaterPass(p: LaterPass, found: Found): Target[] {
  const out: Target[] = [];
  p.gathered.forEach((g, i) => {
    const t = p.targets[i]!;
    compact(g, t);
    if (g.hist) {
      out.push(...targetsIn(t.col, g.hist, t.lo, g.subWidth, t.ranks, t.which, found));
      return;
    }
    t.ranks.forEach((rank, j) => {
      let below = 0;
      for (let k = 0; k < g.distinct; k++) {
        below += g.counts[k]!;
        if (rank < below) {
          found[t.col * PERCENTILES.length + t.which[j]!] = g.values[k]!;
          return;
        }
      }
      throw new InvariantError(tr(`rang ${rank} saknas i kolumn ${t.col}`, `rank ${rank} is missing in column ${t.col}`));
    });
  });
  return out;
}

/** The columns' summaries once every percentile is found. */
export function summariesOf(p: FirstPass, found: Found): ColumnSummary[] {
  const out: ColumnSummary[] = [];
  for (let c = 0; c < p.columns; c++) {
    if (p.n === 0) {
      out.push({ n: 0, min: 0, p5: 0, p50: 0, p95: 0, max: 0, sum: 0n });
      continue;
    }
    const at = c * PERCENTILES.length;
    out.push({ n: p.n, min: p.min[c]!, p5: found[at]!, p50: found[at + 1]!, p95: found[at + 2]!, max: p.max[c]!, sum: p.sums[c]! });
  }
  return out;
}
