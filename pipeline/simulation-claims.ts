/**
 * The work-sharing protocol of a parallel simulation, used alike by the main
 * thread and each worker: a shared Int32Array whose slot 0 hands out the next
 * chunk of runs, slot 1 counts the chunks done (and is notified on), and
 * slot 2 hands out the next column to summarise. Whoever claims an index
 * does that piece; the results do not depend on who did which.
 */

/** Claims chunks until none are left, running each; returns when this thread finds no more. */
export function runClaimedChunks(ctl: Int32Array, chunks: number, run: (chunk: number) => void, onChunkDone?: () => void): void {
  for (;;) {
    const k = Atomics.add(ctl, 0, 1);
    if (k >= chunks) return;
    run(k);
    Atomics.add(ctl, 1, 1);
    Atomics.notify(ctl, 1);
    onChunkDone?.();
  }
}

/** Claims columns until none are left, handing each to `summarise`. */
export function forEachClaimedColumn(ctl: Int32Array, columns: number, summarise: (column: number) => void): void {
  for (;;) {
    const c = Atomics.add(ctl, 2, 1);
    if (c >= columns) return;
    summarise(c);
  }
}
