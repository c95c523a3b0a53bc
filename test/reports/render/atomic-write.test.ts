import { lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { InputError } from '../../../models/errors.js';
import { checkOutputFile, checkOutputFolder, outputError, writeFileAtomic } from '../../../reports/render/atomic-write.js';

const dir = mkdtempSync(join(tmpdir(), 'andel-atomic-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The InputError a promise or a function fails with. */
async function inputError(run: () => unknown): Promise<InputError> {
  try {
    await run();
  } catch (error) {
    if (error instanceof InputError) return error;
    throw error;
  }
  throw new Error('expected an InputError');
}

const tmpFiles = (folder: string) => readdirSync(folder).filter((f) => f.endsWith('.tmp'));

describe('writeFileAtomic', () => {
  it('writes the file, creating its folder, and leaves no temporary file', async () => {
    const file = join(dir, 'ut', 'brev.pdf');
    await writeFileAtomic(file, new Uint8Array([37, 80, 68, 70]));
    expect(readFileSync(file, 'latin1')).toBe('%PDF');
    expect(readdirSync(join(dir, 'ut'))).toEqual(['brev.pdf']);
  });

  it('removes what a killed run left in the folder (its process is gone), never a live run\'s', async () => {
    const folder = join(dir, 'dodad');
    mkdirSync(folder);
    // The id of a process that has ended, and of one that runs (the test runner's parent).
    const dead = spawnSync('true').pid!;
    writeFileSync(join(folder, `.andel-0180-stockholm.pdf.${dead}.3.tmp`), '%PDF-halv');
    writeFileSync(join(folder, `.andel-0181-sodertalje.pdf.${process.ppid}.1.tmp`), '%PDF-under-arbete');
    await writeFileAtomic(join(folder, '0114-upplands-vasby.pdf'), '%PDF');
    expect(readdirSync(folder).sort()).toEqual([`.andel-0181-sodertalje.pdf.${process.ppid}.1.tmp`, '0114-upplands-vasby.pdf']);
  });

  it('replaces an existing file whole', async () => {
    const file = join(dir, 'ersatt.txt');
    writeFileSync(file, 'gammal text som är längre');
    await writeFileAtomic(file, 'ny');
    expect(readFileSync(file, 'utf8')).toBe('ny');
  });

  it('refuses a folder as the target, in words, and leaves it and its content alone', async () => {
    const target = join(dir, 'upptagen');
    mkdirSync(join(target, 'inuti'), { recursive: true });
    const error = await inputError(() => writeFileAtomic(target, 'x'));
    expect(error.code).toBe('E_OUTPUT');
    expect(error.describe('sv')).toBe(`${target}: går inte att skriva: det är en mapp. Ange en fil, inte en mapp.`);
    expect(error.describe('en')).toBe(`${target}: cannot be written: it is a folder. Give a file, not a folder.`);
    expect(tmpFiles(dir)).toEqual([]);
    expect(readdirSync(target)).toEqual(['inuti']);
  });

  it('names the part of the path that is a file', async () => {
    const file = join(dir, 'en-fil.txt');
    writeFileSync(file, 'orörd');
    for (const target of [join(file, 'ut.csv'), join(file, 'under', 'ut.csv')]) {
      const error = await inputError(() => writeFileAtomic(target, 'x'));
      expect(error.code).toBe('E_OUTPUT');
      expect(error.describe('sv')).toBe(`${target}: går inte att skriva: en del av sökvägen är en fil: ${file}`);
      expect(error.describe('en')).toBe(`${target}: cannot be written: part of the path is a file: ${file}`);
    }
    expect(readFileSync(file, 'utf8')).toBe('orörd');
    expect(tmpFiles(dir)).toEqual([]);
  });

  it('says that the disk is full (/dev/full answers every write with ENOSPC)', async () => {
    const error = await inputError(() => writeFileAtomic('/dev/full', 'x'.repeat(10_000)));
    expect(error.describe('sv')).toBe('/dev/full: går inte att skriva: disken är full. Frigör utrymme eller skriv till en annan disk.');
    expect(error.describe('en')).toBe('/dev/full: cannot be written: the disk is full. Free some space or write to another disk.');
    expect(statSync('/dev/full').isCharacterDevice()).toBe(true);
  });

  it('writes to a device in place, never renaming a file over it', async () => {
    await writeFileAtomic('/dev/null', 'kastas');
    expect(statSync('/dev/null').isCharacterDevice()).toBe(true);
    expect(readdirSync('/dev').filter((f) => f.startsWith('.andel-'))).toEqual([]);
  });

  it('writes through a link: the file it points to is replaced, the link stays', async () => {
    const real = join(dir, 'verklig.csv');
    const link = join(dir, 'lank.csv');
    writeFileSync(real, 'gammal');
    symlinkSync(real, link);
    await writeFileAtomic(link, 'ny');
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readFileSync(real, 'utf8')).toBe('ny');
  });

  it('writes a file whose name is near the 255-byte limit (the temporary name is shortened)', async () => {
    const file = join(dir, `${'å'.repeat(120)}.csv`);
    await writeFileAtomic(file, 'x');
    expect(readFileSync(file, 'utf8')).toBe('x');
    expect(tmpFiles(dir)).toEqual([]);
  });

  it('fails in words, without hanging, where a folder cannot be created (/proc)', async () => {
    const target = '/proc/andel-finns-inte/ut.csv';
    const error = await inputError(() => writeFileAtomic(target, 'x'));
    expect(error.describe('sv')).toBe(`${target}: går inte att skriva: en del av sökvägen finns inte och kan inte skapas`);
    expect(error.describe('en')).toBe(`${target}: cannot be written: part of the path does not exist and cannot be created`);
  });
});

describe('outputError', () => {
  const cases: ReadonlyArray<readonly [string, string, string]> = [
    ['EROFS', 'filsystemet är skrivskyddat. Välj en plats du får skriva på.', 'the file system is read-only. Choose a place you may write to.'],
    ['ENOSPC', 'disken är full. Frigör utrymme eller skriv till en annan disk.', 'the disk is full. Free some space or write to another disk.'],
    ['EDQUOT', 'diskkvoten är slut. Frigör utrymme eller skriv till en annan disk.', 'the disk quota is used up. Free some space or write to another disk.'],
    ['EACCES', 'behörighet saknas. Välj en plats du får skriva på.', 'permission denied. Choose a place you may write to.'],
    ['EPERM', 'behörighet saknas. Välj en plats du får skriva på.', 'permission denied. Choose a place you may write to.'],
    ['EISDIR', 'det är en mapp. Ange en fil, inte en mapp.', 'it is a folder. Give a file, not a folder.'],
    ['ENAMETOOLONG', 'namnet är för långt', 'the name is too long'],
    ['ENOENT', 'en del av sökvägen finns inte och kan inte skapas', 'part of the path does not exist and cannot be created'],
    ['EFBIG', 'filen blir för stor för filsystemet', 'the file is too large for the file system'],
    ['EIO', 'läs- eller skrivfel på enheten', 'an input/output error on the device'],
    ['EXDEV', 'filsystemet svarade EXDEV', 'the file system answered EXDEV'],
  ];

  it.each(cases)('%s: the path and the reason in words, in Swedish and English', (code, sv, en) => {
    // Injected as Node reports them: an Error with an errno code.
    const error = outputError('ut/fordelning.csv', Object.assign(new Error(`${code}: raw message`), { code }));
    expect(error).toBeInstanceOf(InputError);
    expect(error!.code).toBe('E_OUTPUT');
    expect(error!.describe('sv')).toBe(`ut/fordelning.csv: går inte att skriva: ${sv}`);
    expect(error!.describe('en')).toBe(`ut/fordelning.csv: cannot be written: ${en}`);
  });

  it('passes on an error that is not the file system’s', () => {
    expect(outputError('x.csv', new Error('a bug'))).toBeUndefined();
    expect(outputError('x.csv', Object.assign(new Error('x'), { code: 'ERR_INVALID_ARG_TYPE' }))).toBeUndefined();
  });
});

describe('checkOutputFile and checkOutputFolder (before any work)', () => {
  const file = join(dir, 'finns.txt');
  writeFileSync(file, 'x');
  const folder = join(dir, 'mapp');
  mkdirSync(folder, { recursive: true });

  it('accept a new file in a new folder, an existing file, an existing or new folder', () => {
    expect(() => checkOutputFile(join(dir, 'ny', 'djup', 'ut.csv'))).not.toThrow();
    expect(() => checkOutputFile(file)).not.toThrow();
    expect(() => checkOutputFolder(folder)).not.toThrow();
    expect(() => checkOutputFolder(join(dir, 'ny-mapp', 'brev'))).not.toThrow();
    expect(readdirSync(dir)).not.toContain('ny');
  });

  it('refuse a folder as a file, a file as a folder, and a path through a file', async () => {
    expect((await inputError(() => checkOutputFile(folder))).describe('sv')).toBe(`${folder}: går inte att skriva: det är en mapp. Ange en fil, inte en mapp.`);
    const asFolder = await inputError(() => checkOutputFolder(file));
    expect(asFolder.code).toBe('E_OUTPUT');
    expect(asFolder.describe('sv')).toBe(`${file}: går inte att skriva: det är en fil, inte en mapp. Ange en mapp.`);
    expect(asFolder.describe('en')).toBe(`${file}: cannot be written: it is a file, not a folder. Give a folder.`);
    expect((await inputError(() => checkOutputFile(join(file, 'a', 'b.csv')))).describe('en')).toBe(`${join(file, 'a', 'b.csv')}: cannot be written: part of the path is a file: ${file}`);
    expect((await inputError(() => checkOutputFolder(join(file, 'brev')))).describe('sv')).toBe(`${join(file, 'brev')}: går inte att skriva: en del av sökvägen är en fil: ${file}`);
    const long = join(dir, `${'a'.repeat(300)}.csv`);
    expect((await inputError(() => checkOutputFile(long))).describe('en')).toBe(`${long}: cannot be written: the name is too long`);
  });
});
