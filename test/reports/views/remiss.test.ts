// The tjänsteutlåtande: the seed's form (heading block, förslag till beslut,
// sammanfattning, bakgrund, ärendet, ekonomiska konsekvenser, synpunkter,
// bilagor), the administration's words from the YAML file or neutral
// defaults, every figure from the model.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadRemissInfo } from '../../../data/remiss/remiss-info.js';
import { projectRoot } from '../../../data/project-root.js';
import { DEFAULT_POSITION, DEFAULT_PREPARATION, DEFAULT_VIEWS, municipalityName, remissDocument } from '../../../reports/views/remiss.js';
import { STHLM_MAX_LICENCE, contextOf, htmlOf, htmlText, plain, resultOf, strings, textOf } from './helpers.js';

/** The text of a level-2 section, from its heading to the next. */
function sectionText(doc: ReturnType<typeof remissDocument>, heading: string): string {
  const blocks = doc.viewModel.blocks;
  const start = blocks.findIndex((b) => b.type === 'heading' && b.level === 2 && b.text === heading);
  const end = blocks.findIndex((b, i) => i > start && b.type === 'heading' && b.level === 2);
  return plain(strings(blocks.slice(start + 1, end < 0 ? undefined : end)).join('\n'));
}

const headings = (doc: ReturnType<typeof remissDocument>): string[] =>
  doc.viewModel.blocks.flatMap((b) => (b.type === 'heading' && b.level === 2 ? [b.text] : []));

describe('remiss for Huddinge (sthlm-2020)', async () => {
  const { loaded, result } = await resultOf('sthlm-2020', { 'licence.total': STHLM_MAX_LICENCE });
  const ctx = contextOf(loaded, result);
  const info = loadRemissInfo(join(projectRoot(), 'data/remiss/exempel.yaml'));
  const doc = remissDocument(ctx, '0126', info);
  const text = textOf(doc);

  it('has the headings of a tjänsteutlåtande, in order', () => {
    expect(headings(doc)).toEqual([
      'Förvaltningens förslag till beslut',
      'Sammanfattning',
      'Bakgrund',
      'Ärendet',
      'Ekonomiska konsekvenser',
      'Ärendets beredning',
      'Förvaltningens synpunkter och förslag',
      'Bilagor',
    ]);
    expect(doc.viewModel.titleBlock?.kind).toBe('Tjänsteutlåtande');
  });

  it('takes the heading block from the YAML file and names the municipality', () => {
    const tb = doc.viewModel.titleBlock;
    expect(tb?.organisation).toBe('Huddinge kommun');
    expect(tb?.unit).toBe('Socialförvaltningen, Avdelningen för ekonomi och verksamhetsstöd');
    expect(tb?.subtitle).toBe('Svar på remiss från kommunstyrelsen, dnr KS 2020/973');
    expect(tb?.facts).toEqual([
      { label: 'Handläggare', value: 'Kim Exempel' },
      { label: 'Telefon', value: '08-000 00 00' },
      { label: 'E-post', value: 'kim.exempel@kommun.example' },
      { label: 'Till', value: 'Socialnämnden' },
      { label: 'Sammanträdesdatum', value: '6 oktober 2020' },
      { label: 'Datum', value: '29 september 2020' },
      { label: 'Diarienummer', value: 'SN 2020/0000' },
      { label: 'Remissens diarienummer', value: 'KS 2020/973' },
    ]);
    expect(doc.metadata.author).toBe('Socialförvaltningen, Huddinge kommun');
    expect(doc.header.kind).toBe('Tjänsteutlåtande · Huddinge kommun');
    expect(doc.viewModel.blocks[0]).toMatchObject({ type: 'notice', title: 'Exempel' });
    expect(text).toContain('Socialnämnden godkänner förvaltningens tjänsteutlåtande och överlämnar det till kommunstyrelsen som svar på remissen.');
    expect(doc.viewModel.blocks.find((b) => b.type === 'signatures')).toEqual({
      type: 'signatures',
      items: [{ name: 'Alex Exempel', title: 'Förvaltningschef' }, { name: 'Sam Exempel', title: 'Avdelningschef' }],
    });
  });

  it('shows the licence over the period and per year, the cap utilisation and the helpdesk per year', () => {
    expect(text).toContain('För Huddinge kommun innebär förslaget 233 284,93 kr under åren 2021–2028, varav licens 71 284,93 kr och helpdesk 162 000,00 kr.');
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
    expect(doc.viewModel.blocks[1]?.type).toBe('notice');
    const notices = doc.viewModel.blocks.filter((b) => b.type === 'notice');
    expect(notices).toHaveLength(3);
    expect(notices[2]?.type === 'notice' && notices[2].items[0]).toContain('EXEMPELDATA');
  });

  it('states the förvaltning\'s position in the Sammanfattning, after the key figures', () => {
    const summary = sectionText(doc, 'Sammanfattning');
    expect(summary).toContain('233 284,93 kr');
    expect(summary).toContain('11,6 % av taket 615 312,00 kr');
    expect(summary.trim().endsWith('Förvaltningen är positiv till överenskommelsen och föreslår att nämnden tillstyrker den.')).toBe(true);
  });

  it('tells the Bakgrund from the agreement itself, not from another municipality\'s document', () => {
    const background = sectionText(doc, 'Bakgrund');
    expect(background).toContain('Ärendet gäller Överenskommelse mellan Region Stockholm och kommunerna i Stockholms län gällande IT-stöd');
    expect(background).toContain('Parter är Region Stockholm och 26 kommuner i Stockholms län.');
    expect(background).toContain('Regional överenskommelse om samverkan vid utskrivning från sluten hälso- och sjukvård (HSN 2019-1416)');
    expect(background).not.toMatch(/Stockholms stad|Äldreförvaltningen|Äldrenämnden/);
    // Where the figures were read from is said under Underlag, within Ekonomiska konsekvenser (Bilagor stays the last heading).
    expect(sectionText(doc, 'Ekonomiska konsekvenser')).toContain('Avtalets belopp och villkor\nRemiss av Överenskommelse Region Stockholm');
  });

  it('speaks no tool language in its own words', () => {
    expect(text).not.toMatch(/andel (report|räknar)|--users|--set|licence\.total/);
  });

  it('states the cap policy: the largest total under the cap and who carries what it holds back', () => {
    expect(text).toContain('Taket binder inte för någon part vid licensbeloppet 1 501 577,88 kr.');
    expect(text).toContain('Det största totalbelopp som ryms under taket är 1 501 577,88 kr; där når Stockholm först taket. Ett högre totalbelopp hanteras enligt överenskommelsens princip: Region Stockholm bär det som taket håller tillbaka.');
  });

  it('prints the administration\'s views and attachments from the file', () => {
    expect(text).toContain('Förvaltningen är positiv till överenskommelsen');
    expect(text).toContain('Kostnadsfördelning per kommun');
    expect(sectionText(doc, 'Ärendets beredning')).toContain('Ärendet har beretts inom socialförvaltningen.');
    expect(doc.attachments).toBeUndefined();
    expect(htmlText(htmlOf(doc))).toContain('8 910,62 kr');
  });
});

describe('remiss with the neutral defaults', async () => {
  const { loaded, result } = await resultOf('vgr-2022');
  const doc = remissDocument(contextOf(loaded, result), '1490');
  const text = textOf(doc);

  it('fills the heading with neutral words and the report\'s date', () => {
    expect(doc.viewModel.titleBlock?.organisation).toBe('Borås kommun');
    expect(doc.viewModel.titleBlock?.unit).toBeUndefined();
    expect(text).toContain(DEFAULT_POSITION);
    expect(text).toContain(DEFAULT_PREPARATION);
    expect(headings(doc)).toContain('Ärendets beredning');
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

describe('remiss details', async () => {
  const { loaded, result } = await resultOf('sthlm-2020', { 'licence.total': STHLM_MAX_LICENCE });
  const ctx = contextOf(loaded, result);

  it('names a municipality "X kommun" by default, with the genitive -s after a consonant, and a region by its name', () => {
    expect(municipalityName({ name: 'Huddinge', kind: 'kommun' })).toBe('Huddinge kommun');
    expect(municipalityName({ name: 'Danderyd', kind: 'kommun' })).toBe('Danderyds kommun');
    expect(municipalityName({ name: 'Borås', kind: 'kommun' })).toBe('Borås kommun');
    expect(municipalityName({ name: 'Region Stockholm', kind: 'region' })).toBe('Region Stockholm');
    expect(remissDocument(ctx, '0180', { kommun: 'Stockholms stad' }).viewModel.titleBlock?.organisation).toBe('Stockholms stad');
  });

  it('hands the Bilagor with a PDF file to the renderer, in order, and says which follow', () => {
    const doc = remissDocument(ctx, '0126', {
      bilagor: [{ titel: 'Överenskommelsen', fil: '/x/avtal.pdf' }, { titel: 'Protokoll' }, { titel: 'Karta', fil: '/x/karta.pdf' }],
    });
    expect(doc.attachments).toEqual([
      { title: 'Bilaga 1: Överenskommelsen', file: '/x/avtal.pdf' },
      { title: 'Bilaga 3: Karta', file: '/x/karta.pdf' },
    ]);
    const text = sectionText(doc, 'Bilagor');
    expect(text).toContain('Överenskommelsen\nProtokoll\nKarta');
    expect(text).toContain('Bilagorna 1 och 3 följer efter tjänsteutlåtandet.');
    // A path is for the renderer, never for the reader.
    expect(textOf(doc)).not.toContain('/x/');
  });

  it('builds the subtitle from the remiss\'s diarienummer when no line is given', () => {
    expect(remissDocument(ctx, '0126', { remissdiarienummer: 'KS 2020/973' }).viewModel.titleBlock?.subtitle).toBe('Svar på remiss, dnr KS 2020/973');
  });
});
