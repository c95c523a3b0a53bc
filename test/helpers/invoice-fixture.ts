// A hand-built invoice for the invoice PDF's tests: Västra Götalandsregionen
// invoices Göteborg its share of vgr-2022. The amount is never written here:
// it is Göteborg's amount in the scheme's evaluation, so the invoice states
// what the allocation says. The OCR reference carries a Luhn check digit
// computed here (the invoicing core has its own; this one only has to be
// right for the fixture).
import { loadScheme } from '../../data/load-scheme.js';
import { evaluateScheme, type SchemeResult } from '../../models/evaluate.js';
import type { Invoice } from '../../models/invoicing/invoice.js';
import { reportContext, reportDate } from '../../pipeline/index.js';
import type { ReportContext } from '../../reports/views/report-document.js';

/** The Luhn (modulus 10) check digit of a string of digits. */
export function luhnCheckDigit(digits: string): string {
  let sum = 0;
  [...digits].reverse().forEach((c, i) => {
    const d = Number(c) * (i % 2 === 0 ? 2 : 1);
    sum += d > 9 ? d - 9 : d;
  });
  return String((10 - (sum % 10)) % 10);
}

/** vgr-2022 as `andel report` loads it, evaluated, with its report context. */
export async function vgrContext(): Promise<{ ctx: ReportContext; result: SchemeResult; model: SchemeResult['scheme'] }> {
  const loaded = await loadScheme('vgr-2022');
  const result = evaluateScheme(loaded.model);
  const ctx = reportContext(loaded, result, { date: reportDate(undefined, loaded) });
  return { ctx, result, model: loaded.model };
}

/** Göteborg's invoice of vgr-2022, one line, outside the scope of VAT, paid to bankgiro 5050-1055. */
export function goteborgInvoice(result: SchemeResult, options: { example?: boolean; number?: string } = {}): Invoice {
  const party = result.parties.find((p) => p.party.code === '1480');
  if (party === undefined) throw new Error('vgr-2022 has no party 1480');
  const number = options.number ?? '2022-0015';
  const ocrBase = number.replace(/\D/g, '');
  return {
    number,
    issueDate: '2022-12-01',
    dueDate: '2022-12-31',
    currency: 'SEK',
    seller: {
      name: 'Västra Götalandsregionen',
      orgNumber: '2321000131',
      vatNumber: 'SE232100013101',
      peppolId: '0007:2321000131',
      address: { lines: ['Regionens Hus', 'Box 1091'], postcode: '405 23', city: 'Göteborg', country: 'SE' },
      contact: { name: 'Eva Exempelsson', phone: '010-441 00 00', email: 'faktura@vgregion.example' },
    },
    buyer: {
      code: '1480',
      name: 'Göteborgs kommun',
      orgNumber: '2120001355',
      peppolId: '0007:2120001355',
      address: { lines: ['Stadsledningskontoret', 'Box 2554'], postcode: '403 17', city: 'Göteborg', country: 'SE' },
    },
    buyerReference: 'GBG-4711',
    sellerReference: 'RS 2022-00123',
    lines: [{ id: '1', description: 'Samverkansavtal digitala hjälpmedel – gemensam investering 2022, 10 kr per invånare', component: party.explanations[0]?.component ?? 'investment', amount: party.amount }],
    netTotal: party.amount,
    vat: { category: 'O', exemptionReason: 'Kostnadsfördelning mellan offentliga parter enligt samverkansavtal; ingen omsättning i mervärdesskattelagens mening.', amount: 0 },
    payable: party.amount,
    payment: { meansCode: '30', bankgiro: '50501055', ocr: `${ocrBase}${luhnCheckDigit(ocrBase)}` },
    scheme: { id: result.scheme.id, title: result.scheme.title },
    example: options.example ?? false,
  };
}
