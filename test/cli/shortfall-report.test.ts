// A shortfall in a printed document, as a reader sees it: `andel report
// overview` under policy none warns on stderr and prints the notice and the
// total to cover in the PDF, read back with pdftotext. Skipped only without
// a browser or poppler, with the reason in the name; under CI a failure.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BIN, ROOT } from '../helpers/cli.js';
import { pdftotext, plainSpaces, whyNoPdfTests } from '../reports/render/pdf-tools.js';

const reason = await whyNoPdfTests();
if (reason !== undefined && process.env['CI'] === 'true') throw new Error(`The PDF tests must run under CI, but ${reason}`);
const suite = reason === undefined ? describe : describe.skip;

function andelAsync(args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { cwd: ROOT, maxBuffer: 16 << 20 }, (error, stdout, stderr) => {
      resolve({ status: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

suite(reason === undefined ? 'a shortfall printed in the overview' : `a shortfall printed in the overview — SKIPPED: ${reason}`, () => {
  const out = mkdtempSync(join(tmpdir(), 'andel-shortfall-report-'));
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it('sthlm-2020, policy none, licence 3 000 000 kr: the warning on stderr, the notice and the total to cover in the PDF', async () => {
    const r = await andelAsync(['report', 'overview', 'sthlm-2020', '--set', 'cap.policy=none', '--set', 'licence.total=3000000', '--out', out]);
    expect(r.status).toBe(0);
    expect(r.stderr).toContain('varning: Licens: 614 018,85 kr av 3 000 000,00 kr täcks inte av någon part (taket 615 312,00 kr binder för 1 part: Stockholm; policy: ej täckt).');
    const text = plainSpaces(await pdftotext(join(out, 'oversikt.pdf'))).replace(/\s+/g, ' ');
    expect(text).toContain('KOSTNAD SOM INGEN PART TÄCKER');
    expect(text).toContain(
      'Licens (kostnad för att använda systemet): 614 018,85 kr av 3 000 000,00 kr täcks inte av någon part. Taket på 615 312,00 kr per part binder för Stockholm, och enligt fördelningens princip tar ingen annan part över det som taket håller tillbaka. Parterna betalar 2 385 981,15 kr.',
    );
    expect(text).toContain('Sammanlagt ska 29 000 000,00 kr täckas; parterna betalar 28 385 981,15 kr och 614 018,85 kr täcks inte.');
    const layout = plainSpaces(await pdftotext(join(out, 'oversikt.pdf'), true));
    // The key figures, side by side: the total to cover first, what the parties cover beside it.
    expect(layout).toMatch(/Totalt att täcka\s+Täckt av parterna\s+Licens\s+Helpdesk\n\s*\n\s*29 000 000,00 kr\s+28 385 981,15 kr\s+3 000 000,00 kr\s+26 000 000,00 kr\n\s+ej täckt: 614 018,85 kr\s+varav ej täckt: 614 018,85 kr\n/);
    expect(layout).toMatch(/Summa\s+2 385 981,15 kr\s+26 000 000,00 kr\s+28 385 981,15 kr\s+100,00 %/);
    expect(layout).toMatch(/Ej täckt\s+614 018,85 kr\s+0,00 kr\s+614 018,85 kr\s+–/);
  });
});
