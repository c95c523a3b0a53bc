/**
 * The what-if questions besides comparison and simulation: a sweep over a
 * grid of one or two parameters, a goal seek for the exact value at which a
 * goal starts or stops holding, and a tornado of one output. Each loads its
 * scheme or scenario, reads its question (refusing every malformed part at
 * once, named by its option) and answers it with the exact models.
 */
import type { LoadedScenario } from '../data/load-scenario.js';
import { InputError, ProblemList, t } from '../models/errors.js';
import { type GoalSeekAnswer, goalSeekAnswer } from '../models/scenarios/goal-seek.js';
import { parseGoal } from '../models/scenarios/outputs.js';
import { derivedRefusalText, isNumeric, parameterNamed } from '../models/scenarios/source.js';
import { type SweepAxis, type SweepPoint, parseAxis, sweep } from '../models/scenarios/sweep.js';
import { type Tornado, tornado, tornadoRanges } from '../models/scenarios/tornado.js';
import { type OnEvent, ignoreEvents } from './events.js';
import { type SchemeInputs, loadForQuestion } from './load.js';

/** What every question names: a scheme or scenario and its inputs. */
export interface QuestionRequest {
  readonly target: string;
  readonly inputs?: SchemeInputs;
  readonly onEvent?: OnEvent;
}

/** A sweep: one or two axes `name=from..to/step`. */
export interface SweepRequest extends QuestionRequest {
  readonly axes: readonly string[];
}

/** Each grid point's evaluation. */
export interface SweepRun {
  readonly loaded: LoadedScenario;
  readonly axes: readonly SweepAxis[];
  readonly points: readonly SweepPoint[];
}

/**
 * Evaluates the scheme on a grid of one or two parameters. A swept
 * parameter needs no value of its own: the first grid value stands in.
 *
 * @throws InputError (`E_OPTION`, at `--param`) for a wrong number of axes or a malformed one: all at once.
 */
export async function runSweep(request: SweepRequest): Promise<SweepRun> {
  if (request.axes.length < 1 || request.axes.length > 2) {
    throw InputError.of(t('ange en eller två axlar med --param namn=från..till/steg', 'give one or two axes with --param name=from..to/step'), { file: '--param' }, 'E_OPTION');
  }
  const provisional = Object.fromEntries(
    request.axes.flatMap((p) => {
      const m = /^([^=]+)=([^.,/]+)/.exec(p);
      return m ? [[m[1]!.trim(), m[2]!.trim()]] : [];
    }),
  );
  const loaded = await load(request, { provisional });
  const problems = new ProblemList();
  const axes: SweepAxis[] = [];
  for (const p of request.axes) {
    const a = parseAxis(p, loaded.source);
    if ('error' in a) problems.add(a.error, { file: '--param' });
    else axes.push(a);
  }
  problems.throwIfAny('E_OPTION');
  return { loaded, axes, points: sweep(loaded.source, axes) };
}

/** A goal seek: the parameter to move, the goal (`surplus>=0`), and optionally the range to search (`from..to`). */
export interface GoalSeekRequest extends QuestionRequest {
  readonly param: string;
  readonly goal: string;
  readonly range?: string;
}

/** The answer and what it was asked of. */
export interface GoalSeekRun {
  readonly loaded: LoadedScenario;
  readonly answer: GoalSeekAnswer;
}

/**
 * The exact parameter value (on its grid: öre for money and rates) at which
 * the goal starts or stops holding; for `output=value`, the interval at which
 * it holds exactly. The sought parameter needs no value of its own.
 *
 * @throws InputError (`E_OPTION`) for a malformed goal or range, or a parameter that is not numeric.
 */
export async function runGoalSeek(request: GoalSeekRequest): Promise<GoalSeekRun> {
  const goal = parseGoal(request.goal);
  if ('error' in goal) throw InputError.of(goal.error, { file: '--goal' }, 'E_OPTION');
  let range: [string, string] | undefined;
  if (request.range !== undefined) {
    const m = /^(.+?)\.\.(.+)$/.exec(request.range);
    if (!m) throw InputError.of(t(`"${request.range}" ska skrivas från..till`, `"${request.range}" must be written from..to`), { file: '--range' }, 'E_OPTION');
    range = [m[1]!, m[2]!];
  }
  const loaded = await load(request, { provisional: { [request.param]: range?.[0] ?? '0' } });
  const parameter = parameterNamed(loaded.source, request.param, '--param');
  const derived = derivedRefusalText(parameter, 'set');
  if (derived) throw InputError.of(derived, { file: '--param' }, 'E_OPTION');
  if (!isNumeric(parameter)) throw InputError.of(t(`${parameter.name} är inte numerisk`, `${parameter.name} is not numeric`), { file: '--param' }, 'E_OPTION');
  return { loaded, answer: goalSeekAnswer({ source: loaded.source, parameter, goal, ...(range ? { range } : {}) }) };
}

/** A tornado: the output, explicit ranges (`name=low..high`), uncertain inputs, and the default spread. */
export interface SensitivityRequest extends QuestionRequest {
  readonly output: string;
  readonly ranges?: readonly string[];
  readonly vary?: readonly string[];
  /** Where a `vary` distribution is cut, in per cent from each end (5: P5–P95). */
  readonly percentile?: number;
  /** The swing, in per cent, of a parameter with neither a range nor a distribution. */
  readonly swing?: number;
}

/** The tornado and what it was asked of. */
export interface SensitivityRun {
  readonly loaded: LoadedScenario;
  readonly tornado: Tornado;
}

/**
 * One parameter at a time at a low and a high value, for one output.
 *
 * @throws InputError (`E_OPTION`) for a percentile outside 0–50 or a swing outside 0–100.
 */
export async function runSensitivity(request: SensitivityRequest): Promise<SensitivityRun> {
  const percentile = request.percentile ?? 5;
  const swing = request.swing ?? 10;
  if (!(percentile > 0 && percentile < 50)) throw InputError.of(t('--percentile ska vara mellan 0 och 50, t.ex. 5 för P5–P95', '--percentile must be between 0 and 50, e.g. 5 for P5–P95'), { file: '--percentile' }, 'E_OPTION');
  if (!(swing > 0 && swing < 100)) throw InputError.of(t('--swing ska vara en procentsats mellan 0 och 100, t.ex. 10', '--swing must be a percentage between 0 and 100, e.g. 10'), { file: '--swing' }, 'E_OPTION');
  const loaded = await load(request, { vary: request.vary ?? [] });
  const { ranges, omitted } = tornadoRanges(loaded.source, loaded.vary, { ranges: request.ranges ?? [], percentile, swing: swing / 100 });
  return { loaded, tornado: tornado(loaded.source, request.output, ranges, omitted) };
}

async function load(request: QuestionRequest, extra: Parameters<typeof loadForQuestion>[2]): Promise<LoadedScenario> {
  const loaded = await loadForQuestion(request.target, request.inputs, extra);
  (request.onEvent ?? ignoreEvents)({ type: 'warnings', warnings: loaded.warnings });
  return loaded;
}
