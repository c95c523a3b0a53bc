/**
 * `andel compare <base> [<scenario>]`: each party's figure in the base and
 * the scenario, the difference in kronor and per cent, and the effect on the
 * reconciliation. With two arguments (or a scenario alone, compared with its
 * own scheme) `--set` and the other input options apply to both sides, so
 * the difference is the scenario's; with a scheme alone, the scheme is
 * compared with itself under `--set`.
 */
import { labelOf, runComparison } from '../../pipeline/compare.js';
import { comparisonJson, comparisonTables } from '../../reports/scenarios.js';
import { eventPrinter } from '../events.js';
import { schemeOptions } from '../options.js';
import type { CliContext } from '../run.js';
import { type ScenarioCliOptions, scenarioFormat, writeView } from './scenario-output.js';

export async function compare(ctx: CliContext, first: string, second: string | undefined, opts: ScenarioCliOptions): Promise<void> {
  const format = scenarioFormat(opts);
  const { base, scenario, comparison: c } = await runComparison({ first, ...(second !== undefined ? { second } : {}), inputs: schemeOptions(opts), onEvent: eventPrinter(ctx) });
  // The parameters' types, so that a changed value is written as a reader reads it (11,72 kr).
  const types = Object.fromEntries([base, scenario].flatMap((s) => Object.entries(s.scheme.definition.parameters).map(([name, p]) => [name, p.type] as const)));
  await writeView(ctx, opts, format, () => comparisonJson(c, labelOf(base), labelOf(scenario)), () => comparisonTables(c, labelOf(base), labelOf(scenario), types));
}
