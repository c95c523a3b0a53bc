// The remiss file: checked with every mistake at once, each with its line
// and column; the shipped example is valid.
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
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
    expect(info).toMatchObject({
      forvaltning: 'Socialförvaltningen',
      till: 'Socialnämnden',
      sammantradesdatum: '2020-10-06',
      datum: '2020-09-29',
      diarienummer: 'SN 2020/0000',
      remissdiarienummer: 'KS 2020/973',
      exempel: true,
    });
    expect(info.kommun).toBeUndefined();
    expect(info.stallningstagande).toEqual(['Förvaltningen är positiv till överenskommelsen och föreslår att nämnden tillstyrker den.']);
    expect(info.handlaggare).toEqual({ namn: 'Kim Exempel', telefon: '08-000 00 00', epost: 'kim.exempel@kommun.example' });
    expect(info.synpunkter).toHaveLength(2);
    expect(info.bilagor).toEqual([{ titel: 'Överenskommelse mellan Region Stockholm och kommunerna i Stockholms län' }, { titel: 'Kostnadsfördelning per kommun' }]);
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
      'remiss.yaml, rad 2, kolumn 6: okänt fält "til". Fälten är: forvaltning, avdelning, handlaggare, till, sammantradesdatum, datum, diarienummer, remissdiarienummer, kommun, rubrik, remiss, forslag, stallningstagande, underskrifter, beredning, synpunkter, bilagor, exempel.',
      'remiss.yaml, rad 3, kolumn 8: datum "2020-02-30" ska skrivas ÅÅÅÅ-MM-DD och vara ett riktigt datum',
      'remiss.yaml, rad 4, kolumn 10: bilagor: ska vara en lista, t.ex. "- Överenskommelsen"',
      'remiss.yaml, rad 6, kolumn 5: underskrifter[1]: namn saknas',
    ]);
  });

  it('reads the new heading fields and checks them with line and column', () => {
    const text = 'sammantradesdatum: 2020-10-06\ndiarienummer: SN 2020/1\nremissdiarienummer: KS 2020/973\nkommun: Huddinge kommun\nstallningstagande: Positiv.\nexempel: false\n';
    expect(parseRemissInfo(text, 'x.yaml')).toEqual({
      sammantradesdatum: '2020-10-06',
      diarienummer: 'SN 2020/1',
      remissdiarienummer: 'KS 2020/973',
      kommun: 'Huddinge kommun',
      stallningstagande: ['Positiv.'],
      exempel: false,
    });
    expect(problems('till: Nämnden\nsammantradesdatum: 6 oktober\nkommun: [Huddinge]\nexempel: ja\n')).toEqual([
      'remiss.yaml, rad 2, kolumn 20: datum "6 oktober" ska skrivas ÅÅÅÅ-MM-DD och vara ett riktigt datum',
      'remiss.yaml, rad 3, kolumn 9: kommun: ska vara text',
      'remiss.yaml, rad 4, kolumn 10: exempel: ska vara true eller false',
    ]);
  });

  it('reads bilagor as titles, or titles with a file, and reports a bad entry where it is', () => {
    expect(parseRemissInfo('bilagor:\n  - Överenskommelsen\n  - titel: Kartan\n    fil: karta.pdf\n', 'x.yaml').bilagor).toEqual([{ titel: 'Överenskommelsen' }, { titel: 'Kartan', fil: 'karta.pdf' }]);
    expect(problems('bilagor:\n  - fil: a.pdf\n  - titel: B\n    sida: 2\n')).toEqual([
      'remiss.yaml, rad 2, kolumn 5: bilagor[1]: titel saknas. Varje bilaga har en titel, t.ex. "titel: Överenskommelsen".',
      'remiss.yaml, rad 4, kolumn 11: okänt fält "sida" i bilagor[2]. Fälten är: titel, fil.',
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

describe('loadRemissInfo with attachment files', () => {
  const dir = mkdtempSync(join(tmpdir(), 'andel-remiss-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  mkdirSync(join(dir, 'bilagor'));
  writeFileSync(join(dir, 'bilagor', 'avtal.pdf'), '%PDF-1.7\n% en liten fil som börjar som en PDF\n');
  writeFileSync(join(dir, 'bilagor', 'avtal.docx'), 'PK\u0003\u0004 inte en PDF');

  const load = (yaml: string): string[] => {
    const file = join(dir, 'remiss.yaml');
    writeFileSync(file, yaml);
    try {
      loadRemissInfo(file, 'remiss.yaml');
    } catch (e) {
      if (e instanceof InputError) return e.describe('sv').split('\n');
      throw e;
    }
    return [];
  };

  it('resolves a PDF named relative to the remiss file', () => {
    const file = join(dir, 'ok.yaml');
    writeFileSync(file, 'bilagor:\n  - titel: Avtalet\n    fil: bilagor/avtal.pdf\n');
    expect(loadRemissInfo(file).bilagor).toEqual([{ titel: 'Avtalet', fil: join(dir, 'bilagor', 'avtal.pdf') }]);
  });

  it('refuses a missing file, a file that is not a PDF and a folder, each with its line and column, all at once', () => {
    expect(load('till: Nämnden\nbilagor:\n  - titel: Saknas\n    fil: bilagor/saknas.pdf\n  - titel: Word\n    fil: bilagor/avtal.docx\n  - titel: Mapp\n    fil: bilagor\n')).toEqual([
      'remiss.yaml, rad 4, kolumn 10: bilagor[1].fil "bilagor/saknas.pdf": filen finns inte. Filen anges relativt till remissfilen och ska vara en PDF.',
      'remiss.yaml, rad 6, kolumn 10: bilagor[2].fil "bilagor/avtal.docx": är ingen PDF-fil. Filen anges relativt till remissfilen och ska vara en PDF.',
      'remiss.yaml, rad 8, kolumn 10: bilagor[3].fil "bilagor": är inte en fil. Filen anges relativt till remissfilen och ska vara en PDF.',
    ]);
  });
});
