// Every kind of document names a shortfall in a notice in plain sight, in
// the reader's Swedish: how much of what total no party covers, the cap and
// whom it binds, why nobody else takes it, what the parties pay. The
// overview's key figure is then the total to cover, with what is covered
// beside it. Nothing of it when everything is covered.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../../../data/project-root.js';
import { compareResults } from '../../../models/scenarios/compare.js';
import { comparisonDocument } from '../../../reports/views/comparison.js';
import { letterDocument } from '../../../reports/views/letter.js';
import { overviewDocument } from '../../../reports/views/overview.js';
import { remissDocument } from '../../../reports/views/remiss.js';
import type { NoticeBlock, ReportDocument } from '../../../reports/views/report-document.js';
import { contextOf, plain, resultOf, textOf } from './helpers.js';

const TITLE = 'Kostnad som ingen part täcker';
const ALL_CAPPED = join(projectRoot(), 'test/fixtures/shortfall/alla-vid-taket.yaml');

const STHLM_NOTICE = [
  'Licens (kostnad för att använda systemet): 614 018,85 kr av 3 000 000,00 kr täcks inte av någon part. Taket på 615 312,00 kr per part binder för Stockholm, och enligt fördelningens princip tar ingen annan part över det som taket håller tillbaka. Parterna betalar 2 385 981,15 kr.',
  'Sammanlagt ska 29 000 000,00 kr täckas; parterna betalar 28 385 981,15 kr och 614 018,85 kr täcks inte.',
];
const ALL_CAPPED_NOTICE = [
  'Licens: 100 000,00 kr av 1 000 000,00 kr täcks inte av någon part. Taket på 300 000,00 kr per part binder för alla 3 parter, så det som taket håller tillbaka kan inte fördelas om på någon annan part. Parterna betalar 900 000,00 kr.',
];

/** The shortfall notice of a document, its lines with plain spaces; undefined when there is none. */
function shortfallNotice(doc: ReportDocument): { index: number; items: string[] } | undefined {
  const index = doc.viewModel.blocks.findIndex((b) => b.type === 'notice' && b.title === TITLE);
  if (index < 0) return undefined;
  return { index, items: (doc.viewModel.blocks[index] as NoticeBlock).items.map(plain) };
}

describe('sthlm-2020 under policy none with a licence of 3 000 000 kr', async () => {
  const { loaded, result } = await resultOf('sthlm-2020', { 'cap.policy': 'none', 'licence.total': '3000000' });
  const ctx = contextOf(loaded, result);

  describe('the overview', () => {
    const doc = overviewDocument(ctx);

    it('names the shortfall in a notice before the key figures, after the caveats', () => {
      const notice = shortfallNotice(doc);
      expect(notice?.items).toEqual(STHLM_NOTICE);
      const kinds = doc.viewModel.blocks.slice(0, 3).map((b) => (b.type === 'notice' ? `notice:${b.title}` : b.type));
      expect(kinds).toEqual(['notice:Observera', `notice:${TITLE}`, 'key-figures']);
    });

    it('the key figure is the total to cover, with what the parties cover beside it', () => {
      const key = doc.viewModel.blocks.find((b) => b.type === 'key-figures');
      expect(key?.type === 'key-figures' && key.items.map((i) => plain(`${i.label}: ${i.value}${i.note ? ` (${i.note})` : ''}${i.emphasis ? ' *' : ''}`))).toEqual([
        'Totalt att täcka: 29 000 000,00 kr *',
        'Täckt av parterna: 28 385 981,15 kr (ej täckt: 614 018,85 kr)',
        'Licens: 3 000 000,00 kr (varav ej täckt: 614 018,85 kr)',
        'Helpdesk: 26 000 000,00 kr',
        'Största licens under taket: 1 501 577,88 kr',
      ]);
    });

    it('the reconciliation says it in words, and the party table has an "Ej täckt" row under the sum', () => {
      const text = textOf(doc);
      expect(text).toContain('Av 29 000 000,00 kr att täcka betalar parterna 28 385 981,15 kr, och 614 018,85 kr täcks inte av någon part; tillsammans blir det exakt totalen. Alla tak håller.');
      const table = doc.viewModel.blocks.find((b) => b.type === 'table' && b.caption === 'Belopp per part');
      expect(table?.type === 'table' && table.totals?.map((r) => r.cells.map(plain))).toEqual([
        ['', 'Summa', '', '2 385 981,15 kr', '26 000 000,00 kr', '28 385 981,15 kr', '100,00 %'],
        ['', 'Ej täckt', '', '614 018,85 kr', '0,00 kr', '614 018,85 kr', '–'],
      ]);
      expect(table?.type === 'table' && table.notes?.[0]).toBe(
        'Parter: Region Stockholm och 26 kommuner. Beloppen är avrundade till öre och summerar exakt till summan; med det som inte täcks blir det exakt 29\u00a0000\u00a0000,00\u00a0kr att täcka.',
      );
    });
  });

  it('every letter carries the notice, Stockholm\'s and Huddinge\'s alike', () => {
    for (const code of ['0180', '0126', '01']) expect(shortfallNotice(letterDocument(ctx, code))?.items).toEqual(STHLM_NOTICE);
  });

  it('the remiss carries it too, at the top', () => {
    const doc = remissDocument(ctx, '0126');
    const notice = shortfallNotice(doc);
    expect(notice?.items).toEqual(STHLM_NOTICE);
    expect(notice?.index).toBeLessThan(doc.viewModel.blocks.findIndex((b) => b.type === 'heading'));
  });

  it('the comparison with the default policy names the scenario\'s shortfall, and the base has none', async () => {
    const base = await resultOf('sthlm-2020', { 'licence.total': '3000000' });
    const c = compareResults(base.result, result);
    const doc = comparisonDocument(ctx, {
      comparison: c,
      base: { label: 'sthlm-2020', title: base.loaded.model.title, kind: 'scheme' },
      scenario: { label: 'ingen-bar.yaml', title: 'Ingen bär det taket håller tillbaka', kind: 'scenario' },
    });
    expect(shortfallNotice(doc)?.items).toEqual(STHLM_NOTICE.map((l) => `I scenariot: ${l}`));
    expect(textOf(doc)).toContain('Ej täckt av någon part\n0,00 kr\n614 018,85 kr\n+614 018,85 kr');
  });
});

describe('every party at the cap under redistribute', async () => {
  const { loaded, result } = await resultOf(ALL_CAPPED);
  const ctx = contextOf(loaded, result, { reportDate: '2024-12-31' });

  it('overview, letter and remiss say that what the cap holds back cannot be redistributed', () => {
    for (const doc of [overviewDocument(ctx), letterDocument(ctx, '0305'), remissDocument(ctx, '0319')]) expect(shortfallNotice(doc)?.items).toEqual(ALL_CAPPED_NOTICE);
  });

  it('one component: the key figure is the total to cover, what is covered beside it, and no component figures', () => {
    const key = overviewDocument(ctx).viewModel.blocks.find((b) => b.type === 'key-figures');
    // Under redistribute the cap's figure is what the caps hold in all: every party's cap, 3 × 300 000 kr.
    expect(key?.type === 'key-figures' && key.items.slice(0, 3).map((i) => plain(`${i.label}: ${i.value}`))).toEqual([
      'Totalt att täcka: 1 000 000,00 kr',
      'Täckt av parterna: 900 000,00 kr',
      'Största licens som taken rymmer: 900 000,00 kr',
    ]);
  });

  it('a party\'s explanation no longer says the held-back amount simply goes to the others', () => {
    expect(textOf(letterDocument(ctx, '0305'))).toContain(
      'Taket 300 000,00 kr binder: 200 000,00 kr hålls tillbaka; det som taket håller tillbaka fördelas om på parterna under taket, efter deras andel, så långt taket räcker; 100 000,00 kr täcks inte av någon part.',
    );
  });

  it('the comparison names the side that is short: the base, at 1 000 000 kr, and not the scenario at 900 000 kr', async () => {
    const covered = await resultOf(ALL_CAPPED, { 'licence.total': '900000' });
    const doc = comparisonDocument(contextOf(covered.loaded, covered.result), {
      comparison: compareResults(result, covered.result),
      base: { label: 'alla-vid-taket.yaml', title: 'Bas', kind: 'scheme' },
      scenario: { label: 'alla-vid-taket.yaml', title: 'Lägre licens', kind: 'scheme' },
    });
    expect(shortfallNotice(doc)?.items).toEqual(ALL_CAPPED_NOTICE.map((l) => `I basen: ${l}`));
  });
});

describe('no notice when everything is covered', async () => {
  const vgr = await resultOf('vgr-2022');
  const sthlm = await resultOf('sthlm-2020', { 'licence.total': '3000000' });

  it('vgr-2022 and sthlm-2020 under the default policy: no notice in any document, "Totalt att fördela" as before', () => {
    for (const { loaded, result } of [vgr, sthlm]) {
      const ctx = contextOf(loaded, result);
      const code = result.parties[1]!.party.code;
      const overview = overviewDocument(ctx);
      for (const doc of [overview, letterDocument(ctx, code), remissDocument(ctx, code)]) {
        expect(shortfallNotice(doc)).toBeUndefined();
        expect(textOf(doc)).not.toContain('täcks inte');
      }
      const key = overview.viewModel.blocks.find((b) => b.type === 'key-figures');
      expect(key?.type === 'key-figures' && key.items[0]?.label).toBe('Totalt att fördela');
      expect(textOf(overview)).not.toContain('Ej täckt');
    }
  });

  it('the comparison of two covered sides has no notice', () => {
    const doc = comparisonDocument(contextOf(vgr.loaded, vgr.result), {
      comparison: compareResults(vgr.result, vgr.result),
      base: { label: 'vgr-2022', title: 'Bas', kind: 'scheme' },
      scenario: { label: 'vgr-2022', title: 'Samma', kind: 'scheme' },
    });
    expect(shortfallNotice(doc)).toBeUndefined();
  });
});
