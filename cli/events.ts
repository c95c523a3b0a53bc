/**
 * The pipeline's events on the terminal: warnings and notes one a line on
 * stderr, and a shortfall never quiet.
 */
import type { PipelineEvent } from '../pipeline/events.js';
import { type CliContext, printWarnings } from './run.js';
import { warnShortfalls } from './warnings.js';

/** Prints a pipeline's events; with `announceSimulation`, also when a simulation starts. */
export function eventPrinter(ctx: CliContext, options: { readonly announceSimulation?: boolean } = {}): (e: PipelineEvent) => void {
  const sv = ctx.lang === 'sv';
  return (e) => {
    switch (e.type) {
      case 'warnings':
        printWarnings(ctx, e.warnings);
        return;
      case 'note':
        ctx.err(`${e.scheme ?? 'andel'}: ${e.text[ctx.lang]}`);
        return;
      case 'evaluated':
        warnShortfalls(ctx, e.result, e.scheme ?? (e.side === undefined ? undefined : e.side === 'base' ? (sv ? 'basen' : 'base') : sv ? 'scenariot' : 'scenario'));
        return;
      case 'simulating':
        if (options.announceSimulation) ctx.err(sv ? `andel: simulerar ${e.runs} körningar (frö ${e.seed})` : `andel: simulating ${e.runs} runs (seed ${e.seed})`);
        return;
    }
  };
}
