/**
 * The small pieces every reader shares at its edges: reading a file's bytes
 * with errors the user can act on, and putting problems in reading order.
 */
import { readFileSync } from 'node:fs';
import { InputError, t, type Problem, type ProblemList } from '../models/errors.js';

/**
 * Reads a file's bytes, turning the file system's errors into an
 * {@link InputError} the user can act on.
 */
export function readInputFile(path: string, file: string = path): Uint8Array {
  try {
    return readFileSync(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') {
      throw InputError.of(t('filen finns inte', 'the file does not exist'), {
        file,
        hint: t('Kontrollera sökvägen.', 'Check the path.'),
      }, 'E_NOT_FOUND');
    }
    if (code === 'EISDIR') {
      throw InputError.of(t('är en mapp, inte en fil', 'is a folder, not a file'), { file }, 'E_NOT_FOUND');
    }
    throw InputError.of(
      t(`filen går inte att läsa (${code ?? (e as Error).message})`, `the file cannot be read (${code ?? (e as Error).message})`),
      { file },
      'E_UNREADABLE',
    );
  }
}

/**
 * Orders problems and warnings by line (problems without a line, about the
 * whole file, first), so that the user reads them top to bottom whichever
 * check found them. The sort is stable: one line's problems keep their order.
 */
export function sortByLine(problems: ProblemList): void {
  const byLine = (a: Problem, b: Problem): number => (a.line ?? 0) - (b.line ?? 0);
  problems.problems.sort(byLine);
  problems.warnings.sort(byLine);
}
