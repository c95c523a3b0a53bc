/** `andel solve <scheme> <goal>`: exact answers to goal questions (the largest total under the caps). */
import { type LoadSchemeOptions, loadScheme } from '../../data/load-scheme.js';
import { findSchemeFile, readSchemeFile } from '../../data/scheme.js';
import { InputError, t } from '../../models/errors.js';
import { Dec, oreToDecimalString } from '../../models/money.js';
import type { SchemeModel, ShareComponent } from '../../models/scheme.js';
import { type MaxTotalResult, maxComponentTotal } from '../../models/solve.js';
import { formatKronor, formatPercent } from '../../reports/format.js';
import { type SchemeCliOptions, schemeOptions } from '../options.js';
import type { CliContext } from '../run.js';

/**
 * Answers a goal exactly: `max-total` / `max-<component>-total`, the largest
 * total of a capped component at which no party exceeds its cap.
 */
export async function solve(ctx: CliContext, scheme: string, goal: string, opts: SchemeCliOptions & { format: 'text' | 'json' }): Promise<void> {
  const m = /^max-(?:(.+)-)?total$/.exec(goal);
  if (!m) {
    throw InputError.of(t(`okänt mål "${goal}"`, `unknown goal "${goal}"`), { hint: t('Mål: max-total eller max-<komponent>-total, t.ex. max-licence-total.', 'Goals: max-total or max-<component>-total, e.g. max-licence-total.') }, 'E_OPTION');
  }
  const { model, component: c, totalParam, result: r } = await solveMaxTotal(scheme, m[1], schemeOptions(opts));
  const binding = model.parties.find((p) => p.code === r.binding.code)!;
  const share = new Dec(BigInt(r.binding.weight).toString()).dividedBy(r.weightTotal.toString());
  if (opts.format === 'json') {
    ctx.out(
      JSON.stringify(
        {
          scheme: model.id,
          goal,
          value: oreToDecimalString(r.total),
          parameter: totalParam ?? null,
          component: c.id,
          cap: oreToDecimalString(c.cap!.amount),
          binding: {
            code: binding.code,
            name: binding.name,
            share: share.toFixed(8),
            amountAtValue: oreToDecimalString(r.binding.amountAtTotal),
            amountAtValuePlusOneUnit: oreToDecimalString(r.binding.amountAtNext),
          },
          unit: oreToDecimalString(r.unit),
          partyList: model.partyList,
          caveats: model.caveats ?? [],
          candidatesChecked: r.checked,
        },
        null,
        2,
      ) + '\n',
    );
    return;
  }
  const lines = [
    `${c.label}: största totalbelopp där ingen part överstiger taket ${formatKronor(c.cap!.amount)}:`,
    `  ${formatKronor(r.total, { decimals: 2 })}${totalParam ? `  (--set ${totalParam}=${oreToDecimalString(r.total)})` : ''}`,
    `Bindande part: ${binding.code} ${binding.name}, ${formatPercent(share, 2)} av fördelningsnyckeln: ${formatKronor(r.binding.amountAtTotal, { decimals: 2 })} vid detta belopp, ${formatKronor(r.binding.amountAtNext, { decimals: 2 })} vid ${formatKronor(r.unit, { decimals: 2 })} mer.`,
    `Parter: ${model.partyList}.`,
    ...(model.caveats ?? []).map((x) => `OBS: ${x}`),
  ];
  ctx.out(lines.join('\n').replaceAll('\u00a0', ' ') + '\n');
}

/** A solved capped component: the scheme as loaded, the component, the parameter its total comes from. */
export interface SolvedMaxTotal {
  readonly model: SchemeModel;
  readonly component: ShareComponent;
  readonly totalParam?: string;
  readonly result: MaxTotalResult;
}

/**
 * Loads a scheme and finds the largest total of its capped component
 * `componentId` (the first capped one when absent). The total being solved
 * for needs no value: an unset total parameter gets a placeholder.
 */
export async function solveMaxTotal(scheme: string, componentId: string | undefined, options: LoadSchemeOptions & { overrides: Record<string, string> }): Promise<SolvedMaxTotal> {
  const { path, label } = await findSchemeFile(scheme);
  const def = await readSchemeFile(path, label);
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
  return { model, component, ...(totalParam ? { totalParam } : {}), result: maxComponentTotal(model, component) };
}
