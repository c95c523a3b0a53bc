/**
 * The distributions a planner can put on an uncertain input, written as in
 * a spreadsheet tool: `uniform(min, max)`, `triangular(min, mode, max)`,
 * `normal(mean, sd)`, `lognormal(mean, sd)` and `pert(min, mode, max)`.
 * Normal and lognormal take optional bounds `(…, min, max)` and are truncated
 * there; a quantity that cannot be negative is truncated at 0 without being
 * told. `lognormal(mean, sd)` gives the mean and standard deviation of the
 * value itself (not of its logarithm).
 *
 * Sampling draws from a {@link UniformStream}; the CDF and quantiles are for
 * sensitivity ranges and checks, not for the hot loop.
 */
import { type Text, t } from '../errors.js';
import type { UniformStream } from './random.js';

/** A distribution with its parameters, bounds included. */
export type Distribution =
  | { readonly kind: 'uniform'; readonly min: number; readonly max: number }
  | { readonly kind: 'triangular'; readonly min: number; readonly mode: number; readonly max: number }
  | { readonly kind: 'pert'; readonly min: number; readonly mode: number; readonly max: number }
  | { readonly kind: 'normal'; readonly mean: number; readonly sd: number; readonly lower: number; readonly upper: number }
  | { readonly kind: 'lognormal'; readonly mean: number; readonly sd: number; readonly lower: number; readonly upper: number };

const NAMES: Readonly<Record<string, Distribution['kind']>> = {
  uniform: 'uniform', likformig: 'uniform',
  triangular: 'triangular', triangel: 'triangular',
  normal: 'normal',
  lognormal: 'lognormal',
  pert: 'pert',
};

/** Parses `uniform(1000000, 2000000)` and friends; a {@link Text} says what is wrong. */
export function parseDistribution(text: string): Distribution | { readonly error: Text } {
  const m = /^\s*([A-Za-zåäö]+)\s*\(([^()]*)\)\s*$/.exec(text);
  const fail = (sv: string, en: string) => ({ error: t(`"${text}": ${sv}`, `"${text}": ${en}`) });
  const usage = t(
    'skriv uniform(min, max), triangular(min, typvärde, max), normal(medel, sd[, min, max]), lognormal(medel, sd[, min, max]) eller pert(min, typvärde, max)',
    'write uniform(min, max), triangular(min, mode, max), normal(mean, sd[, min, max]), lognormal(mean, sd[, min, max]) or pert(min, mode, max)',
  );
  if (!m) return fail(usage.sv, usage.en);
  const kind = NAMES[m[1]!.toLowerCase()];
  if (!kind) return fail(`okänd fördelning "${m[1]}"; ${usage.sv}`, `unknown distribution "${m[1]}"; ${usage.en}`);
  const args = m[2]!.trim() === '' ? [] : m[2]!.split(',').map((a) => a.trim().replace(/[\s_\u00a0]/g, ''));
  const nums = args.map((a) => (/^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(a) ? Number(a) : NaN));
  const bad = args.filter((_, i) => !Number.isFinite(nums[i]!));
  if (bad.length > 0) return fail(`${bad.map((b) => `"${b}"`).join(', ')} är inte ett tal (använd punkt som decimaltecken)`, `${bad.map((b) => `"${b}"`).join(', ')} is not a number (use a decimal point)`);
  const [a, b, c, d] = nums as [number, number, number, number];
  const count = (allowed: number[]) => allowed.includes(nums.length);
  switch (kind) {
    case 'uniform':
      if (!count([2])) return fail('uniform tar två tal: min, max', 'uniform takes two numbers: min, max');
      if (!(a < b)) return fail('min ska vara mindre än max', 'min must be less than max');
      return { kind, min: a, max: b };
    case 'triangular':
    case 'pert':
      if (!count([3])) return fail(`${kind} tar tre tal: min, typvärde, max`, `${kind} takes three numbers: min, mode, max`);
      if (!(a < c) || b < a || b > c) return fail('ska uppfylla min ≤ typvärde ≤ max och min < max', 'must satisfy min ≤ mode ≤ max and min < max');
      return { kind, min: a, mode: b, max: c };
    case 'normal':
    case 'lognormal': {
      if (!count([2, 3, 4])) return fail(`${kind} tar medel och standardavvikelse, och valfritt min och max`, `${kind} takes a mean and a standard deviation, and optionally min and max`);
      if (!(b > 0)) return fail('standardavvikelsen ska vara större än 0', 'the standard deviation must be greater than 0');
      if (kind === 'lognormal' && !(a > 0)) return fail('lognormal kräver ett positivt medelvärde', 'lognormal needs a positive mean');
      const lower = nums.length >= 3 ? c : -Infinity;
      const upper = nums.length >= 4 ? d : Infinity;
      if (!(lower < upper)) return fail('min ska vara mindre än max', 'min must be less than max');
      return { kind, mean: a, sd: b, lower, upper };
    }
  }
}

/** The distribution as it would be written, bounds included: `normal(10, 2, 0, Infinity)` → `normal(10, 2, 0)`. */
export function describeDistribution(d: Distribution): string {
  const n = (x: number) => (x === Infinity ? '∞' : x === -Infinity ? '−∞' : String(x));
  switch (d.kind) {
    case 'uniform':
      return `uniform(${n(d.min)}, ${n(d.max)})`;
    case 'triangular':
    case 'pert':
      return `${d.kind}(${n(d.min)}, ${n(d.mode)}, ${n(d.max)})`;
    case 'normal':
    case 'lognormal': {
      const bounds = d.upper !== Infinity ? `, ${n(d.lower)}, ${n(d.upper)}` : d.lower !== -Infinity ? `, ${n(d.lower)}` : '';
      return `${d.kind}(${n(d.mean)}, ${n(d.sd)}${bounds})`;
    }
  }
}

/** The smallest and largest value the distribution can give. */
export function supportOf(d: Distribution): readonly [number, number] {
  switch (d.kind) {
    case 'uniform':
    case 'triangular':
    case 'pert':
      return [d.min, d.max];
    case 'normal':
      return [d.lower, d.upper];
    case 'lognormal':
      return [Math.max(0, d.lower), d.upper];
  }
}

/**
 * Fits a distribution to what a quantity allows: normal and lognormal are
 * truncated to `[lower, upper]`; a bounded distribution must lie inside it.
 * Returns a {@link Text} when it cannot.
 */
export function boundDistribution(d: Distribution, lower: number, upper: number): Distribution | { readonly error: Text } {
  const [lo, hi] = supportOf(d);
  if (d.kind === 'normal' || d.kind === 'lognormal') {
    const b = { ...d, lower: Math.max(d.lower, lower), upper: Math.min(d.upper, upper) };
    if (!(b.lower < b.upper)) return { error: t(`${describeDistribution(d)} ligger helt utanför det tillåtna (${lower} … ${upper})`, `${describeDistribution(d)} lies wholly outside what is allowed (${lower} … ${upper})`) };
    const mass = cdf(b, b.upper, true) - cdf(b, b.lower, true);
    if (!(mass > 1e-6)) {
      return { error: t(`${describeDistribution(d)} har nästan ingen sannolikhet inom ${b.lower} … ${b.upper}`, `${describeDistribution(d)} has almost no probability within ${b.lower} … ${b.upper}`) };
    }
    return b;
  }
  if (lo < lower || hi > upper) {
    return {
      error: t(
        `${describeDistribution(d)} går utanför det tillåtna (${lower === -Infinity ? '−∞' : lower} … ${upper === Infinity ? '∞' : upper})`,
        `${describeDistribution(d)} goes outside what is allowed (${lower === -Infinity ? '−∞' : lower} … ${upper === Infinity ? '∞' : upper})`,
      ),
    };
  }
  return d;
}

// ---------------------------------------------------------------------------
// Sampling

/** Draws one value. */
export type Sampler = (u: UniformStream) => number;

const TWO_PI = 2 * Math.PI;
const MAX_TRIES = 1_000_000;

function standardNormal(u: UniformStream): number {
  // Box–Muller; 1 − u is in (0, 1], so the logarithm is finite.
  const r = Math.sqrt(-2 * Math.log(1 - u.next()));
  return r * Math.cos(TWO_PI * u.next());
}

/** Marsaglia and Tsang's method for Gamma(shape ≥ 1, 1). */
function gamma(shape: number, u: UniformStream): number {
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (let k = 0; k < MAX_TRIES; k++) {
    const x = standardNormal(u);
    const v0 = 1 + c * x;
    if (v0 <= 0) continue;
    const v = v0 * v0 * v0;
    const w = 1 - u.next();
    if (Math.log(w) < 0.5 * x * x + d - d * v + d * Math.log(v)) return d * v;
  }
  throw new Error('gamma sampler did not converge');
}

/** PERT shape parameters (the classic λ = 4). */
function pertShape(d: { min: number; mode: number; max: number }): { a: number; b: number } {
  const r = d.max - d.min;
  return { a: 1 + (4 * (d.mode - d.min)) / r, b: 1 + (4 * (d.max - d.mode)) / r };
}

function lognormalShape(d: { mean: number; sd: number }): { mu: number; sigma: number } {
  const s2 = Math.log(1 + (d.sd * d.sd) / (d.mean * d.mean));
  return { mu: Math.log(d.mean) - s2 / 2, sigma: Math.sqrt(s2) };
}

/**
 * A sampler for a distribution. Truncated normals and lognormals are drawn
 * by rejection, which never changes the distribution inside the bounds.
 */
export function samplerOf(d: Distribution): Sampler {
  switch (d.kind) {
    case 'uniform': {
      const { min, max } = d;
      const w = max - min;
      return (u) => min + w * u.next();
    }
    case 'triangular': {
      const { min, mode, max } = d;
      const w = max - min;
      const fc = (mode - min) / w;
      return (u) => {
        const x = u.next();
        return x < fc ? min + Math.sqrt(x * w * (mode - min)) : max - Math.sqrt((1 - x) * w * (max - mode));
      };
    }
    case 'pert': {
      const { a, b } = pertShape(d);
      const { min, max } = d;
      return (u) => {
        const x = gamma(a, u);
        const y = gamma(b, u);
        return min + ((max - min) * x) / (x + y);
      };
    }
    case 'normal': {
      const { mean, sd, lower, upper } = d;
      return (u) => {
        for (let k = 0; k < MAX_TRIES; k++) {
          const x = mean + sd * standardNormal(u);
          if (x >= lower && x <= upper) return x;
        }
        throw new Error('truncated normal: bounds too narrow');
      };
    }
    case 'lognormal': {
      const { mu, sigma } = lognormalShape(d);
      const { lower, upper } = d;
      return (u) => {
        for (let k = 0; k < MAX_TRIES; k++) {
          const x = Math.exp(mu + sigma * standardNormal(u));
          if (x >= lower && x <= upper) return x;
        }
        throw new Error('truncated lognormal: bounds too narrow');
      };
    }
  }
}

// ---------------------------------------------------------------------------
// CDF, quantiles, mean (for sensitivity ranges and checks)

/**
 * The standard normal CDF by Marsaglia's series (J. Stat. Softw. 11(4),
 * 2004): absolute error below 1e-15.
 */
export function normalCdf(x: number): number {
  if (x < -37) return 0;
  if (x > 37) return 1;
  let s = x;
  let prev = 0;
  let b = x;
  const q = x * x;
  let i = 1;
  while (s !== prev) {
    prev = s;
    i += 2;
    b *= q / i;
    s = prev + b;
  }
  return 0.5 + s * Math.exp(-0.5 * q - 0.918_938_533_204_672_7);
}

/** ln Γ(x) for x > 0 (Lanczos, g = 7). */
export function logGamma(x: number): number {
  const g = [
    0.999_999_999_999_809_9, 676.520_368_121_885_1, -1259.139_216_722_402_8, 771.323_428_777_653_1, -176.615_029_162_140_6,
    12.507_343_278_686_905, -0.138_571_095_265_720_12, 9.984_369_578_019_571_6e-6, 1.505_632_735_149_311_6e-7,
  ];
  if (x < 0.5) return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x);
  const z = x - 1;
  let a = g[0]!;
  const tt = z + 7.5;
  for (let i = 1; i < 9; i++) a += g[i]! / (z + i);
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(tt) - tt + Math.log(a);
}

/** The regularised incomplete beta function I_x(a, b) (continued fraction, Lentz). */
export function incompleteBeta(x: number, a: number, b: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const front = Math.exp(logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log(1 - x));
  if (x > (a + 1) / (a + b + 2)) return 1 - (front * betaFraction(1 - x, b, a)) / b;
  return (front * betaFraction(x, a, b)) / a;
}

function betaFraction(x: number, a: number, b: number): number {
  const TINY = 1e-300;
  let c = 1;
  let d = 1 - ((a + b) * x) / (a + 1);
  if (Math.abs(d) < TINY) d = TINY;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= 300; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((a + m2 - 1) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (a + b + m) * x) / ((a + m2) * (a + m2 + 1));
    d = 1 + aa * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < 1e-16) break;
  }
  return h;
}

/**
 * P(X ≤ x). With `untruncated`, a normal or lognormal is taken without its
 * bounds (used to measure how much of it the bounds keep).
 */
export function cdf(d: Distribution, x: number, untruncated = false): number {
  switch (d.kind) {
    case 'uniform':
      return x <= d.min ? 0 : x >= d.max ? 1 : (x - d.min) / (d.max - d.min);
    case 'triangular': {
      const { min, mode, max } = d;
      if (x <= min) return 0;
      if (x >= max) return 1;
      return x <= mode ? ((x - min) * (x - min)) / ((max - min) * (mode - min)) : 1 - ((max - x) * (max - x)) / ((max - min) * (max - mode));
    }
    case 'pert': {
      const { a, b } = pertShape(d);
      return incompleteBeta((x - d.min) / (d.max - d.min), a, b);
    }
    case 'normal':
    case 'lognormal': {
      const raw = (v: number): number => {
        if (d.kind === 'normal') return v === Infinity ? 1 : v === -Infinity ? 0 : normalCdf((v - d.mean) / d.sd);
        if (v <= 0) return 0;
        if (v === Infinity) return 1;
        const { mu, sigma } = lognormalShape(d);
        return normalCdf((Math.log(v) - mu) / sigma);
      };
      if (untruncated) return raw(x);
      if (x <= d.lower) return 0;
      if (x >= d.upper) return 1;
      const lo = raw(d.lower);
      return (raw(x) - lo) / (raw(d.upper) - lo);
    }
  }
}

/** The p-quantile (0 < p < 1), by bisection on the CDF where there is no closed form. */
export function quantile(d: Distribution, p: number): number {
  if (d.kind === 'uniform') return d.min + p * (d.max - d.min);
  if (d.kind === 'triangular') {
    const { min, mode, max } = d;
    const fc = (mode - min) / (max - min);
    return p < fc ? min + Math.sqrt(p * (max - min) * (mode - min)) : max - Math.sqrt((1 - p) * (max - min) * (max - mode));
  }
  let [lo, hi] = supportOf(d);
  if (d.kind === 'normal' || d.kind === 'lognormal') {
    const spread = 40 * (d.kind === 'normal' ? d.sd : d.mean + d.sd);
    const centre = d.mean;
    lo = Math.max(lo, centre - spread);
    hi = Math.min(hi, centre + spread * (d.kind === 'lognormal' ? 1e3 : 1));
  }
  for (let k = 0; k < 200 && hi - lo > 1e-12 * Math.max(1, Math.abs(lo), Math.abs(hi)); k++) {
    const mid = (lo + hi) / 2;
    if (cdf(d, mid) < p) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

/** The untruncated mean (for display). */
export function meanOf(d: Distribution): number {
  switch (d.kind) {
    case 'uniform':
      return (d.min + d.max) / 2;
    case 'triangular':
      return (d.min + d.mode + d.max) / 3;
    case 'pert':
      return (d.min + 4 * d.mode + d.max) / 6;
    case 'normal':
    case 'lognormal':
      return d.mean;
  }
}
