// The overview's view model: the figures a decision maker reads, exactly as
// the model computed them, formatted in Swedish; and the HTML the layout
// makes of it (no browser: the PDF tests print it).
import { describe, expect, it } from 'vitest';
import { capAnalyses, overviewDocument } from '../../../reports/views/overview.js';
import { STHLM_MAX_LICENCE, contextOf, htmlOf, htmlText, resultOf, strings, textOf } from './helpers.js';

describe('overview of vgr-2022', async () => {
  const { loaded, result } = await resultOf('vgr-2022');
  const doc = overviewDocument(contextOf(loaded, result));
  const text = textOf(doc);

  it('leads with the covering rate, 9,75 kr, and explains the break-even rate beside it', () => {
    const key = doc.viewModel.blocks.find((b) => b.type === 'key-figures');
    expect(key?.type === 'key-figures' && key.items.map((i) => `${i.label}: ${i.value}`)).toEqual([
      'Totalt att fördela: 34\u00a0897\u00a0180\u00a0kr',
      'Behov: 34\u00a0000\u00a0000\u00a0kr',
      'Överskott: 897\u00a0180\u00a0kr',
      'Belopp per invånare som täcker behovet: 9,75\u00a0kr',
    ]);
    expect(key?.type === 'key-figures' && key.items[3]?.note).toBe('vid 9,74\u00a0kr saknas 10\u00a0148\u00a0kr');
    expect(text).toContain('Behovet är 51 000 000 kr för perioden januari 2022 – juni 2025 minus 17 000 000 kr i intäkter, alltså 34 000 000 kr.');
    expect(text).toContain('ett överskott på 897 180 kr');
    expect(text).toContain('Det lägsta belopp per invånare i hela öre som täcker behovet är 9,75 kr: då betalar parterna 34 024 759 kr, 24 759 kr mer än behovet. Vid 9,74 kr betalar de 33 989 852 kr, 10 148 kr mindre än behovet.');
    expect(text).toContain('Behovet delat med 3 489 718 räknade invånare (regionen räknar hela länets befolkning) är cirka 9,7429 kr per invånare, nollresultatet.');
    expect(text).not.toContain('Nollresultat per invånare');
  });

  it('lists all 50 parties with Tabell 1\'s amounts, and the sum', () => {
    const table = doc.viewModel.blocks.find((b) => b.type === 'table' && b.caption === 'Belopp per part');
    expect(table?.type).toBe('table');
    if (table?.type !== 'table') return;
    expect(table.columns.map((c) => c.label)).toEqual(['Kod', 'Part', 'Invånare', 'Belopp', 'Andel']);
    expect(table.rows).toHaveLength(50);
    expect(table.rows[0]?.cells).toEqual(['14', 'Västra Götalandsregionen', '1\u00a0744\u00a0859', '17\u00a0448\u00a0590\u00a0kr', '50,00\u00a0%']);
    expect(table.rows.find((r) => r.cells[0] === '1480')?.cells).toEqual(['1480', 'Göteborg', '587\u00a0549', '5\u00a0875\u00a0490\u00a0kr', '16,84\u00a0%']);
    expect(table.rows.find((r) => r.cells[0] === '1460')?.cells[1]).toBe('Bengtsfors');
    expect(table.totals?.[0]?.cells).toEqual(['', 'Summa', '', '34\u00a0897\u00a0180\u00a0kr', '100,00\u00a0%']);
  });

  it('names the data source, its date and the agreement on the title page', () => {
    const facts = doc.viewModel.titleBlock?.facts ?? [];
    expect(facts).toContainEqual({ label: 'Rapportdatum', value: '29 juni 2022' });
    expect(facts).toContainEqual({ label: 'Parter', value: 'Västra Götalandsregionen och 49 kommuner' });
    // The data source and its date are said in words under Underlag, not as a file's name on the title page.
    expect(text).toContain('Underlag');
    expect(text).toContain('Bilaga 2. Praktiska instruktioner och hållpunkter kopplat till Samverkansavtal digitala hjälpmedel, 29 juni 2022');
  });

  it('draws the amounts and the shares, but no yearly chart for a single year', () => {
    expect(Object.keys(doc.charts).sort()).toEqual(['andel', 'belopp']);
    const bars = doc.charts['belopp']?.data[0] as { y: string[]; x: number[]; text: string[] };
    // The largest on top: Plotly draws the last category at the top.
    expect(bars.y[bars.y.length - 1]).toBe('Västra Götalandsregionen');
    expect(bars.x[bars.x.length - 1]).toBe(17_448_590);
    expect(bars.text[bars.text.length - 2]).toBe('5\u00a0875\u00a0490\u00a0kr');
  });

  it('says the dates and the policies in words, and carries no notice when nothing is assumed', () => {
    expect(text).toContain('31 december 2022\nInbetalningen ska vara Västra Götalandsregionen tillhanda');
    expect(text).toContain('Gemensam investering: varje part betalar 10 kr per invånare (2022).');
    expect(text).toContain('avrundas till hela kronor');
    expect(doc.viewModel.blocks.some((b) => b.type === 'notice')).toBe(false);
  });

  it('is labelled for the PDF and the running header and footer', () => {
    expect(doc.fileName).toBe('oversikt.pdf');
    expect(doc.metadata).toMatchObject({ title: 'Samverkansavtal digitala hjälpmedel – gemensam investering', author: 'Västra Götalandsregionen' });
    expect(doc.header).toEqual({ scheme: 'Samverkansavtal digitala hjälpmedel – gemensam investering', kind: 'Översikt' });
    expect(doc.footer).toEqual({ date: '29 juni 2022', stamp: 'andel 0.1.0 · Folkmängd 2021-12-31 · indata 0123abcd' });
  });

  it('is the same for the same inputs', async () => {
    const again = await resultOf('vgr-2022');
    expect(overviewDocument(contextOf(again.loaded, again.result))).toEqual(doc);
  });

  it('puts every figure into the HTML as the view model formatted it', () => {
    const html = htmlText(htmlOf(doc));
    for (const s of ['34 897 180 kr', '897 180 kr', '9,75 kr', '5 875 490 kr', '587 549', 'Överskott']) expect(html).toContain(s);
  });
});

describe('overview of sthlm-2020 at the largest licence total under the cap', async () => {
  const { loaded, result } = await resultOf('sthlm-2020', { 'licence.total': STHLM_MAX_LICENCE });
  const ctx = contextOf(loaded, result);
  const doc = overviewDocument(ctx);
  const text = textOf(doc);

  it('shows the licence total, the cap, the solver\'s largest total and the binding party', () => {
    expect(text).toContain('Licens (kostnad för att använda systemet), totalt\n1 501 577,88 kr');
    expect(text).toContain('Tak per part för hela perioden 2021–2028\n615 312,00 kr (LOU:s direktupphandlingsgräns 2020–2021)');
    expect(text).toContain('Största totalbelopp innan taket binder\n1 501 577,88 kr');
    expect(text).toContain('Först att nå taket\nStockholm: 615 312,00 kr vid detta belopp, 615 312,01 kr vid 0,01 kr mer');
    // At the solver's total the cap is reached exactly and binds for nobody yet: said so, not "ingen part" beside a binding party.
    expect(text).toContain('Taket binder för\ningen part ännu: Stockholm når exakt taket vid detta belopp, och vid 0,01 kr mer binder taket för Stockholm');
    expect(text).not.toContain('Bindande part');
    expect(text).not.toMatch(/Taket binder för\ningen part\n/);
    expect(text).toContain('1 501 577,88 kr är det största totalbelopp som ryms under taket: vid 0,01 kr mer binder taket för Stockholm.');
    // The region carries what the cap holds back: no figure of what the caps hold in all.
    expect(text).not.toContain('taken rymmer');
    expect(text).toContain('Region Stockholm bär det som taket håller tillbaka');
  });

  it('lists who is near the cap (at least 80 %): Stockholm at 100 %', () => {
    const [a] = capAnalyses(ctx);
    expect(a?.max?.total).toBe(150_157_788);
    expect(a?.near.map((n) => n.code)).toEqual(['0180']);
    const near = doc.viewModel.blocks.find((b) => b.type === 'table' && b.caption?.startsWith('Parter nära taket'));
    expect(near?.type === 'table' && near.rows.map((r) => r.cells)).toEqual([['0180', 'Stockholm', '615\u00a0312,00\u00a0kr', '100,0\u00a0%']]);
  });

  it('shows the helpdesk per user and year: 3 250 000 kr for 13 000 users is 250 kr', () => {
    const table = doc.viewModel.blocks.find((b) => b.type === 'table' && b.columns[3]?.label === 'Per användare');
    expect(table?.type === 'table' && table.rows[0]?.cells).toEqual(['2021', '3\u00a0250\u00a0000,00\u00a0kr', '13\u00a0000', '250,00\u00a0kr']);
    expect(table?.type === 'table' && table.rows).toHaveLength(8);
  });

  it('puts the example-data caveat in a notice first, in plain sight', () => {
    const first = doc.viewModel.blocks[0];
    expect(first?.type).toBe('notice');
    expect(strings(first).join(' ')).toContain('EXEMPELDATA');
    expect(doc.footer.stamp).toBeDefined();
  });

  it('has components in the table and a chart of the payments per year', () => {
    const table = doc.viewModel.blocks.find((b) => b.type === 'table' && b.caption === 'Belopp per part');
    expect(table?.type === 'table' && table.columns.map((c) => c.label)).toEqual(['Kod', 'Part', 'Invånare', 'Licens', 'Helpdesk', 'Belopp', 'Andel']);
    expect(table?.type === 'table' && table.rows.find((r) => r.cells[0] === '0126')?.cells.slice(3, 6)).toEqual(['71\u00a0284,93\u00a0kr', '162\u00a0000,00\u00a0kr', '233\u00a0284,93\u00a0kr']);
    const years = doc.charts['per-ar']?.data as { name: string; x: string[] }[];
    expect(years.map((t) => t.name)).toEqual(['Licens', 'Helpdesk']);
    expect(years[0]?.x).toEqual(['2021', '2022', '2023', '2024', '2025', '2026', '2027', '2028']);
  });
});

describe('overview of sthlm-2020 when what the cap holds back is redistributed', async () => {
  const { loaded, result } = await resultOf('sthlm-2020', { 'licence.total': '3000000', 'cap.policy': 'redistribute' });
  const text = textOf(overviewDocument(contextOf(loaded, result)));

  it('gives what the caps hold in all (26 × 615 312 kr), not only where the first cap binds', () => {
    expect(text).toContain('Största licens som taken rymmer\n15 998 112,00 kr');
    expect(text).toContain('Största totalbelopp innan taket binder\n1 501 577,88 kr');
    expect(text).toContain('Största totalbelopp som taken rymmer\n15 998 112,00 kr');
    expect(text).toContain('Eftersom det som taket håller tillbaka fördelas om, täcks hela totalen upp till 15 998 112,00 kr, då alla 26 parter betalar sitt tak; först därutöver blir något ej täckt.');
    expect(text).not.toContain('passerar');
  });
});

describe('a title full of markup', async () => {
  const { loaded, result } = await resultOf('vgr-2022');
  const title = '<script>alert(1)</script><img src=http://127.0.0.1:9/x> & "Budget"';
  const doc = overviewDocument(contextOf(loaded, result, { title }));

  it('is carried as text and escaped in the HTML, never inserted as markup', () => {
    expect(doc.viewModel.title).toBe(title);
    expect(doc.header.scheme).toBe(title);
    const html = htmlOf(doc);
    expect(html).not.toContain('<script>alert');
    expect(html).not.toContain('<img src=http');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src&#x3D;http://127.0.0.1:9/x&gt; &amp; &quot;Budget&quot;');
  });
});
