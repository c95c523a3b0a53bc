/**
 * The agreement's own terms as the model takes them: the financing the
 * scheme must raise (cost and revenue) and the contract's timing.
 */
import type { SchemeModel } from '../../models/scheme.js';
import type { FieldValues } from './parameters.js';
import type { SchemeFile } from './schema.js';

/** The financing in öre, or undefined when the scheme has none (or an amount has no value). */
export function resolveFinancing(def: SchemeFile, values: FieldValues): SchemeModel['financing'] {
  if (!def.financing) return undefined;
  const cost = values.ore(def.financing.cost.amount);
  const revenue = values.ore(def.financing.revenue.amount);
  if (cost === undefined || revenue === undefined) return undefined;
  return {
    cost, revenue,
    ...(def.financing.cost.label ? { costLabel: def.financing.cost.label } : {}),
    ...(def.financing.revenue.label ? { revenueLabel: def.financing.revenue.label } : {}),
    ...(def.financing.period ? { period: def.financing.period } : {}),
  };
}

/** The contract's start, length in years, notice and condition, or undefined when the scheme has none. */
export function resolveContract(def: SchemeFile, values: FieldValues): SchemeModel['contract'] {
  if (!def.contract) return undefined;
  const y = def.contract.years !== undefined ? values.dec(def.contract.years) : undefined;
  return {
    start: def.contract.start,
    ...(y ? { years: y.toNumber() } : {}),
    ...(def.contract.noticeMonths ? { noticeMonths: def.contract.noticeMonths } : {}),
    ...(def.contract.condition ? { condition: def.contract.condition } : {}),
  };
}
