import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ADHOC_SCHEMES, defaultRegionName, isAdhocScheme, loadAdhocScheme, perCapitaScheme, shareScheme } from '../../data/adhoc-scheme.js';
import { loadSchemeDefinition } from '../../data/load-scheme.js';
import { loadMunicipalityCodes } from '../../data/municipality-codes.js';
import { loadPopulation } from '../../data/population/load.js';
import { dataPath } from '../../data/project-root.js';
import { parseSchemeFile } from '../../data/scheme/parse.js';
import { resolveScheme } from '../../data/scheme/resolve.js';
import { evaluateScheme } from '../../models/evaluate.js';
import { inputError, lines } from './helpers.js';

const codes = loadMunicipalityCodes();
const sweden = loadPopulation(dataPath('populations', 'sweden-2021.csv'), { codes }).rows;
const sum = (rows: readonly { population: number }[]) => rows.reduce((s, r) => s + r.population, 0);
const officialName = (code: string) => codes.officialName(code);

describe('the generic schemes are scheme files built from options', () => {
  it('per-capita with a region is what a user would write in YAML', () => {
    const yaml = `
id: per-capita
title: Belopp per invånare
summary: Kommunerna i Skåne län betalar ett belopp per invånare, och Region Skåne betalar för länets folkmängd.
region: Skåne län
rounding: "0.01"
parties:
  - { code: "12", name: Region Skåne, kind: region, population: county }
  - { from: population, kind: kommun, county: "12" }
parameters:
  rate: { type: rate, value: "10", label: Belopp per invånare, unit: kr/invånare }
components:
  - { id: per-capita, kind: per-unit, label: Belopp per invånare, rate: { param: rate }, key: population, parties: all }
notes:
  parties: Regionens namn "Region Skåne" är härlett ur länsnamnet Skåne län (länskod 12); regionen kan ha ett annat officiellt namn.
`;
    expect(perCapitaScheme({ rate: '10', regionCode: '12', codes })).toEqual(parseSchemeFile(yaml, 'per-capita.yaml'));
  });

  it('share with a cap declares total, cap.amount and cap.policy as parameters (for --set and scenarios)', () => {
    const def = shareScheme({ total: '1 500 000', cap: '615312', capPolicy: 'region', regionCode: '01', codes });
    expect(def.parameters).toMatchObject({
      total: { type: 'money', value: '1500000' },
      'cap.amount': { type: 'money', value: '615312' },
      'cap.policy': { type: 'enum', value: 'region', values: ['region', 'redistribute', 'none'] },
    });
    expect(def.components[0]).toMatchObject({ kind: 'share', parties: 'kommun', key: 'population', cap: { amount: { param: 'cap.amount' }, policy: { param: 'cap.policy' }, parties: 'kommun' } });
    expect(def.parties[0]).toEqual({ code: '01', name: 'Region Stockholm', kind: 'region', population: 'county' });
    // Without a region, region is no policy --set could choose, and the default is redistribute.
    const noRegion = shareScheme({ total: '100', cap: '10', codes });
    expect(noRegion.parameters['cap.policy']).toMatchObject({ value: 'redistribute', values: ['redistribute', 'none'] });
    expect(noRegion.parties).toEqual([{ from: 'population', kind: 'kommun' }]);
    expect(shareScheme({ total: '100', codes }).components[0]).not.toHaveProperty('cap');
  });

  it('reserves two names', () => {
    expect(ADHOC_SCHEMES).toEqual(['per-capita', 'share']);
    expect(isAdhocScheme('share')).toBe(true);
    expect(isAdhocScheme('vgr-2022')).toBe(false);
    expect(isAdhocScheme('share.yaml')).toBe(false);
  });
});

describe('defaultRegionName', () => {
  it('drops "län" and the genitive s of the official county name', () => {
    const names = Object.fromEntries(codes.counties.map((c) => [c.code, defaultRegionName(c)]));
    expect(names).toMatchObject({ '01': 'Region Stockholm', '03': 'Region Uppsala', '10': 'Region Blekinge', '12': 'Region Skåne', '13': 'Region Halland', '18': 'Region Örebro', '20': 'Region Dalarna', '25': 'Region Norrbotten' });
    for (const name of Object.values(names)) expect(name).not.toMatch(/s$|län/);
    expect(Object.keys(names)).toHaveLength(21);
  });
});

describe('options: every problem at once, under the option it belongs to', () => {
  it('per-capita', () => {
    const e = inputError(() => perCapitaScheme({ total: '5', cap: '1', regionName: 'Region X', rounding: '0', codes }));
    expect(lines(e.problems)).toEqual([
      '--total: gäller share, inte per-capita',
      '--cap: gäller share, inte per-capita',
      '--rate: ange beloppet per invånare, t.ex. --rate 10',
      '--rounding: "0" ska vara en avrundningsenhet i kronor: 0.01 (öre) eller 1 (hela kronor)',
      '--region-name: gäller bara tillsammans med --region-code',
    ]);
    expect(e.code).toBe('E_OPTION');
  });

  it('share', () => {
    expect(lines(inputError(() => shareScheme({ total: '-1', cap: '1,005', codes })).problems)).toEqual([
      '--total: "-1" får inte vara negativt',
      '--cap: "1,005" är inte ett belopp i hela öre',
    ]);
    expect(lines(inputError(() => shareScheme({ total: '1500000.50', rounding: '1', codes })).problems)).toEqual([
      '--total: 1500000.5 kr går inte jämnt upp i avrundningsenheten 1 kr',
    ]);
    expect(lines(inputError(() => shareScheme({ total: '1', cap: '1', capPolicy: 'carrier', codes })).problems)).toEqual([
      '--cap-policy: "carrier" ska vara region, redistribute eller none',
    ]);
    expect(lines(inputError(() => shareScheme({ total: '1', cap: '1', capPolicy: 'region', codes })).problems, 'en')).toEqual([
      '--cap-policy: region needs a region party to carry what the cap holds back',
    ]);
    expect(lines(inputError(() => shareScheme({ total: '1', regionCode: '1480', regionName: ' ', codes })).problems)).toEqual([
      '--region-name: regionens namn är tomt',
      '--region-code: "1480" är ingen länskod i SCB:s kodlista',
    ]);
  });

  it('loadAdhocScheme adds a missing population file to the list', async () => {
    await expect(loadAdhocScheme('per-capita', {})).rejects.toMatchObject({
      problems: [expect.objectContaining({ file: '--population' }), expect.objectContaining({ file: '--rate' })],
    });
  });
});

describe('resolved with a population file, like any scheme', () => {
  it('per-capita on the national file: every municipality, 10 kr each', async () => {
    const { model, warnings } = await loadAdhocScheme('per-capita', { rate: '10', population: dataPath('populations', 'sweden-2021.csv') });
    const result = evaluateScheme(model);
    expect(result.parties).toHaveLength(290);
    expect(result.total).toBe(10 * 100 * sum(sweden));
    expect(warnings).toEqual([]);
    expect(model.provenance[0]).toMatchObject({ label: 'Folkmängd 2021-12-31', referenceDate: '2021-12-31' });
  });

  it('a county: its municipalities only, the region at their sum, and a caveat on what was left out', () => {
    const skane = sweden.filter((r) => codes.countyOf(r.code)?.code === '12');
    const model = resolveScheme(perCapitaScheme({ rate: '10', regionCode: '12', codes }), { population: { rows: sweden, file: 'sweden-2021.csv' }, officialName });
    expect(model.parties.filter((p) => p.kind === 'kommun').map((p) => p.code).sort()).toEqual(skane.map((r) => r.code).sort());
    expect(model.parties[0]).toEqual({ code: '12', name: 'Region Skåne', kind: 'region', population: sum(skane) });
    expect(model.caveats).toEqual([{ reader: `Av befolkningsstatistikens 290 kommuner ingår de ${skane.length} i Skåne län (länskod 12).` }]);
    const result = evaluateScheme(model);
    expect(result.parties[0]!.amount).toBe(10 * 100 * sum(skane));
  });

  it('a county the file does not have is an error naming the file', () => {
    const e = inputError(() => resolveScheme(perCapitaScheme({ rate: '10', regionCode: '12', codes }), { population: { rows: sweden.filter((r) => r.code.startsWith('14')), file: 'vgr.csv' }, officialName }));
    expect(lines(e.problems)).toEqual(['vgr.csv: befolkningsfilen har ingen kommun i Skåne län (länskod 12)']);
  });

  it('--year through loadSchemeDefinition: a different year is refused, a file without a date warns', async () => {
    const def = perCapitaScheme({ rate: '1', codes });
    await expect(loadSchemeDefinition(def, { population: dataPath('populations', 'sweden-2021.csv'), year: '2020' })).rejects.toMatchObject({ code: 'E_YEAR' });
    const { fileURLToPath } = await import('node:url');
    const noDate = fileURLToPath(new URL('./fixtures/tab-separated.tsv', import.meta.url));
    const loaded = await loadSchemeDefinition(def, { population: noDate, year: '2021' });
    expect(lines(loaded.warnings)).toEqual([`${noDate}: filen anger inte vilket år folkmängden avser; kontrollera att den gäller 2021`]);
    expect(loaded.model.provenance[0]!.label).toBe('Folkmängd (filen anger inget referensdatum)');
  });
});

describe('share: conservation and caps for any total, cap and policy (property)', () => {
  const countyCodes = codes.counties.map((c) => c.code);
  it('parts (+ not covered) sum to the total; no municipality above the cap; the region carries exactly what was held back', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...countyCodes),
        fc.integer({ min: 0, max: 50_000_000_00 }),
        fc.integer({ min: 0, max: 5_000_000_00 }),
        fc.constantFrom('region', 'redistribute', 'none'),
        fc.constantFrom('0.01', '1'),
        (county, anyTotal, capOre, policy, rounding) => {
          const totalOre = rounding === '1' ? anyTotal - (anyTotal % 100) : anyTotal;
          const kr = (o: number) => `${Math.floor(o / 100)}.${String(o % 100).padStart(2, '0')}`;
          const def = shareScheme({ total: kr(totalOre), cap: kr(capOre), capPolicy: policy, regionCode: county, rounding, codes });
          const model = resolveScheme(def, { population: { rows: sweden, file: 'sweden-2021.csv' }, officialName });
          const result = evaluateScheme(model);
          const region = result.parties.find((p) => p.party.kind === 'region')!;
          const kommuner = result.parties.filter((p) => p.party.kind === 'kommun');
          const paid = result.parties.reduce((s, p) => s + p.amount, 0);
          const c = result.components[0]!;
          const uncovered = c.bounded?.reconciliation.uncovered ?? 0;
          // A component's total is what the parties pay; what nobody covers is beside it.
          expect(paid + uncovered).toBe(totalOre);
          expect(c.total).toBe(paid);
          expect(result.reconciliation.conserved).toBe(true);
          expect(result.reconciliation.capsHold).toBe(true);
          for (const k of kommuner) {
            expect(k.amount).toBeLessThanOrEqual(capOre);
            expect(k.amount % model.unit).toBe(0);
          }
          if (policy === 'region') expect(region.amount).toBe(c.bounded!.reconciliation.heldBack);
          else expect(region.amount).toBe(0);
          if (policy === 'none') expect(uncovered).toBe(c.bounded!.reconciliation.heldBack);
        },
      ),
      { seed: 20_211_231, numRuns: 200 },
    );
  });
});
