// Building the invoices from an allocation: who is invoiced, the numbers, the
// lines, the sums, the dates, and every register problem at once.
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadInvoiceSender, parseInvoiceSender } from '../../../data/invoicing/sender.js';
import { loadRecipients, parseRecipients } from '../../../data/letters/recipients.js';
import { loadScheme } from '../../../data/load-scheme.js';
import { dataPath } from '../../../data/project-root.js';
import { type SchemeResult, evaluateScheme } from '../../../models/evaluate.js';
import { InputError } from '../../../models/errors.js';
import { type InvoiceBuyers, type InvoiceIssuer, buildInvoices, invoiceDates, vatAmount } from '../../../models/invoicing/build.js';
import { luhnCheckDigit, luhnValid } from '../../../models/invoicing/identifiers.js';
import { ocrValid } from '../../../models/invoicing/ocr.js';
import { Dec, sumOre } from '../../../models/money.js';
import type { SchemeModel } from '../../../models/scheme.js';

const SENDER = dataPath('invoicing', 'avsandare-exempel.yaml');
const RECIPIENTS = dataPath('invoicing', 'mottagare-exempel.csv');

/** An invented, checksum-valid organisation number for a party code. */
const orgFor = (code: string) => {
  const body = `2199${code.padStart(4, '0')}0`;
  return `${body}${luhnCheckDigit(body)}`;
};

/** A register for every party of a scheme but `skip`. */
function registerFor(result: SchemeResult, skip: string): InvoiceBuyers {
  const csv = ['kod;namn;organisationsnummer;referens', ...result.parties.filter((p) => p.party.code !== skip).map((p) => `${p.party.code};${p.party.name};${orgFor(p.party.code)};REF${p.party.code}`)].join('\n');
  return parseRecipients(csv, 'm.csv', { invoicing: true });
}

describe('vgr-2022 with the example files', () => {
  let result: SchemeResult;
  let issuer: InvoiceIssuer;
  let buyers: InvoiceBuyers;
  beforeAll(async () => {
    result = evaluateScheme((await loadScheme('vgr-2022')).model);
    issuer = loadInvoiceSender(SENDER);
    buyers = loadRecipients(RECIPIENTS, RECIPIENTS, { invoicing: true });
  });
  const build = (parties: readonly string[] | 'all' = 'all') => buildInvoices({ result, issuer, buyers, parties, ...invoiceDates(result.scheme, issuer, undefined) });

  it('invoices the 49 municipalities, not the region that sends them', () => {
    const invoices = build();
    expect(invoices).toHaveLength(49);
    expect(invoices.map((i) => i.buyer.code)).not.toContain('14');
    expect(invoices.every((i) => i.seller.name === 'Västra Götalandsregionen')).toBe(true);
  });

  it('sums to the allocation total less the region’s own part', () => {
    const invoices = build();
    const region = result.parties.find((p) => p.party.code === '14')!.amount;
    expect(result.total).toBe(3_489_718_000);
    expect(sumOre(invoices.map((i) => i.payable))).toBe(result.total - region);
    for (const inv of invoices) {
      expect(inv.payable).toBe(result.parties.find((p) => p.party.code === inv.buyer.code)!.amount);
      expect(sumOre(inv.lines.map((l) => l.amount))).toBe(inv.netTotal);
    }
  });

  it('numbers the invoices in party-code order from the series start', () => {
    const invoices = build();
    const codes = invoices.map((i) => i.buyer.code);
    expect(codes).toEqual([...codes].sort());
    expect(invoices.map((i) => i.number)).toEqual(invoices.map((_, k) => `EX2022-${1001 + k}`));
    expect(invoices[0]!.buyer.code).toBe('1401');
  });

  it('gives a party the same number and OCR alone as in the whole batch', () => {
    const all = build();
    const one = build(['1480']);
    expect(one).toHaveLength(1);
    expect(one[0]).toEqual(all.find((i) => i.buyer.code === '1480'));
  });

  it('gives every invoice a valid OCR with the length digit the sender chose, all different', () => {
    const invoices = build();
    for (const inv of invoices) {
      expect(ocrValid(inv.payment.ocr, { lengthDigit: true })).toBe(true);
      expect(luhnValid(inv.payment.ocr)).toBe(true);
    }
    expect(new Set(invoices.map((i) => i.payment.ocr)).size).toBe(49);
  });

  it('takes the due date from the scheme and the issue date from the sender file, or --date', () => {
    expect(invoiceDates(result.scheme, issuer, undefined)).toEqual({ issueDate: '2022-09-01', dueDate: '2022-12-31' });
    expect(invoiceDates(result.scheme, issuer, '2022-10-03')).toEqual({ issueDate: '2022-10-03', dueDate: '2022-12-31' });
    expect(() => invoiceDates(result.scheme, issuer, '2023-01-15')).toThrow(/förfallodagen 2022-12-31 ligger före fakturadatumet 2023-01-15/);
    const { issueDate: _drop, ...noDate } = issuer;
    expect(() => invoiceDates(result.scheme, noDate, undefined)).toThrow(/fakturadatum/);
    const noDue = { dates: result.scheme.dates.filter((d) => d.kind !== 'due') };
    expect(invoiceDates(noDue, issuer, undefined)).toEqual({ issueDate: '2022-09-01', dueDate: '2022-10-01' });
    expect(invoiceDates({ dates: [{ date: '2022-09-15', kind: 'invoice', label: 'Fakturering' }] }, { file: 's.yaml', paymentDays: 30 }, undefined)).toEqual({ issueDate: '2022-09-15', dueDate: '2022-10-15' });
  });

  it('carries the VAT statement, the payment and the example flag', () => {
    const inv = build(['1401'])[0]!;
    expect(inv.vat).toEqual({ category: 'O', exemptionReason: expect.stringContaining('utanför mervärdesskattens tillämpningsområde'), amount: 0 });
    expect(inv.seller.vatNumber).toBeUndefined();
    expect(inv.payment).toMatchObject({ meansCode: '30', bankgiro: '50501055' });
    expect(inv.buyer).toMatchObject({ code: '1401', name: 'Härryda kommun', peppolId: `0007:${inv.buyer.orgNumber}` });
    expect(inv.buyerReference).toBe('EX1401');
    expect(inv.lines).toEqual([{ id: '1', description: 'Gemensam investering', component: 'investering', year: 2022, amount: inv.payable }]);
    expect(inv.example).toBe(true);
  });

  it('is deterministic', () => {
    expect(JSON.stringify(build())).toBe(JSON.stringify(build()));
  });

  it('reports every register problem against the scheme at once, at its line', () => {
    const text = '# register\nkod;namn;organisationsnummer;referens\n1401;Härryda kommun;' + orgFor('1401') + ';R\n9999;Ingen kommun;' + orgFor('9999') + ';R\n';
    const partial = parseRecipients(text, 'm.csv', { invoicing: true });
    try {
      buildInvoices({ result, issuer, buyers: partial, parties: 'all', issueDate: '2022-09-01', dueDate: '2022-12-31' });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(InputError);
      const problems = (error as InputError).problems;
      expect(problems.find((p) => p.line === 4)?.message.sv).toBe('koden 9999 är ingen part i vgr-2022');
      // The other 48 municipalities are missing.
      expect(problems.filter((p) => p.message.sv.includes('saknas i mottagarregistret'))).toHaveLength(48);
    }
  });

  it('refuses --party codes that are no party, or the sender itself', () => {
    expect(() => build(['1480', '0000'])).toThrow(/0000 är ingen part i vgr-2022/);
    expect(() => build(['14'])).toThrow(/14 är avsändaren själv/);
  });

  it('finds the sender’s party by its organisation number when the file gives no part', () => {
    const { part: _p, partAt: _a, ...withoutPart } = issuer;
    const register = registerFor(result, 'none');
    const region = { ...withoutPart, seller: { ...issuer.seller, orgNumber: orgFor('14') } };
    const invoices = buildInvoices({ result, issuer: region, buyers: register, parties: 'all', issueDate: '2022-09-01', dueDate: '2022-12-31' });
    expect(invoices).toHaveLength(49);
    // Without a part and with an organisation number of no party, the region is invoiced too.
    const outsider = buildInvoices({ result, issuer: withoutPart, buyers: register, parties: 'all', issueDate: '2022-09-01', dueDate: '2022-12-31' });
    expect(outsider).toHaveLength(50);
    expect(sumOre(outsider.map((i) => i.payable))).toBe(result.total);
  });

  it('refuses a part that is no party of the scheme, at its line in the sender file', () => {
    const bad = { ...issuer, part: '99', partAt: { line: 14, column: 7 } };
    expect(() => buildInvoices({ result, issuer: bad, buyers, parties: 'all', issueDate: '2022-09-01', dueDate: '2022-12-31' })).toThrow(/rad 14.*part: 99 är ingen part i vgr-2022/s);
  });

  it('the invoices sum to the total less the sender’s part at any rate (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 100_000 }), fc.constantFrom('14', '1480', '1401'), (centsPerInhabitant, self) => {
        const c = result.scheme.components[0]!;
        const model: SchemeModel = { ...result.scheme, components: [{ ...c, rate: new Dec(centsPerInhabitant).dividedBy(100) } as typeof c] };
        const r = evaluateScheme(model);
        const invoices = buildInvoices({ result: r, issuer: { ...issuer, part: self }, buyers: registerFor(r, 'none'), parties: 'all', issueDate: '2022-09-01', dueDate: '2022-12-31' });
        const own = r.parties.find((p) => p.party.code === self)!.amount;
        expect(sumOre(invoices.map((i) => i.payable))).toBe(r.total - own);
        expect(invoices.map((i) => i.number)).toEqual(invoices.map((_, k) => `EX2022-${1001 + k}`));
      }),
      { seed: 16_005, numRuns: 60 },
    );
  });
});

describe('a scheme paid over several years (sthlm-2020)', () => {
  it('gives a line per component and year, summing to the party’s amount', async () => {
    const result = evaluateScheme((await loadScheme('sthlm-2020', { overrides: { 'licence.total': '1500000' } })).model);
    const region = result.parties.find((p) => p.party.kind === 'region')!.party.code;
    const issuer = { ...parseInvoiceSender(SENDER_TEXT, 's.yaml'), part: region };
    const invoices = buildInvoices({ result, issuer, buyers: registerFor(result, region), parties: 'all', issueDate: '2022-09-01', dueDate: '2022-12-31' });
    expect(invoices.length).toBe(result.parties.filter((p) => p.party.code !== region && p.amount > 0).length);
    const first = invoices[0]!;
    const party = result.parties.find((p) => p.party.code === first.buyer.code)!;
    const years = new Set(first.lines.map((l) => l.year));
    expect(years.size).toBeGreaterThan(1);
    expect(first.lines.map((l) => l.id)).toEqual(first.lines.map((_, k) => String(k + 1)));
    for (const l of first.lines) expect(l.description).toMatch(new RegExp(`, ${l.year}$`));
    expect(sumOre(first.lines.map((l) => l.amount))).toBe(party.amount);
  });
});

describe('VAT at a rate', () => {
  it('rounds half up to the öre', () => {
    expect(vatAmount(10_001, new Dec(25))).toBe(2_500);
    expect(vatAmount(10_002, new Dec(25))).toBe(2_501);
    expect(vatAmount(1_234_567, new Dec(12))).toBe(148_148);
  });

  it('adds it to the payable amount when the sender is VAT-registered', async () => {
    const result = evaluateScheme((await loadScheme('vgr-2022')).model);
    const text = SENDER_TEXT.replace(/moms:\n {4}kategori: O\n {4}skäl: .*\n/, 'moms:\n    kategori: S\n    sats: 25\n').replace('organisationsnummer: 239900-1409', 'organisationsnummer: 239900-1409\nmomsregistreringsnummer: SE239900140901');
    const issuer = parseInvoiceSender(text, 's.yaml');
    const inv = buildInvoices({ result, issuer, buyers: registerFor(result, '14'), parties: ['1480'], issueDate: '2022-09-01', dueDate: '2022-12-31' })[0]!;
    expect(inv.vat.category).toBe('S');
    expect(inv.vat.amount).toBe(vatAmount(inv.netTotal, new Dec(25)));
    expect(inv.payable).toBe(inv.netTotal + inv.vat.amount);
    expect(inv.seller.vatNumber).toBe('SE239900140901');
  });
});

const SENDER_TEXT = `exempel: true
organisation: Region Exempel
part: "14"
adress:
  - Box 1
  - 462 80 Vänersborg
organisationsnummer: 239900-1409
betalning:
  bankgiro: 5050-1055
faktura:
  nummerserie:
    prefix: EX2022-
    start: 1001
  ocr:
    längdsiffra: true
  moms:
    kategori: O
    skäl: Kostnadsdelning mellan offentliga parter.
  fakturadatum: 2022-09-01
`;
