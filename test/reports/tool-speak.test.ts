// Documents are for their readers: no tool-speak in any kind of report.
// Every kind's view model is built through the pipeline's buildReport, as
// `andel report` and the demo build it (the Stockholm licence total and its
// caveat as the demo sets them), and its text is scanned for what only a
// developer understands: options, commands, file names, parameter keys, raw
// decimals, English words and the software's own name.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../../data/project-root.js';
import { loadRemissInfo } from '../../data/remiss/remiss-info.js';
import { type ReportRequest, buildReport, openTotals } from '../../pipeline/index.js';
import type { ReportDocument } from '../../reports/views/report-document.js';

const STHLM = await openTotals('sthlm-2020');
const sthlm = { scheme: 'sthlm-2020', inputs: { overrides: STHLM.overrides, caveats: STHLM.notes } } as const;
const remissInfo = loadRemissInfo(join(projectRoot(), 'data/remiss/exempel.yaml'), 'data/remiss/exempel.yaml');

const REQUESTS: readonly ReportRequest[] = [
  { kind: 'overview', scheme: 'vgr-2022' },
  { kind: 'overview', ...sthlm },
  { kind: 'letters', scheme: 'vgr-2022', party: '1480,14,1438' },
  { kind: 'letters', ...sthlm, party: '0180,01,0126' },
  { kind: 'remiss', ...sthlm, party: '0126', remissInfo },
  { kind: 'comparison', scheme: 'goteborg-avstar', workers: 1, runs: 200 },
  { kind: 'comparison', scheme: 'sthlm-licens-osaker', workers: 1, runs: 200 },
  { kind: 'comparison', scheme: 'sthlm-stadsdelar', workers: 1 },
];

/** What a reader must never meet, each with why. */
const TOOL_SPEAK: readonly { readonly pattern: RegExp; readonly what: string }[] = [
  { pattern: /(^|\s)--[a-z]/, what: 'a command-line option' },
  { pattern: /\bandel (solve|report|allocate|demo|timeline|compare)\b/i, what: 'a command' },
  { pattern: /\bandel\s+\d+\.\d+/, what: 'the software and its version' },
  { pattern: /\bsom andel\b|\bav andel\b|\bandel räknar\b/, what: 'the software’s name' },
  { pattern: /\b[a-z]+\.[a-z]+[A-Za-z]*\b/, what: 'a parameter key or a file name' },
  { pattern: /\b(data|scenarios)\//, what: 'a path' },
  { pattern: /\.(csv|ya?ml|json|xlsx)\b/i, what: 'a file name' },
  { pattern: /\b\d+\.\d{2}\b/, what: 'a raw decimal (Swedish writes a decimal comma)' },
  { pattern: /\d{5,}(?![\d\u00a0 ]*(?:\)|$))(?!\s*(?:kr|%))/, what: 'an ungrouped number' },
  { pattern: /\b(licence|demon?|scheme|total|uniform|seed|default)\b/i, what: 'an English word' },
  { pattern: /\bsthlm-2020\b|\bvgr-2022\b/, what: 'a scheme id' },
  { pattern: /=\s*\S+\(/, what: 'a formula as code' },
];

/** Every text a reader sees in a document, one string per text node (tags stripped). */
function readerTexts(doc: ReportDocument): string[] {
  const out: string[] = [];
  const walk = (v: unknown): void => {
    if (typeof v === 'string') out.push(v.replace(/<[^>]*>/g, ' '));
    else if (Array.isArray(v)) v.forEach(walk);
    else if (v !== null && typeof v === 'object') {
      // A chart block names its figure by id (`placering`); the figure itself is a picture, not prose.
      for (const [k, x] of Object.entries(v)) if (!['type', 'chart', 'lang', 'numeric', 'level'].includes(k)) walk(x);
    }
  };
  walk(doc.viewModel);
  return out;
}

/** The tool-speak in texts, as `what: "text"`. */
function toolSpeak(texts: readonly string[]): string[] {
  return texts.flatMap((t) => TOOL_SPEAK.filter((p) => p.pattern.test(t)).map((p) => `${p.what}: "${t}"`));
}

describe('no tool-speak in any document', () => {
  it('the patterns catch what the issue found and spare Swedish prose', () => {
    const bad = [
      'licence.total anges inte i avtalet; demon använder 1501577.88 kr (andel solve sthlm-2020 max-licence-total).',
      'Ange verkliga antal med --users ÅR=FIL.',
      'Folkmängd (data/populations/vastra-gotaland-2021.csv)',
      'cap.amount 615312',
      'Överenskommelsens ekonomiska modell, som andel räknar med:',
      'Varierat: licence.total=uniform(1000000, 2000000)',
    ];
    for (const b of bad) expect(toolSpeak([b]), b).not.toEqual([]);
    const good = [
      'Huddinges andel av licensen är 11,6 % av taket 615 312 kr.',
      'Andel av totalen',
      'Belopp per invånare 9,75 kr, 1 501 577,88 kr.',
      'Göteborg (kommunkod 1480)',
      'KS 2020/973',
      'Kim Exempel, kim.exempel@kommun.example',
      'Stockholm är uppdelad på 14 delar',
    ];
    expect(toolSpeak(good.filter((g) => !g.includes('@')))).toEqual([]);
  });

  for (const request of REQUESTS) {
    it(`${request.kind} ${request.scheme}${request.party !== undefined ? ` ${request.party}` : ''}`, { timeout: 120_000 }, async () => {
      const built = await buildReport(request);
      expect(built.documents.length).toBeGreaterThan(0);
      for (const doc of built.documents) {
        const texts = readerTexts(doc).filter((t) => !/@/.test(t)); // e-mail addresses are the reader's to use
        expect(texts.length).toBeGreaterThan(10);
        expect(toolSpeak(texts), doc.fileName).toEqual([]);
        expect(doc.footer.stamp).toMatch(/kontrollsumma [0-9a-f]{8}/);
      }
    });
  }
});
