/**
 * Writing a finished file so that a reader never sees half of it: the bytes
 * go to a temporary file beside the target, are flushed to disk, and the
 * temporary file is renamed over the target (atomic on one file system).
 * An interrupted run leaves at most a `.andel-*.tmp` file, never a truncated
 * PDF under the real name.
 *
 * A place that cannot be written (a folder given as a file, a path through a
 * file, a read-only or full disk, no permission) is the user's to fix, so it
 * is reported as an {@link InputError} with code `E_OUTPUT` that names the
 * path and the reason in words, never as the file system's raw error. The
 * checks ({@link checkOutputFile}, {@link checkOutputFolder}) let a command
 * refuse such a place before a long computation starts; the writer still
 * maps what fails at write time (a disk that fills up meanwhile).
 */
import { type Stats, accessSync, constants as fsConstants, realpathSync, statSync } from 'node:fs';
import { mkdir, open, readdir, realpath, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { InputError, type Text, t } from '../../models/errors.js';

let counter = 0;
const inFlight = new Set<string>();

/** The start of a target's name that goes into its temporary name: short enough that the whole stays under the 255-byte limit of a name. */
function shortName(name: string): string {
  let out = name;
  while (Buffer.byteLength(out) > 100) out = out.slice(0, -1);
  return out;
}

/** The temporary name used for `file`: hidden, in the same folder, ignored by git (`.andel-*.tmp`). */
export function temporaryPathFor(file: string): string {
  counter += 1;
  return join(dirname(file), `.andel-${shortName(basename(file))}.${process.pid}.${counter}.tmp`);
}

/** The errno code of a file system error (`EROFS`, `ENOSPC` …), if it is one. */
function errnoCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^E[A-Z0-9]+$/.test(code) ? code : undefined;
}

const CHOOSE_ANOTHER = t('Välj en plats du får skriva på.', 'Choose a place you may write to.');
const FREE_SPACE = t('Frigör utrymme eller skriv till en annan disk.', 'Free some space or write to another disk.');

/**
 * The reason, in words, for an errno code met while writing an output, and
 * what to do about it. `NOT_A_FOLDER` is andel's own: a folder was asked for
 * and a file is there. `part` names the part of the path that is a file
 * (for `ENOTDIR`).
 *
 * @example
 * outputFailureReason('EROFS').reason.en // 'the file system is read-only'
 */
export function outputFailureReason(code: string, part?: string): { readonly reason: Text; readonly hint?: Text } {
  switch (code) {
    case 'EISDIR':
      return { reason: t('det är en mapp', 'it is a folder'), hint: t('Ange en fil, inte en mapp.', 'Give a file, not a folder.') };
    case 'NOT_A_FOLDER':
      return { reason: t('det är en fil, inte en mapp', 'it is a file, not a folder'), hint: t('Ange en mapp.', 'Give a folder.') };
    case 'ENOTDIR':
      return part !== undefined
        ? { reason: t(`en del av sökvägen är en fil: ${part}`, `part of the path is a file: ${part}`) }
        : { reason: t('en del av sökvägen är en fil', 'part of the path is a file') };
    case 'EROFS':
      return { reason: t('filsystemet är skrivskyddat', 'the file system is read-only'), hint: CHOOSE_ANOTHER };
    case 'ENOSPC':
      return { reason: t('disken är full', 'the disk is full'), hint: FREE_SPACE };
    case 'EDQUOT':
      return { reason: t('diskkvoten är slut', 'the disk quota is used up'), hint: FREE_SPACE };
    case 'EFBIG':
      return { reason: t('filen blir för stor för filsystemet', 'the file is too large for the file system') };
    case 'EACCES':
    case 'EPERM':
      return { reason: t('behörighet saknas', 'permission denied'), hint: CHOOSE_ANOTHER };
    case 'ENAMETOOLONG':
      return { reason: t('namnet är för långt', 'the name is too long') };
    case 'ENOENT':
      return { reason: t('en del av sökvägen finns inte och kan inte skapas', 'part of the path does not exist and cannot be created') };
    case 'ELOOP':
      return { reason: t('sökvägen har en slinga av symboliska länkar', 'the path has a loop of symbolic links') };
    case 'EIO':
      return { reason: t('läs- eller skrivfel på enheten', 'an input/output error on the device') };
    case 'EMFILE':
    case 'ENFILE':
      return { reason: t('för många öppna filer', 'too many open files') };
    case 'EBUSY':
    case 'ETXTBSY':
      return { reason: t('filen är upptagen', 'the file is busy') };
    default:
      return { reason: t(`filsystemet svarade ${code}`, `the file system answered ${code}`) };
  }
}

/** The first part of `path` (from the root down) that exists and is not a folder, if any. */
function fileOnPath(path: string): string | undefined {
  const chain: string[] = [];
  for (let p = path; ; p = dirname(p)) {
    chain.unshift(p);
    if (dirname(p) === p) break;
  }
  for (const p of chain) {
    let s: Stats;
    try {
      s = statSync(p);
    } catch {
      return undefined;
    }
    if (!s.isDirectory()) return p;
  }
  return undefined;
}

/**
 * The input error for a file system error met while writing `path` (or a
 * pseudo-code such as `NOT_A_FOLDER`): the path as the user gave it and the
 * reason in words, code `E_OUTPUT`. Returns `undefined` for an error that is
 * not the file system's (a bug, passed on as it is).
 *
 * @example
 * outputError('ut.csv', Object.assign(new Error(), { code: 'ENOSPC' }))?.describe('sv')
 * // 'ut.csv: går inte att skriva: disken är full. Frigör utrymme eller skriv till en annan disk.'
 */
export function outputError(path: string, error: unknown): InputError | undefined {
  const code = typeof error === 'string' ? error : errnoCode(error);
  if (code === undefined) return undefined;
  const part = code === 'ENOTDIR' ? fileOnPath(path) : undefined;
  const { reason, hint } = outputFailureReason(code, part === path ? undefined : part);
  return InputError.of(t(`går inte att skriva: ${reason.sv}`, `cannot be written: ${reason.en}`), { file: path, ...(hint ? { hint } : {}) }, 'E_OUTPUT');
}

/** `error` as an output error for `path` when it is the file system's, else unchanged. */
function asOutputError(path: string, error: unknown): unknown {
  return outputError(path, error) ?? error;
}

/** The nearest existing folder at or above `dir`, or the error that stops the search. */
function nearestExisting(dir: string): { path: string; stats: Stats } {
  for (let p = dir; ; p = dirname(p)) {
    try {
      return { path: p, stats: statSync(p) };
    } catch (error) {
      if (errnoCode(error) !== 'ENOENT' || dirname(p) === p) throw error;
    }
  }
}

/** Whether the folder `dir` (existing) lets a file be created in it; throws the file system's error if not. */
function assertWritableFolder(dir: string): void {
  accessSync(dir, fsConstants.W_OK | fsConstants.X_OK);
}

/**
 * Checks, before any work is done, that a file can be written at `file`:
 * it is not a folder, no part of its path is a file, and the folder it goes
 * in (or the nearest one that exists, when folders are to be created) may be
 * written to. Catches a read-only file system and missing permission; a
 * disk that fills up later is caught when writing.
 *
 * @throws InputError `E_OUTPUT` naming `file` and the reason.
 */
export function checkOutputFile(file: string): void {
  try {
    let s: Stats | undefined;
    try {
      s = statSync(file);
    } catch (error) {
      if (errnoCode(error) !== 'ENOENT') throw error;
    }
    if (s === undefined) {
      const near = nearestExisting(dirname(file));
      if (!near.stats.isDirectory()) throw Object.assign(new Error(near.path), { code: 'ENOTDIR' });
      assertWritableFolder(near.path);
    } else if (s.isDirectory()) {
      throw Object.assign(new Error(file), { code: 'EISDIR' });
    } else if (s.isFile()) {
      // The temporary file is made beside the real file (a link is written through).
      assertWritableFolder(dirname(realpathSync(file)));
    } else {
      accessSync(file, fsConstants.W_OK);
    }
  } catch (error) {
    throw asOutputError(file, error);
  }
}

/**
 * Checks, before any work is done, that files can be written in the folder
 * `dir`: it is a folder (or can be created), no part of its path is a file,
 * and it may be written to.
 *
 * @throws InputError `E_OUTPUT` naming `dir` and the reason.
 */
export function checkOutputFolder(dir: string): void {
  let near: { path: string; stats: Stats };
  try {
    near = nearestExisting(dir);
    if (near.stats.isDirectory()) assertWritableFolder(near.path);
  } catch (error) {
    throw asOutputError(dir, error);
  }
  if (!near.stats.isDirectory()) throw outputError(dir, near.path === dir ? 'NOT_A_FOLDER' : 'ENOTDIR')!;
}

/**
 * Creates `dir` and the folders above it that are missing, one at a time.
 * Not `mkdir(…, { recursive: true })`: on a read-only file system that
 * reports ENOENT instead of EROFS, and under `/proc` it never returns.
 */
async function makeFolders(dir: string): Promise<void> {
  const missing: string[] = [];
  for (let p = resolve(dir); ; p = dirname(p)) {
    try {
      const s = await stat(p);
      if (!s.isDirectory()) throw Object.assign(new Error(`not a directory: ${p}`), { code: 'ENOTDIR' });
      break;
    } catch (error) {
      if (errnoCode(error) !== 'ENOENT' || dirname(p) === p) throw error;
      missing.unshift(p);
    }
  }
  for (const p of missing) {
    try {
      await mkdir(p);
    } catch (error) {
      // Another document of the same batch may have just made it.
      if (errnoCode(error) !== 'EEXIST') throw error;
    }
  }
}

/**
 * Writes `data` to `file` atomically, creating the folder if needed. An
 * existing file is replaced only when the new one is complete; on failure it
 * is left as it was and the temporary file is removed. A link is written
 * through (the file it points to is replaced, the link stays), and a device
 * or pipe (`/dev/null`, `/dev/stdout`) is written to directly, since it
 * cannot be renamed over.
 *
 * @throws InputError `E_OUTPUT` when the place cannot be written (see
 *   {@link outputError}); any other error as it is.
 * @example
 * ```ts
 * await writeFileAtomic('out/brev-1480.pdf', pdfBytes);
 * ```
 */
export async function writeFileAtomic(file: string, data: Uint8Array | string): Promise<void> {
  let existing: Stats | undefined;
  try {
    existing = await stat(file);
  } catch (error) {
    if (errnoCode(error) !== 'ENOENT') throw asOutputError(file, error);
  }
  if (existing?.isDirectory()) throw outputError(file, 'EISDIR')!;
  if (existing !== undefined && !existing.isFile()) {
    try {
      await writeFile(file, data);
    } catch (error) {
      throw asOutputError(file, error);
    }
    return;
  }
  const target = existing !== undefined ? await realpath(file).catch(() => file) : file;
  try {
    await makeFolders(dirname(target));
  } catch (error) {
    throw asOutputError(file, error);
  }
  await removeStaleTemporaryFiles(dirname(target));
  const tmp = temporaryPathFor(target);
  inFlight.add(tmp);
  try {
    const handle = await open(tmp, 'wx');
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(tmp, target);
  } catch (error) {
    await rm(tmp, { force: true }).catch(() => undefined);
    throw asOutputError(file, error);
  } finally {
    inFlight.delete(tmp);
  }
}

/** Whether a process with this id is running (one we may not signal is running too). */
export function isProcessAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return errnoCode(error) === 'EPERM';
  }
}

// Folders already cleared of stale temporary files by this process.
const swept = new Set<string>();

/**
 * Removes the temporary files that a run killed outright (SIGKILL, a power
 * cut) left in `dir` while it wrote there: `.andel-*.<pid>.<n>.tmp` of a
 * process that no longer runs. Done once per folder per process, before the
 * first write to it; a file of a live run is left alone.
 *
 * @returns the files removed.
 */
export async function removeStaleTemporaryFiles(dir: string): Promise<string[]> {
  if (swept.has(dir)) return [];
  swept.add(dir);
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return [];
  }
  const stale = names.filter((name) => {
    const m = /^\.andel-.*\.(\d+)\.\d+\.tmp$/.exec(name);
    return m !== null && !isProcessAlive(Number(m[1]));
  });
  await Promise.all(stale.map((name) => rm(join(dir, name), { force: true }).catch(() => undefined)));
  return stale.map((name) => join(dir, name));
}

/**
 * Removes the temporary files of writes still under way, for a process that
 * is being interrupted (the CLI calls this from its signal handler).
 */
export async function removeTemporaryFiles(): Promise<void> {
  await Promise.all([...inFlight].map((tmp) => rm(tmp, { force: true })));
}
