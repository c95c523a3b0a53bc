/**
 * `andel compare <base> [<scenario>]`: each party's figure in the base and
 * the scenario, the difference in kronor and per cent, and the effect on the
 * reconciliation. `--set` applies to the scenario side. With one argument, a
 * scenario is compared with its own base scheme, and a scheme with itself
 * under `--set`.
 */
import { dataPath } from '../../data/project-root.js';
import { evaluateScheme } from '../../models/evaluate.js';
import { compareResults } from '../../models/scenarios/compare.js';
import { comparisonJson, comparisonTables } from '../../reports/scenarios.js';
import type { CliContext } from '../run.js';
import { type ScenarioCliOptions, labelOf, loadForCommand, scenarioFormat, writeView } from './scenario-output.js';

export async function compare(ctx: CliContext, first: string, second: string | undefined, opts: ScenarioCliOptions): Promise<void> {
  const format = scenarioFormat(opts);
  const noSets = { ...opts, set: [] };
  const right = await loadForCommand(ctx, second ?? first, opts);
  let left = await loadForCommand(ctx, first, second ? noSets : { ...noSets, split: [] });
  if (!second && right.kind === 'scenario') {
    // One scenario: its base is the scheme it names, as the scheme file has it.
    const builtin = right.scheme.path.startsWith(dataPath('schemes'));
    left = await loadForCommand(ctx, builtin ? right.scheme.definition.id : right.scheme.path, { ...noSets, split: [] });
  }
  const c = compareResults(evaluateScheme(left.source.model), evaluateScheme(right.source.model));
  await writeView(ctx, opts, format, () => comparisonJson(c, labelOf(left), labelOf(right)), () => comparisonTables(c, labelOf(left), labelOf(right)));
}
