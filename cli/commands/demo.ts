/** `andel demo`: every built-in scheme's results under one folder (the quick start's main job). */
import { runDemo } from '../../pipeline/demo.js';
import { eventPrinter } from '../events.js';
import type { CliContext } from '../run.js';
import { printBatchSummary, reportOutcome, terminalBatch } from './report.js';

/**
 * Writes every built-in scheme's results under `opts.out`, stating any
 * assumed parameter: the allocation in every format, and as PDF the
 * overview, every party's letter and a remiss for one Stockholm municipality.
 */
export async function demo(ctx: CliContext, opts: { out: string }): Promise<number | void> {
  const batch = await terminalBatch(ctx, 'Demo');
  try {
    const { summary } = await runDemo({
      out: opts.out,
      onEvent: eventPrinter(ctx),
      render: batch.run,
      onWritten: (files) => {
        ctx.err(`${ctx.lang === 'sv' ? 'skrev' : 'wrote'} ${files.length} ${ctx.lang === 'sv' ? 'filer' : 'files'}:`);
        for (const f of files) ctx.err(`  ${f}`);
      },
    });
    printBatchSummary(ctx, summary, opts.out, false);
    return reportOutcome(summary);
  } finally {
    batch.finish();
  }
}
