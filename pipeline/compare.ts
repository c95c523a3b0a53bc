/**
 * Comparisons: a scenario against the scheme it changes (its base), or two
 * schemes or scenarios side by side, each party's figure on both sides.
 */
import type { LoadedScenario } from '../data/load-scenario.js';
import { dataPath } from '../data/project-root.js';
import { type SchemeResult, evaluateScheme } from '../models/evaluate.js';
import { formatParameterValue } from '../reports/format.js';
import { type Comparison, compareResults } from '../models/scenarios/compare.js';
import type { ScenarioLabel } from '../reports/scenarios.js';
import { type OnEvent, ignoreEvents } from './events.js';
import { type SchemeInputs, loadForQuestion } from './load.js';

/** How a loaded scheme or scenario is named in outputs. */
export function labelOf(s: LoadedScenario): ScenarioLabel {
  return { label: s.label, title: s.title, kind: s.kind, ...(s.description ? { description: s.description } : {}) };
}

/**
 * The base a scenario is compared with: the scheme it names, with the same
 * inputs. A parameter the scheme leaves without a value (the Stockholm
 * licence total) and the inputs do not set takes the scenario's value on
 * both sides, and a caveat says so: without it there is nothing to compare.
 */
export async function loadScenarioBase(scenario: LoadedScenario, inputs: SchemeInputs = {}): Promise<LoadedScenario> {
  const given = inputs.overrides ?? {};
  const open = Object.entries(scenario.scheme.definition.parameters).flatMap(([name, p]) => {
    const value = scenario.scheme.model.parameters[name];
    return p.value === undefined && p.expr === undefined && value !== undefined && !Object.hasOwn(given, name) ? [{ name, value }] : [];
  });
  const builtin = scenario.scheme.path.startsWith(dataPath('schemes'));
  const caveats = open.map((o) => {
    const p = scenario.scheme.definition.parameters[o.name]!;
    return {
      reader: `${p.label} anges inte i avtalet; jämförelsens bas använder scenariots värde, ${formatParameterValue(p.type, o.value)}.`,
      operator: `${o.name} saknar värde i schemat; basen använder scenariots värde ${o.value}.`,
    };
  });
  return loadForQuestion(builtin ? scenario.scheme.definition.id : scenario.scheme.path, {
    ...inputs,
    overrides: { ...Object.fromEntries(open.map((o) => [o.name, o.value])), ...given },
    ...(caveats.length > 0 || inputs.caveats !== undefined ? { caveats: [...(inputs.caveats ?? []), ...caveats] } : {}),
  });
}

/** What to compare: `first` alone is a scenario against its base (or a scheme against itself under the inputs); with `second`, the two side by side. */
export interface ComparisonRequest {
  readonly first: string;
  readonly second?: string;
  /** Applied to both sides, so that the difference is the scenario's. */
  readonly inputs?: SchemeInputs;
  readonly onEvent?: OnEvent;
}

/** Both sides, loaded and evaluated, and each party's difference. */
export interface ComparisonRun {
  readonly base: LoadedScenario;
  readonly scenario: LoadedScenario;
  readonly comparison: Comparison;
}

/** Loads and evaluates both sides of a comparison. */
export async function runComparison(request: ComparisonRequest): Promise<ComparisonRun> {
  const onEvent = request.onEvent ?? ignoreEvents;
  const inputs = request.inputs ?? {};
  const load = async (name: string, with_: SchemeInputs) => {
    const loaded = await loadForQuestion(name, with_);
    onEvent({ type: 'warnings', warnings: loaded.warnings });
    return loaded;
  };
  const scenario = await load(request.second ?? request.first, inputs);
  let base: LoadedScenario;
  if (request.second !== undefined) base = await load(request.first, inputs);
  else if (scenario.kind === 'scenario') {
    base = await loadScenarioBase(scenario, inputs);
    onEvent({ type: 'warnings', warnings: base.warnings });
  } else base = await load(request.first, { ...inputs, overrides: {}, splits: [] });
  const comparison = evaluatedComparison(base, scenario, onEvent);
  return { base, scenario, comparison };
}

/** Evaluates both sides and compares them; each result is reported (base first) so its shortfall is said. */
export function evaluatedComparison(base: LoadedScenario, scenario: LoadedScenario, onEvent: OnEvent = ignoreEvents): Comparison {
  const results: [SchemeResult, SchemeResult] = [evaluateScheme(base.source.model), evaluateScheme(scenario.source.model)];
  onEvent({ type: 'evaluated', result: results[0], side: 'base' });
  onEvent({ type: 'evaluated', result: results[1], side: 'scenario' });
  return compareResults(...results);
}
