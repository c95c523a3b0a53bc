import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allocateByWeights, exactToKronor, fastKernelApplies, splitUnitsFast, tieRanks } from '../../models/allocate.js';
import { InputError } from '../../models/errors.js';

describe('allocateByWeights', () => {
  it('gives the spare öre to the lowest code when remainders tie', () => {
    const a = allocateByWeights({ total: 100, codes: ['b', 'a', 'c'], weights: [1, 1, 1] });
    expect(a.lines.map((l) => [l.code, l.amount])).toEqual([
      ['b', 33],
      ['a', 34],
      ['c', 33],
    ]);
    expect(a.unitsHandedOut).toBe(1);
  });

  it('rounds to whole kronor when the unit is 100 öre', () => {
    const a = allocateByWeights({ total: 1000_00, codes: ['1', '2', '3'], weights: [1, 1, 1], unit: 100 });
    expect(a.lines.map((l) => l.amount)).toEqual([334_00, 333_00, 333_00]);
  });

  it('explains each figure: exact share, base, adjustment', () => {
    const a = allocateByWeights({ total: 100, codes: ['x', 'y'], weights: [2, 1] });
    const [x, y] = a.lines;
    expect(x).toMatchObject({ base: 66, adjustment: 1, amount: 67 });
    expect(y).toMatchObject({ base: 33, adjustment: 0, amount: 33 });
    expect(exactToKronor(x!.exact)).toBe('0.6667');
    expect(x!.exact).toEqual({ numerator: 200n, denominator: 3n });
  });

  it('is exact beyond 2^53 products (BigInt path): 100 Mkr over Sweden-sized weights', () => {
    const weights = [10_452_326, 1, 3, 987_654_321];
    const total = 10_000_000_000_00;
    const a = allocateByWeights({ total, codes: ['a', 'b', 'c', 'd'], weights });
    expect(a.lines.reduce((s, l) => s + l.amount, 0)).toBe(total);
    expect(fastKernelApplies(weights.reduce((s, w) => s + w, 0), 4)).toBe(false);
  });

  it('refuses a total that is not whole units, duplicate codes, negative weights, and all-zero weights', () => {
    expect(() => allocateByWeights({ total: 150, codes: ['a'], weights: [1], unit: 100 })).toThrow(InputError);
    expect(() => allocateByWeights({ total: 1, codes: ['a', 'a'], weights: [1, 1] })).toThrow(/två gånger/);
    expect(() => allocateByWeights({ total: 1, codes: ['a'], weights: [-1] })).toThrow(InputError);
    expect(() => allocateByWeights({ total: 1, codes: ['a', 'b'], weights: [0, 0] })).toThrow(/alla vikter är noll/);
    expect(allocateByWeights({ total: 0, codes: ['a', 'b'], weights: [0, 0] }).lines.map((l) => l.amount)).toEqual([0, 0]);
  });
});

const partiesArb = fc
  .uniqueArray(fc.stringMatching(/^[0-9]{4}$/), { minLength: 1, maxLength: 60 })
  .chain((codes) =>
    fc.record({
      codes: fc.constant(codes),
      weights: fc.array(fc.oneof(fc.integer({ min: 0, max: 1_000_000 }), fc.integer({ min: 0, max: 3 })), { minLength: codes.length, maxLength: codes.length }),
      units: fc.integer({ min: 0, max: 10_000_000_000 }),
      unit: fc.constantFrom(1, 100),
    }),
  )
  .filter((x) => x.weights.some((w) => w > 0));

describe('allocateByWeights properties', () => {
  it('conserves the total, never goes negative, stays within one unit of the exact share', () => {
    fc.assert(
      fc.property(partiesArb, ({ codes, weights, units, unit }) => {
        const total = units * unit;
        const a = allocateByWeights({ total, codes, weights, unit });
        const W = weights.reduce((s, w) => s + BigInt(w), 0n);
        expect(a.lines.reduce((s, l) => s + l.amount, 0)).toBe(total);
        for (const l of a.lines) {
          expect(l.amount).toBeGreaterThanOrEqual(0);
          expect(l.amount % unit).toBe(0);
          // |amount − exact| < unit, in exact integer arithmetic: |amount·W − total·w| < unit·W
          const diff = BigInt(l.amount) * W - BigInt(total) * BigInt(l.weight);
          expect((diff < 0n ? -diff : diff) < BigInt(unit) * W).toBe(true);
        }
      }),
      { seed: 20_220_629, numRuns: 3000 },
    );
  });

  it('does not depend on the order of the input', () => {
    fc.assert(
      fc.property(partiesArb, fc.integer(), ({ codes, weights, units, unit }, seed) => {
        const total = units * unit;
        const a = allocateByWeights({ total, codes, weights, unit });
        const order = codes.map((_, i) => i).sort((i, j) => ((i * 7919 + seed) % 101) - ((j * 7919 + seed) % 101) || i - j);
        const b = allocateByWeights({ total, codes: order.map((i) => codes[i]!), weights: order.map((i) => weights[i]!), unit });
        const byCode = new Map(b.lines.map((l) => [l.code, l.amount]));
        for (const l of a.lines) expect(byCode.get(l.code)).toBe(l.amount);
      }),
      { seed: 20_220_630, numRuns: 2000 },
    );
  });

  it('the fast kernel and the BigInt path agree', () => {
    fc.assert(
      fc.property(partiesArb, ({ codes, weights, units }) => {
        const W = weights.reduce((s, w) => s + w, 0);
        fc.pre(fastKernelApplies(W, codes.length));
        const { rank, byRank } = tieRanks(codes);
        const out = new Float64Array(codes.length);
        splitUnitsFast(units, weights, W, rank, byRank, out, new Float64Array(codes.length));
        const big = allocateByWeights({ total: units, codes, weights: weights.map((w) => BigInt(w)) });
        expect(Array.from(out)).toEqual(big.lines.map((l) => l.amount));
      }),
      { seed: 20_220_701, numRuns: 2000 },
    );
  });
});
