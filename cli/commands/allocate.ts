/**
 * `andel allocate <scheme>`: each party's figure as a table, JSON, CSV or
 * XLSX, for a built-in scheme, a scheme file, a scenario file, or a generic
 * scheme without one (`per-capita`, `share`).
 */
import { t } from '../../models/errors.js';
import { runAllocation } from '../../pipeline/allocate.js';
import { allocationOutput } from '../../reports/allocation.js';
import { type OutputFormat, renderOutput, resolveOutputFormat } from '../../reports/formats/index.js';
import { adhocOptions } from '../adhoc.js';
import { eventPrinter } from '../events.js';
import type { AllocateCliOptions } from '../main.js';
import { schemeOptions } from '../options.js';
import { checkOutputFile, writeFileAtomic } from '../output.js';
import type { CliContext } from '../run.js';

/** The format asked for, or the one the output file's extension implies; a `.pdf`, an unknown extension or XLSX to the terminal is refused. */
export function resolveFormat(format: OutputFormat | 'table' | undefined, out: string | undefined, scheme = 'SCHEMA'): OutputFormat {
  return resolveOutputFormat({
    format,
    out,
    terminal: 'table',
    command: 'allocate',
    pdfHint: t(
      `PDF skrivs med andel report overview|letters ${scheme} --out MAPP (en översikt eller ett brev per part).`,
      `PDFs are written by andel report overview|letters ${scheme} --out FOLDER (an overview or one letter per party).`,
    ),
  });
}

/** Evaluates a scheme and prints or writes each party's figure in the chosen format. */
export async function allocate(ctx: CliContext, scheme: string, opts: AllocateCliOptions): Promise<void> {
  // A place that cannot be written is refused before anything is read or computed
  // (first: a folder given as --out is better told as such than by its missing extension).
  if (opts.out) checkOutputFile(opts.out);
  const format = resolveFormat(opts.format, opts.out, scheme);
  const { result } = await runAllocation({ scheme, inputs: schemeOptions(opts), adhoc: adhocOptions(opts), onEvent: eventPrinter(ctx) });
  const content = await renderOutput(allocationOutput(result), format, { csvCodesAsText: opts.csvCodesAsText ?? false });
  if (opts.out) {
    await writeFileAtomic(opts.out, content);
    ctx.err(`${ctx.lang === 'sv' ? 'skrev' : 'wrote'} ${opts.out}`);
  } else {
    ctx.out(content);
  }
}
