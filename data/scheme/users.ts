/**
 * User counts: the counts a scheme declares on its parties, the year a
 * component reads counts for when it has no years of its own, and the
 * counts for every year a users-keyed component needs (a year without a
 * file of its own takes the latest earlier year's, and says so).
 */
import { t } from '../../models/errors.js';
import type { Caveat } from '../../models/scheme.js';
import type { SchemeContext } from './context.js';
import type { FieldValues } from './parameters.js';
import type { ResolveInputs } from './inputs.js';
import type { SchemeFile } from './schema.js';

/** User counts declared on the scheme's parties (`users:` a number or a parameter), by party code. */
export function declaredUsers(def: SchemeFile, values: FieldValues): Map<string, number> {
  const out = new Map<string, number>();
  def.parties.forEach((p) => {
    if (!('code' in p) || p.users === undefined) return;
    const v = values.dec(p.users);
    if (v !== undefined && v.isInteger() && !v.isNegative()) out.set(p.code, v.toNumber());
  });
  return out;
}

/** The year user counts are read for where a component has no years of its own: of `contract.start`, else of `population.referenceDate`. */
export function referenceYear(def: SchemeFile): number | undefined {
  return def.contract?.start !== undefined ? Number(def.contract.start.slice(0, 4)) : def.population ? Number(def.population.referenceDate.slice(0, 4)) : undefined;
}

/** A component's need for user counts: the years it reads them for. */
export interface UsersNeed {
  readonly component: number;
  readonly years: readonly number[];
}

/**
 * User counts for every year a users-keyed component needs. A year without
 * its own file uses the latest earlier year's counts, and a caveat says so;
 * a year before every file, or a party without a count, is refused with the
 * year and the parties named.
 */
export function resolveUsers(
  ctx: SchemeContext,
  options: {
    readonly needs: readonly UsersNeed[];
    readonly inputs: ResolveInputs;
    /** The counts declared on the scheme's parties ({@link declaredUsers}). */
    readonly partyUsers: ReadonlyMap<string, number>;
    readonly caveats: Caveat[];
  },
): Record<number, Record<string, number>> | undefined {
  const { needs, inputs, partyUsers, caveats } = options;
  const years = new Set(needs.flatMap((n) => n.years));
  if (years.size === 0) return inputs.users ? { ...inputs.users } : undefined;
  const given = Object.keys(inputs.users ?? {}).map(Number).sort((a, b) => a - b);
  const out: Record<number, Record<string, number>> = {};
  // Which year's counts each carried year uses: the latest given year before it.
  const carriedFrom = new Map<number, number[]>();
  for (const year of [...years].sort((a, b) => a - b)) {
    const from = [...given].reverse().find((g) => g <= year);
    const table = Object.create(null) as Record<string, number>;
    for (const [code, n] of partyUsers) table[code] = n;
    if (from !== undefined) Object.assign(table, inputs.users![from]);
    if (from !== undefined && from !== year) carriedFrom.set(from, [...(carriedFrom.get(from) ?? []), year]);
    if (from !== undefined || partyUsers.size > 0) out[year] = table;
    else {
      for (const need of needs.filter((n) => n.years.includes(year))) {
        ctx.problems.add(
          t(
            `antal användare för ${year} saknas${given.length > 0 ? ` (användarfiler finns för ${given.join(', ')})` : ''}`,
            `user counts for ${year} are missing${given.length > 0 ? ` (there are user files for ${given.join(', ')})` : ''}`,
          ),
          ctx.here(
            ['components', need.component, 'key'],
            t(`Ange en fil med --users ${year}=fil.csv eller under users.files i schemat.`, `Give a file with --users ${year}=file.csv or under users.files in the scheme.`),
          ),
        );
      }
    }
  }
  const carried = [...carriedFrom.values()].flat();
  // A carried year always has a given year before it, so there is something to name.
  if (carried.length > 0) {
    // Each carried year names the year whose counts it uses: with counts for 2021 and 2024, 2022–2023 use 2021's and 2025–2028 2024's.
    const sources = [...carriedFrom];
    const used =
      sources.length === 1
        ? `senast kända antal (${sources[0]![0]}) används oförändrat`
        : `senast kända antal används oförändrat: ${sources.map(([from, ys]) => `för ${yearsText(ys)} antalen för ${from}`).join(', ')}`;
    caveats.push({
      reader: `Antal användare för ${yearsText(carried)} saknas; ${used}.`,
      operator: `Ange antalen för ${yearsText(carried)} med --users ÅR=FIL.`,
    });
  }
  return out;
}

/** Years in words: runs of consecutive years as a span (`2022–2023, 2025–2028`), single years as they are. */
export function yearsText(years: readonly number[]): string {
  const sorted = [...new Set(years)].sort((a, b) => a - b);
  const runs: number[][] = [];
  for (const y of sorted) {
    const run = runs[runs.length - 1];
    if (run !== undefined && y === run[run.length - 1]! + 1) run.push(y);
    else runs.push([y]);
  }
  return runs.map((r) => (r.length > 1 ? `${r[0]}–${r[r.length - 1]}` : String(r[0]))).join(', ');
}
