/**
 * `andel explore <scheme|scenario>`: writes the explorer, one self-contained
 * HTML file (pipeline/explore.ts), and says where and how large.
 */
import { runExplore } from '../../pipeline/explore.js';
import { checkOutputFile } from '../output.js';
import { parseSets } from '../options.js';
import type { CliContext } from '../run.js';

/** Writes the explorer for a scheme or scenario. */
export async function explore(ctx: CliContext, scheme: string, opts: { set: string[]; out?: string }): Promise<void> {
  if (opts.out) checkOutputFile(opts.out);
  const run = await runExplore({ scheme, overrides: parseSets(opts.set), ...(opts.out ? { out: opts.out } : {}) });
  const size = (run.bytes / 1024).toFixed(0).replace(/\B(?=(\d{3})+(?!\d))/g, ' ');
  ctx.err(ctx.lang === 'sv' ? `skrev ${run.out} (${size} kB)` : `wrote ${run.out} (${size} kB)`);
}
