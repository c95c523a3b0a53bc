/**
 * A scheme's parties: the ones the file lists and the ones it takes from the
 * population file, with their populations; parties split into sub-parties;
 * the order every output lists them in; a component's selection of them
 * (`all`, `kommun`, a list of codes); and the party list in words.
 */
import { ProblemList, t } from '../../models/errors.js';
import { allocateByWeights } from '../../models/allocate.js';
import type { Caveat, Party, PartySplit } from '../../models/scheme.js';
import type { YamlPath } from '../yaml-source.js';
import { formatCount } from '../count.js';
import type { SchemeContext } from './context.js';
import type { PopulationRowInput, ResolveInputs, SplitInput } from './inputs.js';

/** The parties of a resolved scheme, with the ways a step looks them up. */
export interface ResolvedParties {
  /** Every party, sub-parties included, in {@link orderParties} order. */
  readonly parties: readonly Party[];
  readonly splits: readonly PartySplit[];
  readonly byCode: ReadonlyMap<string, Party>;
  /** A split parent's sub-party codes, by the parent's code. */
  readonly childrenOf: ReadonlyMap<string, readonly string[]>;
}

/**
 * The scheme's parties with their populations, split where `inputs.splits`
 * asks. A party the file lists twice, or a population file the parties need
 * and do not have, is refused (`E_SCHEME`); a split that does not add up is
 * refused (`E_SPLIT`).
 *
 * @param caveats - receives what every output must say (one county of a national file, an apportioned population).
 */
export function resolveParties(ctx: SchemeContext, options: { readonly inputs: ResolveInputs; readonly caveats: Caveat[] }): ResolvedParties {
  const { inputs, caveats } = options;
  const base = partiesOfFile(ctx, inputs, caveats);
  const { parties, splits } = applySplits(base, inputs.splits ?? [], caveats);
  return { parties, splits, byCode: new Map(parties.map((p) => [p.code, p])), childrenOf: new Map(splits.map((s) => [s.parent, s.children])) };
}

function partiesOfFile(ctx: SchemeContext, inputs: ResolveInputs, caveats: Caveat[]): Party[] {
  const { def, file, at } = ctx;
  const rows = inputs.population?.rows;
  const problems = new ProblemList();
  // `from: population` may take one county's municipalities only (a kommunkod
  // starts with its county's code); "county" is then the sum of those rows.
  const counties = def.parties.flatMap((p) => ('from' in p && p.county !== undefined ? [p.county] : []));
  const ofCounty = (county: string | undefined) => (r: PopulationRowInput) => county === undefined || r.code.startsWith(county);
  const countyTotal = rows?.filter((r) => counties.length === 0 || counties.some((c) => ofCounty(c)(r))).reduce((s, r) => s + r.population, 0);
  const all: { party: Party; index: number }[] = [];
  def.parties.forEach((p, index) => {
    // Where the party was written, found only for a problem (a scheme from the build's cache parses its text only then).
    const here = () => ({ file, ...at(['parties', index]) });
    if ('from' in p) {
      if (!rows) {
        problems.add(t('parties: "from: population" kräver en befolkningsfil', 'parties: "from: population" needs a population file'), here());
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
        caveats.push({ reader: `Av befolkningsstatistikens ${rows.length} kommuner ingår de ${taken.length} i ${countyName} (länskod ${p.county}).` });
      }
      for (const r of taken) all.push({ party: { code: r.code, name: inputs.officialName?.(r.code) ?? r.name, kind: 'kommun', population: r.population }, index });
      return;
    }
    let population: number | undefined;
    if (p.population === 'county') {
      if (countyTotal === undefined) problems.add(t(`${p.name}: "population: county" kräver en befolkningsfil`, `${p.name}: "population: county" needs a population file`), here());
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

function applySplits(parties: Party[], splits: readonly SplitInput[], caveats: Caveat[]): { parties: Party[]; splits: PartySplit[] } {
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
      caveats.push({
        reader: `${parent.name} är uppdelad på ${sp.rows.length} delar med folkmängden ${formatCount(parent.population)} fördelad efter delarnas andelar${sp.source ? ` enligt ${sp.source}` : ''}: ett räkneexempel, inte officiell statistik.`,
        operator: `Andelarna kommer ur ${sp.file}.`,
      });
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

const collator = new Intl.Collator('sv');

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

/**
 * The top-level parties a selector names (a split parent's sub-parties stand
 * in for it where the key can weigh them, see `components.ts`). A code that
 * is no party of the scheme is a problem at `path`.
 */
export function selectParties(ctx: SchemeContext, resolved: ResolvedParties, sel: 'all' | 'kommun' | 'region' | 'del' | string[], path: YamlPath): string[] {
  const { parties, byCode } = resolved;
  const top = parties.filter((p) => p.kind !== 'del');
  if (sel === 'all') return top.map((p) => p.code);
  if (typeof sel === 'string') return parties.filter((p) => p.kind === sel).map((p) => p.code);
  const unknown = sel.filter((c) => !byCode.has(c));
  if (unknown.length > 0) {
    ctx.problems.add(
      t(`${ctx.name(path)}: ${unknown.join(', ')} är ingen part i schemat (${partyCount(parties)})`, `${ctx.name(path)}: ${unknown.join(', ')} is not a party of the scheme (${partyCount(parties)})`),
      ctx.here(path),
    );
  }
  return sel.filter((c) => byCode.has(c));
}

/** `Göteborg (1480), Borås (1490)`: parties by name and code. */
export function partyNames(codes: readonly string[], byCode: ReadonlyMap<string, Party>): string {
  const shown = codes.slice(0, 10).map((c) => {
    const p = byCode.get(c);
    return p ? `${p.name} (${c})` : c;
  });
  return `${shown.join(', ')}${codes.length > 10 ? ` och ${codes.length - 10} till` : ''}`;
}

function partyCount(parties: readonly Party[]): string {
  return `${parties.length} ${parties.length === 1 ? 'part' : 'parter'}`;
}

/** The parties in words, for documents: "Region Stockholm och 26 kommuner (Stockholm uppdelad på 14 delar)". */
export function partyListText({ parties, splits }: Pick<ResolvedParties, 'parties' | 'splits'>): string {
  const regions = parties.filter((p) => p.kind === 'region');
  const kommuner = parties.filter((p) => p.kind === 'kommun').length;
  return (
    [...regions.map((r) => r.name), kommuner > 0 ? `${kommuner} ${kommuner === 1 ? 'kommun' : 'kommuner'}` : ''].filter(Boolean).join(' och ') +
    splits.map((sp) => ` (${parties.find((p) => p.code === sp.parent)?.name ?? sp.parent} uppdelad på ${sp.children.length} delar)`).join('')
  );
}
