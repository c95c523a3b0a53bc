// One money format per document: öre only where öre occur. A document whose
// amounts are whole kronor prints "34 897 180 kr"; one with öre prints every
// amount with öre, "615 312,00 kr", never beside "615 312 kr".
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../../data/load-scenario.js';
import { evaluateScheme } from '../../../models/evaluate.js';
import { compareResults } from '../../../models/scenarios/compare.js';
import { compileSimulation, simulate } from '../../../models/scenarios/simulation.js';
import { comparisonDocument } from '../../../reports/views/comparison.js';
import { letterDocument } from '../../../reports/views/letter.js';
import { overviewDocument } from '../../../reports/views/overview.js';
import type { ReportDocument } from '../../../reports/views/report-document.js';
import { STHLM_MAX_LICENCE, contextOf, resultOf, textOf } from './helpers.js';

/**
 * The amounts of 100 kr or more a document prints, by format: whole kronor
 * or with öre (two decimals). Smaller figures are rates and steps (`9,75 kr`
 * per invånare, `0,01 kr` more), and four decimals an exact quotient.
 */
function amountFormats(doc: ReportDocument): { whole: string[]; ore: string[] } {
  const found = [...textOf(doc).matchAll(/(?<![\d,])(\d{1,3}(?: \d{3})+|\d{3})(,\d+)? kr(?![a-zåäö])/g)];
  return {
    whole: found.filter((m) => m[2] === undefined).map((m) => m[0]),
    ore: found.filter((m) => m[2]?.length === 3).map((m) => m[0]),
  };
}

describe('one money format per document', async () => {
  const vgr = await resultOf('vgr-2022');
  const sthlm = await resultOf('sthlm-2020', { 'licence.total': STHLM_MAX_LICENCE });
  const scenario = await loadScenario('scenarios/goteborg-avstar.yaml');
  const base = await loadScenario('vgr-2022');
  const c = compareResults(evaluateScheme(base.source.model), evaluateScheme(scenario.source.model));
  const { summary } = simulate(compileSimulation(scenario.source, scenario.vary), { runs: 500, seed: 2022 });
  const comparison = comparisonDocument(contextOf(scenario.scheme, c.scenario), {
    comparison: c,
    base: { label: 'vgr-2022', title: base.title, kind: 'scheme' },
    scenario: { label: scenario.label, title: scenario.title, kind: 'scenario' },
    changes: scenario.changes,
    vary: scenario.vary,
    simulation: summary,
  });

  const docs: Readonly<Record<string, () => ReportDocument>> = {
    'the VGR overview': () => overviewDocument(contextOf(vgr.loaded, vgr.result)),
    'the Göteborg letter': () => letterDocument(contextOf(vgr.loaded, vgr.result), '1480'),
    'the goteborg-avstar comparison with its simulation': () => comparison,
    'the Stockholm overview': () => overviewDocument(contextOf(sthlm.loaded, sthlm.result)),
    'the Stockholm letter': () => letterDocument(contextOf(sthlm.loaded, sthlm.result), '0180'),
  };

  it.each([
    ['the VGR overview', 'whole'],
    ['the Göteborg letter', 'whole'],
    ['the goteborg-avstar comparison with its simulation', 'whole'],
    ['the Stockholm overview', 'ore'],
    ['the Stockholm letter', 'ore'],
  ] as const)('%s prints its amounts one way only (%s)', (what, format) => {
    const { whole, ore } = amountFormats(docs[what]!());
    expect(format === 'whole' ? whole.length : ore.length).toBeGreaterThan(1);
    expect(format === 'whole' ? ore : whole).toEqual([]);
  });

  it('the comparison calls the simulated gap an underskott, never a negative överskott', () => {
    const text = textOf(comparison);
    expect(text).toMatch(/Behovet täcks inte i 100,0 % av körningarna\. Resultatet mot behovet: underskott [\d ]+ kr i medianen \(P50\); underskott [\d ]+ kr vid P5 och underskott [\d ]+ kr vid P95\./);
    expect(text).not.toMatch(/överskott[^.]*−/);
  });
});
