// The solver's answer to "the largest total the caps can hold", under each
// cap policy: the figures, the meaning, and the evaluations that check them.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadScheme } from '../../data/load-scheme.js';
import { InputError } from '../../models/errors.js';
import { evaluateScheme } from '../../models/evaluate.js';
import type { SchemeModel, ShareComponent } from '../../models/scheme.js';
import { allocateByWeights } from '../../models/allocate.js';
import { Dec } from '../../models/money.js';
import { type ComponentCapacity, componentCapacity, maxComponentTotal, maxTotalUnderCaps } from '../../models/solve.js';
import { inlineSource, rows } from './scenarios/helpers.js';

const UPPSALA = 'test/fixtures/goal-seek/uppsala.yaml';

async function capacity(scheme: string, id: string, overrides: Record<string, string>): Promise<ComponentCapacity> {
  const { model } = await loadScheme(scheme, { overrides });
  return componentCapacity(model, model.components.find((c) => c.id === id) as ShareComponent);
}

/** The component's uncovered and carried amounts, and whom its cap binds, in an evaluation of its own at `total` öre. */
function figures(model: SchemeModel, id: string, total: number) {
  const r = evaluateScheme({ ...model, components: model.components.map((c) => (c.id === id ? { ...c, total } : c)) });
  const b = r.components.find((c) => c.component.id === id)!.bounded!;
  return { uncovered: b.reconciliation.uncovered, carried: b.reconciliation.carried, capped: b.capped.length };
}

/** The amounts of a split at one total, for checking an answer by hand. */
const split = (total: number, codes: string[], weights: number[], unit = 1) => allocateByWeights({ total, codes, weights, unit }).lines.map((l) => l.amount);

// The property (the answer holds, one unit more and the next 40 do not) is in sthlm-2020.test.ts.
describe('maxTotalUnderCaps, checked by hand', () => {
  it('a 1 : 3, a capped at 1,00 kr: 4,01 kr, since at 4,01 kr the spare öre goes to b (remainder 0,75 against 0,25)', () => {
    const r = maxTotalUnderCaps({ codes: ['a', 'b'], weights: [1, 3], caps: [100, undefined] });
    expect([r.total, r.unit, r.weightTotal]).toEqual([401, 1, 4n]);
    expect(r.binding).toEqual({ code: 'a', weight: 1, cap: 100, amountAtTotal: 100, amountAtNext: 101 });
    // 4,00 and 4,01 kr keep a at 1,00 kr; at 4,02 kr the remainders tie (0,50) and a, the lower code, takes the öre.
    expect([400, 401, 402].map((t) => split(t, ['a', 'b'], [1, 3]))).toEqual([
      [100, 300],
      [100, 301],
      [101, 301],
    ]);
  });

  it('1 : 2 : 3, a and b capped at 1,00 kr: b binds first, at 3,01 kr (0,67 kr of remainder takes the öre at 3,02 kr)', () => {
    const r = maxTotalUnderCaps({ codes: ['a', 'b', 'c'], weights: [1, 2, 3], caps: [100, 100, undefined] });
    expect(r.total).toBe(301);
    expect(r.binding).toEqual({ code: 'b', weight: 2, cap: 100, amountAtTotal: 100, amountAtNext: 101 });
    // Bracketed between 3,00 kr (every exact share under its cap) and 3,03 kr: 3,02 and 3,01 kr were tried.
    expect(r.checked).toBe(2);
    expect(split(301, ['a', 'b', 'c'], [1, 2, 3])).toEqual([50, 100, 151]);
  });

  it('in whole kronor: a cap between two units counts as the unit below (10,50 kr → 10 kr), ties to the lower code', () => {
    for (const cap of [10_00, 10_50]) {
      const r = maxTotalUnderCaps({ codes: ['a', 'b'], weights: [1, 1], caps: [cap, undefined], unit: 100 });
      expect([r.total, r.unit]).toEqual([20_00, 100]);
      expect(r.binding).toMatchObject({ code: 'a', amountAtTotal: 10_00, amountAtNext: 11_00 });
    }
  });

  it('a cap of zero: nothing can be split while its party has a weight', () => {
    const r = maxTotalUnderCaps({ codes: ['a', 'b'], weights: [1, 1], caps: [0, undefined] });
    expect(r.total).toBe(0);
    expect(r.binding).toMatchObject({ code: 'a', amountAtTotal: 0, amountAtNext: 1 });
  });

  it('equal remainders go to the lower code whatever the order: at 2,01 kr a, listed second, takes the öre and binds', () => {
    const r = maxTotalUnderCaps({ codes: ['b', 'a'], weights: [1, 1], caps: [100, 100] });
    expect(r.total).toBe(200);
    expect(split(201, ['b', 'a'], [1, 1])).toEqual([100, 101]);
    expect(r.binding.code).toBe('a');
  });

  it('refuses what it cannot answer: no capped party with a weight, a total past 2^53, too many candidates', () => {
    const refusal = (input: Parameters<typeof maxTotalUnderCaps>[0]) => {
      try {
        maxTotalUnderCaps(input);
      } catch (e) {
        expect(e).toBeInstanceOf(InputError);
        expect((e as InputError).code).toBe('E_SOLVE');
        return (e as InputError).describe('sv');
      }
      throw new Error('expected a refusal');
    };
    expect(refusal({ codes: ['a', 'b'], weights: [1, 1], caps: [undefined, undefined] })).toBe('inget tak binder: det finns ingen part med både tak och vikt');
    expect(refusal({ codes: ['a', 'b'], weights: [0, 1], caps: [100, undefined] })).toBe('inget tak binder: det finns ingen part med både tak och vikt');
    expect(refusal({ codes: ['a', 'b'], weights: [1, 1_000_000], caps: [Number.MAX_SAFE_INTEGER - 1, undefined] })).toMatch(/^det största totalbeloppet under taken ligger bortom vad andel kan räkna exakt med/);
    expect(refusal({ codes: ['a', 'b'], weights: [1, 10_000_000], caps: [100, undefined] })).toBe('för många kandidater att pröva: vikterna är orimligt ojämna');
  });
});

describe('maxComponentTotal: a capped share component of a scheme', () => {
  const model: SchemeModel = {
    id: 'tak', title: 'Tak', summary: '', currency: 'SEK', unit: 1, partyList: '', dates: [], provenance: [], parameters: {}, notes: {},
    parties: [
      { code: '01', name: 'Regionen', kind: 'region', population: 6 },
      { code: '0101', name: 'A-by', kind: 'kommun', population: 1 },
      { code: '0102', name: 'B-stad', kind: 'kommun', population: 2 },
      { code: '0103', name: 'C-holm', kind: 'kommun', population: 3 },
    ],
    components: [
      {
        kind: 'share', id: 'lic', label: 'Licens', total: 0, key: { kind: 'population' }, parties: ['0101', '0102', '0103'],
        cap: { amount: 100, policy: { kind: 'carrier', code: '01' }, parties: ['0101', '0102'] },
      },
      { kind: 'share', id: 'fri', label: 'Utan tak', total: 0, key: { kind: 'weights', weights: { '0101': new Dec('0.5'), '0102': new Dec(1), '0103': new Dec(1) } }, parties: ['0101', '0102', '0103'] },
    ],
  };
  const component = (id: string) => model.components.find((c) => c.id === id) as ShareComponent;

  it('takes the key’s weights and caps only the parties the cap names: the 1 : 2 : 3 case, 3,01 kr', () => {
    const r = maxComponentTotal(model, component('lic'));
    expect([r.total, r.binding.code, r.weightTotal]).toEqual([301, '0102', 6n]);
  });

  it('refuses a component without a cap', () => {
    expect(() => maxComponentTotal(model, component('fri'))).toThrow('komponenten fri har inget tak');
  });
});

describe('componentCapacity: sthlm-2020 licence, 26 municipalities each capped at 615 312 kr', () => {
  it('region carries: the largest total before Region Stockholm carries anything, 1 501 577,88 kr', async () => {
    const a = await capacity('sthlm-2020', 'licence', { 'licence.total': '0' });
    if (a.kind !== 'before-carrier') throw new Error(`expected before-carrier, got ${a.kind}`);
    expect(a.total).toBe(1_501_577_88);
    expect(a.firstCap!.binding).toMatchObject({ code: '0180', amountAtTotal: 615_312_00, amountAtNext: 615_312_01 });
    expect([a.check.atTotal.carried, a.check.atNext.carried]).toEqual([0, 1]);
  });

  it('none: the largest total with nothing uncovered, the same 1 501 577,88 kr', async () => {
    const a = await capacity('sthlm-2020', 'licence', { 'licence.total': '0', 'cap.policy': 'none' });
    if (a.kind !== 'nothing-uncovered') throw new Error(`expected nothing-uncovered, got ${a.kind}`);
    expect([a.total, a.everyPartyCapped]).toEqual([1_501_577_88, false]);
    expect([a.check.atTotal.uncovered, a.check.atNext.uncovered]).toEqual([0, 1]);
  });

  it('redistribute: the others take over until all 26 pay their cap, 26 × 615 312 = 15 998 112,00 kr', async () => {
    const a = await capacity('sthlm-2020', 'licence', { 'licence.total': '0', 'cap.policy': 'redistribute' });
    if (a.kind !== 'nothing-uncovered') throw new Error(`expected nothing-uncovered, got ${a.kind}`);
    expect([a.total, a.everyPartyCapped, a.sharing]).toEqual([15_998_112_00, true, 26]);
    expect([a.check.atTotal.uncovered, a.check.atNext.uncovered]).toEqual([0, 1]);
    // The first cap still binds at 1 501 577,89 kr, where nothing is uncovered: it is not the limit under this policy.
    expect(a.firstCap!.total).toBe(1_501_577_88);
    const { model } = await loadScheme('sthlm-2020', { overrides: { 'licence.total': '0', 'cap.policy': 'redistribute' } });
    expect(figures(model, 'licence', 1_501_577_89)).toEqual({ uncovered: 0, carried: 0, capped: 1 });
    expect(figures(model, 'licence', 15_998_112_00).uncovered).toBe(0);
    expect(figures(model, 'licence', 15_998_112_01).uncovered).toBe(1);
    // Every municipality pays exactly its cap at the answer.
    const r = evaluateScheme({ ...model, components: model.components.map((c) => (c.id === 'licence' ? { ...c, total: 15_998_112_00 } : c)) });
    expect(r.parties.filter((p) => p.party.kind === 'kommun').every((p) => p.components.licence === 615_312_00)).toBe(true);
  });
});

describe('componentCapacity: Uppsala län, only Uppsala kommun capped at 1 500 000 kr', () => {
  it('region and none: 2 493 893,00 kr, Uppsala binding', async () => {
    for (const policy of ['region', 'none']) {
      const a = await capacity(UPPSALA, 'kommun', { 'cap.policy': policy });
      if (a.kind === 'unbounded') throw new Error('expected a total');
      expect(a.total).toBe(2_493_893_00);
      expect(a.firstCap!.binding.code).toBe('0380');
    }
  });

  it('redistribute: no largest total, the seven municipalities without a cap take over; the first cap at 2 493 893,00 kr', async () => {
    const a = await capacity(UPPSALA, 'kommun', { 'cap.policy': 'redistribute' });
    if (a.kind !== 'unbounded') throw new Error(`expected unbounded, got ${a.kind}`);
    expect([...a.uncapped].sort()).toEqual(['0305', '0319', '0330', '0331', '0360', '0381', '0382']);
    expect(a.firstCap!.total).toBe(2_493_893_00);
    expect(a.firstCap!.check.atNext.capped).toEqual(['0380']);
    // Nothing uncovered even at a total far above every cap.
    const { model } = await loadScheme(UPPSALA, { overrides: { 'cap.policy': 'redistribute' } });
    expect(figures(model, 'kommun', 1_000_000_000_00).uncovered).toBe(0);
  });
});

describe('componentCapacity refuses what it cannot answer exactly', () => {
  it('a component with floors: use goal-seek', () => {
    const yaml = `
id: golv
title: Golv
summary: test
parties:
  - from: population
components:
  - id: delning
    kind: share
    label: Delning
    total: "1000"
    key: population
    parties: all
    cap: { amount: "600", policy: none, parties: all }
    floors: { "0101": "100" }
`;
    const { model } = inlineSource(yaml, { population: rows([1000, 3000]) });
    try {
      componentCapacity(model, model.components[0] as ShareComponent);
      throw new Error('expected a refusal');
    } catch (e) {
      expect(e).toBeInstanceOf(InputError);
      expect((e as InputError).describe('sv')).toBe('komponenten delning har golv, och solve räknar bara med tak. Använd goal-seek, t.ex. --goal "delning.heldBack<=0".');
      expect((e as InputError).describe('en')).toBe('component delning has floors, and solve only accounts for caps. Use goal-seek, e.g. --goal "delning.heldBack<=0".');
    }
  });
});

describe('componentCapacity on random capped schemes', () => {
  it('answers per policy and the answer holds in an evaluation of its own, or refuses with an InputError', () => {
    const arb = fc
      .array(fc.oneof(fc.integer({ min: 1, max: 300_000 }), fc.integer({ min: 0, max: 3 })), { minLength: 1, maxLength: 7 })
      .chain((pops) =>
        fc.record({
          pops: fc.constant(pops),
          policy: fc.constantFrom('region', 'redistribute', 'none'),
          capped: fc.oneof(fc.constant('kommun'), fc.uniqueArray(fc.integer({ min: 0, max: pops.length - 1 }), { minLength: 1, maxLength: pops.length })),
          cap: fc.integer({ min: 0, max: 3_000_000 }),
          rounding: fc.constantFrom('0.01', '1'),
        }),
      );
    const kinds = new Set<string>();
    fc.assert(
      fc.property(arb, ({ pops, policy, capped, cap, rounding }) => {
        const code = (i: number) => `"01${String(i + 1).padStart(2, '0')}"`;
        const yaml = `
id: tak
title: Tak
summary: test
rounding: "${rounding}"
parties:
  - { code: "01", name: Regionen, kind: region, population: county }
  - from: population
components:
  - id: licence
    kind: share
    label: Licens
    total: "0"
    key: population
    parties: kommun
    cap: { amount: "${cap}", policy: ${policy}, parties: ${capped === 'kommun' ? 'kommun' : `[${capped.map(code).join(', ')}]`} }
`;
        const { model } = inlineSource(yaml, { population: rows(pops) });
        const component = model.components[0] as ShareComponent;
        let a: ComponentCapacity;
        try {
          a = componentCapacity(model, component);
        } catch (e) {
          expect(e).toBeInstanceOf(InputError);
          kinds.add('refused');
          return;
        }
        kinds.add(a.kind);
        if (a.kind === 'unbounded') {
          expect(policy).toBe('redistribute');
          expect(a.uncapped.length).toBeGreaterThan(0);
          return;
        }
        const at = figures(model, 'licence', a.total);
        const next = figures(model, 'licence', a.total + model.unit);
        if (a.kind === 'before-carrier') {
          expect([at.carried, next.carried > 0]).toEqual([0, true]);
        } else {
          expect([at.uncovered, next.uncovered > 0]).toEqual([0, true]);
        }
        // Under carrier and none the answer is where the first cap binds.
        if (policy !== 'redistribute') expect([at.capped, next.capped > 0]).toEqual([0, true]);
      }),
      { seed: 20_241_011, numRuns: 300 },
    );
    expect([...kinds].sort()).toEqual(['before-carrier', 'nothing-uncovered', 'refused', 'unbounded']);
  });
});
