// The XMP packet: the PDF/UA identifier, the Info values said again, markup in
// a title escaped, and the same fields giving the same text.
import { describe, expect, it } from 'vitest';
import { xmlText, xmpPacket } from '../../../reports/render/pdf-xmp.js';

describe('xmpPacket', () => {
  const fields = {
    title: 'Budget <2022> & "plan"',
    lang: 'sv-SE',
    author: 'Västra Götalandsregionen',
    producer: 'Skia/PDF m156',
    created: new Date('2022-06-29T00:00:00Z'),
    modified: new Date('2022-06-29T00:00:00Z'),
  };

  it('claims PDF/UA-1 and carries the title in both languages, escaped', () => {
    const xmp = xmpPacket(fields);
    expect(xmp).toContain('<pdfuaid:part>1</pdfuaid:part>');
    expect(xmp).toContain('<rdf:li xml:lang="x-default">Budget &lt;2022&gt; &amp; &quot;plan&quot;</rdf:li><rdf:li xml:lang="sv-SE">');
    expect(xmp).toContain('<dc:creator><rdf:Seq><rdf:li>Västra Götalandsregionen</rdf:li></rdf:Seq></dc:creator>');
    expect(xmp).toContain('<xmp:CreateDate>2022-06-29T00:00:00Z</xmp:CreateDate>');
    expect(xmp).not.toContain('<script');
  });

  it('has no dates when the PDF has none, and is the same text for the same fields', () => {
    const undated = xmpPacket({ title: 'T', lang: 'sv-SE' });
    expect(undated).not.toMatch(/Date>/);
    expect(xmpPacket(fields)).toBe(xmpPacket({ ...fields }));
  });

  it('drops the characters XML 1.0 cannot carry', () => {
    expect(xmlText('a\u0000b\u001Fc\uD800d\u00e5')).toBe('abcdå');
  });
});
