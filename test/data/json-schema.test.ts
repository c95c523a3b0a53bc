// The JSON Schemas in schemas/ are what editors check scheme and scenario files with: they must be exactly what
// the zod schemas generate today (a change to a zod schema that forgets `node scripts/json-schema.mjs` fails
// here), every shipped scheme and scenario must pass them, and a typical typo must not.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { jsonSchemaText, scenarioJsonSchema, schemeJsonSchema } from '../../data/json-schema.js';

const read = (path: string): string => readFileSync(path, 'utf8');
const yamlFiles = (dir: string): string[] => readdirSync(dir).filter((f) => /\.ya?ml$/.test(f)).map((f) => join(dir, f));

function validator(file: string) {
  // Union types (`"type": ["string", "number"]`) are how zod writes "a number or text"; strict otherwise.
  const ajv = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true });
  return ajv.compile(JSON.parse(read(file)) as object);
}

describe('the JSON Schemas in schemas/', () => {
  it('are what the zod schemas generate (run `node scripts/json-schema.mjs` after the build if not)', () => {
    expect(read('schemas/scheme.schema.json')).toBe(jsonSchemaText(schemeJsonSchema()));
    expect(read('schemas/scenario.schema.json')).toBe(jsonSchemaText(scenarioJsonSchema()));
  });

  it('describe the main fields in Swedish, and a date as YYYY-MM-DD text', () => {
    const s = schemeJsonSchema() as { properties: Record<string, { description?: string; properties?: Record<string, { type?: string; pattern?: string }> }> };
    for (const key of ['id', 'title', 'parties', 'parameters', 'components']) expect(s.properties[key]?.description).toMatch(/[a-zåäö]/);
    expect(s.properties.components?.description).toContain('komponenter');
    expect(s.properties.population?.properties?.referenceDate).toMatchObject({ type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' });
  });

  it('pass every shipped scheme and scenario, each of which names its schema on its first line', () => {
    const scheme = validator('schemas/scheme.schema.json');
    const scenario = validator('schemas/scenario.schema.json');
    const schemes = yamlFiles('data/schemes');
    // The README's worked example: a scheme and scenarios beside it in examples/ (a scenario names its scheme).
    const examples = yamlFiles('examples');
    const exampleScenarios = examples.filter((f) => /^scheme:/m.test(read(f)));
    const exampleSchemes = examples.filter((f) => !exampleScenarios.includes(f));
    const scenarios = yamlFiles('scenarios');
    expect(schemes.length).toBeGreaterThan(0);
    expect(exampleSchemes.length).toBeGreaterThan(0);
    expect(exampleScenarios.length).toBeGreaterThan(0);
    for (const f of exampleSchemes) {
      expect(scheme(parse(read(f))), `${f}: ${JSON.stringify(scheme.errors)}`).toBe(true);
      expect(read(f).split('\n')[0]).toBe('# yaml-language-server: $schema=../schemas/scheme.schema.json');
    }
    for (const f of exampleScenarios) {
      expect(scenario(parse(read(f))), `${f}: ${JSON.stringify(scenario.errors)}`).toBe(true);
      expect(read(f).split('\n')[0]).toBe('# yaml-language-server: $schema=../schemas/scenario.schema.json');
    }
    expect(scenarios.length).toBeGreaterThan(0);
    for (const f of schemes) {
      expect(scheme(parse(read(f))), `${f}: ${JSON.stringify(scheme.errors)}`).toBe(true);
      expect(read(f).split('\n')[0]).toBe('# yaml-language-server: $schema=../../schemas/scheme.schema.json');
    }
    for (const f of scenarios) {
      expect(scenario(parse(read(f))), `${f}: ${JSON.stringify(scenario.errors)}`).toBe(true);
      expect(read(f).split('\n')[0]).toBe('# yaml-language-server: $schema=../schemas/scenario.schema.json');
    }
  });

  it('refuse the typos a planner makes: an unknown key, a wrong cap policy, component kind or parameter type', () => {
    const scheme = validator('schemas/scheme.schema.json');
    const base = parse(read('data/schemes/sthlm-2020.yaml')) as Record<string, unknown>;
    const variant = (edit: (d: any) => void): unknown => {
      const d = structuredClone(base);
      edit(d);
      return d;
    };
    const capComponent = (d: any) => d.components.find((c: any) => c.cap !== undefined);
    const cases: [string, unknown, string][] = [
      ['unknown key at the top', variant((d) => (d.titel = 'x')), 'additionalProperties'],
      ['unknown key in a component', variant((d) => (d.components[0].cpa = {})), 'additionalProperties'],
      ['cap policy misspelt', variant((d) => (capComponent(d).cap.policy = 'regoin')), 'enum'],
      ['component kind misspelt', variant((d) => (d.components[0].kind = 'shar')), ''],
      ['parameter type misspelt', variant((d) => (Object.values(d.parameters as Record<string, any>)[0].type = 'mony')), 'enum'],
      ['date not YYYY-MM-DD', variant((d) => (d.population.referenceDate = '31/12/2019')), 'pattern'],
    ];
    for (const [what, data, keyword] of cases) {
      expect(scheme(data), what).toBe(false);
      if (keyword) expect(scheme.errors?.map((e) => e.keyword), what).toContain(keyword);
    }
    const scenario = validator('schemas/scenario.schema.json');
    const s = parse(read('scenarios/goteborg-avstar.yaml')) as Record<string, unknown>;
    expect(scenario({ ...s, sett: { rate: '9' } })).toBe(false);
    expect(scenario({ ...s, simulation: { runs: -1 } })).toBe(false);
  });
});
