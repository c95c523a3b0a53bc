// The recipient register of the letters: a good file (CSV and XLSX),
// every mistake at once with its line and column, the example marker.
import { describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import { loadRecipients, parseRecipients } from '../../../data/letters/recipients.js';
import { dataPath } from '../../../data/project-root.js';
import { InputError } from '../../../models/errors.js';

describe('parseRecipients', () => {
  it('reads legal names and addresses by code, a postal code written with its space', () => {
    const r = parseRecipients('kod;namn;adress;postnummer;ort;epost;referens\n1480;Göteborgs kommun;Box 1;40482;Göteborg;ekonomi@kommun.example;Kim\n14;Västra Götalandsregionen;;;;;\n', 'm.csv');
    expect(r.example).toBe(false);
    expect(r.recipients.get('1480')).toEqual({ code: '1480', name: 'Göteborgs kommun', address: ['Box 1'], postalCode: '404 82', town: 'Göteborg', email: 'ekonomi@kommun.example', reference: 'Kim', line: 2 });
    expect(r.recipients.get('14')).toEqual({ code: '14', name: 'Västra Götalandsregionen', address: [], line: 3 });
  });

  it('reads the first sheet of a workbook, its column letters in messages', () => {
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet([['kod', 'namn', 'postnummer'], ['1438', 'Dals-Eds kommun', ''], ['1480', '', '4']]), 'Mottagare');
    const bytes = new Uint8Array(XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Buffer);
    try {
      parseRecipients(bytes, 'm.xlsx');
      throw new Error('no error');
    } catch (e) {
      expect((e as InputError).problems.map((p) => `${p.line}:${p.column}`)).toEqual(['3:B', '3:C']);
    }
  });

  it('reports every mistake at once, each at its line and column; restores a lost leading zero with a warning', () => {
    const text = ['kod,namn,postnummer,epost', ',Ingen kod,,', '1480,,,', 'x1,Fel kod,,', '1480,Göteborgs kommun,123,', '1480,Igen,,', '1438,Dals-Eds kommun,,nej', '180,Stockholms kommun,,'].join('\n');
    try {
      parseRecipients(text, 'm.csv');
      throw new Error('no error');
    } catch (e) {
      const problems = (e as InputError).problems.map((p) => `${p.line}:${p.column} ${p.message.sv}`);
      expect(problems).toEqual([
        '2:1 koden saknas',
        '3:2 namnet saknas',
        '4:1 "x1" är ingen kod: en kod är 2 siffror (län), 4 siffror (kommun) eller KOD-DEL',
        '5:3 postnumret "123" ska vara fem siffror, t.ex. 411 04',
        '6:1 koden 1480 förekommer redan på rad 5',
        '7:4 "nej" är ingen e-postadress',
      ]);
    }
    const ok = parseRecipients('kod,namn\n180,Stockholms kommun\n', 'm.csv');
    expect(ok.recipients.get('0180')?.name).toBe('Stockholms kommun');
    expect(ok.warnings[0]?.message.sv).toContain('läses som 0180');
  });

  it('refuses a file without the code and name columns', () => {
    expect(() => parseRecipients('adress;ort\nBox 1;Ed\n', 'm.csv')).toThrow(InputError);
  });

  it('reads the shipped example, which says it is example data', () => {
    const r = loadRecipients(dataPath('letters', 'exempel-mottagare.csv'));
    expect(r.example).toBe(true);
    expect([...r.recipients.keys()]).toEqual(['14', '1480', '1438']);
    expect(r.recipients.get('1480')?.name).toBe('Göteborgs kommun');
  });
});
