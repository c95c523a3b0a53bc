// The sender file and the recipient register as andel invoice reads them:
// the shipped examples, and every problem of a bad file at its line, at once.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadInvoiceSender, parseInvoiceSender } from '../../../data/invoicing/sender.js';
import { loadRecipients, parseRecipients } from '../../../data/letters/recipients.js';
import { loadSender } from '../../../data/letters/sender.js';
import { dataPath } from '../../../data/project-root.js';
import { InputError } from '../../../models/errors.js';
import { checkBankgiro, checkOrgNumber, luhnValid } from '../../../models/invoicing/identifiers.js';

const SENDER = dataPath('invoicing', 'avsandare-exempel.yaml');
const RECIPIENTS = dataPath('invoicing', 'mottagare-exempel.csv');

function problemsOf(fn: () => unknown): { line?: number; column?: number | string; sv: string }[] {
  try {
    fn();
  } catch (error) {
    if (error instanceof InputError) return error.problems.map((p) => ({ ...(p.line !== undefined ? { line: p.line } : {}), ...(p.column !== undefined ? { column: p.column } : {}), sv: p.message.sv }));
    throw error;
  }
  throw new Error('no error');
}

describe('the example sender file', () => {
  it('is marked as example data, in a comment and a field', () => {
    const text = readFileSync(SENDER, 'utf8');
    expect(text.split('\n')[0]).toMatch(/^# exempeldata: /);
    expect(text).toContain('PÅHITTADE');
    expect(loadInvoiceSender(SENDER).example).toBe(true);
  });

  it('gives the seller, the series, the OCR option and the VAT statement', () => {
    const s = loadInvoiceSender(SENDER);
    expect(s.part).toBe('14');
    expect(s.seller).toEqual({
      name: 'Västra Götalandsregionen',
      orgNumber: '2399001409',
      peppolId: '0007:2399001409',
      address: { lines: ['Regionens Hus'], postcode: '462 80', city: 'Vänersborg', country: 'SE' },
      contact: { name: 'Kim Exempel', phone: '010-000 00 00', email: 'kim.exempel@exempel.example' },
    });
    expect(s.series).toEqual({ prefix: 'EX2022-', start: 1001 });
    expect(s.ocr).toEqual({ lengthDigit: true });
    expect(s.vat.category).toBe('O');
    expect(s.bankgiro).toBe('50501055');
    expect(s.issueDate).toBe('2022-09-01');
    expect(s.sellerReference).toBe('EXEMPEL-2022-00001');
  });

  it('serves the letters too', () => {
    expect(loadSender(SENDER).organisation).toBe('Västra Götalandsregionen');
  });
});

describe('the example recipient register', () => {
  it('holds the 49 municipalities with invented, checksum-valid organisation numbers and a buyer reference each', () => {
    const r = loadRecipients(RECIPIENTS, RECIPIENTS, { invoicing: true });
    expect(r.example).toBe(true);
    expect(r.recipients.size).toBe(49);
    expect(r.recipients.has('14')).toBe(false);
    for (const b of r.recipients.values()) {
      expect(b.name).toMatch(/ kommun$/);
      expect(luhnValid(b.orgNumber!)).toBe(true);
      expect(b.orgNumber!.startsWith('2199')).toBe(true);
      expect(b.reference).toBe(`EX${b.code}`);
    }
    expect(r.recipients.get('1480')?.name).toBe('Göteborgs kommun');
    expect(readFileSync(RECIPIENTS, 'utf8').split('\n')[0]).toMatch(/^# exempeldata: .*PÅHITTADE/);
  });

  it('names the same municipalities as the population file of vgr-2022', () => {
    const pop = readFileSync(dataPath('populations', 'vastra-gotaland-2021.csv'), 'utf8').split('\n').flatMap((l) => (/^14\d\d,/.test(l) ? [l.slice(0, 4)] : []));
    const r = loadRecipients(RECIPIENTS, RECIPIENTS, { invoicing: true });
    expect([...r.recipients.keys()].sort()).toEqual(pop.sort());
  });
});

const GOOD_SENDER = readFileSync(SENDER, 'utf8');

describe('a bad sender file', () => {
  it('is refused with every problem at its line: check digits, giro, VAT, dates', () => {
    const text = GOOD_SENDER.replace('organisationsnummer: 239900-1409', 'organisationsnummer: 239900-1408')
      .replace('bankgiro: 5050-1055', 'bankgiro: 5050-1056')
      .replace('fakturadatum: 2022-09-01', 'fakturadatum: 2022-02-30')
      .replace(/ {4}skäl: .*\n/, '');
    const lineOf = (s: string) => text.split('\n').findIndex((l) => l.includes(s)) + 1;
    const problems = problemsOf(() => parseInvoiceSender(text, 'a.yaml'));
    expect(problems).toEqual(
      expect.arrayContaining([
        { line: lineOf('organisationsnummer: 239900-1408'), column: 22, sv: expect.stringContaining('organisationsnummer: kontrollsiffran i organisationsnumret 2399001408 stämmer inte: med de övriga siffrorna ska den sista vara 9') },
        { line: lineOf('bankgiro: 5050-1056'), column: 13, sv: expect.stringContaining('ska den sista vara 5') },
        { line: lineOf('fakturadatum: 2022-02-30'), column: 17, sv: expect.stringContaining('är inget datum') },
        { line: lineOf('kategori: O'), column: 5, sv: expect.stringContaining('kategori O kräver skäl') },
      ]),
    );
    expect(problems).toHaveLength(4);
  });

  it('needs a bankgiro or plusgiro, a series and a VAT category', () => {
    const problems = problemsOf(() => parseInvoiceSender('organisation: X\norganisationsnummer: 2120001355\nfaktura:\n  ocr: { längdsiffra: false }\n', 'b.yaml'));
    const text = problems.map((p) => p.sv).join('\n');
    expect(text).toContain('bankgiro eller plusgiro');
    expect(text).toContain('faktura.nummerserie');
    expect(text).toContain('faktura.moms');
  });

  it('accepts a plusgiro, an organisation number without hyphen and a VAT number that is its own', () => {
    const s = parseInvoiceSender(
      'organisation: X\norganisationsnummer: "2120001355"\nmomsregistreringsnummer: SE212000135501\nbetalning: { plusgiro: 4-2 }\nfaktura:\n  nummerserie: { start: 1 }\n  moms: { kategori: S, sats: 25 }\n',
      'c.yaml',
    );
    expect(s.seller.vatNumber).toBe('SE212000135501');
    expect(s.plusgiro).toBe('42');
    expect(s.series).toEqual({ prefix: '', start: 1 });
    expect(s.ocr).toEqual({ lengthDigit: false });
    expect(s.example).toBe(false);
  });

  it('refuses a VAT number of another organisation, and VAT without a rate', () => {
    const problems = problemsOf(() =>
      parseInvoiceSender('organisation: X\norganisationsnummer: 2120001355\nmomsregistreringsnummer: SE232100013101\nbetalning: { bankgiro: 5050-1055 }\nfaktura:\n  nummerserie: { start: 1 }\n  moms: { kategori: S }\n', 'd.yaml'),
    );
    expect(problems.map((p) => [p.line, p.sv])).toEqual([
      [3, expect.stringContaining('hör till organisationsnummer 232100-0131, inte 212000-1355')],
      [7, expect.stringContaining('kategori S (moms) kräver sats')],
    ]);
  });
});

describe('a bad recipient register', () => {
  it('is refused with every problem at its line: check digit, missing reference, duplicate code, bad Peppol id', () => {
    const good = (code: string) => {
      const body = `2199${code}0`;
      const ok = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9].map((d) => body + d).find((d) => checkOrgNumber(d).ok)!;
      return ok;
    };
    const text = [
      '# exempeldata: test',
      'kod;namn;organisationsnummer;peppol;referens',
      `1401;Härryda kommun;${good('1401').slice(0, 9)}${(Number(good('1401')[9]) + 1) % 10};;R1`,
      `1402;Partille kommun;${good('1402')};;`,
      `1401;Härryda igen;${good('1401')};;R3`,
      `1407;Öckerö kommun;${good('1407')};0007:12;R4`,
      `1415;Stenungsunds kommun;;;R5`,
    ].join('\n');
    const problems = problemsOf(() => parseRecipients(text, 'm.csv', { invoicing: true }));
    expect(problems.map((p) => [p.line, p.column, p.sv.split(':')[0]])).toEqual([
      [3, 3, expect.stringContaining('kontrollsiffran i organisationsnumret')],
      [4, 5, 'köparens referens saknas'],
      [5, 1, 'koden 1401 förekommer redan på rad 3'],
      [6, 4, expect.stringContaining('är inget organisationsnummer')],
      [7, 3, 'organisationsnumret saknas'],
    ]);
  });

  it('names the missing columns when the register has none for invoices', () => {
    const problems = problemsOf(() => parseRecipients('kod;namn\n1401;Härryda kommun\n', 'm.csv', { invoicing: true }));
    expect(problems).toEqual([
      { line: 2, column: 'organisationsnummer', sv: expect.stringContaining('organisationsnumret saknas') },
      { line: 2, column: 'referens', sv: expect.stringContaining('köparens referens saknas') },
    ]);
  });

  it('leaves the letters’ register as it was: organisation number and reference optional', () => {
    const r = parseRecipients('kod;namn\n1401;Härryda kommun\n', 'm.csv');
    expect(r.recipients.get('1401')).toEqual({ code: '1401', name: 'Härryda kommun', address: [], line: 2 });
  });

  it('bankgiro check names the expected digit (the example sender’s number is valid)', () => {
    expect(checkBankgiro('5050-1055').ok).toBe(true);
  });
});
