import { describe, expect, it } from 'vitest';
import { andel } from '../helpers/cli.js';

const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

describe('andel solve / timeline / allocate sthlm-2020', () => {
  it('solve max-licence-total --format json gives the value and the binding party', () => {
    const r = andel(['solve', 'sthlm-2020', 'max-licence-total', '--format', 'json']);
    expect(r.status).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j).toMatchObject({ value: '1501577.88', parameter: 'licence.total', cap: '615312.00', binding: { code: '0180', amountAtValue: '615312.00', amountAtValuePlusOneUnit: '615312.01' } });
  });

  it('solve with an apportioned district split is far larger and says it is an example', () => {
    const r = andel(['solve', 'sthlm-2020', 'max-licence-total', '--split', '0180=data/populations/stockholm-city-districts-2011.csv', '--split-proportional', '--format', 'json']);
    expect(r.status).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(Number(j.value)).toBeGreaterThan(10_000_000);
    expect(j.binding.code).toMatch(/^0180-\d\d$/);
    expect(j.caveats.join(' ')).toContain('inte officiell statistik');
  });

  it('allocate without licence.total says what to do', () => {
    const r = andel(['allocate', 'sthlm-2020']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('licence.total');
    expect(r.stderr).toContain('andel solve sthlm-2020 max-licence-total');
  });

  it('allocate with a licence total marks the example user counts in plain sight', () => {
    const r = andel(['allocate', 'sthlm-2020', '--set', 'licence.total=1500000']);
    expect(r.status).toBe(0);
    expect(r.stdout.split('\n').slice(0, 4).join('\n')).toContain('EXEMPELDATA');
    expect(plain(r.stdout)).toMatch(/Summa\s+1 500 000,00 kr/);
  });

  it('timeline --notice-date 2023-03-15 ends on 2024-12-31 and lists the payments until then', () => {
    const r = andel(['timeline', 'sthlm-2020', '--notice-date', '2023-03-15', '--set', 'licence.total=1500000', '--format', 'json']);
    expect(r.status).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.notice).toEqual({ date: '2023-03-15', endsOn: '2024-12-31', paymentYears: [2023, 2024] });
    const region = j.payments.find((p: { code: string }) => p.code === '01');
    expect(region.years.map((y: { year: number }) => y.year)).toEqual([2023, 2024]);
    expect(region.years[0].helpdesk).toBe('2825000.00');
  });

  it('timeline vgr-2022 lists the invoice, deferral and procurement dates; notice is refused', () => {
    const r = andel(['timeline', 'vgr-2022']);
    expect(r.status).toBe(0);
    for (const d of ['2022-08-31', '2022-10-07', '2022-12-20', '2022-12-31', '2023-03-31']) expect(r.stdout).toContain(d);
    const bad = andel(['timeline', 'vgr-2022', '--notice-date', '2023-01-01']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('ingen uppsägningsregel');
  });
});
