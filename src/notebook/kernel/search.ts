// search() and bagging() in cell scope (issue 15 §2–3): many models, one per task, trained on the
// task pool through runTasks. A search picks its configuration on a validation split carved from
// the training set and touches the test set once, to report the retrained best; an ensemble averages
// its members' test probabilities. Outputs are plain data: tables, a heatmap, charts, text.
import { StoppedError } from '../../backends/types';
import { t, type MessageKey } from '../../i18n';
import { runTasks } from '../../tasks/run';
import type { TaskEvent, TaskSpec } from '../../tasks/types';
import { accuracyOf, averageProbabilities, DEFAULT_PARAMS, gridConfigs, PARAM_NAMES, randomConfigs, validationSplit, type Grid, type HyperParams, type ParamName, type RandomSpace } from '../../tasks/search/sampling';
import { baggingTasks, paramsName, retrainTask, searchTasks, sharedSet } from '../../tasks/search/tasks';
import type { TrialResult } from '../../tasks/search/trial';
import { speedupChart } from './charts';
import { formatCount, limitChart } from './limits';
import { makeFmt } from './fmt';
import type { ChartSpec, HeatmapData, Lang, Output } from './protocol';
import { RunStream, type TaskRunner } from './runStream';
import { mnistData } from './session';
import type { TaskStream } from './tasksApi';

export interface TaskRunContext {
  lang: Lang;
  signal: AbortSignal;
  post(output: Output): void;
  id(prefix: string): string;
}

type Jobs = number | readonly number[];
const MAX_TRIALS = 64;
const MAX_JOBS = 16;

function jobsList(n: Jobs | undefined, lang: Lang): number[] {
  const list = n === undefined ? [2] : Array.isArray(n) ? [...n] : [n as number];
  for (const j of list) if (!Number.isInteger(j) || j < 1 || j > MAX_JOBS) throw new Error(t(lang, 'search_badJobs', { got: String(j), max: MAX_JOBS }));
  if (!list.length) throw new Error(t(lang, 'search_badJobs', { got: '[]', max: MAX_JOBS }));
  return list;
}

function whole(v: number | undefined, dflt: number, min: number, max: number, name: string, lang: Lang): number {
  const x = v ?? dflt;
  if (!Number.isInteger(x) || x < min || x > max) throw new Error(t(lang, 'search_badNumber', { name, min: formatCount(min, lang), max: formatCount(max, lang), got: String(v) }));
  return x;
}

/** "84,5 %" (es), "84.5%" (en): the same form as fmt.pct and the charts */
const pct = (x: number, lang: Lang) => makeFmt(lang).pct(x);
const msText = (ms: number, lang: Lang) => formatCount(Math.round(ms), lang);
const num = (v: number, lang: Lang) => v.toLocaleString(lang === 'es' ? 'es-ES' : 'en-US', { maximumSignificantDigits: 6 });
const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const cores = () => (typeof navigator !== 'undefined' && navigator.hardwareConcurrency) || 1;

/** Runs `tasks` on `nJobs` workers with a progress bar; returns the results and the wall time. */
async function runWithBar(ctx: TaskRunContext, tasks: TaskSpec[], nJobs: number, label: string, run: TaskRunner = runTasks): Promise<{ results: TrialResult[]; wallMs: number; events: TaskEvent[] }> {
  const pid = ctx.id('progress');
  const events: TaskEvent[] = [];
  ctx.post({ id: pid, kind: 'progress', label, value: 0, max: tasks.length });
  const t0 = performance.now();
  try {
    const results = (await run(tasks, {
      nJobs, signal: ctx.signal,
      onTask: (e) => {
        events.push(e);
        ctx.post({ id: pid, kind: 'progress', label, value: events.length, max: tasks.length, detail: e.name });
      },
    })) as TrialResult[];
    const wallMs = performance.now() - t0;
    ctx.post({ id: pid, kind: 'text', text: t(ctx.lang, tasks.length === 1 ? 'search_ran_one' : 'search_ran_other', { label: capital(label), n: tasks.length, jobs: nJobs, ms: msText(wallMs, ctx.lang) }) });
    return { results, wallMs, events };
  } catch (e) {
    ctx.post({ id: pid, kind: 'text', text: `${capital(label)}: ${t(ctx.lang, ctx.signal.aborted || e instanceof StoppedError ? 'search_stopped' : 'search_failed')}` });
    throw e;
  }
}

export interface SearchOptions {
  grid?: Grid;
  random?: RandomSpace;
  /** random search: how many configurations (default: as many as the grid has, else 8) */
  trials?: number;
  epochs?: number;
  samples?: number;
  /** the fraction of the samples held out for validation (default 0.2) */
  validation?: number;
  /** workers; a list ([1, 2, 4]) runs the same search with each and charts the speedup */
  nJobs?: Jobs;
  seed?: number;
}

export interface SearchTrial extends HyperParams { index: number; accuracy: number; loss: number; ms: number; worker: number }
export interface SearchResult {
  kind: 'grid' | 'random';
  trials: SearchTrial[];
  best: SearchTrial;
  /** the best configuration retrained on all the samples, on the test set (0–1) */
  testAccuracy: number;
  /** the wall time of the whole search per nJobs, ms */
  timings: { nJobs: number; ms: number }[];
  split: { train: number; validation: number };
  /** with both grid and random: the random search with the grid's budget */
  random?: Omit<SearchResult, 'random' | 'testAccuracy' | 'tasks'>;
  /** every task of the call (each nJobs, grid then random, then the retrain on the coordinator's lane): `show.taskStream(result)` */
  tasks: TaskStream;
}

const axisLabel = (k: ParamName, lang: Lang) => t(lang, `search_param_${k}` as MessageKey);

function resultsTable(ctx: TaskRunContext, trials: SearchTrial[], best: SearchTrial): void {
  const { lang } = ctx;
  ctx.post({
    id: ctx.id('table'), kind: 'table',
    columns: ['#', ...PARAM_NAMES.map((k) => axisLabel(k, lang)), t(lang, 'search_valAccuracy'), t(lang, 'search_valLoss'), t(lang, 'search_timeMs'), t(lang, 'search_worker'), '★'],
    rows: trials.map((r) => [r.index + 1, r.learningRate, r.batchSize, r.hidden, pct(r.accuracy, lang), Number(r.loss.toFixed(4)), msText(r.ms, lang), r.worker, r === best ? t(lang, 'search_bestMark') : '']),
  });
}

/**
 * Where value v falls on a grid axis, in cell units: i where v is the axis's i-th value, between two
 * cells where it lies between their values (on a log scale when every value is positive: grids of
 * learning rates and batch sizes are geometric), clamped half a cell past the ends (`outside`). An
 * axis that is not sorted gets its nearest value.
 */
export function axisPosition(v: number, axis: readonly number[]): { at: number; outside: boolean } {
  const f = axis.every((a) => a > 0) && v > 0 ? Math.log : (x: number) => x;
  const g = axis.map(f), x = f(v), n = g.length;
  const up = g.every((a, i) => i === 0 || a > g[i - 1]), down = g.every((a, i) => i === 0 || a < g[i - 1]);
  if (!up && !down) {
    const near = g.reduce((best, a, i) => (Math.abs(a - x) < Math.abs(g[best] - x) ? i : best), 0);
    return { at: near, outside: false };
  }
  const s = up ? 1 : -1;
  if (s * (x - g[0]) < 0 || s * (x - g[n - 1]) > 0) return { at: s * (x - g[0]) < 0 ? -0.5 : n - 0.5, outside: true };
  for (let i = 0; i < n - 1; i++) if (s * (x - g[i + 1]) <= 0) return { at: i + (x - g[i]) / (g[i + 1] - g[i]), outside: false };
  return { at: n - 1, outside: false };
}

/**
 * A heatmap when exactly two axes of the grid vary; with `random` trials on the same two axes (their
 * other axis at the grid's one value), each is drawn over it as a point, where it landed.
 */
export function heatmapOf(lang: Lang, grid: Grid, trials: readonly SearchTrial[], best: SearchTrial, random?: readonly SearchTrial[]): HeatmapData | null {
  const axes = PARAM_NAMES.filter((k) => (grid[k]?.length ?? 0) > 1);
  if (axes.length !== 2) return null;
  const [yk, xk] = axes;
  const ys = grid[yk]!, xs = grid[xk]!;
  const values = ys.flatMap((y) => xs.map((x) => trials.find((r) => r[yk] === y && r[xk] === x)?.accuracy ?? null));
  const heat: HeatmapData = {
    title: t(lang, 'search_heatmapTitle'), xLabel: axisLabel(xk, lang), yLabel: axisLabel(yk, lang),
    xValues: xs.map((v) => num(v, lang)), yValues: ys.map((v) => num(v, lang)), values,
    best: ys.indexOf(best[yk]) * xs.length + xs.indexOf(best[xk]),
  };
  const fixed = PARAM_NAMES.filter((k) => !axes.includes(k));
  const sameSlice = random?.length && random.every((r) => fixed.every((k) => r[k] === (grid[k]?.[0] ?? DEFAULT_PARAMS[k])));
  if (!random || !sameSlice) return heat;
  heat.points = random.map((r) => {
    const x = axisPosition(r[xk], xs), y = axisPosition(r[yk], ys);
    return { x: x.at, y: y.at, xText: num(r[xk], lang), yText: num(r[yk], lang), value: r.accuracy, ...(x.outside || y.outside ? { outside: true } : {}) };
  });
  heat.pointsTitle = t(lang, 'heatmapPointsTitle', { n: random.length });
  return heat;
}

const bestOf = (trials: SearchTrial[]) => trials.reduce((a, b) => (b.accuracy > a.accuracy ? b : a));

export async function runSearch(ctx: TaskRunContext, o: SearchOptions = {}): Promise<SearchResult> {
  const { lang } = ctx;
  if (!o.grid && !o.random) throw new Error(t(lang, 'search_needsSpace'));
  const epochs = whole(o.epochs, 1, 1, 20, 'epochs', lang);
  const samples = whole(o.samples, 10_000, 100, 60_000, 'samples', lang);
  const seed = whole(o.seed, 1, 0, 2 ** 31, 'seed', lang);
  const jobs = jobsList(o.nJobs, lang);
  const validation = o.validation ?? 0.2;
  const gridCfg = o.grid ? gridConfigs(o.grid) : null;
  const trialsN = whole(o.trials, gridCfg?.length ?? 8, 1, MAX_TRIALS, 'trials', lang);
  const randomCfg = o.random ? randomConfigs(o.random, trialsN, seed) : null;
  const main = (gridCfg ?? randomCfg)!;
  if (main.length > MAX_TRIALS) throw new Error(t(lang, 'search_tooMany', { n: main.length, max: MAX_TRIALS }));
  const split = validationSplit(samples, validation, seed);
  const { train, test } = await mnistData(undefined, ctx.signal);
  const trainSet = sharedSet(train); // placed once in shared memory; a task carries views and its rows
  ctx.post({
    id: ctx.id('text'), kind: 'text',
    text: t(lang, gridCfg ? 'search_introGrid' : 'search_introRandom', { n: main.length, epochs, train: formatCount(split.train.length, lang), val: formatCount(split.validation.length, lang), jobs: jobs.join(', ') }),
  });

  const stream = new RunStream();
  const recorded = (kind: MessageKey) => stream.wrap(runTasks, (spec) => ({ name: spec.name, kind: t(lang, kind) }));
  const searchOnce = async (configs: HyperParams[], kindLabel: string, streamKind: MessageKey) => {
    const timings: { nJobs: number; ms: number }[] = [];
    let results: TrialResult[] = [];
    for (const n of jobs) {
      const tasks = searchTasks(configs, trainSet, split, epochs, seed);
      const r = await runWithBar(ctx, tasks, n, kindLabel, recorded(streamKind));
      // every nJobs trains the same seeded models: a difference would be a bug, said rather than hidden
      if (results.length && r.results.some((x, i) => x.accuracy !== results[i].accuracy)) ctx.post({ id: ctx.id('text'), kind: 'text', text: t(lang, 'search_jobsDiffer', { jobs: n }) });
      results = r.results;
      timings.push({ nJobs: n, ms: r.wallMs });
    }
    const trials = configs.map((c, i): SearchTrial => ({ ...c, index: i, accuracy: results[i].accuracy, loss: results[i].loss, ms: results[i].ms, worker: results[i].worker }));
    return { trials, best: bestOf(trials), timings };
  };

  const kind = gridCfg ? 'grid' : 'random';
  const first = await searchOnce(main, t(lang, gridCfg ? 'search_gridLabel' : 'search_randomLabel'), gridCfg ? 'streamGridKind' : 'streamRandomKind');
  resultsTable(ctx, first.trials, first.best);
  const heat = o.grid ? heatmapOf(lang, o.grid, first.trials, first.best) : null;
  const heatId = ctx.id('heatmap');
  if (heat) ctx.post({ id: heatId, kind: 'heatmap', heatmap: heat });
  if (jobs.length > 1) speedupOutputs(ctx, first.timings);

  let random: SearchResult['random'];
  if (gridCfg && randomCfg) {
    const r = await searchOnce(randomCfg, t(lang, 'search_randomLabel'), 'streamRandomKind');
    resultsTable(ctx, r.trials, r.best);
    // the same heatmap again (same id: it replaces the first), now with the random trials where they landed
    const withPoints = heat && o.grid ? heatmapOf(lang, o.grid, first.trials, first.best, r.trials) : null;
    if (withPoints?.points) ctx.post({ id: heatId, kind: 'heatmap', heatmap: withPoints });
    random = { kind: 'random', ...r, split: { train: split.train.length, validation: split.validation.length } };
    compareTable(ctx, o, first.trials, first.best, r.trials, r.best);
  }

  const winner = random && random.best.accuracy > first.best.accuracy ? random.best : first.best;
  const final = (await runWithBar(ctx, [retrainTask(winner, trainSet, samples, sharedSet(test), epochs, seed)], 1, t(lang, 'search_retrainLabel'), recorded('streamRetrainKind'))).results[0];
  ctx.post({ id: ctx.id('best'), kind: 'text', text: t(lang, 'search_best', { config: paramsName(winner), val: pct(winner.accuracy, lang), samples: formatCount(samples, lang), test: pct(final.accuracy, lang) }) });
  // Export (issue 17): the search as run_search.py (joblib, one task per configuration) beside the
  // usual programs, which train the winner's configuration
  const nJobs = Math.max(...jobs);
  ctx.post({
    id: ctx.id('export'), kind: 'export',
    experiment: {
      options: { backend: 'workers', workers: nJobs, threads: Math.min(8, cores()), batchSize: winner.batchSize, learningRate: winner.learningRate, epochs, samples, seed, hiddenSize: winner.hidden },
      search: {
        samples, validation, epochs, seed, nJobs, testAccuracy: final.accuracy,
        trials: [...first.trials, ...(random?.trials ?? [])].map((x) => ({ learningRate: x.learningRate, batchSize: x.batchSize, hidden: x.hidden, accuracy: x.accuracy, loss: x.loss })),
      },
    },
  });
  return { kind, trials: first.trials, best: first.best, testAccuracy: final.accuracy, timings: first.timings, split: { train: split.train.length, validation: split.validation.length }, ...(random ? { random } : {}), tasks: stream.finish() };
}

function speedupOutputs(ctx: TaskRunContext, timings: { nJobs: number; ms: number }[]): void {
  const { lang } = ctx;
  const label = t(lang, 'search_jobs');
  const spec: ChartSpec = speedupChart(lang, timings.map((x) => ({ n: x.nJobs, ms: x.ms })), label, cores());
  spec.note = [t(lang, 'search_speedupNote', { cores: cores() }), spec.note].filter(Boolean).join('\n');
  ctx.post({ id: ctx.id('chart'), kind: 'chart', spec: limitChart(spec, lang) });
}

function compareTable(ctx: TaskRunContext, o: SearchOptions, grid: SearchTrial[], gBest: SearchTrial, rnd: SearchTrial[], rBest: SearchTrial): void {
  const { lang } = ctx;
  const axes = PARAM_NAMES.filter((k) => o.grid?.[k] || o.random?.[k]);
  const distinct = (ts: SearchTrial[], k: ParamName) => new Set(ts.map((x) => x[k])).size;
  ctx.post({
    id: ctx.id('table'), kind: 'table',
    columns: [t(lang, 'search_method'), t(lang, 'search_trials'), t(lang, 'search_bestVal'), t(lang, 'search_bestConfig'), ...axes.map((k) => t(lang, 'search_distinct', { param: axisLabel(k, lang) }))],
    rows: [
      [t(lang, 'search_gridLabel'), grid.length, pct(gBest.accuracy, lang), paramsName(gBest), ...axes.map((k) => distinct(grid, k))],
      [t(lang, 'search_randomLabel'), rnd.length, pct(rBest.accuracy, lang), paramsName(rBest), ...axes.map((k) => distinct(rnd, k))],
    ],
  });
  ctx.post({ id: ctx.id('text'), kind: 'text', text: t(lang, 'search_compareNote') });
}

export interface BaggingOptions {
  members?: number;
  samples?: number;
  epochs?: number;
  nJobs?: Jobs;
  seed?: number;
  learningRate?: number;
  batchSize?: number;
  hidden?: number;
}

export interface BaggingResult {
  members: { accuracy: number; ms: number; worker: number; distinct: number }[];
  /** the ensemble's test accuracy with the first k members, k = 1 … members */
  ensemble: number[];
  accuracy: number;
  timings: { nJobs: number; ms: number }[];
  /** every member's task, for each nJobs: `show.taskStream(result)` */
  tasks: TaskStream;
}

export async function runBagging(ctx: TaskRunContext, o: BaggingOptions = {}): Promise<BaggingResult> {
  const { lang } = ctx;
  const members = whole(o.members, 5, 1, 32, 'members', lang);
  const samples = whole(o.samples, 10_000, 100, 60_000, 'samples', lang);
  const epochs = whole(o.epochs, 1, 1, 20, 'epochs', lang);
  const seed = whole(o.seed, 1, 0, 2 ** 31, 'seed', lang);
  const jobs = jobsList(o.nJobs, lang);
  const params = gridConfigs({
    learningRate: [o.learningRate ?? DEFAULT_PARAMS.learningRate], batchSize: [o.batchSize ?? DEFAULT_PARAMS.batchSize], hidden: [o.hidden ?? DEFAULT_PARAMS.hidden],
  })[0];
  const { train, test } = await mnistData(undefined, ctx.signal);
  const trainSet = sharedSet(train), testSet = sharedSet(test);
  ctx.post({ id: ctx.id('text'), kind: 'text', text: t(lang, 'bagging_intro', { members, samples: formatCount(samples, lang), epochs, config: paramsName(params), jobs: jobs.join(', ') }) });
  const timings: { nJobs: number; ms: number }[] = [];
  let results: TrialResult[] = [];
  const stream = new RunStream();
  const recorded = stream.wrap(runTasks, (spec) => ({ name: spec.name, kind: t(lang, 'streamMemberKind') }));
  for (const n of jobs) {
    const tasks = baggingTasks(members, params, trainSet, samples, testSet, epochs, seed);
    const r = await runWithBar(ctx, tasks, n, t(lang, 'bagging_label'), recorded);
    results = r.results;
    timings.push({ nJobs: n, ms: r.wallMs });
  }
  const probs = results.map((r) => r.probabilities!);
  const ensemble = probs.map((_, k) => accuracyOf(averageProbabilities(probs.slice(0, k + 1)), test.labels));
  const rows = baggingTasks(members, params, trainSet, samples, testSet, epochs, seed).map((task) => (task.payload as { rows: Uint32Array }).rows);
  const out = results.map((r, m) => ({ accuracy: r.accuracy, ms: r.ms, worker: r.worker, distinct: new Set(rows[m]).size / samples }));
  ctx.post({
    id: ctx.id('table'), kind: 'table',
    columns: [t(lang, 'bagging_member'), t(lang, 'bagging_distinct'), t(lang, 'bagging_memberAcc'), t(lang, 'bagging_ensembleAcc'), t(lang, 'search_timeMs'), t(lang, 'search_worker')],
    rows: out.map((r, m) => [m + 1, pct(r.distinct, lang), pct(r.accuracy, lang), pct(ensemble[m], lang), msText(r.ms, lang), r.worker]),
  });
  const memberLabel = t(lang, 'bagging_memberAcc'), ensLabel = t(lang, 'bagging_ensembleAcc'), x = t(lang, 'bagging_members');
  ctx.post({
    id: ctx.id('chart'), kind: 'chart',
    spec: limitChart({
      type: 'line', title: t(lang, 'bagging_chartTitle'), x, y: [ensLabel, memberLabel], dashed: [memberLabel], xLabel: x, yLabel: t(lang, 'bagging_testAcc'), unit: '%',
      data: out.map((r, m) => ({ [x]: m + 1, [ensLabel]: Math.round(ensemble[m] * 10000) / 100, [memberLabel]: Math.round(r.accuracy * 10000) / 100 })),
      note: t(lang, 'bagging_note'),
    }, lang),
  });
  const bestMember = Math.max(...out.map((r) => r.accuracy));
  ctx.post({ id: ctx.id('text'), kind: 'text', text: t(lang, 'bagging_result', { members, ens: pct(ensemble[ensemble.length - 1], lang), best: pct(bestMember, lang) }) });
  if (jobs.length > 1) speedupOutputs(ctx, timings);
  return { members: out, ensemble, accuracy: ensemble[ensemble.length - 1], timings, tasks: stream.finish() };
}
