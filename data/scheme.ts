/**
 * From a validated scheme file to a resolved {@link SchemeModel}: parameters
 * get their values (the file's defaults, overridden by `--set`), parties get
 * their populations and user counts, component fields that name a parameter
 * get its value. Everything that can only be checked against the inputs (a
 * party list, a weight per party, user counts for the year a component
 * needs, a key with something to split by) is checked here, and every
 * problem names the line of the scheme file it is about.
 * `resolveScheme` is pure; `loadScheme` reads the files it names.
 */
import { readFile, readdir } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, resolve } from 'node:path';
import { type CapPolicy, capPolicyOf } from '../models/cap-policy.js';
import { AndelError, InputError, ProblemList, type Text, t } from '../models/errors.js';
import { allocateByWeights } from '../models/allocate.js';
import { keyWeights } from '../models/evaluate.js';
import { EXACT_SUM_LIMIT, schemeMagnitude } from '../models/magnitude.js';
import { Dec, type Ore } from '../models/money.js';
import { type Component, type Key, type Party, type PartySplit, type Provenance, type SchemeModel, keyCounts, keyForYear } from '../models/scheme.js';
import {
  type KeyDef,
  type ParameterValue,
  type SchemeFile,
  checkSchemeDefinition,
  describePath,
  parameterValue,
  parseSchemeFile,
  parseWrittenNumber,
  schemeSourceOf,
} from './scheme-file.js';
import type { Place, YamlPath } from './yaml-source.js';
import { formatCount } from './count.js';
import { dataPath } from './project-root.js';

/** One municipality's population as a reader returns it. */
export interface PopulationRowInput {
  readonly code: string;
  readonly name: string;
  readonly population: number;
}

/** Everything a scheme file needs from outside itself. */
export interface ResolveInputs {
  /** The population rows (from the file the scheme names, or another one). */
  readonly population?: { readonly rows: readonly PopulationRowInput[]; readonly file?: string };
  /** User counts per year the counts apply to, per party code. */
  readonly users?: Readonly<Record<number, Readonly<Record<string, number>>>>;
  /** Whether the user counts are example data. */
  readonly usersExample?: boolean;
  /** Where the user counts came from, per year. */
  readonly usersFiles?: Readonly<Record<number, string>>;
  /** Parameter overrides, e.g. `{ rate: '9.74' }` from `--set rate=9.74`. */
  readonly overrides?: Readonly<Record<string, string>>;
  /**
   * Parties split into sub-parties: `rows` from a file of names and
   * populations. Their populations must sum to the parent's, unless
   * `proportional` asks to apportion the parent's population by the rows' shares.
   */
  readonly splits?: readonly SplitInput[];
  /** The official name of a municipality code (for parties taken from a population file). */
  readonly officialName?: (code: string) => string | undefined;
  /** The file name to report problems under. */
  readonly file?: string;
  /**
   * Leave out components that need a parameter without a value (and say so
   * in a caveat) instead of refusing: for timelines and overviews of what is known.
   */
  readonly omitIncomplete?: boolean;
  /** Statements the caller adds to the model's caveats (e.g. an assumed parameter value). */
  readonly caveats?: readonly string[];
}

/** One party split into sub-parties, as read from a file. */
export interface SplitInput {
  readonly parent: string;
  readonly file: string;
  readonly rows: readonly { readonly code?: string; readonly name: string; readonly population: number; readonly line?: number }[];
  readonly proportional?: boolean;
  /** What the file's figures are (e.g. "SCB/Sweco 2011-12-31"), for the caveat. */
  readonly source?: string;
}

const collator = new Intl.Collator('sv');

// A definition built in code has no file to point into: it is checked as a
// whole once, the first time it is resolved.
const checkedInMemory = new WeakSet<SchemeFile>();

/**
 * Resolves a scheme file into a model ready to evaluate. Collects every
 * problem (unknown override, missing value, a party the file does not have,
 * a weight or a user count missing, nothing to split by) before failing,
 * each with the line of the scheme file it is about.
 *
 * @throws InputError with every problem found.
 */
export function resolveScheme(def: SchemeFile, inputs: ResolveInputs = {}): SchemeModel {
  const source = schemeSourceOf(def);
  const file = inputs.file ?? source?.file ?? `${def.id}.yaml`;
  if (source === undefined && !checkedInMemory.has(def)) {
    const found = checkSchemeDefinition(def, { file });
    if (found.length > 0) throw new InputError(found, { code: 'E_SCHEME' });
    checkedInMemory.add(def);
  }
  const at = (path: YamlPath): Place => source?.at(path) ?? {};
  const here = (path: YamlPath, hint?: Text) => ({ file, ...at(path), ...(hint ? { hint } : {}) });
  const name = (path: YamlPath): string => describePath(def, path);
  const problems = new ProblemList();
  const missing = new Set<string>();
  const params = resolveParameters(def, inputs.overrides ?? {}, problems, file, at, inputs.omitIncomplete ? missing : undefined);
  problems.throwIfAny('E_PARAM');

  // The rounding unit was checked with the definition: a positive whole number of öre.
  const unit = parseWrittenNumber(def.rounding);
  const unitOre = unit.ok ? unit.value.times(100).toNumber() : 1;

  const caveats: string[] = [...(inputs.caveats ?? [])];
  const baseParties = resolveParties(def, inputs, file, at, caveats);
  const { parties, splits } = applySplits(baseParties, inputs.splits ?? [], caveats);
  const byCode = new Map(parties.map((p) => [p.code, p]));
  const childrenOf = new Map(splits.map((s) => [s.parent, s.children]));
  // Only the top-level parties: a split parent's sub-parties stand in for it
  // where the key can weigh them (see `expandSplits`).
  const select = (sel: 'all' | 'kommun' | 'region' | 'del' | string[], path: YamlPath): string[] => {
    const top = parties.filter((p) => p.kind !== 'del');
    if (sel === 'all') return top.map((p) => p.code);
    if (typeof sel === 'string') return parties.filter((p) => p.kind === sel).map((p) => p.code);
    const unknown = sel.filter((c) => !byCode.has(c));
    if (unknown.length > 0) {
      problems.add(
        t(`${name(path)}: ${unknown.join(', ')} är ingen part i schemat (${partyCount(parties)})`, `${name(path)}: ${unknown.join(', ')} is not a party of the scheme (${partyCount(parties)})`),
        here(path),
      );
    }
    return sel.filter((c) => byCode.has(c));
  };

  // Users per party: constants declared on parties (a parameter or a number).
  const partyUsers = new Map<string, number>();
  def.parties.forEach((p, i) => {
    if (!('code' in p) || p.users === undefined) return;
    const written = typeof p.users === 'object' ? undefined : parseWrittenNumber(p.users);
    const v = typeof p.users === 'object' ? params.get(p.users.param)?.dec : written?.ok ? written.value : undefined;
    if (v !== undefined && v.isInteger() && !v.isNegative()) partyUsers.set(p.code, v.toNumber());
  });

  const value = (v: string | { param: string }): ParameterValue | undefined => {
    if (typeof v === 'object') return params.get(v.param);
    const d = parseWrittenNumber(v);
    return d.ok ? { type: 'decimal', text: v, dec: d.value, ...(d.value.times(100).isInteger() ? { ore: d.value.times(100).toNumber() } : {}) } : undefined;
  };
  const ore = (v: string | { param: string }): Ore | undefined => value(v)?.ore;
  const dec = (v: string | { param: string }): Dec | undefined => value(v)?.dec;
  const yearsOf = (y: { first: string | { param: string }; count: string | { param: string } }, path: YamlPath): number[] => {
    const first = dec(y.first);
    const count = dec(y.count);
    if (first === undefined || count === undefined) return [];
    if (!first.isInteger() || !count.isInteger() || count.lessThan(1) || count.greaterThan(50)) {
      problems.add(
        t(`${name([...path, 'years'])}: första år och antal år ska vara heltal (1–50 år), inte ${first.toString()} och ${count.toString()}`, `${name([...path, 'years'])}: the first year and the number of years must be whole numbers (1–50 years), not ${first.toString()} and ${count.toString()}`),
        here([...path, 'years']),
      );
      return [];
    }
    return Array.from({ length: count.toNumber() }, (_, k) => first.toNumber() + k);
  };

  // The year user counts are read for where a component has no years of its own.
  const referenceYear = def.contract?.start !== undefined ? Number(def.contract.start.slice(0, 4)) : def.population ? Number(def.population.referenceDate.slice(0, 4)) : undefined;
  const usersNeeded: UsersNeed[] = [];

  const components: Component[] = [];
  def.components.forEach((c, i) => {
    const path: YamlPath = ['components', i];
    const needs = paramsIn(c).filter((p) => missing.has(p));
    if (needs.length > 0) {
      caveats.push(`${c.label} är inte med: ${needs.join(', ')} saknar värde (ange --set ${needs[0]}=…).`);
      return;
    }
    if (c.kind === 'per-unit') {
      const rate = dec(c.rate);
      const partyCodes = select(c.parties, [...path, 'parties']).flatMap((code) => childrenOf.get(code) ?? [code]);
      if (rate) components.push({ kind: 'per-unit', id: c.id, label: c.label, ...(c.short ? { short: c.short } : {}), rate, key: { kind: 'population' }, parties: partyCodes, ...(c.year !== undefined ? { year: c.year } : {}) });
      return;
    }
    const ys = c.years ? yearsOf(c.years, path) : undefined;
    const key = resolveKey(c.key);
    // Users counted for the year they apply to: a yearly split each of its
    // years, any other split its first year, or the scheme's reference year.
    const userYears = !keyCounts(key, 'users') ? [] : c.kind === 'yearly-share' ? (ys ?? []) : ys && ys.length > 0 ? [ys[0]!] : referenceYear !== undefined ? [referenceYear] : [];
    if (keyCounts(key, 'users')) {
      if (userYears.length === 0 && !(c.kind === 'yearly-share' && ys?.length === 0)) {
        problems.add(
          t(`${name([...path, 'key'])}: det framgår inte vilket års antal användare som gäller`, `${name([...path, 'key'])}: it is not clear which year's user counts apply`),
          here([...path, 'key'], t('Ge komponenten years: { first, count }, eller schemat contract.start eller population.referenceDate.', 'Give the component years: { first, count }, or the scheme contract.start or population.referenceDate.')),
        );
      }
      usersNeeded.push({ component: i, years: userYears });
    }
    const weighsChildren = canWeighChildren(key, userYears, childrenOf, inputs.users, partyUsers);
    const partyCodes = select(c.parties, [...path, 'parties']).flatMap((code) => (weighsChildren ? (childrenOf.get(code) ?? [code]) : [code]));
    checkWeights(key, c.key, partyCodes, [...path, 'key']);
    if (c.kind === 'share') {
      const total = ore(c.total);
      let cap: { amount: Ore; policy: CapPolicy; parties: string[]; basis?: string } | undefined;
      if (c.cap) {
        const amount = ore(c.cap.amount);
        const policyName = typeof c.cap.policy === 'object' ? params.get(c.cap.policy.param)?.text : c.cap.policy;
        const carrierCode = c.cap.carrier ?? parties.find((p) => p.kind === 'region')?.code;
        const carrier = carrierCode === undefined ? undefined : byCode.get(carrierCode);
        const policy = capPolicyOf(policyName, carrier);
        if (policy === undefined && c.cap.carrier !== undefined) {
          problems.add(t(`${name([...path, 'cap', 'carrier'])}: ${c.cap.carrier} är ingen part i schemat`, `${name([...path, 'cap', 'carrier'])}: ${c.cap.carrier} is not a party of the scheme`), here([...path, 'cap', 'carrier']));
        } else if (policy === undefined) {
          problems.add(
            t(`${name([...path, 'cap', 'policy'])}: region kräver en regionpart som bär det taket håller tillbaka, och schemat har ingen`, `${name([...path, 'cap', 'policy'])}: region needs a region party to carry what the cap holds back, and the scheme has none`),
            here([...path, 'cap', 'policy'], t('Välj redistribute eller none, eller ange cap.carrier.', 'Choose redistribute or none, or give cap.carrier.')),
          );
        }
        if (amount !== undefined && policy) {
          const capParties = select(c.cap.parties, [...path, 'cap', 'parties']).flatMap((code) => (weighsChildren ? (childrenOf.get(code) ?? [code]) : [code]));
          // A cap written for a party the component does not have would hold nothing back, without a word.
          const outside = Array.isArray(c.cap.parties) ? c.cap.parties.filter((code) => byCode.has(code) && !partyCodes.includes(code) && !(childrenOf.get(code) ?? []).some((ch) => partyCodes.includes(ch))) : [];
          if (outside.length > 0) {
            problems.add(
              t(`${name([...path, 'cap', 'parties'])}: ${partyNames(outside, byCode)} ingår inte i komponenten, så taket gäller inte för dem`, `${name([...path, 'cap', 'parties'])}: ${partyNames(outside, byCode)} is not a party of the component, so the cap does not apply to them`),
              here([...path, 'cap', 'parties']),
            );
          }
          cap = { amount, policy, parties: capParties.filter((code) => partyCodes.includes(code)), ...(c.cap.basis ? { basis: c.cap.basis } : {}) };
        }
      }
      let floors: Record<string, Ore> | undefined;
      if (c.floors) {
        floors = Object.create(null) as Record<string, Ore>;
        for (const [code, v] of Object.entries(c.floors)) {
          if (!partyCodes.includes(code)) {
            problems.add(t(`${name([...path, 'floors'])}: ${code} är ingen part i komponenten`, `${name([...path, 'floors'])}: ${code} is not a party of the component`), here([...path, 'floors', code]));
            continue;
          }
          floors[code] = ore(v) ?? 0;
        }
      }
      if (total !== undefined) {
        components.push({
          kind: 'share', id: c.id, label: c.label, ...(c.short ? { short: c.short } : {}), total,
          key: userYears.length > 0 ? keyForYear(key, userYears[0]!) : key, parties: partyCodes,
          ...(cap ? { cap } : {}), ...(floors ? { floors } : {}), ...(ys ? { years: ys } : {}),
        });
      }
    } else {
      const budget = ore(c.budget);
      const index = dec(c.index);
      if (budget !== undefined && index) {
        components.push({ kind: 'yearly-share', id: c.id, label: c.label, ...(c.short ? { short: c.short } : {}), budget, index, key, parties: partyCodes, years: ys ?? [] });
      }
    }
  });

  function checkWeights(key: Key, written: KeyDef, codes: readonly string[], path: YamlPath): void {
    if (key.kind === 'weights' && typeof written === 'object' && 'weights' in written) {
      const inComponent = new Set(codes);
      for (const code of Object.keys(written.weights)) {
        if (!inComponent.has(code)) {
          problems.add(t(`${name([...path, 'weights'])}: ${code} är ingen part i komponenten`, `${name([...path, 'weights'])}: ${code} is not a party of the component`), here([...path, 'weights', code]));
        }
      }
      const without = codes.filter((code) => !Object.hasOwn(written.weights, code));
      if (without.length > 0) {
        problems.add(
          t(`${name([...path, 'weights'])}: vikt saknas för ${partyNames(without, byCode)}`, `${name([...path, 'weights'])}: the weight is missing for ${partyNames(without, byCode)}`),
          here([...path, 'weights'], t('Ge varje part i komponenten en vikt (0 för en part som inte ska bära något).', 'Give every party of the component a weight (0 for a party that carries nothing).')),
        );
      }
    } else if (key.kind === 'blend' && typeof written === 'object' && 'blend' in written) {
      key.parts.forEach((p, j) => checkWeights(p.key, written.blend[j]!.key, codes, [...path, 'blend', j, 'key']));
    }
  }

  const users = resolveUsers(usersNeeded, inputs, partyUsers, caveats, (need, problem) => problems.add(problem.message, problem.where ?? here(['components', need.component, 'key'], problem.hint)));

  let financing: SchemeModel['financing'];
  if (def.financing) {
    const cost = ore(def.financing.cost.amount);
    const revenue = ore(def.financing.revenue.amount);
    if (cost !== undefined && revenue !== undefined) {
      financing = {
        cost, revenue,
        ...(def.financing.cost.label ? { costLabel: def.financing.cost.label } : {}),
        ...(def.financing.revenue.label ? { revenueLabel: def.financing.revenue.label } : {}),
        ...(def.financing.period ? { period: def.financing.period } : {}),
      };
    }
  }
  let contract: SchemeModel['contract'];
  if (def.contract) {
    const y = def.contract.years !== undefined ? dec(def.contract.years) : undefined;
    contract = {
      start: def.contract.start,
      ...(y ? { years: y.toNumber() } : {}),
      ...(def.contract.noticeMonths ? { noticeMonths: def.contract.noticeMonths } : {}),
      ...(def.contract.condition ? { condition: def.contract.condition } : {}),
    };
  }
  // In the order of the file: line, then column (problems of options, without a line, first).
  problems.problems.sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || Number(a.column ?? 0) - Number(b.column ?? 0));
  problems.throwIfAny('E_SCHEME');

  const provenance: Provenance[] = [];
  if (def.population) {
    provenance.push({
      label: def.population.label ?? `Folkmängd ${def.population.referenceDate}`,
      source: def.population.source,
      referenceDate: def.population.referenceDate,
      file: inputs.population?.file ?? def.population.file,
    });
  }
  if (inputs.users) {
    for (const [year, f] of Object.entries(inputs.usersFiles ?? {})) {
      provenance.push({
        label: `Antal användare ${year}${def.users?.takenOn ? ` (${def.users.takenOn})` : ''}`,
        source: def.users?.note ?? 'användarfil',
        file: f,
        ...(inputs.usersExample ? { example: true } : {}),
      });
    }
  }
  if (inputs.usersExample) caveats.unshift('Antal användare är EXEMPELDATA, inte uppmätta antal: belopp som fördelas efter antal användare är räkneexempel.');
  const regions = parties.filter((p) => p.kind === 'region');
  const kommuner = parties.filter((p) => p.kind === 'kommun').length;
  const partyList =
    [...regions.map((r) => r.name), kommuner > 0 ? `${kommuner} ${kommuner === 1 ? 'kommun' : 'kommuner'}` : ''].filter(Boolean).join(' och ') +
    splits.map((sp) => ` (${parties.find((p) => p.code === sp.parent)?.name ?? sp.parent} uppdelad på ${sp.children.length} delar enligt ${sp.file})`).join('');

  const model: SchemeModel = {
    id: def.id,
    title: def.title,
    summary: def.summary,
    currency: 'SEK',
    unit: unitOre,
    parties,
    partyList,
    components,
    ...(financing ? { financing } : {}),
    dates: [...def.dates].sort((a, b) => a.date.localeCompare(b.date)),
    provenance,
    ...(users ? { users } : {}),
    ...(splits.length > 0 ? { splits } : {}),
    ...(caveats.length > 0 ? { caveats } : {}),
    parameters: Object.fromEntries([...params].map(([k, v]) => [k, v.text])),
    notes: def.notes,
    ...(contract ? { contract } : {}),
  };
  checkKeysSplit(model, def, file, at, inputs.usersFiles);
  checkMagnitude(model, file, inputs.overrides ?? {});
  return model;
}

/**
 * Every key of the model has something to split by, for every year it is
 * used: the same weights the evaluation will compute, computed once here so
 * that a missing population or user count, or a key whose weights are all
 * zero, is reported at the line of the component rather than as a bare
 * message from the middle of a computation.
 */
function checkKeysSplit(model: SchemeModel, def: SchemeFile, file: string, at: (path: YamlPath) => Place, usersFiles: ResolveInputs['usersFiles']): void {
  const files = Object.entries(usersFiles ?? {}).map(([y, f]) => `${y}: ${f}`);
  const usersHint = files.length > 0 ? t(`Användarfiler: ${files.join('; ')}.`, `User files: ${files.join('; ')}.`) : undefined;
  const problems = new ProblemList();
  const index = new Map(def.components.map((c, i) => [c.id, i]));
  for (const c of model.components) {
    const i = index.get(c.id) ?? 0;
    const path: YamlPath = ['components', i, c.kind === 'per-unit' ? 'parties' : 'key'];
    const where = `${describePath(def, ['components', i])}`;
    const cases = c.kind === 'yearly-share' ? c.years.map((y) => ({ key: keyForYear(c.key, y), year: y as number | undefined })) : [{ key: c.key, year: undefined as number | undefined }];
    // A per-unit component of nobody's inhabitants is 0 kr for everyone; a split of an amount needs weights.
    const total = c.kind === 'share' ? c.total : c.kind === 'yearly-share' ? c.budget : 0;
    for (const { key, year } of cases) {
      try {
        const w = keyWeights(key, c.parties, model, c.id);
        if (total > 0 && c.parties.length > 0 && w.every((x) => BigInt(x) === 0n)) {
          problems.add(
            t(`${where}: alla vikter är noll${year !== undefined ? ` år ${year}` : ''} (${keyText(c)}), så ${c.label} kan inte fördelas`, `${where}: every weight is zero${year !== undefined ? ` in ${year}` : ''} (${keyText(c)}), so ${c.label} cannot be split`),
            { file, ...at(path) },
          );
        }
      } catch (e) {
        if (!(e instanceof AndelError)) throw e;
        const message = e instanceof InputError ? e.problems[0]!.message : t(e.describe('sv'), e.describe('en'));
        const aboutUsers = keyCounts(key, 'users') && /användare/.test(message.sv);
        problems.add(t(`${where}: ${message.sv}`, `${where}: ${message.en}`), { file, ...at(path), ...(aboutUsers && usersHint ? { hint: usersHint } : {}) });
      }
      if (!problems.ok) break;
    }
  }
  problems.throwIfAny('E_SCHEME');
}

/**
 * Amounts so large that their sums in öre would leave the integers a number
 * holds exactly (about 45 000 miljarder kr) are refused as input: computed,
 * they would end in an invariant error (exit 3) or, worse, an inexact figure.
 */
function checkMagnitude(model: SchemeModel, file: string, overrides: Readonly<Record<string, string>>): void {
  const magnitude = schemeMagnitude(model);
  if (magnitude.lessThanOrEqualTo(EXACT_SUM_LIMIT)) return;
  const set = Object.keys(overrides);
  const kr = (ore: Dec) => formatCount(ore.dividedToIntegerBy(100).toFixed(0));
  throw InputError.of(
    t(
      `beloppen blir för stora för att räknas exakt på öret: upp till ${kr(magnitude)} kr i schemat, men högst ${kr(new Dec(EXACT_SUM_LIMIT))} kr går att räkna exakt`,
      `the amounts grow too large to compute exactly to the öre: up to ${kr(magnitude)} kr in the scheme, but at most ${kr(new Dec(EXACT_SUM_LIMIT))} kr can be computed exactly`,
    ),
    {
      file: set.length > 0 ? '--set' : file,
      hint: t(
        `Kontrollera värdena${set.length > 0 ? ` (${set.map((k) => `${k}=${overrides[k]}`).join(', ')})` : ''}: belopp anges i kronor, inte i öre.`,
        `Check the values${set.length > 0 ? ` (${set.map((k) => `${k}=${overrides[k]}`).join(', ')})` : ''}: amounts are given in kronor, not in öre.`,
      ),
    },
    'E_MAGNITUDE',
  );
}

function keyText(c: Component): string {
  const k = c.kind === 'per-unit' ? c.key : c.key;
  return k.kind === 'population' ? 'folkmängd' : k.kind === 'users' ? 'antal användare' : k.kind === 'equal' ? 'lika delar' : k.kind === 'weights' ? 'avtalade vikter' : 'en blandning av nycklar';
}

/** `Göteborg (1480), Borås (1490)`: parties by name and code. */
function partyNames(codes: readonly string[], byCode: ReadonlyMap<string, Party>): string {
  const shown = codes.slice(0, 10).map((c) => {
    const p = byCode.get(c);
    return p ? `${p.name} (${c})` : c;
  });
  return `${shown.join(', ')}${codes.length > 10 ? ` och ${codes.length - 10} till` : ''}`;
}

function partyCount(parties: readonly Party[]): string {
  return `${parties.length} ${parties.length === 1 ? 'part' : 'parter'}`;
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

/** The parameter names a component definition refers to. */
function paramsIn(node: unknown): string[] {
  if (node === null || typeof node !== 'object') return [];
  if ('param' in node && typeof (node as { param: unknown }).param === 'string') return [(node as { param: string }).param];
  return Object.values(node).flatMap(paramsIn);
}

function resolveParameters(
  def: SchemeFile,
  overrides: Readonly<Record<string, string>>,
  problems: ProblemList,
  file: string,
  at: (path: YamlPath) => Place,
  missing?: Set<string>,
): Map<string, ParameterValue> {
  const out = new Map<string, ParameterValue>();
  const declared = Object.keys(def.parameters);
  for (const name of Object.keys(overrides)) {
    if (!Object.hasOwn(def.parameters, name)) {
      problems.add(
        t(`okänd parameter "${name}"; schemat ${def.id} har: ${declared.join(', ') || '(inga)'}`, `unknown parameter "${name}"; scheme ${def.id} has: ${declared.join(', ') || '(none)'}`),
        { file: '--set' },
      );
    }
  }
  for (const [name, p] of Object.entries(def.parameters)) {
    const fromOverride = Object.hasOwn(overrides, name);
    const text = fromOverride ? overrides[name] : p.value;
    const where = fromOverride ? { file: '--set' } : { file, ...at(['parameters', name, text === undefined ? 'label' : 'value']) };
    if (text === undefined && missing) {
      missing.add(name);
      continue;
    }
    if (text === undefined) {
      problems.add(t(`parametern ${name} (${p.label}) saknar värde`, `parameter ${name} (${p.label}) has no value`), {
        ...where,
        hint: t(p.description ?? `Ange den med --set ${name}=… eller i ett scenario.`, `Give it with --set ${name}=… or in a scenario.`),
      });
      continue;
    }
    const v = parameterValue(p, text);
    if (v.ok) out.set(name, v.value);
    else problems.add(t(`parametern ${name}: "${text}" ${v.message.sv}`, `parameter ${name}: "${text}" ${v.message.en}`), { ...where, ...(v.hint ? { hint: v.hint } : {}) });
  }
  return out;
}

function resolveKey(k: KeyDef): Key {
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

function resolveParties(def: SchemeFile, inputs: ResolveInputs, file: string, at: (path: YamlPath) => Place, caveats: string[]): Party[] {
  const rows = inputs.population?.rows;
  const problems = new ProblemList();
  // `from: population` may take one county's municipalities only (a kommunkod
  // starts with its county's code); "county" is then the sum of those rows.
  const counties = def.parties.flatMap((p) => ('from' in p && p.county !== undefined ? [p.county] : []));
  const ofCounty = (county: string | undefined) => (r: PopulationRowInput) => county === undefined || r.code.startsWith(county);
  const countyTotal = rows?.filter((r) => counties.length === 0 || counties.some((c) => ofCounty(c)(r))).reduce((s, r) => s + r.population, 0);
  const all: { party: Party; index: number }[] = [];
  def.parties.forEach((p, index) => {
    const here = { file, ...at(['parties', index]) };
    if ('from' in p) {
      if (!rows) {
        problems.add(t('parties: "from: population" kräver en befolkningsfil', 'parties: "from: population" needs a population file'), here);
        return;
      }
      const taken = rows.filter(ofCounty(p.county));
      const countyName = p.county === undefined ? '' : (inputs.officialName?.(p.county) ?? p.county);
      if (taken.length === 0) {
        problems.add(
          t(`befolkningsfilen har ingen kommun i ${countyName} (länskod ${p.county})`, `the population file has no municipality in ${countyName} (county code ${p.county})`),
          { file: inputs.population?.file ?? file },
        );
      } else if (taken.length < rows.length) {
        caveats.push(`Av befolkningsfilens ${rows.length} kommuner ingår de ${taken.length} i ${countyName} (länskod ${p.county}).`);
      }
      for (const r of taken) all.push({ party: { code: r.code, name: inputs.officialName?.(r.code) ?? r.name, kind: 'kommun', population: r.population }, index });
      return;
    }
    let population: number | undefined;
    if (p.population === 'county') {
      if (countyTotal === undefined) problems.add(t(`${p.name}: "population: county" kräver en befolkningsfil`, `${p.name}: "population: county" needs a population file`), here);
      population = countyTotal;
    } else if (typeof p.population === 'number') {
      population = p.population;
    } else {
      population = rows?.find((r) => r.code === p.code)?.population;
    }
    all.push({ party: { code: p.code, name: p.name, kind: p.kind, ...(population !== undefined ? { population } : {}) }, index });
  });
  const seen = new Map<string, number>();
  for (const { party, index } of all) {
    const first = seen.get(party.code);
    if (first !== undefined) {
      const line = at(['parties', first]).line;
      problems.add(
        t(`parten ${party.code} (${party.name}) förekommer två gånger${line !== undefined ? ` (även rad ${line})` : ''}`, `party ${party.code} (${party.name}) occurs twice${line !== undefined ? ` (also line ${line})` : ''}`),
        { file, ...at(['parties', index]) },
      );
    } else seen.set(party.code, index);
  }
  problems.throwIfAny('E_SCHEME');
  return orderParties(all.map((a) => a.party));
}

/** A component's need for user counts: the years it reads them for. */
interface UsersNeed {
  readonly component: number;
  readonly years: readonly number[];
}

/**
 * User counts for every year a users-keyed component needs. A year without
 * its own file uses the latest earlier year's counts, and a caveat says so;
 * a year before every file, or a party without a count, is refused with the
 * year and the parties named.
 */
function resolveUsers(
  needs: readonly UsersNeed[],
  inputs: ResolveInputs,
  partyUsers: ReadonlyMap<string, number>,
  caveats: string[],
  report: (need: UsersNeed, problem: { message: Text; hint?: Text; where?: { file: string } }) => void,
): Record<number, Record<string, number>> | undefined {
  const years = new Set(needs.flatMap((n) => n.years));
  if (years.size === 0) return inputs.users ? { ...inputs.users } : undefined;
  const given = Object.keys(inputs.users ?? {}).map(Number).sort((a, b) => a - b);
  const out: Record<number, Record<string, number>> = {};
  const carried: number[] = [];
  for (const year of [...years].sort((a, b) => a - b)) {
    const from = [...given].reverse().find((g) => g <= year);
    const table = Object.create(null) as Record<string, number>;
    for (const [code, n] of partyUsers) table[code] = n;
    if (from !== undefined) Object.assign(table, inputs.users![from]);
    if (from !== undefined && from !== year) carried.push(year);
    if (from !== undefined || partyUsers.size > 0) out[year] = table;
    else {
      for (const need of needs.filter((n) => n.years.includes(year))) {
        report(need, {
          message: t(
            `antal användare för ${year} saknas${given.length > 0 ? ` (användarfiler finns för ${given.join(', ')})` : ''}`,
            `user counts for ${year} are missing${given.length > 0 ? ` (there are user files for ${given.join(', ')})` : ''}`,
          ),
          hint: t(`Ange en fil med --users ${year}=fil.csv eller under users.files i schemat.`, `Give a file with --users ${year}=file.csv or under users.files in the scheme.`),
        });
      }
    }
  }
  if (carried.length > 0 && given.length > 0) {
    caveats.push(`Antal användare för ${yearsText(carried)} saknas; senast kända antal (${given.filter((g) => g <= carried[0]!).pop() ?? given[0]}) används oförändrat.`);
  }
  return out;
}

function yearsText(years: readonly number[]): string {
  const sorted = [...years].sort((a, b) => a - b);
  const first = sorted[0]!;
  const last = sorted[sorted.length - 1]!;
  return sorted.length > 1 && last - first === sorted.length - 1 ? `${first}–${last}` : sorted.join(', ');
}

function applySplits(parties: Party[], splits: readonly SplitInput[], caveats: string[]): { parties: Party[]; splits: PartySplit[] } {
  const problems = new ProblemList();
  const out = [...parties];
  const done: PartySplit[] = [];
  for (const sp of splits) {
    const parent = parties.find((p) => p.code === sp.parent);
    if (!parent) {
      problems.add(t(`--split: parten ${sp.parent} finns inte i schemat`, `--split: party ${sp.parent} is not in the scheme`), { file: sp.file });
      continue;
    }
    if (parent.population === undefined) {
      problems.add(t(`--split: ${parent.name} (${sp.parent}) har ingen folkmängd att dela`, `--split: ${parent.name} (${sp.parent}) has no population to split`), { file: sp.file });
      continue;
    }
    if (sp.rows.length < 2) {
      problems.add(t('en uppdelning behöver minst två delparter', 'a split needs at least two sub-parties'), { file: sp.file });
      continue;
    }
    const fileSum = sp.rows.reduce((s, r) => s + r.population, 0);
    let populations = sp.rows.map((r) => r.population);
    if (sp.proportional) {
      const a = allocateByWeights({ total: parent.population, codes: sp.rows.map((_, i) => String(i).padStart(4, '0')), weights: populations });
      populations = a.lines.map((l) => l.amount);
      caveats.push(
        `${parent.name} är uppdelad på ${sp.rows.length} delar med folkmängden ${formatCount(parent.population)} fördelad efter andelarna i ${sp.file}${sp.source ? ` (${sp.source})` : ''}: ett räkneexempel, inte officiell statistik.`,
      );
    } else if (fileSum !== parent.population) {
      const diff = fileSum - parent.population;
      problems.add(
        t(
          `delparterna summerar till ${formatCount(fileSum)} invånare men ${parent.name} (${sp.parent}) har ${formatCount(parent.population)}: ${formatCount(Math.abs(diff))} ${diff > 0 ? 'för många' : 'för få'}`,
          `the sub-parties sum to ${formatCount(fileSum)} inhabitants but ${parent.name} (${sp.parent}) has ${formatCount(parent.population)}: ${formatCount(Math.abs(diff))} ${diff > 0 ? 'too many' : 'too few'}`,
        ),
        { file: sp.file, hint: t('Använd siffror från samma referensdatum som schemat, eller --split-proportional för att fördela efter filens andelar.', 'Use figures of the same reference date as the scheme, or --split-proportional to apportion by the file\'s shares.') },
      );
      continue;
    }
    const children = sp.rows.map((r, i) => ({
      code: r.code && r.code.startsWith(sp.parent) ? r.code : `${sp.parent}-${String(i + 1).padStart(2, '0')}`,
      name: r.name,
      kind: 'del' as const,
      parent: sp.parent,
      population: populations[i]!,
    }));
    out.push(...children);
    done.push({ parent: sp.parent, children: children.map((c) => c.code), file: sp.file, proportional: Boolean(sp.proportional) });
  }
  problems.throwIfAny('E_SPLIT');
  return { parties: orderParties(out), splits: done };
}

/** Regions first, then municipalities and sub-parties by Swedish name order (as Tabell 1 of the VGR seed). */
export function orderParties(parties: readonly Party[]): Party[] {
  const nameOf = new Map(parties.map((p) => [p.code, p.name]));
  // A sub-party sorts right after its parent, among its siblings by name.
  const key = (p: Party) => ({ rank: p.kind === 'region' ? 0 : 1, group: p.parent ? (nameOf.get(p.parent) ?? p.parent) : p.name, child: p.parent ? 1 : 0 });
  return [...parties].sort((a, b) => {
    const ka = key(a);
    const kb = key(b);
    return ka.rank - kb.rank || collator.compare(ka.group, kb.group) || ka.child - kb.child || collator.compare(a.name, b.name) || a.code.localeCompare(b.code);
  });
}

/** A built-in scheme: its id and where its file is. */
export interface BuiltinScheme {
  readonly id: string;
  readonly file: string;
  readonly title: string;
  readonly summary: string;
}

/** Lists the schemes shipped in `data/schemes/`. */
export async function listBuiltinSchemes(): Promise<BuiltinScheme[]> {
  const dir = dataPath('schemes');
  const files = (await readdir(dir)).filter((f) => /\.(ya?ml|json)$/.test(f)).sort();
  const out: BuiltinScheme[] = [];
  for (const f of files) {
    const path = join(dir, f);
    const def = parseSchemeFile(await readFile(path, 'utf8'), `data/schemes/${f}`);
    out.push({ id: def.id, file: path, title: def.title, summary: def.summary });
  }
  return out;
}

/**
 * Finds a scheme by built-in id or by path. A wrong name is an InputError
 * that lists the built-in schemes.
 */
export async function findSchemeFile(nameOrPath: string): Promise<{ path: string; label: string }> {
  if (/[/\\]|\.(ya?ml|json)$/.test(nameOrPath)) {
    return { path: isAbsolute(nameOrPath) ? nameOrPath : resolve(nameOrPath), label: nameOrPath };
  }
  const builtins = await listBuiltinSchemes();
  const hit = builtins.find((b) => b.id === nameOrPath);
  if (!hit) {
    throw InputError.of(
      t(`okänt schema "${nameOrPath}"`, `unknown scheme "${nameOrPath}"`),
      { hint: t(`Inbyggda scheman: ${builtins.map((b) => b.id).join(', ')}. Ange ett id eller en sökväg till en schemafil (.yaml).`, `Built-in schemes: ${builtins.map((b) => b.id).join(', ')}. Give an id or a path to a scheme file (.yaml).`) },
      'E_UNKNOWN_SCHEME',
    );
  }
  return { path: hit.file, label: `data/schemes/${basename(hit.file)}` };
}

/** Reads a scheme file, reporting a missing or unreadable file clearly. */
export async function readSchemeFile(path: string, label: string): Promise<SchemeFile> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    throw InputError.of(
      t(`schemafilen kan inte läsas (${(e as NodeJS.ErrnoException).code ?? 'fel'})`, `the scheme file cannot be read (${(e as NodeJS.ErrnoException).code ?? 'error'})`),
      { file: label, hint: t('Kontrollera sökvägen, eller kör "andel schemes" för de inbyggda schemana.', 'Check the path, or run "andel schemes" for the built-in schemes.') },
      'E_SCHEME',
    );
  }
  return parseSchemeFile(text, label);
}

/** The absolute path of a file a scheme names, relative to the scheme file. */
export function relativeToScheme(schemePath: string, file: string): string {
  return isAbsolute(file) ? file : resolve(dirname(schemePath), file);
}
