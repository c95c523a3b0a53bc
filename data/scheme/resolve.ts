/**
 * From a checked scheme definition to a {@link SchemeModel} ready to
 * evaluate, in steps: parameters get their values (the file's defaults,
 * overridden by `--set`), parties their populations (`parties.ts`),
 * components their values, keys and parties (`components.ts`), users-keyed
 * components their counts (`users.ts`); then the model is checked
 * (`validate.ts`). Pure: the loader (`data/load-scheme.ts`) reads the files.
 * Every problem names the line of the scheme file it is about.
 */
import { InputError, ProblemList } from '../../models/errors.js';
import type { Caveat, SchemeModel } from '../../models/scheme.js';
import { resolveContract, resolveFinancing } from './agreement.js';
import { checkSchemeDefinition } from './check-definition.js';
import { resolveComponents } from './components.js';
import { schemeContext } from './context.js';
import type { ResolveInputs } from './inputs.js';
import { baseParametersOf, derivedInWords, resolveDerivedParameters } from './derived.js';
import { fieldValues, resolveParameters } from './parameters.js';
import { schemeSourceOf } from './parse.js';
import { partyListText, resolveParties } from './parties.js';
import { schemeProvenance } from './provenance.js';
import type { SchemeFile } from './schema.js';
import { declaredUsers, referenceYear, resolveUsers } from './users.js';
import { checkKeysSplit, checkMagnitude } from './validate.js';
import { parseWrittenNumber } from './written-number.js';

// A definition built in code has no file to point into: it is checked as a
// whole once, the first time it is resolved.
const checkedInMemory = new WeakSet<SchemeFile>();

/**
 * Resolves a scheme file into a model ready to evaluate. Collects every
 * problem (unknown override, missing value, a party the file does not have,
 * a weight or a user count missing, nothing to split by) before failing,
 * each with the line of the scheme file it is about.
 *
 * @throws InputError with every problem found.
 */
export function resolveScheme(def: SchemeFile, inputs: ResolveInputs = {}): SchemeModel {
  const source = schemeSourceOf(def);
  const file = inputs.file ?? source?.file ?? `${def.id}.yaml`;
  if (source === undefined && !checkedInMemory.has(def)) {
    const found = checkSchemeDefinition(def, { file });
    if (found.length > 0) throw new InputError(found, { code: 'E_SCHEME' });
    checkedInMemory.add(def);
  }
  const ctx = schemeContext({ def, file, source, problems: new ProblemList() });
  const missing = new Set<string>();
  const overrides = inputs.overrides ?? {};
  const params = resolveParameters(ctx, { overrides, missing: inputs.omitIncomplete ? missing : undefined });
  // The rounding unit was checked with the definition: a positive whole number of öre.
  const unit = parseWrittenNumber(def.rounding);
  const unitOre = unit.ok ? unit.value.times(100).toNumber() : 1;
  resolveDerivedParameters(ctx, { params, overrides, missing: inputs.omitIncomplete ? missing : undefined, unitOre });
  ctx.problems.throwIfAny('E_PARAM');
  const values = fieldValues(params);

  const caveats: Caveat[] = [...(inputs.caveats ?? [])];
  const parties = resolveParties(ctx, { inputs, caveats });
  const partyUsers = declaredUsers(def, values);
  const { components, usersNeeded } = resolveComponents(ctx, {
    parties,
    values,
    users: inputs.users,
    partyUsers,
    referenceYear: referenceYear(def),
    missing,
    caveats,
  });
  const users = resolveUsers(ctx, { needs: usersNeeded, inputs, partyUsers, caveats });
  const financing = resolveFinancing(def, values);
  const contract = resolveContract(def, values);
  // In the order of the file: line, then column (problems of options, without a line, first).
  ctx.problems.problems.sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || Number(a.column ?? 0) - Number(b.column ?? 0));
  ctx.problems.throwIfAny('E_SCHEME');

  if (inputs.usersExample) caveats.unshift({
      reader: 'Antal användare är EXEMPELDATA, inte uppmätta antal: belopp som fördelas efter antal användare är räkneexempel.',
      operator: 'Ange verkliga antal med --users ÅR=FIL.',
    });
  // First of all: the whole scheme is an example (a worked example in the README), not an agreement.
  if (def.example !== undefined) caveats.unshift({ reader: `RÄKNEEXEMPEL, inget avtal: ${def.example}` });

  const derived = Object.entries(def.parameters).flatMap(([name, p]) =>
    p.expr !== undefined && params.has(name) ? [[name, { label: p.label, type: p.type, expr: p.expr, words: derivedInWords(def, name) ?? p.expr, from: baseParametersOf(def, name) }] as const] : [],
  );
  const model: SchemeModel = {
    id: def.id,
    title: def.title,
    summary: def.summary,
    currency: 'SEK',
    unit: unitOre,
    parties: parties.parties,
    partyList: partyListText(parties),
    components,
    ...(financing ? { financing } : {}),
    dates: [...def.dates].sort((a, b) => a.date.localeCompare(b.date)),
    provenance: schemeProvenance(def, inputs),
    ...(users ? { users } : {}),
    ...(parties.splits.length > 0 ? { splits: parties.splits } : {}),
    ...(caveats.length > 0 ? { caveats } : {}),
    parameters: Object.fromEntries(Object.keys(def.parameters).flatMap((k) => (params.has(k) ? [[k, params.get(k)!.text]] : []))),
    ...(derived.length > 0 ? { derived: Object.fromEntries(derived) } : {}),
    notes: def.notes,
    ...(contract ? { contract } : {}),
  };
  checkKeysSplit(ctx, { model, usersFiles: inputs.usersFiles });
  checkMagnitude({ model, file, overrides });
  return model;
}
