/**
 * A report's document as a Word file (.docx) that its reader can edit: the
 * same view model the PDF is printed from, with real heading styles (the
 * navigation pane and a table of contents work), tables with a repeating
 * header row, lists, the charts as images with alternative text, the
 * running header and footer, Swedish (sv-SE) as the language of every run,
 * and the title, author and subject in the file's properties.
 *
 * The same document gives the same bytes: the file's dates are the report's
 * date (not the clock), media are named by their content, and the zip's
 * entries carry that date too.
 */
import { AlignmentType, Document, Footer, Header, LevelFormat, LineRuleType, Packer, PageNumber, Paragraph, TabStopType, TextRun } from 'docx';
import { xmlText } from '../render/pdf-xmp.js';
import type { ReportDocument } from '../views/report-document.js';
import { ACCENT, type BlockContext, ORDERED_LIST, writeBlock, writeTitleBlock } from './blocks.js';
import type { ChartImage } from './chart-images.js';
import { withZipEntryDates } from './zip-dates.js';

/** The language every run is marked with (spelling and hyphenation in Word). */
export const DOCX_LANGUAGE = 'sv-SE';
const FONT = 'Arial';
/** The text column of an A4 page with the PDF's margins (18 mm each side), in twentieths of a point. */
const A4 = { width: 11906, height: 16838 } as const;
const MM = 56.7;

/** Options of {@link docxOfDocument}. */
export interface DocxOptions {
  /** The document's charts drawn as images, by the id its chart blocks name. */
  readonly charts: Readonly<Record<string, ChartImage>>;
  /** The file's created and modified date: the report's date, so that the same report gives the same bytes. */
  readonly created: Date;
  /** The program that wrote it, for the file's properties (`andel 0.1.0`). */
  readonly creator?: string;
}

/** The core properties, with the report's date instead of the clock's. */
function coreProperties(doc: ReportDocument, created: Date): string {
  const when = `${created.toISOString().slice(0, 19)}Z`;
  const el = (name: string, value: string): string => `<${name}>${xmlText(value)}</${name}>`;
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" ' +
    'xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
    el('dc:title', doc.metadata.title) +
    el('dc:subject', doc.metadata.subject) +
    el('dc:creator', doc.metadata.author) +
    el('cp:keywords', doc.metadata.keywords.join(', ')) +
    el('dc:language', DOCX_LANGUAGE) +
    el('cp:lastModifiedBy', doc.metadata.author) +
    el('cp:revision', '1') +
    `<dcterms:created xsi:type="dcterms:W3CDTF">${when}</dcterms:created>` +
    `<dcterms:modified xsi:type="dcterms:W3CDTF">${when}</dcterms:modified>` +
    '</cp:coreProperties>'
  );
}

/** The running header and footer, as the PDF's: scheme and kind; date, kontrollsumma and page. */
function headerAndFooter(doc: ReportDocument): { header: Header; footer: Footer } {
  const right = [{ type: TabStopType.RIGHT, position: A4.width - 36 * MM }];
  const small = { size: 15, color: '4A4A4A' } as const;
  return {
    header: new Header({
      children: [new Paragraph({ style: 'Header', tabStops: right, children: [new TextRun({ ...small, text: doc.header.scheme }), new TextRun({ ...small, text: `\t${doc.header.kind}` })] })],
    }),
    footer: new Footer({
      children: [
        new Paragraph({ style: 'Footer', children: [new TextRun({ ...small, size: 14, text: doc.footer.stamp })] }),
        new Paragraph({
          // The page number fields take the style's size, not the run's.
          style: 'Footer',
          tabStops: right,
          children: [
            new TextRun({ ...small, text: doc.footer.date }),
            new TextRun({ ...small, children: ['\tSida ', PageNumber.CURRENT, ' av ', PageNumber.TOTAL_PAGES] }),
          ],
        }),
      ],
    }),
  };
}

/**
 * Writes a report's document as a .docx file's bytes.
 *
 * @throws RenderError `E_TEMPLATE` for a block the writer does not know or a chart that was not drawn.
 * @example
 * ```ts
 * const charts = await drawChartImages(renderer, doc.charts);
 * const bytes = await docxOfDocument(doc, { charts, created: new Date('2020-09-29T00:00:00Z') });
 * ```
 */
export async function docxOfDocument(doc: ReportDocument, options: DocxOptions): Promise<Uint8Array> {
  let lists = 0;
  const ctx: BlockContext = { charts: options.charts, nextListInstance: () => (lists += 1) };
  const vm = doc.viewModel;
  const body = [...(vm.titleBlock !== undefined ? writeTitleBlock(vm.titleBlock) : []), ...(vm.blocks ?? []).flatMap((b) => writeBlock(b, ctx))];
  const { header, footer } = headerAndFooter(doc);
  const heading = (size: number, color = ACCENT) => ({ run: { font: FONT, size, bold: true, color }, paragraph: { spacing: { before: 240, after: 80 }, keepNext: true } });
  const document = new Document({
    title: doc.metadata.title,
    subject: doc.metadata.subject,
    creator: doc.metadata.author,
    keywords: doc.metadata.keywords.join(', '),
    ...(options.creator !== undefined ? { description: `Skrivet med ${options.creator}` } : {}),
    styles: {
      default: {
        document: { run: { font: FONT, size: 21, language: { value: DOCX_LANGUAGE } }, paragraph: { spacing: { after: 120, line: 276, lineRule: LineRuleType.AUTO } } },
        title: { run: { font: FONT, size: 36, bold: true, color: '1B1B1B' }, paragraph: { spacing: { before: 60, after: 120 } } },
        heading1: heading(30),
        heading2: heading(26),
        heading3: heading(23),
        heading4: heading(21, '1B1B1B'),
      },
      paragraphStyles: [
        { id: 'Subtitle', name: 'Subtitle', basedOn: 'Normal', next: 'Normal', quickFormat: true, run: { size: 24, color: '4A4A4A' }, paragraph: { spacing: { after: 200 } } },
        { id: 'Caption', name: 'Caption', basedOn: 'Normal', next: 'Normal', quickFormat: true, run: { size: 18, color: '4A4A4A' }, paragraph: { spacing: { before: 60, after: 120 } } },
        { id: 'ChartTitle', name: 'Diagramrubrik', basedOn: 'Normal', next: 'Normal', run: { bold: true }, paragraph: { spacing: { before: 200, after: 60 } } },
        { id: 'Header', name: 'header', basedOn: 'Normal', run: { size: 15, color: '4A4A4A' }, paragraph: { spacing: { after: 0 } } },
        { id: 'Footer', name: 'footer', basedOn: 'Normal', run: { size: 15, color: '4A4A4A' }, paragraph: { spacing: { after: 0 } } },
        { id: 'TableNote', name: 'Tabellnot', basedOn: 'Normal', next: 'Normal', run: { size: 17, color: '4A4A4A' }, paragraph: { spacing: { before: 40, after: 80 } } },
      ],
    },
    numbering: {
      config: [{ reference: ORDERED_LIST, levels: [{ level: 0, format: LevelFormat.DECIMAL, text: '%1.', alignment: AlignmentType.START, style: { paragraph: { indent: { left: 360, hanging: 360 } } } }] }],
    },
    sections: [
      {
        properties: {
          page: {
            size: { width: A4.width, height: A4.height },
            margin: { top: Math.round(24 * MM), right: Math.round(18 * MM), bottom: Math.round(22 * MM), left: Math.round(18 * MM), header: Math.round(10 * MM), footer: Math.round(8 * MM) },
          },
        },
        headers: { default: header },
        footers: { default: footer },
        children: body,
      },
    ],
  });
  const bytes = await Packer.toBuffer(document, false, [{ path: 'docProps/core.xml', data: coreProperties(doc, options.created) }]);
  return withZipEntryDates(new Uint8Array(bytes), options.created);
}
