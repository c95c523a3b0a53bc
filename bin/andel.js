#!/usr/bin/env node
// The `andel` command. The CLI is compiled TypeScript in dist/; a fresh clone
// builds it on `npm install` (the prepare script) or `npm run build`.
import { existsSync } from 'node:fs';

const entry = new URL('../dist/cli/main.js', import.meta.url);
if (!existsSync(entry)) {
  process.stderr.write(
    'andel: programmet är inte byggt. Kör "npm install" (eller "npm run build") i projektets rot.\n' +
      'andel: the program is not built. Run "npm install" (or "npm run build") in the project root.\n',
  );
  process.exit(2);
}
await import(entry.href);
