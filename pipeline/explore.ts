/**
 * `andel explore`: one self-contained HTML file in which a reader changes a
 * scheme's levers and sees every party's figure recomputed by the very
 * engine the command line runs (pipeline/explore-engine.ts, bundled for the
 * browser into dist/explore/engine.js at build time).
 *
 * The page embeds the files the command line reads for the scheme (the
 * scheme file, its population and user-count files, the municipality code
 * list, the project's package.json that marks its root) under the same
 * absolute paths, with the working directory: in the page, the loaders
 * find them where they found them here, so file names in the result
 * (provenance) read the same. Nothing is fetched: the engine, the data and
 * the interface are inline.
 */
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { looksLikeSpreadsheet } from '../data/decode-text.js';
import { findScenarioFile } from '../data/load-scenario.js';
import { projectRoot } from '../data/project-root.js';
import { parseScenarioFile } from '../data/scenario-file.js';
import { MUNICIPALITY_CODES_PATH } from '../data/municipality-codes.js';
import { readScheme, relativeToScheme } from '../data/scheme/find.js';
import { SCHEME_CACHE_FILE } from '../data/scheme/parsed-cache.js';
import type { SchemeFile } from '../data/scheme/schema.js';
import { capCarrier, capPolicyOf, capPolicyText } from '../models/cap-policy.js';
import { InputError, t } from '../models/errors.js';
import { escapeHtml } from '../reports/formats/html.js';
import { FONT_STACK, fontFaceCss, plotlyBasicSource } from '../reports/render/assets.js';
import { CHART_COLORWAY, PLOTLY_LOCALE_SV, SWEDISH_SEPARATORS } from '../reports/render/charts.js';
import { checkOutputFile, writeFileAtomic } from '../reports/render/atomic-write.js';
import { type AllocationJson, type ExploreState, evaluateState } from './explore-engine.js';
import { openTotals } from './solve.js';

/** What to explore: a built-in scheme, a scheme file or a scenario file, with `--set` values on top. */
export interface ExploreRequest {
  readonly scheme: string;
  readonly overrides?: Readonly<Record<string, string>>;
  /** The HTML file; default `out/<scheme id>/utforska.html`. */
  readonly out?: string;
}

/** A parameter as the page's controls show it. */
export interface ExploreParameter {
  readonly name: string;
  readonly label: string;
  readonly type: string;
  readonly unit?: string;
  readonly values?: readonly string[];
  readonly min?: number;
  readonly max?: number;
  /** An enum's values in words (the cap policy's, from models/cap-policy.ts): the option's text; its value stays the scheme's. */
  readonly valueLabels?: Readonly<Record<string, string>>;
}

/** The data the page embeds (the `andel-data` script element), read by scripts/browser-shims/vfs.js and the interface. */
export interface ExplorePageData {
  readonly cwd: string;
  readonly root: string;
  readonly base: ExploreState;
  readonly title: string;
  readonly schemeId: string;
  readonly parameters: readonly ExploreParameter[];
  /** The scheme's rounding unit in kronor (`0.01`, `1`): the smallest step of a money slider. */
  readonly rounding: string;
  /** The charts' look, the reports' own (reports/render/charts.ts): separators, palette, font and Plotly's Swedish locale. */
  readonly charts: { readonly separators: string; readonly colorway: readonly string[]; readonly fontFamily: string; readonly locale: unknown };
  /** The solver's largest total at which no party exceeds its cap, for a capped total the scheme leaves open: marked beside its control. */
  readonly solved: Readonly<Record<string, { readonly value: string }>>;
  /** Path → base64 of the file's bytes. */
  readonly files: Readonly<Record<string, string>>;
}

/** The written page. */
export interface ExploreRun {
  readonly out: string;
  readonly bytes: number;
  readonly base: AllocationJson;
}

/** The base state of a request: a scheme with the `--set` values, or a scenario's scheme, values and party changes. */
function baseState(request: ExploreRequest, cwd: string): { state: ExploreState; schemeRef: string; scenarioDir?: string } {
  const overrides = { ...(request.overrides ?? {}) };
  const found = findScenarioFile(request.scheme);
  if (!found) return { state: { scheme: request.scheme, set: overrides, parties: { leave: [], join: [] } }, schemeRef: request.scheme };
  const parsed = parseScenarioFile(readFileSync(found.path, 'utf8'), found.label);
  const s = parsed.scenario;
  const scenarioDir = dirname(found.path);
  const pathLike = /[/\\]|\.(ya?ml|json)$/.test(s.scheme);
  // A scheme path is relative to the scenario file; the page's state is a scenario in the working directory.
  const fromCwd = (file: string): string => relative(cwd, resolve(scenarioDir, file)) || '.';
  const scheme = pathLike ? fromCwd(s.scheme) : s.scheme;
  // A split's file is relative to the scenario file too; the state names it by its absolute path, under which the
  // page embeds it, so that the scenario file the page downloads reads it wherever that file is saved (on this machine).
  const split = s.parties.split.map((x) => ({ parent: x.parent, file: resolve(scenarioDir, x.file), ...(x.proportional ? { proportional: true } : {}) }));
  return {
    state: {
      scheme,
      set: { ...s.set, ...overrides },
      parties: { leave: [...s.parties.leave], join: s.parties.join.map((j) => ({ ...j })), ...(split.length > 0 ? { split } : {}) },
    },
    schemeRef: scheme,
    scenarioDir,
  };
}

/** The files the command line reads for a state: the scheme, its population and user counts, the split parties' files, the code list, the root marker. */
function filesRead(root: string, path: string, definition: SchemeFile, state: ExploreState): string[] {
  const files = [join(root, 'package.json'), MUNICIPALITY_CODES_PATH, path, ...(state.parties.split ?? []).map((x) => x.file)];
  if (definition.population) files.push(relativeToScheme(path, definition.population.file));
  for (const f of Object.values(definition.users?.files ?? {})) files.push(relativeToScheme(path, f));
  return files;
}

/**
 * The cap policies in words, for each enum parameter a cap takes its policy from (`policy: { param: … }`):
 * `Bärs av Region Stockholm`, `Fördelas om`, `Redovisas som ej täckt` (capPolicyText's predicate form).
 */
function capPolicyLabels(definition: SchemeFile, base: AllocationJson): Map<string, Record<string, string>> {
  const labels = new Map<string, Record<string, string>>();
  for (const c of definition.components) {
    const cap = 'cap' in c ? c.cap : undefined;
    if (cap === undefined || typeof cap.policy !== 'object') continue;
    const param = definition.parameters[cap.policy.param];
    if (param?.type !== 'enum' || param.values === undefined) continue;
    const parties = base.parties as unknown as readonly { readonly code: string; readonly name: string; readonly kind: string }[];
    const carrier = capCarrier(cap.carrier, parties);
    const words: Record<string, string> = {};
    for (const value of param.values) {
      const policy = capPolicyOf(value, carrier);
      if (policy === undefined) continue;
      const text = capPolicyText(policy, 'predicate').sv;
      words[value] = text.charAt(0).toLocaleUpperCase('sv') + text.slice(1);
    }
    labels.set(cap.policy.param, words);
  }
  return labels;
}

function parametersOf(definition: SchemeFile, base: AllocationJson): ExploreParameter[] {
  const policies = capPolicyLabels(definition, base);
  return Object.entries(definition.parameters)
    .filter(([, p]) => p.expr === undefined)
    .map(([name, p]) => ({
      name,
      label: p.label,
      type: p.type,
      ...(p.unit !== undefined ? { unit: p.unit } : {}),
      ...(p.values !== undefined ? { values: [...p.values] } : {}),
      ...(p.min !== undefined ? { min: p.min } : {}),
      ...(p.max !== undefined ? { max: p.max } : {}),
      ...(policies.has(name) ? { valueLabels: policies.get(name)! } : {}),
    }));
}

/** A script's text made safe inside `<script>`: no `</script` (nor `<!--`) can end or change it. */
function inlineScript(text: string): string {
  return text.replace(/<\/(script)/gi, '<\\/$1').replace(/<!--/g, '<\\!--');
}

/** JSON inside `<script type="application/json">`: every `<` escaped. */
function inlineJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

/** The page's interface: its stylesheet and script (templates/explore/), and the assets it shares with the reports. */
export interface ExploreUi {
  readonly css: string;
  readonly script: string;
  /** `@font-face` rules with the font inlined (reports/render/assets.ts fontFaceCss): the reports' Source Sans 3. */
  readonly fontCss?: string;
  /** Plotly's basic bundle, for the charts (reports/render/assets.ts plotlyBasicSource); without it the page has none. */
  readonly plotly?: string;
  /** SheetJS (dist/explore/xlsx.js), only for a page whose scheme reads a spreadsheet. */
  readonly sheetJs?: string;
}

/**
 * Builds the page: the interface (templates/explore/) around the engine
 * bundle, with the data, the font and Plotly embedded.
 */
export function explorerHtml(data: ExplorePageData, engine: string, ui: ExploreUi): string {
  return `<!doctype html>
<html lang="sv">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:; font-src data:; connect-src 'none'">
<title>Utforska ${escapeHtml(data.schemeId)} – ${escapeHtml(data.title)}</title>
${ui.fontCss !== undefined ? `<style>${ui.fontCss}</style>\n` : ''}<style>${ui.css}</style>
</head>
<body>
<script type="application/json" id="andel-data">${inlineJson(data)}</script>
${ui.sheetJs === undefined ? '' : `<script>${inlineScript(ui.sheetJs)}</script>\n`}<script>${inlineScript(engine)}</script>
${ui.plotly !== undefined ? `<script>${inlineScript(ui.plotly)}</script>\n` : ''}<script>${inlineScript(ui.script)}</script>
</body>
</html>
`;
}

/** A bundle built by scripts/bundle.mjs (the engine, or SheetJS); a missing one is a broken installation, said as such. */
function readEngine(root: string, name = 'engine.js'): string {
  const file = join(root, 'dist', 'explore', name);
  if (!existsSync(file)) {
    throw InputError.of(
      t(`utforskarens motor saknas (dist/explore/${name}); bygg med npm run build`, `the explorer's engine is missing (dist/explore/${name}); build with npm run build`),
      { file },
      'E_INSTALL',
    );
  }
  return readFileSync(file, 'utf8');
}

/** The cached parse of a built-in scheme (data/scheme/parsed-cache.ts), only its own entry: the page skips parsing it, as the CLI does. */
function schemeCache(root: string, label: string): string | undefined {
  try {
    const cache = JSON.parse(readFileSync(join(root, 'dist', SCHEME_CACHE_FILE), 'utf8')) as { entries: Record<string, unknown> };
    const entry = cache.entries[label];
    return entry === undefined ? undefined : `${JSON.stringify({ entries: { [label]: entry } })}\n`;
  } catch {
    return undefined;
  }
}

/**
 * Writes the explorer for a scheme or scenario: the base state evaluated
 * here first (a state the command line refuses is refused here, with its
 * words, and nothing is written), then the page.
 */
export async function runExplore(request: ExploreRequest): Promise<ExploreRun> {
  const cwd = process.cwd();
  const root = projectRoot();
  const given = baseState(request, cwd);
  const { schemeRef } = given;
  // A capped total the scheme leaves open (the Stockholm licence total) starts, unless given, where the demo's does:
  // at the solver's largest total at which no party exceeds its cap, which the page marks beside the control.
  const open = await openTotals(schemeRef);
  const solved: Record<string, { value: string }> = {};
  for (const [name, value] of Object.entries(open.overrides)) solved[name] = { value };
  const set = { ...given.state.set };
  for (const [name, value] of Object.entries(open.overrides)) set[name] ??= value;
  const state: ExploreState = { ...given.state, set };
  const tmp = await mkdirTemp();
  let base: AllocationJson;
  try {
    base = await evaluateState(state, tmp);
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
  const { path, label, definition } = await readScheme(schemeRef);
  const files: Record<string, string> = {};
  let spreadsheet = false;
  for (const f of filesRead(root, path, definition, state)) {
    const abs = isAbsolute(f) ? f : resolve(cwd, f);
    const bytes = readFileSync(abs);
    files[abs] = bytes.toString('base64');
    spreadsheet ||= looksLikeSpreadsheet(bytes);
  }
  const cache = schemeCache(root, label);
  if (cache !== undefined) files[join(root, 'dist', SCHEME_CACHE_FILE)] = Buffer.from(cache, 'utf8').toString('base64');
  const data: ExplorePageData = {
    cwd,
    root,
    base: state,
    title: definition.title,
    schemeId: definition.id,
    parameters: parametersOf(definition, base),
    rounding: String(base['roundingUnit']),
    charts: { separators: SWEDISH_SEPARATORS, colorway: CHART_COLORWAY, fontFamily: FONT_STACK, locale: PLOTLY_LOCALE_SV },
    solved,
    files,
  };
  const templates = join(root, 'templates', 'explore');
  const html = explorerHtml(data, readEngine(root), {
    css: readFileSync(join(templates, 'explore.css'), 'utf8'),
    script: readFileSync(join(templates, 'explore.js'), 'utf8'),
    // Latin only: Swedish names and the page's signs (a name from the rest of Europe falls back to the system's font).
    fontCss: fontFaceCss({ weights: [400, 600, 700], italic: false, subsets: ['latin'] }),
    plotly: plotlyBasicSource(),
    // SheetJS (0,9 MB) only in a page that reads a spreadsheet: an XLSX population or user-count file.
    ...(spreadsheet ? { sheetJs: readEngine(root, 'xlsx.js') } : {}),
  });
  const out = request.out ?? join('out', definition.id, 'utforska.html');
  if (request.out === undefined) {
    await mkdir(dirname(resolve(out)), { recursive: true });
    checkOutputFile(out);
  }
  await writeFileAtomic(out, html);
  return { out, bytes: Buffer.byteLength(html), base };
}

/** A private folder for the scenario file of the base state's party changes (the page writes its own in memory). */
async function mkdirTemp(): Promise<string> {
  const { mkdtemp } = await import('node:fs/promises');
  const { tmpdir } = await import('node:os');
  return mkdtemp(join(tmpdir(), 'andel-explore-'));
}
