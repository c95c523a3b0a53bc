/**
 * Memory figures for the PDF benchmarks: the Node process's RSS and the
 * browser's whole process tree, sampled while a batch runs, so a person can
 * see whether memory stays flat.
 */
import { readdirSync, readFileSync } from 'node:fs';

/**
 * The memory of a process and all its descendants, in MB (Linux only): the
 * proportional set size, which counts a page shared by Chromium's processes
 * once, not once per process as summing their RSS would.
 */
export function processTreePssMb(rootPid: number): number | undefined {
  try {
    const parents = new Map<number, number>();
    for (const entry of readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      try {
        const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
        parents.set(Number(entry), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
      } catch {
        // The process ended while we looked.
      }
    }
    const inTree = (pid: number): boolean => {
      for (let p: number | undefined = pid, depth = 0; p !== undefined && p > 1 && depth < 20; p = parents.get(p), depth += 1) {
        if (p === rootPid) return true;
      }
      return false;
    };
    let kb = 0;
    for (const pid of parents.keys()) {
      if (!inTree(pid)) continue;
      try {
        kb += Number(/^Pss:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'))?.[1] ?? 0);
      } catch {
        // Ended meanwhile.
      }
    }
    return kb / 1024;
  } catch {
    return undefined;
  }
}

/** Peaks and samples gathered by a {@link MemorySampler}. */
export interface MemorySampler {
  /** Takes one sample now. */
  sample(): void;
  readonly peakNodeRssMb: number;
  readonly peakBrowserMb: number | undefined;
  /** The browser tree's memory at each sample. */
  readonly browserSamples: readonly (number | undefined)[];
}

/** Samples Node's RSS and the browser tree of `browserPid()` (undefined while no browser runs). */
export function memorySampler(browserPid: () => number | undefined): MemorySampler {
  let peakNode = 0;
  let peakBrowser: number | undefined;
  const samples: (number | undefined)[] = [];
  return {
    sample() {
      peakNode = Math.max(peakNode, process.memoryUsage().rss / 2 ** 20);
      const pid = browserPid();
      const mb = pid === undefined ? undefined : processTreePssMb(pid);
      samples.push(mb);
      if (mb !== undefined) peakBrowser = Math.max(peakBrowser ?? 0, mb);
    },
    get peakNodeRssMb() {
      return peakNode;
    },
    get peakBrowserMb() {
      return peakBrowser;
    },
    browserSamples: samples,
  };
}
