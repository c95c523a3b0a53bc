// Scheme and scenario input a hostile or careless user gives on the command
// line: every case is bad input (exit 2) with the problem in plain words, no
// output file, never "oväntat fel" (exit 1) or a wrong figure with exit 0.
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { andel } from '../helpers/cli.js';

const FIX = 'test/data/fixtures/schemes';

describe('--set with names JavaScript gives a meaning', () => {
  for (const [name, value] of [['__proto__', '1'], ['constructor', '1'], ['toString', '5'], ['hasOwnProperty', '0']] as const) {
    it(`--set ${name}=${value} is refused like any unknown parameter`, () => {
      const sv = andel(['allocate', 'vgr-2022', '--set', `${name}=${value}`]);
      expect(sv.status).toBe(2);
      expect(sv.stderr).toContain(`--set: okänd parameter "${name}"; schemat vgr-2022 har: rate`);
      const en = andel(['--lang', 'en', 'allocate', 'vgr-2022', '--set', `${name}=${value}`]);
      expect(en.status).toBe(2);
      expect(en.stderr).toContain(`--set: unknown parameter "${name}"; scheme vgr-2022 has: rate`);
    });
  }
});

describe('hostile scheme files', () => {
  it('an alias bomb: exit 2, the file and one line, no output file', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'andel-hostile-')), 'x.json');
    const r = andel(['allocate', `${FIX}/alias-bomb.yaml`, '--out', out]);
    expect(r.status).toBe(2);
    expect(r.stderr.split('\n')).toEqual([
      'andel: fel i indata:',
      `  ${FIX}/alias-bomb.yaml: filen har för många YAML-alias (*namn): högst 100 får användas, eftersom varje alias kan mångdubbla filens innehåll. Skriv ut värdena i stället för att hänvisa till dem med alias.`,
      'Ingen utdatafil har skrivits.',
      '',
    ]);
    expect(existsSync(out)).toBe(false);
  });

  it('nesting 20 000 levels deep: exit 2 and a reason, not a crash', () => {
    for (const command of [['allocate'], ['compare'], ['report', 'overview']]) {
      const r = andel([...command, `${FIX}/djup.yaml`, '--lang', 'en']);
      expect(r.status).toBe(2);
      expect(r.stderr).toContain(`${FIX}/djup.yaml, line 2: the file is nested too deeply to be read (20001 levels; at most 64)`);
    }
  });

  it('a total pointing at an enum or a year is refused, never 0 kr or 2 021 kr', () => {
    const r = andel(['allocate', `${FIX}/fel-typer.yaml`, '--format', 'json']);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('andel: 5 fel i indata:');
    expect(r.stderr).toContain(`${FIX}/fel-typer.yaml, rad 19, kolumn 12: components[0] (a).total hänvisar till parametern policy av typen enum`);
  });

  it('a scenario that refers to itself says so', () => {
    const r = andel(['compare', `${FIX}/sjalvrefererande.yaml`]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(`${FIX}/sjalvrefererande.yaml, rad 2, kolumn 9: scenariot hänvisar till sig självt`);
    expect(r.stderr).not.toContain('id:');
  });
});

describe('amounts too large to compute exactly', () => {
  it('are refused as input (exit 2), never an invariant error (exit 3)', () => {
    for (const command of [['allocate', 'sthlm-2020', '--set', 'licence.total=90071992547409.91'], ['sweep', 'sthlm-2020', '--param', 'licence.total=1000000,90071992547409.91']]) {
      const r = andel(command);
      expect(r.status).toBe(2);
      expect(r.stderr).toContain('beloppen blir för stora för att räknas exakt på öret: upp till 90 072 018 547 409 kr i schemat, men högst 45 035 996 273 704 kr går att räkna exakt');
    }
    const en = andel(['--lang', 'en', 'allocate', 'sthlm-2020', '--set', 'licence.total=90071992547409.91']);
    expect(en.stderr).toContain('the amounts grow too large to compute exactly to the öre');
  });
});

describe('a share split by users', () => {
  it('"30 % users, 70 % population" from the command line, exact and conserved', () => {
    const r = andel(['allocate', `${FIX}/anvandare-och-befolkning.yaml`, '--format', 'json']);
    expect(r.status).toBe(0);
    const j = JSON.parse(r.stdout) as { total: string; parties: { code: string; components: Record<string, string> }[] };
    expect(j.total).toBe('1550000.00');
    expect(Object.fromEntries(j.parties.map((p) => [p.code, p.components.blandat]))).toEqual({ '1280': '554944.37', '1281': '196246.63', '1283': '248809.00' });
  });

  it('--users for another year than the component needs names the year it looked for', () => {
    const r = andel(['allocate', `${FIX}/anvandare-och-befolkning.yaml`, '--users', `2023=${FIX}/anvandare-2022.csv`]);
    expect(r.status).toBe(0);
    const bad = andel(['allocate', `${FIX}/anvandare-fel-ar.yaml`]);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('antal användare för 2021 saknas (användarfiler finns för 2022)');
  });
});
