// The remiss file: checked with every mistake at once, each with its line
// and column; the shipped example is valid.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../../../data/project-root.js';
import { loadRemissInfo, paragraphsOf, parseRemissInfo } from '../../../data/remiss/remiss-info.js';
import { InputError } from '../../../models/errors.js';

function problems(text: string): string[] {
  try {
    parseRemissInfo(text, 'remiss.yaml');
  } catch (e) {
    if (e instanceof InputError) return e.describe('sv').split('\n');
    throw e;
  }
  throw new Error('expected an InputError');
}

describe('parseRemissInfo', () => {
  it('reads the shipped example', () => {
    const info = loadRemissInfo(join(projectRoot(), 'data/remiss/exempel.yaml'));
    expect(info).toMatchObject({ forvaltning: 'Socialförvaltningen', till: 'Socialnämnden', datum: '2020-09-29', diarienummer: 'KS 2020/973' });
    expect(info.handlaggare).toEqual({ namn: 'Kim Exempel', telefon: '08-000 00 00', epost: 'kim.exempel@kommun.example' });
    expect(info.synpunkter).toHaveLength(2);
    expect(info.bilagor).toHaveLength(2);
    expect(info.underskrifter).toEqual([{ namn: 'Alex Exempel', titel: 'Förvaltningschef' }, { namn: 'Sam Exempel', titel: 'Avdelningschef' }]);
  });

  it('accepts an empty file and a bare name for the handläggare', () => {
    expect(parseRemissInfo('', 'x.yaml')).toEqual({});
    expect(parseRemissInfo('# bara en kommentar\n', 'x.yaml')).toEqual({});
    expect(parseRemissInfo('handlaggare: Kim Exempel\n', 'x.yaml')).toEqual({ handlaggare: { namn: 'Kim Exempel' } });
  });

  it('keeps markup as text: escaping is the template\'s job, the file is not trusted', () => {
    expect(parseRemissInfo('till: "<b>Nämnden</b>"\n', 'x.yaml').till).toBe('<b>Nämnden</b>');
  });

  it('reports every mistake at once, with line and column', () => {
    expect(problems('forvaltning: Äldreförvaltningen\ntil: Äldrenämnden\ndatum: 2020-02-30\nbilagor: en bilaga\nunderskrifter:\n  - titel: Chef\n')).toEqual([
      'remiss.yaml, rad 2, kolumn 6: okänt fält "til". Fälten är: forvaltning, avdelning, handlaggare, till, datum, diarienummer, rubrik, remiss, forslag, underskrifter, beredning, synpunkter, bilagor.',
      'remiss.yaml, rad 3, kolumn 8: datum "2020-02-30" ska skrivas ÅÅÅÅ-MM-DD och vara ett riktigt datum',
      'remiss.yaml, rad 4, kolumn 10: bilagor: ska vara en lista, t.ex. "- Överenskommelsen"',
      'remiss.yaml, rad 6, kolumn 5: underskrifter[1]: namn saknas',
    ]);
  });

  it('reports broken YAML with its position', () => {
    const [first] = problems('till: [Nämnden\n');
    expect(first).toMatch(/^remiss\.yaml, rad \d+, kolumn \d+: ogiltig YAML/);
  });

  it('refuses what a hostile file does to a parser: aliases, deep nesting, JavaScript names', () => {
    const bomb = ['a: &a ["x", "x", "x", "x", "x", "x", "x", "x", "x"]', ...'bcdefghij'.split('').map((c, i) => `${c}: &${c} [${Array(9).fill(`*${'abcdefghij'[i]}`).join(', ')}]`)].join('\n');
    expect(problems(bomb)).toEqual(['remiss.yaml: filen har för många YAML-alias (*namn): högst 100 får användas, eftersom varje alias kan mångdubbla filens innehåll. Skriv ut värdena i stället för att hänvisa till dem med alias.']);
    expect(problems(`till: ${'['.repeat(100)}${']'.repeat(100)}\n`)).toEqual(['remiss.yaml, rad 1: filen är för djupt nästlad för att läsas (101 nivåer; högst 64). Filen ska bara ha några få nivåer av indrag; kontrollera den.']);
    expect(problems('constructor: x\n__proto__: y\n')).toEqual(['remiss.yaml, rad 2, kolumn 1: nyckeln "__proto__" är ett reserverat namn och kan inte användas; välj ett annat namn']);
    expect(problems('constructor: x\ntoString: y\n')).toEqual([
      expect.stringMatching(/^remiss\.yaml, rad 1, kolumn 14: okänt fält "constructor"/),
      expect.stringMatching(/^remiss\.yaml, rad 2, kolumn 11: okänt fält "toString"/),
    ]);
  });

  it('splits text into paragraphs at blank lines', () => {
    expect(paragraphsOf('Första raden\nfortsätter.\n\nAndra stycket.\n')).toEqual(['Första raden fortsätter.', 'Andra stycket.']);
  });
});
