/**
 * A letter to one party: its amount, how the amount was computed (from the
 * model's own explanation: inhabitants × rate and the rounding, or the share
 * of the key, the largest-remainder öre and the cap), when and how to pay
 * (from the scheme's dates and notes, never written into a template), and a
 * small chart placing the party among the others.
 */
import type { RecipientRegister } from '../../data/letters/recipients.js';
import type { Sender } from '../../data/letters/sender.js';
import type { PartyResult, SchemeResult } from '../../models/evaluate.js';
import { InputError, type Text, t } from '../../models/errors.js';
import { PAYMENT_DATE_KINDS, type Party, type SchemeDate, type SchemeModel } from '../../models/scheme.js';
import type { LabelledValue, TableBlock } from '../render/document-model.js';
import { formatDate, formatInteger } from '../format.js';
import { placementAlt, placementCaption, placementFigure } from './charts.js';
import {
  type ClosingBlock,
  type LetterheadBlock,
  type PaymentBlock,
  type ReportBlock,
  type ReportContext,
  type ReportDocument,
  type ResultFigures,
  caveatBlock,
  componentLabel,
  explanationLines,
  footerOf,
  genitive,
  money,
  rate,
  reportAuthor,
  reportTitle,
  printedShare,
  share,
  shortfallNotice,
  slug,
  underlagBlocks,
  spanText,
  derivedFacts,
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
export function scheduleTable(ctx: ResultFigures, party: PartyResult): TableBlock | undefined {
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
  const derived = derivedFacts(scheme);
  if (derived.length > 0) blocks.push({ type: 'text', paragraphs: ['Belopp och andelar som räknas fram ur andra uppgifter i avtalet:'] }, { type: 'facts', items: derived });
  return blocks;
}

/** What a party's amount rests on, as the head of "Så har beloppet räknats fram": its inhabitants, the rate per inhabitant, its printed share of the total. */
export function basisFacts(ctx: ResultFigures, party: PartyResult): LabelledValue[] {
  const p = party.party;
  const perUnit = party.explanations.find((e) => e.kind === 'per-unit');
  return [
    ...(p.population !== undefined ? [{ label: 'Invånare', value: formatInteger(p.population) }] : []),
    ...(perUnit?.kind === 'per-unit' ? [{ label: 'Belopp per invånare', value: rate(perUnit.rate) }] : []),
    { label: 'Andel av totalen', value: printedShare(ctx.figures.displayShares[p.code]) },
  ];
}

/**
 * The section "Så har beloppet räknats fram" of a party's letter: what the
 * amount rests on, how each component was made, and the payments per year
 * when there are several. The explorer shows the same blocks on demand
 * (`andel.explain(code)`).
 */
export function explanationBlocks(ctx: ResultFigures, party: PartyResult): ReportBlock[] {
  const schedule = scheduleTable(ctx, party);
  return [
    { type: 'heading', level: 2, text: 'Så har beloppet räknats fram' },
    { type: 'facts', items: basisFacts(ctx, party) },
    ...computationBlocks(ctx.result, party),
    ...(schedule !== undefined ? [schedule] : []),
  ];
}

/** What a letter is sent with besides the result: the sender and the recipient register, each optional. */
export interface LetterParts {
  readonly sender?: Sender;
  readonly recipients?: RecipientRegister;
}

/** The sender as a letter prints it: the file's, or the invoicing organisation the agreement names. */
interface LetterSender {
  readonly name?: string;
  readonly file?: Sender;
  /** Whether the sender is known to invoice: the sender file's, or the party the invoicing note names (not a region taken for want of one). */
  readonly invoices: boolean;
}

/**
 * The organisation the agreement names as the one that invoices: the party
 * named in the scheme's invoicing note (the longest name that occurs, so
 * that `Region Stockholm` wins over a shorter name inside it), else the
 * scheme's region party, else none.
 */
export function invoicingOrganisation(scheme: SchemeModel): string | undefined {
  return namedInvoicer(scheme) ?? scheme.parties.find((p) => p.kind === 'region')?.name;
}

/** The party the scheme's invoicing note names (the longest name that occurs), if any. */
function namedInvoicer(scheme: SchemeModel): string | undefined {
  const note = scheme.notes['invoicing'];
  if (note === undefined) return undefined;
  return scheme.parties.filter((p) => note.includes(p.name)).sort((a, b) => b.name.length - a.name.length)[0]?.name;
}

function senderOf(scheme: SchemeModel, sender: Sender | undefined): LetterSender {
  if (sender !== undefined) return { name: sender.organisation, file: sender, invoices: true };
  const named = namedInvoicer(scheme);
  const name = invoicingOrganisation(scheme);
  return name !== undefined ? { name, invoices: named !== undefined } : { invoices: false };
}

/** True when the party is the letter's sender and invoices, so it is told its share, not asked to pay itself. */
function isSender(party: Party, sender: LetterSender): boolean {
  return sender.invoices && sender.name !== undefined && sender.name.trim().toLowerCase() === party.name.trim().toLowerCase();
}

/**
 * The recipient a party gets when no register names it: its name with its
 * kind, as the scheme gives them (`Göteborg (kommun)`); a name that already
 * says its kind (`Västra Götalandsregionen`, `Region Stockholm`) stands
 * alone. The legal name (`Göteborgs kommun`) cannot be derived safely.
 */
export function defaultRecipientName(party: Party): string {
  if (party.kind === 'kommun') return /(kommun|stad)$/i.test(party.name) ? party.name : `${party.name} (kommun)`;
  if (party.kind === 'region') return /region/i.test(party.name) ? party.name : `${party.name} (region)`;
  return party.name;
}

/** The recipient's address lines: the register's, or the default name alone. */
function recipientLines(party: Party, register: RecipientRegister | undefined): { lines: string[]; reference?: string; fromRegister: boolean } {
  const r = register?.recipients.get(party.code);
  if (r === undefined) return { lines: [defaultRecipientName(party)], fromRegister: false };
  const town = [r.postalCode, r.town].filter((x) => x !== undefined).join(' ');
  return { lines: [r.name, ...r.address, ...(town !== '' ? [town] : [])], ...(r.reference !== undefined ? { reference: r.reference } : {}), fromRegister: true };
}

/** A payment date of the scheme as a fact: what it is, and the agreement's words beside the date. */
export function dateFact(d: SchemeDate): LabelledValue {
  const label =
    d.kind === 'due' ? 'Förfallodag' : d.kind === 'latest-due' ? 'Senaste inbetalningsdag' : d.kind === 'deferral-request' ? 'Sista anmälningsdag' : d.kind === 'invoice' ? 'Fakturadatum' : 'Betalningsdag';
  return { label, value: `${formatDate(d.date)}: ${d.label}` };
}

/**
 * How a deferral or other invoicing details are reported, when the scheme
 * asks for it: at the form's address when the sender file gives one, else
 * to the sender's contact, never as a reference to a form without an
 * address.
 */
function reportingWords(scheme: SchemeModel, sender: LetterSender): string | undefined {
  if (!scheme.dates.some((d) => d.kind === 'deferral-request')) return undefined;
  const form = sender.file?.betalning?.formular;
  if (form !== undefined) return `Andra fakturauppgifter eller ett senare inbetalningsdatum anmäls i webbformuläret ${form}.`;
  const contact = sender.file?.kontakt;
  const who = contact?.namn ?? sender.name;
  return who !== undefined ? `Vill ni anmäla andra fakturauppgifter eller ett senare inbetalningsdatum, kontakta ${who}.` : undefined;
}

/** The payment box of a letter: everything the scheme and the sender say about paying, or, for the sender itself, its own share. */
function paymentBlock(result: SchemeResult, party: PartyResult, sender: LetterSender, period: string | undefined): PaymentBlock {
  const scheme = result.scheme;
  const p = party.party;
  const amount = { label: period !== undefined ? `Ert belopp ${period}` : 'Ert belopp', value: money(scheme, party.amount) };
  if (isSender(p, sender)) {
    return {
      type: 'payment',
      heading: `${genitive(p.name)} egen andel`,
      // A statement, not a request to pay: its share, not "your amount" to pay.
      amount: { ...amount, label: period !== undefined ? `Er andel ${period}` : 'Er andel' },
      facts: [],
      paragraphs: [
        `${p.name} ställer ut fakturorna enligt avtalet. Detta är därför ett besked om ${genitive(p.name)} egen andel av kostnaden och ingen uppmaning att betala.`,
        ...(scheme.notes['fund'] !== undefined ? [scheme.notes['fund']] : []),
      ],
    };
  }
  const file = sender.file;
  const pay = file?.betalning;
  const dates = scheme.dates.filter((d) => PAYMENT_DATE_KINDS.has(d.kind));
  const facts: LabelledValue[] = [
    ...dates.map(dateFact),
    ...(pay?.bankgiro !== undefined ? [{ label: 'Bankgiro', value: pay.bankgiro }] : []),
    ...(pay?.plusgiro !== undefined ? [{ label: 'Plusgiro', value: pay.plusgiro }] : []),
    ...(file?.organisationsnummer !== undefined ? [{ label: 'Organisationsnummer', value: file.organisationsnummer }] : []),
    ...(file?.momsregistreringsnummer !== undefined ? [{ label: 'Momsregistreringsnummer', value: file.momsregistreringsnummer }] : []),
  ];
  const paragraphs: string[] = [];
  if (scheme.notes['invoicing'] !== undefined) paragraphs.push(scheme.notes['invoicing']);
  else if (dates.length === 0) {
    paragraphs.push(party.schedule.length > 1 ? `Avtalet anger inga förfallodagar. ${p.name} betalar beloppen per år enligt tabellen längre ned.` : 'Avtalet anger inga förfallodagar eller betalningsvillkor.');
  }
  const reporting = reportingWords(scheme, sender);
  if (reporting !== undefined) paragraphs.push(reporting);
  if (pay?.referens !== undefined) paragraphs.push(pay.referens);
  if (file?.moms !== undefined) paragraphs.push(file.moms);
  if (scheme.contract?.condition !== undefined) paragraphs.push(scheme.contract.condition);
  return { type: 'payment', heading: 'Betalning', amount, facts, paragraphs };
}

/** The sender's contact person and signature, as far as the sender file gives them. */
function closingBlocks(sender: LetterSender): ClosingBlock[] {
  const file = sender.file;
  if (file === undefined) return [];
  const c = file.kontakt;
  const paragraphs: string[] = [];
  if (c !== undefined) {
    const parts = [c.namn, c.titel, c.telefon !== undefined ? `telefon ${c.telefon}` : undefined, c.epost !== undefined ? `e-post ${c.epost}` : undefined].filter((x): x is string => x !== undefined);
    paragraphs.push(`Har ni frågor om beloppet, kontakta ${parts.join(', ')}.`);
  } else if (file.telefon !== undefined || file.epost !== undefined) {
    paragraphs.push(`Har ni frågor om beloppet, kontakta ${file.organisation}${file.telefon !== undefined ? `, telefon ${file.telefon}` : ''}${file.epost !== undefined ? `, e-post ${file.epost}` : ''}.`);
  }
  const sign = file.underskrift;
  if (paragraphs.length === 0 && sign === undefined) return [];
  return [
    {
      type: 'closing',
      paragraphs,
      ...(sign !== undefined
        ? { greeting: 'Med vänlig hälsning', signature: { name: sign.namn, title: [sign.titel, file.organisation].filter((x) => x !== undefined).join(', ') } }
        : {}),
    },
  ];
}

/** What the letters leave out or assume, one sentence each, for the terminal (never the document). */
export function letterNotes(ctx: ReportContext, selection: string | undefined, parts: LetterParts): Text[] {
  const scheme = ctx.result.scheme;
  const sender = senderOf(scheme, parts.sender);
  const out: Text[] = [];
  const file = parts.sender;
  const missing: [boolean, string, string][] = [
    [file?.adress === undefined, 'adress', 'address'],
    [file?.kontakt === undefined, 'kontaktperson', 'contact person'],
    [file?.kontakt?.telefon === undefined && file?.telefon === undefined, 'telefon', 'phone'],
    [file?.kontakt?.epost === undefined && file?.epost === undefined, 'e-post', 'e-mail'],
    [file?.diarienummer === undefined, 'diarienummer', 'reference number'],
    [file?.underskrift === undefined, 'underskrift', 'signature'],
    [file?.betalning?.bankgiro === undefined && file?.betalning?.plusgiro === undefined, 'bankgiro eller plusgiro', 'bankgiro or plusgiro'],
    [file?.moms === undefined && file?.momsregistreringsnummer === undefined, 'momsuppgift', 'VAT statement'],
  ];
  const gaps = missing.filter((m) => m[0]);
  if (file === undefined) {
    out.push(
      sender.name !== undefined && !sender.invoices
        ? t(`brev: ingen avsändarfil (--sender); avsändaren är ${sender.name}, schemats region (avtalet anger inte vem som fakturerar).`, `letters: no sender file (--sender); the sender is ${sender.name}, the scheme's region (the agreement does not say who invoices).`)
        : sender.name !== undefined
        ? t(`brev: ingen avsändarfil (--sender); avsändaren är ${sender.name}, som avtalet anger fakturerar.`, `letters: no sender file (--sender); the sender is ${sender.name}, whom the agreement names as invoicing.`)
        : t('brev: ingen avsändarfil (--sender) och avtalet anger ingen som fakturerar; breven har ingen avsändare.', 'letters: no sender file (--sender) and the agreement names nobody who invoices; the letters have no sender.'),
    );
  }
  if (gaps.length > 0) {
    out.push(t(`brev: utelämnat eftersom avsändaruppgifterna saknar det: ${gaps.map((g) => g[1]).join(', ')}.`, `letters: left out since the sender details lack them: ${gaps.map((g) => g[2]).join(', ')}.`));
  }
  if (file?.exempel) out.push(t('brev: avsändaruppgifterna är exempel; varje brev säger det.', 'letters: the sender details are example data; every letter says so.'));
  const defaults = selectParties(ctx.result, selection).map((p) => p.party).filter((p) => parts.recipients?.recipients.get(p.code) === undefined);
  if (defaults.length > 0) {
    const names = defaults.slice(0, 5).map((p) => defaultRecipientName(p)).join(', ');
    const more = defaults.length > 5 ? t(` och ${defaults.length - 5} till`, ` and ${defaults.length - 5} more`) : t('', '');
    out.push(
      parts.recipients === undefined
        ? t(`brev: inget mottagarregister (--recipients); mottagaren är partens namn och typ, utan adress: ${names}${more.sv}.`, `letters: no recipient register (--recipients); the recipient is the party's name and kind, without an address: ${names}${more.en}.`)
        : t(
            `brev: ${defaults.length} parter saknas i mottagarregistret och får partens namn och typ som mottagare, utan adress: ${names}${more.sv}.`,
            `letters: ${defaults.length} parties are not in the recipient register and get the party's name and kind as recipient, without an address: ${names}${more.en}.`,
          ),
    );
  }
  if (parts.recipients?.example) out.push(t('brev: mottagarregistret är exempeldata; breven som använder det säger det.', 'letters: the recipient register is example data; the letters that use it say so.'));
  return out;
}

/**
 * The letter to one party: on page 1 the letterhead (sender, date,
 * references, recipient), a subject line, a short introduction and one
 * payment box with the amount; then how the amount was computed, the other
 * dates of the agreement, a chart placing the party among the others, and
 * the basis.
 *
 * @example
 * const doc = letterDocument(ctx, '1480');
 * doc.fileName // 'brev/1480-goteborg.pdf'
 */
export function letterDocument(ctx: ReportContext, code: string, parts: LetterParts = {}): ReportDocument {
  const { result } = ctx;
  const scheme = result.scheme;
  const party = selectParties(result, code)[0]!;
  const p = party.party;
  const title = reportTitle(ctx);
  const years = party.schedule.map((y) => y.year);
  const period = years.length > 1 ? spanText({ first: Math.min(...years), last: Math.max(...years) }) : undefined;
  const peers = p.kind === 'kommun' ? 'kommunerna' : 'parterna';
  const sender = senderOf(scheme, parts.sender);
  const self = isSender(p, sender);
  const recipient = recipientLines(p, parts.recipients);
  const file = sender.file;

  const exampleSender = file?.exempel === true;
  const exampleRecipient = recipient.fromRegister && parts.recipients?.example === true;
  const examples =
    exampleSender || exampleRecipient
      ? [`${exampleSender && exampleRecipient ? 'Avsändar- och mottagaruppgifterna' : exampleSender ? 'Avsändaruppgifterna' : 'Mottagaruppgifterna'} i detta brev är EXEMPEL${exampleSender ? ' (kontaktperson, diarienummer, underskrift och betalningsuppgifter är påhittade)' : ''} och gäller inte.`]
      : [];
  const caveats = caveatBlock(scheme);
  const notice: ReportBlock[] = examples.length === 0 ? caveats : [{ type: 'notice', title: 'Observera', items: [...caveats.flatMap((c) => c.items), ...examples] }];

  const letterhead: LetterheadBlock = {
    type: 'letterhead',
    sender: {
      ...(sender.name !== undefined ? { name: sender.name } : {}),
      ...(file?.enhet !== undefined ? { unit: file.enhet } : {}),
      lines: [
        ...(file?.adress ?? []),
        ...(file?.telefon !== undefined ? [`Telefon ${file.telefon}`] : []),
        ...(file?.epost !== undefined ? [file.epost] : []),
        ...(file?.webbplats !== undefined ? [file.webbplats] : []),
      ],
    },
    facts: [
      { label: 'Datum', value: formatDate(ctx.reportDate) },
      ...(file?.diarienummer !== undefined ? [{ label: 'Diarienummer', value: file.diarienummer }] : []),
      ...(recipient.reference !== undefined ? [{ label: 'Er referens', value: recipient.reference }] : []),
    ],
    recipient: recipient.lines,
  };

  const subject = self ? `${genitive(p.name)} andel av kostnaden: ${title}` : `Belopp att betala: ${title}`;
  // The agreement by its name in quotation marks (a title such as "Bilaga 2. Praktiska …" holds a full stop); quotes inside it become single ones.
  const agreementName = ctx.source?.agreement ?? ctx.source?.document;
  const source = agreementName !== undefined ? `Enligt ”${agreementName.replace(/"([^"]*)"/g, '’$1’')}”` : `Enligt fördelningen ”${scheme.title}”`;
  const intro = `${source} delar ${scheme.partyList} på sammanlagt ${money(scheme, result.total)}. ${
    self ? `Nedan står ${genitive(p.name)} egen andel` : `Nedan står ${genitive(p.name)} andel och hur den betalas`
  }; därefter hur beloppet har räknats fram.`;
  const otherDates = scheme.dates.filter((d) => !PAYMENT_DATE_KINDS.has(d.kind)).map((d) => ({ label: formatDate(d.date), value: d.label }));

  const blocks: ReportBlock[] = [
    letterhead,
    ...notice,
    ...shortfallNotice(result),
    { type: 'heading', level: 1, text: subject },
    { type: 'text', paragraphs: [intro] },
    paymentBlock(result, party, sender, period),
    ...closingBlocks(sender),
    ...explanationBlocks(ctx, party),
    ...(otherDates.length > 0 ? [{ type: 'heading' as const, level: 2 as const, text: 'Andra datum i avtalet' }, { type: 'facts' as const, items: otherDates }] : []),
    { type: 'heading', level: 2, text: `${p.name} bland ${peers}` },
    { type: 'chart', chart: 'placering', caption: placementCaption(result, p.code), source: scheme.provenance.map((x) => x.label).join('; '), alt: placementAlt(result, p.code) },
    ...underlagBlocks(ctx, 3),
  ];

  const author = sender.name ?? reportAuthor(ctx);
  return {
    id: p.code,
    fileName: `brev/${p.code}-${slug(p.name)}.pdf`,
    viewModel: { lang: 'sv', title: `${title} – ${p.name}`, author, subject: `Belopp för ${p.name}`, blocks },
    charts: { placering: placementFigure(result, p.code) },
    metadata: {
      title: `${title} – ${p.name}`,
      author,
      subject: `Belopp för ${p.name} (${p.code})`,
      keywords: ['kostnadsfördelning', 'brev', scheme.id, p.code, p.name],
    },
    header: { scheme: title, kind: `Brev till ${p.name}` },
    footer: footerOf(ctx),
  };
}

/** One letter per selected party (`--party all` by default). */
export function letterDocuments(ctx: ReportContext, selection?: string, parts: LetterParts = {}): ReportDocument[] {
  return selectParties(ctx.result, selection).map((p) => letterDocument(ctx, p.party.code, parts));
}
