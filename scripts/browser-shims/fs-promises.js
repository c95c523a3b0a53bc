// node:fs/promises in the explorer: the same embedded files as fs.js.
import { promises } from './fs.js';

export const readFile = promises.readFile;
export const readdir = promises.readdir;
export const stat = promises.stat;
export default promises;
