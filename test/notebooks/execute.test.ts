// `npm run notebooks -- --execute NAME --param key=value`: a notebook anywhere
// (here a temporary folder, outside notebooks/ and the project) imports andel
// and runs headless with parameters, papermill's way; an andel installed in the
// notebook's folder wins over the kernel's own; a failing cell fails the run
// with its error. The parameter handling and the kernel's error description
// are also tested on their own, without a kernel.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadScheme } from '../../data/load-scheme.js';
import { evaluateScheme } from '../../models/evaluate.js';
import { formatKronor } from '../../reports/format.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const script = join(root, 'scripts', 'notebooks.mjs');
const RUN_TIMEOUT_MS = 600_000;

interface Cell {
  cell_type: string;
  id?: string;
  metadata: { tags?: string[] };
  source: string | string[];
  outputs?: { output_type: string; name?: string; text?: string | string[] }[];
  execution_count?: number | null;
}
interface Notebook {
  cells: Cell[];
  metadata: Record<string, unknown>;
  nbformat: number;
  nbformat_minor: number;
}
interface Default {
  name: string;
  kind: string;
}
interface ScriptModule {
  injectParameters(nb: Notebook, params: { key: string; value: string }[]): { notebook: Notebook; problems: string[] };
  parameterDefaults(source: string): Default[];
  parameterLiteral(def: Default & { value: string }, raw: string): { code?: string; type?: string; error?: string };
}
interface KernelModule {
  describeFailure(stderr: string): { ename: string; evalue: string; traceback: string[] };
  mapper(table: Map<string, string>): (p: string) => string;
}

const text = (t: string | string[] | undefined): string => (Array.isArray(t) ? t.join('') : (t ?? ''));
const code = (source: string, tags?: string[]): Cell => ({ cell_type: 'code', metadata: tags ? { tags } : {}, source, outputs: [], execution_count: null });
const notebook = (cells: Cell[]): Notebook => ({
  cells: cells.map((c, i) => ({ ...c, id: `c${i}` })),
  metadata: { kernelspec: { name: 'tslab', display_name: 'TypeScript (tslab, andel)', language: 'typescript' } },
  nbformat: 4,
  nbformat_minor: 5,
});

describe('parameters (papermill habit), without a kernel', async () => {
  const nbScript = (await import(pathToFileURL(script).href)) as ScriptModule;
  const defaults = code("// standardvärden\nconst kommun = '0180';\nconst licens = 1_000_000;\nlet andel: number = 0.5; // hälften\nconst skarp = false;", ['parameters']);

  it('injects the values in a new cell right after the parameters cell, typed after the defaults', () => {
    const nb = notebook([code('import x from "y";'), defaults, code('kommun;')]);
    const { notebook: out, problems } = nbScript.injectParameters(nb, [
      { key: 'kommun', value: '0126' },
      { key: 'licens', value: '1 500 000' },
      { key: 'andel', value: '0,25' },
      { key: 'skarp', value: 'true' },
    ]);
    expect(problems).toEqual([]);
    expect(out.cells.map((c) => c.metadata.tags ?? [])).toEqual([[], ['parameters'], ['injected-parameters'], []]);
    expect(text(out.cells[2]!.source).split('\n').slice(1)).toEqual(['const kommun: string = "0126";', 'const licens: number = 1500000;', 'let andel: number = 0.25;', 'const skarp: boolean = true;']);
    expect(out.metadata['andel']).toEqual({ parameters: { kommun: '"0126"', licens: '1500000', andel: '0.25', skarp: 'true' } });
    // The original is left as it was, and a second injection replaces the first.
    expect(nb.cells).toHaveLength(3);
    const again = nbScript.injectParameters(out, [{ key: 'licens', value: '7' }]).notebook;
    expect(again.cells.filter((c) => (c.metadata.tags ?? []).includes('injected-parameters')).map((c) => text(c.source).split('\n')[1])).toEqual(['const licens: number = 7;']);
  });

  it('refuses unknown names and values of the wrong kind, every problem at once', () => {
    const { problems } = nbScript.injectParameters(notebook([defaults]), [
      { key: 'licns', value: '5' },
      { key: 'licens', value: 'mycket' },
      { key: 'skarp', value: 'ja' },
    ]);
    expect(problems).toEqual([
      'parametern licns finns inte i parametercellen (där finns: kommun, licens, andel, skarp)',
      'licens ska vara ett tal (standardvärdet är 1_000_000), inte "mycket"',
      'skarp ska vara true eller false (standardvärdet är false), inte "ja"',
    ]);
    expect(nbScript.injectParameters(notebook([code('const a = 1;')]), [{ key: 'a', value: '2' }]).problems).toEqual([
      'anteckningsboken har ingen kodcell taggad "parameters" (standardvärdena), så --param har inget att ersätta',
    ]);
  });

  it('types a value beside an expression default by its look: numbers as numbers, the rest quoted', () => {
    const [def] = nbScript.parameterDefaults('const start = new Date(2024, 0, 1).getFullYear();');
    expect(def).toMatchObject({ name: 'start', kind: 'other' });
    const other = { ...def!, value: 'new Date(…)' };
    expect(nbScript.parameterLiteral(other, '2025').code).toBe('2025');
    expect(nbScript.parameterLiteral(other, "O'Hara").code).toBe('"O\'Hara"');
    expect(nbScript.parameterLiteral({ name: 'n', kind: 'number', value: '1' }, '\u22125').code).toBe('-5');
  });
});

describe('the kernel: a failed cell says why, mounts map paths', () => {
  const kernel = createRequire(import.meta.url)(join(root, 'scripts', 'notebook-kernel.cjs')) as KernelModule;

  it("names TypeScript's diagnostics and an exception with its message", () => {
    expect(kernel.describeFailure("1:44 - Cannot find module 'x' or its corresponding type declarations.\n")).toMatchObject({
      ename: 'TypeScript',
      evalue: "1:44 - Cannot find module 'x' or its corresponding type declarations.",
    });
    const thrown = kernel.describeFailure('InputError: okänt schema "x".\n    at InputError.of (file:///a.js:1:1)\n    at async b (file:///b.js:2:2) {\n  code: \'E\'\n}\n');
    expect(thrown).toMatchObject({ ename: 'InputError', evalue: 'okänt schema "x".' });
    expect(thrown.traceback[1]).toContain('at InputError.of');
    expect(kernel.describeFailure('')).toMatchObject({ ename: 'Error', evalue: 'cellen misslyckades utan felmeddelande' });
  });

  it('maps a mounted folder and what lies under it, nothing else', () => {
    const real = kernel.mapper(new Map([[join('/x', 'node_modules', 'andel'), '/proj']]));
    expect(real(join('/x', 'node_modules', 'andel', 'dist', 'index.d.ts'))).toBe(join('/proj', 'dist', 'index.d.ts'));
    expect(real(join('/x', 'node_modules', 'andel'))).toBe('/proj');
    expect(real(join('/x', 'node_modules', 'andelx', 'a.js'))).toBe(join('/x', 'node_modules', 'andelx', 'a.js'));
  });
});

function runScript(args: string[], cwd: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  // As a user runs it from their own folder: INIT_CWD (set by npm for the suite) would stand for another folder.
  const env = { ...process.env };
  delete env['INIT_CWD'];
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [script, ...args], { cwd, env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (c) => resolve({ code: c, stdout, stderr }));
  });
}

describe('--execute, a notebook outside notebooks/', () => {
  let work: string;

  beforeAll(() => {
    if (spawnSync('sh', ['-c', 'command -v jupyter'], { stdio: 'ignore' }).status !== 0) {
      throw new Error('Jupyter saknas: kör "npm test" (bootstrap installerar det som root på Debian) eller apt-get install -y jupyter-nbconvert python3-nbclient python3-ipykernel');
    }
    const setup = spawnSync(process.execPath, [script, '--setup'], { cwd: root, encoding: 'utf8' });
    if (setup.status !== 0) throw new Error(`notebooks.mjs --setup misslyckades:\n${setup.stderr}`);
    work = mkdtempSync(join(tmpdir(), 'andel-execute-'));
  }, RUN_TIMEOUT_MS);

  afterAll(() => {
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it(
    'imports andel and runs headless with --param; the parameters show in the output and in the executed copy',
    async () => {
      const dir = join(work, 'min-plan');
      mkdirSync(dir);
      const nb = notebook([
        code("const kommun = '0180';\nconst licens = 1_000_000;", ['parameters']),
        code(
          "import { loadScheme, evaluateScheme, formatKronor } from 'andel';\n" +
            "const r = evaluateScheme((await loadScheme('sthlm-2020', { overrides: { 'licence.total': String(licens) } })).model);\n" +
            // A cell's last expression is what it prints.
            '`${kommun}: ${formatKronor(r.parties.find((p) => p.party.code === kommun)!.amount)}`;',
        ),
      ]);
      writeFileSync(join(dir, 'plan.ipynb'), JSON.stringify(nb, null, 1));
      const run = await runScript(['--execute', 'plan.ipynb', '--param', 'kommun=0126', '--param', 'licens=1500000'], dir);
      expect(run.code, run.stderr.slice(-4000)).toBe(0);
      const outFile = join(dir, 'out', 'notebooks', 'plan.ipynb');
      expect(run.stdout.trim()).toBe(outFile);
      const executed = JSON.parse(readFileSync(outFile, 'utf8')) as Notebook;
      // The injected cell is there, after the defaults, with the code kept as text.
      expect(executed.cells.map((c) => c.metadata.tags?.[0] ?? '')).toEqual(['parameters', 'injected-parameters', '']);
      expect(text(executed.cells[1]!.source)).toContain('const kommun: string = "0126";');
      const amount = async (total: string) => evaluateScheme((await loadScheme('sthlm-2020', { overrides: { 'licence.total': total } })).model).parties.find((p) => p.party.code === '0126')!.amount;
      const withParameter = formatKronor(await amount('1500000'));
      expect(withParameter).not.toBe(formatKronor(await amount('1000000')));
      const printed = executed.cells[2]!.outputs!.filter((o) => o.name === 'stdout').map((o) => text(o.text)).join('');
      expect(printed).toBe(`0126: ${withParameter}\n`);
      // The original is untouched.
      expect(JSON.parse(readFileSync(join(dir, 'plan.ipynb'), 'utf8'))).toEqual(nb);
    },
    RUN_TIMEOUT_MS,
  );

  it(
    "uses the andel installed in the notebook's folder, and fails on a cell's error with the error shown",
    async () => {
      const dir = join(work, 'eget');
      const pkg = join(dir, 'node_modules', 'andel');
      mkdirSync(pkg, { recursive: true });
      writeFileSync(join(pkg, 'package.json'), JSON.stringify({ name: 'andel', version: '0.0.1-eget', main: 'index.js', types: 'index.d.ts' }));
      writeFileSync(join(pkg, 'index.js'), "exports.varifrån = 'mappens eget andel';\n");
      writeFileSync(join(pkg, 'index.d.ts'), 'export declare const varifrån: string;\n');
      writeFileSync(
        join(dir, 'fel.ipynb'),
        JSON.stringify(notebook([code("import { varifrån } from 'andel';\nvarifrån;"), code("throw new RangeError('avsiktligt fel i cell 2');"), code("'körs inte';")])),
      );
      const out = join(dir, 'körd.ipynb');
      const run = await runScript(['--execute', join(dir, 'fel.ipynb'), '--out', out], work);
      expect(run.code).toBe(1);
      expect(run.stderr).toContain('cell 2 misslyckades');
      expect(run.stderr).toContain('RangeError: avsiktligt fel i cell 2');
      expect(run.stderr).not.toMatch(/<Error>:\s*$/m);
      // The executed copy is written up to the error.
      expect(existsSync(out)).toBe(true);
      const executed = JSON.parse(readFileSync(out, 'utf8')) as Notebook;
      expect(text(executed.cells[0]!.outputs!.map((o) => text(o.text)))).toBe('mappens eget andel\n');
      expect(executed.cells[2]!.outputs).toEqual([]);
    },
    RUN_TIMEOUT_MS,
  );
});
