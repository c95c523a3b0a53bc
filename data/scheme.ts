/**
 * From a validated scheme file to a resolved {@link SchemeModel}: parameters
 * get their values (the file's defaults, overridden by `--set`), parties get
 * their populations, component fields that name a parameter get its value.
 * `resolveScheme` is pure; `loadScheme` reads the files it names.
 */
import { readFile, readdir } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, resolve } from 'node:path';
import type { CapPolicy } from '../models/apply-caps.js';
import { InputError, ProblemList, t } from '../models/errors.js';
import { allocateByWeights } from '../models/allocate.js';
import { Dec, type Ore, kronorToOre, parseDecimal } from '../models/money.js';
import type { Component, Key, Party, PartySplit, Provenance, SchemeModel } from '../models/scheme.js';
import { type KeyDef, type ParameterDef, type SchemeFile, parseSchemeFile } from './scheme-file.js';
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

/** A parameter's resolved value: öre for money, a Decimal otherwise, or text. */
type ParamValue = { readonly type: ParameterDef['type']; readonly text: string; readonly ore?: Ore; readonly dec?: Dec };

const collator = new Intl.Collator('sv');

/**
 * Resolves a scheme file into a model ready to evaluate. Collects every
 * problem (unknown override, missing value, bad number) before failing.
 */
export function resolveScheme(def: SchemeFile, inputs: ResolveInputs = {}): SchemeModel {
  const file = inputs.file ?? `${def.id}.yaml`;
  const problems = new ProblemList();
  const missing = new Set<string>();
  const params = resolveParameters(def, inputs.overrides ?? {}, problems, file, inputs.omitIncomplete ? missing : undefined);
  problems.throwIfAny('E_PARAM');

  const unitDec = parseDecimal(def.rounding);
  const unit = unitDec && unitDec.greaterThan(0) ? unitDec.times(100) : undefined;
  if (!unit || !unit.isInteger()) {
    throw InputError.of(t(`rounding "${def.rounding}" ska vara ett belopp i kronor, t.ex. "1" eller "0.01"`, `rounding "${def.rounding}" must be an amount in kronor, e.g. "1" or "0.01"`), { file }, 'E_SCHEME');
  }

  const caveats: string[] = [...(inputs.caveats ?? [])];
  const baseParties = resolveParties(def, inputs, file, caveats);
  const { parties, splits } = applySplits(baseParties, inputs.splits ?? [], caveats);
  const codes = new Set(parties.map((p) => p.code));
  const childrenOf = new Map(splits.map((s) => [s.parent, s.children]));
  // Only the top-level parties: a split parent's sub-parties stand in for it
  // where the key can weigh them (see `expandSplits`).
  const select = (sel: 'all' | 'kommun' | 'region' | 'del' | string[], where: string): string[] => {
    const top = parties.filter((p) => p.kind !== 'del');
    if (sel === 'all') return top.map((p) => p.code);
    if (typeof sel === 'string') return parties.filter((p) => p.kind === sel).map((p) => p.code);
    const unknown = sel.filter((c) => !codes.has(c));
    if (unknown.length > 0) problems.add(t(`${where}: okänd part ${unknown.join(', ')}`, `${where}: unknown party ${unknown.join(', ')}`), { file });
    return sel.filter((c) => codes.has(c));
  };
  const expandSplits = (list: string[], canWeighChildren: boolean): string[] =>
    canWeighChildren ? list.flatMap((c) => childrenOf.get(c) ?? [c]) : list;

  // Users per party: constants declared on parties (a parameter or a number).
  const partyUsers = new Map<string, number>();
  for (const p of def.parties) {
    if ('code' in p && p.users !== undefined) {
      const v = typeof p.users === 'object' ? params.get(p.users.param)?.dec : parseDecimal(p.users);
      if (!v || !v.isInteger() || v.isNegative()) problems.add(t(`parties ${p.code}: users ska vara ett icke-negativt heltal`, `parties ${p.code}: users must be a non-negative whole number`), { file });
      else partyUsers.set(p.code, v.toNumber());
    }
  }

  const num = (v: string | { param: string }, kind: 'ore' | 'dec' | 'int', where: string): { ore?: Ore; dec?: Dec } => {
    if (typeof v === 'object') {
      const p = params.get(v.param);
      if (!p) {
        problems.add(t(`${where} hänvisar till parametern ${v.param}, som inte är deklarerad`, `${where} refers to parameter ${v.param}, which is not declared`), { file });
        return {};
      }
      return kind === 'ore' ? { ore: p.ore ?? (p.dec ? safeOre(p.dec, where, problems, file) : undefined) } : { dec: p.dec };
    }
    const d = parseDecimal(v);
    if (!d) {
      problems.add(t(`${where}: "${v}" är inte ett tal`, `${where}: "${v}" is not a number`), { file });
      return {};
    }
    return kind === 'ore' ? { ore: safeOre(d, where, problems, file) } : { dec: d };
  };
  const years = (y: { first: string | { param: string }; count: string | { param: string } }, where: string): number[] => {
    const first = num(y.first, 'int', `${where}.years.first`).dec;
    const count = num(y.count, 'int', `${where}.years.count`).dec;
    if (!first || !count) return [];
    if (!first.isInteger() || !count.isInteger() || count.lessThan(1) || count.greaterThan(50)) {
      problems.add(t(`${where}.years: första år och antal år ska vara heltal (1–50 år)`, `${where}.years: first year and count must be whole numbers (1–50 years)`), { file });
      return [];
    }
    return Array.from({ length: count.toNumber() }, (_, k) => first.toNumber() + k);
  };

  const components: Component[] = [];
  for (const c of def.components) {
    const where = `components.${c.id}`;
    const needs = paramsIn(c).filter((name) => missing.has(name));
    if (needs.length > 0) {
      caveats.push(`${c.label} är inte med: ${needs.join(', ')} saknar värde (ange --set ${needs[0]}=…).`);
      continue;
    }
    const keyKind = typeof c.key === 'string' ? c.key : 'weights' in c.key ? 'weights' : 'blend';
    const firstUsers = inputs.users ? Object.values(inputs.users)[0] : undefined;
    const weighsChildren = keyKind === 'population' || (keyKind === 'users' && [...childrenOf.values()].every((ch) => ch.every((code) => firstUsers?.[code] !== undefined)));
    const partyCodes = expandSplits(select(c.parties, where), weighsChildren);
    if (c.kind === 'per-unit') {
      const rate = num(c.rate, 'dec', `${where}.rate`).dec;
      if (rate) components.push({ kind: 'per-unit', id: c.id, label: c.label, ...(c.short ? { short: c.short } : {}), rate, key: { kind: 'population' }, parties: partyCodes, ...(c.year !== undefined ? { year: c.year } : {}) });
    } else if (c.kind === 'share') {
      const total = num(c.total, 'ore', `${where}.total`).ore;
      let cap: { amount: Ore; policy: CapPolicy; parties: string[]; basis?: string } | undefined;
      if (c.cap) {
        const amount = num(c.cap.amount, 'ore', `${where}.cap.amount`).ore;
        const policyName = typeof c.cap.policy === 'object' ? params.get(c.cap.policy.param)?.text : c.cap.policy;
        const carrierCode = c.cap.carrier ?? parties.find((p) => p.kind === 'region')?.code;
        let policy: CapPolicy | undefined;
        if (policyName === 'redistribute') policy = { kind: 'redistribute' };
        else if (policyName === 'none') policy = { kind: 'uncovered' };
        else if (policyName === 'region' && carrierCode) {
          policy = { kind: 'carrier', code: carrierCode, name: parties.find((p) => p.code === carrierCode)?.name ?? carrierCode };
        } else {
          problems.add(t(`${where}.cap.policy: "${policyName}" ska vara region, redistribute eller none (region kräver en regionpart)`, `${where}.cap.policy: "${policyName}" must be region, redistribute or none (region needs a region party)`), { file });
        }
        if (amount !== undefined && policy) {
          cap = { amount, policy, parties: expandSplits(select(c.cap.parties, `${where}.cap`), weighsChildren).filter((code) => partyCodes.includes(code)), ...(c.cap.basis ? { basis: c.cap.basis } : {}) };
        }
      }
      const floors = c.floors ? Object.fromEntries(Object.entries(c.floors).map(([k, v]) => [k, num(v, 'ore', `${where}.floors.${k}`).ore ?? 0])) : undefined;
      const ys = c.years ? years(c.years, where) : undefined;
      if (total !== undefined) {
        components.push({
          kind: 'share', id: c.id, label: c.label, ...(c.short ? { short: c.short } : {}), total, key: resolveKey(c.key, problems, file, where), parties: partyCodes,
          ...(cap ? { cap } : {}), ...(floors ? { floors } : {}), ...(ys ? { years: ys } : {}),
        });
      }
    } else {
      const budget = num(c.budget, 'ore', `${where}.budget`).ore;
      const index = num(c.index, 'dec', `${where}.index`).dec;
      const ys = years(c.years, where);
      if (budget !== undefined && index) {
        components.push({ kind: 'yearly-share', id: c.id, label: c.label, ...(c.short ? { short: c.short } : {}), budget, index, key: resolveKey(c.key, problems, file, where), parties: partyCodes, years: ys });
      }
    }
  }

  const users = resolveUsers(components, inputs, partyUsers, caveats);

  let financing: SchemeModel['financing'];
  if (def.financing) {
    const cost = num(def.financing.cost.amount, 'ore', 'financing.cost').ore;
    const revenue = num(def.financing.revenue.amount, 'ore', 'financing.revenue').ore;
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
    const y = def.contract.years !== undefined ? num(def.contract.years, 'int', 'contract.years').dec : undefined;
    contract = {
      start: def.contract.start,
      ...(y ? { years: y.toNumber() } : {}),
      ...(def.contract.noticeMonths ? { noticeMonths: def.contract.noticeMonths } : {}),
      ...(def.contract.condition ? { condition: def.contract.condition } : {}),
    };
  }
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
  if (inputs.usersExample) caveats.unshift('Antal användare är EXEMPELDATA, inte uppmätta antal: helpdeskbeloppen per part är räkneexempel.');
  const regions = parties.filter((p) => p.kind === 'region');
  const kommuner = parties.filter((p) => p.kind === 'kommun').length;
  const partyList =
    [...regions.map((r) => r.name), kommuner > 0 ? `${kommuner} ${kommuner === 1 ? 'kommun' : 'kommuner'}` : ''].filter(Boolean).join(' och ') +
    splits.map((sp) => ` (${parties.find((p) => p.code === sp.parent)?.name ?? sp.parent} uppdelad på ${sp.children.length} delar enligt ${sp.file})`).join('');

  return {
    id: def.id,
    title: def.title,
    summary: def.summary,
    currency: 'SEK',
    unit: unit.toNumber(),
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
}

function safeOre(d: Dec, where: string, problems: ProblemList, file: string): Ore | undefined {
  try {
    return kronorToOre(d, where);
  } catch (e) {
    if (e instanceof InputError) {
      for (const p of e.problems) problems.add(p.message, { file });
      return undefined;
    }
    throw e;
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
  missing?: Set<string>,
): Map<string, ParamValue> {
  const out = new Map<string, ParamValue>();
  for (const name of Object.keys(overrides)) {
    if (!(name in def.parameters)) {
      problems.add(
        t(`okänd parameter "${name}"; schemat ${def.id} har: ${Object.keys(def.parameters).join(', ') || '(inga)'}`, `unknown parameter "${name}"; scheme ${def.id} has: ${Object.keys(def.parameters).join(', ') || '(none)'}`),
        { file: '--set' },
      );
    }
  }
  for (const [name, p] of Object.entries(def.parameters)) {
    const fromOverride = overrides[name] !== undefined;
    const text = overrides[name] ?? p.value;
    const where = fromOverride ? { file: '--set' } : { file };
    if (text === undefined && missing) {
      missing.add(name);
      continue;
    }
    if (text === undefined) {
      problems.add(
        t(`parametern ${name} (${p.label}) saknar värde`, `parameter ${name} (${p.label}) has no value`),
        { ...where, hint: t(p.description ?? `Ange den med --set ${name}=… eller i ett scenario.`, `Give it with --set ${name}=… or in a scenario.`) },
      );
      continue;
    }
    const v = parseParameter(name, p, text, problems, where.file);
    if (v) out.set(name, v);
  }
  return out;
}

function parseParameter(name: string, p: ParameterDef, text: string, problems: ProblemList, file: string): ParamValue | undefined {
  const bad = (sv: string, en: string) => {
    problems.add(t(`parametern ${name}: "${text}" ${sv}`, `parameter ${name}: "${text}" ${en}`), { file });
    return undefined;
  };
  if (p.type === 'text') return { type: p.type, text };
  if (p.type === 'enum') {
    if (!p.values?.includes(text)) return bad(`ska vara ett av ${p.values?.join(', ')}`, `must be one of ${p.values?.join(', ')}`);
    return { type: p.type, text };
  }
  const isPercent = p.type === 'percent';
  const d = parseDecimal(isPercent ? text.replace(/\s*%$/, '') : text);
  if (!d) return bad('är inte ett tal', 'is not a number');
  if (d.isNegative()) return bad('får inte vara negativt', 'must not be negative');
  if ((p.type === 'integer' || p.type === 'year') && !d.isInteger()) return bad('ska vara ett heltal', 'must be a whole number');
  if (p.min !== undefined && d.lessThan(p.min)) return bad(`är mindre än ${p.min}`, `is less than ${p.min}`);
  if (p.max !== undefined && d.greaterThan(p.max)) return bad(`är större än ${p.max}`, `is greater than ${p.max}`);
  if (p.type === 'money') {
    const ore = safeOre(d, `parametern ${name}`, problems, file);
    return ore === undefined ? undefined : { type: p.type, text: d.toString(), ore, dec: d };
  }
  return { type: p.type, text: d.toString(), dec: isPercent ? d.dividedBy(100) : d };
}

function resolveKey(k: KeyDef, problems: ProblemList, file: string, where: string): Key {
  if (k === 'population') return { kind: 'population' };
  if (k === 'users') return { kind: 'users' };
  if (k === 'equal') return { kind: 'equal' };
  if ('weights' in k) {
    const weights: Record<string, Dec> = {};
    for (const [code, w] of Object.entries(k.weights)) {
      const d = parseDecimal(w);
      if (!d || d.isNegative()) problems.add(t(`${where}.key.weights.${code}: "${w}" är inte en icke-negativ vikt`, `${where}.key.weights.${code}: "${w}" is not a non-negative weight`), { file });
      else weights[code] = d;
    }
    return { kind: 'weights', weights };
  }
  return {
    kind: 'blend',
    parts: k.blend.map((b, i) => {
      const d = parseDecimal(b.weight);
      if (!d || d.isNegative()) problems.add(t(`${where}.key.blend.${i}.weight: "${b.weight}" är inte en icke-negativ vikt`, `${where}.key.blend.${i}.weight: "${b.weight}" is not a non-negative weight`), { file });
      return { key: resolveKey(b.key, problems, file, where), weight: d ?? new Dec(0) };
    }),
  };
}

function resolveParties(def: SchemeFile, inputs: ResolveInputs, file: string, caveats: string[]): Party[] {
  const rows = inputs.population?.rows;
  const problems = new ProblemList();
  // `from: population` may take one county's municipalities only (a kommunkod
  // starts with its county's code); "county" is then the sum of those rows.
  const counties = def.parties.flatMap((p) => ('from' in p && p.county !== undefined ? [p.county] : []));
  const ofCounty = (county: string | undefined) => (r: PopulationRowInput) => county === undefined || r.code.startsWith(county);
  const countyTotal = rows?.filter((r) => counties.length === 0 || counties.some((c) => ofCounty(c)(r))).reduce((s, r) => s + r.population, 0);
  const explicit: Party[] = [];
  const fromFile: Party[] = [];
  for (const p of def.parties) {
    if ('from' in p) {
      if (!rows) {
        problems.add(t('parties: "from: population" kräver en befolkningsfil', 'parties: "from: population" needs a population file'), { file });
        continue;
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
      for (const r of taken) {
        fromFile.push({ code: r.code, name: inputs.officialName?.(r.code) ?? r.name, kind: 'kommun', population: r.population });
      }
    } else {
      let population: number | undefined;
      if (p.population === 'county') {
        if (countyTotal === undefined) problems.add(t(`${p.name}: "population: county" kräver en befolkningsfil`, `${p.name}: "population: county" needs a population file`), { file });
        population = countyTotal;
      } else if (typeof p.population === 'number') {
        population = p.population;
      } else {
        population = rows?.find((r) => r.code === p.code)?.population;
      }
      explicit.push({ code: p.code, name: p.name, kind: p.kind, ...(population !== undefined ? { population } : {}) });
    }
  }
  const all = [...explicit, ...fromFile];
  const seen = new Set<string>();
  for (const p of all) {
    if (seen.has(p.code)) problems.add(t(`parten ${p.code} (${p.name}) förekommer två gånger`, `party ${p.code} (${p.name}) occurs twice`), { file });
    seen.add(p.code);
  }
  problems.throwIfAny('E_SCHEME');
  return orderParties(all);
}

/**
 * User counts for every year a users-keyed component needs. A year without
 * its own file uses the latest earlier year's counts, and a caveat says so.
 */
function resolveUsers(
  components: readonly Component[],
  inputs: ResolveInputs,
  partyUsers: ReadonlyMap<string, number>,
  caveats: string[],
): Record<number, Record<string, number>> | undefined {
  const years = new Set<number>();
  for (const c of components) {
    if (c.kind === 'yearly-share' && c.key.kind === 'users') c.years.forEach((y) => years.add(y));
  }
  if (years.size === 0) return inputs.users ? { ...inputs.users } : undefined;
  const given = Object.keys(inputs.users ?? {}).map(Number).sort((a, b) => a - b);
  const out: Record<number, Record<string, number>> = {};
  const carried: number[] = [];
  for (const year of [...years].sort((a, b) => a - b)) {
    const from = [...given].reverse().find((g) => g <= year);
    const table: Record<string, number> = {};
    for (const [code, n] of partyUsers) table[code] = n;
    if (from !== undefined) Object.assign(table, inputs.users![from]);
    if (from !== undefined && from !== year) carried.push(year);
    if (from !== undefined || partyUsers.size > 0) out[year] = table;
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

/**
 * Adds each split's sub-parties (kind `del`, code `PARENT-NN`). Their
 * populations must sum to the parent's; with `proportional`, the parent's
 * population is apportioned by the file's figures (largest remainder) and a
 * caveat says the figures are not official.
 */
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
