import { describe, expect, it } from 'vitest';
import { InputError } from '../../../models/errors.js';
import { ChunkStreams, checkSeed } from '../../../models/scenarios/random.js';

const take = (s: { next(): number }, n: number) => Array.from({ length: n }, () => s.next());

describe('chunk streams', () => {
  it('a chunk draws the same numbers however it is reached', () => {
    const direct = take(new ChunkStreams(7).chunk(5), 10);
    const streams = new ChunkStreams(7);
    streams.chunk(1);
    streams.chunk(3);
    expect(take(streams.chunk(5), 10)).toEqual(direct);
  });

  it('chunks differ from each other and seeds from seeds', () => {
    const s = new ChunkStreams(7);
    const a = take(s.chunk(0), 5);
    const b = take(s.chunk(1), 5);
    expect(a).not.toEqual(b);
    expect(take(new ChunkStreams(8).chunk(0), 5)).not.toEqual(a);
  });

  it('uniforms lie in [0, 1) and spread evenly', () => {
    const xs = take(new ChunkStreams(1).chunk(0), 100_000);
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...xs)).toBeLessThan(1);
    const deciles = new Array(10).fill(0);
    for (const x of xs) deciles[Math.floor(x * 10)]++;
    for (const d of deciles) expect(Math.abs(d - 10_000)).toBeLessThan(500);
  });

  it('chunks must be asked for in increasing order; seeds must be 32-bit whole numbers', () => {
    const s = new ChunkStreams(1);
    s.chunk(3);
    expect(() => s.chunk(2)).toThrow();
    expect(() => checkSeed(-1)).toThrow(InputError);
    expect(() => checkSeed(1.5)).toThrow(InputError);
    expect(() => checkSeed(2 ** 32)).toThrow(InputError);
    expect(() => checkSeed(2 ** 32 - 1)).not.toThrow();
  });
});
