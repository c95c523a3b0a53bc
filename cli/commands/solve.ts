/** `andel solve <scheme> <goal>`: exact answers to goal questions (the largest total the caps can hold, under the policy in force). */
import { parseSolveGoal, solveMaxTotal } from '../../pipeline/solve.js';
import { writeJson } from '../../reports/formats/json.js';
import { solveJson, solveText } from '../../reports/solve.js';
import { type SchemeCliOptions, schemeOptions } from '../options.js';
import type { CliContext } from '../run.js';

/**
 * Answers a goal exactly: `max-total` / `max-<component>-total`, the largest
 * total a capped component's caps can hold under its policy (see
 * {@link componentCapacity}): before the carrier carries anything, before
 * anything is left uncovered, or no largest total at all when a party
 * without a cap takes over what the caps hold back.
 */
export async function solve(ctx: CliContext, scheme: string, goal: string, opts: SchemeCliOptions & { format: 'text' | 'json' }): Promise<void> {
  const { component } = parseSolveGoal(goal);
  const solved = await solveMaxTotal(scheme, component, schemeOptions(opts));
  ctx.out(opts.format === 'json' ? writeJson(solveJson(solved, goal)) : solveText(solved));
}

