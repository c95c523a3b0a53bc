/**
 * How a message names the part of a scheme file it is about:
 * `components[0] (investering).rate` rather than `components.0.rate`.
 */
import type { YamlPath } from '../yaml-source.js';

/**
 * A path into a scheme file in the words a message starts with; the id (or
 * the code) of a list item says which one.
 *
 * @example describePath(def, ['components', 0, 'rate']) // 'components[0] (investering).rate'
 */
export function describePath(data: unknown, path: YamlPath): string {
  if (path.length === 0) return '(roten)';
  let node: unknown = data;
  let out = '';
  for (const p of path) {
    node = node !== null && typeof node === 'object' && Object.hasOwn(node, p) ? (node as Record<string | number, unknown>)[p] : undefined;
    if (typeof p === 'number') {
      const o = node !== null && typeof node === 'object' ? (node as Record<string, unknown>) : {};
      const id = Object.hasOwn(o, 'id') ? o.id : Object.hasOwn(o, 'code') ? o.code : undefined;
      out += `[${p}]${typeof id === 'string' ? ` (${id})` : ''}`;
    } else {
      out += out ? `.${p}` : p;
    }
  }
  return out;
}
