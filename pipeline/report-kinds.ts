/**
 * The kinds of report, in one registry: what each is called, what it is
 * built from, which request options apply to it, and the view that makes
 * its documents. A new kind is one view in `reports/views/` and one entry
 * here; the command line's help, its checks and the pipeline read this.
 *
 * The views load only when a report is built, so that reading the registry
 * (the command line's help) costs nothing.
 */
import type { RecipientRegister } from '../data/letters/recipients.js';
import type { Sender } from '../data/letters/sender.js';
import type { RemissInfo } from '../data/remiss/remiss-info.js';
import { InputError, type Text, t } from '../models/errors.js';
import type { ComparisonInput } from '../reports/views/comparison.js';
import type { ReportContext, ReportDocument } from '../reports/views/report-document.js';

/** The file format of a report: PDF to print and send, or Word (.docx) to edit before it is sent. */
export type ReportFormat = 'pdf' | 'docx';

/** Every format, in the order help texts list them. */
export const REPORT_FORMATS: readonly ReportFormat[] = ['pdf', 'docx'];

/** What a kind's view gets besides the context. */
export interface ReportParts {
  /** `--party`: a code, several with commas, or `all`. */
  readonly party?: string;
  readonly remissInfo: RemissInfo;
  /** Letters: who writes, and the recipients' legal names and addresses. */
  readonly sender?: Sender;
  readonly recipients?: RecipientRegister;
  /** For a comparison: the base, the scenario and the simulation. */
  readonly comparison?: ComparisonInput;
}

/** One kind of report. */
export interface ReportKindSpec {
  /** What it is, for help texts: `översikt`. */
  readonly about: string;
  /** The kind's name in a sentence (`brev`), for messages. */
  readonly called: Text;
  /** What the progress bar calls the work. */
  readonly progress: string;
  /** What it is built from: a scheme (or scenario as its scheme), or a scenario compared with its base. */
  readonly subject: 'scheme' | 'comparison';
  /** Whether a party can or must be named. */
  readonly party: 'none' | 'optional' | 'required';
  /** The message when a required party is missing. */
  readonly partyMissing?: Text;
  /** Whether the remiss file (`--remiss-info`) applies. */
  readonly remissInfo?: boolean;
  /** Whether the sender file and the recipient register (`--sender`, `--recipients`) apply. */
  readonly letterhead?: boolean;
  /** The formats it can be written in (`--format`); PDF only when absent. */
  readonly formats?: readonly ReportFormat[];
  /** The documents, from the context and the parts. */
  documents(ctx: ReportContext, parts: ReportParts): Promise<ReportDocument[]>;
}

/** Every kind of report, in the order help texts list them. */
export const REPORT_KINDS = {
  overview: {
    about: 'översikt',
    called: t('översikt', 'overview'),
    progress: 'Översikt',
    subject: 'scheme',
    party: 'none',
    formats: ['pdf', 'docx'],
    documents: async (ctx) => [(await import('../reports/views/overview.js')).overviewDocument(ctx)],
  },
  letters: {
    about: 'ett brev per part',
    called: t('brev', 'letters'),
    progress: 'Brev',
    subject: 'scheme',
    party: 'optional',
    letterhead: true,
    formats: ['pdf', 'docx'],
    documents: async (ctx, parts) =>
      (await import('../reports/views/letter.js')).letterDocuments(ctx, parts.party, {
        ...(parts.sender !== undefined ? { sender: parts.sender } : {}),
        ...(parts.recipients !== undefined ? { recipients: parts.recipients } : {}),
      }),
  },
  remiss: {
    about: 'tjänsteutlåtande för en part',
    called: t('remiss', 'remiss'),
    progress: 'Remiss',
    subject: 'scheme',
    party: 'required',
    partyMissing: t('remiss skrivs för en part: ange --party KOD, t.ex. --party 0126', 'a remiss is written for one party: give --party CODE, e.g. --party 0126'),
    remissInfo: true,
    formats: ['pdf', 'docx'],
    documents: async (ctx, parts) => (await import('../reports/views/remiss.js')).remissDocuments(ctx, parts.party ?? '', parts.remissInfo),
  },
  comparison: {
    about: 'scenario mot sin bas',
    called: t('comparison', 'comparison'),
    progress: 'Jämförelse',
    subject: 'comparison',
    party: 'none',
    formats: ['pdf', 'docx'],
    documents: async (ctx, parts) => [(await import('../reports/views/comparison.js')).comparisonDocument(ctx, parts.comparison!)],
  },
} as const satisfies Record<string, ReportKindSpec>;

/** One of the {@link REPORT_KINDS}. */
export type ReportKind = keyof typeof REPORT_KINDS;

/** The kinds' names in order. */
export const REPORT_KIND_NAMES = Object.keys(REPORT_KINDS) as ReportKind[];

/** Whether `name` is a kind of report. */
export function isReportKind(name: string): name is ReportKind {
  return Object.hasOwn(REPORT_KINDS, name);
}

/** The kind's spec. */
export function reportKind(kind: ReportKind): ReportKindSpec {
  return REPORT_KINDS[kind];
}

/**
 * Refuses options that do not apply to the kind, rather than ignore them,
 * and a kind that does not exist: every problem at once.
 *
 * @throws InputError (`E_OPTION`).
 */
export function checkReportRequest(request: {
  readonly kind: string;
  readonly party?: string;
  readonly remissInfo?: unknown;
  readonly sender?: unknown;
  readonly recipients?: unknown;
  readonly runs?: unknown;
  readonly seed?: unknown;
  readonly format?: string;
  readonly html?: boolean;
}): void {
  const { kind } = request;
  if (!isReportKind(kind)) {
    const names = Object.keys(REPORT_KINDS).join(', ');
    throw InputError.of(t(`okänd rapport "${kind}"`, `unknown report "${kind}"`), { hint: t(`Rapporter: ${names}.`, `Reports: ${names}.`) }, 'E_OPTION');
  }
  const spec: ReportKindSpec = REPORT_KINDS[kind];
  const all = Object.values(REPORT_KINDS) as ReportKindSpec[];
  const which = (f: (s: ReportKindSpec) => boolean | undefined) => {
    const called = all.filter(f).map((s) => s.called);
    return t(called.map((c) => c.sv).join(' och '), called.map((c) => c.en).join(' and '));
  };
  const problems: { file: string; message: ReturnType<typeof t> }[] = [];
  if (spec.party === 'none' && request.party !== undefined) {
    const to = which((s) => s.party !== 'none');
    problems.push({ file: '--party', message: t(`gäller ${to.sv}, inte ${kind}`, `applies to ${to.en}, not ${kind}`) });
  }
  if (spec.party === 'required' && (request.party === undefined || request.party.trim() === '')) {
    problems.push({ file: '--party', message: spec.partyMissing ?? t('ange --party KOD', 'give --party CODE') });
  }
  if (!spec.remissInfo && request.remissInfo !== undefined) {
    const to = which((s) => s.remissInfo);
    problems.push({ file: '--remiss-info', message: t(`gäller ${to.sv}, inte ${kind}`, `applies to ${to.en}, not ${kind}`) });
  }
  for (const [value, option] of [[request.sender, '--sender'], [request.recipients, '--recipients']] as const) {
    if (!spec.letterhead && value !== undefined) {
      const to = which((s) => s.letterhead);
      problems.push({ file: option, message: t(`gäller ${to.sv}, inte ${kind}`, `applies to ${to.en}, not ${kind}`) });
    }
  }
  if (spec.subject !== 'comparison' && (request.runs !== undefined || request.seed !== undefined)) {
    const to = which((s) => s.subject === 'comparison');
    problems.push({ file: request.runs !== undefined ? '--runs' : '--seed', message: t(`gäller ${to.sv}, inte ${kind}`, `applies to ${to.en}, not ${kind}`) });
  }
  const format = request.format ?? 'pdf';
  if (!(REPORT_FORMATS as readonly string[]).includes(format)) {
    problems.push({ file: '--format', message: t(`"${format}" är inget format: ${REPORT_FORMATS.join(' eller ')}`, `"${format}" is not a format: ${REPORT_FORMATS.join(' or ')}`) });
  } else if (!(spec.formats ?? ['pdf']).includes(format as ReportFormat)) {
    const to = which((s) => (s.formats ?? ['pdf']).includes(format as ReportFormat));
    problems.push({ file: '--format', message: t(`${format} gäller ${to.sv}, inte ${kind}`, `${format} applies to ${to.en}, not ${kind}`) });
  }
  if (format !== 'pdf' && request.html === true) {
    problems.push({ file: '--html', message: t(`HTML skrivs bara bredvid PDF, inte med --format ${format}`, `HTML is written only beside a PDF, not with --format ${format}`) });
  }
  if (problems.length > 0) throw new InputError(problems, { code: 'E_OPTION' });
}
