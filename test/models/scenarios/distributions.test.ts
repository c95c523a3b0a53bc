import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type Distribution,
  boundDistribution,
  cdf,
  describeDistribution,
  incompleteBeta,
  logGamma,
  meanOf,
  normalCdf,
  parseDistribution,
  quantile,
  samplerOf,
  supportOf,
} from '../../../models/scenarios/distributions.js';
import { ChunkStreams } from '../../../models/scenarios/random.js';

function parsed(text: string): Distribution {
  const d = parseDistribution(text);
  if ('error' in d) throw new Error(d.error.en);
  return d;
}

function draws(d: Distribution, n: number, seed = 1): number[] {
  const u = new ChunkStreams(seed).chunk(0);
  const s = samplerOf(d);
  return Array.from({ length: n }, () => s(u));
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const sd = (xs: number[]) => {
  const m = mean(xs);
  return Math.sqrt(mean(xs.map((x) => (x - m) ** 2)));
};

describe('parseDistribution', () => {
  it('reads the five distributions as a planner writes them', () => {
    expect(parsed('uniform(1000000, 2000000)')).toEqual({ kind: 'uniform', min: 1_000_000, max: 2_000_000 });
    expect(parsed('triangular(9.5, 10, 11)')).toEqual({ kind: 'triangular', min: 9.5, mode: 10, max: 11 });
    expect(parsed('PERT(1, 2, 4)')).toEqual({ kind: 'pert', min: 1, mode: 2, max: 4 });
    expect(parsed('normal(10, 2)')).toEqual({ kind: 'normal', mean: 10, sd: 2, lower: -Infinity, upper: Infinity });
    expect(parsed('lognormal(100, 20, 50, 200)')).toEqual({ kind: 'lognormal', mean: 100, sd: 20, lower: 50, upper: 200 });
    expect(parsed('uniform(-0.05,0.05)')).toEqual({ kind: 'uniform', min: -0.05, max: 0.05 });
    expect(parsed('uniform(1_000_000, 2e6)')).toEqual({ kind: 'uniform', min: 1e6, max: 2e6 });
  });

  it('says what is wrong', () => {
    const err = (s: string) => {
      const d = parseDistribution(s);
      return 'error' in d ? d.error.sv : 'ok';
    };
    expect(err('gauss(1, 2)')).toContain('okänd fördelning "gauss"');
    expect(err('uniform(2, 1)')).toContain('min ska vara mindre än max');
    expect(err('triangular(1, 5, 4)')).toContain('min ≤ typvärde ≤ max');
    expect(err('normal(1, 0)')).toContain('standardavvikelsen');
    expect(err('lognormal(-1, 1)')).toContain('positivt medelvärde');
    expect(err('uniform(1,5 , x)')).toContain('"x" är inte ett tal');
    expect(err('uniform 1 2')).toContain('skriv uniform(min, max)');
  });

  it('writes a distribution back as it reads', () => {
    for (const s of ['uniform(1, 2)', 'triangular(1, 2, 3)', 'pert(1, 2, 3)', 'normal(10, 2)', 'normal(10, 2, 0)', 'lognormal(5, 1, 1, 9)']) {
      expect(describeDistribution(parsed(s))).toBe(s);
    }
  });
});

describe('bounds', () => {
  it('truncates a normal at what the quantity allows and refuses a bounded distribution outside it', () => {
    expect(boundDistribution(parsed('normal(10, 5)'), 0, Infinity)).toMatchObject({ lower: 0, upper: Infinity });
    const out = boundDistribution(parsed('uniform(-1, 5)'), 0, Infinity);
    expect('error' in out && out.error.sv).toContain('går utanför');
    const none = boundDistribution(parsed('normal(-100, 1)'), 0, Infinity);
    expect('error' in none && none.error.sv).toContain('nästan ingen sannolikhet');
  });

  it('every draw lies in the support, for any bounds', () => {
    fc.assert(
      fc.property(fc.double({ min: -1e6, max: 1e6, noNaN: true }), fc.double({ min: 1e-3, max: 1e5, noNaN: true }), fc.integer({ min: 0, max: 1000 }), (m, s, seed) => {
        const d = boundDistribution({ kind: 'normal', mean: m, sd: s, lower: -Infinity, upper: Infinity }, m - s, m + 2 * s);
        if ('error' in d) return;
        const [lo, hi] = supportOf(d);
        for (const x of draws(d, 50, seed)) expect(x >= lo && x <= hi).toBe(true);
      }),
      { seed: 1_000, numRuns: 100 },
    );
  });
});

describe('sampling matches the distributions (fixed seeds, 40 000 draws)', () => {
  const N = 40_000;
  it('uniform, triangular and PERT have their means and ranges', () => {
    for (const text of ['uniform(1000000, 2000000)', 'triangular(9.5, 10, 11)', 'pert(1, 2, 6)']) {
      const d = parsed(text);
      const xs = draws(d, N);
      const [lo, hi] = supportOf(d);
      expect(Math.min(...xs)).toBeGreaterThanOrEqual(lo);
      expect(Math.max(...xs)).toBeLessThanOrEqual(hi);
      expect(Math.abs(mean(xs) - meanOf(d)) / (hi - lo)).toBeLessThan(0.01);
    }
  });

  it('normal and lognormal have their mean and standard deviation', () => {
    const n = draws(parsed('normal(10, 2)'), N);
    expect(mean(n)).toBeCloseTo(10, 1);
    expect(sd(n)).toBeCloseTo(2, 1);
    const l = draws(parsed('lognormal(100, 30)'), N);
    expect(Math.abs(mean(l) - 100)).toBeLessThan(1);
    expect(Math.abs(sd(l) - 30)).toBeLessThan(1.5);
    expect(Math.min(...l)).toBeGreaterThan(0);
  });

  it('the empirical CDF follows cdf() at the quartiles', () => {
    for (const text of ['triangular(0, 1, 4)', 'pert(0, 1, 4)', 'normal(5, 1, 4, 8)', 'lognormal(3, 2)']) {
      const d = parsed(text);
      const xs = draws(d, N, 3);
      for (const p of [0.25, 0.5, 0.75]) {
        const q = quantile(d, p);
        const share = xs.filter((x) => x <= q).length / N;
        expect(Math.abs(share - p)).toBeLessThan(0.01);
      }
    }
  });
});

describe('the special functions', () => {
  it('normalCdf and logGamma at known points', () => {
    expect(normalCdf(0)).toBe(0.5);
    expect(normalCdf(1.959963984540054)).toBeCloseTo(0.975, 14);
    expect(normalCdf(-1)).toBeCloseTo(0.15865525393145707, 14);
    expect(logGamma(0.5)).toBeCloseTo(Math.log(Math.sqrt(Math.PI)), 12);
    expect(logGamma(5)).toBeCloseTo(Math.log(24), 12);
    expect(logGamma(10.5)).toBeCloseTo(13.940625219403763, 10);
  });

  it('incompleteBeta against closed forms', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1, noNaN: true }), (x) => {
        expect(incompleteBeta(x, 1, 1)).toBeCloseTo(x, 12);
        expect(incompleteBeta(x, 2, 1)).toBeCloseTo(x * x, 12);
        expect(incompleteBeta(x, 2, 2)).toBeCloseTo(3 * x * x - 2 * x * x * x, 12);
      }),
      { seed: 1_001, numRuns: 100 },
    );
  });

  it('quantile inverts cdf', () => {
    for (const text of ['uniform(1, 3)', 'triangular(0, 1, 4)', 'pert(2, 3, 9)', 'normal(10, 2, 0)', 'lognormal(4, 1)']) {
      const d = parsed(text);
      for (const p of [0.05, 0.5, 0.95]) expect(cdf(d, quantile(d, p))).toBeCloseTo(p, 9);
    }
  });
});
