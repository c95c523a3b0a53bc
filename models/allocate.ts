/**
 * The one allocation core: a total of money split by integer weights with
 * largest-remainder rounding to a rounding unit. The parts always sum to the
 * total exactly; ties between equal remainders go to the party whose code
 * sorts first, never to whichever party happened to come first in the input.
 *
 * Two kernels do the same arithmetic: a fast one on doubles, used while every
 * product stays below 2^53 and so is exact, and a BigInt one for anything
 * larger. Both are exact; the fast one is what hot loops (benchmarks, Monte
 * Carlo) run.
 */
import { InputError, InvariantError, t } from './errors.js';
import { Dec, type Ore, assertOre } from './money.js';

/** A non-negative integer weight (population, users, an explicit weight). */
export type Weight = number | bigint;

/** What to split, among whom, by which weights. */
export interface AllocationInput {
  /** The amount to split, in öre. Must be a non-negative multiple of `unit`. */
  readonly total: Ore;
  /** Party codes, unique; the stable key that breaks ties. */
  readonly codes: readonly string[];
  /** One non-negative integer weight per party. */
  readonly weights: readonly Weight[];
  /** Rounding unit in öre: 1 rounds to the öre, 100 to whole kronor. Default 1. */
  readonly unit?: Ore;
}

/** How one party's figure was made. */
export interface AllocationLine {
  readonly code: string;
  readonly weight: Weight;
  /** Exact share in öre as a fraction `numerator / denominator`. */
  readonly exact: { readonly numerator: bigint; readonly denominator: bigint };
  /** The exact share rounded down to the unit. */
  readonly base: Ore;
  /** What largest remainder added: 0 or one unit. */
  readonly adjustment: Ore;
  /** `base + adjustment`. */
  readonly amount: Ore;
}

/** A split that conserves its total. */
export interface Allocation {
  readonly total: Ore;
  readonly unit: Ore;
  readonly lines: readonly AllocationLine[];
  /** How many units largest remainder handed out after rounding down. */
  readonly unitsHandedOut: number;
}

const EXACT_LIMIT = Number.MAX_SAFE_INTEGER;

/**
 * Ranks parties by code (code order, then input position for equal codes,
 * which {@link allocateByWeights} refuses anyway). `rank[i]` is party i's
 * place; `byRank[r]` is the party at place r.
 */
export function tieRanks(codes: readonly string[]): { rank: Int32Array; byRank: Int32Array } {
  const n = codes.length;
  const byRank = new Int32Array(n);
  for (let i = 0; i < n; i++) byRank[i] = i;
  byRank.sort((a, b) => {
    const ca = codes[a]!;
    const cb = codes[b]!;
    return ca < cb ? -1 : ca > cb ? 1 : a - b;
  });
  const rank = new Int32Array(n);
  for (let r = 0; r < n; r++) rank[byRank[r]!] = r;
  return { rank, byRank };
}

/**
 * The hot kernel: splits `units` whole units by `weights` with largest
 * remainder, writing each party's units to `out`. Exact when
 * `weightSum * weightSum` and `weightSum * n` stay below 2^53 (the caller checks
 * with {@link fastKernelApplies}). Uses no objects per party.
 *
 * @param units     whole rounding units to hand out (a safe integer ≥ 0)
 * @param weights   integer weights, their sum `weightSum` > 0
 * @param rank      tie rank per party from {@link tieRanks}
 * @param byRank    party per tie rank from {@link tieRanks}
 * @param out       receives the units per party
 * @param scratch   workspace of at least `n` doubles
 * @returns how many units were handed out by remainder
 */
export function splitUnitsFast(
  units: number,
  weights: ArrayLike<number>,
  weightSum: number,
  rank: Int32Array,
  byRank: Int32Array,
  out: Float64Array | number[],
  scratch: Float64Array,
): number {
  const n = weights.length;
  const q = Math.floor(units / weightSum);
  const r = units - q * weightSum;
  let given = 0;
  for (let i = 0; i < n; i++) {
    const w = weights[i]!;
    const prod = r * w; // < weightSum², exact
    let f = Math.floor(prod / weightSum);
    let rem = prod - f * weightSum;
    // Division of two exact doubles can round across an integer: correct it.
    if (rem < 0) {
      f -= 1;
      rem += weightSum;
    } else if (rem >= weightSum) {
      f += 1;
      rem -= weightSum;
    }
    const base = q * w + f;
    out[i] = base;
    given += base;
    // Larger remainder first; among equal remainders the lower code rank first.
    scratch[i] = rem * n + (n - 1 - rank[i]!);
  }
  const left = units - given;
  if (left > 0) {
    // The `left` largest keys (all distinct) get one unit each: a selection
    // puts them at the end in linear time, which a full sort did in n log n.
    selectKth(scratch, n - left, n);
    for (let k = n - left; k < n; k++) {
      const key = scratch[k]!;
      const rk = n - 1 - (key % n);
      out[byRank[rk]!]! += 1;
    }
  }
  return left;
}

/** Moves the k-th smallest of `a[0 … n − 1]` to `a[k]`, the smaller ones before it and the larger after (Hoare's selection). */
function selectKth(a: Float64Array, k: number, n: number): void {
  let lo = 0;
  let hi = n - 1;
  while (hi > lo) {
    const pivot = a[(lo + hi) >>> 1]!;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (a[i]! < pivot) i++;
      while (a[j]! > pivot) j--;
      if (i <= j) {
        const x = a[i]!;
        a[i] = a[j]!;
        a[j] = x;
        i++;
        j--;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return;
  }
}

/** Whether {@link splitUnitsFast} is exact for these sizes. */
export function fastKernelApplies(weightSum: number, n: number): boolean {
  return weightSum * weightSum < EXACT_LIMIT && weightSum * n < EXACT_LIMIT;
}

function checkInput(input: AllocationInput): { unit: Ore; units: number } {
  const unit = input.unit ?? 1;
  const { total, codes, weights } = input;
  if (!Number.isSafeInteger(unit) || unit <= 0) {
    throw InputError.of(t(`avrundningsenheten ${unit} öre är inte ett positivt heltal`, `rounding unit ${unit} öre is not a positive integer`));
  }
  assertOre(total);
  if (total < 0) {
    throw InputError.of(t(`beloppet att fördela är negativt (${total} öre)`, `the amount to split is negative (${total} öre)`));
  }
  if (total % unit !== 0) {
    throw InputError.of(
      t(
        `beloppet ${total} öre går inte jämnt upp i avrundningsenheten ${unit} öre; ange ett belopp i hela enheter`,
        `the amount ${total} öre is not a whole number of rounding units (${unit} öre); give an amount in whole units`,
      ),
    );
  }
  if (codes.length !== weights.length) {
    throw new InvariantError(t('lika många koder och vikter krävs', 'codes and weights must have the same length'));
  }
  const seen = new Set<string>();
  for (const c of codes) {
    if (seen.has(c)) throw InputError.of(t(`partskoden ${c} förekommer två gånger`, `party code ${c} occurs twice`));
    seen.add(c);
  }
  for (let i = 0; i < weights.length; i++) {
    const w = weights[i]!;
    const ok = typeof w === 'bigint' ? w >= 0n : Number.isSafeInteger(w) && w >= 0;
    if (!ok) {
      throw InputError.of(
        t(`vikten för ${codes[i]} (${String(w)}) är inte ett icke-negativt heltal`, `the weight of ${codes[i]} (${String(w)}) is not a non-negative integer`),
      );
    }
  }
  return { unit, units: total / unit };
}

/**
 * Splits a total by weights with largest-remainder rounding.
 *
 * @example
 * allocateByWeights({ total: 100, codes: ['a', 'b', 'c'], weights: [1, 1, 1] })
 * // amounts 34, 33, 33 öre: the spare öre goes to 'a', the lowest code
 */
export function allocateByWeights(input: AllocationInput): Allocation {
  const { unit, units } = checkInput(input);
  const { total, codes, weights } = input;
  const n = codes.length;
  const wBig = weights.map((w) => BigInt(w));
  const W = wBig.reduce((a, b) => a + b, 0n);
  if (W === 0n) {
    if (total === 0) {
      return {
        total,
        unit,
        unitsHandedOut: 0,
        lines: codes.map((code, i) => ({
          code,
          weight: weights[i]!,
          exact: { numerator: 0n, denominator: 1n },
          base: 0,
          adjustment: 0,
          amount: 0,
        })),
      };
    }
    throw InputError.of(
      t('det finns inget att fördela efter: alla vikter är noll', 'there is nothing to split by: every weight is zero'),
    );
  }
  const { rank, byRank } = tieRanks(codes);
  const out = new Float64Array(n);
  let handed: number;
  const Wn = Number(W);
  if (W <= BigInt(EXACT_LIMIT) && fastKernelApplies(Wn, n) && weights.every((w) => typeof w === 'number')) {
    handed = splitUnitsFast(units, weights as readonly number[], Wn, rank, byRank, out, new Float64Array(n));
  } else {
    handed = splitUnitsBig(BigInt(units), wBig, W, rank, out);
  }
  const U = BigInt(units) * BigInt(unit);
  const lines: AllocationLine[] = [];
  for (let i = 0; i < n; i++) {
    const amountUnits = out[i]!;
    const num = U * wBig[i]!;
    const g = gcd(num, W);
    const floorUnits = (BigInt(units) * wBig[i]!) / W;
    const base = Number(floorUnits) * unit;
    const amount = amountUnits * unit;
    lines.push({
      code: codes[i]!,
      weight: weights[i]!,
      exact: { numerator: num / g, denominator: W / g },
      base,
      adjustment: amount - base,
      amount,
    });
  }
  const result: Allocation = { total, unit, lines, unitsHandedOut: handed };
  assertConserved(result);
  return result;
}

function splitUnitsBig(units: bigint, w: readonly bigint[], W: bigint, rank: Int32Array, out: Float64Array): number {
  const n = w.length;
  const rems: bigint[] = new Array<bigint>(n);
  let given = 0n;
  for (let i = 0; i < n; i++) {
    const prod = units * w[i]!;
    const base = prod / W;
    rems[i] = prod - base * W;
    out[i] = Number(base);
    given += base;
  }
  const left = Number(units - given);
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => {
    const ra = rems[a]!;
    const rb = rems[b]!;
    if (ra !== rb) return ra > rb ? -1 : 1;
    return rank[a]! - rank[b]!;
  });
  for (let k = 0; k < left; k++) out[order[k]!]! += 1;
  return left;
}

function gcd(a: bigint, b: bigint): bigint {
  let x = a < 0n ? -a : a;
  let y = b < 0n ? -b : b;
  while (y !== 0n) [x, y] = [y, x % y];
  return x === 0n ? 1n : x;
}

/** Throws an {@link InvariantError} unless the parts sum to the total and are within one unit of exact. */
export function assertConserved(a: Allocation): void {
  let sum = 0;
  for (const l of a.lines) {
    sum += l.amount;
    if (l.amount < 0 || (l.adjustment !== 0 && l.adjustment !== a.unit)) {
      throw new InvariantError(t(`fördelningen gav ${l.code} ett otillåtet belopp`, `the split gave ${l.code} an invalid amount`));
    }
  }
  if (sum !== a.total) {
    throw new InvariantError(
      t(`fördelningens delar summerar till ${sum} öre, inte ${a.total}`, `the split's parts sum to ${sum} öre, not ${a.total}`),
    );
  }
}

/**
 * A rational number of öre as a decimal string of kronor with `decimals`
 * decimals (rounded half up): for explaining an exact share.
 */
export function exactToKronor(exact: { numerator: bigint; denominator: bigint }, decimals = 4): string {
  return new Dec(exact.numerator.toString()).dividedBy(exact.denominator.toString()).dividedBy(100).toFixed(decimals);
}
