/**
 * A scheme's components as the model takes them: each field given its value,
 * each key resolved (`population`, `users`, weights, a blend), each party
 * selection turned into codes (a split parent's sub-parties standing in for
 * it where the key can weigh them), a cap given its policy and carrier, and
 * the years whose user counts each needs. Every problem goes to the
 * context's list at the line of the component it is about.
 */
import { type CapPolicy, capCarrier, capPolicyOf } from '../../models/cap-policy.js';
import { t } from '../../models/errors.js';
import { Dec, type Ore } from '../../models/money.js';
import { kronorWords } from '../../models/money.js';
import { capShortfall, periodCap, periodTotal } from '../../models/per.js';
import { type Caveat, type Component, type Key, type ShareComponent, keyCounts, keyForYear } from '../../models/scheme.js';
import type { YamlPath } from '../yaml-source.js';
import type { SchemeContext } from './context.js';
import type { ResolveInputs } from './inputs.js';
import { type FieldValues, parametersIn } from './parameters.js';
import { type ResolvedParties, partyNames, selectParties } from './parties.js';
import type { ComponentDef, KeyDef, NumberOrParam } from './schema.js';
import type { UsersNeed } from './users.js';
import { parseWrittenNumber } from './written-number.js';

/** What resolving the components takes besides the context. */
export interface ComponentOptions {
  readonly parties: ResolvedParties;
  readonly values: FieldValues;
  /** User counts per year, as given (to know whether a split parent's sub-parties can be weighed by users). */
  readonly users: ResolveInputs['users'];
  /** User counts declared on the scheme's parties. */
  readonly partyUsers: ReadonlyMap<string, number>;
  /** The year a users key without years of its own reads its counts for. */
  readonly referenceYear: number | undefined;
  /** Parameters without a value: a component that needs one is left out, with a caveat. */
  readonly missing: ReadonlySet<string>;
  /** Receives the caveat for each component left out. */
  readonly caveats: Caveat[];
}

/**
 * Every component of the definition, resolved, and the user counts each
 * users-keyed one needs. A component whose field could not be given a value
 * is left out of the list (its problem is in the context's list).
 */
export function resolveComponents(ctx: SchemeContext, options: ComponentOptions): { components: Component[]; usersNeeded: UsersNeed[] } {
  const components: Component[] = [];
  const usersNeeded: UsersNeed[] = [];
  ctx.def.components.forEach((c, i) => {
    const path: YamlPath = ['components', i];
    const needs = parametersIn(c).filter((p) => options.missing.has(p));
    if (needs.length > 0) {
      options.caveats.push({
        reader: `${c.label} är inte med: ${needs.map((n) => ctx.def.parameters[n]?.label ?? n).join(', ')} saknar värde.`,
        operator: `Ange ${needs.map((n) => `--set ${n}=…`).join(' ')}.`,
      });
      return;
    }
    let component: Component | undefined;
    if (c.kind === 'per-unit') {
      const rate = options.values.dec(c.rate);
      const partyCodes = selectParties(ctx, options.parties, c.parties, [...path, 'parties']).flatMap((code) => options.parties.childrenOf.get(code) ?? [code]);
      if (rate) component = { kind: 'per-unit', id: c.id, label: c.label, ...(c.short ? { short: c.short } : {}), rate, key: { kind: 'population' }, parties: partyCodes, ...(c.year !== undefined ? { year: c.year } : {}) };
    } else {
      const basis = splitBasis(ctx, options, c, i);
      if (basis.userYears !== undefined) usersNeeded.push({ component: i, years: basis.userYears });
      component = c.kind === 'share' ? shareComponent(ctx, options, c, path, basis) : yearlyShareComponent(ctx, options, c, path, basis);
    }
    if (component) components.push(component);
  });
  return { components, usersNeeded };
}

/** What a split (`share`, `yearly-share`) divides by: its years, its key, the years of user counts it reads, its parties. */
interface SplitBasis {
  readonly years: number[] | undefined;
  readonly key: Key;
  /** The years whose user counts the key reads; undefined when it reads none. */
  readonly userYears: number[] | undefined;
  /** Whether a split parent's sub-parties stand in for it. */
  readonly weighsChildren: boolean;
  readonly partyCodes: string[];
}

function splitBasis(ctx: SchemeContext, options: ComponentOptions, c: Exclude<ComponentDef, { kind: 'per-unit' }>, i: number): SplitBasis {
  const path: YamlPath = ['components', i];
  const { childrenOf } = options.parties;
  const ys = c.years ? yearsOf(ctx, options.values, c.years, path) : undefined;
  const key = resolveKey(c.key);
  const countsUsers = keyCounts(key, 'users');
  // Users counted for the year they apply to: a yearly split each of its
  // years, any other split its first year, or the scheme's reference year.
  const userYears = !countsUsers ? [] : c.kind === 'yearly-share' ? (ys ?? []) : ys && ys.length > 0 ? [ys[0]!] : options.referenceYear !== undefined ? [options.referenceYear] : [];
  if (countsUsers && userYears.length === 0 && !(c.kind === 'yearly-share' && ys?.length === 0)) {
    ctx.problems.add(
      t(`${ctx.name([...path, 'key'])}: det framgår inte vilket års antal användare som gäller`, `${ctx.name([...path, 'key'])}: it is not clear which year's user counts apply`),
      ctx.here([...path, 'key'], t('Ge komponenten years: { first, count }, eller schemat contract.start eller population.referenceDate.', 'Give the component years: { first, count }, or the scheme contract.start or population.referenceDate.')),
    );
  }
  const weighsChildren = canWeighChildren(key, userYears, childrenOf, options.users, options.partyUsers);
  const partyCodes = selectParties(ctx, options.parties, c.parties, [...path, 'parties']).flatMap((code) => (weighsChildren ? (childrenOf.get(code) ?? [code]) : [code]));
  checkWeights(ctx, options.parties, key, c.key, partyCodes, [...path, 'key']);
  return { years: ys, key, userYears: countsUsers ? userYears : undefined, weighsChildren, partyCodes };
}

function shareComponent(ctx: SchemeContext, options: ComponentOptions, c: Extract<ComponentDef, { kind: 'share' }>, path: YamlPath, basis: SplitBasis): Component | undefined {
  const { values } = options;
  const { byCode, childrenOf } = options.parties;
  const { partyCodes } = basis;
  const ys = basis.years;
  const unit = roundingUnit(ctx);
  const writtenTotal = values.ore(c.total);
  const totalPerYear = c.per === 'year';
  if (totalPerYear && !ys) perYearWithoutYears(ctx, [...path, 'per'], t('totalen', 'the total'));
  const total = writtenTotal === undefined ? undefined : totalPerYear && ys ? periodTotal(writtenTotal, ys.length) : writtenTotal;
  let cap: ShareComponent['cap'];
  if (c.cap) {
    const written = values.ore(c.cap.amount);
    const capPerYear = c.cap.per === 'year';
    if (capPerYear && !ys) perYearWithoutYears(ctx, [...path, 'cap', 'per'], t('taket', 'the cap'));
    const perYear = capPerYear && ys && written !== undefined ? periodCap(written, ys.length, unit) : undefined;
    const amount = perYear ? perYear.amount : written;
    const policy = capPolicy(ctx, options.parties, c.cap, values, path);
    if (amount !== undefined && policy) {
      const capParties = selectParties(ctx, options.parties, c.cap.parties, [...path, 'cap', 'parties']).flatMap((code) => (basis.weighsChildren ? (childrenOf.get(code) ?? [code]) : [code]));
      // A cap written for a party the component does not have would hold nothing back, without a word.
      const outside = Array.isArray(c.cap.parties) ? c.cap.parties.filter((code) => byCode.has(code) && !partyCodes.includes(code) && !(childrenOf.get(code) ?? []).some((ch) => partyCodes.includes(ch))) : [];
      if (outside.length > 0) {
        ctx.problems.add(
          t(`${ctx.name([...path, 'cap', 'parties'])}: ${partyNames(outside, byCode)} ingår inte i komponenten, så taket gäller inte för dem`, `${ctx.name([...path, 'cap', 'parties'])}: ${partyNames(outside, byCode)} is not a party of the component, so the cap does not apply to them`),
          ctx.here([...path, 'cap', 'parties']),
        );
      }
      cap = {
        amount, policy, parties: capParties.filter((code) => partyCodes.includes(code)),
        ...(perYear ? { per: 'year' as const, yearly: perYear.yearly } : {}),
        ...(c.cap.basis ? { basis: c.cap.basis } : {}),
      };
    }
  }
  let floors: Record<string, Ore> | undefined;
  if (c.floors) {
    floors = Object.create(null) as Record<string, Ore>;
    for (const [code, v] of Object.entries(c.floors)) {
      if (!partyCodes.includes(code)) {
        ctx.problems.add(t(`${ctx.name([...path, 'floors'])}: ${code} är ingen part i komponenten`, `${ctx.name([...path, 'floors'])}: ${code} is not a party of the component`), ctx.here([...path, 'floors', code]));
        continue;
      }
      floors[code] = values.ore(v) ?? 0;
    }
  }
  if (total === undefined) return undefined;
  const userYears = basis.userYears ?? [];
  const component: ShareComponent = {
    kind: 'share', id: c.id, label: c.label, ...(c.short ? { short: c.short } : {}), total,
    ...(totalPerYear && ys && writtenTotal !== undefined ? { totalPer: 'year' as const, yearlyTotal: writtenTotal } : {}),
    key: userYears.length > 0 ? keyForYear(basis.key, userYears[0]!) : basis.key, parties: partyCodes,
    ...(cap ? { cap } : {}), ...(floors ? { floors } : {}), ...(ys ? { years: ys } : {}),
  };
  const short = capShortfall(component);
  if (short) options.caveats.push(capShortfallCaveat(component, short));
  return component;
}

/** The rounding unit in öre (checked with the definition: a positive whole number of öre). */
function roundingUnit(ctx: SchemeContext): Ore {
  const unit = parseWrittenNumber(ctx.def.rounding);
  return unit.ok && unit.value.greaterThan(0) ? unit.value.times(100).toNumber() : 1;
}

/** `per: year` on a component without years: there is no year to hold it in. */
function perYearWithoutYears(ctx: SchemeContext, path: YamlPath, what: { sv: string; en: string }): void {
  ctx.problems.add(
    t(`${ctx.name(path)}: ${what.sv} gäller per år, men komponenten har inga år`, `${ctx.name(path)}: ${what.en} holds per year, but the component has no years`),
    ctx.here(path, t('Ge komponenten years: { first, count }, eller skriv per: period (ett belopp för hela perioden).', 'Give the component years: { first, count }, or write per: period (one amount for the whole period).')),
  );
}

/** What every output says when a component's caps cannot cover its total (see {@link capShortfall}). */
function capShortfallCaveat(c: ShareComponent, s: NonNullable<ReturnType<typeof capShortfall>>): Caveat {
  const per = s.per === 'year' ? ' per år' : c.years && c.years.length > 1 ? ' för hela perioden' : '';
  const capWords = c.cap?.per === 'year' && s.per === 'period' ? `högst ${kronorWords(c.cap.yearly!)} per år (${kronorWords(s.cap)} för hela perioden)` : `högst ${kronorWords(s.cap)}${per}`;
  return {
    reader:
      `Taken räcker inte till totalen: ${c.label} är ${kronorWords(s.total)}${per}, men var och en av de ${s.parties} parterna bär ${capWords}, ` +
      `tillsammans ${kronorWords(s.capacity)}${per}. Minst ${kronorWords(s.total - s.capacity)}${per} täcks därför inte av någon part.`,
    operator: `Höj taket (cap.amount i ${c.id}), sänk totalen, eller låt en part bära det taken håller tillbaka (cap.policy: region eller cap.carrier).`,
  };
}

/** A cap's policy: `redistribute`, `none`, or `region` with the party that carries what the cap holds back. */
function capPolicy(
  ctx: SchemeContext,
  resolved: ResolvedParties,
  cap: NonNullable<Extract<ComponentDef, { kind: 'share' }>['cap']>,
  values: FieldValues,
  path: YamlPath,
): CapPolicy | undefined {
  const policyName = typeof cap.policy === 'object' ? values.params.get(cap.policy.param)?.text : cap.policy;
  const policy = capPolicyOf(policyName, capCarrier(cap.carrier, resolved.parties));
  if (policy !== undefined) return policy;
  if (cap.carrier !== undefined) {
    ctx.problems.add(t(`${ctx.name([...path, 'cap', 'carrier'])}: ${cap.carrier} är ingen part i schemat`, `${ctx.name([...path, 'cap', 'carrier'])}: ${cap.carrier} is not a party of the scheme`), ctx.here([...path, 'cap', 'carrier']));
  } else {
    ctx.problems.add(
      t(`${ctx.name([...path, 'cap', 'policy'])}: region kräver en regionpart som bär det taket håller tillbaka, och schemat har ingen`, `${ctx.name([...path, 'cap', 'policy'])}: region needs a region party to carry what the cap holds back, and the scheme has none`),
      ctx.here([...path, 'cap', 'policy'], t('Välj redistribute eller none, eller ange cap.carrier.', 'Choose redistribute or none, or give cap.carrier.')),
    );
  }
  return undefined;
}

function yearlyShareComponent(ctx: SchemeContext, options: ComponentOptions, c: Extract<ComponentDef, { kind: 'yearly-share' }>, path: YamlPath, basis: SplitBasis): Component | undefined {
  if (c.per === 'period') {
    // A period budget would have to be split over the years by the index, and each year's budget
    // rounded: the years would not sum to the figure as written. A share with years spreads a period total evenly.
    ctx.problems.add(
      t(`${ctx.name([...path, 'per'])}: en budget gäller per år och räknas upp med index år för år`, `${ctx.name([...path, 'per'])}: a budget holds per year and is indexed year by year`),
      ctx.here([...path, 'per'], t('Skriv per: year (eller utelämna per), eller använd kind: share med total och years för ett belopp för hela perioden.', 'Write per: year (or leave per out), or use kind: share with a total and years for one amount for the whole period.')),
    );
    return undefined;
  }
  const budget = options.values.ore(c.budget);
  const index = options.values.dec(c.index);
  if (budget === undefined || !index) return undefined;
  return { kind: 'yearly-share', id: c.id, label: c.label, ...(c.short ? { short: c.short } : {}), budget, index, key: basis.key, parties: basis.partyCodes, years: basis.years ?? [] };
}

/** `years: { first, count }` as the list of years, or a problem when they are not whole numbers (1–50 years). */
function yearsOf(ctx: SchemeContext, values: FieldValues, y: { first: NumberOrParam; count: NumberOrParam }, path: YamlPath): number[] {
  const first = values.dec(y.first);
  const count = values.dec(y.count);
  if (first === undefined || count === undefined) return [];
  if (!first.isInteger() || !count.isInteger() || count.lessThan(1) || count.greaterThan(50)) {
    ctx.problems.add(
      t(`${ctx.name([...path, 'years'])}: första år och antal år ska vara heltal (1–50 år), inte ${first.toString()} och ${count.toString()}`, `${ctx.name([...path, 'years'])}: the first year and the number of years must be whole numbers (1–50 years), not ${first.toString()} and ${count.toString()}`),
      ctx.here([...path, 'years']),
    );
    return [];
  }
  return Array.from({ length: count.toNumber() }, (_, k) => first.toNumber() + k);
}

/** A key as written to the key the model computes with. */
export function resolveKey(k: KeyDef): Key {
  if (k === 'population') return { kind: 'population' };
  if (k === 'users') return { kind: 'users' };
  if (k === 'equal') return { kind: 'equal' };
  // The weights were checked with the definition: numbers ≥ 0, a blend summing to 1 or normalised.
  const weight = (w: string): Dec => {
    const d = parseWrittenNumber(w);
    return d.ok ? d.value : new Dec(0);
  };
  if ('weights' in k) {
    const weights = Object.create(null) as Record<string, Dec>;
    for (const [code, w] of Object.entries(k.weights)) weights[code] = weight(w);
    return { kind: 'weights', weights };
  }
  return { kind: 'blend', parts: k.blend.map((b) => ({ key: resolveKey(b.key), weight: weight(b.weight) })) };
}

/** Agreed weights name exactly the component's parties: none missing, none outside it. */
function checkWeights(ctx: SchemeContext, resolved: ResolvedParties, key: Key, written: KeyDef, codes: readonly string[], path: YamlPath): void {
  if (key.kind === 'weights' && typeof written === 'object' && 'weights' in written) {
    const inComponent = new Set(codes);
    for (const code of Object.keys(written.weights)) {
      if (!inComponent.has(code)) {
        ctx.problems.add(t(`${ctx.name([...path, 'weights'])}: ${code} är ingen part i komponenten`, `${ctx.name([...path, 'weights'])}: ${code} is not a party of the component`), ctx.here([...path, 'weights', code]));
      }
    }
    const without = codes.filter((code) => !Object.hasOwn(written.weights, code));
    if (without.length > 0) {
      ctx.problems.add(
        t(`${ctx.name([...path, 'weights'])}: vikt saknas för ${partyNames(without, resolved.byCode)}`, `${ctx.name([...path, 'weights'])}: the weight is missing for ${partyNames(without, resolved.byCode)}`),
        ctx.here([...path, 'weights'], t('Ge varje part i komponenten en vikt (0 för en part som inte ska bära något).', 'Give every party of the component a weight (0 for a party that carries nothing).')),
      );
    }
  } else if (key.kind === 'blend' && typeof written === 'object' && 'blend' in written) {
    key.parts.forEach((p, j) => checkWeights(ctx, resolved, p.key, written.blend[j]!.key, codes, [...path, 'blend', j, 'key']));
  }
}

/**
 * Whether a key can weigh a split parent's sub-parties instead of the
 * parent: by population always; by users when every sub-party has a count
 * for the years the component reads; a blend when each of its keys can.
 */
function canWeighChildren(
  key: Key,
  years: readonly number[],
  childrenOf: ReadonlyMap<string, readonly string[]>,
  users: ResolveInputs['users'],
  partyUsers: ReadonlyMap<string, number>,
): boolean {
  if (childrenOf.size === 0) return true;
  switch (key.kind) {
    case 'population':
      return true;
    case 'users': {
      const given = Object.keys(users ?? {}).map(Number).sort((a, b) => a - b);
      const tables = years.map((y) => [...given].reverse().find((g) => g <= y)).map((g) => (g === undefined ? undefined : users![g]));
      return tables.length > 0 && [...childrenOf.values()].every((children) => children.every((code) => partyUsers.has(code) || tables.every((tb) => tb !== undefined && Object.hasOwn(tb, code))));
    }
    case 'blend':
      return key.parts.every((p) => canWeighChildren(p.key, years, childrenOf, users, partyUsers));
    default:
      return false;
  }
}
