// The parameters andel prints with: what puppeteer's page.pdf would send for
// format 'a4' and CSS margins, so that printing through DevTools directly
// gives the same bytes (the renderer tests compare the PDFs themselves).
import { describe, expect, it } from 'vitest';
import { drawsWithBasicPlotly, marginInches, printParameters } from '../../../reports/render/renderer.js';

describe('print parameters', () => {
  it('turns CSS lengths into inches as Chromium counts them (96 px to the inch, 3,78 px to the millimetre)', () => {
    expect(marginInches('96px')).toBe(1);
    expect(marginInches('1in')).toBe(1);
    expect(marginInches('24mm')).toBeCloseTo((24 * 3.78) / 96, 12);
    expect(marginInches('2.5cm')).toBeCloseTo((2.5 * 37.8) / 96, 12);
  });

  it('refuses a margin it cannot read rather than guess', () => {
    for (const bad of ['24', '24 pt', 'mm', '-3mm', '']) expect(() => marginInches(bad)).toThrow(/Ogiltig marginal/);
  });

  it('prints A4, tagged, with an outline, backgrounds and the given header and footer', () => {
    const p = printParameters({ headerFooter: true, headerTemplate: '<b>h</b>', footerTemplate: '<b>f</b>', margins: { top: '24mm', right: '18mm', bottom: '22mm', left: '18mm' } });
    expect(p).toMatchObject({ paperWidth: 8.2677, paperHeight: 11.6929, displayHeaderFooter: true, headerTemplate: '<b>h</b>', footerTemplate: '<b>f</b>', generateTaggedPDF: true, generateDocumentOutline: true, printBackground: true, preferCSSPageSize: false });
    expect(p.marginLeft).toBeCloseTo(p.marginRight, 12);
    expect(p.marginTop).toBeGreaterThan(p.marginBottom);
  });
});

describe('which Plotly bundle a figure needs', () => {
  it('draws bars, scatter (also a trace without a type) and pies with the basic bundle, anything else with the full one', () => {
    expect(drawsWithBasicPlotly({ data: [{ type: 'bar' }, { type: 'scatter' }, {}, { type: 'pie' }] })).toBe(true);
    expect(drawsWithBasicPlotly({ data: [] })).toBe(true);
    expect(drawsWithBasicPlotly({ data: [{ type: 'bar' }, { type: 'histogram' }] })).toBe(false);
    expect(drawsWithBasicPlotly({ data: [{ type: 7 }] })).toBe(false);
  });
});
