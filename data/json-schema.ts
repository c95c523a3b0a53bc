/**
 * JSON Schemas of scheme and scenario files, generated from the zod schemas
 * that validate them, for editors: with `# yaml-language-server:
 * $schema=…` on a file's first line, VS Code's YAML extension completes the
 * keys, shows each field's description and marks a misspelt key or value.
 * `scripts/json-schema.mjs` writes them to `schemas/`; a test regenerates
 * them and compares, so a change to a zod schema cannot leave them behind.
 *
 * The schema describes what a user writes (zod's input side): a number may be
 * written as a number or as text, a date as `YYYY-MM-DD`. What a shape cannot
 * say (a `{ param: … }` of the right type, unique ids, real dates) is left to
 * `andel validate`.
 */
import * as z from 'zod';
import { scenarioFileSchema } from './scenario-file.js';
import { schemeFileSchema } from './scheme/schema.js';

/** The JSON Schema draft the schemas are written in: the one yaml-language-server supports fully. */
export const JSON_SCHEMA_TARGET = 'draft-7';

type JsonSchema = Record<string, unknown>;

/** The JSON Schema of a scheme file (`schemas/scheme.schema.json`). */
export function schemeJsonSchema(): JsonSchema {
  return toJsonSchema(schemeFileSchema, {
    title: 'andel: schemafil',
    description: 'Ett fördelningsschema för andel: parterna, komponenterna som fördelas, parametrarna och avtalets datum. Kontrollera filen med "andel validate FIL".',
  });
}

/** The JSON Schema of a scenario file (`schemas/scenario.schema.json`). */
export function scenarioJsonSchema(): JsonSchema {
  return toJsonSchema(scenarioFileSchema, {
    title: 'andel: scenariofil',
    description: 'Ett scenario för andel: en fråga om vad som händer med ett schema om parametrar ändras, parter går ur eller in, eller värden är osäkra. Kontrollera filen med "andel validate FIL".',
  });
}

/** A schema's text as the files in `schemas/` hold it. */
export function jsonSchemaText(schema: JsonSchema): string {
  return `${JSON.stringify(schema, null, 2)}\n`;
}

function toJsonSchema(schema: z.ZodType, head: JsonSchema): JsonSchema {
  const body = z.toJSONSchema(schema, {
    target: JSON_SCHEMA_TARGET,
    io: 'input',
    // A date written without quotes is a JavaScript Date to the YAML reader
    // zod sees, but text to an editor: the schema says "YYYY-MM-DD" only.
    unrepresentable: 'any',
    override: (ctx) => {
      const def = (ctx.zodSchema as unknown as { _zod: { def: { type: string; options?: z.core.$ZodType[] } } })._zod.def;
      if (def.type !== 'union' || !(def.options ?? []).some(isDate)) return;
      const text = (ctx.jsonSchema.anyOf ?? []).find((s) => typeof s === 'object' && s.type === 'string');
      delete ctx.jsonSchema.anyOf;
      Object.assign(ctx.jsonSchema, text ?? { type: 'string' });
    },
  }) as JsonSchema;
  const { $schema, ...rest } = body;
  return { $schema, ...head, ...rest };
}

function isDate(s: z.core.$ZodType): boolean {
  const def = (s as unknown as { _zod: { def: { type: string; in?: z.core.$ZodType } } })._zod.def;
  return def.type === 'date' || (def.type === 'pipe' && def.in !== undefined && isDate(def.in));
}
