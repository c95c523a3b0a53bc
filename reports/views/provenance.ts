/**
 * The provenance stamp in every report's footer: which version of andel
 * made the document, from which data, and a short hash of the inputs, so
 * that two printed documents with the same stamp are known to come from the
 * same scheme definition, parameter values and population files; for a
 * Monte Carlo result also the seed that reproduces it.
 *
 * The hash is computed over contents the caller has read (the I/O edge reads
 * the files); nothing here touches the file system or the clock.
 */
import { createHash } from 'node:crypto';
import type { Provenance } from '../../models/scheme.js';

/** One input of a report, by a stable name (not a path that differs between machines). */
export interface InputPart {
  /** E.g. `scheme`, `parameters`, `population:vastra-gotaland-2021.csv`. */
  readonly name: string;
  readonly content: string | Uint8Array;
}

/** Characters of the hash printed in the stamp: 32 bits, enough to tell runs apart by eye. */
export const STAMP_HASH_LENGTH = 8;

/**
 * The SHA-256 of the inputs, in hex: each part's name and length, then its
 * bytes, so that moving bytes from one part to the next changes the hash.
 * Parts are taken in name order: the same inputs give the same hash however
 * they were gathered.
 *
 * @example
 * inputHash([{ name: 'scheme', content: 'id: x' }]).slice(0, 8) // '…' (8 hex digits)
 */
export function inputHash(parts: readonly InputPart[]): string {
  const h = createHash('sha256');
  const sorted = [...parts].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const p of sorted) {
    const bytes = typeof p.content === 'string' ? Buffer.from(p.content, 'utf8') : p.content;
    h.update(`${p.name}\u0000${bytes.byteLength}\u0000`);
    h.update(bytes);
  }
  return h.digest('hex');
}

/** What the stamp says. */
export interface StampInfo {
  /** andel's version, e.g. `0.1.0`. */
  readonly version: string;
  readonly provenance: readonly Provenance[];
  /** The full hash from {@link inputHash}; the stamp prints its first {@link STAMP_HASH_LENGTH} digits. */
  readonly hash: string;
  /** The Monte Carlo seed, when the report shows simulated figures. */
  readonly seed?: number;
}

/**
 * A data source in a few words: `Folkmängd 2021-12-31`, `Antal användare
 * 2021 (exempeldata)`.
 */
export function shortSource(p: Provenance): string {
  const label = p.label.replace(/\s*\(.*\)\s*$/, '');
  return p.example ? `${label} (exempeldata)` : label;
}

/**
 * The footer's stamp: `andel 0.1.0 · Folkmängd 2021-12-31 · kontrollsumma 3f2a9c1e`,
 * with `· frö 2022` for a simulated result.
 *
 * @example
 * provenanceStamp({ version: '0.1.0', provenance: model.provenance, hash: inputHash(parts) })
 */
export function provenanceStamp(info: StampInfo): string {
  return [
    `andel ${info.version}`,
    ...info.provenance.map(shortSource),
    `kontrollsumma ${info.hash.slice(0, STAMP_HASH_LENGTH)}`,
    ...(info.seed !== undefined ? [`frö ${info.seed}`] : []),
  ].join(' · ');
}
