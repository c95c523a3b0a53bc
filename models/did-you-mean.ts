/**
 * "Did you mean": the known name closest to a misspelt one, for messages
 * about unknown keys, values and names. Close means a few letters apart
 * (Levenshtein distance, case ignored) relative to the name's length, so
 * that `regoin` finds `region` and `cots` finds `cost`, but `x` does not
 * find everything one letter long.
 */
import { distance } from 'fastest-levenshtein';
import { type Text, t } from './errors.js';

/** The candidate closest to `name`, when one is close enough to be a likely misspelling; otherwise undefined. */
export function closestName(name: string, candidates: readonly string[]): string | undefined {
  const wanted = name.toLowerCase();
  let best: { name: string; d: number } | undefined;
  for (const c of candidates) {
    if (c === name) continue;
    const d = distance(wanted, c.toLowerCase());
    if (best === undefined || d < best.d) best = { name: c, d };
  }
  if (best === undefined) return undefined;
  // One edit in a name of up to three letters, about a third of the letters in a longer one (`cots` → `cost` is two).
  const allowed = Math.max(1, Math.ceil(Math.max(wanted.length, best.name.length) / 3));
  return best.d <= allowed ? best.name : undefined;
}

/** ` Menade du "x"?` for the closest candidate, or empty text when none is close. */
export function didYouMean(name: string, candidates: readonly string[]): Text {
  const near = closestName(name, candidates);
  return near === undefined ? t('', '') : t(` Menade du "${near}"?`, ` Did you mean "${near}"?`);
}

/** Names as a list in a sentence: `a, b eller c` / `a, b or c`. */
export function nameList(names: readonly string[]): Text {
  if (names.length <= 1) return t(names.join(''), names.join(''));
  const head = names.slice(0, -1).join(', ');
  const last = names[names.length - 1]!;
  return t(`${head} eller ${last}`, `${head} or ${last}`);
}

/** `text`, followed by `. Menade du "x"?` when a candidate is close to `name`. */
export function withSuggestion(text: Text, name: string, candidates: readonly string[]): Text {
  const near = didYouMean(name, candidates);
  return near.sv === '' ? text : t(`${text.sv}.${near.sv}`, `${text.en}.${near.en}`);
}
