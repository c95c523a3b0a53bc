// Every notebook in notebooks/ runs headless with the project's tslab kernel,
// as a planner would run it, and the suite fails on any cell error. A copy of
// each notebook gets one last cell that waits a moment, so that an error
// thrown later from a timer (which tslab only logs, into whatever cell runs
// then) lands in an output and is caught too.
import { execFile, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PLOTLY_EMBED_MARKER } from '../../reports/notebook.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const notebooksDir = join(root, 'notebooks');
const jupyterPath = join(root, '.jupyter');
const names = readdirSync(notebooksDir).filter((f) => f.endsWith('.ipynb')).sort();
const CELL_TIMEOUT_S = 300;
// An executed notebook stays small: Plotly's basic bundle once (1,2 MB), not the full one (10 MB) or one per chart.
// Measured 3 December 2026: 1,30, 1,32, 1,32 and 0,12 MB (13,1, 13,1, 13,5 and 0,12 MB with the full bundle).
const MAX_EXECUTED_BYTES = 2_000_000;

interface Output {
  output_type: string;
  name?: string;
  text?: string | string[];
  ename?: string;
  evalue?: string;
  data?: Record<string, unknown>;
}
interface Cell {
  cell_type: string;
  source: string | string[];
  outputs?: Output[];
  execution_count?: number | null;
}
interface Notebook {
  cells: Cell[];
  metadata: { kernelspec?: { name?: string } };
}

const text = (t: string | string[] | unknown): string => (Array.isArray(t) ? t.join('') : typeof t === 'string' ? t : '');
const readNotebook = (file: string): Notebook => JSON.parse(readFileSync(file, 'utf8')) as Notebook;

/** What went wrong in an executed notebook: error outputs, and anything on stderr that names an error. */
function problemsIn(nb: Notebook): string[] {
  const out: string[] = [];
  nb.cells.forEach((cell, i) => {
    for (const o of cell.outputs ?? []) {
      if (o.output_type === 'error') out.push(`cell ${i}: ${o.ename}: ${o.evalue}`);
      else if (o.output_type === 'stream' && o.name === 'stderr' && /error|exception|warn/i.test(text(o.text))) out.push(`cell ${i} (stderr): ${text(o.text).slice(0, 2000)}`);
      else if (o.output_type === 'stream' && /\b(Error|Unhandled|rejection)\b/.test(text(o.text))) out.push(`cell ${i} (${o.name}): ${text(o.text).slice(0, 2000)}`);
    }
  });
  return out;
}

let work: string;

beforeAll(() => {
  if (spawnSync('sh', ['-c', 'command -v jupyter-nbconvert'], { stdio: 'ignore' }).status !== 0) {
    throw new Error('jupyter-nbconvert saknas: kör "npm test" (bootstrap installerar det som root på Debian) eller apt-get install -y jupyter-nbconvert python3-nbclient python3-ipykernel');
  }
  const setup = spawnSync(process.execPath, [join(root, 'scripts', 'notebooks.mjs'), '--setup'], { cwd: root, encoding: 'utf8' });
  if (setup.status !== 0) throw new Error(`notebooks.mjs --setup misslyckades:\n${setup.stderr}`);
  work = mkdtempSync(join(tmpdir(), 'andel-notebooks-'));
}, 600_000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

// Two notebooks at a time: each kernel compiles TypeScript on a core of its own.
const PARALLEL = 2;
let running = 0;
const waiting: (() => void)[] = [];
async function slot<T>(fn: () => Promise<T>): Promise<T> {
  if (running >= PARALLEL) await new Promise<void>((r) => waiting.push(r));
  running++;
  try {
    return await fn();
  } finally {
    running--;
    waiting.shift()?.();
  }
}

function execute(name: string): Promise<{ code: number | null; stderr: string }> {
  return slot(() => executeNow(name));
}

function executeNow(name: string): Promise<{ code: number | null; stderr: string }> {
  const copy = readNotebook(join(notebooksDir, name));
  copy.cells.push({ cell_type: 'code', source: 'await new Promise((r) => setTimeout(r, 1000));', outputs: [], execution_count: null, metadata: {} } as Cell);
  // The copy sits beside the originals, so relative paths in the notebooks mean what they say.
  const input = join(notebooksDir, `.test-${process.pid}-${name}`);
  writeFileSync(input, JSON.stringify(copy));
  return new Promise((resolve) => {
    execFile(
      'jupyter',
      ['nbconvert', '--to', 'notebook', '--execute', '--ExecutePreprocessor.kernel_name=tslab', `--ExecutePreprocessor.timeout=${CELL_TIMEOUT_S}`, '--output-dir', work, '--output', name, input],
      { cwd: notebooksDir, env: { ...process.env, JUPYTER_PATH: jupyterPath }, maxBuffer: 64 * 1024 * 1024 },
      (err, _stdout, stderr) => {
        rmSync(input, { force: true });
        resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stderr });
      },
    );
  });
}

describe('notebooks', () => {
  it('has the four notebooks of the issue', () => {
    expect(names).toEqual(expect.arrayContaining(['01-vgr-investering.ipynb', '02-sthlm-licens-och-helpdesk.ipynb', '03-scenarier-monte-carlo.ipynb', '04-rapport-fran-scenario.ipynb']));
  });

  describe.concurrent.each(names)('%s', (name) => {
    it('is committed with its outputs cleared and the tslab kernel named', () => {
      const nb = readNotebook(join(notebooksDir, name));
      expect(nb.metadata.kernelspec?.name).toBe('tslab');
      const code = nb.cells.filter((c) => c.cell_type === 'code');
      expect(code.length).toBeGreaterThan(0);
      expect(code.filter((c) => (c.outputs ?? []).length > 0 || c.execution_count != null)).toEqual([]);
      // Swedish text explains the steps.
      expect(nb.cells.filter((c) => c.cell_type === 'markdown').length).toBeGreaterThanOrEqual(3);
    });

    it(
      'runs headless without a cell error, tables as HTML, charts as Plotly with plotly.js embedded once, and stays small',
      async () => {
        const run = await execute(name);
        const executed = readNotebook(join(work, name));
        expect(problemsIn(executed)).toEqual([]);
        expect(run.code, run.stderr.slice(-4000)).toBe(0);
        const outputs = executed.cells.flatMap((c) => c.outputs ?? []);
        const html = outputs.map((o) => text(o.data?.['text/html'])).filter((h) => h !== '');
        expect(html.some((h) => h.includes('<table'))).toBe(true);
        const charts = outputs.filter((o) => o.data?.['application/vnd.plotly.v1+json'] !== undefined);
        const source = text(readNotebook(join(notebooksDir, name)).cells.map((c) => text(c.source)));
        if (/\bvisa\.chart\(/.test(source)) {
          expect(charts.length).toBeGreaterThan(0);
          // plotly.js once, in the first chart: the basic bundle, as every shipped chart is a bar, scatter or pie.
          const chartHtml = charts.map((o) => text(o.data?.['text/html']));
          expect(chartHtml.map((h) => h.split(PLOTLY_EMBED_MARKER).length - 1)).toEqual(chartHtml.map((_, i) => (i === 0 ? 1 : 0)));
          expect(chartHtml[0]).toContain(`${PLOTLY_EMBED_MARKER} (basic)`);
          expect(html.filter((h) => h.includes('inbäddat av andel')).length).toBe(1);
          expect(html.some((h) => /<script[^>]+src=/.test(h))).toBe(false);
        }
        expect(statSync(join(work, name)).size).toBeLessThan(MAX_EXECUTED_BYTES);
      },
      CELL_TIMEOUT_S * 1000 * 4,
    );
  });
});
