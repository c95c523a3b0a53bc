/** `andel demo`: every built-in scheme's results under one folder (the quick start's main job). */
import { join } from 'node:path';
import { loadScheme } from '../../data/load-scheme.js';
import { listBuiltinSchemes } from '../../data/scheme.js';
import { formatProblem } from '../../models/errors.js';
import { evaluateScheme } from '../../models/evaluate.js';
import { writeFileAtomic } from '../output.js';
import type { CliContext } from '../run.js';
import { renderAllocation } from './allocate.js';

export async function demo(ctx: CliContext, opts: { out: string }): Promise<void> {
  const written: string[] = [];
  for (const s of await listBuiltinSchemes()) {
    const loaded = await loadScheme(s.id, { overrides: demoOverrides(s.id) });
    for (const w of loaded.warnings) ctx.err(`varning: ${formatProblem(w, ctx.lang)}`);
    const result = evaluateScheme(loaded.model);
    for (const format of ['json', 'csv', 'xlsx', 'table'] as const) {
      const file = join(opts.out, s.id, `fordelning.${format === 'table' ? 'txt' : format}`);
      await writeFileAtomic(file, await renderAllocation(result, format));
      written.push(file);
    }
  }
  ctx.err(`${ctx.lang === 'sv' ? 'skrev' : 'wrote'} ${written.length} ${ctx.lang === 'sv' ? 'filer' : 'files'}:`);
  for (const f of written) ctx.err(`  ${f}`);
}

/** Parameters a scheme leaves open that the demo fills in, said in its output. */
export function demoOverrides(_id: string): Record<string, string> {
  return {};
}
