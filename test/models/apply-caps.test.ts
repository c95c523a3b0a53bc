import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type CapPolicy, allocateWithBounds } from '../../models/apply-caps.js';
import { InputError } from '../../models/errors.js';

describe('allocateWithBounds', () => {
  it('carrier: the named party carries what the cap holds back', () => {
    const b = allocateWithBounds({ total: 300, codes: ['a', 'b'], weights: [2, 1], caps: [150, undefined], policy: { kind: 'carrier', code: 'r' } });
    expect(b.lines.map((l) => l.amount)).toEqual([150, 100]);
    expect(b.carrier).toEqual({ code: 'r', amount: 50 });
    expect(b.capped).toEqual(['a']);
    expect(b.lines[0]).toMatchObject({ capApplied: true, heldBack: 50 });
    expect(b.reconciliation).toMatchObject({ allocated: 300, carried: 50, uncovered: 0, conserved: true, capsHold: true });
  });

  it('redistribute: repeats until no party exceeds its cap', () => {
    // a's share 500 > 300; redistributing 200 over b,c pushes b over 260 too.
    const b = allocateWithBounds({ total: 1000, codes: ['a', 'b', 'c'], weights: [5, 3, 2], caps: [300, 360, undefined], policy: { kind: 'redistribute' } });
    expect(b.lines.map((l) => l.amount)).toEqual([300, 360, 340]);
    expect(b.rounds).toBe(3);
    expect(b.lines[1]).toMatchObject({ capApplied: true, received: 60 });
  });

  it('uncovered: reports what nobody carries and who would exceed', () => {
    const b = allocateWithBounds({ total: 1000, codes: ['a', 'b'], weights: [9, 1], caps: [500, 500], policy: { kind: 'uncovered' } });
    expect(b.lines.map((l) => l.amount)).toEqual([500, 100]);
    expect(b.reconciliation.uncovered).toBe(400);
    expect(b.capped).toEqual(['a']);
  });

  it('redistribute with every party capped leaves the rest uncovered', () => {
    const b = allocateWithBounds({ total: 1000, codes: ['a', 'b'], weights: [1, 1], caps: [300, 300], policy: { kind: 'redistribute' } });
    expect(b.lines.map((l) => l.amount)).toEqual([300, 300]);
    expect(b.reconciliation.uncovered).toBe(400);
  });

  it('floors are met by taking from the others by weight', () => {
    const b = allocateWithBounds({ total: 1000, codes: ['a', 'b', 'c'], weights: [1, 1, 98], floors: [100, undefined, undefined], policy: { kind: 'redistribute' } });
    expect(b.lines.map((l) => l.amount)).toEqual([100, 9, 891]);
    expect(b.lines[0]!.floorApplied).toBe(true);
  });

  it('refuses a floor above a cap, floors above the total, and a capped carrier', () => {
    expect(() => allocateWithBounds({ total: 10, codes: ['a'], weights: [1], caps: [1], floors: [2], policy: { kind: 'redistribute' } })).toThrow(InputError);
    expect(() => allocateWithBounds({ total: 10, codes: ['a', 'b'], weights: [1, 1], floors: [8, 8], policy: { kind: 'redistribute' } })).toThrow(/golven/);
    expect(() => allocateWithBounds({ total: 10, codes: ['r'], weights: [1], caps: [5], policy: { kind: 'carrier', code: 'r' } })).toThrow(InputError);
  });
});

const policyArb: fc.Arbitrary<CapPolicy> = fc.constantFrom<CapPolicy>({ kind: 'redistribute' }, { kind: 'carrier', code: '01' }, { kind: 'uncovered' });

const boundedArb = fc
  .uniqueArray(fc.stringMatching(/^[0-9]{4}$/), { minLength: 1, maxLength: 30 })
  .chain((codes) =>
    fc.record({
      codes: fc.constant(codes),
      weights: fc.array(fc.integer({ min: 1, max: 1_000_000 }), { minLength: codes.length, maxLength: codes.length }),
      caps: fc.array(fc.option(fc.integer({ min: 0, max: 100_000_000 }), { nil: undefined }), { minLength: codes.length, maxLength: codes.length }),
      total: fc.integer({ min: 0, max: 1_000_000_000 }),
      unit: fc.constantFrom(1, 100),
      policy: policyArb,
    }),
  );

describe('allocateWithBounds properties', () => {
  it('conserves the total (allocated + uncovered), respects caps, never negative, under every policy', () => {
    fc.assert(
      fc.property(boundedArb, ({ codes, weights, caps, total, unit, policy }) => {
        const t = Math.floor(total / unit) * unit;
        const b = allocateWithBounds({ total: t, codes, weights, caps, unit, policy });
        const allocated = b.lines.reduce((s, l) => s + l.amount, 0) + (b.carrier?.amount ?? 0);
        expect(allocated + b.reconciliation.uncovered).toBe(t);
        b.lines.forEach((l, i) => {
          expect(l.amount).toBeGreaterThanOrEqual(0);
          const cap = caps[i];
          if (cap !== undefined) expect(l.amount).toBeLessThanOrEqual(cap);
        });
        if (policy.kind === 'redistribute' && b.reconciliation.uncovered > 0) {
          // Only when every party is at its cap (or has no weight) may anything stay uncovered.
          b.lines.forEach((l, i) => expect(caps[i] !== undefined && l.amount === Math.floor(caps[i]! / unit) * unit).toBe(true));
        }
      }),
      { seed: 20_200_929, numRuns: 3000 },
    );
  });

  it('does not depend on input order', () => {
    fc.assert(
      fc.property(boundedArb, ({ codes, weights, caps, total, unit, policy }) => {
        const t = Math.floor(total / unit) * unit;
        const a = allocateWithBounds({ total: t, codes, weights, caps, unit, policy });
        const rev = [...codes.keys()].reverse();
        const b = allocateWithBounds({ total: t, codes: rev.map((i) => codes[i]!), weights: rev.map((i) => weights[i]!), caps: rev.map((i) => caps[i]), unit, policy });
        const m = new Map(b.lines.map((l) => [l.code, l.amount]));
        for (const l of a.lines) expect(m.get(l.code)).toBe(l.amount);
      }),
      { seed: 20_200_930, numRuns: 1000 },
    );
  });
});
