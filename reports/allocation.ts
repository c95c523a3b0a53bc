/**
 * Views of a scheme result for scripts and spreadsheets: the JSON contract
 * (every amount a decimal string with two decimals, never a JSON number),
 * and the table of each party's figure that the writers in
 * `reports/formats/` make the terminal table, CSV and XLSX of.
 */
import { caveatText } from '../models/scheme.js';
import { capPolicyJson, capPolicyText } from '../models/cap-policy.js';
import { Dec, type Ore, oreToDecimalString } from '../models/money.js';
import type { Explanation, PartyResult, SchemeResult } from '../models/evaluate.js';
import { exactDecimalString, formatDecimalKronor, formatInteger, formatKronor, formatParameterValue } from './format.js';
import type { TableOutput } from './formats/index.js';
import { writeCsv } from './formats/csv.js';
import { writeText } from './formats/table.js';
import type { Cell, Column, FigureLine, Table } from './formats/table-model.js';
import { writeXlsx } from './formats/xlsx.js';
import { capFigureWithPeriod } from './per-words.js';

/** Decimal string of kronor with `decimals` decimals, for JSON. */
function decStr(d: Dec, decimals = 2): string {
  return d.toFixed(decimals, Dec.ROUND_HALF_UP);
}

/** Öre (a Decimal, possibly fractional) as kronor with two decimals or more, rounded: for an exact share, which may not end. */
function oreDecStr(ore: Dec, decimals = 2): string {
  return decStr(ore.dividedBy(100), decimals);
}

/** Öre (a Decimal with a finite expansion) as kronor, exact: at least `minDecimals` decimals, more when it has more. */
function oreExactStr(ore: Dec, minDecimals = 2): string {
  return exactDecimalString(ore.dividedBy(100), minDecimals);
}

function explanationJson(e: Explanation): Record<string, unknown> {
  switch (e.kind) {
    case 'per-unit':
      return { component: e.component, method: 'per-unit', units: e.units, rate: exactDecimalString(e.rate), exact: oreExactStr(e.exact, 4), rounding: oreExactStr(e.rounding, 4), amount: oreToDecimalString(e.amount) };
    case 'share':
      return {
        component: e.component, method: 'share', weight: e.weight.toString(), weightTotal: e.weightTotal.toString(),
        share: e.weightTotal === 0n ? '0' : new Dec(e.weight.toString()).dividedBy(e.weightTotal.toString()).toFixed(8),
        exact: oreDecStr(e.exact, 4), roundingAdjustment: oreToDecimalString(e.adjustment), beforeCap: oreToDecimalString(e.unbounded),
        ...(e.cap !== undefined ? { cap: oreToDecimalString(e.cap) } : {}), capApplied: e.capApplied,
        heldBack: oreToDecimalString(e.heldBack), received: oreToDecimalString(e.received), amount: oreToDecimalString(e.amount),
      };
    case 'carrier':
      return { component: e.component, method: 'carrier', carried: oreToDecimalString(e.carried), cappedParties: e.capped, amount: oreToDecimalString(e.amount) };
    case 'yearly-share':
      return {
        component: e.component, method: 'yearly-share', amount: oreToDecimalString(e.amount),
        years: e.years.map((y) => ({ year: y.year, budget: oreToDecimalString(y.budget), weight: y.weight.toString(), weightTotal: y.weightTotal.toString(), exact: oreDecStr(y.exact, 4), roundingAdjustment: oreToDecimalString(y.adjustment), amount: oreToDecimalString(y.amount) })),
      };
  }
}

function partyJson(p: PartyResult): Record<string, unknown> {
  const perUnit = p.explanations.find((e) => e.kind === 'per-unit');
  return {
    code: p.party.code,
    name: p.party.name,
    kind: p.party.kind,
    ...(p.party.parent ? { parent: p.party.parent } : {}),
    ...(p.party.population !== undefined ? { population: p.party.population } : {}),
    ...(perUnit && perUnit.kind === 'per-unit' ? { rate: exactDecimalString(perUnit.rate) } : {}),
    amount: oreToDecimalString(p.amount),
    components: Object.fromEntries(Object.entries(p.components).map(([k, v]) => [k, oreToDecimalString(v)])),
    schedule: p.schedule.map((y) => ({ year: y.year, ...Object.fromEntries(Object.entries(y.amounts).map(([k, v]) => [k, oreToDecimalString(v)])), total: oreToDecimalString(y.total) })),
    ...(Object.keys(p.capUtilisation).length > 0 ? { capUtilisation: Object.fromEntries(Object.entries(p.capUtilisation).map(([k, v]) => [k, v.toFixed(6)])) } : {}),
    explanation: p.explanations.map(explanationJson),
  };
}

/**
 * The JSON contract of `andel allocate --format json`.
 *
 * @example
 * allocationJson(result).parties[0] // { code: '14', name: 'Västra Götalandsregionen', amount: '17448590.00', … }
 */
export function allocationJson(result: SchemeResult): Record<string, unknown> & { parties: Record<string, unknown>[] } {
  const s = result.scheme;
  const r = result.reconciliation;
  const f = r.financing;
  return {
    scheme: s.id,
    title: s.title,
    currency: s.currency,
    partyList: s.partyList,
    roundingUnit: oreToDecimalString(s.unit),
    parameters: s.parameters,
    ...(s.derived ? { derivedParameters: s.derived } : {}),
    total: oreToDecimalString(result.total),
    parties: result.parties.map(partyJson),
    components: result.components.map((c) => ({
      id: c.component.id,
      label: c.component.label,
      method: c.component.kind,
      // What is to be covered: the parties pay total − uncovered.
      total: oreToDecimalString(c.bounded?.total ?? c.total),
      // A figure per year: as written, beside the period figure the model computes with.
      ...(c.component.kind === 'share' && c.component.totalPer === 'year' && c.component.yearlyTotal !== undefined ? { totalPer: 'year', totalPerYear: oreToDecimalString(c.component.yearlyTotal) } : {}),
      ...(c.component.kind === 'share' && c.component.cap?.per === 'year' && c.component.cap.yearly !== undefined
        ? { cap: { per: 'year', amountPerYear: oreToDecimalString(c.component.cap.yearly), amount: oreToDecimalString(c.component.cap.amount) } }
        : {}),
      ...(c.bounded
        ? {
            policy: capPolicyJson(c.bounded.policy),
            cappedParties: c.bounded.capped,
            heldBack: oreToDecimalString(c.bounded.reconciliation.heldBack),
            carried: oreToDecimalString(c.bounded.reconciliation.carried),
            uncovered: oreToDecimalString(c.bounded.reconciliation.uncovered),
          }
        : {}),
    })),
    reconciliation: {
      total: oreToDecimalString(r.total),
      sumOfParties: oreToDecimalString(r.sumOfParties),
      uncovered: oreToDecimalString(r.uncovered),
      fullyCovered: r.uncovered === 0,
      conserved: r.conserved,
      capsHold: r.capsHold,
      ...(f
        ? {
            cost: oreToDecimalString(f.cost),
            revenue: oreToDecimalString(f.revenue),
            need: oreToDecimalString(f.need),
            raised: oreToDecimalString(f.raised),
            surplus: oreToDecimalString(f.surplus),
            ...(f.breakEvenRate
              ? {
                  countedInhabitants: f.countedUnits,
                  breakEvenRate: decStr(f.breakEvenRate),
                  breakEvenRateExact: f.breakEvenRate.toFixed(8),
                  coveringRate: decStr(f.coveringRate!),
                }
              : {}),
          }
        : {}),
    },
    ...(s.splits ? { splits: s.splits } : {}),
    caveats: (s.caveats ?? []).map(caveatText),
    provenance: s.provenance,
  };
}

/** One party's row of an allocation (or the sum's), in öre. */
export interface AllocationRow {
  readonly code: string;
  readonly name: string;
  readonly population?: number;
  /** Per component id, öre. */
  readonly components: Readonly<Record<string, Ore>>;
  readonly amount: Ore;
  /**
   * Per year of {@link AllocationTable.years}, öre: the party's schedule as
   * the evaluation made it. Absent in what no party covers (it falls in no year).
   */
  readonly years?: Readonly<Record<number, Ore>>;
  /** What falls in no year (a component without years), when the scheme has both. */
  readonly unscheduled?: Ore;
}

/**
 * The rows of an allocation in öre, with what is said above and under
 * them: data for scripts and notebooks. {@link allocationTables} makes the
 * table every writer takes of it.
 */
export interface AllocationTable {
  readonly title: string;
  /** Show öre on every amount (the scheme rounds to the öre) or only where there are any. */
  readonly decimals: 0 | 2 | 'auto';
  /** Statements that must stand in plain sight (example data and the like). */
  readonly caveats: readonly string[];
  readonly componentLabels: readonly { readonly id: string; readonly label: string }[];
  readonly rows: readonly AllocationRow[];
  readonly total: AllocationRow;
  /** What no party covers, per component and in all: a row under the total, only when there is any. */
  readonly uncovered?: AllocationRow;
  readonly hasPopulation: boolean;
  /**
   * The years of the parties' schedules, when there are two or more: the
   * exports (CSV, XLSX) get a column per year beside the total.
   */
  readonly years?: readonly number[];
  /** Some amounts fall in no year (a component without years beside ones with): a column for them, so the years and it sum to the total. */
  readonly hasUnscheduled?: boolean;
  /** What is to be covered, what no party covers: the reconciliation's figures (XLSX). */
  readonly reconciliation?: { readonly total: Ore; readonly uncovered: Ore };
  /** Lines printed under the table (reconciliation, policy, provenance). */
  readonly notes: readonly string[];
}

/** The rows of a result's allocation: a party a row, the sum, and what no party covers. */
export function allocationTable(result: SchemeResult): AllocationTable {
  const comps = result.scheme.components.map((c) => ({ id: c.id, label: c.short ?? c.label }));
  // The evaluation's schedule, year by year (models/evaluate.ts spreads each amount over its component's years).
  const years = [...new Set(result.parties.flatMap((p) => p.schedule.map((y) => y.year)))].sort((a, b) => a - b);
  const multiYear = years.length > 1;
  const scheduled = (p: PartyResult) => p.schedule.reduce((s, y) => s + y.total, 0);
  const hasUnscheduled = multiYear && result.parties.some((p) => scheduled(p) !== p.amount);
  const rows: AllocationRow[] = result.parties.map((p) => ({
    code: p.party.code,
    name: p.party.name,
    ...(p.party.population !== undefined ? { population: p.party.population } : {}),
    components: p.components,
    amount: p.amount,
    ...(multiYear ? { years: Object.fromEntries(years.map((y) => [y, p.schedule.find((s) => s.year === y)?.total ?? 0])) } : {}),
    ...(hasUnscheduled ? { unscheduled: p.amount - scheduled(p) } : {}),
  }));
  const sumBy = (id: string) => rows.reduce((s, r) => s + (r.components[id] ?? 0), 0);
  const total: AllocationRow = {
    code: '',
    name: 'Summa',
    components: Object.fromEntries(comps.map((c) => [c.id, sumBy(c.id)])),
    amount: rows.reduce((s, r) => s + r.amount, 0),
    ...(multiYear ? { years: Object.fromEntries(years.map((y) => [y, rows.reduce((s, r) => s + (r.years?.[y] ?? 0), 0)])) } : {}),
    ...(hasUnscheduled ? { unscheduled: rows.reduce((s, r) => s + (r.unscheduled ?? 0), 0) } : {}),
  };
  const uncoveredOf = (id: string) => result.components.find((c) => c.component.id === id)?.bounded?.reconciliation.uncovered ?? 0;
  const uncovered: AllocationRow | undefined =
    result.reconciliation.uncovered > 0
      ? { code: '', name: 'Ej täckt', components: Object.fromEntries(comps.map((c) => [c.id, uncoveredOf(c.id)])), amount: result.reconciliation.uncovered }
      : undefined;
  return {
    title: result.scheme.title,
    decimals: result.scheme.unit % 100 === 0 ? 'auto' : 2,
    caveats: (result.scheme.caveats ?? []).map(caveatText),
    componentLabels: comps,
    rows,
    total,
    ...(uncovered ? { uncovered } : {}),
    hasPopulation: rows.some((r) => r.population !== undefined),
    ...(multiYear ? { years } : {}),
    ...(hasUnscheduled ? { hasUnscheduled } : {}),
    reconciliation: { total: result.reconciliation.total, uncovered: result.reconciliation.uncovered },
    notes: reconciliationLines(result),
  };
}

/** The reconciliation and provenance, as Swedish sentences for the foot of a table. */
export function reconciliationLines(result: SchemeResult): string[] {
  const out: string[] = (result.scheme.caveats ?? []).map((c) => `OBS: ${caveatText(c)}`);
  const r = result.reconciliation;
  out.push(`Parter: ${result.scheme.partyList}.`);
  out.push(
    r.uncovered > 0
      ? `Summa: ${formatKronor(r.total)} att täcka, varav ej täckt: ${formatKronor(r.uncovered)}; parterna betalar ${formatKronor(r.sumOfParties)} (${r.conserved ? 'delarna och det ej täckta summerar exakt till totalen' : 'STÄMMER INTE'}).`
      : `Summa: ${formatKronor(r.sumOfParties)} (${r.conserved ? 'delarna summerar exakt till totalen' : 'STÄMMER INTE'}).`,
  );
  const f = r.financing;
  if (f) {
    out.push(`Behov: ${formatKronor(f.cost)} kostnad − ${formatKronor(f.revenue)} intäkter = ${formatKronor(f.need)}.`);
    out.push(`Inbetalt: ${formatKronor(f.raised)}; ${f.surplus >= 0 ? 'överskott' : 'underskott'} ${formatKronor(Math.abs(f.surplus))}.`);
    if (f.breakEvenRate && f.countedUnits !== undefined) {
      out.push(
        `Nollresultat vid ${formatDecimalKronor(f.breakEvenRate)} per invånare (${formatKronor(f.need)} / ${formatInteger(f.countedUnits)} räknade invånare, båda nivåerna); lägsta belopp i hela öre som täcker behovet: ${formatDecimalKronor(f.coveringRate!)}.`,
      );
    }
  }
  for (const c of result.components) {
    const b = c.bounded;
    if (!b) continue;
    const cap = c.component.kind === 'share' ? c.component.cap : undefined;
    if (cap) {
      const capWords = c.component.kind === 'share' && cap.per === 'year' ? `${capFigureWithPeriod(c.component, formatKronor).replace(' per år', ' per part och år')}` : `${formatKronor(cap.amount)} per part`;
      out.push(`${c.component.label}: tak ${capWords}${cap.basis ? ` (${cap.basis})` : ''}; ${capPolicyText(b.policy, 'note').sv}.`);
      if (b.capped.length > 0) {
        out.push(`  Taket binder för ${b.capped.join(', ')}; tillbakahållet ${formatKronor(b.reconciliation.heldBack)}${b.reconciliation.uncovered > 0 ? `, ej täckt ${formatKronor(b.reconciliation.uncovered)}` : ''}.`);
      }
    }
  }
  for (const [name, d] of Object.entries(result.scheme.derived ?? {})) {
    const value = result.scheme.parameters[name];
    if (value !== undefined) out.push(`Härledd: ${d.label} = ${formatParameterValue(d.type, value)}, räknat som ${d.words} (${name} = ${d.expr}).`);
  }
  for (const p of result.scheme.provenance) {
    out.push(`Källa: ${p.label}: ${p.source}${p.file ? ` (${p.file})` : ''}${p.example ? ' – EXEMPELDATA' : ''}.`);
  }
  return out;
}

/**
 * The allocation as the one table model: code, party, inhabitants, each
 * component (for CSV and XLSX only when there is one), the amount; the sum
 * and what no party covers under them; the caveats above, and the
 * reconciliation and sources as notes, which XLSX puts on a sheet of their
 * own (`Avstämning`).
 *
 * @param source - a result, or its rows made with {@link allocationTable}.
 */
export function allocationTables(source: SchemeResult | AllocationTable): Table[] {
  const table = 'componentLabels' in source ? source : allocationTable(source);
  const several = table.componentLabels.length > 1;
  const money = (ore: Ore): Cell => ({ ore, decimals: table.decimals });
  const years = table.years ?? [];
  const row = (r: AllocationRow): Cell[] => [
    r.code,
    r.name,
    ...(table.hasPopulation ? [r.population !== undefined ? { int: r.population } : null] : []),
    ...table.componentLabels.map((c) => money(r.components[c.id] ?? 0)),
    // What no party covers falls in no year: its year cells stay empty.
    ...years.map((y) => (r.years ? money(r.years[y] ?? 0) : null)),
    ...(table.hasUnscheduled ? [r.years ? money(r.unscheduled ?? 0) : null] : []),
    money(r.amount),
  ];
  const columns: Column[] = [
    { label: 'Kod', csv: 'kod', width: 16, code: true },
    { label: 'Part', csv: 'part', width: 28 },
    ...(table.hasPopulation ? [{ label: 'Invånare', csv: 'invanare', width: 16 }] : []),
    // One component's amount is the amount: a reader is spared the column, a spreadsheet gets it.
    ...table.componentLabels.map((c) => ({ label: c.label, csv: `${c.id}_kr`, width: 16, ...(several ? {} : { dataOnly: true }) })),
    // A column per year for the exports (the terminal shows the schedule elsewhere: letters, timeline).
    ...years.map((y) => ({ label: `År ${y}`, csv: `ar_${y}_kr`, width: 16, dataOnly: true })),
    ...(table.hasUnscheduled ? [{ label: 'Utan år', csv: 'utan_ar_kr', width: 16, dataOnly: true }] : []),
    { label: 'Belopp', csv: 'belopp_kr', width: 16 },
  ];
  const amountColumn = columns.length - 1;
  const rec = table.reconciliation;
  // The reconciliation as numbers: what the parties pay is the sum row's amount, and each check is a formula that is 0.
  const figures: FigureLine[] = rec
    ? [
        { label: 'Att täcka', cell: money(rec.total) },
        { label: 'Parterna betalar (summa av Belopp)', cell: money(table.total.amount), formula: { footer: 0, column: amountColumn } },
        { label: 'Ej täckt av någon part', cell: money(rec.uncovered) },
        { label: 'Kontroll: att täcka − parterna betalar − ej täckt (ska vara 0)', cell: money(rec.total - table.total.amount - rec.uncovered), formula: { difference: 0, minus: [1, 2] } },
        ...(years.length > 0
          ? [
              ...years.map((y, k) => ({ label: `Parterna betalar ${y}`, cell: money(table.total.years?.[y] ?? 0), formula: { footer: 0, column: amountColumn - years.length - (table.hasUnscheduled ? 1 : 0) + k } })),
              ...(table.hasUnscheduled ? [{ label: 'Parterna betalar, utan år', cell: money(table.total.unscheduled ?? 0), formula: { footer: 0, column: amountColumn - 1 } }] : []),
              {
                label: 'Kontroll: parterna betalar − summan av åren (ska vara 0)',
                cell: money(table.total.amount - years.reduce((s, y) => s + (table.total.years?.[y] ?? 0), 0) - (table.total.unscheduled ?? 0)),
                formula: { difference: 1, minus: Array.from({ length: years.length + (table.hasUnscheduled ? 1 : 0) }, (_, k) => 4 + k) },
              },
            ]
          : []),
      ]
    : [];
  return [
    {
      title: table.title,
      sheet: 'Fördelning',
      caveats: table.caveats,
      columns,
      rows: table.rows.map(row),
      footer: [row(table.total), ...(table.uncovered ? [row(table.uncovered)] : [])],
      sumFooter: 0,
      ...(figures.length > 0 ? { figures } : {}),
      // The caveats stand above the table; the notes repeat them only where they are all there is (the XLSX sheet).
      notes: table.notes.filter((n) => !n.startsWith('OBS: ')),
      notesSheet: 'Avstämning',
    },
  ];
}

/**
 * What `andel allocate` writes, in any format: the JSON contract and the
 * table (see `renderOutput` in reports/formats).
 */
export function allocationOutput(result: SchemeResult): TableOutput {
  return { json: () => allocationJson(result), tables: () => allocationTables(result) };
}

/** The allocation as a plain-text table for the terminal ({@link writeText} of {@link allocationTables}). */
export function renderTextTable(table: AllocationTable): string {
  return writeText(allocationTables(table));
}

/** The allocation as CSV for Excel with Swedish settings ({@link writeCsv} of {@link allocationTables}). */
export function renderCsv(table: AllocationTable): string {
  return writeCsv(allocationTables(table));
}

/** The allocation as an XLSX workbook, reconciliation on a second sheet ({@link writeXlsx} of {@link allocationTables}). */
export async function renderXlsx(table: AllocationTable): Promise<Uint8Array> {
  return writeXlsx(allocationTables(table));
}
