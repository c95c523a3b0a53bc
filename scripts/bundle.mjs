#!/usr/bin/env node
// Bundles the command line into dist/cli-bundle/ with esbuild (a development dependency), after tsc has
// built dist/. See the README (Development): a CLI that starts in one file instead of some 170 modules.
//
//   node scripts/bundle.mjs
//
// Two entry points: the CLI (`main.js`) and the Monte Carlo worker thread (`simulation-worker.js`), side by side,
// because pipeline/simulation-threads.ts starts its worker as `new URL('./simulation-worker.js', import.meta.url)`;
// code both share goes into chunks, and each command's lazy `import()` stays a chunk of its own, so `andel --help`
// loads none of a command's code. The folder is as deep under the root as dist/cli/, so `../../package.json`
// (the version) resolves the same. Source maps name the .ts files; bin/andel.js turns them on.
import { build } from 'esbuild';
import { rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const outdir = join(root, 'dist', 'cli-bundle');

// Packages small and pure enough to bundle, and on the path of every command. The rest stay in node_modules and
// load when a command needs them (puppeteer-core, pdf-lib, docx, handlebars, xlsx, plotly.js-dist, cli-progress):
// they are large, load lazily already, and some resolve files of their own at run time.
const BUNDLED = new Set(['commander', 'zod', 'yaml', 'decimal.js', 'pure-rand', 'csv-parse']);

/** @type {import('esbuild').Plugin} */
const onlyBundled = {
  name: 'andel-externals',
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, (args) => {
      if (args.path.startsWith('node:')) return { path: args.path, external: true };
      const name = args.path.startsWith('@') ? args.path.split('/').slice(0, 2).join('/') : args.path.split('/')[0];
      return BUNDLED.has(name) ? undefined : { path: args.path, external: true };
    });
  },
};

rmSync(outdir, { recursive: true, force: true });
await build({
  absWorkingDir: root,
  entryPoints: { main: 'cli/main.ts', 'simulation-worker': 'pipeline/simulation-worker.ts' },
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  sourcemap: true,
  sourcesContent: false,
  // Chunks beside the entries: the worker is started from whichever chunk holds simulation-threads.ts.
  chunkNames: '[name]-[hash]',
  plugins: [onlyBundled],
  logLevel: 'warning',
  // The bundled CommonJS packages (commander, yaml, decimal.js) call require() for Node's own modules.
  banner: { js: "import { createRequire as __andelCreateRequire } from 'node:module'; const require = __andelCreateRequire(import.meta.url);" },
});

// The explorer's engine (`andel explore`, pipeline/explore.ts): the same loaders, models and JSON contract as the
// CLI, bundled for the browser into one script that pipeline/explore.ts inlines in the page. Node's modules are
// shims over the files the page embeds (scripts/browser-shims/): the loaders read the scheme, its population and
// the code list where the command line read them, instead of a second loader written for the browser.
{
  const shims = join(root, 'scripts', 'browser-shims');
  const NODE_SHIMS = {
    fs: 'fs.js',
    'fs/promises': 'fs-promises.js',
    path: 'path.js',
    url: 'url.js',
  };
  /** @type {import('esbuild').Plugin} */
  const nodeShims = {
    name: 'andel-browser-shims',
    setup(b) {
      b.onResolve({ filter: /^node:|^(fs|fs\/promises|path|url|module|os|util|crypto|worker_threads)$/ }, (args) => {
        const name = args.path.replace(/^node:/, '');
        return { path: join(shims, NODE_SHIMS[name] ?? 'unavailable.js') };
      });
    },
  };
  const outfile = join(root, 'dist', 'explore', 'engine.js');
  rmSync(dirname(outfile), { recursive: true, force: true });
  // Both bundles: one script each, for the browser, over the node: shims.
  const browserScript = { absWorkingDir: root, bundle: true, format: 'iife', platform: 'browser', target: 'es2022', minify: true, legalComments: 'none', charset: 'utf8', plugins: [nodeShims], logLevel: 'warning' };
  await build({
    ...browserScript,
    entryPoints: [join(shims, 'explore-entry.js')],
    outfile,
    inject: [join(shims, 'globals.js')],
    define: { 'import.meta.url': '__andel_import_meta_url' },
  });
  // SheetJS on its own (some 0,9 MB), for the pages whose scheme reads a spreadsheet: the rest do without it.
  await build({ ...browserScript, entryPoints: [join(shims, 'xlsx-entry.js')], outfile: join(root, 'dist', 'explore', 'xlsx.js') });
}

// The built-in schemes as parsed by this build (data/scheme/parsed-cache.ts): a run that reads one of these files
// unchanged takes the definition from here instead of parsing and validating its YAML again. Only a definition that
// comes back from JSON exactly as it went in is cached; the rest are parsed at run time as always.
{
  const { readFileSync, readdirSync, writeFileSync } = await import('node:fs');
  const { isDeepStrictEqual } = await import('node:util');
  const { pathToFileURL } = await import('node:url');
  const { parseSchemeFile } = await import(pathToFileURL(join(root, 'dist', 'data', 'scheme', 'parse.js')).href);
  const dir = join(root, 'data', 'schemes');
  const entries = {};
  for (const f of readdirSync(dir).filter((name) => /\.(ya?ml|json)$/.test(name)).sort()) {
    const label = `data/schemes/${f}`;
    const text = readFileSync(join(dir, f), 'utf8');
    const definition = parseSchemeFile(text, label);
    const json = JSON.stringify(definition);
    if (isDeepStrictEqual(JSON.parse(json), definition)) entries[label] = { text, definition: json };
  }
  writeFileSync(join(root, 'dist', 'scheme-cache.json'), `${JSON.stringify({ entries })}\n`);
}
