/**
 * What a request names, loaded: a built-in scheme, a scheme file, a generic
 * scheme built from options (`per-capita`, `share`), or a scenario file.
 * Every verb of the pipeline loads through here, so the command line, a
 * notebook and a script accept the same names and inputs.
 */
import type { AdhocRegion, AdhocSchemeOptions } from '../data/adhoc-scheme.js';
import { type LoadScenarioOptions, type LoadedScenario, findScenarioFile, loadScenario } from '../data/load-scenario.js';
import type { LoadSchemeOptions, LoadedScheme } from '../data/load-scheme.js';
import { ProblemList, type Text, t } from '../models/errors.js';
import type { SchemeModel } from '../models/scheme.js';
import type { SchemeFile } from '../data/scheme/schema.js';

/**
 * The inputs a scheme is resolved with, besides its own file: parameter
 * overrides (`{ 'licence.total': '1500000' }`), another population file
 * (and the year to read from it), user-count files per year, and parties
 * split into sub-parties.
 */
export type SchemeInputs = Pick<LoadSchemeOptions, 'overrides' | 'population' | 'year' | 'users' | 'splits' | 'splitProportional' | 'caveats'>;

/** The options of the generic schemes `per-capita` and `share` (see {@link AdhocSchemeOptions}). */
export type AdhocInputs = Omit<AdhocSchemeOptions, 'codes'>;

/** What to load: a scheme by name or path, with its inputs. */
export interface SchemeRequest {
  /** `vgr-2022`, a scheme file's path, or `per-capita` / `share`. */
  readonly scheme: string;
  readonly inputs?: SchemeInputs;
  /** The generic schemes' options; refused for any other scheme. */
  readonly adhoc?: AdhocInputs;
}

/** A loaded scheme; a generic one also says which parties it used. */
export type RequestedScheme = LoadedScheme & { readonly region?: AdhocRegion; readonly partyNote?: Text };

/** The name each generic-scheme option has on the command line, for messages. */
const ADHOC_OPTIONS: Record<keyof AdhocInputs, string> = {
  rate: '--rate',
  total: '--total',
  cap: '--cap',
  capPolicy: '--cap-policy',
  regionCode: '--region-code',
  regionName: '--region-name',
  rounding: '--rounding',
};

/**
 * Loads what a request names: `per-capita` or `share` built from its
 * generic options, or a built-in scheme or scheme file (which refuses the
 * generic options rather than ignore them).
 *
 * @example
 * const loaded = await loadRequestedScheme({ scheme: 'per-capita', adhoc: { rate: '10' }, inputs: { population: 'bef.csv' } });
 */
export async function loadRequestedScheme(request: SchemeRequest): Promise<RequestedScheme> {
  const { scheme } = request;
  const inputs = request.inputs ?? {};
  const adhoc = request.adhoc ?? {};
  const { isAdhocScheme, loadAdhocScheme, adhocPartyNote } = await import('../data/adhoc-scheme.js');
  if (isAdhocScheme(scheme)) {
    const loaded = await loadAdhocScheme(scheme, { ...inputs, ...definedOnly(adhoc) });
    return { ...loaded, partyNote: adhocPartyNote(loaded, inputs.population ?? '') };
  }
  const problems = new ProblemList();
  for (const [key, flag] of Object.entries(ADHOC_OPTIONS) as [keyof AdhocInputs, string][]) {
    if (adhoc[key] !== undefined) {
      problems.add(t(`gäller bara per-capita och share, inte ${scheme}`, `applies only to per-capita and share, not ${scheme}`), {
        file: flag,
        hint: t('Ändra ett schemas parametrar med --set namn=värde.', "Change a scheme's parameters with --set name=value."),
      });
    }
  }
  problems.throwIfAny('E_OPTION');
  const { loadScheme } = await import('../data/load-scheme.js');
  return loadScheme(scheme, inputs);
}

/** A scheme as a report or an allocation sees it: its definition (for the agreement's text) and the model to evaluate. */
export interface SchemeSubject {
  readonly definition: SchemeFile;
  readonly model: SchemeModel;
  /** The loader's warnings. */
  readonly warnings: LoadedScheme['warnings'];
  /** For a generic scheme, which parties it used. */
  readonly partyNote?: Text;
  /** A scenario file the model comes from: its overrides and party changes applied. */
  readonly scenario?: { readonly path: string; readonly loaded: LoadedScenario };
}

/**
 * Loads a scheme, or a scenario file as the scheme it changes: the
 * scenario's overrides and party changes applied, its base's definition for
 * the agreement's text.
 */
export async function loadSubject(request: SchemeRequest): Promise<SchemeSubject> {
  const found = findScenarioFile(request.scheme);
  if (found) {
    const loaded = await loadScenario(request.scheme, request.inputs ?? {});
    return { definition: loaded.scheme.definition, model: loaded.source.model, warnings: loaded.warnings, scenario: { path: found.path, loaded } };
  }
  const loaded = await loadRequestedScheme(request);
  return { definition: loaded.definition, model: loaded.model, warnings: loaded.warnings, ...(loaded.partyNote ? { partyNote: loaded.partyNote } : {}) };
}

/** Loads a scheme or scenario for a what-if verb (compare, sweep, simulate, …). */
export function loadForQuestion(nameOrPath: string, inputs: SchemeInputs = {}, extra: Omit<LoadScenarioOptions, keyof SchemeInputs> = {}): Promise<LoadedScenario> {
  return loadScenario(nameOrPath, { ...inputs, ...extra });
}

function definedOnly<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
