// evaluateScheme on schemes written out by hand: each kind of component, the
// explanation of every figure, the yearly schedule, the reconciliation and
// the financing's break-even, to the öre; and for random schemes, that the
// whole is conserved and every schedule sums to its party's amount.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CapPolicy } from '../../models/apply-caps.js';
import { InputError } from '../../models/errors.js';
import { type Explanation, type SchemeResult, evaluateScheme, keyWeights } from '../../models/evaluate.js';
import { Dec } from '../../models/money.js';
import type { Component, Key, Party, SchemeModel } from '../../models/scheme.js';

/** A scheme with nothing but what a test gives it. */
function scheme(parts: Partial<SchemeModel> & Pick<SchemeModel, 'parties' | 'components'>): SchemeModel {
  return { id: 'test', title: 'Test', summary: '', currency: 'SEK', unit: 1, partyList: '', dates: [], provenance: [], parameters: {}, notes: {}, ...parts };
}

const REGION: Party = { code: '01', name: 'Regionen', kind: 'region', population: 6 };
const A: Party = { code: '0101', name: 'A-by', kind: 'kommun', population: 1 };
const B: Party = { code: '0102', name: 'B-stad', kind: 'kommun', population: 2 };
const C: Party = { code: '0103', name: 'C-holm', kind: 'kommun', population: 3 };
const KOMMUNER = ['0101', '0102', '0103'];

const party = (r: SchemeResult, code: string) => r.parties.find((p) => p.party.code === code)!;
const amounts = (r: SchemeResult) => Object.fromEntries(r.parties.map((p) => [p.party.code, p.amount]));
/** An explanation with its Decimals and bigints as strings, to compare exactly. */
const plain = (e: Explanation) => JSON.parse(JSON.stringify(e, (_, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v instanceof Dec ? v.toString() : v))) as Record<string, unknown>;

describe('per-unit: rate × units, rounded to the unit half away from zero', () => {
  // The rate 9,755 kr of README's example: exact to the half öre, rounded to whole kronor.
  const r = evaluateScheme(
    scheme({
      unit: 100,
      parties: [
        { code: '1480', name: 'Göteborg', kind: 'kommun', population: 587_549 },
        { code: '1499', name: 'Liten', kind: 'kommun', population: 2 },
      ],
      components: [{ kind: 'per-unit', id: 'avgift', label: 'Avgift', rate: new Dec('9.755'), key: { kind: 'population' }, parties: ['1480', '1499'], year: 2022 }],
    }),
  );

  it('587 549 × 9,755 kr = 5 731 540,495 kr exact, 5 731 540 kr rounded; 2 × 9,755 kr = 19,51 kr, 20 kr rounded', () => {
    expect(amounts(r)).toEqual({ '1480': 5_731_540_00, '1499': 20_00 });
    expect(plain(party(r, '1480').explanations[0]!)).toEqual({ kind: 'per-unit', component: 'avgift', units: 587_549, rate: '9.755', exact: '573154049.5', rounding: '-49.5', amount: 5_731_540_00 });
    expect(plain(party(r, '1499').explanations[0]!)).toMatchObject({ exact: '1951', rounding: '49', amount: 20_00 });
  });

  it('the component and the whole: what is raised, and the units counted', () => {
    const c = r.components[0]!;
    expect([c.total, c.perUnit!.total, c.perUnit!.totalUnits]).toEqual([5_731_560_00, 5_731_560_00, 587_551]);
    expect(r.total).toBe(5_731_560_00);
    expect(r.reconciliation).toEqual({ total: 5_731_560_00, sumOfParties: 5_731_560_00, uncovered: 0, conserved: true, capsHold: true });
  });

  it('falls due in its year: one schedule year per party', () => {
    expect(party(r, '1480').schedule).toEqual([{ year: 2022, amounts: { avgift: 5_731_540_00 }, total: 5_731_540_00 }]);
  });

  it('the seed: Göteborg, 587 549 invånare × 10 kr = 5 875 490 kr, exact', () => {
    const g = evaluateScheme(
      scheme({
        unit: 100,
        parties: [{ code: '1480', name: 'Göteborg', kind: 'kommun', population: 587_549 }],
        components: [{ kind: 'per-unit', id: 'avgift', label: 'Avgift', rate: new Dec(10), key: { kind: 'population' }, parties: ['1480'] }],
      }),
    );
    expect(plain(g.parties[0]!.explanations[0]!)).toMatchObject({ exact: '587549000', rounding: '0', amount: 5_875_490_00 });
    // No year: nothing scheduled, and the reconciliation still holds.
    expect(g.parties[0]!.schedule).toEqual([]);
    expect(g.reconciliation.conserved).toBe(true);
  });

  it('refuses a party without a population, naming it and the component', () => {
    const s = scheme({ parties: [{ code: '0101', name: 'A-by', kind: 'kommun' }], components: [{ kind: 'per-unit', id: 'avgift', label: 'Avgift', rate: new Dec(1), key: { kind: 'population' }, parties: ['0101'] }] });
    expect(() => evaluateScheme(s)).toThrow(InputError);
    expect(() => evaluateScheme(s)).toThrow('folkmängd saknas för A-by (0101), som komponenten avgift räknar med');
  });
});

describe('share: a total by the key, largest remainder, ties by code', () => {
  const share = (extra: Partial<Extract<Component, { kind: 'share' }>> = {}): Component => ({ kind: 'share', id: 'lic', label: 'Licens', total: 10_00, key: { kind: 'population' }, parties: KOMMUNER, ...extra });

  it('10,00 kr by population 1 : 2 : 3 is 1,67 + 3,33 + 5,00 kr: the spare öre to the largest remainder', () => {
    const r = evaluateScheme(scheme({ parties: [REGION, A, B, C], components: [share()] }));
    expect(amounts(r)).toEqual({ '01': 0, '0101': 1_67, '0102': 3_33, '0103': 5_00 });
    expect(plain(party(r, '0101').explanations[0]!)).toEqual({
      kind: 'share', component: 'lic', weight: '1n', weightTotal: '6n', exact: '166.6666666666666666666666666666666666667',
      adjustment: 1, unbounded: 1_67, capApplied: false, heldBack: 0, received: 0, amount: 1_67,
    });
    expect(plain(party(r, '0103').explanations[0]!)).toMatchObject({ weight: '3n', exact: '500', adjustment: 0, amount: 5_00 });
    // The region takes no share: no explanation, no schedule.
    expect([party(r, '01').explanations, party(r, '01').schedule]).toEqual([[], []]);
  });

  it('equal remainders: the lowest code gets the spare öre, whatever the order of the parties', () => {
    for (const order of [KOMMUNER, [...KOMMUNER].reverse()]) {
      const r = evaluateScheme(scheme({ parties: [C, B, A], components: [share({ total: 1_00, key: { kind: 'equal' }, parties: order })] }));
      expect(amounts(r)).toEqual({ '0101': 34, '0102': 33, '0103': 33 });
    }
  });

  it('spread over years: each party’s total evenly, the spare öre to the earliest years', () => {
    const r = evaluateScheme(scheme({ parties: [A, B, C], components: [share({ years: [2021, 2022, 2023] })] }));
    expect(party(r, '0101').schedule.map((y) => y.total)).toEqual([56, 56, 55]);
    expect(party(r, '0103').schedule).toEqual([
      { year: 2021, amounts: { lic: 1_67 }, total: 1_67 },
      { year: 2022, amounts: { lic: 1_67 }, total: 1_67 },
      { year: 2023, amounts: { lic: 1_66 }, total: 1_66 },
    ]);
    for (const p of r.parties) expect(p.schedule.reduce((s, y) => s + y.total, 0)).toBe(p.amount);
  });

  it('refuses a component that names a party not in the list', () => {
    const s = scheme({ parties: [A, B], components: [share()] });
    expect(() => evaluateScheme(s)).toThrow('komponenten lic nämner parten 0103, som inte finns i partslistan');
  });
});

describe('caps: what C-holm’s cap of 4,00 kr holds back from its 5,00 kr', () => {
  const capped = (policy: CapPolicy) =>
    evaluateScheme(
      scheme({
        parties: [REGION, A, B, C],
        components: [{ kind: 'share', id: 'lic', label: 'Licens', total: 10_00, key: { kind: 'population' }, parties: KOMMUNER, cap: { amount: 4_00, policy, parties: KOMMUNER } }],
      }),
    );

  it('carrier: the region carries the 1,00 kr, explained as carried for C-holm', () => {
    const r = capped({ kind: 'carrier', code: '01', name: 'Regionen' });
    expect(amounts(r)).toEqual({ '01': 1_00, '0101': 1_67, '0102': 3_33, '0103': 4_00 });
    expect(plain(party(r, '01').explanations[0]!)).toEqual({ kind: 'carrier', component: 'lic', carried: 1_00, capped: ['0103'], amount: 1_00 });
    expect(plain(party(r, '0103').explanations[0]!)).toMatchObject({ unbounded: 5_00, cap: 4_00, capApplied: true, heldBack: 1_00, received: 0, amount: 4_00 });
    expect(r.reconciliation).toEqual({ total: 10_00, sumOfParties: 10_00, uncovered: 0, conserved: true, capsHold: true });
    expect(Object.fromEntries(r.parties.map((p) => [p.party.code, p.capUtilisation['lic']?.toString()]))).toEqual({ '01': undefined, '0101': '0.4175', '0102': '0.8325', '0103': '1' });
  });

  it('redistribute: A-by and B-stad take the 1,00 kr by weight (0,33 + 0,67 kr), B-stad up to its cap', () => {
    const r = capped({ kind: 'redistribute' });
    expect(amounts(r)).toEqual({ '01': 0, '0101': 2_00, '0102': 4_00, '0103': 4_00 });
    expect(party(r, '0101').explanations.map(plain)[0]).toMatchObject({ unbounded: 1_67, received: 33, capApplied: false, amount: 2_00 });
    expect(party(r, '0102').explanations.map(plain)[0]).toMatchObject({ unbounded: 3_33, received: 67, amount: 4_00 });
    expect(r.reconciliation.uncovered).toBe(0);
  });

  it('uncovered: nobody pays the 1,00 kr; the parties pay 9,00 kr of the 10,00 kr and the whole still reconciles', () => {
    const r = capped({ kind: 'uncovered' });
    expect(amounts(r)).toEqual({ '01': 0, '0101': 1_67, '0102': 3_33, '0103': 4_00 });
    expect([r.total, r.components[0]!.total, r.components[0]!.bounded!.total]).toEqual([9_00, 9_00, 10_00]);
    expect(r.reconciliation).toEqual({ total: 10_00, sumOfParties: 9_00, uncovered: 1_00, conserved: true, capsHold: true });
  });
});

describe('yearly-share: a budget indexed each year, split by that year’s key', () => {
  const users = { 2021: { '0101': 1, '0102': 3 }, 2022: { '0101': 1, '0102': 1 }, 2023: { '0101': 0, '0102': 1 } };
  const yearly = (budget: number, index: string) =>
    evaluateScheme(
      scheme({
        parties: [A, B],
        users,
        components: [{ kind: 'yearly-share', id: 'hd', label: 'Helpdesk', budget, index: new Dec(index), key: { kind: 'users' }, parties: ['0101', '0102'], years: [2021, 2022, 2023] }],
      }),
    );

  it('the index compounds on the exact budget, each year rounded on its own: 5, 7,5 → 8, 11,25 → 11 öre', () => {
    const r = yearly(5, '0.5');
    // Compounding on the rounded 8 öre would give 12 in the third year.
    expect(r.components[0]!.yearly!.map((y) => [y.year, y.budget])).toEqual([
      [2021, 5],
      [2022, 8],
      [2023, 11],
    ]);
    expect(r.components[0]!.total).toBe(24);
  });

  it('each year by its own user counts: 1 : 3, then 1 : 1, then 0 : 1', () => {
    const r = yearly(1000_00, '0.02');
    expect(r.components[0]!.yearly!.map((y) => y.budget)).toEqual([1000_00, 1020_00, 1040_40]);
    expect(party(r, '0101').schedule.map((y) => [y.year, y.total])).toEqual([
      [2021, 250_00],
      [2022, 510_00],
      [2023, 0],
    ]);
    expect(party(r, '0102').schedule.map((y) => y.total)).toEqual([750_00, 510_00, 1040_40]);
    expect(plain(party(r, '0101').explanations[0]!)).toEqual({
      kind: 'yearly-share',
      component: 'hd',
      years: [
        { year: 2021, budget: 1000_00, weight: '1n', weightTotal: '4n', exact: '25000', adjustment: 0, amount: 250_00 },
        { year: 2022, budget: 1020_00, weight: '1n', weightTotal: '2n', exact: '51000', adjustment: 0, amount: 510_00 },
        { year: 2023, budget: 1040_40, weight: '0n', weightTotal: '1n', exact: '0', adjustment: 0, amount: 0 },
      ],
      amount: 760_00,
    });
    expect(r.reconciliation).toEqual({ total: 3060_40, sumOfParties: 3060_40, uncovered: 0, conserved: true, capsHold: true });
  });

  it('refuses a year without user counts, saying which and how to give them', () => {
    const s = scheme({ parties: [A, B], users: { 2021: users[2021] }, components: [{ kind: 'yearly-share', id: 'hd', label: 'Helpdesk', budget: 100, index: new Dec(0), key: { kind: 'users' }, parties: ['0101', '0102'], years: [2021, 2022] }] });
    expect(() => evaluateScheme(s)).toThrow('antal användare för 2022 saknas (komponenten hd); ange en fil med --users 2022=fil.csv');
  });
});

describe('a party’s amount, components and explanations across components', () => {
  it('sums its components, explains each in the scheme’s order, and schedules by year', () => {
    const r = evaluateScheme(
      scheme({
        parties: [A, B],
        components: [
          { kind: 'per-unit', id: 'avgift', label: 'Avgift', rate: new Dec('0.5'), key: { kind: 'population' }, parties: ['0101', '0102'], year: 2022 },
          { kind: 'share', id: 'lic', label: 'Licens', total: 3_00, key: { kind: 'equal' }, parties: ['0101', '0102'], years: [2021, 2022] },
        ],
      }),
    );
    const a = party(r, '0101');
    expect([a.amount, a.components]).toEqual([1_50 + 50, { avgift: 50, lic: 1_50 }]);
    expect(a.explanations.map((e) => e.kind)).toEqual(['per-unit', 'share']);
    expect(a.schedule).toEqual([
      { year: 2021, amounts: { lic: 75 }, total: 75 },
      { year: 2022, amounts: { avgift: 50, lic: 75 }, total: 1_25 },
    ]);
  });
});

describe('financing: the need, what is raised and the break-even rate', () => {
  const financed = (cost: number, revenue: number, components: Component[]) =>
    evaluateScheme(scheme({ parties: [A, B, C], components, financing: { cost, revenue } })).reconciliation.financing!;
  const perUnit = (rate: string): Component => ({ kind: 'per-unit', id: 'avgift', label: 'Avgift', rate: new Dec(rate), key: { kind: 'population' }, parties: KOMMUNER });

  it('a need of 60,01 kr over 6 inhabitants: break-even 10,001666… kr, the covering rate 10,01 kr; 10 kr leaves 0,01 kr short', () => {
    const f = financed(100_00, 39_99, [perUnit('10')]);
    const { covering, ...rest } = f;
    expect(covering).toEqual({ raised: 60_06, surplus: 5, below: { rate: new Dec('10'), raised: 60_00, surplus: -1 } });
    expect({ ...rest, breakEvenRate: f.breakEvenRate?.toString(), coveringRate: f.coveringRate?.toString() }).toEqual({
      cost: 100_00,
      revenue: 39_99,
      need: 60_01,
      raised: 60_00,
      surplus: -1,
      countedUnits: 6,
      breakEvenRate: '10.00166666666666666666666666666666666667',
      coveringRate: '10.01',
    });
  });

  it('at the covering rate the need is covered, with what the rounding up leaves over', () => {
    const f = financed(100_00, 39_99, [perUnit('10.01')]);
    expect([f.raised, f.surplus]).toEqual([60_06, 5]);
  });

  it('a break-even rate only where one per-unit component counts the inhabitants', () => {
    const two = financed(10_00, 0, [perUnit('1'), { ...perUnit('1'), id: 'extra' }]);
    expect(two).toEqual({ cost: 10_00, revenue: 0, need: 10_00, raised: 12_00, surplus: 2_00 });
    const none = financed(10_00, 0, [{ kind: 'share', id: 'lic', label: 'Licens', total: 10_00, key: { kind: 'equal' }, parties: KOMMUNER }]);
    expect(none).toEqual({ cost: 10_00, revenue: 0, need: 10_00, raised: 10_00, surplus: 0 });
  });
});

describe('keyWeights: every key as integer weights, exactly', () => {
  const s = scheme({ parties: [A, B, C], components: [] });
  const w = (key: Key) => keyWeights(key, KOMMUNER, s, 'k').map(String);

  it('population, equal, and decimal weights brought to integers', () => {
    expect(w({ kind: 'population' })).toEqual(['1', '2', '3']);
    expect(w({ kind: 'equal' })).toEqual(['1', '1', '1']);
    expect(w({ kind: 'weights', weights: { '0101': new Dec('0.5'), '0102': new Dec('0.25'), '0103': new Dec(1) } })).toEqual(['50', '25', '100']);
  });

  it('a blend of half population and half equal: 1/12 + 1/6 = 1/4 for A-by, over the common denominator 6 × 3', () => {
    // Shares 1/4, 1/3 and 5/12: 45, 60 and 75 of 180.
    expect(w({ kind: 'blend', parts: [{ key: { kind: 'population' }, weight: new Dec('0.5') }, { key: { kind: 'equal' }, weight: new Dec('0.5') }] })).toEqual(['45', '60', '75']);
  });

  it('refuses a missing weight, a negative one, and a blend part whose weights are all zero', () => {
    expect(() => w({ kind: 'weights', weights: { '0101': new Dec(1) } })).toThrow('vikt saknas för B-stad (0102), C-holm (0103) (komponenten k)');
    expect(() => w({ kind: 'weights', weights: { '0101': new Dec(1), '0102': new Dec(-1), '0103': new Dec(1) } })).toThrow('en vikt är negativ');
    const zero = scheme({ parties: [A, B, C], users: { 2021: { '0101': 0, '0102': 0, '0103': 0 } }, components: [] });
    expect(() => keyWeights({ kind: 'blend', parts: [{ key: { kind: 'users', year: 2021 }, weight: new Dec(1) }] }, KOMMUNER, zero, 'k')).toThrow('en nyckel i blandningen har bara nollvikter');
  });
});

/** A random scheme: a region and up to eight municipalities, one to three components of any kind. */
const schemeArb = fc
  .record({
    pops: fc.array(fc.integer({ min: 0, max: 2_000_000 }), { minLength: 1, maxLength: 8 }),
    unit: fc.constantFrom(1, 100),
  })
  .chain(({ pops, unit }) => {
    const codes = pops.map((_, i) => `01${String(i + 1).padStart(2, '0')}`);
    const years = fc.integer({ min: 2020, max: 2030 }).chain((first) => fc.integer({ min: 1, max: 8 }).map((n) => Array.from({ length: n }, (_, k) => first + k)));
    const policy: fc.Arbitrary<CapPolicy> = fc.constantFrom({ kind: 'redistribute' }, { kind: 'uncovered' }, { kind: 'carrier', code: '01', name: 'Regionen' });
    const key: fc.Arbitrary<Key> = fc.constantFrom<Key>({ kind: 'population' }, { kind: 'equal' });
    const component = (id: string): fc.Arbitrary<Component> =>
      fc.oneof(
        fc.record({ rate: fc.integer({ min: 0, max: 100_000 }), year: fc.option(years.map((y) => y[0]!), { nil: undefined }) }).map(
          ({ rate, year }): Component => ({ kind: 'per-unit', id, label: id, rate: new Dec(rate).dividedBy(1000), key: { kind: 'population' }, parties: ['01', ...codes], ...(year !== undefined ? { year } : {}) }),
        ),
        fc
          .record({ units: fc.integer({ min: 0, max: 1_000_000_000 }), key, cap: fc.option(fc.record({ amount: fc.integer({ min: 0, max: 100_000_000 }), policy }), { nil: undefined }), years: fc.option(years, { nil: undefined }) })
          .map(({ units, key: k, cap, years: ys }): Component => ({
            kind: 'share', id, label: id, total: units * unit, key: k, parties: codes,
            ...(cap !== undefined ? { cap: { ...cap, parties: codes } } : {}),
            ...(ys !== undefined ? { years: ys } : {}),
          })),
        fc
          .record({ units: fc.integer({ min: 0, max: 100_000_000 }), index: fc.integer({ min: 0, max: 100 }), years })
          .map(({ units, index, years: ys }): Component => ({ kind: 'yearly-share', id, label: id, budget: units * unit, index: new Dec(index).dividedBy(1000), key: { kind: 'population' }, parties: codes, years: ys })),
      );
    return fc.record({
      pops: fc.constant(pops),
      unit: fc.constant(unit),
      codes: fc.constant(codes),
      components: fc.integer({ min: 1, max: 3 }).chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => component(`c${i + 1}`)))),
    });
  })
  // A split by population needs someone with a population.
  .filter(({ pops, components }) => pops.some((p) => p > 0) || components.every((c) => c.kind === 'per-unit' || c.key.kind === 'equal'));

describe('evaluateScheme on random schemes', () => {
  it('conserves the whole, every component and every party, and every schedule sums to its party’s amount', () => {
    const seen = new Set<string>();
    fc.assert(
      fc.property(schemeArb, ({ pops, unit, codes, components }) => {
        const parties: Party[] = [{ code: '01', name: 'Regionen', kind: 'region', population: pops.reduce((a, b) => a + b, 0) }, ...codes.map((code, i): Party => ({ code, name: `Kommun ${i + 1}`, kind: 'kommun', population: pops[i]! }))];
        const r = evaluateScheme(scheme({ unit, parties, components }));
        for (const c of r.components) seen.add(c.bounded === undefined ? c.component.kind : `${c.component.kind}:${c.bounded.policy.kind}${c.bounded.capped.length > 0 ? ':capped' : ''}`);
        const { total, sumOfParties, uncovered, conserved, capsHold } = r.reconciliation;
        expect([conserved, capsHold]).toEqual([true, true]);
        expect(sumOfParties + uncovered).toBe(total);
        expect(r.parties.reduce((s, p) => s + p.amount, 0)).toBe(r.total);
        expect(r.total).toBe(sumOfParties);
        for (const c of r.components) {
          // What the parties pay of each component is its total, less what the caps leave uncovered.
          expect(r.parties.reduce((s, p) => s + (p.components[c.component.id] ?? 0), 0)).toBe(c.total);
          expect(c.total + (c.bounded?.reconciliation.uncovered ?? 0)).toBe(c.bounded?.total ?? c.total);
        }
        const allScheduled = components.every((c) => c.kind === 'yearly-share' || (c.kind === 'share' ? c.years !== undefined : c.year !== undefined));
        for (const p of r.parties) {
          expect(p.amount).toBeGreaterThanOrEqual(0);
          expect(p.amount % unit).toBe(0);
          expect(Object.values(p.components).reduce((s, v) => s + v, 0)).toBe(p.amount);
          expect(p.explanations.reduce((s, e) => s + e.amount, 0)).toBe(p.amount);
          if (allScheduled) expect(p.schedule.reduce((s, y) => s + y.total, 0)).toBe(p.amount);
          for (const y of p.schedule) expect(Object.values(y.amounts).reduce((s, v) => s + v, 0)).toBe(y.total);
          for (const e of p.explanations) if (e.kind === 'share' && e.cap !== undefined) expect(e.amount).toBeLessThanOrEqual(e.cap);
        }
      }),
      { seed: 20_221_231, numRuns: 500 },
    );
    // The runs reach every kind of component, and every cap policy with a cap that binds.
    expect([...seen].filter((k) => k.endsWith(':capped') || !k.includes(':')).sort()).toEqual([
      'per-unit', 'share:carrier:capped', 'share:redistribute:capped', 'share:uncovered:capped', 'yearly-share',
    ]);
  });
});
