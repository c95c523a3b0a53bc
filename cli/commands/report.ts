/**
 * `andel report <kind> <scheme|scenario>`: PDF documents (and with `--html`
 * their HTML beside them) of a scheme's result: an overview, one letter per
 * party, a tjänsteutlåtande (remiss) for one party, or a scenario compared
 * with its base.
 *
 * This is the I/O edge of the reports: it loads the scheme, decides the
 * report's date (from `--date`, else from the inputs, never from the clock
 * unless asked with `--date today`), reads the input files to hash them for
 * the footer's stamp, builds the documents with the pure view models in
 * `reports/views/`, and prints them with one renderer (puppeteer and the
 * Plotly bundle load only here). A progress bar is drawn on a terminal only;
 * the run ends with what was written and what failed, and a non-zero exit
 * code if anything failed.
 */
import { readFileSync } from 'node:fs';
import { basename, join, relative, resolve } from 'node:path';
import type { LoadedScheme } from '../../data/load-scheme.js';
import { InputError, type Text, RenderError, t } from '../../models/errors.js';
import { printWarnings } from '../run.js';
import { type SchemeResult, evaluateScheme } from '../../models/evaluate.js';
import { reportFigures } from '../../models/report-figures.js';
import type { SchemeModel } from '../../models/scheme.js';
import type { BatchSummary, RenderJob } from '../../reports/render/renderer.js';
import type { ReportContext, ReportDocument, SchemeSource } from '../../reports/views/report-document.js';
import { type InputPart, inputHash, provenanceStamp } from '../../reports/views/provenance.js';
import { projectRoot } from '../../data/project-root.js';
import { type AdhocCliOptions, loadCliScheme } from '../adhoc.js';
import type { SchemeCliOptions } from '../options.js';
import { checkOutputFolder } from '../output.js';
import { type CliContext, EXIT } from '../run.js';
import { warnShortfalls } from '../warnings.js';

/** The kinds of report. */
export const REPORT_KINDS = ['overview', 'letters', 'remiss', 'comparison'] as const;
/** One of {@link REPORT_KINDS}. */
export type ReportKind = (typeof REPORT_KINDS)[number];

/** Options of `andel report`, as commander gives them. */
export interface ReportCliOptions extends SchemeCliOptions, AdhocCliOptions {
  party?: string;
  title?: string;
  out?: string;
  html?: boolean;
  date?: string;
  remissInfo?: string;
  runs?: string;
  seed?: string;
}

/** The report's date and the PDF's creation date that follows from it. */
export interface ReportDate {
  /** `YYYY-MM-DD`. */
  readonly iso: string;
  /** Midnight UTC of that day; `now` only when the user asked for today. */
  readonly creation: Date | 'now';
  /** Where the date came from, for the terminal. */
  readonly from: Text;
}

let cachedVersion: string | undefined;

/** andel's version, from its package.json. */
export function toolVersion(): string {
  cachedVersion ??= (JSON.parse(readFileSync(join(projectRoot(), 'package.json'), 'utf8')) as { version: string }).version;
  return cachedVersion;
}

function isRealDate(iso: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

/**
 * The report's date: `--date YYYY-MM-DD`, `--date today` (the clock, only
 * then), or else a date of the inputs: the agreement's date in the scheme
 * file, else the latest reference date of its data. The same inputs give
 * the same date, and so the same documents.
 */
export function reportDate(option: string | undefined, loaded: Pick<LoadedScheme, 'definition' | 'model'>): ReportDate {
  if (option !== undefined) {
    if (option === 'today') {
      const now = new Date();
      const iso = `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
      return { iso, creation: 'now', from: t('--date today', '--date today') };
    }
    if (!isRealDate(option)) {
      throw InputError.of(t(`"${option}" är inte ett datum ÅÅÅÅ-MM-DD (eller today)`, `"${option}" is not a date YYYY-MM-DD (or today)`), { file: '--date' }, 'E_OPTION');
    }
    return { iso: option, creation: new Date(`${option}T00:00:00Z`), from: t('--date', '--date') };
  }
  const source = loaded.definition.source?.date;
  if (source !== undefined) return { iso: source, creation: new Date(`${source}T00:00:00Z`), from: t('avtalets datum i schemat', "the agreement's date in the scheme") };
  const refs = loaded.model.provenance.flatMap((p) => (p.referenceDate !== undefined ? [p.referenceDate] : [])).sort();
  const latest = refs[refs.length - 1];
  if (latest !== undefined) return { iso: latest, creation: new Date(`${latest}T00:00:00Z`), from: t('datakällans referensdatum', "the data source's reference date") };
  throw InputError.of(
    t('rapporten behöver ett datum, och indata anger inget', 'the report needs a date, and the inputs give none'),
    { file: '--date', hint: t('Ange --date ÅÅÅÅ-MM-DD (eller --date today).', 'Give --date YYYY-MM-DD (or --date today).') },
    'E_OPTION',
  );
}

/** The agreement a scheme file names, for the documents' text. */
export function schemeSource(loaded: Pick<LoadedScheme, 'definition'>): SchemeSource | undefined {
  const s = loaded.definition.source;
  return s === undefined ? undefined : { document: s.document, ...(s.author !== undefined ? { author: s.author } : {}), ...(s.date !== undefined ? { date: s.date } : {}) };
}

/**
 * Reads a file's bytes for the hash. Sources name a file relative to the
 * working directory, or to the project when run from elsewhere; a file that
 * cannot be read is named instead (and so changes the hash).
 */
function fileContent(file: string): string | Uint8Array {
  for (const path of [resolve(file), resolve(projectRoot(), file)]) {
    try {
      return readFileSync(path);
    } catch {
      // Try the next place.
    }
  }
  return `(kunde inte läsas: ${basename(file)})`;
}

/**
 * The inputs of a scheme's figures, for the footer's hash: the scheme's
 * definition, the parameter values, and the contents of the population,
 * user-count and split files it was resolved with. Named by kind and file
 * name (never by absolute path), so the hash is the same on every machine.
 */
export function schemeInputParts(loaded: Pick<LoadedScheme, 'definition' | 'model'>): InputPart[] {
  const model: SchemeModel = loaded.model;
  const parts: InputPart[] = [
    { name: 'scheme', content: JSON.stringify(loaded.definition) },
    { name: 'parameters', content: JSON.stringify(Object.entries(model.parameters).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) },
  ];
  for (const p of model.provenance) {
    if (p.file !== undefined) parts.push({ name: `file:${p.label}:${basename(p.file)}`, content: fileContent(p.file) });
  }
  for (const s of model.splits ?? []) parts.push({ name: `split:${s.parent}:${basename(s.file)}`, content: fileContent(s.file) });
  return parts;
}

/** What a report of a scheme is built from, decided here at the edge. */
export function reportContext(
  loaded: Pick<LoadedScheme, 'definition' | 'model'>,
  result: SchemeResult,
  options: { date: ReportDate; title?: string; extraInputs?: readonly InputPart[]; seed?: number },
): ReportContext {
  const hash = inputHash([...schemeInputParts(loaded), ...(options.extraInputs ?? [])]);
  return {
    result,
    figures: reportFigures(result),
    reportDate: options.date.iso,
    ...(options.title !== undefined ? { title: options.title } : {}),
    ...(schemeSource(loaded) !== undefined ? { source: schemeSource(loaded)! } : {}),
    ...(loaded.definition.region !== undefined ? { region: loaded.definition.region } : {}),
    stamp: provenanceStamp({ version: toolVersion(), provenance: result.scheme.provenance, hash, ...(options.seed !== undefined ? { seed: options.seed } : {}) }),
  };
}

/** Options of {@link renderReports}. */
export interface RenderReportsOptions {
  /** The folder the documents' file names are relative to. */
  readonly outDir: string;
  /** Also write each document's HTML beside its PDF. */
  readonly html?: boolean;
  /** The PDF's creation date, or a function giving it per document. */
  readonly creation: Date | 'now' | ((doc: ReportDocument) => Date | 'now');
  /** What the progress bar calls the work, e.g. `Brev`. */
  readonly label?: string;
}

/** The renderer's job for a document. */
export function jobOf(doc: ReportDocument, options: RenderReportsOptions): RenderJob {
  const outFile = join(options.outDir, doc.fileName);
  return {
    id: doc.id,
    template: 'layouts/document',
    viewModel: doc.viewModel,
    charts: doc.charts,
    outFile,
    ...(options.html ? { htmlOutFile: outFile.replace(/\.pdf$/, '.html') } : {}),
    title: doc.metadata.title,
    author: doc.metadata.author,
    subject: doc.metadata.subject,
    keywords: doc.metadata.keywords,
    lang: 'sv-SE',
    creator: `andel ${toolVersion()}`,
    creationDate: typeof options.creation === 'function' ? options.creation(doc) : options.creation,
    header: doc.header,
    footer: doc.footer,
  };
}

/** A path as the user will recognise it: relative to the working directory when inside it. */
function shown(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel !== '' && !rel.startsWith('..') ? rel : path;
}

/**
 * Prints documents with one renderer: a progress bar on a terminal, an
 * interrupt (Ctrl-C) that stops starting new documents and removes any
 * half-written file, and a summary of what was written and what failed.
 *
 * @returns the batch summary; the caller decides the exit code.
 */
export async function renderReports(ctx: CliContext, docs: readonly ReportDocument[], options: RenderReportsOptions): Promise<BatchSummary> {
  const { createRenderer } = await import('../../reports/render/renderer.js');
  const renderer = createRenderer();
  const jobs = docs.map((d) => jobOf(d, options));
  const controller = new AbortController();
  let interrupts = 0;
  const onSignal = (): void => {
    interrupts += 1;
    if (interrupts === 1) {
      ctx.err(ctx.lang === 'sv' ? 'andel: avbryter; dokument som redan skrivs görs klara (Ctrl-C igen för att avbryta direkt)' : 'andel: stopping; documents under way are finished (Ctrl-C again to stop now)');
      controller.abort();
    } else {
      void renderer.close().finally(() => process.exit(130));
    }
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  let bar: { update(n: number, payload?: Record<string, unknown>): void; stop(): void } | undefined;
  if (ctx.interactive && jobs.length > 1) {
    const { default: cliProgress } = await import('cli-progress');
    const b = new cliProgress.SingleBar(
      {
        format: `${options.label ?? 'Skriver'} [{bar}] {value}/{total} PDF | {eta_formatted} kvar | {doc}`,
        stream: process.stderr,
        hideCursor: true,
        clearOnComplete: true,
        barsize: 30,
      },
      cliProgress.Presets.shades_classic,
    );
    b.start(jobs.length, 0, { doc: '' });
    bar = b;
  }
  let summary: BatchSummary;
  try {
    summary = await renderer.renderBatch(jobs, {
      signal: controller.signal,
      onProgress: (e) => {
        if (e.type === 'written' || e.type === 'failed') bar?.update(e.done, { doc: e.type === 'written' ? basename(e.document.outFile) : `fel: ${e.failure.job.id ?? ''}` });
        if (e.type === 'retry' && bar === undefined) ctx.err(`andel: ${e.job.id ?? ''}: ${e.reason}, försöker igen`);
      },
    });
  } finally {
    bar?.stop();
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await renderer.close();
  }

  const sv = ctx.lang === 'sv';
  const pages = summary.written.reduce((s, w) => s + w.pages, 0);
  if (summary.written.length > 0) {
    const first = summary.written[0]!;
    const where = summary.written.length === 1 ? shown(first.outFile) : shown(join(options.outDir));
    ctx.err(
      sv
        ? `skrev ${summary.written.length} PDF (${pages} sidor) på ${(summary.ms / 1000).toFixed(1).replace('.', ',')} s: ${where}`
        : `wrote ${summary.written.length} PDF (${pages} pages) in ${(summary.ms / 1000).toFixed(1)} s: ${where}`,
    );
    if (summary.written.length > 1 && summary.written.length <= 5) for (const w of summary.written) ctx.err(`  ${shown(w.outFile)}`);
    if (options.html) ctx.err(sv ? '  (med HTML bredvid varje PDF)' : '  (with HTML beside each PDF)');
  }
  if (summary.failed.length > 0) {
    ctx.err(sv ? `${summary.failed.length} av ${jobs.length} dokument skrevs inte:` : `${summary.failed.length} of ${jobs.length} documents were not written:`);
    // The same reason for many documents (no browser) is said once.
    const byReason = new Map<string, string[]>();
    for (const f of summary.failed) {
      const reason = f.error.describe(ctx.lang);
      byReason.set(reason, [...(byReason.get(reason) ?? []), shown(f.job.outFile)]);
    }
    for (const [reason, files] of byReason) {
      ctx.err(`  ${files.length <= 3 ? files.join(', ') : `${files.slice(0, 3).join(', ')} och ${files.length - 3} till`}: ${reason}`);
    }
  }
  return summary;
}

/**
 * The exit code of a finished batch: nothing when every document was
 * written, 130 when interrupted; a failure throws a RenderError (exit 4).
 */
export function reportOutcome(summary: BatchSummary): number | void {
  if (summary.failed.length === 0) return;
  if (summary.failed.some((f) => f.error.code === 'E_ABORTED')) return 130;
  // Only the place could not be written (a full disk): bad input, and the summary has said where and why.
  if (summary.failed.every((f) => f.error.code === 'E_OUTPUT')) return EXIT.input;
  const first = summary.failed[0]!.error;
  const total = summary.failed.length + summary.written.length;
  // The reasons were printed with the summary; the exit message only counts.
  throw new RenderError(
    t(`${summary.failed.length} av ${total} dokument kunde inte skrivas (se ovan).`, `${summary.failed.length} of ${total} documents could not be written (see above).`),
    first.code,
  );
}

/** Refuses options that do not apply to a kind, rather than ignore them. */
function checkOptions(kind: ReportKind, opts: ReportCliOptions): void {
  const problems: { flag: string; message: ReturnType<typeof t> }[] = [];
  if ((kind === 'overview' || kind === 'comparison') && opts.party !== undefined) {
    problems.push({ flag: '--party', message: t(`gäller brev och remiss, inte ${kind}`, `applies to letters and remiss, not ${kind}`) });
  }
  if (kind === 'remiss' && (opts.party === undefined || opts.party.trim() === '')) {
    problems.push({ flag: '--party', message: t('remiss skrivs för en part: ange --party KOD, t.ex. --party 0126', 'a remiss is written for one party: give --party CODE, e.g. --party 0126') });
  }
  if (kind !== 'remiss' && opts.remissInfo !== undefined) problems.push({ flag: '--remiss-info', message: t(`gäller remiss, inte ${kind}`, `applies to remiss, not ${kind}`) });
  if (kind !== 'comparison' && (opts.runs !== undefined || opts.seed !== undefined)) {
    problems.push({ flag: opts.runs !== undefined ? '--runs' : '--seed', message: t(`gäller comparison, inte ${kind}`, `applies to comparison, not ${kind}`) });
  }
  if (problems.length > 0) throw new InputError(problems.map((p) => ({ file: p.flag, message: p.message })), { code: 'E_OPTION' });
}

function wholeNumber(text: string, option: string): number {
  const cleaned = text.replace(/[\s_\u00a0]/g, '');
  if (!/^\d+$/.test(cleaned)) throw InputError.of(t(`"${text}" är inte ett heltal`, `"${text}" is not a whole number`), { file: option }, 'E_OPTION');
  return Number(cleaned);
}

/** Builds the documents of a scheme report (overview, letters, remiss). */
async function schemeDocuments(ctx: CliContext, kind: Exclude<ReportKind, 'comparison'>, target: string, opts: ReportCliOptions) {
  // The remiss file is checked before anything is computed: all its mistakes at once.
  const info = kind === 'remiss' && opts.remissInfo !== undefined ? (await import('../../data/remiss/remiss-info.js')).loadRemissInfo(opts.remissInfo) : {};
  const loaded = await loadCliScheme(target, opts);
  printWarnings(ctx, loaded.warnings);
  if (loaded.partyNote) ctx.err(`andel: ${loaded.partyNote[ctx.lang]}`);
  const result = evaluateScheme(loaded.model);
  warnShortfalls(ctx, result);
  const date = reportDate(opts.date, loaded);
  const rctx = reportContext(loaded, result, { date, ...(opts.title !== undefined ? { title: opts.title } : {}) });
  const views = await import('../../reports/views/index.js');
  const docs =
    kind === 'overview' ? [views.overviewDocument(rctx)] : kind === 'letters' ? views.letterDocuments(rctx, opts.party) : views.remissDocuments(rctx, opts.party ?? '', info);
  return { docs, date, scheme: loaded.model.id };
}

/** Builds the comparison of a scenario with its base, simulated when the scenario varies inputs. */
async function comparisonDocuments(ctx: CliContext, target: string, opts: ReportCliOptions) {
  const { loadForCommand, labelOf } = await import('./scenario-output.js');
  const { compareResults } = await import('../../models/scenarios/compare.js');
  const { findScenarioFile } = await import('../../data/load-scenario.js');
  const scenario = await loadForCommand(ctx, target, opts);
  if (scenario.kind !== 'scenario') {
    throw InputError.of(
      t(`${target} är ett schema, inte en scenariofil`, `${target} is a scheme, not a scenario file`),
      { hint: t('Jämförelsen gäller ett scenario mot sitt schema, t.ex. report comparison scenarios/goteborg-avstar.yaml.', 'A comparison is of a scenario against its scheme, e.g. report comparison scenarios/goteborg-avstar.yaml.') },
      'E_OPTION',
    );
  }
  const { loadScenarioBase } = await import('./scenario-output.js');
  const base = await loadScenarioBase(ctx, scenario, opts);
  const baseResult = evaluateScheme(base.source.model);
  const scenarioResult = evaluateScheme(scenario.source.model);
  warnShortfalls(ctx, baseResult, ctx.lang === 'sv' ? 'basen' : 'base');
  warnShortfalls(ctx, scenarioResult, ctx.lang === 'sv' ? 'scenariot' : 'scenario');
  const comparison = compareResults(baseResult, scenarioResult);

  let simulation;
  let seed: number | undefined;
  let runs: number | undefined;
  if (scenario.vary.length > 0) {
    const { compileSimulation, summarise, checkRuns } = await import('../../models/scenarios/simulation.js');
    const { checkSeed } = await import('../../models/scenarios/random.js');
    const { DEFAULT_RUNS, DEFAULT_SEED } = await import('./simulate.js');
    const { runSimulation } = await import('./simulate-parallel.js');
    runs = opts.runs !== undefined ? wholeNumber(opts.runs, '--runs') : (scenario.simulation?.runs ?? DEFAULT_RUNS);
    seed = opts.seed !== undefined ? wholeNumber(opts.seed, '--seed') : (scenario.simulation?.seed ?? DEFAULT_SEED);
    checkRuns(runs);
    checkSeed(seed);
    const sim = compileSimulation(scenario.source, scenario.vary);
    ctx.err(ctx.lang === 'sv' ? `andel: simulerar ${runs} körningar (frö ${seed})` : `andel: simulating ${runs} runs (seed ${seed})`);
    const done = await runSimulation(sim, { runs, seed });
    simulation = summarise(sim, done.store, seed, done.columns);
  }

  const found = findScenarioFile(target);
  const extraInputs: InputPart[] = [
    ...(found !== undefined ? [{ name: 'scenario', content: fileContent(found.path) }] : []),
    { name: 'cli-parameters', content: JSON.stringify(scenario.scheme.model.parameters) },
    ...(runs !== undefined ? [{ name: 'runs', content: String(runs) }] : []),
  ];
  const date = reportDate(opts.date, scenario.scheme);
  const rctx = reportContext(scenario.scheme, scenarioResult, {
    date,
    extraInputs,
    ...(opts.title !== undefined ? { title: opts.title } : {}),
    ...(seed !== undefined ? { seed } : {}),
  });
  const { comparisonDocument } = await import('../../reports/views/comparison.js');
  const doc = comparisonDocument(rctx, {
    comparison,
    // The base as the scenario names it (`vgr-2022`), not the absolute path it was found at.
    base: { ...labelOf(base), label: scenario.parsed?.scenario.scheme ?? labelOf(base).label },
    scenario: labelOf(scenario),
    changes: scenario.changes,
    vary: scenario.vary,
    ...(simulation !== undefined ? { simulation } : {}),
  });
  return { docs: [doc], date, scheme: scenarioResult.scheme.id };
}

/**
 * Writes the PDFs of one kind of report.
 *
 * @returns the exit code: 0 when every document was written; a failed
 *   document throws a RenderError (exit 4).
 */
export async function report(ctx: CliContext, kind: string, target: string, opts: ReportCliOptions): Promise<number | void> {
  if (!(REPORT_KINDS as readonly string[]).includes(kind)) {
    throw InputError.of(t(`okänd rapport "${kind}"`, `unknown report "${kind}"`), { hint: t(`Rapporter: ${REPORT_KINDS.join(', ')}.`, `Reports: ${REPORT_KINDS.join(', ')}.`) }, 'E_OPTION');
  }
  const k = kind as ReportKind;
  checkOptions(k, opts);
  // A folder that cannot be written is refused before anything is computed or printed.
  if (opts.out !== undefined) checkOutputFolder(opts.out);
  const built = k === 'comparison' ? await comparisonDocuments(ctx, target, opts) : await schemeDocuments(ctx, k, target, opts);
  const outDir = opts.out ?? join('out', built.scheme);
  if (opts.out === undefined) checkOutputFolder(outDir);
  ctx.err(ctx.lang === 'sv' ? `andel: rapportdatum ${built.date.iso} (${built.date.from.sv})` : `andel: report date ${built.date.iso} (${built.date.from.en})`);
  const summary = await renderReports(ctx, built.docs, {
    outDir,
    html: Boolean(opts.html),
    creation: built.date.creation,
    label: k === 'letters' ? 'Brev' : k === 'remiss' ? 'Remiss' : k === 'overview' ? 'Översikt' : 'Jämförelse',
  });
  return reportOutcome(summary);
}
