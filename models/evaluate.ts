/**
 * Evaluates a resolved scheme: every component through the one allocation
 * core, every party's figure with the lines that explain it, and the
 * reconciliation that proves the whole.
 */
import { type Allocation, type Weight, allocateByWeights } from './allocate.js';
import { type BoundedAllocation, allocateWithBounds } from './apply-caps.js';
import { InputError, InvariantError, t } from './errors.js';
import { Dec, type Ore } from './money.js';
import { type PerUnitResult, amountsPerUnit, coveringRate } from './per-unit.js';
import { type Component, type Key, type Party, type SchemeModel, keyForYear } from './scheme.js';

/** How one party's part of one component was made. */
export type Explanation =
  | {
      readonly kind: 'per-unit';
      readonly component: string;
      readonly units: number;
      /** Kronor per unit. */
      readonly rate: Dec;
      /** rate × units in öre, exact. */
      readonly exact: Dec;
      /** amount − exact, in öre. */
      readonly rounding: Dec;
      readonly amount: Ore;
    }
  | {
      readonly kind: 'share';
      readonly component: string;
      readonly weight: bigint;
      readonly weightTotal: bigint;
      /** Exact share of the total before caps, in öre. */
      readonly exact: Dec;
      /** Largest-remainder adjustment, in öre (0 or one unit). */
      readonly adjustment: Ore;
      readonly unbounded: Ore;
      readonly cap?: Ore;
      readonly capApplied: boolean;
      /** What the cap held back from this party. */
      readonly heldBack: Ore;
      /** What this party received or carried for others. */
      readonly received: Ore;
      readonly amount: Ore;
    }
  | {
      readonly kind: 'carrier';
      readonly component: string;
      /** What this party carries because caps held it back from others. */
      readonly carried: Ore;
      readonly capped: readonly string[];
      readonly amount: Ore;
    }
  | {
      readonly kind: 'yearly-share';
      readonly component: string;
      readonly years: readonly {
        readonly year: number;
        readonly budget: Ore;
        readonly weight: bigint;
        readonly weightTotal: bigint;
        readonly exact: Dec;
        readonly adjustment: Ore;
        readonly amount: Ore;
      }[];
      readonly amount: Ore;
    };

/** One year of a party's payments, per component. */
export interface ScheduleYear {
  readonly year: number;
  readonly amounts: Readonly<Record<string, Ore>>;
  readonly total: Ore;
}

/** One party's result. */
export interface PartyResult {
  readonly party: Party;
  /** Sum over components. */
  readonly amount: Ore;
  /** Per component id. */
  readonly components: Readonly<Record<string, Ore>>;
  readonly schedule: readonly ScheduleYear[];
  readonly explanations: readonly Explanation[];
  /** Per capped component id: amount ÷ cap, exact. */
  readonly capUtilisation: Readonly<Record<string, Dec>>;
}

/** One component's result. */
export interface ComponentResult {
  readonly component: Component;
  /**
   * What the parties pay for the component: its total less what the caps
   * leave uncovered (`bounded.total` is the total as the scheme states it).
   */
  readonly total: Ore;
  readonly perUnit?: PerUnitResult;
  readonly bounded?: BoundedAllocation;
  readonly yearly?: readonly { readonly year: number; readonly budget: Ore; readonly allocation: Allocation }[];
}

/** What the scheme must raise against what it raises (when the scheme says). */
export interface FinancingReconciliation {
  readonly cost: Ore;
  readonly revenue: Ore;
  readonly need: Ore;
  readonly raised: Ore;
  /** raised − need (negative: a gap). */
  readonly surplus: Ore;
  /** Inhabitants (units) counted by the per-unit component, every level included. */
  readonly countedUnits?: number;
  /** need ÷ counted units, exact, in kronor per unit. */
  readonly breakEvenRate?: Dec;
  /**
   * The lowest whole-öre rate at which the parties raise at least the need,
   * each party's amount rounded as the scheme rounds it (not the
   * break-even rate rounded up: the rounding can leave that short).
   */
  readonly coveringRate?: Dec;
  /** What the scheme raises at {@link coveringRate}, and one öre per unit below it (where the need is not met), in öre. */
  readonly covering?: { readonly raised: Ore; readonly surplus: Ore; readonly below?: { readonly rate: Dec; readonly raised: Ore; readonly surplus: Ore } };
}

/**
 * The proof that the whole result holds together:
 * `sumOfParties + uncovered = total`, to the öre.
 */
export interface SchemeReconciliation {
  /** What is to be covered: the components' totals as the scheme states them. */
  readonly total: Ore;
  /** What the parties pay, carried amounts included (the result's `total`). */
  readonly sumOfParties: Ore;
  /** Not covered by anyone (cap policy `none`, or every party capped under `redistribute`). */
  readonly uncovered: Ore;
  /** sumOfParties + uncovered = total, and every party's schedule sums to its amount. */
  readonly conserved: boolean;
  readonly capsHold: boolean;
  readonly financing?: FinancingReconciliation;
}

/** The outcome of {@link evaluateScheme}. */
export interface SchemeResult {
  readonly scheme: SchemeModel;
  readonly parties: readonly PartyResult[];
  readonly components: readonly ComponentResult[];
  /** What the parties pay in all (= `reconciliation.sumOfParties`; what is uncovered is not in it). */
  readonly total: Ore;
  readonly reconciliation: SchemeReconciliation;
}

/** Evaluates every component of a scheme and reconciles the whole. */
export function evaluateScheme(scheme: SchemeModel): SchemeResult {
  const byCode = new Map(scheme.parties.map((p) => [p.code, p]));
  const perParty = new Map<string, { amounts: Record<string, Ore>; schedule: Map<number, Record<string, Ore>>; explanations: Explanation[]; util: Record<string, Dec> }>();
  for (const p of scheme.parties) perParty.set(p.code, { amounts: {}, schedule: new Map(), explanations: [], util: {} });
  const add = (code: string, component: string, amount: Ore, year: number | undefined, e?: Explanation) => {
    const acc = perParty.get(code);
    if (!acc) {
      throw InputError.of(t(`komponenten ${component} nämner parten ${code}, som inte finns i partslistan`, `component ${component} names party ${code}, which is not in the party list`));
    }
    acc.amounts[component] = (acc.amounts[component] ?? 0) + amount;
    if (year !== undefined) {
      const y = acc.schedule.get(year) ?? {};
      y[component] = (y[component] ?? 0) + amount;
      acc.schedule.set(year, y);
    }
    if (e) acc.explanations.push(e);
  };

  const components: ComponentResult[] = [];
  let uncovered = 0;
  let capsHold = true;
  for (const c of scheme.components) {
    for (const code of c.parties) {
      if (!byCode.has(code)) {
        throw InputError.of(t(`komponenten ${c.id} nämner parten ${code}, som inte finns i partslistan`, `component ${c.id} names party ${code}, which is not in the party list`));
      }
    }
    if (c.kind === 'per-unit') {
      const units = c.parties.map((code) => populationOf(byCode.get(code)!, c.id));
      const r = amountsPerUnit({ codes: c.parties, units, rate: c.rate, unit: scheme.unit });
      for (const l of r.lines) {
        add(l.code, c.id, l.amount, c.year, { kind: 'per-unit', component: c.id, units: l.units, rate: c.rate, exact: l.exact, rounding: l.rounding, amount: l.amount });
      }
      components.push({ component: c, total: r.total, perUnit: r });
    } else if (c.kind === 'share') {
      const weights = keyWeights(c.key, c.parties, scheme, c.id);
      const capParties = new Set(c.cap?.parties ?? []);
      const b = allocateWithBounds({
        total: c.total,
        codes: c.parties,
        weights,
        unit: scheme.unit,
        caps: c.cap ? c.parties.map((code) => (capParties.has(code) ? c.cap!.amount : undefined)) : undefined,
        floors: c.floors ? c.parties.map((code) => c.floors![code]) : undefined,
        policy: c.cap?.policy ?? { kind: 'redistribute' },
      });
      const W = weights.reduce<bigint>((s, w) => s + BigInt(w), 0n);
      // A total per year: each year's parts sum to the yearly total (see spreadYearly); otherwise each party's own.
      const yearly = c.totalPer === 'year' && c.years !== undefined && c.years.length > 0
        ? spreadYearly(c.id, [...b.lines.map((l) => ({ code: l.code, amount: l.amount })), ...(b.carrier ? [{ code: b.carrier.code, amount: b.carrier.amount }] : [])], c.years)
        : undefined;
      const schedule = (code: string, amount: Ore) => (yearly ? yearly(code) : spread(code, c.id, amount, c.years));
      for (const l of b.lines) {
        const exact = new Dec(l.unbounded.exact.numerator.toString()).dividedBy(l.unbounded.exact.denominator.toString());
        schedule(l.code, l.amount);
        perParty.get(l.code)!.explanations.push({
          kind: 'share', component: c.id, weight: BigInt(l.weight), weightTotal: W, exact, adjustment: l.unbounded.adjustment,
          unbounded: l.unbounded.amount, ...(l.cap !== undefined ? { cap: l.cap } : {}), capApplied: l.capApplied,
          heldBack: l.heldBack, received: l.received, amount: l.amount,
        });
        if (l.cap !== undefined && l.cap > 0) perParty.get(l.code)!.util[c.id] = new Dec(l.amount).dividedBy(l.cap);
      }
      if (b.carrier) {
        schedule(b.carrier.code, b.carrier.amount);
        perParty.get(b.carrier.code)!.explanations.push({ kind: 'carrier', component: c.id, carried: b.carrier.amount, capped: b.capped, amount: b.carrier.amount });
      }
      uncovered += b.reconciliation.uncovered;
      capsHold &&= b.reconciliation.capsHold;
      components.push({ component: c, total: c.total - b.reconciliation.uncovered, bounded: b });
    } else {
      const yearly: { year: number; budget: Ore; allocation: Allocation }[] = [];
      let budget = new Dec(c.budget);
      const lines = new Map<string, (Explanation & { kind: 'yearly-share' })['years'][number][]>();
      c.years.forEach((year, k) => {
        if (k > 0) budget = budget.times(c.index.plus(1));
        const yearBudget = roundToUnit(budget, scheme.unit);
        const key = keyForYear(c.key, year);
        const weights = keyWeights(key, c.parties, scheme, c.id);
        const a = allocateByWeights({ total: yearBudget, codes: c.parties, weights, unit: scheme.unit });
        const weightTotal = weights.reduce<bigint>((s, w) => s + BigInt(w), 0n);
        yearly.push({ year, budget: yearBudget, allocation: a });
        for (const l of a.lines) {
          add(l.code, c.id, l.amount, year);
          const arr = lines.get(l.code) ?? [];
          arr.push({
            year, budget: yearBudget, weight: BigInt(l.weight), weightTotal,
            exact: new Dec(l.exact.numerator.toString()).dividedBy(l.exact.denominator.toString()), adjustment: l.adjustment, amount: l.amount,
          });
          lines.set(l.code, arr);
        }
      });
      for (const [code, years] of lines) {
        perParty.get(code)!.explanations.push({ kind: 'yearly-share', component: c.id, years, amount: years.reduce((s, y) => s + y.amount, 0) });
      }
      components.push({ component: c, total: yearly.reduce((s, y) => s + y.budget, 0), yearly });
    }
  }

  /**
   * A total per year spread so that every year's parts sum to the yearly
   * total, each party still paying ⌊P/N⌋ or ⌈P/N⌉ units of its period amount P
   * in every year (so a cap per year still holds, see per.ts). Each party's
   * spare units (P mod N, fewer than N) go to the next years in turn, wrapping
   * round from where the party before it stopped: the spares of all parties
   * are a multiple of N when nothing is left uncovered, so each year gets the
   * same number of them, and no party two in one year. Spreading each party
   * on its own would give the earliest years every party's spare units, and
   * the years would not sum to the figure the scheme gives per year.
   * Returns the function that books one party's schedule.
   */
  function spreadYearly(component: string, parts: readonly { code: string; amount: Ore }[], years: readonly number[]): (code: string) => void {
    const n = years.length;
    const unit = scheme.unit;
    let next = 0;
    // A party may come twice (a line and the carrier): its plans are booked in the same order.
    const plans = new Map<string, Ore[][]>();
    for (const { code, amount } of parts) {
      // Whole units and the rest (never negative); amounts of öre are safe integers, so the division is exact.
      const units = Math.floor(amount / unit);
      const base = Math.floor(units / n);
      const spare = units - base * n;
      const plan = years.map(() => base * unit);
      for (let j = 0; j < spare; j++) plan[(next + j) % n]! += unit;
      next = (next + spare) % n;
      // A party's amount is a whole number of units; should it not be, the rest goes to its first year, so it sums.
      plan[0]! += amount - units * unit;
      plans.set(code, [...(plans.get(code) ?? []), plan]);
    }
    return (code) => plans.get(code)!.shift()!.forEach((a, k) => add(code, component, a, years[k]!));
  }

  function spread(code: string, component: string, amount: Ore, years: readonly number[] | undefined): void {
    if (!years || years.length === 0) {
      add(code, component, amount, undefined);
      return;
    }
    // Even yearly schedule; the spare units go to the earliest years.
    const a = allocateByWeights({ total: amount, codes: years.map((y) => String(y)), weights: years.map(() => 1), unit: scheme.unit });
    a.lines.forEach((l, k) => add(code, component, l.amount, years[k]!));
  }

  const parties: PartyResult[] = scheme.parties.map((party) => {
    const acc = perParty.get(party.code)!;
    const amount = Object.values(acc.amounts).reduce((s, v) => s + v, 0);
    const schedule = [...acc.schedule.entries()]
      .sort((a, b) => a[0] - b[0])
      .map(([year, amounts]) => ({ year, amounts, total: Object.values(amounts).reduce((s, v) => s + v, 0) }));
    return { party, amount, components: acc.amounts, schedule, explanations: acc.explanations, capUtilisation: acc.util };
  });

  const total = components.reduce((s, c) => s + c.total, 0);
  const sumOfParties = parties.reduce((s, p) => s + p.amount, 0);
  const scheduleOk = parties.every((p) => p.schedule.length === 0 || p.schedule.reduce((s, y) => s + y.total, 0) === p.amount || hasUnscheduled(scheme));
  // What is to be covered, from each component's own total (a capped one's as the scheme states it).
  const toCover = components.reduce((s, c) => s + (c.bounded?.total ?? c.total), 0);
  const reconciliation: SchemeReconciliation = {
    total: toCover,
    sumOfParties,
    uncovered,
    conserved: sumOfParties + uncovered === toCover && sumOfParties === total && scheduleOk,
    capsHold,
    ...(scheme.financing ? { financing: financingOf(scheme, components, total) } : {}),
  };
  if (!reconciliation.conserved) {
    throw new InvariantError(
      t(
        `parternas belopp (${sumOfParties} öre) och det ej täckta (${uncovered} öre) stämmer inte mot totalen (${toCover} öre)`,
        `the parties' amounts (${sumOfParties} öre) and the uncovered (${uncovered} öre) do not match the total (${toCover} öre)`,
      ),
    );
  }
  return { scheme, parties, components, total, reconciliation };
}

function hasUnscheduled(scheme: SchemeModel): boolean {
  return scheme.components.some((c) => (c.kind === 'share' && !c.years) || (c.kind === 'per-unit' && c.year === undefined));
}

function populationOf(p: Party, component: string): number {
  if (p.population === undefined) {
    throw InputError.of(t(`folkmängd saknas för ${p.name} (${p.code}), som komponenten ${component} räknar med`, `population missing for ${p.name} (${p.code}), which component ${component} counts`));
  }
  return p.population;
}

function roundToUnit(d: Dec, unit: Ore): Ore {
  return d.dividedBy(unit).toDecimalPlaces(0, Dec.ROUND_HALF_UP).times(unit).toNumber();
}

/**
 * Integer weights for a key. Decimal and blended weights are brought to a
 * common denominator so the split stays exact.
 */
export function keyWeights(key: Key, codes: readonly string[], scheme: SchemeModel, component: string): Weight[] {
  const byCode = new Map(scheme.parties.map((p) => [p.code, p]));
  switch (key.kind) {
    case 'population':
      return codes.map((c) => populationOf(byCode.get(c)!, component));
    case 'equal':
      return codes.map(() => 1);
    case 'users': {
      const year = key.year;
      const table = year !== undefined ? scheme.users?.[year] : undefined;
      if (!table) {
        throw InputError.of(
          year === undefined
            ? t(`komponenten ${component} anger inte vilket års antal användare som gäller`, `component ${component} does not say which year's user counts apply`)
            : t(`antal användare för ${year} saknas (komponenten ${component}); ange en fil med --users ${year}=fil.csv`, `user counts for ${year} are missing (component ${component}); give a file with --users ${year}=file.csv`),
        );
      }
      const missing = codes.filter((c) => !Object.hasOwn(table, c));
      if (missing.length > 0) {
        const who = namedParties(missing, byCode);
        throw InputError.of(t(`antal användare för ${year} saknas för ${who}`, `user counts for ${year} are missing for ${who}`));
      }
      return codes.map((c) => table[c]!);
    }
    case 'weights': {
      const ws = codes.map((c) => (Object.hasOwn(key.weights, c) ? key.weights[c] : undefined));
      const missing = codes.filter((_, i) => ws[i] === undefined);
      if (missing.length > 0) {
        const who = namedParties(missing, byCode);
        throw InputError.of(t(`vikt saknas för ${who} (komponenten ${component})`, `the weight is missing for ${who} (component ${component})`));
      }
      return toIntegerWeights(ws as Dec[]);
    }
    case 'blend': {
      // weight_i = Σ_k α_k · w_ki / S_k, over the common denominator Π S_k.
      const parts = key.parts.map((p) => {
        const w = keyWeights(p.key, codes, scheme, component).map((x) => BigInt(x));
        return { alpha: p.weight, w, S: w.reduce((a, b) => a + b, 0n) };
      });
      if (parts.some((p) => p.S === 0n)) throw InputError.of(t('en nyckel i blandningen har bara nollvikter', 'a key in the blend has only zero weights'));
      const alphas = toIntegerWeights(parts.map((p) => p.alpha)).map((a) => BigInt(a));
      const prodS = parts.reduce((a, p) => a * p.S, 1n);
      return codes.map((_, i) => parts.reduce((s, p, k) => s + alphas[k]! * p.w[i]! * (prodS / p.S), 0n));
    }
  }
}

/** `Lund (1281), Malmö (1280)`: parties by name and code, the first ten. */
function namedParties(codes: readonly string[], byCode: ReadonlyMap<string, Party>): string {
  const shown = codes.slice(0, 10).map((c) => (byCode.has(c) ? `${byCode.get(c)!.name} (${c})` : c));
  return `${shown.join(', ')}${codes.length > 10 ? ` och ${codes.length - 10} till` : ''}`;
}

function toIntegerWeights(ws: readonly Dec[]): Weight[] {
  if (ws.some((w) => w.isNegative())) throw InputError.of(t('en vikt är negativ', 'a weight is negative'));
  const scale = Math.max(0, ...ws.map((w) => w.decimalPlaces()));
  return ws.map((w) => BigInt(w.times(new Dec(10).pow(scale)).toFixed(0)));
}

function financingOf(scheme: SchemeModel, components: readonly ComponentResult[], raised: Ore): FinancingReconciliation {
  const f = scheme.financing!;
  const need = f.cost - f.revenue;
  const perUnit = components.filter((c) => c.perUnit);
  const base = { cost: f.cost, revenue: f.revenue, need, raised, surplus: raised - need };
  if (perUnit.length !== 1) return base;
  const units = perUnit[0]!.perUnit!.totalUnits;
  if (units === 0) return base;
  const breakEvenRate = new Dec(need).dividedBy(100).dividedBy(units);
  // The other components raise the same at any rate: the per-unit part must raise the rest.
  const pu = perUnit[0]!.perUnit!;
  const others = raised - pu.total;
  const c = coveringRate({ codes: pu.lines.map((l) => l.code), units: pu.lines.map((l) => l.units), unit: pu.unit }, need - others);
  const covering = {
    raised: others + c.raised,
    surplus: others + c.raised - need,
    ...(c.below !== undefined ? { below: { rate: c.below.rate, raised: others + c.below.raised, surplus: others + c.below.raised - need } } : {}),
  };
  return { ...base, countedUnits: units, breakEvenRate, coveringRate: c.rate, covering };
}
