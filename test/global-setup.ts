// The CLI and report tests run bin/andel.js, which runs the compiled dist/. Build it when
// a source is newer than the last build, so `npx vitest` alone is safe too (from any
// working directory: the script is found from this file, not from the current folder).
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export default function setup(): void {
  const root = fileURLToPath(new URL('..', import.meta.url));
  execFileSync(process.execPath, ['scripts/bootstrap.mjs', '--build-only'], { stdio: 'inherit', cwd: root });
}
