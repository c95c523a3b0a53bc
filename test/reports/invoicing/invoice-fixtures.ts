// Hand-built invoices for the UBL tests: a region outside the scope of VAT
// (category O) paid by bankgiro, and a VAT-registered sender (category S,
// 25 %) paid by plusgiro, or both. Organisation, bankgiro, plusgiro and OCR
// numbers all pass their Luhn check digits.
import type { Invoice, InvoiceLine } from '../../../models/invoicing/invoice.js';
import { Dec } from '../../../models/money.js';

export const SELLER = {
  name: 'Västra Götalandsregionen',
  orgNumber: '2321000131',
  peppolId: '0007:2321000131',
  address: { lines: ['Regionens hus', 'Box 1091'], postcode: '405 23', city: 'Göteborg', country: 'SE' as const },
  contact: { name: 'Ekonomienheten', phone: '010-441 00 00', email: 'ekonomi@example.se' },
};

export const BUYER = {
  code: '1480',
  name: 'Göteborgs kommun',
  orgNumber: '2120001355',
  peppolId: '0007:2120001355',
  address: { lines: ['Box 1', 'Stadshuset', 'Gustaf Adolfs torg 4A'], postcode: '404 82', city: 'Göteborg', country: 'SE' as const },
};

export function lines(amounts: readonly number[]): InvoiceLine[] {
  return amounts.map((amount, i) => ({
    id: String(i + 1),
    description: `Digitala hjälpmedel ${2022 + i}`,
    component: 'hjalpmedel',
    year: 2022 + i,
    amount,
  }));
}

/** Category O: not subject to VAT, the seller without a VAT number, paid by bankgiro. */
export function invoiceO(amounts: readonly number[] = [587_229_60, 12_345]): Invoice {
  const ls = lines(amounts);
  const net = ls.reduce((s, l) => s + l.amount, 0);
  return {
    number: '2022-0001',
    issueDate: '2022-11-15',
    dueDate: '2022-12-31',
    currency: 'SEK',
    seller: SELLER,
    buyer: BUYER,
    buyerReference: 'ABC123',
    sellerReference: 'RS 2022-01234',
    lines: ls,
    netTotal: net,
    vat: { category: 'O', exemptionReason: 'Kostnadsfördelning mellan offentliga huvudmän, utanför momsens tillämpningsområde', amount: 0 },
    payable: net,
    payment: { meansCode: '30', bankgiro: '50501055', ocr: '12345678903' },
    note: 'Enligt samverkansavtalet, 10 kr per invånare.',
    scheme: { id: 'vgr-2022', title: 'Samverkansavtal digitala hjälpmedel' },
    example: false,
  };
}

/** Category S at 25 %: both parties VAT-registered, paid by plusgiro (and bankgiro when `both`). */
export function invoiceS(amounts: readonly number[] = [100_000_00, 33_33], both = false): Invoice {
  const base = invoiceO(amounts);
  const vat = Math.round((base.netTotal * 25) / 100); // exact for these fixtures: checked in the tests
  return {
    ...base,
    number: '2022-0002',
    seller: { ...SELLER, vatNumber: 'SE232100013101' },
    buyer: { ...BUYER, vatNumber: 'SE212000135501' },
    vat: { category: 'S', rate: new Dec(25), amount: vat },
    payable: base.netTotal + vat,
    payment: { meansCode: '30', plusgiro: '9020900', ...(both ? { bankgiro: '50501055' } : {}), ocr: '1000000123' },
    example: true,
  };
}

/** Category E: exempt from VAT, the seller VAT-registered (BR-E-02), paid by bankgiro. */
export function invoiceE(amounts: readonly number[] = [45_000_00]): Invoice {
  const base = invoiceO(amounts);
  return {
    ...base,
    number: '2022-0003',
    seller: { ...SELLER, vatNumber: 'SE232100013101' },
    vat: { category: 'E', exemptionReason: 'Undantagen från skatteplikt enligt 3 kap. mervärdesskattelagen', amount: 0 },
  };
}
