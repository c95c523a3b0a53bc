/**
 * A population table in JSON-stat2, as SCB's API returns it: the dataset
 * checked for the contradictions of a file cut short or edited by hand, one
 * category chosen of every dimension but the region (the year asked for),
 * and each region's value as an {@link Entry} at its place in the text.
 */
import { ProblemList, t, type Text } from '../../models/errors.js';
import { topLevelPlaces } from '../json-places.js';
import { type Entry, yearEndDate } from './entry.js';
import type { PopulationOptions } from './types.js';

const FETCH_JSON_STAT: Text = t('Hämta tabellen från SCB:s API med formatet json-stat2.', "Fetch the table from SCB's API in the json-stat2 format.");
const FETCH_AGAIN: Text = t(
  'Filen är ofullständig eller ändrad för hand; hämta den igen från SCB:s API med formatet json-stat2.',
  "The file is incomplete or was edited by hand; fetch it again from SCB's API in the json-stat2 format.",
);

/**
 * The entries of a JSON-stat2 dataset (https://json-stat.org/format/):
 * dimensions `id` of sizes `size`, and values in row-major order (the last
 * dimension varies fastest). SCB's API names the geographic dimension
 * "Region" and time "Tid". Names and codes from the file are looked up as
 * own properties only, so that a dimension or category called `__proto__`
 * or `constructor` is an ordinary (and then unknown) name, never an
 * object's built-in. Problems go to `problems`; the entries are then empty.
 */
export function entriesFromJsonStat(
  text: string,
  options: PopulationOptions,
  problems: ProblemList,
): { entries: Entry[]; referenceDate?: string } {
  const { file } = options;
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    const detail = (e as Error).message;
    problems.add(t(`filen är inte giltig JSON (${detail})`, `the file is not valid JSON (${detail})`), { file, ...jsonErrorPlace(text, detail) });
    return { entries: [] };
  }
  const places = topLevelPlaces(text, 'value');
  const fail = (message: Text, hint?: Text, member?: string): { entries: Entry[] } => {
    const place = member === undefined ? undefined : places.members.get(member);
    problems.add(message, { file, ...(place ?? {}), ...(hint ? { hint } : {}) });
    return { entries: [] };
  };
  const notJsonStat = (): { entries: Entry[] } =>
    fail(
      t(
        'JSON-filen är inte ett JSON-stat2-dataset med dimensionen Region och en värdelista',
        'the JSON file is not a JSON-stat2 dataset with a Region dimension and a value list',
      ),
      FETCH_JSON_STAT,
    );
  // A dataset that contradicts itself was cut short or edited by hand.
  const broken = (sv: string, en: string, member: string): { entries: Entry[] } => fail(t(`JSON-stat2: ${sv}`, `JSON-stat2: ${en}`), FETCH_AGAIN, member);
  if (!isRecord(data)) return notJsonStat();
  const ids = own(data, 'id');
  const sizes = own(data, 'size');
  const dims = own(data, 'dimension');
  const values = own(data, 'value');
  if (!Array.isArray(ids) || !Array.isArray(sizes) || !isRecord(dims) || !(Array.isArray(values) || isRecord(values))) return notJsonStat();
  if (!ids.every((i): i is string => typeof i === 'string')) return broken('id ska vara en lista av dimensionsnamn', 'id must be a list of dimension names', 'id');
  if (!sizes.every((s): s is number => Number.isSafeInteger(s) && s >= 0)) {
    return broken('size ska vara en lista av heltal, ett per dimension', 'size must be a list of whole numbers, one per dimension', 'size');
  }
  if (ids.length !== sizes.length) {
    return broken(
      `id har ${ids.length} dimensioner (${ids.join(', ')}) men size har ${sizes.length} storlekar`,
      `id has ${ids.length} dimensions (${ids.join(', ')}) but size has ${sizes.length} sizes`,
      'size',
    );
  }
  const twice = ids.find((id, i) => ids.indexOf(id) !== i);
  if (twice !== undefined) return broken(`dimensionen ${twice} står två gånger i id`, `the dimension ${twice} is listed twice in id`, 'id');
  const role = isRecord(own(data, 'role')) ? (own(data, 'role') as Record<string, unknown>) : {};
  const roleList = (key: string): string[] => {
    const v = own(role, key);
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
  };
  const regionIndex = ids.findIndex((id) => id.toLowerCase() === 'region' || roleList('geo').includes(id));
  const timeIndex = ids.findIndex((id) => id.toLowerCase() === 'tid' || roleList('time').includes(id));
  if (regionIndex < 0) {
    return fail(
      t(
        `JSON-stat2-datasetet har ingen regiondimension (Region, eller en med rollen geo); dess dimensioner är ${ids.join(', ')}`,
        `the JSON-stat2 dataset has no region dimension (Region, or one with the role geo); its dimensions are ${ids.join(', ')}`,
      ),
      FETCH_JSON_STAT,
      'id',
    );
  }

  // Category codes in index order, with labels.
  const categories: { codes: string[]; labels: Record<string, unknown> }[] = [];
  for (const id of ids) {
    const dim = own(dims, id);
    if (!isRecord(dim)) return broken(`dimensionen ${id} i id saknas under dimension`, `the dimension ${id} in id is missing under dimension`, 'dimension');
    const cat = own(dim, 'category');
    if (!isRecord(cat)) return broken(`dimensionen ${id} har ingen category`, `the dimension ${id} has no category`, 'dimension');
    const index = own(cat, 'index');
    const label = own(cat, 'label');
    let codes: string[];
    if (Array.isArray(index)) {
      codes = index.map((c) => String(c));
      const again = codes.find((c, i) => codes.indexOf(c) !== i);
      if (again !== undefined) {
        return broken(`kategorin ${again} står två gånger i dimensionen ${id}`, `the category ${again} is listed twice in the dimension ${id}`, 'dimension');
      }
    } else if (isRecord(index)) {
      const entries = Object.entries(index);
      const n = entries.length;
      const byPosition: (string | undefined)[] = new Array<string | undefined>(n).fill(undefined);
      for (const [code, pos] of entries) {
        if (typeof pos !== 'number' || !Number.isSafeInteger(pos) || pos < 0 || pos >= n) {
          return broken(
            `i dimensionen ${id} har kategorin ${code} positionen ${JSON.stringify(pos)}, men positionerna ska vara 0–${n - 1}`,
            `in the dimension ${id} the category ${code} has the position ${JSON.stringify(pos)}, but the positions must be 0–${n - 1}`,
            'dimension',
          );
        }
        const taken = byPosition[pos];
        if (taken !== undefined) {
          return broken(
            `i dimensionen ${id} har kategorierna ${taken} och ${code} båda positionen ${pos}`,
            `in the dimension ${id} the categories ${taken} and ${code} both have the position ${pos}`,
            'dimension',
          );
        }
        byPosition[pos] = code;
      }
      codes = byPosition as string[];
    } else if (isRecord(label) && Object.keys(label).length === 1) {
      // A dimension of one category may omit its index.
      codes = Object.keys(label);
    } else {
      return broken(`dimensionen ${id} saknar category.index`, `the dimension ${id} has no category.index`, 'dimension');
    }
    categories.push({ codes, labels: isRecord(label) ? label : {} });
  }
  for (let d = 0; d < ids.length; d++) {
    const n = categories[d]!.codes.length;
    if (n !== sizes[d]) {
      return broken(
        `dimensionen ${ids[d]} har ${n} ${n === 1 ? 'kategori' : 'kategorier'} men size säger ${sizes[d]}`,
        `the dimension ${ids[d]} has ${n} ${n === 1 ? 'category' : 'categories'} but size says ${sizes[d]}`,
        'size',
      );
    }
  }
  const total = sizes.reduce((a, b) => a * b, 1);
  const product = sizes.length === 1 ? `${total}` : `${sizes.join(' × ')} = ${total}`;
  if (Array.isArray(values) && values.length !== total) {
    return broken(
      `size säger ${product} ${total === 1 ? 'värde' : 'värden'} men value har ${values.length}`,
      `size says ${product} ${total === 1 ? 'value' : 'values'} but value has ${values.length}`,
      'value',
    );
  }
  if (isRecord(values)) {
    // A sparse value object is keyed by position in the full, flattened list.
    const outside = Object.keys(values).find((k) => !/^(0|[1-9]\d*)$/.test(k) || Number(k) >= total);
    if (outside !== undefined) {
      return broken(
        `value har positionen "${outside}", men size säger ${product} ${total === 1 ? 'värde' : 'värden'} (positionerna 0–${total - 1})`,
        `value has the position "${outside}", but size says ${product} ${total === 1 ? 'value' : 'values'} (positions 0–${total - 1})`,
        'value',
      );
    }
  }

  // Pick one category of every dimension but Region.
  const fixed: number[] = [];
  let year: string | undefined;
  for (let d = 0; d < ids.length; d++) {
    if (d === regionIndex) {
      fixed.push(0);
      continue;
    }
    const { codes, labels } = categories[d]!;
    if (d === timeIndex && options.year !== undefined) {
      const at = codes.indexOf(options.year);
      if (at < 0) {
        return fail(t(`året ${options.year} finns inte i filen (den har ${codes.join(', ')})`, `the year ${options.year} is not in the file (it has ${codes.join(', ')})`));
      }
      fixed.push(at);
      year = options.year;
      continue;
    }
    if (codes.length !== 1) {
      if (d === timeIndex) {
        return fail(
          t(`filen har folkmängd för flera år (${codes.join(', ')})`, `the file has populations for several years (${codes.join(', ')})`),
          t('Ange vilket år som ska användas.', 'State which year to use.'),
        );
      }
      const shown = codes.slice(0, 5).map((c) => {
        const l = own(labels, c);
        return typeof l === 'string' ? l : c;
      });
      const list = `${shown.join(', ')}${codes.length > 5 ? ', …' : ''}`;
      return fail(
        t(
          `dimensionen ${ids[d]} har ${codes.length} värden (${list}); folkmängden måste vara ett enda tal per region`,
          `the dimension ${ids[d]} has ${codes.length} values (${list}); the population must be a single figure per region`,
        ),
        t('Välj bara totalen för den dimensionen när tabellen hämtas.', 'Select only the total of that dimension when fetching the table.'),
      );
    }
    if (d === timeIndex) year = codes[0];
    fixed.push(0);
  }

  const strides = sizes.map((_, d) => sizes.slice(d + 1).reduce((a, b) => a * b, 1));
  const region = categories[regionIndex]!;
  const entries: Entry[] = [];
  region.codes.forEach((code, k) => {
    let flat = 0;
    for (let d = 0; d < ids.length; d++) flat += (d === regionIndex ? k : fixed[d]!) * strides[d]!;
    const raw = Array.isArray(values) ? values[flat] : own(values, String(flat));
    const label = own(region.labels, code);
    // A sparse value object may lack the region's position: then the value list is the place.
    const place = places.items.get(String(flat)) ?? places.members.get('value');
    entries.push({
      codeText: code,
      ...(typeof label === 'string' && label.trim() !== '' ? { name: label.trim() } : {}),
      // A number or a text is read as a count; anything else is shown as written, and refused.
      population: typeof raw === 'number' || typeof raw === 'string' ? raw : raw === null || raw === undefined ? null : JSON.stringify(raw),
      prefix: t(`region ${code}: `, `region ${code}: `),
      ...(place !== undefined ? { countAt: place } : {}),
    });
  });
  const referenceDate = yearEndDate(year);
  return { entries, ...(referenceDate ? { referenceDate } : {}) };
}

/** An object's own property: a name from a file is never one of Object.prototype's. */
function own(record: Record<string, unknown>, key: string): unknown {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}

// V8 says where JSON broke as a character position; the user needs a line.
function jsonErrorPlace(text: string, detail: string): { line?: number; column?: number } {
  const m = /position (\d+)/.exec(detail);
  const at = m ? Math.min(Number(m[1]), text.length) : detail.includes('end of JSON') ? text.trimEnd().length : undefined;
  if (at === undefined) return {};
  const before = text.slice(0, at);
  const line = before.split(/\r\n|\r|\n/).length;
  const column = at - Math.max(before.lastIndexOf('\n'), before.lastIndexOf('\r')) ;
  return { line, column };
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
