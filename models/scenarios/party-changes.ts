/**
 * Party changes of a scenario on a resolved scheme: a party that does not
 * sign leaves, a new party joins. (A party split into sub-parties is done
 * when the scheme is resolved, from a file of names and populations; see
 * `ResolveInputs.splits`.)
 *
 * The rules, so that a planner can predict the result:
 * - A leaving party is taken out of every component and every cap; nothing
 *   else changes. In particular a region that pays for the county's whole
 *   population keeps doing so (the agreement says the region pays for every
 *   inhabitant of the county, whether or not their municipality signs).
 * - A joining party enters every component (and cap) that already includes
 *   every party of its kind, i.e. the components written `parties: all` or
 *   `parties: kommun`. It must bring the inputs those components count
 *   (population, users).
 */
import { type Text, t } from '../errors.js';
import { keyWeights } from '../evaluate.js';
import { type Component, type Party, type SchemeModel, keyCounts, keyForYear } from '../scheme.js';

/** A party that joins in a scenario. */
export interface JoiningParty {
  readonly code: string;
  readonly name: string;
  readonly kind: 'kommun' | 'region';
  readonly population?: number;
  /** Users: the same number every year, or per year the counts apply to. */
  readonly users?: number | Readonly<Record<number, number>>;
}

/** What a scenario changes in the party list. */
export interface PartyChanges {
  /** Codes of parties that do not sign. */
  readonly leave: readonly string[];
  readonly join: readonly JoiningParty[];
}

/** A problem with a party change: which entry, and what is wrong. */
export interface PartyChangeProblem {
  /** `['leave', 0]`, `['join', 1, 'users']`: where in the changes. */
  readonly path: readonly (string | number)[];
  readonly message: Text;
}

const collator = new Intl.Collator('sv');

function usesPopulation(c: Component): boolean {
  if (c.kind === 'per-unit') return true;
  return keyCounts(c.key, 'population');
}

function usesUsers(c: Component): boolean {
  if (c.kind === 'per-unit') return false;
  return keyCounts(c.key, 'users');
}

function joinsComponent(model: SchemeModel, c: Component, kind: Party['kind']): boolean {
  const ofKind = model.parties.filter((p) => p.kind === kind).map((p) => p.code);
  return ofKind.length > 0 && ofKind.every((code) => c.parties.includes(code));
}

/** Every problem with applying `changes` to `model`, located in the changes. */
export function checkPartyChanges(model: SchemeModel, changes: PartyChanges): PartyChangeProblem[] {
  const problems: PartyChangeProblem[] = [];
  const codes = new Set(model.parties.map((p) => p.code));
  const carriers = new Set(model.components.flatMap((c) => (c.kind === 'share' && c.cap?.policy.kind === 'carrier' ? [c.cap.policy.code] : [])));
  changes.leave.forEach((code, i) => {
    if (!codes.has(code)) {
      problems.push({ path: ['leave', i], message: t(`parten ${code} finns inte i ${model.id} (${model.partyList})`, `party ${code} is not in ${model.id} (${model.partyList})`) });
    } else if (carriers.has(code)) {
      problems.push({
        path: ['leave', i],
        message: t(`${code} bär det som taken håller tillbaka och kan inte avstå; välj en annan takregel (cap.policy) först`, `${code} carries what the caps hold back and cannot leave; choose another cap policy (cap.policy) first`),
      });
    }
  });
  if (problems.length === 0) problems.push(...emptiedComponents(model, changes));
  const seen = new Set<string>();
  changes.join.forEach((j, i) => {
    if (codes.has(j.code) || seen.has(j.code)) {
      problems.push({ path: ['join', i, 'code'], message: t(`parten ${j.code} finns redan`, `party ${j.code} is already there`) });
      return;
    }
    seen.add(j.code);
    const comps = model.components.filter((c) => joinsComponent(model, c, j.kind));
    const needPop = comps.filter(usesPopulation);
    if (needPop.length > 0 && j.population === undefined) {
      problems.push({ path: ['join', i], message: t(`${j.name} (${j.code}) behöver population: komponenten ${needPop[0]!.id} räknar invånare`, `${j.name} (${j.code}) needs a population: component ${needPop[0]!.id} counts inhabitants`) });
    }
    const needUsers = comps.filter(usesUsers);
    if (needUsers.length > 0) {
      const years = Object.keys(model.users ?? {}).map(Number);
      const missing = typeof j.users === 'number' ? [] : j.users === undefined ? years : years.filter((y) => j.users !== undefined && typeof j.users === 'object' && j.users[y] === undefined);
      if (j.users === undefined || missing.length > 0) {
        problems.push({
          path: ['join', i, ...(j.users === undefined ? [] : ['users'])],
          message: t(
            `${j.name} (${j.code}) behöver antal användare${missing.length > 0 ? ` för ${missing.join(', ')}` : ''}: komponenten ${needUsers[0]!.id} fördelar efter användare`,
            `${j.name} (${j.code}) needs user counts${missing.length > 0 ? ` for ${missing.join(', ')}` : ''}: component ${needUsers[0]!.id} splits by users`,
          ),
        });
      }
    }
  });
  return problems;
}

/**
 * A component that the leaving parties leave with nobody (or nobody with a
 * weight) to split its amount on: the scenario cannot be computed, and the
 * problem is at the last leaving party the component had.
 */
function emptiedComponents(model: SchemeModel, changes: PartyChanges): PartyChangeProblem[] {
  const leaving = new Set(changes.leave);
  for (const p of model.parties) if (p.parent && leaving.has(p.parent)) leaving.add(p.code);
  const out: PartyChangeProblem[] = [];
  for (const c of model.components) {
    const amount = c.kind === 'share' ? c.total : c.kind === 'yearly-share' ? c.budget : 0;
    if (c.kind === 'per-unit' || amount === 0 || changes.join.some((j) => joinsComponent(model, c, j.kind))) continue;
    const left = c.parties.filter((code) => !leaving.has(code));
    const gone = changes.leave.map((code, i) => ({ code, i })).filter((x) => c.parties.includes(x.code) || model.parties.some((p) => p.parent === x.code && c.parties.includes(p.code)));
    if (gone.length === 0) continue;
    const years = c.kind === 'yearly-share' ? c.years : [undefined];
    const nothing = left.length === 0 || years.some((y) => keyWeights(y === undefined ? c.key : keyForYear(c.key, y), left, model, c.id).every((w) => BigInt(w) === 0n));
    if (!nothing) continue;
    const who = gone.map((x) => x.code).join(', ');
    out.push({
      path: ['leave', gone[gone.length - 1]!.i],
      message: t(
        `när ${who} avstår finns ingen part kvar att fördela ${c.label} på`,
        `when ${who} leave${gone.length === 1 ? 's' : ''}, no party is left to split ${c.label} on`,
      ),
    });
  }
  return out;
}

/**
 * Applies party changes to a resolved scheme. Call {@link checkPartyChanges}
 * first to report problems where the user wrote them; this throws on the
 * first one it meets.
 *
 * @example
 * applyPartyChanges(vgr, { leave: ['1480'], join: [] }) // Göteborg does not sign
 */
export function applyPartyChanges(model: SchemeModel, changes: PartyChanges): SchemeModel {
  if (changes.leave.length === 0 && changes.join.length === 0) return model;
  const problems = checkPartyChanges(model, changes);
  if (problems.length > 0) throw new Error(problems[0]!.message.en);
  const leaving = new Set(changes.leave);
  // A split parent takes its sub-parties with it.
  for (const p of model.parties) if (p.parent && leaving.has(p.parent)) leaving.add(p.code);

  const joinTo = new Map<string, JoiningParty[]>();
  for (const j of changes.join) {
    for (const c of model.components) {
      if (joinsComponent(model, c, j.kind)) joinTo.set(c.id, [...(joinTo.get(c.id) ?? []), j]);
    }
  }
  const components: Component[] = model.components.map((c) => {
    const joiners = (joinTo.get(c.id) ?? []).map((j) => j.code);
    const parties = [...c.parties.filter((code) => !leaving.has(code)), ...joiners];
    if (c.kind !== 'share' || !c.cap) return { ...c, parties };
    const capJoiners = (joinTo.get(c.id) ?? []).filter((j) => {
      const ofKind = model.parties.filter((p) => p.kind === j.kind && c.parties.includes(p.code)).map((p) => p.code);
      return ofKind.length > 0 && ofKind.every((code) => c.cap!.parties.includes(code));
    });
    return { ...c, parties, cap: { ...c.cap, parties: [...c.cap.parties.filter((code) => !leaving.has(code)), ...capJoiners.map((j) => j.code)] } };
  });

  const joined: Party[] = changes.join.map((j) => ({ code: j.code, name: j.name, kind: j.kind, ...(j.population !== undefined ? { population: j.population } : {}) }));
  const parties = [...model.parties.filter((p) => !leaving.has(p.code)), ...joined].sort(
    (a, b) => (a.kind === 'region' ? 0 : 1) - (b.kind === 'region' ? 0 : 1) || collator.compare(a.name, b.name) || a.code.localeCompare(b.code),
  );

  let users = model.users;
  if (users && changes.join.some((j) => j.users !== undefined)) {
    const next: Record<number, Record<string, number>> = {};
    for (const [y, table] of Object.entries(users)) {
      const year = Number(y);
      next[year] = { ...table };
      for (const j of changes.join) {
        const n = typeof j.users === 'number' ? j.users : j.users?.[year];
        if (n !== undefined) next[year]![j.code] = n;
      }
    }
    users = next;
  }

  const left = model.parties.filter((p) => changes.leave.includes(p.code));
  const kommuner = parties.filter((p) => p.kind === 'kommun').length;
  const partyList =
    model.partyList.replace(/\b\d+ kommuner?\b/, `${kommuner} ${kommuner === 1 ? 'kommun' : 'kommuner'}`) +
    (left.length > 0 ? `; avstår: ${left.map((p) => `${p.name} (${p.code})`).join(', ')}` : '') +
    (joined.length > 0 ? `; ansluter: ${joined.map((p) => `${p.name} (${p.code})`).join(', ')}` : '');
  return { ...model, parties, components, partyList, ...(users ? { users } : {}) };
}
