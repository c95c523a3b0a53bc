// The tjänsteutlåtande: the seed's form (heading block, förslag till beslut,
// sammanfattning, bakgrund, ärendet, ekonomiska konsekvenser, synpunkter,
// bilagor), the administration's words from the YAML file or neutral
// defaults, every figure from the model.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadRemissInfo } from '../../../data/remiss/remiss-info.js';
import { projectRoot } from '../../../data/project-root.js';
import { DEFAULT_VIEWS, remissDocument } from '../../../reports/views/remiss.js';
import { STHLM_MAX_LICENCE, contextOf, htmlOf, htmlText, resultOf, textOf } from './helpers.js';

const headings = (doc: ReturnType<typeof remissDocument>): string[] =>
  doc.viewModel.blocks.flatMap((b) => (b.type === 'heading' && b.level === 2 ? [b.text] : []));

describe('remiss for Huddinge (sthlm-2020)', async () => {
  const { loaded, result } = await resultOf('sthlm-2020', { 'licence.total': STHLM_MAX_LICENCE });
  const ctx = contextOf(loaded, result);
  const info = loadRemissInfo(join(projectRoot(), 'data/remiss/exempel.yaml'));
  const doc = remissDocument(ctx, '0126', info);
  const text = textOf(doc);

  it('follows the seed document\'s order of sections', () => {
    expect(headings(doc)).toEqual([
      'Förvaltningens förslag till beslut',
      'Sammanfattning',
      'Bakgrund',
      'Ärendet',
      'Ekonomiska konsekvenser för Huddinge',
      'Ärendets beredning',
      'Förvaltningens synpunkter',
      'Bilagor',
    ]);
    expect(doc.viewModel.titleBlock?.kind).toBe('Tjänsteutlåtande');
  });

  it('takes the heading block from the YAML file', () => {
    const tb = doc.viewModel.titleBlock;
    expect(tb?.organisation).toBe('Socialförvaltningen');
    expect(tb?.subtitle).toBe('Svar på remiss från kommunstyrelsen, dnr KS 2020/973');
    expect(tb?.facts).toEqual([
      { label: 'Handläggare', value: 'Kim Exempel' },
      { label: 'Telefon', value: '08-000 00 00' },
      { label: 'E-post', value: 'kim.exempel@kommun.example' },
      { label: 'Till', value: 'Socialnämnden' },
      { label: 'Datum', value: '29 september 2020' },
      { label: 'Diarienummer', value: 'KS 2020/973' },
      { label: 'Part', value: 'Huddinge (kommunkod 0126)' },
    ]);
    expect(text).toContain('Socialnämnden godkänner förvaltningens tjänsteutlåtande och överlämnar det till kommunstyrelsen som svar på remissen.');
    expect(doc.viewModel.blocks.find((b) => b.type === 'signatures')).toEqual({
      type: 'signatures',
      items: [{ name: 'Alex Exempel', title: 'Förvaltningschef' }, { name: 'Sam Exempel', title: 'Avdelningschef' }],
    });
  });

  it('shows the licence over the period and per year, the cap utilisation and the helpdesk per year', () => {
    expect(text).toContain('För Huddinge innebär förslaget 233 284,93 kr under åren 2021–2028, varav licens 71 284,93 kr och helpdesk 162 000,00 kr.');
    expect(text).toContain('Huddinges andel av licens (kostnad för att använda systemet) är 71 284,93 kr över hela avtalsperioden, 11,6 % av taket 615 312,00 kr (LOU:s direktupphandlingsgräns 2020–2021).');
    const perYear = doc.viewModel.blocks.find((b) => b.type === 'table' && b.caption === 'Belopp per år');
    expect(perYear?.type === 'table' && perYear.rows.map((r) => r.cells)).toEqual([
      ...[2021, 2022, 2023, 2024, 2025].map((y) => [String(y), '8\u00a0910,62\u00a0kr', '20\u00a0250,00\u00a0kr', '29\u00a0160,62\u00a0kr']),
      ...[2026, 2027, 2028].map((y) => [String(y), '8\u00a0910,61\u00a0kr', '20\u00a0250,00\u00a0kr', '29\u00a0160,61\u00a0kr']),
    ]);
    expect(text).toContain('Licens: andel av taket\n11,6 %');
    const helpdesk = doc.viewModel.blocks.find((b) => b.type === 'table' && b.columns[1]?.label === 'Användare');
    expect(helpdesk?.type === 'table' && helpdesk.rows[0]?.cells).toEqual(['2021', '81', '250,00\u00a0kr', '20\u00a0250,00\u00a0kr']);
  });

  it('says the helpdesk figures rest on example data, beside them and at the top', () => {
    expect(doc.viewModel.blocks[0]?.type).toBe('notice');
    const notices = doc.viewModel.blocks.filter((b) => b.type === 'notice');
    expect(notices).toHaveLength(2);
    expect(notices[1]?.type === 'notice' && notices[1].items[0]).toContain('EXEMPELDATA');
  });

  it('states the cap policy: the largest total under the cap and who carries what it holds back', () => {
    expect(text).toContain('Taket binder inte för någon part vid licensbeloppet 1 501 577,88 kr.');
    expect(text).toContain('Det största totalbelopp som ryms under taket är 1 501 577,88 kr; där når Stockholm först taket. Ett högre totalbelopp hanteras enligt överenskommelsens princip: Region Stockholm bär det som taket håller tillbaka.');
  });

  it('prints the administration\'s views and attachments from the file', () => {
    expect(text).toContain('Förvaltningen är positiv till överenskommelsen');
    expect(text).toContain('Fördelning av kostnaderna per kommun (andel)');
    expect(htmlText(htmlOf(doc))).toContain('8 910,62 kr');
  });
});

describe('remiss with the neutral defaults', async () => {
  const { loaded, result } = await resultOf('vgr-2022');
  const doc = remissDocument(contextOf(loaded, result), '1490');
  const text = textOf(doc);

  it('fills the heading with neutral words and the report\'s date', () => {
    expect(doc.viewModel.titleBlock?.organisation).toBe('Borås');
    expect(doc.viewModel.titleBlock?.title).toBe('Remiss av Samverkansavtal digitala hjälpmedel – gemensam investering');
    expect(doc.viewModel.titleBlock?.facts).toContainEqual({ label: 'Till', value: 'Nämnden' });
    expect(doc.viewModel.titleBlock?.facts).toContainEqual({ label: 'Datum', value: '29 juni 2022' });
    expect(text).toContain('Nämnden godkänner förvaltningens tjänsteutlåtande och överlämnar det som svar på remissen.');
    expect(text).toContain(DEFAULT_VIEWS);
    expect(doc.fileName).toBe('remiss/1490-boras.pdf');
  });

  it('works for VGR: the investment, its due dates and the financing', () => {
    expect(text).toContain('Borås betalar 114 091 invånare × 10 kr = 1 140 910 kr, att betala senast 31 december 2022 (efter anmält senareläggande senast 31 mars 2023).');
    expect(text).toContain('Alla parters inbetalningar ger 34 897 180 kr, ett överskott på 897 180 kr; nollresultat vid 9,74 kr per invånare.');
    expect(doc.viewModel.blocks.some((b) => b.type === 'notice')).toBe(false);
  });
});
