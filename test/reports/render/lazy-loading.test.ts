// The CLI must not pay for puppeteer (or pdf-lib) unless it prints: importing
// the engine loads neither; only printing does. Runs the compiled module
// (vitest's global setup builds dist/) under the import tracer.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../../../data/project-root.js';

describe('the engine loads puppeteer lazily', () => {
  it('imports the render module without loading puppeteer, pdf-lib or plotly', () => {
    const root = projectRoot();
    const dir = mkdtempSync(join(tmpdir(), 'andel-trace-'));
    const trace = join(dir, 'imports.txt');
    const index = JSON.stringify(join(root, 'dist/reports/render/index.js'));
    const { PUPPETEER_EXECUTABLE_PATH: _ignored, ...env } = process.env;
    const run = (script: string, file: string): string => {
      execFileSync(process.execPath, ['--import', join(root, 'test/helpers/trace-imports.mjs'), '-e', script], { env: { ...env, ANDEL_TRACE_IMPORTS: file } });
      return readFileSync(file, 'utf8');
    };
    const heavy = /node_modules\/(puppeteer|puppeteer-core|pdf-lib|plotly\.js-dist)\//;
    try {
      const loaded = run(`await import(${index})`, trace);
      expect(loaded).toContain('reports/render/renderer.js');
      expect(loaded).not.toMatch(heavy);
      // Looking for a browser loads nothing heavy either; the tracer does see puppeteer once one is launched (here one that is not there).
      const looking = run(`const m = await import(${index}); await m.findBrowser().catch(() => undefined)`, join(dir, 'looking.txt'));
      expect(looking).not.toMatch(heavy);
      const launching = run(`const m = await import(${index}); await m.launchBrowser({ executablePath: '/nonexistent/chrome' }).catch(() => undefined)`, join(dir, 'launching.txt'));
      expect(launching).toMatch(/node_modules\/puppeteer-core\//);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
