// Golden files for every kind of report (Observable Plot's habit): each
// document's view model and charts as JSON and its HTML, compared byte for
// byte, so that any change to what a reader gets shows up as a reviewable
// diff in test/golden/<kind>/, and never because of the clock, the machine,
// the checkout's path or the working directory.
//
//   npx vitest run test/golden                          compare
//   ANDEL_UPDATE_GOLDEN=1 npx vitest run test/golden    rewrite, then review `git diff test/golden`
//
// The documents are built by the pipeline's `buildReport`, the same call
// `andel report` makes, from the same requests (a comparison's simulation
// in this thread: the figures are the same with any number of threads).
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadRemissInfo } from '../../data/remiss/remiss-info.js';
import { projectRoot } from '../../data/project-root.js';
import { type ReportRequest, buildReport, openTotals } from '../../pipeline/index.js';
import type { ReportDocument } from '../../reports/views/report-document.js';
import { GOLDEN_DIR, UPDATE, documentHtml, documentJson, expectGolden } from './golden-files.js';

/**
 * The Stockholm licence total as the demo sets it: the agreement leaves it
 * open, and the solver gives the largest total before Region Stockholm
 * carries anything (1 501 577,88 kr).
 */
const STHLM = await openTotals('sthlm-2020');
const STHLM_LICENCE = STHLM.overrides['licence.total'];

/** One golden document: `test/golden/<kind>/<name>.{json,html}`. */
interface GoldenCase {
  readonly name: string;
  readonly what: string;
  readonly request: ReportRequest;
}

const sthlm = { scheme: 'sthlm-2020', inputs: { overrides: STHLM.overrides } } as const;
const remissInfo = loadRemissInfo(join(projectRoot(), 'data/remiss/exempel.yaml'), 'data/remiss/exempel.yaml');

const CASES: readonly GoldenCase[] = [
  { name: 'vgr-2022', what: 'vgr-2022', request: { kind: 'overview', scheme: 'vgr-2022' } },
  { name: 'sthlm-2020', what: 'sthlm-2020 at the solver’s licence total', request: { kind: 'overview', ...sthlm } },
  { name: 'vgr-2022-1480-goteborg', what: 'vgr-2022: Göteborg', request: { kind: 'letters', scheme: 'vgr-2022', party: '1480' } },
  { name: 'vgr-2022-14-vastra-gotalandsregionen', what: 'vgr-2022: the region', request: { kind: 'letters', scheme: 'vgr-2022', party: '14' } },
  { name: 'sthlm-2020-0180-stockholm', what: 'sthlm-2020: Stockholm, whose cap binds', request: { kind: 'letters', ...sthlm, party: '0180' } },
  { name: 'sthlm-2020-01-region-stockholm', what: 'sthlm-2020: the region, which carries', request: { kind: 'letters', ...sthlm, party: '01' } },
  { name: 'sthlm-2020-0126-huddinge', what: 'sthlm-2020: 0126 Huddinge with data/remiss/exempel.yaml', request: { kind: 'remiss', ...sthlm, party: '0126', remissInfo } },
  { name: 'goteborg-avstar', what: 'vary: Monte Carlo, 20 000 runs, seed 2022', request: { kind: 'comparison', scheme: 'goteborg-avstar', workers: 1 } },
  { name: 'sthlm-licens-osaker', what: 'vary: Monte Carlo, 100 000 runs, seed 1', request: { kind: 'comparison', scheme: 'sthlm-licens-osaker', workers: 1 } },
  { name: 'sthlm-stadsdelar', what: 'no vary: no simulation', request: { kind: 'comparison', scheme: 'sthlm-stadsdelar', workers: 1 } },
];

/** The one document a case's request builds. */
async function documentOf(c: GoldenCase): Promise<ReportDocument> {
  const built = await buildReport(c.request);
  expect(built.documents.map((d) => d.id)).toHaveLength(1);
  if (c.request.kind === 'letters' || c.request.kind === 'remiss') expect(built.documents[0]!.id).toBe(c.request.party);
  if (built.comparison !== undefined) expect(built.comparison.simulation === undefined).toBe(built.comparison.vary === undefined || built.comparison.vary.length === 0);
  return built.documents[0]!;
}

describe('golden reports', () => {
  it('the Stockholm licence total is the solver’s, as the demo uses it', () => {
    expect(STHLM_LICENCE).toBe('1501577.88');
  });

  describe.each(['overview', 'letters', 'remiss', 'comparison'] as const)('%s', (kind) => {
    it.each(CASES.filter((c) => c.request.kind === kind).map((c) => [c.name, c.what, c] as const))('%s (%s)', async (_name, _what, c) => {
      const doc = await documentOf(c);
      expectGolden(`${kind}/${c.name}.json`, documentJson(doc));
      expectGolden(`${kind}/${c.name}.html`, documentHtml(doc));
    });
  });

  it('has a case for every golden file and nothing else in test/golden/<kind>/', () => {
    const expected = CASES.flatMap((c) => [`${c.request.kind}/${c.name}.html`, `${c.request.kind}/${c.name}.json`]).sort();
    const onDisk = readdirSync(GOLDEN_DIR, { withFileTypes: true })
      // test/golden/invoice/ is invoice.test.ts's, which checks its own files.
      .filter((d) => d.isDirectory() && d.name !== 'invoice')
      .flatMap((d) => readdirSync(join(GOLDEN_DIR, d.name)).map((f) => `${d.name}/${f}`))
      .sort();
    expect(onDisk, UPDATE ? 'remove the golden files no case writes' : 'a golden file without a case, or a case without its files').toEqual(expected);
  });
});
