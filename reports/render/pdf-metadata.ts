/**
 * The PDF's document information, set after Chromium has printed it.
 *
 * Chromium writes only Title (from `<title>`), its own Creator and Producer,
 * and the wall-clock time as CreationDate and ModDate. pdf-lib rewrites the
 * Info dictionary and the catalogue's /Lang; it carries every other object
 * over unchanged, so the tag structure (StructTreeRoot, MarkInfo) and the
 * outline Chromium made stay as they were (the tests check both).
 */
import { RenderError, t } from '../../models/errors.js';

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
export async function applyPdfMetadata(pdf: Uint8Array, meta: PdfMetadata): Promise<StampedPdf> {
  const { PDFDict, PDFDocument, PDFName } = await import('pdf-lib');
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
  // No object streams: the file stays readable by the oldest tools (and by eye).
  const bytes = await doc.save({ useObjectStreams: false, addDefaultPage: false, updateFieldAppearances: false });
  return { bytes, pages: doc.getPageCount() };
}
