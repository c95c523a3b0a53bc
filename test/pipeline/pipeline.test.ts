// The pipeline as a library: requests in, results and documents out, with
// the command line nowhere on the path. The golden documents
// (test/golden/) are built by buildReport too; here, what a request may and
// may not be, where the runs and seed come from, what the events say, and
// that an override reaches the letter's figure.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../models/errors.js';
import { compileSimulation, simulate } from '../../models/scenarios/simulation.js';
import {
  DEFAULT_RUNS,
  DEFAULT_SEED,
  type PipelineEvent,
  REPORT_KINDS,
  REPORT_KIND_NAMES,
  buildReport,
  checkReportRequest,
  loadForQuestion,
  runAllocation,
  runComparison,
  runGoalSeek,
  runReport,
  runSimulation,
  runSweep,
  simulationSettings,
} from '../../pipeline/index.js';
import { formatKronor } from '../../reports/format.js';
import { shortfalls } from '../../reports/shortfall.js';

/** Every problem an InputError carries, as `file: message`. */
function problemsOf(f: () => unknown): string[] {
  try {
    f();
  } catch (e) {
    if (e instanceof InputError) return e.problems.map((p) => `${p.file ?? ''}: ${p.message.sv}`);
    throw e;
  }
  throw new Error('no error');
}

describe('report requests', () => {
  it('the registry lists the four kinds, each with its view', () => {
    expect(REPORT_KIND_NAMES).toEqual(['overview', 'letters', 'remiss', 'comparison']);
    for (const k of REPORT_KIND_NAMES) expect(typeof REPORT_KINDS[k].documents).toBe('function');
  });

  it('refuses an unknown kind, naming the kinds', () => {
    expect(() => checkReportRequest({ kind: 'brev' })).toThrow(/okänd rapport "brev"/);
  });

  it('refuses every option that does not apply to the kind, all at once', () => {
    expect(problemsOf(() => checkReportRequest({ kind: 'overview', party: '1480', remissInfo: 'x.yaml', runs: 5 }))).toEqual([
      '--party: gäller brev och remiss, inte overview',
      '--remiss-info: gäller remiss, inte overview',
      '--runs: gäller comparison, inte overview',
    ]);
    expect(problemsOf(() => checkReportRequest({ kind: 'remiss', seed: 1 }))).toEqual([
      '--party: remiss skrivs för en part: ange --party KOD, t.ex. --party 0126',
      '--seed: gäller comparison, inte remiss',
    ]);
  });

  it('a letter is dated by the agreement, never by the clock', async () => {
    const built = await buildReport({ kind: 'letters', scheme: 'vgr-2022', party: '1480' });
    expect(built.documents.map((d) => d.id)).toEqual(['1480']);
    expect(built.date.iso).toBe('2022-06-29');
    expect(built.date.creation).toEqual(new Date('2022-06-29T00:00:00Z'));
    expect(built.scheme).toBe('vgr-2022');
    expect(built.context.stamp).toMatch(/^andel \d+\.\d+\.\d+/);
  });

  it('an override reaches the letter: Stockholms stad at a licence total of 1 200 000 kr', async () => {
    const request = { scheme: 'sthlm-2020', inputs: { overrides: { 'licence.total': '1200000' } } } as const;
    const { result } = await runAllocation(request);
    const stockholm = result.parties.find((p) => p.party.code === '0180')!;
    const licence = stockholm.components['licence']!;
    // 1 200 000 kr by population share is below every cap: Stockholms stad pays its share, not the cap of 615 312 kr.
    expect(licence).toBeGreaterThan(0);
    expect(licence).toBeLessThan(61_531_200);
    const built = await buildReport({ kind: 'letters', ...request, party: '0180' });
    expect(JSON.stringify(built.documents[0]!.viewModel)).toContain(formatKronor(licence, { decimals: 2 }));
    // And a different total gives a different stamp: the override is in the hash.
    const other = await buildReport({ kind: 'letters', scheme: 'sthlm-2020', inputs: { overrides: { 'licence.total': '1200001' } }, party: '0180' });
    expect(other.context.stamp).not.toBe(built.context.stamp);
  });

  it('a scenario file is reported as the scheme it changes', async () => {
    const built = await buildReport({ kind: 'overview', scheme: 'scenarios/goteborg-avstar.yaml' });
    expect(built.context.result.parties.some((p) => p.party.code === '1480')).toBe(false);
    expect(built.date.iso).toBe('2022-06-29');
  });

  it('a comparison of a scheme is refused: it needs a scenario', async () => {
    await expect(buildReport({ kind: 'comparison', scheme: 'vgr-2022' })).rejects.toThrow(/är ett schema, inte en scenariofil/);
  });

  it('refuses an output folder that is a file before anything is computed', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'andel-pipeline-'));
    const file = join(dir, 'inte-en-mapp');
    writeFileSync(file, 'x');
    const events: PipelineEvent[] = [];
    await expect(runReport({ kind: 'overview', scheme: 'vgr-2022', onEvent: (e) => events.push(e) }, { out: file })).rejects.toBeInstanceOf(InputError);
    expect(events).toEqual([]);
  });
});

describe('simulation requests', () => {
  it('the runs and seed: the request’s, else the scenario’s, else the defaults', () => {
    expect(simulationSettings({})).toEqual({ runs: DEFAULT_RUNS, seed: DEFAULT_SEED });
    expect(simulationSettings({}, { simulation: { runs: 500, seed: 7 } })).toEqual({ runs: 500, seed: 7 });
    expect(simulationSettings({ seed: 9 }, { simulation: { runs: 500, seed: 7 } })).toEqual({ runs: 500, seed: 9 });
    expect(() => simulationSettings({ runs: 0 })).toThrow(InputError);
  });

  it('gives the models’ figures for the same seed, and says when it starts', async () => {
    const events: PipelineEvent[] = [];
    const run = await runSimulation({ target: 'goteborg-avstar', runs: 2000, seed: 11, workers: 1, onEvent: (e) => events.push(e) });
    const loaded = await loadForQuestion('goteborg-avstar');
    const direct = simulate(compileSimulation(loaded.source, loaded.vary), { runs: 2000, seed: 11 }).summary;
    expect(run.summary).toEqual(direct);
    expect(run).toMatchObject({ runs: 2000, seed: 11, workers: 1 });
    expect(events.filter((e) => e.type === 'simulating')).toEqual([{ type: 'simulating', runs: 2000, seed: 11 }]);
  });
});

describe('events', () => {
  it('an allocation reports its warnings, then its result', async () => {
    const events: PipelineEvent[] = [];
    await runAllocation({ scheme: 'vgr-2022', onEvent: (e) => events.push(e) });
    expect(events.map((e) => e.type)).toEqual(['warnings', 'evaluated']);
  });

  it('a shortfall is in the evaluated result, where the caller says it', async () => {
    const events: PipelineEvent[] = [];
    await runAllocation({ scheme: 'test/fixtures/shortfall/alla-vid-taket.yaml', onEvent: (e) => events.push(e) });
    const evaluated = events.find((e) => e.type === 'evaluated');
    expect(evaluated?.type === 'evaluated' && shortfalls(evaluated.result).length).toBeGreaterThan(0);
  });

  it('a comparison reports the base, then the scenario', async () => {
    const events: PipelineEvent[] = [];
    const run = await runComparison({ first: 'goteborg-avstar', onEvent: (e) => events.push(e) });
    expect(events.flatMap((e) => (e.type === 'evaluated' ? [e.side] : []))).toEqual(['base', 'scenario']);
    expect(run.comparison.total.base).toBeGreaterThan(run.comparison.total.scenario);
  });
});

describe('questions', () => {
  it('a sweep refuses a malformed axis with its option', async () => {
    await expect(runSweep({ target: 'vgr-2022', axes: [] })).rejects.toThrow(/en eller två axlar/);
    const { points, axes } = await runSweep({ target: 'vgr-2022', axes: ['rate=9..11/1'] });
    expect(axes).toHaveLength(1);
    expect(points).toHaveLength(3);
  });

  it('a goal seek finds the rate at which vgr-2022 raises what it needs', async () => {
    const { answer } = await runGoalSeek({ target: 'vgr-2022', param: 'rate', goal: 'surplus>=0' });
    expect(answer.kind).toBe('threshold');
  });
});
