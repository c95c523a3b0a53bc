// `andel invoice` as finance staff run it: the worked example of the README,
// a second run refused, bad files refused (exit 2, every problem, nothing written).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { create } from 'xmlbuilder2';
import { luhnValid } from '../../models/invoicing/identifiers.js';
import { checkUbl } from '../../reports/invoicing/ubl-rules.js';
import { andel } from '../helpers/cli.js';

const tmp = () => mkdtempSync(join(tmpdir(), 'andel-invoice-cli-'));
const SENDER = 'data/invoicing/avsandare-exempel.yaml';
const RECIPIENTS = 'data/invoicing/mottagare-exempel.csv';
const example = (out: string, ...more: string[]) => andel(['invoice', 'vgr-2022', '--sender', SENDER, '--recipients', RECIPIENTS, '--out', out, ...more]);

/** An element's text as xmlbuilder2's object form gives it (a string, or `#` beside attributes). */
const text = (v: unknown): string => (typeof v === 'string' ? v : String((v as Record<string, unknown>)['#']));

/** The summary's body rows as fields. */
function summaryRows(dir: string): string[][] {
  return readFileSync(join(dir, 'fakturor.csv'), 'utf8').replace(/^\ufeff/, '').trimEnd().split('\r\n').slice(1).map((l) => l.split(';'));
}

describe('andel invoice', () => {
  it('writes the worked example: 49 municipal invoices that sum to the total less the region’s part', () => {
    const out = join(tmp(), 'fakturor');
    const r = example(out);
    expect(r.stderr).toContain('skrev 49 fakturor (EX2022-1001–EX2022-1049)');
    expect(r.status).toBe(0);
    expect(r.stderr).toContain('Västra Götalandsregionen bär själv');
    expect(r.stderr).toContain('OBS: fakturorna bygger på exempeldata');
    const rows = summaryRows(out);
    const body = rows.filter((f) => f[0]!.startsWith('EX2022-'));
    expect(body).toHaveLength(49);
    expect(body.map((f) => f[1])).not.toContain('14');
    for (const f of body) expect(luhnValid(f[4]!)).toBe(true);
    const öre = (s: string) => Math.round(Number(s.replace(',', '.')) * 100);
    const sum = body.reduce((s, f) => s + öre(f[3]!), 0);
    expect(öre(rows[rows.length - 1]![3]!)).toBe(sum);
    // The allocation of vgr-2022 is 34 897 180 kr; the invoices are it less the region's own part, read from `allocate`.
    const alloc = JSON.parse(andel(['allocate', 'vgr-2022', '--format', 'json']).stdout) as { total: string; parties: { code: string; amount: string }[] };
    expect(alloc.total).toBe('34897180.00');
    const regionÖre = öre(alloc.parties.find((p) => p.code === '14')!.amount);
    expect(sum).toBe(öre(alloc.total) - regionÖre);
    // The folder holds a PDF and a Peppol XML per invoice and the summary, and nothing else.
    const names = body.flatMap((f) => [f[7]!, f[8]!]);
    expect(readdirSync(out).sort()).toEqual([...names, 'fakturor.csv', 'fakturor.xlsx'].sort());
    // Every XML passes every rule andel checks, and says what the summary says.
    for (const f of body) {
      const xml = readFileSync(join(out, f[8]!), 'utf8');
      expect(checkUbl(xml), f[8]).toEqual([]);
      const doc = create(xml).end({ format: 'object' }) as Record<string, Record<string, unknown>>;
      const inv = doc['Invoice']!;
      expect(text(inv['cbc:DueDate'])).toBe(f[6]);
      expect(text((inv['cac:PaymentMeans'] as Record<string, unknown>)['cbc:PaymentID'])).toBe(f[4]);
      expect(öre(text((inv['cac:LegalMonetaryTotal'] as Record<string, unknown>)['cbc:PayableAmount']))).toBe(öre(f[3]!));
    }
    // A PDF read back says the same amount, OCR reference and due date as its XML (Göteborg's).
    const gbg = body.find((f) => f[1] === '1480')!;
    const pdf = execFileSync('pdftotext', ['-layout', join(out, gbg[7]!), '-'], { encoding: 'utf8' }).replace(/[\u00a0\u202f]/g, ' ');
    expect(pdf).toContain(`${Number(gbg[3]!.replace(',', '.')).toLocaleString('sv-SE').replace(/[\u00a0\u202f]/g, ' ')} kr`);
    expect(pdf).toContain(gbg[4]!);
    expect(pdf).toContain('31 december 2022');
    expect(gbg[6]).toBe('2022-12-31');
  });

  it('refuses a second run into the same folder, with exit 2, and leaves it as it was', () => {
    const out = tmp();
    expect(example(out, '--party', '1480').status).toBe(0);
    const before = readFileSync(join(out, 'fakturor.csv'));
    const r = example(out);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('mappen innehåller redan fakturor från en tidigare körning');
    expect(r.stderr).toContain('--force');
    expect(readFileSync(join(out, 'fakturor.csv')).equals(before)).toBe(true);
    expect(example(out, '--force').status).toBe(0);
  });

  it('invoices one party with the number it has in the whole batch', () => {
    const out = tmp();
    expect(example(out, '--party', '1480', '--date', '2022-10-03').status).toBe(0);
    const rows = summaryRows(out);
    expect(rows[0]!.slice(0, 3)).toEqual(['EX2022-1031', '1480', 'Göteborgs kommun']);
    expect(rows[0]![5]).toBe('2022-10-03');
  });

  it('refuses bad sender and recipient data with exit 2, every problem with file and line, nothing written', () => {
    const dir = tmp();
    const sender = join(dir, 'avsandare.yaml');
    writeFileSync(sender, readFileSync(SENDER, 'utf8').replace('organisationsnummer: 239900-1409', 'organisationsnummer: 239900-1408').replace('bankgiro: 5050-1055', 'bankgiro: 5050-1056'));
    const recipients = join(dir, 'mottagare.csv');
    const lines = readFileSync(RECIPIENTS, 'utf8').split('\n');
    const at1480 = lines.findIndex((l) => l.startsWith('1480;'));
    lines[at1480] = lines[at1480]!.replace(/;EX1480$/, ';');
    lines.push(lines[at1480 + 1]!);
    writeFileSync(recipients, lines.join('\n') + '\n');
    const out = join(dir, 'ut');
    const r = andel(['invoice', 'vgr-2022', '--sender', sender, '--recipients', recipients, '--out', out]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('4 fel i indata');
    expect(r.stderr).toMatch(/avsandare\.yaml, rad \d+, kolumn \d+: organisationsnummer: kontrollsiffran i organisationsnumret 2399001408 stämmer inte: med de övriga siffrorna ska den sista vara 9/);
    expect(r.stderr).toMatch(/avsandare\.yaml, rad \d+, kolumn \d+: betalning\.bankgiro: kontrollsiffran i bankgironumret 50501056 stämmer inte/);
    expect(r.stderr).toContain(`mottagare.csv, rad ${at1480 + 1}, kolumn 9: köparens referens saknas`);
    expect(r.stderr).toMatch(/mottagare\.csv, rad \d+, kolumn 1: koden \d{4} förekommer redan på rad \d+/);
    expect(existsSync(out)).toBe(false);
  });

  it('refuses a register code that is no party of the scheme', () => {
    const dir = tmp();
    const recipients = join(dir, 'mottagare.csv');
    writeFileSync(recipients, readFileSync(RECIPIENTS, 'utf8') + '0180;Stockholms stad;212000-0142;;;;;;S1\n');
    const out = join(dir, 'ut');
    const r = andel(['invoice', 'vgr-2022', '--sender', SENDER, '--recipients', recipients, '--out', out]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/mottagare\.csv, rad 57, kolumn 1: koden 0180 är ingen part i vgr-2022/);
    expect(existsSync(out)).toBe(false);
  });

  it('requires --sender, --recipients and --out, all at once', () => {
    const r = andel(['invoice', 'vgr-2022']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('3 fel i indata');
    for (const o of ['--sender', '--recipients', '--out']) expect(r.stderr).toContain(`${o}: ${o} krävs`);
  });
});
