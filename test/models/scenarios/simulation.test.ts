import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../../data/load-scenario.js';
import { evaluateScheme } from '../../../models/evaluate.js';
import { InputError } from '../../../models/errors.js';
import { CHUNK_RUNS, ChunkStreams } from '../../../models/scenarios/random.js';
import {
  type Simulation,
  compileSimulation,
  createStore,
  drawInputs,
  evaluateRun,
  prepareDraws,
  runChunkFast,
  runChunkFull,
  resultsOfStore,
  runChunks,
  simulate,
  simulateInPasses,
  workspaceFor,
} from '../../../models/scenarios/simulation.js';
import { PERCENTILES, nearestRankIndex } from '../../../models/scenarios/statistics.js';
import type { VariantSource } from '../../../models/scenarios/source.js';
import { type VarySpec, makeVarySpec } from '../../../models/scenarios/vary.js';
import { cappedShareYaml, inlineSource, rows } from './helpers.js';

function vary(source: VariantSource, entries: Record<string, string>): VarySpec[] {
  return Object.entries(entries).map(([name, dist]) => {
    const v = makeVarySpec(name, dist, source.parameters);
    if ('error' in v) throw new Error(v.error.en);
    return v;
  });
}

/** Runs `chunks` chunks on the fast kernel and on full evaluations; returns both stores. */
function bothPaths(sim: Simulation, seed: number, runs: number) {
  const fast = createStore(sim.plan, runs);
  const full = createStore(sim.plan, runs);
  const streamsA = new ChunkStreams(seed);
  const streamsB = new ChunkStreams(seed);
  const wsA = workspaceFor(sim.plan);
  const wsB = workspaceFor(sim.plan);
  for (let k = 0; k * CHUNK_RUNS < runs; k++) {
    runChunkFast(sim.plan, wsA, streamsA.chunk(k), k, fast);
    runChunkFull(sim, wsB, streamsB.chunk(k), k, full);
  }
  return { fast, full };
}

describe('the simulation kernel gives the same öre as evaluateScheme', () => {
  it('for random capped shares under every policy, with totals, caps and populations drawn', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 900_000 }), { minLength: 2, maxLength: 7 }),
        fc.constantFrom('region', 'redistribute', 'none'),
        fc.constantFrom('0.01', '1'),
        fc.integer({ min: 0, max: 2 ** 31 }),
        (pops, policy, rounding, seed) => {
          fc.pre(pops.some((p) => p > 0));
          const source = inlineSource(cappedShareYaml({ policy, rounding }), { population: rows(pops) });
          const sim = compileSimulation(source, vary(source, { total: 'uniform(0, 3000000)', 'cap.amount': 'triangular(100000, 400000, 900000)', population: 'uniform(-0.3, 0.3)' }));
          expect(sim.plan.fast).toBe(true);
          const { fast, full } = bothPaths(sim, seed, 60);
          expect([...fast.columns]).toEqual([...full.columns]);
          expect([...fast.inputs]).toEqual([...full.inputs]);
          expect([...fast.counters]).toEqual([...full.counters]);
        },
      ),
      { seed: 2_022, numRuns: 60 },
    );
  });

  it('for a per-unit scheme whose region pays for the county, with the rate and populations drawn (vgr-2022)', async () => {
    const s = await loadScenario('vgr-2022', { vary: ['rate=normal(10, 0.4)', 'population=uniform(-0.05, 0.05)'] });
    const sim = compileSimulation(s.source, s.vary);
    expect(sim.plan.fast).toBe(true);
    const { fast, full } = bothPaths(sim, 7, 1500);
    expect(fast.columns).toEqual(full.columns);
    expect(fast.counters).toEqual(full.counters);
  });

  it('for a yearly split by users with the budget and index drawn', () => {
    const yaml = `
id: helpdesk
title: Helpdesk
summary: test
rounding: "0.01"
parties:
  - { code: "01", name: Regionen, kind: region, population: county }
  - from: population
parameters:
  budget: { type: money, value: "3250000", label: Budget }
  index: { type: percent, value: "2", label: Index }
components:
  - { id: helpdesk, kind: yearly-share, label: Helpdesk, budget: { param: budget }, index: { param: index }, key: users, parties: all, years: { first: 2021, count: 4 } }
`;
    const users = { 2021: { '01': 11300, '0101': 900, '0102': 500, '0103': 300 }, 2022: { '01': 11000, '0101': 950, '0102': 480, '0103': 270 } };
    const source = inlineSource(yaml, { population: rows([500_000, 300_000, 100_000]), users: { 2021: users[2021], 2022: users[2022], 2023: users[2022], 2024: users[2022] } });
    const sim = compileSimulation(source, vary(source, { budget: 'pert(3000000, 3250000, 4000000)', index: 'uniform(0, 3)' }));
    expect(sim.plan.fast).toBe(true);
    const { fast, full } = bothPaths(sim, 3, 400);
    expect(fast.columns).toEqual(full.columns);
  });

  it('sthlm-2020 with the licence total and populations drawn (the benchmark case)', async () => {
    const s = await loadScenario('sthlm-2020', { vary: ['licence.total=uniform(1000000,2000000)', 'population=uniform(-0.05,0.05)'] });
    const sim = compileSimulation(s.source, s.vary);
    expect(sim.plan.fast).toBe(true);
    const { fast, full } = bothPaths(sim, 1, 1000);
    expect(fast.columns).toEqual(full.columns);
    expect(fast.counters).toEqual(full.counters);
  });
});

describe('reproducibility', () => {
  const source = inlineSource(cappedShareYaml(), { population: rows([600_000, 300_000, 200_000, 50_000]) });
  const sim = compileSimulation(source, vary(source, { total: 'uniform(1000000, 3000000)', population: 'uniform(-0.05, 0.05)' }));

  it('gives the same figures whatever order the chunks are run in (as threads would)', () => {
    const runs = 5 * CHUNK_RUNS + 123;
    const inOrder = createStore(sim.plan, runs);
    runChunks(sim, 42, inOrder, 0, 6);
    const shuffled = createStore(sim.plan, runs);
    for (const k of [4, 1, 5, 0, 3, 2]) runChunks(sim, 42, shuffled, k, k + 1);
    expect(shuffled.columns).toEqual(inOrder.columns);
    expect(shuffled.counters).toEqual(inOrder.counters);
  });

  it('a run depends on its index only: the first N runs of a longer simulation are the same runs', () => {
    const a = simulate(sim, { runs: 1500, seed: 9 }).store;
    const b = simulate(sim, { runs: 3000, seed: 9 }).store;
    const K = sim.plan.layout.size;
    for (let c = 0; c < K; c++) expect(a.columns.subarray(c * 1500, c * 1500 + 1500)).toEqual(b.columns.subarray(c * 3000, c * 3000 + 1500));
  });

  it('the same seed gives the same summary; another seed another one', () => {
    const one = simulate(sim, { runs: 4000, seed: 1 }).summary;
    const again = simulate(sim, { runs: 4000, seed: 1 }).summary;
    const other = simulate(sim, { runs: 4000, seed: 2 }).summary;
    expect(again.parties).toEqual(one.parties);
    expect(other.total.sum).not.toBe(one.total.sum);
    expect(other.parties[2]!.total.p50).not.toBe(one.parties[2]!.total.p50);
  });
});

describe('the summary', () => {
  it('counts cap binds and keeps every run conserved and within the caps', () => {
    const source = inlineSource(cappedShareYaml(), { population: rows([974_073, 100_000, 50_000]) });
    const sim = compileSimulation(source, vary(source, { total: 'uniform(1000000, 2000000)' }));
    const { summary, store } = simulate(sim, { runs: 3000, seed: 5 });
    const R = store.runs;
    const L = sim.plan.layout.comps[0]!;
    let binds = 0;
    for (let r = 0; r < R; r++) {
      let sum = 0;
      for (let j = 0; j < L.outParties.length; j++) sum += store.columns[(L.offset + j) * R + r]!;
      const total = store.inputs[r]!; // the drawn total in öre
      expect(sum).toBe(total);
      for (let j = 0; j < 3; j++) expect(store.columns[(L.offset + j) * R + r]!).toBeLessThanOrEqual(61_531_200);
      if (store.columns[L.heldBackAt * R + r]! > 0) binds++;
    }
    // The big party's share is 974 073 / 1 124 073 of the total: it binds above 710 062 kr, i.e. always here.
    expect(binds).toBe(R);
    const big = summary.parties.find((p) => p.code === '0101')!;
    expect(big.capBinds.licence).toBe(R);
    expect(big.components.licence!.p50).toBe(61_531_200);
    expect(summary.components[0]!.capped!.bindsAny).toBe(R);
  });

  it('reports the probability that the need is not covered (vgr-2022 without Göteborg, rate 9.5–11)', async () => {
    const s = await loadScenario('scenarios/goteborg-avstar.yaml');
    const sim = compileSimulation(s.source, s.vary);
    const { summary, store } = simulate(sim, { runs: 2000, seed: 2022 });
    let short = 0;
    const at = sim.plan.layout.surplusAt;
    for (let r = 0; r < 2000; r++) if (store.columns[at * 2000 + r]! < 0) short++;
    expect(summary.needNotCovered).toBe(short);
    // Without Göteborg, 10 kr raises 29 Mkr against a need of 34: even 11 kr rarely covers it.
    expect(short / 2000).toBeGreaterThan(0.9);
    // Göteborg is not a party of the scenario.
    expect(summary.parties.find((p) => p.code === '1480')).toBeUndefined();
  });

  it('a run can be reproduced exactly with --set and the drawn populations', () => {
    const source = inlineSource(cappedShareYaml(), { population: rows([600_000, 300_000]) });
    const sim = compileSimulation(source, vary(source, { total: 'uniform(1000000, 3000000)', population: 'uniform(-0.1, 0.1)' }));
    const ws = workspaceFor(sim.plan);
    drawInputs(sim.plan, prepareDraws(sim.plan), new ChunkStreams(11).chunk(0), ws.slots, ws.pop);
    const viaRun = evaluateRun(sim, ws.slots, ws.pop);
    const store = createStore(sim.plan, 1);
    runChunks(sim, 11, store, 0, 1);
    expect(store.columns[sim.plan.layout.totalAt]).toBe(viaRun.total);
    const text = String(ws.slots[0]! / 100);
    expect(evaluateScheme({ ...source.variant({ total: text }), parties: viaRun.scheme.parties }).total).toBe(viaRun.total);
  });
});

describe('what the full path is for', () => {
  it('a figure per year (a total and a cap per year) is evaluated in full: the model holds N × the drawn value', async () => {
    const s = await loadScenario('test/data/fixtures/schemes/uppsala-per-ar.yaml', { vary: ['kommun.total=uniform(5000000, 7000000)', 'cap.amount=uniform(1500000, 2500000)'] });
    const sim = compileSimulation(s.source, s.vary);
    expect(sim.plan.fast).toBe(false);
    expect(sim.fullPathReasons.join()).toContain('som gäller per år');
    const { summary } = simulate(sim, { runs: 40, seed: 3 });
    const total = summary.components.find((c) => c.id === 'kommuner')!.total;
    // 5 to 7 Mkr a year over four years.
    expect(total.min).toBeGreaterThanOrEqual(4 * 500_000_000);
    expect(total.max).toBeLessThanOrEqual(4 * 700_000_000);
  });

  it('a parameter that sets a number of years is evaluated in full, with the same figures per run', async () => {
    const s = await loadScenario('sthlm-2020', { overrides: { 'licence.total': '1500000' }, vary: ['contract.years=uniform(4, 8)'] });
    const sim = compileSimulation(s.source, s.vary);
    expect(sim.plan.fast).toBe(false);
    expect(sim.fullPathReasons.join()).toContain('contract.years');
    const { summary } = simulate(sim, { runs: 50, seed: 1 });
    const helpdesk = summary.components.find((c) => c.id === 'helpdesk')!.total;
    // 4 to 8 years of 3 250 000 kr.
    expect(helpdesk.min).toBeGreaterThanOrEqual(4 * 325_000_000);
    expect(helpdesk.max).toBeLessThanOrEqual(8 * 325_000_000);
    expect(helpdesk.min).toBeLessThan(helpdesk.max);
  });

  it('refuses nothing to vary and a name varied twice', () => {
    const source = inlineSource(cappedShareYaml(), { population: rows([1, 2]) });
    expect(() => compileSimulation(source, [])).toThrow(InputError);
    const v = vary(source, { total: 'uniform(1, 2)' });
    expect(() => compileSimulation(source, [...v, ...v])).toThrow(/två gånger/);
  });
});

describe('without keeping runs (passes over regenerated runs)', () => {
  /** Each column's summary by definition: its runs sorted, the nearest ranks read, the sum exact. */
  function sortedSummaries(columns: Float64Array, runs: number, count: number) {
    return Array.from({ length: count }, (_, c) => {
      const col = Array.from(columns.subarray(c * runs, (c + 1) * runs)).sort((a, b) => a - b);
      const [p5, p50, p95] = PERCENTILES.map((p) => col[nearestRankIndex(p, runs)]!);
      return { n: runs, min: col[0]!, p5, p50, p95, max: col[runs - 1]!, sum: col.reduce((a, v) => a + BigInt(v), 0n) };
    });
  }

  it('gives the percentiles of sorting every run, and the summary of keeping them, for random capped schemes', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 900_000 }), { minLength: 2, maxLength: 9 }),
        fc.constantFrom('region', 'redistribute', 'none'),
        fc.integer({ min: 1, max: 3_500 }),
        fc.integer({ min: 0, max: 2 ** 31 }),
        (pops, policy, runs, seed) => {
          fc.pre(pops.some((p) => p > 0));
          const source = inlineSource(cappedShareYaml({ policy }), { population: rows(pops) });
          const sim = compileSimulation(source, vary(source, { total: 'uniform(0, 3000000)', 'cap.amount': 'triangular(100000, 400000, 900000)', population: 'uniform(-0.3, 0.3)' }));
          const kept = simulate(sim, { runs, seed });
          const passes = simulateInPasses(sim, { runs, seed });
          expect(passes.summary).toEqual(kept.summary);
          // And both are the sorted runs, column by column.
          const results = resultsOfStore(sim.plan, kept.store);
          expect(results.outputs).toEqual(sortedSummaries(kept.store.columns, runs, sim.plan.layout.size));
          expect(results.inputs).toEqual(sortedSummaries(kept.store.inputs, runs, sim.plan.slotCount));
        },
      ),
      { seed: 1_414, numRuns: 40 },
    );
  });

  it('on schemes of every kind: per-unit with a county (vgr-2022), need not covered, the full path', async () => {
    const cases = [
      await loadScenario('vgr-2022', { vary: ['rate=normal(10, 0.4)', 'population=uniform(-0.05, 0.05)'] }),
      await loadScenario('scenarios/goteborg-avstar.yaml'),
      await loadScenario('sthlm-2020', { overrides: { 'licence.total': '1500000' }, vary: ['contract.years=uniform(4, 8)', 'population=uniform(-0.05, 0.05)'] }),
    ];
    for (const s of cases) {
      const sim = compileSimulation(s.source, s.vary);
      const runs = sim.plan.fast ? 2_345 : 120;
      expect(simulateInPasses(sim, { runs, seed: 3 }).summary).toEqual(simulate(sim, { runs, seed: 3 }).summary);
    }
  });
});
