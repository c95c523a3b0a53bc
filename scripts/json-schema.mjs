#!/usr/bin/env node
// Writes the JSON Schemas of scheme and scenario files to schemas/, from the zod schemas (data/json-schema.ts), for
// editors: VS Code's YAML extension completes and checks a file whose first line is
//   # yaml-language-server: $schema=../schemas/scheme.schema.json
// Run after the build whenever a zod schema changes (test/data/json-schema.test.ts fails until then):
//   npx tsc -p tsconfig.build.json && node scripts/json-schema.mjs
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { jsonSchemaText, scenarioJsonSchema, schemeJsonSchema } = await import(join(root, 'dist', 'data', 'json-schema.js'));
mkdirSync(join(root, 'schemas'), { recursive: true });
for (const [name, schema] of [['scheme', schemeJsonSchema()], ['scenario', scenarioJsonSchema()]]) {
  writeFileSync(join(root, 'schemas', `${name}.schema.json`), jsonSchemaText(schema));
  process.stdout.write(`schemas/${name}.schema.json\n`);
}
