#!/usr/bin/env node
// The README's picture of the explorer: writes the vgr-2022 explorer, opens it in Chromium with every request
// refused (as a reader's offline browser would), makes the changes a reader at a meeting might (Göteborg does not
// sign, the rate is 9,75 kr), and saves the laptop-sized view as docs/utforska-vgr-2022.png.
//
//   npm run build && node scripts/explore-screenshot.mjs [--out docs/utforska-vgr-2022.png]
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const root = resolve(import.meta.dirname, '..');
const outIndex = process.argv.indexOf('--out');
const out = resolve(outIndex > 0 ? process.argv[outIndex + 1] : join(root, 'docs', 'utforska-vgr-2022.png'));
const dir = mkdtempSync(join(tmpdir(), 'andel-screenshot-'));
const html = join(dir, 'utforska.html');
execFileSync(process.execPath, [join(root, 'bin', 'andel.js'), 'explore', 'vgr-2022', '--out', html], { stdio: 'inherit', cwd: root });

const { launchBrowser } = await import(pathToFileURL(join(root, 'dist', 'reports', 'render', 'browser.js')).href);
const launched = await launchBrowser();
try {
  const page = await launched.browser.newPage();
  await page.setViewport({ width: 1366, height: 900, deviceScaleFactor: 1 });
  const url = pathToFileURL(html).href;
  await page.setRequestInterception(true);
  page.on('request', (req) => (req.url() === url ? req.continue() : req.abort()));
  await page.goto(url, { waitUntil: 'load' });
  await page.evaluate(async () => {
    await window.andel.ready;
    await window.andel.set('rate', '9.75');
    await window.andel.leave('1480');
  });
  // Let the charts draw after the table.
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  await new Promise((r) => setTimeout(r, 300));
  await page.screenshot({ path: out, type: 'png' });
  process.stderr.write(`skrev ${out}\n`);
} finally {
  await launched.close();
  rmSync(dir, { recursive: true, force: true });
}
