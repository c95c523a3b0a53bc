// The footer's stamp: tool version, data sources, a short hash of the inputs, the seed.
import { describe, expect, it } from 'vitest';
import { inputHash, provenanceStamp } from '../../../reports/views/provenance.js';

describe('inputHash', () => {
  const parts = [
    { name: 'scheme', content: 'id: vgr-2022' },
    { name: 'parameters', content: '[["rate","10"]]' },
    { name: 'file:Folkmängd:vg.csv', content: new TextEncoder().encode('kommunkod,kommun,folkmangd\n1480,Göteborg,587549\n') },
  ];

  it('is the same however the parts were gathered', () => {
    expect(inputHash(parts)).toBe(inputHash([...parts].reverse()));
    expect(inputHash(parts)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('changes with any byte of any part, and with bytes moved between parts', () => {
    const h = inputHash(parts);
    expect(inputHash([...parts.slice(0, 2), { ...parts[2]!, content: 'kommunkod,kommun,folkmangd\n1480,Göteborg,587550\n' }])).not.toBe(h);
    expect(inputHash([{ name: 'a', content: 'xy' }, { name: 'b', content: 'z' }])).not.toBe(inputHash([{ name: 'a', content: 'x' }, { name: 'b', content: 'yz' }]));
  });
});

describe('provenanceStamp', () => {
  it('names the version, the sources in short, eight digits of the hash and the seed', () => {
    const provenance = [
      { label: 'Folkmängd 2019-12-31', source: 'SCB' },
      { label: 'Antal användare 2021 (räknade 1 oktober året före)', source: 'fil', example: true },
    ];
    expect(provenanceStamp({ version: '0.1.0', provenance, hash: '3f2a9c1e77aa' })).toBe('andel 0.1.0 · Folkmängd 2019-12-31 · Antal användare 2021 (exempeldata) · kontrollsumma 3f2a9c1e');
    expect(provenanceStamp({ version: '0.1.0', provenance: [], hash: 'abcdef0123', seed: 2022 })).toBe('andel 0.1.0 · kontrollsumma abcdef01 · frö 2022');
  });
});
