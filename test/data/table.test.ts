import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { columnOf, readDelimitedTable, splitDelimited, type ColumnSpec, type Delimiter, type TableRecord } from '../../data/table.js';

/**
 * The splitter as it was first written, one character at a time: the
 * reference the faster one (which copies runs of characters as slices) must
 * agree with on any text.
 */
function referenceSplit(text: string, delimiter: Delimiter): { records: TableRecord[]; quoteLine?: number } {
  const records: TableRecord[] = [];
  let fields: string[] = [];
  let field = '';
  let line = 1;
  let recordLine = 1;
  let quoted = false;
  let quoteLine = 0;
  let atFieldStart = true;
  const endRecord = (): void => {
    fields.push(field);
    records.push({ fields, line: recordLine });
    fields = [];
    field = '';
    atFieldStart = true;
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else {
          quoted = false;
        }
      } else {
        if (c === '\n' || (c === '\r' && text[i + 1] !== '\n')) line++;
        field += c;
      }
      continue;
    }
    if (c === '"' && atFieldStart) {
      quoted = true;
      quoteLine = line;
      atFieldStart = false;
    } else if (c === delimiter) {
      fields.push(field);
      field = '';
      atFieldStart = true;
    } else if (c === '\r' || c === '\n') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      endRecord();
      line++;
      recordLine = line;
    } else {
      field += c;
      if (!(atFieldStart && (c === ' ' || c === '\u00a0'))) atFieldStart = false;
      else field = field.trimStart();
    }
  }
  if (field !== '' || fields.length > 0 || !/[\r\n]$/.test(text)) {
    if (text.length > 0) endRecord();
  }
  return { records, ...(quoted ? { quoteLine } : {}) };
}

describe('splitDelimited', () => {
  it('agrees with the character-by-character reference on any text', () => {
    const text = fc.string({
      unit: fc.constantFrom('a', '1', 'ö', ' ', '\u00a0', '"', ',', ';', '\t', '\r', '\n', '\r\n'),
      maxLength: 120,
    });
    fc.assert(
      fc.property(text, fc.constantFrom<Delimiter>(',', ';', '\t'), (s, d) => {
        const fast = splitDelimited(s, d, 'f.csv');
        const ref = referenceSplit(s, d);
        expect(fast.records).toEqual(ref.records);
        expect(fast.problems.map((p) => p.line)).toEqual(ref.quoteLine === undefined ? [] : [ref.quoteLine]);
      }),
      { seed: 10_2030, numRuns: 3000 },
    );
  });

  it('keeps physical line numbers through quoted line breaks', () => {
    expect(splitDelimited('a,b\r\n"x\r\ny",2\n3,4', ',').records).toEqual([
      { fields: ['a', 'b'], line: 1 },
      { fields: ['x\r\ny', '2'], line: 2 },
      { fields: ['3', '4'], line: 4 },
    ]);
  });
});

describe('readDelimitedTable', () => {
  type Col = 'code' | 'count';
  const specs: readonly ColumnSpec<Col>[] = [
    { key: 'code', matches: (n) => n === 'kod' },
    { key: 'count', matches: (n) => n === 'antal' },
  ];

  it('a long file: the delimiter chosen on the first lines, every row read once', () => {
    const rows = Array.from({ length: 2500 }, (_, i) => `${i};"Namn, med komma";${i * 3}`);
    const text = ['Titel, med komma', '', 'kod;namn;antal', ...rows, ''].join('\n');
    const found = readDelimitedTable(text, specs, 'f.csv')!;
    expect(found.delimiter).toBe(';');
    expect(found.layout.header.line).toBe(3);
    expect(found.layout.rows).toHaveLength(2500);
    expect(found.layout.rows[2499]).toEqual({ fields: ['2499', 'Namn, med komma', '7497'], line: 2503 });
  });

  it('a header below more title lines than are searched first is still found', () => {
    const text = [...Array.from({ length: 1500 }, (_, i) => `titelrad ${i}`), 'kod,antal', '1,2', ''].join('\n');
    const found = readDelimitedTable(text, specs, 'f.csv')!;
    expect(found.delimiter).toBe(',');
    expect(found.layout.header.line).toBe(1501);
    expect(found.layout.rows).toEqual([{ fields: ['1', '2'], line: 1502 }]);
  });
});

describe('columnOf', () => {
  it('a field number in CSV, column letters in a spreadsheet', () => {
    expect(columnOf(0, false)).toBe(1);
    expect(columnOf(2, false)).toBe(3);
    expect([0, 2, 25, 26, 27, 51, 52, 701, 702, 16383].map((i) => columnOf(i, true))).toEqual(['A', 'C', 'Z', 'AA', 'AB', 'AZ', 'BA', 'ZZ', 'AAA', 'XFD']);
  });
});
