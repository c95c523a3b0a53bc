// The expression language of derived parameters: exact decimal arithmetic,
// the usual precedence, errors at their place in the text, and the formula
// in Swedish words for readers.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Expr, evaluateExpression, expressionInWords, expressionNames, onDerivedGrid, parseExpression, roundToUnit } from '../../models/expression.js';
import { Dec } from '../../models/money.js';

function parse(text: string): Expr {
  const r = parseExpression(text);
  if (!r.ok) throw new Error(`${text}: ${r.problem.message.en} at ${r.problem.at}`);
  return r.expr;
}

function value(text: string, values: Record<string, string> = {}): string {
  const r = evaluateExpression(parse(text), (n) => new Dec(values[n]!));
  if (!r.ok) throw new Error(r.problem.message.en);
  return r.value.toString();
}

function problem(text: string): { at: number; sv: string } {
  const r = parseExpression(text);
  if (r.ok) throw new Error(`${text} parsed`);
  return { at: r.problem.at, sv: r.problem.message.sv };
}

describe('evaluating an expression', () => {
  it('is exact in decimal: 0.1 + 0.2 is 0.3, a third of 12 000 000 is 4 000 000', () => {
    expect(value('0.1 + 0.2')).toBe('0.3');
    expect(value('cost.total / 3', { 'cost.total': '12000000' })).toBe('4000000');
    expect(value('cost.total * 0.5', { 'cost.total': '12000000.01' })).toBe('6000000.005');
  });

  it('follows the usual precedence: unary minus, then * and /, then + and −, each left to right', () => {
    expect(value('2 + 3 * 4')).toBe('14');
    expect(value('(2 + 3) * 4')).toBe('20');
    expect(value('10 - 4 - 3')).toBe('3');
    expect(value('100 / 10 / 2')).toBe('5');
    expect(value('-2 * 3 + 10')).toBe('4');
    expect(value('10 − 2 × 3 ÷ 2')).toBe('7');
    expect(value('--3')).toBe('3');
  });

  it('has min, max of two or more, and round to a unit half away from zero', () => {
    expect(value('min(5, 2, 9)')).toBe('2');
    expect(value('max(5, 2, 9)')).toBe('9');
    expect(value('round(2500, 1000)')).toBe('3000');
    expect(value('round(2499.99, 1000)')).toBe('2000');
    expect(value('round(-2500, 1000)')).toBe('-3000');
    expect(value('round(10.005, 0.01)')).toBe('10.01');
    expect(value('round(7, 0.5)')).toBe('7');
  });

  it('refuses a division by zero and a rounding unit that is not positive, at their place', () => {
    const d = evaluateExpression(parse('a / (b - b)'), () => new Dec(4));
    expect(d.ok ? undefined : d.problem.at).toBe(2);
    const r = evaluateExpression(parse('1 + round(a, 0)'), () => new Dec(4));
    expect(r.ok ? undefined : r.problem.message.sv).toBe('round: enheten ska vara större än noll, inte 0');
  });

  it('names every parameter it refers to once, in the order written', () => {
    expect(expressionNames(parse('a.b + min(c, a.b) * d_2'))).toEqual([
      { name: 'a.b', at: 0 },
      { name: 'c', at: 10 },
      { name: 'd_2', at: 20 },
    ]);
  });

  it('equals the same computation written with decimal.js (property)', () => {
    const dec = fc.tuple(fc.integer({ min: -(10 ** 9), max: 10 ** 9 }), fc.integer({ min: 0, max: 4 })).map(([n, places]) => new Dec(n).dividedBy(10 ** places));
    fc.assert(
      fc.property(dec, dec, dec, (a, b, c) => {
        const values = { a: a.toString(), b: b.toString(), c: c.toString() };
        expect(value('a + b * c', values)).toBe(a.plus(b.times(c)).toString());
        expect(value('(a - b) * c', values)).toBe(a.minus(b).times(c).toString());
        expect(value('max(a, b, c) - min(a, b, c)', values)).toBe(Dec.max(a, b, c).minus(Dec.min(a, b, c)).toString());
        expect(value('round(a, 1000)', values)).toBe(a.dividedBy(1000).toDecimalPlaces(0, Dec.ROUND_HALF_UP).times(1000).toString());
        if (!c.isZero()) expect(value('a / c', values)).toBe(a.dividedBy(c).toString());
      }),
      { seed: 15, numRuns: 300 },
    );
  });
});

describe('a syntax error', () => {
  it('is given with its place in the text (0-based) and what was expected', () => {
    expect(problem('cost.total *')).toEqual({ at: 12, sv: 'väntade ett tal, ett parameternamn eller "(", fann slutet' });
    expect(problem('(a + b')).toEqual({ at: 6, sv: 'väntade ")", fann slutet' });
    expect(problem('a b')).toEqual({ at: 2, sv: 'väntade en operator (+ − * /) eller slutet, fann "b"' });
    expect(problem('a + 1,5')).toEqual({ at: 5, sv: 'ett komma utanför min, max och round: decimaltecknet i ett uttryck är punkt (0.5)' });
    expect(problem('a % 2').at).toBe(2);
    expect(problem('sum(a, b)')).toEqual({ at: 0, sv: 'okänd funktion sum; ett uttryck har min, max och round' });
    expect(problem('round(a)').sv).toMatch(/^round tar två argument/);
    expect(problem('max(a)').sv).toBe('max tar minst två argument');
    expect(problem('   ').sv).toBe('uttrycket är tomt');
  });
});

describe('a derived value on its grid', () => {
  it('rounds money half away from zero to the rounding unit; other types must land on their grid', () => {
    const g = (type: Parameters<typeof onDerivedGrid>[0], x: string, unit = 1) => {
      const r = onDerivedGrid(type, new Dec(x), unit);
      return r.ok ? r.value.toString() : r.message.sv;
    };
    expect(g('money', '4000000.005')).toBe('4000000.01');
    expect(g('money', '4000000.5', 100)).toBe('4000001');
    expect(g('money', '4000000.49', 100)).toBe('4000000');
    expect(g('rate', '9.75')).toBe('9.75');
    expect(g('rate', '9.755')).toBe('uttrycket ger 9,755, som inte går jämnt ut i hela ören');
    expect(g('integer', '3.5')).toBe('uttrycket ger 3,5, som inte går jämnt ut i heltal');
    expect(g('percent', '0.123456')).toBe('0.123456');
    expect(g('decimal', '0.3333333')).toMatch(/sex decimaler$/);
    expect(roundToUnit(new Dec('-0.005'), new Dec('0.01')).toString()).toBe('-0.01');
  });
});

describe('the formula in words', () => {
  const labels: Record<string, string> = { 'cost.total': 'Kostnad', 'region.share': 'Regionens andel', a: 'A', b: 'B', c: 'C' };
  const words = (text: string) => expressionInWords(parse(text), { label: (n) => labels[n] ?? n, isPercent: (n) => n === 'region.share' });

  it('says a share as a percentage of the labelled amount', () => {
    expect(words('cost.total * 0.5')).toBe('50 % av Kostnad');
    expect(words('0.25 * cost.total')).toBe('25 % av Kostnad');
    expect(words('cost.total * region.share')).toBe('Regionens andel av Kostnad');
  });

  it('says sums, differences, products, quotients, min, max and round in Swedish', () => {
    expect(words('a + b')).toBe('A plus B');
    expect(words('a - b - c')).toBe('A minus B minus C');
    expect(words('a - (b - c)')).toBe('A minus (B minus C)');
    expect(words('(a + b) * 0.5')).toBe('50 % av (A plus B)');
    expect(words('a * 1.5')).toBe('A gånger 1,5');
    expect(words('a / 8 * 1.5')).toBe('(A delat med 8) gånger 1,5');
    expect(words('min(a, b, c)')).toBe('det minsta av A, B och C');
    expect(words('max(a, 1000000)')).toBe('det största av A och 1\u00a0000\u00a0000');
    expect(words('round(a * 1.1, 1000)')).toBe('(A gånger 1,1) avrundat till närmaste 1\u00a0000');
    expect(words('round(a, 1)')).toBe('A avrundat till närmaste heltal');
    expect(words('-a')).toBe('minus A');
  });
});
