/**
 * The blocks of a document's view model as Word content: one writer per
 * kind of block, in one table ({@link BLOCK_WRITERS}), the way the
 * templates have one partial per kind (`templates/partials/blocks/`).
 *
 * The table is typed by the kinds a report can print, so a new kind of
 * block that has no writer here does not compile; a kind that reaches the
 * writer anyway (a view model read from JSON) is refused, never dropped.
 * Every text arrives formatted from the view model: nothing is computed.
 */
import {
  AlignmentType,
  BorderStyle,
  type FileChild,
  HeadingLevel,
  ImageRun,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import { RenderError, t } from '../../models/errors.js';
import type { LabelledValue, TableBlock, TitleBlock } from '../render/document-model.js';
import type { ReportBlock } from '../views/report-document.js';
import type { ChartImage } from './chart-images.js';

/** The document's accent colour (the charts' first colour), as Word writes it. */
export const ACCENT = '1F4E79';
/** The numbering a numbered list uses (declared in the document's numbering part). */
export const ORDERED_LIST = 'andel-numrerad-lista';

/** What a block writer needs beside its block. */
export interface BlockContext {
  /** The charts drawn for the document, by the id its chart blocks name. */
  readonly charts: Readonly<Record<string, ChartImage>>;
  /** Gives each numbered list its own count from 1. */
  nextListInstance(): number;
}

type Writer<B> = (block: B, ctx: BlockContext) => FileChild[];

/** A writer for every kind of block a report prints. */
export type BlockWriters = { readonly [K in ReportBlock['type']]: Writer<Extract<ReportBlock, { type: K }>> };

const HEADING_LEVELS = [HeadingLevel.HEADING_1, HeadingLevel.HEADING_2, HeadingLevel.HEADING_3, HeadingLevel.HEADING_4] as const;

const NO_BORDER = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' } as const;
const NO_BORDERS = { top: NO_BORDER, bottom: NO_BORDER, left: NO_BORDER, right: NO_BORDER, insideHorizontal: NO_BORDER, insideVertical: NO_BORDER } as const;
const RULE = { style: BorderStyle.SINGLE, size: 4, color: '9AA5B1' } as const;

/** A heading paragraph; levels as in the templates (a section without a level is a level 2). */
export function heading(text: string, level: 1 | 2 | 3 | 4 = 2): Paragraph {
  return new Paragraph({ heading: HEADING_LEVELS[level - 1], keepNext: true, children: [new TextRun(text)] });
}

function cellParagraph(text: string, options: { bold?: boolean; right?: boolean; small?: boolean } = {}): Paragraph {
  return new Paragraph({
    spacing: { before: 20, after: 20 },
    ...(options.right ? { alignment: AlignmentType.RIGHT } : {}),
    children: [new TextRun({ text, ...(options.bold ? { bold: true } : {}), ...(options.small ? { size: 18 } : {}) })],
  });
}

/** Label–value pairs as a borderless two-column table (the facts of a title block, payment details). */
function factsTable(items: readonly LabelledValue[]): Table {
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    columnWidths: [3000, 6000],
    borders: NO_BORDERS,
    rows: items.map(
      (item) =>
        new TableRow({
          cantSplit: true,
          children: [
            new TableCell({ width: { size: 33, type: WidthType.PERCENTAGE }, children: [cellParagraph(item.label, { bold: true })] }),
            new TableCell({ width: { size: 67, type: WidthType.PERCENTAGE }, children: [cellParagraph(item.value)] }),
          ],
        }),
    ),
  });
}

/** A data table: a header row that repeats on each page, numeric columns right-aligned, totals bold over a rule. */
function dataTable(block: TableBlock): FileChild[] {
  const numeric = block.columns.map((c) => c.numeric === true);
  const row = (cells: readonly string[], kind: 'header' | 'body' | 'total'): TableRow =>
    new TableRow({
      cantSplit: true,
      ...(kind === 'header' ? { tableHeader: true } : {}),
      children: cells.map(
        (text, i) =>
          new TableCell({
            ...(kind === 'header' ? { shading: { type: ShadingType.CLEAR, color: 'auto', fill: 'E8EEF4' } } : {}),
            ...(kind === 'total' ? { borders: { top: RULE } } : {}),
            children: [cellParagraph(text, { bold: kind !== 'body', right: numeric[i] })],
          }),
      ),
    });
  const out: FileChild[] = [];
  if (block.caption !== undefined) out.push(new Paragraph({ style: 'Caption', keepNext: true, children: [new TextRun(block.caption)] }));
  out.push(
    new Table({
      width: { size: 100, type: WidthType.PERCENTAGE },
      rows: [
        row(
          block.columns.map((c) => c.label),
          'header',
        ),
        ...block.rows.map((r) => row(r.cells, r.total ? 'total' : 'body')),
        ...(block.totals ?? []).map((r) => row(r.cells, 'total')),
      ],
    }),
  );
  for (const note of block.notes ?? []) out.push(new Paragraph({ style: 'TableNote', children: [new TextRun(note)] }));
  if (block.notes === undefined || block.notes.length === 0) out.push(new Paragraph({ spacing: { after: 0 }, children: [] }));
  return out;
}

function missingChart(id: string): RenderError {
  return new RenderError(
    t(`Diagrammet "${id}" finns inte bland de diagram som ritats för dokumentet.`, `The chart "${id}" is not among the charts rendered for the document.`),
    'E_TEMPLATE',
  );
}

/**
 * The Word writer of each kind of block. To print a new kind of block in
 * Word, add its writer here (the compiler asks for it once the kind is in
 * `ReportBlock`).
 */
export const BLOCK_WRITERS: BlockWriters = {
  heading: (b) => [heading(b.text, b.level)],
  text: (b) => b.paragraphs.map((p) => new Paragraph({ children: [new TextRun(p)] })),
  list: (b, ctx) => {
    const instance = b.ordered === true ? ctx.nextListInstance() : 0;
    return b.items.map(
      (item) =>
        new Paragraph({
          ...(b.ordered === true ? { numbering: { reference: ORDERED_LIST, level: 0, instance } } : { bullet: { level: 0 } }),
          children: [new TextRun(item)],
        }),
    );
  },
  'key-figures': (b) => [
    new Table({
      width: { size: 100, type: WidthType.PERCENTAGE },
      borders: { ...NO_BORDERS, insideHorizontal: RULE, top: RULE, bottom: RULE },
      rows: b.items.map(
        (item) =>
          new TableRow({
            cantSplit: true,
            children: [
              new TableCell({
                width: { size: 55, type: WidthType.PERCENTAGE },
                children: [cellParagraph(item.label), ...(item.note !== undefined ? [cellParagraph(item.note, { small: true })] : [])],
              }),
              new TableCell({
                width: { size: 45, type: WidthType.PERCENTAGE },
                children: [
                  new Paragraph({
                    alignment: AlignmentType.RIGHT,
                    spacing: { before: 20, after: 20 },
                    children: [new TextRun({ text: item.value, bold: true, size: item.emphasis === true ? 28 : 24, ...(item.emphasis === true ? { color: ACCENT } : {}) })],
                  }),
                ],
              }),
            ],
          }),
      ),
    }),
    new Paragraph({ children: [] }),
  ],
  table: (b) => dataTable(b),
  chart: (b, ctx) => {
    const image = ctx.charts[b.chart];
    if (image === undefined) throw missingChart(b.chart);
    const name = b.title ?? b.caption ?? image.description;
    // The view's alternative text: what the chart shows in words and figures, as the tagged PDF's Figure says it.
    const description = b.alt;
    return [
      ...(b.title !== undefined ? [new Paragraph({ style: 'ChartTitle', keepNext: true, children: [new TextRun(b.title)] })] : []),
      new Paragraph({
        keepNext: b.caption !== undefined,
        children: [
          new ImageRun({
            type: 'png',
            data: image.png,
            transformation: { width: image.width, height: image.height },
            altText: { name: name.slice(0, 120), title: name, description },
          }),
        ],
      }),
      ...(b.caption !== undefined
        ? [new Paragraph({ style: 'Caption', children: [new TextRun(b.caption), ...(b.source !== undefined ? [new TextRun({ text: ` Källa: ${b.source}`, italics: true })] : [])] })]
        : []),
    ];
  },
  facts: (b) => [factsTable(b.items), new Paragraph({ children: [] })],
  letterhead: (b) => [
    ...[b.sender.name, b.sender.unit, ...b.sender.lines].flatMap((line, i) => (line === undefined ? [] : [new Paragraph({ spacing: { after: 0 }, children: [new TextRun({ text: line, bold: i === 0 })] })])),
    new Paragraph({ children: [] }),
    factsTable(b.facts),
    new Paragraph({ children: [] }),
    ...b.recipient.map((line) => new Paragraph({ spacing: { after: 0 }, children: [new TextRun(line)] })),
    new Paragraph({ children: [] }),
  ],
  payment: (b) => [
    new Paragraph({ keepNext: true, children: [new TextRun({ text: b.heading, bold: true })] }),
    factsTable([b.amount, ...b.facts]),
    ...b.paragraphs.map((p) => new Paragraph({ children: [new TextRun(p)] })),
  ],
  closing: (b) => [
    ...b.paragraphs.map((p) => new Paragraph({ children: [new TextRun(p)] })),
    ...(b.greeting !== undefined ? [new Paragraph({ children: [new TextRun(b.greeting)] })] : []),
    ...(b.signature !== undefined
      ? [new Paragraph({ spacing: { after: 0 }, children: [new TextRun(b.signature.name)] }), new Paragraph({ children: [new TextRun(b.signature.title)] })]
      : []),
  ],
  'page-break': () => [new Paragraph({ pageBreakBefore: true, children: [] })],
  section: (b, ctx) => [...(b.heading !== undefined ? [heading(b.heading, b.level)] : []), ...b.blocks.flatMap((inner) => writeBlock(inner, ctx))],
  notice: (b) => {
    const box = { top: RULE, bottom: RULE, left: { style: BorderStyle.SINGLE, size: 18, color: 'C55A11' }, right: RULE } as const;
    const shading = { type: ShadingType.CLEAR, color: 'auto', fill: 'FBF3EC' } as const;
    return [
      new Paragraph({ border: box, shading, keepNext: true, children: [new TextRun({ text: b.title, bold: true })] }),
      ...b.items.map((item) => new Paragraph({ border: box, shading, children: [new TextRun(item)] })),
      new Paragraph({ children: [] }),
    ];
  },
  signatures: (b) => [
    new Table({
      width: { size: 100, type: WidthType.PERCENTAGE },
      borders: NO_BORDERS,
      rows: [
        new TableRow({
          cantSplit: true,
          children: b.items.map(
            (s) =>
              new TableCell({
                children: [
                  new Paragraph({ spacing: { before: 600 }, children: [new TextRun(s.name)] }),
                  new Paragraph({ children: [new TextRun({ text: s.title, italics: true })] }),
                ],
              }),
          ),
        }),
      ],
    }),
  ],
};

/**
 * One block as Word content.
 *
 * @throws RenderError `E_TEMPLATE` for a kind of block that has no writer: content is never dropped silently.
 */
export function writeBlock(block: ReportBlock, ctx: BlockContext): FileChild[] {
  const type: unknown = (block as { type?: unknown }).type;
  const writer = typeof type === 'string' && Object.hasOwn(BLOCK_WRITERS, type) ? (BLOCK_WRITERS[type as ReportBlock['type']] as Writer<ReportBlock>) : undefined;
  if (writer === undefined) {
    throw new RenderError(t(`Okänd blocktyp i vymodellen: ${String(type)}`, `Unknown block type in the view model: ${String(type)}`), 'E_TEMPLATE');
  }
  return writer(block, ctx);
}

/** The head of the first page: who writes, the kind of document, its title (the Title style) and its facts. */
export function writeTitleBlock(block: TitleBlock): FileChild[] {
  const small = (text: string, bold = false): Paragraph => new Paragraph({ spacing: { after: 0 }, children: [new TextRun({ text, bold, color: '4A4A4A' })] });
  return [
    ...(block.organisation !== undefined ? [small(block.organisation, true)] : []),
    ...(block.unit !== undefined ? [small(block.unit)] : []),
    ...(block.kind !== undefined ? [new Paragraph({ spacing: { before: 240, after: 0 }, children: [new TextRun({ text: block.kind.toUpperCase(), color: ACCENT, bold: true, size: 20 })] })] : []),
    new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun(block.title)] }),
    ...(block.subtitle !== undefined ? [new Paragraph({ style: 'Subtitle', children: [new TextRun(block.subtitle)] })] : []),
    ...(block.facts !== undefined && block.facts.length > 0 ? [factsTable(block.facts), new Paragraph({ children: [] })] : []),
  ];
}
