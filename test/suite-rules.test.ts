// Rules of the suite itself, read from the test files (STYLE.md, Tests):
// - every property test runs with a fixed seed and a stated number of runs,
//   so a failure is the same failure on every machine and every run;
// - no test measures time: speed is printed by `npm run bench`, never timed
//   or printed in a unit test.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const testDir = fileURLToPath(new URL('.', import.meta.url));

function testFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? testFiles(join(dir, e.name)) : /\.test\.ts$/.test(e.name) && e.name !== 'suite-rules.test.ts' ? [join(dir, e.name)] : [],
  );
}

/** The text of each call `name(…)` in `source`, found by balancing parentheses. */
function callsOf(source: string, pattern: RegExp): { line: number; text: string }[] {
  const out: { line: number; text: string }[] = [];
  for (const m of source.matchAll(pattern)) {
    const start = m.index + m[0].length - 1;
    let depth = 0;
    let end = start;
    for (; end < source.length; end++) {
      if (source[end] === '(') depth++;
      else if (source[end] === ')' && --depth === 0) break;
    }
    out.push({ line: source.slice(0, m.index).split('\n').length, text: source.slice(m.index, end + 1) });
  }
  return out;
}

/** Whether a call's options name a seed and a number of runs, directly or through a constant of the file. */
function pinned(call: string, source: string): boolean {
  if (/\bseed\s*:/.test(call) && /\bnumRuns\s*:/.test(call)) return true;
  const last = /,\s*([A-Za-z_$][\w$]*)\s*,?\s*\)$/.exec(call)?.[1];
  if (last === undefined) return false;
  const declared = new RegExp(`const\\s+${last}\\s*=\\s*(\\{[^}]*\\})`).exec(source)?.[1] ?? '';
  return /\bseed\s*:/.test(declared) && /\bnumRuns\s*:/.test(declared);
}

const PROPERTY_CALL = /\bfc\.(?:assert|check)\(|\b(?:test|it)\.prop\(/g;

describe('property tests', () => {
  it('the check itself: a call with a seed and runs passes, one without either fails', () => {
    expect(pinned('fc.assert(fc.property(a, f), { seed: 1, numRuns: 10 })', '')).toBe(true);
    expect(pinned('fc.assert(fc.property(a, f), RUNS)', 'const RUNS = { seed: 4, numRuns: 400 };')).toBe(true);
    expect(pinned('fc.assert(fc.property(a, f), { numRuns: 10 })', '')).toBe(false);
    expect(pinned('fc.assert(fc.property(a, f))', '')).toBe(false);
    expect(pinned('fc.assert(fc.property(a, f), RUNS)', 'const RUNS = { numRuns: 400 };')).toBe(false);
  });

  it('every fc.assert, fc.check and test.prop in test/ has a fixed seed and numRuns', () => {
    const found: string[] = [];
    const unpinned: string[] = [];
    for (const file of testFiles(testDir)) {
      const source = readFileSync(file, 'utf8');
      for (const call of callsOf(source, PROPERTY_CALL)) {
        const where = `${relative(testDir, file)}:${call.line}`;
        found.push(where);
        if (!pinned(call.text, source)) unpinned.push(where);
      }
    }
    expect(found.length).toBeGreaterThan(20);
    expect(unpinned).toEqual([]);
  });
});

describe('timing', () => {
  it('no test reads a clock to measure itself (performance.now, Date.now, process.hrtime) or prints to the console', () => {
    const timed = testFiles(testDir).flatMap((file) =>
      readFileSync(file, 'utf8')
        .split('\n')
        .flatMap((line, i) => (/\b(performance\.now|Date\.now|process\.hrtime)\b|\bconsole\.(log|info|debug|time)\(/.test(line) ? [`${relative(testDir, file)}:${i + 1}`] : [])),
    );
    expect(timed).toEqual([]);
  });
});
