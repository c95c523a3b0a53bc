// The comparison's view model, built on the scenario models: what changes,
// the effect on the reconciliation, every party's difference, and percentile
// bands for a Monte Carlo scenario.
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../../data/load-scenario.js';
import { evaluateScheme } from '../../../models/evaluate.js';
import { compareResults } from '../../../models/scenarios/compare.js';
import { compileSimulation, simulate } from '../../../models/scenarios/simulation.js';
import { changedParameters, comparisonDocument } from '../../../reports/views/comparison.js';
import { contextOf, strings, textOf } from './helpers.js';

describe('comparison of "Göteborg avstår" with vgr-2022', async () => {
  const scenario = await loadScenario('scenarios/goteborg-avstar.yaml');
  const base = await loadScenario('vgr-2022');
  const c = compareResults(evaluateScheme(base.source.model), evaluateScheme(scenario.source.model));
  const input = {
    comparison: c,
    base: { label: 'vgr-2022', title: base.title, kind: 'scheme' as const },
    scenario: { label: scenario.label, title: scenario.title, kind: 'scenario' as const, ...(scenario.description ? { description: scenario.description } : {}) },
    changes: scenario.changes,
    vary: scenario.vary,
  };
  const doc = comparisonDocument(contextOf(scenario.scheme, c.scenario), input);
  const text = textOf(doc);

  it('shows the totals, the gap that opens, and answers the scenario\'s question: 11,72 kr per invånare covers the need', () => {
    const key = doc.viewModel.blocks.find((b) => b.type === 'key-figures');
    expect(key?.type === 'key-figures' && key.items.map((i) => `${i.label}: ${i.value}`)).toEqual([
      'Summa i basen: 34\u00a0897\u00a0180\u00a0kr',
      'Summa i scenariot: 29\u00a0021\u00a0690\u00a0kr',
      'Skillnad: \u22125\u00a0875\u00a0490\u00a0kr',
      'Överskott i basen: 897\u00a0180\u00a0kr',
      'Underskott i scenariot: 4\u00a0978\u00a0310\u00a0kr',
      'Belopp per invånare som täcker behovet i scenariot: 11,72\u00a0kr',
    ]);
    expect(key?.type === 'key-figures' && key.items[5]?.note).toMatch(/^i basen 9,75\u00a0kr; vid 11,71\u00a0kr saknas \d/);
  });

  it('names the changed assumptions: Göteborg leaves, no parameter changes', () => {
    expect(changedParameters(c)).toEqual([]);
    expect(text).toContain('Lämnar\nGöteborg (1480)');
    expect(text).toContain('Västra Götalandsregionen och 49 kommuner → Västra Götalandsregionen och 48 kommuner');
  });

  it('lists the party that changes and summarises the 49 unchanged in one line, and charts the one that changes', () => {
    const table = doc.viewModel.blocks.find((b) => b.type === 'table' && b.caption === 'Belopp per part');
    if (table?.type !== 'table') throw new Error('no party table');
    expect(table.rows.map((r) => r.cells)).toEqual([
      ['1480', 'Göteborg (lämnar)', '5\u00a0875\u00a0490\u00a0kr', '–', '\u22125\u00a0875\u00a0490\u00a0kr', '\u2212100,0\u00a0%'],
      ['', '49 parter oförändrade', '29\u00a0021\u00a0690\u00a0kr', '29\u00a0021\u00a0690\u00a0kr', '0\u00a0kr', '0,0\u00a0%'],
    ]);
    const bars = doc.charts['skillnad']?.data[0] as { y: string[]; x: number[] };
    expect(bars.y).toEqual(['Göteborg']);
    expect(bars.x).toEqual([-5_875_490]);
    expect(text).toContain('1 part får ett annat belopp; 49 har oförändrat belopp.');
  });

  it('shows the reconciliation on both sides', () => {
    expect(text).toContain('Överskott (negativt: underskott)\n897 180 kr\n−4 978 310 kr\n−5 875 490 kr');
    // The difference of the exact rates (9,7429… and 11,7166…), not of the rounded ones.
    expect(text).toContain('Nollresultat per invånare\n9,7429 kr\n11,7154 kr\n+1,9725 kr');
    expect(text).toContain('Lägsta belopp i hela öre som täcker behovet\n9,75 kr\n11,72 kr\n+1,97 kr');
  });

  it('adds percentile bands per party for a Monte Carlo run, with the seed', () => {
    const sim = compileSimulation(scenario.source, scenario.vary);
    const { summary } = simulate(sim, { runs: 2000, seed: 2022 });
    const withSim = comparisonDocument(contextOf(scenario.scheme, c.scenario), { ...input, simulation: summary });
    const t = textOf(withSim);
    expect(t).toContain('2 000 körningar med fröet 2022');
    expect(t).toContain('Varierat:');
    expect(t).not.toContain('triangular(');
    const table = withSim.viewModel.blocks.find((b) => b.type === 'table' && b.caption === 'Belopp per part i simuleringen');
    expect(table?.type === 'table' && table.rows).toHaveLength(49);
    const p = summary.parties.find((x) => x.code === '1490')!;
    expect(p.total.p5).toBeLessThanOrEqual(p.total.p50);
    const row = table?.type === 'table' ? table.rows.find((r) => r.cells[0] === '1490')?.cells : undefined;
    expect(row?.slice(2, 6)).toEqual(['1\u00a0140\u00a0910\u00a0kr', ...[p.total.p5, p.total.p50, p.total.p95].map((o) => `${String(o / 100).replace(/\B(?=(\d{3})+(?!\d))/g, '\u00a0')}\u00a0kr`)]);
    const bands = withSim.charts['percentiler']?.data as { name: string }[];
    expect(bands.map((b) => b.name)).toEqual(['P5–P95', 'Median (P50)']);
    // Relative to the base: Borås's P50 as a per cent change of its 1 140 910 kr.
    const median = bands[1] as unknown as { y: string[]; x: number[] };
    expect(median.x[median.y.indexOf('Borås')]).toBeCloseTo(((p.total.p50 - 114_091_000) / 114_091_000) * 100, 9);
    // The same seed gives the same document.
    const again = simulate(compileSimulation(scenario.source, scenario.vary), { runs: 2000, seed: 2022 }).summary;
    expect(strings(comparisonDocument(contextOf(scenario.scheme, c.scenario), { ...input, simulation: again }).viewModel)).toEqual(strings(withSim.viewModel));
  });
});

describe('a scenario that sets a parameter (sthlm-stadsdelar)', async () => {
  const { buildReport } = await import('../../../pipeline/index.js');
  const built = await buildReport({ kind: 'comparison', scheme: 'sthlm-stadsdelar', workers: 1 });
  const doc = built.documents[0]!;

  it('shows the changed parameter among the key figures, in its Swedish label and formatted, with the base beside it', () => {
    const key = doc.viewModel.blocks.find((b) => b.type === 'key-figures');
    const item = key?.type === 'key-figures' ? key.items.find((i) => i.label === 'Licenskostnad för kommunerna över hela avtalsperioden') : undefined;
    expect(item?.value).toBe('3\u00a0000\u00a0000,00\u00a0kr');
    // The scheme leaves the total open: the base takes the scenario's value.
    expect(item?.note).toBe('samma i basen');
    expect(textOf(doc)).not.toMatch(/^licence\.total$/m);
  });
});
