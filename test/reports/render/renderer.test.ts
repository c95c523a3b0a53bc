// The engine end to end: real Chromium, real PDFs, read back with poppler.
// Skipped only when this machine has no browser or no poppler, and then with
// the reason in the test's name; under CI that is a failure instead.
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFString } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RequestTrap, startRequestTrap } from '../../helpers/request-trap.js';
import { createRenderer, type Renderer, type RenderJob, type RenderProgress } from '../../../reports/render/renderer.js';
import { barChart, sampleDocument } from './fixtures.js';
import { pdffonts, pdfimages, pdfinfo, pdftotext, plainSpaces, whyNoPdfTests } from './pdf-tools.js';

const reason = await whyNoPdfTests();
if (reason !== undefined && process.env['CI'] === 'true') {
  throw new Error(`The PDF tests must run under CI, but ${reason}`);
}
const suite = reason === undefined ? describe : describe.skip;
const suiteName = reason === undefined ? 'PDF rendering with Chromium' : `PDF rendering with Chromium — SKIPPED: ${reason}`;

const CREATED = new Date('2022-03-31T08:00:00Z');

/**
 * A test that starts browsers of its own pays for their start-up and for
 * Plotly's load in each: on a loaded 2-core machine (four engineers running
 * suites at once) that alone took longer than the suite's 60 s. Not a speed
 * limit: speed is measured by `npm run bench`.
 */
const OWN_BROWSER_TIMEOUT = 180_000;

suite(suiteName, () => {
  let dir: string;
  let renderer: Renderer;
  let trap: RequestTrap;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'andel-render-test-'));
    trap = await startRequestTrap();
    renderer = createRenderer({ concurrency: 2 });
  });

  afterAll(async () => {
    await renderer?.close();
    await trap?.close();
    if (dir !== undefined) await rm(dir, { recursive: true, force: true });
  });

  const hostileTitle = (): string => `<script>alert(1)</script><img src=http://127.0.0.1:${trap.port}/x>`;

  const job = (name: string, overrides: Partial<RenderJob> = {}): RenderJob => ({
    id: name,
    template: 'layouts/document',
    viewModel: sampleDocument(hostileTitle()),
    charts: { belopp: barChart(`<img src=http://127.0.0.1:${trap.port}/chart>`) },
    outFile: join(dir, `${name}.pdf`),
    title: `Kostnadsfördelning 2022 ${hostileTitle()}`,
    author: 'Västra Götalandsregionen',
    subject: 'Fördelning av kostnader mellan kommunerna',
    keywords: ['kostnadsfördelning', 'VGR', '2022'],
    header: { scheme: 'Västra Götaland 2022', kind: 'Översikt' },
    footer: { date: '31 mars 2022', stamp: 'andel 0.1.0 · SCB 2021 · indata 3f2a9c1e' },
    creationDate: CREATED,
    ...overrides,
  }) as RenderJob;

  describe('a document with a long table and a bar chart', () => {
    let file: string;
    let text: string;
    let layoutText: string;

    beforeAll(async () => {
      const events: RenderProgress[] = [];
      const summary = await renderer.renderBatch([job('overview')], { onProgress: (e) => events.push(e) });
      expect(summary.failed).toEqual([]);
      expect(events.map((e) => e.type)).toEqual(['start', 'written', 'end']);
      file = summary.written[0]?.outFile ?? '';
      text = plainSpaces(await pdftotext(file));
      layoutText = plainSpaces(await pdftotext(file, true));
    });

    it('prints Swedish text and amounts as the view model formatted them', () => {
      expect(text).toContain('Västra Götalandsregionen');
      expect(text).toContain('Fördelning av kostnader mellan 49 kommuner');
      expect(text).toContain('17 448 590 kr');
      expect(text).toContain('9,74 kr');
      expect(text).toContain('31 december 2022');
      for (const name of ['Alingsås', 'Färgelanda', 'Göteborg', 'Härryda', 'Åmål', 'Öckerö']) expect(text).toContain(name);
    });

    it('runs the table over several pages, repeating its header and never splitting a row', async () => {
      const info = await pdfinfo(file);
      const pages = Number(info['Pages']);
      expect(pages).toBeGreaterThanOrEqual(3);
      const pageTexts = layoutText.split('\f').filter((p) => p.trim() !== '');
      const withHeader = pageTexts.filter((p) => /Kommun\s+År\s+Belopp/.test(p));
      const withRows = pageTexts.filter((p) => /Öckerö\s+202[23]|Ale\s+202[23]|Mark\s+202[23]/.test(p) || /\b202[23]\s+[\d ]+ kr/.test(p));
      expect(withRows.length).toBeGreaterThanOrEqual(2);
      expect(withHeader.length).toBe(withRows.length);
      // Every row reads as one line: name, year and amount together.
      expect(layoutText).toMatch(/Göteborg\s+2022\s+17 448 590 kr/);
      expect(layoutText).toMatch(/Öckerö\s+2023\s+[\d ]+ kr/);
    });

    it('prints the running header and footer with "Sida X av Y"', async () => {
      const pages = Number((await pdfinfo(file))['Pages']);
      for (let page = 1; page <= pages; page += 1) expect(text).toContain(`Sida ${page} av ${pages}`);
      expect(text).toContain('Västra Götaland 2022');
      expect(text).toContain('andel 0.1.0 · SCB 2021 · indata 3f2a9c1e');
      expect(text).toContain('31 mars 2022');
    });

    it('draws the chart as vector graphics with text a reader can select', async () => {
      expect(await pdfimages(file)).toEqual([]);
      expect(text).toContain('Diagramrubrik: belopp per kommun');
      expect(text).toContain('Belopp, kronor (axel)');
      // Plotly's tick labels in Swedish: a no-break space between thousands.
      expect(text).toMatch(/15 000 000/);
    });

    it('embeds the project font, and only it, with real bold (no Type 3 fakes)', async () => {
      const fonts = await pdffonts(file);
      expect(fonts.length).toBeGreaterThan(0);
      for (const row of fonts) {
        expect(row).toMatch(/SourceSans3/);
        expect(row).not.toMatch(/Type 3/);
        expect(row).toMatch(/\byes\s+yes\s+yes\b/); // embedded, subset, with a Unicode map
      }
    });

    it('prints a title full of markup literally, as the user typed it', () => {
      // The 22 pt title wraps; pdftotext breaks the line where the page did.
      const squash = (s: string): string => s.replace(/\s+/g, '');
      expect(squash(text)).toContain(squash(hostileTitle()));
      expect(text).toContain('<script>alert(1)</script>');
    });

    it('sets Title, Author, Subject, Keywords, the given dates and the language', async () => {
      const info = await pdfinfo(file);
      expect(info['Title']).toBe(`Kostnadsfördelning 2022 ${hostileTitle()}`);
      expect(info['Author']).toBe('Västra Götalandsregionen');
      expect(info['Subject']).toBe('Fördelning av kostnader mellan kommunerna');
      expect(info['Keywords']).toBe('kostnadsfördelning VGR 2022');
      expect(info['Creator']).toBe('andel');
      expect(info['CreationDate']).toBe('2022-03-31T08:00:00Z');
      expect(info['ModDate']).toBe('2022-03-31T08:00:00Z');
      expect(info['Tagged']).toBe('yes');
      expect(info['Page size']).toMatch(/595\.\d+ x 841\.\d+ pts \(A4\)/);
    });

    it('keeps the tag structure, the bookmarks from the headings and /Lang through the metadata step', async () => {
      const doc = await PDFDocument.load(await readFile(file), { updateMetadata: false });
      const catalog = doc.catalog;
      expect(catalog.get(PDFName.of('StructTreeRoot'))).toBeDefined();
      expect(String(catalog.get(PDFName.of('Lang')))).toContain('sv-SE');
      const outlines = catalog.lookup(PDFName.of('Outlines'));
      expect(outlines).toBeInstanceOf(PDFDict);
      const first = (outlines as PDFDict).lookup(PDFName.of('First'));
      expect(first).toBeInstanceOf(PDFDict);
      // The bookmarks nest as the headings do (h2 under h1): walk the whole tree.
      const titles: string[] = [];
      const walk = (item: PDFDict | undefined): void => {
        for (let node = item; node !== undefined; ) {
          const title = node.lookup(PDFName.of('Title'));
          if (title instanceof PDFHexString || title instanceof PDFString) titles.push(title.decodeText());
          const child = node.lookup(PDFName.of('First'));
          if (child instanceof PDFDict) walk(child);
          const next = node.lookup(PDFName.of('Next'));
          node = next instanceof PDFDict ? next : undefined;
        }
      };
      walk(first as PDFDict);
      expect(titles).toContain('Belopp per kommun och år');
      expect(titles).toContain('Diagram');
      // The renumbered ids of the table's header cells: the ID tree is sorted,
      // and every header a cell names is in it.
      const root = catalog.lookup(PDFName.of('StructTreeRoot')) as PDFDict;
      const names = (root.lookup(PDFName.of('IDTree')) as PDFDict).lookup(PDFName.of('Names')) as PDFArray;
      const keys = Array.from({ length: names.size() / 2 }, (_, i) => (names.get(2 * i) as PDFString).decodeText());
      expect(keys.length).toBeGreaterThan(0);
      expect([...keys].sort()).toEqual(keys);
      const referenced = new Set<string>();
      for (const [, object] of doc.context.enumerateIndirectObjects()) {
        const attributes = object instanceof PDFDict ? object.lookup(PDFName.of('A')) : undefined;
        const list = attributes instanceof PDFArray ? attributes.asArray() : [attributes];
        for (const a of list) {
          const headers = a instanceof PDFDict ? a.lookup(PDFName.of('Headers')) : undefined;
          if (headers instanceof PDFArray) for (const h of headers.asArray()) referenced.add((h as PDFString).decodeText());
        }
      }
      expect(referenced.size).toBeGreaterThan(0);
      for (const id of referenced) expect(keys).toContain(id);
    });

    it('lets no request leave the renderer', () => {
      expect(trap.hits).toEqual([]);
    });
  });

  it('renders charts to standalone, deterministic SVG in Swedish, with user text escaped', async () => {
    const bars = barChart(`<img src=http://127.0.0.1:${trap.port}/svg>`);
    const months = {
      data: [{ type: 'scatter', mode: 'lines', x: Array.from({ length: 12 }, (_, m) => `2022-${String(m + 1).padStart(2, '0')}-15`), y: Array.from({ length: 12 }, (_, m) => m * 1.5) }],
      layout: { xaxis: { tickformat: '%B', dtick: 'M1' }, yaxis: { tickformat: '.1f', dtick: 2.5 } },
    };
    const first = await renderer.renderChartsToSvg([bars, months]);
    const again = await renderer.renderChartsToSvg([bars, months]);
    expect(again).toEqual(first);
    const [svg, line] = first;
    expect(svg).toMatch(/^<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(svg).toContain('viewBox="0 0 640 300"');
    expect(svg).toContain('15\u00a0000\u00a0000');
    expect(svg).toContain('Diagramrubrik: belopp per kommun');
    expect(svg).not.toMatch(/<(img|script|image|foreignObject)\b/);
    // Swedish month names, decimal comma.
    expect(line).toContain('>maj<');
    expect(line).toContain('>oktober<');
    expect(line).toMatch(/>\d+,5</);
    // Two charts of one document never share an id.
    const ids = (text: string | undefined): string[] => [...(text ?? '').matchAll(/\bid="([^"]+)"/g)].map((m) => m[1] ?? '');
    expect(ids(svg).filter((id) => ids(line).includes(id))).toEqual([]);
    expect(trap.hits).toEqual([]);
  });

  it('draws a trace type outside Plotly\'s basic bundle with the full bundle, in Swedish, and basic charts the same before and after', async () => {
    const bars = barChart('Före och efter');
    const [before] = await renderer.renderChartsToSvg([bars]);
    const histogram = { data: [{ type: 'histogram', x: [1.5, 2.5, 2.5, 3.5, 3.5, 3.5, 1_234_567] }], layout: { yaxis: { tickformat: ',.1f' } } };
    // Ids are made from a chart's place in its call: the bars come first both times.
    const [after, drawn] = await renderer.renderChartsToSvg([bars, histogram]);
    // A histogram has bars (Plotly's "point" paths) and Swedish numbers, which the basic bundle cannot draw at all.
    expect(drawn).toMatch(/class="point"/);
    expect(drawn).toMatch(/\d,\d/);
    expect(after).toEqual(before);
    expect(trap.hits).toEqual([]);
  });

  it('refuses every request and runs no script, even in HTML that asks for them', async () => {
    const url = `http://127.0.0.1:${trap.port}`;
    const html = `<!doctype html><html lang="sv"><head><meta charset="utf-8"><title>Fientlig</title>
      <link rel="stylesheet" href="${url}/style.css">
      <style>@import url(${url}/import.css); body { background: url(${url}/bg.png); }</style>
      <script src="${url}/script.js"></script>
      <script>document.write('SKRIPTET KÖRDES'); fetch('${url}/fetch');</script>
      </head><body><p>Innehåll utan skript.</p>
      <img src="${url}/img.png"><img src="file:///etc/hostname"><iframe src="${url}/frame"></iframe>
      <noscript>Skript är avstängda.</noscript></body></html>`;
    const outFile = join(dir, 'hostile.pdf');
    const before = renderer.stats().requestsRefused;
    const result = await renderer.printPdf({ html, outFile, title: 'Fientlig' });
    const text = await pdftotext(outFile);
    expect(text).toContain('Innehåll utan skript.');
    expect(text).toContain('Skript är avstängda.');
    expect(text).not.toContain('SKRIPTET KÖRDES');
    expect(result.refusedRequests).toBeGreaterThanOrEqual(3);
    expect(renderer.stats().requestsRefused - before).toBe(result.refusedRequests);
    expect(trap.hits).toEqual([]);
  });

  it('gives the same PDF for the same inputs', async () => {
    const summary = await renderer.renderBatch([job('same-a'), job('same-b')]);
    expect(summary.failed).toEqual([]);
    const [a, b] = summary.written;
    expect(a).toBeDefined();
    expect(b).toBeDefined();
    const textA = await pdftotext(a?.outFile ?? '');
    expect(textA.length).toBeGreaterThan(1000);
    expect(await pdftotext(b?.outFile ?? '')).toBe(textA);
    // Byte for byte, too, though the two were printed on different pages of
    // the pool (Chromium's structure-element ids are renumbered for that).
    const bytesA = await readFile(a?.outFile ?? '');
    const bytesB = await readFile(b?.outFile ?? '');
    expect(bytesB.equals(bytesA)).toBe(true);
    expect((await pdfinfo(a?.outFile ?? ''))['Tagged']).toBe('yes');
  });

  it('prints a document in a warm page (only its body swapped) to the same bytes as in a fresh page', async () => {
    const single = createRenderer({ concurrency: 1 });
    try {
      const letter = job('warm-letter', { viewModel: sampleDocument('Brev till Ale', 18) });
      const other = job('warm-other', { viewModel: sampleDocument('Brev till Ytterbyvik', 3) });
      const fresh = await single.renderBatch([letter]);
      const freshBytes = await readFile(fresh.written[0]?.outFile ?? '');
      expect(single.stats().warmLoads).toBe(0);
      const warm = await single.renderBatch([other, { ...letter, outFile: join(dir, 'warm-letter-again.pdf') }]);
      expect(warm.failed).toEqual([]);
      // Both of the second batch were swapped into the page the first document left.
      expect(single.stats().warmLoads).toBe(2);
      expect(single.stats().printPages).toBe(1);
      const warmBytes = await readFile(warm.written[1]?.outFile ?? '');
      expect(warmBytes.equals(freshBytes)).toBe(true);
      // The document before it leaves nothing behind: its text is not in the next one.
      expect(await pdftotext(warm.written[0]?.outFile ?? '')).toContain('Ytterbyvik');
      expect(await pdftotext(warm.written[1]?.outFile ?? '')).not.toContain('Ytterbyvik');
    } finally {
      await single.close();
    }
  }, OWN_BROWSER_TIMEOUT);

  it('refuses the requests of a document swapped into a warm page, and loads a document of another shell whole', async () => {
    const url = `http://127.0.0.1:${trap.port}`;
    const single = createRenderer({ concurrency: 1 });
    try {
      const html = await single.htmlFor({ template: 'layouts/document', viewModel: sampleDocument('Varm sida', 2), charts: { belopp: barChart('Belopp') } });
      await single.printPdf({ html, outFile: join(dir, 'warm-first.pdf'), title: 'Varm sida' });
      const hostile = html
        .replace('</title>', `</title><link rel="stylesheet" href="${url}/warm.css">`)
        .replace('<main>', `<main><img src="${url}/warm.png" alt=""><img src="file:///etc/hostname" alt="">`);
      const swapped = await single.printPdf({ html: hostile, outFile: join(dir, 'warm-hostile.pdf'), title: 'Varm sida' });
      expect(single.stats().warmLoads).toBe(1);
      expect(swapped.refusedRequests).toBeGreaterThanOrEqual(2);
      // Another stylesheet is another shell: loaded whole, not swapped.
      const otherShell = html.replace('<style>', '<style>p{letter-spacing:0.1pt}');
      await single.printPdf({ html: otherShell, outFile: join(dir, 'warm-other-shell.pdf'), title: 'Varm sida' });
      expect(single.stats().warmLoads).toBe(1);
      expect(trap.hits).toEqual([]);
    } finally {
      await single.close();
    }
  }, OWN_BROWSER_TIMEOUT);

  it('writes no dates at all unless a date is given', async () => {
    const result = await renderer.printPdf({ html: '<!doctype html><title>Utan datum</title><p>Text</p>', outFile: join(dir, 'undated.pdf'), title: 'Utan datum' });
    const info = await pdfinfo(result.outFile);
    expect(info['CreationDate']).toBeUndefined();
    expect(info['ModDate']).toBeUndefined();
  });

  it('writes atomically: no temporary file left, and no output when rendering fails', async () => {
    const failing = job('broken', { viewModel: { title: 'Trasig', blocks: [{ type: 'no-such-block' }] } });
    const blocked = job('blocked', { outFile: join(dir, 'overview.pdf', 'inside-a-file.pdf') });
    const summary = await renderer.renderBatch([job('fine'), failing, blocked]);
    expect(summary.written.map((w) => w.job.id)).toEqual(['fine']);
    expect(summary.failed.map((f) => [f.job.id, f.error.code])).toEqual([
      ['broken', 'E_TEMPLATE'],
      ['blocked', 'E_OUTPUT'],
    ]);
    // A place that cannot be written says why, without the path (the summary lists the files).
    expect(summary.failed[1]!.error.describe('sv')).toBe(`går inte att skriva: en del av sökvägen är en fil: ${join(dir, 'overview.pdf')}`);
    expect(summary.failed[1]!.error.describe('en')).toBe(`cannot be written: part of the path is a file: ${join(dir, 'overview.pdf')}`);
    const files = await readdir(dir);
    expect(files).toContain('fine.pdf');
    expect(files).not.toContain('broken.pdf');
    expect(files.filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('stops starting documents when the signal aborts, and says which were not written', async () => {
    const controller = new AbortController();
    const jobs = Array.from({ length: 6 }, (_, i) => job(`abort-${i}`, { html: '<!doctype html><title>A</title><p>Kort</p>' } as Partial<RenderJob>));
    const summary = await renderer.renderBatch(jobs, {
      onProgress: (e) => {
        if (e.type === 'written') controller.abort();
      },
      signal: controller.signal,
    });
    expect(summary.written.length).toBeGreaterThanOrEqual(1);
    expect(summary.written.length).toBeLessThanOrEqual(renderer.concurrency);
    expect(summary.written.length + summary.failed.length).toBe(6);
    expect(new Set(summary.failed.map((f) => f.error.code))).toEqual(new Set(['E_ABORTED']));
    const files = await readdir(dir);
    for (const f of summary.failed) expect(files).not.toContain(`${f.job.id ?? ''}.pdf`);
  });

  it('relaunches a crashed browser and finishes the batch', async () => {
    const crashing = createRenderer({ concurrency: 2 });
    try {
      const events: RenderProgress[] = [];
      let killed = false;
      const jobs = Array.from({ length: 6 }, (_, i) => job(`crash-${i}`));
      const summary = await crashing.renderBatch(jobs, {
        onProgress: (e) => {
          events.push(e);
          const pid = crashing.stats().browserPid;
          if (e.type === 'written' && !killed && pid !== undefined) {
            killed = true;
            process.kill(pid, 'SIGKILL');
          }
        },
      });
      expect(killed).toBe(true);
      expect(summary.failed).toEqual([]);
      expect(summary.written).toHaveLength(6);
      expect(crashing.stats().browserLaunches).toBe(2);
      expect(events.some((e) => e.type === 'retry')).toBe(true);
      const text = plainSpaces(await pdftotext(summary.written[5]?.outFile ?? ''));
      expect(text).toContain('17 448 590 kr');
    } finally {
      await crashing.close();
    }
  }, OWN_BROWSER_TIMEOUT);

  it('reuses its pages, never opening more than the pool holds', async () => {
    const pooled = createRenderer({ concurrency: 2, recyclePageAfter: 3 });
    try {
      const summary = await pooled.renderBatch(Array.from({ length: 8 }, (_, i) => job(`pool-${i}`)));
      expect(summary.written).toHaveLength(8);
      expect(pooled.stats().printPages).toBeLessThanOrEqual(2);
      expect(pooled.stats().browserLaunches).toBe(1);
      expect(pooled.stats().documentsPrinted).toBe(8);
    } finally {
      await pooled.close();
    }
  }, OWN_BROWSER_TIMEOUT);

  // Its time per PDF is measured by `npm run bench` (bench/render-engine.ts), never here.
  it('prints a two-page document with a chart on two pages', async () => {
    const summary = await renderer.renderBatch([job('two-pages', { viewModel: sampleDocument('Brev till kommunen', 18) })]);
    expect(summary.failed).toEqual([]);
    expect(Number((await pdfinfo(summary.written[0]?.outFile ?? ''))['Pages'])).toBe(2);
  });
});
