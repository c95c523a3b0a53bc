/**
 * What every step of resolving a scheme shares: the definition, where its
 * parts were written, and the list its problems go to, so that each step
 * reports at the line of the scheme file it is about.
 */
import type { Problem, ProblemList, Text } from '../../models/errors.js';
import type { Place, YamlPath } from '../yaml-source.js';
import { describePath } from './describe-path.js';
import type { SchemeSource } from './parse.js';
import type { SchemeFile } from './schema.js';

/** The definition being resolved, and how a step names, locates and reports a problem in it. */
export interface SchemeContext {
  readonly def: SchemeFile;
  /** The file name problems are reported under. */
  readonly file: string;
  /** Problems found while resolving, reported together. */
  readonly problems: ProblemList;
  /** The line and column of the value at `path` (nothing for a definition built in code). */
  at(path: YamlPath): Place;
  /** Where a problem about `path` is: the file, the line and column, and a hint. */
  here(path: YamlPath, hint?: Text): Omit<Problem, 'message'>;
  /** `path` in the words a message starts with (`components[0] (del).key`). */
  name(path: YamlPath): string;
}

/** The context of one resolution of `def`, reporting under `file` into `problems`. */
export function schemeContext(options: { def: SchemeFile; file: string; source: SchemeSource | undefined; problems: ProblemList }): SchemeContext {
  const { def, file, source, problems } = options;
  const at = (path: YamlPath): Place => source?.at(path) ?? {};
  return {
    def,
    file,
    problems,
    at,
    here: (path, hint) => ({ file, ...at(path), ...(hint ? { hint } : {}) }),
    name: (path) => describePath(def, path),
  };
}
