// The scenario file and its loader (data/scenario-file.ts, data/load-scenario.ts).
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findScenarioFile, loadScenario } from '../../../data/load-scenario.js';
import { parseScenarioFile } from '../../../data/scenario-file.js';
import { InputError } from '../../../models/errors.js';
import { evaluateScheme } from '../../../models/evaluate.js';
import { goalSeek } from '../../../models/scenarios/goal-seek.js';
import { parseGoal } from '../../../models/scenarios/outputs.js';
import { parameterNamed } from '../../../models/scenarios/source.js';

function goalOf(text: string) {
  const g = parseGoal(text);
  if ('error' in g) throw new Error(g.error.en);
  return g;
}

const ROOT = new URL('../../../', import.meta.url).pathname;

function scenarioFile(text: string, name = 'scenario.yaml'): string {
  const dir = mkdtempSync(join(tmpdir(), 'andel-scenario-'));
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

async function problems(path: string): Promise<string[]> {
  try {
    await loadScenario(path);
  } catch (e) {
    if (e instanceof InputError) return e.problems.map((p) => `${p.line ?? '-'}:${p.column ?? '-'} ${p.message.sv}`);
    throw e;
  }
  return [];
}

describe('parseScenarioFile', () => {
  it('reads the shipped example', () => {
    const p = parseScenarioFile(readFileSync(join(ROOT, 'scenarios/goteborg-avstar.yaml'), 'utf8'), 'goteborg-avstar.yaml');
    expect(p.scenario).toMatchObject({ scheme: 'vgr-2022', title: 'Göteborg avstår', parties: { leave: ['1480'], join: [], split: [] } });
    expect(p.scenario.vary).toEqual({ rate: 'triangular(9.5, 10, 11)', population: 'uniform(-0.02, 0.02)' });
  });

  it('reports every schema problem with its line and column', () => {
    const text = 'scheme: vgr-2022\ntitle: T\nparties:\n  leave: [14800]\n  stay: []\nvary:\n  rate: 5\ncolour: blue\n';
    try {
      parseScenarioFile(text, 's.yaml');
      expect.unreachable();
    } catch (e) {
      const ps = (e as InputError).problems.map((p) => `${p.line}:${p.column} ${p.message.en}`);
      expect(ps.some((p) => p.startsWith('4:11') && p.includes('parties.leave.0'))).toBe(true);
      expect(ps.some((p) => p.startsWith('5:3') && p.includes('stay'))).toBe(true);
      expect(ps.some((p) => p.startsWith('7:9') && p.includes('vary.rate'))).toBe(true);
      expect(ps.some((p) => p.startsWith('8:1') && p.includes('colour'))).toBe(true);
    }
  });

  it('invalid YAML is a located error', () => {
    expect(() => parseScenarioFile('scheme: [x\n', 's.yaml')).toThrow(/ogiltig YAML/);
  });
});

describe('loadScenario', () => {
  it('finds shipped scenarios by name and tells scenarios from schemes', async () => {
    expect(findScenarioFile('goteborg-avstar')?.label).toBe('scenarios/goteborg-avstar.yaml');
    expect(findScenarioFile('vgr-2022')).toBeUndefined();
    expect(findScenarioFile(join(ROOT, 'data/schemes/vgr-2022.yaml'))).toBeUndefined();
    const s = await loadScenario('goteborg-avstar');
    expect(s.kind).toBe('scenario');
    expect(s.source.model.parties).toHaveLength(49);
    expect(s.simulation).toEqual({ runs: 20000, seed: 2022 });
  });

  it('checks set, vary and party changes against the scheme, each at its line and column', async () => {
    const path = scenarioFile(
      'scheme: vgr-2022\ntitle: Fel\nset:\n  rat: "9"\n  rate: nio\nparties:\n  leave: ["1481", "1499", "0180"]\nvary:\n  population: uniform(-2, 1)\n  rate: gauss(1)\n',
    );
    const ps = await problems(path);
    expect(ps).toEqual([
      expect.stringMatching(/^4:8 okänd parameter "rat"; schemat vgr-2022 har: rate, population.file/),
      expect.stringMatching(/^5:9 "nio" är inte ett tal/),
      expect.stringMatching(/^9:15 population: uniform\(-2, 1\) går utanför/),
      expect.stringMatching(/^10:9 "gauss\(1\)": okänd fördelning/),
    ]);
    // Party changes are checked once the scheme has loaded.
    const path2 = scenarioFile('scheme: vgr-2022\ntitle: Fel\nparties:\n  leave: ["1481", "0180"]\n');
    expect(await problems(path2)).toEqual([expect.stringMatching(/^4:19 parten 0180 finns inte i vgr-2022/)]);
  });

  it('--set overrides the scenario, and the scenario the scheme', async () => {
    const path = scenarioFile('scheme: vgr-2022\ntitle: Nio kronor\nset:\n  rate: "9"\n');
    const a = await loadScenario(path);
    expect(a.source.model.parameters.rate).toBe('9');
    const b = await loadScenario(path, { overrides: { rate: '11' } });
    expect(b.source.model.parameters.rate).toBe('11');
    expect(evaluateScheme(b.source.model).total).toBe(3_489_718 * 1100);
    // A variant keeps the scenario's other choices and changes only what it is given.
    expect(b.source.variant({ rate: '10' }).parameters.rate).toBe('10');
  });

  it('population.file in set is read relative to the scenario file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'andel-scenario-'));
    const csv = readFileSync(join(ROOT, 'data/populations/vastra-gotaland-2021.csv'), 'utf8').replace('1480,Göteborg,587549', '1480,Göteborg,600000').replace(',1744859,', ',1757310,');
    writeFileSync(join(dir, 'pop.csv'), csv);
    writeFileSync(join(dir, 's.yaml'), 'scheme: vgr-2022\ntitle: Fler i Göteborg\nset:\n  population.file: pop.csv\n');
    const s = await loadScenario(join(dir, 's.yaml'));
    const r = evaluateScheme(s.source.model);
    expect(r.parties.find((p) => p.party.code === '1480')!.amount).toBe(600_000_000);
  });

  it('a party joins with the population its components count', async () => {
    const path = scenarioFile('scheme: vgr-2022\ntitle: Ny\nparties:\n  join:\n    - { code: "1399", name: Grannkommunen, population: 10000 }\n');
    const r = evaluateScheme((await loadScenario(path)).source.model);
    expect(r.parties.find((p) => p.party.code === '1399')!.amount).toBe(10_000_000);
    const bad = scenarioFile('scheme: vgr-2022\ntitle: Ny\nparties:\n  join:\n    - { code: "1399", name: Grannkommunen }\n');
    expect(await problems(bad)).toEqual([expect.stringMatching(/^5:7 Grannkommunen \(1399\) behöver population/)]);
  });

  it('a parameter without a value gets the median of its distribution where one value is needed, and says so', async () => {
    const s = await loadScenario('sthlm-2020', { vary: ['licence.total=uniform(1000000,2000000)'] });
    expect(s.source.model.parameters['licence.total']).toBe('1500000');
    expect(s.source.model.caveats!.map((c) => `${c.reader} ${c.operator ?? ''}`).join()).toContain('medianen av fördelningen');
  });

  it('a scenario that refers to itself, or to another scenario, says so at its scheme line', async () => {
    expect(await problems(join(ROOT, 'test/data/fixtures/schemes/sjalvrefererande.yaml'))).toEqual([
      '2:9 scenariot hänvisar till sig självt: scheme ska vara schemat som scenariot utgår från',
    ]);
    const other = scenarioFile(`scheme: ${join(ROOT, 'scenarios/goteborg-avstar.yaml')}\ntitle: Ett scenario på ett scenario\n`);
    expect(await problems(other)).toEqual([expect.stringMatching(/^1:9 .*goteborg-avstar\.yaml är ett scenario, inte ett schema: ett scenario utgår från ett schema$/)]);
  });

  it('parties that leave a component with nobody to split it on are refused at the last of them', async () => {
    const path = scenarioFile(`scheme: ${join(ROOT, 'test/data/fixtures/schemes/bas.yaml')}\ntitle: Alla avstår\nparties:\n  leave: ["1280", "1281", "1283"]\n`);
    expect(await problems(path)).toEqual(['4:27 när 1280, 1281, 1283 avstår finns ingen part kvar att fördela Delning på']);
  });

  it('names JavaScript gives a meaning are unknown parameters like any other, at their line', async () => {
    const path = scenarioFile('scheme: vgr-2022\ntitle: Fel\nset:\n  constructor: "1"\n  toString: "5"\nvary:\n  hasOwnProperty: uniform(1, 2)\n');
    expect(await problems(path)).toEqual([
      '4:16 okänd parameter "constructor"; schemat vgr-2022 har: rate, population.file, users.ÅÅÅÅ',
      '5:13 okänd parameter "toString"; schemat vgr-2022 har: rate, population.file, users.ÅÅÅÅ',
      '7:19 okänd parameter "hasOwnProperty"; möjliga: population, rate',
    ]);
    const proto = scenarioFile('scheme: vgr-2022\ntitle: Fel\nset:\n  __proto__: "1"\n');
    expect(await problems(proto)).toEqual(['4:3 nyckeln "__proto__" är ett reserverat namn och kan inte användas; välj ett annat namn']);
    // As `--set __proto__=1` arrives: an own key of an object without a prototype.
    const overrides = Object.create(null) as Record<string, string>;
    overrides['__proto__'] = '1';
    await expect(loadScenario('vgr-2022', { overrides })).rejects.toThrow(/okänd parameter "__proto__"/);
  });

  it('a value that could be read two ways is refused, not guessed', async () => {
    const path = scenarioFile('scheme: vgr-2022\ntitle: Fel\nset:\n  rate: "9,755"\n');
    expect(await problems(path)).toEqual(['4:9 "9,755" är tvetydigt: kommat kan vara tusentalsavgränsare eller decimaltecken Skriv 9755 för ett heltal eller 9.755 med punkt som decimaltecken.']);
  });

  it('names the scheme line when the scheme is unknown', async () => {
    const path = scenarioFile('title: X\nscheme: vgr-2033\n');
    expect(await problems(path)).toEqual([expect.stringMatching(/^2:9 okänt schema "vgr-2033"/)]);
  });

  it('a split scenario: Stockholms stad as districts, each with its own cap, fits a far larger licence total', async () => {
    const s = await loadScenario('sthlm-stadsdelar');
    const districts = s.source.model.parties.filter((p) => p.parent === '0180');
    expect(districts).toHaveLength(14);
    expect(districts.reduce((n, p) => n + p.population!, 0)).toBe(974_073);
    expect(s.source.model.caveats!.map((c) => c.reader).join()).toContain('räkneexempel');
    const licence = s.source.model.components.find((c) => c.id === 'licence')!;
    expect(licence.parties).not.toContain('0180');
    const g = goalSeek({ source: s.source, parameter: parameterNamed(s.source, 'licence.total', '--param'), goal: goalOf('licence.capped>=1') });
    // Undivided, Stockholm binds at 1,50 Mkr; divided, the first cap binds above 10 Mkr.
    expect(Number(g.answer.text)).toBeGreaterThan(10_000_000);
  });
});
