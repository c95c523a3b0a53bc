/** `andel solve <scheme> <goal>`: exact answers to goal questions (the largest total under the caps). */
import { loadScheme } from '../../data/load-scheme.js';
import { findSchemeFile, readSchemeFile } from '../../data/scheme.js';
import { InputError, t } from '../../models/errors.js';
import { keyWeights } from '../../models/evaluate.js';
import { Dec, oreToDecimalString } from '../../models/money.js';
import type { ShareComponent } from '../../models/scheme.js';
import { maxTotalUnderCaps } from '../../models/solve.js';
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
  const options = schemeOptions(opts);
  // The total being solved for needs no value: give an unset one a placeholder.
  const { path, label } = await findSchemeFile(scheme);
  const def = await readSchemeFile(path, label);
  const capped = def.components.filter((c) => c.kind === 'share' && c.cap);
  const target = m[1] ? capped.find((c) => c.id === m[1]) : capped[0];
  if (!target || target.kind !== 'share') {
    throw InputError.of(
      t(`schemat ${def.id} har ingen komponent${m[1] ? ` "${m[1]}"` : ''} med tak`, `scheme ${def.id} has no component${m[1] ? ` "${m[1]}"` : ''} with a cap`),
      { hint: t(`Komponenter med tak: ${capped.map((c) => c.id).join(', ') || '(inga)'}.`, `Components with a cap: ${capped.map((c) => c.id).join(', ') || '(none)'}.`) },
      'E_OPTION',
    );
  }
  const totalParam = typeof target.total === 'object' ? target.total.param : undefined;
  if (totalParam && options.overrides[totalParam] === undefined && def.parameters[totalParam]?.value === undefined) options.overrides[totalParam] = '0';
  const { model } = await loadScheme(scheme, options);
  const c = model.components.find((x) => x.id === target.id) as ShareComponent;
  const weights = keyWeights(c.key, c.parties, model, c.id);
  const capSet = new Set(c.cap!.parties);
  const r = maxTotalUnderCaps({ codes: c.parties, weights, caps: c.parties.map((code) => (capSet.has(code) ? c.cap!.amount : undefined)), unit: model.unit });
  const binding = model.parties.find((p) => p.code === r.binding.code)!;
  const W = weights.reduce<bigint>((s, w) => s + BigInt(w), 0n);
  const share = new Dec(BigInt(r.binding.weight).toString()).dividedBy(W.toString());
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
