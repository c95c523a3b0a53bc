// The notebook views: HTML tables in Swedish form with everything escaped, and
// Plotly charts as a MIME bundle whose HTML embeds plotly.js only once.
import { describe, expect, it } from 'vitest';
import { loadScheme } from '../../data/load-scheme.js';
import { evaluateScheme } from '../../models/evaluate.js';
import { loadScenario } from '../../data/load-scenario.js';
import { compareResults } from '../../models/scenarios/compare.js';
import { allocationHtml, formatNumberSv, frameHtml, htmlTable, notebookDisplay, PLOTLY_EMBED_MARKER, plotlyBundle, viewTablesHtml } from '../../reports/notebook.js';
import { comparisonTables } from '../../reports/scenarios.js';

describe('htmlTable', () => {
  it('escapes every text, right-aligns figures and numbers, keeps codes and years left', () => {
    const html = htmlTable({
      caption: '<script>alert(1)</script>',
      columns: ['Kod', 'Part', 'Invånare', 'Belopp'],
      rows: [['0180', 'Stockholm & <b>Co</b>', 974073, '491 732,34 kr']],
      footer: [['', 'Summa', null, '491 732,34 kr']],
      caveats: ['EXEMPELDATA <i>'],
    });
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('Stockholm &amp; &lt;b&gt;Co&lt;/b&gt;');
    expect(html).toContain('EXEMPELDATA &lt;i&gt;');
    const aligns = [...html.matchAll(/<td style="[^"]*text-align:(left|right)[^"]*">/g)].map((m) => m[1]);
    expect(aligns.slice(0, 4)).toEqual(['left', 'left', 'right', 'right']);
    expect(html).toContain('974\u00a0073');
    expect(html).toContain('<tfoot>');
  });

  it('formats numbers in Swedish form', () => {
    expect(formatNumberSv(1744859)).toBe('1\u00a0744\u00a0859');
    expect(formatNumberSv(9.746, 2)).toBe('9,75');
    expect(formatNumberSv(0.5, 0)).toBe('1');
    expect(formatNumberSv(-1234.5)).toBe('\u22121\u00a0234,50');
    expect(formatNumberSv(Number.NaN)).toBe('');
  });

  it('shows a DataFrame-like object, with the rows beyond maxRows counted', () => {
    const html = frameHtml({ columns: ['part', 'belopp_kr'], values: [['Ale', 321480], ['Alingsås', 419590.5]] }, { maxRows: 1 });
    expect(html).toContain('321\u00a0480');
    expect(html).not.toContain('Alingsås');
    expect(html).toContain('1 rader till visas inte');
  });

  it('draws the per-party table of vgr-2022 with its sum and reconciliation', async () => {
    const r = evaluateScheme((await loadScheme('vgr-2022')).model);
    const html = allocationHtml(r);
    expect(html.match(/<tr>/g)).toHaveLength(1 + 50 + 1);
    expect(html).toContain('34\u00a0897\u00a0180\u00a0kr');
    expect(html).toContain('Nollresultat vid 9,74');
    expect(html).not.toContain('Ej täckt');
  });

  it('adds what no party covers under the sum (sthlm-2020, policy none, licence 3 000 000 kr)', async () => {
    const r = evaluateScheme((await loadScheme('sthlm-2020', { overrides: { 'cap.policy': 'none', 'licence.total': '3000000' } })).model);
    const html = allocationHtml(r);
    expect(html.match(/<tr>/g)).toHaveLength(1 + 27 + 2);
    expect(html).toMatch(/<tfoot>.*Summa.*28\u00a0385\u00a0981,15\u00a0kr.*Ej täckt.*614\u00a0018,85\u00a0kr.*<\/tfoot>/s);
    expect(html).toContain('varav ej täckt: 614\u00a0018,85\u00a0kr');
  });
});

describe('viewTablesHtml', () => {
  it('draws the scenario views: a comparison with the party that leaves and the reconciliation', async () => {
    const base = evaluateScheme((await loadScheme('vgr-2022')).model);
    const s = await loadScenario('goteborg-avstar');
    const c = compareResults(base, evaluateScheme(s.source.model));
    const label = { label: s.label, title: s.title, kind: s.kind } as const;
    const html = viewTablesHtml(comparisonTables(c, { label: 'vgr-2022', title: base.scheme.title, kind: 'scheme' }, label));
    expect(html.match(/<table/g)).toHaveLength(2);
    expect(html).toMatch(/Göteborg<\/td><td[^>]*text-align:right[^>]*>5\u00a0875\u00a0490\u00a0kr<\/td><td[^>]*>avstår<\/td><td[^>]*>\u22125\u00a0875\u00a0490\u00a0kr/);
    expect(html).toContain('Avstämning');
  });
});

describe('plotlyBundle', () => {
  const figure = { data: [{ type: 'bar', x: ['</script><b>'], y: [1] }], layout: { title: { text: 'Belopp' } } };

  it('carries the Plotly JSON with Swedish separators, HTML that draws it, and text', () => {
    const b = plotlyBundle(figure, { id: 'c1' });
    const json = b['application/vnd.plotly.v1+json'] as { data: unknown[]; layout: Record<string, unknown> };
    expect(json.layout['separators']).toBe(',\u00a0');
    expect(json.data).toEqual(figure.data);
    const html = b['text/html'] as string;
    expect(html).toContain('<div id="c1"');
    expect(html).not.toContain('</script><b>');
    expect(html).not.toMatch(/<script[^>]+src=/);
    expect(b['text/plain']).toBe('Diagram: Belopp (Plotly)');
  });

  it('embeds plotly.js with the first chart of a display only', () => {
    // Outside a kernel there is no writer for several content types: the HTML goes through tslab's display.
    const html: string[] = [];
    const visa = notebookDisplay({ display: { html: (s) => html.push(s) } }, { plotlySource: () => 'window.Plotly = {};' });
    visa.chart(figure);
    visa.chart(figure);
    visa.table({ columns: ['a'], rows: [['b']] });
    expect(html).toHaveLength(3);
    expect(html.filter((h) => h.includes('window.Plotly = {};'))).toHaveLength(1);
    expect(html[0]).toContain('window.Plotly = {};');
    const ids = html.slice(0, 2).map((h) => /<div id="([^"]+)"/.exec(h)![1]);
    expect(new Set(ids).size).toBe(2);
  });

  it("embeds Plotly's basic bundle for bar, scatter and pie, and the full one once, with the first chart that needs it", () => {
    const html: string[] = [];
    const asked: string[] = [];
    const visa = notebookDisplay({ display: { html: (s) => html.push(s) } }, { plotlySource: (kind) => (asked.push(kind), `window.Plotly = '${kind}';`) });
    const histogram = { data: [{ type: 'histogram', x: [1, 2, 2] }] };
    visa.chart(figure);
    visa.chart({ data: [{ type: 'scatter', x: [1], y: [2] }, { x: [1], y: [3] }] });
    visa.chart(histogram);
    visa.chart(histogram);
    visa.chart({ data: [{ type: 'pie', values: [1, 2] }] });
    expect(asked).toEqual(['basic', 'full']);
    expect(html.map((h) => (h.includes("window.Plotly = 'basic'") ? 'basic' : h.includes("window.Plotly = 'full'") ? 'full' : '-'))).toEqual(['basic', '-', 'full', '-', '-']);
    expect(html.map((h) => h.split(PLOTLY_EMBED_MARKER).length - 1)).toEqual([1, 0, 1, 0, 0]);
    // The basic bundle steps aside once the full one is there; a chart that needs the full one waits for it.
    expect(html[0]).toContain('if (window.__andelPlotlyFull) return;');
    expect(html[2]).toContain('window.__andelPlotlyFull = true;');
    expect(html[3]).toContain('full = true');
    expect(html[1]).toContain('full = false');
  });

  it('starts with the full bundle when the first chart needs it, and then embeds no other', () => {
    const asked: string[] = [];
    const visa = notebookDisplay({ display: { html: () => undefined } }, { plotlySource: (kind) => (asked.push(kind), '') });
    visa.chart({ data: [{ type: 'box', y: [1, 2] }] });
    visa.chart(figure);
    expect(asked).toEqual(['full']);
  });
});
