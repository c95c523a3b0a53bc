import { describe, expect, it } from 'vitest';
import { andel } from '../helpers/cli.js';

const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

describe('andel solve / timeline / allocate sthlm-2020', () => {
  it('solve max-licence-total --format json gives the value and the binding party', () => {
    const r = andel(['solve', 'sthlm-2020', 'max-licence-total', '--format', 'json']);
    expect(r.status).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j).toMatchObject({ value: '1501577.88', parameter: 'licence.total', cap: '615312.00', binding: { code: '0180', amountAtValue: '615312.00', amountAtValuePlusOneUnit: '615312.01' } });
    expect(j).toMatchObject({ policy: 'carrier:01', answers: 'before-carrier', check: { atValue: { carried: '0.00' }, atValuePlusOneUnit: { carried: '0.01' } } });
  });

  it('solve says what its answer means under each cap policy, and shows the evaluation that checks it', () => {
    const region = andel(['solve', 'sthlm-2020', 'max-licence-total']);
    expect(region.status).toBe(0);
    expect(plain(region.stdout)).toContain(
      [
        'Licens (kostnad för att använda systemet): största totalbelopp innan Region Stockholm behöver bära något av det som taket 615 312 kr håller tillbaka:',
        '  1 501 577,88 kr  (--set licence.total=1501577.88)',
        'Bindande part: 0180 Stockholm, 40,98 % av fördelningsnyckeln: dess andel är 615 312,00 kr vid detta belopp och 615 312,01 kr vid 0,01 kr mer.',
        'Kontroll: vid 1 501 577,88 kr bär Region Stockholm 0,00 kr; vid 1 501 577,89 kr bär Region Stockholm 0,01 kr.',
        'Över det beloppet bär Region Stockholm allt som taket håller tillbaka; inget lämnas ej täckt.',
      ].join('\n'),
    );
    const none = andel(['solve', 'sthlm-2020', 'max-licence-total', '--set', 'cap.policy=none']);
    expect(plain(none.stdout)).toContain('största totalbelopp där inget lämnas ej täckt, innan någon part når över taket 615 312 kr:\n  1 501 577,88 kr');
    expect(plain(none.stdout)).toContain('Kontroll: vid 1 501 577,88 kr lämnas 0,00 kr ej täckt; vid 1 501 577,89 kr lämnas 0,01 kr ej täckt.');
    const redistribute = andel(['solve', 'sthlm-2020', 'max-licence-total', '--set', 'cap.policy=redistribute']);
    expect(redistribute.status).toBe(0);
    expect(plain(redistribute.stdout)).toContain(
      [
        'Licens (kostnad för att använda systemet): största totalbelopp där inget lämnas ej täckt när det som taket 615 312 kr håller tillbaka fördelas om: alla 26 parter betalar då sitt tak:',
        '  15 998 112,00 kr  (--set licence.total=15998112.00)',
        'Kontroll: vid 15 998 112,00 kr lämnas 0,00 kr ej täckt; vid 15 998 112,01 kr lämnas 0,01 kr ej täckt.',
        'Ingen part når taket upp till 1 501 577,88 kr; vid 1 501 577,89 kr binder det för 0180 Stockholm, och de andra parterna tar över det som taket håller tillbaka.',
      ].join('\n'),
    );
    expect(redistribute.stdout).not.toContain('ingen part överstiger taket');
    const j = JSON.parse(andel(['solve', 'sthlm-2020', 'max-licence-total', '--set', 'cap.policy=redistribute', '--format', 'json']).stdout);
    expect(j).toMatchObject({
      value: '15998112.00',
      policy: 'redistribute',
      answers: 'nothing-uncovered',
      meaning: { en: 'the largest total with nothing left uncovered when what the cap of 615 312 kr holds back is redistributed: every one of the 26 parties then pays its cap' },
      check: { atValue: { uncovered: '0.00' }, atValuePlusOneUnit: { uncovered: '0.01' } },
      firstCap: { value: '1501577.88', binding: { code: '0180' } },
    });
    expect(j.binding).toBeUndefined();
  });

  it('solve under redistribute with a party that has no cap: no largest total, and the first cap said plainly as such', () => {
    const r = andel(['solve', 'test/fixtures/goal-seek/uppsala.yaml', 'max-kommun-total', '--set', 'cap.policy=redistribute']);
    expect(r.status).toBe(0);
    expect(plain(r.stdout)).toContain(
      'Kommunernas kostnad: inget största totalbelopp: det som taket 1 500 000 kr håller tillbaka fördelas om, och 7 parter utan tak tar över det, så inget lämnas ej täckt vid något totalbelopp.',
    );
    expect(plain(r.stdout)).toContain('Största totalbelopp där ingen part ännu når taket:\n  2 493 893,00 kr  (--set kommun.total=2493893.00)');
    const j = JSON.parse(andel(['solve', 'test/fixtures/goal-seek/uppsala.yaml', 'max-kommun-total', '--set', 'cap.policy=redistribute', '--format', 'json']).stdout);
    expect(j).toMatchObject({ value: null, policy: 'redistribute', answers: 'unbounded', firstCap: { value: '2493893.00', binding: { code: '0380' } } });
    expect(j.uncapped).toHaveLength(7);
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
