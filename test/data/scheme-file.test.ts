// Scheme files as a hostile or careless user writes them: every mistake that
// once became a wrong figure (a total pointing at an enum gave 0 kr, at a
// year 2 021 kr; a cap pointing at text vanished) or a crash is refused with
// the file, the line and the column, in Swedish and English. The fixtures
// are in test/data/fixtures/schemes/, beside a valid scheme (bas.yaml) they
// are variations of.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadScheme } from '../../data/load-scheme.js';
import { checkSchemeDefinition } from '../../data/scheme/check-definition.js';
import { parameterValue } from '../../data/scheme/parameters.js';
import { parseSchemeFile } from '../../data/scheme/parse.js';
import { parseWrittenNumber } from '../../data/scheme/written-number.js';
import { nestingDepth } from '../../data/yaml-source.js';
import { evaluateScheme } from '../../models/evaluate.js';
import type { Lang } from '../../models/errors.js';
import { Dec } from '../../models/money.js';
import type { SchemeModel } from '../../models/scheme.js';
import { FIXTURES, inputError, lines } from './helpers.js';

// Relative to the project (vitest's working directory), as a user would type it.
const SCHEMES = 'test/data/fixtures/schemes';
const at = (name: string): string => `${SCHEMES}/${name}`;

async function refused(name: string, lang: Lang = 'sv'): Promise<string[]> {
  try {
    await loadScheme(at(name));
  } catch (e) {
    return lines(inputError(() => {
      throw e;
    }).problems, lang);
  }
  throw new Error(`${name} was accepted`);
}

describe('a { param: … } of the wrong type for its field', () => {
  it('is refused with the file, the line, the column and both types', async () => {
    expect(await refused('fel-typer.yaml')).toEqual([
      `${at('fel-typer.yaml')}, rad 19, kolumn 12: components[0] (a).total hänvisar till parametern policy av typen enum (ett val ur en lista), men fältet tar ett belopp i kronor (typen money)`,
      `${at('fel-typer.yaml')}, rad 24, kolumn 12: components[1] (b).total hänvisar till parametern year.first av typen year (ett årtal), men fältet tar ett belopp i kronor (typen money)`,
      `${at('fel-typer.yaml')}, rad 26, kolumn 21: components[1] (b).years.first hänvisar till parametern total av typen money (ett belopp i kronor), men fältet tar ett årtal (typen year)`,
      `${at('fel-typer.yaml')}, rad 32, kolumn 20: components[2] (c).cap.amount hänvisar till parametern note av typen text (text), men fältet tar ett belopp i kronor (typen money)`,
      `${at('fel-typer.yaml')}, rad 36, kolumn 12: components[3] (d).total hänvisar till parametern totla, som inte är deklarerad. Menade du total?`,
    ]);
    expect(await refused('fel-typer.yaml', 'en')).toEqual([
      `${at('fel-typer.yaml')}, line 19, column 12: components[0] (a).total refers to the parameter policy of type enum (a choice from a list), but the field takes an amount in kronor (type money)`,
      `${at('fel-typer.yaml')}, line 24, column 12: components[1] (b).total refers to the parameter year.first of type year (a year), but the field takes an amount in kronor (type money)`,
      `${at('fel-typer.yaml')}, line 26, column 21: components[1] (b).years.first refers to the parameter total of type money (an amount in kronor), but the field takes a year (type year)`,
      `${at('fel-typer.yaml')}, line 32, column 20: components[2] (c).cap.amount refers to the parameter note of type text (text), but the field takes an amount in kronor (type money)`,
      `${at('fel-typer.yaml')}, line 36, column 12: components[3] (d).total refers to the parameter totla, which is not declared. Did you mean total?`,
    ]);
  });

  it('a cap policy parameter must offer cap policies only', () => {
    const yaml = readFileSync(join(FIXTURES, 'schemes', 'bas.yaml'), 'utf8')
      .replace('values: [region, redistribute, none]', 'values: [region, dela]')
      .replace('    parties: kommun\n', '    parties: kommun\n    cap: { amount: "100", policy: { param: policy } }\n');
    const e = inputError(() => parseSchemeFile(yaml, 'bas.yaml'));
    expect(lines(e.problems)).toEqual(['bas.yaml, rad 15, kolumn 33: parameters.policy: dela är ingen policy för taket (components[0] (del).cap.policy tar region, redistribute eller none)']);
  });

  it('every field kind takes its own type, and the shipped schemes pass', () => {
    for (const f of ['data/schemes/vgr-2022.yaml', 'data/schemes/sthlm-2020.yaml']) {
      expect(() => parseSchemeFile(readFileSync(f, 'utf8'), f)).not.toThrow();
    }
  });
});

describe('names, ids and dates', () => {
  it('two components with one id, and dates that are not in the calendar', async () => {
    expect(await refused('dubbla-id.yaml')).toEqual([
      `${at('dubbla-id.yaml')}, rad 5, kolumn 65: population.referenceDate: 2021-02-30 finns inte i kalendern`,
      `${at('dubbla-id.yaml')}, rad 10, kolumn 11: components[1]: id "del" används redan av components[0] (rad 9)`,
      `${at('dubbla-id.yaml')}, rad 12, kolumn 13: dates[0].date: 2022-13-01 finns inte i kalendern`,
    ]);
    expect(await refused('dubbla-id.yaml', 'en')).toEqual([
      `${at('dubbla-id.yaml')}, line 5, column 65: population.referenceDate: 2021-02-30 is not a date in the calendar`,
      `${at('dubbla-id.yaml')}, line 10, column 11: components[1]: the id "del" is already used by components[0] (line 9)`,
      `${at('dubbla-id.yaml')}, line 12, column 13: dates[0].date: 2022-13-01 is not a date in the calendar`,
    ]);
  });

  it('names JavaScript gives a meaning are refused where they are declared', async () => {
    expect(await refused('reserverade-namn.yaml')).toEqual([
      `${at('reserverade-namn.yaml')}, rad 10, kolumn 16: parameternamnet "constructor" är ett reserverat namn och kan inte användas; välj ett annat namn`,
      `${at('reserverade-namn.yaml')}, rad 12, kolumn 11: komponent-id "toString" är ett reserverat namn och kan inte användas; välj ett annat namn`,
      `${at('reserverade-namn.yaml')}, rad 14, kolumn 19: nyckeln "hasOwnProperty" är ett reserverat namn och kan inte användas; välj ett annat namn`,
    ]);
    expect(await refused('reserverade-namn.yaml', 'en')).toEqual([
      `${at('reserverade-namn.yaml')}, line 10, column 16: the parameter name "constructor" is a reserved name and cannot be used; choose another name`,
      `${at('reserverade-namn.yaml')}, line 12, column 11: the component id "toString" is a reserved name and cannot be used; choose another name`,
      `${at('reserverade-namn.yaml')}, line 14, column 19: the key "hasOwnProperty" is a reserved name and cannot be used; choose another name`,
    ]);
  });

  it('a __proto__ key, which validation would drop without a word, is refused at its line', async () => {
    expect(await refused('proto.yaml')).toEqual([`${at('proto.yaml')}, rad 9, kolumn 3: nyckeln "__proto__" är ett reserverat namn och kan inte användas; välj ett annat namn`]);
  });
});

describe('what a hostile file does to a parser', () => {
  it('an alias bomb is refused with the file and one line, before it expands', async () => {
    expect(await refused('alias-bomb.yaml')).toEqual([
      `${at('alias-bomb.yaml')}: filen har för många YAML-alias (*namn): högst 100 får användas, eftersom varje alias kan mångdubbla filens innehåll`,
    ]);
    expect(await refused('alias-bomb.yaml', 'en')).toEqual([
      `${at('alias-bomb.yaml')}: the file has too many YAML aliases (*name): at most 100 may be used, since each alias can multiply the file's content`,
    ]);
  });

  it('nesting 20 000 levels deep is refused before the parser runs out of stack', async () => {
    expect(await refused('djup.yaml')).toEqual([`${at('djup.yaml')}, rad 2: filen är för djupt nästlad för att läsas (20001 nivåer; högst 64)`]);
    expect(await refused('djup.yaml', 'en')).toEqual([`${at('djup.yaml')}, line 2: the file is nested too deeply to be read (20001 levels; at most 64)`]);
  });

  it('measures nesting without being fooled by quotes and comments', () => {
    expect(nestingDepth('a: "[[[["\nb: \'{{{\' # [[[[\n').depth).toBe(1);
    expect(nestingDepth('a:\n  b:\n    - - c: [1, [2]]\n').depth).toBe(7);
    expect(nestingDepth(readFileSync('data/schemes/sthlm-2020.yaml', 'utf8')).depth).toBeLessThan(10);
  });
});

describe('keys: weights, blends and nothing to split by', () => {
  it('a weight for a party the component does not have, and parties without one', async () => {
    expect(await refused('vikter.yaml')).toEqual([
      `${at('vikter.yaml')}, rad 14, kolumn 21: components[0] (del).key.weights: vikt saknas för Helsingborg (1283), Lund (1281)`,
      `${at('vikter.yaml')}, rad 14, kolumn 44: components[0] (del).key.weights: 1299 är ingen part i komponenten`,
    ]);
    expect(await refused('vikter.yaml', 'en')).toEqual([
      `${at('vikter.yaml')}, line 14, column 21: components[0] (del).key.weights: the weight is missing for Helsingborg (1283), Lund (1281)`,
      `${at('vikter.yaml')}, line 14, column 44: components[0] (del).key.weights: 1299 is not a party of the component`,
    ]);
  });

  it('a cap for a party the component does not have', async () => {
    expect(await refused('tak-utanfor.yaml')).toEqual([`${at('tak-utanfor.yaml')}, rad 17, kolumn 55: components[0] (del).cap.parties: Helsingborg (1283) ingår inte i komponenten, så taket gäller inte för dem`]);
    expect(await refused('tak-utanfor.yaml', 'en')).toEqual([`${at('tak-utanfor.yaml')}, line 17, column 55: components[0] (del).cap.parties: Helsingborg (1283) is not a party of the component, so the cap does not apply to them`]);
  });

  it('weights that are all zero: the component and its line', async () => {
    expect(await refused('nollvikter.yaml')).toEqual([`${at('nollvikter.yaml')}, rad 13, kolumn 10: components[0] (del): alla vikter är noll (avtalade vikter), så Delning kan inte fördelas`]);
    expect(await refused('nollvikter.yaml', 'en')).toEqual([`${at('nollvikter.yaml')}, line 13, column 10: components[0] (del): every weight is zero (avtalade vikter), so Delning cannot be split`]);
  });

  it('blend weights that do not sum to 1 are refused, and so is a rounding unit finer than an öre', async () => {
    expect(await refused('blandning-summa.yaml')).toEqual([
      `${at('blandning-summa.yaml')}, rad 6, kolumn 11: rounding: "0.001" ska vara ett belopp i kronor, i hela ören, t.ex. "1" eller "0.01"`,
      `${at('blandning-summa.yaml')}, rad 15, kolumn 19: components[0] (del).key.blend: vikterna summerar till 0.9, inte 1`,
    ]);
    expect(await refused('blandning-summa.yaml', 'en')).toEqual([
      `${at('blandning-summa.yaml')}, line 6, column 11: rounding: "0.001" must be an amount in kronor, in whole öre, e.g. "1" or "0.01"`,
      `${at('blandning-summa.yaml')}, line 15, column 19: components[0] (del).key.blend: the weights sum to 0.9, not 1`,
    ]);
  });

  it('normalise: true takes blend weights as proportions: 3 and 6 are a third and two thirds', async () => {
    const text = readFileSync(join(FIXTURES, 'schemes', 'blandning-summa.yaml'), 'utf8')
      .replace('rounding: "0.001"\n', '')
      .replace('{ blend: [{ key: equal, weight: "0.3" }, { key: population, weight: "0.6" }] }', '{ blend: [{ key: equal, weight: "3" }, { key: population, weight: "6" }], normalise: true }');
    const def = parseSchemeFile(text, 'x.yaml');
    const { model } = await (await import('../../data/load-scheme.js')).loadSchemeDefinition(def, { path: join(FIXTURES, 'schemes', 'x.yaml') });
    const thirds = evaluateScheme(model);
    const written = parseSchemeFile(text.replace('weight: "3"', 'weight: "0.3333333333333333333333333333333333333"').replace('weight: "6"', 'weight: "0.6666666666666666666666666666666666667"').replace(', normalise: true', ''), 'y.yaml');
    expect(checkSchemeDefinition(written)).toEqual([]);
    expect(thirds.total).toBe(100_000_000);
    // Malmö: 1/3 · 1/3 + 2/3 · 351 749 / 629 234 of 1 000 000 kr.
    const exact = (1 / 9 + (2 / 3) * (351_749 / 629_234)) * 100_000_000;
    expect(Math.abs(thirds.parties.find((p) => p.party.code === '1280')!.amount - exact)).toBeLessThanOrEqual(1);
  });
});

describe('split by users', () => {
  it('"30 % users, 70 % population" and a share by users alone, exact to the öre', async () => {
    const { model } = await loadScheme(at('anvandare-och-befolkning.yaml'));
    const r = evaluateScheme(model);
    const byCode = (id: string) => Object.fromEntries(r.parties.map((p) => [p.party.code, p.components[id]]));
    // 550 000 kr over 550 users: 1 000 kr per user, for the first year's counts (2022).
    expect(byCode('drift')).toEqual({ '1280': 300_000_00, '1281': 100_000_00, '1283': 150_000_00 });
    // 0.3 · users/550 + 0.7 · population/629 234 of 1 000 000 kr, largest remainder over a common denominator.
    expect(byCode('blandat')).toEqual(largestRemainder(100_000_000, { '1280': [300, 351_749], '1281': [100, 127_376], '1283': [150, 150_109] }, [3n, 7n]));
    expect(byCode('blandat')).toEqual({ '1280': 55_494_437, '1281': 19_624_663, '1283': 24_880_900 });
  });

  it('a component whose year has no user counts names the year it looked for', async () => {
    expect(await refused('anvandare-fel-ar.yaml')).toEqual([`${at('anvandare-fel-ar.yaml')}, rad 15, kolumn 10: antal användare för 2021 saknas (användarfiler finns för 2022)`]);
    expect(await refused('anvandare-fel-ar.yaml', 'en')).toEqual([`${at('anvandare-fel-ar.yaml')}, line 15, column 10: user counts for 2021 are missing (there are user files for 2022)`]);
  });

  it('any blend of users and population with weights summing to 1 is split exactly (pinned seed)', async () => {
    const { model } = await loadScheme(at('anvandare-och-befolkning.yaml'));
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100 }), fc.integer({ min: 1, max: 1_000_000_000 }), fc.tuple(fc.nat(5_000), fc.nat(5_000), fc.nat(5_000)), (pct, total, [a, b, c]) => {
        fc.pre(a + b + c > 0);
        const users = { '1280': a, '1281': b, '1283': c };
        const want = largestRemainder(total, { '1280': [a, 351_749], '1281': [b, 127_376], '1283': [c, 150_109] }, [BigInt(pct), BigInt(100 - pct)]);
        expect(evaluateBlend(model, total, pct, users)).toEqual(want);
      }),
      { seed: 20_221, numRuns: 200 },
    );
  });
});

describe('numbers as people write them', () => {
  it('refuses a comma that could be a thousands separator, and more decimals than öre', () => {
    expect(parseWrittenNumber('1 500 000')).toMatchObject({ ok: true, decimals: 0 });
    expect(parseWrittenNumber('9,75')).toMatchObject({ ok: true, decimals: 2 });
    expect(parseWrittenNumber('1 50').ok).toBe(false);
    const comma = parseWrittenNumber('1,500');
    expect(comma.ok).toBe(false);
    if (!comma.ok) expect([comma.message.sv, comma.hint?.sv]).toEqual(['är tvetydigt: kommat kan vara tusentalsavgränsare eller decimaltecken', 'Skriv 1500 för ett heltal eller 1.500 med punkt som decimaltecken.']);
    const money = parameterValue({ type: 'money' }, '1.500');
    expect(money.ok ? 'accepted' : money.message.sv).toBe('har fler än två decimaler (öre är den minsta enheten)');
    const rate = parameterValue({ type: 'rate' }, '9.755');
    expect(rate.ok && rate.value.dec!.toString()).toBe('9.755');
    const years = parameterValue({ type: 'integer' }, '8.0');
    expect(years.ok ? 'accepted' : years.message.en).toBe('must be a whole number');
  });
});

/** The blend `pct` % users, the rest population, of `total` öre, through the scheme's own evaluation. */
function evaluateBlend(model: SchemeModel, total: number, pct: number, users: Record<string, number>): Record<string, number> {
  const base = model.components[1]!;
  if (base.kind !== 'share') throw new Error('expected a share component');
  const key = { kind: 'blend' as const, parts: [{ key: { kind: 'users' as const, year: 2022 }, weight: new Dec(pct).dividedBy(100) }, { key: { kind: 'population' as const }, weight: new Dec(100 - pct).dividedBy(100) }] };
  const r = evaluateScheme({ ...model, users: { 2022: users }, components: [{ ...base, total, key, years: undefined }] });
  return Object.fromEntries(r.parties.map((p) => [p.party.code, p.components[base.id] ?? 0]));
}

/**
 * An independent largest remainder for a blend of two keys with integer
 * weights α (users) and β (population): the exact share of party i is
 * (α·u_i/U + β·p_i/P)/(α+β) of the total, compared over the common
 * denominator U·P·(α+β); leftover öre go to the largest remainders, ties by code.
 */
function largestRemainder(total: number, parties: Record<string, [number, number]>, [alpha, beta]: [bigint, bigint]): Record<string, number> {
  const codes = Object.keys(parties).sort();
  const U = codes.reduce((s, c) => s + BigInt(parties[c]![0]), 0n);
  const P = codes.reduce((s, c) => s + BigInt(parties[c]![1]), 0n);
  const num = (c: string) => alpha * BigInt(parties[c]![0]) * P + beta * BigInt(parties[c]![1]) * U;
  const den = (alpha + beta) * U * P;
  const T = BigInt(total);
  const shares = codes.map((c) => ({ c, floor: (num(c) * T) / den, rest: (num(c) * T) % den }));
  let left = T - shares.reduce((s, x) => s + x.floor, 0n);
  const order = [...shares].sort((a, b) => (a.rest === b.rest ? (a.c < b.c ? -1 : 1) : a.rest > b.rest ? -1 : 1));
  const bonus = new Set<string>();
  for (const s of order) {
    if (left <= 0n) break;
    bonus.add(s.c);
    left -= 1n;
  }
  return Object.fromEntries(shares.map((s) => [s.c, Number(s.floor) + (bonus.has(s.c) ? 1 : 0)]));
}
