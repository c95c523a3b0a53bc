/**
 * The built-in schemes as the build parsed them. `npm run build` parses and
 * checks every file in `data/schemes/` with the same code a run uses
 * (scripts/bundle.mjs, after tsc) and writes the text it read and the
 * definition it got to `dist/scheme-cache.json`. A run that reads a file
 * whose text is exactly that text takes the definition from there instead
 * of parsing the YAML and validating it again (an eighth of `andel
 * allocate`'s time); any other text, an edited file or a missing cache, is
 * parsed as always. The definition is a fresh object on every read.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../project-root.js';
import type { SchemeFile } from './schema.js';

/** The cache file's name under `dist/`. */
export const SCHEME_CACHE_FILE = 'scheme-cache.json';

/** One built-in scheme file as the build read and parsed it. */
export interface SchemeCacheEntry {
  /** The file's whole text when it was parsed. */
  readonly text: string;
  /** The checked definition, as JSON. */
  readonly definition: string;
}

/** What `dist/scheme-cache.json` holds: entries by the label problems are reported under (`data/schemes/<file>`). */
export interface SchemeCache {
  readonly entries: Readonly<Record<string, SchemeCacheEntry>>;
}

let loaded: SchemeCache | null | undefined;

function cache(): SchemeCache | null {
  if (loaded === undefined) {
    try {
      const parsed = JSON.parse(readFileSync(join(projectRoot(), 'dist', SCHEME_CACHE_FILE), 'utf8')) as SchemeCache;
      loaded = typeof parsed === 'object' && parsed !== null && typeof parsed.entries === 'object' ? parsed : null;
    } catch {
      // No build cache (a checkout run from source, say): every file is parsed.
      loaded = null;
    }
  }
  return loaded;
}

/** The build's definition of the file reported as `label`, when `text` is exactly the text the build parsed; otherwise undefined. */
export function cachedSchemeDefinition(label: string, text: string): SchemeFile | undefined {
  const entry = cache()?.entries[label];
  if (entry === undefined || entry.text !== text) return undefined;
  return JSON.parse(entry.definition) as SchemeFile;
}
