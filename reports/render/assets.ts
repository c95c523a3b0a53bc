/**
 * The project's own assets that a printed page may use: the embedded font,
 * the print CSS and the Plotly bundle. They are read from disk here, once,
 * and handed to the browser inline (data: URLs, `<style>`), so that the
 * printed page itself never loads anything: not from the network and not
 * from the file system.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { projectRoot } from '../../data/project-root.js';
import { RenderError, t } from '../../models/errors.js';

const require = createRequire(import.meta.url);

/** The CSS `font-family` name of the document font, as print.css uses it. */
export const FONT_FAMILY = 'Source Sans 3';

/** The font stack every document and chart uses; the fallbacks never load (the font is embedded). */
export const FONT_STACK = `'${FONT_FAMILY}', sans-serif`;

/**
 * The faces embedded in every document. Source Sans 3 has Swedish letters,
 * the no-break and narrow no-break spaces, the minus sign and tabular
 * figures (`font-variant-numeric: tabular-nums`). Regular, semibold and bold,
 * upright and italic: a missing weight would be faked by the browser, and a
 * faked bold is written into the PDF as a Type 3 bitmap-like font.
 */
const FACES: ReadonlyArray<{ readonly weight: 400 | 600 | 700; readonly style: 'normal' | 'italic' }> = [
  { weight: 400, style: 'normal' },
  { weight: 400, style: 'italic' },
  { weight: 600, style: 'normal' },
  { weight: 600, style: 'italic' },
  { weight: 700, style: 'normal' },
  { weight: 700, style: 'italic' },
];

/**
 * Unicode ranges of the two subsets, as Fontsource declares them. Latin
 * covers Swedish (å ä ö é), U+2000–206F (no-break spaces, dashes) and U+2212;
 * latin-ext covers names from the rest of Europe (ł, ş, ő …).
 */
const SUBSETS = {
  latin:
    'U+0000-00FF,U+0131,U+0152-0153,U+02BB-02BC,U+02C6,U+02DA,U+02DC,U+0304,U+0308,U+0329,U+2000-206F,U+20AC,U+2122,U+2191,U+2193,U+2212,U+2215,U+FEFF,U+FFFD',
  'latin-ext':
    'U+0100-02BA,U+02BD-02C5,U+02C7-02CC,U+02CE-02D7,U+02DD-02FF,U+0304,U+0308,U+0329,U+1D00-1DBF,U+1E00-1E9F,U+1EF2-1EFF,U+2020,U+20A0-20AB,U+20AD-20C4,U+2113,U+2C60-2C7F,U+A720-A7FF',
} as const;

let fontDir: string | undefined;

/** The folder of the font package's woff2 files, found the way Node finds the package. */
function fontFilesDir(): string {
  if (fontDir === undefined) {
    let indexCss: string;
    try {
      indexCss = require.resolve('@fontsource/source-sans-3');
    } catch {
      throw new RenderError(
        t(
          'Typsnittspaketet @fontsource/source-sans-3 saknas. Kör `npm install` i andels mapp.',
          'The font package @fontsource/source-sans-3 is missing. Run `npm install` in the andel folder.',
        ),
        'E_ASSET',
      );
    }
    fontDir = join(dirname(indexCss), 'files');
  }
  return fontDir;
}

function readAsset(path: string): Buffer {
  try {
    return readFileSync(path);
  } catch {
    throw new RenderError(
      t(`Kan inte läsa ${path}: installationen av andel är ofullständig.`, `Cannot read ${path}: the andel installation is incomplete.`),
      'E_ASSET',
    );
  }
}

const fontFaceCache = new Map<string, string>();

/**
 * `@font-face` rules with the font files inlined as base64 data: URLs.
 *
 * @param options.weights - only these weights (the page header and footer
 *   need only the regular face; every printed page needs all of them).
 * @param options.subsets - only these subsets (default both).
 * @returns CSS text, the same string on every call (cached).
 */
export function fontFaceCss(options: { weights?: ReadonlyArray<400 | 600 | 700>; italic?: boolean; subsets?: ReadonlyArray<keyof typeof SUBSETS> } = {}): string {
  const weights = options.weights ?? [400, 600, 700];
  const italic = options.italic ?? true;
  const subsets = options.subsets ?? (Object.keys(SUBSETS) as Array<keyof typeof SUBSETS>);
  const key = `${weights.join(',')}|${italic}|${subsets.join(',')}`;
  const cached = fontFaceCache.get(key);
  if (cached !== undefined) return cached;
  const dir = fontFilesDir();
  const rules: string[] = [];
  for (const face of FACES) {
    if (!weights.includes(face.weight) || (face.style === 'italic' && !italic)) continue;
    for (const [subset, range] of Object.entries(SUBSETS)) {
      if (!subsets.includes(subset as keyof typeof SUBSETS)) continue;
      const file = join(dir, `source-sans-3-${subset}-${face.weight}-${face.style}.woff2`);
      const data = readAsset(file).toString('base64');
      // font-display: block, because a printed page must never be laid out
      // in a fallback font while the real one is still decoding.
      rules.push(
        `@font-face{font-family:'${FONT_FAMILY}';font-style:${face.style};font-weight:${face.weight};font-display:block;` +
          `src:url(data:font/woff2;base64,${data}) format('woff2');unicode-range:${range};}`,
      );
    }
  }
  const css = rules.join('\n');
  fontFaceCache.set(key, css);
  return css;
}

/** The absolute path of the project's `templates/` folder. */
export function templatesDir(): string {
  return join(projectRoot(), 'templates');
}

const cssCache = new Map<string, string>();

/**
 * A stylesheet from `templates/css/`, e.g. `readCss('print')`.
 *
 * @throws RenderError `E_ASSET` when the file is missing.
 */
export function readCss(name: string, dir: string = join(templatesDir(), 'css')): string {
  const file = join(dir, `${name}.css`);
  let css = cssCache.get(file);
  if (css === undefined) {
    css = readAsset(file).toString('utf8');
    cssCache.set(file, css);
  }
  return css;
}

/**
 * The trace types of Plotly's official partial bundle "basic"
 * (plotly.js-basic-dist-min): all the charts andel's documents draw. The
 * full bundle loads some six times slower in a page, for trace types no
 * document uses.
 */
export const PLOTLY_BASIC_TRACE_TYPES: ReadonlySet<string> = new Set(['scatter', 'bar', 'pie']);

/** Whether a figure draws only trace types of Plotly's basic bundle (a trace without a type is a scatter). */
export function drawsWithBasicPlotly(figure: { readonly data: readonly unknown[] }): boolean {
  return figure.data.every((trace) => {
    const type = (trace as { type?: unknown } | null)?.type;
    return type === undefined || (typeof type === 'string' && PLOTLY_BASIC_TRACE_TYPES.has(type));
  });
}

const plotlyBundles = new Map<string, Buffer>();

function readPlotly(pkg: string, file: string): Buffer {
  let bytes = plotlyBundles.get(pkg);
  if (bytes === undefined) {
    let path: string;
    try {
      path = require.resolve(file);
    } catch {
      throw new RenderError(t(`Paketet ${pkg} saknas. Kör \`npm install\` i andels mapp.`, `The package ${pkg} is missing. Run \`npm install\` in the andel folder.`), 'E_ASSET');
    }
    bytes = readAsset(path);
    plotlyBundles.set(pkg, bytes);
  }
  return bytes;
}

/**
 * The full Plotly bundle (about 10 MB), as bytes, read once per process:
 * the chart page and a notebook load it only for a figure with a trace type
 * outside {@link PLOTLY_BASIC_TRACE_TYPES}.
 */
export function plotlyBundle(): Buffer {
  return readPlotly('plotly.js-dist', 'plotly.js-dist');
}

/** Plotly's partial bundle with the trace types {@link PLOTLY_BASIC_TRACE_TYPES} (about 1,2 MB), as bytes, read once per process. */
export function plotlyBasicBundle(): Buffer {
  return readPlotly('plotly.js-basic-dist-min', 'plotly.js-basic-dist-min/plotly-basic.min.js');
}

/** The source of the full Plotly bundle as text (see {@link plotlyBundle}). */
export function plotlySource(): string {
  return plotlyBundle().toString('utf8');
}

/** The source of Plotly's basic bundle as text (see {@link plotlyBasicBundle}). */
export function plotlyBasicSource(): string {
  return plotlyBasicBundle().toString('utf8');
}
