/**
 * What the scenario commands share: loading a scheme or scenario from the
 * command line's options, choosing the output format, and writing the
 * result to the terminal or (atomically) to a file.
 */
import { type LoadScenarioOptions, type LoadedScenario, loadScenario } from '../../data/load-scenario.js';
import { dataPath } from '../../data/project-root.js';
import { t } from '../../models/errors.js';
import { printWarnings } from '../run.js';
import { type OutputFormat, type ResolveOutputFormatOptions, type TableOutput, renderOutput, resolveOutputFormat } from '../../reports/formats/index.js';
import type { ScenarioLabel } from '../../reports/scenarios.js';
import { type SchemeCliOptions, schemeOptions } from '../options.js';
import { checkOutputFile, writeFileAtomic } from '../output.js';
import type { CliContext } from '../run.js';

/** The output formats of the scenario commands. */
export type ScenarioFormat = OutputFormat;

/** Options every scenario command takes. */
export interface ScenarioCliOptions extends SchemeCliOptions {
  format?: ScenarioFormat;
  out?: string;
}

/**
 * The format asked for, or the one the output file's extension implies (a
 * `.pdf`, an unknown extension, XLSX to the terminal or a format outside
 * `accepts` is refused). With `--out`, first checks that the file can be
 * written, so that a long simulation does not end in a write error.
 */
export function scenarioFormat(opts: { format?: ScenarioFormat; out?: string }, accepts?: ResolveOutputFormatOptions['accepts']): ScenarioFormat {
  if (opts.out) checkOutputFile(opts.out);
  return resolveOutputFormat({
    format: opts.format,
    out: opts.out,
    pdfHint: t('En jämförelse som PDF: andel report comparison SCENARIOFIL --out MAPP.', 'A comparison as PDF: andel report comparison SCENARIO-FILE --out FOLDER.'),
    ...(accepts ? { accepts } : {}),
  });
}

/** Loads the scheme or scenario a command names, with the shared options; prints the loader's warnings. */
export async function loadForCommand(ctx: CliContext, nameOrPath: string, opts: SchemeCliOptions, extra: Omit<LoadScenarioOptions, keyof ReturnType<typeof schemeOptions>> = {}): Promise<LoadedScenario> {
  const loaded = await loadScenario(nameOrPath, { ...schemeOptions(opts), ...extra });
  printWarnings(ctx, loaded.warnings);
  return loaded;
}

/**
 * The base a scenario is compared with: the scheme it names, with the same
 * input options. A parameter the scheme leaves without a value (the
 * Stockholm licence total) takes the scenario's value on both sides, and a
 * caveat says so: without it there is nothing to compare with.
 */
export async function loadScenarioBase(ctx: CliContext, scenario: LoadedScenario, opts: SchemeCliOptions): Promise<LoadedScenario> {
  const open = Object.entries(scenario.scheme.definition.parameters).flatMap(([name, p]) => {
    const value = scenario.scheme.model.parameters[name];
    const given = opts.set.some((s) => s.startsWith(`${name}=`));
    return p.value === undefined && value !== undefined && !given ? [{ name, value }] : [];
  });
  const builtin = scenario.scheme.path.startsWith(dataPath('schemes'));
  return loadForCommand(
    ctx,
    builtin ? scenario.scheme.definition.id : scenario.scheme.path,
    { ...opts, set: [...open.map((o) => `${o.name}=${o.value}`), ...opts.set] },
    open.length > 0 ? { caveats: open.map((o) => `${o.name} saknar värde i schemat; basen använder scenariots värde ${o.value}.`) } : {},
  );
}

/** How a loaded scheme or scenario is named in outputs. */
export function labelOf(s: LoadedScenario): ScenarioLabel {
  return { label: s.label, title: s.title, kind: s.kind, ...(s.description ? { description: s.description } : {}) };
}

/** Writes a view in the chosen format: JSON as given, the rest from its tables. */
export async function writeView(ctx: CliContext, opts: { out?: string }, format: ScenarioFormat, json: () => unknown, tables: TableOutput['tables'], text?: () => string): Promise<void> {
  const content = await renderOutput({ json, tables, ...(text ? { text } : {}) }, format);
  if (opts.out) {
    await writeFileAtomic(opts.out, content);
    ctx.err(`${ctx.lang === 'sv' ? 'skrev' : 'wrote'} ${opts.out}`);
  } else {
    ctx.out(content);
  }
}
