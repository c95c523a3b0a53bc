/**
 * `andel validate`: scheme and scenario files checked as a run would read
 * them, without computing anything. Each file is taken as a scheme or a
 * scenario by its content, parsed and checked as a whole, and loaded with
 * the files it names (the population file, user counts, the scheme a
 * scenario starts from), so that every problem a run would meet is found
 * now, each with its file, line and column. A parameter without a value is
 * no problem here (a run gives it with --set or a scenario): it is named in
 * the confirmation instead.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseDocument } from 'yaml';
import { formatCount } from '../data/count.js';
import { loadScenario } from '../data/load-scenario.js';
import { loadScheme } from '../data/load-scheme.js';
import { AndelError, InputError, type Problem, type Text, t } from '../models/errors.js';

/** A file that passed, and what it holds in a sentence. */
export interface ValidFile {
  readonly file: string;
  readonly kind: 'scheme' | 'scenario';
  /** `schema vgr-2022: 50 parter, 1 komponent, 1 parameter`. */
  readonly summary: Text;
}

/** What validating a list of files found: the files that passed, every problem of the others, and warnings. */
export interface ValidationRun {
  readonly valid: readonly ValidFile[];
  readonly problems: readonly Problem[];
  readonly warnings: readonly Problem[];
}

/** Keys only a scenario has, and keys only a scheme has. */
const SCENARIO_KEYS = ['scheme', 'set', 'vary', 'simulation'];
const SCHEME_KEYS = ['id', 'components', 'summary', 'parameters', 'rounding', 'financing', 'contract'];

/**
 * Whether a file's text is meant as a scenario: a map with a key only a
 * scenario has and none only a scheme has. Anything else (a broken file
 * too) is read as a scheme, whose reader reports what is wrong with it.
 */
export function isScenarioText(text: string): boolean {
  try {
    const doc = parseDocument(text, { prettyErrors: false });
    if (doc.errors.length > 0) return false;
    const data: unknown = doc.toJS({ maxAliasCount: 100 });
    if (data === null || typeof data !== 'object' || Array.isArray(data)) return false;
    const keys = Object.keys(data);
    return keys.some((k) => SCENARIO_KEYS.includes(k)) && !keys.some((k) => SCHEME_KEYS.includes(k));
  } catch {
    return false;
  }
}

/**
 * Validates each file (a path as the user gave it); never throws for a bad
 * file, but returns its problems with the others'.
 *
 * @example
 * const run = await validateFiles(['data/schemes/vgr-2022.yaml']);
 * run.valid[0].summary.sv // 'schema vgr-2022: 50 parter, 1 komponent, 1 parameter'
 */
export async function validateFiles(files: readonly string[]): Promise<ValidationRun> {
  const valid: ValidFile[] = [];
  const problems: Problem[] = [];
  const warnings: Problem[] = [];
  for (const file of files) {
    const path = resolve(file);
    if (!existsSync(path) || !statSync(path).isFile()) {
      problems.push({ file, message: t('filen finns inte', 'the file does not exist'), hint: t('Ange sökvägen till en schemafil eller en scenariofil (.yaml).', 'Give the path to a scheme file or a scenario file (.yaml).') });
      continue;
    }
    // A name without a folder or an extension would be taken as a built-in scheme or scenario: a path always names the file.
    const named = /[/\\]|\.(ya?ml|json)$/.test(file) ? file : `./${file}`;
    try {
      if (isScenarioText(readFileSync(path, 'utf8'))) valid.push(await validateScenario(named, warnings));
      else valid.push(await validateScheme(named, warnings));
    } catch (e) {
      if (!(e instanceof AndelError)) throw e;
      if (e instanceof InputError) {
        problems.push(...e.problems);
        warnings.push(...e.warnings);
      } else problems.push({ file, message: t(e.describe('sv'), e.describe('en')) });
    }
  }
  return { valid, problems, warnings };
}

async function validateScheme(file: string, warnings: Problem[]): Promise<ValidFile> {
  const loaded = await loadScheme(file, { omitIncomplete: true });
  warnings.push(...loaded.warnings);
  const def = loaded.definition;
  const parameters = Object.keys(def.parameters);
  // A derived parameter has no value of its own: it follows its formula (and an open base parameter is named once).
  const without = Object.entries(def.parameters).filter(([, p]) => p.value === undefined && p.expr === undefined).map(([name]) => name);
  const derived = Object.values(def.parameters).filter((p) => p.expr !== undefined).length;
  const counts = [
    count(loaded.model.parties.length, t('part', 'party'), t('parter', 'parties')),
    count(def.components.length, t('komponent', 'component'), t('komponenter', 'components')),
    count(parameters.length, t('parameter', 'parameter'), t('parametrar', 'parameters')),
  ];
  if (derived > 0) {
    const last = counts.pop()!;
    counts.push(t(`${last.sv} (varav ${derived} härledd${derived === 1 ? '' : 'a'})`, `${last.en} (${derived} derived)`));
  }
  const open = without.length > 0 ? t(`; utan värde (anges med --set eller i ett scenario): ${without.join(', ')}`, `; without a value (given with --set or in a scenario): ${without.join(', ')}`) : t('', '');
  return {
    file,
    kind: 'scheme',
    summary: t(`schema ${def.id}: ${counts.map((c) => c.sv).join(', ')}${open.sv}`, `scheme ${def.id}: ${counts.map((c) => c.en).join(', ')}${open.en}`),
  };
}

async function validateScenario(file: string, warnings: Problem[]): Promise<ValidFile> {
  const loaded = await loadScenario(file, { omitIncomplete: true });
  warnings.push(...loaded.warnings);
  const scenario = loaded.parsed?.scenario;
  const counts = [
    count(loaded.source.model.parties.length, t('part', 'party'), t('parter', 'parties')),
    count(Object.keys(scenario?.set ?? {}).length, t('ändrat värde', 'value set'), t('ändrade värden', 'values set')),
    count(loaded.vary.length, t('osäkert värde', 'uncertain value'), t('osäkra värden', 'uncertain values')),
  ];
  const base = loaded.scheme.definition.id;
  return {
    file,
    kind: 'scenario',
    summary: t(`scenario "${loaded.title}" över ${base}: ${counts.map((c) => c.sv).join(', ')}`, `scenario "${loaded.title}" on ${base}: ${counts.map((c) => c.en).join(', ')}`),
  };
}

function count(n: number, one: Text, many: Text): Text {
  const k = formatCount(n);
  return t(`${k} ${n === 1 ? one.sv : many.sv}`, `${k} ${n === 1 ? one.en : many.en}`);
}
