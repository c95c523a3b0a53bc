import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { RenderError } from '../../../models/errors.js';
import { BROWSER_ARGS, findBrowser, removeStaleProfiles } from '../../../reports/render/browser.js';

// Fake executables in a temporary folder: the search order is tested without
// any real browser.
const dir = mkdtempSync(join(tmpdir(), 'andel-find-browser-'));
function fakeExecutable(name: string): string {
  const file = join(dir, name);
  writeFileSync(file, '#!/bin/sh\n');
  chmodSync(file, 0o755);
  return file;
}
const envBrowser = fakeExecutable('env-chrome');
const system = fakeExecutable('chromium');
const pathDir = mkdtempSync(join(dir, 'bin-'));
const onPath = join(pathDir, 'google-chrome');
writeFileSync(onPath, '#!/bin/sh\n');
chmodSync(onPath, 0o755);
const missing = join(dir, 'not-there');

afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function rejection(promise: Promise<unknown>): Promise<RenderError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof RenderError) return error;
    throw error;
  }
  throw new Error('expected a RenderError');
}

describe('findBrowser', () => {
  it('takes PUPPETEER_EXECUTABLE_PATH first', async () => {
    const found = await findBrowser({ env: { PUPPETEER_EXECUTABLE_PATH: envBrowser, PATH: pathDir }, systemPath: system });
    expect(found).toEqual({ executablePath: envBrowser, source: 'env' });
  });

  it('refuses a PUPPETEER_EXECUTABLE_PATH that points nowhere instead of ignoring it', async () => {
    const error = await rejection(findBrowser({ env: { PUPPETEER_EXECUTABLE_PATH: missing }, systemPath: system }));
    expect(error.code).toBe('E_NO_BROWSER');
    expect(error.describe('sv')).toContain(missing);
    expect(error.describe('en')).toContain('PUPPETEER_EXECUTABLE_PATH');
  });

  it('then Debian\'s chromium (no download of its own: puppeteer-core fetches no browser)', async () => {
    expect(await findBrowser({ env: { PATH: pathDir }, systemPath: system })).toEqual({ executablePath: system, source: 'system' });
  });

  it('then google-chrome or chromium on PATH', async () => {
    expect(await findBrowser({ env: { PATH: `${missing}:${pathDir}` }, systemPath: missing })).toEqual({
      executablePath: onPath,
      source: 'path',
    });
  });

  it('says how to install one, in Swedish and English, when there is none', async () => {
    const error = await rejection(findBrowser({ env: { PATH: dir + '/nothing' }, systemPath: missing }));
    expect(error.code).toBe('E_NO_BROWSER');
    expect(error.describe('sv')).toContain('apt-get install chromium');
    expect(error.describe('sv')).toContain('Installera');
    expect(error.describe('en')).toContain('apt-get install chromium');
    expect(error.describe('en')).toContain('PUPPETEER_EXECUTABLE_PATH');
  });

  it('launches without sandbox, GPU, QUIC or background traffic', () => {
    for (const flag of ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync']) {
      expect(BROWSER_ARGS).toContain(flag);
    }
  });
});

describe('removeStaleProfiles', () => {
  it('removes the profile folders of runs that are gone, and only those', async () => {
    const temp = mkdtempSync(join(dir, 'tmp-'));
    // A process id that was surely in use and is surely gone: a child that has exited.
    const gone = spawnSync(process.execPath, ['-e', '']).pid;
    const names = [`andel-chromium-${gone}-abc123`, `andel-chromium-${process.pid}-def456`, 'andel-chromium-ghi789', 'annan-mapp'];
    for (const name of names) mkdirSync(join(temp, name, 'Default'), { recursive: true });
    expect(await removeStaleProfiles(temp)).toEqual([join(temp, `andel-chromium-${gone}-abc123`)]);
    expect(readdirSync(temp).sort()).toEqual(names.slice(1).sort());
  });

  it('is quiet about a temporary folder that does not exist', async () => {
    expect(await removeStaleProfiles(join(dir, 'finns-inte'))).toEqual([]);
  });
});

describe('a renderer without a usable browser', () => {
  it('fails every document of a batch with the launch error, trying to start the browser once', async () => {
    const { createRenderer } = await import('../../../reports/render/renderer.js');
    const renderer = createRenderer({ executablePath: join(dir, 'chromium-that-is-not-a-browser'), concurrency: 1 });
    writeFileSync(join(dir, 'chromium-that-is-not-a-browser'), '#!/bin/sh\nexit 3\n');
    chmodSync(join(dir, 'chromium-that-is-not-a-browser'), 0o755);
    try {
      const jobs = ['a', 'b', 'c'].map((id) => ({ id, html: '<p>x</p>', outFile: join(dir, `${id}.pdf`), title: id }));
      const summary = await renderer.renderBatch(jobs);
      expect(summary.written).toEqual([]);
      expect(summary.failed.map((f) => [f.job.id, f.error.code])).toEqual([
        ['a', 'E_BROWSER_LAUNCH'],
        ['b', 'E_BROWSER_LAUNCH'],
        ['c', 'E_BROWSER_LAUNCH'],
      ]);
      expect(renderer.stats().browserLaunches).toBe(0);
    } finally {
      await renderer.close();
    }
  });
});
