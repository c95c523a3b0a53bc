/** `andel solve <scheme> <goal>`: exact answers to goal questions (the largest total the caps can hold, under the policy in force). */
import { type LoadSchemeOptions, loadScheme } from '../../data/load-scheme.js';
import { findSchemeFile, readSchemeFile } from '../../data/scheme/find.js';
import { capPolicyJson } from '../../models/cap-policy.js';
import { InputError, type Text, t } from '../../models/errors.js';
import { Dec, type Ore, oreToDecimalString } from '../../models/money.js';
import type { SchemeModel, ShareComponent } from '../../models/scheme.js';
import { type CapFigures, type ComponentCapacity, type MaxTotalResult, componentCapacity, maxComponentTotal } from '../../models/solve.js';
import { formatKronor, formatPercent } from '../../reports/format.js';
import { writeJson } from '../../reports/formats/json.js';
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
  const m = /^max-(?:(.+)-)?total$/.exec(goal);
  if (!m) {
    throw InputError.of(t(`okänt mål "${goal}"`, `unknown goal "${goal}"`), { hint: t('Mål: max-total eller max-<komponent>-total, t.ex. max-licence-total.', 'Goals: max-total or max-<component>-total, e.g. max-licence-total.') }, 'E_OPTION');
  }
  const solved = await solveMaxTotal(scheme, m[1], schemeOptions(opts));
  ctx.out(opts.format === 'json' ? writeJson(solveJson(solved, goal)) : solveText(solved));
}

const name = (model: SchemeModel, code: string) => model.parties.find((p) => p.code === code)?.name ?? code;

/** What the answer means under the policy in force, in both languages. */
function meaning(a: ComponentCapacity, model: SchemeModel): Text {
  const c = a.component;
  const cap = formatKronor(c.cap!.amount).replaceAll('\u00a0', ' ');
  switch (a.kind) {
    case 'before-carrier': {
      const carrier = a.policy.kind === 'carrier' ? name(model, a.policy.code) : '';
      return t(
        `största totalbelopp innan ${carrier} behöver bära något av det som taket ${cap} håller tillbaka`,
        `the largest total before ${carrier} has to carry anything the cap of ${cap} holds back`,
      );
    }
    case 'nothing-uncovered':
      return a.everyPartyCapped
        ? t(
            `största totalbelopp där inget lämnas ej täckt när det som taket ${cap} håller tillbaka fördelas om: alla ${a.sharing} parter betalar då sitt tak`,
            `the largest total with nothing left uncovered when what the cap of ${cap} holds back is redistributed: every one of the ${a.sharing} parties then pays its cap`,
          )
        : t(`största totalbelopp där inget lämnas ej täckt, innan någon part når över taket ${cap}`, `the largest total with nothing left uncovered, before any party goes past the cap of ${cap}`);
    case 'unbounded':
      return t(
        `inget största totalbelopp: det som taket ${cap} håller tillbaka fördelas om, och ${a.uncapped.length === 1 ? 'en part' : `${a.uncapped.length} parter`} utan tak tar över det, så inget lämnas ej täckt vid något totalbelopp`,
        `no largest total: what the cap of ${cap} holds back is redistributed, and ${a.uncapped.length === 1 ? 'a party' : `${a.uncapped.length} parties`} without a cap take it over, so nothing is left uncovered at any total`,
      );
  }
}

function figuresJson(f: CapFigures): Record<string, unknown> {
  return {
    total: oreToDecimalString(f.total),
    capped: f.capped,
    heldBack: oreToDecimalString(f.heldBack),
    carried: oreToDecimalString(f.carried),
    uncovered: oreToDecimalString(f.uncovered),
  };
}

/** The JSON of `andel solve`: the value, the policy and what the value means under it, and the evaluations that check it. */
export function solveJson(s: SolvedMaxTotal, goal: string): Record<string, unknown> {
  const { model, component: c, totalParam, capacity: a } = s;
  const bindingJson = (r: MaxTotalResult) => {
    const binding = model.parties.find((p) => p.code === r.binding.code)!;
    return {
      code: binding.code,
      name: binding.name,
      share: new Dec(BigInt(r.binding.weight).toString()).dividedBy(r.weightTotal.toString()).toFixed(8),
      amountAtValue: oreToDecimalString(r.binding.amountAtTotal),
      amountAtValuePlusOneUnit: oreToDecimalString(r.binding.amountAtNext),
    };
  };
  const firstCapIsAnswer = a.kind !== 'unbounded' && !(a.kind === 'nothing-uncovered' && a.everyPartyCapped);
  return {
    scheme: model.id,
    goal,
    value: a.kind === 'unbounded' ? null : oreToDecimalString(a.total),
    parameter: totalParam ?? null,
    component: c.id,
    cap: oreToDecimalString(c.cap!.amount),
    policy: capPolicyJson(a.policy),
    answers: a.kind,
    meaning: meaning(a, model),
    ...(a.kind === 'unbounded' ? { uncapped: a.uncapped } : {}),
    ...(firstCapIsAnswer && a.firstCap ? { binding: bindingJson(a.firstCap) } : {}),
    ...(a.kind !== 'unbounded' ? { check: { atValue: figuresJson(a.check.atTotal), atValuePlusOneUnit: figuresJson(a.check.atNext) } } : {}),
    firstCap: a.firstCap
      ? {
          value: oreToDecimalString(a.firstCap.total),
          binding: bindingJson(a.firstCap),
          check: { atValue: figuresJson(a.firstCap.check.atTotal), atValuePlusOneUnit: figuresJson(a.firstCap.check.atNext) },
        }
      : null,
    unit: oreToDecimalString(model.unit),
    partyList: model.partyList,
    caveats: model.caveats ?? [],
    ...(a.firstCap ? { candidatesChecked: a.firstCap.checked } : {}),
  };
}

/** `andel solve` as text: the answer, what it means under the policy, the binding party and the check. */
export function solveText(s: SolvedMaxTotal): string {
  const { model, component: c, totalParam, capacity: a } = s;
  const kr = (ore: Ore) => formatKronor(ore, { decimals: 2 });
  const set = (ore: Ore) => (totalParam ? `  (--set ${totalParam}=${oreToDecimalString(ore)})` : '');
  const who = (codes: readonly string[]) => codes.map((code) => `${code} ${name(model, code)}`).join(', ');
  const bindingLine = (r: MaxTotalResult) => {
    const share = new Dec(BigInt(r.binding.weight).toString()).dividedBy(r.weightTotal.toString());
    return `Bindande part: ${r.binding.code} ${name(model, r.binding.code)}, ${formatPercent(share, 2)} av fördelningsnyckeln: dess andel är ${kr(r.binding.amountAtTotal)} vid detta belopp och ${kr(r.binding.amountAtNext)} vid ${kr(r.unit)} mer.`;
  };
  const lines: string[] = [];
  if (a.kind === 'unbounded') {
    lines.push(`${c.label}: ${meaning(a, model).sv}. Parter utan tak: ${who(a.uncapped)}.`);
    if (a.firstCap) {
      lines.push(
        `Största totalbelopp där ingen part ännu når taket:`,
        `  ${kr(a.firstCap.total)}${set(a.firstCap.total)}`,
        bindingLine(a.firstCap),
        `Kontroll: vid ${kr(a.firstCap.total)} binder taket för ingen part; vid ${kr(a.firstCap.check.atNext.total)} för ${who(a.firstCap.check.atNext.capped)}.`,
      );
    }
  } else {
    const f = a.check;
    lines.push(`${c.label}: ${meaning(a, model).sv}:`, `  ${kr(a.total)}${set(a.total)}`);
    if (a.kind === 'before-carrier') {
      const carrier = a.policy.kind === 'carrier' ? name(model, a.policy.code) : '';
      lines.push(
        bindingLine(a.firstCap!),
        `Kontroll: vid ${kr(f.atTotal.total)} bär ${carrier} ${kr(f.atTotal.carried)}; vid ${kr(f.atNext.total)} bär ${carrier} ${kr(f.atNext.carried)}.`,
        `Över det beloppet bär ${carrier} allt som taket håller tillbaka; inget lämnas ej täckt.`,
      );
    } else {
      if (!a.everyPartyCapped) lines.push(bindingLine(a.firstCap!));
      lines.push(`Kontroll: vid ${kr(f.atTotal.total)} lämnas ${kr(f.atTotal.uncovered)} ej täckt; vid ${kr(f.atNext.total)} lämnas ${kr(f.atNext.uncovered)} ej täckt.`);
      if (a.everyPartyCapped && a.firstCap) {
        lines.push(
          `Ingen part når taket upp till ${kr(a.firstCap.total)}; vid ${kr(a.firstCap.check.atNext.total)} binder det för ${who(a.firstCap.check.atNext.capped)}, och de andra parterna tar över det som taket håller tillbaka.`,
        );
      }
    }
  }
  lines.push(`Parter: ${model.partyList}.`, ...(model.caveats ?? []).map((x) => `OBS: ${x}`));
  return lines.join('\n').replaceAll('\u00a0', ' ') + '\n';
}

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
  const capacity = componentCapacity(model, component);
  return { model, component, ...(totalParam ? { totalParam } : {}), result: capacity.firstCap ?? maxComponentTotal(model, component), capacity };
}
