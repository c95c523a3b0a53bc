import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { constantSummary, meanOre, nearestRankIndex, shiftSummary, summariseColumn } from '../../../models/scenarios/statistics.js';

describe('summariseColumn', () => {
  it('percentiles are nearest-rank values of the sorted column, for any column', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -1e12, max: 1e12 }), { minLength: 1, maxLength: 3000 }), fc.boolean(), (xs, fewValues) => {
        const values = Float64Array.from(fewValues ? xs.map((x) => (x % 4) + 0) : xs);
        const sorted = Float64Array.from(values).sort();
        const s = summariseColumn(values);
        const n = values.length;
        expect(s.p5).toBe(sorted[nearestRankIndex(5, n)]);
        expect(s.p50).toBe(sorted[nearestRankIndex(50, n)]);
        expect(s.p95).toBe(sorted[nearestRankIndex(95, n)]);
        expect(s.min).toBe(sorted[0]);
        expect(s.max).toBe(sorted[n - 1]);
        expect(s.sum).toBe(xs.reduce((a, x) => a + BigInt(fewValues ? x % 4 : x), 0n));
      }),
      { seed: 5_095, numRuns: 300 },
    );
  });

  it('leaves the column as it was', () => {
    const values = Float64Array.from([5, 1, 4, 2, 3]);
    summariseColumn(values);
    expect([...values]).toEqual([5, 1, 4, 2, 3]);
  });

  it('nearest rank: of 100 000 runs, P5 is the 5 000th smallest', () => {
    expect(nearestRankIndex(5, 100_000)).toBe(4_999);
    expect(nearestRankIndex(95, 100_000)).toBe(94_999);
    expect(nearestRankIndex(50, 1)).toBe(0);
    const values = Float64Array.from({ length: 100_000 }, (_, i) => 100_000 - i);
    expect(summariseColumn(values)).toMatchObject({ p5: 5_000, p50: 50_000, p95: 95_000 });
  });

  it('the mean is exact, in öre, even past 2^53 in sum', () => {
    const values = new Float64Array(2000).fill(9e12);
    const s = summariseColumn(values);
    expect(s.sum).toBe(18_000_000_000_000_000n);
    expect(meanOre(s).toString()).toBe('9000000000000');
    expect(meanOre(summariseColumn(Float64Array.from([1, 2]))).toString()).toBe('1.5');
  });

  it('a constant and a shifted summary agree with summarising the column', () => {
    expect(constantSummary(7, 3)).toEqual(summariseColumn(Float64Array.from([7, 7, 7])));
    const xs = Float64Array.from([3, 9, 1, 4]);
    expect(shiftSummary(summariseColumn(xs), 10)).toEqual(summariseColumn(xs.map((x) => x + 10)));
  });
});
