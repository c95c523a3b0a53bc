/**
 * Where things are in a JSON text, for messages: `JSON.parse` returns values
 * without positions, but a user editing SCB's JSON-stat file needs the line
 * and column of the figure that is wrong. Only what the readers point at is
 * located: the members of the top-level object and the items of one of them.
 */

/** A 1-based line and column (in UTF-16 code units, as editors count them). */
export interface Place {
  readonly line: number;
  readonly column: number;
}

/** The places found by {@link topLevelPlaces}. */
export interface JsonPlaces {
  /** Where each member of the top-level object starts (its key), by name; a repeated key keeps the last, as `JSON.parse` does. */
  readonly members: ReadonlyMap<string, Place>;
  /** Where each item of the member `itemsOf` starts: by index for an array, by key for an object. */
  readonly items: ReadonlyMap<string, Place>;
}

/**
 * Locates the members of a JSON text's top-level object and the items of
 * one member. The text must be valid JSON (parse it first); anything else
 * gives empty maps rather than an error, since positions only improve a
 * message.
 *
 * @example
 * ```ts
 * const p = topLevelPlaces('{"size": [2],\n "value": [1, 2.5]}', 'value');
 * p.items.get('1'); // { line: 2, column: 14 }
 * ```
 */
export function topLevelPlaces(text: string, itemsOf: string): JsonPlaces {
  const members = new Map<string, number>();
  const items = new Map<string, number>();
  try {
    let i = skipSpace(text, 0);
    if (text[i] !== '{') return places(text, members, items);
    i = skipSpace(text, i + 1);
    while (i < text.length && text[i] !== '}') {
      const keyStart = i;
      const [key, afterKey] = readString(text, i);
      i = skipSpace(text, afterKey);
      i = skipSpace(text, i + 1); // the colon
      members.set(key, keyStart);
      if (key === itemsOf && (text[i] === '[' || text[i] === '{')) {
        items.clear();
        i = readItems(text, i, items);
      } else {
        i = skipValue(text, i);
      }
      i = skipSpace(text, i);
      if (text[i] === ',') i = skipSpace(text, i + 1);
    }
  } catch {
    // Not valid JSON after all: no places, the message stands without them.
    return places(text, new Map(), new Map());
  }
  return places(text, members, items);
}

function readItems(text: string, start: number, items: Map<string, number>): number {
  const isArray = text[start] === '[';
  const close = isArray ? ']' : '}';
  let i = skipSpace(text, start + 1);
  let index = 0;
  while (i < text.length && text[i] !== close) {
    if (isArray) {
      items.set(String(index++), i);
    } else {
      const [key, afterKey] = readString(text, i);
      i = skipSpace(text, skipSpace(text, afterKey) + 1);
      items.set(key, i);
    }
    i = skipSpace(text, skipValue(text, i));
    if (text[i] === ',') i = skipSpace(text, i + 1);
  }
  return i + 1;
}

function skipSpace(text: string, i: number): number {
  while (i < text.length && (text[i] === ' ' || text[i] === '\t' || text[i] === '\n' || text[i] === '\r')) i++;
  return i;
}

function readString(text: string, i: number): [string, number] {
  if (text[i] !== '"') throw new SyntaxError('string expected');
  let end = i + 1;
  while (end < text.length && text[end] !== '"') end += text[end] === '\\' ? 2 : 1;
  return [JSON.parse(text.slice(i, end + 1)) as string, end + 1];
}

/** The index just after the value that starts at `i`. */
function skipValue(text: string, i: number): number {
  const c = text[i];
  if (c === '"') return readString(text, i)[1];
  if (c === '{' || c === '[') {
    let depth = 0;
    for (let j = i; j < text.length; j++) {
      const d = text[j];
      if (d === '"') {
        j = readString(text, j)[1] - 1;
      } else if (d === '{' || d === '[') {
        depth++;
      } else if (d === '}' || d === ']') {
        depth--;
        if (depth === 0) return j + 1;
      }
    }
    throw new SyntaxError('unclosed');
  }
  let j = i;
  while (j < text.length && !',}] \t\r\n'.includes(text[j]!)) j++;
  if (j === i) throw new SyntaxError('value expected');
  return j;
}

function places(text: string, members: Map<string, number>, items: Map<string, number>): JsonPlaces {
  const starts = lineStarts(text);
  const at = (offset: number): Place => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - starts[lo]! + 1 };
  };
  const convert = (m: Map<string, number>): Map<string, Place> => new Map([...m].map(([k, o]) => [k, at(o)]));
  return { members: convert(members), items: convert(items) };
}

// CRLF, LF and a lone CR each end a line, as the table reader counts them.
function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\n' || (c === '\r' && text[i + 1] !== '\n')) starts.push(i + 1);
  }
  return starts;
}
