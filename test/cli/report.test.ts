// `andel report` as a user runs it: the files it writes and what it says,
// the exit codes, options that do not apply, a broken remiss file, no
// browser, and that puppeteer and plotly load only on this path.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RequestTrap, startRequestTrap } from '../helpers/request-trap.js';
import { pdftotext, plainSpaces, whyNoPdfTests } from '../reports/render/pdf-tools.js';
import { BIN, ROOT, andel } from '../helpers/cli.js';

const tmp = () => mkdtempSync(join(tmpdir(), 'andel-report-'));

/** Runs the CLI without blocking this process (a test server must keep answering). */
function andelAsync(args: string[], env: Record<string, string> = {}, nodeArgs: string[] = []): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [...nodeArgs, BIN, ...args], { cwd: ROOT, env: { ...process.env, ...env }, maxBuffer: 16 << 20 }, (error, stdout, stderr) => {
      resolve({ status: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

/** Every file below a folder, relative to it. */
function filesIn(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name).slice(dir.length + 1)).sort();
}

describe('andel report: options checked before anything is computed', () => {
  it('a remiss needs --party', () => {
    const r = andel(['report', 'remiss', 'vgr-2022', '--out', tmp()]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('--party: remiss skrivs för en part: ange --party KOD, t.ex. --party 0126');
  });

  it('refuses options that do not apply, all at once', () => {
    const r = andel(['report', 'overview', 'vgr-2022', '--party', '1480', '--remiss-info', 'x.yaml', '--out', tmp()]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('2 fel i indata');
    expect(r.stderr).toContain('--party: gäller brev och remiss, inte overview');
    expect(r.stderr).toContain('--remiss-info: gäller remiss, inte overview');
  });

  it('refuses the sender file and the recipient register for a kind other than letters', () => {
    const r = andel(['report', 'overview', 'vgr-2022', '--sender', 'data/letters/exempel-avsandare.yaml', '--recipients', 'm.csv', '--out', tmp()]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('--sender: gäller brev, inte overview');
    expect(r.stderr).toContain('--recipients: gäller brev, inte overview');
  });

  it('an unknown kind, a bad date and an unknown party are input errors', () => {
    expect(andel(['report', 'brev', 'vgr-2022']).stderr).toContain('okänd rapport "brev". Rapporter: overview, letters, remiss, comparison.');
    const date = andel(['report', 'overview', 'vgr-2022', '--date', '2022-02-30', '--out', tmp()]);
    expect(date.status).toBe(2);
    expect(date.stderr).toContain('--date: "2022-02-30" är inte ett datum ÅÅÅÅ-MM-DD (eller today)');
    const party = andel(['report', 'letters', 'vgr-2022', '--party', '9999', '--out', tmp()]);
    expect(party.status).toBe(2);
    expect(party.stderr).toContain('okänd part 9999 i vgr-2022');
  });

  it('a broken remiss file: every mistake with its line, and nothing written', () => {
    const dir = tmp();
    const info = join(dir, 'remiss.yaml');
    writeFileSync(info, 'till: Socialnämnden\ndatum: 29 september 2020\nhandlaggare:\n  namn: Kim\n  mobil: 070\n');
    const out = join(dir, 'ut');
    const r = andel(['report', 'remiss', 'sthlm-2020', '--party', '0126', '--set', 'licence.total=1000000', '--remiss-info', info, '--out', out]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('remiss.yaml, rad 2, kolumn 8: datum "29 september 2020" ska skrivas ÅÅÅÅ-MM-DD');
    expect(r.stderr).toContain('remiss.yaml, rad 5, kolumn 10: okänt fält "handlaggare.mobil"');
    expect(existsSync(out)).toBe(false);
  });

  it('--format is pdf or docx, and HTML is written only beside a PDF', () => {
    const odt = andel(['report', 'remiss', 'sthlm-2020', '--party', '0126', '--format', 'odt', '--out', tmp()]);
    expect(odt.status).toBe(2);
    expect(odt.stderr).toContain('--format: "odt" är inget format: pdf eller docx');
    const html = andel(['report', 'overview', 'vgr-2022', '--format', 'docx', '--html', '--out', tmp()]);
    expect(html.status).toBe(2);
    expect(html.stderr).toContain('--html: HTML skrivs bara bredvid PDF, inte med --format docx');
  });

  it('a scheme without the licence total says how to give it', () => {
    const r = andel(['report', 'overview', 'sthlm-2020', '--out', tmp()]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('licence.total');
  });
});

describe('andel report: the terminal names the date used and where it came from', () => {
  // Word files, so that no browser is needed.
  it('a scheme with dates of its own but no source.date: the first of them, not the population file\'s date', () => {
    const out = tmp();
    const r = andel(['report', 'overview', 'test/fixtures/report-date/datum-i-schemat.yaml', '--format', 'docx', '--out', out]);
    expect(r.status).toBe(0);
    expect(r.stderr).toContain('andel: rapportdatum 2025-01-15 (schemats första datum: Undertecknat avtal ska vara Region Uppsala tillhanda)');
    expect(r.stderr).not.toContain('2021-12-31');
  });

  it('a remiss file\'s datum is the report\'s date and is named with its file; --date sets it aside and says so', () => {
    const dir = tmp();
    const info = join(dir, 'remiss.yaml');
    writeFileSync(info, 'till: Socialnämnden\ndatum: 2020-09-30\n');
    const args = ['report', 'remiss', 'sthlm-2020', '--party', '0126', '--set', 'licence.total=1501577.88', '--remiss-info', info, '--format', 'docx'];
    const own = andel([...args, '--out', join(dir, 'a')]);
    expect(own.status).toBe(0);
    expect(own.stderr).toContain(`andel: rapportdatum 2020-09-30 (remissfilens datum, ${info})`);
    const given = andel([...args, '--date', '2020-10-02', '--out', join(dir, 'b')]);
    expect(given.status).toBe(0);
    expect(given.stderr).toContain('andel: rapportdatum 2020-10-02 (--date; remissfilens datum 2020-09-30 gäller inte)');
  });
});

describe('andel report without a working browser', () => {
  it('says which documents were not written and why, exits 4, and leaves no file', () => {
    const out = tmp();
    const r = andel(['report', 'letters', 'vgr-2022', '--party', '1480,1490', '--out', out], { env: { PUPPETEER_EXECUTABLE_PATH: '/bin/false' } });
    expect(r.status).toBe(4);
    expect(r.stderr).toContain('2 av 2 dokument skrevs inte:');
    expect(r.stderr).toContain('1480-goteborg.pdf');
    expect(filesIn(out).filter((f) => !f.endsWith('/'))).toEqual([]);
  });
});

const reason = await whyNoPdfTests();
if (reason !== undefined && process.env['CI'] === 'true') throw new Error(`The PDF tests must run under CI, but ${reason}`);
const suite = reason === undefined ? describe : describe.skip;

suite(reason === undefined ? 'andel report with Chromium' : `andel report with Chromium — SKIPPED: ${reason}`, () => {
  let trap: RequestTrap;

  beforeAll(async () => {
    trap = await startRequestTrap();
  });

  afterAll(async () => {
    await trap?.close();
  });

  it('writes letters (and their HTML), says what it wrote, loads puppeteer only here, and requests nothing', async () => {
    const out = tmp();
    const trace = join(out, '..', `${out.split('/').pop() ?? 'x'}-imports.txt`);
    const title = `<script>alert(1)</script><img src=http://127.0.0.1:${trap.port}/x>`;
    const r = await andelAsync(
      ['report', 'letters', 'vgr-2022', '--party', '1480,14', '--out', out, '--html', '--title', title],
      { ANDEL_TRACE_IMPORTS: trace },
      ['--import', join(ROOT, 'test/helpers/trace-imports.mjs')],
    );
    expect(r.stderr).toContain('andel: rapportdatum 2022-06-29 (avtalets datum i schemat)');
    expect(r.stderr).toMatch(/skrev 2 PDF \(\d+ sidor\) på \d+,\d s/);
    expect(r.status).toBe(0);
    expect(filesIn(out)).toEqual(['brev/14-vastra-gotalandsregionen.html', 'brev/14-vastra-gotalandsregionen.pdf', 'brev/1480-goteborg.html', 'brev/1480-goteborg.pdf']);
    const text = plainSpaces(await pdftotext(join(out, 'brev/1480-goteborg.pdf'))).replace(/\s+/g, ' ');
    expect(text).toContain('587 549 invånare × 10 kr = 5 875 490 kr.');
    expect(text).toContain(title);
    const html = readFileSync(join(out, 'brev/1480-goteborg.html'), 'utf8');
    expect(html).not.toContain('<script>alert');
    expect(trap.hits).toEqual([]);
    const loaded = readFileSync(trace, 'utf8');
    expect(loaded).toMatch(/node_modules\/puppeteer-core\//);
    expect(loaded).not.toMatch(/danfojs|@tensorflow/);
  });

  it('writes the remiss as a Word file with --format docx, and no PDF', async () => {
    const out = tmp();
    const r = await andelAsync(['report', 'remiss', 'sthlm-2020', '--party', '0126', '--set', 'licence.total=1501577.88', '--remiss-info', 'data/remiss/exempel.yaml', '--format', 'docx', '--out', out]);
    expect(r.stderr).toMatch(/skrev 1 Word-fil \(docx\) på \d+,\d s: .*remiss\/0126-huddinge\.docx/);
    // The operator's hint of the example user counts goes to the terminal; the document has only the reader's sentence.
    expect(r.stderr).toContain('andel: Antal användare är EXEMPELDATA, inte uppmätta antal: belopp som fördelas efter antal användare är räkneexempel. Ange verkliga antal med --users ÅR=FIL.');
    expect(r.status).toBe(0);
    expect(filesIn(out)).toEqual(['remiss/0126-huddinge.docx']);
    expect(readFileSync(join(out, 'remiss/0126-huddinge.docx')).subarray(0, 2).toString('latin1')).toBe('PK');
    expect(trap.hits).toEqual([]);
  });

  it('writes a comparison with Monte Carlo bands, seeded, for a scenario of a scheme with an open parameter', async () => {
    // sthlm-2020 leaves the licence total open; the scenario varies it, and the base takes its median too.
    const out = tmp();
    const r = await andelAsync(['report', 'comparison', 'scenarios/sthlm-licens-osaker.yaml', '--runs', '1000', '--seed', '7', '--out', out]);
    expect(r.stderr).toContain('simulerar 1000 körningar (frö 7)');
    expect(r.stderr).toContain('licence.total saknar värde i schemat; basen använder scenariots värde 1500000.');
    expect(r.status).toBe(0);
    expect(filesIn(out)).toEqual(['jamforelse-osaker-licenskostnad-i-stockholms-lan.pdf']);
    const text = plainSpaces(await pdftotext(join(out, 'jamforelse-osaker-licenskostnad-i-stockholms-lan.pdf'))).replace(/\s+/g, ' ');
    expect(text).toContain('anges inte i avtalet; jämförelsens bas använder scenariots värde, 1 500 000');
    expect(text).not.toContain('licence.total');
    expect(text).toContain('Percentilband per part');
    expect(text).toContain('1 000 körningar med fröet 7');
    expect(text).toMatch(/kontrollsumma [0-9a-f]{8} · frö 7/);
  });
});
