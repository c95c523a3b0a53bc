// Every kind of report printed by Chromium and read back with poppler: the
// figures a reader sees are the model's, a title full of markup is printed
// literally, nothing leaves the renderer, the PDF is labelled. Built the way
// `andel report` builds them (the same context, stamp and job), in one
// renderer to keep the suite quick. Skipped only without a browser or
// poppler, with the reason in the name; under CI that is a failure.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RequestTrap, startRequestTrap } from '../../helpers/request-trap.js';
import { jobOf, reportContext, reportDate } from '../../../pipeline/index.js';
import { loadScenario } from '../../../data/load-scenario.js';
import { loadScheme } from '../../../data/load-scheme.js';
import { loadRemissInfo } from '../../../data/remiss/remiss-info.js';
import { projectRoot } from '../../../data/project-root.js';
import { evaluateScheme } from '../../../models/evaluate.js';
import { compareResults } from '../../../models/scenarios/compare.js';
import { compileSimulation, simulate } from '../../../models/scenarios/simulation.js';
import { createRenderer, type Renderer } from '../../../reports/render/renderer.js';
import { comparisonDocument } from '../../../reports/views/comparison.js';
import { letterDocument } from '../../../reports/views/letter.js';
import { overviewDocument } from '../../../reports/views/overview.js';
import { remissDocument } from '../../../reports/views/remiss.js';
import type { ReportDocument } from '../../../reports/views/report-document.js';
import { pdfinfo, pdftotext, plainSpaces, whyNoPdfTests } from '../render/pdf-tools.js';

const reason = await whyNoPdfTests();
if (reason !== undefined && process.env['CI'] === 'true') throw new Error(`The PDF tests must run under CI, but ${reason}`);
const suite = reason === undefined ? describe : describe.skip;
const suiteName = reason === undefined ? 'reports printed and read back' : `reports printed and read back — SKIPPED: ${reason}`;

suite(suiteName, () => {
  let dir: string;
  let renderer: Renderer;
  let trap: RequestTrap;
  const text: Record<string, string> = {};
  const layout: Record<string, string> = {};
  const files: Record<string, string> = {};

  /** Prints documents as `andel report` does and keeps their text. */
  const print = async (entries: Array<[string, ReportDocument, Date | 'now']>): Promise<void> => {
    const summary = await renderer.renderBatch(entries.map(([name, doc, creation]) => ({ ...jobOf({ ...doc, fileName: `${name}.pdf` }, { outDir: dir, creation }), id: name })));
    expect(summary.failed.map((f) => f.error.message)).toEqual([]);
    for (const w of summary.written) {
      const name = w.job.id ?? '';
      files[name] = w.outFile;
      text[name] = plainSpaces(await pdftotext(w.outFile));
      layout[name] = plainSpaces(await pdftotext(w.outFile, true));
    }
  };

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'andel-reports-test-'));
    trap = await startRequestTrap();
    renderer = createRenderer({ concurrency: 2 });

    const vgr = await loadScheme('vgr-2022');
    const vgrResult = evaluateScheme(vgr.model);
    const vgrDate = reportDate(undefined, vgr);
    const vgrCtx = reportContext(vgr, vgrResult, { date: vgrDate });
    const sthlm = await loadScheme('sthlm-2020', { overrides: { 'licence.total': '1501577.88' } });
    const sthlmResult = evaluateScheme(sthlm.model);
    const sthlmDate = reportDate(undefined, sthlm);
    const sthlmCtx = reportContext(sthlm, sthlmResult, { date: sthlmDate });
    // A Bilaga as the remiss file names it: a two-page PDF, appended after the tjänsteutlåtande.
    const attachment = join(dir, 'bilaga-overenskommelse.pdf');
    await writeFile(attachment, await attachmentPdf(['Bilagans första sida', 'Bilagans andra sida']));
    const remissInfo = loadRemissInfo(join(projectRoot(), 'data/remiss/exempel.yaml'));
    const hostile = `<script>document.title='x'</script><img src=http://127.0.0.1:${trap.port}/titel> Budget & "plan"`;

    const scenario = await loadScenario('scenarios/goteborg-avstar.yaml');
    const base = await loadScenario('vgr-2022');
    const comparison = compareResults(evaluateScheme(base.source.model), evaluateScheme(scenario.source.model));
    const { summary } = simulate(compileSimulation(scenario.source, scenario.vary), { runs: 1000, seed: 2022 });
    const compCtx = reportContext(scenario.scheme, comparison.scenario, { date: vgrDate, seed: 2022 });

    await print([
      ['overview-vgr', overviewDocument(vgrCtx), vgrDate.creation],
      ['letter-goteborg', letterDocument(vgrCtx, '1480'), vgrDate.creation],
      ['letter-goteborg-again', letterDocument(vgrCtx, '1480'), vgrDate.creation],
      ['remiss-huddinge', remissDocument(sthlmCtx, '0126', { ...remissInfo, bilagor: [...(remissInfo.bilagor ?? []), { titel: 'Överenskommelsen', fil: attachment }] }), sthlmDate.creation],
      ['overview-hostile', overviewDocument(reportContext(vgr, vgrResult, { date: vgrDate, title: hostile })), vgrDate.creation],
      [
        'comparison',
        comparisonDocument(compCtx, {
          comparison,
          base: { label: 'vgr-2022', title: base.title, kind: 'scheme' },
          scenario: { label: scenario.label, title: scenario.title, kind: 'scenario' },
          changes: scenario.changes,
          vary: scenario.vary,
          simulation: summary,
        }),
        vgrDate.creation,
      ],
    ]);
  });

  afterAll(async () => {
    await renderer?.close();
    await trap?.close();
    if (dir !== undefined) await rm(dir, { recursive: true, force: true });
  });

  it('the VGR overview shows the total, the surplus and the covering rate with the break-even rate beside it', () => {
    const t = text['overview-vgr'] ?? '';
    expect(t).toContain('34 897 180 kr');
    expect(t).toMatch(/Överskott\s+897 180 kr/);
    expect(t).toMatch(/Lägsta belopp per invånare som\s+täcker behovet\s+9,75 kr/);
    expect(t).toContain('vid 9,74 kr saknas 10 148 kr');
    expect(t).toMatch(/Nollresultat \(behov delat med\s+räknade invånare, oavrundat\)\s+cirka 9,7429 kr/);
    expect(layout['overview-vgr']).toMatch(/1480\s+Göteborg\s+587 549\s+5 875 490 kr\s+16,84 %/);
    expect(layout['overview-vgr']).toMatch(/Summa\s+34 897 180 kr\s+100,00 %/);
    // The table runs over pages and repeats its header.
    expect((layout['overview-vgr'] ?? '').match(/Kod\s+Part\s+Invånare\s+Belopp\s+Andel/g)?.length).toBeGreaterThan(1);
  });

  it('Göteborg\'s letter shows 5 875 490 kr, 587 549 inhabitants × 10 kr, and the dates to pay by', () => {
    const t = text['letter-goteborg'] ?? '';
    expect(t).toContain('5 875 490 kr');
    expect(t).toContain('587 549 invånare × 10 kr = 5 875 490 kr.');
    expect(t).toContain('Västra Götalandsregionen ställer ut fakturan');
    for (const d of ['31 december 2022', '31 augusti 2022', '31 mars 2023']) expect(t).toContain(d);
    expect(t).toContain('Göteborg: 5 875 490 kr');
  });

  it('prints the footer stamp and "Sida X av Y" on every page', () => {
    const pages = (layout['letter-goteborg'] ?? '').split('\f').filter((p) => p.trim() !== '');
    expect(pages.length).toBeGreaterThanOrEqual(1);
    pages.forEach((p, i) => {
      expect(p).toMatch(/andel \d+\.\d+\.\d+ · Folkmängd 2021-12-31 · kontrollsumma [0-9a-f]{8}/);
      expect(p).toContain(`Sida ${i + 1} av ${pages.length}`);
      expect(p).toContain('29 juni 2022');
    });
  });

  it('the Huddinge remiss shows its licence per year, its cap utilisation and EXEMPELDATA for the helpdesk', () => {
    const t = text['remiss-huddinge'] ?? '';
    const l = layout['remiss-huddinge'] ?? '';
    expect(t).toContain('TJÄNSTEUTLÅTANDE');
    for (const h of ['Förvaltningens förslag till beslut', 'Sammanfattning', 'Bakgrund', 'Ärendet', 'Ekonomiska konsekvenser', 'Ärendets beredning', 'Förvaltningens synpunkter och förslag', 'Bilagor']) expect(t).toContain(h);
    expect(l).toMatch(/2021\s+8 910,62 kr\s+20 250,00 kr\s+29 160,62 kr/);
    expect(l).toMatch(/2028\s+8 910,61 kr\s+20 250,00 kr\s+29 160,61 kr/);
    expect(t).toContain('11,6 %');
    expect(t).toContain('71 284,93 kr');
    expect(t).toContain('EXEMPELDATA');
    expect(t).toContain('Socialnämnden');
  });

  it('the Huddinge remiss has the headings of a tjänsteutlåtande, names Huddinge kommun, and carries its Bilaga after it, bookmarked', async () => {
    const t = text['remiss-huddinge'] ?? '';
    expect(t).toContain('Huddinge kommun');
    expect(t).toContain('Förvaltningens synpunkter och förslag');
    expect(t).toContain('Bilaga 3 följer efter tjänsteutlåtandet.');
    const file = files['remiss-huddinge'] ?? '';
    const pages = Number((await pdfinfo(file))['Pages']);
    // The attachment's two pages are the last two, in order.
    expect(plainSpaces(await pdftotext(file, false, pages - 1, pages - 1)).trim()).toBe('Bilagans första sida');
    expect(plainSpaces(await pdftotext(file, false, pages, pages)).trim()).toBe('Bilagans andra sida');
    const outline = await outlineOf(file);
    expect(outline.at(-1)).toEqual({ title: 'Bilaga 3: Överenskommelsen', page: pages - 1 });
    // Chromium's bookmarks of the headings stay, before it.
    expect(outline.length).toBeGreaterThan(1);
  });

  it('the comparison shows Göteborg\'s difference, the gap and the Monte Carlo seed', () => {
    const t = text['comparison'] ?? '';
    expect(t).toContain('−5 875 490 kr');
    expect(t).toContain('4 978 310 kr');
    expect(t).toContain('1 000 körningar med fröet 2022');
    expect(t).toContain('frö 2022');
  });

  it('prints a title full of markup literally, and no request leaves the renderer', () => {
    const t = (text['overview-hostile'] ?? '').replace(/\s+/g, ' ');
    expect(t).toContain(`<script>document.title='x'</script><img src=http://127.0.0.1:${trap.port}/titel> Budget & "plan"`);
    expect(trap.hits).toEqual([]);
    expect(renderer.stats().requestsRefused).toBe(0);
  });

  it('labels the PDF: title, author, subject, keywords, language, the report\'s date, tagged', async () => {
    const info = await pdfinfo(files['letter-goteborg'] ?? '');
    expect(info['Title']).toBe('Samverkansavtal digitala hjälpmedel – gemensam investering – Göteborg');
    expect(info['Author']).toBe('Västra Götalandsregionen');
    expect(info['Subject']).toBe('Belopp för Göteborg (1480)');
    expect(info['Keywords']).toContain('1480');
    expect(info['Creator']).toMatch(/^andel \d+\.\d+\.\d+$/);
    expect(info['CreationDate']).toBe('2022-06-29T00:00:00Z');
    expect(info['Tagged']).toBe('yes');
    expect(info['Page size']).toContain('A4');
    const raw = await readFile(files['letter-goteborg'] ?? '', 'latin1');
    expect(raw).toMatch(/\/Lang \(sv-SE\)/);
  });

  it('gives the same PDF for the same inputs', async () => {
    const a = await readFile(files['letter-goteborg'] ?? '');
    const b = await readFile(files['letter-goteborg-again'] ?? '');
    expect(a.equals(b)).toBe(true);
  });
});

/** A small PDF with one line of text per page, made with pdf-lib (the same library that appends it). */
async function attachmentPdf(lines: readonly string[]): Promise<Uint8Array> {
  const { PDFDocument, StandardFonts } = await import('pdf-lib');
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (const line of lines) doc.addPage([595, 842]).drawText(line, { x: 72, y: 760, size: 18, font });
  return doc.save({ useObjectStreams: false });
}

/** The top-level bookmarks of a PDF: title and 1-based page. */
async function outlineOf(file: string): Promise<Array<{ title: string; page: number }>> {
  const { PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFRef, PDFString } = await import('pdf-lib');
  const doc = await PDFDocument.load(await readFile(file));
  const pageRefs = doc.getPages().map((p) => p.ref);
  const out: Array<{ title: string; page: number }> = [];
  const root = doc.catalog.lookup(PDFName.of('Outlines'), PDFDict);
  let item = root.lookup(PDFName.of('First'));
  while (item instanceof PDFDict) {
    const title = item.lookup(PDFName.of('Title'));
    const dest = item.lookup(PDFName.of('Dest'));
    const target = dest instanceof PDFArray ? dest.get(0) : undefined;
    out.push({
      title: title instanceof PDFString || title instanceof PDFHexString ? title.decodeText() : '',
      page: target instanceof PDFRef ? pageRefs.findIndex((r) => r === target || r.toString() === target.toString()) + 1 : 0,
    });
    item = item.lookup(PDFName.of('Next'));
  }
  return out;
}
