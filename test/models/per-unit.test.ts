// The covering rate: the lowest whole-öre rate whose rounded amounts raise a target.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Dec } from '../../models/money.js';
import { amountsPerUnit, coveringRate } from '../../models/per-unit.js';

describe('coveringRate', () => {
  it('6 inhabitants and a need of 60,01 kr: 10,01 kr raises 60,06 kr, 10 kr 60 kr', () => {
    const c = coveringRate({ codes: ['a', 'b', 'c'], units: [1, 2, 3], unit: 1 }, 60_01);
    expect([c.rate.toString(), c.raised, c.below?.rate.toString(), c.below?.raised]).toEqual(['10.01', 60_06, '10', 60_00]);
  });

  it('rounding to the krona can make the rate rounded up from break-even fall short', () => {
    // Two parties of 1 inhabitant, whole kronor: 0,49 kr each rounds to 0; break-even for 1 kr is 0,50 kr, which rounds each up to 1 kr.
    const c = coveringRate({ codes: ['a', 'b'], units: [1, 1], unit: 100 }, 1_00);
    expect(c.rate.toString()).toBe('0.5');
    expect(c.raised).toBe(2_00);
  });

  it('a target of nothing is met at 0 kr', () => {
    expect(coveringRate({ codes: ['a'], units: [5], unit: 100 }, 0).rate.isZero()).toBe(true);
  });

  it('property: the rate covers the target and one öre less does not', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 2_000_000 }), { minLength: 1, maxLength: 12 }).filter((u) => u.some((x) => x > 0)),
        fc.integer({ min: 1, max: 10_000_000_000 }),
        fc.constantFrom(1, 100),
        (units, target, unit) => {
          const codes = units.map((_, i) => `p${i}`);
          const c = coveringRate({ codes, units, unit }, target);
          const raised = (rate: Dec) => amountsPerUnit({ codes, units, unit, rate }).total;
          expect(c.rate.decimalPlaces()).toBeLessThanOrEqual(2);
          expect(raised(c.rate)).toBe(c.raised);
          expect(c.raised).toBeGreaterThanOrEqual(target);
          if (c.below !== undefined) {
            expect(c.below.rate.plus('0.01').equals(c.rate)).toBe(true);
            expect(raised(c.below.rate)).toBeLessThan(target);
          }
        },
      ),
      { seed: 12, numRuns: 300 },
    );
  });
});
