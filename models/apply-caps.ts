/**
 * Caps and floors on a proportional split, with a declared policy for what a
 * cap holds back:
 *
 * - `redistribute`: the held-back amount is split again among the parties not
 *   yet capped, by weight, until no party exceeds its cap (water-filling);
 * - `carrier`: a named party carries everything the caps hold back (Region
 *   Stockholm in the Stockholm agreement);
 * - `uncovered`: nobody carries it; the result reports it as not covered and
 *   names the parties whose cap bound.
 *
 * Floors are always met by taking from the parties above their floor, by
 * weight. A party's cap and floor are rounded inwards to the rounding unit.
 */
import { type Allocation, type AllocationLine, type Weight, allocateByWeights } from './allocate.js';
import { InputError, InvariantError, t } from './errors.js';
import type { CapPolicy } from './cap-policy.js';
import type { Ore } from './money.js';

export type { CapPolicy } from './cap-policy.js';

/** A proportional split with optional bounds per party. */
export interface BoundedAllocationInput {
  readonly total: Ore;
  readonly codes: readonly string[];
  readonly weights: readonly Weight[];
  readonly unit?: Ore;
  /** Upper bound per party in öre; `undefined` for none. */
  readonly caps?: readonly (Ore | undefined)[];
  /** Lower bound per party in öre; `undefined` for none. */
  readonly floors?: readonly (Ore | undefined)[];
  readonly policy: CapPolicy;
}

/** How one party's bounded figure was made. */
export interface BoundedLine {
  readonly code: string;
  readonly weight: Weight;
  /** The party's share of the whole total before any bound: explanation. */
  readonly unbounded: AllocationLine;
  /** The final amount, bounds and policy applied. */
  readonly amount: Ore;
  /** The cap (rounded down to the unit), if any. */
  readonly cap?: Ore;
  /** The floor (rounded up to the unit), if any. */
  readonly floor?: Ore;
  /** The cap bound this party: it pays exactly its cap. */
  readonly capApplied: boolean;
  /** The floor bound this party: it pays exactly its floor. */
  readonly floorApplied: boolean;
  /** What this party's cap held back from its unbounded share (≥ 0). */
  readonly heldBack: Ore;
  /** What this party received from redistribution or carried for others (≥ 0). */
  readonly received: Ore;
}

/** Proves the split: parts + uncovered = total, every bound holds. */
export interface Reconciliation {
  readonly total: Ore;
  /** Sum of every party's amount, the carrier's included. */
  readonly allocated: Ore;
  /** Held back by caps, in all. */
  readonly heldBack: Ore;
  /** Carried by the carrier party (policy `carrier`). */
  readonly carried: Ore;
  /** Neither allocated nor carried (policy `uncovered`, or every party capped). */
  readonly uncovered: Ore;
  readonly conserved: boolean;
  readonly capsHold: boolean;
  readonly floorsHold: boolean;
}

/** The outcome of {@link allocateWithBounds}. */
export interface BoundedAllocation {
  readonly total: Ore;
  readonly unit: Ore;
  readonly policy: CapPolicy;
  readonly lines: readonly BoundedLine[];
  /** The carrier's line when the carrier is not one of the weighted parties. */
  readonly carrier?: { readonly code: string; readonly name?: string; readonly amount: Ore };
  /** Codes of the parties whose cap bound (or would have, under `uncovered`). */
  readonly capped: readonly string[];
  /** Rounds of water-filling it took (1 when no bound bound). */
  readonly rounds: number;
  readonly reconciliation: Reconciliation;
}

/**
 * Splits a total by weight, then applies caps and floors under `policy`.
 *
 * @example
 * allocateWithBounds({
 *   total: 300, codes: ['a', 'b'], weights: [2, 1],
 *   caps: [150, undefined], policy: { kind: 'carrier', code: 'r' },
 * }) // a pays 150 (capped), b 100, r carries 50
 */
export function allocateWithBounds(input: BoundedAllocationInput): BoundedAllocation {
  const unit = input.unit ?? 1;
  const n = input.codes.length;
  const caps = (input.caps ?? []).map((c) => (c === undefined ? undefined : Math.floor(c / unit) * unit));
  const floors = (input.floors ?? []).map((f) => (f === undefined ? undefined : Math.ceil(f / unit) * unit));
  checkBounds(input, caps, floors);

  const unbounded = allocateByWeights({ total: input.total, codes: input.codes, weights: input.weights, unit });
  const redistribute = input.policy.kind === 'redistribute';
  // Water-filling: parties whose bound binds are fixed at it, the rest share
  // what remains, until nobody crosses a bound. Each round fixes at least one
  // party, so it ends within n + 1 rounds.
  const fixedAt: (Ore | undefined)[] = new Array<Ore | undefined>(n).fill(undefined);
  const capBound: boolean[] = new Array<boolean>(n).fill(false);
  let current: Allocation = unbounded;
  let activeIdx: number[] = [...Array(n).keys()];
  let rounds = 1;
  let uncoveredByCaps = 0;
  for (;;) {
    const amounts = new Map<number, Ore>();
    current.lines.forEach((l, k) => amounts.set(activeIdx[k]!, l.amount));
    const overCap: number[] = [];
    const underFloor: number[] = [];
    let excess = 0;
    let deficit = 0;
    for (const i of activeIdx) {
      const a = amounts.get(i)!;
      const cap = caps[i];
      const floor = floors[i];
      if (redistribute && cap !== undefined && a > cap) {
        overCap.push(i);
        excess += a - cap;
      } else if (floor !== undefined && a < floor) {
        underFloor.push(i);
        deficit += floor - a;
      }
    }
    if (overCap.length === 0 && underFloor.length === 0) {
      activeIdx.forEach((i) => (fixedAt[i] = amounts.get(i)!));
      break;
    }
    const fixCaps = overCap.length > 0 && excess >= deficit;
    for (const i of fixCaps ? overCap : underFloor) {
      fixedAt[i] = fixCaps ? caps[i]! : floors[i]!;
      capBound[i] = fixCaps;
    }
    activeIdx = activeIdx.filter((i) => fixedAt[i] === undefined);
    const fixedSum = fixedAt.reduce<number>((s, v) => s + (v ?? 0), 0);
    const remaining = input.total - fixedSum;
    rounds += 1;
    if (remaining < 0) {
      throw InputError.of(
        t(
          `golven summerar till mer än beloppet att fördela (${-remaining} öre för mycket)`,
          `the floors add up to more than the amount to split (${-remaining} öre too much)`,
        ),
      );
    }
    if (activeIdx.length === 0 || activeIdx.every((i) => BigInt(input.weights[i]!) === 0n)) {
      // Everyone is bound: what is left cannot be placed within the caps.
      activeIdx.forEach((i) => (fixedAt[i] = 0));
      uncoveredByCaps = remaining;
      break;
    }
    current = allocateByWeights({
      total: remaining,
      codes: activeIdx.map((i) => input.codes[i]!),
      weights: activeIdx.map((i) => input.weights[i]!),
      unit,
    });
  }

  // Caps under `carrier` and `uncovered` hold back without redistribution.
  const lines: BoundedLine[] = [];
  let heldBack = 0;
  const capped: string[] = [];
  for (let i = 0; i < n; i++) {
    const pre = fixedAt[i]!;
    const cap = caps[i];
    const floor = floors[i];
    let amount = pre;
    let held = 0;
    if (cap !== undefined && pre > cap && !redistribute) {
      amount = cap;
      held = pre - cap;
    }
    const un = unbounded.lines[i]!;
    const capApplied = capBound[i]! || held > 0;
    if (capApplied) capped.push(input.codes[i]!);
    if (redistribute && capApplied) held = Math.max(0, un.amount - cap!);
    heldBack += held;
    lines.push({
      code: input.codes[i]!,
      weight: input.weights[i]!,
      unbounded: un,
      amount,
      ...(cap !== undefined ? { cap } : {}),
      ...(floor !== undefined ? { floor } : {}),
      capApplied,
      floorApplied: floor !== undefined && amount === floor && un.amount < floor,
      heldBack: held,
      received: Math.max(0, amount - un.amount),
    });
  }

  let carried = 0;
  let uncovered = uncoveredByCaps;
  let carrier: BoundedAllocation['carrier'];
  if (input.policy.kind === 'carrier') {
    const heldNow = lines.reduce((s, l) => s + (redistribute ? 0 : l.heldBack), 0);
    carried = heldNow;
    const k = input.codes.indexOf(input.policy.code);
    if (k >= 0) {
      const l = lines[k]!;
      lines[k] = { ...l, amount: l.amount + carried, received: l.received + carried };
    } else {
      carrier = { code: input.policy.code, ...(input.policy.name ? { name: input.policy.name } : {}), amount: carried };
    }
  } else if (input.policy.kind === 'uncovered') {
    uncovered += lines.reduce((s, l) => s + l.heldBack, 0);
  }

  const allocated = lines.reduce((s, l) => s + l.amount, 0) + (carrier?.amount ?? 0);
  const reconciliation: Reconciliation = {
    total: input.total,
    allocated,
    heldBack,
    carried,
    uncovered,
    conserved: allocated + uncovered === input.total,
    capsHold: lines.every((l, i) => l.cap === undefined || l.amount <= l.cap || input.codes[i] === carrierCode(input.policy)),
    floorsHold: lines.every((l) => l.floor === undefined || l.amount >= l.floor),
  };
  if (!reconciliation.conserved || !reconciliation.capsHold || !reconciliation.floorsHold || lines.some((l) => l.amount < 0)) {
    throw new InvariantError(
      t('fördelningen med tak och golv stämmer inte: summa, tak eller golv bryts', 'the bounded split does not reconcile: sum, cap or floor broken'),
    );
  }
  return { total: input.total, unit, policy: input.policy, lines, ...(carrier ? { carrier } : {}), capped, rounds, reconciliation };
}

function carrierCode(p: CapPolicy): string | undefined {
  return p.kind === 'carrier' ? p.code : undefined;
}

function checkBounds(input: BoundedAllocationInput, caps: (Ore | undefined)[], floors: (Ore | undefined)[]): void {
  const n = input.codes.length;
  if (caps.length > n || floors.length > n) {
    throw new InvariantError(t('fler tak eller golv än parter', 'more caps or floors than parties'));
  }
  for (let i = 0; i < n; i++) {
    const c = caps[i];
    const f = floors[i];
    const code = input.codes[i]!;
    if (c !== undefined && (!Number.isSafeInteger(c) || c < 0)) {
      throw InputError.of(t(`taket för ${code} är inte ett icke-negativt belopp`, `the cap of ${code} is not a non-negative amount`));
    }
    if (f !== undefined && (!Number.isSafeInteger(f) || f < 0)) {
      throw InputError.of(t(`golvet för ${code} är inte ett icke-negativt belopp`, `the floor of ${code} is not a non-negative amount`));
    }
    if (c !== undefined && f !== undefined && f > c) {
      throw InputError.of(t(`golvet för ${code} är högre än taket`, `the floor of ${code} is above its cap`));
    }
    if (input.policy.kind === 'carrier' && code === input.policy.code && c !== undefined) {
      throw InputError.of(
        t(`${code} bär det som taken håller tillbaka och kan inte själv ha ett tak`, `${code} carries what the caps hold back and cannot have a cap itself`),
      );
    }
  }
}
