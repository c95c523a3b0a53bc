/** `andel validate FILE…`: scheme and scenario files checked, every problem at once, nothing computed or written. */
import { InputError } from '../../models/errors.js';
import { validateFiles } from '../../pipeline/validate.js';
import { type CliContext, printWarnings } from '../run.js';

/** Prints `ok: FILE: …` for each file that passes; every problem of the others is an InputError (exit 2). */
export async function validate(ctx: CliContext, files: readonly string[]): Promise<void> {
  const run = await validateFiles(files);
  for (const v of run.valid) ctx.out(`ok: ${v.file}: ${v.summary[ctx.lang]}\n`);
  if (run.problems.length > 0) throw new InputError(run.problems, { code: 'E_VALIDATE', warnings: run.warnings });
  printWarnings(ctx, run.warnings);
}
