// What the golden documents are built from, decided the way `andel report`
// decides it: the report's date from the inputs (never the clock), the
// footer's stamp from andel's version and a hash of the inputs' contents, and
// for a comparison its base, its changes and its seeded simulation.
//
// This is the one place that stands in for the pipeline: once a library
// `runReport` exists, `schemeReport` and `comparisonReport` become calls to it
// and every golden file must stay byte for byte the same. Nothing here may
// depend on the clock, the machine, the checkout's absolute path or the
// working directory: files are found from the project root and named in the
// hash by kind and file name only.
import { readFileSync } from 'node:fs';
import { basename, isAbsolute, join } from 'node:path';
import { loadScenario, type LoadedScenario } from '../../data/load-scenario.js';
import { loadScheme, type LoadedScheme } from '../../data/load-scheme.js';
import { projectRoot } from '../../data/project-root.js';
import { type SchemeResult, evaluateScheme } from '../../models/evaluate.js';
import { reportFigures } from '../../models/report-figures.js';
import { compareResults } from '../../models/scenarios/compare.js';
import { compileSimulation, simulate } from '../../models/scenarios/simulation.js';
import type { ComparedSide, ComparisonInput } from '../../reports/views/comparison.js';
import { type InputPart, inputHash, provenanceStamp } from '../../reports/views/provenance.js';
import type { ReportContext } from '../../reports/views/report-document.js';

/** A scheme's result and the context its overview, letters and remiss are built from. */
export interface SchemeReport {
  readonly loaded: LoadedScheme;
  readonly result: SchemeResult;
  readonly context: ReportContext;
}

/** A scenario's comparison with its base: the context (the scenario's result) and the view's input. */
export interface ComparisonReport {
  readonly context: ReportContext;
  readonly input: ComparisonInput;
}

/** `andel report <overview|letters|remiss> <scheme> [--set name=value …]`, up to the documents. */
export async function schemeReport(scheme: string, overrides: Record<string, string> = {}): Promise<SchemeReport> {
  const loaded = await loadScheme(scheme, { overrides });
  const result = evaluateScheme(loaded.model);
  return { loaded, result, context: contextOf(loaded, result) };
}

/**
 * `andel report comparison <scenario>`, up to the document: the base is the
 * scheme the scenario names, a parameter the scheme leaves open takes the
 * scenario's value there too (with a caveat), and a scenario that varies
 * inputs is simulated with its own runs and seed.
 */
export async function comparisonReport(name: string): Promise<ComparisonReport> {
  const scenario = await loadScenario(name);
  if (scenario.kind !== 'scenario' || scenario.parsed === undefined) throw new Error(`${name} is not a shipped scenario`);
  const open = Object.entries(scenario.scheme.definition.parameters).flatMap(([param, p]) => {
    const value = scenario.scheme.model.parameters[param];
    return p.value === undefined && value !== undefined ? [{ param, value }] : [];
  });
  const base = await loadScenario(
    scenario.scheme.definition.id,
    open.length > 0
      ? { overrides: Object.fromEntries(open.map((o) => [o.param, o.value])), caveats: open.map((o) => `${o.param} saknar värde i schemat; basen använder scenariots värde ${o.value}.`) }
      : {},
  );
  const comparison = compareResults(evaluateScheme(base.source.model), evaluateScheme(scenario.source.model));

  let simulated: { seed: number; runs: number; summary: NonNullable<ComparisonInput['simulation']> } | undefined;
  if (scenario.vary.length > 0) {
    const { runs, seed } = scenario.simulation ?? {};
    if (runs === undefined || seed === undefined) throw new Error(`${name}: a golden simulation needs the scenario's own runs and seed`);
    simulated = { runs, seed, summary: simulate(compileSimulation(scenario.source, scenario.vary), { runs, seed }).summary };
  }

  const context = contextOf(scenario.scheme, comparison.scenario, {
    extraInputs: [
      { name: 'scenario', content: readFileSync(join(projectRoot(), scenario.label)) },
      { name: 'cli-parameters', content: JSON.stringify(scenario.scheme.model.parameters) },
      ...(simulated !== undefined ? [{ name: 'runs', content: String(simulated.runs) }] : []),
    ],
    ...(simulated !== undefined ? { seed: simulated.seed } : {}),
  });
  return {
    context,
    input: {
      comparison,
      // The base as the scenario names it (`vgr-2022`).
      base: { ...sideOf(base), label: scenario.parsed.scenario.scheme },
      scenario: sideOf(scenario),
      changes: scenario.changes,
      vary: scenario.vary,
      ...(simulated !== undefined ? { simulation: simulated.summary } : {}),
    },
  };
}

function sideOf(s: LoadedScenario): ComparedSide {
  return { label: s.label, title: s.title, kind: s.kind, ...(s.description ? { description: s.description } : {}) };
}

/** The report's date and stamp: the agreement's date, else the data's latest reference date. */
function contextOf(loaded: Pick<LoadedScheme, 'definition' | 'model'>, result: SchemeResult, options: { extraInputs?: readonly InputPart[]; seed?: number } = {}): ReportContext {
  const source = loaded.definition.source;
  const reportDate = source?.date ?? loaded.model.provenance.flatMap((p) => (p.referenceDate !== undefined ? [p.referenceDate] : [])).sort().at(-1);
  if (reportDate === undefined) throw new Error(`${loaded.model.id}: the inputs give no date for the report`);
  const hash = inputHash([...inputParts(loaded), ...(options.extraInputs ?? [])]);
  return {
    result,
    figures: reportFigures(result),
    reportDate,
    ...(source !== undefined ? { source: { document: source.document, ...(source.author !== undefined ? { author: source.author } : {}), ...(source.date !== undefined ? { date: source.date } : {}) } } : {}),
    ...(loaded.definition.region !== undefined ? { region: loaded.definition.region } : {}),
    stamp: provenanceStamp({ version: version(), provenance: result.scheme.provenance, hash, ...(options.seed !== undefined ? { seed: options.seed } : {}) }),
  };
}

/** The scheme's definition, its parameter values and the contents of its data files, by stable names. */
function inputParts(loaded: Pick<LoadedScheme, 'definition' | 'model'>): InputPart[] {
  const model = loaded.model;
  const file = (path: string): Uint8Array => readFileSync(isAbsolute(path) ? path : join(projectRoot(), path));
  return [
    { name: 'scheme', content: JSON.stringify(loaded.definition) },
    { name: 'parameters', content: JSON.stringify(Object.entries(model.parameters).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) },
    ...model.provenance.flatMap((p) => (p.file !== undefined ? [{ name: `file:${p.label}:${basename(p.file)}`, content: file(p.file) }] : [])),
    ...(model.splits ?? []).map((s) => ({ name: `split:${s.parent}:${basename(s.file)}`, content: file(s.file) })),
  ];
}

function version(): string {
  return (JSON.parse(readFileSync(join(projectRoot(), 'package.json'), 'utf8')) as { version: string }).version;
}
