/**
 * Numbers as a person writes them in a scheme file, a scenario or `--set`.
 */
import { type Text, t } from '../../models/errors.js';
import { Dec } from '../../models/money.js';

/**
 * A number as a person writes it in a scheme file, a scenario or `--set`:
 * `1500000`, `1 500 000` (spaces between groups of three), `9.75`, `9,75`.
 * A comma followed by exactly three digits (`1,500`) could be a thousands
 * separator or a decimal mark and is refused rather than guessed; so are
 * groups that are not of three digits (`1 50`).
 */
export function parseWrittenNumber(text: string): { ok: true; value: Dec; decimals: number } | { ok: false; message: Text; hint?: Text } {
  const s = text.trim().replace(/\u2212/g, '-');
  const m = /^([+-]?)(\d{1,3}(?:[ \u00a0\u202f\u2009]\d{3})+|\d+)(?:([.,])(\d+))?$/.exec(s);
  if (m === null) return { ok: false, message: t('är inte ett tal', 'is not a number') };
  const [, sign, whole, mark, decimals] = m;
  if (mark === ',' && decimals!.length === 3 && !/\s/.test(whole!)) {
    return {
      ok: false,
      message: t('är tvetydigt: kommat kan vara tusentalsavgränsare eller decimaltecken', 'is ambiguous: the comma may be a thousands separator or a decimal mark'),
      hint: t(`Skriv ${whole}${decimals} för ett heltal eller ${whole}.${decimals} med punkt som decimaltecken.`, `Write ${whole}${decimals} for a whole number or ${whole}.${decimals} with a point as the decimal mark.`),
    };
  }
  return { ok: true, value: new Dec(`${sign}${whole!.replace(/\D/g, '')}${decimals !== undefined ? `.${decimals}` : ''}`), decimals: decimals?.length ?? 0 };
}
