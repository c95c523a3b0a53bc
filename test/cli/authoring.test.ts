// Writing a scheme: `andel validate` (every problem of every file at once, with line and column, what is allowed,
// and the name that was probably meant), `andel init` (a starter scheme that validates and allocates), and a
// misspelt parameter name caught on the first run.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { ROOT, andel } from '../helpers/cli.js';

const tmp = () => mkdtempSync(join(tmpdir(), 'andel-authoring-'));
const POPULATION = join(ROOT, 'data', 'populations', 'sweden-2021.csv');

// A planner's first scheme, with the typos of the issue: a misspelt key, cap policy, component kind, key and
// parameter name. Line numbers below are those of this text.
const TYPOS = `id: uppsala-ehalsa
title: E-hälsoplattform
sumary: Plattformen delas efter folkmängd.
population:
  file: ${POPULATION}
  source: SCB
  referenceDate: 2021-12-31
parties:
  - { code: "03", name: Region Uppsala, kind: region }
  - { from: population, county: "03" }
parameters:
  cost:
    type: money
    value: 6000000
    label: Kostnad
components:
  - id: plattform
    kind: shar
    label: Plattform
    total: { param: cots }
    key: populaton
    parties: kommun
    cap: { amount: 1000000, policy: regoin }
`;

describe('andel validate', () => {
  it('passes every shipped scheme and scenario with a short confirmation each, exit 0', () => {
    const r = andel(['validate', 'data/schemes/vgr-2022.yaml', 'data/schemes/sthlm-2020.yaml', 'scenarios/goteborg-avstar.yaml']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout.split('\n').filter(Boolean)).toEqual([
      'ok: data/schemes/vgr-2022.yaml: schema vgr-2022: 50 parter, 1 komponent, 1 parameter',
      'ok: data/schemes/sthlm-2020.yaml: schema sthlm-2020: 27 parter, 2 komponenter, 8 parametrar; utan värde (anges med --set eller i ett scenario): licence.total',
      'ok: scenarios/goteborg-avstar.yaml: scenario "Göteborg avstår" över vgr-2022: 49 parter, 0 ändrade värden, 2 osäkra värden',
    ]);
  });

  it('reports every problem of every file at once, each with line and column, the allowed values and the name meant', () => {
    const dir = tmp();
    writeFileSync(join(dir, 'schema.yaml'), TYPOS);
    writeFileSync(join(dir, 'scenario.yaml'), 'scheme: vgr-2022\ntitle: Höjning\nset:\n  rat: "12"\nvary:\n  rate: uniform(9, 11)\n');
    const r = andel(['validate', 'schema.yaml', 'scenario.yaml', 'saknas.yaml'], { cwd: dir });
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    const lines = r.stderr.split('\n');
    expect(lines[0]).toBe('andel: 6 fel i indata:');
    expect(lines).toContain('  schema.yaml, rad 3, kolumn 1: (roten): okänd nyckel "sumary". Menade du "summary"? Tillåtna nycklar här: id, title, summary, region, example, source, rounding, population, users, parties, parameters, components, financing, contract, dates, notes.');
    expect(lines).toContain('  schema.yaml, rad 18, kolumn 11: components[0] (plattform).kind: "shar" är inte tillåtet här; tillåtet är per-unit, share eller yearly-share. Menade du "share"?');
    // A component whose kind is unknown has no shape to check; its parameter reference is checked all the same.
    expect(lines).toContain('  schema.yaml, rad 20, kolumn 12: components[0] (plattform).total hänvisar till parametern cots, som inte är deklarerad. Menade du cost? Deklarera den under parameters, eller använd en av cost.');
    expect(lines).toContain('  scenario.yaml, rad 4, kolumn 8: okänd parameter "rat"; schemat vgr-2022 har: rate, population.file, users.ÅÅÅÅ. Menade du "rate"?');
    expect(lines).toContain('  saknas.yaml: filen finns inte. Ange sökvägen till en schemafil eller en scenariofil (.yaml).');
    expect(lines).toContain('  schema.yaml, rad 1, kolumn 1: summary: saknas (ska anges)');
  });

  it('names the allowed values of a key and a cap policy once the kind is right, at their columns', () => {
    const dir = tmp();
    writeFileSync(join(dir, 'schema.yaml'), TYPOS.replace('kind: shar', 'kind: share').replace('sumary', 'summary'));
    const r = andel(['validate', 'schema.yaml'], { cwd: dir });
    expect(r.status).toBe(2);
    expect(r.stderr.split('\n').slice(1, 4)).toEqual([
      '  schema.yaml, rad 20, kolumn 12: components[0] (plattform).total hänvisar till parametern cots, som inte är deklarerad. Menade du cost? Deklarera den under parameters, eller använd en av cost.',
      '  schema.yaml, rad 21, kolumn 10: components[0] (plattform).key: "populaton" är inte tillåtet här; tillåtet är population, users, equal, { weights: … } eller { blend: … }. Menade du "population"?',
      '  schema.yaml, rad 23, kolumn 37: components[0] (plattform).cap.policy: "regoin" är inte tillåtet här; tillåtet är region, redistribute, none eller { param: … }. Menade du "region"?',
    ]);
    const en = andel(['--lang', 'en', 'validate', 'schema.yaml'], { cwd: dir });
    expect(en.stderr).toContain('schema.yaml, line 23, column 37: components[0] (plattform).cap.policy: "regoin" is not allowed here; allowed: region, redistribute, none or { param: … }. Did you mean "region"?');
  });

  it('names the allowed values of a parameter type and a party kind, and the keys of a party', () => {
    const dir = tmp();
    const text = TYPOS.replace('sumary', 'summary').replace('kind: shar', 'kind: share').replace('cots', 'cost').replace('populaton', 'population').replace('regoin', 'redistribute')
      .replace('type: money', 'type: mony').replace('kind: region }', 'kind: regoin }').replace('county: "03" }', 'conty: "03" }');
    writeFileSync(join(dir, 'schema.yaml'), text);
    const r = andel(['validate', 'schema.yaml'], { cwd: dir });
    expect(r.status).toBe(2);
    expect(r.stderr.split('\n').slice(0, 4)).toEqual([
      'andel: 3 fel i indata:',
      '  schema.yaml, rad 9, kolumn 47: parties[0] (03).kind: "regoin" är inte tillåtet här; tillåtet är region, kommun eller del. Menade du "region"?',
      '  schema.yaml, rad 10, kolumn 25: parties[1]: okänd nyckel "conty". Menade du "county"? Tillåtna nycklar här: from, kind, county.',
      '  schema.yaml, rad 13, kolumn 11: parameters.cost.type: "mony" är inte tillåtet här; tillåtet är money, rate, integer, decimal, percent, enum, year eller text. Menade du "money"?',
    ]);
  });
});

describe('andel validate on keys inside a union and a scenario', () => {
  it('a misspelt key of { param: … } is told as such, and the problems of a scenario come in the order of the file', () => {
    const dir = tmp();
    writeFileSync(join(dir, 'schema.yaml'), TYPOS.replace('sumary', 'summary').replace('kind: shar', 'kind: share').replace('populaton', 'population').replace('regoin', 'region').replace('{ param: cots }', '{ parm: cost }'));
    writeFileSync(join(dir, 'scenario.yaml'), 'scheme: vgr-2022\ntitle: x\nsett:\n  rate: 9\nsimulation: { runs: 10, sed: 3 }\n');
    const r = andel(['validate', 'schema.yaml', 'scenario.yaml'], { cwd: dir });
    expect(r.status).toBe(2);
    expect(r.stderr.split('\n').slice(1, 5)).toEqual([
      '  schema.yaml, rad 20, kolumn 12: components[0] (plattform).total.param: saknas (ska anges)',
      '  schema.yaml, rad 20, kolumn 14: components[0] (plattform).total: okänd nyckel "parm". Menade du "param"? Tillåtna nycklar här: param.',
      '  scenario.yaml, rad 3, kolumn 1: (roten): okänd nyckel "sett". Menade du "set"? Tillåtna nycklar här: scheme, title, description, set, parties, vary, simulation.',
      '  scenario.yaml, rad 5, kolumn 25: simulation: okänd nyckel "sed". Menade du "seed"? Tillåtna nycklar här: runs, seed.',
    ]);
  });
});

describe('a misspelt parameter name', () => {
  it('in --set is refused on the first run with the name meant', () => {
    const r = andel(['allocate', 'vgr-2022', '--set', 'rat=12']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('--set: okänd parameter "rat"; schemat vgr-2022 har: rate. Menade du "rate"?');
  });

  it('in a scenario file is refused with its line and column', () => {
    const dir = tmp();
    writeFileSync(join(dir, 'sc.yaml'), 'scheme: vgr-2022\ntitle: x\nvary:\n  rat: uniform(9, 11)\n');
    const r = andel(['simulate', 'sc.yaml', '--runs', '10'], { cwd: dir });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('sc.yaml, rad 4, kolumn 8: okänd parameter "rat"; möjliga: population, rate. Menade du "rate"?');
  });

  it('in a scheme whose shape is also wrong is reported beside the other mistakes, not on the next run', () => {
    const dir = tmp();
    writeFileSync(join(dir, 'schema.yaml'), TYPOS.replace('sumary', 'summary').replace('kind: shar', 'kind: share').replace('populaton', 'population'));
    const r = andel(['allocate', 'schema.yaml'], { cwd: dir });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('rad 20, kolumn 12: components[0] (plattform).total hänvisar till parametern cots');
    expect(r.stderr).toContain('rad 23, kolumn 37: components[0] (plattform).cap.policy: "regoin"');
  });
});

describe('andel init', () => {
  it('writes a commented starter scheme that validates, passes the JSON Schema and allocates the whole amount', () => {
    const dir = tmp();
    const r = andel(['init', '--population', POPULATION, '--county', '03', '--total', '12000000', '--out', 'uppsala.yaml'], { cwd: dir });
    expect(r.status).toBe(0);
    expect(r.stderr).toContain('skrev uppsala.yaml: schema uppsala-lan, regionen och 8 kommuner');
    const text = readFileSync(join(dir, 'uppsala.yaml'), 'utf8');
    expect(text.split('\n')[0]).toMatch(/^# yaml-language-server: \$schema=.*schemas\/scheme\.schema\.json$/);
    expect(text).toContain('    # cap:\n    #   amount: 500000\n    #   policy: redistribute');
    const ajv = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true });
    const check = ajv.compile(JSON.parse(readFileSync(join(ROOT, 'schemas', 'scheme.schema.json'), 'utf8')) as object);
    expect(check(parse(text)), JSON.stringify(check.errors)).toBe(true);

    const v = andel(['validate', 'uppsala.yaml'], { cwd: dir });
    expect(v.status).toBe(0);
    expect(v.stdout).toBe('ok: uppsala.yaml: schema uppsala-lan: 9 parter, 1 komponent, 1 parameter\n');

    const a = andel(['allocate', 'uppsala.yaml', '--format', 'json'], { cwd: dir });
    expect(a.status).toBe(0);
    const j = JSON.parse(a.stdout) as { scheme: string; total: string; parties: { code: string; amount: string }[] };
    expect(j.scheme).toBe('uppsala-lan');
    expect(j.total).toBe('12000000.00');
    expect(j.parties.map((p) => p.code).sort()).toEqual(['03', '0305', '0319', '0330', '0331', '0360', '0380', '0381', '0382']);
  });

  it('with the cap uncommented, still validates', () => {
    const dir = tmp();
    expect(andel(['init', '--population', POPULATION, '--county', '03', '--total', '12000000'], { cwd: dir }).status).toBe(0);
    const file = join(dir, 'uppsala-lan.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('    # cap:\n    #   amount: 500000\n    #   policy: redistribute', '    cap:\n      amount: 5000000\n      policy: redistribute'));
    const v = andel(['validate', 'uppsala-lan.yaml'], { cwd: dir });
    expect(v.stderr).toBe('');
    expect(v.status).toBe(0);
  });

  it('without --total writes a parameter without a value, which validate names and allocate asks for', () => {
    const dir = tmp();
    expect(andel(['init', '--population', POPULATION, '--county', '03'], { cwd: dir }).status).toBe(0);
    expect(andel(['validate', 'uppsala-lan.yaml'], { cwd: dir }).stdout).toContain('utan värde (anges med --set eller i ett scenario): total');
    const a = andel(['allocate', 'uppsala-lan.yaml'], { cwd: dir });
    expect(a.status).toBe(2);
    expect(a.stderr).toContain('parametern total (Belopp att fördela) saknar värde');
    expect(andel(['allocate', 'uppsala-lan.yaml', '--set', 'total=1000000'], { cwd: dir }).status).toBe(0);
  });

  it('refuses to overwrite a file unless --force, and an unknown county', () => {
    const dir = tmp();
    writeFileSync(join(dir, 'mitt.yaml'), 'behåll\n');
    const r = andel(['init', '--population', POPULATION, '--county', '03', '--out', 'mitt.yaml'], { cwd: dir });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('mitt.yaml: filen finns redan och skrivs inte över. Ange en annan fil med --out, eller --force för att skriva över den.');
    expect(readFileSync(join(dir, 'mitt.yaml'), 'utf8')).toBe('behåll\n');
    expect(andel(['init', '--population', POPULATION, '--county', '03', '--out', 'mitt.yaml', '--force'], { cwd: dir }).status).toBe(0);
    expect(readFileSync(join(dir, 'mitt.yaml'), 'utf8')).toContain('id: uppsala-lan');

    const bad = andel(['init', '--population', POPULATION, '--county', '33'], { cwd: dir });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('--county: "33" är ingen länskod');
    expect(bad.stderr).toContain('03 Uppsala län');
  });
});
