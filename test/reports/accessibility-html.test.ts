// axe-core on the HTML that Chromium prints, for every kind of report: the
// documents are built by the pipeline's `buildReport` (as `andel report`
// builds them), filled in by the renderer with their charts drawn as SVG (the
// HTML `--html` writes), loaded in a Chromium page with print media, and
// checked against WCAG 2.1 A and AA, colour contrast included. Zero
// violations. Skipped only without a browser, with the reason in the name;
// under CI that is a failure.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AxePuppeteer } from '@axe-core/puppeteer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadRemissInfo } from '../../data/remiss/remiss-info.js';
import { projectRoot } from '../../data/project-root.js';
import { type ReportRequest, buildReport, jobOf } from '../../pipeline/index.js';
import { type LaunchedBrowser, findBrowser, launchBrowser } from '../../reports/render/browser.js';
import { createRenderer, type Renderer } from '../../reports/render/renderer.js';
import { INVOICE_TEMPLATE, invoiceDocument } from '../../reports/views/invoice.js';
import { goteborgInvoice, vgrContext } from '../helpers/invoice-fixture.js';

async function whyNoBrowser(): Promise<string | undefined> {
  try {
    await findBrowser();
    return undefined;
  } catch (error) {
    return `no browser found (${error instanceof Error ? error.message : String(error)})`;
  }
}

const reason = await whyNoBrowser();
if (reason !== undefined && process.env['CI'] === 'true') throw new Error(`The accessibility tests must run under CI, but ${reason}`);
const suite = reason === undefined ? describe : describe.skip;
const suiteName = reason === undefined ? 'printed HTML checked by axe-core (WCAG 2.1 A/AA)' : `printed HTML checked by axe-core — SKIPPED: ${reason}`;

/** The WCAG 2.0 and 2.1 rules of levels A and AA, as axe-core tags them. */
const WCAG_21_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

const remissInfo = loadRemissInfo(join(projectRoot(), 'data/remiss/exempel.yaml'), 'data/remiss/exempel.yaml');
const sthlm = { scheme: 'sthlm-2020', inputs: { overrides: { 'licence.total': '1501577.88' } } } as const;

/** One document of every kind, both schemes' remiss among them. */
const CASES: ReadonlyArray<readonly [string, ReportRequest]> = [
  ['overview vgr-2022', { kind: 'overview', scheme: 'vgr-2022' }],
  ['overview sthlm-2020', { kind: 'overview', ...sthlm }],
  ['letter vgr-2022 Göteborg', { kind: 'letters', scheme: 'vgr-2022', party: '1480' }],
  ['remiss vgr-2022 Göteborg', { kind: 'remiss', scheme: 'vgr-2022', party: '1480', remissInfo }],
  ['remiss sthlm-2020 Huddinge', { kind: 'remiss', ...sthlm, party: '0126', remissInfo }],
  ['comparison goteborg-avstar', { kind: 'comparison', scheme: 'goteborg-avstar', runs: 2000, workers: 1 }],
];

/** Prints a document's HTML in Chromium (print media, with its scripts) and runs axe-core on it: no WCAG 2.1 A/AA violation, and the contrast rule did look at its text. */
async function expectNoViolation(browser: LaunchedBrowser, html: string): Promise<void> {
  const page = await browser.browser.newPage();
  try {
    await page.setJavaScriptEnabled(true);
    await page.emulateMediaType('print');
    await page.setContent(html, { waitUntil: 'load' });
    const results = await new AxePuppeteer(page).withTags(WCAG_21_AA).analyze();
    const violations = results.violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => `${n.target.join(' ')}: ${n.failureSummary ?? ''}`).join('; ')}`);
    expect(violations).toEqual([]);
    // The check ran: the contrast rule looked at the document's text.
    expect(results.passes.map((p) => p.id)).toContain('color-contrast');
  } finally {
    await page.close();
  }
}

suite(suiteName, () => {
  let dir: string;
  let renderer: Renderer;
  let browser: LaunchedBrowser;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'andel-axe-test-'));
    renderer = createRenderer({ concurrency: 1 });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await renderer?.close();
    await browser?.close();
    if (dir !== undefined) await rm(dir, { recursive: true, force: true });
  });

  it.each(CASES)('%s has no violation', async (_name, request) => {
    const built = await buildReport(request);
    expect(built.documents).toHaveLength(1);
    const html = await renderer.htmlFor(jobOf(built.documents[0]!, { outDir: dir, creation: 'now' }));
    // The checks must see what is printed: the chart SVG drawn, the alternative text on it.
    expect(html).toMatch(/<div class="chart__svg" role="img" aria-label="[^"]{40,}"><svg/);

    await expectNoViolation(browser, html);
  }, 180_000);

  it('invoice vgr-2022 Göteborg (an example, with its notice) has no violation', async () => {
    const { ctx, result } = await vgrContext();
    const doc = invoiceDocument(ctx, goteborgInvoice(result, { example: true }));
    const html = await renderer.htmlFor({ template: INVOICE_TEMPLATE, viewModel: doc.viewModel });
    expect(html).toContain('class="invoice-payment__ocr"');
    await expectNoViolation(browser, html);
  }, 180_000);
});
