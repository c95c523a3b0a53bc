/**
 * Runs one command with the shared error handling: an AndelError prints its
 * message (every problem, each on a line) and exits with the code of its
 * class; anything else is a bug and says how to see the stack.
 */
import type { Command } from 'commander';
import { formatCount } from '../data/count.js';
import { AndelError, InputError, InvariantError, type Lang, type Problem, RenderError, SHOWN_PROBLEMS, formatProblems } from '../models/errors.js';

/** What a command gets from the shell. */
export interface CliContext {
  readonly lang: Lang;
  readonly debug: boolean;
  /** Writes to standard output. */
  out(text: string | Uint8Array): void;
  /** Writes a line to standard error (warnings, progress summaries). */
  err(line: string): void;
  /** Whether standard error is a terminal (progress bars only there). */
  readonly interactive: boolean;
}

/** Exit codes by error class. */
export const EXIT = { ok: 0, bug: 1, input: 2, invariant: 3, render: 4 } as const;

/** Runs `fn` and turns its errors into messages and exit codes. */
export async function runCommand(program: Command, fn: (ctx: CliContext) => Promise<number | void>): Promise<void> {
  const g = program.opts<{ lang: Lang; debug?: boolean }>();
  const ctx: CliContext = {
    lang: g.lang,
    debug: Boolean(g.debug),
    out: (text) => process.stdout.write(text),
    err: (line) => process.stderr.write(line + '\n'),
    interactive: Boolean(process.stderr.isTTY),
  };
  try {
    const code = await fn(ctx);
    process.exitCode = code ?? EXIT.ok;
  } catch (e) {
    process.exitCode = report(e, ctx);
  }
}

/**
 * Prints warnings to standard error, one a line, the first
 * {@link SHOWN_PROBLEMS} of them and then how many more there are.
 */
export function printWarnings(ctx: Pick<CliContext, 'lang' | 'err'>, warnings: readonly Problem[], omitted = 0): void {
  const label = ctx.lang === 'sv' ? 'varning' : 'warning';
  const lines = formatProblems(warnings, ctx.lang, { kind: 'warning', omitted });
  lines.forEach((line, i) => ctx.err(i < Math.min(warnings.length, SHOWN_PROBLEMS) ? `${label}: ${line}` : line));
}

function report(e: unknown, ctx: CliContext): number {
  const sv = ctx.lang === 'sv';
  if (e instanceof AndelError) {
    if (e instanceof InputError) {
      printWarnings(ctx, e.warnings, e.omittedWarnings);
      const n = e.count;
      const count = formatCount(n);
      ctx.err(`andel: ${n === 1 ? (sv ? 'fel i indata' : 'input error') : sv ? `${count} fel i indata` : `${count} input errors`}:`);
      // The first problems and how many more: a file of millions of bad rows prints a screenful.
      for (const line of formatProblems(e.problems, ctx.lang, { omitted: e.omitted })) ctx.err(`  ${line}`);
      ctx.err(sv ? 'Ingen utdatafil har skrivits.' : 'No output file was written.');
    } else {
      ctx.err(`andel: ${e.describe(ctx.lang)}`);
    }
    if (ctx.debug && e.stack) ctx.err(e.stack);
    if (e instanceof InputError) return EXIT.input;
    if (e instanceof InvariantError) return EXIT.invariant;
    if (e instanceof RenderError) return EXIT.render;
    return EXIT.bug;
  }
  const err = e instanceof Error ? e : new Error(String(e));
  ctx.err(`andel: ${sv ? 'oväntat fel' : 'unexpected error'}: ${err.message}`);
  ctx.err(ctx.debug ? (err.stack ?? '') : sv ? 'Kör igen med --debug för stackspår, och rapportera felet.' : 'Run again with --debug for the stack trace, and report the bug.');
  return EXIT.bug;
}
