// Missing user counts are carried forward from the latest earlier year given, and the caveat every output carries
// names, for each missing year, the year whose counts it uses: with counts for 2021 and 2024, 2022–2023 use 2021's
// and 2025–2028 use 2024's (it once said 2021 for them all).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { yearsText } from '../../../data/scheme/users.js';
import { andel } from '../../helpers/cli.js';

describe('carried-forward user counts', () => {
  it('names the year each missing year takes its counts from', () => {
    const r = andel(['allocate', 'sthlm-2020', '--set', 'licence.total=1501577.88', '--users', '2024=data/users/sthlm-2021-exempel.csv', '--format', 'json']);
    expect(r.status).toBe(0);
    const caveats = (JSON.parse(r.stdout) as { caveats: string[] }).caveats;
    expect(caveats).toContain(
      'Antal användare för 2022–2023, 2025–2028 saknas; senast kända antal används oförändrat: för 2022–2023 antalen för 2021, för 2025–2028 antalen för 2024. Ange antalen för 2022–2023, 2025–2028 med --users ÅR=FIL.',
    );
  });

  it('keeps the one-source wording when every missing year takes the same year’s counts', () => {
    const r = andel(['allocate', 'sthlm-2020', '--set', 'licence.total=1501577.88', '--format', 'json']);
    expect((JSON.parse(r.stdout) as { caveats: string[] }).caveats).toContain(
      'Antal användare för 2022–2028 saknas; senast kända antal (2021) används oförändrat. Ange antalen för 2022–2028 med --users ÅR=FIL.',
    );
  });

  it('writes years as runs and single years, and the text names exactly the years (property)', () => {
    expect(yearsText([2025, 2022, 2023, 2026, 2028])).toBe('2022–2023, 2025–2026, 2028');
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 2000, max: 2060 }), { minLength: 1, maxLength: 30 }), (years) => {
        const back = yearsText(years)
          .split(', ')
          .flatMap((part) => {
            const [a, b] = part.split('–').map(Number);
            return b === undefined ? [a!] : Array.from({ length: b - a! + 1 }, (_, i) => a! + i);
          });
        expect(back).toEqual([...years].sort((x, y) => x - y));
      }),
      { seed: 20261203, numRuns: 300 },
    );
  });
});
