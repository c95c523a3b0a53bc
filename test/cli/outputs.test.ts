// Output faults as a user meets them: CSV cells that would be formulas, an
// --out that cannot be written, and an --out whose name asks for a format
// the command does not write.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BIN, ROOT, andel } from '../helpers/cli.js';

const base = mkdtempSync(join(tmpdir(), 'andel-outputs-'));
afterAll(() => rmSync(base, { recursive: true, force: true }));
let n = 0;
const tmp = () => mkdtempSync(join(base, `${(n += 1)}-`));

/** The lines of an input error as the CLI prints them: the problem lines, indented. */
const problemLines = (stderr: string) => stderr.split('\n').filter((l) => l.startsWith('  '));
const NOTHING_WRITTEN = 'Ingen utdatafil har skrivits.';

describe('CSV exports carry no live formula', () => {
  // Party names come from split files (and scheme files): user-controlled text.
  const dir = tmp();
  const split = join(dir, 'delar.csv');
  writeFileSync(split, 'namn;folkmangd\n"=HYPERLINK(""http://example.com/x"";""klicka"")";1000\n@SUM(1);1000\n+1;1000\n-1+1;1000\nVanlig;1000\n');
  const scheme = ['sthlm-2020', '--set', 'licence.total=1000000', '--split', `0180=${split}`, '--split-proportional'];
  const expected = [
    `0180-01;"'=HYPERLINK(""http://example.com/x"";""klicka"")";`,
    `0180-02;"'@SUM(1)";`,
    `0180-03;"'+1";`,
    `0180-04;"'-1+1";`,
    '0180-05;Vanlig;',
  ];
  const rowsOf = (csv: string) => csv.split('\r\n').filter((l) => l.startsWith('0180-')).sort();

  it('allocate: formula-like party names are neutralised, amounts stay numbers', () => {
    const file = join(dir, 'fordelning.csv');
    const r = andel(['allocate', ...scheme, '--out', file]);
    expect(r.status).toBe(0);
    const rows = rowsOf(readFileSync(file, 'utf8'));
    expect(rows.map((row, i) => row.slice(0, expected[i]?.length))).toEqual(expected);
    // The rest of each row: population, licence, helpdesk, the eight years and the total as plain Swedish numbers.
    for (const row of rows) expect(row.split(';').slice(-12).join(';')).toMatch(/^\d+(;\d+,\d\d){11}$/);
  });

  it('compare: the same names in a scenario CSV', () => {
    const file = join(dir, 'jamforelse.csv');
    const r = andel(['compare', 'sthlm-2020', 'sthlm-2020', ...scheme.slice(1), '--out', file]);
    expect(r.status).toBe(0);
    const rows = rowsOf(readFileSync(file, 'utf8'));
    expect(rows.map((row, i) => row.slice(0, expected[i]?.length))).toEqual(expected);
  });

  it('compare: a negative difference is a number, the text beside it is text', () => {
    const file = join(dir, 'goteborg.csv');
    const r = andel(['compare', 'scenarios/goteborg-avstar.yaml', '--out', file]);
    expect(r.status).toBe(0);
    expect(readFileSync(file, 'utf8').split('\r\n')).toContain('1480;Göteborg;5875490,00;avstår;-5875490,00;-100,00');
  });
});

describe('--out that cannot be written: exit 2, the path and the reason, nothing written', () => {
  it('a folder given as the file (allocate, sweep), in Swedish and English', () => {
    const dir = tmp();
    const r = andel(['allocate', 'vgr-2022', '--out', dir]);
    expect(r.status).toBe(2);
    expect(problemLines(r.stderr)).toEqual([`  ${dir}: går inte att skriva: det är en mapp. Ange en fil, inte en mapp.`]);
    expect(r.stderr).toContain(NOTHING_WRITTEN);
    const en = andel(['--lang', 'en', 'sweep', 'vgr-2022', '--param', 'rate=9..10/1', '--out', dir]);
    expect(en.status).toBe(2);
    expect(problemLines(en.stderr)).toEqual([`  ${dir}: cannot be written: it is a folder. Give a file, not a folder.`]);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('a path under an existing file (allocate, simulate, report, demo): the file is named and left untouched', () => {
    const dir = tmp();
    const file = join(dir, 'fil.txt');
    writeFileSync(file, 'orörd\n');
    const target = join(file, 'ut', 'fordelning.csv');
    const a = andel(['allocate', 'vgr-2022', '--out', target]);
    expect(a.status).toBe(2);
    expect(problemLines(a.stderr)).toEqual([`  ${target}: går inte att skriva: en del av sökvägen är en fil: ${file}`]);
    const s = andel(['--lang', 'en', 'simulate', 'goteborg-avstar', '--runs', '10', '--out', target]);
    expect(s.status).toBe(2);
    expect(problemLines(s.stderr)).toEqual([`  ${target}: cannot be written: part of the path is a file: ${file}`]);
    const folder = join(file, 'brev');
    const rep = andel(['report', 'letters', 'vgr-2022', '--out', folder]);
    expect(rep.status).toBe(2);
    expect(problemLines(rep.stderr)).toEqual([`  ${folder}: går inte att skriva: en del av sökvägen är en fil: ${file}`]);
    // Refused before anything was computed or printed: no report date, no browser.
    expect(rep.stderr).not.toContain('rapportdatum');
    const demo = andel(['demo', '--out', file]);
    expect(demo.status).toBe(2);
    expect(problemLines(demo.stderr)).toEqual([`  ${file}: går inte att skriva: det är en fil, inte en mapp. Ange en mapp.`]);
    expect(readFileSync(file, 'utf8')).toBe('orörd\n');
    expect(readdirSync(dir)).toEqual(['fil.txt']);
  });

  it('a full device: "disken är full", not "oväntat fel"', () => {
    const r = andel(['allocate', 'vgr-2022', '--format', 'csv', '--out', '/dev/full']);
    expect(r.status).toBe(2);
    expect(problemLines(r.stderr)).toEqual(['  /dev/full: går inte att skriva: disken är full. Frigör utrymme eller skriv till en annan disk.']);
  });
});

// A read-only and a full file system for real: tmpfs mounts in a private
// mount namespace (`unshare --map-root-user --mount`), which vanish with it.
// Each case runs andel there and then lists the folder, inside the same namespace.
const canMount = (() => {
  const probe = mkdtempSync(join(base, 'probe-'));
  return spawnSync('unshare', ['--map-root-user', '--mount', 'sh', '-c', 'mount -t tmpfs -o size=64k tmpfs "$1"', 'sh', probe]).status === 0;
})();

/**
 * Runs andel with `args` on a fresh 64 kB tmpfs at `dir` holding an existing
 * `fordelning.csv`, made read-only or full first; then prints the exit code,
 * the folder's files and the existing file's content.
 */
function onFileSystem(kind: 'read-only' | 'full', dir: string, args: string[]): { stderr: string; status: number; files: string[]; existing: string } {
  const prepare = kind === 'read-only' ? 'mount -o remount,ro "$D"' : 'dd if=/dev/zero of="$D/fyllnad" bs=4k count=64 2>/dev/null || true';
  const script = [
    'set -e',
    'D="$1"; shift',
    'mount -t tmpfs -o size=64k tmpfs "$D"',
    `printf 'gammalt innehåll\\n' > "$D/fordelning.csv"`,
    prepare,
    'set +e',
    `"${process.execPath}" "${BIN}" "$@"`,
    'echo "exit=$?"',
    'ls -A "$D"',
    'echo "---"',
    'cat "$D/fordelning.csv"',
  ].join('\n');
  const r = spawnSync('unshare', ['--map-root-user', '--mount', 'sh', '-c', script, 'sh', dir, ...args], { cwd: ROOT, maxBuffer: 16 * 1024 * 1024 });
  const out = r.stdout.toString('utf8');
  const [head, existing] = out.split('---\n') as [string, string];
  const lines = head.trimEnd().split('\n');
  const exit = lines.findIndex((l) => l.startsWith('exit='));
  if (exit < 0) throw new Error(`the namespace script failed: ${r.stderr.toString('utf8')}`);
  return { stderr: r.stderr.toString('utf8'), status: Number(lines[exit]!.slice(5)), files: lines.slice(exit + 1), existing };
}

const mountSuite = canMount ? describe : describe.skip;
mountSuite(`--out on a read-only or full file system${canMount ? '' : ' — SKIPPED: no mount namespaces here (unshare --map-root-user --mount); /dev/full above still tests ENOSPC'}`, () => {
  it('read-only: allocate leaves the existing file byte for byte and no temporary file', () => {
    const dir = tmp();
    const r = onFileSystem('read-only', dir, ['allocate', 'vgr-2022', '--out', join(dir, 'fordelning.csv')]);
    expect(r.status).toBe(2);
    expect(problemLines(r.stderr)).toEqual([`  ${join(dir, 'fordelning.csv')}: går inte att skriva: filsystemet är skrivskyddat. Välj en plats du får skriva på.`]);
    expect(r.files).toEqual(['fordelning.csv']);
    expect(r.existing).toBe('gammalt innehåll\n');
  });

  it('read-only: report --out says read-only (EROFS), not ENOENT, for a folder still to be made', () => {
    const dir = tmp();
    const folder = join(dir, 'rapporter', 'vgr');
    const sv = onFileSystem('read-only', dir, ['report', 'overview', 'vgr-2022', '--out', folder]);
    expect(sv.status).toBe(2);
    expect(problemLines(sv.stderr)).toEqual([`  ${folder}: går inte att skriva: filsystemet är skrivskyddat. Välj en plats du får skriva på.`]);
    const en = onFileSystem('read-only', dir, ['--lang', 'en', 'report', 'overview', 'vgr-2022', '--out', folder]);
    expect(problemLines(en.stderr)).toEqual([`  ${folder}: cannot be written: the file system is read-only. Choose a place you may write to.`]);
    expect(en.files).toEqual(['fordelning.csv']);
  });

  it('full: allocate and sweep say the disk is full, leave the existing file and no temporary file', () => {
    const dir = tmp();
    const file = join(dir, 'fordelning.csv');
    for (const args of [['allocate', 'vgr-2022', '--out', file], ['sweep', 'vgr-2022', '--param', 'rate=9..10/0.01', '--out', file]]) {
      const r = onFileSystem('full', dir, args);
      expect(r.status).toBe(2);
      expect(problemLines(r.stderr)).toEqual([`  ${file}: går inte att skriva: disken är full. Frigör utrymme eller skriv till en annan disk.`]);
      expect(r.files).toEqual(['fordelning.csv', 'fyllnad']);
      expect(r.existing).toBe('gammalt innehåll\n');
    }
  });

  it('full: a report run says for each document why it was not written, and exits 2', { timeout: 240_000 }, () => {
    const dir = tmp();
    const r = onFileSystem('full', dir, ['report', 'letters', 'vgr-2022', '--party', '1480,1440', '--out', join(dir, 'brev')]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('2 av 2 dokument skrevs inte:\n');
    expect(r.stderr).toContain(
      `  ${join(dir, 'brev', 'brev', '1480-goteborg.pdf')}, ${join(dir, 'brev', 'brev', '1440-ale.pdf')}: går inte att skriva: disken är full. Frigör utrymme eller skriv till en annan disk.\n`,
    );
    expect(r.stderr).not.toContain('oväntat fel');
  });
});

describe('--out names a format the command writes', () => {
  it('allocate --out x.pdf is refused with the command that writes PDFs', () => {
    const dir = tmp();
    const file = join(dir, 'vgr.pdf');
    const sv = andel(['allocate', 'vgr-2022', '--out', file]);
    expect(sv.status).toBe(2);
    expect(problemLines(sv.stderr)).toEqual([
      `  --out: allocate skriver tabeller, inte PDF (${file}). PDF skrivs med andel report overview|letters vgr-2022 --out MAPP (en översikt eller ett brev per part).`,
    ]);
    const en = andel(['--lang', 'en', 'allocate', 'vgr-2022', '--format', 'csv', '--out', file]);
    expect(en.status).toBe(2);
    expect(problemLines(en.stderr)).toEqual([
      `  --out: allocate writes tables, not PDF (${file}). PDFs are written by andel report overview|letters vgr-2022 --out FOLDER (an overview or one letter per party).`,
    ]);
    expect(existsSync(file)).toBe(false);
  });

  it('an unknown or missing extension is refused with the accepted list, unless --format says what to write', () => {
    const dir = tmp();
    const docx = join(dir, 'vgr.docx');
    const r = andel(['allocate', 'vgr-2022', '--out', docx]);
    expect(r.status).toBe(2);
    expect(problemLines(r.stderr)).toEqual([`  --out: okänd filändelse .docx (${docx}). Skriv .txt (tabell), .csv, .json eller .xlsx, eller välj format med --format.`]);
    const bare = join(dir, 'vgr');
    const en = andel(['--lang', 'en', 'allocate', 'vgr-2022', '--out', bare]);
    expect(problemLines(en.stderr)).toEqual([`  --out: the file name has no extension (${bare}). Use .txt (table), .csv, .json or .xlsx, or choose the format with --format.`]);
    expect(readdirSync(dir)).toEqual([]);
    const explicit = andel(['allocate', 'vgr-2022', '--format', 'json', '--out', docx]);
    expect(explicit.status).toBe(0);
    expect(JSON.parse(readFileSync(docx, 'utf8'))).toMatchObject({ scheme: 'vgr-2022', total: '34897180.00' });
  });

  it('.txt is the terminal table', () => {
    const file = join(tmp(), 'vgr.txt');
    const r = andel(['allocate', 'vgr-2022', '--out', file]);
    expect(r.status).toBe(0);
    expect(readFileSync(file, 'utf8')).toBe(andel(['allocate', 'vgr-2022']).stdout);
  });

  it('the scenario commands refuse .pdf and unknown extensions the same way', () => {
    const dir = tmp();
    const pdf = join(dir, 'jamforelse.pdf');
    const c = andel(['compare', 'scenarios/goteborg-avstar.yaml', '--out', pdf]);
    expect(c.status).toBe(2);
    expect(problemLines(c.stderr)).toEqual([`  --out: kommandot skriver tabeller, inte PDF (${pdf}). En jämförelse som PDF: andel report comparison SCENARIOFIL --out MAPP.`]);
    const en = andel(['--lang', 'en', 'compare', 'scenarios/goteborg-avstar.yaml', '--out', pdf]);
    expect(problemLines(en.stderr)).toEqual([`  --out: this command writes tables, not PDF (${pdf}). A comparison as PDF: andel report comparison SCENARIO-FILE --out FOLDER.`]);
    const odt = join(dir, 'svep.odt');
    const s = andel(['sweep', 'vgr-2022', '--param', 'rate=9..10/1', '--out', odt]);
    expect(s.status).toBe(2);
    expect(problemLines(s.stderr)).toEqual([`  --out: okänd filändelse .odt (${odt}). Skriv .txt (text), .csv, .json eller .xlsx, eller välj format med --format.`]);
    const txt = join(dir, 'svep.txt');
    expect(andel(['sweep', 'vgr-2022', '--param', 'rate=9..10/1', '--out', txt]).status).toBe(0);
    expect(readFileSync(txt, 'utf8')).toMatch(/^Svep: /);
    expect(readdirSync(dir)).toEqual(['svep.txt']);
  });
});
