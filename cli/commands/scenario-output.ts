/**
 * What the scenario commands share: loading a scheme or scenario from the
 * command line's options, choosing the output format, and writing the
 * result to the terminal or (atomically) to a file.
 */
import type { LoadScenarioOptions, LoadedScenario } from '../../data/load-scenario.js';
import { t } from '../../models/errors.js';
import { type SchemeInputs, loadForQuestion } from '../../pipeline/load.js';
import { printWarnings } from '../run.js';
import { type OutputFormat, type ResolveOutputFormatOptions, type TableOutput, renderOutput, resolveOutputFormat } from '../../reports/formats/index.js';
import { type SchemeCliOptions, schemeOptions } from '../options.js';
import { checkOutputFile, writeFileAtomic } from '../output.js';
import type { CliContext } from '../run.js';

export { labelOf } from '../../pipeline/compare.js';

/** The output formats of the scenario commands. */
export type ScenarioFormat = OutputFormat;

/** Options every scenario command takes. */
export interface ScenarioCliOptions extends SchemeCliOptions {
  format?: ScenarioFormat;
  out?: string;
  csvCodesAsText?: boolean;
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
export async function loadForCommand(ctx: CliContext, nameOrPath: string, opts: SchemeCliOptions, extra: Omit<LoadScenarioOptions, keyof SchemeInputs> = {}): Promise<LoadedScenario> {
  const loaded = await loadForQuestion(nameOrPath, schemeOptions(opts), extra);
  printWarnings(ctx, loaded.warnings);
  return loaded;
}

/** Writes a view in the chosen format: JSON as given, the rest from its tables. */
export async function writeView(ctx: CliContext, opts: { out?: string; csvCodesAsText?: boolean }, format: ScenarioFormat, json: () => unknown, tables: TableOutput['tables'], text?: () => string): Promise<void> {
  const content = await renderOutput({ json, tables, ...(text ? { text } : {}) }, format, { csvCodesAsText: opts.csvCodesAsText ?? false });
  if (opts.out) {
    await writeFileAtomic(opts.out, content);
    ctx.err(`${ctx.lang === 'sv' ? 'skrev' : 'wrote'} ${opts.out}`);
  } else {
    ctx.out(content);
  }
}
