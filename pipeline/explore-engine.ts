/**
 * The explorer's engine (`andel explore`): the entry point of the browser
 * bundle that scripts/bundle.mjs builds into dist/explore/engine.js. It runs
 * the very code `andel allocate` runs (pipeline/allocate.ts, the data/
 * loaders, models/, reports/allocation.ts) on the files the page embeds: in
 * the browser, node:fs and node:path are small shims over those files
 * (scripts/browser-shims/), keyed by the paths the command line read.
 *
 * A state is a scenario ({@link ExploreState}, the shape of a scenario
 * file's `scheme`, `set` and `parties`). Its parameter values go to the
 * loader as `--set` does, so a bad value is refused with the command line's
 * words; its party changes go as a scenario file written beside the page's
 * working directory, so leaving and joining are the scenario verbs
 * themselves. `result()` is `allocationJson` of the evaluated scheme: the
 * object `andel allocate … --format json` prints for the same state.
 *
 * The documents' words come on demand, from the views that print them:
 * `explain(code)` is a party's "Så har beloppet räknats fram" as its letter
 * has it (reports/views/letter.ts), `reconciliation()` the overview's
 * shortfall notice and "Avstämning" (reports/views/overview.ts). Both are
 * built when asked, from the evaluated result and its figures (computed once
 * per state, at the first question), never on a lever change.
 */
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { stringify } from 'yaml';
import { keepParsedFiles } from '../data/parsed-memo.js';
import type { SchemeResult } from '../models/evaluate.js';
import { reportFigures, schemePrintsOre } from '../models/report-figures.js';
import { allocationJson } from '../reports/allocation.js';
import { explanationBlocks } from '../reports/views/letter.js';
import { type CapAnalysis, capAnalyses, keyFigureItems, reconciliationBlocks } from '../reports/views/overview.js';
import { type ReportBlock, type ResultFigures, caveatBlock, partyResult, shortfallNotice } from '../reports/views/report-document.js';
import { runAllocation } from './allocate.js';

/** A party that joins, as a scenario file's `parties.join` writes it. */
export interface ExploreJoin {
  readonly code: string;
  readonly name: string;
  readonly kind?: 'kommun' | 'region';
  readonly population?: number;
  readonly users?: number | Readonly<Record<string, number>>;
}

/**
 * A party split into sub-parties from a file, as a scenario file's
 * `parties.split` writes it. `andel explore` names the file by its absolute
 * path (a relative one is read from the working directory).
 */
export interface ExploreSplit {
  readonly parent: string;
  readonly file: string;
  readonly proportional?: boolean;
}

/**
 * The explorer's state: the scenario file's `scheme`, `set` and `parties`
 * (see data/scenario-file.ts). `parties.split` is there only when a party
 * is split (a state from a scenario that splits one): the page keeps it
 * through every change, and its files are embedded in the page.
 */
export interface ExploreState {
  readonly scheme: string;
  readonly set: Readonly<Record<string, string>>;
  readonly parties: { readonly leave: readonly string[]; readonly join: readonly ExploreJoin[]; readonly split?: readonly ExploreSplit[] };
}

/** What the page embeds besides the files: where the command line ran, and the state it started from. */
export interface ExploreSetup {
  /** The working directory of the run that wrote the page: the scenario of the party changes is written here (in memory). */
  readonly cwd: string;
  readonly base: ExploreState;
}

/** The allocation JSON contract (reports/allocation.ts). */
export type AllocationJson = ReturnType<typeof allocationJson>;

/** The name of the scenario file the party changes are written to (in the embedded file system only). */
export const EXPLORE_SCENARIO_FILE = 'utforska-scenario.yaml';

function copyState(s: ExploreState): ExploreState {
  const split = s.parties.split ?? [];
  return {
    scheme: s.scheme,
    set: { ...s.set },
    parties: {
      leave: [...s.parties.leave],
      join: s.parties.join.map((j) => ({ ...j, ...(typeof j.users === 'object' ? { users: { ...j.users } } : {}) })),
      ...(split.length > 0 ? { split: split.map((x) => ({ ...x })) } : {}),
    },
  };
}

/** Whether a state changes the scheme's parties (and is evaluated as a scenario file). */
function changesParties(state: ExploreState): boolean {
  return state.parties.leave.length > 0 || state.parties.join.length > 0 || (state.parties.split ?? []).length > 0;
}

/** The state as a scenario file: what `state()` downloads, and what the engine loads for party changes. */
export function scenarioYaml(state: ExploreState, title = 'Utforskat läge'): string {
  const doc: Record<string, unknown> = { scheme: state.scheme, title };
  if (Object.keys(state.set).length > 0) doc['set'] = { ...state.set };
  const split = state.parties.split ?? [];
  if (changesParties(state)) {
    doc['parties'] = {
      ...(state.parties.leave.length > 0 ? { leave: [...state.parties.leave] } : {}),
      ...(state.parties.join.length > 0 ? { join: state.parties.join.map((j) => ({ ...j })) } : {}),
      ...(split.length > 0 ? { split: split.map((x) => ({ ...x })) } : {}),
    };
  }
  return stringify(doc);
}

/**
 * Evaluates a state as `andel allocate` would: the scheme itself with the
 * values as `--set` when no party changes, else a scenario file of the
 * party changes with the values as `--set`.
 */
export async function evaluateState(state: ExploreState, dir: string): Promise<AllocationJson> {
  return allocationJson(await evaluateStateResult(state, dir));
}

/** {@link evaluateState}'s evaluated scheme, before it is written as the JSON contract. */
export async function evaluateStateResult(state: ExploreState, dir: string): Promise<SchemeResult> {
  const overrides = Object.assign(Object.create(null) as Record<string, string>, state.set);
  let scheme = state.scheme;
  if (changesParties(state)) {
    const file = join(dir, EXPLORE_SCENARIO_FILE);
    // Named relative to the working directory where it lies there (the page's case): messages say "utforska-scenario.yaml, rad 5".
    scheme = resolve(EXPLORE_SCENARIO_FILE) === file ? EXPLORE_SCENARIO_FILE : file;
    // A scheme file's path as the working directory reads it: absolute, so the scenario may lie anywhere.
    const schemeRef = /[/\\]|\.(ya?ml|json)$/.test(state.scheme) ? resolve(state.scheme) : state.scheme;
    // A split's file likewise (a relative one is the working directory's): the scenario may lie elsewhere (the command line's temporary folder).
    const split = (state.parties.split ?? []).map((x) => ({ ...x, file: resolve(x.file) }));
    writeFileSync(file, scenarioYaml({ ...state, scheme: schemeRef, set: {}, parties: { ...state.parties, ...(split.length > 0 ? { split } : {}) } }));
  }
  const { result } = await runAllocation({ scheme, inputs: { overrides } });
  return result;
}

/**
 * A party's explanation as its letter gives it, under "Så har beloppet
 * räknats fram": what the amount rests on, how each component was made,
 * the payments per year. An unknown code is refused.
 */
export function explainParty(views: ResultFigures, code: string): ReportBlock[] {
  const party = partyResult(views.result, code);
  if (party === undefined) throw new Error(`parten ${code} finns inte i ${views.result.scheme.id} i detta läge`);
  return explanationBlocks(views, party);
}

/** The overview's notice of what no party covers (when anything is uncovered), then its section "Avstämning". */
export function reconciliationView(views: ResultFigures, analyses: readonly CapAnalysis[] = capAnalyses(views)): ReportBlock[] {
  return [...shortfallNotice(views.result), ...reconciliationBlocks(views, analyses)];
}

/** The overview's key figures ("Nyckeltal"), as its block. */
export function keyFiguresView(views: ResultFigures, analyses: readonly CapAnalysis[] = capAnalyses(views)): ReportBlock[] {
  return [{ type: 'key-figures', label: 'Nyckeltal', items: keyFigureItems(views, analyses) }];
}

/** The scripting API of the page: `window.andel`. */
export interface ExploreApi {
  set(name: string, value: string | number): Promise<AllocationJson>;
  leave(code: string): Promise<AllocationJson>;
  join(party: ExploreJoin): Promise<AllocationJson>;
  reset(): Promise<AllocationJson>;
  /** A whole state at once (a link's, a scenario's): its scheme must be the page's. */
  load(state: Partial<ExploreState>): Promise<AllocationJson>;
  state(): ExploreState;
  result(): AllocationJson;
  base(): AllocationJson;
  scenarioYaml(): string;
  /** A party's "Så har beloppet räknats fram" for the current state, as the letters' blocks (heading, facts, list, text, table). */
  explain(code: string): ReportBlock[];
  /** The overview's shortfall notice (a `notice` block, only when something is uncovered) and "Avstämning", for the current state. */
  reconciliation(): ReportBlock[];
  /** Whether the documents print this state's amounts with öre (`1 501 577,88 kr`) or in whole kronor (`34 897 180 kr`). */
  printsOre(): boolean;
  /** The overview's key figures for the current state: one `key-figures` block (a deficit or an uncovered cost marked `attention`). */
  keyFigures(): ReportBlock[];
  /** What every output of this state must say (example data, assumed or carried-forward values), in the documents' words: one `notice` block titled Observera, or none. */
  caveats(): ReportBlock[];
  ready: Promise<AllocationJson>;
  onChange(listener: (result: AllocationJson, state: ExploreState) => void): void;
}

/**
 * An explorer over a base state: every change is evaluated before it is
 * taken; a change the engine refuses (an unknown parameter, a bad value, a
 * party that is not there) rejects with the command line's InputError and
 * leaves the state as it was. Changes run one after another.
 */
export function createExplorer(setup: ExploreSetup): ExploreApi {
  // Every change loads the same files: the scheme, the population, the user counts are parsed and checked once
  // (data/parsed-memo.ts), and only what the values change is computed again.
  keepParsedFiles();
  let state = copyState(setup.base);
  let current: AllocationJson | undefined;
  // The current state's evaluated scheme; its figures (the solver's, the sums) only once a view asks for them.
  let evaluated: { result: SchemeResult; figures?: ResultFigures['figures']; analyses?: CapAnalysis[] } | undefined;
  let baseResult: AllocationJson | undefined;
  let queue: Promise<unknown> = Promise.resolve();
  const listeners: ((result: AllocationJson, state: ExploreState) => void)[] = [];

  const apply = (next: () => ExploreState): Promise<AllocationJson> => {
    const run = queue.then(async () => {
      const candidate = next();
      const scheme = await evaluateStateResult(candidate, setup.cwd);
      const result = allocationJson(scheme);
      state = candidate;
      current = result;
      evaluated = { result: scheme };
      // The first state evaluated is the base, which the changes are measured against.
      baseResult ??= result;
      for (const l of listeners) l(structuredClone(result), copyState(state));
      return structuredClone(result);
    });
    queue = run.catch(() => undefined);
    return run;
  };

  const ready = apply(() => copyState(setup.base));

  // What the first evaluation sets: asked for before it, every view says to wait for `andel.ready`.
  const settled = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('andel: beräkningen är inte klar ännu (vänta på andel.ready)');
    return value;
  };

  const views = (): ResultFigures => {
    const e = settled(evaluated);
    e.figures ??= reportFigures(e.result);
    return { result: e.result, figures: e.figures };
  };

  // The caps' analyses (the solver's largest totals, who is near a cap): once per state, for the key figures and the reconciliation.
  const analyses = (): CapAnalysis[] => {
    const e = settled(evaluated);
    e.analyses ??= capAnalyses(views());
    return e.analyses;
  };

  return {
    set: (name, value) => apply(() => ({ ...copyState(state), set: { ...state.set, [name]: String(value) } })),
    leave: (code) => apply(() => {
      const s = copyState(state);
      const joined = s.parties.join.filter((j) => j.code !== code);
      if (joined.length !== s.parties.join.length) return { ...s, parties: { ...s.parties, join: joined } };
      return s.parties.leave.includes(code) ? s : { ...s, parties: { ...s.parties, leave: [...s.parties.leave, code] } };
    }),
    join: (party) => apply(() => {
      const s = copyState(state);
      if (s.parties.leave.includes(party.code)) return { ...s, parties: { ...s.parties, leave: s.parties.leave.filter((c) => c !== party.code) } };
      return { ...s, parties: { ...s.parties, join: [...s.parties.join.filter((j) => j.code !== party.code), { ...party }] } };
    }),
    reset: () => apply(() => copyState(setup.base)),
    load: (given) => apply(() => {
      // The page holds the files of its own scheme only.
      if (given.scheme !== undefined && given.scheme !== setup.base.scheme) {
        throw new Error(`tillståndet gäller schemat ${given.scheme}, men sidan utforskar ${setup.base.scheme}`);
      }
      return copyState({ scheme: setup.base.scheme, set: given.set ?? {}, parties: { leave: given.parties?.leave ?? [], join: given.parties?.join ?? [], split: given.parties?.split ?? [] } });
    }),
    state: () => copyState(state),
    result: () => structuredClone(settled(current)),
    base: () => structuredClone(settled(baseResult)),
    scenarioYaml: () => scenarioYaml(state),
    explain: (code) => explainParty(views(), code),
    reconciliation: () => reconciliationView(views(), analyses()),
    keyFigures: () => keyFiguresView(views(), analyses()),
    printsOre: () => schemePrintsOre(settled(evaluated).result.scheme),
    caveats: () => caveatBlock(settled(evaluated).result.scheme),
    ready,
    onChange: (listener) => {
      listeners.push(listener);
    },
  };
}

/** In the browser bundle: `window.andel`, over the setup the page embeds (read by the file shim, scripts/browser-shims/vfs.js). */
export function installExplorer(setup: ExploreSetup): ExploreApi {
  const api = createExplorer(setup);
  (globalThis as unknown as { andel: ExploreApi }).andel = api;
  return api;
}
