// CSV fields (reports/format.ts) and the two CSV writers that use them: no
// text from a user's file may reach a spreadsheet as a live formula.
import { describe, expect, it } from 'vitest';
import { Dec } from '../../models/money.js';
import { type AllocationTable, renderCsv } from '../../reports/allocation.js';
import { csvField } from '../../reports/format.js';
import { type ViewTable, renderViewCsv } from '../../reports/scenarios.js';

/** Texts a spreadsheet would run as formulas, as they must come out of a CSV. */
const FORMULAS: ReadonlyArray<readonly [string, string]> = [
  ['=HYPERLINK("http://example.com/x","klicka")', `"'=HYPERLINK(""http://example.com/x"",""klicka"")"`],
  ['@SUM(1)', `"'@SUM(1)"`],
  ['+1', `"'+1"`],
  ['-1+1', `"'-1+1"`],
  ['\t=1', `"'\t=1"`],
  ['\r=1', `"'\r=1"`],
  ['=1;2', `"'=1;2"`],
];

describe('csvField', () => {
  it.each(FORMULAS)('neutralises %j with a leading quote, inside double quotes', (text, field) => {
    expect(csvField(text)).toBe(field);
  });

  it('leaves ordinary text alone and quotes only what needs it', () => {
    expect(csvField('Göteborg')).toBe('Göteborg');
    expect(csvField('Göteborg; "stad"')).toBe('"Göteborg; ""stad"""');
    expect(csvField('rad 1\nrad 2')).toBe('"rad 1\nrad 2"');
    expect(csvField('a=b')).toBe('a=b');
    expect(csvField('')).toBe('');
  });

  it('writes numbers as numbers, negative ones too', () => {
    expect(csvField('-1234,56', 'number')).toBe('-1234,56');
    expect(csvField('-5', 'number')).toBe('-5');
    expect(csvField('34897180,00', 'number')).toBe('34897180,00');
  });

  it('treats a "number" that is not one as text, so it cannot carry a formula', () => {
    expect(csvField('-1+1', 'number')).toBe(`"'-1+1"`);
    expect(csvField('=1', 'number')).toBe(`"'=1"`);
    expect(csvField('-1e-7', 'number')).toBe(`"'-1e-7"`);
  });

  it('neutralises text that looks like a negative number: text stays text', () => {
    expect(csvField('-5')).toBe(`"'-5"`);
  });
});

describe('renderCsv (allocate)', () => {
  const row = (code: string, name: string, amount: number) => ({ code, name, population: 10, components: { a: amount }, amount });
  const table: AllocationTable = {
    title: '=Titel',
    decimals: 2,
    caveats: [],
    componentLabels: [{ id: 'a', label: 'A' }],
    rows: FORMULAS.map(([name], i) => row(`0${i}`, name, -123_456 - i)),
    total: { code: '', name: 'Summa', components: { a: 0 }, amount: 0 },
    hasPopulation: true,
    notes: [],
  };

  it('neutralises every party name that would be a formula, and keeps negative amounts numeric', () => {
    const lines = renderCsv(table).split('\r\n');
    expect(lines[0]).toBe('\ufeffkod;part;invanare;a_kr;belopp_kr');
    FORMULAS.forEach(([, field], i) => {
      const amount = `-1234,${56 + i}`;
      expect(lines[i + 1]).toBe(`0${i};${field};10;${amount};${amount}`);
    });
    expect(lines[FORMULAS.length + 1]).toBe(';Summa;;0,00;0,00');
  });
});

describe('renderViewCsv (scenario commands)', () => {
  const table: ViewTable = {
    title: '=Scenario',
    sheet: 'S',
    columns: [{ label: 'Part', csv: 'part' }, { label: 'Låg', csv: 'lag' }, { label: 'Belopp', csv: 'belopp_kr' }, { label: 'Andel', csv: 'andel' }, { label: 'Tal', csv: '-tal' }],
    rows: [
      ['=HYPERLINK("http://x")', '-0.05', { ore: -123_456 }, { pct: new Dec('-0.5') }, { num: new Dec('-0.0000001') }],
      ['@SUM(1)', '+1', { kr: new Dec('-9.755'), decimals: 3 }, null, { int: -3 }],
    ],
    notes: ['=not'],
  };

  it('neutralises text cells and headers, keeps every kind of figure numeric', () => {
    expect(renderViewCsv([table])).toBe(
      '\ufeffpart;lag;belopp_kr;andel;"\'-tal"\r\n' +
        `"'=HYPERLINK(""http://x"")";"'-0.05";-1234,56;-50,00;-0,0000001\r\n` +
        `"'@SUM(1)";"'+1";-9,755;;-3\r\n`,
    );
  });
});
