// The globals cell code sees (documented in docs/notebook-api.md). Each run of a cell gets a fresh
// API object bound to that run: its outputs, its knobs, its AbortSignal.
import { BACKEND_OPTIONS, resolveOptions } from '../../backends/options';
import { BACKEND_NAMES, StoppedError, type BackendName, type BackendOptions } from '../../backends/types';
import { t } from '../../i18n';
import { backendText, showEpoch } from '../../i18n/backendText';
import { epochPermutation } from '../../mlp/random';
import { trainUse, type TrainUse } from '../core/trainUse';
import type { EpochEvaluation } from '../../train/trainer';
import { configFrom, TRAIN_OPTIONS, type TrainingOptions } from '../../train/config';
import { prepareBackend, trainEpochs } from '../../train/trainer';
import { accuracyChart, breakdownChart, histogramChart, lossChart, median, speedupChart, speedupPoints, stepsPerEpoch, taskStreamChart, throughputChart, timingsChart, type LossSeries } from './charts';
import { extras } from './extras';
import { weightsData, type WeightsSource } from './weights';
import { formatValue } from './format';
import { makeFmt } from './fmt';
import { messageError } from '../../i18n/messageError';
import { exportExperiment } from './exportRun';
import { formatCount, formatPercent, limitChart } from './limits';
import { RunProgress, SweepProgress } from './progress';
import { gpuOf, measureNotes, measureRepeats, measurement, numberLocale, repeatPrefix } from './measure';
import type { ChartSpec, Knobs, Lang, ModelRequest, Output } from './protocol';
import { makeModelsApi } from './models';
import { runRace, type RaceOptions, type RaceRun } from './race';
import { kmeansCell, type KmeansOptions, type KmeansRun } from './kmeans';
import type { Run } from './run';
import { trainedModel, type TrainedModel } from '../../models/model';
import { confusionOutput, predictionsOutput, type EvaluatedRun, type PredictionsOptions } from './mistakes';
import { makeTasksApi, type TaskNode, type TaskStream } from './tasksApi';
import { mnistArrays, type MnistArrays, type MnistArraysOptions } from './arrays';
import { epochOrder, referenceMlp, type ReferenceMlp, type ReferenceMlpOptions } from './referenceMlp';
import { backendInstance, dropBackend, mnistData, supportedBackends, trainSubset } from './session';
import { runBagging, runSearch, type BaggingOptions, type BaggingResult, type SearchOptions, type SearchResult } from './search';
import type { TfjsOptions } from './frameworksCore';
import type { LinesOfCode, TfjsRun } from './frameworks';

export interface RunContext {
  lang: Lang;
  knobs: Knobs;
  signal: AbortSignal;
  post(output: Output): void;
  /** each train() call reports what it ran with (the page greys the knobs its code fixed) */
  trained?(use: TrainUse): void;
  /** each train() that finished hands its trained model to the page (the Digits page predicts with the latest) */
  model?(model: TrainedModel): void;
  /** asks the page (models.*: the page holds the IndexedDB store); rejects with the page's reason */
  request?(req: ModelRequest): Promise<unknown>;
}

/** What `train()` takes: every training and backend option (a missing one comes from the cell's knobs, then its default). */
export type TrainOptions = TrainingOptions & BackendOptions & {
  /** the run's name in charts and tables (default: the backend's name) */
  label?: string;
  /** draw the live loss chart (default: true) */
  chart?: boolean;
  /** measure accuracy on the test set after training (default: true) */
  evaluate?: boolean;
  /** 'epoch': also measure test accuracy and loss after every epoch (outside the epoch's time; in the last repeat) → run.evaluations */
  evaluateEvery?: 'epoch';
  /** an untimed pass over the first 10000 images first (JIT tier-up, pools, caches); the timed run starts from fresh weights */
  warmup?: boolean;
};

/**
 * A training cell's live loss chart goes to the page at most this often. Every chart the page redraws
 * (recharts: SVG, then layout) takes its thread tens of milliseconds, on the cores the run is timed on:
 * at 150 ms, a 2-worker epoch of 10,000 images in lesson 2 took 1,031–1,350 ms with the live chart
 * against 768–912 ms without it (the page's thread 45% busy), and the lessons' speedups came out low.
 */
const LIVE_CHART_MS = 1000;
/** A draw output carries its model (up to ~3 MB at the largest hidden size): a few per cell at most. */
export const MAX_DRAW_OUTPUTS = 8;
const WARMUP_SAMPLES = 10_000;
/** Test accuracy below this (chance is 10%) is reported as a run that did not learn. */
const NEAR_CHANCE = 0.2;

/** What show.taskStream takes besides a Run: what parallel().map, compute or persist returned, or its `.tasks`. */
export type TaskStreamSource = { tasks: TaskStream } | TaskStream;

export function makeApi(ctx: RunContext) {
  const { lang } = ctx;
  // the cell API's own names: a function sent to a worker that uses one is refused (it does not exist there)
  let apiNames = new Set<string>();
  const tasks = makeTasksApi(ctx, (n) => apiNames.has(n));
  let nextId = 0;
  const id = (p: string) => `${p}-${nextId++}`;
  const lossSeries: LossSeries[] = [];
  let lossChartId: string | null = null;
  let sweeping: SweepProgress | null = null; // the sweep under way: each train() inside it says which run it is
  let gpuNoted = false;
  let draws = 0;
  // a chart of any size reaches the page with at most MAX_CHART_POINTS rows (limits.ts)
  const chart = (spec: ChartSpec, oid = id('chart')) => ctx.post({ id: oid, kind: 'chart', spec: limitChart(spec, lang) });

  async function mnist() {
    const pid = id('progress');
    let last = 0;
    let cached = false;
    // shown at once (indeterminate) while the requests go out, then from the first byte on
    ctx.post({ id: pid, kind: 'progress', label: t(lang, 'loadingMnist'), value: 0, max: 0 });
    const loading = mnistData((p) => {
      cached = p.fromCache;
      const now = performance.now();
      const final = p.total > 0 && p.loaded >= p.total;
      if (now - last < 100 && !final && last !== 0) return;
      last = now;
      ctx.post({ id: pid, kind: 'progress', label: t(lang, p.fromCache ? 'mnistFromCache' : 'loadingMnist'), value: p.loaded, max: p.total });
    }, ctx.signal);
    // a fault or a stop ends the cell with its own message; the bar does not stay "loading"
    const { train, test } = await loading.catch((e: unknown) => {
      ctx.post({ id: pid, kind: 'text', text: t(lang, 'data_notLoaded') });
      throw e;
    });
    const note = cached ? ` — ${t(lang, 'mnistFromCache')}` : '';
    ctx.post({ id: pid, kind: 'text', text: t(lang, 'mnistLoaded', { train: train.count, test: test.count }) + note });
    return { train: { count: train.count }, test: { count: test.count } };
  }

  async function labelCounts(set: 'train' | 'test' = 'train'): Promise<number[]> {
    const d = (await mnistData(undefined, ctx.signal))[set];
    const counts = new Array<number>(10).fill(0);
    for (const l of d.labels) counts[l]++;
    return counts;
  }

  /** MNIST as plain arrays for tasks: images (count × 784, 0–255) and labels, a copy. */
  async function mnistArraysOf(o: MnistArraysOptions = {}): Promise<MnistArrays> {
    return mnistArrays(await mnistData(undefined, ctx.signal), o, lang);
  }

  async function train(opts: TrainOptions = {}): Promise<Run> {
    // an option given here wins over the cell's knob, which wins over the declared default
    const given = { ...ctx.knobs, ...Object.fromEntries(Object.entries(opts).filter(([, v]) => v !== undefined)) };
    const run = resolveOptions('training', TRAIN_OPTIONS, given);
    const name = run.backend;
    // an option of another backend given in the call is checked too: a bad value is refused, never silently ignored
    for (const other of BACKEND_NAMES) if (other !== name) resolveOptions(other, BACKEND_OPTIONS[other], opts);
    const bopts: BackendOptions = resolveOptions(name, BACKEND_OPTIONS[name], given);
    const config = configFrom(run);
    if (opts.evaluateEvery !== undefined && opts.evaluateEvery !== 'epoch') throw new Error(t(lang, 'evaluateEveryBad', { got: formatValue(opts.evaluateEvery) }));
    const everyEpoch = opts.evaluateEvery === 'epoch';
    const evaluations: EpochEvaluation[] = [];
    const { train: full, test } = await mnistData(undefined, ctx.signal);
    const samples = Math.min(run.samples, full.count);
    ctx.trained?.(trainUse(opts, { ...run, ...bopts, samples }, name));
    const data = await trainSubset(samples, ctx.signal);
    const backend = await backendInstance(name);
    let label = opts.label ?? name;
    for (let n = 2; lossSeries.some((s) => s.label === label); n++) label = `${opts.label ?? name} #${n}`;
    const batches = Math.ceil(samples / config.batchSize);
    const series = { label, points: [] as { step: number; loss: number }[], stepsPerEpoch: batches };
    const live = opts.chart !== false;
    if (live) {
      lossSeries.push(series);
      lossChartId ??= id('losses');
    }
    let lastPost = 0;
    const postChart = (force: boolean) => {
      const now = performance.now();
      if (!live || (!force && now - lastPost < LIVE_CHART_MS)) return;
      lastPost = now;
      chart(lossChart(lang, lossSeries), lossChartId!);
    };
    const epochLines: string[] = [];
    const statsId = id('epochs');
    const inSweep = sweeping;
    const progress = new RunProgress({ lang, id: id('progress'), label, epochs: config.epochs * run.repeats, repeats: run.repeats, samples, batchSize: config.batchSize, post: ctx.post, sweep: inSweep?.item, onFraction: (f) => inSweep?.within(f) });
    const curves: number[][] = []; // each repeat's loss curve: they must match (measure.ts)
    try {
      if (opts.warmup) {
        progress.warmingUp();
        await prepareBackend(backend, config, data, bopts);
        const order = epochPermutation(data.count, config.seed, 0).subarray(0, Math.min(data.count, WARMUP_SAMPLES));
        await backend.trainEpoch({ epoch: 0, order, batchSize: config.batchSize, learningRate: config.learningRate }, ctx.signal);
      }
      // `repeats` timed runs of the same training, between two timings of a calibration loop (the noise guard)
      const { repeats } = run;
      const timed = await measureRepeats(repeats, async (r) => {
        await prepareBackend(backend, config, data, bopts); // seeded weights: a warm-up or an earlier repeat leaves no trace
        if (r === 0) progress.start();
        const curve: number[] = [];
        curves.push(curve);
        const last = r === repeats - 1;
        // per-epoch evaluations in the last repeat only: every repeat trains the same weights (seeded), so
        // they would measure the same accuracy, and the earlier repeats stay free of the extra work
        const evaluateHere = last && (opts.evaluate !== false || everyEpoch);
        return trainEpochs(backend, config, data, evaluateHere ? test : null, {
          evaluateEvery: everyEpoch ? 'epoch' : undefined,
          onEvaluation: (ev) => {
            evaluations.push(ev);
            const i = epochLines.length - 1;
            if (i >= 0) epochLines[i] += ` · ${t(lang, 'epochTestAccuracy', { acc: formatPercent(ev.accuracy, lang) })}`;
            ctx.post({ id: statsId, kind: 'text', text: epochLines.join('\n') });
          },
          onProgress: (epoch, p) => {
            curve.push(p.loss);
            progress.batch(r * config.epochs + epoch, p.batch);
            if (r > 0) return; // the chart draws the first repeat; the others must compute the same curve
            series.points.push({ step: epoch * batches + p.batch + 1, loss: p.loss });
            postChart(false);
          },
          onEpoch: (e) => {
            // the first repeat's whole curve as soon as it is known (the later repeats only check it):
            // the chart's last post, unless the run stops before (then the catch below sends it)
            if (r === 0 && e.epoch === config.epochs - 1) postChart(true);
            epochLines.push(`${label} · ${repeatPrefix(lang, r, repeats)}${t(lang, 'epochTime', { epoch: e.epoch + 1, ms: formatCount(Math.round(e.wallMs), lang), sps: formatCount(Math.round(e.samplesPerSec), lang), loss: e.loss.toLocaleString(numberLocale(lang), { minimumFractionDigits: 4, maximumFractionDigits: 4 }) })}`);
            ctx.post({ id: statsId, kind: 'text', text: epochLines.join('\n') });
          },
        }, ctx.signal);
      }, { signal: ctx.signal });
      progress.end('done');
      const results = timed.results;
      const epochs = results.flatMap((res, r) => res.epochs.map((e) => ({ ...showEpoch(lang, e), repeat: r })));
      const m = measurement(repeats, epochs.map((e) => e.wallMs), curves, timed.calibration);
      const gpu = gpuOf(name, results[0]?.epochs[0]?.extra);
      // the software-GPU note once per cell run (a sweep of webgpu runs would repeat it); Run.gpu and the charts keep it per run
      for (const text of measureNotes(lang, label, m, gpuNoted ? undefined : gpu)) ctx.post({ id: id('measure'), kind: 'text', text });
      gpuNoted ||= gpu?.software === true;
      const ev = results[results.length - 1].evaluation;
      if (ev) ctx.post({ id: id('acc'), kind: 'text', text: `${label} · ${t(lang, 'testAccuracy', { acc: formatPercent(ev.accuracy, lang, 2) })}` });
      // a run that ends near chance (10 classes) did not learn: say so rather than report it as fine
      if (ev && ev.accuracy < NEAR_CHANCE) ctx.post({ id: id('chance'), kind: 'text', text: `${label} · ${t(lang, 'nearChance', { acc: formatPercent(ev.accuracy, lang, 2), lr: config.learningRate.toLocaleString(numberLocale(lang), { maximumFractionDigits: 6 }) })}` });
      const variant = backend.describe();
      const params = results[results.length - 1].params;
      // the Export button (issue 17): this run's own options and numbers; not for each run of a sweep
      if (!inSweep) ctx.post({ id: id('export'), kind: 'export', experiment: exportExperiment(name, config, samples, bopts, results[results.length - 1].epochs, ev?.accuracy ?? null, backendText(lang, variant)) });
      ctx.model?.(trainedModel({ label, backend: name, accuracy: ev?.accuracy ?? NaN, samples }, config, params));
      return {
        label, backend: name, describe: backendText(lang, variant), variant, config: { ...config, samples },
        ...m, epochs, samplesPerSec: median(epochs.map((e) => e.samplesPerSec)),
        accuracy: ev?.accuracy ?? NaN, testLoss: ev?.loss ?? NaN, losses: series.points, predictions: ev?.predictions ?? null,
        probabilities: ev?.probabilities ?? null, params, evaluations,
        ...(gpu ? { gpu } : {}),
      };
    } catch (e) {
      postChart(true);
      progress.end(e instanceof StoppedError ? 'stopped' : 'failed');
      if (!(e instanceof StoppedError)) await dropBackend(name); // a failed backend is rebuilt next time
      throw e;
    }
  }

  /** Runs `fn` on each item in turn and returns the results in order, with a bar ("run 2 of 8", an ETA); Stop ends it between items. */
  async function sweep<T, R>(items: readonly T[], fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
    const out: R[] = [];
    const outer = sweeping;
    const bar = items.length ? new SweepProgress(lang, id('sweep'), items.length, ctx.post) : null;
    sweeping = bar;
    try {
      for (let i = 0; i < items.length; i++) {
        bar?.begin(i);
        if (ctx.signal.aborted) throw new StoppedError();
        out.push(await fn(items[i], i));
        bar?.finish();
      }
      bar?.end('done');
      return out;
    } catch (e) {
      bar?.end(e instanceof StoppedError || ctx.signal.aborted ? 'stopped' : 'failed');
      throw e;
    } finally {
      sweeping = outer;
    }
  }

  const show = {
    text: (v: unknown) => ctx.post({ id: id('text'), kind: 'text', text: formatValue(v) }),
    table: (rows: Record<string, unknown>[], o: { columns?: string[] } = {}) => {
      const columns = o.columns ?? [...new Set(rows.flatMap((r) => Object.keys(r)))];
      ctx.post({ id: id('table'), kind: 'table', columns, rows: rows.map((r) => columns.map((c) => { const v = r[c]; return typeof v === 'number' ? v : formatValue(v ?? ''); })) });
    },
    code: (source: string, language = 'text') => ctx.post({ id: id('code'), kind: 'code', source: String(source), language }),
    chart: (spec: Partial<ChartSpec> & { kind?: ChartSpec['type'] }) => {
      const y = Array.isArray(spec.y) ? spec.y : spec.y ? [spec.y as unknown as string] : [];
      chart({
        type: spec.kind ?? spec.type ?? 'line', title: spec.title ?? '', data: spec.data ?? [], x: spec.x ?? 'x', y, logX: spec.logX, logY: spec.logY,
        xLabel: spec.xLabel, yLabel: spec.yLabel, dashed: spec.dashed, note: spec.note, unit: spec.unit, markers: spec.markers,
        errorBars: spec.errorBars, columns: spec.columns,
      });
    },
    /** the loss curves; runs trained with evaluateEvery: 'epoch' also get their test accuracy per epoch, in a chart under it */
    losses: (runs: Run[]) => {
      chart(lossChart(lang, runs.map((r) => ({ label: r.label, points: r.losses, stepsPerEpoch: stepsPerEpoch(r) }))));
      const acc = accuracyChart(lang, runs);
      if (acc) chart(acc);
    },
    /** the first layer's filters and, for test image `digit` (default 0) and the next few, the hidden activations and the units that push each class */
    weights: async (run: WeightsSource, o: { digit?: number } = {}) => {
      if (!run || !(run.params instanceof Float32Array)) throw new Error(t(lang, 'weightsNeedsRun'));
      const { test } = await mnistData(undefined, ctx.signal);
      ctx.post({ id: id('weights'), kind: 'weights', weights: weightsData(run, test, o.digit ?? 0) });
    },
    timings: (runs: Run[]) => chart(timingsChart(lang, runs)),
    breakdown: (runs: Run[]) => chart(breakdownChart(lang, runs)),
    /** a point is `{ n, ms }` (with `min`, `max` if known) or `{ n, run }`: a run's median with its min–max spread and its noise warnings */
    speedup: (points: ({ n: number; ms: number; min?: number; max?: number } | { n: number; run: Run })[], o: { label?: string; fit?: 'amdahl' } = {}) => {
      const { pts, runs } = speedupPoints(points);
      chart(speedupChart(lang, pts, o.label ?? 'workers', navigator.hardwareConcurrency || Infinity, runs));
    },
    throughput: (points: { batchSize: number; samplesPerSec: number }[], o: { label?: string } = {}) => chart(throughputChart(lang, points, o.label ?? '')),
    /** a run's first batches of an epoch, or every task of what parallel().map / compute / persist / kmeans / search / bagging returned (or its `.tasks`) */
    taskStream: (run: Run | TaskStreamSource, epoch = 0) => {
      const stream = tasks.streamOf(run);
      if (stream) return chart(tasks.taskStreamChart(stream));
      if (!Array.isArray((run as Run | null)?.epochs)) throw new TypeError(tasks.needsStream());
      chart(taskStreamChart(lang, run as Run, epoch));
    },
    /** a task graph made with delayed(fn)(…): its tasks and dependencies; after compute, the worker and time of each */
    graph: (node: TaskNode | TaskNode[]) => ctx.post({ id: id('graph'), kind: 'graph', graph: tasks.graph(node) }),
    histogram: (counts: number[]) => chart(histogramChart(lang, counts)),
    /** The lanes race: one at a time (default) or all at once; resolves with the runs of the lanes that finished. */
    race: (o: RaceOptions = {}): Promise<RaceRun[]> => runRace(ctx, id('race'), o),
    digits: async (o: { set?: 'train' | 'test'; start?: number; count?: number } = {}) => {
      const d = (await mnistData(undefined, ctx.signal))[o.set ?? 'train'];
      const start = Math.max(0, o.start ?? 0), count = Math.max(0, Math.min(o.count ?? 32, 256, d.count - start));
      ctx.post({ id: id('digits'), kind: 'digits', title: t(lang, 'digitsTitle'), images: d.images.slice(start * 784, (start + count) * 784), labels: d.labels.slice(start, start + count) });
    },
    /** The drawing pad: draw a digit, see what `run`'s model (default: the latest run's) predicts on every backend. */
    draw: (run?: Run) => {
      if (++draws > MAX_DRAW_OUTPUTS) throw messageError('err_drawMax', { max: MAX_DRAW_OUTPUTS });
      if (run === undefined) return ctx.post({ id: id('draw'), kind: 'draw', title: t(lang, 'digitsDrawTitle', { label: t(lang, 'digitsDrawLatest') }), latest: true });
      if (!(run?.params instanceof Float32Array)) throw messageError('err_drawNeedsRun', {}, TypeError);
      ctx.post({
        id: id('draw'), kind: 'draw', title: t(lang, 'digitsDrawTitle', { label: run.label }),
        model: trainedModel({ label: run.label, backend: run.backend, accuracy: run.accuracy, samples: run.config.samples }, run.config, run.params),
      });
    },
    /** the 10×10 confusion matrix on the test set (rows: true label, columns: prediction); a cell lists its digits */
    confusion: async (run: EvaluatedRun) => {
      const { test } = await mnistData(undefined, ctx.signal);
      ctx.post(confusionOutput(lang, id('confusion'), run, test.labels));
    },
    /** test digits with their prediction, filtered and sorted, paged through the whole test set (top 3 on hover or focus) */
    predictions: async (run: EvaluatedRun, o: PredictionsOptions = {}) => {
      const { test } = await mnistData(undefined, ctx.signal);
      ctx.post(predictionsOutput(lang, id('predictions'), run, test.labels, o));
    },
  };

  const knobs: Knobs = { ...ctx.knobs };
  const { models, evaluate } = makeModelsApi(ctx, id);
  const api = {
    mnist, labelCounts, train, sweep,
    /** MNIST as plain arrays a task can take: `{ images (count × 784, 0–255), labels, count, size }`, a copy of `count` images from `start` */
    mnistArrays: mnistArraysOf, show, knobs, models, evaluate,
    /** the reference network on `count` training images: seeded params, loss(p) and its backward pass gradients(p), for a gradient check */
    referenceMlp: async (o: ReferenceMlpOptions = {}): Promise<ReferenceMlp> => referenceMlp(await mnistData(undefined, ctx.signal), o, lang),
    /** the order train() visits `n` training images in an epoch: epochOrder(60000, { seed: 42, epoch: 0 }) */
    epochOrder: (n: number, o: { seed?: number; epoch?: number } = {}): Uint32Array => epochOrder(n, o, lang),
    /** numbers in the notebook's language: fmt.num(0.451, 4) → "0,4510", fmt.pct(0.099) → "9,9 %" (es) */
    fmt: makeFmt(lang),
    parallel: tasks.parallel, delayed: tasks.delayed, compute: tasks.compute, persist: tasks.persist, chunks: tasks.chunks,
    /** grid or random hyperparameter search, one model per task on the pool; retrains the best and tests it once */
    search: (o: SearchOptions = {}): Promise<SearchResult> => runSearch({ ...ctx, id }, o),
    /** a bagging ensemble: members trained on bootstrap samples, one per task; their test probabilities averaged */
    bagging: (o: BaggingOptions = {}): Promise<BaggingResult> => runBagging({ ...ctx, id }, o),
    backends: async (): Promise<{ name: BackendName; supported: true | string }[]> =>
      (await supportedBackends()).map((b) => ({ name: b.name, supported: b.supported === true ? true : backendText(lang, b.supported) })),
    /** k-means on the MNIST training pixels as map-reduce on the task pool: centroids, inertia, purity, speedup (issue 15 §4) */
    kmeans: (o: KmeansOptions = {}): Promise<KmeansRun> => kmeansCell({ lang, signal: ctx.signal, post: ctx.post, chart, id }, o),
    /** the course's MLP the framework way, with TensorFlow.js (lesson 11); TF.js loads on the first call */
    tfjs: {
      /** trains it on TF.js's 'cpu', 'wasm' (default) or 'webgpu' backend with the cell's knobs (epochs, batchSize, learningRate, samples, seed), the app's seeded weights and batch order */
      train: async (o: TfjsOptions = {}): Promise<TfjsRun> => (await import('./frameworks')).tfjsTrain({ ...ctx, id }, o),
      /** the model definition and training loop tfjs.train() runs, as source text */
      source: async (): Promise<string> => (await import('./frameworks')).tfjsSource(),
      /** lines of code (not blank, not comments) of that source and of src/mlp/reference.ts's forward, backward and update */
      linesOfCode: async (): Promise<LinesOfCode> => (await import('./frameworks')).countLines(),
    },
    stopRequested: () => ctx.signal.aborted,
    sleep: (ms: number) => new Promise((r) => setTimeout(r, ms)),
    ...extras(),
  };
  apiNames = new Set(Object.keys(api));
  return api;
}
