// The letters' view models: one per party, the amount and how it was made
// from the model's own explanation, payment dates from the scheme.
import { describe, expect, it } from 'vitest';
import { InputError } from '../../../models/errors.js';
import { letterDocument, letterDocuments, letterNotes, selectParties } from '../../../reports/views/letter.js';
import { overviewDocument } from '../../../reports/views/overview.js';
import { STHLM_MAX_LICENCE, contextOf, htmlOf, htmlText, plain, resultOf, textOf } from './helpers.js';

describe('letters of vgr-2022', async () => {
  const { loaded, result } = await resultOf('vgr-2022');
  const ctx = contextOf(loaded, result);

  it('writes one letter per party by default, named by code and name', () => {
    const docs = letterDocuments(ctx);
    expect(docs).toHaveLength(50);
    expect(docs.map((d) => d.fileName)).toContain('brev/1480-goteborg.pdf');
    expect(docs.map((d) => d.fileName)).toContain('brev/14-vastra-gotalandsregionen.pdf');
    expect(docs.map((d) => d.fileName)).toContain('brev/1484-lysekil.pdf');
    expect(new Set(docs.map((d) => d.fileName)).size).toBe(50);
  });

  it("prints each party's share as the overview's share column does (largest remainder, the column sums to 100,00 %)", () => {
    const table = overviewDocument(ctx).viewModel.blocks.find((b) => b.type === 'table' && b.caption === 'Belopp per part');
    if (table?.type !== 'table') throw new Error('no table');
    const column = new Map(table.rows.map((r) => [r.cells[0], r.cells[4]]));
    const letters = letterDocuments(ctx);
    for (const letter of letters) {
      const code = letter.fileName.replace(/^brev\/(\d+)-.*$/, '$1');
      expect(textOf(letter), code).toContain(`Andel av totalen\n${plain(column.get(code) ?? 'saknas')}`);
    }
    const sum = [...column.values()].reduce((s, v) => s + Number(v!.replace(/\u00a0%$/, '').replace(',', '.')) * 100, 0);
    expect(Math.round(sum)).toBe(10_000);
  });

  describe('to Göteborg', () => {
    const doc = letterDocument(ctx, '1480');
    const text = textOf(doc);

    it('shows the amount once and how it was computed: 587 549 inhabitants × 10 kr', () => {
      const head = doc.viewModel.blocks[0];
      expect(head?.type === 'letterhead' && head.recipient).toEqual(['Göteborg (kommun)']);
      expect(head?.type === 'letterhead' && head.sender.name).toBe('Västra Götalandsregionen');
      expect(text).toContain('Ert belopp\n5 875 490 kr');
      expect(text.split('Ert belopp').length - 1).toBe(1);
      expect(text).toContain('587 549 invånare × 10 kr = 5 875 490 kr.');
      expect(text).toContain('Belopp per invånare\n10 kr');
    });

    it('gives the payment instructions and dates from the scheme', () => {
      expect(text).toContain('Västra Götalandsregionen ställer ut fakturan');
      const payment = doc.viewModel.blocks.find((b) => b.type === 'payment');
      expect(payment?.type === 'payment' && payment.facts).toEqual([
        { label: 'Sista anmälningsdag', value: '31 augusti 2022: Sista dag att anmäla andra fakturauppgifter eller senare inbetalningsdatum (webbformulär)' },
        { label: 'Förfallodag', value: '31 december 2022: Inbetalningen ska vara Västra Götalandsregionen tillhanda' },
        { label: 'Senaste inbetalningsdag', value: '31 mars 2023: Senaste möjliga inbetalningsdatum efter anmält senareläggande' },
      ]);
      // The form has no address in the scheme: the reader is told whom to contact instead.
      expect(text).toContain('Vill ni anmäla andra fakturauppgifter eller ett senare inbetalningsdatum, kontakta Västra Götalandsregionen.');
    });

    it('places Göteborg among the 49 municipalities in a small chart', () => {
      const trace = doc.charts['placering']?.data[0] as { y: number[]; marker: { color: string[] } };
      expect(trace.y).toHaveLength(49);
      expect(trace.y[0]).toBe(5_875_490);
      expect(trace.marker.color.filter((c) => c === trace.marker.color[0])).toHaveLength(1);
      const note = (doc.charts['placering']?.layout as { annotations: { text: string }[] }).annotations[0];
      expect(note?.text).toBe('Göteborg: 5\u00a0875\u00a0490\u00a0kr');
    });

    it('prints the same figures in the HTML', () => {
      const html = htmlText(htmlOf(doc));
      expect(html).toContain('587 549 invånare × 10 kr = 5 875 490 kr.');
      expect(html).toContain('31 december 2022');
    });
  });

  it('explains a rounding when there is one (rate 9,75 kr, whole kronor)', async () => {
    const r = await resultOf('vgr-2022', { rate: '9.75' });
    // 9 409 × 9,75 kr = 91 737,75 kr, rounded to whole kronor: 91 738 kr.
    const text = textOf(letterDocument(contextOf(r.loaded, r.result), '1460'));
    expect(text).toContain('9 409 invånare × 9,75 kr = 91 738 kr.');
    expect(text).toContain('Exakt 91 737,75 kr, avrundat till hela kronor: 91 738 kr (+0,25 kr).');
  });

  describe('with the example sender file and recipient register', async () => {
    const { loadSender } = await import('../../../data/letters/sender.js');
    const { loadRecipients } = await import('../../../data/letters/recipients.js');
    const { dataPath } = await import('../../../data/project-root.js');
    const parts = { sender: loadSender(dataPath('letters', 'exempel-avsandare.yaml')), recipients: loadRecipients(dataPath('letters', 'exempel-mottagare.csv')) };

    it('addresses Göteborg by its legal name, gives the bankgiro, VAT, contact and signature, and says the data are examples', () => {
      const doc = letterDocument(ctx, '1480', parts);
      const text = textOf(doc);
      const head = doc.viewModel.blocks[0];
      expect(head?.type === 'letterhead' && head.recipient).toEqual(['Göteborgs kommun']);
      expect(head?.type === 'letterhead' && head.facts).toContainEqual({ label: 'Diarienummer', value: 'EXEMPEL-2022-00001' });
      expect(text).toContain('Bankgiro\n000-0000');
      expect(text).toContain('Beloppet är inte momspliktigt.');
      expect(text).toContain('kontakta Kim Exempel, Ekonom, telefon 010-000 00 00, e-post kim.exempel@exempel.example.');
      expect(text).toContain('Alex Exempel');
      expect(text).toContain('Avsändar- och mottagaruppgifterna i detta brev är EXEMPEL');
      expect(text.split('5 875 490 kr').length - 1).toBe(2); // the payment box, and the computation after it
    });

    it("gives the region, which invoices everyone, a statement of its own share and no request to pay itself", () => {
      const doc = letterDocument(ctx, '14', parts);
      const text = textOf(doc);
      const payment = doc.viewModel.blocks.find((b) => b.type === 'payment');
      expect(payment?.type === 'payment' && payment.heading).toBe('Västra Götalandsregionens egen andel');
      expect(payment?.type === 'payment' && payment.facts).toEqual([]);
      expect(text).toContain('ingen uppmaning att betala');
      expect(text).not.toContain('Bankgiro');
      expect(text).not.toContain('Förfallodag');
      expect(text).not.toContain('Belopp att betala');
      expect(payment?.type === 'payment' && payment.amount.label).toBe('Er andel');
    });

    it("names the form's address when the sender file gives one, instead of a contact", () => {
      const sender = { ...parts.sender, betalning: { ...parts.sender.betalning, formular: 'https://www.exempel.example/fakturauppgifter' } };
      const text = textOf(letterDocument(ctx, '1480', { ...parts, sender }));
      expect(text).toContain('Andra fakturauppgifter eller ett senare inbetalningsdatum anmäls i webbformuläret https://www.exempel.example/fakturauppgifter.');
      expect(text).not.toContain('Vill ni anmäla andra fakturauppgifter');
    });

    it('tells the terminal what the letters assume: example data, and the parties given a default recipient', () => {
      const notes = letterNotes(ctx, undefined, parts).map((n) => n.sv);
      expect(notes).toContain('brev: avsändaruppgifterna är exempel; varje brev säger det.');
      expect(notes.find((n) => n.startsWith('brev: 47 parter saknas i mottagarregistret'))).toBeDefined();
    });
  });

  it('without a sender file: the region is the sender, nothing unknown is printed, and the terminal names what is missing', () => {
    const doc = letterDocument(ctx, '1438');
    const text = textOf(doc);
    expect(text).not.toMatch(/bankgiro|diarienummer|underskrift|moms|saknas|XXX|\?\?/i);
    expect(text).toContain('Dals-Ed (kommun)');
    const own = textOf(letterDocument(ctx, '14'));
    expect(own).toContain('ingen uppmaning att betala');
    const notes = letterNotes(ctx, '1438', {}).map((n) => n.sv);
    expect(notes[0]).toBe('brev: ingen avsändarfil (--sender); avsändaren är Västra Götalandsregionen, som avtalet anger fakturerar.');
    expect(notes[1]).toBe('brev: utelämnat eftersom avsändaruppgifterna saknar det: adress, kontaktperson, telefon, e-post, diarienummer, underskrift, bankgiro eller plusgiro, momsuppgift.');
    expect(notes[2]).toContain('Dals-Ed (kommun)');
  });

  it('refuses an unknown party with the codes it knows', () => {
    expect(() => selectParties(result, '1480,9999')).toThrow(InputError);
    try {
      selectParties(result, '9999');
    } catch (e) {
      expect((e as InputError).describe('sv')).toContain('okänd part 9999 i vgr-2022');
      expect((e as InputError).describe('sv')).toContain('14 Västra Götalandsregionen');
    }
    expect(selectParties(result, ' 1480 , 1490 ').map((p) => p.party.name)).toEqual(['Göteborg', 'Borås']);
  });
});

describe('a letter of sthlm-2020', async () => {
  const { loaded, result } = await resultOf('sthlm-2020', { 'licence.total': STHLM_MAX_LICENCE });
  const doc = letterDocument(contextOf(loaded, result), '0180');
  const text = textOf(doc);

  it('explains the share of the key, the largest remainder and the cap', () => {
    expect(text).toContain('Andel av fördelningsnyckeln (folkmängd): 974 073 av 2 377 081 invånare = 40,978 %.');
    expect(text).toContain('Taket är 615 312,00 kr; beloppet ryms under taket (100,0 % av taket).');
    expect(text).toContain('2021: 697 av 13 000 användare × budgeten 3 250 000,00 kr = 174 250,00 kr.');
  });

  it('shows the payments per year and says no due dates are given, in plain sight of the example data', () => {
    const table = doc.viewModel.blocks.find((b) => b.type === 'table' && b.caption === 'Belopp per år');
    expect(table?.type === 'table' && table.rows).toHaveLength(8);
    expect(table?.type === 'table' && table.totals?.[0]?.cells).toEqual(['Summa', '615\u00a0312,00\u00a0kr', '1\u00a0394\u00a0000,00\u00a0kr', '2\u00a0009\u00a0312,00\u00a0kr']);
    expect(text).toContain('Avtalet anger inga förfallodagar.');
    expect(doc.viewModel.blocks[1]?.type).toBe('notice');
    expect(text).toContain('EXEMPELDATA');
  });

  it('explains what the region carries when the cap binds', async () => {
    // 2 000 000 kr × 974 073 / 2 377 081 = 819 553,90 kr, 204 241,90 kr over the cap.
    const over = await resultOf('sthlm-2020', { 'licence.total': '2000000' });
    const ctx = contextOf(over.loaded, over.result);
    expect(textOf(letterDocument(ctx, '0180'))).toContain('Taket 615 312,00 kr binder: 204 241,90 kr hålls tillbaka; Region Stockholm bär det som taket håller tillbaka.');
    expect(textOf(letterDocument(ctx, '01'))).toContain('Bär 204 241,90 kr som taket håller tillbaka för Stockholm.');
  });
});

describe('letters of every municipality of Sweden (per-capita)', async () => {
  const { loadAdhocScheme } = await import('../../../data/adhoc-scheme.js');
  const { projectRoot } = await import('../../../data/project-root.js');
  const { evaluateScheme } = await import('../../../models/evaluate.js');
  const { reportFigures } = await import('../../../models/report-figures.js');
  const { join } = await import('node:path');
  const loaded = await loadAdhocScheme('per-capita', { rate: '10', population: join(projectRoot(), 'data/populations/sweden-2021.csv') });
  const result = evaluateScheme(loaded.model);
  const docs = letterDocuments({ result, figures: reportFigures(result), reportDate: '2021-12-31', stamp: 'andel' });

  it('writes 290 letters, each placing its municipality among the 290 as one area and one bar', () => {
    expect(docs).toHaveLength(290);
    const kiruna = docs.find((d) => d.id === '2584')!;
    const [area, bar] = kiruna.charts['placering']?.data as [{ type: string; y: number[] }, { type: string; y: number[] }];
    expect(area.type).toBe('scatter');
    expect(area.y).toHaveLength(290);
    // Kiruna's 225 550 kr is 2,3 % of Stockholm's 9 787 700 kr: its bar is drawn at the minimum height, 4 % of the largest, and its amount written beside it.
    expect(bar.y).toEqual([391_508]);
    const layout = kiruna.charts['placering']?.layout as { annotations: { text: string }[] };
    expect(layout.annotations[0]?.text).toBe('Kiruna: 225\u00a0550,00\u00a0kr (stapeln förstorad)');
    const text = textOf(kiruna);
    expect(text).toContain('Kirunas stapel är ritad högre än sitt belopp för att synas; beloppet står vid stapeln.');
    expect(text).toContain('22 555 invånare × 10 kr = 225 550,00 kr.');
    expect(text).toContain('Ytan visar de 290 kommunernas belopp, störst till vänster; Kiruna är markerad.');
    expect(text).toContain('Enligt fördelningen ”Belopp per invånare” delar');
    expect(text).toContain('Ert belopp\n225 550,00 kr');
  });
});
