// show.race: the same training (same seed, same batch order) on several lanes, streamed to the page as
// one `race` output. By default the lanes run one at a time, so each has the whole machine (as in the
// bench); the page replays the lanes that finished as ghosts beside the one running, on a clock that
// starts at 0 for every lane. `concurrent: true` runs them all at once, sharing the cores (and says so).
// The training is the trainer's (prepareBackend, trainEpochs) on the kernel's backends (session.ts).
import { calibrationOf, gpuOf, measurement } from './measure';
import { StoppedError, type Backend, type EpochStats, type EvalResult } from '../../backends/types';
import { createBackend } from '../../backends/registry';
import { resolveOptions } from '../../backends/options';
import { t } from '../../i18n';
import { backendText, showEpoch } from '../../i18n/backendText';
import { configFrom, TRAIN_OPTIONS, type TrainConfig } from '../../train/config';
import { prepareBackend, trainEpochs } from '../../train/trainer';
import type { Dataset } from '../../data/dataset';
import type { RunContext } from './api';
import { trainedModel } from '../../models/model';
import { median } from './charts';
import { localizeError } from './localize';
import type { RaceData, RaceLane, RacePoint } from './protocol';
import { boundedPoints, MAX_LANES, maxLossDelta, resolveLanes, type LaneSpec, type ResolvedLane } from './raceLanes';
import type { Run } from './run';
import { exportExperiment } from './exportRun';
import { backendInstance, dropBackend, mnistData, supportedBackends, trainSubset } from './session';

export type { LaneSpec } from './raceLanes';

/** What `show.race` takes. A missing run option comes from the cell's knobs, then its default. */
export interface RaceOptions {
  /** the lanes, in order (default: every backend this browser supports, with its options from the knobs) */
  lanes?: LaneSpec[];
  /** run every lane at the same time, sharing the cores (default: false, one at a time) */
  concurrent?: boolean;
  epochs?: number;
  samples?: number;
  batchSize?: number;
  learningRate?: number;
  seed?: number;
}

/** A lane that finished: a Run, plus its whole time and its loss against wall-clock time. */
export interface RaceRun extends Run {
  /** ms from the lane's start to the end of its last epoch (evaluation not included) */
  totalMs: number;
  /** the loss as it was recorded: ms since the lane's start, step, loss */
  timeline: RacePoint[];
}

/** The page gets an update at most this often (and at every change of a lane's status). */
export const RACE_POST_MS = 150;
/** While a lane runs, its elapsed time is sent at least this often (a GPU lane reports its loss once an epoch). */
const HEARTBEAT_MS = 500;
const RUN_KEYS = ['epochs', 'samples', 'batchSize', 'learningRate', 'seed'] as const;

interface Lane extends ResolvedLane {
  view: RaceLane;
  all: RacePoint[];
  backend_?: Backend;
  /** an instance of its own (a second lane of one backend, all at once): disposed after the race */
  own: boolean;
  t0: number;
  epochs: EpochStats[];
  run?: RaceRun;
}

export async function runRace(ctx: RunContext, outputId: string, opts: RaceOptions = {}): Promise<RaceRun[]> {
  const { lang, signal } = ctx;
  const o = (opts ?? {}) as Record<string, unknown>;
  const given: Record<string, unknown> = { ...ctx.knobs };
  for (const k of RUN_KEYS) if (o[k] !== undefined) given[k] = o[k];
  const run = resolveOptions('training', TRAIN_OPTIONS, given);
  const config: TrainConfig = configFrom(run);
  const concurrent = opts?.concurrent === true;

  const support = await supportedBackends();
  const specs: LaneSpec[] = Array.isArray(opts?.lanes) ? opts.lanes : support.filter((s) => s.supported === true).map((s) => ({ backend: s.name }));
  if (specs.length === 0 || specs.length > MAX_LANES) throw new RangeError(t(lang, 'raceLaneCount', { max: MAX_LANES, n: specs.length }));
  const resolved = resolveLanes(specs, ctx.knobs);

  const { train: full, test } = await mnistData(undefined, signal);
  const samples = Math.min(run.samples, full.count);
  const data = await trainSubset(samples, signal);
  const total = samples * config.epochs;
  const batches = Math.ceil(samples / config.batchSize);

  const lanes: Lane[] = resolved.map((r) => ({
    ...r, own: false, t0: 0, epochs: [], all: [],
    view: { label: r.label, backend: r.backend, variant: '', status: 'waiting', total, done: 0, elapsedMs: 0, points: [] },
  }));
  const race: RaceData = {
    concurrent, cores: navigator.hardwareConcurrency || 1, samples, epochs: config.epochs, batchSize: config.batchSize, finished: false,
    lanes: lanes.map((l) => l.view),
  };
  let lastPost = 0;
  const post = (force: boolean) => {
    const now = performance.now();
    if (!force && now - lastPost < RACE_POST_MS) return;
    lastPost = now;
    for (const l of lanes) {
      // a lane past its last epoch (evaluating) keeps the time it crossed the line at
      if (l.view.status === 'running' && l.view.done < total) l.view.elapsedMs = now - l.t0;
      l.view.points = boundedPoints(l.all);
    }
    ctx.post({ id: outputId, kind: 'race', race: { ...race, lanes: lanes.map((l) => ({ ...l.view })) } });
  };
  const fail = (l: Lane, e: unknown) => {
    if (e instanceof StoppedError || signal.aborted) {
      l.view.status = 'stopped';
    } else {
      l.view.status = 'failed';
      l.view.reason = localizeError(e, lang) ?? (e instanceof Error ? e.message : String(e));
    }
    if (l.t0) l.view.elapsedMs = performance.now() - l.t0;
  };

  // a lane whose backend cannot run here says why, and the others race on
  for (const l of lanes) {
    const s = support.find((x) => x.name === l.backend)?.supported;
    if (s !== true) {
      l.view.status = 'failed';
      l.view.reason = s ? backendText(lang, s) : l.backend;
    }
  }
  post(true);
  const heartbeat = setInterval(() => { if (lanes.some((l) => l.view.status === 'running')) post(true); }, HEARTBEAT_MS);

  /** The lane's backend: the kernel's own instance, or (a second lane of the same backend, all at once) a new one. */
  const instanceFor = async (l: Lane, taken: Set<string>) => {
    l.own = concurrent && taken.has(l.backend);
    taken.add(l.backend);
    l.backend_ = l.own ? await createBackend(l.backend) : await backendInstance(l.backend);
    return l.backend_;
  };
  const release = async (l: Lane, failed: boolean) => {
    if (l.own) await l.backend_?.dispose().catch(() => undefined);
    else if (failed) await dropBackend(l.backend); // a failed backend is rebuilt next time
  };

  const prepare = async (l: Lane, taken: Set<string>) => {
    const b = await instanceFor(l, taken);
    await prepareBackend(b, config, data, l.options);
    l.view.variant = backendText(lang, b.describe());
  };

  /** Trains a prepared lane from `t0`; evaluates at once when `test` is given. */
  const race1 = async (l: Lane, t0: number, testSet: Dataset | null) => {
    l.t0 = t0;
    l.view.status = 'running';
    post(true);
    let endMs = 0;
    const result = await trainEpochs(l.backend_!, config, data, testSet, {
      onProgress: (epoch, p) => {
        const step = epoch * batches + p.batch + 1;
        l.all.push({ t: performance.now() - t0, step, loss: p.loss });
        l.view.done = Math.min(total, epoch * samples + Math.min(samples, (p.batch + 1) * config.batchSize));
        post(false);
      },
      onEpoch: (s) => {
        endMs = performance.now() - t0;
        l.epochs.push(s);
        l.view.done = (s.epoch + 1) * samples;
        l.view.elapsedMs = endMs;
      },
    }, signal);
    finish(l, endMs, result.evaluation, result.params);
  };

  const finish = (l: Lane, endMs: number, ev: EvalResult | null, params: Float32Array) => {
    const variant = l.backend_!.describe();
    const msPerEpoch = median(l.epochs.map((e) => e.wallMs));
    Object.assign(l.view, { status: 'done', elapsedMs: endMs, totalMs: endMs, msPerEpoch, done: total, ...(ev ? { accuracy: ev.accuracy } : {}) });
    l.run = {
      label: l.label, backend: l.backend, describe: backendText(lang, variant), variant, config: { ...config, samples },
      // one timed run per lane (no repeats, no calibration loop): the race's honesty is one lane at a time
      ...measurement(1, l.epochs.map((e) => e.wallMs), [], calibrationOf(NaN, NaN)), gpu: gpuOf(l.backend, l.epochs[0]?.extra),
      epochs: l.epochs.map((e) => ({ ...showEpoch(lang, e), repeat: 0 })), medianEpochMs: msPerEpoch, samplesPerSec: median(l.epochs.map((e) => e.samplesPerSec)),
      accuracy: ev?.accuracy ?? NaN, testLoss: ev?.loss ?? NaN, losses: l.all.map(({ step, loss }) => ({ step, loss })),
      predictions: ev?.predictions ?? null, probabilities: ev?.probabilities ?? null, params, evaluations: [], totalMs: endMs, timeline: l.all,
    };
    ctx.model?.(trainedModel({ label: l.label, backend: l.backend, accuracy: ev?.accuracy ?? NaN, samples }, config, params));
    post(true);
  };

  const ready = lanes.filter((l) => l.view.status === 'waiting');
  try {
    if (!concurrent) {
      for (const l of ready) {
        if (signal.aborted) break;
        try {
          await prepare(l, new Set());
          await race1(l, performance.now(), test);
        } catch (e) {
          fail(l, e);
          await release(l, !(e instanceof StoppedError));
          post(true);
        }
      }
    } else {
      // every lane set up first (untimed), then all started on one clock
      const taken = new Set<string>();
      const prepared: Lane[] = [];
      for (const l of ready) {
        if (signal.aborted) break;
        try {
          await prepare(l, taken);
          prepared.push(l);
        } catch (e) {
          fail(l, e);
          await release(l, true);
        }
      }
      const t0 = performance.now();
      await Promise.all(prepared.map(async (l) => {
        try {
          await race1(l, t0, null);
        } catch (e) {
          fail(l, e);
          post(true);
        }
      }));
      // accuracy once nobody is racing (evaluation is not part of a lane's time)
      for (const l of prepared) {
        if (l.view.status !== 'done' || signal.aborted) continue;
        const ev = await l.backend_!.evaluate(test).catch(() => null);
        if (ev) {
          l.view.accuracy = ev.accuracy;
          Object.assign(l.run!, { accuracy: ev.accuracy, testLoss: ev.loss, predictions: ev.predictions });
        }
      }
      for (const l of prepared) await release(l, l.view.status === 'failed');
    }
  } finally {
    clearInterval(heartbeat);
    for (const l of lanes) if (l.view.status === 'waiting' || l.view.status === 'running') fail(l, new StoppedError());
    const js = lanes.find((l) => l.backend === 'js' && l.view.status === 'done');
    if (js) for (const l of lanes) if (l.view.status === 'done') l.view.maxDelta = maxLossDelta(l.all, js.all);
    race.finished = true;
    post(true);
  }
  if (signal.aborted) throw new StoppedError();
  // Export (issue 17): the race's experiment with every lane's result; the first lane that finished
  // gives the browser run the README compares with
  const first = lanes.find((l) => l.view.status === 'done');
  if (first) {
    const e = exportExperiment(first.backend, config, samples, first.options, first.epochs, first.view.accuracy ?? null, first.view.variant);
    const lastLoss = (l: Lane) => (l.epochs.length ? l.epochs[l.epochs.length - 1].loss : null);
    const laneRows = lanes.map((l) => ({
      label: l.view.label, describe: l.view.variant, status: l.view.status,
      msPerEpoch: l.view.msPerEpoch ?? null, accuracy: l.view.accuracy ?? null, finalLoss: l.view.status === 'done' ? lastLoss(l) : null,
    }));
    ctx.post({ id: `${outputId}-export`, kind: 'export', experiment: { ...e, results: { ...e.results!, lanes: laneRows } } });
  }
  return lanes.flatMap((l) => (l.run ? [l.run] : []));
}
