/**
 * The I/O edge of a scheme: finds the scheme file, reads the population and
 * user-count files it names (or the ones the user gives instead), and hands
 * everything to the pure `resolveScheme`.
 */
import { InputError, t, type Problem } from '../models/errors.js';
import type { Caveat, Provenance, SchemeModel } from '../models/scheme.js';
import { loadMunicipalityCodes } from './municipality-codes.js';
import { loadPopulation } from './population/load.js';
import type { PopulationTable } from './population/types.js';
import { readScheme, relativeToScheme } from './scheme/find.js';
import type { ResolveInputs } from './scheme/inputs.js';
import { resolveScheme } from './scheme/resolve.js';
import type { SchemeFile } from './scheme/schema.js';
import { projectRoot } from './project-root.js';
import { loadSplitFile } from './split-file.js';
import { loadUserCounts } from './user-counts.js';

/** Options for {@link loadScheme}. */
export interface LoadSchemeOptions {
  /** Parameter overrides (`--set name=value`). */
  readonly overrides?: Readonly<Record<string, string>>;
  /** A population file to use instead of the one the scheme names. */
  readonly population?: string;
  /**
   * The year to read from a population file (`"2021"`): chooses among the
   * years of an SCB export, and is checked against a file's reference date.
   */
  readonly year?: string;
  /** User-count files per year they apply to, instead of the scheme's. */
  readonly users?: Readonly<Record<number, string>>;
  /** Parties to split into sub-parties: `{ parent: '0180', file: 'districts.csv' }`. */
  readonly splits?: readonly { readonly parent: string; readonly file: string }[];
  /** Apportion a split parent's population by the file's shares instead of requiring an exact sum. */
  readonly splitProportional?: boolean;
  /** Leave out components whose parameters have no value, with a caveat (timelines). */
  readonly omitIncomplete?: boolean;
  /** Statements to carry in the model's caveats (an assumed parameter value, say). */
  readonly caveats?: readonly Caveat[];
}

/** A loaded scheme with the warnings its inputs raised (near-miss names and the like). */
export interface LoadedScheme {
  readonly model: SchemeModel;
  readonly definition: SchemeFile;
  /** The scheme file's path (the scheme's id for one built in memory, such as `per-capita`). */
  readonly path: string;
  readonly warnings: readonly Problem[];
  /** What the scheme was resolved with: a variant (a scenario, a sweep point) resolves the same way without reading the files again. */
  readonly inputs: ResolveInputs;
}

/**
 * Loads a built-in scheme by id (`vgr-2022`) or a scheme file by path.
 *
 * @example
 * const { model } = await loadScheme('vgr-2022');
 * const result = evaluateScheme(model);
 */
export async function loadScheme(nameOrPath: string, options: LoadSchemeOptions = {}): Promise<LoadedScheme> {
  const { path, label, definition } = await readScheme(nameOrPath);
  return loadSchemeDefinition(definition, { ...options, path, label });
}

/**
 * Loads a scheme from its validated definition: reads the files it names (or
 * the ones in `options`) with the same readers, warnings and errors as
 * {@link loadScheme}, and resolves it. For a definition built in memory (the
 * generic `per-capita` and `share` schemes) `path` defaults to the working
 * directory's files and `label` to the scheme's id.
 *
 * @example
 * const def = perCapitaScheme({ rate: '10', codes: loadMunicipalityCodes() });
 * const { model } = await loadSchemeDefinition(def, { population: 'befolkning.csv' });
 */
export async function loadSchemeDefinition(
  def: SchemeFile,
  options: LoadSchemeOptions & { readonly path?: string; readonly label?: string } = {},
): Promise<LoadedScheme> {
  const path = options.path ?? def.id;
  const label = options.label ?? def.id;
  const codes = loadMunicipalityCodes();
  const warnings: Problem[] = [];

  let population: { rows: { code: string; name: string; population: number }[]; file: string } | undefined;
  let fileProvenance: Provenance | undefined;
  const popFile = options.population ?? (def.population ? relativeToScheme(path, def.population.file) : undefined);
  if (popFile) {
    const table = loadPopulation(popFile, { file: options.population ?? shortName(popFile), codes, ...(options.year !== undefined ? { year: options.year } : {}) });
    warnings.push(...table.warnings);
    if (options.year !== undefined) warnings.push(...checkYear(table, options.year));
    population = { rows: table.rows.map((r) => ({ code: r.code, name: r.name, population: r.population })), file: table.file };
    // A definition without a population block, or a file given instead of the
    // scheme's, still says where its figures come from.
    if (!def.population || options.population) fileProvenance = populationProvenance(table);
  }

  const userFiles: Record<number, string> = {};
  for (const [year, f] of Object.entries(def.users?.files ?? {})) userFiles[Number(year)] = relativeToScheme(path, f);
  for (const [year, f] of Object.entries(options.users ?? {})) userFiles[Number(year)] = f;
  let users: Record<number, Record<string, number>> | undefined;
  let usersExample = false;
  if (Object.keys(userFiles).length > 0) {
    users = {};
    const extraCodes = def.parties.flatMap((p) => ('code' in p ? [p.code] : []));
    for (const [year, f] of Object.entries(userFiles)) {
      const counts = await loadUserCounts(f, { file: shortName(f), codes, extraCodes });
      warnings.push(...counts.warnings);
      usersExample ||= counts.example;
      users[Number(year)] = Object.fromEntries(counts.rows.map((r) => [r.code, r.users]));
    }
  }

  const splits = (options.splits ?? []).map((sp) => {
    const f = loadSplitFile(sp.file, shortName(sp.file));
    return {
      parent: sp.parent,
      file: f.file,
      rows: f.rows,
      proportional: Boolean(options.splitProportional),
      ...(f.referenceDates.length > 0 ? { source: `referensdatum ${f.referenceDates.join(', ')}` } : {}),
    };
  });

  const inputs: ResolveInputs = {
    ...(splits.length > 0 ? { splits } : {}),
    ...(options.omitIncomplete ? { omitIncomplete: true } : {}),
    ...(options.caveats ? { caveats: options.caveats } : {}),
    ...(population ? { population } : {}),
    ...(users ? { users, usersExample, usersFiles: Object.fromEntries(Object.entries(userFiles).map(([y, f]) => [y, shortName(f)])) } : {}),
    overrides: options.overrides ?? {},
    officialName: (code) => codes.officialName(code),
    file: label,
  };
  const model = resolveScheme(def, inputs);
  const provenance = fileProvenance
    ? [fileProvenance, ...model.provenance.filter((p) => !(options.population && def.population && p.label.startsWith('Folkmängd')))]
    : model.provenance;
  return { model: { ...model, provenance }, definition: def, path, warnings, inputs };
}

/**
 * `--year` against the year a file's figures refer to: a different year is
 * refused, a file that does not say is read with a warning.
 */
function checkYear(table: PopulationTable, year: string): Problem[] {
  if (table.referenceDate === undefined) {
    return [{ file: table.file, message: t(`filen anger inte vilket år folkmängden avser; kontrollera att den gäller ${year}`, `the file does not say which year the population refers to; check that it is ${year}`) }];
  }
  if (!table.referenceDate.startsWith(`${year}-`)) {
    throw InputError.of(
      t(`folkmängden avser ${table.referenceDate}, inte år ${year} (--year)`, `the population refers to ${table.referenceDate}, not the year ${year} (--year)`),
      { file: table.file },
      'E_YEAR',
    );
  }
  return [];
}

const FORMAT_NAMES: Record<PopulationTable['format'], string> = {
  'andel-csv': 'CSV (kommunkod, kommun, folkmangd)',
  'scb-csv': 'export från SCB:s Statistikdatabas',
  'json-stat2': 'JSON-stat2 från SCB:s API',
  xlsx: 'XLSX',
};

function populationProvenance(table: PopulationTable): Provenance {
  return {
    label: table.referenceDate ? `Folkmängd ${table.referenceDate}` : 'Folkmängd (filen anger inget referensdatum)',
    source: `befolkningsfil, ${FORMAT_NAMES[table.format]}`,
    ...(table.referenceDate ? { referenceDate: table.referenceDate } : {}),
    file: table.file,
  };
}

/** A path as the user will recognise it: relative to the working directory when inside it. */
function shortName(p: string): string {
  // Relative to the working directory, or else to the project (a notebook
  // runs in notebooks/, and its sources should still read data/…).
  for (const base of [process.cwd(), projectRoot()]) {
    if (p.startsWith(base + '/')) return p.slice(base.length + 1);
  }
  return p;
}
