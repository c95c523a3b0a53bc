/** `andel timeline <scheme> [--notice-date D]`: the agreement's dates, and what is due until it ends. */
import { caveatText } from '../../models/scheme.js';
import { loadScheme } from '../../data/load-scheme.js';
import { evaluateScheme } from '../../models/evaluate.js';
import { oreToDecimalString } from '../../models/money.js';
import { agreementEvents, noticeOutcome, paymentYears, paymentsDue } from '../../models/timeline.js';
import { formatDate, formatKronor } from '../../reports/format.js';
import { type SchemeCliOptions, schemeOptions } from '../options.js';
import type { CliContext } from '../run.js';
import { warnShortfalls } from '../warnings.js';

/** Prints a scheme's dates and, with a notice date, when it ends and what is due until then. */
export async function timeline(ctx: CliContext, scheme: string, opts: SchemeCliOptions & { format: 'text' | 'json'; noticeDate?: string }): Promise<void> {
  const { model } = await loadScheme(scheme, { ...schemeOptions(opts), omitIncomplete: true });
  const result = evaluateScheme(model);
  warnShortfalls(ctx, result);
  const notice = opts.noticeDate ? noticeOutcome(model, opts.noticeDate) : undefined;
  const events = agreementEvents(model, notice);
  const range = paymentYears(result, notice);
  const due = range ? paymentsDue(result, range.fromYear, range.toYear) : [];
  const componentIds = model.components.map((c) => c.id);

  if (opts.format === 'json') {
    ctx.out(
      JSON.stringify(
        {
          scheme: model.id,
          ...(notice ? { notice: { date: notice.date, endsOn: notice.endsOn, paymentYears: [notice.fromYear, notice.toYear] } } : {}),
          events,
          payments: due.map((p) => ({
            code: p.code,
            name: p.name,
            years: p.years.map((y) => ({ year: y.year, ...Object.fromEntries(Object.entries(y.amounts).map(([k, v]) => [k, oreToDecimalString(v)])), total: oreToDecimalString(y.total) })),
            total: oreToDecimalString(p.total),
          })),
          caveats: (model.caveats ?? []).map(caveatText),
        },
        null,
        2,
      ) + '\n',
    );
    return;
  }
  const out: string[] = [model.title, ''];
  for (const c of model.caveats ?? []) out.push(`OBS: ${caveatText(c)}`);
  if (model.caveats?.length) out.push('');
  if (notice) out.push(`Uppsägning ${formatDate(notice.date)}: överenskommelsen upphör ${formatDate(notice.endsOn)}. Betalningar ${notice.fromYear}–${notice.toYear}:`, '');
  out.push('Datum');
  for (const e of events) out.push(`  ${e.date}  ${e.label}`);
  out.push('');
  if (due.length > 0) {
    const years = [...new Set(due.flatMap((p) => p.years.map((y) => y.year)))].sort();
    out.push(`Betalningar per part och år (${componentIds.join(' + ')})`);
    const head = ['Kod', 'Part', ...years.map(String), 'Summa'];
    const rows = due.map((p) => [p.code, p.name, ...years.map((y) => formatKronor(p.years.find((x) => x.year === y)?.total ?? 0, { decimals: model.unit % 100 === 0 ? 'auto' : 2 })), formatKronor(p.total, { decimals: model.unit % 100 === 0 ? 'auto' : 2 })]);
    const widths = head.map((_, i) => Math.max(...[head, ...rows].map((r) => r[i]!.length)));
    const fmt = (r: string[]) => r.map((c, i) => (i < 2 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
    out.push(fmt(head), ...rows.map(fmt));
  }
  ctx.out(out.join('\n').replaceAll('\u00a0', ' ') + '\n');
}
