// The documents explain an amount with the rate as it was used: 9,755 kr,
// 0,125 kr, never a rounded 9,76 kr, and the exact amount with every decimal.
import { describe, expect, it } from 'vitest';
import { letterDocument } from '../../../reports/views/letter.js';
import { overviewDocument } from '../../../reports/views/overview.js';
import { remissDocument } from '../../../reports/views/remiss.js';
import { contextOf, resultOf, textOf } from './helpers.js';

describe('vgr-2022 with rate 9.755', async () => {
  const { loaded, result } = await resultOf('vgr-2022', { rate: '9.755' });
  const ctx = contextOf(loaded, result);

  it('the letter: 587 549 invånare × 9,755 kr, the exact 5 731 540,495 kr and its rounding', () => {
    const text = textOf(letterDocument(ctx, '1480'));
    expect(text).toContain('587 549 invånare × 9,755 kr = 5 731 540 kr.');
    expect(text).toContain('Exakt 5 731 540,495 kr, avrundat till hela kronor: 5 731 540 kr (−0,495 kr).');
    expect(text).toContain('Belopp per invånare\n9,755 kr');
    expect(text).not.toContain('9,76 kr');
  });

  it('the overview and the remiss state the same rate', () => {
    expect(textOf(overviewDocument(ctx))).toContain('varje part betalar 9,755 kr per invånare');
    expect(textOf(remissDocument(ctx, '1480'))).toContain('Göteborg betalar 587 549 invånare × 9,755 kr = 5 731 540 kr');
  });
});

describe('vgr-2022 with rate 0.125', async () => {
  const { loaded, result } = await resultOf('vgr-2022', { rate: '0.125' });

  it('the letter: × 0,125 kr, exactly 73 443,625 kr, rounded up by 0,375 kr', () => {
    const text = textOf(letterDocument(contextOf(loaded, result), '1480'));
    expect(text).toContain('587 549 invånare × 0,125 kr = 73 444 kr.');
    expect(text).toContain('Exakt 73 443,625 kr, avrundat till hela kronor: 73 444 kr (+0,375 kr).');
    expect(text).toContain('Belopp per invånare\n0,125 kr');
  });
});
