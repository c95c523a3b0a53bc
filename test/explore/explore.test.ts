// `andel explore`: the generated page runs the CLI's own engine in Chromium, offline. Each lever change gives
// `window.andel.result()` equal, field for field, to `andel allocate … --format json` with the same values and
// party changes; the page's state, written as a scenario file, gives the same figures through the CLI again; and
// the page asks for nothing but itself.
import { existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AxePuppeteer } from '@axe-core/puppeteer';
import type { Page } from 'puppeteer-core';
import * as XLSX from 'xlsx';
import { stringify } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LaunchedBrowser, launchBrowser } from '../../reports/render/browser.js';
import { andel } from '../helpers/cli.js';
import { allocateJson, callApi, openOffline, writeExplorer } from './page.js';

const dir = mkdtempSync(join(tmpdir(), 'andel-explore-'));
let launched: LaunchedBrowser;

/** The page's globals, as the functions evaluated in it see them (the project's lib has no DOM types). */
interface PageGlobals {
  andel: Record<string, (...x: unknown[]) => unknown> & { ready: Promise<unknown>; base(): unknown };
  document: { getElementById(id: string): { textContent: string | null } | null; querySelector(selector: string): unknown };
}

beforeAll(async () => {
  launched = await launchBrowser();
}, 60_000);
afterAll(async () => {
  await launched?.close();
});

interface Opened {
  readonly page: Page;
  /** Every request the page made other than for the file itself. */
  readonly others: string[];
}

/** Writes the explorer with the CLI and opens it offline (test/explore/page.ts). */
async function open(args: string[], name: string): Promise<Opened> {
  return openOffline(launched.browser, writeExplorer(args, join(dir, `${name}.html`)));
}

const call = callApi;

const cliJson = allocateJson;

/** The page's state, written as a scenario file here and by the page itself, run through the CLI: the same object both ways. */
async function stateThroughCli(page: Page, name: string): Promise<unknown> {
  const file = join(dir, `${name}.yaml`);
  writeFileSync(file, stringify({ ...((await call(page, 'state')) as object), title: 'Från utforskaren' }));
  const own = join(dir, `${name}-own.yaml`);
  writeFileSync(own, (await call(page, 'scenarioYaml')) as string);
  const fromState = cliJson([file]);
  expect(cliJson([own])).toEqual(fromState);
  return fromState;
}

describe('andel explore', () => {
  it('vgr-2022: rate 9,75 and Göteborg leaving give the CLI figures, in a page that asks for nothing', async () => {
    const { page, others } = await open(['vgr-2022'], 'vgr');
    expect(statSync(join(dir, 'vgr.html')).size).toBeLessThan(5 * 1024 * 1024);
    expect(await call(page, 'result')).toEqual(cliJson(['vgr-2022']));

    const rate = await call(page, 'set', 'rate', '9.75');
    const expectedRate = cliJson(['vgr-2022', '--set', 'rate=9.75']);
    expect(rate).toEqual(expectedRate);
    expect(await call(page, 'result')).toEqual(expectedRate);

    await call(page, 'leave', '1480');
    const scenario = join(dir, 'gbg-leaves.yaml');
    writeFileSync(scenario, 'scheme: vgr-2022\ntitle: Göteborg avstår\nparties:\n  leave: ["1480"]\n');
    const expectedLeave = cliJson([scenario, '--set', 'rate=9.75']) as { parties: { code: string }[] };
    const leave = (await call(page, 'result')) as { parties: { code: string }[] };
    expect(leave).toEqual(expectedLeave);
    expect(leave.parties.some((p) => p.code === '1480')).toBe(false);

    expect(await call(page, 'state')).toEqual({ scheme: 'vgr-2022', set: { rate: '9.75' }, parties: { leave: ['1480'], join: [] } });
    expect(await stateThroughCli(page, 'vgr-state')).toEqual(expectedLeave);

    // The table shows the same state, and the change against the base in Swedish format.
    const row = await page.$$eval('tbody tr', (rows) => rows.map((r) => [...r.children].map((c) => c.textContent)).find((c) => c[0] === '1440'));
    expect(row).toEqual(['1440', 'Ale', '313\u00a0443\u00a0kr', '\u22128\u00a0037\u00a0kr', 'Visa uträkning']);

    await call(page, 'reset');
    expect(await call(page, 'result')).toEqual(cliJson(['vgr-2022']));
    expect(others).toEqual([]);
    await page.close();
  }, 120_000);

  it('sthlm-2020: the licence total at the öre and the cap policy give the CLI figures', async () => {
    // The licence total the agreement leaves open starts at the solver's largest total within the caps, as the demo's.
    const { page, others } = await open(['sthlm-2020'], 'sthlm');
    const solved = JSON.parse(andel(['solve', 'sthlm-2020', 'max-licence-total', '--format', 'json']).stdout) as { value: string };
    expect(solved.value).toBe('1501577.88');
    expect(await call(page, 'state')).toEqual({ scheme: 'sthlm-2020', set: { 'licence.total': '1501577.88' }, parties: { leave: [], join: [] } });
    expect(await call(page, 'result')).toEqual(cliJson(['sthlm-2020', '--set', 'licence.total=1501577.88']));
    expect(await page.$eval('#param-0-takpunkt', (e) => e.textContent)).toBe(
      'Anges inte i avtalet. Största belopp där ingen part överstiger taket: 1\u00a0501\u00a0577,88\u00a0kr (markerat med ett streck på reglaget). Använd 1\u00a0501\u00a0577,88\u00a0kr',
    );
    // The mark on the slider: the solver's value as the slider's list, and a tick where it lies on the track.
    expect(await page.$eval('#param-0-takpunkt-lista option', (e) => e.getAttribute('value'))).toBe(solved.value);
    const slider = await page.$eval('#param-0-reglage', (e) => {
      const input = e as unknown as { min: string; max: string; parentElement: { querySelector(s: string): { hidden: boolean; getAttribute(n: string): string | null } } };
      const tick = input.parentElement.querySelector('.tick');
      return { min: Number(input.min), max: Number(input.max), hidden: tick.hidden, at: tick.getAttribute('data-at') };
    });
    expect(slider.hidden).toBe(false);
    expect(slider.at).toBe(((Number(solved.value) - slider.min) / (slider.max - slider.min)).toFixed(4));

    const oneMore = await call(page, 'set', 'licence.total', '1501577.89');
    expect(oneMore).toEqual(cliJson(['sthlm-2020', '--set', 'licence.total=1501577.89']));
    expect(oneMore).not.toEqual(await page.evaluate(() => (globalThis as unknown as PageGlobals).andel.base()));

    const redistribute = await call(page, 'set', 'cap.policy', 'redistribute');
    const expected = cliJson(['sthlm-2020', '--set', 'licence.total=1501577.89', '--set', 'cap.policy=redistribute']);
    expect(redistribute).toEqual(expected);
    expect(await stateThroughCli(page, 'sthlm-state')).toEqual(expected);

    // Given another total, the solver's point is one button away.
    await call(page, 'set', 'licence.total', '1400000');
    const [use] = await page.$$('xpath/.//button[starts-with(text(), "Använd ")]');
    await use!.click();
    await page.waitForFunction(() => ((globalThis as unknown as PageGlobals).andel['state']!() as { set: Record<string, string> }).set['licence.total'] === '1501577.88');
    expect(await call(page, 'result')).toEqual(cliJson(['sthlm-2020', '--set', 'licence.total=1501577.88', '--set', 'cap.policy=redistribute']));
    expect(others).toEqual([]);
    await page.close();
  }, 120_000);

  it("refuses a bad value or an unknown name with the CLI's words, and keeps the state", async () => {
    const { page } = await open(['vgr-2022'], 'vgr-errors');
    const cli = (set: string) => andel(['allocate', 'vgr-2022', '--set', set]).stderr;
    const bad = (await call(page, 'set', 'rate', 'abc')) as { error: string };
    expect(cli('rate=abc')).toContain(bad.error.split('\n').at(-1)!.trim());
    expect(bad.error).toContain('--set: parametern rate: "abc" är inte ett tal');
    const unknown = (await call(page, 'set', 'rat', '1')) as { error: string };
    expect(unknown.error).toContain('okänd parameter "rat"');
    expect(cli('rat=1')).toContain(unknown.error.split('\n').at(-1)!.trim());
    const nobody = (await call(page, 'leave', '9999')) as { error?: string };
    // As the CLI says it of a scenario file: the page's own scenario of the party changes, at its line.
    expect(nobody.error).toMatch(/^utforska-scenario\.yaml, rad \d+, kolumn \d+: parten 9999 finns inte i vgr-2022/);
    expect(await call(page, 'state')).toEqual({ scheme: 'vgr-2022', set: {}, parties: { leave: [], join: [] } });
    expect(await call(page, 'result')).toEqual(cliJson(['vgr-2022']));
    await page.close();
  }, 120_000);

  it('the controls are labelled and change the figures from the keyboard', async () => {
    const { page, others } = await open(['vgr-2022'], 'vgr-ui');
    const unlabelled = await page.$$eval('input, select', (els) => els.filter((e) => !e.id || !(globalThis as unknown as PageGlobals).document.querySelector(`label[for="${e.id}"]`)).length);
    expect(unlabelled).toBe(0);
    const rate = await page.$('input[name="rate"]');
    await rate!.click({ clickCount: 3 });
    await page.keyboard.type('9.75');
    await page.keyboard.press('Tab');
    await page.waitForFunction(() => (globalThis as unknown as PageGlobals).document.getElementById('live')?.textContent?.startsWith('Totalt 34\u00a0024\u00a0759\u00a0kr'));
    expect(await call(page, 'state')).toEqual({ scheme: 'vgr-2022', set: { rate: '9.75' }, parties: { leave: [], join: [] } });
    expect(readFileSync(join(dir, 'vgr-ui.html'), 'utf8')).not.toMatch(/<script[^>]+src=|<link[^>]+href=/);
    expect(others).toEqual([]);
    await page.close();
  }, 120_000);

  it('the table is searched by name or code and sorted by a column, the order told by aria-sort', async () => {
    const { page } = await open(['vgr-2022'], 'vgr-table');
    const rows = () => page.$$eval('.table-wrap > table > tbody > tr', (trs) => trs.map((r) => [...r.children].map((c) => c.textContent ?? '')));
    await page.type('#sok', 'göteb');
    expect((await rows()).map((r) => r[1])).toEqual(['Göteborg']);
    await page.click('#sok', { clickCount: 3 });
    await page.keyboard.type('146');
    expect((await rows()).map((r) => r[0]).sort()).toEqual(['1460', '1461', '1462', '1463', '1465', '1466']);
    await page.click('#sok', { clickCount: 3 });
    await page.keyboard.press('Backspace');
    const [amount] = await page.$$('xpath/.//th/button[text()="Belopp"]');
    await amount!.click();
    const sorted = await rows();
    expect(sorted).toHaveLength(50);
    expect(sorted.slice(0, 2).map((r) => r[1])).toEqual(['Västra Götalandsregionen', 'Göteborg']);
    expect(await page.$eval('th[data-key="amount"]', (e) => e.getAttribute('aria-sort'))).toBe('descending');
    await amount!.click();
    expect((await rows())[49]![1]).toBe('Västra Götalandsregionen');
    expect(await page.$eval('th[data-key="amount"]', (e) => e.getAttribute('aria-sort'))).toBe('ascending');
    // A change keeps the order and the search.
    await call(page, 'set', 'rate', '9.75');
    expect((await rows())[49]).toEqual(['14', 'Västra Götalandsregionen', '17\u00a0012\u00a0375\u00a0kr', '\u2212436\u00a0215\u00a0kr', 'Visa uträkning']);
    await page.close();
  }, 120_000);

  it('has no axe-core violation (WCAG 2.1 A/AA), with a party gone and an error shown', async () => {
    const { page } = await open(['vgr-2022'], 'vgr-axe');
    await call(page, 'leave', '1480');
    const rate = await page.$('input[name="rate"]');
    await rate!.click({ clickCount: 3 });
    await page.keyboard.type('abc');
    await page.keyboard.press('Tab');
    await page.waitForFunction(() => ((globalThis as unknown as PageGlobals).document.getElementById('fel')?.textContent ?? '').includes('är inte ett tal'));
    const results = await new AxePuppeteer(page).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
    const violations = results.violations.map((v) => `${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join('; ')}`);
    expect(violations).toEqual([]);
    expect(results.passes.map((p) => p.id)).toContain('color-contrast');
    await page.close();
  }, 120_000);
});

describe('the round trip', () => {
  it('a link with the state in its fragment opens the same state and figures, offline', async () => {
    const first = await open(['vgr-2022'], 'vgr-link');
    await call(first.page, 'set', 'rate', '9.75');
    await call(first.page, 'leave', '1480');
    const joined = (await call(first.page, 'join', { code: '1409', name: 'Ny kommun', population: 12000 })) as { parties: { code: string }[] };
    expect(joined.parties.map((p) => p.code)).toContain('1409');
    const expected = await call(first.page, 'result');
    const link = await first.page.evaluate(() => (globalThis as unknown as { location: { href: string } }).location.href);
    expect(link).toContain('#');
    await first.page.close();

    const { page, others } = await openOffline(launched.browser, join(dir, 'vgr-link.html'), { fragment: link.split('#')[1]! });
    await page.waitForFunction(() => ((globalThis as unknown as PageGlobals).document.getElementById('live')?.textContent ?? '').startsWith('Totalt 28\u00a0413\u00a0156\u00a0kr'));
    expect(await call(page, 'state')).toEqual({ scheme: 'vgr-2022', set: { rate: '9.75' }, parties: { leave: ['1480'], join: [{ code: '1409', name: 'Ny kommun', population: 12000 }] } });
    expect(await call(page, 'result')).toEqual(expected);
    expect(await stateThroughCli(page, 'vgr-link')).toEqual(expected);
    const foreign = (await call(page, 'load', { scheme: 'sthlm-2020' })) as { error: string };
    expect(foreign.error).toBe('tillståndet gäller schemat sthlm-2020, men sidan utforskar vgr-2022');
    expect(others).toEqual([]);
    await page.close();
  }, 120_000);

  it('the download button gives the scenario file of the state', async () => {
    const { page } = await open(['vgr-2022'], 'vgr-download');
    await call(page, 'set', 'rate', '9.75');
    const downloads = mkdtempSync(join(tmpdir(), 'andel-explore-dl-'));
    const cdp = await page.createCDPSession();
    await cdp.send('Browser.setDownloadBehavior', { behavior: 'allow', downloadPath: downloads });
    const [button] = await page.$$('xpath/.//button[text()="Ladda ner som scenariofil"]');
    await button!.click();
    const file = join(downloads, 'vgr-2022-scenario.yaml');
    for (let i = 0; i < 100 && !existsSync(file); i++) await new Promise((r) => setTimeout(r, 50));
    expect(readFileSync(file, 'utf8')).toBe(await call(page, 'scenarioYaml'));
    expect(cliJson([file])).toEqual(cliJson(['vgr-2022', '--set', 'rate=9.75']));
    await page.close();
  }, 120_000);
});

describe('inputs beyond a plain scheme', () => {
  it('a scenario that splits a party: the split is kept through every change, and the figures are the CLI\'s', async () => {
    const scenario = 'scenarios/sthlm-stadsdelar.yaml';
    const { page, others } = await open([scenario], 'split');
    const split = [{ parent: '0180', file: join(process.cwd(), 'data', 'populations', 'stockholm-city-districts-2011.csv'), proportional: true }];
    expect(await call(page, 'state')).toEqual({ scheme: 'sthlm-2020', set: { 'licence.total': '3000000' }, parties: { leave: [], join: [], split } });
    const base = (await call(page, 'result')) as { parties: { code: string }[] };
    expect(base).toEqual(cliJson([scenario]));
    expect(base.parties.some((p) => p.code.startsWith('0180-'))).toBe(true);

    expect(await call(page, 'set', 'licence.total', '3500000')).toEqual(cliJson([scenario, '--set', 'licence.total=3500000']));
    await call(page, 'leave', '0114');
    const both = join(dir, 'split-leave.yaml');
    writeFileSync(both, (await readFile(scenario, 'utf8')).replace('parties:\n', 'parties:\n  leave: ["0114"]\n').replace('file: ../data/', `file: ${join(process.cwd(), 'data')}/`));
    const expected = cliJson([both, '--set', 'licence.total=3500000']);
    expect(await call(page, 'result')).toEqual(expected);
    expect(await call(page, 'state')).toEqual({ scheme: 'sthlm-2020', set: { 'licence.total': '3500000' }, parties: { leave: ['0114'], join: [], split } });
    // The state as a scenario file, written here and by the page, gives the same figures through the CLI.
    expect(await stateThroughCli(page, 'split-state')).toEqual(expected);
    await call(page, 'reset');
    expect(await call(page, 'result')).toEqual(base);
    expect(others).toEqual([]);
    await page.close();
  }, 120_000);

  it('a scheme whose population is an XLSX file: SheetJS is inlined in that page only, and the figures are the CLI\'s', async () => {
    const own = mkdtempSync(join(tmpdir(), 'andel-explore-xlsx-'));
    const rows = readFileSync(join('data', 'populations', 'vastra-gotaland-2021.csv'), 'utf8').trim().split('\n').map((l) => l.split(','));
    const sheet = XLSX.utils.aoa_to_sheet(rows.map((r, i) => (i === 0 ? r : r.map((c, j) => (j === 2 ? Number(c) : c)))));
    const book = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(book, sheet, 'Folkmängd');
    writeFileSync(join(own, 'folkmangd.xlsx'), XLSX.write(book, { type: 'buffer', bookType: 'xlsx' }) as Buffer);
    const scheme = join(own, 'vgr-xlsx.yaml');
    writeFileSync(scheme, readFileSync(join('data', 'schemes', 'vgr-2022.yaml'), 'utf8').replace('file: ../populations/vastra-gotaland-2021.csv', 'file: folkmangd.xlsx'));
    const csv = cliJson(['vgr-2022']) as { parties: unknown };
    const fromXlsx = cliJson([scheme]) as { parties: unknown };
    expect(fromXlsx.parties).toEqual(csv.parties);

    const { page, others } = await open([scheme], 'xlsx');
    expect(await call(page, 'result')).toEqual(fromXlsx);
    expect(await call(page, 'set', 'rate', '9.75')).toEqual(cliJson([scheme, '--set', 'rate=9.75']));
    expect(others).toEqual([]);
    await page.close();
    expect(readFileSync(join(dir, 'xlsx.html'), 'utf8')).toContain('set_cptable');
    const plain = join(own, 'vgr.html');
    expect(andel(['explore', 'vgr-2022', '--out', plain]).status).toBe(0);
    expect(readFileSync(plain, 'utf8')).not.toContain('set_cptable');
  }, 120_000);
});

describe('andel explore on the command line', () => {
  it('writes out/<scheme>/utforska.html by default', () => {
    const cwd = mkdtempSync(join(tmpdir(), 'andel-explore-cwd-'));
    const r = andel(['explore', 'vgr-2022'], { cwd });
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(/^skrev out\/vgr-2022\/utforska\.html \(\d{1,3}(?:[ \u00a0]\d{3})* kB\)\n$/);
    const html = readFileSync(join(cwd, 'out', 'vgr-2022', 'utforska.html'), 'utf8');
    expect(html).toContain('<html lang="sv">');
  });

  it('refuses a state the CLI refuses, with its words, exit 2 and no file', () => {
    const out = join(dir, 'never.html');
    const r = andel(['explore', 'sthlm-2020', '--set', 'cap.policy=alla', '--out', out]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(andel(['allocate', 'sthlm-2020', '--set', 'licence.total=1', '--set', 'cap.policy=alla']).stderr.split('\n')[1]!.trim());
    expect(existsSync(out)).toBe(false);
    const bad = andel(['explore', 'vgr-2022', '--set', 'rate=abc', '--out', out]);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('--set: parametern rate: "abc" är inte ett tal');
    expect(existsSync(out)).toBe(false);
  });

  it('starts from a scenario: its party changes are the base state', async () => {
    const { page } = await open(['scenarios/goteborg-avstar.yaml'], 'gbg');
    expect(await call(page, 'state')).toEqual({ scheme: 'vgr-2022', set: {}, parties: { leave: ['1480'], join: [] } });
    expect(await call(page, 'result')).toEqual(cliJson(['scenarios/goteborg-avstar.yaml']));
    const joined = await call(page, 'join', { code: '1480', name: 'Göteborg' });
    expect(joined).toEqual(cliJson(['vgr-2022']));
    await page.close();
  }, 120_000);
});
