// The memo of parsed input files (data/parsed-memo.ts), as the explorer turns it on: a kept parse is used only for
// the same bytes, as a copy the caller may change, and a file that fails to parse fails again with the same words.
// Each test file runs in a process of its own, so turning the memo on here leaves the other files' runs as the CLI's.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadScheme } from '../../data/load-scheme.js';
import { loadMunicipalityCodes } from '../../data/municipality-codes.js';
import { keepParsedFiles, parsedOnce } from '../../data/parsed-memo.js';
import { loadPopulation } from '../../data/population/load.js';
import { readSchemeFile } from '../../data/scheme/find.js';
import { evaluateScheme } from '../../models/evaluate.js';
import { InputError } from '../../models/errors.js';

const dir = mkdtempSync(join(tmpdir(), 'andel-memo-'));
const codes = loadMunicipalityCodes();

describe('parsedOnce', () => {
  it('parses every time while the memo is off', () => {
    let calls = 0;
    const parse = () => ({ calls: ++calls });
    parsedOnce('k', 'a', 'text', parse);
    parsedOnce('k', 'a', 'text', parse);
    expect(calls).toBe(2);
  });

  it('once on: the same kind, key and content parse once; other content, key or kind parse again; every answer a copy', () => {
    keepParsedFiles();
    let calls = 0;
    const parse = () => ({ calls: ++calls, rows: [{ n: 1 }] });
    const first = parsedOnce('k', 'b', new Uint8Array([1, 2, 3]), parse);
    const again = parsedOnce('k', 'b', new Uint8Array([1, 2, 3]), parse);
    expect(calls).toBe(1);
    expect(again).toEqual(first);
    again.rows[0]!.n = 99;
    expect(parsedOnce('k', 'b', new Uint8Array([1, 2, 3]), parse).rows[0]!.n).toBe(1);
    expect(parsedOnce('k', 'b', new Uint8Array([1, 2, 4]), parse).calls).toBe(2);
    expect(parsedOnce('k', 'c', new Uint8Array([1, 2, 4]), parse).calls).toBe(3);
    expect(parsedOnce('other', 'c', new Uint8Array([1, 2, 4]), parse).calls).toBe(4);
    expect(calls).toBe(4);
  });

  it('keeps no failure: a file that fails fails again with the same words', () => {
    keepParsedFiles();
    let calls = 0;
    const fail = (): never => {
      calls++;
      throw new Error('trasig');
    };
    expect(() => parsedOnce('k', 'fail', 'x', fail)).toThrow('trasig');
    expect(() => parsedOnce('k', 'fail', 'x', fail)).toThrow('trasig');
    expect(calls).toBe(2);
  });
});

describe('the loaders with the memo on', () => {
  it('a population file changed between two loads is read anew', () => {
    keepParsedFiles();
    const file = join(dir, 'befolkning.csv');
    writeFileSync(file, 'kommunkod,kommun,folkmangd\n1440,Ale,31000\n1489,Alingsås,41000\n');
    const a = loadPopulation(file, { codes });
    expect(loadPopulation(file, { codes })).toEqual(a);
    writeFileSync(file, 'kommunkod,kommun,folkmangd\n1440,Ale,31001\n1489,Alingsås,41000\n');
    expect(loadPopulation(file, { codes }).rows[0]!.population).toBe(31_001);
  });

  it('a scheme file read twice gives equal definitions that find their lines, and the same figures', async () => {
    keepParsedFiles();
    const file = join(dir, 'schema.yaml');
    const population = join(dir, 'folk.csv');
    writeFileSync(population, 'kommunkod,kommun,folkmangd\n1440,Ale,31000\n1489,Alingsås,41000\n');
    writeFileSync(
      file,
      [
        'id: memo-test',
        'title: Test',
        'summary: Test.',
        'rounding: "1"',
        'population:',
        '  file: folk.csv',
        '  source: Test',
        '  referenceDate: 2021-12-31',
        'parties:',
        '  - from: population',
        '    kind: kommun',
        'parameters:',
        '  total:',
        '    type: money',
        '    value: "1000"',
        '    label: Belopp',
        'components:',
        '  - id: share',
        '    kind: share',
        '    label: Andel',
        '    total: { param: total }',
        '    key: population',
        '    parties: all',
        '',
      ].join('\n'),
    );
    const first = await readSchemeFile(file, 'schema.yaml');
    const second = await readSchemeFile(file, 'schema.yaml');
    expect(second).toEqual(first);
    expect(second).not.toBe(first);
    const once = evaluateScheme((await loadScheme(file)).model);
    const twice = evaluateScheme((await loadScheme(file)).model);
    expect(twice).toEqual(once);
    // A problem found after parsing is reported the same from the kept definition as from a fresh parse.
    const other = join(dir, 'schema2.yaml');
    writeFileSync(other, (await import('node:fs')).readFileSync(file, 'utf8').replace('memo-test', 'memo-test-2'));
    const refusal = async (): Promise<InputError> => (await loadScheme(other, { overrides: { total: 'abc', nope: '1' } }).catch((e: unknown) => e)) as InputError;
    const fresh = await refusal();
    expect(fresh).toBeInstanceOf(InputError);
    const kept = await refusal();
    expect(kept.problems).toEqual(fresh.problems);
    expect(kept.problems.length).toBeGreaterThan(0);
  });
});
