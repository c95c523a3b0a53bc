// The documents say a cap and a total per year as the scheme gives them
// (the Uppsala case: 6 Mkr a year each for region and municipalities over
// 2025–2028, at most 2 000 000 kr per municipality and year), with the
// period figure beside them; a period figure of such a scheme says so.
import { describe, expect, it } from 'vitest';
import { overviewDocument } from '../../../reports/views/overview.js';
import { remissDocument } from '../../../reports/views/remiss.js';
import { STHLM_MAX_LICENCE, contextOf, resultOf, textOf } from './helpers.js';

const UPPSALA = 'test/data/fixtures/schemes/uppsala-per-ar.yaml';

describe('a cap and a total per year in the documents', async () => {
  const { loaded, result } = await resultOf(UPPSALA);
  const ctx = contextOf(loaded, result);

  it('the overview gives the cap per part och år and the totals per year, with the period figures beside them', () => {
    const text = textOf(overviewDocument(ctx));
    expect(text).toContain('Tak per part och år\n2 000 000,00 kr per år (8 000 000,00 kr för hela perioden)');
    expect(text).toContain(
      'Kommunernas del: 6 000 000,00 kr per år (24 000 000,00 kr för hela perioden) fördelas efter en blandning av nycklar, jämnt över åren 2025–2028. Ingen part bär mer än 2 000 000,00 kr per år; Region Uppsala bär det som taket håller tillbaka.',
    );
    expect(text).toContain('6 000 000,00 kr per år (24 000 000,00 kr för hela perioden) är mer än de 17 447 116,57 kr för hela perioden som ryms innan taket binder');
    expect(text).toContain('Parter nära taket (minst 80 % av 2 000 000,00 kr per år)');
    expect(text).not.toContain('för hela perioden 2025–2028');
  });

  it('the remiss says the party\'s share over the period and its largest year against the yearly cap', () => {
    const text = textOf(remissDocument(ctx, '0380'));
    expect(text).toContain('Uppsalas andel av kommunernas del är 100,0 % av taket 2 000 000,00 kr per år.');
    expect(text).toContain('Uppsalas andel av kommunernas del är 8 000 000,00 kr över hela avtalsperioden, högst 2 000 000,00 kr per år, 100,0 % av taket 2 000 000,00 kr per år.');
    expect(text).toContain('Taket binder för Uppsala: 3 004 683,74 kr för hela perioden hålls tillbaka');
    expect(text).toContain('tak 2 000 000,00 kr per år');
    expect(text).toContain('Taket 2 000 000,00 kr per år (8 000 000,00 kr för hela perioden) binder: 3 004 683,74 kr för hela perioden hålls tillbaka');
  });
});

describe('a cap per period (sthlm-2020) is worded as before', async () => {
  const { loaded, result } = await resultOf('sthlm-2020', { 'licence.total': STHLM_MAX_LICENCE });
  const ctx = contextOf(loaded, result);

  it('over the whole period, never per år', () => {
    const text = textOf(overviewDocument(ctx));
    expect(text).toContain('Tak per part för hela perioden 2021–2028\n615 312,00 kr (LOU:s direktupphandlingsgräns 2020–2021)');
    expect(text).not.toMatch(/615 312,00 kr per år/);
  });
});
