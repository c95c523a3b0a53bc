/**
 * Seeded randomness for simulations, from pure-rand only (never
 * `Math.random`). A simulation is cut into fixed chunks of runs; chunk `k`
 * draws from the seed's xoroshiro128+ stream jumped `k` times (each jump
 * skips 2^64 draws), so a run's numbers depend on the seed and the run's
 * index alone: never on how many threads share the work or in which order
 * the chunks are done.
 */
import { type RandomGenerator, xoroshiro128plus } from 'pure-rand';
import { InputError, InvariantError, t } from '../errors.js';

/**
 * Runs per chunk. Part of the reproducibility contract: changing it changes
 * every simulation's figures for a given seed.
 */
export const CHUNK_RUNS = 1000;

const TWO_POW_26 = 67_108_864;
const TWO_POW_53 = 9_007_199_254_740_992;

/** A source of uniform doubles in [0, 1) with 53 random bits each. */
export class UniformStream {
  constructor(private readonly rng: RandomGenerator) {}

  /** The next uniform double in [0, 1). */
  next(): number {
    const a = this.rng.unsafeNext() >>> 5;
    const b = this.rng.unsafeNext() >>> 6;
    return (a * TWO_POW_26 + b) / TWO_POW_53;
  }
}

/** Checks that a seed is a whole number in 0 … 2^32 − 1 (what xoroshiro128+ is seeded with). */
export function checkSeed(seed: number): void {
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) {
    throw InputError.of(
      t(`fröet ${seed} ska vara ett heltal från 0 till 4294967295`, `the seed ${seed} must be a whole number from 0 to 4294967295`),
      { file: '--seed' },
      'E_OPTION',
    );
  }
}

/**
 * The generators of a run of chunks, handed out in increasing chunk order:
 * reaching chunk `k` from the last one costs only the jumps in between.
 */
export class ChunkStreams {
  private rng: RandomGenerator;
  private at = 0;

  constructor(seed: number) {
    checkSeed(seed);
    this.rng = xoroshiro128plus(seed | 0);
  }

  /** The stream of chunk `k`; chunks must be asked for in increasing order. */
  chunk(k: number): UniformStream {
    if (k < this.at) throw new InvariantError(t('simuleringens delar togs i fel ordning', 'simulation chunks were taken out of order'));
    while (this.at < k) {
      this.rng = this.rng.jump!();
      this.at += 1;
    }
    return new UniformStream(this.rng.clone());
  }
}
