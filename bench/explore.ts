/**
 * `npm run bench`, the explorer (`andel explore`, issue 17): how long a
 * reader waits between changing a lever and seeing the new figures in the
 * table, and how large the page is.
 *
 * The page is written by `runExplore` (the same code as `andel explore`)
 * and opened in Chromium from its file, every request but the file's own
 * refused (as the tests open it). In the page, for each change:
 *
 * - t0 (`performance.now()`): the lever's control gets its new value and a
 *   `change` event is dispatched on it, as when the reader leaves the field
 *   (or, when the page has no control named for the parameter, `andel.set`
 *   is called: the output says which);
 * - "table": a MutationObserver on the per-party table's tbody (the page's
 *   longest) sees its text differ
 *   from before the change: the engine has loaded the scheme with the new
 *   value, evaluated it, built the JSON contract, and the interface has
 *   rebuilt the rows;
 * - "laid out": at that moment style and layout are forced (reading the
 *   table's size), so the time includes the browser placing the new rows;
 *   painting is left out (it waits for the next frame, up to 16 ms later).
 *
 * After 5 changes of warm-up, 30 changes alternate between two values of
 * one parameter, each one changing the figures; the median and p90
 * (nearest rank) are printed beside the goals of issue 17 (vgr-2022 under
 * 50 ms, a national scheme of 290 municipalities under 150 ms, the page
 * under 5 MB). Nothing is asserted.
 *
 *   node dist/bench/explore.js [--changes 30]
 */
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { fmt, median, percentile } from './figures.js';
import { projectRoot } from '../data/project-root.js';
import { runExplore } from '../pipeline/explore.js';
import { launchBrowser } from '../reports/render/browser.js';

/** One page to measure: the scheme, the parameter changed and the two values it alternates between. */
export interface ExplorerCase {
  readonly label: string;
  readonly scheme: string;
  readonly parameter: string;
  readonly values: readonly [string, string];
  readonly goalMs: number;
}

/** What {@link benchExplorer} measured for one page. */
export interface ExplorerBenchResult {
  readonly case: ExplorerCase;
  readonly bytes: number;
  readonly changes: number;
  /** How the change was made: through the page's control, or `andel.set` when there is none. */
  readonly via: 'control' | 'andel.set';
  readonly tableMs: { readonly median: number; readonly p90: number };
  readonly laidOutMs: { readonly median: number; readonly p90: number };
}

const MB = 1024 * 1024;
const GOAL_BYTES = 5 * MB;
const WARM_UP = 5;

/** The two pages of issue 17: the 50 parties of vgr-2022 and the 290 municipalities (and the state) of bench/schemes/sverige-andel.yaml. */
export function explorerCases(): ExplorerCase[] {
  return [
    { label: 'vgr-2022 (50 parter)', scheme: 'vgr-2022', parameter: 'rate', values: ['9.75', '10.25'], goalMs: 50 },
    {
      label: 'sverige-andel (290 kommuner och staten)',
      scheme: join(projectRoot(), 'bench', 'schemes', 'sverige-andel.yaml'),
      parameter: 'total',
      values: ['110000000', '90000000'],
      goalMs: 150,
    },
  ];
}

interface TableBody {
  readonly rows: { readonly length: number };
  readonly textContent: string;
  getBoundingClientRect(): unknown;
}

interface PageGlobals {
  andel: { ready: Promise<unknown>; set(name: string, value: string): Promise<unknown> };
  document: {
    querySelector(selector: string): { value: string; dispatchEvent(e: unknown): boolean } | null;
    querySelectorAll(selector: string): unknown;
  };
  Event: new (type: string, init?: { bubbles?: boolean }) => unknown;
  MutationObserver: new (callback: () => void) => { observe(target: unknown, options: Record<string, boolean>): void; disconnect(): void };
}

/** Writes each page, opens it offline in one browser, and times the changes. */
export async function benchExplorer(options: { changes?: number; cases?: readonly ExplorerCase[] } = {}): Promise<ExplorerBenchResult[]> {
  const changes = options.changes ?? 30;
  const cases = options.cases ?? explorerCases();
  const dir = await mkdtemp(join(tmpdir(), 'andel-bench-explore-'));
  const launched = await launchBrowser();
  const results: ExplorerBenchResult[] = [];
  try {
    for (const [i, c] of cases.entries()) {
      const out = join(dir, `${i}.html`);
      await runExplore({ scheme: c.scheme, out });
      const bytes = (await stat(out)).size;
      const url = pathToFileURL(out).href;
      const page = await launched.browser.newPage();
      await page.setRequestInterception(true);
      page.on('request', (req) => void (req.url() === url ? req.continue() : req.abort()));
      await page.goto(url, { waitUntil: 'load' });
      await page.evaluate(() => (globalThis as unknown as PageGlobals).andel.ready);
      const table: number[] = [];
      const laidOut: number[] = [];
      let via: ExplorerBenchResult['via'] = 'control';
      for (let k = 0; k < WARM_UP + changes; k++) {
        const value = c.values[k % 2]!;
        const m = await page.evaluate(
          (name: string, v: string) => {
            const g = globalThis as unknown as PageGlobals;
            const control = g.document.querySelector(`input[name="${name}"], select[name="${name}"]`);
            // The per-party table: the page's longest tbody (a table of key figures or of the reconciliation is shorter).
            const bodies = [...(g.document.querySelectorAll('tbody') as unknown as Iterable<TableBody>)];
            const tbody = bodies.sort((a, b) => b.rows.length - a.rows.length)[0];
            if (!tbody) throw new Error('the page has no table');
            const before = tbody.textContent;
            return new Promise<{ table: number; laidOut: number; control: boolean }>((done, fail) => {
              const observer = new g.MutationObserver(() => {
                if (tbody.textContent === before) return;
                const t1 = performance.now();
                // Style and layout of the new rows, forced now rather than at the next frame.
                tbody.getBoundingClientRect();
                const t2 = performance.now();
                observer.disconnect();
                done({ table: t1 - t0, laidOut: t2 - t0, control: control !== null });
              });
              observer.observe(tbody, { childList: true, subtree: true, characterData: true });
              const t0 = performance.now();
              if (control) {
                control.value = v;
                control.dispatchEvent(new g.Event('change', { bubbles: true }));
              } else {
                g.andel.set(name, v).catch(fail);
              }
            });
          },
          c.parameter,
          value,
        );
        if (!m.control) via = 'andel.set';
        if (k >= WARM_UP) {
          table.push(m.table);
          laidOut.push(m.laidOut);
        }
      }
      await page.close();
      results.push({
        case: c,
        bytes,
        changes,
        via,
        tableMs: { median: median(table), p90: percentile(table, 0.9) },
        laidOutMs: { median: median(laidOut), p90: percentile(laidOut, 0.9) },
      });
    }
  } finally {
    await launched.close();
    await rm(dir, { recursive: true, force: true });
  }
  return results;
}

const verdict = (met: boolean): string => (met ? 'met' : 'NOT met');

/** The figures as `npm run bench` prints them. */
export function formatExplorerBench(results: readonly ExplorerBenchResult[]): string {
  const lines = ['andel bench: the explorer (andel explore), lever change → updated table in Chromium, offline'];
  for (const r of results) {
    const how = r.via === 'control' ? `the "${r.case.parameter}" control's change event` : `andel.set("${r.case.parameter}")`;
    lines.push(
      `  ${r.case.label}: ${r.changes} changes of ${how}, ${r.case.values.join(' ↔ ')}, after ${WARM_UP} of warm-up`,
      `    table updated        median ${fmt(r.tableMs.median, 1).padStart(6)} ms   p90 ${fmt(r.tableMs.p90, 1).padStart(6)} ms`,
      `    laid out             median ${fmt(r.laidOutMs.median, 1).padStart(6)} ms   p90 ${fmt(r.laidOutMs.p90, 1).padStart(6)} ms   goal < ${r.case.goalMs} ms: ${verdict(r.laidOutMs.median < r.case.goalMs)}`,
      `    page size            ${fmt(r.bytes / MB, 2).padStart(6)} MB                      goal < 5 MB: ${verdict(r.bytes < GOAL_BYTES)}`,
    );
  }
  return lines.join('\n');
}

// Run directly: node dist/bench/explore.js [--changes N]
if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const i = process.argv.indexOf('--changes');
  const changes = i >= 0 ? Number(process.argv[i + 1]) : undefined;
  benchExplorer(changes !== undefined ? { changes } : {}).then(
    (r) => process.stdout.write(`${formatExplorerBench(r)}\n`),
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
