/**
 * Parsed input files kept in memory by path and exact content, for a
 * process that loads one scheme many times with different values: the
 * explorer's page (pipeline/explore-engine.ts) recomputes on every lever
 * change, and without this reads the population file, checks every name
 * against the code list and parses the scheme's YAML again each time,
 * although none of that depends on the values.
 *
 * Off unless {@link keepParsedFiles} turns it on: a command-line run reads
 * each file once and gains nothing from holding it. A kept result is used
 * only for the same kind of read, the same key (path and options) and the
 * same bytes, and is handed out as a fresh copy, so that a caller changing
 * what it got changes nothing for the next one; a read that fails is not
 * kept (it fails again, with the same words).
 */

interface Kept {
  readonly content: string | Uint8Array;
  readonly value: unknown;
}

let kept: Map<string, Kept> | undefined;

const identities = new WeakMap<object, number>();
let lastIdentity = 0;

/** A key part for an object a parse depends on (the code list it checks names against): the same object, the same key. */
export function identityKey(o: object): string {
  let id = identities.get(o);
  if (id === undefined) {
    id = ++lastIdentity;
    identities.set(o, id);
  }
  return `#${id}`;
}

/** Turns the memo on for this process (or page). */
export function keepParsedFiles(): void {
  kept ??= new Map();
}

function sameContent(a: string | Uint8Array, b: string | Uint8Array): boolean {
  if (typeof a === 'string' || typeof b === 'string') return a === b;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * `parse()`, or a copy of what it gave for the same kind, key and content
 * when the memo is on. The value must survive `structuredClone` unchanged
 * (plain data: no functions, no class instances).
 */
export function parsedOnce<T>(kind: string, key: string, content: string | Uint8Array, parse: () => T): T {
  if (kept === undefined) return parse();
  const id = `${kind}\u0000${key}`;
  const hit = kept.get(id);
  if (hit !== undefined && sameContent(hit.content, content)) return structuredClone(hit.value) as T;
  const value = parse();
  kept.set(id, { content: typeof content === 'string' ? content : content.slice(), value: structuredClone(value) });
  return value;
}
