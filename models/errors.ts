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
  /** 1-based column number, or a column name. */
  readonly column?: number | string;
  /** What was found and what was expected. */
  readonly message: Text;
  /** What to do about it, when that is not obvious from the message. */
  readonly hint?: Text;
}

/** Formats one problem as a single line: `befolkning.csv, rad 3, kolumn 2: …`. */
export function formatProblem(p: Problem, lang: Lang = 'sv'): string {
  const where: string[] = [];
  if (p.file) where.push(p.file);
  if (p.line !== undefined) where.push(`${lang === 'sv' ? 'rad' : 'line'} ${p.line}`);
  if (p.column !== undefined) {
    const col = typeof p.column === 'number' ? String(p.column) : `"${p.column}"`;
    where.push(`${lang === 'sv' ? 'kolumn' : 'column'} ${col}`);
  }
  const head = where.length > 0 ? `${where.join(', ')}: ` : '';
  const message = p.message[lang];
  const hint = p.hint ? `${/[.!?:]$/.test(message) ? '' : '.'} ${p.hint[lang]}` : '';
  return `${head}${message}${hint}`;
}

/** Base class: every error andel throws on purpose has a stable `code`. */
export abstract class AndelError extends Error {
  abstract readonly code: string;
  /** The message in the requested language (the `message` property is Swedish). */
  abstract describe(lang?: Lang): string;
}

/**
 * Bad input: a file, an option or a parameter the user can correct.
 * Holds every problem found, not only the first.
 */
export class InputError extends AndelError {
  readonly code: string;
  readonly problems: readonly Problem[];
  readonly warnings: readonly Problem[];

  constructor(problems: readonly Problem[], options: { code?: string; warnings?: readonly Problem[] } = {}) {
    super(problems.map((p) => formatProblem(p, 'sv')).join('\n'));
    this.name = 'InputError';
    this.code = options.code ?? 'E_INPUT';
    this.problems = problems;
    this.warnings = options.warnings ?? [];
  }

  /** A single-problem error. */
  static of(message: Text, where: Omit<Problem, 'message'> = {}, code?: string): InputError {
    return new InputError([{ ...where, message }], { code });
  }

  describe(lang: Lang = 'sv'): string {
    return this.problems.map((p) => formatProblem(p, lang)).join('\n');
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
 * every mistake at once. `throwIfAny` ends the check.
 */
export class ProblemList {
  readonly problems: Problem[] = [];
  readonly warnings: Problem[] = [];

  add(message: Text, where: Omit<Problem, 'message'> = {}): void {
    this.problems.push({ ...where, message });
  }

  warn(message: Text, where: Omit<Problem, 'message'> = {}): void {
    this.warnings.push({ ...where, message });
  }

  get ok(): boolean {
    return this.problems.length === 0;
  }

  throwIfAny(code?: string): void {
    if (this.problems.length > 0) {
      throw new InputError(this.problems, { code, warnings: this.warnings });
    }
  }
}
