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
//   node scripts/notebooks.mjs --execute NAME [--param key=value]… [--out FILE] [--timeout S]
//                                           set up, run one notebook headless (papermill's habit: the values
//                                           go into a cell after the one tagged `parameters`), write the
//                                           executed copy (default out/notebooks/NAME.ipynb in the folder you
//                                           run from); exit 1 with the cell's error when a cell fails
//
// NAME is a path to any notebook, or a notebook in notebooks/ by its name
// (`03-scenarier-monte-carlo`, or `03`). The kernel runs in the notebook's own
// folder, so its relative paths mean what they say, and it imports andel
// there too (scripts/notebook-kernel.cjs).
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
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, readlinkSync, realpathSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { basename, delimiter, dirname, join, resolve } from 'node:path';
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

/**
 * The kernelspec: this Node running tslab from notebooks/node_modules through
 * scripts/notebook-kernel.cjs, which lets a notebook in any folder import andel
 * and gives a failed cell's error a name and a message.
 */
function kernelSpec() {
  return {
    argv: [process.execPath, join(root, 'scripts', 'notebook-kernel.cjs'), '--config-path', '{connection_file}'],
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

// ---------------------------------------------------------------------------
// Headless runs: --execute NAME [--param key=value]… [--out FILE] [--timeout S]
// ---------------------------------------------------------------------------

/** Where the caller stands: npm run moves to the project, and keeps the caller's folder in INIT_CWD. */
const callerDir = () => process.env.INIT_CWD ?? process.cwd();

/** The shipped notebooks, by file name. */
function shippedNotebooks() {
  return existsSync(notebooksDir) ? readdirSync(notebooksDir).filter((f) => f.endsWith('.ipynb') && !f.startsWith('.')).sort() : [];
}

/**
 * The notebook NAME names: a path (from the folder you run in) to any
 * notebook, else a notebook in notebooks/ by its file name, with or without
 * .ipynb, or by the start of it when only one begins so (`03`).
 */
export function resolveNotebook(name, from = callerDir()) {
  const asPath = resolve(from, name);
  if (existsSync(asPath) && statSync(asPath).isFile()) return asPath;
  const shipped = shippedNotebooks();
  for (const candidate of [name, `${name}.ipynb`]) if (shipped.includes(candidate)) return join(notebooksDir, candidate);
  const starting = shipped.filter((f) => f.startsWith(name));
  if (starting.length === 1 && !name.includes('/')) return join(notebooksDir, starting[0]);
  if (starting.length > 1) fail(`${name} kan vara flera anteckningsböcker: ${starting.join(', ')}. Skriv mer av namnet.`);
  fail(`anteckningsboken ${name} finns inte (som sökväg från ${from} eller i notebooks/): ange en .ipynb-fil eller en av ${shipped.join(', ')}.`);
}

/** A cell's source as one string (nbformat allows a list of lines). */
const cellText = (cell) => (Array.isArray(cell.source) ? cell.source.join('') : String(cell.source ?? ''));
const tagsOf = (cell) => (Array.isArray(cell.metadata?.tags) ? cell.metadata.tags : []);

/** `const name[: type] = value;` in a parameters cell: the defaults, in order. */
export function parameterDefaults(source) {
  const out = [];
  for (const line of source.split('\n')) {
    const m = /^\s*(?:export\s+)?(const|let|var)\s+([\p{L}_$][\p{L}\p{N}_$]*)\s*(?::\s*([^=]+?))?\s*=\s*(.+?)\s*;?\s*(?:\/\/.*)?$/u.exec(line);
    if (!m) continue;
    const [, keyword, name, annotation, value] = m;
    const kind =
      annotation === 'number' || /^[-+]?(\d[\d_]*)(\.\d+)?([eE][-+]?\d+)?$/.test(value)
        ? 'number'
        : annotation === 'string' || /^['"`]/.test(value)
          ? 'string'
          : annotation === 'boolean' || value === 'true' || value === 'false'
            ? 'boolean'
            : 'other';
    out.push({ keyword, name, annotation: annotation?.trim(), value, kind });
  }
  return out;
}

/** A number as a planner writes it: 2000, 2 000, 0,15, 0.15, −5 (Swedish comma and minus too). */
function parseNumber(text) {
  const t = text.trim().replace(/[\s\u00a0_]/g, '').replace(/\u2212/g, '-');
  if (!/^[-+]?\d+([.,]\d+)?([eE][-+]?\d+)?$/.test(t)) return undefined;
  return Number(t.replace(',', '.'));
}

/**
 * The value given on the command line as TypeScript, typed after the default:
 * a number stays a number, a string is quoted (so a code like 0180 stays
 * text), true/false a boolean; beside a default that is an expression, a
 * number-looking value is a number and anything else a string.
 */
export function parameterLiteral(def, raw) {
  const number = parseNumber(raw);
  if (def.kind === 'number') {
    if (number === undefined || !Number.isFinite(number)) return { error: `${def.name} ska vara ett tal (standardvärdet är ${def.value}), inte "${raw}"` };
    return { code: String(number), type: 'number' };
  }
  if (def.kind === 'boolean') {
    if (raw !== 'true' && raw !== 'false') return { error: `${def.name} ska vara true eller false (standardvärdet är ${def.value}), inte "${raw}"` };
    return { code: raw, type: 'boolean' };
  }
  if (def.kind === 'string') return { code: JSON.stringify(raw), type: 'string' };
  if (number !== undefined && Number.isFinite(number)) return { code: String(number), type: undefined };
  if (raw === 'true' || raw === 'false') return { code: raw, type: undefined };
  return { code: JSON.stringify(raw), type: undefined };
}

/**
 * A copy of the notebook with the given parameters in a new cell right after
 * the one tagged `parameters` (tagged `injected-parameters`, as papermill
 * does; an earlier injected cell is dropped). Problems are returned, all at once.
 */
export function injectParameters(notebook, params) {
  const nb = structuredClone(notebook);
  nb.cells = (nb.cells ?? []).filter((c) => !tagsOf(c).includes('injected-parameters'));
  if (params.length === 0) return { notebook: nb, problems: [] };
  const at = nb.cells.findIndex((c) => c.cell_type === 'code' && tagsOf(c).includes('parameters'));
  if (at < 0) return { notebook: nb, problems: ['anteckningsboken har ingen kodcell taggad "parameters" (standardvärdena), så --param har inget att ersätta'] };
  const defaults = parameterDefaults(cellText(nb.cells[at]));
  const problems = [];
  const lines = [];
  const given = {};
  for (const { key, value } of params) {
    const def = defaults.find((d) => d.name === key);
    if (!def) {
      problems.push(`parametern ${key} finns inte i parametercellen (där finns: ${defaults.map((d) => d.name).join(', ') || 'inga'})`);
      continue;
    }
    const lit = parameterLiteral(def, value);
    if (lit.error) {
      problems.push(lit.error);
      continue;
    }
    const type = def.annotation ?? lit.type;
    lines.push(`${def.keyword === 'var' ? 'var' : def.keyword} ${key}${type ? `: ${type}` : ''} = ${lit.code};`);
    given[key] = lit.code;
  }
  if (problems.length > 0) return { notebook: nb, problems };
  const source = ['// Parametrar från kommandoraden (--param), i stället för standardvärdena ovan.', ...lines].join('\n');
  nb.cells.splice(at + 1, 0, {
    cell_type: 'code',
    execution_count: null,
    ...(nb.nbformat > 4 || (nb.nbformat === 4 && nb.nbformat_minor >= 5) ? { id: 'injected-parameters' } : {}),
    metadata: { tags: ['injected-parameters'] },
    outputs: [],
    source,
  });
  nb.metadata = { ...(nb.metadata ?? {}), andel: { ...(nb.metadata?.andel ?? {}), parameters: given } };
  return { notebook: nb, problems: [] };
}

/** A Python that has nbclient: the one Jupyter runs on, else python3 on PATH, else Debian's. */
function pythonWithNbclient() {
  const candidates = [];
  for (const cmd of ['jupyter', 'jupyter-nbconvert']) {
    const where = spawnSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' }).stdout.trim();
    if (where === '') continue;
    const first = readFileSync(where, 'utf8').split('\n', 1)[0];
    if (first.startsWith('#!')) candidates.push(first.slice(2).trim().split(/\s+/)[0]);
  }
  candidates.push('python3', '/usr/bin/python3');
  const works = (py) => spawnSync(py, ['-c', 'import nbclient, nbformat'], { stdio: 'ignore' }).status === 0;
  for (const py of candidates) if (works(py)) return py;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (process.env.ANDEL_NO_SYSTEM_INSTALL !== '1' && isRoot && onPath('apt-get')) {
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    run('apt-get', ['update', '-qq'], { env });
    run('apt-get', ['install', '-y', '-qq', '--no-install-recommends', 'python3-nbclient'], { env });
    if (works('/usr/bin/python3')) return '/usr/bin/python3';
  }
  fail('nbclient (Jupyters sätt att köra en anteckningsbok) saknas. Installera det med: sudo apt-get install -y python3-nbclient  (eller pip install nbclient).');
}

// Runs a notebook with nbclient in the notebook's own folder and writes the executed copy even when a cell fails.
const RUNNER = String.raw`
import sys, nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError
src, dst, cwd, timeout, kernel = sys.argv[1:6]
nb = nbformat.read(src, as_version=4)
current = {'index': None}
def started(cell, cell_index, **kw):
    current['index'] = cell_index
client = NotebookClient(nb, kernel_name=kernel, timeout=int(timeout), resources={'metadata': {'path': cwd}}, on_cell_start=started)
failure = None
try:
    client.execute()
except CellExecutionError as e:
    failure = str(e)
except Exception as e:
    failure = '%s: %s' % (type(e).__name__, e)
finally:
    nbformat.write(nb, dst)
if failure is not None:
    i = current['index']
    sys.stderr.write('CELL %s\n' % ('?' if i is None else i + 1))
    sys.stderr.write(failure.strip() + '\n')
    sys.exit(1)
`;

/** Runs a notebook headless with parameters; writes the executed copy; exit 1 on a cell error. */
function executeNotebook({ name, params, out, timeout }) {
  const file = resolveNotebook(name);
  let notebook;
  try {
    notebook = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    fail(`${file} kan inte läsas som en anteckningsbok (JSON): ${e.message}`);
  }
  const { notebook: prepared, problems } = injectParameters(notebook, params);
  if (problems.length > 0) fail(`${file}:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  const target = resolve(callerDir(), out ?? join('out', 'notebooks', basename(file)));
  mkdirSync(dirname(target), { recursive: true });
  const { kernelName } = setup();
  const python = pythonWithNbclient();
  const tmp = mkdtempSync(join(tmpdir(), 'andel-notebook-'));
  const input = join(tmp, basename(file));
  writeFileSync(input, JSON.stringify(prepared));
  log(`kör ${file}${params.length ? ` med ${params.map((p) => `${p.key}=${p.value}`).join(', ')}` : ''} (kärnan ${kernelName}, i ${dirname(file)})`);
  const r = spawnSync(python, ['-c', RUNNER, input, target, dirname(file), String(timeout), kernelName], {
    cwd: dirname(file),
    env: { ...process.env, JUPYTER_PATH: [jupyterPath, process.env.JUPYTER_PATH].filter(Boolean).join(delimiter) },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  rmSync(tmp, { recursive: true, force: true });
  if (r.status === 0) {
    log(`klar: ${target}`);
    process.stdout.write(`${target}\n`);
    return 0;
  }
  const text = (r.stderr ?? '').replace(/^.*MissingIDFieldWarning.*\n.*\n/gm, '');
  const m = /^CELL (\S+)\n([\s\S]*)$/m.exec(text);
  if (m) log(`cell ${m[1]} misslyckades:\n${m[2].trimEnd()}`);
  else log(`körningen misslyckades (exit ${r.status ?? r.signal}):\n${text.trimEnd()}`);
  log(`den körda kopian, med utdata fram till felet: ${target}`);
  return 1;
}

// Run as a script (not imported): compared by real path, as a checkout may sit behind a symlink.
const isMain = process.argv[1] !== undefined && realpathSync(fileURLToPath(import.meta.url)) === realpathSync(process.argv[1]);
if (isMain) {
  // Our own flags; everything else goes on to Jupyter (`npm run notebooks -- --no-browser --port 8890`).
  const FLAGS = new Set(['--setup', '--user', '--force']);
  const VALUED = new Set(['--execute', '--param', '--out', '--timeout']);
  const args = process.argv.slice(2);
  const dash = args.indexOf('--');
  const before = dash >= 0 ? args.slice(0, dash) : args;
  const own = new Set();
  const values = { '--execute': [], '--param': [], '--out': [], '--timeout': [] };
  const passOn = [];
  for (let i = 0; i < before.length; i++) {
    const a = before[i];
    const eq = a.indexOf('=');
    const flag = a.startsWith('--') && eq > 0 ? a.slice(0, eq) : a;
    if (FLAGS.has(a)) own.add(a);
    else if (VALUED.has(flag)) {
      const value = flag !== a ? a.slice(eq + 1) : before[++i];
      if (value === undefined) fail(`${flag} behöver ett värde.`);
      values[flag].push(value);
    } else passOn.push(a);
  }
  passOn.push(...(dash >= 0 ? args.slice(dash + 1) : []));
  if (values['--execute'].length > 0) {
    if (values['--execute'].length > 1) fail('--execute tar en anteckningsbok i taget.');
    const params = values['--param'].map((p) => {
      const at = p.indexOf('=');
      if (at <= 0) fail(`--param ${p}: skriv namn=värde, t.ex. --param antalKörningar=2000.`);
      return { key: p.slice(0, at).trim(), value: p.slice(at + 1) };
    });
    const timeout = values['--timeout'].length > 0 ? Number(values['--timeout'].at(-1)) : 600;
    if (!Number.isInteger(timeout) || timeout <= 0) fail('--timeout är sekunder per cell, ett positivt heltal.');
    if (passOn.length > 0) fail(`okänt för --execute: ${passOn.join(' ')}`);
    process.exit(executeNotebook({ name: values['--execute'][0], params, out: values['--out'].at(-1), timeout }));
  } else if (values['--param'].length > 0 || values['--out'].length > 0) {
    fail('--param och --out hör till --execute NAMN.');
  }
  const { kernelSpec: file } = setup();
  log(`kärnan: ${file}`);
  if (own.has('--user')) registerForUser();
  if (!own.has('--setup') && !own.has('--user')) startJupyter(passOn);
}
