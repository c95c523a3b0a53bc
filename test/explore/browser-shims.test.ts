// The explorer's shims of Node's modules (scripts/browser-shims/) behave as Node's own on what the loaders ask of
// them: POSIX paths held to node:path.posix on generated paths, and the embedded files read and refused as
// node:fs reads and refuses them (the loaders read the error's code).
import { posix } from 'node:path';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';

const CWD = '/home/planerare/avtal';
let path: typeof import('../../scripts/browser-shims/path.js');
let fs: typeof import('../../scripts/browser-shims/fs.js');

beforeAll(async () => {
  // What pipeline/explore.ts embeds in a page: the working directory, the root and the files by absolute path.
  (globalThis as { __andelExploreData?: unknown }).__andelExploreData = {
    cwd: CWD,
    root: '/opt/andel',
    files: { '/opt/andel/data/schemes/a.yaml': Buffer.from('id: å\n').toString('base64'), '/opt/andel/package.json': Buffer.from('{}').toString('base64') },
  };
  path = await import('../../scripts/browser-shims/path.js');
  fs = await import('../../scripts/browser-shims/fs.js');
});

const segment = fc.constantFrom('', '.', '..', 'a', 'b', 'data', 'x.yaml', '.dold', 'fil.tar.gz', 'å ä');
const pathText = fc.tuple(fc.boolean(), fc.array(segment, { maxLength: 6 }), fc.boolean()).map(([abs, parts, slash]) => `${abs ? '/' : ''}${parts.join('/')}${slash ? '/' : ''}`);

describe('the node:path shim', () => {
  it('agrees with node:path.posix', () => {
    const cwd = process.cwd;
    fc.assert(
      fc.property(pathText, pathText, (a, b) => {
        expect(path.normalize(a === '' ? '.' : a)).toBe(posix.normalize(a === '' ? '.' : a));
        expect(path.join(a, b)).toBe(posix.join(a, b));
        expect(path.dirname(a)).toBe(posix.dirname(a));
        expect(path.basename(a)).toBe(posix.basename(a));
        expect(path.extname(a)).toBe(posix.extname(a));
        expect(path.isAbsolute(a)).toBe(posix.isAbsolute(a));
        // Node resolves against process.cwd(); the shim against the embedded working directory.
        process.cwd = () => CWD;
        try {
          expect(path.resolve(a, b)).toBe(posix.resolve(a, b));
          expect(path.resolve(a)).toBe(posix.resolve(a));
          expect(path.relative(a, b)).toBe(posix.relative(a, b));
        } finally {
          process.cwd = cwd;
        }
      }),
      { seed: 1717, numRuns: 2000 },
    );
  });
});

describe('the node:fs shim', () => {
  it('reads the embedded files as text or bytes, and sees their folders', () => {
    expect(fs.readFileSync('/opt/andel/data/schemes/a.yaml', 'utf8')).toBe('id: å\n');
    expect(fs.readFileSync('/opt/andel/data/../data/schemes/a.yaml')).toEqual(new Uint8Array(Buffer.from('id: å\n')));
    expect(fs.existsSync('/opt/andel/package.json')).toBe(true);
    expect(fs.existsSync('/opt/andel/data')).toBe(true);
    expect(fs.existsSync('/opt/andel/data/schemes/b.yaml')).toBe(false);
    expect(fs.readdirSync('/opt/andel/data/schemes')).toEqual(['a.yaml']);
  });

  it("refuses a missing file or a folder with Node's codes, which the loaders turn into their messages", () => {
    expect(() => fs.readFileSync('/opt/andel/saknas.csv')).toThrow(expect.objectContaining({ code: 'ENOENT' }));
    expect(() => fs.readFileSync('/opt/andel/data')).toThrow(expect.objectContaining({ code: 'EISDIR' }));
  });

  it('keeps a written file in memory', () => {
    fs.writeFileSync(`${CWD}/utforska-scenario.yaml`, 'scheme: vgr-2022\n');
    expect(fs.readFileSync(`${CWD}/./utforska-scenario.yaml`, 'utf8')).toBe('scheme: vgr-2022\n');
  });
});
