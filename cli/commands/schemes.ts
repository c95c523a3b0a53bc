/** `andel schemes`: the built-in schemes, one line each. */
import { listBuiltinSchemes } from '../../data/scheme/find.js';
import { writeJson } from '../../reports/formats/json.js';
import type { CliContext } from '../run.js';

/** Prints the built-in schemes, one line each (or JSON). */
export async function schemes(ctx: CliContext, opts: { format: string }): Promise<void> {
  const list = await listBuiltinSchemes();
  if (opts.format === 'json') {
    ctx.out(writeJson(list.map(({ id, title, summary }) => ({ id, title, summary }))));
    return;
  }
  const width = Math.max(...list.map((s) => s.id.length));
  for (const s of list) ctx.out(`${s.id.padEnd(width)}  ${s.title}\n${' '.repeat(width)}  ${s.summary}\n`);
}
