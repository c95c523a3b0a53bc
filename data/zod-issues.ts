/**
 * Zod's validation issues in the words a user can act on. Zod says of a
 * misspelt cap policy only "Ogiltig input" (no branch of a union matched)
 * and of an unknown key only its name; here every issue is turned into a
 * problem that says what is allowed at that place (the values of an enum or
 * a literal, the kinds of a discriminated union, the keys of a map, the
 * forms a union takes) and, where a known name is a few letters away, which
 * one was meant. The schema itself is read for what the issue does not
 * carry (the keys an object has, the forms of a union), so every file
 * validated with zod (schemes, scenarios, remiss files) says the same.
 */
import type * as z from 'zod';
import { type Text, t } from '../models/errors.js';
import { didYouMean, nameList } from '../models/did-you-mean.js';
import type { YamlPath } from './yaml-source.js';

type Issue = z.core.$ZodIssue;
type Schema = z.core.$ZodType;

/** One issue as a user reads it: where, what, and (for an unknown key) the key to point at. */
export interface ExplainedIssue {
  readonly path: YamlPath;
  /** The message, without the name of the place (the caller puts that first). */
  readonly message: Text;
  readonly hint?: Text;
  /** For an unknown key: the key, so the problem points at it rather than at its map. */
  readonly key?: string;
}

/**
 * Explains zod's issues (the same validation run with the Swedish and the
 * English locale, so `sv[k]` and `en[k]` are the same issue) against the
 * data they are about and the schema that found them.
 */
export function explainIssues(schema: Schema, data: unknown, sv: readonly Issue[], en: readonly Issue[]): ExplainedIssue[] {
  return sv.flatMap((issue, k) => explain(schema, data, issue, en[k] ?? issue, []));
}

function explain(schema: Schema, data: unknown, sv: Issue, en: Issue, prefix: YamlPath): ExplainedIssue[] {
  const path: YamlPath = [...prefix, ...sv.path.map((p) => (typeof p === 'symbol' ? String(p) : p))];
  const value = valueAt(data, path);
  switch (sv.code) {
    case 'unrecognized_keys': {
      const known = objectKeysAt(schema, path, value);
      return sv.keys.map((key) => {
        const near = didYouMean(key, known);
        return {
          path,
          key,
          message: t(`okänd nyckel "${key}".${near.sv}`, `unknown key "${key}".${near.en}`),
          ...(known.length > 0 ? { hint: t(`Tillåtna nycklar här: ${known.join(', ')}.`, `Keys allowed here: ${known.join(', ')}.`) } : {}),
        };
      });
    }
    case 'invalid_value':
      return [notAllowed(path, value, sv.values.map(String))];
    case 'invalid_union': {
      // A discriminated union names its discriminator's values: no branch was tried.
      const options = 'options' in sv ? sv.options : undefined;
      if (sv.errors.length === 0 && options !== undefined) return [notAllowed(path, value, options.map(String))];
      const enErrors = en.code === 'invalid_union' ? en.errors : [];
      const branch = closestBranch(sv.errors, value);
      if (branch !== undefined) {
        return sv.errors[branch]!.flatMap((issue, j) => explain(schema, data, issue, enErrors[branch]?.[j] ?? issue, path));
      }
      return [unionForms(schema, path, value)];
    }
    case 'invalid_type':
      // A required key left out: zod says "expected string, received undefined".
      if (value === undefined && path.length > 0 && isMapAt(data, path.slice(0, -1))) {
        return [{ path, message: t('saknas (ska anges)', 'is missing (required)') }];
      }
      return [{ path, message: t(sv.message, en.message) }];
    default:
      return [{ path, message: t(sv.message, en.message) }];
  }
}

/** A value that is not one of the allowed ones: the allowed ones, and the closest if it looks misspelt. */
function notAllowed(path: YamlPath, value: unknown, allowed: readonly string[]): ExplainedIssue {
  const written = typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? `"${String(value)}"` : undefined;
  const near = typeof value === 'string' ? didYouMean(value, allowed) : t('', '');
  const list = nameList(allowed);
  return {
    path,
    message: t(
      `${written ?? 'värdet'} är inte tillåtet här; tillåtet är ${list.sv}.${near.sv}`,
      `${written ?? 'the value'} is not allowed here; allowed: ${list.en}.${near.en}`,
    ),
  };
}

/**
 * For a map written where a union takes several forms: the branch it was
 * meant as (the fewest issues among the branches that take a map), whose
 * issues are then explained. Undefined for a value that is no map, or when
 * no branch takes one: the forms are listed instead.
 */
function closestBranch(branches: readonly (readonly Issue[])[], value: unknown): number | undefined {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
  let best: number | undefined;
  branches.forEach((issues, i) => {
    // A branch that refuses the value itself (a string, an enum, a union of those) was not meant for a map;
    // one meant for it finds fault with its keys only.
    if (issues.some((x) => x.path.length === 0 && x.code !== 'unrecognized_keys')) return;
    if (best === undefined || issues.length < branches[best]!.length) best = i;
  });
  return best;
}

/** A value that fits none of a union's forms: the forms, and the closest allowed value if it looks misspelt. */
function unionForms(schema: Schema, path: YamlPath, value: unknown): ExplainedIssue {
  const forms = alternativesAt(schema, path);
  const values = [...new Set(forms.flatMap(literalValues))];
  const shapes = uniqueTexts(forms.flatMap((s) => (literalValues(s).length > 0 ? [] : [formText(s)])));
  if (values.length > 0 && typeof value === 'string') {
    const near = didYouMean(value, values);
    const all = [...values, ...shapes.map((s) => s.sv)];
    const allEn = [...values, ...shapes.map((s) => s.en)];
    return {
      path,
      message: t(`"${value}" är inte tillåtet här; tillåtet är ${nameList(all).sv}.${near.sv}`, `"${value}" is not allowed here; allowed: ${nameList(allEn).en}.${near.en}`),
    };
  }
  const all = [...values.map((v) => t(`"${v}"`, `"${v}"`)), ...shapes];
  return {
    path,
    message: t(`ska vara ${nameList(all.map((x) => x.sv)).sv}`, `must be ${nameList(all.map((x) => x.en)).en}`),
  };
}

function uniqueTexts(texts: readonly Text[]): Text[] {
  const seen = new Set<string>();
  return texts.filter((x) => (seen.has(x.sv) ? false : (seen.add(x.sv), true)));
}

// ---------------------------------------------------------------------------
// Reading the schema: the forms a value may take at a path.

interface Def {
  readonly type: string;
  readonly [key: string]: unknown;
}

function defOf(s: Schema): Def {
  return (s as unknown as { _zod: { def: Def } })._zod.def;
}

/** The schema without its wrappers (optional, default, a transform's input, a lazy reference). */
function unwrap(s: Schema): Schema {
  for (let k = 0; k < 32; k++) {
    const def = defOf(s);
    if (['optional', 'nullable', 'default', 'prefault', 'readonly', 'catch', 'nonoptional'].includes(def.type)) s = def.innerType as Schema;
    else if (def.type === 'pipe') s = def.in as Schema;
    else if (def.type === 'lazy') s = (def.getter as () => Schema)();
    else return s;
  }
  return s;
}

/** Every form a value of `s` may take: the options of a union, each unwrapped. */
function alternatives(s: Schema, depth = 0): Schema[] {
  const u = unwrap(s);
  const def = defOf(u);
  if (def.type === 'union' && depth < 8) return (def.options as Schema[]).flatMap((o) => alternatives(o, depth + 1));
  return [u];
}

/** The forms a value may take at `path`. */
function alternativesAt(root: Schema, path: YamlPath): Schema[] {
  let here = alternatives(root);
  for (const seg of path) {
    here = here.flatMap((s): Schema[] => {
      const def = defOf(s);
      if (def.type === 'object' && typeof seg === 'string') {
        const shape = def.shape as Record<string, Schema>;
        return Object.hasOwn(shape, seg) ? alternatives(shape[seg]!) : [];
      }
      if (def.type === 'record') return alternatives(def.valueType as Schema);
      if (def.type === 'array' && typeof seg === 'number') return alternatives(def.element as Schema);
      return [];
    });
  }
  return here;
}

/** The keys of the map at `path`: of the form the written map shares most keys with. */
function objectKeysAt(root: Schema, path: YamlPath, value: unknown): string[] {
  const objects = alternativesAt(root, path).filter((s) => defOf(s).type === 'object');
  const written = value !== null && typeof value === 'object' ? Object.keys(value) : [];
  let best: { keys: string[]; shared: number } | undefined;
  for (const o of objects) {
    const keys = Object.keys(defOf(o).shape as object);
    const shared = written.filter((k) => keys.includes(k)).length;
    if (best === undefined || shared > best.shared) best = { keys, shared };
  }
  return best?.keys ?? [];
}

/** The values an enum or a literal allows; none for any other form. */
function literalValues(s: Schema): string[] {
  const def = defOf(s);
  if (def.type === 'enum') return Object.values(def.entries as Record<string, string | number>).map(String);
  if (def.type === 'literal') return (def.values as unknown[]).map(String);
  return [];
}

/** A form in words: `text`, `ett tal`, `en lista`, `{ param: … }`. */
function formText(s: Schema): Text {
  const def = defOf(s);
  switch (def.type) {
    case 'string':
      return t('text', 'text');
    case 'number':
    case 'int':
      return t('ett tal', 'a number');
    case 'boolean':
      return t('true eller false', 'true or false');
    case 'array':
      return t('en lista', 'a list');
    case 'record':
      return t('en karta', 'a map');
    case 'date':
      return t('ett datum', 'a date');
    case 'object': {
      const shape = def.shape as Record<string, Schema>;
      const required = Object.keys(shape).filter((k) => !['optional', 'default'].includes(defOf(shape[k]!).type));
      const keys = required.length > 0 ? required : Object.keys(shape).slice(0, 1);
      const text = `{ ${keys.map((k) => `${k}: …`).join(', ')} }`;
      return t(text, text);
    }
    default:
      return t(def.type, def.type);
  }
}

/** Whether the value at `path` is a map. */
function isMapAt(data: unknown, path: YamlPath): boolean {
  const v = valueAt(data, path);
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** The value at `path` in plain data, or undefined. */
function valueAt(data: unknown, path: YamlPath): unknown {
  let node = data;
  for (const p of path) {
    if (node === null || typeof node !== 'object' || !Object.hasOwn(node, p)) return undefined;
    node = (node as Record<string | number, unknown>)[p];
  }
  return node;
}

