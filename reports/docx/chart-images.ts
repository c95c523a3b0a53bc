/**
 * A document's charts as images for Word, drawn by the same renderer (and so
 * with the same Swedish defaults, font and colours) as the PDF's, as PNG at
 * three times their size. Not as SVG: Word and LibreOffice draw an SVG's
 * text in whatever font they have, and without the document's font the axis
 * labels grow and are cut off at the chart's edge; the PNG is drawn with it.
 */
import { type PlotlyFigure, withSwedishDefaults } from '../render/charts.js';
import type { Renderer } from '../render/renderer.js';

/** One chart, ready to be placed in a Word document. */
export interface ChartImage {
  /** The chart as PNG, at three times its size. */
  readonly png: Uint8Array;
  /** Its size in CSS pixels (Word places it at 96 pixels to the inch). */
  readonly width: number;
  readonly height: number;
  /** The figure's own title, if it has one: a fallback for the alternative text. */
  readonly description: string;
}

/** The title a Plotly figure gives itself (`layout.title` as text or `{ text }`). */
function figureTitle(figure: PlotlyFigure): string | undefined {
  const title = figure.layout?.['title'];
  if (typeof title === 'string') return title;
  if (typeof title === 'object' && title !== null && typeof (title as { text?: unknown }).text === 'string') return (title as { text: string }).text;
  return undefined;
}

/**
 * Draws a document's charts for Word.
 *
 * @param charts - the document's Plotly figures by id (`ReportDocument.charts`).
 * @returns the images by the same ids.
 */
export async function drawChartImages(
  renderer: Pick<Renderer, 'renderChartsToPng'>,
  charts: Readonly<Record<string, PlotlyFigure>>,
): Promise<Record<string, ChartImage>> {
  const ids = Object.keys(charts);
  const figures = ids.map((id) => charts[id] ?? { data: [] });
  const pngs = await renderer.renderChartsToPng(figures, 3);
  const out: Record<string, ChartImage> = {};
  ids.forEach((id, i) => {
    const figure = figures[i] ?? { data: [] };
    const { width, height } = withSwedishDefaults(figure);
    out[id] = {
      png: pngs[i] ?? new Uint8Array(),
      width,
      height,
      description: figureTitle(figure) ?? 'Diagram',
    };
  });
  return out;
}
