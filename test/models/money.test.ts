// Money at the edge: numbers as people write them into exact öre, öre back
// into the decimal strings of JSON, and sums that stay exact or say so.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InputError, InvariantError } from '../../models/errors.js';
import { Dec, assertOre, kronorToOre, oreToDecimalString, oreToKronor, parseDecimal, parseKronor, sumOre, toSafeInteger } from '../../models/money.js';

const parsed = (text: string | number) => parseDecimal(text)?.toString();

describe('parseDecimal: numbers as written in Sweden or in a data file', () => {
  it.each([
    ['32 148', '32148'],
    ['32\u00a0148', '32148'],
    ['32\u202f148', '32148'],
    ['32\u2009148', '32148'],
    ['17 448 590', '17448590'],
    ['9,74', '9.74'],
    ['9.74', '9.74'],
    ['1 000,50', '1000.5'],
    ['-5', '-5'],
    ['\u22125', '-5'],
    ['+3', '3'],
    ['  7\t', '7'],
    ['0,125', '0.125'],
    ['007', '7'],
    ['12345678901234567890,123456789', '12345678901234567890.123456789'],
  ])('%j → %s', (text, value) => {
    expect(parsed(text)).toBe(value);
  });

  it.each(['', ' ', 'abc', '1,2,3', '1.2.3', '1.', ',5', '.5', '1e3', '1 000 kr', '--1', '0x10', 'Infinity', 'NaN', '1,5,'])('%j is not a number', (text) => {
    expect(parseDecimal(text)).toBeUndefined();
  });

  it('every space counts as a thousands separator, wherever it stands (no check of the grouping)', () => {
    expect([parsed('- 1'), parsed('1 2'), parsed('12 34,5')]).toEqual(['-1', '12', '1234.5']);
  });

  it('a YAML number as JavaScript prints it; not a finite number: undefined', () => {
    expect(parsed(9.75)).toBe('9.75');
    expect(parsed(-0.5)).toBe('-0.5');
    expect(parsed(0.1 + 0.2)).toBe('0.30000000000000004');
    expect([parseDecimal(Number.NaN), parseDecimal(Number.POSITIVE_INFINITY)]).toEqual([undefined, undefined]);
  });
});

describe('kronorToOre and parseKronor: whole öre, exactly, or an InputError', () => {
  it('converts kronor to öre without rounding', () => {
    expect(kronorToOre(new Dec('9.74'))).toBe(974);
    expect(kronorToOre(new Dec('1501577.88'))).toBe(1_501_577_88);
    expect(kronorToOre(new Dec('-1.5'))).toBe(-150);
    expect(kronorToOre(new Dec('0'))).toBe(0);
    expect(parseKronor('17 448 590')).toBe(17_448_590_00);
    expect(parseKronor('615312')).toBe(615_312_00);
    expect(parseKronor(9.75)).toBe(975);
  });

  it('refuses a fraction of an öre, naming the amount', () => {
    expect(() => kronorToOre(new Dec('9.755'), 'rate')).toThrow(InputError);
    expect(() => kronorToOre(new Dec('9.755'), 'rate')).toThrow('rate 9.755 har fler än två decimaler');
    expect(() => parseKronor('0,001')).toThrow('belopp 0.001 har fler än två decimaler');
  });

  it('refuses text that is not an amount, quoting it', () => {
    expect(() => parseKronor('tio kronor', 'licence.total')).toThrow('licence.total "tio kronor" är inte ett belopp i kronor');
    try {
      parseKronor('x');
      throw new Error('expected an InputError');
    } catch (e) {
      expect((e as InputError).describe('en')).toBe('belopp "x" is not an amount in kronor');
    }
  });

  it('refuses what a number cannot hold exactly: past 2^53 − 1 öre', () => {
    expect(kronorToOre(new Dec('90071992547409.91'))).toBe(Number.MAX_SAFE_INTEGER);
    expect(() => kronorToOre(new Dec('90071992547409.92'))).toThrow(InputError);
    expect(() => toSafeInteger(new Dec('1.5'))).toThrow('tal 1.5 är för stort eller inte ett heltal');
    expect(toSafeInteger(new Dec('-42'))).toBe(-42);
  });
});

describe('oreToDecimalString and oreToKronor: the decimal strings of JSON output', () => {
  it.each([
    [1_234_567, '12345.67'],
    [0, '0.00'],
    [5, '0.05'],
    [50, '0.50'],
    [100, '1.00'],
    [-5, '-0.05'],
    [-100, '-1.00'],
    [-1_234_567, '-12345.67'],
    [Number.MAX_SAFE_INTEGER, '90071992547409.91'],
    [-Number.MAX_SAFE_INTEGER, '-90071992547409.91'],
  ])('%d öre → %s', (ore, text) => {
    expect(oreToDecimalString(ore)).toBe(text);
    expect(oreToKronor(ore).toFixed(2)).toBe(text);
  });

  it('refuses what is not a whole number of öre, as a broken invariant', () => {
    for (const bad of [1.5, Number.NaN, Number.POSITIVE_INFINITY, Number.MAX_SAFE_INTEGER + 1]) {
      expect(() => oreToDecimalString(bad)).toThrow(InvariantError);
      expect(() => assertOre(bad)).toThrow(InvariantError);
    }
    expect(() => assertOre(-3)).not.toThrow();
  });
});

describe('sumOre', () => {
  it('adds öre, an empty sum is zero, and it takes any iterable', () => {
    expect(sumOre([1_67, 3_33, 5_00])).toBe(10_00);
    expect(sumOre([])).toBe(0);
    expect(sumOre(new Set([1, 2, 3]).values())).toBe(6);
    expect(sumOre([-5, 5])).toBe(0);
  });

  it('refuses a sum past 2^53 − 1 öre instead of rounding it', () => {
    expect(sumOre([Number.MAX_SAFE_INTEGER - 1, 1])).toBe(Number.MAX_SAFE_INTEGER);
    expect(() => sumOre([Number.MAX_SAFE_INTEGER, 1])).toThrow(InvariantError);
  });
});

/** A decimal string of kronor with exactly two decimals, as JSON output writes it. */
const decimalString = fc
  .tuple(fc.boolean(), fc.bigInt({ min: 0n, max: BigInt(Number.MAX_SAFE_INTEGER) }))
  .map(([negative, ore]) => `${negative && ore > 0n ? '-' : ''}${ore / 100n}.${String(ore % 100n).padStart(2, '0')}`);

describe('öre ↔ decimal strings, round trip', () => {
  it('every safe number of öre survives oreToDecimalString then parseKronor, in either decimal mark', () => {
    fc.assert(
      fc.property(fc.integer({ min: -Number.MAX_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER }), (ore) => {
        const text = oreToDecimalString(ore);
        expect(text).toMatch(/^-?(0|[1-9]\d*)\.\d\d$/);
        expect(parseKronor(text)).toBe(ore);
        expect(parseKronor(text.replace('.', ','))).toBe(ore);
        expect(oreToKronor(ore).equals(new Dec(text))).toBe(true);
      }),
      { seed: 20_220_629, numRuns: 2000 },
    );
  });

  it('every two-decimal string survives parseKronor then oreToDecimalString, written with thousands separators too', () => {
    fc.assert(
      fc.property(decimalString, fc.constantFrom(' ', '\u00a0', '\u202f'), (text, space) => {
        expect(oreToDecimalString(parseKronor(text))).toBe(text);
        const [whole, fraction] = text.split('.') as [string, string];
        const grouped = `${whole.replace(/\B(?=(\d{3})+(?!\d))/g, space)},${fraction}`;
        expect(oreToDecimalString(parseKronor(grouped))).toBe(text);
      }),
      { seed: 20_200_929, numRuns: 2000 },
    );
  });

  it('sumOre is the exact sum whenever that sum is safe', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -1e12, max: 1e12 }), { maxLength: 200 }), (xs) => {
        expect(BigInt(sumOre(xs))).toBe(xs.reduce((s, x) => s + BigInt(x), 0n));
      }),
      { seed: 20_211_231, numRuns: 1000 },
    );
  });
});
