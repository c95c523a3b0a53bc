import { describe, expect, it } from 'vitest';
import { normalizeSvg, SWEDISH_SEPARATORS, withSwedishDefaults } from '../../../reports/render/charts.js';

describe('withSwedishDefaults', () => {
  it('adds Swedish separators, the document font, a static plot and a size', () => {
    const fig = withSwedishDefaults({ data: [{ type: 'bar', x: ['A'], y: [1] }] });
    expect(fig.layout['separators']).toBe(',\u00a0');
    expect(SWEDISH_SEPARATORS).toBe(',\u00a0');
    expect(fig.layout['font']).toMatchObject({ family: "'Source Sans 3', sans-serif" });
    expect(fig.config).toMatchObject({ staticPlot: true, locale: 'sv' });
    expect([fig.width, fig.height]).toEqual([640, 320]);
    // A fixed trace uid instead of Plotly's random one.
    expect(fig.data[0]).toMatchObject({ uid: 't0', type: 'bar' });
  });

  it('lets the figure override any default, and keeps its own font settings', () => {
    const fig = withSwedishDefaults({ data: [], layout: { width: 300, height: 200, separators: '.,', font: { size: 14 } }, config: { locale: 'en' } });
    expect(fig.layout['separators']).toBe('.,');
    expect(fig.layout['font']).toMatchObject({ size: 14, family: "'Source Sans 3', sans-serif" });
    expect([fig.width, fig.height]).toEqual([300, 200]);
    // The locale is the engine's: the documents are Swedish.
    expect(fig.config['locale']).toBe('sv');
  });
});

describe('normalizeSvg', () => {
  const plotly = (uid: string): string =>
    `<svg class="main-svg" width="10" height="10" viewBox="0 0 10 10"><defs id="defs-${uid}"><clipPath id="clip${uid}xyplot"><rect/></clipPath></defs>` +
    `<g clip-path="url(#clip${uid}xyplot)"><text>${uid} stays in text</text></g><g style="clip-path: url(&quot;#clip${uid}xyplot&quot;);"/></svg>`;
  const figure = { data: [{ type: 'bar', y: [1] }] };

  it("replaces Plotly's random plot id, so the same figure gives the same SVG", () => {
    const a = normalizeSvg(plotly('3afb10'), figure, 0);
    const b = normalizeSvg(plotly('769b38'), figure, 0);
    expect(a.replace('3afb10 stays', '769b38 stays')).toBe(b);
    expect(a).not.toMatch(/id="[^"]*3afb10/);
    expect(a).not.toMatch(/url\(#clip3afb10/);
    expect(a).not.toMatch(/&quot;#clip3afb10/);
    // Text that happens to contain the id is data, and is left alone.
    expect(a).toContain('3afb10 stays in text');
  });

  it('writes the root attributes in one order, whatever order Plotly used', () => {
    const a = normalizeSvg('<svg width="1" style="" viewBox="0 0 1 1"><g/></svg>', figure, 0);
    const b = normalizeSvg('<svg viewBox="0 0 1 1" width="1" style=""><g/></svg>', figure, 0);
    expect(a).toBe(b);
    expect(a).toBe('<svg style="" viewBox="0 0 1 1" width="1"><g/></svg>');
  });

  it('gives distinct charts distinct ids', () => {
    const first = normalizeSvg(plotly('aaaaaa'), figure, 0);
    const second = normalizeSvg(plotly('aaaaaa'), figure, 1);
    const id = (svg: string): string | undefined => /id="defs-([^"]+)"/.exec(svg)?.[1];
    expect(id(first)).toBeDefined();
    expect(id(first)).not.toBe(id(second));
  });
});
