// Views of scenario results (reports/scenarios.ts) and the notebook DataFrames (reports/dataframes.ts).
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../data/load-scenario.js';
import { Dec } from '../../models/money.js';
import { evaluateScheme } from '../../models/evaluate.js';
import { compareResults } from '../../models/scenarios/compare.js';
import { compileSimulation, simulate } from '../../models/scenarios/simulation.js';
import { parseAxis, sweep } from '../../models/scenarios/sweep.js';
import { toDataFrame } from '../../reports/dataframes.js';
import { comparisonFrameData, simulationFrameData, simulationRunsFrameData, sweepFrameData } from '../../reports/frame-data.js';
import { type ViewTable, comparisonTables, renderViewCsv, renderViewText, simulationJson, simulationTables } from '../../reports/scenarios.js';

const label = { label: 'x.yaml', title: 'Test', kind: 'scenario' as const };

describe('table rendering', () => {
  const table: ViewTable = {
    title: 'T',
    sheet: 'T',
    columns: [{ label: 'Part', csv: 'part' }, { label: 'Belopp', csv: 'belopp_kr' }, { label: 'Andel', csv: 'andel_procent' }, { label: 'Skillnad', csv: 'skillnad_kr' }],
    rows: [
      ['Göteborg; "stad"', { ore: 587_549_000 }, { pct: new Dec('0.1684') }, { ore: -1234, sign: true }],
      ['Ale', { ore: 32_148_050 }, null, { ore: 500, sign: true }],
    ],
    notes: ['En not.'],
  };

  it('text: Swedish figures, right-aligned, notes under the table', () => {
    const lines = renderViewText([table]).split('\n');
    expect(lines[4]).toMatch(/^Göteborg; "stad"\s+5 875 490 kr\s+16,8 %\s+−12,34 kr$/);
    expect(lines[5]).toMatch(/^Ale\s+321 480,50 kr\s+\+5 kr$/);
    expect(lines.slice(0, 2)).toEqual(['T', '']);
    expect(lines[2]).toMatch(/^Part\s+Belopp\s+Andel\s+Skillnad$/);
    expect(lines[4]!.length).toBe(lines[2]!.length);
    expect(lines.slice(6)).toEqual(['', 'En not.', '']);
  });

  it('CSV: BOM, semicolons, decimal comma, quotes where needed, CRLF', () => {
    expect(renderViewCsv([table])).toBe('\ufeffpart;belopp_kr;andel_procent;skillnad_kr\r\n"Göteborg; ""stad""";5875490,00;16,84;-12,34\r\nAle;321480,50;;5,00\r\n');
  });
});

describe('scenario views', () => {
  it('compare: Göteborg avstår, the sum and the gap', async () => {
    const base = evaluateScheme((await loadScenario('vgr-2022')).source.model);
    const scen = evaluateScheme((await loadScenario('goteborg-avstar')).source.model);
    const text = renderViewText(comparisonTables(compareResults(base, scen), { ...label, title: 'Bas' }, label));
    expect(text).toMatch(/1480 {2}Göteborg\s+5 875 490 kr\s+avstår\s+−5 875 490 kr\s+−100,0 %/);
    expect(text).toMatch(/Räknade invånare\s+3 489 718\s+2 902 169\s+−587 549/);
    const rows = comparisonFrameData(compareResults(base, scen));
    expect(rows.rows.find((r) => r[0] === '1480')).toEqual(['1480', 'Göteborg', 'left', 5_875_490, null, -5_875_490, -1]);
  });

  it('simulate: JSON money as decimal strings; the text says what was varied and how often the cap binds', async () => {
    const s = await loadScenario('sthlm-2020', { vary: ['licence.total=uniform(1000000,2000000)'] });
    const sim = compileSimulation(s.source, s.vary);
    const { summary, store } = simulate(sim, { runs: 2000, seed: 1 });
    const j = simulationJson(summary, { source: label, workers: 1 }) as { parties: { code: string; outputs: Record<string, Record<string, string>> }[] };
    const sthlm = j.parties.find((p) => p.code === '0180')!;
    for (const v of Object.values(sthlm.outputs.licence!)) expect(v).toMatch(/^\d+\.\d\d$/);
    const text = renderViewText(simulationTables(summary, { source: label, workers: 1 }));
    expect(text).toContain('Varierat: licence.total=uniform(1000000, 2000000).');
    expect(text).toMatch(/bärs av Region Stockholm \(01\)/);
    const frame = simulationFrameData(summary);
    expect(frame.columns).toEqual(['code', 'name', 'output', 'p5', 'p50', 'p95', 'mean', 'min', 'max', 'pCapBinds']);
    expect(frame.rows.find((r) => r[0] === '0180' && r[2] === 'licence')![5]).toBe(615_312);
    const runs = simulationRunsFrameData(sim, store);
    expect(runs.rows).toHaveLength(2000);
    expect(runs.columns.slice(0, 3)).toEqual(['run', 'licence.total', '0127.licence']);
    expect(runs.rows[0]![1]).toBeGreaterThanOrEqual(1_000_000);
  });

  it('a danfojs DataFrame from the library (danfojs-node loads here, in the notebook path only)', async () => {
    const s = await loadScenario('sthlm-2020', { provisional: { 'licence.total': '1000000' } });
    const axis = parseAxis('licence.total=1000000..2000000/500000', s.source);
    if ('error' in axis) throw new Error(axis.error.en);
    const df = await toDataFrame(sweepFrameData(sweep(s.source, [axis])));
    expect(df.shape).toEqual([3 * 27, 5]);
    expect(df.columns).toEqual(['licence.total', 'code', 'name', 'amount', 'capped']);
  });
});
