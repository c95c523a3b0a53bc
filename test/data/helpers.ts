/** Shared by the data tests: fixture paths and the messages an error shows. */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatProblem, InputError, type Lang, type Problem } from '../../models/errors.js';

/** The folder of the messy and broken input files (made by fixtures/make-fixtures.mjs). */
export const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), 'fixtures');

/** A fixture's bytes. */
export function fixture(name: string): Uint8Array {
  return readFileSync(join(FIXTURES, name));
}

/** Problems formatted as the user reads them, without the hint (tested separately). */
export function lines(problems: readonly Problem[], lang: Lang = 'sv'): string[] {
  return problems.map((p) => formatProblem({ ...p, hint: undefined }, lang));
}

/** Runs `fn`, which must throw an InputError, and returns it. */
export function inputError(fn: () => unknown): InputError {
  try {
    fn();
  } catch (e) {
    if (e instanceof InputError) return e;
    throw e;
  }
  throw new Error('expected an InputError, but nothing was thrown');
}
