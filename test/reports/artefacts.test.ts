// The documents a reader gets, printed and turned into page images the way
// a reviewer looks at them: the Göteborg, Dals-Ed and Västra
// Götalandsregionen letters (with the example sender and recipient files),
// the Huddinge tjänsteutlåtande as PDF and as Word (the .docx laid out by
// LibreOffice, as a handläggare's word processor does), and a comparison.
// The PNGs stay in out/test-artefacts/documents/ to be looked at; the test
// checks what can be checked on a page image: no page is blank, nothing is
// drawn into the outer margin (cut off by a printer), the letter's first
// page carries the whole payment block, the Word file lays out to the same
// headings and figures as the PDF. Skipped only without a browser, poppler
// or LibreOffice, with the reason in the name; under CI that is a failure.
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../../data/project-root.js';
import { type ReportRequest, type ReportRun, runReport } from '../../pipeline/report.js';
import { createRenderer, type Renderer } from '../../reports/render/renderer.js';
import { pdfinfo, pdftotext, plainSpaces, whyNoPdfTests } from './render/pdf-tools.js';
import { textOf } from './views/helpers.js';

const run = promisify(execFile);

/** LibreOffice's command, or why there is none. */
async function soffice(): Promise<string | { why: string }> {
  for (const cmd of ['soffice', 'libreoffice']) {
    try {
      await run(cmd, ['--version'], { timeout: 60_000 });
      return cmd;
    } catch {
      // try the next name
    }
  }
  return { why: 'LibreOffice not found: apt-get install libreoffice-writer-nogui' };
}

const office = await soffice();
const reason = (await whyNoPdfTests()) ?? (typeof office === 'string' ? undefined : office.why);
if (reason !== undefined && process.env['CI'] === 'true') throw new Error(`The document images must be made under CI, but ${reason}`);
const suite = reason === undefined ? describe : describe.skip;
const suiteName = reason === undefined ? 'the documents as page images (out/test-artefacts/documents)' : `the documents as page images — SKIPPED: ${reason}`;

/** Where the page images are kept for a person to look at. */
const ARTEFACTS = join(projectRoot(), 'out', 'test-artefacts', 'documents');

const SENDER = 'data/letters/exempel-avsandare.yaml';
const RECIPIENTS = 'data/letters/exempel-mottagare.csv';
const letters = (party: string): ReportRequest => ({ kind: 'letters', scheme: 'vgr-2022', party, sender: SENDER, recipients: RECIPIENTS });
const huddinge: ReportRequest = {
  kind: 'remiss',
  scheme: 'sthlm-2020',
  party: '0126',
  inputs: { overrides: { 'licence.total': '1501577.88' } },
  remissInfo: 'data/remiss/exempel.yaml',
};
const comparison: ReportRequest = { kind: 'comparison', scheme: 'scenarios/goteborg-avstar.yaml', runs: 500, seed: 1, workers: 1 };

/** A page as a grey image: width, height and one byte per pixel (0 black, 255 white). */
interface Grey {
  readonly width: number;
  readonly height: number;
  readonly pixels: Uint8Array;
}

/** Reads a binary PGM (P5) as pdftoppm -gray writes it. */
function parsePgm(bytes: Buffer): Grey {
  const fields: string[] = [];
  let i = 0;
  while (fields.length < 4) {
    while (/\s/.test(String.fromCharCode(bytes[i]!))) i++;
    if (bytes[i] === 0x23) {
      while (bytes[i] !== 0x0a) i++;
      continue;
    }
    let field = '';
    while (!/\s/.test(String.fromCharCode(bytes[i]!))) field += String.fromCharCode(bytes[i++]!);
    fields.push(field);
  }
  const [magic, width, height, max] = fields;
  if (magic !== 'P5' || max !== '255') throw new Error(`not an 8-bit PGM: ${fields.join(' ')}`);
  return { width: Number(width), height: Number(height), pixels: bytes.subarray(i + 1) };
}

/** What a page image shows: how much ink, and the darkest pixel within `edge` pixels of the paper's edge. */
function inkOf(page: Grey, edge: number): { ink: number; edgeDarkest: number } {
  let dark = 0;
  let edgeDarkest = 255;
  for (let y = 0; y < page.height; y++) {
    for (let x = 0; x < page.width; x++) {
      const v = page.pixels[y * page.width + x]!;
      if (v < 160) dark++;
      if ((x < edge || y < edge || x >= page.width - edge || y >= page.height - edge) && v < edgeDarkest) edgeDarkest = v;
    }
  }
  return { ink: dark / (page.width * page.height), edgeDarkest };
}

/** Turns a PDF into PNGs under ARTEFACTS (named `name-N.png`) and grey images to check; gives the grey pages in order. */
async function pageImages(pdf: string, name: string, work: string): Promise<Grey[]> {
  await run('pdftoppm', ['-r', '70', '-png', pdf, join(ARTEFACTS, name)]);
  const prefix = join(work, name);
  await run('pdftoppm', ['-r', '70', '-gray', pdf, prefix]);
  const files = (await readdir(work)).filter((f) => f.startsWith(`${name}-`) && f.endsWith('.pgm')).sort();
  return Promise.all(files.map(async (f) => parsePgm(await readFile(join(work, f)))));
}

suite(suiteName, () => {
  let work: string;
  let renderer: Renderer;
  const runs: Record<string, ReportRun> = {};
  const pdfs: Record<string, string> = {};
  const pages: Record<string, Grey[]> = {};

  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'andel-artefacts-'));
    await rm(ARTEFACTS, { recursive: true, force: true });
    await mkdir(ARTEFACTS, { recursive: true });
    renderer = createRenderer({ concurrency: 2 });
    const out = join(work, 'out');
    const opts = { out, render: { renderer } };
    runs['brev-goteborg'] = await runReport(letters('1480'), opts);
    runs['brev-dals-ed'] = await runReport(letters('1438'), opts);
    runs['brev-vastra-gotalandsregionen'] = await runReport(letters('14'), opts);
    runs['remiss-huddinge'] = await runReport(huddinge, opts);
    runs['remiss-huddinge-word'] = await runReport(huddinge, { ...opts, format: 'docx' });
    runs['jamforelse-goteborg-avstar'] = await runReport(comparison, opts);
    for (const [name, r] of Object.entries(runs)) {
      expect(r.summary.failed.map((f) => f.error.message), name).toEqual([]);
      const file = r.summary.written[0]?.outFile ?? '';
      if (file.endsWith('.docx')) {
        // LibreOffice lays the Word file out as a word processor does; its own profile, so nothing of a user's is touched.
        const profile = join(work, 'lo-profile');
        await run(office as string, ['--headless', '--norestore', `-env:UserInstallation=file://${profile}`, '--convert-to', 'pdf', '--outdir', join(work, 'word'), file], { timeout: 180_000 });
        pdfs[name] = join(work, 'word', basename(file).replace(/\.docx$/, '.pdf'));
      } else {
        pdfs[name] = file;
      }
      pages[name] = await pageImages(pdfs[name], name, work);
    }
  }, 600_000);

  afterAll(async () => {
    await renderer?.close();
    if (work !== undefined) await rm(work, { recursive: true, force: true });
  });

  it('writes one PNG per page of every document', async () => {
    const pngs = (await readdir(ARTEFACTS)).filter((f) => f.endsWith('.png'));
    for (const name of Object.keys(runs)) {
      const count = Number((await pdfinfo(pdfs[name]!))['Pages']);
      expect(count, name).toBeGreaterThan(0);
      expect(pages[name], name).toHaveLength(count);
      expect(pngs.filter((f) => new RegExp(`^${name}-\\d+\\.png$`).test(f)), name).toHaveLength(count);
    }
  });

  it('has ink on every page and nothing within 3 mm of the paper edge', () => {
    for (const [name, list] of Object.entries(pages)) {
      list.forEach((page, i) => {
        const { ink, edgeDarkest } = inkOf(page, 8);
        expect(ink, `${name} sida ${i + 1}`).toBeGreaterThan(0.002);
        expect(edgeDarkest, `${name} sida ${i + 1}`).toBeGreaterThan(200);
      });
    }
  });

  it('keeps each letter to two pages with the recipient, the amount and every payment date on page 1', async () => {
    const expected: Record<string, { recipient: string; amount: string; dates: string[] }> = {
      'brev-goteborg': { recipient: 'Göteborgs kommun', amount: '5 875 490 kr', dates: ['31 augusti 2022', '31 december 2022', '31 mars 2023'] },
      'brev-dals-ed': { recipient: 'Dals-Eds kommun', amount: '47 560 kr', dates: ['31 augusti 2022', '31 december 2022', '31 mars 2023'] },
      'brev-vastra-gotalandsregionen': { recipient: 'Västra Götalandsregionen', amount: '17 448 590 kr', dates: [] },
    };
    for (const [name, want] of Object.entries(expected)) {
      expect(pages[name]!.length, name).toBeLessThanOrEqual(2);
      const first = plainSpaces(await pdftotext(pdfs[name]!, false, 1, 1)).replace(/\s+/g, ' ');
      expect(first, name).toContain(want.recipient);
      expect(first, name).toContain(want.amount);
      for (const d of want.dates) expect(first, name).toContain(d);
    }
  });

  it('lays the Word tjänsteutlåtande out with the same headings and figures as its PDF', async () => {
    const pdf = plainSpaces(await pdftotext(pdfs['remiss-huddinge']!)).replace(/\s+/g, ' ');
    const word = plainSpaces(await pdftotext(pdfs['remiss-huddinge-word']!)).replace(/\s+/g, ' ');
    const headings = [
      'Förvaltningens förslag till beslut',
      'Sammanfattning',
      'Bakgrund',
      'Ärendet',
      'Ekonomiska konsekvenser',
      'Ärendets beredning',
      'Förvaltningens synpunkter och förslag',
      'Bilagor',
    ];
    for (const text of [pdf, word]) {
      const at = headings.map((h) => text.indexOf(h));
      expect(at.every((i) => i >= 0), at.join(',')).toBe(true);
      expect([...at].sort((a, b) => a - b)).toEqual(at);
    }
    // Every amount of the document's text (its charts are an image in Word) is on the laid-out Word pages and in the PDF.
    const amounts = (text: string): string[] => [...new Set([...text.matchAll(/(?<![\d,])\d{1,3}(?: \d{3})*(?:,\d{2})? kr\b/g)].map((m) => m[0]))].sort();
    const doc = runs['remiss-huddinge-word']!.documents[0]!;
    const expected = amounts(textOf(doc).replace(/\s+/g, ' '));
    expect(expected.length).toBeGreaterThan(3);
    for (const a of expected) {
      expect(word, a).toContain(a);
      expect(pdf, a).toContain(a);
    }
    expect(word).toContain('Huddinge kommun');
  });

  it('names the comparison a deficit when the need is not covered, and sums up the parties that did not change', async () => {
    const text = plainSpaces(await pdftotext(pdfs['jamforelse-goteborg-avstar']!)).replace(/\s+/g, ' ');
    expect(text).toContain('underskott');
    expect(text).not.toMatch(/överskott −/);
    expect(text).toMatch(/\d+ parter oförändrade/);
  });
});
