// The explorer's fields read a number as a reader types it: the Swedish form the page shows, or the plain one the
// command line takes; a separator that could group thousands as well as mark decimals is refused, never guessed.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseWrittenNumber } from '../../data/scheme/written-number.js';
import { readTypedNumber } from '../../data/typed-number.js';

const value = (text: string) => {
  const r = readTypedNumber(text);
  return r.ok ? r.value : `refused: ${r.message.sv} | ${r.hint.sv}`;
};

describe('readTypedNumber', () => {
  it('reads the Swedish and the plain forms into the plain decimal string', () => {
    expect(value('1 501 577,88')).toBe('1501577.88');
    expect(value('1\u00a0501\u00a0577,88')).toBe('1501577.88');
    expect(value('1501577.88')).toBe('1501577.88');
    expect(value('9,75')).toBe('9.75');
    expect(value('9.75')).toBe('9.75');
    expect(value(' 10 ')).toBe('10');
    expect(value('\u22122,5')).toBe('-2.5');
    expect(value('+3')).toBe('3');
    // A lone zero groups no thousands; spaces say the comma marks the decimals.
    expect(value('0,125')).toBe('0.125');
    expect(value('1 500,000')).toBe('1500.000');
    expect(value('1,5')).toBe('1.5');
  });

  it('refuses what could be read two ways, saying both readings and what to type', () => {
    expect(value('1.500')).toBe('refused: "1.500" kan läsas på två sätt: som 1 500 (punkt som tusentalsavgränsare) eller som 1,5 (punkt som decimaltecken) | Skriv 1 500 eller 1,5.');
    expect(value('1,500')).toBe('refused: "1,500" kan läsas på två sätt: som 1 500 (komma som tusentalsavgränsare) eller som 1,5 (komma som decimaltecken) | Skriv 1 500 eller 1,5.');
    expect(value('12,000')).toBe('refused: "12,000" kan läsas på två sätt: som 12 000 (komma som tusentalsavgränsare) eller som 12 (komma som decimaltecken) | Skriv 12 000 eller 12,0.');
    expect(value('1,500,000')).toBe('refused: "1,500,000" har komma som tusentalsavgränsare | Skriv 1 500 000 (mellanslag som tusentalsavgränsare).');
    expect(value('1.500.000')).toBe('refused: "1.500.000" har punkt som tusentalsavgränsare | Skriv 1 500 000 (mellanslag som tusentalsavgränsare).');
  });

  it('refuses what is not a number', () => {
    for (const text of ['', 'abc', '1.500,50', '1 50', '9,75 kr', '1e3', '--1']) {
      const r = readTypedNumber(text);
      expect(r.ok, text).toBe(false);
      if (!r.ok) expect(r.hint.sv).toContain('1 501 577,88');
    }
    expect(value('abc')).toMatch(/^refused: "abc" är inte ett tal \|/);
  });

  it('reads back every amount in öre as the page shows it, to the value the command line reads from its plain form', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 13n), max: 10n ** 13n }), (ore) => {
        const abs = ore < 0n ? -ore : ore;
        const plain = `${ore < 0n ? '-' : ''}${abs / 100n}.${(abs % 100n).toString().padStart(2, '0')}`;
        const shown = `${ore < 0n ? '\u2212' : ''}${(abs / 100n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, '\u00a0')},${(abs % 100n).toString().padStart(2, '0')}`;
        const read = readTypedNumber(shown);
        expect(read).toEqual({ ok: true, value: plain });
        const cli = parseWrittenNumber(plain);
        expect(cli.ok && cli.value.toFixed(2)).toBe(plain);
      }),
      { seed: 17_2026, numRuns: 500 },
    );
  });

  it('never reads one to three digits, a separator and three digits, unless the digits before it are a lone zero', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 999 }), fc.integer({ min: 0, max: 999 }), fc.constantFrom(',', '.'), fc.boolean(), (head, tail, sep, negative) => {
        const text = `${negative ? '-' : ''}${head}${sep}${String(tail).padStart(3, '0')}`;
        const r = readTypedNumber(text);
        expect(r.ok).toBe(false);
        if (!r.ok) expect(r.message.sv).toContain('kan läsas på två sätt');
      }),
      { seed: 17_2027, numRuns: 500 },
    );
  });
});
