// andel as a dependency, the ordinary way a TypeScript toolkit is used: the
// project is packed (`npm pack`), the tarball installed into a fresh project
// with nothing but the npm registry, no overrides and no environment
// variables, and used there: the CLI (an allocation and a letter printed
// with the system's Chromium) and the library from TypeScript with its
// types. Skipped only when the registry cannot be reached, with the reason
// in the name; under CI that is a failure.
import { execFile, execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../../data/project-root.js';
import { pdftotext, plainSpaces, whyNoPdfTests } from '../reports/render/pdf-tools.js';

const run = promisify(execFile);
const ROOT = projectRoot();

/** The environment of a user's shell: none of npm's script variables or Puppeteer's settings leak in. */
const env: NodeJS.ProcessEnv = Object.fromEntries(
  Object.entries(process.env).filter(([k]) => !/^(npm_|PUPPETEER_|ANDEL_|VITEST|NODE_OPTIONS$)/i.test(k)),
);

async function registryReachable(): Promise<string | undefined> {
  try {
    await run('npm', ['ping'], { env, timeout: 60_000 });
    return undefined;
  } catch (error) {
    return `the npm registry cannot be reached (${error instanceof Error ? error.message.split('\n')[0] : String(error)})`;
  }
}

const reason = (await registryReachable()) ?? (await whyNoPdfTests());
if (reason !== undefined && process.env['CI'] === 'true') throw new Error(`The install test must run under CI, but ${reason}`);
const suite = reason === undefined ? describe : describe.skip;

suite(reason === undefined ? 'andel installed from its tarball into a fresh project' : `andel installed from its tarball — SKIPPED: ${reason}`, { timeout: 300_000 }, () => {
  let dir: string;
  let project: string;
  let tarball: string;
  let installLog: string;

  /** Runs a command in the project; a failure carries what the command printed. */
  const inProject = async (cmd: string, args: string[]) => {
    try {
      return await run(cmd, args, { cwd: project, env, timeout: 300_000, maxBuffer: 64 << 20 });
    } catch (error) {
      const e = error as { stdout?: string; stderr?: string; message: string };
      throw new Error(`${cmd} ${args.join(' ')} failed: ${e.message}\n${e.stdout ?? ''}\n${e.stderr ?? ''}`);
    }
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'andel-install-'));
    // dist/ is built by the bootstrap before the tests; packing does not build again.
    const packed = execFileSync('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', dir], { cwd: ROOT, env, encoding: 'utf8', maxBuffer: 64 << 20 });
    tarball = join(dir, (JSON.parse(packed) as { filename: string }[])[0]!.filename);
    project = join(dir, 'project');
    execFileSync('mkdir', [project]);
    writeFileSync(join(project, 'package.json'), `${JSON.stringify({ name: 'planner-project', private: true, type: 'module' }, null, 2)}\n`);
    const r = await inProject('npm', ['install', '--no-audit', '--no-fund', tarball, 'typescript@~5.9.3', '@types/node@^20.19.0']);
    installLog = `${r.stdout}\n${r.stderr}`;
  }, 900_000);

  afterAll(() => {
    if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
  });

  it('ships no tests, fixtures, sources of the data readers or build leftovers, and has no install script of its own', () => {
    const listed = execFileSync('tar', ['-tzf', tarball], { encoding: 'utf8' }).split('\n').filter((f) => f !== '');
    expect(listed).toContain('package/dist/index.js');
    expect(listed).toContain('package/dist/index.d.ts');
    expect(listed).toContain('package/data/SOURCES.md');
    expect(listed).toContain('package/LICENSE');
    // The command line is esbuild's bundle, its worker beside it, with source maps; tsc's unbundled CLI stays home.
    for (const f of ['main.js', 'main.js.map', 'simulation-worker.js', 'simulation-worker.js.map']) expect(listed).toContain(`package/dist/cli-bundle/${f}`);
    expect(listed.filter((f) => f.startsWith('package/dist/cli/'))).toEqual([]);
    expect(listed.filter((f) => /^package\/(test|notebooks|bench|scripts|out|\.ci)\//.test(f) || /\.test\.|\.build-stamp|^package\/dist\/bench\/|^package\/data\/.*\.ts$/.test(f))).toEqual([]);
    const scripts = (JSON.parse(readFileSync(join(project, 'node_modules/andel/package.json'), 'utf8')) as { scripts?: Record<string, string> }).scripts ?? {};
    expect(Object.keys(scripts).filter((s) => /^(pre|post)?install$/.test(s))).toEqual([]);
  });

  it('installs without DataFrame packages or a browser download', () => {
    expect(installLog).not.toMatch(/ERR!/);
    const modules = readdirSync(join(project, 'node_modules'));
    expect(modules).toContain('andel');
    expect(modules).toContain('puppeteer-core');
    expect(modules).not.toContain('danfojs-node');
    expect(modules).not.toContain('puppeteer');
    expect(existsSync(join(project, 'node_modules/@tensorflow'))).toBe(false);
  });

  it('runs `npx andel allocate vgr-2022 --format json`', async () => {
    const { stdout } = await inProject('npx', ['andel', 'allocate', 'vgr-2022', '--format', 'json']);
    const json = JSON.parse(stdout) as { total: string; parties: { code: string; amount: string }[] };
    expect(json.total).toBe('34897180.00');
    expect(json.parties.find((p) => p.code === '1480')?.amount).toBe('5875490.00');
  });

  it('prints a letter with the system Chromium: `npx andel report letters vgr-2022 --party 1480`', async () => {
    const { stderr } = await inProject('npx', ['andel', 'report', 'letters', 'vgr-2022', '--party', '1480', '--out', 'ut']);
    expect(stderr).toMatch(/skrev 1 PDF/);
    const text = plainSpaces(await pdftotext(join(project, 'ut/brev/1480-goteborg.pdf'))).replace(/\s+/g, ' ');
    expect(text).toContain('587 549 invånare × 10 kr = 5 875 490 kr.');
  });

  it('is imported from TypeScript with its types, strictly checked', async () => {
    writeFileSync(
      join(project, 'tsconfig.json'),
      JSON.stringify({ compilerOptions: { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, skipLibCheck: false, outDir: 'build', types: ['node'] }, include: ['main.ts'] }),
    );
    writeFileSync(
      join(project, 'main.ts'),
      [
        "import { evaluateScheme, loadScheme, type LoadedScheme } from 'andel';",
        "const loaded: LoadedScheme = await loadScheme('vgr-2022');",
        'const result = evaluateScheme(loaded.model);',
        "const göteborg: number = result.parties.find((p) => p.party.code === '1480')!.amount;",
        'process.stdout.write(`${result.total} ${göteborg}\\n`);',
        '',
      ].join('\n'),
    );
    await inProject('npx', ['tsc', '-p', '.']);
    const { stdout } = await inProject('node', ['build/main.js']);
    expect(stdout.trim()).toBe('3489718000 587549000');
  });
});
