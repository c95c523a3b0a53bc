// The Word writer without a browser: every kind of block the templates
// print has a writer, an unknown kind is refused (never dropped), a document
// holding every kind is written with its headings, lists, tables, notice and
// image, in Swedish, and the same document gives the same bytes.
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BLOCK_WRITERS, writeBlock } from '../../../reports/docx/blocks.js';
import type { ChartImage } from '../../../reports/docx/chart-images.js';
import { docxOfDocument } from '../../../reports/docx/write-docx.js';
import { withZipEntryDates } from '../../../reports/docx/zip-dates.js';
import type { ReportBlock, ReportDocument } from '../../../reports/views/report-document.js';
import { ROOT } from '../../helpers/cli.js';
import { docxPart, docxParagraphs, docxParts } from './docx-tools.js';

// A 1×1 PNG stands in for a chart drawn by the renderer.
const PNG = Uint8Array.from(Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64'));
const chart: ChartImage = { png: PNG, width: 640, height: 320, description: 'Diagram' };

const everyKind: ReportBlock[] = [
  { type: 'heading', level: 1, text: 'Ärendet' },
  { type: 'text', paragraphs: ['Första stycket.', 'Andra stycket & mer.'] },
  { type: 'list', items: ['En punkt', 'En till'] },
  { type: 'list', ordered: true, items: ['Först', 'Sedan'] },
  { type: 'key-figures', label: 'Nyckeltal', items: [{ label: 'Att fördela', value: '17 448 590 kr', emphasis: true, note: 'per år' }] },
  {
    type: 'table',
    caption: 'Fördelning per part',
    columns: [{ label: 'Part' }, { label: 'Belopp', numeric: true }],
    rows: [{ cells: ['Huddinge', '615 312 kr'] }],
    totals: [{ cells: ['Summa', '615 312 kr'] }],
    notes: ['Beloppen är avrundade till hela kronor.'],
  },
  { type: 'chart', chart: 'andel', title: 'Andel per part', caption: 'Huddinges andel är markerad.', source: 'SCB', alt: 'Stapeldiagram: Huddinge 3,5 %, övriga 96,5 %.' },
  { type: 'facts', items: [{ label: 'Bankgiro', value: '123-4567' }] },
  { type: 'page-break' },
  { type: 'section', heading: 'Ekonomiska konsekvenser', level: 2, blocks: [{ type: 'heading', level: 3, text: 'Kostnad per år' }] },
  { type: 'notice', title: 'Observera', items: ['Exempeldata.'] },
  { type: 'signatures', items: [{ name: 'Kim Andersson', title: 'Socialdirektör' }] },
  { type: 'letterhead', sender: { name: 'Västra Götalandsregionen', lines: ['Regionens Hus', '462 80 Vänersborg'] }, facts: [{ label: 'Datum', value: '29 juni 2022' }], recipient: ['Dals-Eds kommun'] },
  { type: 'payment', heading: 'Betalning', amount: { label: 'Belopp', value: '47 560 kr' }, facts: [{ label: 'Förfallodag', value: '31 december 2022' }], paragraphs: ['Fakturan ställs ut av regionen.'] },
  { type: 'closing', paragraphs: ['Frågor besvaras av kontaktpersonen.'], greeting: 'Med vänlig hälsning', signature: { name: 'Kim Andersson', title: 'Ekonomichef' } },
];

const doc: ReportDocument = {
  id: 'prov',
  fileName: 'prov.pdf',
  viewModel: {
    title: 'Prov',
    titleBlock: { organisation: 'Huddinge kommun', unit: 'Socialförvaltningen', kind: 'Tjänsteutlåtande', title: 'Remiss av IT-stöd', facts: [{ label: 'Dnr', value: 'SN 2020/123' }] },
    blocks: everyKind,
  },
  charts: {},
  metadata: { title: 'Remiss av IT-stöd', author: 'Socialförvaltningen', subject: 'Tjänsteutlåtande', keywords: ['remiss'] },
  header: { scheme: 'Stockholms län 2020', kind: 'Tjänsteutlåtande' },
  footer: { date: '29 september 2020', stamp: 'kontrollsumma 3f2a9c1e' },
};
const created = new Date('2020-09-29T00:00:00Z');

describe('the Word writer', () => {
  it('has a writer for every kind of block the templates print, and nothing else', () => {
    const partials = readdirSync(join(ROOT, 'templates/partials/blocks')).map((f) => f.replace(/\.hbs$/, '')).sort();
    expect(Object.keys(BLOCK_WRITERS).sort()).toEqual(partials);
    expect(new Set(everyKind.map((b) => b.type))).toEqual(new Set(partials));
  });

  it('refuses a kind of block it has no writer for instead of dropping its content', () => {
    const ctx = { charts: {}, nextListInstance: () => 1 };
    expect(() => writeBlock({ type: 'sidfot', text: 'x' } as unknown as ReportBlock, ctx)).toThrow('Okänd blocktyp i vymodellen: sidfot');
    expect(() => writeBlock({ type: 'chart', chart: 'saknas', alt: 'x' }, ctx)).toThrow('Diagrammet "saknas" finns inte');
  });

  it('writes every kind: headings in heading styles, lists, a table with a header row, the image with its alternative text, Swedish', async () => {
    const bytes = await docxOfDocument(doc, { charts: { andel: chart }, created });
    const file = join(mkdtempSync(join(tmpdir(), 'andel-docx-')), 'prov.docx');
    writeFileSync(file, bytes);
    const xml = docxPart(file, 'word/document.xml');
    const paragraphs = docxParagraphs(xml);
    const styled = (style: string) => paragraphs.filter((p) => p.style === style).map((p) => p.text);
    expect(styled('Title')).toEqual(['Remiss av IT-stöd']);
    expect(styled('Heading1')).toEqual(['Ärendet']);
    expect(styled('Heading2')).toEqual(['Ekonomiska konsekvenser']);
    expect(styled('Heading3')).toEqual(['Kostnad per år']);
    const text = paragraphs.map((p) => p.text);
    for (const expected of ['Huddinge kommun', 'SN 2020/123', 'Andra stycket & mer.', 'En till', 'Sedan', '17 448 590 kr', 'per år', 'Summa', 'Beloppen är avrundade till hela kronor.', 'Bankgiro', '123-4567', 'Observera', 'Exempeldata.', 'Kim Andersson', 'Socialdirektör']) {
      expect(text).toContain(expected);
    }
    expect(text).toContain('Huddinges andel är markerad. Källa: SCB');
    expect(xml).toContain('<w:tblHeader/>');
    expect(xml).toMatch(/<wp:docPr [^>]*descr="Stapeldiagram: Huddinge 3,5 %, övriga 96,5 %."/);
    expect(xml).toContain('<w:pageBreakBefore/>');
    expect(xml).toMatch(/<w:numPr>/);
    expect(docxPart(file, 'word/styles.xml')).toContain('<w:lang w:val="sv-SE"/>');
    expect(docxParts(file).filter((p) => /^word\/media\/.+\./.test(p)).map((p) => p.replace(/^.*\./, '')).sort()).toEqual(['png']);
    const core = docxPart(file, 'docProps/core.xml');
    expect(core).toContain('<dc:title>Remiss av IT-stöd</dc:title>');
    expect(core).toContain('<dc:creator>Socialförvaltningen</dc:creator>');
    expect(core).toContain('<dc:language>sv-SE</dc:language>');
    expect(core).toContain('<dcterms:created xsi:type="dcterms:W3CDTF">2020-09-29T00:00:00Z</dcterms:created>');
    const footer = docxPart(file, 'word/footer1.xml');
    expect(footer).toContain('kontrollsumma 3f2a9c1e');
  });

  it('gives the same bytes for the same document', async () => {
    const a = await docxOfDocument(doc, { charts: { andel: chart }, created });
    const b = await docxOfDocument(doc, { charts: { andel: chart }, created });
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
  });

  it('dates every zip entry with the given date, and refuses what is not a zip', () => {
    expect(() => withZipEntryDates(new Uint8Array(100), created)).toThrow('zip-arkivet är inte som väntat');
  });
});
