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
import type { ReportDocument } from '../../reports/views/report-document.js';
import { GOLDEN_DIR, UPDATE, documentHtml, documentJson, expectGolden } from './golden-files.js';
import { comparisonReport, schemeReport } from './report-inputs.js';

/** Every golden file this test writes, to find stale ones. */
const written = new Set<string>();

function expectDocument(kind: string, name: string, doc: ReportDocument): void {
  for (const [ext, text] of [
    ['json', documentJson(doc)],
    ['html', documentHtml(doc)],
  ] as const) {
    const file = `${kind}/${name}.${ext}`;
    written.add(file);
    expectGolden(file, text);
  }
}

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

describe('golden reports', () => {
  it('the Stockholm licence total is the solver’s, as the demo uses it', () => {
    expect(STHLM_LICENCE).toBe('1501577.88');
  });

  describe('overview', () => {
    it('vgr-2022', async () => {
      expectDocument('overview', 'vgr-2022', overviewDocument((await schemeReport('vgr-2022')).context));
    });
    it('sthlm-2020 at the solver’s licence total', async () => {
      expectDocument('overview', 'sthlm-2020', overviewDocument((await schemeReport('sthlm-2020', { 'licence.total': STHLM_LICENCE })).context));
    });
  });

  describe('letters', () => {
    it('vgr-2022: Göteborg and the region', async () => {
      const docs = letterDocuments((await schemeReport('vgr-2022')).context, '1480,14');
      expect(docs.map((d) => d.fileName)).toEqual(['brev/1480-goteborg.pdf', 'brev/14-vastra-gotalandsregionen.pdf']);
      for (const d of docs) expectDocument('letters', `vgr-2022-${d.fileName.replace(/^brev\/|\.pdf$/g, '')}`, d);
    });
    it('sthlm-2020: Stockholm at its cap and the region that carries', async () => {
      const docs = letterDocuments((await schemeReport('sthlm-2020', { 'licence.total': STHLM_LICENCE })).context, '0180,01');
      expect(docs.map((d) => d.fileName)).toEqual(['brev/0180-stockholm.pdf', 'brev/01-region-stockholm.pdf']);
      for (const d of docs) expectDocument('letters', `sthlm-2020-${d.fileName.replace(/^brev\/|\.pdf$/g, '')}`, d);
    });
  });

  describe('remiss', () => {
    it('sthlm-2020: 0126 Huddinge with data/remiss/exempel.yaml', async () => {
      const { context } = await schemeReport('sthlm-2020', { 'licence.total': STHLM_LICENCE });
      const info = loadRemissInfo(join(projectRoot(), 'data/remiss/exempel.yaml'), 'data/remiss/exempel.yaml');
      expectDocument('remiss', 'sthlm-2020-0126-huddinge', remissDocument(context, '0126', info));
    });
  });

  describe('comparison', () => {
    it.each([
      ['goteborg-avstar', 'Monte Carlo, 20 000 runs, seed 2022'],
      ['sthlm-licens-osaker', 'Monte Carlo, 100 000 runs, seed 1'],
      ['sthlm-stadsdelar', 'without vary: no simulation'],
    ])('%s (%s)', async (name) => {
      const { context, input } = await comparisonReport(name);
      expect(input.simulation === undefined).toBe(name === 'sthlm-stadsdelar');
      expectDocument('comparison', name, comparisonDocument(context, input));
    });
  });

  it('has no golden file that no case writes', () => {
    const onDisk = readdirSync(GOLDEN_DIR, { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .flatMap((d) => readdirSync(join(GOLDEN_DIR, d.name)).map((f) => `${d.name}/${f}`));
    const stale = onDisk.filter((f) => !written.has(f));
    expect(stale, UPDATE ? 'remove these stale golden files' : 'stale golden files: remove them, or the case that wrote them was dropped').toEqual([]);
  });
});
