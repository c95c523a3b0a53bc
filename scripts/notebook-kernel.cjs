#!/usr/bin/env node
// The notebooks' kernel: tslab (from notebooks/node_modules), started so that a
// notebook anywhere imports andel, and so that a failing cell says why.
// The kernelspec written by scripts/notebooks.mjs runs this file; Jupyter
// starts it in the notebook's own folder.
//
// tslab resolves imports and Node's types from that folder only:
// - `import … from 'andel'` fails in a folder where no node_modules/andel is
//   found (the repo root, a folder of your own), at compile time (TypeScript)
//   and at run time (require). When andel is not installed there, this kernel's
//   own andel (the project it belongs to) is used in its place; an andel
//   installed in the folder (or above it) always wins.
// - Node's types (`console`, `process`) come from the folder's @types/node, or
//   else from tslab's own node_modules/@types, which npm hoists to
//   notebooks/node_modules/@types, where tslab does not look.
// - A failed cell's reply carries no error name or message (nbconvert prints
//   "<Error>: " and nothing else); here it carries what the cell wrote to
//   stderr: TypeScript's diagnostics or the exception.
//
// It is always this tslab that runs, never one installed in the notebook's
// folder (tslab's own binary would prefer that one, without any of the above).
//
// CommonJS, like tslab. Usage (as Jupyter runs it): notebook-kernel.cjs --config-path CONNECTION_FILE
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const Module = require('node:module');

const root = path.dirname(__dirname);
const notebookModules = path.join(root, 'notebooks', 'node_modules');
const tslabDir = path.join(notebookModules, 'tslab');
const fromTslab = Module.createRequire(path.join(tslabDir, 'dist', 'main.js'));
const PACKAGE = 'andel';

/** Is `andel` installed where Node and TypeScript look from `dir` (its node_modules or an ancestor's)? */
function installedFrom(dir) {
  for (let d = dir; ; d = path.dirname(d)) {
    if (path.basename(d) !== 'node_modules' && fs.existsSync(path.join(d, 'node_modules', PACKAGE, 'package.json'))) return true;
    if (path.dirname(d) === d) return false;
  }
}

/**
 * Folders that TypeScript sees at one path and that live at another: a prefix
 * → its real folder. Everything under the prefix is read from the real one.
 */
function mounts(cwd) {
  const m = new Map();
  // tslab's fallback for Node's types, where npm has actually put them.
  m.set(path.join(tslabDir, 'node_modules', '@types'), path.join(notebookModules, '@types'));
  if (!installedFrom(cwd)) m.set(path.join(cwd, 'node_modules', PACKAGE), root);
  return m;
}

/** The real path of `p` when it lies under a mount, else `p`. */
function mapper(table) {
  const entries = [...table];
  return (p) => {
    if (typeof p !== 'string') return p;
    const n = path.resolve(p);
    for (const [from, to] of entries) {
      if (n === from) return to;
      if (n.startsWith(from + path.sep)) return path.join(to, n.slice(from.length + 1));
    }
    return p;
  };
}

/** TypeScript's file system, as tslab's compiler sees it, with the mounts applied. */
function patchCompilerFileSystem(real) {
  const ts = fromTslab('@tslab/typescript-for-tslab');
  const sys = ts.sys;
  for (const name of ['readFile', 'fileExists', 'directoryExists', 'getDirectories', 'readDirectory', 'realpath', 'getModifiedTime', 'watchFile', 'watchDirectory']) {
    const original = sys[name];
    if (typeof original !== 'function') continue;
    sys[name] = function (p, ...rest) {
      return original.call(this, real(p), ...rest);
    };
  }
  // A directory that only exists as a mount's parent (cwd/node_modules) is faked by tslab itself.
}

/** Node's require, as the cells use it: `andel` and `andel/…` fall back to this kernel's own andel. */
function patchRuntimeResolution() {
  const original = Module._resolveFilename;
  Module._resolveFilename = function (request, parent, isMain, options) {
    try {
      return original.call(this, request, parent, isMain, options);
    } catch (err) {
      if (err?.code !== 'MODULE_NOT_FOUND' || !(request === PACKAGE || request.startsWith(`${PACKAGE}/`))) throw err;
      return original.call(this, request, parent, isMain, { paths: [notebookModules] });
    }
  };
}

const MAX_CAPTURE = 64 * 1024;

/** The name and message of a failed cell, from what it wrote to stderr. */
function describeFailure(stderr) {
  const text = stderr.trim();
  if (text === '') return { ename: 'Error', evalue: 'cellen misslyckades utan felmeddelande', traceback: [] };
  const lines = text.split('\n');
  // TypeScript's diagnostics, as tslab prints them: "LINE:COL - message".
  const diagnostics = lines.filter((l) => /^(\S+ )?\d+:\d+ - /.test(l));
  if (diagnostics.length > 0) return { ename: 'TypeScript', evalue: diagnostics.join('\n'), traceback: lines };
  // An exception, as console.error prints it: "Name: message" then the stack.
  const first = lines.findIndex((l) => /^(Uncaught )?[A-Za-z_$][\w$]*(Error|Exception)?(\s*\[[^\]]*\])?: /.test(l));
  if (first >= 0) {
    const m = /^(?:Uncaught )?([A-Za-z_$][\w$]*)(?:\s*\[[^\]]*\])?: (.*)$/.exec(lines[first]);
    const stack = lines.findIndex((l, i) => i > first && /^\s+at /.test(l));
    const message = [m[2], ...lines.slice(first + 1, stack > first ? stack : lines.length)].join('\n').trim();
    return { ename: m[1], evalue: message, traceback: lines };
  }
  return { ename: 'Error', evalue: text, traceback: lines };
}

/** A failed cell's reply names the error and gives its message (tslab leaves both out). */
function patchErrorReplies() {
  const { JupyterHandlerImpl } = fromTslab('./jupyter');
  const original = JupyterHandlerImpl.prototype.handleExecute;
  JupyterHandlerImpl.prototype.handleExecute = async function (req, writeStream, writeDisplayData) {
    let stderr = '';
    const capture = (name, text) => {
      if (name === 'stderr' && stderr.length < MAX_CAPTURE) stderr += text;
      writeStream(name, text);
    };
    const content = await original.call(this, req, capture, writeDisplayData);
    if (content?.status === 'error' && content.ename === undefined) Object.assign(content, describeFailure(stderr.slice(0, MAX_CAPTURE)));
    return content;
  };
}

module.exports = { describeFailure, installedFrom, mounts, mapper };

if (require.main === module) {
  patchCompilerFileSystem(mapper(mounts(process.cwd())));
  patchRuntimeResolution();
  patchErrorReplies();
  const at = process.argv.indexOf('--config-path');
  const configPath = at >= 0 ? process.argv[at + 1] : undefined;
  if (configPath === undefined) {
    process.stderr.write('notebook-kernel: --config-path saknas (Jupyter ger anslutningsfilen)\n');
    process.exit(2);
  }
  const { getVersion } = fromTslab('./util');
  fromTslab('./main.js').startKernel({ configPath, enableFindLocal: false, jsKernel: false, globalVersion: getVersion() });
}
