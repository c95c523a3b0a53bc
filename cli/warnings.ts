/**
 * Warnings every command prints the same way. A shortfall (money the caps
 * leave uncovered) is never quiet: each command that evaluates a scheme and
 * shows or writes the result prints one line per component on stderr.
 */
import type { SchemeResult } from '../models/evaluate.js';
import { shortfallWarnings } from '../reports/shortfall.js';
import type { CliContext } from './run.js';

/**
 * Prints `varning: Licens: 614 018,85 kr av … täcks inte av någon part (…)`
 * for every component of `result` that leaves money uncovered; nothing when
 * all is covered. `side` names the result when a command shows two.
 */
export function warnShortfalls(ctx: CliContext, result: SchemeResult, side?: string): void {
  const word = ctx.lang === 'sv' ? 'varning' : 'warning';
  for (const w of shortfallWarnings(result)) ctx.err(`${word}: ${side !== undefined ? `${side}: ` : ''}${w[ctx.lang]}`);
}
