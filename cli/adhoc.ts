/**
 * The generic schemes on the command line: the options of `per-capita` and
 * `share` ({@link adhocInputs}) and the one way a command that takes a scheme
 * argument loads it ({@link loadCliScheme}), so that `allocate` and `report`
 * accept the same names and options. Only commander is loaded at start-up;
 * the library is imported when a command runs.
 */
import type { Command } from 'commander';
import type { AdhocRegion } from '../data/adhoc-scheme.js';
import type { LoadedScheme } from '../data/load-scheme.js';
import { ProblemList, t, type Text } from '../models/errors.js';
import { type SchemeCliOptions, schemeOptions } from './options.js';

/** The options of the generic schemes, as commander gives them. */
export interface AdhocCliOptions {
  rate?: string;
  total?: string;
  cap?: string;
  capPolicy?: string;
  regionCode?: string;
  regionName?: string;
  rounding?: string;
}

/** Adds the generic schemes' options to a command that takes a scheme argument. */
export function adhocInputs(cmd: Command): Command {
  return cmd
    .option('--rate <kr>', 'per-capita: belopp per invånare i kronor, t.ex. 10')
    .option('--total <kr>', 'share: belopp att fördela efter folkmängd, t.ex. 1500000')
    .option('--cap <kr>', 'share: högsta belopp per kommun, t.ex. 615312')
    .option('--cap-policy <policy>', 'share: vad taket håller tillbaka: region (regionen bär det), redistribute (fördelas om, standard) eller none (redovisas som ej täckt)')
    .option('--region-code <kod>', 'per-capita/share: länskod för regionen, t.ex. 12; bara länets kommuner ur befolkningsfilen ingår')
    .option('--region-name <namn>', 'per-capita/share: regionens namn (annars härlett ur länsnamnet, t.ex. Region Skåne)')
    .option('--rounding <kr>', 'per-capita/share: avrundningsenhet i kronor, 0.01 (öre, standard) eller 1');
}

/** A loaded scheme, and for a generic one the sentence that says which parties it used. */
export type CliScheme = LoadedScheme & { readonly region?: AdhocRegion; readonly partyNote?: Text };

const ADHOC_FLAGS: Record<keyof AdhocCliOptions, string> = {
  rate: '--rate',
  total: '--total',
  cap: '--cap',
  capPolicy: '--cap-policy',
  regionCode: '--region-code',
  regionName: '--region-name',
  rounding: '--rounding',
};

/**
 * Loads what a scheme argument names: `per-capita` or `share` built from the
 * options, or a built-in scheme or scheme file (which refuses the generic
 * options rather than ignore them).
 *
 * @example
 * const loaded = await loadCliScheme('per-capita', { rate: '10', population: 'bef.csv', set: [], users: [], split: [] });
 */
export async function loadCliScheme(scheme: string, opts: SchemeCliOptions & AdhocCliOptions): Promise<CliScheme> {
  const { isAdhocScheme, loadAdhocScheme, adhocPartyNote } = await import('../data/adhoc-scheme.js');
  if (isAdhocScheme(scheme)) {
    const loaded = await loadAdhocScheme(scheme, {
      ...schemeOptions(opts),
      ...(opts.rate !== undefined ? { rate: opts.rate } : {}),
      ...(opts.total !== undefined ? { total: opts.total } : {}),
      ...(opts.cap !== undefined ? { cap: opts.cap } : {}),
      ...(opts.capPolicy !== undefined ? { capPolicy: opts.capPolicy } : {}),
      ...(opts.regionCode !== undefined ? { regionCode: opts.regionCode } : {}),
      ...(opts.regionName !== undefined ? { regionName: opts.regionName } : {}),
      ...(opts.rounding !== undefined ? { rounding: opts.rounding } : {}),
    });
    return { ...loaded, partyNote: adhocPartyNote(loaded, opts.population ?? '') };
  }
  const problems = new ProblemList();
  for (const [key, flag] of Object.entries(ADHOC_FLAGS) as [keyof AdhocCliOptions, string][]) {
    if (opts[key] !== undefined) {
      problems.add(t(`gäller bara per-capita och share, inte ${scheme}`, `applies only to per-capita and share, not ${scheme}`), {
        file: flag,
        hint: t('Ändra ett schemas parametrar med --set namn=värde.', "Change a scheme's parameters with --set name=value."),
      });
    }
  }
  problems.throwIfAny('E_OPTION');
  const { loadScheme } = await import('../data/load-scheme.js');
  return loadScheme(scheme, schemeOptions(opts));
}
