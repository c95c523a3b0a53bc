// A shortfall is never quiet: the library finds every component whose total
// the caps leave uncovered and says it in Swedish and English, for the
// terminal. Two fixtures: Stockholm under policy none above the cap, and a
// small scheme where every party reaches the cap under redistribute.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadScheme } from '../../data/load-scheme.js';
import { projectRoot } from '../../data/project-root.js';
import { evaluateScheme } from '../../models/evaluate.js';
import { shortfallWarnings, shortfalls } from '../../reports/shortfall.js';

const ALL_CAPPED = join(projectRoot(), 'test/fixtures/shortfall/alla-vid-taket.yaml');
const evaluate = async (scheme: string, overrides: Record<string, string> = {}) => evaluateScheme((await loadScheme(scheme, { overrides })).model);

describe('shortfalls', () => {
  it('sthlm-2020 under policy none with a licence of 3 000 000 kr: Stockholm is capped, 614 018,85 kr is not covered', async () => {
    // 3 000 000 kr × 974 073 / 2 377 081 = 1 229 330,85 kr; the cap 615 312 kr holds back 614 018,85 kr.
    const result = await evaluate('sthlm-2020', { 'cap.policy': 'none', 'licence.total': '3000000' });
    expect(shortfalls(result)).toEqual([
      {
        component: 'licence',
        label: 'Licens (kostnad för att använda systemet)',
        short: 'Licens',
        total: 300_000_000,
        uncovered: 61_401_885,
        covered: 238_598_115,
        cap: 61_531_200,
        capped: [{ code: '0180', name: 'Stockholm' }],
        parties: 26,
        policy: 'uncovered',
      },
    ]);
    expect(shortfallWarnings(result)).toEqual([
      {
        sv: 'Licens: 614 018,85 kr av 3 000 000,00 kr täcks inte av någon part (taket 615 312,00 kr binder för 1 part: Stockholm; policy: ej täckt).',
        en: 'Licens: 614,018.85 kr of 3,000,000.00 kr is not covered by any party (the cap of 615,312.00 kr binds for 1 party: Stockholm; policy: none, reported as not covered).',
      },
    ]);
    expect(result.reconciliation).toMatchObject({ total: 2_900_000_000, sumOfParties: 2_838_598_115, uncovered: 61_401_885, conserved: true, capsHold: true });
  });

  it('every party at the cap under redistribute: 100 000 kr of 1 000 000 kr is left, and the warning says why', async () => {
    const result = await evaluate(ALL_CAPPED);
    expect(result.parties.map((p) => [p.party.name, p.amount])).toEqual([
      ['Håbo', 30_000_000],
      ['Knivsta', 30_000_000],
      ['Älvkarleby', 30_000_000],
    ]);
    expect(shortfallWarnings(result)).toEqual([
      {
        sv: 'Licens: 100 000,00 kr av 1 000 000,00 kr täcks inte av någon part (taket 300 000,00 kr binder för alla 3 parter: Håbo, Knivsta och Älvkarleby; policy: fördela om, men ingen part har utrymme kvar under taket).',
        en: 'Licens: 100,000.00 kr of 1,000,000.00 kr is not covered by any party (the cap of 300,000.00 kr binds for all 3 parties: Håbo, Knivsta and Älvkarleby; policy: redistribute, but no party has room left under the cap).',
      },
    ]);
    expect(result.reconciliation).toMatchObject({ total: 100_000_000, sumOfParties: 90_000_000, uncovered: 10_000_000, conserved: true });
  });

  it('says nothing when everything is covered: vgr-2022, sthlm-2020 under the default policy, the fixture at 900 000 kr', async () => {
    for (const result of [
      await evaluate('vgr-2022'),
      await evaluate('sthlm-2020', { 'licence.total': '3000000' }),
      await evaluate(ALL_CAPPED, { 'licence.total': '900000' }),
    ]) {
      expect(shortfalls(result)).toEqual([]);
      expect(shortfallWarnings(result)).toEqual([]);
      expect(result.reconciliation.uncovered).toBe(0);
      expect(result.reconciliation.total).toBe(result.reconciliation.sumOfParties);
    }
  });

  it('under the default policy the region carries what the cap holds back: the total is the same, nothing uncovered', async () => {
    const result = await evaluate('sthlm-2020', { 'licence.total': '3000000' });
    expect(result.reconciliation).toMatchObject({ total: 2_900_000_000, sumOfParties: 2_900_000_000, uncovered: 0 });
    expect(result.parties.find((p) => p.party.code === '01')?.components['licence']).toBe(61_401_885);
  });
});
