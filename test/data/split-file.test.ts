import { describe, expect, it } from 'vitest';
import { formatProblem, InputError } from '../../models/errors.js';
import { fixture } from './helpers.js';
import { loadSplitFile, parseSplitFile } from '../../data/split-file.js';

const problemsOf = (f: () => unknown): string[] => {
  try {
    f();
  } catch (e) {
    if (e instanceof InputError) return e.problems.map((p) => `${p.line ?? '-'}: ${p.message.sv}`);
    throw e;
  }
  throw new Error('no InputError');
};

describe('parseSplitFile', () => {
  it('reads the shipped 2011 district table: names, populations, the reference date', () => {
    const f = loadSplitFile('data/populations/stockholm-city-districts-2011.csv');
    expect(f.rows).toHaveLength(14);
    expect(f.rows.reduce((s, r) => s + r.population, 0)).toBe(864_324);
    expect(f.rows[0]).toMatchObject({ name: 'Rinkeby-Kista', population: 46_792, line: 2 });
    expect(f.referenceDates).toEqual(['2011-12-31']);
  });

  it('takes semicolons, tabs, grouped numbers, a code column and comment lines', () => {
    expect(parseSplitFile('# delar\nkod;namn;folkmängd\n0180-A;Norr;500 000\n0180-B;Söder;474 073\n', 'a.csv').rows).toEqual([
      { code: '0180-A', name: 'Norr', population: 500_000, line: 3 },
      { code: '0180-B', name: 'Söder', population: 474_073, line: 4 },
    ]);
    expect(parseSplitFile('name\tpopulation\nNorr\t1\nSöder\t2\n', 'b.tsv').rows.map((r) => r.population)).toEqual([1, 2]);
  });

  it('reports every bad row at once, with its line', () => {
    expect(problemsOf(() => parseSplitFile('namn,folkmangd\nNorr,abc\nSöder,-5\nNorr,3\n,4\n', 'c.csv'))).toEqual([
      '2: folkmängd "abc" är inte ett heltal',
      '3: folkmängd "-5" är negativ',
      '4: "Norr" förekommer redan på rad 2',
      '5: namnet saknas',
    ]);
  });

  it('refuses a file without a name or population column, an empty file and a header alone', () => {
    expect(problemsOf(() => parseSplitFile('del,antal_x\nNorr,1\n', 'd.csv'))[0]).toMatch(/kolumn saknas/);
    expect(problemsOf(() => parseSplitFile('', 'e.csv'))).toEqual(['-: filen är tom']);
    expect(problemsOf(() => parseSplitFile('namn,folkmangd\n', 'f.csv'))).toEqual(['-: filen har inga rader med delparter']);
  });

  it('refuses a comma or a point between digits, with line, column and what to write', () => {
    let error: InputError | undefined;
    try {
      parseSplitFile(fixture('split-ambiguous.csv'), 'split-ambiguous.csv');
    } catch (e) {
      error = e as InputError;
    }
    expect(error).toBeInstanceOf(InputError);
    expect(error!.code).toBe('E_SPLIT');
    expect(error!.problems.map((p) => formatProblem(p, 'sv'))).toEqual([
      'split-ambiguous.csv, rad 2, kolumn 2: folkmängd "500,000" kan läsas på två sätt: som 500 000 (komma som tusentalsavgränsare) eller som 500 (komma som decimaltecken). Skriv antalet utan komma: 500000 eller 500 000 (eller 500).',
      'split-ambiguous.csv, rad 3, kolumn 2: folkmängd "474.073" kan läsas på två sätt: som 474 073 (punkt som tusentalsavgränsare) eller som 474,073 (punkt som decimaltecken). Skriv antalet utan punkt: 474073 eller 474 073.',
      'split-ambiguous.csv, rad 4, kolumn 2: folkmängd "12,0" har decimaler. Skriv antalet utan decimaler: 12.',
    ]);
    expect(error!.problems.map((p) => formatProblem(p, 'en'))).toEqual([
      'split-ambiguous.csv, line 2, column 2: population "500,000" can be read two ways: as 500 000 (comma as a thousands separator) or as 500 (comma as a decimal mark). Write the count without a comma: 500000 or 500 000 (or 500).',
      'split-ambiguous.csv, line 3, column 2: population "474.073" can be read two ways: as 474 073 (point as a thousands separator) or as 474.073 (point as a decimal mark). Write the count without a point: 474073 or 474 073.',
      'split-ambiguous.csv, line 4, column 2: population "12,0" has decimals. Write the count without decimals: 12.',
    ]);
  });

  it('locates a bad count and a missing name by field number', () => {
    try {
      parseSplitFile('kod;namn;folkmangd\nA;;1\nB;Norr;x\n', 'g.csv');
    } catch (e) {
      expect((e as InputError).describe('sv')).toBe('g.csv, rad 2, kolumn 2: namnet saknas\ng.csv, rad 3, kolumn 3: folkmängd "x" är inte ett heltal');
      return;
    }
    throw new Error('no InputError');
  });
});
