/**
 * The generic schemes on the command line: the options of `per-capita` and
 * `share` ({@link adhocInputs}) and what the pipeline gets of them
 * ({@link adhocOptions}); the pipeline loads every scheme argument the same
 * way, so `allocate` and `report` accept the same names and options. Only
 * commander is loaded at start-up.
 */
import type { Command } from 'commander';
import type { AdhocInputs } from '../pipeline/load.js';

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

/** The generic schemes' options as the pipeline takes them (only those given). */
export function adhocOptions(opts: AdhocCliOptions): AdhocInputs {
  return {
    ...(opts.rate !== undefined ? { rate: opts.rate } : {}),
    ...(opts.total !== undefined ? { total: opts.total } : {}),
    ...(opts.cap !== undefined ? { cap: opts.cap } : {}),
    ...(opts.capPolicy !== undefined ? { capPolicy: opts.capPolicy } : {}),
    ...(opts.regionCode !== undefined ? { regionCode: opts.regionCode } : {}),
    ...(opts.regionName !== undefined ? { regionName: opts.regionName } : {}),
    ...(opts.rounding !== undefined ? { rounding: opts.rounding } : {}),
  };
}
