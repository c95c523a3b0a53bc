// Reading a Word file back the way a person's tools do: unzip its parts and
// take the text of its runs, paragraph by paragraph, with each paragraph's
// style, so that tests can compare it with the PDF's text.
import { execFileSync } from 'node:child_process';

/** One part of a .docx (a zip entry) as text. */
export function docxPart(file: string, part: string): string {
  return execFileSync('unzip', ['-p', file, part], { encoding: 'utf8', maxBuffer: 64 << 20 });
}

/** The names of a .docx's parts. */
export function docxParts(file: string): string[] {
  return execFileSync('unzip', ['-Z1', file], { encoding: 'utf8' }).split('\n').filter((l) => l !== '');
}

function decode(xml: string): string {
  return xml.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
}

/** A paragraph of the document: its style (e.g. `Heading2`) and the text of its `w:t` runs. */
export interface DocxParagraph {
  readonly style: string | undefined;
  readonly text: string;
}

/** The paragraphs of a WordprocessingML part, in order (those in tables included). */
export function docxParagraphs(xml: string): DocxParagraph[] {
  return [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((m) => {
    const p = m[0];
    const style = /<w:pStyle w:val="([^"]*)"/.exec(p)?.[1];
    const text = [...p.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((t) => decode(t[1] ?? '')).join('');
    return { style, text };
  });
}

/** The text inside an SVG's `<text>` elements (a chart's labels). */
export function svgText(svg: string): string {
  return [...svg.matchAll(/<text[^>]*>([\s\S]*?)<\/text>/g)].map((m) => decode((m[1] ?? '').replace(/<[^>]+>/g, ' '))).join(' ');
}

/** Any run of white space (no-break spaces too) as one space. */
export function squeeze(text: string): string {
  return text.replace(/[\s\u00a0\u202f\u2009]+/g, ' ').trim();
}
