// Scheme results and report contexts for the view-model tests, and ways to
// read a view model the way a reader reads the printed page.
import { loadScheme, type LoadedScheme } from '../../../data/load-scheme.js';
import { type SchemeResult, evaluateScheme } from '../../../models/evaluate.js';
import { reportFigures } from '../../../models/report-figures.js';
import { schemeSource } from '../../../pipeline/report-context.js';
import { createTemplates } from '../../../reports/render/templates.js';
import type { ReportContext, ReportDocument } from '../../../reports/views/report-document.js';

/** The Stockholm licence total the demo uses: the solver's largest total under the cap. */
export const STHLM_MAX_LICENCE = '1501577.88';

/** A fixed stamp: the tests check what the views do with it, not how it is made. */
export const STAMP = 'andel 0.1.0 · Folkmängd 2021-12-31 · indata 0123abcd';

/** Loads and evaluates a built-in scheme. */
export async function resultOf(id: string, overrides: Record<string, string> = {}): Promise<{ loaded: LoadedScheme; result: SchemeResult }> {
  const loaded = await loadScheme(id, { overrides });
  return { loaded, result: evaluateScheme(loaded.model) };
}

/** A report context as the CLI builds it, with a fixed date and stamp. */
export function contextOf(loaded: LoadedScheme, result: SchemeResult, extra: Partial<Omit<ReportContext, 'result' | 'figures'>> = {}): ReportContext {
  const s = loaded.definition.source;
  const source = schemeSource(loaded);
  return {
    result,
    figures: reportFigures(result),
    reportDate: s?.date ?? '2022-06-29',
    stamp: STAMP,
    ...(source !== undefined ? { source } : {}),
    ...(loaded.definition.region !== undefined ? { region: loaded.definition.region } : {}),
    ...extra,
  };
}

/** Every string in a value, depth first (the text a view model can print). */
export function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(strings);
  if (value !== null && typeof value === 'object') return Object.values(value).flatMap(strings);
  return [];
}

/**
 * The document's printed text in one string, no-break spaces as plain
 * spaces. A chart's alternative text is left out: it is read instead of the
 * chart, not printed (the chart tests read it).
 */
export function textOf(doc: ReportDocument): string {
  const printed: unknown = JSON.parse(JSON.stringify({ titleBlock: doc.viewModel.titleBlock, blocks: doc.viewModel.blocks }, (key, value: unknown) => (key === 'alt' ? undefined : value)));
  return plain(strings(printed).join('\n'));
}

/** No-break and narrow no-break spaces as plain spaces, so amounts can be written as typed. */
export function plain(text: string): string {
  return text.replace(/[\u00a0\u202f\u2009]/g, ' ');
}

const templates = createTemplates();

/** The document's HTML, with placeholder SVG for its charts (no browser). */
export function htmlOf(doc: ReportDocument): string {
  const charts = Object.fromEntries(Object.keys(doc.charts).map((id) => [id, `<svg data-chart="${id}"></svg>`]));
  return templates.renderHtml('layouts/document', doc.viewModel, { charts });
}

/** The HTML's text without tags or the style sheet, entities decoded, spaces plain. */
export function htmlText(html: string): string {
  const body = html.replace(/<style>[\s\S]*?<\/style>/g, '').replace(/<[^>]+>/g, ' ');
  return plain(body.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#x27;/g, "'").replace(/&#x3D;/g, '=').replace(/&#x60;/g, '`').replace(/&amp;/g, '&')).replace(/\s+/g, ' ');
}
