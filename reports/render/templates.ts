/**
 * The Handlebars environment of andel's documents.
 *
 * Templates live in `templates/` (layouts, partials, CSS) and receive view
 * models whose every figure is already formatted in Swedish: templates do no
 * arithmetic, so the only helpers are comparisons. Escaping stays on for
 * everything that comes from a view model; the two things inserted as HTML
 * (the project's CSS and chart SVG rendered by the engine) come through
 * helpers that never read them from the view model.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import Handlebars from 'handlebars';
import { RenderError, t } from '../../models/errors.js';
import { fontFaceCss, readCss, templatesDir } from './assets.js';

/** Options of one {@link Templates.renderHtml} call. */
export interface RenderHtmlOptions {
  /**
   * Chart SVG by id, as returned by the renderer's `renderChartsToSvg`;
   * a template shows one with `{{chart "id"}}`. Kept apart from the view
   * model on purpose: a view model is plain data (and may hold text a user
   * typed), so nothing in it is ever inserted as markup.
   */
  readonly charts?: Readonly<Record<string, string>>;
}

/** The running header of each printed page. */
export interface PageHeaderInfo {
  /** The scheme's name, e.g. `Västra Götalandsregionen 2022`. */
  readonly scheme: string;
  /** The kind of document, e.g. `Översikt`, `Tjänsteutlåtande`. */
  readonly kind: string;
}

/** The running footer of each printed page (the page number is added by the browser). */
export interface PageFooterInfo {
  /** The report's date, formatted, e.g. `31 december 2022`. */
  readonly date: string;
  /** A short provenance stamp: tool version, data sources, input hash, seed. */
  readonly stamp: string;
}

/** A loaded template environment. */
export interface Templates {
  /** The folder the templates were read from. */
  readonly dir: string;
  /**
   * Renders `templates/<templateName>.hbs` with a view model.
   *
   * @param templateName - a path under `templates/` without `.hbs`, e.g. `layouts/document`.
   * @throws RenderError `E_TEMPLATE` for an unknown template, a missing chart or a template error.
   */
  renderHtml(templateName: string, viewModel: unknown, options?: RenderHtmlOptions): string;
  /** The HTML Chromium prints at the top of each page (`partials/page-header.hbs`). */
  renderPageHeader(info: PageHeaderInfo): string;
  /** The HTML Chromium prints at the bottom of each page (`partials/page-footer.hbs`). */
  renderPageFooter(info: PageFooterInfo): string;
}

/** Options of {@link createTemplates}. */
export interface CreateTemplatesOptions {
  /** The templates folder; defaults to the project's `templates/`. */
  readonly dir?: string;
}

const TEMPLATE_NAME = /^[a-z0-9][a-z0-9-]*(?:\/[a-z0-9][a-z0-9-]*)*$/;

function templateError(sv: string, en: string): RenderError {
  return new RenderError(t(sv, en), 'E_TEMPLATE');
}

/** Every `.hbs` file below `dir`, by name (relative path without extension, `/`-separated). */
function listTemplates(dir: string): Map<string, string> {
  const found = new Map<string, string>();
  const walk = (d: string): void => {
    let entries;
    try {
      entries = readdirSync(d, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      const full = join(d, e.name);
      if (e.isDirectory()) walk(full);
      else if (e.isFile() && e.name.endsWith('.hbs')) {
        found.set(relative(dir, full).slice(0, -'.hbs'.length).split(sep).join('/'), full);
      }
    }
  };
  walk(dir);
  return found;
}

/**
 * Loads the templates: every file under `partials/` is registered as a
 * partial by its name there (`partials/blocks/table.hbs` → `blocks/table`),
 * every layout under its path (`layouts/document`), so a report template can
 * wrap itself in a layout with `{{#> layouts/document}}…{{/layouts/document}}`.
 *
 * @example
 * ```ts
 * const templates = createTemplates();
 * const html = templates.renderHtml('layouts/document', {
 *   title: 'Kostnadsfördelning 2022',
 *   blocks: [{ type: 'text', paragraphs: ['Beloppen avser helår.'] }],
 * });
 * ```
 */
export function createTemplates(options: CreateTemplatesOptions = {}): Templates {
  const dir = options.dir ?? templatesDir();
  const hb = Handlebars.create();
  const files = listTemplates(dir);
  const cssDir = join(dir, 'css');

  for (const [name, file] of files) {
    const source = readFileSync(file, 'utf8');
    if (name.startsWith('partials/')) hb.registerPartial(name.slice('partials/'.length), source);
    else if (name.startsWith('layouts/')) hb.registerPartial(name, source);
  }

  hb.registerHelper('eq', (a: unknown, b: unknown) => a === b);
  hb.registerHelper('not', (a: unknown) => !a);
  // Whether a list (or two lists together) has at most `n` items: a short table is kept on one page.
  hb.registerHelper('atMost', (n: unknown, ...lists: unknown[]) => lists.slice(0, -1).reduce<number>((sum, l) => sum + (Array.isArray(l) ? l.length : 0), 0) <= Number(n));

  // The partial for a block of a DocumentViewModel. A view model names the
  // kind of block; only partials under partials/blocks/ can be named.
  hb.registerHelper('blockPartial', (type: unknown) => {
    const name = `blocks/${String(type)}`;
    if (typeof type !== 'string' || !TEMPLATE_NAME.test(type) || hb.partials[name] === undefined) {
      throw templateError(`Okänd blocktyp i vymodellen: ${String(type)}`, `Unknown block type in the view model: ${String(type)}`);
    }
    return name;
  });

  // The document's styles: the embedded font and print.css, plus any extra
  // stylesheet from templates/css named by the template (never by the view model).
  hb.registerHelper('andelStyles', function (this: unknown, ...args: unknown[]) {
    const extra = args.slice(0, -1).map(String);
    const parts = [fontFaceCss(), readCss('print', cssDir)];
    for (const name of extra) {
      if (!TEMPLATE_NAME.test(name)) throw templateError(`Ogiltigt namn på stilmall: ${name}`, `Invalid stylesheet name: ${name}`);
      parts.push(readCss(name, cssDir));
    }
    return new Handlebars.SafeString(parts.join('\n'));
  });

  // Only the regular face of the Latin subset (Swedish, digits, the no-break
  // spaces, dashes and the middle dot): the header and footer are small and
  // plain, and Chromium parses each page's templates, with their own copy of
  // the font, once per page. A letter outside the subset (a name in the
  // scheme's title from further afield) is drawn in the system's sans-serif.
  hb.registerHelper('andelPageFonts', () => new Handlebars.SafeString(fontFaceCss({ weights: [400], italic: false, subsets: ['latin'] })));

  hb.registerHelper('chart', function (this: unknown, id: unknown, options: Handlebars.HelperOptions) {
    const charts = (options.data as { andelCharts?: Readonly<Record<string, string>> } | undefined)?.andelCharts;
    const key = String(id);
    const svg = charts !== undefined && Object.hasOwn(charts, key) ? charts[key] : undefined;
    if (svg === undefined) {
      throw templateError(
        `Diagrammet "${key}" finns inte bland de diagram som ritats för dokumentet.`,
        `The chart "${key}" is not among the charts rendered for the document.`,
      );
    }
    return new Handlebars.SafeString(svg);
  });

  const compiled = new Map<string, Handlebars.TemplateDelegate>();
  const compile = (name: string): Handlebars.TemplateDelegate => {
    let template = compiled.get(name);
    if (template !== undefined) return template;
    const file = TEMPLATE_NAME.test(name) ? files.get(name) : undefined;
    if (file === undefined) {
      throw templateError(`Mallen "${name}" finns inte i ${dir}.`, `The template "${name}" does not exist in ${dir}.`);
    }
    // Handlebars' escaping is never turned off (noEscape stays false).
    template = hb.compile(readFileSync(file, 'utf8'), { preventIndent: true });
    compiled.set(name, template);
    return template;
  };

  const run = (name: string, context: unknown, data: Record<string, unknown>): string => {
    const template = compile(name);
    try {
      return template(context, { data });
    } catch (cause) {
      if (cause instanceof RenderError) throw cause;
      const reason = cause instanceof Error ? cause.message : String(cause);
      throw templateError(`Mallen "${name}" gick inte att fylla i: ${reason}`, `The template "${name}" failed: ${reason}`);
    }
  };

  return {
    dir,
    renderHtml(templateName, viewModel, renderOptions = {}) {
      return run(templateName, viewModel, { andelCharts: renderOptions.charts ?? {} });
    },
    renderPageHeader(info) {
      return run('partials/page-header', info, {});
    },
    renderPageFooter(info) {
      return run('partials/page-footer', info, {});
    },
  };
}

let defaultTemplates: Templates | undefined;

/**
 * Renders a template of the project's `templates/` folder with a view model
 * (the environment is loaded on first use and kept).
 *
 * @see Templates.renderHtml
 */
export function renderHtml(templateName: string, viewModel: unknown, options?: RenderHtmlOptions): string {
  defaultTemplates ??= createTemplates();
  return defaultTemplates.renderHtml(templateName, viewModel, options);
}
