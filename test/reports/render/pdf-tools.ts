// Reading PDFs back the way a person's tools do (poppler-utils), and finding
// out up front whether this machine can print at all, so that the browser
// tests are skipped with a visible reason, never silently.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { findBrowser } from '../../../reports/render/browser.js';

const run = promisify(execFile);

/** Why the PDF tests cannot run here, or undefined when they can. */
export async function whyNoPdfTests(): Promise<string | undefined> {
  try {
    await findBrowser();
  } catch (error) {
    return `no browser found (${error instanceof Error ? error.message : String(error)})`;
  }
  try {
    await run('pdftotext', ['-v']);
  } catch {
    return 'pdftotext not found: apt-get install poppler-utils';
  }
  return undefined;
}

/** The text of a PDF (or of pages `first`–`last`); `layout` keeps the columns of each line together. */
export async function pdftotext(file: string, layout = false, first?: number, last?: number): Promise<string> {
  const pages = [...(first !== undefined ? ['-f', String(first)] : []), ...(last !== undefined ? ['-l', String(last)] : [])];
  const { stdout } = await run('pdftotext', [...(layout ? ['-layout'] : []), ...pages, '-enc', 'UTF-8', file, '-'], { maxBuffer: 64 << 20 });
  return stdout;
}

/** pdfinfo's fields, dates in ISO 8601 UTC. */
export async function pdfinfo(file: string): Promise<Record<string, string>> {
  const { stdout } = await run('pdfinfo', ['-isodates', '-enc', 'UTF-8', file], { env: { ...process.env, TZ: 'UTC' } });
  const fields: Record<string, string> = {};
  for (const line of stdout.split('\n')) {
    const m = /^([^:]+):\s*(.*)$/.exec(line);
    if (m?.[1] !== undefined && m[2] !== undefined) fields[m[1].trim()] = m[2].trim();
  }
  return fields;
}

/** The rows of `pdfimages -list` (images drawn in the PDF), without its two header lines. */
export async function pdfimages(file: string): Promise<string[]> {
  const { stdout } = await run('pdfimages', ['-list', file]);
  return stdout.split('\n').slice(2).filter((l) => l.trim() !== '');
}

/** The rows of `pdffonts` (fonts used), without its two header lines. */
export async function pdffonts(file: string): Promise<string[]> {
  const { stdout } = await run('pdffonts', [file]);
  return stdout.split('\n').slice(2).filter((l) => l.trim() !== '');
}

/** No-break and narrow no-break spaces as plain spaces, so amounts can be compared as typed. */
export function plainSpaces(text: string): string {
  return text.replace(/[\u00a0\u202f\u2009]/g, ' ');
}
