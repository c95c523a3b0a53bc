/** `andel demo`: every built-in scheme's results under one folder (the quick start's main job). */
import { join } from 'node:path';
import { loadScheme } from '../../data/load-scheme.js';
import { findSchemeFile, listBuiltinSchemes, readSchemeFile } from '../../data/scheme/find.js';
import { evaluateScheme } from '../../models/evaluate.js';
import { printWarnings } from '../run.js';
import { oreToDecimalString } from '../../models/money.js';
import { checkOutputFolder, writeFileAtomic } from '../output.js';
import type { CliContext } from '../run.js';
import { warnShortfalls } from '../warnings.js';
import { dataPath } from '../../data/project-root.js';
import type { ReportDocument } from '../../reports/views/report-document.js';
import { outputExtension } from '../../reports/formats/index.js';
import { renderAllocation } from './allocate.js';
import { solveMaxTotal } from './solve.js';
import { renderReports, reportContext, reportDate, reportOutcome } from './report.js';

/** The party each built-in scheme's demo writes a tjänsteutlåtande for. */
const DEMO_REMISS: Readonly<Record<string, string>> = { 'sthlm-2020': '0126' };

/**
 * Writes every built-in scheme's results under `opts.out`, stating any
 * assumed parameter: the allocation in every format, and as PDF the
 * overview, every party's letter and a remiss for one Stockholm municipality.
 */
export async function demo(ctx: CliContext, opts: { out: string }): Promise<number | void> {
  checkOutputFolder(opts.out);
  const written: string[] = [];
  const documents: ReportDocument[] = [];
  const creation = new Map<ReportDocument, Date | 'now'>();
  const { overviewDocument, letterDocuments, remissDocument } = await import('../../reports/views/index.js');
  const { loadRemissInfo } = await import('../../data/remiss/remiss-info.js');
  for (const s of await listBuiltinSchemes()) {
    const { overrides, notes } = await demoOverrides(s.id);
    for (const n of notes) ctx.err(`${s.id}: ${n}`);
    const loaded = await loadScheme(s.id, { overrides, caveats: notes });
    printWarnings(ctx, loaded.warnings);
    const result = evaluateScheme(loaded.model);
    warnShortfalls(ctx, result, s.id);
    for (const format of ['json', 'csv', 'xlsx', 'text'] as const) {
      const file = join(opts.out, s.id, `fordelning${outputExtension(format)}`);
      await writeFileAtomic(file, await renderAllocation(result, format));
      written.push(file);
    }
    const date = reportDate(undefined, loaded);
    const rctx = reportContext(loaded, result, { date });
    const remissParty = DEMO_REMISS[s.id];
    const docs = [
      overviewDocument(rctx),
      ...letterDocuments(rctx),
      ...(remissParty !== undefined ? [remissDocument(rctx, remissParty, loadRemissInfo(dataPath('remiss', 'exempel.yaml'), 'data/remiss/exempel.yaml'))] : []),
    ];
    for (const d of docs) {
      const placed = { ...d, fileName: join(s.id, d.fileName) };
      documents.push(placed);
      creation.set(placed, date.creation);
    }
  }
  ctx.err(`${ctx.lang === 'sv' ? 'skrev' : 'wrote'} ${written.length} ${ctx.lang === 'sv' ? 'filer' : 'files'}:`);
  for (const f of written) ctx.err(`  ${f}`);
  const summary = await renderReports(ctx, documents, { outDir: opts.out, creation: (d) => creation.get(d) ?? 'now', label: 'Demo' });
  return reportOutcome(summary);
}

/**
 * Values for parameters a built-in scheme leaves open, so the demo can run.
 * A capped total without a value (the Stockholm licence total, unknown in
 * the agreement) is set to the largest total at which no party exceeds its
 * cap, computed by the solver, and the notes say so.
 */
export async function demoOverrides(id: string): Promise<{ overrides: Record<string, string>; notes: string[] }> {
  const { path, label } = await findSchemeFile(id);
  const def = await readSchemeFile(path, label);
  const overrides: Record<string, string> = {};
  const notes: string[] = [];
  for (const c of def.components) {
    if (c.kind !== 'share' || !c.cap || typeof c.total !== 'object') continue;
    const param = c.total.param;
    if (def.parameters[param]?.value !== undefined) continue;
    const { result: r } = await solveMaxTotal(id, c.id, { overrides });
    overrides[param] = oreToDecimalString(r.total);
    notes.push(`${param} anges inte i avtalet; demon använder det största belopp där ingen part överstiger taket: ${overrides[param]} kr (andel solve ${id} max-${c.id}-total).`);
  }
  return { overrides, notes };
}
