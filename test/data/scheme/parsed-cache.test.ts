// The build's cache of the built-in schemes (dist/scheme-cache.json, written by
// scripts/bundle.mjs after tsc; vitest's global setup builds): a definition taken
// from it is the one parsing gives, only for exactly the text that was parsed,
// a fresh object each time, and problems found later still name their lines.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dataPath } from '../../../data/project-root.js';
import { readSchemeFile } from '../../../data/scheme/find.js';
import { parseSchemeFile } from '../../../data/scheme/parse.js';
import { cachedSchemeDefinition } from '../../../data/scheme/parsed-cache.js';
import { resolveScheme } from '../../../data/scheme/resolve.js';

const files = readdirSync(dataPath('schemes')).filter((f) => /\.(ya?ml|json)$/.test(f));

describe("the build's cache of the built-in schemes", () => {
  it.each(files)('holds %s as parsing it gives it', (f) => {
    const label = `data/schemes/${f}`;
    const text = readFileSync(join(dataPath('schemes'), f), 'utf8');
    const cached = cachedSchemeDefinition(label, text);
    expect(cached).toBeDefined();
    expect(cached).toEqual(parseSchemeFile(text, label));
  });

  it('answers only for exactly the text the build parsed, and only under its label', () => {
    const label = 'data/schemes/vgr-2022.yaml';
    const text = readFileSync(dataPath('schemes', 'vgr-2022.yaml'), 'utf8');
    expect(cachedSchemeDefinition(label, `${text}\n`)).toBeUndefined();
    expect(cachedSchemeDefinition(label, text.replace('rate', 'rate2'))).toBeUndefined();
    expect(cachedSchemeDefinition('min-egen.yaml', text)).toBeUndefined();
  });

  it('gives a fresh definition on every read', async () => {
    const path = dataPath('schemes', 'vgr-2022.yaml');
    const first = await readSchemeFile(path, 'data/schemes/vgr-2022.yaml');
    (first as { title: string }).title = 'ändrad';
    const second = await readSchemeFile(path, 'data/schemes/vgr-2022.yaml');
    expect(second.title).not.toBe('ändrad');
  });

  it('reports a problem found later with the same file, line and column as a parsed definition', async () => {
    const label = 'data/schemes/sthlm-2020.yaml';
    const text = readFileSync(dataPath('schemes', 'sthlm-2020.yaml'), 'utf8');
    const fromCache = await readSchemeFile(dataPath('schemes', 'sthlm-2020.yaml'), label);
    expect(cachedSchemeDefinition(label, text)).toBeDefined();
    const message = (def: unknown): string => {
      try {
        resolveScheme(def as Parameters<typeof resolveScheme>[0]);
      } catch (error) {
        return error instanceof Error ? error.message : String(error);
      }
      return 'no problem';
    };
    // The licence total is unknown in the agreement: resolving without it names its line.
    const parsed = message(parseSchemeFile(text, label));
    expect(parsed).toMatch(/sthlm-2020\.yaml.*rad \d+, kolumn \d+|sthlm-2020\.yaml.*line \d+/s);
    expect(message(fromCache)).toBe(parsed);
  });
});
