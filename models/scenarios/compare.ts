/**
 * Comparison of two results of a scheme, party by party: each party's
 * figure in the base and in the scenario, the difference in kronor and per
 * cent, and what the scenario does to the reconciliation (the surplus or
 * gap, the break-even rate, what the caps hold back).
 */
import type { SchemeResult } from '../evaluate.js';
import { Dec, type Ore } from '../money.js';

/** One party in a comparison. A party only on one side left or joined. */
export interface PartyComparison {
  readonly code: string;
  readonly name: string;
  readonly kind: string;
  /** `both`, `left` (only in the base: does not sign), `joined` (only in the scenario). */
  readonly status: 'both' | 'left' | 'joined';
  readonly base?: Ore;
  readonly scenario?: Ore;
  /** scenario − base (a missing side counts as 0). */
  readonly diff: Ore;
  /** diff ÷ base, exact; undefined when the base is 0 or missing. */
  readonly relative?: Dec;
  /** Per component id. */
  readonly components: Readonly<Record<string, { readonly base?: Ore; readonly scenario?: Ore; readonly diff: Ore }>>;
}

/** A figure of the reconciliation on both sides. */
export interface ReconciliationComparison {
  readonly key: string;
  readonly label: string;
  readonly unit: 'kr' | 'kr/unit' | 'count' | 'text';
  readonly base?: Dec | string;
  readonly scenario?: Dec | string;
  /** scenario − base, for numbers present on both sides. */
  readonly diff?: Dec;
}

/** The outcome of {@link compareResults}. */
export interface Comparison {
  readonly base: SchemeResult;
  readonly scenario: SchemeResult;
  readonly parties: readonly PartyComparison[];
  readonly total: { readonly base: Ore; readonly scenario: Ore; readonly diff: Ore };
  readonly reconciliation: readonly ReconciliationComparison[];
  /** Component ids on either side, in order. */
  readonly componentIds: readonly string[];
}

/**
 * Compares two results party by party.
 *
 * @example
 * const c = compareResults(evaluateScheme(vgr), evaluateScheme(withoutGoteborg));
 * c.parties.find((p) => p.code === '1480') // { status: 'left', base: 587549000, diff: -587549000, … }
 */
export function compareResults(base: SchemeResult, scenario: SchemeResult): Comparison {
  const scenarioBy = new Map(scenario.parties.map((p) => [p.party.code, p]));
  const baseCodes = new Set(base.parties.map((p) => p.party.code));
  const componentIds = [...new Set([...base.components.map((c) => c.component.id), ...scenario.components.map((c) => c.component.id)])];
  const parties: PartyComparison[] = [];
  for (const b of base.parties) {
    const s = scenarioBy.get(b.party.code);
    parties.push(partyComparison(b.party, b, s, componentIds));
  }
  for (const s of scenario.parties) if (!baseCodes.has(s.party.code)) parties.push(partyComparison(s.party, undefined, s, componentIds));
  return {
    base, scenario, parties, componentIds,
    total: { base: base.total, scenario: scenario.total, diff: scenario.total - base.total },
    reconciliation: reconciliationRows(base, scenario),
  };
}

function partyComparison(
  party: { code: string; name: string; kind: string },
  b: SchemeResult['parties'][number] | undefined,
  s: SchemeResult['parties'][number] | undefined,
  componentIds: readonly string[],
): PartyComparison {
  const diff = (s?.amount ?? 0) - (b?.amount ?? 0);
  const components: Record<string, { base?: Ore; scenario?: Ore; diff: Ore }> = {};
  for (const id of componentIds) {
    const x = b?.components[id];
    const y = s?.components[id];
    if (x === undefined && y === undefined) continue;
    components[id] = { ...(x !== undefined ? { base: x } : {}), ...(y !== undefined ? { scenario: y } : {}), diff: (y ?? 0) - (x ?? 0) };
  }
  return {
    code: party.code, name: party.name, kind: party.kind,
    status: b && s ? 'both' : b ? 'left' : 'joined',
    ...(b ? { base: b.amount } : {}), ...(s ? { scenario: s.amount } : {}), diff,
    ...(b && b.amount !== 0 ? { relative: new Dec(diff).dividedBy(b.amount) } : {}),
    components,
  };
}

const kr = (ore: Ore | undefined) => (ore === undefined ? undefined : new Dec(ore).dividedBy(100));

function reconciliationRows(base: SchemeResult, scenario: SchemeResult): ReconciliationComparison[] {
  const rows: ReconciliationComparison[] = [];
  const num = (key: string, label: string, unit: 'kr' | 'kr/unit' | 'count', f: (r: SchemeResult) => Dec | undefined) => {
    const x = f(base);
    const y = f(scenario);
    if (x === undefined && y === undefined) return;
    rows.push({ key, label, unit, ...(x !== undefined ? { base: x } : {}), ...(y !== undefined ? { scenario: y } : {}), ...(x !== undefined && y !== undefined ? { diff: y.minus(x) } : {}) });
  };
  num('total', 'Summa', 'kr', (r) => kr(r.total));
  num('uncovered', 'Ej täckt av någon part', 'kr', (r) => kr(r.reconciliation.uncovered));
  num('need', 'Behov (kostnad − intäkter)', 'kr', (r) => kr(r.reconciliation.financing?.need));
  num('raised', 'Inbetalt', 'kr', (r) => kr(r.reconciliation.financing?.raised));
  num('surplus', 'Överskott (negativt: underskott)', 'kr', (r) => kr(r.reconciliation.financing?.surplus));
  num('countedUnits', 'Räknade invånare', 'count', (r) => (r.reconciliation.financing?.countedUnits !== undefined ? new Dec(r.reconciliation.financing.countedUnits) : undefined));
  num('breakEvenRate', 'Nollresultat per invånare', 'kr/unit', (r) => r.reconciliation.financing?.breakEvenRate);
  num('coveringRate', 'Lägsta belopp i hela öre som täcker behovet', 'kr/unit', (r) => r.reconciliation.financing?.coveringRate);
  const capped = [...new Set([...base.components, ...scenario.components].filter((c) => c.bounded).map((c) => c.component.id))];
  for (const id of capped) {
    const comp = (r: SchemeResult) => r.components.find((c) => c.component.id === id)?.bounded;
    const label = (base.components.find((c) => c.component.id === id) ?? scenario.components.find((c) => c.component.id === id))!.component.label;
    num(`${id}.heldBack`, `${label}: tillbakahållet av tak`, 'kr', (r) => kr(comp(r)?.reconciliation.heldBack));
    num(`${id}.carried`, `${label}: buret av bärare`, 'kr', (r) => kr(comp(r)?.reconciliation.carried));
    const x = comp(base)?.capped.join(', ');
    const y = comp(scenario)?.capped.join(', ');
    rows.push({ key: `${id}.capped`, label: `${label}: taket binder för`, unit: 'text', ...(x !== undefined ? { base: x || '–' } : {}), ...(y !== undefined ? { scenario: y || '–' } : {}) });
  }
  return rows;
}
