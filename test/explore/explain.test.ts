// `andel explore`: a party's explanation and the reconciliation, on demand, in the documents' own words. The page's
// `andel.explain(code)` is the letter's section "Så har beloppet räknats fram" and `andel.reconciliation()` the
// overview's shortfall notice and "Avstämning", both built here in Node from the same state through the library
// (runAllocation, reportContext, letterDocument, overviewDocument) and compared block for block; the visible page
// shows those words, the figures are the allocation JSON's, and the shortfall notice is there exactly when
// something is uncovered.
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { AxePuppeteer } from '@axe-core/puppeteer';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseKronor } from '../../models/money.js';
import { runAllocation } from '../../pipeline/allocate.js';
import { reportContext } from '../../pipeline/report-context.js';
import { reportDate } from '../../pipeline/report-date.js';
import { type LaunchedBrowser, launchBrowser } from '../../reports/render/browser.js';
import { letterDocument } from '../../reports/views/letter.js';
import { overviewDocument } from '../../reports/views/overview.js';
import { type ReportBlock, type ReportContext, caveatBlock, money, partyResult, shortfallNotice } from '../../reports/views/report-document.js';
import { type OpenedPage, allocateJson, callApi, openOffline, scratchDir, writeExplorer } from './page.js';

const dir = scratchDir('explain');
let launched: LaunchedBrowser;

/** The page's globals, as the functions evaluated in it see them (the project's lib has no DOM types). */
interface PageGlobals {
  andel: Record<string, (...x: unknown[]) => unknown> & { ready: Promise<unknown> };
  document: { getElementById(id: string): { innerText: string; getAttribute(name: string): string | null } | null };
}

beforeAll(async () => {
  launched = await launchBrowser();
}, 60_000);
afterAll(async () => {
  await launched?.close();
});

/** Writes the explorer with the CLI and opens it offline (test/explore/page.ts). */
async function open(scheme: string, name: string): Promise<OpenedPage> {
  const out = writeExplorer([scheme], join(dir, `${name}.html`));
  expect(statSync(out).size).toBeLessThan(5 * 1024 * 1024);
  return openOffline(launched.browser, out);
}

const call = callApi;

/** The same state in Node: the scheme with the values as `--set`, evaluated, and the documents' context. */
async function context(scheme: string, overrides: Record<string, string>): Promise<ReportContext> {
  const { subject, result } = await runAllocation({ scheme, inputs: { overrides } });
  return reportContext(subject, result, { date: reportDate(undefined, subject) });
}

/** The letter's section "Så har beloppet räknats fram", taken from the letter itself (up to its next section). */
function letterExplanation(ctx: ReportContext, code: string): ReportBlock[] {
  const blocks = letterDocument(ctx, code).viewModel.blocks;
  const start = blocks.findIndex((b) => b.type === 'heading' && b.text === 'Så har beloppet räknats fram');
  expect(start).toBeGreaterThan(0);
  const next = blocks.findIndex((b, i) => i > start && b.type === 'heading' && b.level <= 2);
  return blocks.slice(start, next < 0 ? undefined : next);
}

/** The overview's shortfall notice and its section "Avstämning" (up to the party table). */
function overviewReconciliation(ctx: ReportContext): ReportBlock[] {
  const blocks = overviewDocument(ctx).viewModel.blocks;
  const heading = (text: string) => blocks.findIndex((b) => b.type === 'heading' && b.text === text);
  expect(heading('Avstämning')).toBeGreaterThan(0);
  return [...shortfallNotice(ctx.result), ...blocks.slice(heading('Avstämning'), heading('Fördelning per part'))];
}

/** Every string a block shows (headings, paragraphs, items, labels and values, table cells). */
function words(blocks: readonly ReportBlock[]): string[] {
  return blocks.flatMap((b): string[] => {
    switch (b.type) {
      case 'heading':
        return [b.text];
      case 'text':
        return [...b.paragraphs];
      case 'list':
        return [...b.items];
      case 'facts':
        return b.items.flatMap((f) => [f.label, f.value]);
      case 'table':
        return [...(b.caption !== undefined ? [b.caption] : []), ...b.columns.map((c) => c.label), ...[...b.rows, ...(b.totals ?? [])].flatMap((r) => r.cells), ...(b.notes ?? [])];
      case 'notice':
        return [b.title, ...b.items];
      default:
        throw new Error(`unexpected block ${b.type}`);
    }
  });
}

/** Text as the page shows it: runs of white space as one space (a list item or a cell is one line). */
const squash = (s: string) => s.replace(/[ \t\n]+/g, ' ').trim();

/** Opens the party's explanation with its button from the keyboard, and returns the region's visible text. */
async function openExplanation(page: Page, code: string): Promise<string> {
  await page.focus(`#visa-${code}`);
  await page.keyboard.press('Enter');
  await page.waitForSelector(`#utrakning-${code}`);
  expect(await page.$eval(`#visa-${code}`, (e) => [e.getAttribute('aria-expanded'), e.getAttribute('aria-controls')])).toEqual(['true', `utrakning-${code}`]);
  expect(await page.evaluate(() => (globalThis as unknown as { document: { activeElement: { id: string } } }).document.activeElement.id)).toBe(`visa-${code}`);
  return squash(await page.$eval(`#utrakning-${code}`, (e) => (e as unknown as { innerText: string }).innerText));
}

/** The reconciliation and the shortfall region once the page has drawn them for the current state. */
async function shownViews(page: Page): Promise<{ reconciliation: string; shortfall: string }> {
  await page.waitForFunction(() => {
    const g = globalThis as unknown as PageGlobals;
    return g.document.getElementById('avstamning')?.getAttribute('data-state') === JSON.stringify(g.andel['state']!());
  });
  return page.evaluate(() => {
    const d = (globalThis as unknown as PageGlobals).document;
    return { reconciliation: d.getElementById('avstamning')!.innerText, shortfall: d.getElementById('brist')!.innerText };
  });
}

/** The allocation JSON's reconciliation figures as the documents print them, for the scheme's rounding. */
function reconciliationFigures(ctx: ReportContext, json: { reconciliation: Record<string, unknown> }): Record<string, string> {
  const r = json.reconciliation;
  const figure = (k: string) => money(ctx.result.scheme, Math.abs(parseKronor(r[k] as string)));
  return Object.fromEntries(['total', 'sumOfParties', 'uncovered', 'need', 'raised', 'surplus'].filter((k) => r[k] !== undefined).map((k) => [k, figure(k)]));
}

function cliJson(args: string[]): { reconciliation: Record<string, unknown>; components: Record<string, unknown>[] } {
  return allocateJson(args, { warnings: true });
}

describe('andel explore: explanation and reconciliation', () => {
  it('vgr-2022 at rate 9,75: Göteborg’s explanation is its letter’s, the financing is the overview’s, and no shortfall', async () => {
    const { page, others } = await open('vgr-2022', 'vgr-explain');
    await call(page, 'set', 'rate', '9.75');
    const ctx = await context('vgr-2022', { rate: '9.75' });

    const explained = (await call(page, 'explain', '1480')) as ReportBlock[];
    expect(explained).toEqual(letterExplanation(ctx, '1480'));
    // The very blocks the letter to Göteborg prints, in its order.
    const letter = letterDocument(ctx, '1480').viewModel.blocks;
    const at = letter.findIndex((b) => b.type === 'heading' && b.text === 'Så har beloppet räknats fram');
    expect(letter.slice(at, at + explained.length)).toEqual(explained);
    expect(words(explained).join(' ').replace(/\u00a0/g, ' ')).toContain('587 549 invånare × 9,75 kr = 5 728 603 kr.');

    const text = await openExplanation(page, '1480');
    for (const w of words(explained)) expect(text).toContain(squash(w));
    expect(await page.$eval('#live', (e) => e.textContent)).toBe('Uträkningen för Göteborg visas under raden.');

    // A change while it is open shows the new state's explanation.
    await call(page, 'set', 'rate', '10');
    const ten = await context('vgr-2022', { rate: '10' });
    expect(await call(page, 'explain', '1480')).toEqual(letterExplanation(ten, '1480'));
    expect(squash(await page.$eval('#utrakning-1480', (e) => (e as unknown as { innerText: string }).innerText))).toContain(squash(words(letterExplanation(ten, '1480')).find((w) => w.includes(' invånare × '))!));
    await call(page, 'set', 'rate', '9.75');

    const reconciliation = (await call(page, 'reconciliation')) as ReportBlock[];
    expect(reconciliation).toEqual(overviewReconciliation(ctx));
    expect(reconciliation.some((b) => b.type === 'notice')).toBe(false);
    const json = cliJson(['vgr-2022', '--set', 'rate=9.75']);
    expect(json.reconciliation['uncovered']).toBe('0.00');
    const shown = await shownViews(page);
    expect(shown.shortfall).toBe('');
    for (const w of words(reconciliation)) expect(squash(shown.reconciliation)).toContain(squash(w));
    const figures = reconciliationFigures(ctx, json);
    expect(Object.keys(figures)).toEqual(['total', 'sumOfParties', 'uncovered', 'need', 'raised', 'surplus']);
    expect(shown.reconciliation).toContain(`Parternas belopp summerar till ${figures['sumOfParties']}`);
    for (const k of ['need', 'raised', 'surplus'] as const) expect(shown.reconciliation).toContain(figures[k]!);

    // Closed again from the keyboard: the region goes, the button says so.
    await page.focus('#visa-1480');
    await page.keyboard.press('Enter');
    expect(await page.$('#utrakning-1480')).toBeNull();
    expect(await page.$eval('#visa-1480', (e) => [e.getAttribute('aria-expanded'), e.textContent])).toEqual(['false', 'Visa uträkning']);
    expect(await call(page, 'explain', '9999')).toEqual({ error: 'parten 9999 finns inte i vgr-2022 i detta läge' });
    expect(others).toEqual([]);
    await page.close();
  }, 120_000);

  it('sthlm-2020: a capped party’s explanation, and the shortfall notice exactly when something is uncovered', async () => {
    const { page, others } = await open('sthlm-2020', 'sthlm-explain');
    const shownFor = async (set: Record<string, string>) => {
      for (const [k, v] of Object.entries(set)) await call(page, 'set', k, v);
      const state = (await call(page, 'state')) as { set: Record<string, string> };
      const ctx = await context('sthlm-2020', state.set);
      const args = Object.entries(state.set).flatMap(([k, v]) => ['--set', `${k}=${v}`]);
      return { ctx, json: cliJson(['sthlm-2020', ...args]), reconciliation: (await call(page, 'reconciliation')) as ReportBlock[], shown: await shownViews(page) };
    };

    // At the solver's point nothing is held back; one öre more and Region Stockholm carries what the cap holds back.
    const atPoint = await shownFor({});
    expect(atPoint.reconciliation).toEqual(overviewReconciliation(atPoint.ctx));
    expect(atPoint.shown.shortfall).toBe('');
    const carried = await shownFor({ 'licence.total': '1501577.89' });
    expect(carried.reconciliation).toEqual(overviewReconciliation(carried.ctx));
    const licence = carried.json.components.find((c) => c['id'] === 'licence')!;
    expect(licence['carried']).toBe('0.01');
    expect(carried.json.reconciliation['uncovered']).toBe('0.00');
    expect(carried.shown.shortfall).toBe('');
    expect(squash(carried.shown.reconciliation)).toContain(`Buret av bärare ${money(carried.ctx.result.scheme, parseKronor(licence['carried'] as string))}`);

    // No carrier and a total above what the caps hold: uncovered, and the notice in the overview's words.
    const none = await shownFor({ 'cap.policy': 'none', 'licence.total': '3000000' });
    expect(none.json.reconciliation['uncovered']).toBe('614018.85');
    expect(none.reconciliation).toEqual(overviewReconciliation(none.ctx));
    const notice = shortfallNotice(none.ctx.result);
    expect(notice).toHaveLength(1);
    expect(none.reconciliation[0]).toEqual(notice[0]);
    // The sign before the title is decoration (aria-hidden); the words are the notice's.
    expect(squash(none.shown.shortfall)).toBe(squash(`\u26a0 ${words(notice).join(' ')}`));
    const figures = reconciliationFigures(none.ctx, none.json);
    expect(none.shown.reconciliation).toContain(`Av ${figures['total']} att täcka betalar parterna ${figures['sumOfParties']}, och ${figures['uncovered']} täcks inte av någon part`);
    expect(await page.$eval('#brist', (e) => e.getAttribute('role'))).toBe('status');

    // Stockholm, capped: its explanation is its letter's, the cap binding.
    const ctx = none.ctx;
    const stockholm = (await call(page, 'explain', '0180')) as ReportBlock[];
    expect(stockholm).toEqual(letterExplanation(ctx, '0180'));
    expect(words(stockholm).some((w) => w.startsWith('Taket ') && w.includes(' binder: '))).toBe(true);
    const text = await openExplanation(page, '0180');
    for (const w of words(stockholm)) expect(text).toContain(squash(w));

    // Covered again (redistribute spreads what the caps hold back): the notice goes.
    const redistributed = await shownFor({ 'cap.policy': 'redistribute' });
    expect(redistributed.json.reconciliation['uncovered']).toBe('0.00');
    expect(redistributed.reconciliation).toEqual(overviewReconciliation(redistributed.ctx));
    expect(redistributed.shown.shortfall).toBe('');
    expect(await call(page, 'explain', '0180')).toEqual(letterExplanation(redistributed.ctx, '0180'));
    expect(others).toEqual([]);
    await page.close();
  }, 180_000);

  it('says what every output of the state must say (example data, carried-forward counts) as the overview does, and nothing where there is nothing', async () => {
    const sthlm = await open('sthlm-2020', 'sthlm-caveats');
    const state = (await call(sthlm.page, 'state')) as { set: Record<string, string> };
    const ctx = await context('sthlm-2020', state.set);
    const expected = caveatBlock(ctx.result.scheme);
    expect(expected).toHaveLength(1);
    expect(words(expected).join(' ')).toContain('EXEMPELDATA');
    // The page's notice is the overview's own, block for block, and shown in plain sight.
    expect(await call(sthlm.page, 'caveats')).toEqual(expected);
    // The key figures are the overview's "Nyckeltal", item for item.
    const overviewKeyFigures = overviewDocument(ctx).viewModel.blocks.filter((b) => b.type === 'key-figures');
    expect(overviewKeyFigures).toHaveLength(1);
    expect(await call(sthlm.page, 'keyFigures')).toEqual(overviewKeyFigures);
    expect(overviewDocument(ctx).viewModel.blocks).toContainEqual(expected[0]);
    await sthlm.page.waitForFunction(() => ((globalThis as unknown as PageGlobals).document.getElementById('observera')?.innerText ?? '') !== '');
    const shown = await sthlm.page.$eval('#observera', (e) => (e as unknown as { innerText: string }).innerText);
    expect(squash(shown)).toBe(squash(`\u26a0 ${words(expected).join(' ')}`));
    expect(sthlm.others).toEqual([]);
    await sthlm.page.close();

    // vgr-2022 rests on SCB's figures and the agreement: nothing to say, and nothing shown.
    const vgr = await open('vgr-2022', 'vgr-caveats');
    expect(await call(vgr.page, 'caveats')).toEqual(caveatBlock((await context('vgr-2022', {})).result.scheme));
    expect(await call(vgr.page, 'caveats')).toEqual([]);
    expect(await vgr.page.$eval('#observera', (e) => e.textContent)).toBe('');
    await vgr.page.close();
  }, 180_000);

  it('has no axe-core violation with an explanation open and a shortfall shown', async () => {
    const { page } = await open('sthlm-2020', 'sthlm-explain-axe');
    await call(page, 'set', 'cap.policy', 'none');
    await call(page, 'set', 'licence.total', '3000000');
    await shownViews(page);
    await openExplanation(page, '0180');
    await openExplanation(page, '0127');
    const results = await new AxePuppeteer(page).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
    const violations = results.violations.map((v) => `${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join('; ')}`);
    expect(violations).toEqual([]);
    await page.close();
  }, 120_000);
});
