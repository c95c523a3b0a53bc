// A rate with more decimals than two is shown as it was used, never rounded:
// the JSON's explanation says "9.755", not "9.76", and the exact amount and
// the rounding with every decimal they have.
import { describe, expect, it } from 'vitest';
import { andel } from '../helpers/cli.js';

interface Party {
  code: string;
  rate?: string;
  amount: string;
  explanation: { method: string; rate?: string; exact?: string; rounding?: string; amount: string }[];
}
const goteborg = (args: string[]): Party => {
  const r = andel(['allocate', 'vgr-2022', ...args, '--format', 'json']);
  expect(r.status).toBe(0);
  return (JSON.parse(r.stdout) as { parties: Party[] }).parties.find((p) => p.code === '1480')!;
};

describe('allocate vgr-2022 --format json: the rate as used', () => {
  it('rate 9.755: "9.755" in the party and its explanation; 587 549 × 9,755 kr = 5 731 540,495 kr exactly, 5 731 540 kr in whole kronor', () => {
    const p = goteborg(['--set', 'rate=9.755']);
    expect(p.rate).toBe('9.755');
    expect(p.explanation).toEqual([{ component: 'investering', method: 'per-unit', units: 587549, rate: '9.755', exact: '5731540.4950', rounding: '-0.4950', amount: '5731540.00' }]);
    expect(p.amount).toBe('5731540.00');
  });

  it('rate 0.125: "0.125"; 587 549 × 0,125 kr = 73 443,625 kr, 73 444 kr in whole kronor', () => {
    const p = goteborg(['--set', 'rate=0.125']);
    expect(p.rate).toBe('0.125');
    expect(p.explanation[0]).toMatchObject({ rate: '0.125', exact: '73443.6250', rounding: '0.3750', amount: '73444.00' });
  });

  it('a rate with two decimals or none keeps two: "9.75", "10.00"', () => {
    expect(goteborg(['--set', 'rate=9.75']).rate).toBe('9.75');
    expect(goteborg([]).explanation[0]?.rate).toBe('10.00');
  });
});
