/**
 * Output files are written whole or not at all: to a temporary file beside
 * the target, flushed, and renamed into place when complete. One writer
 * serves the CLI and the PDF engine alike. A place that cannot be written is
 * an input error (`E_OUTPUT`, exit 2), refused before the work starts where
 * it can be.
 *
 * Also here: the format an `--out` file's name asks for, refusing names
 * that would get content they cannot hold (a table in a `.pdf`).
 */
import { extname } from 'node:path';
import { InputError, type Text, t } from '../models/errors.js';

export { checkOutputFile, checkOutputFolder, outputError, removeTemporaryFiles, writeFileAtomic } from '../reports/render/atomic-write.js';

/** What {@link formatForOut} needs to know about a command. */
export interface OutFormatOptions<F extends string> {
  /** `--format`, when given. */
  readonly format?: F | undefined;
  /** `--out`, when given. */
  readonly out?: string | undefined;
  /** The format each accepted extension (lower case, with the dot) stands for. */
  readonly byExtension: Readonly<Record<string, F>>;
  /** The format for the terminal (no `--out`). */
  readonly terminal: F;
  /** The command's name, for the refusal of a PDF (`allocate`); "this command" when absent. */
  readonly command?: string;
  /** Which command writes the PDF the user wanted. */
  readonly pdfHint: Text;
}

/**
 * The format of a command's output: `--format` when given, else the one the
 * `--out` file's extension names. A `.pdf` is refused whatever `--format`
 * says (a table in a file named .pdf opens nowhere), with the command that
 * writes PDFs; an extension the command does not know is refused with the
 * list of those it does, rather than silently becoming a text table.
 *
 * @throws InputError `E_OPTION`.
 * @example
 * formatForOut({ out: 'ut.csv', byExtension: { '.csv': 'csv' }, terminal: 'table', command: 'allocate', pdfHint }) // 'csv'
 */
export function formatForOut<F extends string>(options: OutFormatOptions<F>): F {
  const { format, out } = options;
  const ext = out !== undefined ? extname(out).toLowerCase() : '';
  if (out !== undefined && ext === '.pdf') {
    throw InputError.of(
      t(`${options.command ?? 'kommandot'} skriver tabeller, inte PDF (${out})`, `${options.command ?? 'this command'} writes tables, not PDF (${out})`),
      { file: '--out', hint: options.pdfHint },
      'E_OPTION',
    );
  }
  if (format !== undefined) return format;
  if (out === undefined) return options.terminal;
  const byExt = new Map(Object.entries(options.byExtension));
  const chosen = byExt.get(ext);
  if (chosen !== undefined) return chosen;
  const list = [...byExt.entries()].map(([e, f]) => (f === options.terminal ? `${e} (${f === 'table' ? 'tabell' : 'text'})` : e));
  const listEn = [...byExt.entries()].map(([e, f]) => (f === options.terminal ? `${e} (${f})` : e));
  const or = (items: string[], word: string) => `${items.slice(0, -1).join(', ')} ${word} ${items[items.length - 1]}`;
  throw InputError.of(
    ext === '' ? t(`filnamnet saknar ändelse (${out})`, `the file name has no extension (${out})`) : t(`okänd filändelse ${ext} (${out})`, `unknown file extension ${ext} (${out})`),
    {
      file: '--out',
      hint: t(`Skriv ${or(list, 'eller')}, eller välj format med --format.`, `Use ${or(listEn, 'or')}, or choose the format with --format.`),
    },
    'E_OPTION',
  );
}
