/**
 * Goal questions answered exactly: the largest total a capped component's
 * caps can hold under its policy (`andel solve … max-<id>-total`), and the
 * values the demo gives the totals a scheme leaves open.
 */
import { type LoadSchemeOptions, loadScheme } from '../data/load-scheme.js';
import { readScheme } from '../data/scheme/find.js';
import { InputError, t } from '../models/errors.js';
import { oreToDecimalString } from '../models/money.js';
import type { Caveat, SchemeModel, ShareComponent } from '../models/scheme.js';
import { formatParameterValue } from '../reports/format.js';
import { type ComponentCapacity, type MaxTotalResult, componentCapacity, maxComponentTotal } from '../models/solve.js';

/** A solved capped component: the scheme as loaded, the component, the parameter its total comes from. */
export interface SolvedMaxTotal {
  readonly model: SchemeModel;
  readonly component: ShareComponent;
  readonly totalParam?: string;
  /** The largest total at which no party is capped yet (what the demo sets an open total to). */
  readonly result: MaxTotalResult;
  /** The answer under the component's cap policy. */
  readonly capacity: ComponentCapacity;
}

/**
 * Loads a scheme and finds the largest total of its capped component
 * `componentId` (the first capped one when absent). The total being solved
 * for needs no value: an unset total parameter gets a placeholder.
 */
export async function solveMaxTotal(scheme: string, componentId: string | undefined, options: LoadSchemeOptions & { overrides: Record<string, string> }): Promise<SolvedMaxTotal> {
  const def = (await readScheme(scheme)).definition;
  const capped = def.components.filter((c) => c.kind === 'share' && c.cap);
  const target = componentId ? capped.find((c) => c.id === componentId) : capped[0];
  if (!target || target.kind !== 'share') {
    throw InputError.of(
      t(`schemat ${def.id} har ingen komponent${componentId ? ` "${componentId}"` : ''} med tak`, `scheme ${def.id} has no component${componentId ? ` "${componentId}"` : ''} with a cap`),
      { hint: t(`Komponenter med tak: ${capped.map((c) => c.id).join(', ') || '(inga)'}.`, `Components with a cap: ${capped.map((c) => c.id).join(', ') || '(none)'}.`) },
      'E_OPTION',
    );
  }
  const totalParam = typeof target.total === 'object' ? target.total.param : undefined;
  const overrides = { ...options.overrides };
  if (totalParam && overrides[totalParam] === undefined && def.parameters[totalParam]?.value === undefined) overrides[totalParam] = '0';
  const { model } = await loadScheme(scheme, { ...options, overrides });
  const component = model.components.find((x) => x.id === target.id) as ShareComponent;
  const capacity = componentCapacity(model, component);
  return { model, component, ...(totalParam ? { totalParam } : {}), result: capacity.firstCap ?? maxComponentTotal(model, component), capacity };
}

/** A goal of `solve`: `max-total` or `max-<component>-total`, as the component's id (undefined: the first capped one). */
export function parseSolveGoal(goal: string): { readonly component: string | undefined } {
  const m = /^max-(?:(.+)-)?total$/.exec(goal);
  if (!m) {
    throw InputError.of(t(`okänt mål "${goal}"`, `unknown goal "${goal}"`), { hint: t('Mål: max-total eller max-<komponent>-total, t.ex. max-licence-total.', 'Goals: max-total or max-<component>-total, e.g. max-licence-total.') }, 'E_OPTION');
  }
  return { component: m[1] };
}

/**
 * Values for the totals a scheme leaves open, so that it can be evaluated
 * as an example: a capped total without a value (the Stockholm licence
 * total, unknown in the agreement) is set to the largest total at which no
 * party exceeds its cap, computed by the solver, and a caveat says so: in words for the documents, with the parameter and the command that
 * found it for the terminal.
 */
export async function openTotals(id: string): Promise<{ overrides: Record<string, string>; notes: Caveat[] }> {
  const def = (await readScheme(id)).definition;
  const overrides: Record<string, string> = {};
  const notes: Caveat[] = [];
  for (const c of def.components) {
    if (c.kind !== 'share' || !c.cap || typeof c.total !== 'object') continue;
    const param = c.total.param;
    if (def.parameters[param]?.value !== undefined) continue;
    const { result: r } = await solveMaxTotal(id, c.id, { overrides });
    overrides[param] = oreToDecimalString(r.total);
    notes.push({
      reader: `${def.parameters[param]?.label ?? c.label} anges inte i avtalet. Här används det största belopp där ingen part överstiger taket: ${formatParameterValue('money', overrides[param]!)}.`,
      operator: `${param} anges inte i avtalet; demon använder det största belopp där ingen part överstiger taket: ${overrides[param]} kr (andel solve ${id} max-${c.id}-total).`,
    });
  }
  return { overrides, notes };
}
