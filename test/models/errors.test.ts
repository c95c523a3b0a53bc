import { describe, expect, it } from 'vitest';
import { formatProblem, formatProblems, InputError, KEPT_PROBLEMS, ProblemList, SHOWN_PROBLEMS, t, type Problem } from '../../models/errors.js';

const problem = (line: number): Problem => ({ file: 'f.csv', line, message: t(`fel ${line}`, `problem ${line}`) });
const many = (n: number): Problem[] => Array.from({ length: n }, (_, i) => problem(i + 1));

describe('formatProblem', () => {
  it('a field number, a spreadsheet column letter, a column name', () => {
    const m = t('folkmängd saknas', 'population is missing');
    expect(formatProblem({ file: 'b.csv', line: 3, column: 2, message: m })).toBe('b.csv, rad 3, kolumn 2: folkmängd saknas');
    expect(formatProblem({ file: 'b.xlsx', line: 5, column: 'C', message: m }, 'en')).toBe('b.xlsx, line 5, column C: population is missing');
    expect(formatProblem({ file: 'b.xlsx', line: 5, column: 'AB', message: m })).toBe('b.xlsx, rad 5, kolumn AB: folkmängd saknas');
    expect(formatProblem({ file: 'b.csv', line: 5, column: 'folkmangd', message: m })).toBe('b.csv, rad 5, kolumn "folkmangd": folkmängd saknas');
  });
});

describe('formatProblems: the first 50, then how many more', () => {
  it('a short list is listed in full', () => {
    expect(formatProblems(many(SHOWN_PROBLEMS))).toHaveLength(SHOWN_PROBLEMS);
    expect(formatProblems([])).toEqual([]);
  });

  it('one more than the limit: one line says so, in either language', () => {
    const lines = formatProblems(many(SHOWN_PROBLEMS + 1));
    expect(lines).toHaveLength(SHOWN_PROBLEMS + 1);
    expect(lines[SHOWN_PROBLEMS - 1]).toBe('f.csv, rad 50: fel 50');
    expect(lines[SHOWN_PROBLEMS]).toBe('… och 1 fel till');
    expect(formatProblems(many(SHOWN_PROBLEMS + 1), 'en')[SHOWN_PROBLEMS]).toBe('… and 1 more problem');
  });

  it('counts the omitted ones, grouped as Swedish numbers are', () => {
    expect(formatProblems(many(60), 'sv', { omitted: 1_999_940 }).at(-1)).toBe('… och 1 999 950 fel till');
    expect(formatProblems(many(60), 'en', { omitted: 1_999_940 }).at(-1)).toBe('… and 1 999 950 more problems');
  });

  it('warnings say warnings', () => {
    expect(formatProblems(many(51), 'sv', { kind: 'warning' }).at(-1)).toBe('… och 1 varning till');
    expect(formatProblems(many(62), 'sv', { kind: 'warning' }).at(-1)).toBe('… och 12 varningar till');
    expect(formatProblems(many(62), 'en', { kind: 'warning' }).at(-1)).toBe('… and 12 more warnings');
  });
});

describe('ProblemList and InputError with a very long list', () => {
  it('keeps the first problems and warnings, counts the rest, and the error knows the total', () => {
    const list = new ProblemList();
    for (let i = 1; i <= KEPT_PROBLEMS + 250; i++) {
      list.add(t(`fel ${i}`, `problem ${i}`), { file: 'f.csv', line: i });
      list.warn(t(`varning ${i}`, `warning ${i}`), { file: 'f.csv', line: i });
    }
    expect(list.problems).toHaveLength(KEPT_PROBLEMS);
    expect(list.omitted).toBe(250);
    expect(list.omittedWarnings).toBe(250);
    let error: InputError | undefined;
    try {
      list.throwIfAny('E_TEST');
    } catch (e) {
      error = e as InputError;
    }
    expect(error).toBeInstanceOf(InputError);
    expect(error!.code).toBe('E_TEST');
    expect(error!.count).toBe(KEPT_PROBLEMS + 250);
    expect(error!.omittedWarnings).toBe(250);
    const lines = error!.message.split('\n');
    expect(lines).toHaveLength(SHOWN_PROBLEMS + 1);
    // 1 000 kept + 250 counted − 50 shown.
    expect(KEPT_PROBLEMS).toBe(1000);
    expect(lines.at(-1)).toBe('… och 1 200 fel till');
    expect(error!.describe('en').split('\n').at(-1)).toBe('… and 1 200 more problems');
  });
});
