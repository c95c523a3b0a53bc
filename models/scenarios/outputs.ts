/**
 * Named outputs of a scheme result, for sensitivity, goal seek and sweeps:
 * a planner writes `0180.licence` or `surplus` and gets an exact number.
 *
 * | name | value |
 * | --- | --- |
 * | `total`, `uncovered` | what the parties pay in all; what nobody covers (kr) |
 * | `need`, `raised`, `surplus`, `breakEvenRate` | the financing reconciliation (kr, kr/unit) |
 * | `<component>` | a component's total (kr) |
 * | `<component>.heldBack`, `.carried`, `.capped` | what its caps held back and the carrier took (kr); how many parties its cap binds |
 * | `<party>` | a party's amount (kr); the party by code or by name |
 * | `<party>.<component>` | a party's part of one component (kr) |
 * | `<party>.<component>.beforeCap`, `.utilisation`, `.capped` | its share before the cap (kr); amount ÷ cap; 1 when the cap binds, else 0 |
 */
import { InputError, type Text, t } from '../errors.js';
import type { PartyResult, SchemeResult } from '../evaluate.js';
import { Dec, type Ore } from '../money.js';

/** What an output measures, for formatting. */
export type OutputUnit = 'kr' | 'kr/unit' | 'ratio' | 'count';

/** An output resolved against a result: how to read it again from another result of the same scheme. */
export interface OutputRef {
  /** The name as the user wrote it. */
  readonly name: string;
  /** A readable label (Swedish), e.g. "Stockholm (0180), licens". */
  readonly label: string;
  readonly unit: OutputUnit;
  /** The value in a result: kronor for money, exact; undefined when the party or component is absent. */
  read(result: SchemeResult): Dec | undefined;
  /** The party the output belongs to (its code), when it is a party's figure. */
  readonly party?: string;
  /** The component the output belongs to (its id), when it names one. */
  readonly component?: string;
}

const kr = (ore: Ore) => new Dec(ore).dividedBy(100);

function findParty(result: SchemeResult, key: string): PartyResult | undefined {
  const lower = key.toLocaleLowerCase('sv');
  return result.parties.find((p) => p.party.code === key) ?? result.parties.find((p) => p.party.name.toLocaleLowerCase('sv') === lower);
}

/** The names a result offers, for error messages and `--help`. */
export function outputNames(result: SchemeResult): string[] {
  const comps = result.components.map((c) => c.component.id);
  const capped = result.components.filter((c) => c.bounded).map((c) => c.component.id);
  return [
    'total',
    'uncovered',
    ...(result.reconciliation.financing ? ['need', 'raised', 'surplus', ...(result.reconciliation.financing.breakEvenRate ? ['breakEvenRate'] : [])] : []),
    ...comps,
    ...capped.flatMap((c) => [`${c}.heldBack`, `${c}.carried`, `${c}.capped`]),
    '<kod>',
    ...comps.map((c) => `<kod>.${c}`),
    ...capped.flatMap((c) => [`<kod>.${c}.beforeCap`, `<kod>.${c}.utilisation`, `<kod>.${c}.capped`]),
  ];
}

/**
 * Resolves an output name against a result, or throws an InputError that
 * lists the names the result offers.
 *
 * @example
 * resolveOutput(result, '1480').read(result) // Göteborg's amount in kronor, e.g. 5875490
 */
export function resolveOutput(result: SchemeResult, name: string, where = '--output'): OutputRef {
  const ref = tryResolve(result, name.trim());
  if (ref) return ref;
  throw InputError.of(
    t(`okänd utdata "${name}"`, `unknown output "${name}"`),
    { file: where, hint: t(`Möjliga: ${outputNames(result).join(', ')}.`, `Possible: ${outputNames(result).join(', ')}.`) },
    'E_OPTION',
  );
}

function tryResolve(result: SchemeResult, name: string): OutputRef | undefined {
  const fin = (label: string, f: (r: SchemeResult) => Dec | undefined, unit: OutputUnit = 'kr'): OutputRef => ({ name, label, unit, read: f });
  switch (name) {
    case 'total':
      return fin('Summa', (r) => kr(r.total));
    case 'uncovered':
      return fin('Ej täckt', (r) => kr(r.reconciliation.uncovered));
    case 'need':
      return result.reconciliation.financing ? fin('Behov', (r) => (r.reconciliation.financing ? kr(r.reconciliation.financing.need) : undefined)) : undefined;
    case 'raised':
      return result.reconciliation.financing ? fin('Inbetalt', (r) => (r.reconciliation.financing ? kr(r.reconciliation.financing.raised) : undefined)) : undefined;
    case 'surplus':
      return result.reconciliation.financing ? fin('Överskott (negativt: underskott)', (r) => (r.reconciliation.financing ? kr(r.reconciliation.financing.surplus) : undefined)) : undefined;
    case 'breakEvenRate':
      return result.reconciliation.financing?.breakEvenRate ? fin('Nollresultat per enhet', (r) => r.reconciliation.financing?.breakEvenRate, 'kr/unit') : undefined;
  }
  const parts = name.split('.');
  const compIds = new Set(result.components.map((c) => c.component.id));
  const [head, second, third] = parts as [string, string | undefined, string | undefined];
  if (compIds.has(head)) {
    const id = head;
    const comp = (r: SchemeResult) => r.components.find((c) => c.component.id === id);
    const label = result.components.find((c) => c.component.id === id)!.component.label;
    if (parts.length === 1) return { name, label, unit: 'kr', component: id, read: (r) => mapDefined(comp(r), (c) => kr(c.total)) };
    if (parts.length === 2 && result.components.find((c) => c.component.id === id)?.bounded) {
      if (second === 'heldBack') return { name, label: `${label}, tillbakahållet av tak`, unit: 'kr', component: id, read: (r) => mapDefined(comp(r)?.bounded, (b) => kr(b.reconciliation.heldBack)) };
      if (second === 'carried') return { name, label: `${label}, buret av bärare`, unit: 'kr', component: id, read: (r) => mapDefined(comp(r)?.bounded, (b) => kr(b.reconciliation.carried)) };
      if (second === 'capped') return { name, label: `${label}, antal parter där taket binder`, unit: 'count', component: id, read: (r) => mapDefined(comp(r)?.bounded, (b) => new Dec(b.capped.length)) };
    }
    return undefined;
  }
  const party = findParty(result, head);
  if (!party) return undefined;
  const code = party.party.code;
  const partyLabel = `${party.party.name} (${code})`;
  const p = (r: SchemeResult) => r.parties.find((x) => x.party.code === code);
  if (parts.length === 1) return { name, label: partyLabel, unit: 'kr', party: code, read: (r) => mapDefined(p(r), (x) => kr(x.amount)) };
  if (second === undefined || !compIds.has(second)) return undefined;
  const cid = second;
  const clabel = result.components.find((c) => c.component.id === cid)!.component.label;
  if (parts.length === 2) return { name, label: `${partyLabel}, ${clabel}`, unit: 'kr', party: code, component: cid, read: (r) => mapDefined(p(r), (x) => kr(x.components[cid] ?? 0)) };
  if (parts.length !== 3) return undefined;
  const line = (r: SchemeResult) => r.components.find((c) => c.component.id === cid)?.bounded?.lines.find((l) => l.code === code);
  if (!result.components.find((c) => c.component.id === cid)?.bounded) return undefined;
  switch (third) {
    case 'beforeCap':
      return { name, label: `${partyLabel}, ${clabel} före tak`, unit: 'kr', party: code, component: cid, read: (r) => mapDefined(line(r), (l) => kr(l.unbounded.amount)) };
    case 'utilisation':
      return { name, label: `${partyLabel}, ${clabel}: andel av taket`, unit: 'ratio', party: code, component: cid, read: (r) => mapDefined(line(r), (l) => (l.cap ? new Dec(l.amount).dividedBy(l.cap) : undefined)) };
    case 'capped':
      return { name, label: `${partyLabel}, ${clabel}: taket binder`, unit: 'count', party: code, component: cid, read: (r) => mapDefined(line(r), (l) => new Dec(l.capApplied ? 1 : 0)) };
  }
  return undefined;
}

function mapDefined<T, U>(v: T | undefined, f: (v: T) => U | undefined): U | undefined {
  return v === undefined ? undefined : f(v);
}

/**
 * A condition on an output: `surplus>=0`, `0180.licence.utilisation>=1`,
 * `0381=100000` (exactly equal: goal seek answers with the interval of
 * values where it holds), or a 0/1 output alone (`0180.licence.capped`).
 */
export interface Goal {
  readonly output: string;
  readonly op: '>=' | '<=' | '>' | '<' | '=';
  readonly target: Dec;
  readonly text: string;
}

/** Parses a goal (`>=`, `<=`, `>`, `<`, `=` or `==`, `≥`, `≤`); a {@link Text} says what is wrong. */
export function parseGoal(text: string): Goal | { readonly error: Text } {
  const m = /^\s*(.+?)\s*(>=|<=|==|=|>|<|≥|≤)\s*([+\-−]?[\d\s\u00a0]*[\d](?:[.,]\d+)?)\s*$/.exec(text);
  if (!m) {
    if (/^[\p{L}\d][\p{L}\d._ -]*$/u.test(text.trim())) return { output: text.trim(), op: '>=', target: new Dec(1), text: `${text.trim()}>=1` };
    return {
      error: t(
        `målet "${text}" ska skrivas utdata>=värde, utdata<=värde eller utdata=värde, t.ex. surplus>=0`,
        `the goal "${text}" must be written output>=value, output<=value or output=value, e.g. surplus>=0`,
      ),
    };
  }
  const op = m[2] === '≥' ? '>=' : m[2] === '≤' ? '<=' : m[2] === '==' ? '=' : (m[2] as Goal['op']);
  const target = new Dec(m[3]!.replace(/[\s\u00a0]/g, '').replace('−', '-').replace(',', '.'));
  return { output: m[1]!, op, target, text: `${m[1]}${op}${target.toString()}` };
}

/** Whether a value meets the goal. */
export function meetsGoal(goal: Goal, value: Dec): boolean {
  const c = value.comparedTo(goal.target);
  switch (goal.op) {
    case '>=':
      return c >= 0;
    case '<=':
      return c <= 0;
    case '>':
      return c > 0;
    case '<':
      return c < 0;
    case '=':
      return c === 0;
  }
}
