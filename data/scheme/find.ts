/**
 * Where schemes are: the built-in ones in `data/schemes/`, a scheme named by
 * id or by path, reading its file, and the files a scheme names relative to
 * itself.
 */
import { existsSync } from 'node:fs';
import { readFile, readdir } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, resolve } from 'node:path';
import { InputError, t } from '../../models/errors.js';
import { dataPath } from '../project-root.js';
import { parsedOnce } from '../parsed-memo.js';
import { parseSchemeFile, rememberSchemeText, schemeSourceOf } from './parse.js';
import { cachedSchemeDefinition } from './parsed-cache.js';
import type { SchemeFile } from './schema.js';

/** A built-in scheme: its id and where its file is. */
export interface BuiltinScheme {
  readonly id: string;
  readonly file: string;
  readonly title: string;
  readonly summary: string;
}

/** Lists the schemes shipped in `data/schemes/`. */
export async function listBuiltinSchemes(): Promise<BuiltinScheme[]> {
  const dir = dataPath('schemes');
  const files = (await readdir(dir)).filter((f) => /\.(ya?ml|json)$/.test(f)).sort();
  const out: BuiltinScheme[] = [];
  for (const f of files) {
    const path = join(dir, f);
    const def = await readSchemeFile(path, `data/schemes/${f}`);
    out.push({ id: def.id, file: path, title: def.title, summary: def.summary });
  }
  return out;
}

/** Whether a scheme is named by its file (a path, or a name ending in .yaml, .yml or .json) rather than by a built-in id. */
function namesAFile(nameOrPath: string): boolean {
  return /[/\\]|\.(ya?ml|json)$/.test(nameOrPath);
}

/**
 * Finds a scheme by built-in id or by path. A wrong name is an InputError
 * that lists the built-in schemes.
 */
export async function findSchemeFile(nameOrPath: string): Promise<{ path: string; label: string }> {
  if (namesAFile(nameOrPath)) {
    return { path: isAbsolute(nameOrPath) ? nameOrPath : resolve(nameOrPath), label: nameOrPath };
  }
  const builtins = await listBuiltinSchemes();
  const hit = builtins.find((b) => b.id === nameOrPath);
  if (!hit) {
    throw InputError.of(
      t(`okänt schema "${nameOrPath}"`, `unknown scheme "${nameOrPath}"`),
      { hint: t(`Inbyggda scheman: ${builtins.map((b) => b.id).join(', ')}. Ange ett id eller en sökväg till en schemafil (.yaml).`, `Built-in schemes: ${builtins.map((b) => b.id).join(', ')}. Give an id or a path to a scheme file (.yaml).`) },
      'E_UNKNOWN_SCHEME',
    );
  }
  return { path: hit.file, label: `data/schemes/${basename(hit.file)}` };
}

/**
 * Finds a scheme by built-in id or by path and reads it: {@link findSchemeFile}
 * then {@link readSchemeFile}, except that a built-in scheme in
 * `data/schemes/<id>.yaml` (where each of them is) is read directly, rather
 * than after parsing every built-in scheme to find the one with that id (a
 * third of `andel allocate`'s time). A file whose id differs falls back to the
 * full search, so the answer is the same.
 *
 * @example
 * const { definition, path } = await readScheme('vgr-2022');
 */
export async function readScheme(nameOrPath: string): Promise<{ path: string; label: string; definition: SchemeFile }> {
  if (!namesAFile(nameOrPath)) {
    const path = dataPath('schemes', `${nameOrPath}.yaml`);
    if (existsSync(path)) {
      const label = `data/schemes/${basename(path)}`;
      const definition = await readSchemeFile(path, label);
      if (definition.id === nameOrPath) return { path, label, definition };
    }
  }
  const { path, label } = await findSchemeFile(nameOrPath);
  return { path, label, definition: await readSchemeFile(path, label) };
}

/** Reads a scheme file, reporting a missing or unreadable file clearly. */
export async function readSchemeFile(path: string, label: string): Promise<SchemeFile> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    throw InputError.of(
      t(`schemafilen kan inte läsas (${(e as NodeJS.ErrnoException).code ?? 'fel'})`, `the scheme file cannot be read (${(e as NodeJS.ErrnoException).code ?? 'error'})`),
      { file: label, hint: t('Kontrollera sökvägen, eller kör "andel schemes" för de inbyggda schemana.', 'Check the path, or run "andel schemes" for the built-in schemes.') },
      'E_SCHEME',
    );
  }
  const cached = cachedSchemeDefinition(label, text);
  if (cached !== undefined) {
    rememberSchemeText(cached, text, label);
    return cached;
  }
  const definition = parsedOnce('scheme', JSON.stringify([path, label]), text, () => parseSchemeFile(text, label));
  // A kept definition is a copy: it finds its way back to the text as the build's cached ones do.
  if (schemeSourceOf(definition) === undefined) rememberSchemeText(definition, text, label);
  return definition;
}

/** The absolute path of a file a scheme names, relative to the scheme file. */
export function relativeToScheme(schemePath: string, file: string): string {
  return isAbsolute(file) ? file : resolve(dirname(schemePath), file);
}
