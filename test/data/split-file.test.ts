import { describe, expect, it } from 'vitest';
import { InputError } from '../../models/errors.js';
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
});
