/**
 * The checks of a resolved model before it is evaluated: every key has
 * something to split by, for every year it is used (reported at the line of
 * the component), and the amounts are small enough to compute exactly to
 * the öre.
 */
import { AndelError, InputError, ProblemList, t } from '../../models/errors.js';
import { keyWeights } from '../../models/evaluate.js';
import { EXACT_SUM_LIMIT, schemeMagnitude } from '../../models/magnitude.js';
import { Dec } from '../../models/money.js';
import { type Component, type SchemeModel, keyCounts, keyForYear } from '../../models/scheme.js';
import type { YamlPath } from '../yaml-source.js';
import { formatCount } from '../count.js';
import type { SchemeContext } from './context.js';
import { describePath } from './describe-path.js';
import type { ResolveInputs } from './inputs.js';

/**
 * Every key of the model has something to split by, for every year it is
 * used: the same weights the evaluation will compute, computed once here so
 * that a missing population or user count, or a key whose weights are all
 * zero, is reported at the line of the component rather than as a bare
 * message from the middle of a computation.
 */
export function checkKeysSplit(
  ctx: Pick<SchemeContext, 'def' | 'file' | 'at'>,
  options: { readonly model: SchemeModel; readonly usersFiles: ResolveInputs['usersFiles'] },
): void {
  const { def, file, at } = ctx;
  const { model, usersFiles } = options;
  const files = Object.entries(usersFiles ?? {}).map(([y, f]) => `${y}: ${f}`);
  const usersHint = files.length > 0 ? t(`Användarfiler: ${files.join('; ')}.`, `User files: ${files.join('; ')}.`) : undefined;
  const problems = new ProblemList();
  const index = new Map(def.components.map((c, i) => [c.id, i]));
  for (const c of model.components) {
    const i = index.get(c.id) ?? 0;
    const path: YamlPath = ['components', i, c.kind === 'per-unit' ? 'parties' : 'key'];
    const where = `${describePath(def, ['components', i])}`;
    const cases = c.kind === 'yearly-share' ? c.years.map((y) => ({ key: keyForYear(c.key, y), year: y as number | undefined })) : [{ key: c.key, year: undefined as number | undefined }];
    // A per-unit component of nobody's inhabitants is 0 kr for everyone; a split of an amount needs weights.
    const total = c.kind === 'share' ? c.total : c.kind === 'yearly-share' ? c.budget : 0;
    for (const { key, year } of cases) {
      try {
        const w = keyWeights(key, c.parties, model, c.id);
        if (total > 0 && c.parties.length > 0 && w.every((x) => BigInt(x) === 0n)) {
          problems.add(
            t(`${where}: alla vikter är noll${year !== undefined ? ` år ${year}` : ''} (${keyText(c)}), så ${c.label} kan inte fördelas`, `${where}: every weight is zero${year !== undefined ? ` in ${year}` : ''} (${keyText(c)}), so ${c.label} cannot be split`),
            { file, ...at(path) },
          );
        }
      } catch (e) {
        if (!(e instanceof AndelError)) throw e;
        const message = e instanceof InputError ? e.problems[0]!.message : t(e.describe('sv'), e.describe('en'));
        const aboutUsers = keyCounts(key, 'users') && /användare/.test(message.sv);
        problems.add(t(`${where}: ${message.sv}`, `${where}: ${message.en}`), { file, ...at(path), ...(aboutUsers && usersHint ? { hint: usersHint } : {}) });
      }
      if (!problems.ok) break;
    }
  }
  problems.throwIfAny('E_SCHEME');
}

/**
 * Amounts so large that their sums in öre would leave the integers a number
 * holds exactly (about 45 000 miljarder kr) are refused as input: computed,
 * they would end in an invariant error (exit 3) or, worse, an inexact figure.
 */
export function checkMagnitude(options: { readonly model: SchemeModel; readonly file: string; readonly overrides: Readonly<Record<string, string>> }): void {
  const { model, file, overrides } = options;
  const magnitude = schemeMagnitude(model);
  if (magnitude.lessThanOrEqualTo(EXACT_SUM_LIMIT)) return;
  const set = Object.keys(overrides);
  const kr = (ore: Dec) => formatCount(ore.dividedToIntegerBy(100).toFixed(0));
  throw InputError.of(
    t(
      `beloppen blir för stora för att räknas exakt på öret: upp till ${kr(magnitude)} kr i schemat, men högst ${kr(new Dec(EXACT_SUM_LIMIT))} kr går att räkna exakt`,
      `the amounts grow too large to compute exactly to the öre: up to ${kr(magnitude)} kr in the scheme, but at most ${kr(new Dec(EXACT_SUM_LIMIT))} kr can be computed exactly`,
    ),
    {
      file: set.length > 0 ? '--set' : file,
      hint: t(
        `Kontrollera värdena${set.length > 0 ? ` (${set.map((k) => `${k}=${overrides[k]}`).join(', ')})` : ''}: belopp anges i kronor, inte i öre.`,
        `Check the values${set.length > 0 ? ` (${set.map((k) => `${k}=${overrides[k]}`).join(', ')})` : ''}: amounts are given in kronor, not in öre.`,
      ),
    },
    'E_MAGNITUDE',
  );
}

function keyText(c: Component): string {
  const k = c.kind === 'per-unit' ? c.key : c.key;
  return k.kind === 'population' ? 'folkmängd' : k.kind === 'users' ? 'antal användare' : k.kind === 'equal' ? 'lika delar' : k.kind === 'weights' ? 'avtalade vikter' : 'en blandning av nycklar';
}
