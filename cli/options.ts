/**
 * Parsing of repeatable CLI options (`--set path=value`, `--users 2021=file`),
 * with errors that say which option was wrong.
 */
import { InputError, ProblemList, t } from '../models/errors.js';

/** `['rate=9.74', 'licence.total=1500000']` → `{ rate: '9.74', … }`. */
export function parseSets(sets: readonly string[]): Record<string, string> {
  const problems = new ProblemList();
  // Without a prototype: `--set __proto__=1` or `--set constructor=1` is a
  // name like any other, and the scheme refuses it as unknown.
  const out = Object.create(null) as Record<string, string>;
  for (const s of sets) {
    const k = s.indexOf('=');
    if (k <= 0) {
      problems.add(t(`"${s}" ska skrivas namn=värde, t.ex. rate=9.74`, `"${s}" must be written name=value, e.g. rate=9.74`), { file: '--set' });
      continue;
    }
    out[s.slice(0, k).trim()] = s.slice(k + 1).trim();
  }
  problems.throwIfAny('E_OPTION');
  return out;
}

/** `['2021=users.csv']` → `{ 2021: 'users.csv' }`. */
export function parseYearFiles(values: readonly string[], option: string): Record<number, string> {
  const out: Record<number, string> = {};
  for (const v of values) {
    const m = /^(\d{4})=(.+)$/.exec(v);
    if (!m) {
      throw InputError.of(t(`"${v}" ska skrivas år=fil, t.ex. 2021=anvandare.csv`, `"${v}" must be written year=file, e.g. 2021=users.csv`), { file: option }, 'E_OPTION');
    }
    out[Number(m[1])] = m[2]!;
  }
  return out;
}

/** `['0180=districts.csv']` → `[{ parent: '0180', file: 'districts.csv' }]`. */
export function parseSplits(values: readonly string[]): { parent: string; file: string }[] {
  return values.map((v) => {
    const m = /^(\d{2}|\d{4})=(.+)$/.exec(v);
    if (!m) {
      throw InputError.of(t(`"${v}" ska skrivas KOD=fil, t.ex. 0180=stadsdelar.csv`, `"${v}" must be written CODE=file, e.g. 0180=districts.csv`), { file: '--split' }, 'E_OPTION');
    }
    return { parent: m[1]!, file: m[2]! };
  });
}

/** A whole-number option (`--runs 20 000`, `--seed 7`), spaces and underscores allowed between digits. */
export function wholeNumber(text: string, option: string): number {
  const cleaned = text.replace(/[\s_\u00a0]/g, '');
  if (!/^\d+$/.test(cleaned)) throw InputError.of(t(`"${text}" är inte ett heltal`, `"${text}" is not a whole number`), { file: option }, 'E_OPTION');
  return Number(cleaned);
}

/** The options every command that loads a scheme shares, as commander gives them. */
export interface SchemeCliOptions {
  set: string[];
  population?: string;
  /** The year to read from a population file with several (an SCB export). */
  year?: string;
  users: string[];
  split: string[];
  splitProportional?: boolean;
}

/** Turns the shared CLI options into loadScheme options. */
export function schemeOptions(opts: SchemeCliOptions): {
  overrides: Record<string, string>;
  population?: string;
  year?: string;
  users: Record<number, string>;
  splits: { parent: string; file: string }[];
  splitProportional: boolean;
} {
  return {
    overrides: parseSets(opts.set),
    ...(opts.population ? { population: opts.population } : {}),
    ...(opts.year !== undefined ? { year: opts.year } : {}),
    users: parseYearFiles(opts.users, '--users'),
    splits: parseSplits(opts.split),
    splitProportional: Boolean(opts.splitProportional),
  };
}
