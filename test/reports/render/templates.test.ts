import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RenderError } from '../../../models/errors.js';
import { createTemplates, renderHtml } from '../../../reports/render/templates.js';
import { sampleDocument } from './fixtures.js';

const templates = createTemplates();

/** Every template file under templates/, with its text. */
function templateFiles(): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  const walk = (dir: string): void => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const full = join(dir, e.name);
      if (e.isDirectory()) walk(full);
      else if (e.name.endsWith('.hbs')) out.push([full, readFileSync(full, 'utf8')]);
    }
  };
  walk(templates.dir);
  return out;
}

function renderError(fn: () => unknown): RenderError {
  try {
    fn();
  } catch (error) {
    if (error instanceof RenderError) return error;
    throw error;
  }
  throw new Error('expected a RenderError');
}

describe('the template environment', () => {
  it('finds the project templates from the source tree', () => {
    expect(templates.dir.endsWith('templates')).toBe(true);
    expect(templateFiles().map(([f]) => f.slice(templates.dir.length + 1))).toContain(join('layouts', 'document.hbs'));
  });

  it('never inserts view-model text unescaped: no triple-stash or & in any template', () => {
    for (const [file, text] of templateFiles()) {
      expect(text, file).not.toMatch(/\{\{\{/);
      expect(text, file).not.toMatch(/\{\{~?&/);
    }
  });

  it('escapes markup a user typed, wherever it lands', () => {
    const hostile = '<script>alert(1)</script><img src=http://127.0.0.1:9/x>';
    const vm = sampleDocument(hostile);
    const html = renderHtml('layouts/document', {
      ...vm,
      blocks: [
        { type: 'heading', level: 2, text: hostile },
        { type: 'text', paragraphs: [hostile] },
        { type: 'table', columns: [{ label: hostile }], rows: [{ cells: [hostile] }] },
        { type: 'facts', items: [{ label: hostile, value: hostile }] },
        { type: 'key-figures', label: `"${hostile}`, items: [{ label: hostile, value: hostile, note: hostile }] },
        { type: 'list', items: [hostile] },
        { type: 'chart', chart: 'c', alt: `"${hostile}` },
      ],
    }, { charts: { c: '<svg></svg>' } });
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src&#x3D;http://127.0.0.1:9/x&gt;');
    // An attribute value cannot be closed from the view model either.
    expect(html).toContain('aria-label="&quot;&lt;script&gt;');
    expect(html).toContain('role="img" aria-label="&quot;&lt;script&gt;');
  });

  it('prints label–value pairs as a table with row headers, and key figures as a list, so that the tagged PDF has their structure', () => {
    const html = renderHtml('layouts/document', {
      title: 'T',
      blocks: [
        { type: 'facts', items: [{ label: 'Bankgiro', value: '000-0000' }] },
        { type: 'key-figures', items: [{ label: 'Totalt', value: '17 448 590 kr' }] },
      ],
    });
    expect(html).toContain('<tr class="facts__row"><th scope="row">Bankgiro</th><td>000-0000</td></tr>');
    expect(html).toMatch(/<ul class="key-figures">\s*<li class="key-figure">\s*<p class="key-figure__label">Totalt<\/p>/);
    expect(html).not.toMatch(/<dl\b/);
  });

  it('renders the blocks of a document: headings by level, numeric columns, totals, key figures', () => {
    const html = renderHtml('layouts/document', sampleDocument('Titel', 2), { charts: { belopp: '<svg></svg>' } });
    expect(html).toMatch(/^<!doctype html>\s*<html lang="sv">/);
    expect(html).toContain('<title>Titel</title>');
    expect(html).toContain('<h1 class="title-block__title">Titel</h1>');
    expect(html).toContain('<h2>Belopp per kommun och år</h2>');
    expect(html).toContain('<th scope="col" class="num">Belopp</th>');
    expect(html).toContain('<td>Ale</td><td class="num">2022</td><td class="num">304\u00a0146 kr</td>');
    expect(html).toContain('<tr class="total"><td>Summa</td>');
    expect(html).toContain('key-figure key-figure--emphasis');
    // The styles: the embedded font and the print CSS, inline.
    expect(html).toContain("@font-face{font-family:'Source Sans 3'");
    expect(html).toContain('thead {\n  display: table-header-group;');
    expect(html).not.toMatch(/\b(src|href)="?(https?:|file:)/);
  });

  it('inlines a chart only from the charts passed beside the view model', () => {
    const vm = { title: 'T', blocks: [{ type: 'chart', chart: 'belopp', caption: 'Figur', alt: 'Stapeldiagram: 2 kommuners belopp' }] };
    const html = renderHtml('layouts/document', vm, { charts: { belopp: '<svg viewBox="0 0 1 1"><text>ok</text></svg>' } });
    // One image with the view's alternative text: Chromium tags it as a Figure with that /Alt.
    expect(html).toContain('<div class="chart__svg" role="img" aria-label="Stapeldiagram: 2 kommuners belopp"><svg viewBox="0 0 1 1"><text>ok</text></svg></div>');
    expect(html).not.toContain('<figure');
    const missing = renderError(() => renderHtml('layouts/document', vm));
    expect(missing.code).toBe('E_TEMPLATE');
    expect(missing.describe('en')).toContain('"belopp"');
    // A chart id that is markup is still only an id.
    const sneaky = renderError(() => renderHtml('layouts/document', { title: 'T', blocks: [{ type: 'chart', chart: '<svg onload=x>' }] }));
    expect(sneaky.code).toBe('E_TEMPLATE');
  });

  it('refuses unknown templates and block types with a RenderError', () => {
    expect(renderError(() => renderHtml('layouts/nope', {})).code).toBe('E_TEMPLATE');
    expect(renderError(() => renderHtml('../package', {})).code).toBe('E_TEMPLATE');
    const unknown = renderError(() => renderHtml('layouts/document', { title: 'T', blocks: [{ type: 'page-header' }] }));
    expect(unknown.code).toBe('E_TEMPLATE');
    expect(unknown.message).toContain('page-header');
  });

  it('lets a report template wrap its own markup in the layout', () => {
    // A copy of the project's templates plus one report template of our own.
    const dir = mkdtempSync(join(tmpdir(), 'andel-templates-'));
    try {
      cpSync(templates.dir, dir, { recursive: true });
      mkdirSync(join(dir, 'reports'));
      writeFileSync(join(dir, 'reports', 'greeting.hbs'), '{{#> layouts/document}}<section class="own">{{greeting}}</section>{{/layouts/document}}');
      const html = createTemplates({ dir }).renderHtml('reports/greeting', { title: 'Hälsning', greeting: 'Hej <du>' });
      expect(html).toMatch(/<main>\s*<section class="own">Hej &lt;du&gt;<\/section>\s*<\/main>/);
      expect(html).toContain('<title>Hälsning</title>');
      // Without a block, the layout prints the view model's blocks and nothing else.
      expect(createTemplates({ dir }).renderHtml('layouts/document', { title: 'T' })).toMatch(/<main>\s*<\/main>/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('renders the running header and footer escaped, with Chromium’s page counters', () => {
    const header = templates.renderPageHeader({ scheme: 'VGR <b>2022</b>', kind: 'Översikt' });
    expect(header).toContain('<span>VGR &lt;b&gt;2022&lt;/b&gt;</span><span>Översikt</span>');
    const footer = templates.renderPageFooter({ date: '31 mars 2022', stamp: 'andel 0.1.0 & SCB' });
    expect(footer).toContain('Sida <span class="pageNumber"></span> av <span class="totalPages"></span>');
    expect(footer).toContain('andel 0.1.0 &amp; SCB');
    // Chromium overwrites elements of these classes with its own values (the wall clock for date).
    const reserved = /class="(?:[^"]*\s)?(?:date|title|url)(?:\s[^"]*)?"/;
    for (const html of [header, footer]) expect(reserved.test(html)).toBe(false);
    expect(reserved.test('<span class="x date">')).toBe(true);
  });
});
