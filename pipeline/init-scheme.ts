/**
 * `andel init`: a commented starter scheme for one county, from a population
 * file andel reads. The region and the county's municipalities are the
 * parties; one component splits an amount among the municipalities by
 * population, with a cap left commented out; every field has a Swedish
 * comment, and the first line names the JSON Schema so an editor completes
 * and checks the file. The text is parsed and checked before it is returned:
 * what `init` writes, `validate` accepts.
 */
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { loadMunicipalityCodes } from '../data/municipality-codes.js';
import { loadPopulation } from '../data/population/load.js';
import { projectRoot } from '../data/project-root.js';
import { defaultRegionName } from '../data/adhoc-scheme.js';
import { parseSchemeFile } from '../data/scheme/parse.js';
import { parseWrittenNumber } from '../data/scheme/written-number.js';
import { isCalendarDate } from '../data/yaml-source.js';
import { formatCount } from '../data/count.js';
import { InputError, InvariantError, type Problem, ProblemList, t } from '../models/errors.js';

/** What `andel init` is given. */
export interface StarterOptions {
  /** The population file, as the user gave it. */
  readonly population: string;
  /** The county's 2-digit code (`03`). */
  readonly county: string;
  /** Where the scheme will be written: paths in it are relative to this file. */
  readonly out: string;
  readonly id?: string;
  readonly title?: string;
  /** The amount to split, in kronor; without it the parameter has no value (a run gives it with --set). */
  readonly total?: string;
  /** The date the figures refer to, for a file that does not say (`YYYY-MM-DD`). */
  readonly referenceDate?: string;
}

/** The starter scheme's text, and what a user should know about it. */
export interface StarterScheme {
  readonly text: string;
  readonly id: string;
  /** How many municipalities the county has in the file. */
  readonly municipalities: number;
  readonly warnings: readonly Problem[];
}

/**
 * A scheme id from a name: lower case, å ä → a, ö → o, anything else a hyphen.
 *
 * @example schemeIdFrom('Uppsala län') // 'uppsala-lan'
 */
export function schemeIdFrom(name: string): string {
  const folded = name.toLowerCase().replace(/[åä]/g, 'a').replace(/ö/g, 'o').normalize('NFD').replace(/[\u0300-\u036f]/g, '');
  return folded.replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '') || 'schema';
}

/**
 * The starter scheme for a county.
 *
 * @throws InputError (`E_OPTION`) for an unknown county, a county with no municipality in the file, a bad
 *   id, total or date, and the population file's own problems.
 */
export function starterScheme(options: StarterOptions): StarterScheme {
  const codes = loadMunicipalityCodes();
  const problems = new ProblemList();
  const county = codes.county(options.county);
  if (!county) {
    problems.add(
      t(`"${options.county}" är ingen länskod`, `"${options.county}" is not a county code`),
      { file: '--county', hint: t(`Länskoder: ${codes.counties.map((c) => `${c.code} ${c.name}`).join(', ')}.`, `County codes: ${codes.counties.map((c) => `${c.code} ${c.name}`).join(', ')}.`) },
    );
  }
  const id = options.id ?? (county ? schemeIdFrom(county.name) : 'schema');
  if (!/^[a-z0-9][a-z0-9-]*$/.test(id)) problems.add(t(`"${id}": ett id skrivs med gemener, siffror och bindestreck`, `"${id}": an id is written in lower case, digits and hyphens`), { file: '--id' });
  if (options.total !== undefined) {
    const n = parseWrittenNumber(options.total);
    if (!n.ok || n.value.isNegative() || n.decimals > 2) problems.add(t(`"${options.total}" är inget belopp i kronor (högst två decimaler)`, `"${options.total}" is not an amount in kronor (at most two decimals)`), { file: '--total' });
  }
  if (options.referenceDate !== undefined && !isCalendarDate(options.referenceDate)) {
    problems.add(t(`"${options.referenceDate}" är inget datum (ÅÅÅÅ-MM-DD)`, `"${options.referenceDate}" is not a date (YYYY-MM-DD)`), { file: '--reference-date' });
  }
  problems.throwIfAny('E_OPTION');

  const table = loadPopulation(options.population, { codes });
  const mine = table.rows.filter((r) => codes.countyOf(r.code)?.code === county!.code);
  const referenceDate = options.referenceDate ?? table.referenceDate;
  if (mine.length === 0) {
    problems.add(t(`filen har ingen kommun i ${county!.name} (${county!.code})`, `the file has no municipality in ${county!.name} (${county!.code})`), {
      file: options.population,
      hint: t('Ange en befolkningsfil med länets kommuner, t.ex. hela riket.', "Give a population file with the county's municipalities, e.g. the whole country."),
    });
  }
  if (referenceDate === undefined) {
    problems.add(t('filen anger inte vilket datum folkmängden avser', 'the file does not say which date the population refers to'), {
      file: options.population,
      hint: t('Ange det med --reference-date ÅÅÅÅ-MM-DD.', 'Give it with --reference-date YYYY-MM-DD.'),
    });
  }
  problems.throwIfAny('E_OPTION');

  const outDir = dirname(resolve(options.out));
  const rel = (to: string): string => {
    const r = relative(outDir, to).split(sep).join('/');
    return r.startsWith('.') ? r : `./${r}`;
  };
  const schemaPath = rel(join(projectRoot(), 'schemas', 'scheme.schema.json'));
  const populationPath = rel(resolve(options.population));
  const region = defaultRegionName(county!);
  const title = options.title ?? `Fördelning i ${county!.name}`;
  const n = mine.length;
  const q = (s: string): string => JSON.stringify(s);
  const lines = [
    `# yaml-language-server: $schema=${schemaPath}`,
    `# Ett fördelningsschema för andel, för ${county!.name}: ett belopp delas på länets`,
    `# ${formatCount(n)} kommuner efter folkmängd. Ändra det efter avtalet; varje fält förklaras ovanför det.`,
    '#   Kontrollera filen:  andel validate ' + basename(options.out),
    '#   Fördela:            andel allocate ' + basename(options.out),
    '# I VS Code med tillägget YAML (Red Hat) kompletteras och kontrolleras fälten medan du skriver.',
    '',
    '# Schemats id: dess namn i utdata och filnamn (gemener, siffror och bindestreck).',
    `id: ${id}`,
    '# Rubriken och en mening om vad som fördelas, som läsaren ser dem.',
    `title: ${q(title)}`,
    `summary: ${q(`Ett belopp fördelas på kommunerna i ${county!.name} efter andel av folkmängden.`)}`,
    `region: ${q(county!.name)}`,
    '',
    '# Befolkningsfilen som nyckeln population läser. Sökvägen är relativ till denna fil.',
    'population:',
    `  file: ${q(populationPath)}`,
    '  # Varifrån siffrorna kommer, som dokumenten anger det (t.ex. SCB, Folkmängd 31 december).',
    `  source: ${q(basename(options.population))}`,
    '  # Dagen som folkmängden avser (ÅÅÅÅ-MM-DD).',
    `  referenceDate: ${referenceDate}`,
    '',
    '# Parterna: regionen (med länets folkmängd) och länets kommuner ur befolkningsfilen.',
    '# En part kan också skrivas ut: - { code: "0380", name: Uppsala, kind: kommun }',
    'parties:',
    `  - { code: ${q(county!.code)}, name: ${q(region)}, kind: region, population: county }`,
    `  - { from: population, county: ${q(county!.code)} }`,
    '',
    '# Parametrar: namngivna värden som komponenterna hänvisar till med { param: namn },',
    '# och som --set och scenarier ändrar (andel allocate FIL --set total=2000000).',
    '# Typer: money (kronor), rate (kronor per enhet), integer, decimal, percent, enum, year, text.',
    'parameters:',
    '  total:',
    '    type: money',
    ...(options.total !== undefined
      ? [`    value: ${q(options.total)}`]
      : ['    # Inget värde ännu: ange det här (value: "1000000") eller vid körningen med --set total=…']),
    '    label: Belopp att fördela',
    '    unit: kr',
    '',
    '# Komponenterna: det som fördelas. kind är share (ett belopp delas efter en nyckel),',
    '# per-unit (ett belopp per invånare) eller yearly-share (en årlig budget, år för år).',
    'components:',
    '  - id: andel',
    '    kind: share',
    '    label: Andel efter folkmängd',
    '    # Beloppet som fördelas, i kronor: ett tal eller { param: namn }.',
    '    total: { param: total }',
    '    # Nyckeln: population, users, equal, { weights: … } eller { blend: … }.',
    '    key: population',
    '    # Vilka parter som delar: all, kommun, region, del eller en lista med koder.',
    '    # Med kommun betalar regionen inget i denna komponent; med all delar den efter länets folkmängd.',
    '    parties: kommun',
    '    # Ett tak per kommun: ta bort # på raderna nedan och ange beloppet.',
    '    # policy säger vad taket håller tillbaka: region (en part, carrier, bär det),',
    '    # redistribute (fördelas om på övriga kommuner) eller none (redovisas som ej täckt).',
    '    # cap:',
    '    #   amount: 500000',
    '    #   policy: redistribute',
    '',
  ];
  const text = lines.join('\n');
  try {
    parseSchemeFile(text, options.out);
  } catch (e) {
    if (e instanceof InputError) throw new InvariantError(t(`startschemat är ogiltigt: ${e.describe('sv')}`, `the starter scheme is invalid: ${e.describe('en')}`));
    throw e;
  }
  return { text, id, municipalities: n, warnings: table.warnings };
}
