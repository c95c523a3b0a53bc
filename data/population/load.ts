/**
 * A population file read from disk: the bytes, then {@link parsePopulation}.
 */
import { readInputFile } from '../input-file.js';
import { identityKey, parsedOnce } from '../parsed-memo.js';
import { parsePopulation } from './parse.js';
import type { PopulationOptions, PopulationTable } from './types.js';

/**
 * Reads a population file from disk and parses it with {@link parsePopulation}.
 * Synchronous on purpose: the files are small and the callers (scheme
 * loading, the CLI) are simpler without a promise.
 *
 * @param path - the path to read.
 * @param options - as for {@link parsePopulation}; `file` defaults to `path`.
 * @throws InputError naming the file when it cannot be read, or with every problem in it.
 */
export function loadPopulation(path: string, options: Omit<PopulationOptions, 'file'> & { readonly file?: string }): PopulationTable {
  const file = options.file ?? path;
  const bytes = readInputFile(path, file);
  const key = JSON.stringify([path, file, options.year ?? null, options.countyTotal ?? null, identityKey(options.codes)]);
  return parsedOnce('population', key, bytes, () => parsePopulation(bytes, { ...options, file }));
}
