/**
 * What resolving a scheme takes from outside its file: the population rows,
 * user counts, parameter overrides, splits into sub-parties, official names.
 * The loader (`data/load-scheme.ts`) reads them; resolution is pure.
 */
import type { Caveat } from '../../models/scheme.js';

/** One municipality's population as a reader returns it. */
export interface PopulationRowInput {
  readonly code: string;
  readonly name: string;
  readonly population: number;
}

/** Everything a scheme file needs from outside itself. */
export interface ResolveInputs {
  /** The population rows (from the file the scheme names, or another one). */
  readonly population?: { readonly rows: readonly PopulationRowInput[]; readonly file?: string };
  /** User counts per year the counts apply to, per party code. */
  readonly users?: Readonly<Record<number, Readonly<Record<string, number>>>>;
  /** Whether the user counts are example data. */
  readonly usersExample?: boolean;
  /** Where the user counts came from, per year. */
  readonly usersFiles?: Readonly<Record<number, string>>;
  /** Parameter overrides, e.g. `{ rate: '9.74' }` from `--set rate=9.74`. */
  readonly overrides?: Readonly<Record<string, string>>;
  /**
   * Parties split into sub-parties: `rows` from a file of names and
   * populations. Their populations must sum to the parent's, unless
   * `proportional` asks to apportion the parent's population by the rows' shares.
   */
  readonly splits?: readonly SplitInput[];
  /** The official name of a municipality code (for parties taken from a population file). */
  readonly officialName?: (code: string) => string | undefined;
  /** The file name to report problems under. */
  readonly file?: string;
  /**
   * Leave out components that need a parameter without a value (and say so
   * in a caveat) instead of refusing: for timelines and overviews of what is known.
   */
  readonly omitIncomplete?: boolean;
  /** Statements the caller adds to the model's caveats (e.g. an assumed parameter value). */
  readonly caveats?: readonly Caveat[];
}

/** One party split into sub-parties, as read from a file. */
export interface SplitInput {
  readonly parent: string;
  readonly file: string;
  readonly rows: readonly { readonly code?: string; readonly name: string; readonly population: number; readonly line?: number }[];
  readonly proportional?: boolean;
  /** What the file's figures are (e.g. "SCB/Sweco 2011-12-31"), for the caveat. */
  readonly source?: string;
}
