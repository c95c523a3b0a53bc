// node:fs in the explorer: the embedded files (vfs.js). A file written (the explorer's own scenario of the party
// changes, pipeline/explore-engine.ts) is kept in memory; nothing else can be written in a page.
import { fsError, vfsFiles } from './vfs.js';
import { normalize } from './path.js';

const decoder = new TextDecoder('utf-8');

function isDir(path) {
  const prefix = path.endsWith('/') ? path : `${path}/`;
  for (const key of vfsFiles().keys()) if (key.startsWith(prefix)) return true;
  return false;
}

export function existsSync(path) {
  const p = normalize(String(path));
  return vfsFiles().has(p) || isDir(p);
}

export function readFileSync(path, options) {
  const p = normalize(String(path));
  const bytes = vfsFiles().get(p);
  if (!bytes) throw fsError(isDir(p) ? 'EISDIR' : 'ENOENT', 'open', p);
  const encoding = typeof options === 'string' ? options : options?.encoding;
  return encoding ? decoder.decode(bytes) : bytes.slice();
}

export function readdirSync(path) {
  const p = normalize(String(path));
  const prefix = p.endsWith('/') ? p : `${p}/`;
  const names = new Set();
  for (const key of vfsFiles().keys()) if (key.startsWith(prefix)) names.add(key.slice(prefix.length).split('/')[0]);
  if (names.size === 0) throw fsError('ENOENT', 'scandir', p);
  return [...names].sort();
}

export function statSync(path) {
  const p = normalize(String(path));
  const bytes = vfsFiles().get(p);
  if (bytes) return { isFile: () => true, isDirectory: () => false, size: bytes.length };
  if (isDir(p)) return { isFile: () => false, isDirectory: () => true, size: 0 };
  throw fsError('ENOENT', 'stat', p);
}

export function accessSync(path) {
  if (!existsSync(path)) throw fsError('ENOENT', 'access', String(path));
}

function readOnly(name) {
  return () => {
    throw fsError('EROFS', name, '');
  };
}

export function writeFileSync(path, content) {
  const p = normalize(String(path));
  vfsFiles().set(p, typeof content === 'string' ? new TextEncoder().encode(content) : new Uint8Array(content));
}

export const mkdirSync = readOnly('mkdir');
export const openSync = readOnly('open');
export const readSync = readOnly('read');
export const closeSync = readOnly('close');
export const constants = { F_OK: 0, R_OK: 4, W_OK: 2, X_OK: 1 };
export const promises = {
  readFile: async (path, options) => readFileSync(path, options),
  readdir: async (path) => readdirSync(path),
  stat: async (path) => statSync(path),
};
export default { existsSync, readFileSync, readdirSync, statSync, accessSync, writeFileSync, mkdirSync, openSync, readSync, closeSync, constants, promises };
