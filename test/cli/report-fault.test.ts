// A report run killed outright (SIGKILL: no handler runs, nothing is closed)
// must not leave its browser running, nor Chromium's crash handler, and the
// next run must remove the profile folder it could not remove itself.
//
// The run gets a private TMPDIR (its profile folder goes there) and a private
// XDG_CONFIG_HOME (where chrome_crashpad_handler, which runs outside the
// browser's process group, keeps its database), so that every process of this
// run, the crash handler included, and only those, name this test's folder on
// their command line.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BIN, ROOT, andel } from '../helpers/cli.js';
import { whyNoPdfTests } from '../reports/render/pdf-tools.js';

interface Proc {
  readonly pid: number;
  readonly args: string;
}

/** The live processes whose command line names `mark` (zombies are dead and left out). */
function processesNaming(mark: string): Proc[] {
  const ps = spawnSync('ps', ['-eo', 'pid=,stat=,args='], { maxBuffer: 16 << 20 }).stdout.toString('utf8');
  return ps
    .split('\n')
    .map((line) => /^\s*(\d+)\s+(\S+)\s+(.*)$/.exec(line))
    .filter((m): m is RegExpExecArray => m !== null && !m[2]!.startsWith('Z') && m[3]!.includes(mark))
    .map((m) => ({ pid: Number(m[1]), args: m[3]! }));
}

/** Polls `probe` every 200 ms until it returns a value, for at most `ms`. */
async function until<T>(probe: () => T | undefined, ms: number): Promise<T | undefined> {
  for (let waited = 0; ; waited += 200) {
    const value = probe();
    if (value !== undefined || waited >= ms) return value;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

const root = mkdtempSync(join(tmpdir(), 'andel-fault-'));
const started: ChildProcess[] = [];
afterAll(() => {
  // If the test failed, what it started is not left running: the run itself and anything naming its folder.
  for (const c of started) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  for (const p of processesNaming(root)) {
    try {
      process.kill(p.pid, 'SIGKILL');
    } catch {
      // Gone meanwhile.
    }
  }
  rmSync(root, { recursive: true, force: true });
});

const reason = await whyNoPdfTests();
if (reason !== undefined && process.env['CI'] === 'true') throw new Error(`The PDF tests must run under CI, but ${reason}`);
const suite = reason === undefined ? describe : describe.skip;

suite(reason === undefined ? 'a report run killed with SIGKILL' : `a report run killed with SIGKILL — SKIPPED: ${reason}`, () => {
  it('leaves no browser process behind, and the next run removes its profile folder', async () => {
    const temp = join(root, 'tmp');
    const config = join(root, 'config');
    mkdirSync(temp);
    mkdirSync(config);
    const env = { ...process.env, TMPDIR: temp, XDG_CONFIG_HOME: config };
    const run = spawn(process.execPath, [BIN, 'report', 'letters', 'vgr-2022', '--out', join(root, 'brev')], { cwd: ROOT, env, stdio: 'ignore' });
    started.push(run);
    const exited = new Promise((resolve) => run.once('exit', resolve));

    // Wait until the browser of this run prints: its profile folder is named for the andel process, and a page renders.
    const profile = `--user-data-dir=${join(temp, `andel-chromium-${run.pid}-`)}`;
    const before = await until(() => {
      const ps = processesNaming(root);
      return ps.some((p) => p.args.includes(profile)) && ps.some((p) => p.args.includes('--type=renderer')) ? ps : undefined;
    }, 180_000);
    expect(before, 'the browser of the run never started').toBeDefined();

    run.kill('SIGKILL');
    await exited;
    // Chromium notices the closed pipe and shuts down with its helpers; give it a bounded while.
    const after = await until(() => {
      const ps = processesNaming(root);
      return ps.length === 0 ? ps : undefined;
    }, 30_000);
    expect(after ?? processesNaming(root)).toEqual([]);
    // What the killed run could not clean up itself: its profile folder.
    expect(readdirSync(temp).filter((name) => name.startsWith(`andel-chromium-${run.pid}-`))).toHaveLength(1);

    const next = andel(['report', 'overview', 'vgr-2022', '--out', join(root, 'oversikt')], { env: { TMPDIR: temp, XDG_CONFIG_HOME: config } });
    expect(next.status).toBe(0);
    // Nothing left in the temporary folder: not the dead run's profile, not the second run's.
    expect(readdirSync(temp)).toEqual([]);
    expect(processesNaming(root)).toEqual([]);
  }, 300_000);
});
