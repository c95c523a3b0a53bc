import { mkdtempSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeFileAtomic } from '../../../reports/render/atomic-write.js';

const dir = mkdtempSync(join(tmpdir(), 'andel-atomic-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('writeFileAtomic', () => {
  it('writes the file, creating its folder, and leaves no temporary file', async () => {
    const file = join(dir, 'ut', 'brev.pdf');
    await writeFileAtomic(file, new Uint8Array([37, 80, 68, 70]));
    expect(readFileSync(file, 'latin1')).toBe('%PDF');
    expect(readdirSync(join(dir, 'ut'))).toEqual(['brev.pdf']);
  });

  it('replaces an existing file whole', async () => {
    const file = join(dir, 'ersatt.txt');
    writeFileSync(file, 'gammal text som är längre');
    await writeFileAtomic(file, 'ny');
    expect(readFileSync(file, 'utf8')).toBe('ny');
  });

  it('removes its temporary file and leaves the target untouched when the rename fails', async () => {
    const target = join(dir, 'upptagen');
    mkdirSync(join(target, 'inuti'), { recursive: true });
    await expect(writeFileAtomic(target, 'x')).rejects.toThrow();
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    expect(readdirSync(target)).toEqual(['inuti']);
  });
});
