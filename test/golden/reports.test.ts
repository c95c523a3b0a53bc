// Golden files for every kind of report (Observable Plot's habit): each
// document's view model and charts as JSON and its HTML, compared byte for
// byte, so that any change to what a reader gets shows up as a reviewable
// diff in test/golden/<kind>/, and never because of the clock, the machine,
// the checkout's path or the working directory.
//
//   npx vitest run test/golden                          compare
//   ANDEL_UPDATE_GOLDEN=1 npx vitest run test/golden    rewrite, then review `git diff test/golden`
//
// The documents are built the way `andel report` builds them
// (report-inputs.ts), with the views' public functions.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadRemissInfo } from '../../data/remiss/remiss-info.js';
import { projectRoot } from '../../data/project-root.js';
import { oreToDecimalString } from '../../models/money.js';
import type { ShareComponent } from '../../models/scheme.js';
import { componentCapacity } from '../../models/solve.js';
import { comparisonDocument } from '../../reports/views/comparison.js';
import { letterDocuments } from '../../reports/views/letter.js';
import { overviewDocument } from '../../reports/views/overview.js';
import { remissDocument } from '../../reports/views/remiss.js';
import type { ReportContext, ReportDocument } from '../../reports/views/report-document.js';
import { GOLDEN_DIR, UPDATE, documentHtml, documentJson, expectGolden } from './golden-files.js';
import { comparisonReport, schemeReport } from './report-inputs.js';

/**
 * The Stockholm licence total as the demo sets it: the agreement leaves it
 * open, and the solver gives the largest total before Region Stockholm
 * carries anything (1 501 577,88 kr).
 */
async function sthlmLicenceTotal(): Promise<string> {
  const { loaded } = await schemeReport('sthlm-2020', { 'licence.total': '0' });
  const licence = loaded.model.components.find((c) => c.id === 'licence') as ShareComponent;
  const capacity = componentCapacity(loaded.model, licence);
  if (capacity.kind === 'unbounded') throw new Error('sthlm-2020: the licence cap has no largest total');
  return oreToDecimalString(capacity.total);
}

const STHLM_LICENCE = await sthlmLicenceTotal();

/** The scheme reports' inputs, built once per scheme. */
const vgr = await schemeReport('vgr-2022');
const sthlm = await schemeReport('sthlm-2020', { 'licence.total': STHLM_LICENCE });

/** One golden document: `test/golden/<kind>/<name>.{json,html}`. */
interface GoldenCase {
  readonly kind: 'overview' | 'letters' | 'remiss' | 'comparison';
  readonly name: string;
  readonly what: string;
  readonly build: () => ReportDocument | Promise<ReportDocument>;
}

/** The one letter of a party, by its code. */
function letterOf(context: ReportContext, code: string): ReportDocument {
  const docs = letterDocuments(context, code);
  expect(docs.map((d) => d.id)).toEqual([code]);
  return docs[0]!;
}

async function comparison(name: string): Promise<ReportDocument> {
  const { context, input } = await comparisonReport(name);
  expect(input.simulation === undefined).toBe(input.vary === undefined || input.vary.length === 0);
  return comparisonDocument(context, input);
}

const CASES: readonly GoldenCase[] = [
  { kind: 'overview', name: 'vgr-2022', what: 'vgr-2022', build: () => overviewDocument(vgr.context) },
  { kind: 'overview', name: 'sthlm-2020', what: 'sthlm-2020 at the solver’s licence total', build: () => overviewDocument(sthlm.context) },
  { kind: 'letters', name: 'vgr-2022-1480-goteborg', what: 'vgr-2022: Göteborg', build: () => letterOf(vgr.context, '1480') },
  { kind: 'letters', name: 'vgr-2022-14-vastra-gotalandsregionen', what: 'vgr-2022: the region', build: () => letterOf(vgr.context, '14') },
  { kind: 'letters', name: 'sthlm-2020-0180-stockholm', what: 'sthlm-2020: Stockholm, whose cap binds', build: () => letterOf(sthlm.context, '0180') },
  { kind: 'letters', name: 'sthlm-2020-01-region-stockholm', what: 'sthlm-2020: the region, which carries', build: () => letterOf(sthlm.context, '01') },
  {
    kind: 'remiss',
    name: 'sthlm-2020-0126-huddinge',
    what: 'sthlm-2020: 0126 Huddinge with data/remiss/exempel.yaml',
    build: () => remissDocument(sthlm.context, '0126', loadRemissInfo(join(projectRoot(), 'data/remiss/exempel.yaml'), 'data/remiss/exempel.yaml')),
  },
  { kind: 'comparison', name: 'goteborg-avstar', what: 'vary: Monte Carlo, 20 000 runs, seed 2022', build: () => comparison('goteborg-avstar') },
  { kind: 'comparison', name: 'sthlm-licens-osaker', what: 'vary: Monte Carlo, 100 000 runs, seed 1', build: () => comparison('sthlm-licens-osaker') },
  { kind: 'comparison', name: 'sthlm-stadsdelar', what: 'no vary: no simulation', build: () => comparison('sthlm-stadsdelar') },
];

describe('golden reports', () => {
  it('the Stockholm licence total is the solver’s, as the demo uses it', () => {
    expect(STHLM_LICENCE).toBe('1501577.88');
  });

  describe.each(['overview', 'letters', 'remiss', 'comparison'] as const)('%s', (kind) => {
    it.each(CASES.filter((c) => c.kind === kind).map((c) => [c.name, c.what, c] as const))('%s (%s)', async (_name, _what, c) => {
      const doc = await c.build();
      expectGolden(`${c.kind}/${c.name}.json`, documentJson(doc));
      expectGolden(`${c.kind}/${c.name}.html`, documentHtml(doc));
    });
  });

  it('has a case for every golden file and nothing else in test/golden/<kind>/', () => {
    const expected = CASES.flatMap((c) => [`${c.kind}/${c.name}.html`, `${c.kind}/${c.name}.json`]).sort();
    const onDisk = readdirSync(GOLDEN_DIR, { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .flatMap((d) => readdirSync(join(GOLDEN_DIR, d.name)).map((f) => `${d.name}/${f}`))
      .sort();
    expect(onDisk, UPDATE ? 'remove the golden files no case writes' : 'a golden file without a case, or a case without its files').toEqual(expected);
  });
});
