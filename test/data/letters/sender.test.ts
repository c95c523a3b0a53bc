// The sender file of the letters: a good file, every mistake at once with
// its line and column, and the example file marked as example data.
import { describe, expect, it } from 'vitest';
import { giroCheckDigitOk, loadSender, parseSender } from '../../../data/letters/sender.js';
import { dataPath } from '../../../data/project-root.js';
import { InputError } from '../../../models/errors.js';

function problemsOf(text: string): string[] {
  try {
    parseSender(text, 'avsandare.yaml');
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    return (e as InputError).problems.map((p) => `${p.line}:${p.column} ${p.message.sv}`);
  }
  throw new Error('no error');
}

describe('parseSender', () => {
  it('reads every field, address lines from a list or from one text', () => {
    const s = parseSender(
      [
        'organisation: Västra Götalandsregionen',
        'adress: |',
        '  Regionens Hus',
        '  462 80 Vänersborg',
        'diarienummer: RS 2022-01234',
        'kontakt: { namn: Kim Exempel, telefon: 010-000 00 00, epost: kim@exempel.example }',
        'underskrift: { namn: Alex Exempel, titel: Verksamhetschef }',
        'betalning: { bankgiro: 000-0000, plusgiro: 18-2 }',
        'moms: Beloppet är inte momspliktigt.',
      ].join('\n'),
      'a.yaml',
    );
    expect(s.exempel).toBe(false);
    expect(s.adress).toEqual(['Regionens Hus', '462 80 Vänersborg']);
    expect(s.betalning).toEqual({ bankgiro: '000-0000', plusgiro: '18-2' });
    expect(s.underskrift).toEqual({ namn: 'Alex Exempel', titel: 'Verksamhetschef' });
  });

  it('reports every mistake at once, each at its line and column', () => {
    const problems = problemsOf(
      [
        'organisation: ""', // 1: empty
        'adress: [Regionens Hus]',
        'betalning:',
        '  bankgiro: 123-4567', // 4: check digit
        '  plusgiro: "12 34"', // 5: format
        'kontakt: { namn: Kim, epost: inte-en-adress }', // 6
        'fax: 031-00 00 00', // 7: unknown field
      ].join('\n'),
    );
    expect(problems).toHaveLength(5);
    expect(problems[0]).toMatch(/^1:15 organisation: får inte vara tomt/);
    expect(problems.find((p) => p.startsWith('4:13'))).toContain('kontrollsiffran stämmer inte');
    expect(problems.find((p) => p.startsWith('5:13'))).toContain('plusgironummer');
    expect(problems.find((p) => p.startsWith('6:'))).toContain('kontakt.epost');
    expect(problems.find((p) => p.startsWith('7:1'))).toContain('fax');
  });

  it('checks a giro number by its check digit (modulus 10)', () => {
    expect(giroCheckDigitOk('000-0000')).toBe(true);
    expect(giroCheckDigitOk('5555-5552')).toBe(false);
    expect(giroCheckDigitOk('5555-5551')).toBe(true);
    expect(giroCheckDigitOk('18-2')).toBe(true);
    expect(giroCheckDigitOk('18-3')).toBe(false);
  });

  it('refuses a file that is not a map, with its line', () => {
    expect(problemsOf('- bara en lista')).toEqual([expect.stringMatching(/^1:1 avsändarfilen ska innehålla en karta/)]);
  });

  it('reads the shipped example, which says it is an example', () => {
    const s = loadSender(dataPath('letters', 'exempel-avsandare.yaml'));
    expect(s.exempel).toBe(true);
    expect(s.organisation).toBe('Västra Götalandsregionen');
    expect(s.betalning?.bankgiro).toBe('000-0000');
  });
});
