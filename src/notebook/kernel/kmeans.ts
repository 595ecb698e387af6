// kmeans() in cell scope (issue 15 §4): k-means on the MNIST training pixels as map-reduce on
// runTasks (src/tasks/kmeans). Posts, as it goes, a progress bar and the inertia chart; at the end
// the centroids as digit images (a `centroids` output), purity, and the time; with nJobs: [1, 2]
// it runs once per value (same seed, so the same clusters) and shows the speedup.
import { t, type Lang } from '../../i18n';
import { StoppedError } from '../../backends/types';
import { MAX_K, PIXELS } from '../../tasks/kmeans/assign';
import { kmeansOn, purity, type KmeansInit, type KmeansResult } from '../../tasks/kmeans/kmeans';
import { runTasks } from '../../tasks/run';
import { RunStream } from './runStream';
import type { TaskStream } from './tasksApi';
import { median } from './charts';
import { formatValue } from './format';
import { formatCount, formatPercent } from './limits';
import { numberLocale } from './measure';
import type { ChartSpec, Output } from './protocol';
import { mnistData } from './session';
import { isSharedView } from '../../data/dataset';

export interface KmeansOptions {
  /** clusters (default 10) */
  k?: number;
  /** Lloyd iterations (default 10) */
  iterations?: number;
  /** the first centroids: 'k-means++' (default) or 'random' images */
  init?: KmeansInit;
  /** seed of the initialisation (default 1) */
  seed?: number;
  /** the first `samples` training images (default 10000) */
  samples?: number;
  /** jobs (workers taking the 8 chunks of each round; default 2); a list runs once per value and shows the speedup */
  nJobs?: number | number[];
}

/** What `await kmeans(...)` returns (with a list of nJobs: the last run's, plus `timings` of each). */
export interface KmeansRun {
  k: number;
  /** k × 784, pixels in [0, 1] */
  centroids: Float32Array;
  /** per image (the first `samples` training images), its cluster */
  assignments: Uint8Array;
  /** images per cluster */
  sizes: number[];
  /** per iteration: Σ ‖x − c‖² over all images, pixels in [0, 1] */
  inertia: number[];
  /** share of images whose cluster's most common label is theirs (labels are used only for this) */
  purity: number;
  /** per cluster: its most common label and that label's share of the cluster */
  majority: number[];
  majorityShare: number[];
  nJobs: number;
  ms: { init: number; total: number; perIteration: number[] };
  /** every task of the call (every run, with a list of nJobs): the k-means++ distance rounds, each iteration's assign
   * tasks and, on the coordinator's lane, its picks and reduces; ms since the call began. `show.taskStream(run)` draws it */
  tasks: TaskStream;
  /** with a list of nJobs: each run's jobs, total ms and speedup over the first */
  timings?: { nJobs: number; ms: number; speedup: number }[];
}

export interface KmeansContext {
  lang: Lang;
  signal: AbortSignal;
  post(o: Output): void;
  chart(spec: ChartSpec, id?: string): void;
  id(prefix: string): string;
}

const MAX_JOBS = 16;
const MAX_ITERATIONS = 100;

function checkInt(lang: Lang, name: string, v: unknown, lo: number, hi: number): number {
  if (!Number.isInteger(v) || (v as number) < lo || (v as number) > hi) {
    throw new Error(t(lang, 'kmeansBadOption', { name, lo: formatCount(lo, lang), hi: formatCount(hi, lang), got: formatValue(v) }));
  }
  return v as number;
}

/**
 * The first n training images in shared memory when the page is cross-origin isolated (copied once
 * per kernel, grown when a later call asks for more): each task gets a view, never a copy. Without
 * isolation there is no SharedArrayBuffer and each task's chunk is copied to its worker.
 */
let shared: { source: Uint8Array; view: Uint8Array } | null = null;
function sharedPixels(images: Uint8Array, n: number): Uint8Array {
  const bytes = n * PIXELS;
  if (typeof SharedArrayBuffer !== 'function' || isSharedView(images)) return images.subarray(0, bytes); // the page's one copy
  if (shared?.source !== images || shared.view.length < bytes) {
    const view = new Uint8Array(new SharedArrayBuffer(bytes));
    view.set(images.subarray(0, bytes));
    shared = { source: images, view };
  }
  return shared.view.subarray(0, bytes);
}

const ms = (x: number, lang: Lang) => formatCount(Math.round(x), lang);

export async function kmeansCell(ctx: KmeansContext, o: KmeansOptions = {}): Promise<KmeansRun> {
  const { lang } = ctx;
  const k = checkInt(lang, 'k', o.k ?? 10, 1, MAX_K);
  const iterations = checkInt(lang, 'iterations', o.iterations ?? 10, 1, MAX_ITERATIONS);
  const seed = checkInt(lang, 'seed', o.seed ?? 1, 0, 0xffffffff);
  const init = o.init ?? 'k-means++';
  if (init !== 'k-means++' && init !== 'random') throw new Error(t(lang, 'kmeansBadInit', { got: formatValue(init) }));
  const jobsList = Array.isArray(o.nJobs) ? o.nJobs : [o.nJobs ?? 2];
  if (!jobsList.length) throw new Error(t(lang, 'kmeansBadOption', { name: 'nJobs', lo: '1', hi: String(MAX_JOBS), got: '[]' }));
  jobsList.forEach((j) => checkInt(lang, 'nJobs', j, 1, MAX_JOBS));
  const { train } = await mnistData(undefined, ctx.signal);
  const samples = checkInt(lang, 'samples', o.samples ?? 10_000, k, train.count);
  const pixels = sharedPixels(train.images, samples);
  const labels = train.labels.subarray(0, samples);

  const pid = ctx.id('progress'), chartId = ctx.id('inertia');
  const total = iterations * jobsList.length;
  const progress = (done: number, nJobs: number) => ctx.post({
    id: pid, kind: 'progress', label: t(lang, 'kmeansProgress', { k, n: formatCount(samples, lang) }), value: done, max: total,
    detail: t(lang, 'kmeansProgressDetail', { i: Math.min(iterations, (done % iterations) + 1), n: iterations, jobs: nJobs }),
  });
  // the data keys are words the chart shows (the data table's column headers), so they are in the cell's language
  const xKey = t(lang, 'kmeansIterationAxis'), yKey = t(lang, 'kmeansInertiaSeries');
  const series = (r: number[]) => r.map((v, i) => ({ [xKey]: i + 1, [yKey]: Math.round(v * 10) / 10 }));
  const inertiaChart = (r: number[]): ChartSpec => ({
    type: 'line', title: t(lang, 'kmeansInertiaTitle'), x: xKey, y: [yKey], data: series(r),
    xLabel: t(lang, 'kmeansIterationAxis'), yLabel: t(lang, 'kmeansInertiaAxis'), note: t(lang, 'kmeansInertiaNote'),
  });

  const runs: { nJobs: number; r: KmeansResult }[] = [];
  let done = 0;
  // one stream for the whole call: each round named by what it does (the lesson reads it), the coordinator's work between rounds on its lane
  const stream = new RunStream();
  let assignRound = 0, nearestRound = 0;
  const runner = stream.wrap(
    (specs, opts) => {
      if (specs[0]?.kind === 'kmeansAssign') assignRound++;
      else nearestRound++;
      return runTasks(specs, opts);
    },
    (spec, i) => (spec.kind === 'kmeansAssign'
      ? { name: t(lang, 'streamAssign', { it: assignRound, c: i + 1 }), kind: t(lang, 'streamAssignKind') }
      : { name: t(lang, 'streamNearest', { n: nearestRound, c: i + 1 }), kind: t(lang, 'streamNearestKind') }),
    () => (assignRound > 0
      ? { name: t(lang, 'streamReduce', { it: assignRound }), kind: t(lang, 'streamReduceKind') }
      : { name: t(lang, 'streamPick', { n: nearestRound + 1 }), kind: t(lang, 'streamPickKind') }),
  );
  try {
    for (const nJobs of jobsList) {
      progress(done, nJobs);
      const live: number[] = [];
      assignRound = 0;
      nearestRound = 0;
      const r = await kmeansOn(pixels, { k, iterations, init, seed, nJobs }, runner, {
        signal: ctx.signal,
        onIteration: (it) => {
          done++;
          live.push(it.inertia);
          if (runs.length === 0) ctx.chart(inertiaChart(live), chartId); // the first run draws the chart; the others compute the same clusters
          progress(done, nJobs);
        },
      });
      runs.push({ nJobs, r });
    }
  } catch (e) {
    ctx.post({ id: pid, kind: 'text', text: t(lang, e instanceof StoppedError || ctx.signal.aborted ? 'kmeansStopped' : 'kmeansFailed') });
    throw e;
  }
  const last = runs[runs.length - 1];
  const tasks = stream.finish();
  const p = purity(last.r.assignments, labels, k);
  ctx.post({ id: pid, kind: 'text', text: t(lang, 'kmeansDone', { k, n: formatCount(samples, lang), iterations }) });

  const images = new Uint8Array(k * PIXELS);
  for (let i = 0; i < images.length; i++) images[i] = Math.round(last.r.centroids[i] * 255);
  ctx.post({ id: ctx.id('centroids'), kind: 'centroids', centroids: { title: t(lang, 'kmeansCentroidsTitle', { k, n: formatCount(samples, lang) }), images, sizes: p.sizes, majority: p.majority, share: p.share } });
  ctx.post({ id: ctx.id('purity'), kind: 'text', text: t(lang, 'kmeansPurity', { purity: formatPercent(p.purity, lang) }) });
  for (const { nJobs, r } of runs) {
    ctx.post({ id: ctx.id('time'), kind: 'text', text: t(lang, 'kmeansTime', {
      jobs: nJobs, ms: ms(r.ms.total, lang), init: ms(r.ms.init, lang), how: init, per: ms(median(r.ms.perIteration), lang), iterations,
    }) });
    // honest about where the tasks ran: with no pool yet (or one worker), every task reports worker 0
    if (nJobs > 1 && r.tasks.every((e) => e.worker === 0)) ctx.post({ id: ctx.id('sequential'), kind: 'text', text: t(lang, 'kmeansRanSequentially', { jobs: nJobs }) });
  }
  let timings: KmeansRun['timings'];
  if (runs.length > 1) {
    const base = runs[0].r.ms.total;
    timings = runs.map(({ nJobs, r }) => ({ nJobs, ms: r.ms.total, speedup: base / r.ms.total }));
    const same = runs.every(({ r }) => r.assignments.every((a, i) => a === last.r.assignments[i]) && r.centroids.every((c, i) => c === last.r.centroids[i]));
    const fmt = (x: number) => x.toLocaleString(numberLocale(lang), { minimumFractionDigits: 2, maximumFractionDigits: 2 });
    ctx.post({
      id: ctx.id('speedup'), kind: 'table',
      columns: [t(lang, 'kmeansColJobs'), t(lang, 'kmeansColTotal'), t(lang, 'kmeansColPerIteration'), t(lang, 'kmeansColSpeedup')],
      rows: runs.map(({ nJobs, r }) => [nJobs, ms(r.ms.total, lang), ms(median(r.ms.perIteration), lang), `${fmt(base / r.ms.total)}×`]),
    });
    ctx.post({ id: ctx.id('same'), kind: 'text', text: t(lang, same ? 'kmeansSame' : 'kmeansNotSame') });
  }
  return {
    k, centroids: last.r.centroids, assignments: last.r.assignments, sizes: p.sizes, inertia: last.r.inertia, purity: p.purity,
    majority: p.majority, majorityShare: p.share, nJobs: last.nJobs, ms: last.r.ms, tasks, ...(timings ? { timings } : {}),
  };
}
