/**
 * A report from a request: the scheme (or scenario) loaded with its
 * inputs, evaluated, the report's date decided, the inputs hashed for the
 * footer, a comparison simulated when its scenario varies inputs, the
 * documents built by the kind's view, and printed to PDF. The command line,
 * notebooks, the benchmark and the tests all go this way.
 */
import { join } from 'node:path';
import { findScenarioFile } from '../data/load-scenario.js';
import type { RecipientRegister } from '../data/letters/recipients.js';
import type { Sender } from '../data/letters/sender.js';
import type { RemissInfo } from '../data/remiss/remiss-info.js';
import { InputError, type Problem, t } from '../models/errors.js';
import { evaluateScheme } from '../models/evaluate.js';
import { checkOutputFolder } from '../reports/render/atomic-write.js';
import type { BatchSummary } from '../reports/render/renderer.js';
import type { ComparisonInput } from '../reports/views/comparison.js';
import type { InputPart } from '../reports/views/provenance.js';
import type { ReportContext, ReportDocument } from '../reports/views/report-document.js';
import { type OnEvent, ignoreEvents, noteCaveats } from './events.js';
import { type SchemeRequest, loadForQuestion, loadSubject } from './load.js';
import { fileContent, reportContext } from './report-context.js';
import { type ReportDate, reportDate } from './report-date.js';
import { REPORT_KINDS, type ReportFormat, type ReportKind, type ReportKindSpec, checkReportRequest } from './report-kinds.js';
import { type RenderRun, renderDocuments, writeDocxDocuments } from './render.js';

/** What report to make, of what, with what. */
export interface ReportRequest extends SchemeRequest {
  readonly kind: ReportKind;
  /** Letters: a code, several with commas, or `all` (the default); remiss: the party's code. */
  readonly party?: string;
  /** The documents' title, printed as given. */
  readonly title?: string;
  /**
   * `YYYY-MM-DD` or `today`; it goes before every other date. By default the
   * remiss file's `datum:`, else the scheme's own date (`source.date`, else
   * the first of its `dates:`), else its data's latest reference date; never
   * the clock. See {@link reportDate}.
   */
  readonly date?: string;
  /** Remiss: the administration's facts and text, as a YAML file's path or already read. */
  readonly remissInfo?: string | RemissInfo;
  /** Letters: the sender file (YAML), as its path or already read; without it the agreement's invoicing organisation. */
  readonly sender?: string | Sender;
  /** Letters: the recipient register (CSV or XLSX), as its path or already read; without it each party's name and kind. */
  readonly recipients?: string | RecipientRegister;
  /** Comparison of a scenario that varies inputs: runs and seed (default: the scenario's). */
  readonly runs?: number;
  readonly seed?: number;
  /** Threads for that simulation, this one included (default: by the size of the work). */
  readonly workers?: number;
  readonly onEvent?: OnEvent;
}

/** A report built, not yet printed. */
export interface BuiltReport {
  readonly kind: ReportKind;
  readonly documents: readonly ReportDocument[];
  /** What the documents were built from. */
  readonly context: ReportContext;
  readonly date: ReportDate;
  /** The scheme's id (the default folder is `out/<id>`). */
  readonly scheme: string;
  /** The loaders' warnings, as also reported as events. */
  readonly warnings: readonly Problem[];
  /** For a comparison: its input to the view (base, scenario, changes, simulation). */
  readonly comparison?: ComparisonInput;
  /** The simulation's runs and seed, when there was one. */
  readonly simulation?: { readonly runs: number; readonly seed: number; readonly workers: number };
}

/**
 * Builds a report's documents without printing them.
 *
 * @throws InputError for a request that does not hold together or inputs that do not.
 * @example
 * const { documents } = await buildReport({ kind: 'letters', scheme: 'vgr-2022', party: '1480' });
 */
export async function buildReport(request: ReportRequest): Promise<BuiltReport> {
  checkReportRequest(request);
  const spec: ReportKindSpec = REPORT_KINDS[request.kind];
  return spec.subject === 'comparison' ? comparisonReport(request, spec) : schemeReport(request, spec);
}

async function remissInfoOf(request: ReportRequest): Promise<RemissInfo> {
  if (request.remissInfo === undefined) return {};
  if (typeof request.remissInfo !== 'string') return request.remissInfo;
  return (await import('../data/remiss/remiss-info.js')).loadRemissInfo(request.remissInfo);
}

/** The letters' sender and recipients, read from their files when given as paths. */
async function letterPartsOf(request: ReportRequest): Promise<{ sender?: Sender; recipients?: RecipientRegister }> {
  const sender = typeof request.sender === 'string' ? (await import('../data/letters/sender.js')).loadSender(request.sender) : request.sender;
  const recipients = typeof request.recipients === 'string' ? (await import('../data/letters/recipients.js')).loadRecipients(request.recipients) : request.recipients;
  return { ...(sender !== undefined ? { sender } : {}), ...(recipients !== undefined ? { recipients } : {}) };
}

async function schemeReport(request: ReportRequest, spec: ReportKindSpec): Promise<BuiltReport> {
  const onEvent = request.onEvent ?? ignoreEvents;
  // The remiss, sender and recipient files are checked before anything is computed: all their mistakes at once.
  const remissInfo = spec.remissInfo ? await remissInfoOf(request) : {};
  const letterParts = spec.letterhead ? await letterPartsOf(request) : {};
  if (letterParts.recipients !== undefined) onEvent({ type: 'warnings', warnings: letterParts.recipients.warnings });
  const subject = await loadSubject(request);
  onEvent({ type: 'warnings', warnings: subject.warnings });
  if (subject.partyNote) onEvent({ type: 'note', text: subject.partyNote });
  noteCaveats(onEvent, [subject.model.caveats]);
  const result = evaluateScheme(subject.model);
  onEvent({ type: 'evaluated', result });
  // A remiss file's own date is the report's date (footer, PDF), unless --date sets another; the document then says that one too.
  const remissDate = remissInfo.datum !== undefined ? { iso: remissInfo.datum, ...(typeof request.remissInfo === 'string' ? { file: request.remissInfo } : {}) } : undefined;
  const date = reportDate(request.date, subject, remissDate);
  const context = reportContext(subject, result, {
    date,
    ...(request.title !== undefined ? { title: request.title } : {}),
    ...(subject.scenario ? { extraInputs: [{ name: 'scenario', content: fileContent(subject.scenario.path) }] } : {}),
  });
  if (spec.letterhead) {
    const { letterNotes } = await import('../reports/views/letter.js');
    for (const text of letterNotes(context, request.party, letterParts)) onEvent({ type: 'note', text });
  }
  const documents = await spec.documents(context, {
    ...(request.party !== undefined ? { party: request.party } : {}),
    remissInfo: remissInfo.datum !== undefined ? { ...remissInfo, datum: date.iso } : remissInfo,
    ...letterParts,
  });
  return { kind: request.kind, documents, context, date, scheme: subject.model.id, warnings: subject.warnings };
}

async function comparisonReport(request: ReportRequest, spec: ReportKindSpec): Promise<BuiltReport> {
  // The comparison's and the simulation's modules load only for a comparison.
  const { labelOf, evaluatedComparison, loadScenarioBase } = await import('./compare.js');
  const { runSimulation } = await import('./simulation.js');
  const onEvent = request.onEvent ?? ignoreEvents;
  const scenario = await loadForQuestion(request.scheme, request.inputs);
  onEvent({ type: 'warnings', warnings: scenario.warnings });
  if (scenario.kind !== 'scenario') {
    throw InputError.of(
      t(`${request.scheme} är ett schema, inte en scenariofil`, `${request.scheme} is a scheme, not a scenario file`),
      { hint: t('Jämförelsen gäller ett scenario mot sitt schema, t.ex. report comparison scenarios/goteborg-avstar.yaml.', 'A comparison is of a scenario against its scheme, e.g. report comparison scenarios/goteborg-avstar.yaml.') },
      'E_OPTION',
    );
  }
  const base = await loadScenarioBase(scenario, request.inputs);
  onEvent({ type: 'warnings', warnings: base.warnings });
  noteCaveats(onEvent, [base.scheme.model.caveats, scenario.scheme.model.caveats]);
  const comparison = evaluatedComparison(base, scenario, onEvent);

  const simulated =
    scenario.vary.length > 0
      ? await runSimulation({
          loaded: scenario,
          ...(request.runs !== undefined ? { runs: request.runs } : {}),
          ...(request.seed !== undefined ? { seed: request.seed } : {}),
          ...(request.workers !== undefined ? { workers: request.workers } : {}),
          onEvent,
        })
      : undefined;

  const found = findScenarioFile(request.scheme);
  const extraInputs: InputPart[] = [
    ...(found !== undefined ? [{ name: 'scenario', content: fileContent(found.path) }] : []),
    { name: 'cli-parameters', content: JSON.stringify(scenario.scheme.model.parameters) },
    ...(simulated !== undefined ? [{ name: 'runs', content: String(simulated.runs) }] : []),
  ];
  const date = reportDate(request.date, scenario.scheme);
  const context = reportContext(scenario.scheme, comparison.scenario, {
    date,
    extraInputs,
    ...(request.title !== undefined ? { title: request.title } : {}),
    ...(simulated !== undefined ? { seed: simulated.seed } : {}),
  });
  const input: ComparisonInput = {
    comparison,
    // The base as the scenario names it (`vgr-2022`), not the absolute path it was found at.
    base: { ...labelOf(base), label: scenario.parsed?.scenario.scheme ?? labelOf(base).label },
    scenario: labelOf(scenario),
    changes: scenario.changes,
    vary: scenario.vary,
    parameters: scenario.scheme.definition.parameters,
    setByScenario: Object.keys(scenario.parsed?.scenario.set ?? {}),
    ...(simulated !== undefined ? { simulation: simulated.summary } : {}),
  };
  const documents = await spec.documents(context, { remissInfo: {}, comparison: input });
  return {
    kind: request.kind,
    documents,
    context,
    date,
    scheme: comparison.scenario.scheme.id,
    warnings: [...scenario.warnings, ...base.warnings],
    comparison: input,
    ...(simulated !== undefined ? { simulation: { runs: simulated.runs, seed: simulated.seed, workers: simulated.workers } } : {}),
  };
}

/** Where a report is printed and how. */
export interface ReportOutput {
  /** The folder (default `out/<scheme id>`); checked before anything is computed. */
  readonly out?: string;
  /** Also write each document's HTML beside its PDF. */
  readonly html?: boolean;
  /**
   * `pdf` (the default) to print, or `docx` for a Word file to edit, written
   * where the PDF would go with `.docx` (for the kinds that allow it: {@link ReportKindSpec.formats}).
   */
  readonly format?: ReportFormat;
  /** A renderer to use, a signal that stops starting documents, progress. */
  readonly render?: RenderRun;
  /** Told when the documents are built, before printing starts. */
  readonly onBuilt?: (report: BuiltReport, outDir: string) => void;
}

/** A report built and printed. */
export interface ReportRun extends BuiltReport {
  readonly outDir: string;
  /** What was written and what failed. */
  readonly summary: BatchSummary;
}

/**
 * Builds a report and prints it to PDF (or, with `format: 'docx'`, writes it as Word files).
 *
 * @throws InputError for a request, inputs or an output folder that do not hold together (before anything is written).
 * @example
 * const run = await runReport({ kind: 'overview', scheme: 'sthlm-2020', inputs: { overrides: { 'licence.total': '1500000' } } }, { out: 'ut' });
 * console.log(run.summary.written.map((w) => w.outFile));
 */
export async function runReport(request: ReportRequest, output: ReportOutput = {}): Promise<ReportRun> {
  checkReportRequest({ ...request, ...(output.format !== undefined ? { format: output.format } : {}), ...(output.html === true ? { html: true } : {}) });
  // A folder that cannot be written is refused before anything is computed.
  if (output.out !== undefined) checkOutputFolder(output.out);
  const built = await buildReport(request);
  const outDir = output.out ?? join('out', built.scheme);
  if (output.out === undefined) checkOutputFolder(outDir);
  output.onBuilt?.(built, outDir);
  const summary =
    output.format === 'docx'
      ? await writeDocxDocuments(built.documents, { outDir, creation: built.date.creation }, output.render ?? {})
      : await renderDocuments(built.documents, { outDir, html: Boolean(output.html), creation: built.date.creation }, output.render ?? {});
  return { ...built, outDir, summary };
}
