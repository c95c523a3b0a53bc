// Derived parameters in a scheme file: checked with the definition (every
// problem at once, at its line and the column inside the expression),
// evaluated in dependency order onto the parameter's grid, following every
// override of their base parameters, and never set themselves.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseSchemeFile } from '../../../data/scheme/parse.js';
import { resolveScheme } from '../../../data/scheme/resolve.js';
import { evaluateScheme } from '../../../models/evaluate.js';
import { Dec } from '../../../models/money.js';
import { rows } from '../../models/scenarios/helpers.js';
import { inputError, lines } from '../helpers.js';

/** A region and municipalities sharing one cost: the region's part and the rest derived from it. */
function scheme(parameters: string, rounding = '1'): string {
  return `id: derived
title: Härledda parametrar
summary: test
rounding: "${rounding}"
parties:
  - { code: "01", name: Regionen, kind: region, population: county }
  - from: population
parameters:
${parameters}
components:
  - { id: region, kind: share, label: Regionens del, total: { param: region.part }, key: equal, parties: ["01"] }
  - { id: kommuner, kind: share, label: Kommunernas del, total: { param: kommun.part }, key: population, parties: kommun }
`;
}

const BASE = `  cost.total: { type: money, value: "12000000", label: Kostnad }
  region.share: { type: percent, value: "50", label: Regionens andel }
  region.part: { type: money, expr: "cost.total * region.share", label: Regionens del }
  kommun.part: { type: money, expr: "cost.total − region.part", label: Kommunernas del }`;

const population = rows([60_000, 30_000, 10_000]);

function resolve(yaml: string, overrides: Record<string, string> = {}) {
  return resolveScheme(parseSchemeFile(yaml, 'härledd.yaml'), { population, overrides });
}

describe('a scheme with derived parameters', () => {
  it('computes them in dependency order, whatever order the file gives them in', () => {
    const reordered = BASE.split('\n').reverse().join('\n');
    for (const yaml of [scheme(BASE), scheme(reordered)]) {
      const m = resolve(yaml);
      expect(m.parameters).toMatchObject({ 'cost.total': '12000000', 'region.share': '50', 'region.part': '6000000', 'kommun.part': '6000000' });
      expect(m.derived?.['region.part']).toEqual({ label: 'Regionens del', type: 'money', expr: 'cost.total * region.share', words: 'Regionens andel av Kostnad', from: ['cost.total', 'region.share'] });
      const r = evaluateScheme(m);
      expect(r.total).toBe(1_200_000_000);
    }
  });

  it('follows any override of its base parameters exactly, money rounded half away from zero to the rounding unit (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10 ** 11 }), fc.integer({ min: 0, max: 1_000_000 }), fc.constantFrom('1', '0.01', '100'), (costOre, shareQ, rounding) => {
        const cost = new Dec(costOre).dividedBy(100);
        const share = new Dec(shareQ).dividedBy(10_000); // percent points, four decimals
        const m = resolve(scheme(BASE, rounding), { 'cost.total': cost.toString(), 'region.share': share.toString() });
        const unit = new Dec(rounding);
        const region = cost.times(share).dividedBy(100).dividedBy(unit).toDecimalPlaces(0, Dec.ROUND_HALF_UP).times(unit);
        expect(m.parameters['region.part']).toBe(region.toFixed());
        const rest = cost.minus(region).dividedBy(unit).toDecimalPlaces(0, Dec.ROUND_HALF_UP).times(unit);
        if (rest.isNegative()) return;
        expect(m.parameters['kommun.part']).toBe(rest.toFixed());
        const total = m.components.find((c) => c.id === 'kommuner');
        expect(total?.kind === 'share' ? total.total : undefined).toBe(rest.times(100).toNumber());
      }),
      { seed: 1_515, numRuns: 200 },
    );
  });

  it('refuses setting a derived parameter, naming the base parameters it follows', () => {
    const e = inputError(() => resolve(scheme(BASE), { 'kommun.part': '5' }));
    expect(lines(e.problems)).toEqual([
      '--set: parametern kommun.part är härledd (expr: cost.total − region.part) och kan inte sättas direkt; sätt parametrarna den följer: cost.total, region.share',
    ]);
  });

  it('refuses a result its type cannot hold, at the expression, with how to round it', () => {
    const yaml = scheme(`${BASE}\n  users: { type: integer, expr: "cost.total / 7", label: Användare }`);
    expect(lines(inputError(() => resolve(yaml)).problems)).toEqual([
      'härledd.yaml, rad 13, kolumn 33: parametern users (expr: cost.total / 7): uttrycket ger 1\u00a0714\u00a0285,714285714285714285714285714285714, som inte går jämnt ut i heltal',
    ]);
    const negative = lines(inputError(() => resolve(scheme(BASE), { 'region.share': '150' })).problems);
    expect(inputError(() => resolve(yaml)).problems[0]!.hint?.sv).toBe('Säg hur det ska avrundas med round(…, 1).');
    expect(negative).toEqual(['härledd.yaml, rad 12, kolumn 37: parametern kommun.part (expr: cost.total − region.part): uttrycket ger −6\u00a0000\u00a0000: värdet får inte vara negativt']);
  });
});

describe('a derived parameter that cannot be computed', () => {
  it('is refused with every problem at once, each at its line and its column in the expression', () => {
    const yaml = scheme(`  cost.total: { type: money, value: "12000000", label: Kostnad }
  name: { type: text, value: Region, label: Namn }
  region.part:
    type: money
    expr: "cost.totl * 0.5"
    label: Regionens del
  kommun.part:
    type: money
    expr: cost.total − (region.part
    label: Kommunernas del
  a: { type: money, expr: "b + 1", label: A }
  b: { type: money, expr: "a * 2", label: B }
  c: { type: money, expr: "name * 2", label: C }
  d: { type: year, expr: "2020 + 1", label: D }
  e: { type: money, value: "1", expr: "cost.total", label: E }`);
    const e = inputError(() => parseSchemeFile(yaml, 'fel.yaml'));
    expect(lines(e.problems)).toEqual([
      'fel.yaml, rad 13, kolumn 12: parameters.region.part.expr: okänd parameter "cost.totl"',
      'fel.yaml, rad 17, kolumn 36: parameters.kommun.part.expr: väntade ")", fann slutet',
      'fel.yaml, rad 19, kolumn 27: parameters.a.expr: parametern beror på sig själv (a → b → a)',
      'fel.yaml, rad 21, kolumn 28: parameters.c.expr: name är av typen text och kan inte räknas med',
      'fel.yaml, rad 22, kolumn 26: parameters.d: en parameter av typen year kan inte räknas ur ett uttryck',
      'fel.yaml, rad 23, kolumn 39: parameters.e: ange antingen value eller expr, inte båda',
    ]);
    expect(e.problems[0]!.hint?.sv).toBe('Menade du cost.total?');
    expect(e.problems[2]!.hint?.sv).toBe('Minst en av dem ska ha ett value i stället för expr.');
  });
});
