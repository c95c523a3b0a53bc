/**
 * What every part of `npm run bench` reports with: the median of repeated
 * timings (runs alternate with the peers', so that a busy machine weighs on
 * both alike), and numbers in Swedish form.
 */

/** The median of a list of timings (the mean of the middle two for an even count). */
export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** A number with `d` decimals in Swedish form (decimal comma, a space between thousands). */
export const fmt = (x: number, d = 0): string => x.toLocaleString('sv-SE', { minimumFractionDigits: d, maximumFractionDigits: d });

/** The nearest-rank percentile `p` (0 < p ≤ 1) of a list of timings: the smallest value at least a share `p` of them do not exceed. */
export function percentile(xs: readonly number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length, Math.max(1, Math.ceil(p * s.length))) - 1]!;
}
