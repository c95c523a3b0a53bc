/**
 * The generic schemes a region without a scheme file can run at once:
 * `per-capita` (every party pays a rate per inhabitant) and `share` (a total
 * split by population share, optionally capped). They are built as data — the
 * same {@link SchemeFile} a YAML scheme validates to — and then loaded through
 * the path every scheme takes ({@link loadSchemeDefinition}), so they get the
 * same population reader, warnings, errors and reconciliation.
 *
 * `perCapitaScheme` and `shareScheme` are pure; {@link loadAdhocScheme} adds
 * reading the official code list and the population file.
 */
import { CAP_POLICY_NAMES, CAP_POLICY_NAME_LIST } from '../models/cap-policy.js';
import { InputError, InvariantError, ProblemList, t, type Text } from '../models/errors.js';
import { parseDecimal } from '../models/money.js';
import { loadSchemeDefinition, type LoadedScheme, type LoadSchemeOptions } from './load-scheme.js';
import { loadMunicipalityCodes, type County, type MunicipalityCodes } from './municipality-codes.js';
import type * as z from 'zod';
import { schemeFileSchema, type SchemeFile } from './scheme/schema.js';

/** The names `andel allocate` reserves for the generic schemes. */
export const ADHOC_SCHEMES = ['per-capita', 'share'] as const;

/** A generic scheme's name. */
export type AdhocSchemeName = (typeof ADHOC_SCHEMES)[number];

/** True for `per-capita` and `share`. */
export function isAdhocScheme(name: string): name is AdhocSchemeName {
  return (ADHOC_SCHEMES as readonly string[]).includes(name);
}

/**
 * The options of both generic schemes, as a user writes them (`"10"`,
 * `"1 500 000"`, `"9,75"`). Each scheme refuses the options that belong to
 * the other, so that nothing given is silently ignored. Problems are reported
 * under the CLI option's name (`--rate`), the way `--set` problems are.
 */
export interface AdhocSchemeOptions {
  /** `per-capita`: kronor per inhabitant. */
  readonly rate?: string;
  /** `share`: the amount to split, in kronor. */
  readonly total?: string;
  /** `share`: the most one municipality may carry, in kronor. */
  readonly cap?: string;
  /** `share`: `region`, `redistribute` (the default with a cap) or `none`. */
  readonly capPolicy?: string;
  /**
   * A county code (`"12"`): the region becomes a party and only the county's
   * municipalities are taken from the population file.
   */
  readonly regionCode?: string;
  /** The region's name; by default derived from the county's official name ({@link defaultRegionName}). */
  readonly regionName?: string;
  /** The rounding unit in kronor: `"0.01"` (öre, the default) or `"1"`. */
  readonly rounding?: string;
  /** The official code list, usually {@link loadMunicipalityCodes}(). */
  readonly codes: MunicipalityCodes;
}

/**
 * A region's default name from its county's official name: "Region" and the
 * county's name without "län" and without the genitive s (Skåne län → Region
 * Skåne, Stockholms län → Region Stockholm). Some regions call themselves
 * otherwise (Västra Götalands län has Västra Götalandsregionen), which is why
 * the output says the name was derived and `--region-name` overrides it.
 *
 * @example
 * defaultRegionName({ code: '12', name: 'Skåne län' }); // 'Region Skåne'
 */
export function defaultRegionName(county: County): string {
  const base = county.name.replace(/\s+län$/, '');
  // Every county name ending in s (Stockholms, Hallands) is a genitive; the
  // others (Uppsala, Skåne, Blekinge, Kalmar, Örebro) end otherwise.
  return `Region ${base.endsWith('s') ? base.slice(0, -1) : base}`;
}

/**
 * The `per-capita` scheme: every municipality in the population file pays
 * `rate` × its inhabitants; with a region, only the county's municipalities
 * take part and the region pays `rate` × their sum. The rate is the scheme's
 * parameter `rate`, so `--set rate=…` and scenarios can change it.
 *
 * @throws InputError with every problem in the options.
 * @example
 * ```ts
 * const def = perCapitaScheme({ rate: '10', regionCode: '12', codes: loadMunicipalityCodes() });
 * def.parties; // [{ code: '12', name: 'Region Skåne', kind: 'region', population: 'county' }, { from: 'population', kind: 'kommun', county: '12' }]
 * ```
 */
export function perCapitaScheme(options: AdhocSchemeOptions): SchemeFile {
  const problems = new ProblemList();
  refuseOthers(options, 'per-capita', ['total', 'cap', 'capPolicy'], problems);
  const rate = amount(options.rate, '--rate', problems, { required: t('ange beloppet per invånare, t.ex. --rate 10', 'give the amount per inhabitant, e.g. --rate 10') });
  const common = commonParts(options, problems);
  problems.throwIfAny('E_OPTION');
  const { region, rounding } = common;
  return validated({
    id: 'per-capita',
    title: 'Belopp per invånare',
    summary: region
      ? `Kommunerna i ${region.county.name} betalar ett belopp per invånare, och ${region.name} betalar för länets folkmängd.`
      : 'Varje kommun i befolkningsfilen betalar ett belopp per invånare.',
    ...(region ? { region: region.county.name } : {}),
    rounding,
    parties: parties(region),
    parameters: { rate: { type: 'rate', value: rate!, label: 'Belopp per invånare', unit: 'kr/invånare' } },
    components: [{ id: 'per-capita', kind: 'per-unit', label: 'Belopp per invånare', rate: { param: 'rate' }, key: 'population', parties: 'all' }],
    notes: notes(region),
  });
}

/**
 * The `share` scheme: `total` split among the municipalities by population
 * share (largest remainder), with an optional cap per municipality. With a
 * region, only the county's municipalities take part; the region takes no
 * share itself, and under cap policy `region` it carries what the cap holds
 * back. `total`, `cap.amount` and `cap.policy` are parameters (`--set`).
 *
 * @throws InputError with every problem in the options (policy `region` without a region among them).
 * @example
 * ```ts
 * shareScheme({ total: '1500000', cap: '615312', capPolicy: 'region', regionCode: '01', codes });
 * ```
 */
export function shareScheme(options: AdhocSchemeOptions): SchemeFile {
  const problems = new ProblemList();
  refuseOthers(options, 'share', ['rate'], problems);
  const total = amount(options.total, '--total', problems, { money: true, required: t('ange beloppet att fördela, t.ex. --total 1500000', 'give the amount to split, e.g. --total 1500000') });
  const cap = options.cap === undefined ? undefined : amount(options.cap, '--cap', problems, { money: true });
  const common = commonParts(options, problems);
  const unit = parseDecimal(common.rounding);
  if (total !== undefined && unit?.greaterThan(0) && !parseDecimal(total)!.mod(unit).isZero()) {
    problems.add(t(`${total} kr går inte jämnt upp i avrundningsenheten ${common.rounding} kr`, `${total} kr is not a whole number of the rounding unit ${common.rounding} kr`), {
      file: '--total',
      hint: t('Ange ett belopp i hela enheter, eller --rounding 0.01.', 'Give an amount in whole units, or --rounding 0.01.'),
    });
  }
  const policy = options.capPolicy ?? 'redistribute';
  if (options.capPolicy !== undefined && options.cap === undefined) {
    problems.add(t('gäller bara tillsammans med --cap', 'applies only together with --cap'), { file: '--cap-policy' });
  } else if (!(CAP_POLICY_NAMES as readonly string[]).includes(policy)) {
    problems.add(t(`"${policy}" ska vara ${CAP_POLICY_NAME_LIST.sv}`, `"${policy}" must be ${CAP_POLICY_NAME_LIST.en}`), { file: '--cap-policy' });
  } else if (policy === 'region' && options.regionCode === undefined) {
    problems.add(t('region kräver en regionpart som bär det taket håller tillbaka', 'region needs a region party to carry what the cap holds back'), {
      file: '--cap-policy',
      hint: t('Ange regionen med --region-code (t.ex. 12), eller välj redistribute eller none.', 'Give the region with --region-code (e.g. 12), or choose redistribute or none.'),
    });
  }
  problems.throwIfAny('E_OPTION');
  const { region, rounding } = common;
  // Without a region party, `region` is no value --set could choose.
  const policies = region ? [...CAP_POLICY_NAMES] : CAP_POLICY_NAMES.filter((p) => p !== 'region');
  return validated({
    id: 'share',
    title: 'Fördelning efter folkmängd',
    summary: `Ett belopp fördelas på kommunerna ${region ? `i ${region.county.name}` : 'i befolkningsfilen'} efter andel av folkmängden${cap !== undefined ? ', med tak per kommun' : ''}.`,
    ...(region ? { region: region.county.name } : {}),
    rounding,
    parties: parties(region),
    parameters: {
      total: { type: 'money', value: total!, label: 'Belopp att fördela', unit: 'kr' },
      ...(cap !== undefined
        ? {
            'cap.amount': { type: 'money', value: cap, label: 'Högsta belopp per kommun', unit: 'kr' },
            'cap.policy': { type: 'enum', values: policies, value: policy, label: 'Vad taket håller tillbaka (region bär det, fördelas om, eller redovisas som ej täckt)' },
          }
        : {}),
    },
    components: [
      {
        id: 'share',
        kind: 'share',
        label: 'Andel efter folkmängd',
        total: { param: 'total' },
        key: 'population',
        parties: 'kommun',
        ...(cap !== undefined ? { cap: { amount: { param: 'cap.amount' }, policy: { param: 'cap.policy' }, parties: 'kommun' } } : {}),
      },
    ],
    notes: notes(region),
  });
}

/** {@link perCapitaScheme} or {@link shareScheme} by name. */
export function adhocScheme(name: AdhocSchemeName, options: AdhocSchemeOptions): SchemeFile {
  return name === 'per-capita' ? perCapitaScheme(options) : shareScheme(options);
}

/** The region party as the options give it. */
export interface AdhocRegion {
  readonly code: string;
  readonly name: string;
  readonly county: County;
  /** True when the name was derived from the county's name rather than given. */
  readonly derivedName: boolean;
}

/**
 * Builds a generic scheme and loads it with its population file, exactly as
 * a scheme file would be loaded (`--year`, `--set`, `--users` and the rest of
 * {@link LoadSchemeOptions} included).
 *
 * @throws InputError with every problem in the options (a missing population file among them), or in the files read.
 * @example
 * ```ts
 * const { model } = await loadAdhocScheme('per-capita', { rate: '10', population: 'befolkning.csv' });
 * ```
 */
export async function loadAdhocScheme(
  name: AdhocSchemeName,
  options: Omit<AdhocSchemeOptions, 'codes'> & LoadSchemeOptions,
): Promise<LoadedScheme & { readonly region?: AdhocRegion }> {
  const codes = loadMunicipalityCodes();
  const problems = new ProblemList();
  if (options.population === undefined) {
    problems.add(t(`${name} räknar på en befolkningsfil: ange --population FIL`, `${name} is computed from a population file: give --population FILE`), {
      file: '--population',
      hint: t('Filen kan vara andels CSV (kommunkod, kommun, folkmangd), en export från SCB:s Statistikdatabas, JSON-stat2 eller XLSX.', "The file may be andel's CSV (kommunkod, kommun, folkmangd), an export from SCB's Statistical Database, JSON-stat2 or XLSX."),
    });
  }
  let def: SchemeFile | undefined;
  try {
    def = adhocScheme(name, { ...options, codes });
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    problems.problems.push(...e.problems);
  }
  problems.throwIfAny('E_OPTION');
  const loaded = await loadSchemeDefinition(def!, { ...options, label: name });
  const region = regionOf(options, codes);
  return { ...loaded, ...(region ? { region } : {}) };
}

/**
 * One sentence saying which parties a generic scheme used, for the terminal:
 * the region (and whether its name was derived) and how many municipalities
 * of which file.
 */
export function adhocPartyNote(loaded: LoadedScheme & { readonly region?: AdhocRegion }, populationFile: string): Text {
  const n = loaded.model.parties.filter((p) => p.kind === 'kommun').length;
  const r = loaded.region;
  if (!r) {
    return t(
      `partlista: ${n} ${n === 1 ? 'kommun' : 'kommuner'} ur ${populationFile}, ingen region (ange --region-code för att ta med en)`,
      `party list: ${n} ${n === 1 ? 'municipality' : 'municipalities'} from ${populationFile}, no region (give --region-code to include one)`,
    );
  }
  const how = r.derivedName ? t(`, namnet härlett ur "${r.county.name}"; ändra med --region-name`, `, name derived from "${r.county.name}"; change it with --region-name`) : t('', '');
  return t(
    `partlista: ${r.name} (länskod ${r.code}${how.sv}) och ${n} ${n === 1 ? 'kommun' : 'kommuner'} i ${r.county.name} ur ${populationFile}`,
    `party list: ${r.name} (county code ${r.code}${how.en}) and ${n} ${n === 1 ? 'municipality' : 'municipalities'} in ${r.county.name} from ${populationFile}`,
  );
}

// ---------------------------------------------------------------------------

type Raw = z.input<typeof schemeFileSchema>;

/** The built definition through the same schema a YAML file goes through. */
function validated(raw: Raw): SchemeFile {
  const r = schemeFileSchema.safeParse(raw);
  if (!r.success) {
    // The options were checked above: a definition the schema refuses is a bug here.
    throw new InvariantError(t(`den byggda schemadefinitionen är ogiltig: ${r.error.message}`, `the built scheme definition is invalid: ${r.error.message}`));
  }
  return r.data;
}

function parties(region: AdhocRegion | undefined): Raw['parties'] {
  return region
    ? [
        { code: region.code, name: region.name, kind: 'region', population: 'county' },
        { from: 'population', kind: 'kommun', county: region.code },
      ]
    : [{ from: 'population', kind: 'kommun' }];
}

function notes(region: AdhocRegion | undefined): Record<string, string> {
  if (!region?.derivedName) return {};
  return { parties: `Regionens namn "${region.name}" är härlett ur länsnamnet ${region.county.name} (länskod ${region.code}); regionen kan ha ett annat officiellt namn.` };
}

const OPTION_NAMES: Record<string, string> = { rate: '--rate', total: '--total', cap: '--cap', capPolicy: '--cap-policy' };

function refuseOthers(options: AdhocSchemeOptions, name: AdhocSchemeName, keys: readonly (keyof AdhocSchemeOptions)[], problems: ProblemList): void {
  const other = name === 'per-capita' ? 'share' : 'per-capita';
  for (const k of keys) {
    if (options[k] !== undefined) {
      problems.add(t(`gäller ${other}, inte ${name}`, `applies to ${other}, not ${name}`), { file: OPTION_NAMES[k] });
    }
  }
}

/** A non-negative amount as text; with `money`, in whole öre. */
function amount(text: string | undefined, option: string, problems: ProblemList, opts: { money?: boolean; required?: Text } = {}): string | undefined {
  if (text === undefined) {
    if (opts.required) problems.add(opts.required, { file: option });
    return undefined;
  }
  const d = parseDecimal(text);
  if (!d) problems.add(t(`"${text}" är inte ett tal`, `"${text}" is not a number`), { file: option });
  else if (d.isNegative()) problems.add(t(`"${text}" får inte vara negativt`, `"${text}" must not be negative`), { file: option });
  else if (opts.money && d.decimalPlaces() > 2) problems.add(t(`"${text}" är inte ett belopp i hela öre`, `"${text}" is not an amount in whole öre`), { file: option });
  else return d.toFixed();
  return undefined;
}

function commonParts(options: AdhocSchemeOptions, problems: ProblemList): { region?: AdhocRegion; rounding: string } {
  const rounding = options.rounding ?? '0.01';
  const unit = parseDecimal(rounding);
  if (!unit || !unit.greaterThan(0) || !unit.times(100).isInteger()) {
    problems.add(t(`"${rounding}" ska vara en avrundningsenhet i kronor: 0.01 (öre) eller 1 (hela kronor)`, `"${rounding}" must be a rounding unit in kronor: 0.01 (öre) or 1 (whole kronor)`), { file: '--rounding' });
  }
  if (options.regionName !== undefined && options.regionCode === undefined) {
    problems.add(t('gäller bara tillsammans med --region-code', 'applies only together with --region-code'), { file: '--region-name' });
  }
  if (options.regionName !== undefined && options.regionName.trim() === '') {
    problems.add(t('regionens namn är tomt', "the region's name is empty"), { file: '--region-name' });
  }
  if (options.regionCode !== undefined && options.codes.county(options.regionCode) === undefined) {
    problems.add(t(`"${options.regionCode}" är ingen länskod i SCB:s kodlista`, `"${options.regionCode}" is not a county code in SCB's code list`), {
      file: '--region-code',
      hint: t(`Länskoder: ${countyList(options.codes)}.`, `County codes: ${countyList(options.codes)}.`),
    });
  }
  const region = problems.ok ? regionOf(options, options.codes) : undefined;
  return { ...(region ? { region } : {}), rounding: unit ? unit.toFixed() : rounding };
}

function regionOf(options: Pick<AdhocSchemeOptions, 'regionCode' | 'regionName'>, codes: MunicipalityCodes): AdhocRegion | undefined {
  const county = options.regionCode === undefined ? undefined : codes.county(options.regionCode);
  if (!county) return undefined;
  const given = options.regionName?.trim();
  return { code: county.code, name: given || defaultRegionName(county), county, derivedName: !given };
}

function countyList(codes: MunicipalityCodes): string {
  return codes.counties.map((c) => `${c.code} ${c.name}`).join(', ');
}
