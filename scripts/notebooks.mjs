#!/usr/bin/env node
// The notebooks' kernel and Jupyter: makes the TypeScript kernel (tslab)
// ready for the notebooks in notebooks/, then starts Jupyter on that folder.
// Plain Node with no dependencies, like bootstrap.mjs.
//
//   node scripts/notebooks.mjs              set up, then start Jupyter (npm run notebooks)
//   node scripts/notebooks.mjs --setup      set up only (bootstrap --for test, the notebook tests)
//   node scripts/notebooks.mjs --user       set up, and register the kernel in your own Jupyter folder (for VS Code);
//                                           --force replaces a tslab kernel there that is not andel's
//   node scripts/notebooks.mjs ARGS         … passes other ARGS on to Jupyter (e.g. --no-browser --port 8890)
//
// Setting up means:
// - notebooks/node_modules: tslab from notebooks/package.json. It is kept out
//   of the project's own packages because tslab brings its own TypeScript
//   (5.0), whose `tsc` would take the place of the project's in
//   node_modules/.bin;
// - notebooks/node_modules/andel: a link to this folder, so a notebook
//   imports the package by its name, as a user would (`from 'andel'`), and
//   gets the built library in dist/;
// - .jupyter/kernels/tslab/kernel.json: the kernel, with absolute paths,
//   found by Jupyter through JUPYTER_PATH=<project>/.jupyter.
//
// Starting Jupyter needs JupyterLab or the classic Notebook; run as root on
// Debian, the classic Notebook is installed with apt-get (jupyter-notebook)
// when neither is there. Set ANDEL_NO_SYSTEM_INSTALL=1 to never call apt-get.
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, lstatSync, mkdirSync, readFileSync, readlinkSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const notebooksDir = join(root, 'notebooks');
/** Where the project's kernelspec lives: give it to Jupyter as JUPYTER_PATH. */
export const jupyterPath = join(root, '.jupyter');
const KERNEL_NAME = 'tslab';

function log(msg) {
  process.stderr.write(`notebooks: ${msg}\n`);
}

function fail(msg, code = 2) {
  log(msg);
  process.exit(code);
}

function run(cmd, args, opts = {}) {
  log(`${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', ...opts });
  if (r.status !== 0) fail(`"${cmd} ${args.join(' ')}" misslyckades (exit ${r.status ?? r.signal}).`, r.status || 1);
}

function onPath(cmd) {
  return spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
}

function checkNode() {
  // tslab loads andel's ES modules with require(), which Node does from 20.19.
  const [major, minor] = process.versions.node.split('.').map(Number);
  if (major < 20 || (major === 20 && minor < 19)) fail(`notebookkärnan kräver Node ≥ 20.19 (du har ${process.versions.node}).`);
}

function ensureBuild() {
  run(process.execPath, [join(root, 'scripts', 'bootstrap.mjs'), '--build-only'], { cwd: root });
}

/** tslab in notebooks/node_modules, reinstalled when notebooks/package*.json change. */
function ensureKernelPackages() {
  const h = createHash('sha256');
  for (const f of ['package.json', 'package-lock.json']) {
    if (existsSync(join(notebooksDir, f))) h.update(readFileSync(join(notebooksDir, f)));
  }
  const want = h.digest('hex');
  const stamp = join(notebooksDir, 'node_modules', '.andel-deps-stamp');
  const tslab = join(notebooksDir, 'node_modules', 'tslab', 'bin', 'tslab');
  if (existsSync(tslab) && existsSync(stamp) && readFileSync(stamp, 'utf8') === want) return;
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const hasLock = existsSync(join(notebooksDir, 'package-lock.json'));
  // tslab needs no install script: its zeromq ships prebuilt binaries.
  run(npm, [hasLock ? 'ci' : 'install', '--ignore-scripts', '--no-audit', '--no-fund'], { cwd: notebooksDir });
  writeFileSync(stamp, want);
}

/** notebooks/node_modules/andel → the project, so `import … from 'andel'` finds the package. */
function ensureSelfLink() {
  const link = join(notebooksDir, 'node_modules', 'andel');
  const target = join('..', '..');
  try {
    const st = lstatSync(link);
    if (st.isSymbolicLink() && readlinkSync(link) === target) return;
    rmSync(link, { recursive: true, force: true });
  } catch {
    // not there yet
  }
  symlinkSync(target, link, process.platform === 'win32' ? 'junction' : 'dir');
}

/** The kernelspec: this Node running tslab from notebooks/node_modules. */
function kernelSpec() {
  return {
    argv: [process.execPath, join(notebooksDir, 'node_modules', 'tslab', 'bin', 'tslab'), 'kernel', '--config-path', '{connection_file}'],
    display_name: 'TypeScript (tslab, andel)',
    language: 'typescript',
    metadata: { andel: { project: root } },
  };
}

function writeKernelSpec(kernelsDir) {
  const dir = join(kernelsDir, KERNEL_NAME);
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'kernel.json');
  const text = JSON.stringify(kernelSpec(), null, 2) + '\n';
  if (!existsSync(file) || readFileSync(file, 'utf8') !== text) writeFileSync(file, text);
  return file;
}

/** Your own Jupyter data folder (where VS Code and Jupyter look for kernels without JUPYTER_PATH). */
function userKernelsDir() {
  if (process.env.JUPYTER_DATA_DIR) return join(process.env.JUPYTER_DATA_DIR, 'kernels');
  if (process.platform === 'darwin') return join(homedir(), 'Library', 'Jupyter', 'kernels');
  if (process.platform === 'win32') return join(process.env.APPDATA ?? homedir(), 'jupyter', 'kernels');
  return join(process.env.XDG_DATA_HOME ?? join(homedir(), '.local', 'share'), 'jupyter', 'kernels');
}

function registerForUser() {
  const file = join(userKernelsDir(), KERNEL_NAME, 'kernel.json');
  if (existsSync(file)) {
    let theirs;
    try {
      theirs = JSON.parse(readFileSync(file, 'utf8'));
    } catch {
      theirs = undefined;
    }
    if (theirs?.metadata?.andel === undefined && !process.argv.includes('--force')) {
      fail(`${file} finns redan och är inte andels (en egen tslab-kärna?). Kör med --force för att ersätta den.`);
    }
  }
  log(`kärnan registrerad för din användare: ${writeKernelSpec(userKernelsDir())}`);
}

/** Everything a notebook needs to run: the build, tslab, the link, the kernelspec. */
export function setup() {
  checkNode();
  ensureBuild();
  ensureKernelPackages();
  ensureSelfLink();
  const file = writeKernelSpec(join(jupyterPath, 'kernels'));
  return { kernelSpec: file, jupyterPath, kernelName: KERNEL_NAME };
}

/** JupyterLab if there is one, else the classic Notebook; installs the latter as root on Debian. */
function jupyterCommand() {
  if (onPath('jupyter-lab')) return ['jupyter', 'lab'];
  if (onPath('jupyter-notebook')) return ['jupyter', 'notebook'];
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (process.env.ANDEL_NO_SYSTEM_INSTALL === '1' || !isRoot || !onPath('apt-get')) {
    fail(
      'Jupyter saknas. Installera det med: sudo apt-get install -y jupyter-notebook  (eller pip install notebook / jupyterlab), ' +
        'och kör sedan npm run notebooks igen. I VS Code behövs inget av detta: se README, avsnittet Notebooks.',
    );
  }
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  run('apt-get', ['update', '-qq'], { env });
  run('apt-get', ['install', '-y', '-qq', '--no-install-recommends', 'jupyter-notebook'], { env });
  return ['jupyter', 'notebook'];
}

function startJupyter(extra) {
  const [cmd, sub] = jupyterCommand();
  // Jupyter refuses to run as root unless told: a container or a CI machine.
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const args = [sub, `--notebook-dir=${notebooksDir}`, ...(isRoot && !extra.includes('--allow-root') ? ['--allow-root'] : []), ...extra];
  log(`${cmd} ${args.join(' ')}  (JUPYTER_PATH=${jupyterPath}; kärnan heter "TypeScript (tslab, andel)")`);
  const child = spawn(cmd, args, { cwd: notebooksDir, stdio: 'inherit', env: { ...process.env, JUPYTER_PATH: jupyterPath } });
  // Ctrl-C reaches Jupyter through the terminal; wait for it to shut down.
  process.on('SIGINT', () => {});
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

// Run as a script (not imported): compared by real path, as a checkout may sit behind a symlink.
const isMain = process.argv[1] !== undefined && realpathSync(fileURLToPath(import.meta.url)) === realpathSync(process.argv[1]);
if (isMain) {
  // Our own flags; everything else goes on to Jupyter (`npm run notebooks -- --no-browser --port 8890`).
  const OWN = new Set(['--setup', '--user', '--force']);
  const args = process.argv.slice(2);
  const dash = args.indexOf('--');
  const before = dash >= 0 ? args.slice(0, dash) : args;
  const own = before.filter((a) => OWN.has(a));
  const passOn = [...before.filter((a) => !OWN.has(a)), ...(dash >= 0 ? args.slice(dash + 1) : [])];
  const { kernelSpec: file } = setup();
  log(`kärnan: ${file}`);
  if (own.includes('--user')) registerForUser();
  if (!own.includes('--setup') && !own.includes('--user')) startJupyter(passOn);
}
