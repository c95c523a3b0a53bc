/**
 * The PDF's XMP metadata packet: what PDF/UA-1 (ISO 14289-1, 5 and 7.1)
 * asks of a document's metadata — the PDF/UA identifier and a dc:title —
 * and the rest of the Info dictionary said again in XMP, value for value,
 * so that the two never disagree.
 *
 * The packet is a fixed template with five kinds of text put into it, so it
 * is written here with careful escaping rather than a builder: the XML
 * builders in node_modules (`xml`, `xml-js`) are only there as docx's
 * dependencies, undeclared by andel and unmaintained for years. Every value
 * goes through {@link xmlText}, which escapes the markup characters and
 * drops the characters XML 1.0 cannot carry.
 */

/** What the packet says; each field as the Info dictionary has it. */
export interface XmpFields {
  readonly title: string;
  /** BCP 47, e.g. `sv-SE`: dc:language and the title's second language alternative. */
  readonly lang: string;
  readonly author?: string;
  readonly subject?: string;
  /** The Info dictionary's Keywords, as one string. */
  readonly keywords?: string;
  /** The application that made the document (xmp:CreatorTool). */
  readonly creator?: string;
  /** The application that wrote the PDF (pdf:Producer). */
  readonly producer?: string;
  /** CreationDate and ModDate; absent, the packet carries no dates either (the same inputs give the same bytes). */
  readonly created?: Date;
  readonly modified?: Date;
}

/** The PDF/UA part this packet claims. */
export const PDFUA_PART = 1;

/**
 * XML character data for a value: `&`, `<`, `>` and quotes escaped, and the
 * characters XML 1.0 forbids (most C0 controls, lone surrogates, U+FFFE/F) left out.
 */
export function xmlText(value: string): string {
  return value
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

/** An XMP date: ISO 8601 to the second in UTC, as the Info dictionary's `D:YYYYMMDDHHmmSSZ`. */
function xmpDate(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/**
 * The XMP packet as UTF-8 text, deterministic: the same fields give the same text.
 *
 * @example
 * xmpPacket({ title: 'Översikt', lang: 'sv-SE' }); // '<?xpacket begin="\uFEFF" …<pdfuaid:part>1</pdfuaid:part>…'
 */
export function xmpPacket(fields: XmpFields): string {
  const lang = xmlText(fields.lang);
  const title = xmlText(fields.title);
  const lines = [
    `<pdfuaid:part>${PDFUA_PART}</pdfuaid:part>`,
    '<dc:format>application/pdf</dc:format>',
    `<dc:title><rdf:Alt><rdf:li xml:lang="x-default">${title}</rdf:li><rdf:li xml:lang="${lang}">${title}</rdf:li></rdf:Alt></dc:title>`,
    `<dc:language><rdf:Bag><rdf:li>${lang}</rdf:li></rdf:Bag></dc:language>`,
    ...(fields.author !== undefined ? [`<dc:creator><rdf:Seq><rdf:li>${xmlText(fields.author)}</rdf:li></rdf:Seq></dc:creator>`] : []),
    ...(fields.subject !== undefined ? [`<dc:description><rdf:Alt><rdf:li xml:lang="x-default">${xmlText(fields.subject)}</rdf:li></rdf:Alt></dc:description>`] : []),
    ...(fields.keywords !== undefined ? [`<pdf:Keywords>${xmlText(fields.keywords)}</pdf:Keywords>`] : []),
    ...(fields.producer !== undefined ? [`<pdf:Producer>${xmlText(fields.producer)}</pdf:Producer>`] : []),
    ...(fields.creator !== undefined ? [`<xmp:CreatorTool>${xmlText(fields.creator)}</xmp:CreatorTool>`] : []),
    ...(fields.created !== undefined ? [`<xmp:CreateDate>${xmpDate(fields.created)}</xmp:CreateDate>`] : []),
    ...(fields.modified !== undefined ? [`<xmp:ModifyDate>${xmpDate(fields.modified)}</xmp:ModifyDate>`, `<xmp:MetadataDate>${xmpDate(fields.modified)}</xmp:MetadataDate>`] : []),
  ];
  return [
    '<?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?>',
    '<x:xmpmeta xmlns:x="adobe:ns:meta/">',
    ' <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">',
    '  <rdf:Description rdf:about=""',
    '    xmlns:dc="http://purl.org/dc/elements/1.1/"',
    '    xmlns:pdf="http://ns.adobe.com/pdf/1.3/"',
    '    xmlns:xmp="http://ns.adobe.com/xap/1.0/"',
    '    xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/">',
    ...lines.map((l) => `   ${l}`),
    '  </rdf:Description>',
    ' </rdf:RDF>',
    '</x:xmpmeta>',
    '<?xpacket end="r"?>',
    '',
  ].join('\n');
}
