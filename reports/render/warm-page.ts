/**
 * Warm printing pages: a page that has printed one document keeps its
 * stylesheets (the embedded font's 400 KB of `@font-face` rules and
 * print.css), and the next document with the same styles only replaces the
 * head's other elements (title, meta) and the body. The fonts stay decoded
 * and the styles parsed, which is most of what loading a letter costs.
 *
 * A swapped page must print exactly what a freshly loaded one prints: the
 * shell (doctype, `<html>` with its attributes, every `<style>` of the head,
 * the `<body>` tag) is compared as text, and anything that differs loads the
 * document from scratch.
 */

/** A document cut into the part a warm page keeps and the parts it replaces. */
export interface DocumentParts {
  /** Everything a page keeps from one document to the next: doctype, `<html …>`, the head's styles, `<body …>`. */
  readonly shell: string;
  /** The head without its `<style>` elements (title, meta). */
  readonly head: string;
  /** The body's inner HTML. */
  readonly body: string;
}

const DOCUMENT = /^([\s\S]*?<head>)([\s\S]*?)<\/head>(\s*<body[^>]*>)([\s\S]*)<\/body>\s*<\/html>\s*$/i;
const STYLE = /<style\b[^>]*>[\s\S]*?<\/style>/gi;

/**
 * Cuts a complete HTML document (as the layouts write them) into its parts,
 * or undefined for a document of another shape (which is then always loaded
 * whole). Pure; runs in Node.
 */
export function documentParts(html: string): DocumentParts | undefined {
  const m = DOCUMENT.exec(html);
  if (m === null) return undefined;
  const [, open = '', headInner = '', bodyTag = '', body = ''] = m;
  // A script anywhere would run differently in a swapped page: such a document is always loaded whole.
  if (/<script\b/i.test(html)) return undefined;
  const styles = headInner.match(STYLE) ?? [];
  return { shell: `${open}${styles.join('\n')}</head>${bodyTag}`, head: headInner.replace(STYLE, ''), body };
}

/**
 * Replaces a loaded page's head elements other than its styles, and its
 * body, then waits for what the new content needs (fonts not used before,
 * images). To be passed to `page.evaluate`: it runs in the page, so it is
 * self-contained (the project compiles without the DOM library, so the
 * little of it used here is typed by hand).
 */
export async function swapDocumentInBrowser(head: string, body: string): Promise<void> {
  interface Node {
    readonly nodeName: string;
    remove(): void;
  }
  interface Element extends Node {
    innerHTML: string;
    readonly offsetHeight: number;
    readonly childNodes: ArrayLike<Node>;
    readonly content: { readonly childNodes: ArrayLike<Node> };
    prepend(...nodes: Node[]): void;
  }
  const doc = (globalThis as unknown as {
    document: {
      head: Element;
      body: Element;
      createElement(name: string): Element;
      fonts: { ready: Promise<unknown> };
      images: ArrayLike<{ decode(): Promise<void> }>;
    };
  }).document;
  for (const node of Array.from(doc.head.childNodes)) if (node.nodeName !== 'STYLE') node.remove();
  const fresh = doc.createElement('template');
  fresh.innerHTML = head;
  doc.head.prepend(...Array.from(fresh.content.childNodes));
  doc.body.innerHTML = body;
  // Layout starts the loading of any face the new text uses first; then wait for it.
  void doc.body.offsetHeight;
  await Promise.all(Array.from(doc.images).map((img) => img.decode().catch(() => undefined)));
  await doc.fonts.ready;
}
