#!/usr/bin/env node
// The `andel` command. The CLI is TypeScript bundled by esbuild into dist/cli-bundle/ (scripts/bundle.mjs, after
// tsc); a fresh clone builds it on `npm install` (the prepare script) or `npm run build`.
import { existsSync, statSync } from 'node:fs';

const entry = new URL('../dist/cli-bundle/main.js', import.meta.url);
if (!existsSync(entry)) {
  process.stderr.write(
    'andel: programmet är inte byggt. Kör "npm install" (eller "npm run build") i projektets rot.\n' +
      'andel: the program is not built. Run "npm install" (or "npm run build") in the project root.\n',
  );
  process.exit(2);
}
// In a checkout, tsc's output newer than the bundle means a build that stopped halfway (or tsc run alone): say so
// rather than run yesterday's program. The package ships no dist/cli/, so this never fires once installed.
const compiled = new URL('../dist/cli/main.js', import.meta.url);
if (existsSync(compiled) && statSync(compiled).mtimeMs > statSync(entry).mtimeMs) {
  process.stderr.write(
    'andel: varning: dist/cli-bundle/ är äldre än dist/: kör "npm run build" för att bygga om det.\n' +
      'andel: warning: dist/cli-bundle/ is older than dist/: run "npm run build" to rebuild it.\n',
  );
}
// A stack trace is printed only with --debug: then it names the TypeScript files, through the bundle's source maps.
// Reading the maps costs a short command about 7 % of its time, so they are read only then.
if (process.argv.includes('--debug')) process.setSourceMapsEnabled(true);
await import(entry.href);
