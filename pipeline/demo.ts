/**
 * The demo: every built-in scheme's results under one folder, the quick
 * start's main job. Each scheme's allocation in every format, and as PDF its
 * overview, every party's letter and, where one is chosen, a remiss, and an
 * offline explorer (`utforska.html`); a total the agreement leaves open is
 * set by the solver and said.
 */
import { join } from 'node:path';
import { loadScheme } from '../data/load-scheme.js';
import { dataPath } from '../data/project-root.js';
import { loadRecipients } from '../data/letters/recipients.js';
import { loadSender } from '../data/letters/sender.js';
import { loadRemissInfo } from '../data/remiss/remiss-info.js';
import { listBuiltinSchemes } from '../data/scheme/find.js';
import { evaluateScheme } from '../models/evaluate.js';
import { allocationOutput } from '../reports/allocation.js';
import { outputExtension, renderOutput } from '../reports/formats/index.js';
import { checkOutputFolder, writeFileAtomic } from '../reports/render/atomic-write.js';
import type { BatchSummary } from '../reports/render/renderer.js';
import type { ReportDocument } from '../reports/views/report-document.js';
import { type OnEvent, ignoreEvents, noteCaveats } from './events.js';
import { runExplore } from './explore.js';
import { reportContext } from './report-context.js';
import { reportDate } from './report-date.js';
import { REPORT_KINDS } from './report-kinds.js';
import { type RenderRun, renderDocuments } from './render.js';
import { openTotals } from './solve.js';

/** The party each built-in scheme's demo writes a tjänsteutlåtande for. */
export const DEMO_REMISS: Readonly<Record<string, string>> = { 'sthlm-2020': '0126' };

/** The built-in schemes whose demo letters use the example sender file and recipient register (marked as examples in every letter). */
export const DEMO_LETTERHEAD: ReadonlySet<string> = new Set(['vgr-2022']);

/** The allocation's formats the demo writes. */
const DEMO_FORMATS = ['json', 'csv', 'xlsx', 'text'] as const;

/** Where the demo writes, and how it reports. */
export interface DemoRequest {
  readonly out: string;
  readonly onEvent?: OnEvent;
  /** A renderer to use, a signal that stops starting documents, progress. */
  readonly render?: RenderRun;
  /** Told when the allocation files are written, before printing starts. */
  readonly onWritten?: (files: readonly string[]) => void;
}

/** What the demo wrote. */
export interface DemoRun {
  /** The allocation files. */
  readonly files: readonly string[];
  /** The documents printed (and any that failed). */
  readonly summary: BatchSummary;
}

/**
 * Writes every built-in scheme's results under `request.out`.
 *
 * @throws InputError when the folder cannot be written (before anything is computed).
 */
export async function runDemo(request: DemoRequest): Promise<DemoRun> {
  const onEvent = request.onEvent ?? ignoreEvents;
  checkOutputFolder(request.out);
  const files: string[] = [];
  const documents: ReportDocument[] = [];
  const creation = new Map<ReportDocument, Date | 'now'>();
  for (const s of await listBuiltinSchemes()) {
    const { overrides, notes } = await openTotals(s.id);
    const loaded = await loadScheme(s.id, { overrides, caveats: notes });
    onEvent({ type: 'warnings', warnings: loaded.warnings });
    noteCaveats(onEvent, [loaded.model.caveats], s.id);
    const result = evaluateScheme(loaded.model);
    onEvent({ type: 'evaluated', result, scheme: s.id });
    for (const format of DEMO_FORMATS) {
      const file = join(request.out, s.id, `fordelning${outputExtension(format)}`);
      await writeFileAtomic(file, await renderOutput(allocationOutput(result), format));
      files.push(file);
    }
    // The explorer for decision makers: one offline page per scheme, starting where the demo's figures do.
    const explorer = join(request.out, s.id, 'utforska.html');
    await runExplore({ scheme: s.id, out: explorer });
    files.push(explorer);
    const date = reportDate(undefined, loaded);
    const ctx = reportContext(loaded, result, { date });
    const remissParty = DEMO_REMISS[s.id];
    const docs = [
      ...(await REPORT_KINDS.overview.documents(ctx)),
      ...(await REPORT_KINDS.letters.documents(
        ctx,
        DEMO_LETTERHEAD.has(s.id)
          ? {
              remissInfo: {},
              sender: loadSender(dataPath('letters', 'exempel-avsandare.yaml'), 'data/letters/exempel-avsandare.yaml'),
              recipients: loadRecipients(dataPath('letters', 'exempel-mottagare.csv'), 'data/letters/exempel-mottagare.csv'),
            }
          : { remissInfo: {} },
      )),
      ...(remissParty !== undefined
        ? await REPORT_KINDS.remiss.documents(ctx, { party: remissParty, remissInfo: loadRemissInfo(dataPath('remiss', 'exempel.yaml'), 'data/remiss/exempel.yaml') })
        : []),
    ];
    for (const d of docs) {
      const placed = { ...d, fileName: join(s.id, d.fileName) };
      documents.push(placed);
      creation.set(placed, date.creation);
    }
  }
  request.onWritten?.(files);
  const summary = await renderDocuments(documents, { outDir: request.out, creation: (d) => creation.get(d) ?? 'now' }, request.render ?? {});
  return { files, summary };
}
