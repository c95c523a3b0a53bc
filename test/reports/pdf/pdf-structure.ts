// Reading a printed PDF's accessibility parts back with pdf-lib, the way a
// PDF/UA checker looks at them: the structure tree (its Figures with their
// /Alt, its Tables with their TH cells), the XMP packet, the outline, and
// which text on each page is tagged, marked as an artifact, or neither.
import { readFile } from 'node:fs/promises';
import { contentOperators } from '../../../reports/render/pdf-artifacts.js';

/** An element of the structure tree: its standard type (after the role map), /Alt, /ActualText and children. */
export interface StructNode {
  readonly type: string;
  readonly alt?: string;
  readonly actualText?: string;
  /** 1-based page of the element's /Pg, when it names one. */
  readonly page?: number;
  readonly kids: readonly StructNode[];
}

/** A bookmark: its title, depth (0 = top level) and 1-based page. */
export interface OutlineItem {
  readonly title: string;
  readonly depth: number;
  readonly page: number;
}

/** How the text-showing operators of a page are marked. */
export interface PageMarking {
  /** Inside marked content with an MCID: part of the structure tree. */
  readonly tagged: number;
  /** Inside an /Artifact sequence. */
  readonly artifact: number;
  /** Neither: text a screen reader meets with no structure, which PDF/UA forbids. */
  readonly untagged: number;
}

/** What {@link readTaggedPdf} reads. */
export interface TaggedPdf {
  /** The StructTreeRoot's children; undefined when the PDF is not tagged. */
  readonly structure?: StructNode;
  /** The catalogue's /Metadata stream as text. */
  readonly xmp?: string;
  /** The Info dictionary's text fields. */
  readonly info: Readonly<Record<string, string>>;
  readonly outline: readonly OutlineItem[];
  /** Per page, in order. */
  readonly pages: readonly PageMarking[];
  /** The catalogue's /Lang, /MarkInfo /Marked and /ViewerPreferences /DisplayDocTitle. */
  readonly lang?: string;
  readonly marked: boolean;
  readonly displayDocTitle: boolean;
}

const TEXT_SHOWING = new Set(['Tj', 'TJ', "'", '"']);

/** Reads a PDF's accessibility parts. */
export async function readTaggedPdf(file: string): Promise<TaggedPdf> {
  const lib = await import('pdf-lib');
  const { PDFArray, PDFBool, PDFDict, PDFHexString, PDFName, PDFRawStream, PDFRef, PDFString, decodePDFRawStream } = lib;
  const doc = await lib.PDFDocument.load(await readFile(file), { updateMetadata: false });
  const pageRefs = doc.getPages().map((p) => p.ref.toString());
  const name = (key: string) => PDFName.of(key);
  const text = (value: unknown): string | undefined => (value instanceof PDFString || value instanceof PDFHexString ? value.decodeText() : undefined);
  const pageOf = (value: unknown): number | undefined => (value instanceof PDFRef ? pageRefs.indexOf(value.toString()) + 1 : undefined);

  const info: Record<string, string> = {};
  const infoDict = doc.context.lookup(doc.context.trailerInfo.Info);
  if (infoDict instanceof PDFDict) {
    for (const [key] of infoDict.entries()) {
      const value = text(infoDict.lookup(key));
      if (value !== undefined) info[key.decodeText()] = value;
    }
  }

  // The structure tree, standard types through the role map.
  const root = doc.catalog.lookup(name('StructTreeRoot'));
  const roleMap = root instanceof PDFDict ? root.lookup(name('RoleMap')) : undefined;
  const standard = (type: string): string => {
    const mapped = roleMap instanceof PDFDict ? roleMap.lookup(name(type)) : undefined;
    return mapped instanceof PDFName ? mapped.decodeText() : type;
  };
  const seen = new Set<unknown>();
  const node = (dict: import('pdf-lib').PDFDict): StructNode | undefined => {
    if (seen.has(dict)) return undefined;
    seen.add(dict);
    const type = dict.lookup(name('Type'));
    // Marked-content and object references are leaves, not elements.
    if (type instanceof PDFName && (type.decodeText() === 'MCR' || type.decodeText() === 'OBJR')) return undefined;
    const s = dict.lookup(name('S'));
    const alt = text(dict.lookup(name('Alt')));
    const actualText = text(dict.lookup(name('ActualText')));
    const page = pageOf(dict.get(name('Pg')));
    return {
      type: s instanceof PDFName ? standard(s.decodeText()) : 'StructTreeRoot',
      ...(alt !== undefined ? { alt } : {}),
      ...(actualText !== undefined ? { actualText } : {}),
      ...(page !== undefined ? { page } : {}),
      kids: kidsOf(dict.lookup(name('K'))),
    };
  };
  const kidsOf = (k: unknown): StructNode[] => {
    if (k instanceof PDFArray) return k.asArray().flatMap((_, i) => kidsOf(k.lookup(i)));
    if (k instanceof PDFDict) {
      const n = node(k);
      return n === undefined ? [] : [n];
    }
    return []; // an MCID (a PDFNumber): content, not an element
  };
  const structure = root instanceof PDFDict ? node(root) : undefined;

  const meta = doc.catalog.lookup(name('Metadata'));
  const xmp = meta instanceof PDFRawStream ? Buffer.from(decodePDFRawStream(meta).decode()).toString('utf8') : undefined;

  const outline: OutlineItem[] = [];
  const walk = (first: unknown, depth: number): void => {
    let item = first;
    while (item instanceof PDFDict) {
      const dest = item.lookup(name('Dest'));
      outline.push({ title: text(item.lookup(name('Title'))) ?? '', depth, page: dest instanceof PDFArray ? (pageOf(dest.get(0)) ?? 0) : 0 });
      walk(item.lookup(name('First')), depth + 1);
      item = item.lookup(name('Next'));
    }
  };
  const outlines = doc.catalog.lookup(name('Outlines'));
  if (outlines instanceof PDFDict) walk(outlines.lookup(name('First')), 0);

  const pages = doc.getPages().map((page): PageMarking => {
    const contents = page.node.lookup(name('Contents'));
    const streams = contents instanceof PDFArray ? contents.asArray().map((_, i) => contents.lookup(i)) : [contents];
    const content = streams.map((s) => (s instanceof PDFRawStream ? Buffer.from(decodePDFRawStream(s).decode()).toString('latin1') : '')).join('\n');
    return pageMarking(content);
  });

  const lang = text(doc.catalog.lookup(name('Lang')));
  const markInfo = doc.catalog.lookup(name('MarkInfo'));
  const prefs = doc.catalog.lookup(name('ViewerPreferences'));
  const flag = (dict: unknown, key: string): boolean => dict instanceof PDFDict && dict.lookup(name(key)) === PDFBool.True;
  return {
    ...(structure !== undefined ? { structure } : {}),
    ...(xmp !== undefined ? { xmp } : {}),
    info,
    outline,
    pages,
    ...(lang !== undefined ? { lang } : {}),
    marked: flag(markInfo, 'Marked'),
    displayDocTitle: flag(prefs, 'DisplayDocTitle'),
  };
}

/**
 * Counts a content stream's text-showing operators by how they are marked:
 * inside a marked-content sequence with an MCID (tagged), inside an
 * /Artifact (artifact), or in neither.
 */
export function pageMarking(content: string): PageMarking {
  const stack: Array<'tagged' | 'artifact' | 'plain'> = [];
  let tagged = 0;
  let artifact = 0;
  let untagged = 0;
  let previousEnd = 0;
  for (const op of contentOperators(content)) {
    if (op.name === 'BDC' || op.name === 'BMC') {
      const operands = content.slice(previousEnd, op.start);
      const kind = /^\s*\/Artifact\b/.test(operands) ? 'artifact' : /\/MCID\s+\d+/.test(operands) ? 'tagged' : 'plain';
      stack.push(kind);
    } else if (op.name === 'EMC') {
      stack.pop();
    } else if (TEXT_SHOWING.has(op.name)) {
      // The innermost sequence that says something decides (a /Span with /ActualText inside a tagged one is tagged).
      const decisive = [...stack].reverse().find((k) => k !== 'plain');
      if (decisive === 'artifact') artifact += 1;
      else if (decisive === 'tagged') tagged += 1;
      else untagged += 1;
    }
    previousEnd = op.end;
  }
  return { tagged, artifact, untagged };
}

/** Every element of a type in a tree, in reading order. */
export function elementsOf(tree: StructNode | undefined, type: string): StructNode[] {
  if (tree === undefined) return [];
  return [...(tree.type === type ? [tree] : []), ...tree.kids.flatMap((k) => elementsOf(k, type))];
}

/**
 * The Figures of a structure tree with their alternative text, for the
 * check that every chart has one (PDF/UA-1 7.3): `alt` is undefined where a
 * Figure has no /Alt.
 */
export function figureAltTexts(tree: StructNode | undefined): Array<{ readonly page?: number; readonly alt?: string }> {
  return elementsOf(tree, 'Figure').map((f) => ({ ...(f.page !== undefined ? { page: f.page } : {}), ...(f.alt !== undefined ? { alt: f.alt } : {}) }));
}

/** Each Table of a structure tree with the number of its TH and TD cells. */
export function tableCells(tree: StructNode | undefined): Array<{ readonly th: number; readonly td: number }> {
  return elementsOf(tree, 'Table').map((table) => ({ th: elementsOf(table, 'TH').length, td: elementsOf(table, 'TD').length }));
}
