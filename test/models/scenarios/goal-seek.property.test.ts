// Goal seek on random schemes and random goals: it answers truthfully or
// refuses with a reason, and nothing else. Every answer is checked with
// evaluations of its own (not the search's), at the answer and at the
// neighbouring grid value.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../../models/errors.js';
import { evaluateScheme } from '../../../models/evaluate.js';
import { type Dec, oreToDecimalString } from '../../../models/money.js';
import { type GoalPoint, type GoalSeekAnswer, goalSeekAnswer } from '../../../models/scenarios/goal-seek.js';
import { type Goal, meetsGoal, parseGoal, resolveOutput } from '../../../models/scenarios/outputs.js';
import { type VariantSource, gridOf, gridText, parameterNamed } from '../../../models/scenarios/source.js';
import { inlineSource, rows } from './helpers.js';

const SEED = 20_241_010;
const RUNS = 200;

interface SchemeCase {
  readonly pops: readonly number[];
  readonly rounding: '0.01' | '1';
  readonly policy: 'region' | 'redistribute' | 'none';
  /** Which municipalities the cap covers (indexes), or all. */
  readonly capped: 'kommun' | readonly number[];
  /** Kronor. */
  readonly total: number;
  readonly cap: number;
  readonly cost: number;
  /** Öre per inhabitant. */
  readonly rate: number;
}

function yamlOf(c: SchemeCase): string {
  const code = (i: number) => `"01${String(i + 1).padStart(2, '0')}"`;
  const capParties = c.capped === 'kommun' ? 'kommun' : `[${c.capped.map(code).join(', ')}]`;
  return `
id: egenskap
title: Egenskap
summary: test
rounding: "${c.rounding}"
parties:
  - { code: "01", name: Regionen, kind: region, population: county }
  - from: population
parameters:
  total: { type: money, value: "${c.total}", label: Total }
  cap.amount: { type: money, value: "${c.cap}", label: Tak }
  cap.policy: { type: enum, value: ${c.policy}, values: [region, redistribute, none], label: Regel }
  rate: { type: rate, value: "${oreToDecimalString(c.rate)}", label: Avgift }
  cost: { type: money, value: "${c.cost}", label: Kostnad }
components:
  - id: licence
    kind: share
    label: Licens
    total: { param: total }
    key: population
    parties: kommun
    cap: { amount: { param: cap.amount }, policy: { param: cap.policy }, parties: ${capParties} }
  - id: avgift
    kind: per-unit
    label: Avgift
    rate: { param: rate }
    key: population
    parties: kommun
financing:
  cost: { amount: { param: cost }, label: Kostnad }
  revenue: { amount: "0", label: Intäkter }
`;
}

const schemeArb: fc.Arbitrary<SchemeCase> = fc
  .array(fc.oneof(fc.integer({ min: 1, max: 250_000 }), fc.integer({ min: 0, max: 5 })), { minLength: 1, maxLength: 6 })
  .chain((pops) =>
    fc.record({
      pops: fc.constant(pops),
      rounding: fc.constantFrom('0.01' as const, '1' as const),
      policy: fc.constantFrom('region' as const, 'redistribute' as const, 'none' as const),
      capped: fc.oneof(fc.constant('kommun' as const), fc.uniqueArray(fc.integer({ min: 0, max: pops.length - 1 }), { minLength: 1, maxLength: pops.length })),
      total: fc.integer({ min: 0, max: 5_000_000 }),
      cap: fc.integer({ min: 0, max: 2_000_000 }),
      cost: fc.integer({ min: 0, max: 5_000_000 }),
      rate: fc.integer({ min: 0, max: 2_000 }),
    }),
  );

interface GoalCase {
  readonly param: 'total' | 'cap.amount' | 'rate';
  /** A party by index (municipality) or the region, or a scheme-wide output. */
  readonly output: string;
  readonly op: Goal['op'];
  /** The target: the output at a probe value of the parameter (millionths of its {@link SPAN}), moved by a few units; or an amount of its own. */
  readonly target: { readonly probe: number; readonly units: number } | { readonly kr: number };
  /** In millionths of the parameter's {@link SPAN}. */
  readonly range?: readonly [number, number];
}

// Outputs that move with each parameter (and a few that may not): a goal on an output the parameter never moves is refused, which is right but shows little.
const goalArb = (pops: number): fc.Arbitrary<GoalCase> => {
  const party = fc.integer({ min: 0, max: pops - 1 }).map((i) => `01${String(i + 1).padStart(2, '0')}`);
  const licence = fc.oneof(
    fc.constantFrom('licence', 'licence.heldBack', 'licence.carried', 'licence.capped', 'uncovered', '01'),
    party,
    party.map((p) => `${p}.licence`),
    party.map((p) => `${p}.licence.utilisation`),
  );
  const outputs: Readonly<Record<GoalCase['param'], fc.Arbitrary<string>>> = {
    total: fc.oneof(fc.constantFrom('total', 'surplus'), licence),
    'cap.amount': licence,
    rate: fc.oneof(fc.constantFrom('total', 'surplus'), party),
  };
  return fc.constantFrom('total' as const, 'cap.amount' as const, 'rate' as const).chain((param) =>
    fc.record(
      {
        param: fc.constant(param),
        output: outputs[param],
        op: fc.constantFrom('>=' as const, '<=' as const, '>' as const, '<' as const, '=' as const),
        target: fc.oneof(
          { weight: 4, arbitrary: fc.record({ probe: fc.integer({ min: 0, max: 1_000_000 }), units: fc.integer({ min: -2, max: 2 }) }) },
          { weight: 1, arbitrary: fc.record({ kr: fc.integer({ min: -1_000_000, max: 6_000_000 }) }) },
        ),
        // Mostly the derived range; now and then one of the user's.
        range: fc.oneof(
          { weight: 3, arbitrary: fc.constant(undefined) },
          { weight: 1, arbitrary: fc.tuple(fc.integer({ min: 0, max: 1_000_000 }), fc.integer({ min: 1, max: 1_000_000 })).map(([a, d]) => [a, Math.min(a + d, 1_000_000)] as const) },
        ),
      },
      { requiredKeys: ['param', 'output', 'op', 'target'] },
    ),
  );
};

/** The value of `param` that `q` öre (money, rates) stands for, as `--set` takes it. */
const money = (q: number) => oreToDecimalString(q);

/** Where probes and ranges fall, in öre: totals and caps up to 5 Mkr, a rate up to 50 kr per inhabitant. */
const SPAN: Readonly<Record<GoalCase['param'], number>> = { total: 5_000_000_00, 'cap.amount': 5_000_000_00, rate: 50_00 };

/** A point of the parameter's span on its grid, in öre. */
const spanAt = (g: GoalCase, millionths: number, step: number) => Math.floor(Math.round((millionths / 1_000_000) * SPAN[g.param]) / step) * step;

/** The output named by the goal in an evaluation of its own, or undefined when the scheme refuses the value. */
function outputAt(source: VariantSource, param: string, text: string, name: string): Dec | undefined {
  try {
    const r = evaluateScheme(source.variant({ [param]: text }));
    return resolveOutput(r, name).read(r);
  } catch (e) {
    if (e instanceof InputError) return undefined;
    throw e;
  }
}

function targetOf(source: VariantSource, g: GoalCase, unitKr: number, gridStep: number): string | undefined {
  if ('kr' in g.target) return String(g.target.kr);
  const at = outputAt(source, g.param, money(spanAt(g, g.target.probe, gridStep)), g.output);
  if (at === undefined) return undefined;
  // Ratios and counts move by a hundredth, money by a rounding unit.
  const step = g.output.endsWith('.utilisation') ? 0.01 : g.output.endsWith('capped') ? 1 : unitKr;
  return at.plus(g.target.units * step).toString();
}

describe('goal seek on random schemes and goals', () => {
  it('answers with values that meet the goal next to values that do not, or refuses with a reason; never anything else', () => {
    const kinds = new Map<string, number>();
    fc.assert(
      fc.property(
        schemeArb.chain((s) => fc.tuple(fc.constant(s), goalArb(s.pops.length))),
        ([scheme, g]) => {
          let source: VariantSource;
          try {
            source = inlineSource(yamlOf(scheme), { population: rows(scheme.pops) });
          } catch (e) {
            // The scheme itself may be refused (an amount to split among parties of no inhabitants): a reason too.
            expect(e).toBeInstanceOf(InputError);
            kinds.set('refused', (kinds.get('refused') ?? 0) + 1);
            return;
          }
          const grid = gridOf(g.param === 'rate' ? 'rate' : 'money', source.model.unit);
          const target = targetOf(source, g, scheme.rounding === '1' ? 1 : 0.01, grid.step);
          fc.pre(target !== undefined);
          const parsed = parseGoal(`${g.output}${g.op}${target}`);
          if ('error' in parsed) throw new Error(parsed.error.en);
          const range = g.range ? ([money(spanAt(g, g.range[0], grid.step)), money(spanAt(g, g.range[1], grid.step))] as const) : undefined;
          let answer: GoalSeekAnswer;
          try {
            answer = goalSeekAnswer({ source, parameter: parameterNamed(source, g.param, '--param'), goal: parsed, ...(range ? { range } : {}) });
          } catch (e) {
            // A refusal is an InputError that says why, in both languages; anything else (an invariant error, a TypeError) fails.
            expect(e).toBeInstanceOf(InputError);
            const problem = (e as InputError).problems[0]!;
            expect(problem.message.sv.length).toBeGreaterThan(0);
            expect(problem.message.en.length).toBeGreaterThan(0);
            kinds.set('refused', (kinds.get('refused') ?? 0) + 1);
            return;
          }
          kinds.set(answer.kind, (kinds.get(answer.kind) ?? 0) + 1);
          const check = (x: GoalPoint, meets: boolean) => {
            const v = outputAt(source, g.param, x.text, g.output);
            expect(v, `${g.param}=${x.text}`).toBeDefined();
            expect(v!.equals(x.output)).toBe(true);
            expect(meetsGoal(parsed, v!), `${parsed.text} at ${g.param}=${x.text} (${v!.toString()})`).toBe(meets);
          };
          const next = (x: GoalPoint) => gridText(x.q + grid.step, g.param === 'rate' ? 'rate' : 'money');
          if (answer.kind === 'threshold') {
            check(answer.answer, true);
            check(answer.beyond, false);
            expect(Math.abs(answer.answer.q - answer.beyond.q)).toBe(grid.step);
          } else if (answer.kind === 'interval') {
            check(answer.first, true);
            check(answer.last, true);
            expect(answer.first.q).toBeLessThanOrEqual(answer.last.q);
            if (answer.before) {
              check(answer.before, false);
              expect(next(answer.before)).toBe(answer.first.text);
            } else {
              expect(answer.first.text).toBe(answer.range.from);
            }
            if (answer.after) {
              check(answer.after, false);
              expect(next(answer.last)).toBe(answer.after.text);
            } else {
              expect(answer.last.text).toBe(answer.range.to);
            }
          } else {
            check(answer.lower, false);
            check(answer.upper, false);
            expect(next(answer.lower)).toBe(answer.upper.text);
            // One on each side of the target.
            expect(answer.lower.output.comparedTo(parsed.target) * answer.upper.output.comparedTo(parsed.target)).toBe(-1);
          }
        },
      ),
      { seed: SEED, numRuns: RUNS },
    );
    // The property is only worth something if every kind of answer came up.
    expect([...kinds.keys()].sort()).toEqual(['interval', 'nearest', 'refused', 'threshold']);
  });
});
