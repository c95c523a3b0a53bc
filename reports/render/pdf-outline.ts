/**
 * The bookmarks of a printed document, titled as its headings read.
 *
 * Chromium (`--generate-pdf-document-outline`, puppeteer's `outline: true`)
 * makes one bookmark per heading of the tagged structure, in document order
 * and nested by level, with the right page and place. Its titles, though,
 * are the heading's text runs glued together: a heading that wraps loses the
 * space at the break ("gemensaminvestering"), and a heading that starts a
 * page is painted in two fragments whose runs are both collected
 * ("BakgrundBakgrund", "DiagramDiagram"). The places are kept here and only
 * the titles are replaced, by the headings' text as the page itself reads
 * it; each replacement is checked against Chromium's title with the spaces
 * taken out, so a bookmark is never given another heading's name.
 */
import { RenderError, t } from '../../models/errors.js';

/** A heading of the printed page, in document order. */
export interface PageHeading {
  /** 1–6, from the element (`h2`) or its `aria-level`. */
  readonly level: number;
  /** The text as rendered, white space collapsed. */
  readonly text: string;
}

/**
 * The headings of a laid-out page, as the browser renders them (CSS applied,
 * hidden ones left out), to be passed to `page.evaluate`. It runs in the
 * page, so it is self-contained.
 */
export function pageHeadingsInBrowser(): Array<{ level: number; text: string }> {
  // The project compiles without the DOM library: the little of it used here, typed by hand.
  interface HeadingElement {
    readonly tagName: string;
    readonly innerText: string;
    getAttribute(name: string): string | null;
    getClientRects(): { readonly length: number };
  }
  const page = globalThis as unknown as { document: { querySelectorAll(selector: string): ArrayLike<HeadingElement> } };
  const out: Array<{ level: number; text: string }> = [];
  for (const el of Array.from(page.document.querySelectorAll('h1, h2, h3, h4, h5, h6, [role="heading"]'))) {
    if (el.getClientRects().length === 0) continue;
    const text = el.innerText.replace(/\s+/g, ' ').trim();
    if (text === '') continue;
    const named = /^H([1-6])$/.exec(el.tagName)?.[1];
    out.push({ level: Number(el.getAttribute('aria-level') ?? named ?? 2), text });
  }
  return out;
}

const squeeze = (text: string): string => text.replace(/\s+/g, '');

/** Chromium's title is the heading's text, perhaps doubled, perhaps without the spaces where lines broke. */
function sameHeading(chromium: string, heading: string): boolean {
  const a = squeeze(chromium);
  const b = squeeze(heading);
  return a === b || a === b + b;
}

/**
 * Gives each of Chromium's bookmarks its heading's text. Call it before any
 * bookmark is added (an appended Bilaga's).
 *
 * @throws RenderError `E_PDF` when the bookmarks are not the headings, one for one, in order.
 */
export function retitleOutline(doc: import('pdf-lib').PDFDocument, headings: readonly PageHeading[], lib: typeof import('pdf-lib')): void {
  const { PDFDict, PDFHexString, PDFName, PDFString } = lib;
  const root = doc.catalog.lookup(PDFName.of('Outlines'));
  const items: import('pdf-lib').PDFDict[] = [];
  const walk = (first: unknown): void => {
    let item = first;
    while (item instanceof PDFDict) {
      items.push(item);
      walk(item.lookup(PDFName.of('First')));
      item = item.lookup(PDFName.of('Next'));
    }
  };
  if (root instanceof PDFDict) walk(root.lookup(PDFName.of('First')));
  if (items.length === 0 && headings.length === 0) return;
  const titleOf = (item: import('pdf-lib').PDFDict): string => {
    const title = item.lookup(PDFName.of('Title'));
    return title instanceof PDFString || title instanceof PDFHexString ? title.decodeText() : '';
  };
  const mismatch = items.length !== headings.length ? -1 : items.findIndex((item, i) => !sameHeading(titleOf(item), headings[i]!.text));
  if (items.length !== headings.length || mismatch >= 0) {
    const what =
      mismatch >= 0
        ? `«${titleOf(items[mismatch]!)}» ≠ «${headings[mismatch]!.text}»`
        : `${items.length} ≠ ${headings.length}`;
    throw new RenderError(
      t(`Webbläsarens bokmärken motsvarar inte dokumentets rubriker (${what}).`, `The browser's bookmarks do not match the document's headings (${what}).`),
      'E_PDF',
    );
  }
  items.forEach((item, i) => item.set(PDFName.of('Title'), PDFHexString.fromText(headings[i]!.text)));
}
