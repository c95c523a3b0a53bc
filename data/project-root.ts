/**
 * Where the shipped data lives. The same module runs from `data/` under
 * vitest and tsx, and from `dist/data/` once compiled, so a path relative to
 * this file would be wrong in one of the two: the project root is found by
 * walking up to the folder that holds `package.json`.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let cachedRoot: string | undefined;

/**
 * The absolute path of the folder holding andel's `package.json`.
 *
 * @param from - a `file:` URL or path to start from; defaults to this module.
 * @throws Error when no `package.json` is found above `from` (a broken
 *   installation, not a user mistake).
 * @example
 * ```ts
 * join(projectRoot(), 'data', 'reference', 'municipality-codes.csv');
 * ```
 */
export function projectRoot(from: string | URL = import.meta.url): string {
  const useCache = from === import.meta.url;
  if (useCache && cachedRoot !== undefined) return cachedRoot;
  const start = typeof from === 'string' && !from.startsWith('file:') ? from : fileURLToPath(from);
  let dir = dirname(start);
  for (;;) {
    if (existsSync(join(dir, 'package.json'))) {
      if (useCache) cachedRoot = dir;
      return dir;
    }
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`andel: no package.json found above ${start}`);
    dir = parent;
  }
}

/**
 * The absolute path of a shipped data file, e.g.
 * `dataPath('populations', 'vastra-gotaland-2021.csv')`.
 */
export function dataPath(...parts: string[]): string {
  return join(projectRoot(), 'data', ...parts);
}
