/**
 * The PDF's document information, set after Chromium has printed it.
 *
 * Chromium writes only Title (from `<title>`), its own Creator and Producer,
 * and the wall-clock time as CreationDate and ModDate. pdf-lib rewrites the
 * Info dictionary and the catalogue's /Lang, adds an XMP packet that says
 * the same with the PDF/UA identifier, retitles the outline Chromium made by
 * the headings (`pdf-outline.ts`) and marks the running header and footer as
 * artifacts (`pdf-artifacts.ts`); it carries every other object over
 * unchanged, so the tag structure (StructTreeRoot, MarkInfo) stays as it was
 * (the tests check it).
 */
import { RenderError, t } from '../../models/errors.js';
import { markPageTemplatesAsArtifacts } from './pdf-artifacts.js';
import { retitleOutline, type PageHeading } from './pdf-outline.js';
import { xmpPacket } from './pdf-xmp.js';

/** What is written into the PDF's Info dictionary and catalogue. */
export interface PdfMetadata {
  readonly title: string;
  readonly author?: string;
  readonly subject?: string;
  readonly keywords?: readonly string[];
  /** BCP 47 language of the text; `sv-SE` when absent. */
  readonly lang?: string;
  /** The application that made the document; `andel` when absent. */
  readonly creator?: string;
  /**
   * CreationDate and ModDate. Absent: the PDF carries no dates at all, so
   * the same inputs give the same file. `'now'`: the wall clock, when a user
   * asks for it.
   */
  readonly creationDate?: Date | 'now';
}

/** A PDF to append after the printed pages, with the title of its bookmark. */
export interface PdfAppendix {
  readonly title: string;
  readonly bytes: Uint8Array;
  /** Where it came from, for the error message when it cannot be read. */
  readonly file?: string;
}

/** What the printed page told about itself, for the corrections made after printing. */
export interface PrintedPage {
  /**
   * The page's headings in document order: Chromium's bookmarks are
   * retitled with them. Absent: the bookmarks are left as Chromium made them.
   */
  readonly headings?: readonly PageHeading[];
  /** Chromium printed the header and footer templates: they are marked as artifacts. */
  readonly headerFooter?: boolean;
}

/** The result of {@link applyPdfMetadata}. */
export interface StampedPdf {
  readonly bytes: Uint8Array;
  readonly pages: number;
}

/**
 * Sets Title, Author, Subject, Keywords, Creator, the dates and the language
 * of a PDF, keeping Chromium's Producer (it says which engine printed it).
 *
 * @throws RenderError `E_PDF` when the bytes are not a PDF pdf-lib can read.
 */
export async function applyPdfMetadata(
  pdf: Uint8Array,
  meta: PdfMetadata,
  appendices: readonly PdfAppendix[] = [],
  printed: PrintedPage = {},
): Promise<StampedPdf> {
  const lib = await import('pdf-lib');
  const { PDFDict, PDFDocument, PDFName } = lib;
  let doc;
  try {
    doc = await PDFDocument.load(pdf, { updateMetadata: false });
  } catch (cause) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    throw new RenderError(t(`Webbläsaren skrev en trasig PDF: ${reason}`, `The browser wrote a broken PDF: ${reason}`), 'E_PDF');
  }
  // showInWindowTitleBar: viewers show the title instead of the file name.
  doc.setTitle(meta.title, { showInWindowTitleBar: true });
  if (meta.author !== undefined) doc.setAuthor(meta.author);
  if (meta.subject !== undefined) doc.setSubject(meta.subject);
  if (meta.keywords !== undefined && meta.keywords.length > 0) doc.setKeywords([...meta.keywords]);
  doc.setCreator(meta.creator ?? 'andel');
  doc.setLanguage(meta.lang ?? 'sv-SE');
  if (meta.creationDate !== undefined) {
    const date = meta.creationDate === 'now' ? new Date() : meta.creationDate;
    doc.setCreationDate(date);
    doc.setModificationDate(date);
  } else {
    const info = doc.context.lookup(doc.context.trailerInfo.Info);
    if (info instanceof PDFDict) {
      info.delete(PDFName.of('CreationDate'));
      info.delete(PDFName.of('ModDate'));
    }
  }
  if (printed.headings !== undefined) retitleOutline(doc, printed.headings, lib);
  if (printed.headerFooter === true) markPageTemplatesAsArtifacts(doc, lib);
  renumberStructureIds(doc, lib);
  for (const appendix of appendices) await appendPdf(doc, appendix, lib);
  markAccessible(doc, meta.lang ?? 'sv-SE', lib);
  // No object streams: the file stays readable by the oldest tools (and by eye).
  const bytes = await doc.save({ useObjectStreams: false, addDefaultPage: false, updateFieldAppearances: false });
  return { bytes, pages: doc.getPageCount() };
}

type PdfLib = typeof import('pdf-lib');

/**
 * The catalogue's XMP metadata stream (uncompressed, as PDF/A and PDF/UA
 * readers expect) with the Info dictionary's values, and the entries PDF/UA
 * asks of a tagged document: /MarkInfo Marked, the title shown in the
 * window. The dates are the Info dictionary's, so the same inputs still
 * give the same bytes.
 */
function markAccessible(doc: import('pdf-lib').PDFDocument, lang: string, lib: PdfLib): void {
  const { PDFBool, PDFDict, PDFHexString, PDFName, PDFString } = lib;
  const info = doc.context.lookup(doc.context.trailerInfo.Info);
  const field = (key: string): string | undefined => {
    const value = info instanceof PDFDict ? info.lookup(PDFName.of(key)) : undefined;
    return value instanceof PDFString || value instanceof PDFHexString ? value.decodeText() : undefined;
  };
  const date = (key: string): Date | undefined => {
    const value = info instanceof PDFDict ? info.lookup(PDFName.of(key)) : undefined;
    return value instanceof PDFString || value instanceof PDFHexString ? value.decodeDate() : undefined;
  };
  const xml = xmpPacket({
    title: field('Title') ?? '',
    lang,
    author: field('Author'),
    subject: field('Subject'),
    keywords: field('Keywords'),
    creator: field('Creator'),
    producer: field('Producer'),
    created: date('CreationDate'),
    modified: date('ModDate'),
  });
  const stream = doc.context.stream(new TextEncoder().encode(xml), { Type: 'Metadata', Subtype: 'XML' });
  doc.catalog.set(PDFName.of('Metadata'), doc.context.register(stream));
  if (doc.catalog.has(PDFName.of('StructTreeRoot'))) {
    const mark = doc.catalog.lookup(PDFName.of('MarkInfo'));
    if (mark instanceof PDFDict) mark.set(PDFName.of('Marked'), PDFBool.True);
    else doc.catalog.set(PDFName.of('MarkInfo'), doc.context.obj({ Marked: true }));
  }
  const prefs = doc.catalog.lookup(PDFName.of('ViewerPreferences'));
  if (prefs instanceof PDFDict) prefs.set(PDFName.of('DisplayDocTitle'), PDFBool.True);
  else doc.catalog.set(PDFName.of('ViewerPreferences'), doc.context.obj({ DisplayDocTitle: true }));
}

/**
 * Appends an attachment's pages after the document's own and adds a
 * top-level bookmark to its first page, after Chromium's bookmarks of the
 * headings. Copying is deterministic: the same files give the same bytes.
 * The copied pages leave the attachment's tag structure behind (their
 * `StructParents` would point into this document's tree).
 *
 * @throws RenderError `E_ATTACHMENT` when the attachment cannot be read or has no pages.
 */
async function appendPdf(doc: import('pdf-lib').PDFDocument, appendix: PdfAppendix, lib: PdfLib): Promise<void> {
  const { PDFDict, PDFDocument, PDFHexString, PDFName, PDFNumber, PDFRef } = lib;
  const what = appendix.file !== undefined ? `${appendix.title} (${appendix.file})` : appendix.title;
  let source;
  try {
    source = await PDFDocument.load(appendix.bytes, { updateMetadata: false });
  } catch (cause) {
    const reason = cause instanceof Error ? cause.message.split('\n')[0] : String(cause);
    throw new RenderError(t(`Bilagan ${what} kan inte läsas som PDF: ${reason}`, `The attachment ${what} cannot be read as a PDF: ${reason}`), 'E_ATTACHMENT');
  }
  if (source.getPageCount() === 0) throw new RenderError(t(`Bilagan ${what} har inga sidor.`, `The attachment ${what} has no pages.`), 'E_ATTACHMENT');
  const pages = await doc.copyPages(source, source.getPageIndices());
  for (const page of pages) {
    page.node.delete(PDFName.of('StructParents'));
    doc.addPage(page);
  }

  const context = doc.context;
  const OUTLINES = PDFName.of('Outlines');
  let rootRef = doc.catalog.get(OUTLINES);
  if (!(rootRef instanceof PDFRef)) {
    rootRef = context.register(context.obj({ Type: 'Outlines', Count: 0 }));
    doc.catalog.set(OUTLINES, rootRef);
  }
  const root = context.lookup(rootRef, PDFDict);
  const last = root.get(PDFName.of('Last'));
  const item = context.obj({ Title: PDFHexString.fromText(appendix.title), Parent: rootRef, Dest: [pages[0]!.ref, 'Fit'] });
  const itemRef = context.register(item);
  if (last instanceof PDFRef) {
    item.set(PDFName.of('Prev'), last);
    context.lookup(last, PDFDict).set(PDFName.of('Next'), itemRef);
  } else {
    root.set(PDFName.of('First'), itemRef);
  }
  root.set(PDFName.of('Last'), itemRef);
  const count = root.lookup(PDFName.of('Count'));
  root.set(PDFName.of('Count'), PDFNumber.of((count instanceof PDFNumber ? Math.abs(count.asNumber()) : 0) + 1));
}

const NODE_ID = /^node\d+$/;

/**
 * Chromium names the structure elements it tags (`/ID (node00000043)`, and
 * the table headers a cell refers to) after counters inside the browser,
 * which depend on what the page printed before: the same document printed
 * twice would differ in these bytes alone. They are renamed here in the
 * order the elements appear in the file, which the document alone decides,
 * and the ID tree is rebuilt in the new names' order.
 */
function renumberStructureIds(doc: import('pdf-lib').PDFDocument, lib: PdfLib): void {
  const { PDFArray, PDFDict, PDFHexString, PDFName, PDFRef, PDFString } = lib;
  const names = new Map<string, string>();
  const rename = (old: string): string => {
    let fresh = names.get(old);
    if (fresh === undefined) {
      fresh = `node${String(names.size + 1).padStart(8, '0')}`;
      names.set(old, fresh);
    }
    return fresh;
  };
  const idText = (value: unknown): string | undefined => {
    const text = value instanceof PDFString || value instanceof PDFHexString ? value.decodeText() : undefined;
    return text !== undefined && NODE_ID.test(text) ? text : undefined;
  };
  const ID = PDFName.of('ID');
  const HEADERS = PDFName.of('Headers');
  const visit = (value: unknown): void => {
    if (value instanceof PDFDict) {
      for (const [key, entry] of value.entries()) {
        const id = key === ID ? idText(entry) : undefined;
        if (id !== undefined) value.set(key, PDFString.of(rename(id)));
        else if (key === HEADERS && entry instanceof PDFArray) {
          for (let i = 0; i < entry.size(); i += 1) {
            const header = idText(entry.get(i));
            if (header !== undefined) entry.set(i, PDFString.of(rename(header)));
          }
        } else visit(entry);
      }
    } else if (value instanceof PDFArray) {
      for (let i = 0; i < value.size(); i += 1) visit(value.get(i));
    }
  };
  for (const [, object] of doc.context.enumerateIndirectObjects()) visit(object);
  if (names.size === 0) return;

  const root = doc.catalog.lookup(PDFName.of('StructTreeRoot'));
  const tree = root instanceof PDFDict ? root.lookup(PDFName.of('IDTree')) : undefined;
  if (!(tree instanceof PDFDict)) return;
  // Gather the (name, element) pairs from the whole name tree, leaves and all.
  const pairs: Array<[string, import('pdf-lib').PDFObject]> = [];
  const leaves: import('pdf-lib').PDFRef[] = [];
  const gather = (node: import('pdf-lib').PDFDict): void => {
    const list = node.lookup(PDFName.of('Names'));
    if (list instanceof PDFArray) {
      for (let i = 0; i + 1 < list.size(); i += 2) {
        const id = idText(list.get(i));
        const target = list.get(i + 1);
        if (id !== undefined && target !== undefined) pairs.push([rename(id), target]);
      }
    }
    const kids = node.lookup(PDFName.of('Kids'));
    if (kids instanceof PDFArray) {
      for (let i = 0; i < kids.size(); i += 1) {
        const ref = kids.get(i);
        if (ref instanceof PDFRef) leaves.push(ref);
        const kid = kids.lookup(i);
        if (kid instanceof PDFDict) gather(kid);
      }
    }
  };
  gather(tree);
  pairs.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const flat = doc.context.obj([]);
  for (const [name, target] of pairs) {
    flat.push(PDFString.of(name));
    flat.push(target);
  }
  tree.set(PDFName.of('Names'), flat);
  tree.delete(PDFName.of('Kids'));
  tree.delete(PDFName.of('Limits'));
  // The old branches and leaves are no longer referenced: drop them, names and all.
  for (const ref of leaves) doc.context.delete(ref);
}
