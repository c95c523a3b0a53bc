/**
 * Views of scenario computations: comparisons, sweeps, simulations,
 * tornadoes and goal seeks, as JSON (every amount a decimal string, never a
 * JSON number) and as tables.
 *
 * Each computation has a `…Json` function (the contract for scripts) and a
 * `…Tables` function (the one table model, which the writers in
 * `reports/formats/` make the terminal table, CSV, XLSX and HTML of).
 */
import { caveatText } from '../models/scheme.js';
import { capPolicyJson, capPolicyText } from '../models/cap-policy.js';
import { InvariantError, t } from '../models/errors.js';
import type { SchemeResult } from '../models/evaluate.js';
import { Dec, type Ore, oreToDecimalString } from '../models/money.js';
import type { Comparison, ReconciliationComparison } from '../models/scenarios/compare.js';
import type { GoalPoint, GoalSeekAnswer } from '../models/scenarios/goal-seek.js';
import type { OutputUnit } from '../models/scenarios/outputs.js';
import { type ParamType, gridText } from '../models/scenarios/source.js';
import { type SimulationSummary } from '../models/scenarios/simulation.js';
import { type ColumnSummary, meanOre } from '../models/scenarios/statistics.js';
import type { SweepAxis, SweepPoint } from '../models/scenarios/sweep.js';
import type { Tornado } from '../models/scenarios/tornado.js';
import { varyName } from '../models/scenarios/vary.js';
import { NBSP, formatInteger, formatKronor, formatParameterValue } from './format.js';
import { writeCsv } from './formats/csv.js';
import { writeText } from './formats/table.js';
import { type Cell, type Table, cellText } from './formats/table-model.js';
import { writeXlsx } from './formats/xlsx.js';

// ---------------------------------------------------------------------------
// The table model, under the names these views have always exported

/** A cell of a view's table: the one table model's {@link Cell} (reports/formats/table-model.ts). */
export type { Cell } from './formats/table-model.js';

/** A view's table: the one table model's {@link Table}. */
export type ViewTable = Table;

/** The terminal's writer ({@link writeText}), under the views' name for it. */
export const renderViewText = writeText;

/** The CSV writer ({@link writeCsv}), under the views' name for it. */
export const renderViewCsv = writeCsv;

/** The XLSX writer ({@link writeXlsx}), under the views' name for it. */
export const renderViewXlsx = writeXlsx;

// ---------------------------------------------------------------------------
// Helpers

const kr2 = (d: Dec) => d.toFixed(2, Dec.ROUND_HALF_UP);

function decString(v: Dec | string | undefined, unit: OutputUnit | 'text'): string | undefined {
  if (v === undefined) return undefined;
  if (typeof v === 'string') return v;
  if (unit === 'kr') return kr2(v);
  if (unit === 'kr/unit') return v.toFixed(8, Dec.ROUND_HALF_UP);
  if (unit === 'count') return v.toString();
  return v.toFixed(8, Dec.ROUND_HALF_UP);
}

function outputCell(v: Dec, unit: OutputUnit): Cell {
  if (unit === 'kr') return v.times(100).isInteger() ? { ore: v.times(100).toNumber() } : { kr: v };
  if (unit === 'kr/unit') return { kr: v, decimals: 4 };
  if (unit === 'ratio') return { pct: v };
  return { num: v };
}

function outputText(v: Dec, unit: OutputUnit): string {
  // A ratio in full: 0,99999998 and 1 must not both read "100,0 %".
  if (unit === 'ratio') return v.toFixed(8, Dec.ROUND_HALF_UP).replace('.', ',');
  return cellText(outputCell(v, unit)).replaceAll(NBSP, ' ');
}

/**
 * A parameter value as a reader reads it, by its type (`1 501 577,89 kr`,
 * `11,72 kr`, `12,5 %`), from the grid text the command line takes.
 */
function paramText(text: string, type: ParamType): string {
  return formatParameterValue(type, text).replaceAll(NBSP, ' ');
}

/**
 * A value to type back: the reader's form and, in parentheses, the
 * `--set` that gives it (`11,72 kr (--set rate=11.72)`); the second form
 * only where it differs from the first.
 */
function settable(name: string, text: string, type: ParamType): string {
  const shown = paramText(text, type);
  return shown === text ? shown : `${shown} (--set ${name}=${text})`;
}

const GOAL_OPS: Readonly<Record<string, string>> = { '>=': '≥', '<=': '≤', '>': '>', '<': '<', '=': '=' };

function caveatNotes(result: SchemeResult): string[] {
  return [...(result.scheme.caveats ?? []).map((c) => `OBS: ${caveatText(c)}`), ...result.scheme.provenance.filter((p) => p.example).map((p) => `EXEMPELDATA: ${p.label} (${p.file ?? p.source}).`)];
}

/** What a scenario computation was run on, for the head of every output. */
export interface ScenarioLabel {
  /** Scheme id or scenario file, as the user named it. */
  readonly label: string;
  readonly title: string;
  readonly kind: 'scenario' | 'scheme';
  readonly description?: string;
}

function labelJson(l: ScenarioLabel): Record<string, unknown> {
  return { label: l.label, title: l.title, kind: l.kind, ...(l.description ? { description: l.description } : {}) };
}

// ---------------------------------------------------------------------------
// Comparison

/** The JSON contract of `andel compare`. */
export function comparisonJson(c: Comparison, base: ScenarioLabel, scenario: ScenarioLabel): Record<string, unknown> {
  const o = (v: Ore | undefined) => (v === undefined ? null : oreToDecimalString(v));
  return {
    scheme: c.base.scheme.id,
    currency: 'SEK',
    base: { ...labelJson(base), partyList: c.base.scheme.partyList, parameters: c.base.scheme.parameters },
    scenario: { ...labelJson(scenario), partyList: c.scenario.scheme.partyList, parameters: c.scenario.scheme.parameters },
    total: { base: o(c.total.base), scenario: o(c.total.scenario), diff: o(c.total.diff) },
    parties: c.parties.map((p) => ({
      code: p.code, name: p.name, kind: p.kind, status: p.status,
      base: o(p.base), scenario: o(p.scenario), diff: o(p.diff), relative: p.relative ? p.relative.toFixed(6, Dec.ROUND_HALF_UP) : null,
      components: Object.fromEntries(Object.entries(p.components).map(([id, x]) => [id, { base: o(x.base), scenario: o(x.scenario), diff: o(x.diff) }])),
    })),
    reconciliation: Object.fromEntries(
      c.reconciliation.map((r) => [r.key, { label: r.label, base: decString(r.base, r.unit) ?? null, scenario: decString(r.scenario, r.unit) ?? null, diff: r.diff ? decString(r.diff, r.unit) : null }]),
    ),
    caveats: [...new Set([...(c.base.scheme.caveats ?? []), ...(c.scenario.scheme.caveats ?? [])].map(caveatText))],
  };
}

function shortOf(c: Comparison, id: string): string {
  const comp = [...c.base.components, ...c.scenario.components].find((x) => x.component.id === id)?.component;
  return comp?.short ?? id;
}

function recCell(v: Dec | string | undefined, r: ReconciliationComparison, sign = false): Cell {
  if (v === undefined) return '–';
  if (typeof v === 'string') return v;
  if (r.unit === 'kr') return v.times(100).isInteger() ? { ore: v.times(100).toNumber(), sign } : { kr: v, sign };
  if (r.unit === 'kr/unit') return { kr: v, decimals: 2, sign };
  return { int: v.toNumber() };
}

/**
 * Rows of `andel compare`: one per party, then the reconciliation.
 * `parameterTypes` (name → type, from the scheme) lets the changed
 * parameters be written as a reader reads them; without it they stand as
 * given.
 */
export function comparisonTables(c: Comparison, base: ScenarioLabel, scenario: ScenarioLabel, parameterTypes: Readonly<Record<string, ParamType>> = {}): ViewTable[] {
  const status = (p: Comparison['parties'][number], side: 'base' | 'scenario'): Cell => {
    const v = p[side];
    if (v !== undefined) return { ore: v };
    if (side === 'scenario') return 'avstår';
    return p.kind === 'del' ? 'delpart' : 'ansluter';
  };
  const multi = c.componentIds.length > 1;
  const parties: ViewTable = {
    title: `Jämförelse: ${base.title} (${base.label}) → ${scenario.title} (${scenario.label})`,
    sheet: 'Jämförelse',
    columns: [
      { label: 'Kod', csv: 'kod', code: true }, { label: 'Part', csv: 'part' },
      ...(multi ? c.componentIds.map((id) => ({ label: `Skillnad ${shortOf(c, id)}`, csv: `skillnad_${id}_kr` })) : []),
      { label: 'Bas', csv: 'bas_kr' }, { label: 'Scenario', csv: 'scenario_kr' }, { label: 'Skillnad', csv: 'skillnad_kr' }, { label: 'Skillnad %', csv: 'skillnad_procent' },
    ],
    rows: [
      ...c.parties.map((p): Cell[] => [
        p.code, p.name,
        ...(multi ? c.componentIds.map((id): Cell => (p.components[id] ? { ore: p.components[id]!.diff, sign: true } : null)) : []),
        status(p, 'base'), status(p, 'scenario'), { ore: p.diff, sign: true }, p.relative ? { pct: p.relative, sign: true } : null,
      ]),
      ['', 'Summa', ...(multi ? c.componentIds.map(() => null) : []), { ore: c.total.base }, { ore: c.total.scenario }, { ore: c.total.diff, sign: true }, c.total.base !== 0 ? { pct: new Dec(c.total.diff).dividedBy(c.total.base), sign: true } : null],
    ],
    notes: [
      `Bas: ${c.base.scheme.partyList}.`,
      `Scenario: ${c.scenario.scheme.partyList}.`,
      ...(scenario.description ? [scenario.description] : []),
      ...changedParameters(c.base, c.scenario, parameterTypes),
      ...[...new Set([...caveatNotes(c.base), ...caveatNotes(c.scenario)])],
    ],
  };
  const rec: ViewTable = {
    title: 'Avstämning',
    sheet: 'Avstämning',
    columns: [{ label: 'Post', csv: 'post' }, { label: 'Bas', csv: 'bas' }, { label: 'Scenario', csv: 'scenario' }, { label: 'Skillnad', csv: 'skillnad' }],
    rows: c.reconciliation.map((r) => [r.label, recCell(r.base, r), recCell(r.scenario, r), r.diff ? recCell(r.diff, r, true) : null]),
    notes: [],
  };
  return [parties, rec];
}

function changedParameters(a: SchemeResult, b: SchemeResult, types: Readonly<Record<string, ParamType>>): string[] {
  const out: string[] = [];
  for (const [k, v] of Object.entries(b.scheme.parameters)) {
    const before = a.scheme.parameters[k];
    if (before === v) continue;
    const type = types[k];
    if (type === undefined) out.push(`${k}: ${before ?? '–'} → ${v}`);
    else out.push(`${k}: ${before !== undefined ? paramText(before, type) : '–'} → ${settable(k, v, type)}`);
  }
  return out.length > 0 ? [`Ändrade parametrar: ${out.join('; ')}.`] : [];
}

// ---------------------------------------------------------------------------
// Sweep

/** The JSON contract of `andel sweep`. */
export function sweepJson(points: readonly SweepPoint[], axes: readonly SweepAxis[], label: ScenarioLabel): Record<string, unknown> {
  const first = points[0]?.result;
  return {
    scheme: first?.scheme.id ?? null,
    currency: 'SEK',
    source: labelJson(label),
    axes: axes.map((a) => ({ parameter: a.parameter.name, label: a.parameter.label, values: a.values.map((q) => gridText(q, a.parameter.type)) })),
    points: points.map((pt) => {
      const f = pt.result.reconciliation.financing;
      return {
        values: pt.values,
        total: oreToDecimalString(pt.result.total),
        uncovered: oreToDecimalString(pt.result.reconciliation.uncovered),
        ...(f ? { need: oreToDecimalString(f.need), surplus: oreToDecimalString(f.surplus) } : {}),
        capped: Object.fromEntries(pt.result.components.filter((c) => c.bounded).map((c) => [c.component.id, c.bounded!.capped])),
        carried: Object.fromEntries(pt.result.components.filter((c) => c.bounded).map((c) => [c.component.id, oreToDecimalString(c.bounded!.reconciliation.carried)])),
        parties: pt.result.parties.map((p) => ({
          code: p.party.code, amount: oreToDecimalString(p.amount),
          components: Object.fromEntries(Object.entries(p.components).map(([k, v]) => [k, oreToDecimalString(v)])),
        })),
      };
    }),
    caveats: (first?.scheme.caveats ?? []).map(caveatText),
  };
}

/**
 * Rows of `andel sweep`: one per grid point with the key figures and who
 * the caps bind, plus the chosen parties' amounts; and a long table with
 * every party at every point (for CSV and XLSX).
 */
export function sweepTables(points: readonly SweepPoint[], axes: readonly SweepAxis[], label: ScenarioLabel, partyCodes: readonly string[] = []): ViewTable[] {
  const first = points[0]?.result;
  if (!first) throw new InvariantError(t('svepet har inga punkter', 'the sweep has no points'));
  const hasFin = first.reconciliation.financing !== undefined;
  const capped = first.components.filter((c) => c.bounded).map((c) => c.component);
  const nameOf = new Map(first.parties.map((p) => [p.party.code, p.party.name]));
  const chosen = partyCodes.map((c) => first.parties.find((p) => p.party.code === c || p.party.name.toLocaleLowerCase('sv') === c.toLocaleLowerCase('sv'))?.party.code ?? c);
  const axisCells = (pt: SweepPoint): Cell[] => axes.map((a) => paramCell(pt.values[a.parameter.name]!, a.parameter.type));
  const summary: ViewTable = {
    title: `Svep: ${label.title} (${label.label}) över ${axes.map((a) => a.parameter.name).join(' × ')}`,
    sheet: 'Svep',
    columns: [
      ...axes.map((a) => ({ label: a.parameter.name, csv: a.parameter.name })),
      { label: 'Summa', csv: 'summa_kr' },
      ...(hasFin ? [{ label: 'Överskott', csv: 'overskott_kr' }] : []),
      ...capped.flatMap((c) => [{ label: `${c.id}: buret`, csv: `${c.id}_buret_kr` }, { label: `${c.id}: ej täckt`, csv: `${c.id}_ej_tackt_kr` }, { label: `${c.id}: taket binder för`, csv: `${c.id}_tak_binder` }]),
      ...chosen.map((code) => ({ label: `${nameOf.get(code) ?? code}`, csv: `${code}_kr` })),
    ],
    rows: points.map((pt) => {
      const r = pt.result;
      return [
        ...axisCells(pt),
        { ore: r.total },
        ...(hasFin ? [{ ore: r.reconciliation.financing!.surplus, sign: true }] : []),
        ...capped.flatMap((c): Cell[] => {
          const b = r.components.find((x) => x.component.id === c.id)!.bounded!;
          return [{ ore: b.reconciliation.carried }, { ore: b.reconciliation.uncovered }, b.capped.map((code) => nameOf.get(code) ?? code).join(', ') || '–'];
        }),
        ...chosen.map((code): Cell => {
          const p = r.parties.find((x) => x.party.code === code);
          return p ? { ore: p.amount } : '–';
        }),
      ];
    }),
    notes: [`Parter: ${first.scheme.partyList}.`, `${points.length} punkter, var och en en fullständig beräkning.`, ...caveatNotes(first)],
  };
  const comps = first.components.map((c) => c.component);
  const long: ViewTable = {
    title: 'Alla parter i varje punkt',
    sheet: 'Parter',
    columns: [
      ...axes.map((a) => ({ label: a.parameter.name, csv: a.parameter.name })),
      { label: 'Kod', csv: 'kod', code: true }, { label: 'Part', csv: 'part' },
      ...comps.map((c) => ({ label: c.label, csv: `${c.id}_kr` })),
      { label: 'Belopp', csv: 'belopp_kr' },
      ...capped.map((c) => ({ label: `${c.id}: taket binder`, csv: `${c.id}_tak_binder` })),
    ],
    rows: points.flatMap((pt) =>
      pt.result.parties.map((p): Cell[] => [
        ...axisCells(pt), p.party.code, p.party.name,
        ...comps.map((c): Cell => (p.components[c.id] !== undefined ? { ore: p.components[c.id]! } : null)),
        { ore: p.amount },
        ...capped.map((c): Cell => (pt.result.components.find((x) => x.component.id === c.id)!.bounded!.capped.includes(p.party.code) ? 'ja' : 'nej')),
      ]),
    ),
    notes: [],
  };
  return [summary, long];
}

/** A parameter value as a cell: money and rates as kronor (a number in CSV and XLSX), counts as counts. */
function paramCell(text: string, type: string): Cell {
  // A year is written as a year (2021, not "2 021").
  if (type === 'enum' || type === 'text' || type === 'year') return text;
  const d = new Dec(text);
  // Money as every other amount: öre shown only where there are any.
  if (type === 'money') return d.times(100).isInteger() ? { ore: d.times(100).toNumber() } : { kr: d, decimals: d.decimalPlaces() };
  if (type === 'rate') return { kr: d, decimals: Math.max(2, d.decimalPlaces()) };
  if (type === 'integer') return { int: d.toNumber() };
  if (type === 'percent') return paramText(text, 'percent');
  return { num: d };
}

// ---------------------------------------------------------------------------
// Simulation

function stat(s: ColumnSummary): Record<string, string> {
  return {
    p5: oreToDecimalString(s.p5), p50: oreToDecimalString(s.p50), p95: oreToDecimalString(s.p95),
    mean: meanOre(s).dividedBy(100).toFixed(2, Dec.ROUND_HALF_UP), min: oreToDecimalString(s.min), max: oreToDecimalString(s.max),
  };
}

function probability(count: number, runs: number): { runs: number; probability: string } {
  return { runs: count, probability: new Dec(count).dividedBy(runs).toFixed(6, Dec.ROUND_HALF_UP) };
}

/** How the simulation was run, for the record. */
export interface SimulationRun {
  readonly source: ScenarioLabel;
  /** Threads that computed (1: this one only). Never changes a figure. */
  readonly workers: number;
  readonly seconds?: number;
}

/** The JSON contract of `andel simulate`. */
export function simulationJson(s: SimulationSummary, run: SimulationRun): Record<string, unknown> {
  const comp = new Map(s.components.map((c) => [c.id, c]));
  return {
    scheme: s.scheme,
    title: s.title,
    currency: 'SEK',
    source: labelJson(run.source),
    partyList: s.partyList,
    runs: s.runs,
    seed: s.seed,
    workers: run.workers,
    method: {
      path: s.path,
      ...(s.fullPathReasons.length > 0 ? { fullPathReasons: s.fullPathReasons } : {}),
      rng: 'xoroshiro128+ (pure-rand); chunk k of the runs draws from the seed\'s stream jumped k times',
      chunkRuns: s.chunkRuns,
      percentiles: 'nearest rank: the p-percentile is the ⌈p·N⌉-th smallest run',
      rounding: 'every run is an exact evaluation: largest remainder to the rounding unit, caps under the scheme\'s policy',
    },
    vary: s.vary.map((v) => ({ input: varyName(v), distribution: v.text.slice(v.text.indexOf('=') + 1) })),
    parties: s.parties.map((p) => ({
      code: p.code, name: p.name, kind: p.kind,
      outputs: { ...Object.fromEntries(Object.entries(p.components).map(([id, x]) => [id, stat(x)])), total: stat(p.total) },
      ...(Object.keys(p.capBinds).length > 0 ? { capBinds: Object.fromEntries(Object.entries(p.capBinds).map(([id, n]) => [id, probability(n, s.runs)])) } : {}),
    })),
    components: s.components.map((c) => ({
      id: c.id, label: c.label, total: stat(c.total),
      ...(c.capped
        ? { cap: { policy: capPolicyJson(c.capped.policy), amount: stat(c.capped.amount), heldBack: stat(c.capped.heldBack), carried: stat(c.capped.carried), uncovered: stat(c.capped.uncovered), binds: probability(c.capped.bindsAny, s.runs) } }
        : {}),
    })),
    totals: { total: stat(s.total), ...(s.need ? { need: stat(s.need) } : {}), ...(s.surplus ? { surplus: stat(s.surplus) } : {}) },
    probabilities: {
      ...(s.needNotCovered !== undefined ? { needNotCovered: probability(s.needNotCovered, s.runs) } : {}),
      uncovered: probability(s.uncoveredRuns, s.runs),
      capBinds: Object.fromEntries([...comp].filter(([, c]) => c.capped).map(([id, c]) => [id, probability(c.capped!.bindsAny, s.runs)])),
    },
    inputs: s.inputs.map((i) => ({
      input: i.name,
      ...(i.role ? { role: i.role } : {}),
      ...(i.driver ? { driver: i.driver } : {}),
      p5: gridText(i.summary.p5, i.type), p50: gridText(i.summary.p50, i.type), p95: gridText(i.summary.p95, i.type),
      min: gridText(i.summary.min, i.type), max: gridText(i.summary.max, i.type),
    })),
    caveats: s.caveats,
  };
}

/**
 * Rows of `andel simulate`: per party and money output, P5/P50/P95/mean
 * and, when a component has a cap, how often it binds. A party's sum is a
 * row of its own only when the party has more than one output (one output
 * and its sum are the same row twice); the cap column only when some
 * component has a cap, filled only on the rows of capped components.
 */
export function simulationTables(s: SimulationSummary, run: SimulationRun): ViewTable[] {
  const comps = s.components;
  const anyCap = comps.some((c) => c.capped);
  const pct = (n: number) => ({ pct: new Dec(n).dividedBy(s.runs) });
  const mean = (x: ColumnSummary): Cell => ({ kr: meanOre(x).dividedBy(100) });
  const row = (code: string, name: string, what: string, x: ColumnSummary, binds: Cell): Cell[] => [code, name, what, { ore: x.p5 }, { ore: x.p50 }, { ore: x.p95 }, mean(x), ...(anyCap ? [binds] : [])];
  const rows: Cell[][] = [];
  for (const p of s.parties) {
    const own = comps.filter((c) => p.components[c.id] !== undefined);
    for (const c of own) {
      const b = p.capBinds[c.id];
      rows.push(row(p.code, p.name, c.short ?? c.label, p.components[c.id]!, c.capped && b !== undefined ? pct(b) : null));
    }
    if (own.length > 1) rows.push(row(p.code, p.name, 'Summa', p.total, null));
  }
  rows.push(row('', 'Alla parter', 'Summa', s.total, null));
  const notes: string[] = [
    `Parter: ${s.partyList}.`,
    `Varierat: ${s.vary.map((v) => v.text).join('; ')}.`,
    `${formatInteger(s.runs)} körningar, frö ${s.seed}; ${run.workers === 1 ? 'en tråd' : `${run.workers} trådar`} (antalet trådar ändrar inga siffror). ${s.path === 'fast' ? 'Heltalskärnan' : 'Fullständig beräkning per körning'} med största-resten-avrundning.`,
    ...(s.fullPathReasons.length > 0 ? [`Fullständig beräkning eftersom: ${s.fullPathReasons.join('; ')}.`] : []),
    'Percentiler enligt närmaste rang (värdet i en faktisk körning, på öret).',
  ];
  for (const c of comps) {
    if (!c.capped) continue;
    const policy = c.capped.policy;
    const carrierName = policy.kind === 'carrier' ? s.parties.find((p) => p.code === policy.code)?.name : undefined;
    const pol = capPolicyText(policy, 'predicate', policy.kind === 'carrier' ? (carrierName ? `${carrierName} (${policy.code})` : policy.code) : undefined).sv;
    notes.push(
      `${c.short ?? c.label}: taket binder för någon part i ${cellText(pct(c.capped.bindsAny))} av körningarna; det som taket håller tillbaka ${pol}: medel ${cellText(mean(c.capped.heldBack))}, P95 ${formatKronor(c.capped.heldBack.p95)}.`,
    );
  }
  if (s.needNotCovered !== undefined && s.surplus) {
    notes.push(`Sannolikhet att behovet inte täcks: ${cellText(pct(s.needNotCovered))} (överskott P5 ${formatKronor(s.surplus.p5)}, P50 ${formatKronor(s.surplus.p50)}, P95 ${formatKronor(s.surplus.p95)}).`);
  }
  notes.push(`Sannolikhet att något inte täcks av någon part: ${cellText(pct(s.uncoveredRuns))}.`);
  const drawn = (q: number, type: ParamType) => paramText(gridText(q, type), type);
  for (const i of s.inputs) {
    const what = i.role === 'driver' ? `Drivande faktor ${i.name} (dras en gång per körning)` : i.role === 'scaled' ? `Värden ${i.name} (skalas av ${i.driver})` : i.role === 'derived' ? `Värden ${i.name} (härledd, följer de dragna)` : `Dragna värden ${i.name}`;
    notes.push(`${what}: P5 ${drawn(i.summary.p5, i.type)}, P50 ${drawn(i.summary.p50, i.type)}, P95 ${drawn(i.summary.p95, i.type)}.`);
  }
  notes.push(...s.caveats.map((c) => `OBS: ${c}`));
  return [
    {
      title: `Simulering: ${run.source.title} (${run.source.label})`,
      sheet: 'Simulering',
      columns: [
        { label: 'Kod', csv: 'kod', code: true }, { label: 'Part', csv: 'part' }, { label: 'Utdata', csv: 'utdata' },
        { label: 'P5', csv: 'p5_kr' }, { label: 'P50', csv: 'p50_kr' }, { label: 'P95', csv: 'p95_kr' }, { label: 'Medel', csv: 'medel_kr' },
        ...(anyCap ? [{ label: 'Taket binder', csv: 'tak_binder_procent' }] : []),
      ],
      rows,
      notes,
    },
  ];
}

// ---------------------------------------------------------------------------
// Sensitivity (tornado)

/** The JSON contract of `andel sensitivity`. */
export function tornadoJson(tr: Tornado, label: ScenarioLabel): Record<string, unknown> {
  const u = tr.output.unit;
  return {
    source: labelJson(label),
    output: { name: tr.output.name, label: tr.output.label, unit: u, base: decString(tr.base, u) },
    bars: tr.bars.map((b) => ({
      parameter: b.parameter.name, label: b.parameter.label, basis: b.basis, low: b.lowText, high: b.highText,
      outputLow: decString(b.lowOutput, u), outputHigh: decString(b.highOutput, u), swing: decString(b.swing, u),
    })),
    omitted: tr.omitted,
  };
}

/** Rows of `andel sensitivity`, with a bar per parameter drawn in text. */
export function tornadoTables(tr: Tornado, label: ScenarioLabel): ViewTable[] {
  const u = tr.output.unit;
  const widest = tr.bars[0]?.swing ?? new Dec(0);
  const bar = (s: Dec) => (widest.isZero() ? '' : '█'.repeat(Math.max(s.isZero() ? 0 : 1, s.dividedBy(widest).times(30).toDecimalPlaces(0).toNumber())));
  return [
    {
      title: `Känslighet: ${tr.output.label}${tr.output.label.includes(`(${tr.output.name})`) ? '' : ` (${tr.output.name})`} i ${label.title}; basvärde ${outputText(tr.base, u)}`,
      sheet: 'Känslighet',
      columns: [
        { label: 'Parameter', csv: 'parameter' }, { label: 'Låg', csv: 'lag' }, { label: 'Hög', csv: 'hog' }, { label: 'Utfall låg', csv: 'utfall_lag' },
        { label: 'Utfall hög', csv: 'utfall_hog' }, { label: 'Spann', csv: 'spann' }, { label: '', csv: 'grund' },
      ],
      rows: tr.bars.map((b) => [b.parameter.name, paramCell(b.lowText, b.parameter.type), paramCell(b.highText, b.parameter.type), outputCell(b.lowOutput, u), outputCell(b.highOutput, u), outputCell(b.swing, u), bar(b.swing)]),
      notes: [
        ...tr.bars.map((b) => `${b.parameter.name}: ${basisText(b.parameter.name, b.basis)}.`),
        'En parameter i taget; övriga på sina basvärden. Varje utfall är en fullständig, exakt beräkning.',
        ...tr.omitted.map((o) => `Utelämnat: ${o}.`),
      ],
    },
  ];
}

/**
 * Where a bar's low and high come from, for a reader: a share of the base
 * value with a decimal comma (`±12,5 % av basvärdet`), a range as the
 * `--range` it was given with, a distribution's percentiles as they stand.
 */
function basisText(name: string, basis: string): string {
  const swing = /^±(\d+)(?:\.(\d+))? %$/.exec(basis);
  if (swing) return `±${swing[1]}${swing[2] !== undefined ? `,${swing[2]}` : ''} % av basvärdet`;
  if (/^[^\s]+\.\.[^\s]+$/.test(basis)) return `angivet med --range ${name}=${basis}`;
  return basis;
}

// ---------------------------------------------------------------------------
// Goal seek

/** The JSON contract of `andel goal-seek`: `kind` says which answer (`threshold`, `interval` for an equality goal, `nearest` when rounding jumps over its target). */
export function goalSeekJson(g: GoalSeekAnswer, label: ScenarioLabel): Record<string, unknown> {
  const u = g.output.unit;
  const pointJson = (x: GoalPoint) => ({ value: x.text, output: decString(x.output, u), meets: x.meets });
  const head = {
    source: labelJson(label),
    parameter: g.parameter.name,
    goal: g.goal.text,
    kind: g.kind,
    range: g.range,
  };
  const atResult = (r: SchemeResult) => ({
    evaluations: g.evaluations,
    total: oreToDecimalString(r.total),
    ...(r.reconciliation.financing ? { surplus: oreToDecimalString(r.reconciliation.financing.surplus) } : {}),
    capped: Object.fromEntries(r.components.filter((c) => c.bounded).map((c) => [c.component.id, c.bounded!.capped])),
  });
  const outputJson = { name: g.output.name, label: g.output.label, unit: u };
  switch (g.kind) {
    case 'threshold':
      return {
        ...head,
        direction: g.direction,
        value: g.answer.text,
        step: g.step,
        output: { ...outputJson, atValue: decString(g.answer.output, u) },
        beyond: { value: g.beyond.text, output: decString(g.beyond.output, u), meets: g.beyond.meets },
        ...atResult(g.result),
      };
    case 'interval':
      return {
        ...head,
        value: g.first.text,
        step: g.step,
        output: { ...outputJson, atValue: decString(g.first.output, u) },
        interval: { first: pointJson(g.first), last: pointJson(g.last), before: g.before ? pointJson(g.before) : null, after: g.after ? pointJson(g.after) : null },
        ...atResult(g.result),
      };
    case 'nearest':
      return {
        ...head,
        value: null,
        step: g.step,
        output: outputJson,
        nearest: { lower: pointJson(g.lower), upper: pointJson(g.upper) },
        evaluations: g.evaluations,
      };
  }
}

/**
 * `andel goal-seek` as text, in Swedish number formats: every parameter
 * value as a reader reads it (`1 501 577,89 kr`, `11,72 kr`), and the
 * answer also in the form `--set` takes (`(--set rate=11.72)`), so it can
 * be given again.
 */
export function goalSeekText(g: GoalSeekAnswer, label: ScenarioLabel): string {
  const u = g.output.unit;
  const p = g.parameter;
  const value = (text: string) => paramText(text, p.type);
  const answerValue = (text: string) => settable(p.name, text, p.type);
  const step = paramText(g.step, p.type);
  const at = (x: GoalPoint, verdict?: string, set = false) =>
    `  vid ${set ? answerValue(x.text) : value(x.text)}: ${g.output.name} = ${outputText(x.output, u)} (${verdict ?? (x.meets ? 'uppfyllt' : 'inte uppfyllt')})`;
  const goalText = `${g.goal.output} ${GOAL_OPS[g.goal.op] ?? g.goal.op} ${outputText(g.goal.target, u)}`;
  const answer: string[] = [];
  if (g.kind === 'threshold') {
    answer.push(
      `Svar: ${p.name} = ${answerValue(g.answer.text)} — ${g.direction === 'smallest' ? 'det minsta värdet' : 'det största värdet'} (i steg om ${step}) där målet uppfylls.`,
      at(g.answer),
      at(g.beyond),
    );
  } else if (g.kind === 'interval') {
    const end = g.range.toIsLimit ? ', det största värde som schemat kan beräknas exakt vid' : '';
    const set = value(g.first.text) === g.first.text ? '' : `; --set ${p.name}=${g.first.text} … ${g.last.text}`;
    answer.push(
      `Svar: ${g.output.name} = ${outputText(g.goal.target, u)} när ${p.name} ligger från ${value(g.first.text)} till och med ${value(g.last.text)} (i steg om ${step}${set}).`,
      ...(g.before ? [at(g.before)] : [`  ${value(g.first.text)} är sökintervallets början.`]),
      at(g.first),
      ...(g.last.q !== g.first.q ? [at(g.last)] : []),
      ...(g.after ? [at(g.after)] : [`  ${value(g.last.text)} är sökintervallets slut${end}.`]),
    );
  } else {
    const side = (x: GoalPoint) => (x.output.lessThan(g.goal.target) ? 'under målet' : 'över målet');
    answer.push(
      `Svar: ${g.output.name} = ${outputText(g.goal.target, u)} nås inte exakt (i steg om ${step}): mellan två grannvärden hoppar avrundningen över det.`,
      at(g.lower, side(g.lower), true),
      at(g.upper, side(g.upper), true),
    );
  }
  const rangeLine = `Sökintervall: ${p.name} = ${value(g.range.from)} … ${value(g.range.to)}${g.range.derived ? ` (härlett ur schemat${g.range.toIsLimit ? ': upp till det största värde som schemat kan beräknas exakt vid' : ''}; ange ett eget med --range)` : ''}.`;
  const result = g.kind === 'nearest' ? undefined : g.result;
  const names = new Map(g.result.parties.map((x) => [x.party.code, x.party.name]));
  const lines = [
    `Målsökning i ${label.title} (${label.label}): ${p.name} (${p.label}) så att ${goalText}`,
    '',
    ...answer,
    '',
    ...(result
      ? [
          `Vid ${g.kind === 'interval' ? value(g.first.text) : 'svaret'}: summa ${formatKronor(result.total)}${result.reconciliation.financing ? `, ${result.reconciliation.financing.surplus >= 0 ? 'överskott' : 'underskott'} ${formatKronor(Math.abs(result.reconciliation.financing.surplus))}` : ''}.`,
          ...result.components.filter((c) => c.bounded && c.bounded.capped.length > 0).map((c) => `${c.component.label}: taket binder för ${c.bounded!.capped.map((x) => `${names.get(x) ?? x} (${x})`).join(', ')}.`),
        ]
      : []),
    rangeLine,
    `${formatInteger(g.evaluations)} fullständiga beräkningar (bisektion på exakta steg).`,
    ...caveatNotes(g.result),
  ];
  return lines.join('\n').replaceAll(NBSP, ' ') + '\n';
}
