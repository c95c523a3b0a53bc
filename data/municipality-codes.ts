/**
 * SCB's official list of län (2-digit länskod) and kommuner (4-digit
 * kommunkod), shipped as `data/reference/municipality-codes.csv` (see
 * `data/SOURCES.md`). Every code in every input is checked against it, and a
 * name given next to a code is checked against the code's official name:
 * a near-miss spelling is corrected with a warning (the VGR agreement itself
 * writes "Bengtstors" and "Mölnadal"), the name of another municipality is
 * refused, because then either the code or the name is wrong and money would
 * go to the wrong party.
 */
import { readFileSync } from 'node:fs';
import { InputError, ProblemList, t, type Problem } from '../models/errors.js';
import { dataPath } from './project-root.js';
import { isBlank, normaliseHeader, splitDelimited } from './table.js';

/** A kommun with its län. */
export interface Municipality {
  /** 4-digit kommunkod, e.g. `"1480"`. */
  readonly code: string;
  /** Official name, e.g. `"Göteborg"`. */
  readonly name: string;
  /** 2-digit länskod, e.g. `"14"`. */
  readonly countyCode: string;
  /** Official name of the län, e.g. `"Västra Götalands län"`. */
  readonly countyName: string;
}

/** A län. */
export interface County {
  /** 2-digit länskod, e.g. `"01"`. */
  readonly code: string;
  /** Official name, e.g. `"Stockholms län"`. */
  readonly name: string;
}

/** How a name given for a code compares with the code's official name. */
export type NameMatch =
  /** The same name, ignoring case, diacritics, punctuation and a "kommun"/"stad"/"län" suffix. */
  | { readonly kind: 'exact'; readonly official: string }
  /** A misspelling of the official name (warn and use the official one). */
  | { readonly kind: 'near-miss'; readonly official: string; readonly distance: number }
  /** The name of a different municipality or county (refuse). */
  | { readonly kind: 'other'; readonly official: string; readonly other: { readonly code: string; readonly name: string } }
  /** A name that is neither (refuse). */
  | { readonly kind: 'mismatch'; readonly official: string }
  /** The code itself is not in the list. */
  | { readonly kind: 'unknown-code' };

/** The path of the shipped code list. */
export const MUNICIPALITY_CODES_PATH = dataPath('reference', 'municipality-codes.csv');

/**
 * The official list of counties and municipalities with lookups. Build it
 * with {@link parseMunicipalityCodes} or {@link loadMunicipalityCodes}.
 */
export class MunicipalityCodes {
  /** All municipalities, in the list's order (kodnummerordning). */
  readonly municipalities: readonly Municipality[];
  /** All counties, in the list's order. */
  readonly counties: readonly County[];
  private readonly byCode = new Map<string, Municipality>();
  private readonly countyByCode = new Map<string, County>();
  // Two keys per name: with diacritics (Håbo and Habo are different
  // municipalities) and without (so that "Malmo" still finds Malmö). A key
  // without diacritics shared by two places maps to undefined. Built on the
  // first lookup by name: a population file with the official names never
  // needs them, and normalising every name is a tenth of `andel allocate`'s
  // own work.
  private names?: { readonly municipalities: Map<string, Municipality | undefined>; readonly counties: Map<string, County | undefined> };

  constructor(municipalities: readonly Municipality[], counties: readonly County[]) {
    this.municipalities = municipalities;
    this.counties = counties;
    for (const m of municipalities) this.byCode.set(m.code, m);
    for (const c of counties) this.countyByCode.set(c.code, c);
  }

  private get municipalityByName(): ReadonlyMap<string, Municipality | undefined> {
    return this.nameIndex().municipalities;
  }

  private get countyByName(): ReadonlyMap<string, County | undefined> {
    return this.nameIndex().counties;
  }

  private nameIndex(): NonNullable<MunicipalityCodes['names']> {
    if (this.names === undefined) {
      const municipalities = new Map<string, Municipality | undefined>();
      const counties = new Map<string, County | undefined>();
      for (const m of this.municipalities) indexName(municipalities, m);
      for (const c of this.counties) indexName(counties, c);
      this.names = { municipalities, counties };
    }
    return this.names;
  }

  /** The municipality with this 4-digit kommunkod, if there is one. */
  municipality(code: string): Municipality | undefined {
    return this.byCode.get(code);
  }

  /** The county with this 2-digit länskod, if there is one. */
  county(code: string): County | undefined {
    return this.countyByCode.get(code);
  }

  /** The county a municipality belongs to (by kommunkod). */
  countyOf(municipalityCode: string): County | undefined {
    const m = this.byCode.get(municipalityCode);
    return m === undefined ? undefined : this.countyByCode.get(m.countyCode);
  }

  /** The official name of a municipality (4 digits) or county (2 digits). */
  officialName(code: string): string | undefined {
    return (this.byCode.get(code) ?? this.countyByCode.get(code))?.name;
  }

  /** True when the code is a kommunkod in the list. */
  isMunicipality(code: string): boolean {
    return this.byCode.has(code);
  }

  /** True when the code is a länskod in the list. */
  isCounty(code: string): boolean {
    return this.countyByCode.has(code);
  }

  /** The municipalities of a county, in code order. */
  municipalitiesIn(countyCode: string): Municipality[] {
    return this.municipalities.filter((m) => m.countyCode === countyCode);
  }

  /** The municipality whose official name matches (case-, diacritics- and suffix-insensitive). */
  findByName(name: string): Municipality | undefined {
    for (const keep of [true, false]) {
      for (const v of nameVariants(name, keep)) {
        const m = this.municipalityByName.get(keyOf(v, keep));
        if (m !== undefined) return m;
      }
    }
    return undefined;
  }

  /**
   * Compares a name given for a code with the code's official name. Works for
   * municipality and county codes alike (a county is compared with counties).
   *
   * A near miss is a Damerau-Levenshtein distance of at most 2 between the
   * normalised names (at most 1 for names of four letters or fewer, where two
   * edits would leave little of the name), provided the name is not exactly
   * the name of another municipality or county.
   *
   * @example
   * ```ts
   * codes.matchName('1460', 'Bengtstors'); // { kind: 'near-miss', official: 'Bengtsfors', distance: 1 }
   * codes.matchName('1480', 'Borås');      // { kind: 'other', official: 'Göteborg', other: { code: '1490', name: 'Borås' } }
   * ```
   */
  matchName(code: string, name: string): NameMatch {
    const isCounty = this.countyByCode.has(code);
    const entry = isCounty ? this.countyByCode.get(code) : this.byCode.get(code);
    if (entry === undefined) return { kind: 'unknown-code' };
    // With diacritics first: "Habo" is Habo (0643) even though it is also Håbo (0305) without its ring.
    for (const keep of [true, false]) {
      const official = normaliseName(entry.name, keep);
      const variants = nameVariants(name, keep);
      if (variants.includes(official)) return { kind: 'exact', official: entry.name };
      const byName: ReadonlyMap<string, { code: string; name: string } | undefined> = isCounty ? this.countyByName : this.municipalityByName;
      for (const v of variants) {
        const other = byName.get(keyOf(v, keep));
        if (other !== undefined && other.code !== code) {
          return { kind: 'other', official: entry.name, other: { code: other.code, name: other.name } };
        }
      }
    }
    const official = normaliseName(entry.name);
    const limit = official.length <= 4 ? 1 : 2;
    let distance = Infinity;
    for (const v of nameVariants(name, false)) distance = Math.min(distance, damerauLevenshtein(v, official, limit + 1));
    if (distance <= limit) return { kind: 'near-miss', official: entry.name, distance };
    return { kind: 'mismatch', official: entry.name };
  }
}

function keyOf(normalised: string, keepDiacritics: boolean): string {
  return keepDiacritics ? `=${normalised}` : `~${normalised}`;
}

function indexName<T extends { code: string; name: string }>(map: Map<string, T | undefined>, entry: T): void {
  map.set(keyOf(normaliseName(entry.name, true), true), entry);
  const loose = keyOf(normaliseName(entry.name, false), false);
  map.set(loose, map.has(loose) ? undefined : entry);
}

/**
 * Normalises a place name for comparison: lower case, no parenthesised
 * remarks, any run of spaces, hyphens or punctuation as one space, and
 * (unless `keepDiacritics`) no diacritics. `"Upplands-Bro"` → `"upplands bro"`,
 * `"Malmö"` → `"malmo"` (or `"malmö"` keeping diacritics).
 */
export function normaliseName(name: string, keepDiacritics = false): string {
  const decomposed = name.normalize('NFD');
  return (keepDiacritics ? decomposed : decomposed.replace(/\p{M}/gu, ''))
    .toLowerCase()
    .replace(/\([^)]*\)/g, ' ')
    .replace(/[^\p{L}\p{M}\p{N}]+/gu, ' ')
    .trim()
    .normalize('NFC');
}

// "Stockholms stad", "Borås kommun", "Region Gotland", "Västra Götalands län":
// ways of writing the same place. Every variant is compared with the official
// name; the "län" forms let a county be written as its region ("Region Skåne").
function nameVariants(name: string, keepDiacritics = false): string[] {
  const n = normaliseName(name, keepDiacritics);
  const lan = keepDiacritics ? 'län' : 'lan';
  const bare = n.replace(/^region /, '').replace(/ (kommun|stad|municipality|lan|län|county)$/, '');
  const out = new Set([n, bare]);
  // Genitive before a suffix: "Stockholms stad".
  if (bare !== n && bare.endsWith('s')) out.add(bare.slice(0, -1));
  out.add(`${bare} ${lan}`);
  out.add(`${bare}s ${lan}`);
  return [...out].filter((v) => v !== '' && v !== lan && v !== `s ${lan}`);
}

/**
 * Optimal-string-alignment Damerau-Levenshtein distance (insertions,
 * deletions, substitutions and swaps of neighbours each cost 1), stopping
 * early once it exceeds `cap`.
 */
export function damerauLevenshtein(a: string, b: string, cap = Infinity): number {
  if (Math.abs(a.length - b.length) > cap) return cap;
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[] = new Array<number>(rows * cols).fill(0);
  for (let i = 0; i < rows; i++) d[i * cols] = i;
  for (let j = 0; j < cols; j++) d[j] = j;
  for (let i = 1; i < rows; i++) {
    let rowMin = Infinity;
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(d[(i - 1) * cols + j]! + 1, d[i * cols + j - 1]! + 1, d[(i - 1) * cols + j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        v = Math.min(v, d[(i - 2) * cols + j - 2]! + 1);
      }
      d[i * cols + j] = v;
      rowMin = Math.min(rowMin, v);
    }
    if (rowMin > cap) return cap;
  }
  return d[rows * cols - 1]!;
}

/**
 * Checks a name given next to a code and records the outcome: nothing for an
 * exact match, a warning naming the official spelling for a near miss, a
 * problem for another place's name or an unrelated name. Unknown codes are
 * the caller's to report (it knows what kind of code it expected).
 *
 * @returns the official name when the name may be used (exact or near miss).
 */
export function checkName(
  codes: MunicipalityCodes,
  code: string,
  name: string,
  where: Omit<Problem, 'message'>,
  problems: ProblemList,
): string | undefined {
  const match = codes.matchName(code, name);
  const what = codes.isCounty(code) ? t('länskod', 'county code') : t('kommunkod', 'municipality code');
  switch (match.kind) {
    case 'exact':
      return match.official;
    case 'near-miss':
      problems.warn(
        t(
          `"${name}" stavas officiellt "${match.official}" (${what.sv} ${code}); det officiella namnet används`,
          `"${name}" is officially spelt "${match.official}" (${what.en} ${code}); the official name is used`,
        ),
        where,
      );
      return match.official;
    case 'other':
      problems.add(
        t(
          `${what.sv} ${code} är ${match.official}, men namnet "${name}" hör till ${match.other.code} ${match.other.name}`,
          `${what.en} ${code} is ${match.official}, but the name "${name}" belongs to ${match.other.code} ${match.other.name}`,
        ),
        {
          ...where,
          hint: t('Rätta antingen koden eller namnet.', 'Correct either the code or the name.'),
        },
      );
      return undefined;
    case 'mismatch':
      problems.add(
        t(
          `${what.sv} ${code} är ${match.official}, inte "${name}"`,
          `${what.en} ${code} is ${match.official}, not "${name}"`,
        ),
        {
          ...where,
          hint: t('Rätta antingen koden eller namnet.', 'Correct either the code or the name.'),
        },
      );
      return undefined;
    case 'unknown-code':
      return undefined;
  }
}

/**
 * Parses SCB's code list in the shipped format
 * (`level,code,name,county_code,county_name`, level `lan` or `kommun`).
 *
 * @param text - the file's text.
 * @param file - the name used in messages.
 * @throws InputError listing every malformed line.
 */
export function parseMunicipalityCodes(text: string, file = 'municipality-codes.csv'): MunicipalityCodes {
  const problems = new ProblemList();
  const { records, problems: split } = splitDelimited(text.replace(/^\ufeff/, ''), ',', file);
  problems.problems.push(...split);
  const [header, ...rows] = records.filter((r) => !isBlank(r));
  const expected = ['level', 'code', 'name', 'countycode', 'countyname'];
  if (header === undefined || expected.some((e, i) => normaliseHeader(header.fields[i] ?? '') !== e)) {
    problems.add(
      t(`rubrikraden ska vara ${expected.join(',')}`, `the header must be ${expected.join(',')}`),
      { file, line: header?.line ?? 1 },
    );
    problems.throwIfAny('E_CODES');
  }
  const municipalities: Municipality[] = [];
  const counties: County[] = [];
  const seen = new Set<string>();
  for (const r of rows) {
    const [level, code, name, countyCode, countyName] = r.fields.map((f) => f.trim());
    const where = { file, line: r.line };
    if (r.fields.length < 5 || !level || !code || !name || !countyCode || !countyName) {
      problems.add(t('raden har inte fem fält', 'the row does not have five fields'), where);
      continue;
    }
    if (seen.has(code)) problems.add(t(`koden ${code} förekommer två gånger`, `code ${code} occurs twice`), where);
    seen.add(code);
    if (level === 'lan' && /^\d{2}$/.test(code)) counties.push({ code, name });
    else if (level === 'kommun' && /^\d{4}$/.test(code) && code.startsWith(countyCode)) {
      municipalities.push({ code, name, countyCode, countyName });
    } else {
      problems.add(t(`okänd nivå eller kod: ${level} ${code}`, `unknown level or code: ${level} ${code}`), where);
    }
  }
  problems.throwIfAny('E_CODES');
  return new MunicipalityCodes(municipalities, counties);
}

let shipped: MunicipalityCodes | undefined;

/**
 * The shipped official code list (`data/reference/municipality-codes.csv`),
 * read once and cached: it never changes while the program runs.
 *
 * @throws InputError when the file is missing or malformed (a broken installation).
 */
export function loadMunicipalityCodes(): MunicipalityCodes {
  if (shipped !== undefined) return shipped;
  let text: string;
  try {
    text = readFileSync(MUNICIPALITY_CODES_PATH, 'utf8');
  } catch (e) {
    throw InputError.of(
      t(`kan inte läsa kodlistan: ${(e as Error).message}`, `cannot read the code list: ${(e as Error).message}`),
      { file: MUNICIPALITY_CODES_PATH },
      'E_CODES',
    );
  }
  shipped = parseMunicipalityCodes(text, MUNICIPALITY_CODES_PATH);
  return shipped;
}
