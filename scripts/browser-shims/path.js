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
  return absolute ? `/${joined}` : joined || '.';
}

export function isAbsolute(p) {
  return p.startsWith('/');
}

export function join(...parts) {
  return normalize(parts.filter((p) => p !== '').join('/'));
}

export function resolve(...parts) {
  let out = '';
  for (let i = parts.length - 1; i >= 0 && !out.startsWith('/'); i--) out = out === '' ? parts[i] : `${parts[i]}/${out}`;
  if (!out.startsWith('/')) out = `${vfsCwd()}/${out}`;
  const n = normalize(out);
  return n.length > 1 && n.endsWith('/') ? n.slice(0, -1) : n;
}

export function dirname(p) {
  const n = p.length > 1 && p.endsWith('/') ? p.slice(0, -1) : p;
  const i = n.lastIndexOf('/');
  if (i < 0) return '.';
  if (i === 0) return '/';
  return n.slice(0, i);
}

export function basename(p, ext) {
  const n = p.length > 1 && p.endsWith('/') ? p.slice(0, -1) : p;
  const base = n.slice(n.lastIndexOf('/') + 1);
  return ext && base.endsWith(ext) && base !== ext ? base.slice(0, -ext.length) : base;
}

export function extname(p) {
  const base = basename(p);
  const i = base.lastIndexOf('.');
  return i <= 0 ? '' : base.slice(i);
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
