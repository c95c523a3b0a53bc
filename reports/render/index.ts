/**
 * The document engine: Handlebars templates to HTML, Plotly figures to SVG,
 * HTML to PDF with Chromium. The only part of andel that imports puppeteer
 * (lazily, when a document is actually printed).
 */
export { findBrowser, launchBrowser, BROWSER_ARGS } from './browser.js';
export type { FoundBrowser, FindBrowserOptions, LaunchedBrowser, LaunchBrowserOptions } from './browser.js';
export { createRenderer, defaultConcurrency, DEFAULT_MARGINS } from './renderer.js';
export type {
  BatchSummary,
  FailedDocument,
  JobContent,
  PageMargins,
  PrintPdfOptions,
  PrintResult,
  RenderBatchOptions,
  Renderer,
  RendererOptions,
  RendererStats,
  RenderJob,
  RenderProgress,
  WrittenDocument,
} from './renderer.js';
export { createTemplates, renderHtml } from './templates.js';
export type { CreateTemplatesOptions, PageFooterInfo, PageHeaderInfo, RenderHtmlOptions, Templates } from './templates.js';
export { CHART_COLORWAY, DEFAULT_CHART_SIZE, normalizeSvg, PLOTLY_LOCALE_SV, SWEDISH_SEPARATORS, withSwedishDefaults } from './charts.js';
export type { PlotlyFigure } from './charts.js';
export { applyPdfMetadata } from './pdf-metadata.js';
export type { PdfMetadata, StampedPdf } from './pdf-metadata.js';
export { checkOutputFile, checkOutputFolder, outputError, outputFailureReason, removeTemporaryFiles, temporaryPathFor, writeFileAtomic } from './atomic-write.js';
export { FONT_FAMILY, FONT_STACK } from './assets.js';
export type * from './document-model.js';
