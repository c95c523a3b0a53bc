/**
 * Writing a finished file so that a reader never sees half of it: the bytes
 * go to a temporary file beside the target, are flushed to disk, and the
 * temporary file is renamed over the target (atomic on one file system).
 * An interrupted run leaves at most a `.andel-*.tmp` file, never a truncated
 * PDF under the real name.
 */
import { mkdir, open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

let counter = 0;
const inFlight = new Set<string>();

/** The temporary name used for `file`: hidden, in the same folder, ignored by git (`.andel-*.tmp`). */
export function temporaryPathFor(file: string): string {
  counter += 1;
  return join(dirname(file), `.andel-${basename(file)}.${process.pid}.${counter}.tmp`);
}

/**
 * Writes `data` to `file` atomically, creating the folder if needed.
 *
 * @throws the file system's error; the temporary file is removed first.
 * @example
 * ```ts
 * await writeFileAtomic('out/brev-1480.pdf', pdfBytes);
 * ```
 */
export async function writeFileAtomic(file: string, data: Uint8Array | string): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  const tmp = temporaryPathFor(file);
  inFlight.add(tmp);
  try {
    const handle = await open(tmp, 'wx');
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(tmp, file);
  } catch (error) {
    await rm(tmp, { force: true });
    throw error;
  } finally {
    inFlight.delete(tmp);
  }
}

/**
 * Removes the temporary files of writes still under way, for a process that
 * is being interrupted (the CLI calls this from its signal handler).
 */
export async function removeTemporaryFiles(): Promise<void> {
  await Promise.all([...inFlight].map((tmp) => rm(tmp, { force: true })));
}
