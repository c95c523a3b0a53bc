/**
 * A letter to one party: its amount, how the amount was computed (from the
 * model's own explanation: inhabitants × rate and the rounding, or the share
 * of the key, the largest-remainder öre and the cap), when and how to pay
 * (from the scheme's dates and notes, never written into a template), and a
 * small chart placing the party among the others.
 */
import type { PartyResult, SchemeResult } from '../../models/evaluate.js';
import { InputError, t } from '../../models/errors.js';
import { PAYMENT_DATE_KINDS } from '../../models/scheme.js';
import type { LabelledValue, TableBlock } from '../render/document-model.js';
import { formatDate, formatInteger } from '../format.js';
import { placementCaption, placementFigure } from './charts.js';
import {
  type ReportBlock,
  type ReportContext,
  type ReportDocument,
  caveatBlock,
  componentLabel,
  explanationLines,
  footerOf,
  money,
  partyLabel,
  rate,
  reportAuthor,
  reportTitle,
  share,
  shortfallNotice,
  slug,
  underlagBlocks,
  spanText,
} from './report-document.js';

/**
 * The parties a `--party` value names: `all` (or nothing) for every party,
 * else codes separated by commas. Unknown codes are an input error listing
 * the scheme's codes.
 */
export function selectParties(result: SchemeResult, selection: string | undefined): PartyResult[] {
  if (selection === undefined || selection.trim() === '' || selection.trim().toLowerCase() === 'all') return [...result.parties];
  const codes = selection.split(',').map((c) => c.trim()).filter((c) => c !== '');
  const unknown = codes.filter((c) => !result.parties.some((p) => p.party.code === c));
  if (unknown.length > 0) {
    throw InputError.of(
      t(`okänd part ${unknown.join(', ')} i ${result.scheme.id}`, `unknown party ${unknown.join(', ')} in ${result.scheme.id}`),
      {
        file: '--party',
        hint: t(
          `Parterna är: ${result.parties.slice(0, 12).map((p) => `${p.party.code} ${p.party.name}`).join(', ')}${result.parties.length > 12 ? ' …' : ''}.`,
          `The parties are: ${result.parties.slice(0, 12).map((p) => `${p.party.code} ${p.party.name}`).join(', ')}${result.parties.length > 12 ? ' …' : ''}.`,
        ),
      },
      'E_OPTION',
    );
  }
  return codes.map((c) => result.parties.find((p) => p.party.code === c)!);
}

/** The party's payments per year and component, when it pays over more than one year. */
export function scheduleTable(ctx: ReportContext, party: PartyResult): TableBlock | undefined {
  if (party.schedule.length < 2) return undefined;
  const scheme = ctx.result.scheme;
  const ids = scheme.components.map((c) => c.id).filter((id) => party.components[id] !== undefined);
  const many = ids.length > 1;
  return {
    type: 'table',
    caption: 'Belopp per år',
    columns: [{ label: 'År' }, ...(many ? ids.map((id) => ({ label: componentLabel(scheme, id, true), numeric: true })) : []), { label: 'Att betala', numeric: true }],
    rows: party.schedule.map((y) => ({ cells: [String(y.year), ...(many ? ids.map((id) => money(scheme, y.amounts[id] ?? 0)) : []), money(scheme, y.total)] })),
    totals: [
      {
        total: true,
        cells: ['Summa', ...(many ? ids.map((id) => money(scheme, party.components[id] ?? 0)) : []), money(scheme, ctx.figures.scheduleTotals[party.party.code] ?? 0)],
      },
    ],
  };
}

/** How the amount was made, component by component. */
export function computationBlocks(result: SchemeResult, party: PartyResult): ReportBlock[] {
  const scheme = result.scheme;
  const ids = scheme.components.map((c) => c.id).filter((id) => party.explanations.some((e) => e.component === id));
  const blocks: ReportBlock[] = [];
  for (const id of ids) {
    const lines = party.explanations.filter((e) => e.component === id).flatMap((e) => explanationLines(result, e));
    if (ids.length > 1) blocks.push({ type: 'heading', level: 3, text: `${componentLabel(scheme, id)}: ${money(scheme, party.components[id] ?? 0)}` });
    blocks.push({ type: 'list', items: lines });
  }
  if (ids.length === 0) blocks.push({ type: 'text', paragraphs: [`${party.party.name} har ingen del av kostnaden i detta schema.`] });
  return blocks;
}

/** The payment part of a letter: the scheme's invoicing note and its payment dates. */
function paymentBlocks(result: SchemeResult, party: PartyResult): ReportBlock[] {
  const scheme = result.scheme;
  const payment: LabelledValue[] = scheme.dates.filter((d) => PAYMENT_DATE_KINDS.has(d.kind)).map((d) => ({ label: formatDate(d.date), value: d.label }));
  const other: LabelledValue[] = scheme.dates.filter((d) => !PAYMENT_DATE_KINDS.has(d.kind)).map((d) => ({ label: formatDate(d.date), value: d.label }));
  const paragraphs: string[] = [];
  if (scheme.notes['invoicing'] !== undefined) paragraphs.push(scheme.notes['invoicing']);
  if (scheme.notes['fund'] !== undefined) paragraphs.push(scheme.notes['fund']);
  if (paragraphs.length === 0) {
    paragraphs.push(
      party.schedule.length > 1
        ? `Schemat anger inga förfallodagar. ${party.party.name} betalar beloppen per år enligt tabellen ovan.`
        : 'Schemat anger inga förfallodagar eller betalningsinstruktioner.',
    );
  }
  if (scheme.contract?.condition !== undefined) paragraphs.push(scheme.contract.condition);
  return [
    { type: 'heading', level: 2, text: 'Betalning' },
    { type: 'text', paragraphs },
    ...(payment.length > 0 ? [{ type: 'facts' as const, items: payment }] : []),
    ...(other.length > 0 ? [{ type: 'heading' as const, level: 3 as const, text: 'Andra datum i avtalet' }, { type: 'facts' as const, items: other }] : []),
  ];
}

/**
 * The letter to one party.
 *
 * @example
 * const doc = letterDocument(ctx, '1480');
 * doc.fileName // 'brev/1480-goteborg.pdf'
 */
export function letterDocument(ctx: ReportContext, code: string): ReportDocument {
  const { result } = ctx;
  const scheme = result.scheme;
  const party = selectParties(result, code)[0]!;
  const p = party.party;
  const title = reportTitle(ctx);
  const due = scheme.dates.find((d) => d.kind === 'due');
  const perUnit = party.explanations.find((e) => e.kind === 'per-unit');
  const years = party.schedule.map((y) => y.year);
  const period = years.length > 1 ? spanText({ first: Math.min(...years), last: Math.max(...years) }) : undefined;
  const peers = p.kind === 'region' ? 'parterna' : p.kind === 'kommun' ? 'kommunerna' : 'parterna';

  const keyItems = [
    { label: period !== undefined ? `Ert belopp ${period}` : 'Ert belopp', value: money(scheme, party.amount), emphasis: true },
    ...(p.population !== undefined ? [{ label: 'Invånare', value: formatInteger(p.population) }] : []),
    ...(perUnit?.kind === 'per-unit' ? [{ label: 'Belopp per invånare', value: rate(perUnit.rate) }] : []),
    { label: 'Andel av totalen', value: share(party.amount, result.total, 2) },
    ...(due !== undefined ? [{ label: 'Förfallodag', value: formatDate(due.date) }] : []),
  ];

  const intro = `Enligt ${ctx.source?.document ?? `fördelningen ”${scheme.title}”`} betalar ${p.name} ${money(scheme, party.amount)}${period !== undefined ? ` under åren ${period}` : ''}, av sammanlagt ${money(scheme, result.total)} för ${scheme.partyList}. Nedan visas hur beloppet har räknats fram och hur det betalas.`;
  const schedule = scheduleTable(ctx, party);

  const blocks: ReportBlock[] = [
    ...caveatBlock(scheme),
    ...shortfallNotice(result),
    { type: 'key-figures', label: 'Ert belopp', items: keyItems },
    { type: 'text', paragraphs: [intro] },
    { type: 'heading', level: 2, text: 'Så har beloppet räknats fram' },
    ...computationBlocks(result, party),
    ...(schedule !== undefined ? [schedule] : []),
    ...paymentBlocks(result, party),
    { type: 'heading', level: 2, text: `${p.name} bland ${peers}` },
    { type: 'chart', chart: 'placering', caption: placementCaption(result, p.code), source: scheme.provenance.map((x) => x.label).join('; ') },
    ...underlagBlocks(ctx, 3),
  ];

  return {
    id: p.code,
    fileName: `brev/${p.code}-${slug(p.name)}.pdf`,
    viewModel: {
      lang: 'sv',
      title: `${title} – ${p.name}`,
      author: reportAuthor(ctx),
      subject: `Belopp för ${p.name}`,
      titleBlock: {
        organisation: reportAuthor(ctx),
        kind: 'Besked om belopp',
        title,
        subtitle: `Till ${p.name}`,
        facts: [
          { label: 'Mottagare', value: partyLabel(p) },
          { label: 'Datum', value: formatDate(ctx.reportDate) },
          { label: 'Ert belopp', value: money(scheme, party.amount) },
        ],
      },
      blocks,
    },
    charts: { placering: placementFigure(result, p.code) },
    metadata: {
      title: `${title} – ${p.name}`,
      author: reportAuthor(ctx),
      subject: `Belopp för ${p.name} (${p.code})`,
      keywords: ['kostnadsfördelning', 'brev', scheme.id, p.code, p.name],
    },
    header: { scheme: title, kind: `Brev till ${p.name}` },
    footer: footerOf(ctx),
  };
}

/** One letter per selected party (`--party all` by default). */
export function letterDocuments(ctx: ReportContext, selection?: string): ReportDocument[] {
  return selectParties(ctx.result, selection).map((p) => letterDocument(ctx, p.party.code));
}
