// `per: year | period` on a cap, a total and a budget, as a scheme file
// writes them: what they resolve to, what is refused (with the line), and the
// caveat when caps can never cover a total.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadScheme } from '../../data/load-scheme.js';
import { InputError } from '../../models/errors.js';
import { evaluateScheme } from '../../models/evaluate.js';
import type { ShareComponent } from '../../models/scheme.js';
import { allocationJson } from '../../reports/allocation.js';
import { FIXTURES, inputError, lines } from './helpers.js';

const DIR = mkdtempSync(join(tmpdir(), 'andel-per-'));
const POPULATION = join(FIXTURES, 'schemes', 'befolkning.csv').replaceAll('\\', '/');

/** A scheme file of Region Skåne and three municipalities with the given components (YAML, indented two spaces). */
function schemeFile(name: string, components: string): string {
  const file = join(DIR, `${name}.yaml`);
  writeFileSync(
    file,
    [
      `id: ${name}`,
      'title: Testschema',
      'summary: Per år eller per period.',
      `population: { file: "${POPULATION}", source: SCB, referenceDate: 2021-12-31 }`,
      'parties:',
      '  - { code: "12", name: Region Skåne, kind: region, population: county }',
      '  - from: population',
      'components:',
      components,
    ].join('\n'),
  );
  return file;
}

const share = (total: string, per: string, cap: string, years = '  years: { first: 2025, count: 4 }') =>
  ['- id: del', '  kind: share', '  label: Delning', `  total: "${total}"`, ...(per ? [`  per: ${per}`] : []), '  key: population', '  parties: kommun', ...(cap ? [cap] : []), ...(years ? [years] : [])]
    .map((l) => `  ${l}`)
    .join('\n');

/** The problems loading a file gives, as the user reads them (it must be refused). */
async function refusal(file: string): Promise<string[]> {
  const e = await loadScheme(file).then(
    () => undefined,
    (x: unknown) => x,
  );
  return lines(inputError(() => {
    throw e ?? new Error(`${file} was accepted`);
  }).problems);
}

const UPPSALA = 'test/data/fixtures/schemes/uppsala-per-ar.yaml';

describe('a cap and a total per year (the Uppsala case)', async () => {
  const loaded = await loadScheme(UPPSALA);
  const result = evaluateScheme(loaded.model);
  const kommuner = loaded.model.components.find((c) => c.id === 'kommuner') as ShareComponent;

  it('resolves to the period figures the model computes with, keeping the yearly figures as written', () => {
    expect(kommuner.total).toBe(24_000_000_00);
    expect(kommuner).toMatchObject({ totalPer: 'year', yearlyTotal: 6_000_000_00 });
    expect(kommuner.cap).toMatchObject({ amount: 8_000_000_00, per: 'year', yearly: 2_000_000_00 });
  });

  it('keeps every municipality within 2 000 000 kr in every year; Uppsala pays exactly the cap each year and the region carries the rest', () => {
    for (const p of result.parties.filter((x) => x.party.kind === 'kommun')) {
      expect(p.schedule).toHaveLength(4);
      for (const y of p.schedule) expect(y.amounts['kommuner']).toBeLessThanOrEqual(2_000_000_00);
    }
    const uppsala = result.parties.find((p) => p.party.code === '0380')!;
    expect(uppsala.schedule.map((y) => y.amounts['kommuner'])).toEqual([2_000_000_00, 2_000_000_00, 2_000_000_00, 2_000_000_00]);
    expect(result.total).toBe(48_000_000_00);
    expect(result.reconciliation.uncovered).toBe(0);
  });

  it('gives exactly the amounts of a cap of 8 000 000 kr and a total of 24 000 000 kr per period, with every year summing to 12 000 000 kr', async () => {
    const text = (await import('node:fs')).readFileSync(UPPSALA, 'utf8');
    const periodText = text
      .replace(/value: "6000000"/g, 'value: "24000000"')
      .replace('value: "2000000"', 'value: "8000000"')
      .replace(/\n {4}per: year/g, '')
      .replace(/\n {6}per: year/g, '')
      .replace('../../../../data/populations/sweden-2021.csv', join(process.cwd(), 'data/populations/sweden-2021.csv').replaceAll('\\', '/'));
    expect(periodText).not.toContain('per: year');
    const file = join(DIR, 'uppsala-period.yaml');
    writeFileSync(file, periodText);
    const period = evaluateScheme((await loadScheme(file)).model);
    expect(period.parties.map((p) => [p.party.code, p.amount])).toEqual(result.parties.map((p) => [p.party.code, p.amount]));
    // Only the schedule differs: per year, every year's parts sum to the yearly totals (6 + 6 Mkr); per period, the spare
    // kronor of every party go to the earliest years.
    const yearSums = (r: typeof result) => [2025, 2026, 2027, 2028].map((y) => r.parties.reduce((s, p) => s + (p.schedule.find((x) => x.year === y)?.total ?? 0), 0));
    expect(yearSums(result)).toEqual([1_200_000_000, 1_200_000_000, 1_200_000_000, 1_200_000_000]);
    expect(yearSums(period)).not.toEqual(yearSums(result));
  });

  it('says per year in the JSON contract, beside the period figures', () => {
    const json = allocationJson(result) as unknown as { components: Record<string, unknown>[] };
    expect(json.components.find((c) => c['id'] === 'kommuner')).toMatchObject({
      total: '24000000.00',
      totalPer: 'year',
      totalPerYear: '6000000.00',
      cap: { per: 'year', amountPerYear: '2000000.00', amount: '8000000.00' },
    });
    expect(json.components.find((c) => c['id'] === 'region')).not.toHaveProperty('cap');
  });
});

describe('per: year where there is no year', () => {
  it('a cap or a total per year on a component without years is refused at its line, telling to give years', async () => {
    const file = schemeFile('utan-ar', share('1000000', 'year', '  cap: { amount: "100000", per: year, policy: region }', ''));
    expect(await refusal(file)).toEqual([
      `${file}, rad 13, kolumn 10: components[0] (del).per: totalen gäller per år, men komponenten har inga år`,
      `${file}, rad 16, kolumn 35: components[0] (del).cap.per: taket gäller per år, men komponenten har inga år`,
    ]);
  });

  it('a budget per period is refused, pointing to a share with years', async () => {
    const file = schemeFile(
      'budget-period',
      ['- id: drift', '  kind: yearly-share', '  label: Drift', '  budget: "100000"', '  per: period', '  key: population', '  years: { first: 2025, count: 3 }'].map((l) => `  ${l}`).join('\n'),
    );
    expect(await refusal(file)).toEqual([`${file}, rad 13, kolumn 10: components[0] (drift).per: en budget gäller per år och räknas upp med index år för år`]);
    const e = await loadScheme(file).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(InputError);
    expect((e as InputError).problems[0]!.hint?.sv).toContain('kind: share');
  });

  it('a budget per year is what a budget always was', async () => {
    const base = ['- id: drift', '  kind: yearly-share', '  label: Drift', '  budget: "100000"', '  key: population', '  years: { first: 2025, count: 3 }'];
    const a = evaluateScheme((await loadScheme(schemeFile('budget-ar', [...base.slice(0, 4), '  per: year', ...base.slice(4)].map((l) => `  ${l}`).join('\n')))).model);
    const b = evaluateScheme((await loadScheme(schemeFile('budget-utan', base.map((l) => `  ${l}`).join('\n')))).model);
    expect(a.parties.map((p) => p.schedule)).toEqual(b.parties.map((p) => p.schedule));
    expect(a.total).toBe(3 * 100_000_00);
  });
});

describe('caps that cannot cover the total', () => {
  it('every party capped, nobody to carry the rest: a caveat in the reader\'s words and a hint for the operator, per year', async () => {
    // Three municipalities, at most 100 000 kr a year each: 300 000 kr a year against 1 000 000 kr a year.
    const file = schemeFile('tak-racker-inte', share('1000000', 'year', '  cap: { amount: "100000", per: year, policy: redistribute }'));
    const { model } = await loadScheme(file);
    expect(model.caveats).toEqual([
      {
        reader:
          'Taken räcker inte till totalen: Delning är 1 000 000 kr per år, men var och en av de 3 parterna bär högst 100 000 kr per år, tillsammans 300 000 kr per år. Minst 700 000 kr per år täcks därför inte av någon part.',
        operator: 'Höj taket (cap.amount i del), sänk totalen, eller låt en part bära det taken håller tillbaka (cap.policy: region eller cap.carrier).',
      },
    ]);
    const result = evaluateScheme(model);
    expect(result.reconciliation.uncovered).toBe(4 * 700_000_00);
    expect((allocationJson(result) as unknown as { caveats: string[] }).caveats[0]).toContain('Taken räcker inte till totalen');
  });

  it('a cap per year against a total per period is said over the period, with the yearly figure', async () => {
    const file = schemeFile('tak-ar-total-period', share('1000000', '', '  cap: { amount: "50000", per: year, policy: none }'));
    const { model } = await loadScheme(file);
    expect(model.caveats?.[0]?.reader).toBe(
      'Taken räcker inte till totalen: Delning är 1 000 000 kr för hela perioden, men var och en av de 3 parterna bär högst 50 000 kr per år (200 000 kr för hela perioden), tillsammans 600 000 kr för hela perioden. Minst 400 000 kr för hela perioden täcks därför inte av någon part.',
    );
  });

  it('no caveat when a carrier takes what the caps hold back, or when the caps hold the total', async () => {
    const carrier = await loadScheme(schemeFile('tak-barare', share('1000000', 'year', '  cap: { amount: "100000", per: year, policy: region }')));
    expect(carrier.model.caveats ?? []).toEqual([]);
    const enough = await loadScheme(schemeFile('tak-racker', share('1000000', 'year', '  cap: { amount: "400000", per: year, policy: redistribute }')));
    expect(enough.model.caveats ?? []).toEqual([]);
    // The same caps per period are four times smaller than per year: now they cannot hold the total.
    const period = await loadScheme(schemeFile('tak-period', share('1000000', 'year', '  cap: { amount: "400000", policy: redistribute }')));
    expect(period.model.caveats?.[0]?.reader).toContain('Minst 2 800 000 kr för hela perioden täcks därför inte av någon part.');
  });
});
