/**
 * A tjänsteutlåtande for one party's elected body, in the form a nämnd
 * expects (the Stockholm seed document, Äldreförvaltningen's remissvar of
 * 29 September 2020, is the model): a heading block (the municipality,
 * förvaltning, handläggare, till nämnd, sammanträdesdatum, datum, the own
 * diarienummer and the remiss's), then Förvaltningens förslag till beslut,
 * Sammanfattning (with the förvaltning's position), Bakgrund (the agreement
 * itself), Ärendet, Ekonomiska konsekvenser, Ärendets beredning,
 * Förvaltningens synpunkter och förslag and Bilagor. Bilagor the remiss file
 * names as PDF files are appended to the printed document.
 *
 * The words that are the administration's own (who writes, to whom, the
 * proposed decision, its position and views, the attachments) come from a
 * small YAML file the user edits (`data/remiss/remiss-info.ts`), with
 * neutral defaults; every figure comes from the model.
 */
import type { PartyResult, SchemeResult } from '../../models/evaluate.js';
import type { Component, NoteKey, Party, SchemeModel } from '../../models/scheme.js';
import type { RemissInfo } from '../../data/remiss/remiss-info.js';
import type { LabelledValue } from '../render/document-model.js';
import { formatDate, formatDecimalKronor, formatInteger, formatPercent } from '../format.js';
import { placementAlt, placementCaption, placementFigure } from './charts.js';
import { capFigureWords, periodSuffix } from '../per-words.js';
import { computationBlocks, scheduleTable, selectParties } from './letter.js';
import { assumptionLines } from './overview.js';
import {
  type ReportBlock,
  type ReportContext,
  type ReportDocument,
  capPolicyWords,
  caveatBlock,
  componentLabel,
  footerOf,
  joinSwedish,
  money,
  nameOf,
  partyLabel,
  rate,
  reportTitle,
  genitive,
  shortfallNotice,
  slug,
  underlagBlocks,
  spanText,
} from './report-document.js';

/** Notes of a scheme that tell its background; the others belong to the matter itself. */
const BACKGROUND_NOTES: readonly NoteKey[] = ['procurement', 'use', 'selfSustaining', 'contract', 'fund'];

/** The text when the file gives no views: neutral, and plainly a default. */
export const DEFAULT_VIEWS = 'Förvaltningen har tagit del av förslaget och har inga synpunkter utöver de ekonomiska konsekvenser som redovisas ovan.';

/** The body the document goes to when the file does not say. */
export const DEFAULT_BODY = 'Nämnden';

/** Ärendets beredning when the file does not say. */
export const DEFAULT_PREPARATION = 'Ärendet har beretts inom förvaltningen.';

/**
 * The municipality as a document names it when the remiss file does not:
 * `Huddinge kommun`, `Danderyds kommun` (the genitive -s after a consonant,
 * as in the municipalities' own names); a region or another party by its
 * name. A name that differs (`Stockholms stad`) is given in the file.
 */
export function municipalityName(party: Pick<Party, 'name' | 'kind'>): string {
  if (party.kind !== 'kommun') return party.name;
  return /[aeiouyåäösxz]$/i.test(party.name) ? `${party.name} kommun` : `${party.name}s kommun`;
}

/** `Bilaga 2 följer`, `Bilagorna 1 och 3 följer` … after the document. */
function appendedWords(numbers: readonly number[]): string {
  const list = joinSwedish(numbers.map(String));
  return `${numbers.length === 1 ? 'Bilaga' : 'Bilagorna'} ${list} följer efter tjänsteutlåtandet.`;
}

/** `Samverkansavtal …` → `samverkansavtal …` inside a sentence; an abbreviation (`IT-stöd`) stays. */
function lowerFirst(text: string): string {
  return /^\p{Lu}\p{Ll}/u.test(text) ? text.charAt(0).toLowerCase() + text.slice(1) : text;
}

/** The party's years with payments, as `2021–2028`. */
function periodOf(party: PartyResult): string | undefined {
  const years = party.schedule.map((y) => y.year);
  return years.length === 0 ? undefined : spanText({ first: Math.min(...years), last: Math.max(...years) });
}

/**
 * For a cap per year: the party's largest yearly amount of the component,
 * the figure the yearly cap bounds (`, högst 150 000 kr per år`).
 */
function yearlyMax(c: Component, party: PartyResult, scheme: SchemeModel): string {
  if (c.kind !== 'share' || c.cap?.per !== 'year' || party.schedule.length === 0) return '';
  return `, högst ${money(scheme, Math.max(...party.schedule.map((y) => y.amounts[c.id] ?? 0)))} per år`;
}

/** The summary: what the scheme is, what it means for the party in figures, and the förvaltning's position. */
function summaryParagraphs(ctx: ReportContext, party: PartyResult, municipality: string, info: RemissInfo): string[] {
  const { result } = ctx;
  const scheme = result.scheme;
  const p = party.party;
  const period = periodOf(party);
  const parts = scheme.components
    .filter((c) => party.components[c.id] !== undefined)
    .map((c) => `${(c.short ?? c.label).toLowerCase()} ${money(scheme, party.components[c.id] ?? 0)}`);
  const out = [scheme.summary];
  out.push(
    `För ${municipality} innebär förslaget ${money(scheme, party.amount)}${period !== undefined && party.schedule.length > 1 ? ` under åren ${period}` : ''}${parts.length > 1 ? `, varav ${joinSwedish(parts)}` : ''}.`,
  );
  for (const c of scheme.components) {
    const u = party.capUtilisation[c.id];
    if (c.kind === 'share' && c.cap !== undefined && u !== undefined) {
      out.push(`${genitive(p.name)} andel av ${lowerFirst(c.label)} är ${formatPercent(u)} av taket ${capFigureWords(c, (o) => money(scheme, o))}.`);
    }
  }
  if (info.stallningstagande !== undefined) out.push(...info.stallningstagande);
  else out.push(info.synpunkter !== undefined ? 'Förvaltningens synpunkter redovisas under rubriken Förvaltningens synpunkter och förslag.' : DEFAULT_POSITION);
  return out;
}

/** The position when the file states none and gives no views: the same as {@link DEFAULT_VIEWS}, in brief. */
export const DEFAULT_POSITION = 'Förvaltningen har inga synpunkter på förslaget utöver de ekonomiska konsekvenser som redovisas i detta tjänsteutlåtande.';

/**
 * Bakgrund: the agreement itself by its own name, who its parties are, what
 * it rests on, and its background notes. The document the scheme's figures
 * were read from is named under Underlag, never as the party's basis.
 */
function backgroundParagraphs(ctx: ReportContext): string[] {
  const scheme = ctx.result.scheme;
  const source = ctx.source;
  const parties = `${scheme.partyList}${ctx.region !== undefined ? ` i ${ctx.region}` : ''}`;
  const out: string[] = [];
  if (source?.agreement !== undefined) {
    out.push(`Ärendet gäller ${source.agreement}. Parter är ${parties}.`);
  } else {
    out.push(`Ärendet gäller ${lowerFirst(scheme.title)}. Parter är ${parties}.`);
  }
  if (source?.basis !== undefined) out.push(`Överenskommelsen grundar sig i ${source.basis}.`);
  for (const key of BACKGROUND_NOTES) if (scheme.notes[key] !== undefined) out.push(scheme.notes[key]);
  return out;
}

/** Ärendet: the payment model in words, the agreement's other notes, its dates. */
function matterBlocks(result: SchemeResult): ReportBlock[] {
  const scheme = result.scheme;
  const notes = Object.entries(scheme.notes).filter(([k]) => !(BACKGROUND_NOTES as readonly string[]).includes(k)).map(([, v]) => v);
  const dates: LabelledValue[] = scheme.dates.map((d) => ({ label: formatDate(d.date), value: d.label }));
  return [
    { type: 'text', paragraphs: ['Överenskommelsens ekonomiska modell, som beräkningarna bygger på:'] },
    { type: 'list', items: assumptionLines(result) },
    ...(notes.length > 0 ? [{ type: 'text' as const, paragraphs: notes }] : []),
    ...(dates.length > 0 ? [{ type: 'heading' as const, level: 3 as const, text: 'Datum i överenskommelsen' }, { type: 'facts' as const, items: dates }] : []),
  ];
}

/** Ekonomiska konsekvenser for the party: the figures, per year, the cap, the per-user price, the financing. */
function economyBlocks(ctx: ReportContext, party: PartyResult): ReportBlock[] {
  const { result } = ctx;
  const scheme = result.scheme;
  const p = party.party;
  const period = periodOf(party);
  const many = party.schedule.length > 1;
  const blocks: ReportBlock[] = [];

  const keyItems = [
    { label: many && period !== undefined ? `Totalt ${period}` : 'Totalt', value: money(scheme, party.amount), emphasis: true },
    ...scheme.components
      .filter((c) => party.components[c.id] !== undefined && scheme.components.length > 1)
      .map((c) => ({ label: c.short ?? c.label, value: money(scheme, party.components[c.id] ?? 0) })),
    ...scheme.components.flatMap((c) => {
      const u = party.capUtilisation[c.id];
      return c.kind === 'share' && c.cap !== undefined && u !== undefined ? [{ label: `${c.short ?? c.label}: andel av taket`, value: formatPercent(u), note: `tak ${capFigureWords(c, (o) => money(scheme, o))}` }] : [];
    }),
    ...(p.population !== undefined ? [{ label: 'Invånare', value: formatInteger(p.population) }] : []),
  ];
  blocks.push({ type: 'key-figures', label: 'Ekonomiska konsekvenser', items: keyItems });

  // Per year, per component.
  const schedule = scheduleTable(ctx, party);
  if (schedule !== undefined) {
    const yearsText = scheme.components
      .filter((c) => c.kind !== 'per-unit' && party.components[c.id] !== undefined)
      .map((c) => {
        const amounts = party.schedule.map((y) => y.amounts[c.id] ?? 0);
        const same = amounts.every((a) => a === amounts[0]);
        const name = (c.short ?? c.label).toLowerCase();
        return same ? `${name} ${money(scheme, amounts[0] ?? 0)} per år` : `${name} ${money(scheme, Math.min(...amounts))}–${money(scheme, Math.max(...amounts))} per år`;
      });
    blocks.push({ type: 'text', paragraphs: [`${p.name} betalar ${money(scheme, party.amount)} över åren ${period ?? ''}${yearsText.length > 0 ? `: ${joinSwedish(yearsText)}` : ''}.`] });
    blocks.push(schedule);
  }

  // The cap: how much of it the party uses, and what happens when it binds.
  for (const a of ctx.figures.caps) {
    const c = a.component;
    const u = party.capUtilisation[c.id];
    const b = result.components.find((x) => x.component.id === c.id)?.bounded;
    if (u === undefined || b === undefined) continue;
    const sentences: string[] = [
      `${genitive(p.name)} andel av ${lowerFirst(c.label)} är ${money(scheme, party.components[c.id] ?? 0)} över hela avtalsperioden${yearlyMax(c, party, scheme)}, ${formatPercent(u)} av taket ${capFigureWords(c, (o) => money(scheme, o))}${c.cap!.basis ? ` (${c.cap!.basis})` : ''}.`,
    ];
    if (b.capped.includes(p.code)) {
      const own = party.explanations.find((e) => e.kind === 'share' && e.component === c.id);
      const held = own?.kind === 'share' ? own.heldBack : 0;
      sentences.push(`Taket binder för ${p.name}: ${money(scheme, held)}${periodSuffix(c)} hålls tillbaka, och ${capPolicyWords(result, c.id) ?? ''}.`);
    } else if (b.capped.length > 0) {
      sentences.push(
        `Taket binder för ${joinSwedish(b.capped.map((code) => nameOf(scheme, code)))}; ${capPolicyWords(result, c.id) ?? ''}${b.reconciliation.heldBack > 0 ? ` (${money(scheme, b.reconciliation.heldBack)})` : ''}. Det påverkar inte ${genitive(p.name)} belopp${b.policy.kind === 'redistribute' ? ' utöver det som fördelas om' : ''}.`,
      );
    } else {
      sentences.push(`Taket binder inte för någon part vid licensbeloppet ${money(scheme, c.total)}.`);
    }
    if (a.max !== undefined) {
      sentences.push(
        `Det största totalbelopp som ryms under taket är ${money(scheme, a.max.total)}${periodSuffix(c)}; där når ${nameOf(scheme, a.max.binding.code)} först taket. Ett högre totalbelopp hanteras enligt överenskommelsens princip: ${capPolicyWords(result, c.id) ?? ''}.`,
      );
    }
    blocks.push({ type: 'heading', level: 3, text: `${c.label}: taket` }, { type: 'text', paragraphs: sentences });
  }

  // Per-user components: the price per user and the party's users per year.
  for (const c of scheme.components) {
    if (c.kind !== 'yearly-share' || c.key.kind !== 'users' || party.components[c.id] === undefined) continue;
    const rates = ctx.figures.perUser[c.id] ?? [];
    const e = party.explanations.find((x) => x.kind === 'yearly-share' && x.component === c.id);
    const years = e?.kind === 'yearly-share' ? e.years : [];
    const example = scheme.provenance.some((x) => x.example && x.label.startsWith('Antal användare'));
    blocks.push({ type: 'heading', level: 3, text: `${c.label} per år` });
    if (example) {
      blocks.push({
        type: 'notice',
        title: 'Exempeldata',
        items: [`Antal användare per kommun är EXEMPELDATA, inte uppmätta antal: ${componentLabel(scheme, c.id).toLowerCase()} per år för ${p.name} är ett räkneexempel. Beloppen behöver räknas om med verkliga antal användare innan de används.`],
      });
    }
    blocks.push({
      type: 'table',
      columns: [{ label: 'År' }, { label: 'Användare', numeric: true }, { label: 'Per användare', numeric: true }, { label: 'Belopp', numeric: true }],
      rows: years.map((y) => {
        const r = rates.find((x) => x.year === y.year);
        return { cells: [String(y.year), formatInteger(y.weight), r !== undefined ? formatDecimalKronor(r.perUser) : '–', money(scheme, y.amount)] };
      }),
      notes: [`Budgeten (${money(scheme, c.budget)} första året) delas varje år mellan ${scheme.partyList} efter antal användare.`, ...scheme.provenance.filter((x) => x.label.startsWith('Antal användare')).map((x) => `Källa: ${x.label}${x.example ? ', EXEMPELDATA' : ''}.`)],
    });
  }

  // A one-off per-unit investment: the amount and its financing.
  const perUnit = party.explanations.find((e) => e.kind === 'per-unit');
  if (perUnit?.kind === 'per-unit') {
    const due = scheme.dates.find((d) => d.kind === 'due');
    const latest = scheme.dates.find((d) => d.kind === 'latest-due');
    blocks.push(
      { type: 'heading', level: 3, text: componentLabel(scheme, perUnit.component) },
      {
        type: 'text',
        paragraphs: [
          `${p.name} betalar ${formatInteger(perUnit.units)} invånare × ${rate(perUnit.rate)} = ${money(scheme, perUnit.amount)}${due !== undefined ? `, att betala senast ${formatDate(due.date)}` : ''}${latest !== undefined ? ` (efter anmält senareläggande senast ${formatDate(latest.date)})` : ''}.`,
        ],
      },
    );
    const f = result.reconciliation.financing;
    if (f !== undefined) {
      blocks.push({
        type: 'text',
        paragraphs: [
          `Den gemensamma investeringen ska täcka ${money(scheme, f.need)} (${money(scheme, f.cost)} i kostnad minus ${money(scheme, f.revenue)} i intäkter). Alla parters inbetalningar ger ${money(scheme, f.raised)}, ett ${f.surplus >= 0 ? 'överskott' : 'underskott'} på ${money(scheme, Math.abs(f.surplus))}${f.breakEvenRate !== undefined ? `; nollresultat vid ${formatDecimalKronor(f.breakEvenRate)} per invånare` : ''}.`,
        ],
      });
    }
  }

  blocks.push({ type: 'heading', level: 3, text: 'Så har beloppen räknats fram' }, ...computationBlocks(result, party));
  blocks.push({ type: 'chart', chart: 'placering', title: `${p.name} bland ${p.kind === 'kommun' ? 'kommunerna' : 'parterna'}`, caption: placementCaption(result, p.code), alt: placementAlt(result, p.code) });
  return blocks;
}

/**
 * The tjänsteutlåtande for one party.
 *
 * @param info - the administration's own words (`--remiss-info FILE`); `{}` for the neutral defaults.
 * @example
 * remissDocument(ctx, '0126', loadRemissInfo('data/remiss/exempel.yaml')).fileName // 'remiss/0126-huddinge.pdf'
 */
export function remissDocument(ctx: ReportContext, code: string, info: RemissInfo = {}): ReportDocument {
  const { result } = ctx;
  const scheme = result.scheme;
  const party = selectParties(result, code)[0]!;
  const p = party.party;
  const body = info.till ?? DEFAULT_BODY;
  const date = info.datum ?? ctx.reportDate;
  const title = ctx.title ?? info.rubrik ?? `Remiss av ${reportTitle(ctx)}`;
  const municipality = info.kommun ?? municipalityName(p);
  const unit = [info.forvaltning, info.avdelning].filter((x): x is string => x !== undefined).join(', ');
  const author = info.forvaltning !== undefined ? `${info.forvaltning}, ${municipality}` : municipality;
  const subtitle = info.remiss ?? (info.remissdiarienummer !== undefined ? `Svar på remiss, dnr ${info.remissdiarienummer}` : undefined);

  const facts: LabelledValue[] = [
    { label: 'Handläggare', value: info.handlaggare?.namn ?? 'Ej angiven' },
    ...(info.handlaggare?.telefon !== undefined ? [{ label: 'Telefon', value: info.handlaggare.telefon }] : []),
    ...(info.handlaggare?.epost !== undefined ? [{ label: 'E-post', value: info.handlaggare.epost }] : []),
    { label: 'Till', value: body },
    ...(info.sammantradesdatum !== undefined ? [{ label: 'Sammanträdesdatum', value: formatDate(info.sammantradesdatum) }] : []),
    { label: 'Datum', value: formatDate(date) },
    ...(info.diarienummer !== undefined ? [{ label: 'Diarienummer', value: info.diarienummer }] : []),
    ...(info.remissdiarienummer !== undefined ? [{ label: 'Remissens diarienummer', value: info.remissdiarienummer }] : []),
  ];

  const attachments = info.bilagor ?? [{ titel: ctx.source?.agreement ?? scheme.title }, { titel: `Kostnadsfördelning per part, ${scheme.partyList}` }];
  const appended = attachments.flatMap((a, i) => (a.fil !== undefined ? [i + 1] : []));

  const blocks: ReportBlock[] = [
    ...(info.exempel === true
      ? [{ type: 'notice' as const, title: 'Exempel', items: ['Förvaltningens namn, handläggare, underskrifter och diarienummer i detta tjänsteutlåtande är påhittade EXEMPEL, inte en verklig förvaltnings uppgifter.'] }]
      : []),
    ...caveatBlock(scheme),
    ...shortfallNotice(result),
    { type: 'heading', level: 2, text: 'Förvaltningens förslag till beslut' },
    { type: 'text', paragraphs: info.forslag ?? [`${body} godkänner förvaltningens tjänsteutlåtande och överlämnar det som svar på remissen.`] },
    ...(info.underskrifter !== undefined && info.underskrifter.length > 0 ? [{ type: 'signatures' as const, items: info.underskrifter.map((s) => ({ name: s.namn, title: s.titel })) }] : []),
    { type: 'heading', level: 2, text: 'Sammanfattning' },
    { type: 'text', paragraphs: summaryParagraphs(ctx, party, municipality, info) },
    { type: 'heading', level: 2, text: 'Bakgrund' },
    { type: 'text', paragraphs: backgroundParagraphs(ctx) },
    { type: 'heading', level: 2, text: 'Ärendet' },
    ...matterBlocks(result),
    { type: 'heading', level: 2, text: 'Ekonomiska konsekvenser' },
    ...economyBlocks(ctx, party),
    // The basis of the figures belongs to the economic consequences; Bilagor stays the last heading, as in a nämnd's form.
    ...underlagBlocks(ctx, 3),
    { type: 'heading', level: 2, text: 'Ärendets beredning' },
    { type: 'text', paragraphs: info.beredning ?? [DEFAULT_PREPARATION] },
    { type: 'heading', level: 2, text: 'Förvaltningens synpunkter och förslag' },
    { type: 'text', paragraphs: info.synpunkter ?? [DEFAULT_VIEWS] },
    { type: 'heading', level: 2, text: 'Bilagor' },
    { type: 'list', ordered: true, items: attachments.map((a) => a.titel) },
    ...(appended.length > 0 ? [{ type: 'text' as const, paragraphs: [appendedWords(appended)] }] : []),
  ];

  const kind = 'Tjänsteutlåtande';
  return {
    id: p.code,
    fileName: `remiss/${p.code}-${slug(p.name)}.pdf`,
    viewModel: {
      lang: 'sv',
      title,
      author,
      subject: `${kind}: ekonomiska konsekvenser för ${municipality}`,
      titleBlock: {
        organisation: municipality,
        ...(unit !== '' ? { unit } : {}),
        kind,
        title,
        ...(subtitle !== undefined ? { subtitle } : {}),
        facts,
      },
      blocks,
    },
    charts: { placering: placementFigure(result, p.code) },
    metadata: {
      title,
      author,
      subject: `${kind}: ekonomiska konsekvenser för ${municipality} (${p.code})`,
      keywords: ['tjänsteutlåtande', 'remiss', scheme.id, p.code, municipality, ...(info.diarienummer !== undefined ? [info.diarienummer] : []), ...(info.remissdiarienummer !== undefined ? [info.remissdiarienummer] : [])],
    },
    header: { scheme: title, kind: `${kind} · ${municipality}` },
    footer: { ...footerOf(ctx), date: formatDate(date) },
    ...(appended.length > 0 ? { attachments: attachments.flatMap((a, i) => (a.fil !== undefined ? [{ title: `Bilaga ${i + 1}: ${a.titel}`, file: a.fil }] : [])) } : {}),
  };
}

/** One tjänsteutlåtande per selected party. */
export function remissDocuments(ctx: ReportContext, selection: string, info: RemissInfo = {}): ReportDocument[] {
  return selectParties(ctx.result, selection).map((x) => remissDocument(ctx, x.party.code, info));
}
