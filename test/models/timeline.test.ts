// Contract timing: dates checked, months added with the day clamped, the end
// of an agreement that is ended "till varje årsskifte med 12 månaders
// uppsägningstid" (capped by the contract's last year), the agreement's
// events, and what each party pays until then.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadScheme } from '../../data/load-scheme.js';
import { InputError } from '../../models/errors.js';
import { evaluateScheme } from '../../models/evaluate.js';
import { Dec } from '../../models/money.js';
import type { SchemeModel } from '../../models/scheme.js';
import { addMonths, agreementEvents, endAfterNotice, noticeOutcome, parseIsoDate, paymentYears, paymentsDue } from '../../models/timeline.js';

describe('parseIsoDate', () => {
  it.each([
    ['2023-03-15', [2023, 3, 15]],
    ['2024-02-29', [2024, 2, 29]],
    ['2000-02-29', [2000, 2, 29]],
    ['2023-12-31', [2023, 12, 31]],
    ['0001-01-01', [1, 1, 1]],
  ])('%s is a date', (iso, parts) => {
    expect(parseIsoDate(iso)).toEqual(parts);
  });

  it.each(['2023-02-29', '1900-02-29', '2100-02-29', '2023-04-31', '2023-13-01', '2023-00-10', '2023-01-00', '2023-1-01', '23-01-01', ' 2023-01-01', '2023-01-01T00:00', '2023/01/01', ''])(
    '%j is refused',
    (iso) => {
      expect(() => parseIsoDate(iso)).toThrow(InputError);
    },
  );

  it('names what was given and where, in both languages, with the code E_DATE', () => {
    try {
      parseIsoDate('2023-02-30', '--notice-date');
      throw new Error('expected an InputError');
    } catch (e) {
      expect(e).toBeInstanceOf(InputError);
      expect((e as InputError).code).toBe('E_DATE');
      expect((e as InputError).describe('sv')).toBe('--notice-date "2023-02-30" är inte ett giltigt datum (ÅÅÅÅ-MM-DD)');
      expect((e as InputError).describe('en')).toBe('--notice-date "2023-02-30" is not a valid date (YYYY-MM-DD)');
    }
  });
});

describe('addMonths: whole months, the day clamped to the month', () => {
  it.each([
    ['2023-03-15', 12, '2024-03-15'],
    ['2023-01-31', 1, '2023-02-28'],
    ['2024-01-31', 1, '2024-02-29'],
    ['2024-02-29', 12, '2025-02-28'],
    ['2024-02-29', 48, '2028-02-29'],
    ['2023-08-31', 1, '2023-09-30'],
    ['2023-11-30', 3, '2024-02-29'],
    ['2023-12-15', 1, '2024-01-15'],
    ['2023-03-15', 0, '2023-03-15'],
    ['2023-01-15', -1, '2022-12-15'],
    ['2023-03-31', -1, '2023-02-28'],
    ['2024-03-31', -13, '2023-02-28'],
  ])('%s + %d months = %s', (date, months, expected) => {
    expect(addMonths(date, months)).toBe(expected);
  });

  it('refuses an impossible date', () => {
    expect(() => addMonths('2023-02-30', 1)).toThrow(InputError);
  });
});

describe('endAfterNotice: the first year-end on or after the notice period has run', () => {
  it.each([
    // The Stockholm agreement: notice on 15 March 2023, 12 months to a year-end.
    ['2023-03-15', 12, '2024-12-31'],
    ['2023-01-01', 12, '2024-12-31'],
    // The notice period ends on a year-end itself: the agreement ends that day.
    ['2023-12-31', 12, '2024-12-31'],
    ['2024-01-01', 12, '2025-12-31'],
    ['2024-02-29', 12, '2025-12-31'],
    ['2023-06-30', 6, '2023-12-31'],
    ['2023-07-01', 6, '2024-12-31'],
    ['2023-03-15', 0, '2023-12-31'],
    ['2023-03-15', 24, '2025-12-31'],
  ])('notice on %s with %d months ends on %s', (notice, months, end) => {
    expect(endAfterNotice(notice, months)).toBe(end);
  });

  it('refuses an impossible notice date', () => {
    expect(() => endAfterNotice('2023-02-29', 12)).toThrow(InputError);
  });
});

/** A valid ISO date from 1900 to 2199, leap days included. */
const isoDate = fc.date({ min: new Date(Date.UTC(1900, 0, 1)), max: new Date(Date.UTC(2199, 11, 31)), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));

describe('timing properties', () => {
  it('addMonths moves the month by exactly n and keeps the day where the month has it', () => {
    fc.assert(
      fc.property(isoDate, fc.integer({ min: -240, max: 240 }), (date, n) => {
        const [y, m, d] = parseIsoDate(date);
        const moved = addMonths(date, n);
        const [y2, m2, d2] = parseIsoDate(moved);
        expect(y2 * 12 + m2 - (y * 12 + m)).toBe(n);
        expect(d2 <= d).toBe(true);
        // Clamped only at the month's end: the next day would be in another month.
        if (d2 < d) expect(() => parseIsoDate(`${moved.slice(0, 8)}${String(d2 + 1).padStart(2, '0')}`)).toThrow(InputError);
      }),
      { seed: 20_230_315, numRuns: 2000 },
    );
  });

  it('endAfterNotice is a 31 December, on or after the notice period, and less than a year after it', () => {
    fc.assert(
      fc.property(isoDate, fc.integer({ min: 0, max: 36 }), (notice, months) => {
        const earliest = addMonths(notice, months);
        const end = endAfterNotice(notice, months);
        expect(end.slice(4)).toBe('-12-31');
        expect(end >= earliest).toBe(true);
        expect(end.slice(0, 4)).toBe(earliest.slice(0, 4));
      }),
      { seed: 20_241_231, numRuns: 2000 },
    );
  });
});

describe('paymentsDue: each party’s scheduled payments between two years', () => {
  const scheme: SchemeModel = {
    id: 'test', title: 'Test', summary: '', currency: 'SEK', unit: 1, partyList: '', dates: [], provenance: [], parameters: {}, notes: {},
    parties: [
      { code: '0101', name: 'A-by', kind: 'kommun', population: 1 },
      { code: '0102', name: 'B-stad', kind: 'kommun', population: 2 },
    ],
    components: [
      { kind: 'share', id: 'lic', label: 'Licens', total: 10_00, key: { kind: 'equal' }, parties: ['0101', '0102'], years: [2021, 2022, 2023] },
      { kind: 'per-unit', id: 'avgift', label: 'Avgift', rate: new Dec(1), key: { kind: 'population' }, parties: ['0101', '0102'], year: 2022 },
    ],
  };
  const result = evaluateScheme(scheme);

  it('takes the years from–to inclusive, with each component’s amount and the year’s total', () => {
    expect(paymentsDue(result, 2022, 2023)).toEqual([
      {
        code: '0101',
        name: 'A-by',
        years: [
          { year: 2022, amounts: { lic: 1_67, avgift: 1_00 }, total: 2_67 },
          { year: 2023, amounts: { lic: 1_66 }, total: 1_66 },
        ],
        total: 4_33,
      },
      {
        code: '0102',
        name: 'B-stad',
        years: [
          { year: 2022, amounts: { lic: 1_67, avgift: 2_00 }, total: 3_67 },
          { year: 2023, amounts: { lic: 1_66 }, total: 1_66 },
        ],
        total: 3_33 + 2_00,
      },
    ]);
  });

  it('every year: the parties’ schedules in full; no year in range: nothing due', () => {
    expect(paymentsDue(result, 2000, 2100).map((p) => p.total)).toEqual(result.parties.map((p) => p.amount));
    expect(paymentsDue(result, 2030, 2031).map((p) => [p.years, p.total])).toEqual([
      [[], 0],
      [[], 0],
    ]);
    expect(paymentsDue(result, 2023, 2022).every((p) => p.total === 0)).toBe(true);
  });

  it('the Stockholm case: notice on 2023-03-15 ends the agreement on 2024-12-31; Huddinge pays 29 160,62 kr in 2023 and in 2024', async () => {
    const { model } = await loadScheme('sthlm-2020', { overrides: { 'licence.total': '1501577.88' } });
    const end = endAfterNotice('2023-03-15', model.contract!.noticeMonths!);
    expect(end).toBe('2024-12-31');
    const due = paymentsDue(evaluateScheme(model), 2023, Number(end.slice(0, 4)));
    const of = (code: string) => due.find((p) => p.code === code)!;
    expect(of('0126').years.map((y) => y.total)).toEqual([29_160_62, 29_160_62]);
    expect(of('0126').total).toBe(58_321_24);
    // The spare öre of an even spread go to the earliest years.
    expect(of('0136').years.map((y) => y.total)).toEqual([23_771_94, 23_771_93]);
    expect(of('0180').years.map((y) => y.amounts)).toEqual([
      { licence: 76_914_00, helpdesk: 174_250_00 },
      { licence: 76_914_00, helpdesk: 174_250_00 },
    ]);
    expect(of('01')).toMatchObject({ name: 'Region Stockholm', total: 5_650_000_00 });
  });
});

/** A scheme with nothing but its id, dates and contract: what the notice rule reads. */
const agreement = (contract: SchemeModel['contract'], dates: SchemeModel['dates'] = []) => ({ id: 'test', dates, contract });

describe('noticeOutcome: the end, capped by the contract’s last year, and the years paid for', () => {
  // sthlm-2020: start 2021-01-01, 8 years (last year 2028), 12 months' notice to a year-end.
  it('the Stockholm contract as the scheme file gives it', async () => {
    const { model } = await loadScheme('sthlm-2020', { omitIncomplete: true });
    expect(model.contract).toMatchObject({ start: '2021-01-01', years: 8, noticeMonths: 12 });
    expect(noticeOutcome(model, '2023-03-15')).toEqual({ date: '2023-03-15', endsOn: '2024-12-31', fromYear: 2023, toYear: 2024, months: 12 });
    // 12 months from 2028-03-15 run to 2029-03-15, the next year-end is 2029-12-31: the contract's last year-end comes first.
    expect(endAfterNotice('2028-03-15', 12)).toBe('2029-12-31');
    expect(noticeOutcome(model, '2028-03-15')).toEqual({ date: '2028-03-15', endsOn: '2028-12-31', fromYear: 2028, toYear: 2028, months: 12 });
  });

  const sthlm = agreement({ start: '2021-01-01', years: 8, noticeMonths: 12 });
  it.each([
    ['2023-03-15', '2024-12-31', 2023, 2024],
    // The notice period runs out on the last year-end itself: no cap needed.
    ['2027-12-31', '2028-12-31', 2027, 2028],
    ['2027-01-01', '2028-12-31', 2027, 2028],
    // From here on the notice period runs past the contract: the last year-end ends it.
    ['2028-01-01', '2028-12-31', 2028, 2028],
    ['2028-12-31', '2028-12-31', 2028, 2028],
  ])('notice on %s under an 8-year contract from 2021 ends on %s, paying %i–%i', (date, endsOn, fromYear, toYear) => {
    expect(noticeOutcome(sthlm, date)).toEqual({ date, endsOn, fromYear, toYear, months: 12 });
  });

  it('a contract without a length is not capped; a short one ends before notice is given, and nothing is paid', () => {
    expect(noticeOutcome(agreement({ start: '2021-01-01', noticeMonths: 12 }), '2040-06-01')).toMatchObject({ endsOn: '2041-12-31', fromYear: 2040, toYear: 2041 });
    expect(noticeOutcome(agreement({ start: '2021-01-01', years: 3, noticeMonths: 12 }), '2028-03-15')).toMatchObject({ endsOn: '2023-12-31', fromYear: 2028, toYear: 2023 });
  });

  it('refuses notice where the scheme has no notice rule, naming the option, in both languages, with the code E_OPTION', async () => {
    const { model } = await loadScheme('vgr-2022', { omitIncomplete: true });
    expect(model.contract).toBeUndefined();
    const refusal = (m: Parameters<typeof noticeOutcome>[0], option?: string) => {
      try {
        noticeOutcome(m, '2023-01-01', option);
      } catch (e) {
        expect(e).toBeInstanceOf(InputError);
        return e as InputError;
      }
      throw new Error('expected an InputError');
    };
    const e = refusal(model);
    expect(e.code).toBe('E_OPTION');
    expect(e.describe('sv')).toBe('--notice-date: schemat vgr-2022 har ingen uppsägningsregel (contract.noticeMonths)');
    expect(e.describe('en')).toBe('--notice-date: scheme vgr-2022 has no notice rule (contract.noticeMonths)');
    expect(refusal(model, 'notice').problems[0]!.file).toBe('notice');
    // A contract without notice months, or with none, has no rule either.
    expect(refusal(agreement({ start: '2021-01-01', years: 8 })).code).toBe('E_OPTION');
    expect(refusal(agreement({ start: '2021-01-01', years: 8, noticeMonths: 0 })).code).toBe('E_OPTION');
  });

  it('checks the date before the rule: an impossible date is E_DATE, named by the option', () => {
    expect(() => noticeOutcome(agreement(undefined), '2023-02-30')).toThrow(/--notice-date "2023-02-30"/);
    try {
      noticeOutcome(agreement(undefined), '2023-02-30', 'notice');
      throw new Error('expected an InputError');
    } catch (e) {
      expect((e as InputError).code).toBe('E_DATE');
      expect((e as InputError).describe('en')).toBe('notice "2023-02-30" is not a valid date (YYYY-MM-DD)');
    }
  });

  it('ends on a 31 December: the notice period’s, or the contract’s last if earlier; pays from the notice year', () => {
    fc.assert(
      fc.property(isoDate, fc.integer({ min: 1900, max: 2199 }), fc.option(fc.integer({ min: 1, max: 30 }), { nil: undefined }), fc.integer({ min: 1, max: 36 }), (date, startYear, years, months) => {
        const o = noticeOutcome(agreement({ start: `${startYear}-01-01`, years, noticeMonths: months }), date);
        const endYear = Number(endAfterNotice(date, months).slice(0, 4));
        expect(o.fromYear).toBe(Number(date.slice(0, 4)));
        expect(o.toYear).toBe(years === undefined ? endYear : Math.min(endYear, startYear + years - 1));
        expect(o.endsOn).toBe(`${o.toYear}-12-31`);
        expect(o.months).toBe(months);
      }),
      { seed: 20_281_231, numRuns: 1000 },
    );
  });
});

describe('agreementEvents: the scheme’s dates, notice, end and start, by date, each once', () => {
  it('sthlm-2020 with notice on 2028-03-15: the deadline, the start with its condition, the notice, the capped end', async () => {
    const { model } = await loadScheme('sthlm-2020', { omitIncomplete: true });
    const events = agreementEvents(model, noticeOutcome(model, '2028-03-15'));
    expect(events.map((e) => [e.date, e.kind])).toEqual([
      ['2020-10-07', 'deadline'],
      ['2021-01-01', 'start'],
      ['2028-03-15', 'notice'],
      ['2028-12-31', 'end'],
    ]);
    expect(events[1]!.label).toBe(`Avtalsstart (villkor: ${model.contract!.condition})`);
    expect(events[2]!.label).toBe('Uppsägning (12 månaders uppsägningstid, till årsskifte)');
    expect(events[3]!.label).toBe('Överenskommelsen upphör');
    // Without notice: the scheme's dates and the start.
    expect(agreementEvents(model).map((e) => e.kind)).toEqual(['deadline', 'start']);
  });

  it('no contract: the scheme’s dates only, sorted', async () => {
    const { model } = await loadScheme('vgr-2022', { omitIncomplete: true });
    const dates = agreementEvents(model).map((e) => e.date);
    expect(dates).toEqual(['2022-08-31', '2022-10-07', '2022-12-20', '2022-12-31', '2023-03-31']);
    expect(agreementEvents({ dates: [], contract: undefined })).toEqual([]);
  });

  it('leaves out an event with the date and label of an earlier one; same-day events keep their order', () => {
    const m = agreement({ start: '2021-01-01', years: 8, noticeMonths: 12 }, [
      { date: '2024-12-31', kind: 'deadline', label: 'Överenskommelsen upphör' },
      { date: '2022-05-01', kind: 'due', label: 'Betalning' },
      { date: '2022-05-01', kind: 'due', label: 'Betalning' },
      { date: '2022-05-01', kind: 'invoice', label: 'Faktura' },
      { date: '2021-01-01', kind: 'deadline', label: 'Avtalsstart' },
    ]);
    expect(agreementEvents(m, noticeOutcome(m, '2023-03-15'))).toEqual([
      { date: '2021-01-01', kind: 'deadline', label: 'Avtalsstart' },
      { date: '2022-05-01', kind: 'due', label: 'Betalning' },
      { date: '2022-05-01', kind: 'invoice', label: 'Faktura' },
      { date: '2023-03-15', kind: 'notice', label: 'Uppsägning (12 månaders uppsägningstid, till årsskifte)' },
      // The scheme's own end date stands; the notice's end with the same date and label is not repeated.
      { date: '2024-12-31', kind: 'deadline', label: 'Överenskommelsen upphör' },
    ]);
  });
});

describe('paymentYears: the notice’s years, else every scheduled year', () => {
  it('sthlm-2020: 2021–2028 without notice; 2023–2024 with notice on 2023-03-15; 2028 alone with notice on 2028-03-15', async () => {
    const { model } = await loadScheme('sthlm-2020', { omitIncomplete: true });
    const result = evaluateScheme(model);
    expect(paymentYears(result)).toEqual({ fromYear: 2021, toYear: 2028 });
    expect(paymentYears(result, noticeOutcome(model, '2023-03-15'))).toEqual({ fromYear: 2023, toYear: 2024 });
    expect(paymentYears(result, noticeOutcome(model, '2028-03-15'))).toEqual({ fromYear: 2028, toYear: 2028 });
  });

  it('nothing scheduled, no notice: no years', () => {
    const empty: SchemeModel = {
      id: 'empty', title: 'Tom', summary: '', currency: 'SEK', unit: 1, partyList: '', dates: [], provenance: [], parameters: {}, notes: {},
      parties: [{ code: '0101', name: 'A-by', kind: 'kommun', population: 1 }],
      components: [],
    };
    expect(paymentYears(evaluateScheme(empty))).toBeUndefined();
    expect(paymentYears(evaluateScheme(empty), { fromYear: 2023, toYear: 2024 })).toEqual({ fromYear: 2023, toYear: 2024 });
  });
});
