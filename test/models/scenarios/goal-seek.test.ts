import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../../data/load-scenario.js';
import { InputError } from '../../../models/errors.js';
import { evaluateScheme } from '../../../models/evaluate.js';
import { EXACT_SUM_LIMIT, schemeMagnitude } from '../../../models/magnitude.js';
import { type GoalSeekAnswer, exactCeiling, goalSeek, goalSeekAnswer } from '../../../models/scenarios/goal-seek.js';
import { type Goal, parseGoal } from '../../../models/scenarios/outputs.js';
import { type VariantSource, parameterNamed } from '../../../models/scenarios/source.js';
import { inlineSource, rows } from './helpers.js';

function goal(text: string): Goal {
  const g = parseGoal(text);
  if ('error' in g) throw new Error(g.error.en);
  return g;
}

describe('goal seek', () => {
  it('the rate at which vgr-2022 without Göteborg covers its need: 11,72 kr, and 11,71 kr does not', async () => {
    const s = await loadScenario('scenarios/goteborg-avstar.yaml');
    const g = goalSeek({ source: s.source, parameter: parameterNamed(s.source, 'rate', '--param'), goal: goal('surplus>=0') });
    expect(g.direction).toBe('smallest');
    expect(g.answer.text).toBe('11.72');
    expect(g.beyond.text).toBe('11.71');
    expect(g.answer.meets).toBe(true);
    expect(g.beyond.meets).toBe(false);
    // Exact: every party rounded to whole kronor at 11,72 kr per inhabitant.
    const at = evaluateScheme(s.source.variant({ rate: '11.72' }));
    expect(g.result.total).toBe(at.total);
    expect(at.reconciliation.financing!.surplus).toBeGreaterThanOrEqual(0);
    expect(evaluateScheme(s.source.variant({ rate: '11.71' })).reconciliation.financing!.surplus).toBeLessThan(0);
  });

  it('the Stockholm licence total at which Stockholms stad reaches the cap, to the öre', async () => {
    const s = await loadScenario('sthlm-2020', { provisional: { 'licence.total': '0' } });
    const g = goalSeek({ source: s.source, parameter: parameterNamed(s.source, 'licence.total', '--param'), goal: goal('0180.licence>=615312') });
    expect(g.direction).toBe('smallest');
    const at = evaluateScheme(s.source.variant({ 'licence.total': g.answer.text }));
    const below = evaluateScheme(s.source.variant({ 'licence.total': g.beyond.text }));
    const sthlm = (r: typeof at) => r.parties.find((p) => p.party.code === '0180')!.components.licence;
    expect(sthlm(at)).toBe(61_531_200);
    expect(sthlm(below)).toBe(61_531_199);
    // Stockholm is 974 073 of 2 377 081 inhabitants: the cap is reached near 1,50 Mkr.
    expect(Number(g.answer.text)).toBeGreaterThan(1_500_000);
    expect(Number(g.answer.text)).toBeLessThan(1_502_000);
    // The largest total at which the cap does not bind ("capped": amount held back) is a few öre higher.
    const binds = goalSeek({ source: s.source, parameter: parameterNamed(s.source, 'licence.total', '--param'), goal: goal('0180.licence.capped') });
    expect(Number(binds.answer.text)).toBeGreaterThan(Number(g.answer.text));
    expect(Number(binds.answer.text) - Number(g.answer.text)).toBeLessThan(0.1);
  });

  it('a range where the goal does not change is refused; an unknown output lists the possible ones', async () => {
    const s = await loadScenario('vgr-2022');
    const rate = parameterNamed(s.source, 'rate', '--param');
    expect(() => goalSeek({ source: s.source, parameter: rate, goal: goal('surplus>=0'), range: ['20', '30'] })).toThrow(/uppfylls i hela intervallet/);
    expect(() => goalSeek({ source: s.source, parameter: rate, goal: goal('vinst>=0') })).toThrow(InputError);
    try {
      goalSeek({ source: s.source, parameter: rate, goal: goal('vinst>=0') });
    } catch (e) {
      expect((e as InputError).problems[0]!.hint!.sv).toContain('surplus');
    }
  });

  it('also finds the largest value that meets a goal', async () => {
    const s = await loadScenario('vgr-2022');
    const g = goalSeek({ source: s.source, parameter: parameterNamed(s.source, 'rate', '--param'), goal: goal('1480<=5000000'), range: ['0', '20'] });
    expect(g.direction).toBe('largest');
    // Göteborg has 587 549 inhabitants: 8,51 kr gives 5 000 042 kr (rounded to kronor), 8,50 kr 4 994 167 kr.
    expect(g.answer.text).toBe('8.50');
    expect(g.beyond.text).toBe('8.51');
  });
});

// Uppsala län's municipalities share kommun.total by population; only Uppsala kommun (0380) is capped, at 1 500 000 kr.
const UPPSALA = 'test/fixtures/goal-seek/uppsala.yaml';

function seek(source: VariantSource, param: string, g: string, range?: [string, string]): GoalSeekAnswer {
  return goalSeekAnswer({ source, parameter: parameterNamed(source, param, '--param'), goal: goal(g), ...(range ? { range } : {}) });
}

function refusal(f: () => unknown): InputError {
  try {
    f();
  } catch (e) {
    if (e instanceof InputError) return e;
    throw e;
  }
  throw new Error('expected an InputError');
}

/** A party's amount in öre when the parameter has a value. */
function amountAt(source: VariantSource, param: string, value: string, code: string): number {
  return evaluateScheme(source.variant({ [param]: value })).parties.find((p) => p.party.code === code)!.amount;
}

describe('goal seek: an equality goal', () => {
  it('answers with the interval of totals at which Enköping pays exactly 100 000 kr, each end with the value outside that fails', async () => {
    const s = await loadScenario(UPPSALA);
    const a = seek(s.source, 'kommun.total', '0381=100000');
    if (a.kind !== 'interval') throw new Error(`expected an interval, got ${a.kind}`);
    expect([a.before?.text, a.first.text, a.last.text, a.after?.text]).toEqual(['831826.26', '831826.27', '831826.35', '831826.36']);
    // Every öre from one neighbour to the other, evaluated on its own: exactly the interval gives 100 000,00 kr.
    for (let ore = 83_182_626; ore <= 83_182_636; ore++) {
      const text = `${Math.floor(ore / 100)}.${String(ore % 100).padStart(2, '0')}`;
      expect(amountAt(s.source, 'kommun.total', text, '0381') === 10_000_000).toBe(ore >= 83_182_627 && ore <= 83_182_635);
    }
    expect(amountAt(s.source, 'kommun.total', '831826.26', '0381')).toBe(9_999_999);
    expect(amountAt(s.source, 'kommun.total', '831826.36', '0381')).toBe(10_000_001);
  });

  it('an amount that rounding jumps over: the two neighbouring rates, one below and one above', async () => {
    // Göteborg's 587 549 inhabitants at whole kronor: 8,50 kr gives 4 994 167 kr, 8,51 kr 5 000 042 kr.
    const s = await loadScenario('vgr-2022');
    const a = seek(s.source, 'rate', '1480=5000000', ['0', '20']);
    if (a.kind !== 'nearest') throw new Error(`expected the nearest values, got ${a.kind}`);
    expect([a.lower.text, a.lower.output.toString(), a.upper.text, a.upper.output.toString()]).toEqual(['8.50', '4994167', '8.51', '5000042']);
    // The threshold view refuses it and names both values.
    const e = refusal(() => goalSeek({ source: s.source, parameter: parameterNamed(s.source, 'rate', '--param'), goal: goal('1480=5000000'), range: ['0', '20'] }));
    expect(e.describe('sv')).toBe('--goal: målet 1480=5000000 nås inte exakt i steg om 0,01 kr: vid rate = 8,50 kr är 1480 4 994 167 kr, vid 8,51 kr 5 000 042 kr');
    expect(e.describe('en')).toBe('--goal: the goal 1480=5000000 is not reached exactly in steps of 0.01: at rate = 8.50 1480 is 4 994 167 kr, at 8.51 5 000 042 kr');
  });

  it('a capped party paying exactly its cap: from the first total where the cap binds to the end of the range', async () => {
    const s = await loadScenario(UPPSALA);
    const a = seek(s.source, 'kommun.total', '0380=1500000');
    if (a.kind !== 'interval') throw new Error(`expected an interval, got ${a.kind}`);
    expect([a.before?.text, a.first.text, a.last.text, a.after]).toEqual(['2493892.98', '2493892.99', '45035996273704.96', undefined]);
    expect(a.range).toEqual({ from: '0.00', to: '45035996273704.96', derived: true, toIsLimit: true });
    expect(amountAt(s.source, 'kommun.total', '2493892.98', '0380')).toBe(149_999_999);
    expect(amountAt(s.source, 'kommun.total', '45035996273704.96', '0380')).toBe(150_000_000);
    // The threshold view: the smallest total at which it holds, and the one below.
    const g = goalSeek({ source: s.source, parameter: parameterNamed(s.source, 'kommun.total', '--param'), goal: goal('0380=1500000') });
    expect([g.direction, g.answer.text, g.beyond.text]).toEqual(['smallest', '2493892.99', '2493892.98']);
  });

  it('an interval that starts at the start of the range has no value below it', async () => {
    const s = await loadScenario(UPPSALA);
    const a = seek(s.source, 'kommun.total', '0319=0');
    if (a.kind !== 'interval') throw new Error(`expected an interval, got ${a.kind}`);
    expect(a.before).toBeUndefined();
    expect(a.first.text).toBe('0.00');
    expect(a.after!.output.greaterThan(0)).toBe(true);
    expect(a.last.output.isZero()).toBe(true);
  });
});

describe('goal seek: the default range, and what it refuses', () => {
  it('Uppsala capped: 0380>=3000000 is refused because of the cap, named with its amount, never an invariant error', async () => {
    const s = await loadScenario(UPPSALA);
    const e = refusal(() => seek(s.source, 'kommun.total', '0380>=3000000'));
    expect(e.code).toBe('E_GOAL');
    expect(e.describe('sv')).toBe(
      '--goal: målet 0380>=3000000 kan inte nås: Uppsala (0380) betalar aldrig mer än taket i Kommunernas kostnad, 1 500 000 kr ' +
        '(sökt i kommun.total = 0 kr … 45 035 996 273 704,96 kr, upp till det största värde som schemat kan beräknas exakt vid). ' +
        'Det som taket håller tillbaka bär Region Uppsala. Sätt ett mål som ryms under taket, eller höj taket (parametern cap.amount).',
    );
    expect(e.describe('en')).toBe(
      '--goal: the goal 0380>=3000000 cannot be met: Uppsala (0380) never pays more than the cap in Kommunernas kostnad, 1 500 000 kr ' +
        '(searched kommun.total = 0.00 … 45035996273704.96, up to the largest value at which the scheme can be computed exactly). ' +
        'What the cap holds back is carried by Region Uppsala. Set a goal the cap leaves room for, or raise the cap (the parameter cap.amount).',
    );
    // Under the other policies the cap is just as much the reason, and the hint says where the rest goes.
    const redistribute = await loadScenario(UPPSALA, { overrides: { 'cap.policy': 'redistribute' } });
    expect(refusal(() => seek(redistribute.source, 'kommun.total', '0380.kommun>3000000')).describe('sv')).toContain('fördelas om på parterna under taket');
    const none = await loadScenario(UPPSALA, { overrides: { 'cap.policy': 'none' } });
    expect(refusal(() => seek(none.source, 'kommun.total', '0380.kommun.utilisation>=1.5')).describe('en')).toContain('Uppsala (0380) never pays more than the cap in Kommunernas kostnad, 1 500 000 kr');
  });

  it('the derived range ends at the largest value that keeps every sum within 2^52 öre', async () => {
    const s = await loadScenario(UPPSALA);
    // The one component's total is the scheme's only money figure: the ceiling is 2^52 öre exactly.
    expect(exactCeiling(s.source, parameterNamed(s.source, 'kommun.total', '--param'), 0)).toBe(EXACT_SUM_LIMIT);
    // A rate: rate × inhabitants, the cost and the revenue together, to the öre.
    const v = await loadScenario('vgr-2022');
    const rate = parameterNamed(v.source, 'rate', '--param');
    const q = exactCeiling(v.source, rate, 1000)!;
    const rateAt = (ore: number) => ({ rate: `${Math.floor(ore / 100)}.${String(ore % 100).padStart(2, '0')}` });
    expect(schemeMagnitude(v.source.variant(rateAt(q))).lessThanOrEqualTo(EXACT_SUM_LIMIT)).toBe(true);
    // One öre more, and the scheme refuses the value as input: its sums would leave the exact integers.
    expect(() => v.source.variant(rateAt(q + 1))).toThrow(/beloppen blir för stora för att räknas exakt/);
  });

  it('--range beyond what can be computed exactly, or outside the bounds, is refused with the most it can be', async () => {
    const s = await loadScenario(UPPSALA);
    expect(refusal(() => seek(s.source, 'kommun.total', '0380>=1000000', ['0', '100000000000000'])).describe('sv')).toBe(
      '--range: till 100000000000000 är för stort: vid kommun.total = 100000000000000 kan schemat inte beräknas exakt; högst 45035996273704.96',
    );
    expect(refusal(() => seek(s.source, 'kommun.total', '0380>=1000000', ['-5', '10'])).describe('en')).toBe('--range: from -5 is outside the bounds of kommun.total, 0 … ∞');
  });

  it('an evaluation the scheme refuses inside the range is an InputError that names the value; without --range the search starts where the scheme can be computed', () => {
    const yaml = `
id: golv
title: Golv
summary: test
parties:
  - from: population
parameters:
  total: { type: money, value: "1000", label: Total }
components:
  - id: delning
    kind: share
    label: Delning
    total: { param: total }
    key: population
    parties: all
    floors: { "0101": "300", "0102": "300" }
`;
    const source = inlineSource(yaml, { population: rows([1000, 3000]) });
    const e = refusal(() => seek(source, 'total', '0102>=2000', ['0', '5000']));
    expect(e.describe('sv')).toBe(
      '--range: vid total = 0.00 kan schemat inte beräknas: golven summerar till mer än beloppet att fördela (60000 öre för mycket). Ange ett sökintervall där schemat går att beräkna med --range från..till.',
    );
    // Without --range: from the smallest total the floors allow (600 kr), not from 0.
    const a = seek(source, 'total', '0102>=2000');
    if (a.kind !== 'threshold') throw new Error(`expected a threshold, got ${a.kind}`);
    expect(a.range.from).toBe('600.00');
    expect(a.answer.output.greaterThanOrEqualTo(2000)).toBe(true);
    expect(a.beyond.output.lessThan(2000)).toBe(true);
  });
});

describe('parseGoal', () => {
  it('reads comparisons and lone 0/1 outputs', () => {
    expect(goal('surplus >= 0')).toMatchObject({ output: 'surplus', op: '>=' });
    expect(goal('0180.licence.utilisation≥1')).toMatchObject({ output: '0180.licence.utilisation', op: '>=' });
    expect(goal('0180.licence.capped')).toMatchObject({ output: '0180.licence.capped', op: '>=', text: '0180.licence.capped>=1' });
    expect(goal('total <= 1 500 000,50').target.toString()).toBe('1500000.5');
    expect(goal('0380=1000000')).toMatchObject({ output: '0380', op: '=', text: '0380=1000000' });
    expect(goal('0380 == 1 000 000')).toMatchObject({ output: '0380', op: '=', text: '0380=1000000' });
    expect('error' in parseGoal('surplus >= abc')).toBe(true);
  });
});
