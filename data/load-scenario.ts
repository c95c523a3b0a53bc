/**
 * The I/O edge of scenarios: reads a scenario file (or takes a plain scheme),
 * checks every part of it against the scheme it names with line and column,
 * loads the scheme with the scenario's overrides, and builds the pure
 * {@link VariantSource} that sweeps, simulations, sensitivity and goal seek
 * compute on.
 *
 * `andel compare vgr-2022 scenarios/goteborg-avstar.yaml`, `andel simulate
 * sthlm-2020 --vary …`: every command accepts a scheme or a scenario.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import { InputError, type Problem, ProblemList, t } from '../models/errors.js';
import { type PartyChanges, applyPartyChanges, checkPartyChanges } from '../models/scenarios/party-changes.js';
import { type ParamUse, type ParameterInfo, type VariantSource, gridOf, gridText, parseParamText, toGrid } from '../models/scenarios/source.js';
import { quantile } from '../models/scenarios/distributions.js';
import { type VarySpec, makeDriverSpec, makeVarySpec, splitVaryOption } from '../models/scenarios/vary.js';
import type { Caveat, SchemeModel } from '../models/scheme.js';
import { withSuggestion } from '../models/did-you-mean.js';
import { type LoadSchemeOptions, type LoadedScheme, loadSchemeDefinition } from './load-scheme.js';
import { parsedOnce } from './parsed-memo.js';
import { dataPath, projectRoot } from './project-root.js';
import { type ParsedScenario, type ScenarioFile, looksLikeScenario, parseScenarioFile, problemAt } from './scenario-file.js';
import { findSchemeFile, readSchemeFile } from './scheme/find.js';
import type { ResolveInputs } from './scheme/inputs.js';
import { baseParametersOf, derivedRefusal, isDerived } from './scheme/derived.js';
import { parameterValue } from './scheme/parameters.js';
import { resolveScheme } from './scheme/resolve.js';
import type { SchemeFile } from './scheme/schema.js';

/** Options for {@link loadScenario}: the scheme options (`--set` and friends) and uncertain inputs. */
export interface LoadScenarioOptions extends LoadSchemeOptions {
  /** `--vary name=dist(…)` entries, added to the scenario's (a name given twice: the command line wins). */
  readonly vary?: readonly string[];
  /**
   * Values for parameters that have none, used only where the computation
   * sets them itself (a sweep or goal seek over that parameter).
   */
  readonly provisional?: Readonly<Record<string, string>>;
}

/** A scenario (or a plain scheme) ready for what-if questions. */
export interface LoadedScenario {
  readonly kind: 'scenario' | 'scheme';
  /** The scenario's title, or the scheme's. */
  readonly title: string;
  readonly description?: string;
  /** What the user named: the scenario file, or the scheme id or path. */
  readonly label: string;
  readonly parsed?: ParsedScenario;
  /** The base scheme, loaded with the scenario's options (before party changes). */
  readonly scheme: LoadedScheme;
  readonly source: VariantSource;
  readonly vary: readonly VarySpec[];
  readonly changes: PartyChanges;
  /** `simulation:` defaults from the scenario file. */
  readonly simulation?: { readonly runs?: number; readonly seed?: number };
  readonly warnings: readonly Problem[];
}

/** Set paths that are not scheme parameters but inputs. */
const SPECIAL_SET = /^(population\.file|users\.\d{4})$/;

/**
 * Finds a scenario: a path to a file, or the name of one shipped in
 * `scenarios/` (`goteborg-avstar`). Returns undefined when the name is a
 * scheme instead.
 */
export function findScenarioFile(nameOrPath: string): { path: string; label: string } | undefined {
  if (/[/\\]|\.(ya?ml|json)$/.test(nameOrPath)) {
    const path = isAbsolute(nameOrPath) ? nameOrPath : resolve(nameOrPath);
    if (!existsSync(path)) return undefined;
    const text = readFileSync(path, 'utf8');
    return parsedOnce('looks-like-scenario', path, text, () => looksLikeScenario(text)) ? { path, label: nameOrPath } : undefined;
  }
  const shipped = resolve(projectRoot(), 'scenarios', `${nameOrPath}.yaml`);
  return existsSync(shipped) ? { path: shipped, label: `scenarios/${nameOrPath}.yaml` } : undefined;
}

/**
 * Loads a scenario file or a scheme for scenario computations.
 *
 * @example
 * const s = await loadScenario('scenarios/goteborg-avstar.yaml');
 * evaluateScheme(s.source.model).reconciliation.financing?.surplus // −497 831 000 öre: a gap
 */
export async function loadScenario(nameOrPath: string, options: LoadScenarioOptions = {}): Promise<LoadedScenario> {
  const found = findScenarioFile(nameOrPath);
  let parsed: ParsedScenario | undefined;
  let schemeRef = nameOrPath;
  let baseDir = process.cwd();
  if (found) {
    let text: string;
    try {
      text = readFileSync(found.path, 'utf8');
    } catch (e) {
      throw InputError.of(t(`scenariofilen kan inte läsas (${(e as NodeJS.ErrnoException).code ?? 'fel'})`, `the scenario file cannot be read (${(e as NodeJS.ErrnoException).code ?? 'error'})`), { file: found.label }, 'E_SCENARIO');
    }
    parsed = parseScenarioFile(text, found.label);
    baseDir = dirname(found.path);
    schemeRef = /[/\\]|\.(ya?ml|json)$/.test(parsed.scenario.scheme) ? resolve(baseDir, parsed.scenario.scheme) : parsed.scenario.scheme;
    checkSchemeReference(parsed, found.path, schemeRef);
  }
  let schemeFile: { path: string; label: string } | undefined;
  let def: SchemeFile | undefined;
  // A built-in scheme is usually in data/schemes/<id>.yaml: read it directly
  // rather than parse every built-in scheme to find it.
  const direct = /[/\\]|\.(ya?ml|json)$/.test(schemeRef) ? undefined : dataPath('schemes', `${schemeRef}.yaml`);
  if (direct && existsSync(direct)) {
    schemeFile = { path: direct, label: `data/schemes/${schemeRef}.yaml` };
    def = await readSchemeFile(schemeFile.path, schemeFile.label);
    if (def.id !== schemeRef) def = undefined;
  }
  if (!def || !schemeFile) {
    try {
      schemeFile = await findSchemeFile(schemeRef);
    } catch (e) {
      if (parsed && e instanceof InputError) throw new InputError(e.problems.map((p) => ({ ...p, ...problemAt(parsed!, ['scheme'], p.message, p.hint) })), { code: e.code, warnings: e.warnings, omitted: e.omitted, omittedWarnings: e.omittedWarnings });
      throw e;
    }
    def = await readSchemeFile(schemeFile.path, schemeFile.label);
  }
  const scenario = parsed?.scenario;
  const problems = new ProblemList();
  const at = (path: (string | number)[], message: ReturnType<typeof t>, hint?: ReturnType<typeof t>) => {
    if (parsed) problems.problems.push(problemAt(parsed, path, message, hint));
    else problems.add(message, { file: '--set', ...(hint ? { hint } : {}) });
  };

  // Overrides: the scenario's, then the command line's; input paths apart.
  // Names come from the user: kept in objects without a prototype, so that
  // `constructor` or `__proto__` is a name like any other (and unknown).
  const setOverrides = Object.create(null) as Record<string, string>;
  let populationFile = options.population;
  const userFiles: Record<number, string> = {};
  for (const [name, value] of Object.entries(scenario?.set ?? {})) {
    if (SPECIAL_SET.test(name)) {
      const file = resolve(baseDir, value);
      if (name === 'population.file') populationFile ??= file;
      else userFiles[Number(name.slice(6))] = file;
      continue;
    }
    const problem = checkParameterValue(def, name, value);
    if (problem) at(['set', name], problem);
    else setOverrides[name] = value;
  }
  const cliOverrides = Object.create(null) as Record<string, string>;
  for (const [name, value] of Object.entries(options.overrides ?? {})) {
    if (name === 'population.file') populationFile = value;
    else if (/^users\.\d{4}$/.test(name)) userFiles[Number(name.slice(6))] = value;
    else cliOverrides[name] = value;
  }
  Object.assign(userFiles, options.users ?? {});

  const parameters = parameterInfos(def, { ...setOverrides, ...cliOverrides });

  // Uncertain inputs: the scenario's, then --vary (which wins for a name given twice).
  const varyByName = new Map<string, VarySpec>();
  const scaledBy = new Map<string, string>();
  for (const [name, entry] of Object.entries(scenario?.vary ?? {})) {
    if (typeof entry === 'string') {
      const v = makeVarySpec(name, entry, parameters);
      if ('error' in v) at(['vary', name], v.error);
      else varyByName.set(name, v);
      continue;
    }
    const v = makeDriverSpec(name, entry.draw, entry.scales, parameters, entry.label);
    if ('errors' in v) {
      for (const e of v.errors) at(e.index !== undefined ? ['vary', name, 'scales', e.index] : ['vary', name, 'draw'], e.error);
      continue;
    }
    entry.scales.forEach((scaled, i) => {
      const other = scaledBy.get(scaled);
      if (other !== undefined) at(['vary', name, 'scales', i], t(`${scaled} skalas redan av ${other}; en parameter följer högst en drivande faktor`, `${scaled} is scaled by ${other} already; a parameter follows at most one driver`));
      else if (Object.hasOwn(scenario?.vary ?? {}, scaled)) at(['vary', name, 'scales', i], t(`${scaled} varieras redan för sig; den kan inte också skalas av ${name}`, `${scaled} is varied on its own already; it cannot also be scaled by ${name}`));
      scaledBy.set(scaled, name);
    });
    varyByName.set(name, v);
  }
  for (const text of options.vary ?? []) {
    const split = splitVaryOption(text);
    const v = split ? makeVarySpec(split.name, split.dist, parameters) : { error: t(`"${text}" ska skrivas namn=fördelning, t.ex. population=uniform(-0.05,0.05)`, `"${text}" must be written name=distribution, e.g. population=uniform(-0.05,0.05)`) };
    if ('error' in v) problems.add(v.error, { file: '--vary' });
    else if (scaledBy.has(split!.name)) problems.add(t(`${split!.name} skalas av ${scaledBy.get(split!.name)} i scenariot; den kan inte också varieras för sig`, `${split!.name} is scaled by ${scaledBy.get(split!.name)} in the scenario; it cannot also be varied on its own`), { file: '--vary' });
    else varyByName.set(split!.name, v);
  }
  problems.throwIfAny('E_SCENARIO');
  const vary = [...varyByName.values()];

  // A parameter without a value that a computation sets itself gets a
  // provisional one: the median of its distribution, or what the caller gives.
  const provisional = Object.create(null) as Record<string, string>;
  const caveats: Caveat[] = [...(options.caveats ?? [])];
  for (const p of parameters) {
    if (p.value !== undefined || p.derived) continue;
    const v = vary.find((x) => x.target.kind === 'parameter' && x.target.parameter.name === p.name);
    const text = options.provisional?.[p.name] ?? (v ? gridText(toGrid(quantile(v.distribution, 0.5), gridOf(p.type, unitOf(def))), p.type) : undefined);
    if (text !== undefined) {
      provisional[p.name] = text;
      if (v) {
        caveats.push({
          reader: `${def.parameters[p.name]?.label ?? p.name} anges inte i avtalet; där ett enda värde behövs används medianen av scenariots fördelning.`,
          operator: `${p.name} saknar värde i schemat; medianen av fördelningen (${text}) används där ett enda värde behövs.`,
        });
      }
    }
  }

  const splits = [...(options.splits ?? []), ...(scenario?.parties.split ?? []).map((s) => ({ parent: s.parent, file: resolve(baseDir, s.file) }))];
  const schemeOptions: LoadSchemeOptions = {
    ...options,
    overrides: { ...provisional, ...setOverrides, ...cliOverrides },
    ...(populationFile ? { population: populationFile } : {}),
    users: userFiles,
    splits,
    splitProportional: Boolean(options.splitProportional) || (scenario?.parties.split ?? []).some((s) => s.proportional),
    ...(caveats.length > 0 ? { caveats } : {}),
  };
  const scheme = await loadSchemeDefinition(def, { ...schemeOptions, path: schemeFile.path, label: schemeFile.label });

  // Party changes, checked where they were written.
  const changes: PartyChanges = {
    leave: scenario?.parties.leave ?? [],
    join: (scenario?.parties.join ?? []).map((j) => ({
      code: j.code, name: j.name, kind: j.kind,
      ...(j.population !== undefined ? { population: j.population } : {}),
      ...(j.users !== undefined ? { users: typeof j.users === 'number' ? j.users : Object.fromEntries(Object.entries(j.users).map(([y, n]) => [Number(y), n])) } : {}),
    })),
  };
  for (const p of checkPartyChanges(scheme.model, changes)) at(['parties', ...p.path], p.message);
  problems.throwIfAny('E_SCENARIO');

  // A variant resolves with the very inputs the loader used: no file is read again.
  const inputs: ResolveInputs = scheme.inputs;
  const baseOverrides = schemeOptions.overrides ?? {};
  const defined = def;
  const variant = (values: Readonly<Record<string, string>>): SchemeModel => {
    const model = resolveScheme(defined, { ...inputs, overrides: { ...baseOverrides, ...values } });
    return applyPartyChanges(withProvenance(model, scheme.model), changes);
  };
  const model = applyPartyChanges(scheme.model, changes);
  const source: VariantSource = {
    model,
    parameters: parameterInfos(def, { ...provisional, ...setOverrides, ...cliOverrides }, scheme.model.parameters),
    uses: parameterUses(def),
    countyParties: def.parties.flatMap((p) => ('code' in p && p.population === 'county' ? [p.code] : [])),
    variant,
  };
  return {
    kind: parsed ? 'scenario' : 'scheme',
    title: scenario?.title ?? scheme.model.title,
    ...(scenario?.description ? { description: scenario.description.trim() } : {}),
    label: found?.label ?? nameOrPath,
    ...(parsed ? { parsed } : {}),
    scheme, source, vary, changes,
    ...(scenario?.simulation ? { simulation: scenario.simulation } : {}),
    warnings: scheme.warnings,
  };
}

function unitOf(def: SchemeFile): number {
  const d = parseParamText(def.rounding);
  return d ? d.times(100).toNumber() : 1;
}

/** The scheme's parameters as scenarios see them, with the values in force. */
export function parameterInfos(def: SchemeFile, overrides: Readonly<Record<string, string>>, resolved?: Readonly<Record<string, string>>): ParameterInfo[] {
  return Object.entries(def.parameters).map(([name, p]) => {
    // A derived parameter's value is what the resolved scheme computed for it.
    const value = p.expr !== undefined ? resolved?.[name] : (overrides[name] ?? p.value);
    return {
      name, type: p.type, label: p.label,
      ...(p.unit ? { unit: p.unit } : {}), ...(p.min !== undefined ? { min: p.min } : {}), ...(p.max !== undefined ? { max: p.max } : {}),
      ...(p.values ? { values: p.values } : {}), ...(value !== undefined ? { value } : {}),
      ...(p.expr !== undefined ? { derived: { expr: p.expr, from: baseParametersOf(def, name) } } : {}),
    };
  });
}

function checkParameterValue(def: SchemeFile, name: string, value: string): ReturnType<typeof t> | undefined {
  const p = Object.hasOwn(def.parameters, name) ? def.parameters[name] : undefined;
  if (!p) {
    const names = [...Object.keys(def.parameters), 'population.file', 'users.ÅÅÅÅ'];
    return withSuggestion(t(`okänd parameter "${name}"; schemat ${def.id} har: ${names.join(', ')}`, `unknown parameter "${name}"; scheme ${def.id} has: ${names.join(', ')}`), name, names);
  }
  if (isDerived(p)) return derivedRefusal(def, name, 'set');
  const v = parameterValue(p, value);
  if (v.ok) return undefined;
  const hint = v.hint ? { sv: ` ${v.hint.sv}`, en: ` ${v.hint.en}` } : { sv: '', en: '' };
  return t(`"${value}" ${v.message.sv}${hint.sv}`, `"${value}" ${v.message.en}${hint.en}`);
}

/**
 * A scenario's `scheme:` must name a scheme: not the scenario file itself
 * (it would be read as a scheme and fail on every field a scheme has), nor
 * another scenario.
 */
function checkSchemeReference(parsed: ParsedScenario, scenarioPath: string, schemeRef: string): void {
  if (!isAbsolute(schemeRef)) return;
  if (resolve(schemeRef) === resolve(scenarioPath)) {
    throw new InputError(
      [problemAt(parsed, ['scheme'], t('scenariot hänvisar till sig självt: scheme ska vara schemat som scenariot utgår från', 'the scenario refers to itself: scheme must be the scheme the scenario starts from'), t('Ange ett inbyggt schema (t.ex. vgr-2022) eller sökvägen till en schemafil.', 'Give a built-in scheme (e.g. vgr-2022) or the path to a scheme file.'))],
      { code: 'E_SCENARIO' },
    );
  }
  if (existsSync(schemeRef) && looksLikeScenario(readFileSync(schemeRef, 'utf8'))) {
    throw new InputError(
      [problemAt(parsed, ['scheme'], t(`${parsed.scenario.scheme} är ett scenario, inte ett schema: ett scenario utgår från ett schema`, `${parsed.scenario.scheme} is a scenario, not a scheme: a scenario starts from a scheme`), t('Ange schemat som det andra scenariot utgår från.', 'Give the scheme the other scenario starts from.'))],
      { code: 'E_SCENARIO' },
    );
  }
}

/** Where each parameter is used in a scheme definition (every `{ param: name }`, by its path). */
export function parameterUses(def: SchemeFile): Record<string, ParamUse[]> {
  const out: Record<string, ParamUse[]> = {};
  const add = (name: string, use: ParamUse) => (out[name] ??= []).push(use);
  const walk = (node: unknown, path: string[], visit: (name: string, path: string[]) => void): void => {
    if (node === null || typeof node !== 'object') return;
    if (!Array.isArray(node) && typeof (node as { param?: unknown }).param === 'string' && Object.keys(node).length === 1) {
      visit((node as { param: string }).param, path);
      return;
    }
    for (const [k, v] of Object.entries(node)) walk(v, [...path, k], visit);
  };
  def.components.forEach((c) => {
    walk(c, [], (name, path) => {
      const p = path.join('.');
      const field =
        c.kind === 'per-unit' && p === 'rate' ? 'rate'
        : c.kind === 'share' && p === 'total' ? 'total'
        : c.kind === 'share' && p === 'cap.amount' ? 'cap.amount'
        : c.kind === 'yearly-share' && p === 'budget' ? 'budget'
        : c.kind === 'yearly-share' && p === 'index' ? 'index'
        : p.startsWith('years.') ? 'years'
        : 'other';
      add(name, { where: 'component', component: c.id, field });
    });
  });
  walk(def.financing, [], (name, path) => {
    const p = path.join('.');
    if (p === 'cost.amount') add(name, { where: 'financing', field: 'cost' });
    else if (p === 'revenue.amount') add(name, { where: 'financing', field: 'revenue' });
    else add(name, { where: 'other', path: `financing.${p}` });
  });
  walk(def.contract, [], (name) => add(name, { where: 'contract' }));
  walk(def.parties, [], (name, path) => add(name, path[path.length - 1] === 'users' ? { where: 'users' } : { where: 'other', path: `parties.${path.join('.')}` }));
  const rest = Object.fromEntries(Object.entries(def).filter(([k]) => !['components', 'financing', 'contract', 'parties', 'parameters'].includes(k)));
  walk(rest, [], (name, path) => add(name, { where: 'other', path: path.join('.') }));
  return out;
}

/** The files are the same for every variant: so is where the figures come from, as the loader said it. */
function withProvenance(model: SchemeModel, base: SchemeModel): SchemeModel {
  return { ...model, provenance: base.provenance };
}

export type { ScenarioFile };
