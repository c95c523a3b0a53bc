/**
 * How large the money figures of a scheme can get, so that a search (goal
 * seek, the solver) never evaluates a scheme whose sums of öre leave the
 * integers a `number` holds exactly: such an evaluation would not be exact,
 * or would end in an invariant error instead of an answer.
 */
import { Dec } from './money.js';
import type { SchemeModel } from './scheme.js';

/**
 * Every money sum an evaluation forms stays at or below this many öre
 * (2^52, about 45 000 miljarder kr), half of what a `number` holds exactly:
 * {@link schemeMagnitude} bounds every sum it knows of, and the factor two
 * keeps any sum it does not (a party's figure over several components, a
 * difference such as the surplus) exact too.
 */
export const EXACT_SUM_LIMIT = 2 ** 52;

/**
 * An upper bound, in öre, of every money figure an evaluation of the scheme
 * forms: the sum of every component's gross amount (a share's total and its
 * floors; rate × units for a per-unit component, with a unit of rounding per
 * party; every year's budget for a yearly split) and the financing's cost and
 * revenue. Every party's amount, every total, what caps hold back, carry or
 * leave uncovered, and the surplus are at most this in size. Computed from
 * the model alone, in exact decimals, so it never overflows itself.
 */
export function schemeMagnitude(model: SchemeModel): Dec {
  const population = new Map(model.parties.map((p) => [p.code, p.population ?? 0]));
  let m = new Dec(0);
  for (const c of model.components) {
    if (c.kind === 'per-unit') {
      const units = c.parties.reduce((s, code) => s + (population.get(code) ?? 0), 0);
      m = m.plus(c.rate.abs().times(100).times(units)).plus(c.parties.length * model.unit);
    } else if (c.kind === 'share') {
      m = m.plus(c.total);
      for (const f of Object.values(c.floors ?? {})) m = m.plus(f);
    } else {
      let budget = new Dec(c.budget);
      c.years.forEach((_, k) => {
        if (k > 0) budget = budget.times(c.index.plus(1));
        m = m.plus(budget.abs()).plus(model.unit);
      });
    }
  }
  if (model.financing) m = m.plus(Math.abs(model.financing.cost)).plus(Math.abs(model.financing.revenue));
  return m;
}
