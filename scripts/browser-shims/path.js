// node:path (POSIX) in the explorer: the few functions the loaders use, on the embedded files' absolute paths.
import { vfsCwd } from './vfs.js';

export const sep = '/';
export const delimiter = ':';

export function normalize(p) {
  const absolute = p.startsWith('/');
  const out = [];
  for (const part of p.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (out.length > 0 && out[out.length - 1] !== '..') out.pop();
      else if (!absolute) out.push('..');
    } else out.push(part);
  }
  const joined = out.join('/');
  const base = absolute ? `/${joined}` : joined || '.';
  // As Node: a trailing slash is kept (a folder named as such).
  return p.endsWith('/') && !base.endsWith('/') ? `${base}/` : base;
}

export function isAbsolute(p) {
  return p.startsWith('/');
}

export function join(...parts) {
  return normalize(parts.filter((p) => p !== '').join('/'));
}

export function resolve(...parts) {
  let out = '';
  for (let i = parts.length - 1; i >= 0 && !out.startsWith('/'); i--) {
    if (parts[i] === '') continue; // as Node: an empty part is no part (and no root)
    out = out === '' ? parts[i] : `${parts[i]}/${out}`;
  }
  if (!out.startsWith('/')) out = `${vfsCwd()}/${out}`;
  const n = normalize(out);
  return n.length > 1 && n.endsWith('/') ? n.slice(0, -1) : n;
}

/** A path without its trailing slashes, the root kept. */
function trimSlashes(p) {
  let n = p;
  while (n.length > 1 && n.endsWith('/')) n = n.slice(0, -1);
  return n;
}

export function dirname(p) {
  // Node's own algorithm (lib/path.js): the part before the last name, trailing slashes ignored.
  if (p.length === 0) return '.';
  const hasRoot = p[0] === '/';
  let end = -1;
  let matchedSlash = true;
  for (let i = p.length - 1; i >= 1; --i) {
    if (p[i] === '/') {
      if (!matchedSlash) {
        end = i;
        break;
      }
    } else matchedSlash = false;
  }
  if (end === -1) return hasRoot ? '/' : '.';
  if (hasRoot && end === 1) return '//';
  return p.slice(0, end);
}

export function basename(p, ext) {
  const n = trimSlashes(p);
  const base = n.slice(n.lastIndexOf('/') + 1);
  return ext && base.endsWith(ext) && base !== ext ? base.slice(0, -ext.length) : base;
}

export function extname(p) {
  const base = basename(p);
  const i = base.lastIndexOf('.');
  // As Node: a leading dot starts a name, not an extension ('.dold'), and '..' has none.
  return i <= 0 || base === '..' ? '' : base.slice(i);
}

export function relative(from, to) {
  const a = resolve(from).split('/').filter(Boolean);
  const b = resolve(to).split('/').filter(Boolean);
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return [...a.slice(i).map(() => '..'), ...b.slice(i)].join('/');
}

export const posix = { sep, delimiter, normalize, isAbsolute, join, resolve, dirname, basename, extname, relative };
export default posix;
