/**
 * The running header and footer marked as artifacts (PDF/UA-1 7.8, ISO
 * 32000-1 14.8.2.2): content that is not part of the text a screen reader
 * reads, because it repeats on every page.
 *
 * What Chromium writes (checked on its output with `qpdf --qdf`): a page's
 * content stream is a transformation, then the page body in one top-level
 * `q … Q` block clipped to the content area and tagged with marked content
 * (MCIDs), then the header and footer templates, each in a block of its own
 * clipped to the whole page — untagged and not marked as artifacts. It also
 * leaves the body's last marked-content sequence (an empty `BT ET`) open and
 * closes it with an `EMC` inside the header's block.
 *
 * So, per page: marked content is closed where the graphics state it was
 * opened in ends (and the stray `EMC` dropped), and everything after the
 * body's block is wrapped in `/Artifact <</Type /Pagination>> BDC … EMC`.
 * Only operators are looked at; operands, strings and inline images are
 * copied as they are.
 */
import { RenderError, t } from '../../models/errors.js';

/** An operator of a content stream: its name and where its token starts and ends. */
export interface Operator {
  readonly name: string;
  readonly start: number;
  readonly end: number;
}

const WHITE = new Set([0x00, 0x09, 0x0a, 0x0c, 0x0d, 0x20]);
const DELIMITER = new Set([...'()<>[]{}/%'].map((c) => c.charCodeAt(0)));

/** The operators of a content stream (bytes as latin1 text, one character per byte), in order. */
export function contentOperators(text: string): Operator[] {
  const ops: Operator[] = [];
  const n = text.length;
  let i = 0;
  const code = (k: number): number => text.charCodeAt(k);
  while (i < n) {
    const c = code(i);
    if (WHITE.has(c)) {
      i += 1;
    } else if (c === 0x25 /* % */) {
      while (i < n && code(i) !== 0x0a && code(i) !== 0x0d) i += 1;
    } else if (c === 0x28 /* ( */) {
      let depth = 0;
      for (; i < n; i += 1) {
        const d = code(i);
        if (d === 0x5c /* \ */) i += 1;
        else if (d === 0x28) depth += 1;
        else if (d === 0x29 && --depth === 0) break;
      }
      i += 1;
    } else if (c === 0x3c /* < */ && code(i + 1) === 0x3c) {
      i += 2;
    } else if (c === 0x3e /* > */ && code(i + 1) === 0x3e) {
      i += 2;
    } else if (c === 0x3c) {
      const close = text.indexOf('>', i);
      i = close < 0 ? n : close + 1;
    } else if (c === 0x2f /* / */) {
      i += 1;
      while (i < n && !WHITE.has(code(i)) && !DELIMITER.has(code(i))) i += 1;
    } else if (DELIMITER.has(c)) {
      i += 1;
    } else {
      const start = i;
      while (i < n && !WHITE.has(code(i)) && !DELIMITER.has(code(i))) i += 1;
      const word = text.slice(start, i);
      if (/^[+-]?(\d+\.?\d*|\.\d+)$/.test(word) || word === 'true' || word === 'false' || word === 'null') continue;
      ops.push({ name: word, start, end: i });
      if (word === 'ID') {
        // Inline image data: binary up to `EI` standing alone.
        const m = /\sEI(?=[\s]|$)/g;
        m.lastIndex = i + 1;
        const found = m.exec(text);
        i = found === null ? n : found.index + 1;
      }
    }
  }
  return ops;
}

/** The artifact's opening: pagination artifacts, the running header and footer. */
const OPEN_ARTIFACT = '/Artifact <</Type /Pagination>> BDC\n';

/**
 * A page's content with everything after its body block marked as an
 * artifact, or undefined when there is nothing after it.
 *
 * @throws RenderError `E_PDF` when the content has no top-level `q … Q` block to call the body.
 */
export function markTemplatesAsArtifacts(text: string): string | undefined {
  const ops = contentOperators(text);
  // Edits of the text: at a position, remove some characters and put text in their place.
  const edits: Array<{ at: number; remove: number; text: string }> = [];
  const dropped = new Set<number>();
  let depth = 0;
  const open: number[] = []; // the q depth each open marked-content sequence began at
  let bodyEnd: number | undefined;
  let paintedAfter = false;
  ops.forEach((op, index) => {
    switch (op.name) {
      case 'q':
        depth += 1;
        break;
      case 'Q':
        // Marked content opened inside the state that ends here ends with it.
        while (open.length > 0 && open[open.length - 1]! >= depth) {
          open.pop();
          edits.push({ at: op.start, remove: 0, text: 'EMC\n' });
        }
        depth -= 1;
        if (depth === 0 && bodyEnd === undefined) bodyEnd = op.end;
        break;
      case 'BDC':
      case 'BMC':
        open.push(depth);
        break;
      case 'EMC':
        if (open.length === 0) dropped.add(index);
        else open.pop();
        break;
      default:
        if (bodyEnd !== undefined) paintedAfter = true;
    }
  });
  if (bodyEnd === undefined) throw new RenderError(t('Webbläsaren skrev en sida utan innehållsblock.', 'The browser wrote a page without a content block.'), 'E_PDF');
  if (!paintedAfter && edits.length === 0 && dropped.size === 0) return undefined;
  if (paintedAfter) {
    edits.push({ at: bodyEnd, remove: 0, text: `\n${OPEN_ARTIFACT}` });
    edits.push({ at: text.length, remove: 0, text: '\nEMC\n' });
  }
  for (const index of dropped) edits.push({ at: ops[index]!.start, remove: 'EMC'.length, text: '' });
  // From the end, so that the positions of the edits still to make stay valid.
  edits.sort((a, b) => b.at - a.at);
  let out = text;
  for (const e of edits) out = out.slice(0, e.at) + e.text + out.slice(e.at + e.remove);
  return out;
}

/**
 * Marks the running header and footer of every page as artifacts
 * ({@link markTemplatesAsArtifacts}), rewriting the pages' content streams
 * in place (same object numbers, deterministic compression).
 */
export function markPageTemplatesAsArtifacts(doc: import('pdf-lib').PDFDocument, lib: typeof import('pdf-lib')): void {
  const { PDFArray, PDFName, PDFRawStream, PDFRef, decodePDFRawStream } = lib;
  for (const page of doc.getPages()) {
    const contents = page.node.get(PDFName.of('Contents'));
    const refs = contents instanceof PDFRef ? [contents] : contents instanceof PDFArray ? contents.asArray().filter((r) => r instanceof PDFRef) : [];
    if (refs.length === 0) continue;
    const parts = refs.map((ref) => {
      const stream = doc.context.lookup(ref);
      if (!(stream instanceof PDFRawStream)) throw new RenderError(t('Webbläsaren skrev ett oläsligt sidinnehåll.', 'The browser wrote unreadable page content.'), 'E_PDF');
      return Buffer.from(decodePDFRawStream(stream).decode()).toString('latin1');
    });
    const marked = markTemplatesAsArtifacts(parts.join('\n'));
    if (marked === undefined) continue;
    const [first, ...rest] = refs;
    doc.context.assign(first!, doc.context.flateStream(Buffer.from(marked, 'latin1')));
    if (rest.length > 0) {
      page.node.set(PDFName.of('Contents'), first!);
      for (const ref of rest) doc.context.delete(ref);
    }
  }
}
