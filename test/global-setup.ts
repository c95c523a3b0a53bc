// The CLI tests run bin/andel.js, which runs the compiled dist/. Build it when
// a source is newer than the last build, so `npx vitest` alone is safe too.
import { execFileSync } from 'node:child_process';

export default function setup(): void {
  execFileSync(process.execPath, ['scripts/bootstrap.mjs', '--build-only'], { stdio: 'inherit' });
}
