// Derived parameters and shared drivers through the built CLI: a scheme file
// with `expr:` allocates and explains its formulas, its mistakes stop the run
// with exit 2 at line and column, --set of a derived parameter is refused,
// and simulate shows a driver and what it scales.
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { andel } from '../helpers/cli.js';

const SCHEME = 'test/fixtures/derived/uppsala.yaml';
const nbsp = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

describe('a scheme file with derived parameters', () => {
  it('allocates the cost with the derived halves and says how each was computed', () => {
    const r = andel(['allocate', SCHEME]);
    expect(r.status).toBe(0);
    const out = nbsp(r.stdout);
    expect(out).toMatch(/Summa\s+6 000 000 kr\s+6 000 000 kr\s+12 000 000 kr/);
    expect(out).toContain('Härledd: Regionens del = 6 000 000 kr, räknat som Regionens andel av Kostnad per år (region.part = cost.total * region.share).');
    expect(out).toContain('Härledd: Tak per kommun = 1 125 000 kr, räknat som ((Kommunernas del delat med 8) gånger 1,5) avrundat till närmaste 1 000');
  });

  it('every derived value follows --set of its base parameters; JSON carries the expressions', () => {
    const r = andel(['allocate', SCHEME, '--set', 'cost.total=10000000', '--set', 'region.share=40', '--format', 'json']);
    expect(r.status).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.parameters).toEqual({ 'cost.total': '10000000', 'region.share': '40', 'region.part': '4000000', 'kommun.part': '6000000', 'kommun.cap': '1125000' });
    expect(j.derivedParameters['kommun.part']).toEqual({ label: 'Kommunernas del', type: 'money', expr: 'cost.total − region.part', words: 'Kostnad per år minus Regionens del', from: ['cost.total', 'region.share'] });
    expect(j.total).toBe('10000000.00');
  });

  it('--set of a derived parameter: exit 2, naming the base parameters, no output file', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'andel-derived-')), 'a.csv');
    const r = andel(['allocate', SCHEME, '--set', 'region.part=5000000', '--out', out]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('--set: parametern region.part är härledd (expr: cost.total * region.share) och kan inte sättas direkt; sätt parametrarna den följer: cost.total, region.share');
    expect(existsSync(out)).toBe(false);
  });

  it('mistakes in expressions: exit 2, every one at once with line and column inside the expression', () => {
    const r = andel(['allocate', 'test/fixtures/derived/broken.yaml']);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('andel: 4 fel i indata:');
    expect(r.stderr).toContain('broken.yaml, rad 32, kolumn 12: parameters.region.part.expr: okänd parameter "cost.totl". Menade du cost.total?');
    expect(r.stderr).toContain('broken.yaml, rad 37, kolumn 36: parameters.kommun.part.expr: väntade ")", fann slutet');
    expect(r.stderr).toContain('broken.yaml, rad 42, kolumn 11: parameters.kommun.part2.expr: parametern beror på sig själv (kommun.part2 → kommun.cap → kommun.part2)');
    expect(r.stderr).toContain('broken.yaml, rad 50, kolumn 12: parameters.bad.ref.expr: region.name är av typen text och kan inte räknas med');
  });

  it('simulate varies the cost and both halves follow; varying a half is refused', () => {
    const r = andel(['simulate', SCHEME, '--vary', 'cost.total=uniform(10200000,13800000)', '--runs', '500', '--seed', '2', '--format', 'json']);
    expect(r.status).toBe(0);
    const j = JSON.parse(r.stdout);
    const inputs = Object.fromEntries(j.inputs.map((i: { input: string }) => [i.input, i]));
    expect(inputs['region.part'].role).toBe('derived');
    expect(Number(inputs['region.part'].p50) * 2).toBeCloseTo(Number(inputs['cost.total'].p50), -1);
    const bad = andel(['simulate', SCHEME, '--vary', 'kommun.part=uniform(1,2)', '--runs', '10']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('parametern kommun.part är härledd');
  });
});

describe('a scenario of a scheme with derived parameters', () => {
  it('compare: one set of the cost, and both halves follow on the scenario side only', () => {
    const r = andel(['compare', 'test/fixtures/derived/uppsala-dyrare.yaml', '--format', 'json']);
    expect(r.status).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.base.parameters['region.part']).toBe('6000000');
    expect(j.scenario.parameters['region.part']).toBe('6600000');
    expect(j.scenario.parameters['kommun.part']).toBe('6600000');
    expect(j.total).toEqual({ base: '12000000.00', scenario: '13200000.00', diff: '1200000.00' });
  });
});

describe('a scenario with a shared driver', () => {
  it('simulate draws the index once per run and lists it as a driver with what it scales', () => {
    const r = andel(['simulate', 'scenarios/sthlm-kostnadsindex.yaml', '--runs', '2000']);
    expect(r.status).toBe(0);
    const out = nbsp(r.stdout);
    expect(out).toContain('Varierat: kostnadsindex=normal(1, 0.05, 0) × licence.total, helpdesk.budget.');
    expect(out).toMatch(/Drivande faktor kostnadsindex \(dras en gång per körning\): P5 0\.9\d+, P50 1\.0\d+|Drivande faktor kostnadsindex \(dras en gång per körning\): P5 0[.,]9/);
    expect(out).toContain('Värden licence.total (skalas av kostnadsindex)');
    const j = JSON.parse(andel(['simulate', 'scenarios/sthlm-kostnadsindex.yaml', '--runs', '2000', '--format', 'json']).stdout);
    expect(j.inputs.map((i: { input: string; role?: string; driver?: string }) => [i.input, i.role, i.driver])).toEqual([
      ['kostnadsindex', 'driver', undefined],
      ['licence.total', 'scaled', 'kostnadsindex'],
      ['helpdesk.budget', 'scaled', 'kostnadsindex'],
    ]);
  });

  it('a driver written wrong: exit 2 at its line and column', () => {
    const r = andel(['simulate', 'test/fixtures/derived/kostnadsindex-fel.yaml', '--runs', '10']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('kostnadsindex-fel.yaml, rad 8, kolumn 39: okänd parameter "kostnad.totl"');
    expect(r.stderr).toContain('kostnadsindex-fel.yaml, rad 10, kolumn 11: region.share är redan namnet på en parameter');
  });
});
