// The explorer's look and levers, in Chromium with every request but the page's own refused: the charts are drawn
// from the result (each bar is a party's amount or change as the table shows it), a slider and a typed Swedish
// value give the CLI's figures, a value that could be read two ways is refused with its reason and changes
// nothing, the font and Plotly are embedded, axe-core finds nothing, and at 683 px (a laptop at 200 % zoom) the
// page does not scroll sideways.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AxePuppeteer } from '@axe-core/puppeteer';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LaunchedBrowser, launchBrowser } from '../../reports/render/browser.js';
import { type OpenedPage, allocateJson, callApi, openOffline, scratchDir, writeExplorer } from './page.js';

const dir = scratchDir('explore-ui');
let launched: LaunchedBrowser;

/** What the functions evaluated in the page see (the project's lib has no DOM types). */
interface Plotted {
  data: { x: number[]; y: string[]; customdata: [string, string][] }[];
}
interface PageGlobals {
  andel: Record<string, (...x: unknown[]) => unknown> & { ready: Promise<unknown> };
  document: {
    getElementById(id: string): ({ textContent: string | null; hidden: boolean; getAttribute(n: string): string | null } & Partial<Plotted>) | null;
    documentElement: { scrollWidth: number; clientWidth: number };
    fonts: { check(font: string): boolean; ready: Promise<unknown> };
  };
}

beforeAll(async () => {
  launched = await launchBrowser();
}, 60_000);
afterAll(async () => {
  await launched?.close();
});

const pages = new Map<string, string>();

/** The page for a scheme, written once by the CLI. */
function written(scheme: string): string {
  let out = pages.get(scheme);
  if (out === undefined) {
    out = writeExplorer([scheme], join(dir, `${scheme}.html`));
    pages.set(scheme, out);
  }
  return out;
}

async function open(scheme: string, width = 1366, height = 768): Promise<OpenedPage> {
  return openOffline(launched.browser, written(scheme), { width, height });
}

const call = callApi;

const cliJson = allocateJson;

/** The per-party table's rows as [code, name, amount, change] texts (the reconciliation's tables have rows of their own). */
const rows = (page: Page) => page.$$eval('.table-wrap > table > tbody > tr', (trs) => trs.map((r) => [...r.children].map((c) => c.textContent ?? '')));

/** "−1 234,50 kr" → -1234.5: the number a table cell shows. */
function cellNumber(text: string): number {
  return Number(text.replace(/\u00a0kr$/, '').replace(/\u00a0/g, '').replace('\u2212', '-').replace(',', '.'));
}

/** Waits until a chart shows the page's current result, and returns its bars. */
async function bars(page: Page, id: string, total: string): Promise<{ x: number[]; y: string[]; customdata: [string, string][] }> {
  await page.waitForFunction(
    (i, t) => {
      const gd = (globalThis as unknown as PageGlobals).document.getElementById(i);
      const result = (globalThis as unknown as PageGlobals).andel['result']!() as { total: string };
      return result.total === t && gd?.data !== undefined && !gd.hidden && (gd.getAttribute('aria-label') ?? '') !== '';
    },
    {},
    id,
    total,
  );
  return page.evaluate((i) => {
    const d = (globalThis as unknown as PageGlobals).document.getElementById(i)!.data![0]!;
    return { x: [...d.x], y: [...d.y], customdata: d.customdata.map((c) => [c[0], c[1]] as [string, string]) };
  }, id);
}

describe('the explorer page: charts', () => {
  it('draws each party’s amount and its change against the starting point, as the table shows them', async () => {
    const { page, others } = await open('vgr-2022');
    const base = (await call(page, 'result')) as { total: string; parties: { code: string; name: string; amount: string }[] };
    const start = await bars(page, 'diagram-belopp', base.total);
    expect(start.x).toHaveLength(50);
    // Largest first; each bar is the party's amount in kronor, the öre intact.
    expect(start.y[0]).toBe('Västra Götalandsregionen');
    expect(start.x[0]).toBe(17448590);
    expect(await page.$eval('#diagram-forandring', (e) => (e as unknown as { hidden: boolean }).hidden)).toBe(true);
    expect(await page.$eval('#diagram-forandring + .chart-note', (e) => e.textContent)).toBe('Ingen part betalar något annat än i utgångsläget.');

    const changed = (await call(page, 'set', 'rate', '9.75')) as { total: string };
    const amounts = await bars(page, 'diagram-belopp', changed.total);
    const table = await rows(page);
    expect(table).toHaveLength(50);
    for (const [code, name, amount, change] of table) {
      const i = amounts.customdata.findIndex((c) => c[0] === code);
      expect(amounts.y[i], code).toBe(name);
      expect(amounts.x[i], code).toBe(cellNumber(amount!));
      expect(amounts.customdata[i]![1], code).toBe(amount);
      void change;
    }
    const changes = await bars(page, 'diagram-forandring', changed.total);
    expect(changes.x).toHaveLength(50);
    for (const [code, , , change] of table) {
      const i = changes.customdata.findIndex((c) => c[0] === code);
      expect(changes.x[i], code).toBe(cellNumber(change!));
      expect(changes.customdata[i]![1], code).toBe(change);
    }
    // Sorted, the largest change either way first.
    expect([...changes.x].sort((a, b) => Math.abs(b) - Math.abs(a))).toEqual(changes.x);
    const label = await page.$eval('#diagram-forandring', (e) => e.getAttribute('aria-label'));
    expect(label).toBe(
      'Liggande stapeldiagram, förändring mot utgångsläget för 50 parter: 0 betalar mer, 50 mindre; störst förändring först: Västra Götalandsregionen \u2212436\u00a0215\u00a0kr, minst Dals-Ed \u22121\u00a0189\u00a0kr. Alla förändringar finns i tabellen Per part.',
    );
    expect(await page.$eval('#diagram-belopp', (e) => [e.getAttribute('role'), e.getAttribute('aria-label')])).toEqual([
      'img',
      'Liggande stapeldiagram, belopp per part, 50 parter, störst först: störst Västra Götalandsregionen 17\u00a0012\u00a0375\u00a0kr, minst Dals-Ed 46\u00a0371\u00a0kr. Alla belopp finns i tabellen Per part.',
    ]);

    // A party that leaves is not drawn, and is named under the change chart.
    const left = (await call(page, 'leave', '1480')) as { total: string };
    const after = await bars(page, 'diagram-belopp', left.total);
    expect(after.y).not.toContain('Göteborg');
    expect(await page.$eval('#diagram-forandring + .chart-note', (e) => e.textContent)).toContain('Avstår (ingår inte): Göteborg.');
    expect(others).toEqual([]);
    await page.close();
  }, 120_000);

  it('a national scheme’s charts draw the 60 largest of 291 parties and say so; the table has every party', async () => {
    const { page, others } = await open('bench/schemes/sverige-andel.yaml');
    const result = (await call(page, 'set', 'total', '110000000')) as { total: string; parties: { code: string; amount: string }[] };
    expect(result.parties).toHaveLength(291);
    const amounts = await bars(page, 'diagram-belopp', result.total);
    const table = await rows(page);
    expect(table).toHaveLength(291);
    // The 60 largest amounts, as the table shows them, largest first.
    const largest = [...table].sort((a, b) => cellNumber(b[2]!) - cellNumber(a[2]!)).slice(0, 60);
    expect(amounts.x).toEqual(largest.map((r) => cellNumber(r[2]!)));
    expect(await page.$eval('#diagram-belopp + .chart-note', (e) => e.textContent)).toBe('Diagrammet visar de 60 största beloppen av 291 parter; alla finns i tabellen Per part.');
    expect(await page.$eval('#diagram-belopp', (e) => e.getAttribute('aria-label'))).toContain('de 60 största beloppen av 291 parter');
    const changes = await bars(page, 'diagram-forandring', result.total);
    expect(changes.x).toHaveLength(60);
    expect(await page.$eval('#diagram-forandring + .chart-note', (e) => e.textContent)).toMatch(/^Diagrammet visar de 60 största förändringarna av \d+; alla finns i tabellen Per part\. /);
    expect(others).toEqual([]);
    await page.close();
  }, 120_000);

  it('embeds the font, Plotly and the charts’ Swedish separators, and asks for nothing', async () => {
    const { page, others } = await open('sthlm-2020');
    await page.evaluate(() => (globalThis as unknown as PageGlobals).document.fonts.ready);
    expect(await page.evaluate(() => (globalThis as unknown as PageGlobals).document.fonts.check('16px "Source Sans 3"'))).toBe(true);
    const ticks = await page.$$eval('#diagram-belopp .xtick text', (ts) => ts.map((t) => t.textContent ?? ''));
    expect(ticks).toContain('10\u00a0000\u00a0000\u00a0kr');
    expect(others).toEqual([]);
    await page.close();
  }, 120_000);
});

describe('the explorer page: key figures', () => {
  it('calls a deficit a deficit, and a cost no party covers by its name, with the CLI’s figures', async () => {
    const { page, others } = await open('vgr-2022');
    const cards = () => page.$$eval('dl.figures .card', (cs) => cs.map((c) => [c.querySelector('dt')!.textContent ?? '', c.querySelector('dd')!.textContent ?? '', c.className]));
    // "-5703844.00" → "5 703 844,00 kr": the contract's amount, unsigned, as the documents print it: without öre
    // for a scheme that rounds to whole kronor (vgr-2022), with them for one that rounds to the öre (sthlm-2020).
    const kr = (plain: string, wholeKronor = false) => {
      const [whole, decimals] = plain.replace('-', '').split('.');
      if (wholeKronor) expect(decimals).toBe('00');
      return `${whole!.replace(/\B(?=(\d{3})+(?!\d))/g, '\u00a0')}${wholeKronor ? '' : `,${decimals}`}\u00a0kr`;
    };

    // At the agreement's rate the fund is covered with a surplus, and nothing is uncovered: no warning.
    const base = allocateJson<{ reconciliation: { surplus: string } }>(['vgr-2022']);
    await page.waitForFunction(() => ((globalThis as unknown as { document: { querySelector(s: string): unknown } }).document.querySelector('dl.figures .card')) !== null);
    expect(await cards()).toContainEqual(['Överskott', kr(base.reconciliation.surplus, true), 'card']);
    expect((await cards()).some(([, , className]) => className.includes('warn'))).toBe(false);

    // At 9,75 kr without Göteborg the parties raise less than the need: the card says "Underskott", marked.
    await call(page, 'set', 'rate', '9.75');
    await call(page, 'leave', '1480');
    await page.waitForFunction(() => ((globalThis as unknown as PageGlobals).document.getElementById('live')?.textContent ?? '').includes('49 parter'));
    const scenario = join(dir, 'gbg-975.yaml');
    writeFileSync(scenario, 'scheme: vgr-2022\ntitle: Göteborg avstår\nparties:\n  leave: ["1480"]\n');
    const deficit = allocateJson<{ reconciliation: { surplus: string } }>([scenario, '--set', 'rate=9.75']);
    expect(deficit.reconciliation.surplus.startsWith('-')).toBe(true);
    await page.waitForFunction(() => ((globalThis as unknown as { document: { querySelector(s: string): unknown } }).document.querySelector('dl.figures .card.warn')) !== null);
    expect(await cards()).toContainEqual(['\u26a0 Underskott', kr(deficit.reconciliation.surplus, true), 'card warn']);
    expect(others).toEqual([]);
    await page.close();

    // Stockholm with nothing to carry what the cap holds back: the uncovered cost is a marked card.
    const sthlm = await open('sthlm-2020');
    await call(sthlm.page, 'set', 'cap.policy', 'none');
    await call(sthlm.page, 'set', 'licence.total', '3000000');
    const uncovered = allocateJson<{ reconciliation: { total: string; sumOfParties: string; uncovered: string } }>(['sthlm-2020', '--set', 'cap.policy=none', '--set', 'licence.total=3000000'], { warnings: true });
    await sthlm.page.waitForFunction(() => ((globalThis as unknown as { document: { querySelector(s: string): unknown } }).document.querySelector('dl.figures .card.warn')) !== null);
    const shown = await sthlm.page.$$eval('dl.figures .card', (cs) => cs.map((c) => [...c.children].map((x) => x.textContent ?? '').concat(c.className)));
    // The overview's words: what is to be covered, and what the parties cover with what is not covered beside it.
    expect(shown).toContainEqual(['Totalt att täcka', kr(uncovered.reconciliation.total), 'card']);
    expect(shown).toContainEqual(['\u26a0 Täckt av parterna', kr(uncovered.reconciliation.sumOfParties), `ej täckt: ${kr(uncovered.reconciliation.uncovered)}`, 'card warn']);
    await sthlm.page.close();
  }, 120_000);
});

describe('the explorer page: levers', () => {
  it('a slider and a typed "9,75" give the CLI’s figures for --set rate=9.75', async () => {
    const { page, others } = await open('vgr-2022');
    const expected = cliJson(['vgr-2022', '--set', 'rate=9.75']);
    // The slider spans 0 to twice the starting 10 kr, in steps of 0,05.
    expect(await page.$eval('#param-0-reglage', (e) => { const r = e as unknown as { min: string; max: string; step: string; value: string }; return [r.min, r.max, r.step, r.value]; })).toEqual(['0', '20', '0.05', '10']);
    const slider = await page.$('#param-0-reglage');
    await slider!.focus();
    // Five steps down by the keyboard: 10 → 9,75.
    for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowLeft');
    await page.waitForFunction(() => (((globalThis as unknown as PageGlobals).andel['state']!() as { set: Record<string, string> }).set['rate'] ?? '') === '9.75' && (((globalThis as unknown as PageGlobals).andel['result']!() as { parameters: Record<string, string> }).parameters['rate'] === '9.75'));
    expect(await call(page, 'result')).toEqual(expected);
    expect(await page.$eval('input[name="rate"]', (e) => (e as unknown as { value: string }).value)).toBe('9,75');
    expect(await page.$eval('#param-0-reglage', (e) => e.getAttribute('aria-valuetext'))).toBe('9,75\u00a0kr/invånare');

    await call(page, 'reset');
    expect(await page.$eval('input[name="rate"]', (e) => (e as unknown as { value: string }).value)).toBe('10');
    const rate = await page.$('input[name="rate"]');
    await rate!.click({ clickCount: 3 });
    await page.keyboard.type('9,75');
    await page.keyboard.press('Tab');
    await page.waitForFunction(() => ((globalThis as unknown as PageGlobals).andel['state']!() as { set: Record<string, string> }).set['rate'] === '9.75');
    expect(await call(page, 'result')).toEqual(expected);
    expect(others).toEqual([]);
    await page.close();
  }, 120_000);

  it('shows an amount in the Swedish form, reads one typed so, and refuses one that could be read two ways', async () => {
    const { page } = await open('sthlm-2020');
    const field = 'input[name="licence.total"]';
    const shown = () => page.$eval(field, (e) => (e as unknown as { value: string }).value);
    expect(await shown()).toBe('1\u00a0501\u00a0577,88');
    await page.click(field, { clickCount: 3 });
    await page.keyboard.type('1 501 577,89');
    await page.keyboard.press('Tab');
    await page.waitForFunction(() => ((globalThis as unknown as PageGlobals).andel['state']!() as { set: Record<string, string> }).set['licence.total'] === '1501577.89');
    expect(await call(page, 'result')).toEqual(cliJson(['sthlm-2020', '--set', 'licence.total=1501577.89']));
    expect(await shown()).toBe('1\u00a0501\u00a0577,89');

    const before = await call(page, 'state');
    for (const [typed, reason] of [
      ['1.500', 'Licenskostnad för kommunerna över hela avtalsperioden: "1.500" kan läsas på två sätt: som 1 500 (punkt som tusentalsavgränsare) eller som 1,5 (punkt som decimaltecken). Skriv 1 500 eller 1,5.'],
      ['1,500,000', 'Licenskostnad för kommunerna över hela avtalsperioden: "1,500,000" har komma som tusentalsavgränsare. Skriv 1 500 000 (mellanslag som tusentalsavgränsare).'],
    ] as const) {
      await page.click(field, { clickCount: 3 });
      await page.keyboard.type(typed);
      await page.keyboard.press('Tab');
      await page.waitForFunction((r) => (globalThis as unknown as PageGlobals).document.getElementById('fel')?.textContent === r, {}, reason);
      expect(await page.$eval(field, (e) => e.getAttribute('aria-invalid'))).toBe('true');
      // Nothing changed, and the reader's text stays for correcting.
      expect(await call(page, 'state')).toEqual(before);
      expect(await shown()).toBe(typed);
    }
    await page.close();
  }, 120_000);

  it('the cap policy is a list in words whose values are the scheme’s', async () => {
    const { page } = await open('sthlm-2020');
    const options = await page.$$eval('select[name="cap.policy"] option', (os) => os.map((o) => [(o as unknown as { value: string }).value, o.textContent]));
    expect(options).toEqual([
      ['region', 'Bärs av Region Stockholm'],
      ['redistribute', 'Fördelas om'],
      ['none', 'Redovisas som ej täckt'],
    ]);
    await page.select('select[name="cap.policy"]', 'redistribute');
    await page.waitForFunction(() => ((globalThis as unknown as PageGlobals).andel['state']!() as { set: Record<string, string> }).set['cap.policy'] === 'redistribute');
    expect(await call(page, 'result')).toEqual(cliJson(['sthlm-2020', '--set', 'licence.total=1501577.88', '--set', 'cap.policy=redistribute']));
    await page.close();
  }, 120_000);
});

describe('the explorer page: layout and accessibility', () => {
  it('links past the levers to the figures where the levers come first (683 px), and not beside them (1366 px)', async () => {
    const narrow = await open('sthlm-2020', 683);
    const link = await narrow.page.$('a.skip[href="#resultat"]');
    expect(await link!.isVisible()).toBe(true);
    await narrow.page.focus('a.skip[href="#resultat"]');
    await narrow.page.keyboard.press('Enter');
    await narrow.page.waitForFunction(() => (globalThis as unknown as { document: { activeElement: { id: string } | null } }).document.activeElement?.id === 'resultat');
    // The address keeps the state (the fragment is the state's, not the link's).
    expect(await narrow.page.evaluate(() => (globalThis as unknown as { location: { hash: string } }).location.hash)).toMatch(/^#%7B/);
    // The figures are in view: the results column's top is within the window.
    const top = await narrow.page.$eval('#resultat', (e) => (e as unknown as { getBoundingClientRect(): { top: number } }).getBoundingClientRect().top);
    expect(Math.abs(top)).toBeLessThan(5);
    expect(await (await narrow.page.$('a.skip[href="#rubrik-parametrar"]'))!.isVisible()).toBe(true);
    await narrow.page.close();
    const wide = await open('sthlm-2020', 1366);
    expect(await (await wide.page.$('a.skip[href="#resultat"]'))!.isVisible()).toBe(false);
    await wide.page.close();
  }, 120_000);

  it('prints the state and its figures: the values stay, what works only on a screen goes', async () => {
    const { page } = await open('sthlm-2020');
    await page.emulateMediaType('print');
    const shown = (selector: string) =>
      page.$$eval(selector, (es) => es.map((e) => (e as unknown as { checkVisibility(): boolean }).checkVisibility()));
    for (const hidden of ['.slider', '.parties', '.actions', '.search', 'button.explain']) expect(await shown(hidden), hidden).not.toContain(true);
    expect(await shown('.lever input[type=text], .lever select')).not.toContain(false);
    expect(await page.$eval('#param-0', (e) => (e as unknown as { value: string }).value)).toBe('1\u00a0501\u00a0577,88');
    expect(await shown('.table-wrap > table, dl.figures')).toEqual([true, true]);
    await page.close();
  }, 120_000);

  // 683 px: a laptop screen at 200 % zoom (one column); 1366 px: the laptop itself (the levers in a side column).
  for (const [scheme, width] of [['vgr-2022', 683], ['sthlm-2020', 683], ['sthlm-2020', 1366]] as const) {
    it(`${scheme} at ${width} px: no sideways scroll, and no axe-core violation with the charts drawn`, async () => {
      const { page, others } = await open(scheme, width, 768);
      const changed = (await call(page, 'set', scheme === 'vgr-2022' ? 'rate' : 'licence.total', scheme === 'vgr-2022' ? '9.75' : '1600000')) as { total: string };
      await bars(page, 'diagram-forandring', changed.total);
      const { scrollWidth, clientWidth } = await page.evaluate(() => {
        const d = (globalThis as unknown as PageGlobals).document.documentElement;
        return { scrollWidth: d.scrollWidth, clientWidth: d.clientWidth };
      });
      expect(scrollWidth).toBeLessThanOrEqual(clientWidth);
      const results = await new AxePuppeteer(page).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
      expect(results.violations.map((v) => `${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join('; ')}`)).toEqual([]);
      expect(others).toEqual([]);
      await page.close();
    }, 120_000);
  }
});
