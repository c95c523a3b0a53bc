/**
 * `andel compare <base> [<scenario>]`: each party's figure in the base and
 * the scenario, the difference in kronor and per cent, and the effect on the
 * reconciliation. With two arguments (or a scenario alone, compared with its
 * own scheme) `--set` and the other input options apply to both sides, so
 * the difference is the scenario's; with a scheme alone, the scheme is
 * compared with itself under `--set`.
 */
import type { LoadedScenario } from '../../data/load-scenario.js';
import { evaluateScheme } from '../../models/evaluate.js';
import { compareResults } from '../../models/scenarios/compare.js';
import { comparisonJson, comparisonTables } from '../../reports/scenarios.js';
import type { CliContext } from '../run.js';
import { warnShortfalls } from '../warnings.js';
import { type ScenarioCliOptions, labelOf, loadForCommand, loadScenarioBase, scenarioFormat, writeView } from './scenario-output.js';

export async function compare(ctx: CliContext, first: string, second: string | undefined, opts: ScenarioCliOptions): Promise<void> {
  const format = scenarioFormat(opts);
  const right = await loadForCommand(ctx, second ?? first, opts);
  let left: LoadedScenario;
  if (second) left = await loadForCommand(ctx, first, opts);
  else if (right.kind === 'scenario') {
    left = await loadScenarioBase(ctx, right, opts);
  } else {
    left = await loadForCommand(ctx, first, { ...opts, set: [], split: [] });
  }
  const c = compareResults(evaluateScheme(left.source.model), evaluateScheme(right.source.model));
  warnShortfalls(ctx, c.base, ctx.lang === 'sv' ? 'basen' : 'base');
  warnShortfalls(ctx, c.scenario, ctx.lang === 'sv' ? 'scenariot' : 'scenario');
  await writeView(ctx, opts, format, () => comparisonJson(c, labelOf(left), labelOf(right)), () => comparisonTables(c, labelOf(left), labelOf(right)));
}
