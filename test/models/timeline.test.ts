// Contract timing: dates checked, months added with the day clamped, the end
// of an agreement that is ended "till varje årsskifte med 12 månaders
// uppsägningstid", and what each party pays until then.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadScheme } from '../../data/load-scheme.js';
import { InputError } from '../../models/errors.js';
import { evaluateScheme } from '../../models/evaluate.js';
import { Dec } from '../../models/money.js';
import type { SchemeModel } from '../../models/scheme.js';
import { addMonths, endAfterNotice, parseIsoDate, paymentsDue } from '../../models/timeline.js';

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
