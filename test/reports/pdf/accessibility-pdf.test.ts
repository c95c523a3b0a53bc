// The PDF-level accessibility of every kind of document a finance department
// publishes (overview, letter, tjänsteutlåtande) for both schemes and a
// comparison, printed by
// the pipeline as `andel report` prints them and read back with pdf-lib:
// an XMP packet with the PDF/UA identifier and the Info title, bookmarks
// titled exactly by the headings (none doubled, no space lost where a heading
// wraps) with a Bilaga's bookmark after them, the running header and footer
// as artifacts and no text outside the structure, a structure tree whose
// tables have header cells, and one Figure per chart carrying the chart's
// alternative text from the view model. Skipped only without a browser or poppler, with
// the reason in the name; under CI that is a failure.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadRemissInfo } from '../../../data/remiss/remiss-info.js';
import { projectRoot } from '../../../data/project-root.js';
import { runReport, type ReportRequest, type ReportRun } from '../../../pipeline/report.js';
import { createRenderer, type Renderer } from '../../../reports/render/renderer.js';
import type { ReportBlock, ReportViewModel } from '../../../reports/views/report-document.js';
import { whyNoPdfTests } from '../render/pdf-tools.js';
import { elementsOf, figureAltTexts, readTaggedPdf, tableCells, type TaggedPdf } from './pdf-structure.js';

const reason = await whyNoPdfTests();
if (reason !== undefined && process.env['CI'] === 'true') throw new Error(`The PDF accessibility tests must run under CI, but ${reason}`);
const suite = reason === undefined ? describe : describe.skip;
const suiteName = reason === undefined ? 'accessibility of the printed PDFs' : `accessibility of the printed PDFs — SKIPPED: ${reason}`;

const sthlm = { scheme: 'sthlm-2020', inputs: { overrides: { 'licence.total': '1501577.88' } } } as const;

/** The headings a view model prints, in reading order: the title, headings, sections' and the payment box's. */
function viewModelHeadings(vm: ReportViewModel): string[] {
  const of = (blocks: readonly ReportBlock[]): string[] =>
    blocks.flatMap((b) => {
      switch (b.type) {
        case 'heading':
          return [b.text];
        case 'section':
          return [...(b.heading !== undefined ? [b.heading] : []), ...of(b.blocks)];
        case 'payment':
          return [b.heading];
        default:
          return [];
      }
    });
  return [...(vm.titleBlock !== undefined ? [vm.titleBlock.title] : []), ...of(vm.blocks)].map((h) => h.replace(/\s+/g, ' ').trim());
}

/** How many tables a view model's blocks print. */
function viewModelTables(blocks: readonly ReportBlock[]): number {
  return blocks.reduce((n, b) => n + (b.type === 'table' ? 1 : b.type === 'section' ? viewModelTables(b.blocks) : 0), 0);
}

suite(suiteName, () => {
  let dir: string;
  let renderer: Renderer;
  const runs: Record<string, ReportRun> = {};
  const pdfs: Record<string, TaggedPdf> = {};

  const requests = (attachment: string): Record<string, ReportRequest> => ({
    'vgr-overview': { kind: 'overview', scheme: 'vgr-2022' },
    'vgr-letter': { kind: 'letters', scheme: 'vgr-2022', party: '1480' },
    'vgr-remiss': { kind: 'remiss', scheme: 'vgr-2022', party: '1480' },
    'vgr-comparison': { kind: 'comparison', scheme: 'scenarios/goteborg-avstar.yaml', runs: 500, seed: 1, workers: 1 },
    'sthlm-overview': { kind: 'overview', ...sthlm },
    'sthlm-letter': { kind: 'letters', ...sthlm, party: '0126' },
    'sthlm-remiss': {
      kind: 'remiss',
      ...sthlm,
      party: '0126',
      // The example file, with a Bilaga that is appended (and bookmarked) after the printed pages.
      remissInfo: (() => {
        const info = loadRemissInfo(join(projectRoot(), 'data/remiss/exempel.yaml'));
        return { ...info, bilagor: [...(info.bilagor ?? []), { titel: 'Överenskommelsen', fil: attachment }] };
      })(),
    },
  });
  const names = Object.keys(requests(''));

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'andel-a11y-pdf-test-'));
    const attachment = join(dir, 'bilaga.pdf');
    await writeFile(attachment, await attachmentPdf());
    renderer = createRenderer({ concurrency: 2 });
    const all = requests(attachment);
    await Promise.all(
      names.map(async (name) => {
        const run = await runReport(all[name]!, { out: join(dir, name), render: { renderer } });
        runs[name] = run;
        const written = run.summary.written[0];
        if (written !== undefined) pdfs[name] = await readTaggedPdf(written.outFile);
      }),
    );
  });

  afterAll(async () => {
    await renderer?.close();
    if (dir !== undefined) await rm(dir, { recursive: true, force: true });
  });

  /** The printed document and what it was printed from; a failure to print fails here, with its message. */
  const printed = (name: string) => {
    const run = runs[name];
    expect(run?.summary.failed.map((f) => f.error.message)).toEqual([]);
    expect(run?.documents).toHaveLength(1);
    const pdf = pdfs[name];
    expect(pdf).toBeDefined();
    return { doc: run!.documents[0]!, pdf: pdf! };
  };

  it.each(names)('%s: XMP says PDF/UA-1 and the Info dictionary\'s title, language, author and dates', (name) => {
    const { doc, pdf } = printed(name);
    const xmp = pdf.xmp ?? '';
    expect(xmp).toContain('<pdfuaid:part>1</pdfuaid:part>');
    expect(xmp).toContain('xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/"');
    expect(pdf.info['Title']).toBe(doc.metadata.title);
    const titles = [...xmp.matchAll(/<rdf:li xml:lang="([^"]+)">([^<]*)<\/rdf:li>/g)].filter((m) => xmp.indexOf(m[0]) < xmp.indexOf('</dc:title>'));
    expect(titles.map((m) => m[1])).toEqual(['x-default', 'sv-SE']);
    for (const m of titles) expect(unescapeXml(m[2]!)).toBe(pdf.info['Title']);
    expect(xmp).toContain('<dc:language><rdf:Bag><rdf:li>sv-SE</rdf:li></rdf:Bag></dc:language>');
    expect(xmp).toContain(`<dc:creator><rdf:Seq><rdf:li>${escapeXml(pdf.info['Author'] ?? '')}</rdf:li></rdf:Seq></dc:creator>`);
    expect(xmp).toContain(`<pdf:Producer>${escapeXml(pdf.info['Producer'] ?? '')}</pdf:Producer>`);
    // The report's date, as in the Info dictionary (never the clock).
    const created = /<xmp:CreateDate>([^<]+)<\/xmp:CreateDate>/.exec(xmp)?.[1];
    expect(created).toBe(`${runs[name]!.date.iso}T00:00:00Z`);
    expect(/<xmp:ModifyDate>([^<]+)<\/xmp:ModifyDate>/.exec(xmp)?.[1]).toBe(created);
    expect(pdf.lang).toBe('sv-SE');
    expect(pdf.marked).toBe(true);
    expect(pdf.displayDocTitle).toBe(true);
  });

  it.each(names)('%s: the bookmarks are the headings, word for word, none doubled and no space lost', (name) => {
    const { doc, pdf } = printed(name);
    const headings = viewModelHeadings(doc.viewModel);
    expect(headings.length).toBeGreaterThan(2);
    const attachments = doc.attachments ?? [];
    const own = pdf.outline.slice(0, pdf.outline.length - attachments.length);
    expect(own.map((o) => o.title)).toEqual(headings);
    for (const o of own) {
      // What Chromium used to write: "DiagramDiagram", "gemensaminvestering".
      expect(o.title).not.toMatch(/^(.+)\1$/);
      expect(o.page).toBeGreaterThan(0);
    }
    // Pages never go back, and the title (the one h1) is the only top-level heading of the document's own.
    expect(own.map((o) => o.page)).toEqual([...own.map((o) => o.page)].sort((a, b) => a - b));
    expect(own.filter((o) => o.depth === 0)).toHaveLength(1);
  });

  it('the tjänsteutlåtande\'s Bilaga keeps its bookmark after the headings, on the first appended page', () => {
    const { doc, pdf } = printed('sthlm-remiss');
    const attachments = doc.attachments ?? [];
    expect(attachments.map((a) => a.title)).toHaveLength(1);
    const last = pdf.outline.at(-1);
    expect(last?.title).toBe(attachments[0]!.title);
    expect(last?.title).toMatch(/^Bilaga \d+: Överenskommelsen$/);
    expect(last?.depth).toBe(0);
    expect(last?.page).toBe(pdf.pages.length - ATTACHMENT_LINES.length + 1);
  });

  it.each(names)('%s: the running header and footer are artifacts, and no text is outside the structure', (name) => {
    const { doc, pdf } = printed(name);
    // An appended Bilaga's pages are someone else's PDF (here an untagged one): only the printed pages count.
    const own = pdf.pages.slice(0, pdf.pages.length - (doc.attachments ?? []).length * ATTACHMENT_LINES.length);
    own.forEach((page, i) => {
      expect({ page: i + 1, untagged: page.untagged }).toEqual({ page: i + 1, untagged: 0 });
      // Header (title, kind) and footer (date, stamp, "Sida X av Y") are on every page.
      expect(page.artifact).toBeGreaterThan(3);
      expect(page.tagged).toBeGreaterThan(0);
    });
  });

  it.each(names)('%s: tagged, and every table has header cells', (name) => {
    const { doc, pdf } = printed(name);
    expect(pdf.structure).toBeDefined();
    expect(elementsOf(pdf.structure, 'H1')).toHaveLength(1);
    const tables = tableCells(pdf.structure);
    // Every table of the view model is a Table in the structure (templates may add more).
    expect(tables.length).toBeGreaterThanOrEqual(viewModelTables(doc.viewModel.blocks));
    for (const table of tables) {
      expect(table.th).toBeGreaterThan(0);
      expect(table.td).toBeGreaterThan(0);
    }
  });

  it.each(names)('%s: every Figure has the alternative text of its chart, one Figure per chart', (name) => {
    const { doc, pdf } = printed(name);
    const figures = figureAltTexts(pdf.structure);
    const charts = chartAlts(doc.viewModel.blocks);
    // Every document of these kinds has at least one chart.
    expect(charts.length).toBeGreaterThan(0);
    expect(figures.map((f) => f.alt?.replace(/\s+/g, ' ').trim())).toEqual(charts);
  });
});

/** The alternative texts of a view model's charts, in reading order. */
function chartAlts(blocks: readonly ReportBlock[]): string[] {
  return blocks.flatMap((b) => (b.type === 'chart' ? [b.alt.replace(/\s+/g, ' ').trim()] : b.type === 'section' ? chartAlts(b.blocks as readonly ReportBlock[]) : []));
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function unescapeXml(text: string): string {
  return text.replace(/&quot;/g, '"').replace(/&gt;/g, '>').replace(/&lt;/g, '<').replace(/&amp;/g, '&');
}

/** The Bilaga's pages, one line of text each. */
const ATTACHMENT_LINES = ['Bilagans första sida', 'Bilagans andra sida'];

/** A PDF made with pdf-lib, as a Bilaga. */
async function attachmentPdf(): Promise<Uint8Array> {
  const { PDFDocument, StandardFonts } = await import('pdf-lib');
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (const line of ATTACHMENT_LINES) doc.addPage([595, 842]).drawText(line, { x: 72, y: 760, size: 18, font });
  return doc.save({ useObjectStreams: false });
}
