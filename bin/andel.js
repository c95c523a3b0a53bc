#!/usr/bin/env node
// The `andel` command. The CLI is TypeScript bundled by esbuild into dist/cli-bundle/ (scripts/bundle.mjs, after
// tsc); a fresh clone builds it on `npm install` (the prepare script) or `npm run build`.
import { existsSync } from 'node:fs';

const entry = new URL('../dist/cli-bundle/main.js', import.meta.url);
if (!existsSync(entry)) {
  process.stderr.write(
    'andel: programmet är inte byggt. Kör "npm install" (eller "npm run build") i projektets rot.\n' +
      'andel: the program is not built. Run "npm install" (or "npm run build") in the project root.\n',
  );
  process.exit(2);
}
// A stack trace is printed only with --debug: then it names the TypeScript files, through the bundle's source maps.
// Reading the maps costs every run some 10 % of its start-up, so they are read only then.
if (process.argv.includes('--debug')) process.setSourceMapsEnabled(true);
await import(entry.href);
