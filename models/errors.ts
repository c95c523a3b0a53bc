/**
 * Error values of andel. Every failure a user can cause is an {@link InputError}
 * carrying all the problems found, each with where it was (file, line, column)
 * and what to do, in Swedish and English. Failures of the model's own promises
 * (a total not conserved, a cap exceeded) are {@link InvariantError}s: they are
 * bugs, never the user's fault. The CLI maps each class to an exit code.
 */

/** The languages messages are written in. */
export type Lang = 'sv' | 'en';

/** A message in both languages. */
export interface Text {
  readonly sv: string;
  readonly en: string;
}

/** Builds a {@link Text}. */
export function t(sv: string, en: string): Text {
  return { sv, en };
}

/** One problem in one input, located as precisely as it can be. */
export interface Problem {
  /** File name as the user gave it (or a label such as `--set`). */
  readonly file?: string;
  /** 1-based line number. */
  readonly line?: number;
  /**
   * Where on the line: a 1-based column (a character in a YAML or JSON file,
   * a field in a CSV file), or a spreadsheet's column letters (`"C"`, as
   * Excel shows them), or a column's name (printed in quotes).
   */
  readonly column?: number | string;
  /** What was found and what was expected. */
  readonly message: Text;
  /** What to do about it, when that is not obvious from the message. */
  readonly hint?: Text;
}

// Column letters as a spreadsheet names them (A … XFD): shown as they are,
// since that is what the user sees above the column.
const COLUMN_LETTERS = /^[A-Z]{1,3}$/;

/**
 * Formats one problem as a single line: `befolkning.csv, rad 3, kolumn 2: …`
 * (a spreadsheet's column as its letters, `bef.xlsx, rad 5, kolumn C: …`).
 */
export function formatProblem(p: Problem, lang: Lang = 'sv'): string {
  const where: string[] = [];
  if (p.file) where.push(p.file);
  if (p.line !== undefined) where.push(`${lang === 'sv' ? 'rad' : 'line'} ${p.line}`);
  if (p.column !== undefined) {
    const col = typeof p.column === 'number' || COLUMN_LETTERS.test(p.column) ? String(p.column) : `"${p.column}"`;
    where.push(`${lang === 'sv' ? 'kolumn' : 'column'} ${col}`);
  }
  const head = where.length > 0 ? `${where.join(', ')}: ` : '';
  const message = p.message[lang];
  const hint = p.hint ? `${/[.!?:]$/.test(message) ? '' : '.'} ${p.hint[lang]}` : '';
  return `${head}${message}${hint}`;
}

/**
 * How many problems (and, apart, how many warnings) a message lists before it
 * says how many more there are: enough to show the pattern of a broken file,
 * few enough that a file of two million bad rows prints a screenful, not
 * hundreds of megabytes.
 */
export const SHOWN_PROBLEMS = 50;

/**
 * How many problems (and warnings) a {@link ProblemList} keeps; beyond that
 * they are only counted, so that reading a huge broken file does not build
 * a huge list of messages that will never be shown.
 */
export const KEPT_PROBLEMS = 1000;

/**
 * Formats a list of problems (or warnings) one per line, the first
 * {@link SHOWN_PROBLEMS} in full and then one line saying how many more
 * there are: those beyond the limit in `problems` and the `omitted` ones
 * that were counted but not kept.
 *
 * @example
 * ```ts
 * formatProblems(twoMillion, 'sv').at(-1); // '… och 1 999 950 fel till'
 * formatProblems(warnings, 'en', { kind: 'warning' }).at(-1); // '… and 12 more warnings'
 * ```
 */
export function formatProblems(
  problems: readonly Problem[],
  lang: Lang = 'sv',
  options: { readonly omitted?: number; readonly kind?: 'problem' | 'warning'; readonly limit?: number } = {},
): string[] {
  const limit = options.limit ?? SHOWN_PROBLEMS;
  const lines = problems.slice(0, limit).map((p) => formatProblem(p, lang));
  const rest = Math.max(0, problems.length - limit) + (options.omitted ?? 0);
  if (rest > 0) lines.push(moreLine(rest, options.kind ?? 'problem', lang));
  return lines;
}

function moreLine(rest: number, kind: 'problem' | 'warning', lang: Lang): string {
  const n = groupDigits(rest);
  if (kind === 'warning') {
    return lang === 'sv'
      ? `… och ${n} ${rest === 1 ? 'varning' : 'varningar'} till`
      : `… and ${n} more ${rest === 1 ? 'warning' : 'warnings'}`;
  }
  return lang === 'sv' ? `… och ${n} fel till` : `… and ${n} more ${rest === 1 ? 'problem' : 'problems'}`;
}

// `1999950` → `"1 999 950"`, as data/count.ts's formatCount writes counts
// (models cannot import from data).
function groupDigits(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ' ');
}

/** Base class: every error andel throws on purpose has a stable `code`. */
export abstract class AndelError extends Error {
  abstract readonly code: string;
  /** The message in the requested language (the `message` property is Swedish). */
  abstract describe(lang?: Lang): string;
}

/**
 * Bad input: a file, an option or a parameter the user can correct.
 * Holds every problem found, not only the first; of a very long list, the
 * first {@link KEPT_PROBLEMS} and the number of the others (`omitted`).
 * Its `message` and {@link InputError.describe} list the first
 * {@link SHOWN_PROBLEMS} and say how many more there are.
 */
export class InputError extends AndelError {
  readonly code: string;
  readonly problems: readonly Problem[];
  readonly warnings: readonly Problem[];
  /** Problems that were found and counted but not kept (beyond {@link KEPT_PROBLEMS}). */
  readonly omitted: number;
  /** Warnings that were found and counted but not kept. */
  readonly omittedWarnings: number;

  constructor(
    problems: readonly Problem[],
    options: { code?: string; warnings?: readonly Problem[]; omitted?: number; omittedWarnings?: number } = {},
  ) {
    super(formatProblems(problems, 'sv', { omitted: options.omitted ?? 0 }).join('\n'));
    this.name = 'InputError';
    this.code = options.code ?? 'E_INPUT';
    this.problems = problems;
    this.warnings = options.warnings ?? [];
    this.omitted = options.omitted ?? 0;
    this.omittedWarnings = options.omittedWarnings ?? 0;
  }

  /** How many problems were found in all, the omitted ones included. */
  get count(): number {
    return this.problems.length + this.omitted;
  }

  /** A single-problem error. */
  static of(message: Text, where: Omit<Problem, 'message'> = {}, code?: string): InputError {
    return new InputError([{ ...where, message }], { code });
  }

  describe(lang: Lang = 'sv'): string {
    return formatProblems(this.problems, lang, { omitted: this.omitted }).join('\n');
  }
}

/** A promise of the model was broken (a bug): the total not conserved, a cap exceeded. */
export class InvariantError extends AndelError {
  readonly code = 'E_INVARIANT';
  constructor(readonly text: Text) {
    super(text.sv);
    this.name = 'InvariantError';
  }
  describe(lang: Lang = 'sv'): string {
    return this.text[lang];
  }
}

/** Rendering a document failed (no browser, a crash, a template error). */
export class RenderError extends AndelError {
  readonly code: string;
  constructor(readonly text: Text, code = 'E_RENDER') {
    super(text.sv);
    this.name = 'RenderError';
    this.code = code;
  }
  describe(lang: Lang = 'sv'): string {
    return this.text[lang];
  }
}

/**
 * Collects problems while a whole input is checked, so that the user sees
 * every mistake at once. `throwIfAny` ends the check. Beyond
 * {@link KEPT_PROBLEMS} problems (or warnings) the list only counts them, so
 * that a file of millions of bad rows costs a counter, not millions of
 * messages.
 */
export class ProblemList {
  readonly problems: Problem[] = [];
  readonly warnings: Problem[] = [];
  /** Problems counted beyond {@link KEPT_PROBLEMS}. */
  omitted = 0;
  /** Warnings counted beyond {@link KEPT_PROBLEMS}. */
  omittedWarnings = 0;

  add(message: Text, where: Omit<Problem, 'message'> = {}): void {
    if (this.problems.length < KEPT_PROBLEMS) this.problems.push({ ...where, message });
    else this.omitted++;
  }

  /** Adds problems found elsewhere (a table splitter's, another reader's), within the same limit. */
  addAll(problems: Iterable<Problem>): void {
    for (const p of problems) {
      if (this.problems.length < KEPT_PROBLEMS) this.problems.push(p);
      else this.omitted++;
    }
  }

  warn(message: Text, where: Omit<Problem, 'message'> = {}): void {
    if (this.warnings.length < KEPT_PROBLEMS) this.warnings.push({ ...where, message });
    else this.omittedWarnings++;
  }

  get ok(): boolean {
    return this.problems.length === 0 && this.omitted === 0;
  }

  throwIfAny(code?: string): void {
    if (!this.ok) {
      throw new InputError(this.problems, { code, warnings: this.warnings, omitted: this.omitted, omittedWarnings: this.omittedWarnings });
    }
  }
}
