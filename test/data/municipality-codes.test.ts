import { describe, expect, it } from 'vitest';
import { ProblemList } from '../../models/errors.js';
import {
  checkName,
  damerauLevenshtein,
  loadMunicipalityCodes,
  normaliseName,
  parseMunicipalityCodes,
} from '../../data/municipality-codes.js';
import { InputError } from '../../models/errors.js';

const codes = loadMunicipalityCodes();

describe('the shipped code list', () => {
  it('has 21 counties and 290 municipalities, each in a known county', () => {
    expect(codes.counties).toHaveLength(21);
    expect(codes.municipalities).toHaveLength(290);
    for (const m of codes.municipalities) {
      expect(codes.county(m.countyCode)?.name).toBe(m.countyName);
      expect(m.code.startsWith(m.countyCode)).toBe(true);
    }
  });

  it('looks up codes, names and counties', () => {
    expect(codes.municipality('1480')?.name).toBe('Göteborg');
    expect(codes.officialName('1460')).toBe('Bengtsfors');
    expect(codes.officialName('14')).toBe('Västra Götalands län');
    expect(codes.countyOf('0180')).toEqual({ code: '01', name: 'Stockholms län' });
    expect(codes.isMunicipality('9999')).toBe(false);
    expect(codes.isCounty('01')).toBe(true);
    expect(codes.municipalitiesIn('01')).toHaveLength(26);
    expect(codes.municipalitiesIn('14')).toHaveLength(49);
    expect(codes.findByName('MALMO')?.code).toBe('1280');
    expect(codes.findByName('Stockholms stad')?.code).toBe('0180');
  });

  it('keeps every name distinct with diacritics; without them only Håbo and Habo collide', () => {
    expect(new Set(codes.municipalities.map((m) => normaliseName(m.name, true))).size).toBe(290);
    expect(new Set(codes.municipalities.map((m) => normaliseName(m.name))).size).toBe(289);
    expect(codes.matchName('0305', 'Habo')).toMatchObject({ kind: 'other', other: { code: '0643' } });
    expect(codes.matchName('0643', 'Håbo')).toMatchObject({ kind: 'other', other: { code: '0305' } });
    expect(codes.matchName('0305', 'HÅBO').kind).toBe('exact');
  });
});

describe('matchName', () => {
  it('accepts the official name in any case, without diacritics or with a suffix', () => {
    expect(codes.matchName('1280', 'Malmö').kind).toBe('exact');
    expect(codes.matchName('1280', 'MALMO').kind).toBe('exact');
    expect(codes.matchName('0180', 'Stockholms stad').kind).toBe('exact');
    expect(codes.matchName('1490', 'Borås kommun').kind).toBe('exact');
    expect(codes.matchName('0139', 'Upplands Bro').kind).toBe('exact');
    expect(codes.matchName('14', 'Västra Götalands län (länet totalt)').kind).toBe('exact');
    expect(codes.matchName('12', 'Region Skåne').kind).toBe('exact');
  });

  it("warns about the seed's misspellings and names the official spelling", () => {
    expect(codes.matchName('1460', 'Bengtstors')).toEqual({ kind: 'near-miss', official: 'Bengtsfors', distance: 1 });
    expect(codes.matchName('1481', 'Mölnadal')).toEqual({ kind: 'near-miss', official: 'Mölndal', distance: 1 });
  });

  it("refuses another municipality's name", () => {
    expect(codes.matchName('1480', 'Borås')).toEqual({
      kind: 'other',
      official: 'Göteborg',
      other: { code: '1490', name: 'Borås' },
    });
    // Ale and Ånge are two edits apart, but "Ale" is a municipality of its own.
    expect(codes.matchName('2260', 'Ale').kind).toBe('other');
  });

  it('refuses an unrelated name and reports an unknown code', () => {
    expect(codes.matchName('1480', 'Foo').kind).toBe('mismatch');
    expect(codes.matchName('9999', 'Foo').kind).toBe('unknown-code');
  });

  it('matches every municipality with itself only', () => {
    for (const a of codes.municipalities) {
      expect(codes.matchName(a.code, a.name).kind).toBe('exact');
    }
    for (const a of codes.municipalities) {
      for (const b of codes.municipalities) {
        if (a.code !== b.code) expect(codes.matchName(a.code, b.name).kind).toBe('other');
      }
    }
  });

  it('writes the messages the user sees', () => {
    const problems = new ProblemList();
    expect(checkName(codes, '1460', 'Bengtstors', { file: 'f.csv', line: 2 }, problems)).toBe('Bengtsfors');
    expect(checkName(codes, '1480', 'Borås', { file: 'f.csv', line: 3 }, problems)).toBeUndefined();
    expect(problems.warnings.map((w) => w.message.sv)).toEqual([
      '"Bengtstors" stavas officiellt "Bengtsfors" (kommunkod 1460); det officiella namnet används',
    ]);
    expect(problems.problems.map((p) => p.message.sv)).toEqual([
      'kommunkod 1480 är Göteborg, men namnet "Borås" hör till 1490 Borås',
    ]);
  });
});

describe('damerauLevenshtein', () => {
  it('counts a swap of neighbours as one edit', () => {
    expect(damerauLevenshtein('mlomo', 'malmo')).toBe(2);
    expect(damerauLevenshtein('amlmo', 'malmo')).toBe(1);
    expect(damerauLevenshtein('', 'ale')).toBe(3);
    expect(damerauLevenshtein('bengtstors', 'bengtsfors')).toBe(1);
  });
});

describe('parseMunicipalityCodes', () => {
  it('refuses a malformed list with every problem', () => {
    const text = 'level,code,name,county_code,county_name\nlan,01,Stockholms län,01,Stockholms län\nkommun,0114,Upplands Väsby\nkommun,1114,X,01,Stockholms län\n';
    try {
      parseMunicipalityCodes(text, 'codes.csv');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(InputError);
      expect((e as InputError).describe()).toBe(
        'codes.csv, rad 3: raden har inte fem fält\ncodes.csv, rad 4: okänd nivå eller kod: kommun 1114',
      );
    }
  });
});
