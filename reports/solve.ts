/**
 * The answer of `solve` as text and JSON: the value, what it means under
 * the cap policy in force, the binding party and the evaluations that check
 * it.
 */
import { capPolicyJson } from '../models/cap-policy.js';
import { type Text, t } from '../models/errors.js';
import { Dec, type Ore, oreToDecimalString } from '../models/money.js';
import { type SchemeModel, caveatText } from '../models/scheme.js';
import type { CapFigures, ComponentCapacity, MaxTotalResult } from '../models/solve.js';
import type { SolvedMaxTotal } from '../pipeline/solve.js';
import { formatKronor, formatPercent } from './format.js';
import { capFigureWithPeriod } from './per-words.js';

const name = (model: SchemeModel, code: string) => model.parties.find((p) => p.code === code)?.name ?? code;

/** What the answer means under the policy in force, in both languages. */
function meaning(a: ComponentCapacity, model: SchemeModel): Text {
  const c = a.component;
  const cap = capFigureWithPeriod(c, formatKronor).replaceAll('\u00a0', ' ');
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
    // Per year: the cap as written, and for a total per year the largest yearly total (N × it is within the answer).
    ...(c.cap?.per === 'year' && c.cap.yearly !== undefined ? { capPer: 'year', capPerYear: oreToDecimalString(c.cap.yearly) } : {}),
    ...(c.totalPer === 'year' && a.kind !== 'unbounded' && (c.years?.length ?? 0) > 0
      ? { totalPer: 'year', valuePerYear: oreToDecimalString(Math.floor(a.total / c.years!.length / model.unit) * model.unit) }
      : {}),
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
    caveats: (model.caveats ?? []).map(caveatText),
    ...(a.firstCap ? { candidatesChecked: a.firstCap.checked } : {}),
  };
}

/** `andel solve` as text: the answer, what it means under the policy, the binding party and the check. */
export function solveText(s: SolvedMaxTotal): string {
  const { model, component: c, totalParam, capacity: a } = s;
  const kr = (ore: Ore) => formatKronor(ore, { decimals: 2 });
  // A total per year: the parameter takes the yearly figure, the largest whose N-fold is within the answer.
  const n = c.totalPer === 'year' ? (c.years?.length ?? 0) : 0;
  const perYear = (ore: Ore) => Math.floor(ore / n / model.unit) * model.unit;
  const set = (ore: Ore) => (totalParam ? `  (--set ${totalParam}=${oreToDecimalString(n > 0 ? perYear(ore) : ore)})` : '');
  const answer = (ore: Ore) => (n > 0 ? `${kr(ore)} för hela perioden, högst ${kr(perYear(ore))} per år` : kr(ore));
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
        `  ${answer(a.firstCap.total)}${set(a.firstCap.total)}`,
        bindingLine(a.firstCap),
        `Kontroll: vid ${kr(a.firstCap.total)} binder taket för ingen part; vid ${kr(a.firstCap.check.atNext.total)} för ${who(a.firstCap.check.atNext.capped)}.`,
      );
    }
  } else {
    const f = a.check;
    lines.push(`${c.label}: ${meaning(a, model).sv}:`, `  ${answer(a.total)}${set(a.total)}`);
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
  lines.push(`Parter: ${model.partyList}.`, ...(model.caveats ?? []).map((x) => `OBS: ${caveatText(x)}`));
  return lines.join('\n').replaceAll('\u00a0', ' ') + '\n';
}

