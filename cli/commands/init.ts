/** `andel init`: writes a commented starter scheme for a county from a population file; never over a file unless --force. */
import { existsSync } from 'node:fs';
import { InputError, t } from '../../models/errors.js';
import { starterScheme } from '../../pipeline/init-scheme.js';
import { checkOutputFile, writeFileAtomic } from '../output.js';
import { type CliContext, printWarnings } from '../run.js';

/** Options of `andel init`. */
export interface InitCliOptions {
  population: string;
  county: string;
  out?: string;
  id?: string;
  title?: string;
  total?: string;
  referenceDate?: string;
  force?: boolean;
}

/** Writes the starter scheme and says how to check and run it. */
export async function init(ctx: CliContext, opts: InitCliOptions): Promise<void> {
  // The file name follows the id when --out is not given: the id is known once the county is.
  const first = starterScheme({ ...opts, out: opts.out ?? 'schema.yaml' });
  const out = opts.out ?? `${first.id}.yaml`;
  const scheme = opts.out === undefined ? starterScheme({ ...opts, out }) : first;
  if (existsSync(out) && !opts.force) {
    throw InputError.of(
      t('filen finns redan och skrivs inte över', 'the file exists already and is not overwritten'),
      { file: out, hint: t('Ange en annan fil med --out, eller --force för att skriva över den.', 'Give another file with --out, or --force to overwrite it.') },
      'E_OUTPUT',
    );
  }
  checkOutputFile(out);
  printWarnings(ctx, scheme.warnings);
  await writeFileAtomic(out, scheme.text);
  const sv = ctx.lang === 'sv';
  ctx.err(sv ? `skrev ${out}: schema ${scheme.id}, regionen och ${scheme.municipalities} kommuner` : `wrote ${out}: scheme ${scheme.id}, the region and ${scheme.municipalities} municipalities`);
  ctx.err(sv ? `Kontrollera det med: andel validate ${out}` : `Check it with: andel validate ${out}`);
}
