/**
 * The native peer of `npm run bench`'s letters: Typst (its npm compiler, a
 * native binary) printing the same letters from the same view models. Run as
 * a child process and timed as a whole, like `andel report letters`:
 *
 *   node dist/bench/typst-letters.js INPUT.json OUT_DIR
 *
 * INPUT.json holds, per letter, andel's view model, running header and
 * footer, and the chart as SVG (Typst cannot run Plotly; WeasyPrint gets the
 * same SVG inline in andel's HTML). The Typst source is generated here, in
 * the timed process, block by block: letterhead and recipient, headings,
 * text, the payment box, facts and tables, lists, the chart, sections.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** One letter as the bench hands it over. */
export interface TypstLetter {
  readonly fileName: string;
  readonly viewModel: { readonly title: string; readonly blocks?: readonly unknown[] };
  readonly header?: { readonly scheme: string; readonly kind: string };
  readonly footer?: { readonly date: string; readonly stamp: string };
  /** Chart SVG by the id the view model's chart blocks name. */
  readonly charts: Readonly<Record<string, string>>;
}

type Rec = Record<string, unknown>;
const isRec = (v: unknown): v is Rec => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

/** Text as a Typst string literal (markup never interprets it). */
const lit = (s: string): string => `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`;
const text = (s: string): string => `#${lit(s)}`;

function facts(items: unknown): string {
  const cells = list(items)
    .filter(isRec)
    .flatMap((f) => [`text(fill: luma(90), ${lit(str(f['label']))})`, lit(str(f['value']))]);
  if (cells.length === 0) return '';
  return `#table(columns: (38%, 1fr), stroke: (x: none, y: 0.5pt + luma(200)), inset: 4pt, ${cells.join(', ')})\n`;
}

function block(b: unknown, charts: Readonly<Record<string, string>>, out: string[]): void {
  if (!isRec(b)) return;
  switch (b['type']) {
    case 'letterhead': {
      const sender = isRec(b['sender']) ? b['sender'] : {};
      out.push(`#line(length: 100%, stroke: 2pt + rgb("#1f4e79"))\n#grid(columns: (1fr, auto), strong(${lit(str(sender['name']))}), [${list(b['facts']).filter(isRec).map((f) => `${text(str(f['label']))} #h(1em) *${text(str(f['value']))}*`).join(' \\ ')}])\n`);
      for (const line of list(sender['lines'])) out.push(`${text(str(line))}\\\n`);
      out.push(`#v(8mm)\n#pad(left: 45%)[${list(b['recipient']).map((l) => text(str(l))).join(' \\ ')}]\n#v(10mm)\n`);
      return;
    }
    case 'heading':
      out.push(`#heading(level: ${Number(b['level'] ?? 2)}, ${lit(str(b['text']))})\n`);
      return;
    case 'text':
      for (const p of list(b['paragraphs'])) out.push(`${text(str(p))}\n\n`);
      return;
    case 'list':
      for (const item of list(b['items'])) out.push(`${b['ordered'] === true ? '+' : '-'} ${text(str(item))}\n`);
      out.push('\n');
      return;
    case 'facts':
      out.push(facts(b['items']));
      return;
    case 'payment':
    case 'notice':
    case 'key-figures': {
      const inner: string[] = [];
      if (str(b['heading']) !== '') inner.push(`#text(size: 13pt, weight: "semibold", fill: rgb("#1f4e79"), ${lit(str(b['heading']))})\n\n`);
      const amount = isRec(b['amount']) ? b['amount'] : undefined;
      if (amount !== undefined) inner.push(`${text(str(amount['label']))} #h(1em) #text(size: 16pt, weight: "bold", ${lit(str(amount['value']))})\n\n`);
      for (const item of list(b['items']).filter(isRec)) inner.push(`${text(str(item['label']))} #h(1em) *${text(str(item['value']))}*\n\n`);
      inner.push(facts(b['facts']));
      for (const p of list(b['paragraphs'])) inner.push(`#text(size: 9pt, ${lit(str(p))})\n\n`);
      out.push(`#block(width: 100%, inset: 8pt, stroke: (left: 3pt + rgb("#1f4e79"), rest: 0.5pt + luma(200)))[\n${inner.join('')}]\n`);
      return;
    }
    case 'table': {
      const columns = list(b['columns']).filter(isRec);
      const rows = [...list(b['rows']), ...list(b['totals'])].filter(isRec);
      const head = columns.map((c) => `strong(${lit(str(c['label']))})`);
      const body = rows.flatMap((r) => list(r['cells']).map((c) => (r['total'] === true ? `strong(${lit(str(c))})` : lit(str(c)))));
      const align = columns.map((c) => (c['numeric'] === true ? 'right' : 'left')).join(', ');
      if (str(b['caption']) !== '') out.push(`*${text(str(b['caption']))}*\n\n`);
      out.push(`#table(columns: ${columns.length}, align: (${align},), stroke: (x: none, y: 0.5pt + luma(200)), table.header(${head.join(', ')}), ${body.join(', ')})\n`);
      for (const n of list(b['notes'])) out.push(`#text(size: 8pt, ${lit(str(n))})\n\n`);
      return;
    }
    case 'chart': {
      const svg = charts[str(b['chart'])];
      if (svg !== undefined) out.push(`#figure(image(bytes(${lit(svg)}), format: "svg", width: 100%, alt: ${lit(str(b['alt']))}), caption: ${lit(str(b['caption']))})\n`);
      if (str(b['source']) !== '') out.push(`#text(size: 8pt, ${lit(`Källa: ${str(b['source'])}`)})\n\n`);
      return;
    }
    case 'section':
      if (str(b['heading']) !== '') out.push(`#heading(level: ${Number(b['level'] ?? 2)}, ${lit(str(b['heading']))})\n`);
      for (const inner of list(b['blocks'])) block(inner, charts, out);
      return;
    case 'page-break':
      out.push('#pagebreak()\n');
      return;
    default:
      // Closing, signatures and anything else: their text, in order.
      for (const [key, value] of Object.entries(b)) {
        if (key === 'type') continue;
        if (typeof value === 'string') out.push(`${text(value)}\n\n`);
        else for (const v of list(value)) if (typeof v === 'string') out.push(`${text(v)}\n\n`);
      }
  }
}

/** The Typst source of one letter: A4, the same margins, running header and footer, the blocks. */
export function typstSource(letter: TypstLetter): string {
  const out: string[] = [
    `#set document(title: ${lit(letter.viewModel.title)})\n`,
    '#set text(lang: "sv", size: 10.5pt)\n',
    '#set par(justify: false, leading: 0.6em)\n',
    '#show heading: set text(fill: rgb("#1f4e79"))\n',
  ];
  const header = letter.header === undefined ? 'none' : `[#set text(size: 8pt, fill: luma(74)); ${text(letter.header.scheme)} #h(1fr) ${text(letter.header.kind)} #v(-0.6em) #line(length: 100%, stroke: 0.5pt + luma(160))]`;
  const footer =
    letter.footer === undefined
      ? 'none'
      : `context [#set text(size: 8pt, fill: luma(74)); #line(length: 100%, stroke: 0.5pt + luma(160)) #v(-0.6em) ${text(letter.footer.date)} #h(1fr) ${text(letter.footer.stamp)} #h(1fr) Sida #counter(page).display() av #counter(page).final().first()]`;
  out.push(`#set page(paper: "a4", margin: (top: 24mm, right: 18mm, bottom: 22mm, left: 18mm), header: ${header}, footer: ${footer})\n`);
  for (const b of letter.viewModel.blocks ?? []) block(b, letter.charts, out);
  return out.join('');
}

async function main(): Promise<void> {
  const [input, outDir] = process.argv.slice(2);
  if (input === undefined || outDir === undefined) throw new Error('usage: typst-letters INPUT.json OUT_DIR');
  const { NodeCompiler } = await import('@myriaddreamin/typst-ts-node-compiler');
  const letters = JSON.parse(readFileSync(input, 'utf8')) as TypstLetter[];
  mkdirSync(outDir, { recursive: true });
  const compiler = NodeCompiler.create();
  for (const letter of letters) {
    // Tagged, as andel's letters are; dated by a fixed time so that the output is reproducible.
    const pdf = compiler.pdf({ mainFileContent: typstSource(letter) }, { pdfTags: true, creationTimestamp: 1_656_460_800 });
    writeFileSync(join(outDir, letter.fileName), pdf);
    compiler.evictCache(10);
  }
}

if (process.argv[1]?.endsWith('typst-letters.js') === true) {
  main().catch((error: unknown) => {
    process.stderr.write(`typst-letters: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  });
}
