// The command line runs from esbuild's bundle (dist/cli-bundle/, made by scripts/bundle.mjs after tsc). The bundle
// must be the same program as the modules tsc compiled: the same bytes out for the same command, its Monte Carlo
// worker threads started from the bundle, and a stack trace (with --debug) that names the TypeScript files.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, andel } from '../helpers/cli.js';

const UNBUNDLED = join(ROOT, 'dist', 'cli', 'main.js');
const BUNDLE = join(ROOT, 'dist', 'cli-bundle');

/** The same command through tsc's unbundled modules. */
function unbundled(args: string[]) {
  const r = spawnSync(process.execPath, [UNBUNDLED, ...args], { cwd: ROOT, maxBuffer: 64 * 1024 * 1024 });
  return { status: r.status, stdoutBytes: r.stdout, stderr: r.stderr.toString('utf8') };
}

const VARY = ['--vary', 'licence.total=uniform(1000000,2000000)', '--vary', 'population=uniform(-0.05,0.05)'];

describe('the bundled command line', () => {
  it('is what bin/andel.js runs: a CLI entry and the simulation worker side by side, with source maps', () => {
    expect(readFileSync(join(ROOT, 'bin', 'andel.js'), 'utf8')).toContain('../dist/cli-bundle/main.js');
    for (const f of ['main.js', 'main.js.map', 'simulation-worker.js', 'simulation-worker.js.map']) expect(existsSync(join(BUNDLE, f)), f).toBe(true);
    // The worker is found next to whichever chunk starts it (new URL('./simulation-worker.js', import.meta.url)).
    expect(readFileSync(join(ROOT, 'pipeline', 'simulation-threads.ts'), 'utf8')).toContain("new URL('./simulation-worker.js', import.meta.url)");
  });

  it.each([
    ['allocate, table', ['allocate', 'vgr-2022']],
    ['allocate, json', ['allocate', 'vgr-2022', '--format', 'json']],
    ['allocate, csv with a changed rate', ['allocate', 'vgr-2022', '--set', 'rate=9.75', '--format', 'csv']],
    ['compare a scenario', ['compare', 'scenarios/goteborg-avstar.yaml', '--format', 'json']],
    ['simulate on two threads', ['simulate', 'sthlm-2020', '--runs', '5000', '--seed', '3', ...VARY, '--workers', '2', '--format', 'json']],
    ['help', ['--help']],
    ['an input error', ['allocate', 'vgr-2033']],
  ])('prints the same bytes as the unbundled modules: %s', (_, args) => {
    const bundled = andel(args);
    const plain = unbundled(args);
    expect(bundled.status).toBe(plain.status);
    expect(bundled.stdoutBytes.equals(plain.stdoutBytes)).toBe(true);
    expect(bundled.stderr).toBe(plain.stderr);
  });

  it('starts its Monte Carlo worker threads from the bundle: two threads give one thread\'s figures', () => {
    const args = ['simulate', 'sthlm-2020', '--runs', '20000', '--seed', '7', ...VARY, '--format', 'json'];
    const one = andel([...args, '--workers', '1']);
    const two = andel([...args, '--workers', '2']);
    expect(two.stderr).toBe('');
    expect(two.status).toBe(0);
    const a = JSON.parse(one.stdout) as Record<string, unknown>;
    const b = JSON.parse(two.stdout) as Record<string, unknown>;
    expect([a['workers'], b['workers']]).toEqual([1, 2]);
    expect({ ...b, workers: 1 }).toEqual(a);
  });

  it('names the TypeScript files in a stack trace (--debug), through the source maps', () => {
    const r = andel(['--debug', 'allocate', 'vgr-2033']);
    expect(r.status).toBe(2);
    const frames = r.stderr.split('\n').filter((line) => /^\s+at /.test(line));
    expect(frames.length).toBeGreaterThan(0);
    expect(r.stderr).toMatch(/\bdata\/scheme\/find\.ts:\d+:\d+/);
    expect(r.stderr).toMatch(/\bcli\/commands\/allocate\.ts:\d+:\d+/);
    expect(r.stderr).not.toContain('cli-bundle');
    // Without --debug there is no stack, and the maps are not read.
    expect(andel(['allocate', 'vgr-2033']).stderr).not.toMatch(/\n\s+at /);
  });
});
