/**
 * The shape of the view model that `templates/layouts/document.hbs` prints.
 * Report code (overview, letters, remiss, comparison) builds one of these
 * with every figure already formatted in Swedish; the layout only places
 * text, it never computes.
 */

/** A label and its value, both formatted text. */
export interface LabelledValue {
  readonly label: string;
  readonly value: string;
}

/** The head of the first page. */
export interface TitleBlock {
  /** Who writes, e.g. `Västra Götalandsregionen`. */
  readonly organisation?: string;
  /** The part of the organisation, e.g. `Koncernkontoret, ekonomi`. */
  readonly unit?: string;
  /** The kind of document, e.g. `Kostnadsfördelning`, `Tjänsteutlåtande`. */
  readonly kind?: string;
  readonly title: string;
  readonly subtitle?: string;
  /** Date, reference number, parties, data sources … */
  readonly facts?: readonly LabelledValue[];
}

/** A heading; levels 1–4 become bookmarks in the PDF. */
export interface HeadingBlock {
  readonly type: 'heading';
  readonly level: 1 | 2 | 3 | 4;
  readonly text: string;
}

/** Running text, one string per paragraph. */
export interface TextBlock {
  readonly type: 'text';
  readonly paragraphs: readonly string[];
}

/** A bulleted (or numbered) list. */
export interface ListBlock {
  readonly type: 'list';
  readonly ordered?: boolean;
  readonly items: readonly string[];
}

/** Boxes with the figures a reader looks for first. */
export interface KeyFiguresBlock {
  readonly type: 'key-figures';
  /** An accessible name for the group. */
  readonly label?: string;
  /** `attention`: a figure the reader must not miss (a deficit, a cost no party covers); the page marks it beside its words. */
  readonly items: ReadonlyArray<LabelledValue & { readonly note?: string; readonly emphasis?: boolean; readonly attention?: boolean }>;
}

/** A column of a {@link TableBlock}. */
export interface TableColumn {
  readonly label: string;
  /** Right-aligned, tabular figures, never wrapped. */
  readonly numeric?: boolean;
}

/** A row of a {@link TableBlock}: one formatted cell per column. */
export interface TableRow {
  readonly cells: readonly string[];
  /** Printed as a total (bold, ruled). */
  readonly total?: boolean;
}

/** A table; it may run over pages (its header repeats, rows never split). */
export interface TableBlock {
  readonly type: 'table';
  readonly caption?: string;
  readonly columns: readonly TableColumn[];
  readonly rows: readonly TableRow[];
  /** Rows printed once at the end, e.g. the sum. */
  readonly totals?: readonly TableRow[];
  readonly notes?: readonly string[];
}

/** A chart, by the id under which its SVG is passed to the renderer. */
export interface ChartBlock {
  readonly type: 'chart';
  readonly chart: string;
  /**
   * What the chart shows, in words and figures, for a reader who cannot see
   * it: the tagged PDF's /Alt of the chart's Figure, and the Word image's
   * description. Built by the view from the same data as the chart.
   */
  readonly alt: string;
  readonly title?: string;
  readonly caption?: string;
  readonly source?: string;
}

/** Label–value pairs, e.g. payment details. */
export interface FactsBlock {
  readonly type: 'facts';
  readonly items: readonly LabelledValue[];
}

/** The next block starts on a new page. */
export interface PageBreakBlock {
  readonly type: 'page-break';
}

/** A titled group of blocks. */
export interface SectionBlock {
  readonly type: 'section';
  readonly heading?: string;
  readonly level?: 1 | 2 | 3 | 4;
  readonly blocks: readonly Block[];
  /** Printed on one page when it fits (a short closing section that must not leave a paragraph stranded on a page of its own). */
  readonly keepTogether?: boolean;
}

/** Any block the document layout can print. */
export type Block =
  | HeadingBlock
  | TextBlock
  | ListBlock
  | KeyFiguresBlock
  | TableBlock
  | ChartBlock
  | FactsBlock
  | PageBreakBlock
  | SectionBlock;

/**
 * The view model of `layouts/document`.
 *
 * @example
 * ```ts
 * const vm: DocumentViewModel = {
 *   title: 'Kostnadsfördelning 2022',
 *   titleBlock: { organisation: 'Västra Götalandsregionen', kind: 'Översikt', title: 'Kostnadsfördelning 2022' },
 *   blocks: [{ type: 'key-figures', items: [{ label: 'Att fördela', value: '17 448 590 kr' }] }],
 * };
 * ```
 */
export interface DocumentViewModel {
  /** The document's language (`<html lang>`); `sv` when absent. */
  readonly lang?: string;
  /** The `<title>`; the PDF's Title is set from the print options. */
  readonly title: string;
  readonly author?: string;
  readonly subject?: string;
  readonly titleBlock?: TitleBlock;
  readonly blocks?: readonly Block[];
}
