// Golden files of the reports: a document's view model (with its charts as
// Plotly figure JSON) and its HTML as the renderer fills in the template, as
// text that a change to a document shows as a reviewable diff.
//
// Three things in the HTML are not the document's own and are written in
// short: a chart's SVG (drawn by Plotly in the browser) is a placeholder
// naming the chart, whose figure is in the JSON; an embedded font (some 30 kB
// of base64 per face) and a stylesheet of templates/css (the same in every
// document, and reviewed in its own file) are their SHA-256, so a change to
// either still shows, once per golden file, as one line.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import { templatesDir } from '../../reports/render/assets.js';
import { createTemplates } from '../../reports/render/templates.js';
import type { ReportDocument } from '../../reports/views/report-document.js';

/** The folder of the golden files, `test/golden/`. */
export const GOLDEN_DIR = dirname(fileURLToPath(import.meta.url));

/** `ANDEL_UPDATE_GOLDEN=1` rewrites the golden files instead of comparing with them. */
export const UPDATE = process.env['ANDEL_UPDATE_GOLDEN'] === '1';

/** A document as its golden JSON: everything the renderer is given, in a fixed order, two-space indented. */
export function documentJson(doc: ReportDocument): string {
  const { id, fileName, metadata, header, footer, viewModel, charts } = doc;
  return `${JSON.stringify({ id, fileName, metadata, header, footer, viewModel, charts }, plainJson, 2)}\n`;
}

/** A view model is plain data: anything else (a bigint, a Decimal, a function) is a bug the golden must not hide. */
function plainJson(this: unknown, key: string, value: unknown): unknown {
  if (typeof value === 'bigint' || typeof value === 'function' || typeof value === 'symbol') throw new Error(`not plain JSON at "${key}": ${typeof value}`);
  if (value !== null && typeof value === 'object' && !Array.isArray(value) && Object.getPrototypeOf(value) !== Object.prototype) {
    throw new Error(`not plain JSON at "${key}": ${(value as object).constructor?.name ?? 'object'}`);
  }
  return value;
}

const templates = createTemplates();

/** The placeholder that stands for a chart's SVG in a golden HTML file. */
export function chartPlaceholder(id: string): string {
  return `<svg data-chart="${id}"><!-- the figure is in the golden JSON --></svg>`;
}

/** A document's HTML as the renderer fills in its template (`layouts/document`, or e.g. `invoice`): charts as placeholders, fonts and stylesheets as their hash. */
export function documentHtml(doc: ReportDocument, template = 'layouts/document'): string {
  const charts = Object.fromEntries(Object.keys(doc.charts).map((id) => [id, chartPlaceholder(id)]));
  return shortenStylesheets(shortenFonts(templates.renderHtml(template, doc.viewModel, { charts })));
}

const sha256 = (data: string | Uint8Array): string => createHash('sha256').update(data).digest('hex');

/** Each embedded font's base64 as `sha256-<hex>` of its bytes. */
export function shortenFonts(html: string): string {
  return html.replace(/url\(data:font\/woff2;base64,([A-Za-z0-9+/=]+)\)/g, (_, data: string) => `url(data:font/woff2;sha256-${sha256(Buffer.from(data, 'base64'))})`);
}

/** Each stylesheet of `templates/css/` inlined in the HTML as a comment naming it and its hash. */
export function shortenStylesheets(html: string): string {
  const dir = join(templatesDir(), 'css');
  let out = html;
  for (const name of readdirSync(dir).filter((f) => f.endsWith('.css')).sort()) {
    const css = readFileSync(join(dir, name), 'utf8');
    out = out.replaceAll(css, `/* templates/css/${name} sha256-${sha256(css)} */\n`);
  }
  return out;
}

/**
 * Compares `actual` with the golden file `test/golden/<file>` byte for byte,
 * or writes it under `ANDEL_UPDATE_GOLDEN=1`. A missing golden file fails
 * with a hint, never passes. Soft: the test goes on, so one run shows every
 * file a change touches.
 */
export function expectGolden(file: string, actual: string): void {
  const path = join(GOLDEN_DIR, file);
  if (UPDATE) {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, actual);
    return;
  }
  const expected = existsSync(path) ? readFileSync(path, 'utf8') : undefined;
  expect.soft(expected !== undefined, `test/golden/${file} is missing: run ANDEL_UPDATE_GOLDEN=1 npx vitest run test/golden, then review and commit what it writes`).toBe(true);
  // toBe on the whole text shows a line diff of what changed; the message says how to accept it.
  if (expected !== undefined) expect.soft(actual, `test/golden/${file} differs; if the change is intended, run ANDEL_UPDATE_GOLDEN=1 npx vitest run test/golden and commit the diff`).toBe(expected);
}
