// The report's date, from each of its sources in order: --date, the remiss
// file's datum, the scheme's source.date, the first of the scheme's dates:,
// the data's latest reference date; and that a remiss document, its footer
// and the PDF's creation date all carry the date chosen.
import { describe, expect, it } from 'vitest';
import type { LoadedScheme } from '../../data/load-scheme.js';
import { loadScheme } from '../../data/load-scheme.js';
import { buildReport } from '../../pipeline/report.js';
import { reportDate } from '../../pipeline/report-date.js';

const DATED = 'test/fixtures/report-date/datum-i-schemat.yaml';

type Dated = Pick<LoadedScheme, 'definition' | 'model'>;

/** The scheme without its `source.date`. */
function withoutSourceDate(s: Dated): Dated {
  if (s.definition.source === undefined) return s;
  const { date: _date, ...source } = s.definition.source;
  return { definition: { ...s.definition, source }, model: s.model };
}

/** The scheme without its `source.date` and its `dates:`. */
function withoutOwnDates(s: Dated): Dated {
  const bare = withoutSourceDate(s);
  return { definition: bare.definition, model: { ...bare.model, dates: [] } };
}

describe('reportDate: the first source that gives a date', () => {
  it('the agreement\'s date in the scheme (source.date) before its dates: and its data', async () => {
    const vgr = await loadScheme('vgr-2022');
    const d = reportDate(undefined, vgr);
    expect(d).toMatchObject({ iso: '2022-06-29', creation: new Date('2022-06-29T00:00:00Z') });
    expect(d.from.sv).toBe('avtalets datum i schemat');
  });

  it('without source.date: the earliest of the scheme\'s dates:, whatever their order in the file, never the population file\'s date', async () => {
    const dated = await loadScheme(DATED);
    expect(dated.definition.dates.map((x) => x.date)).toEqual(['2025-03-31', '2025-01-15']);
    const d = reportDate(undefined, dated);
    expect(d.iso).toBe('2025-01-15');
    expect(d.from.sv).toBe('schemats första datum: Undertecknat avtal ska vara Region Uppsala tillhanda');
    const vgr = await loadScheme('vgr-2022');
    expect(reportDate(undefined, withoutSourceDate(vgr)).iso).toBe('2022-08-31');
  });

  it('a scheme with no date of its own: the latest reference date of its data, named', async () => {
    const vgr = withoutOwnDates(await loadScheme('vgr-2022'));
    const d = reportDate(undefined, vgr);
    expect(d.iso).toBe('2021-12-31');
    expect(d.from.sv).toMatch(/^datakällans referensdatum: /);
  });

  it('a remiss file\'s datum goes before the scheme\'s dates, and names the file', async () => {
    const sthlm = await loadScheme('sthlm-2020', { overrides: { 'licence.total': '1501577.88' } });
    const d = reportDate(undefined, sthlm, { iso: '2020-09-30', file: 'remiss.yaml' });
    expect(d).toMatchObject({ iso: '2020-09-30', creation: new Date('2020-09-30T00:00:00Z') });
    expect(d.from.sv).toBe('remissfilens datum, remiss.yaml');
  });

  it('--date goes before everything, and says which remiss date it set aside', async () => {
    const sthlm = await loadScheme('sthlm-2020', { overrides: { 'licence.total': '1501577.88' } });
    expect(reportDate('2020-10-02', sthlm).from.sv).toBe('--date');
    const d = reportDate('2020-10-02', sthlm, { iso: '2020-09-30' });
    expect(d.iso).toBe('2020-10-02');
    expect(d.from.sv).toBe('--date; remissfilens datum 2020-09-30 gäller inte');
    expect(reportDate('2020-09-30', sthlm, { iso: '2020-09-30' }).from.sv).toBe('--date');
    expect(() => reportDate('2020-02-30', sthlm)).toThrow(/inte ett datum/);
  });
});

describe('a remiss carries the date chosen, in its text and its footer', () => {
  const request = { kind: 'remiss' as const, scheme: 'sthlm-2020', inputs: { overrides: { 'licence.total': '1501577.88' } }, party: '0126' };
  const dateFact = (doc: unknown) => JSON.stringify(doc).match(/"label":"Datum","value":"([^"]+)"/)?.[1];

  it('the remiss file\'s datum: the document\'s Datum, the footer and the creation date', async () => {
    const built = await buildReport({ ...request, remissInfo: { till: 'Socialnämnden', datum: '2020-09-30' } });
    expect(built.date.iso).toBe('2020-09-30');
    expect(built.context.reportDate).toBe('2020-09-30');
    expect(dateFact(built.documents[0])).toBe('30 september 2020');
  });

  it('--date sets the remiss file\'s datum aside in the document too', async () => {
    const built = await buildReport({ ...request, date: '2020-10-02', remissInfo: { till: 'Socialnämnden', datum: '2020-09-30' } });
    expect(built.date.iso).toBe('2020-10-02');
    expect(dateFact(built.documents[0])).toBe('2 oktober 2020');
  });

  it('a remiss file without datum: the scheme\'s date', async () => {
    const built = await buildReport({ ...request, remissInfo: { till: 'Socialnämnden' } });
    expect(built.date.iso).toBe('2020-09-29');
    expect(dateFact(built.documents[0])).toBe('29 september 2020');
  });
});
