#!/usr/bin/env node
// Makes a fresh clone ready to run: npm packages when node_modules is missing
// or stale, the TypeScript build when a source is newer than dist/, and the
// system programs a task needs (Chromium for PDFs, poppler-utils to read them
// back in tests, Jupyter to execute notebooks, LibreOffice to lay out the Word
// files as page images) via apt-get when running as
// root on Debian. Plain Node with no dependencies: it runs before any exist.
//
//   node scripts/bootstrap.mjs                 npm packages + build + what the demo needs
//   node scripts/bootstrap.mjs --for test      … + what the tests need
//   node scripts/bootstrap.mjs --for bench     … + the peers npm run bench measures beside andel
//   node scripts/bootstrap.mjs --build-only    only the build (npm's prepare, vitest's setup)
//
// Set ANDEL_NO_SYSTEM_INSTALL=1 to never call apt-get.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const args = process.argv.slice(2);
const buildOnly = args.includes('--build-only');
const purpose = args.includes('--for') ? args[args.indexOf('--for') + 1] : 'demo';

// What each purpose needs from the system: a command to look for, the Debian
// packages that provide it, and why.
const SYSTEM_NEEDS = {
  demo: [{ any: ['chromium', 'chromium-browser', 'google-chrome'], env: 'PUPPETEER_EXECUTABLE_PATH', packages: ['chromium', 'fonts-dejavu-core'], why: 'PDF-rapporter (Chromium)' }],
  test: [
    { any: ['chromium', 'chromium-browser', 'google-chrome'], env: 'PUPPETEER_EXECUTABLE_PATH', packages: ['chromium', 'fonts-dejavu-core'], why: 'PDF-rapporter (Chromium)' },
    { any: ['pdftotext'], packages: ['poppler-utils'], why: 'läsa tillbaka PDF i testerna (pdftotext)' },
    { any: ['jupyter-nbconvert'], packages: ['jupyter-nbconvert', 'python3-nbclient', 'python3-ipykernel'], why: 'köra anteckningsböckerna i testerna (jupyter nbconvert)' },
    // The Word files are laid out as a word processor does to be looked at as page images; Liberation has Arial's metrics.
    { any: ['soffice', 'libreoffice'], packages: ['libreoffice-writer-nogui', 'fonts-liberation2'], why: 'Word-filerna som sidbilder i testerna (LibreOffice)' },
  ],
  // npm run bench measures andel beside its peers in one run: WeasyPrint for the letters, numpy for the Monte Carlo
  // (Typst's compiler comes from npm as a dev dependency).
  bench: [
    { any: ['chromium', 'chromium-browser', 'google-chrome'], env: 'PUPPETEER_EXECUTABLE_PATH', packages: ['chromium', 'fonts-dejavu-core'], why: 'PDF-rapporter (Chromium)' },
    { any: ['weasyprint'], packages: ['weasyprint'], why: 'WeasyPrint som jämförelse för breven' },
    { probe: ['python3', '-c', 'import numpy'], packages: ['python3-numpy'], why: 'numpy som jämförelse för Monte Carlo' },
  ],
};

function log(msg) {
  process.stderr.write(`bootstrap: ${msg}\n`);
}

function run(cmd, cmdArgs, opts = {}) {
  log(`${cmd} ${cmdArgs.join(' ')}`);
  const r = spawnSync(cmd, cmdArgs, { cwd: root, stdio: 'inherit', ...opts });
  if (r.status !== 0) {
    log(`"${cmd} ${cmdArgs.join(' ')}" misslyckades (exit ${r.status ?? r.signal}).`);
    process.exit(r.status || 1);
  }
}

function checkNode() {
  const [major, minor] = process.versions.node.split('.').map(Number);
  if (major < 20 || (major === 20 && minor < 19)) {
    log(`andel kräver Node ≥ 20.19 (du har ${process.versions.node}).`);
    process.exit(2);
  }
}

function depsStamp() {
  const h = createHash('sha256');
  for (const f of ['package.json', 'package-lock.json']) {
    if (existsSync(join(root, f))) h.update(readFileSync(join(root, f)));
  }
  return h.digest('hex');
}

function ensureDependencies() {
  const stampFile = join(root, 'node_modules', '.andel-deps-stamp');
  const want = depsStamp();
  if (existsSync(stampFile) && readFileSync(stampFile, 'utf8') === want) return;
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const hasLock = existsSync(join(root, 'package-lock.json'));
  // prepare (our build) runs at the end of npm's install; that is fine.
  run(npm, [hasLock ? 'ci' : 'install', '--no-audit', '--no-fund']);
  writeFileSync(stampFile, want);
}

function newestSource(dir, newest = 0) {
  if (!existsSync(dir)) return newest;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    if (entry.isDirectory()) newest = newestSource(p, newest);
    else if (/\.(ts|json)$/.test(entry.name) && !entry.name.endsWith('.test.ts')) newest = Math.max(newest, statSync(p).mtimeMs);
  }
  return newest;
}

function ensureBuild() {
  const stamp = join(root, 'dist', '.build-stamp');
  let newest = 0;
  for (const d of ['models', 'data', 'reports', 'pipeline', 'cli', 'bench']) newest = newestSource(join(root, d), newest);
  for (const f of ['index.ts', 'tsconfig.json', 'tsconfig.build.json', 'package.json', 'scripts/bundle.mjs']) {
    if (existsSync(join(root, f))) newest = Math.max(newest, statSync(join(root, f)).mtimeMs);
  }
  // The explorer's browser bundle (dist/explore/engine.js) is built with these shims of Node's modules.
  const shims = join(root, 'scripts', 'browser-shims');
  if (existsSync(shims)) for (const f of readdirSync(shims)) newest = Math.max(newest, statSync(join(shims, f)).mtimeMs);
  // The stamp holds the newest source time seen before the last build, so a
  // file saved while tsc was running still counts as newer next time.
  const built = existsSync(stamp) ? Number(readFileSync(stamp, 'utf8').trim()) : NaN;
  const outputs = [join(root, 'dist', 'cli', 'main.js'), join(root, 'dist', 'cli-bundle', 'main.js'), join(root, 'dist', 'explore', 'engine.js')];
  if (Number.isFinite(built) && built >= newest && outputs.every((f) => existsSync(f))) return;
  const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
  if (!existsSync(tsc) || !existsSync(join(root, 'node_modules', 'esbuild'))) {
    log('TypeScript eller esbuild saknas i node_modules: kör "npm install" först.');
    process.exit(2);
  }
  // The same steps as `npm run build`: the library and every module (tsc), then the command line's bundle (esbuild).
  run(process.execPath, [tsc, '-p', 'tsconfig.build.json']);
  run(process.execPath, [join(root, 'scripts', 'bundle.mjs')]);
  writeFileSync(stamp, `${newest}\n`);
}

function onPath(cmd) {
  return spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
}

function ensureSystem(purposeName) {
  const needs = SYSTEM_NEEDS[purposeName] ?? [];
  const present = (n) =>
    (n.env && process.env[n.env] && existsSync(process.env[n.env])) ||
    (n.any ?? []).some(onPath) ||
    (n.probe !== undefined && spawnSync(n.probe[0], n.probe.slice(1), { stdio: 'ignore' }).status === 0);
  const missing = needs.filter((n) => !present(n));
  if (missing.length === 0) return;
  const packages = [...new Set(missing.flatMap((n) => n.packages))];
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (process.env.ANDEL_NO_SYSTEM_INSTALL === '1' || !isRoot || !onPath('apt-get')) {
    log(`saknas: ${missing.map((n) => n.why).join('; ')}.`);
    log(`installera med: sudo apt-get install -y ${packages.join(' ')}  (eller sätt PUPPETEER_EXECUTABLE_PATH till en Chrome/Chromium)`);
    return;
  }
  log(`installerar ${packages.join(' ')} (${missing.map((n) => n.why).join('; ')})`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  run('apt-get', ['update', '-qq'], { env });
  run('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...packages], { env });
}

checkNode();
if (!buildOnly) ensureDependencies();
ensureBuild();
if (!buildOnly) ensureSystem(purpose);
// The notebook tests run notebooks/ with the project's own tslab kernel.
if (!buildOnly && purpose === 'test') run(process.execPath, [join(root, 'scripts', 'notebooks.mjs'), '--setup']);
