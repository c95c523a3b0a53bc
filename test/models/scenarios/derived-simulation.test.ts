// Monte Carlo with derived parameters and shared drivers: one draw of a base
// parameter (or of a driver) per run drives everything that follows it, and
// every run's figures are exactly those of evaluateScheme for the same values.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../../data/load-scenario.js';
import { InputError } from '../../../models/errors.js';
import { evaluateScheme } from '../../../models/evaluate.js';
import { CHUNK_RUNS, ChunkStreams } from '../../../models/scenarios/random.js';
import { type Simulation, compileSimulation, createStore, runChunkFast, runChunkFull, simulate, slotTexts, workspaceFor } from '../../../models/scenarios/simulation.js';
import { gridOf } from '../../../models/scenarios/source.js';
import { type VarySpec, makeDriverSpec, makeVarySpec } from '../../../models/scenarios/vary.js';
import type { VariantSource } from '../../../models/scenarios/source.js';
import { varyWords } from '../../../reports/views/report-document.js';
import { inlineSource, rows } from './helpers.js';

const YAML = `
id: derived
title: Härledda parametrar
summary: test
rounding: "1"
parties:
  - { code: "01", name: Regionen, kind: region, population: county }
  - from: population
parameters:
  cost.total: { type: money, value: "12000000", label: Kostnad }
  region.share: { type: percent, value: "50", label: Regionens andel }
  region.part: { type: money, expr: "cost.total * region.share", label: Regionens del }
  kommun.part: { type: money, expr: "cost.total − region.part", label: Kommunernas del }
  kommun.cap: { type: money, expr: "round(kommun.part / 3 * 1.2, 1000)", label: Tak per kommun }
components:
  - { id: region, kind: share, label: Regionens del, total: { param: region.part }, key: equal, parties: ["01"] }
  - id: kommuner
    kind: share
    label: Kommunernas del
    total: { param: kommun.part }
    key: population
    parties: kommun
    cap: { amount: { param: kommun.cap }, policy: region, parties: kommun }
`;

function vary(source: VariantSource, entries: Record<string, string>): VarySpec[] {
  return Object.entries(entries).map(([name, dist]) => {
    const v = makeVarySpec(name, dist, source.parameters);
    if ('error' in v) throw new Error(v.error.en);
    return v;
  });
}

/** The same runs on the fast kernel and as full evaluations. */
function bothPaths(sim: Simulation, seed: number, runs: number) {
  const fast = createStore(sim.plan, runs);
  const full = createStore(sim.plan, runs);
  const a = new ChunkStreams(seed);
  const b = new ChunkStreams(seed);
  const wsA = workspaceFor(sim.plan);
  const wsB = workspaceFor(sim.plan);
  for (let k = 0; k * CHUNK_RUNS < runs; k++) {
    runChunkFast(sim.plan, wsA, a.chunk(k), k, fast);
    runChunkFull(sim, wsB, b.chunk(k), k, full);
  }
  return { fast, full };
}

/** Every slot's value in run `r` of a store. */
function runSlots(sim: Simulation, store: { inputs: Float64Array; runs: number }, r: number): number[] {
  return Array.from({ length: sim.plan.slotCount }, (_, s) => store.inputs[s * store.runs + r]!);
}

describe('a simulation of a scheme with derived parameters', () => {
  it('gives in every run exactly the figures of evaluateScheme for the drawn base values, derived ones following (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1_000, max: 900_000 }), { minLength: 2, maxLength: 5 }), fc.integer({ min: 0, max: 2 ** 31 }), (pops, seed) => {
        const source = inlineSource(YAML, { population: rows(pops) });
        const sim = compileSimulation(source, vary(source, { 'cost.total': 'uniform(1000000, 20000000)', 'region.share': 'uniform(20, 80)', population: 'uniform(-0.1, 0.1)' }));
        expect(sim.plan.fast).toBe(true);
        expect(sim.plan.draws.filter((d) => d.kind === 'derived').map((d) => (d.kind === 'derived' ? d.name : ''))).toEqual(['region.part', 'kommun.part', 'kommun.cap']);
        const runs = 40;
        const { fast, full } = bothPaths(sim, seed, runs);
        expect([...fast.columns]).toEqual([...full.columns]);
        expect([...fast.inputs]).toEqual([...full.inputs]);
        for (let r = 0; r < runs; r += 13) {
          // The derived values of the run are those resolving the scheme with the run's base values gives.
          const slots = runSlots(sim, fast, r);
          const model = source.variant(slotTexts(sim.plan, slots));
          for (const d of sim.plan.draws) {
            if (d.kind !== 'derived') continue;
            expect(slots[d.slot]! / gridOf(d.type, model.unit).scale).toBe(Number(model.parameters[d.name]));
          }
          const region = sim.plan.layout.comps.find((c) => c.id === 'region')!;
          // The region's part does not depend on the populations: the kernel's total is evaluateScheme's.
          expect(fast.columns[region.totalAt * runs + r]).toBe(evaluateScheme(model).components.find((c) => c.component.id === 'region')!.total);
        }
      }),
      { seed: 15_000, numRuns: 25 },
    );
  });

  it('refuses varying a derived parameter, naming its base parameters', () => {
    const source = inlineSource(YAML, { population: rows([10_000, 20_000]) });
    const v = makeVarySpec('kommun.part', 'uniform(1, 2)', source.parameters);
    expect('error' in v ? v.error.sv : '').toBe(
      'parametern kommun.part är härledd (expr: cost.total − region.part) och kan inte varieras direkt; variera parametrarna den följer (cost.total, region.share), så följer kommun.part med',
    );
  });

  it('stops with an input error when a run gives a derived parameter a value it cannot have', () => {
    const source = inlineSource(YAML, { population: rows([10_000, 20_000]) });
    const sim = compileSimulation(source, vary(source, { 'region.share': 'uniform(90, 110)' }));
    expect(() => simulate(sim, { runs: 200, seed: 1 })).toThrow(InputError);
  });
});

describe('a shared driver', () => {
  it('scales every parameter it names by the one factor drawn for the run, exactly onto each grid (sthlm-kostnadsindex)', async () => {
    const s = await loadScenario('scenarios/sthlm-kostnadsindex.yaml');
    const sim = compileSimulation(s.source, s.vary);
    expect(sim.plan.fast).toBe(true);
    const runs = 600;
    const { fast, full } = bothPaths(sim, 5, runs);
    expect([...fast.columns]).toEqual([...full.columns]);
    const driver = sim.plan.draws.find((d) => d.kind === 'slot' && d.driver)!;
    const scaled = sim.plan.draws.flatMap((d) => (d.kind === 'scaled' ? [d] : []));
    expect(scaled.map((d) => d.name)).toEqual(['licence.total', 'helpdesk.budget']);
    const base = { 'licence.total': 150_000_000, 'helpdesk.budget': 325_000_000 } as Record<string, number>;
    let moved = 0;
    for (let r = 0; r < runs; r++) {
      const slots = runSlots(sim, fast, r);
      const factor = slots[driver.kind === 'slot' ? driver.slot : -1]! / 1_000_000;
      const ratios = scaled.map((d) => slots[d.slot]! / base[d.name]!);
      // Both scaled values are the base times the same factor, each rounded to the öre (half an öre at most).
      for (const d of scaled) expect(Math.abs(slots[d.slot]! - base[d.name]! * factor)).toBeLessThanOrEqual(0.5 + 1e-6);
      expect(Math.abs(ratios[0]! - ratios[1]!)).toBeLessThan(1e-8);
      if (factor !== 1) moved += 1;
    }
    expect(moved).toBeGreaterThan(runs / 2);
    const { summary } = simulate(sim, { runs: 1000, seed: 1 });
    expect(summary.inputs.map((i) => [i.name, i.role, i.driver])).toEqual([
      ['kostnadsindex', 'driver', undefined],
      ['licence.total', 'scaled', 'kostnadsindex'],
      ['helpdesk.budget', 'scaled', 'kostnadsindex'],
    ]);
  });

  it('drives derived parameters too: the Uppsala halves follow a cost scaled by an index', async () => {
    const s = await loadScenario('test/fixtures/derived/uppsala-index.yaml');
    const sim = compileSimulation(s.source, s.vary);
    const { fast, full } = bothPaths(sim, 9, 300);
    expect([...fast.columns]).toEqual([...full.columns]);
    const part = sim.plan.draws.find((d) => d.kind === 'derived' && d.name === 'region.part')!;
    const cost = sim.plan.draws.find((d) => d.kind === 'scaled' && d.name === 'cost.total')!;
    for (let r = 0; r < 300; r++) {
      const slots = runSlots(sim, fast, r);
      const c = slots[cost.kind === 'scaled' ? cost.slot : -1]!;
      // Money on the 1-krona grid: half the cost, rounded half away from zero to whole kronor.
      expect(slots[part.kind === 'derived' ? part.slot : -1]).toBe(Math.round(c / 200) * 100);
    }
  });

  it('is checked where it is written: derived, unknown and clashing names, bad distributions', async () => {
    const e = await loadScenario('test/fixtures/derived/kostnadsindex-fel.yaml').then(
      () => undefined,
      (x: unknown) => x,
    );
    expect(e).toBeInstanceOf(InputError);
    expect((e as InputError).problems.map((p) => `${p.line}:${p.column} ${p.message.sv}`)).toEqual([
      '8:26 parametern region.part är härledd (expr: cost.total * region.share) och kan inte varieras direkt; variera parametrarna den följer (cost.total, region.share), så följer region.part med',
      '8:39 okänd parameter "kostnad.totl"; möjliga: cost.total, region.share',
      '10:11 region.share är redan namnet på en parameter; ge den drivande faktorn ett eget namn (t.ex. kostnadsindex)',
      '13:11 "normal(1, x)": "x" är inte ett tal (använd punkt som decimaltecken)',
    ]);
  });

  it('is described in words for documents: the factor, drawn once per run, and what it multiplies', () => {
    const source = inlineSource(YAML, { population: rows([10_000, 20_000]) });
    const v = makeDriverSpec('index', 'uniform(0.85, 1.15)', ['cost.total'], source.parameters, 'Kostnadsindex');
    if ('errors' in v) throw new Error(v.errors[0]!.error.en);
    expect(varyWords(v).replace(/\u00a0/g, ' ')).toBe('Kostnadsindex (en gemensam faktor, dragen en gång per körning, som Kostnad multipliceras med): jämnt fördelad mellan 0,85 och 1,15.');
  });

  it('refuses a driver whose distribution leaves no room within the scaled parameters’ bounds', () => {
    const source = inlineSource(YAML, { population: rows([10_000, 20_000]) });
    const v = makeDriverSpec('index', 'uniform(-2, -1)', ['cost.total'], source.parameters);
    expect('errors' in v ? v.errors.map((x) => x.error.sv) : []).toEqual(['index: uniform(-2, -1) går utanför det tillåtna (0 … ∞) (en faktor som skalar cost.total)']);
  });
});
