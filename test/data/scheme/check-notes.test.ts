// The notes and dates a scheme gives its documents: the keys and kinds the
// views read are declared (models/scheme.ts), and a scheme that would make a
// letter print payment dates without payment instructions, or lose a note
// under a misspelt key, is refused at its line in Swedish and English.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadScheme } from '../../../data/load-scheme.js';
import { checkSchemeDefinition } from '../../../data/scheme/check-definition.js';
import { parseSchemeFile } from '../../../data/scheme/parse.js';
import type { Lang } from '../../../models/errors.js';
import { DATE_KINDS, NOTE_KEYS } from '../../../models/scheme.js';
import { FIXTURES, inputError, lines } from '../helpers.js';

const SCHEMES = 'test/data/fixtures/schemes';
const at = (name: string): string => `${SCHEMES}/${name}`;

async function refused(name: string, lang: Lang = 'sv'): Promise<string[]> {
  try {
    await loadScheme(at(name));
  } catch (e) {
    return lines(inputError(() => {
      throw e;
    }).problems, lang);
  }
  throw new Error(`${name} was accepted`);
}

/** The small valid scheme the fixtures vary, with `extra` appended. */
function bas(extra: string): string {
  return readFileSync(join(FIXTURES, 'schemes', 'bas.yaml'), 'utf8') + extra;
}

describe('date kinds', () => {
  it('a kind the documents do not know is refused at its line, with the kinds there are', async () => {
    expect(await refused('datum-typ.yaml')).toEqual([
      `${at('datum-typ.yaml')}, rad 12, kolumn 31: dates[1].kind: "förfallodag" är inte tillåtet här; tillåtet är due, latest-due, deferral-request, invoice, payment eller deadline.`,
    ]);
    expect(await refused('datum-typ.yaml', 'en')).toEqual([
      `${at('datum-typ.yaml')}, line 12, column 31: dates[1].kind: "förfallodag" is not allowed here; allowed: due, latest-due, deferral-request, invoice, payment or deadline.`,
    ]);
  });

  it('a due date given twice is refused at the second, naming the first', async () => {
    expect(await refused('datum-dubbla.yaml')).toEqual([
      `${at('datum-dubbla.yaml')}, rad 14, kolumn 31: dates[2].kind: schemat har redan ett datum av typen due (dates[0], rad 12); dokumenten visar bara ett`,
      `${at('datum-dubbla.yaml')}, rad 17, kolumn 8: notes.use: anteckningen är tom`,
    ]);
    expect(await refused('datum-dubbla.yaml', 'en')).toEqual([
      `${at('datum-dubbla.yaml')}, line 14, column 31: dates[2].kind: the scheme already has a date of kind due (dates[0], line 12); the documents show only one`,
      `${at('datum-dubbla.yaml')}, line 17, column 8: notes.use: the note is empty`,
    ]);
    const hints = inputError(() => parseSchemeFile(readFileSync(at('datum-dubbla.yaml'), 'utf8'), 'x.yaml')).problems.map((p) => p.hint?.en);
    expect(hints).toEqual(['Give further payment dates (instalments) with kind: payment.', 'Write the text, or remove the key.']);
  });

  it('the latest payment date needs a due date beside it', () => {
    const e = inputError(() => parseSchemeFile(bas('dates:\n  - { date: 2023-03-31, kind: latest-due, label: Senast }\nnotes:\n  invoicing: Regionen fakturerar.\n'), 'bas.yaml'));
    expect(lines(e.problems)).toEqual(['bas.yaml, rad 25, kolumn 31: dates[0].kind: latest-due (senaste betalningsdag efter senareläggande) kräver en förfallodag, ett datum med kind: due']);
    expect(lines(e.problems, 'en')).toEqual(['bas.yaml, line 25, column 31: dates[0].kind: latest-due (the latest payment date after a deferral) needs a due date, a date with kind: due']);
  });
});

describe('notes', () => {
  it('a payment date without notes.invoicing, and a note under a key the documents do not know', async () => {
    expect(await refused('betalning-utan-anvisning.yaml')).toEqual([
      `${at('betalning-utan-anvisning.yaml')}, rad 13, kolumn 31: dates[1].kind: en betalningsdag (due) kräver notes.invoicing, som säger hur parterna betalar; breven skriver ut dem tillsammans`,
      `${at('betalning-utan-anvisning.yaml')}, rad 15, kolumn 3: notes.invoice: ingen anteckning som dokumenten känner till (menar du invoicing?)`,
    ]);
    expect(await refused('betalning-utan-anvisning.yaml', 'en')).toEqual([
      `${at('betalning-utan-anvisning.yaml')}, line 13, column 31: dates[1].kind: a payment date (due) needs notes.invoicing, which says how the parties pay; the letters print them together`,
      `${at('betalning-utan-anvisning.yaml')}, line 15, column 3: notes.invoice: not a note the documents know (did you mean invoicing?)`,
    ]);
    const [invoicing, unknown] = inputError(() => parseSchemeFile(readFileSync(at('betalning-utan-anvisning.yaml'), 'utf8'), 'x.yaml')).problems;
    expect(invoicing!.hint).toEqual({ sv: 'Skriv under notes: invoicing: vem som fakturerar, och hur och när parterna betalar.', en: 'Write under notes: invoicing: who invoices, and how and when the parties pay.' });
    expect(unknown!.hint?.en).toBe(`The notes are ${NOTE_KEYS.join(', ')}; the README's section "Describing your own scheme" says where the documents print each.`);
  });

  it('a fund note without notes.invoicing is refused at the fund note', () => {
    const e = inputError(() => parseSchemeFile(bas('notes:\n  fund: Pengarna förvaltas av regionen.\n'), 'bas.yaml'));
    expect(lines(e.problems)).toEqual(['bas.yaml, rad 25, kolumn 3: notes.fund kräver notes.invoicing, som säger hur parterna betalar; breven skriver ut dem tillsammans']);
    expect(lines(e.problems, 'en')).toEqual(['bas.yaml, line 25, column 3: notes.fund needs notes.invoicing, which says how the parties pay; the letters print them together']);
  });

  it('a key far from every known one gets no guess', () => {
    const e = inputError(() => parseSchemeFile(bas('notes:\n  fakturering: Regionen fakturerar.\n'), 'bas.yaml'));
    expect(lines(e.problems)).toEqual(['bas.yaml, rad 25, kolumn 3: notes.fakturering: ingen anteckning som dokumenten känner till']);
  });

  it('a definition built in code is checked alike, without lines', () => {
    const def = parseSchemeFile(bas(''), 'bas.yaml');
    const problems = checkSchemeDefinition({ ...def, notes: { fund: 'Fonden.', licens: 'Licensen.' } as typeof def.notes }, { file: 'per-capita' });
    expect(lines(problems, 'en')).toEqual([
      'per-capita: notes.licens: not a note the documents know (did you mean licence?)',
      'per-capita: notes.fund needs notes.invoicing, which says how the parties pay; the letters print them together',
    ]);
  });
});

describe('the shipped schemes', () => {
  it('use only declared note keys and date kinds, and keep their notes in the order of the file', async () => {
    const vgr = (await loadScheme('vgr-2022')).model;
    const sthlm = (await loadScheme('sthlm-2020', { overrides: { 'licence.total': '1000000' } })).model;
    expect(Object.keys(vgr.notes)).toEqual(['invoicing', 'fund', 'contract', 'selfSustaining', 'use']);
    expect(Object.keys(sthlm.notes)).toEqual(['licence', 'helpdesk', 'notice', 'procurement']);
    expect(vgr.dates.map((d) => d.kind)).toEqual(['deferral-request', 'deadline', 'deadline', 'due', 'latest-due']);
    for (const m of [vgr, sthlm]) {
      for (const k of Object.keys(m.notes)) expect(NOTE_KEYS).toContain(k);
      for (const d of m.dates) expect(DATE_KINDS).toContain(d.kind);
    }
  });
});
