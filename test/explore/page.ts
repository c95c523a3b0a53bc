// What the explorer's Chromium tests share: writing a page with the CLI, opening it offline (every request but the
// page's own and its inline `data:` fonts refused, and counted), calling `window.andel`, and the CLI's JSON to
// compare with.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'puppeteer-core';
import { expect } from 'vitest';
import { andel } from '../helpers/cli.js';

/** A folder of one's own for the pages and scenario files a test file writes. */
export function scratchDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `andel-${prefix}-`));
}

/** Writes the explorer with the CLI (`andel explore ARGS --out FILE`) and returns the file. */
export function writeExplorer(args: readonly string[], out: string): string {
  const r = andel(['explore', ...args, '--out', out]);
  expect(r.stderr).toContain(`skrev ${out}`);
  expect(r.status).toBe(0);
  return out;
}

/** An opened page, and every request it made other than for itself (its inline `data:` fonts are no requests that leave it). */
export interface OpenedPage {
  readonly page: Page;
  readonly others: string[];
}

/** Opens a written page (optionally at a URL fragment) at a viewport, refusing and recording every other request, and waits for `andel.ready`. */
export async function openOffline(browser: Browser, file: string, options: { width?: number; height?: number; fragment?: string } = {}): Promise<OpenedPage> {
  const url = pathToFileURL(file).href;
  const page = await browser.newPage();
  if (options.width !== undefined) await page.setViewport({ width: options.width, height: options.height ?? 768 });
  const others: string[] = [];
  await page.setRequestInterception(true);
  page.on('request', (req) => {
    if (req.url().split('#')[0] === url || req.url().startsWith('data:')) void req.continue();
    else {
      others.push(req.url());
      void req.abort();
    }
  });
  await page.goto(options.fragment === undefined ? url : `${url}#${options.fragment}`, { waitUntil: 'load' });
  await page.evaluate(() => (globalThis as unknown as { andel: { ready: Promise<unknown> } }).andel.ready);
  return { page, others };
}

/** Calls window.andel[method](...args) in the page; resolves to what it resolves to, or to `{ error: message }`. */
export async function callApi(page: Page, method: string, ...args: unknown[]): Promise<unknown> {
  return page.evaluate(
    async (m, a) => {
      const api = (globalThis as unknown as { andel: Record<string, (...x: unknown[]) => unknown> }).andel;
      try {
        return await api[m]!(...a);
      } catch (e) {
        return { error: (e as Error).message };
      }
    },
    method,
    args,
  );
}

/** `andel allocate ARGS --format json`, parsed; the run must succeed, with nothing on stderr unless warnings (a shortfall's) are expected. */
export function allocateJson<T = unknown>(args: readonly string[], options: { warnings?: boolean } = {}): T {
  const r = andel(['allocate', ...args, '--format', 'json']);
  if (options.warnings !== true) expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  return JSON.parse(r.stdout) as T;
}
