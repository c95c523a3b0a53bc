// How a document is cut for a warm printing page: what the page keeps (the
// shell) and what it swaps (title and meta, the body).
import { describe, expect, it } from 'vitest';
import { documentParts } from '../../../reports/render/warm-page.js';

const doc = (style: string, title: string, body: string): string =>
  `<!doctype html>\n<html lang="sv">\n<head>\n<meta charset="utf-8">\n<title>${title}</title>\n<style>\n${style}\n</style>\n</head>\n<body>\n${body}\n</body>\n</html>\n`;

describe('documentParts', () => {
  it('keeps the styles in the shell and swaps the title and the body', () => {
    const parts = documentParts(doc('p{color:red}', 'Brev till Ale', '<main><p>Ale</p></main>'));
    expect(parts).toBeDefined();
    expect(parts?.shell).toContain('<style>\np{color:red}\n</style>');
    expect(parts?.shell).toContain('<html lang="sv">');
    expect(parts?.shell).not.toContain('Brev till Ale');
    expect(parts?.head).toContain('<title>Brev till Ale</title>');
    expect(parts?.head).not.toContain('<style>');
    expect(parts?.body).toBe('\n<main><p>Ale</p></main>\n');
  });

  it('gives two documents with the same styles one shell, and different styles different shells', () => {
    const a = documentParts(doc('p{color:red}', 'A', '<p>A</p>'));
    const b = documentParts(doc('p{color:red}', 'B', '<p>B</p>'));
    const c = documentParts(doc('p{color:blue}', 'A', '<p>A</p>'));
    expect(a?.shell).toBe(b?.shell);
    expect(c?.shell).not.toBe(a?.shell);
    // The language and the body's attributes are part of the shell too.
    expect(documentParts(doc('p{color:red}', 'A', '<p>A</p>').replace('lang="sv"', 'lang="en"'))?.shell).not.toBe(a?.shell);
    expect(documentParts(doc('p{color:red}', 'A', '<p>A</p>').replace('<body>', '<body class="x">'))?.shell).not.toBe(a?.shell);
  });

  it('leaves documents with scripts, or of another shape, to be loaded whole', () => {
    expect(documentParts(doc('p{}', 'A', '<script>1</script>'))).toBeUndefined();
    expect(documentParts('<!doctype html><title>Utan head</title><p>Text</p>')).toBeUndefined();
    expect(documentParts('')).toBeUndefined();
  });
});
