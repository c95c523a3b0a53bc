// The Huddinge tjänsteutlåtande written as a Word file and as a PDF by the
// pipeline, as `andel report remiss … --format docx` does, and read back:
// the Word file carries the same headings in the same order and every
// kronor amount the PDF shows, declares Swedish, uses heading styles, has a
// table with a header row and the chart as an image with alternative text,
// and the same report gives the same bytes. Skipped only without a browser
// or poppler, with the reason in the name; under CI that is a failure.
import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runReport, type ReportRequest, type ReportRun } from '../../../pipeline/report.js';
import { createRenderer, type Renderer } from '../../../reports/render/renderer.js';
import type { ReportBlock } from '../../../reports/views/report-document.js';
import { pdftotext, whyNoPdfTests } from '../render/pdf-tools.js';
import { docxPart, docxParagraphs, docxParts, squeeze, svgText } from './docx-tools.js';

const reason = await whyNoPdfTests();
if (reason !== undefined && process.env['CI'] === 'true') throw new Error(`The DOCX tests must run under CI, but ${reason}`);
const suite = reason === undefined ? describe : describe.skip;
const suiteName = reason === undefined ? 'the remiss as a Word file, read back beside its PDF' : `the remiss as a Word file — SKIPPED: ${reason}`;

const huddinge: ReportRequest = {
  kind: 'remiss',
  scheme: 'sthlm-2020',
  party: '0126',
  inputs: { overrides: { 'licence.total': '1501577.88' } },
  remissInfo: 'data/remiss/exempel.yaml',
};

/** The headings of a view model's blocks, in reading order. */
function headingsOf(blocks: readonly ReportBlock[]): string[] {
  return blocks.flatMap((b) => (b.type === 'heading' ? [b.text] : b.type === 'section' ? [...(b.heading !== undefined ? [b.heading] : []), ...headingsOf(b.blocks)] : []));
}

/** Every formatted kronor amount in a text: `233 284,93 kr`, `615 312 kr`. */
function kronorAmounts(text: string): string[] {
  return [...new Set([...squeeze(text).matchAll(/(?<![\d,])-?\d{1,3}(?: \d{3})*(?:,\d{1,2})? kr\b/g)].map((m) => m[0]))];
}

suite(suiteName, () => {
  let dir: string;
  let renderer: Renderer;
  let pdf: ReportRun;
  let docx: ReportRun;
  let again: ReportRun;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'andel-docx-test-'));
    renderer = createRenderer({ concurrency: 1 });
    pdf = await runReport(huddinge, { out: join(dir, 'pdf'), render: { renderer } });
    docx = await runReport(huddinge, { out: join(dir, 'docx'), format: 'docx', render: { renderer } });
    again = await runReport(huddinge, { out: join(dir, 'again'), format: 'docx', render: { renderer } });
  });

  afterAll(async () => {
    await renderer?.close();
    if (dir !== undefined) await rm(dir, { recursive: true, force: true });
  });

  const files = () => {
    expect(pdf.summary.failed.map((f) => f.error.message)).toEqual([]);
    expect(docx.summary.failed.map((f) => f.error.message)).toEqual([]);
    const pdfFile = pdf.summary.written[0]?.outFile ?? '';
    const docxFile = docx.summary.written[0]?.outFile ?? '';
    return { pdfFile, docxFile };
  };

  it('writes the .docx where the PDF would go', () => {
    const { pdfFile, docxFile } = files();
    expect(pdfFile).toMatch(/remiss[/\\]0126-huddinge\.pdf$/);
    expect(docxFile).toBe(pdfFile.replace(join(dir, 'pdf'), join(dir, 'docx')).replace(/\.pdf$/, '.docx'));
  });

  it('has the same headings as the PDF, in the same order, in heading styles', async () => {
    const { pdfFile, docxFile } = files();
    const expected = headingsOf(docx.documents[0]?.viewModel.blocks ?? []);
    expect(expected.length).toBeGreaterThan(5);
    const paragraphs = docxParagraphs(docxPart(docxFile, 'word/document.xml'));
    expect(paragraphs.filter((p) => /^Heading[1-4]$/.test(p.style ?? '')).map((p) => p.text)).toEqual(expected);
    expect(paragraphs.filter((p) => p.style === 'Title').map((p) => p.text)).toEqual([docx.documents[0]?.viewModel.titleBlock?.title]);
    // The PDF shows them in this order too.
    const pdfText = squeeze(await pdftotext(pdfFile));
    let at = 0;
    for (const h of expected) {
      const found = pdfText.indexOf(squeeze(h), at);
      expect(found, `"${h}" after position ${at} of the PDF's text`).toBeGreaterThanOrEqual(0);
      at = found + h.length;
    }
  });

  it('carries every kronor amount the PDF shows', async () => {
    const { pdfFile, docxFile } = files();
    const amounts = kronorAmounts(await pdftotext(pdfFile));
    expect(amounts).toContain('233 284,93 kr');
    expect(amounts.length).toBeGreaterThan(10);
    // The Word file's text: its paragraphs, and the chart's labels drawn in its image (the same SVG the PDF shows as text).
    const svgs = await renderer.renderChartsToSvg(Object.values(docx.documents[0]?.charts ?? {}));
    const text = squeeze([...docxParagraphs(docxPart(docxFile, 'word/document.xml')).map((p) => p.text), ...svgs.map(svgText)].join(' '));
    expect(amounts.filter((a) => !text.includes(a))).toEqual([]);
  });

  it('declares Swedish, has a table with a header row and the chart as an image with alternative text', () => {
    const { docxFile } = files();
    const xml = docxPart(docxFile, 'word/document.xml');
    expect(docxPart(docxFile, 'word/styles.xml')).toContain('<w:lang w:val="sv-SE"/>');
    expect(docxPart(docxFile, 'docProps/core.xml')).toContain('<dc:language>sv-SE</dc:language>');
    expect(xml).toContain('<w:tblHeader/>');
    const charts = Object.keys(docx.documents[0]?.charts ?? {});
    expect(charts.length).toBeGreaterThan(0);
    const images = [...xml.matchAll(/<wp:docPr [^>]*>/g)].map((m) => m[0]);
    expect(images).toHaveLength(charts.length);
    for (const image of images) expect(image).toMatch(/descr="[^"]{10,}"/);
    const media = docxParts(docxFile).filter((p) => /^word\/media\/.+\./.test(p));
    expect(media.filter((m) => m.endsWith('.png'))).toHaveLength(charts.length);
    expect(media).toHaveLength(charts.length);
    // Drawn at three times the chart's size in CSS pixels (the IHDR's width).
    const png = execFileSync('unzip', ['-p', docxFile, media[0] ?? '']);
    expect(png.readUInt32BE(16)).toBe(3 * 640);
  });

  it('names the document in its properties and dates it by the report date', () => {
    const { docxFile } = files();
    const core = docxPart(docxFile, 'docProps/core.xml');
    const meta = docx.documents[0]?.metadata;
    expect(core).toContain(`<dc:title>${meta?.title ?? ''}</dc:title>`);
    expect(core).toContain(`<dc:subject>${meta?.subject ?? ''}</dc:subject>`);
    expect(core).toContain(`<dcterms:created xsi:type="dcterms:W3CDTF">${docx.date.iso}T00:00:00Z</dcterms:created>`);
  });

  it('gives the same bytes for the same report', async () => {
    const { docxFile } = files();
    const second = again.summary.written[0]?.outFile ?? '';
    expect((await readFile(second)).equals(await readFile(docxFile))).toBe(true);
  });
});
