/**
 * The 50 VGR letters and their peers, side by side in one run: andel
 * (`andel report letters vgr-2022` as a process), WeasyPrint (Debian's
 * Python package, one `/usr/bin/python3` process printing andel's own HTML
 * of the 50 letters, charts inline as SVG) and Typst (its npm compiler, in a
 * node process, printing letters generated from the same view models). Each
 * is timed as a whole process, from its start to its last PDF; the runs
 * alternate (andel, WeasyPrint, Typst, andel, …) and the medians are
 * compared, so that a busy machine weighs on all three alike. A peer that is
 * missing is reported with the reason, never as a failure.
 */
import { execFile } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { projectRoot } from '../data/project-root.js';
import { median } from './figures.js';
import { buildReport, startRenderer } from '../pipeline/index.js';
import { jobOf } from '../pipeline/render.js';
import type { TypstLetter } from './typst-letters.js';

/** The Python that has Debian's WeasyPrint (not a virtualenv's). */
const PYTHON = '/usr/bin/python3';

/** A process's wall time in seconds, from its start to its exit; rejects when it fails. */
function timeProcess(file: string, args: readonly string[]): Promise<number> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    execFile(file, [...args], { maxBuffer: 16 << 20 }, (error, _stdout, stderr) => {
      if (error) reject(new Error(`${file} ${args.join(' ')}: ${stderr.trim().split('\n').slice(-3).join(' ') || error.message}`));
      else resolve((performance.now() - started) / 1000);
    });
  });
}

const pdfsIn = (dir: string): number => (existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.pdf')).length : 0);

/** One contender: how to run it once, or why it cannot run. */
interface Contender {
  readonly name: string;
  /** Runs it once into a fresh folder; returns seconds and the PDFs written. */
  readonly run?: (out: string) => Promise<{ seconds: number; pdfs: number }>;
  readonly unavailable?: string;
}

/** What {@link benchLettersWithPeers} measured; seconds are medians over the rounds. */
export interface LetterPeersResult {
  readonly letters: number;
  readonly rounds: number;
  readonly andelSeconds: number;
  readonly weasyprint: { readonly seconds: number; readonly pdfs: number } | { readonly unavailable: string };
  readonly typst: { readonly seconds: number; readonly pdfs: number } | { readonly unavailable: string };
}

/**
 * The peers' inputs, made once and not timed: andel's HTML of each letter
 * (as `--html` writes it, charts inline as SVG) for WeasyPrint, and the view
 * models with the charts' SVG for Typst.
 */
async function preparePeerInputs(dir: string): Promise<{ htmlDir: string; typstJson: string; letters: number }> {
  const { documents, date } = await buildReport({ kind: 'letters', scheme: 'vgr-2022' });
  const htmlDir = join(dir, 'html');
  await mkdir(htmlDir, { recursive: true });
  const renderer = await startRenderer();
  const letters: TypstLetter[] = [];
  try {
    for (const doc of documents) {
      const job = jobOf(doc, { outDir: htmlDir, creation: date.creation });
      const ids = Object.keys(doc.charts ?? {});
      const svgs = await renderer.renderChartsToSvg(ids.map((id) => (doc.charts ?? {})[id] ?? { data: [] }));
      const charts = Object.fromEntries(ids.map((id, i) => [id, svgs[i] ?? '']));
      const fileName = basename(doc.fileName);
      await writeFile(join(htmlDir, fileName.replace(/\.pdf$/, '.html')), await renderer.htmlFor(job));
      letters.push({ fileName, viewModel: doc.viewModel as TypstLetter['viewModel'], header: doc.header, footer: doc.footer, charts });
    }
  } finally {
    await renderer.close();
  }
  const typstJson = join(dir, 'letters.json');
  await writeFile(typstJson, JSON.stringify(letters));
  return { htmlDir, typstJson, letters: documents.length };
}

/** The script WeasyPrint runs: every HTML file of a folder to a PDF in another. */
const WEASYPRINT_SCRIPT = [
  'import sys, os, weasyprint',
  'src, out = sys.argv[1], sys.argv[2]',
  'os.makedirs(out, exist_ok=True)',
  'for f in sorted(os.listdir(src)):',
  "    if f.endswith('.html'):",
  "        weasyprint.HTML(filename=os.path.join(src, f)).write_pdf(os.path.join(out, f[:-5] + '.pdf'))",
].join('\n');

async function weasyprintContender(htmlDir: string): Promise<Contender> {
  const name = 'WeasyPrint';
  if (!existsSync(PYTHON)) return { name, unavailable: `${PYTHON} is not installed` };
  try {
    await timeProcess(PYTHON, ['-c', 'import weasyprint']);
  } catch {
    return { name, unavailable: `${PYTHON} cannot import weasyprint (apt-get install weasyprint)` };
  }
  return {
    name,
    run: async (out) => ({ seconds: await timeProcess(PYTHON, ['-c', WEASYPRINT_SCRIPT, htmlDir, out]), pdfs: pdfsIn(out) }),
  };
}

async function typstContender(typstJson: string): Promise<Contender> {
  const name = 'Typst';
  try {
    await import('@myriaddreamin/typst-ts-node-compiler');
  } catch (error) {
    return { name, unavailable: `@myriaddreamin/typst-ts-node-compiler does not load (${error instanceof Error ? error.message.split('\n')[0] : String(error)})` };
  }
  const script = join(projectRoot(), 'dist', 'bench', 'typst-letters.js');
  if (!existsSync(script)) return { name, unavailable: `${script} is not built` };
  return { name, run: async (out) => ({ seconds: await timeProcess(process.execPath, [script, typstJson, out]), pdfs: pdfsIn(out) }) };
}

/**
 * Times andel and its peers on the 50 VGR letters, `rounds` times each,
 * alternating.
 */
export async function benchLettersWithPeers(options: { rounds?: number } = {}): Promise<LetterPeersResult> {
  const rounds = Math.max(1, options.rounds ?? 3);
  const dir = await mkdtemp(join(tmpdir(), 'andel-bench-letters-'));
  try {
    const { htmlDir, typstJson, letters } = await preparePeerInputs(dir);
    const andel: Contender = {
      name: 'andel',
      run: async (out) => ({
        seconds: await timeProcess(process.execPath, [join(projectRoot(), 'bin/andel.js'), 'report', 'letters', 'vgr-2022', '--out', out]),
        pdfs: pdfsIn(join(out, 'brev')),
      }),
    };
    const contenders = [andel, await weasyprintContender(htmlDir), await typstContender(typstJson)];
    const times = contenders.map(() => [] as number[]);
    const pdfs = contenders.map(() => 0);
    const failures: Array<string | undefined> = contenders.map((c) => c.unavailable);
    for (let round = 0; round < rounds; round++) {
      for (const [i, c] of contenders.entries()) {
        if (c.run === undefined || failures[i] !== undefined) continue;
        const out = join(dir, `out-${c.name}-${round}`);
        try {
          const r = await c.run(out);
          times[i]?.push(r.seconds);
          pdfs[i] = r.pdfs;
        } catch (error) {
          if (i === 0) throw error;
          failures[i] = error instanceof Error ? error.message : String(error);
        } finally {
          await rm(out, { recursive: true, force: true });
        }
      }
    }
    const peer = (i: number): LetterPeersResult['typst'] => {
      const why = failures[i];
      return why !== undefined ? { unavailable: why } : { seconds: median(times[i] ?? []), pdfs: pdfs[i] ?? 0 };
    };
    return { letters: Math.min(letters, pdfs[0] ?? 0), rounds, andelSeconds: median(times[0] ?? []), weasyprint: peer(1), typst: peer(2) };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
