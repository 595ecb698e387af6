// The conformance suite's browser side (tfjs style: one suite, every backend variant). One call runs
// one variant through every check of the backend contract, each against the reference epoch loop
// (train_epoch) from the same seed, order and initial weights; e2e/backends.spec.ts asserts on the
// report. A check that throws is reported with its error; the others still run.

import { maxAbsDiff } from '../mlp/compare';
import { evaluateWith } from '../backends/evaluate';
import { evalAgreement, type EvalAgreement } from '../backends/evalCompare';
import { getBackendEntry } from '../backends/registry';
import { StoppedError, type Backend, type BackendName, type BackendOptions, type EpochStats } from '../backends/types';
import type { Dataset } from '../data/dataset';
import { loadMnist } from '../data/mnist';
import { backendText } from '../i18n/backendText';
import { initParams } from '../mlp/init';
import { epochPermutation } from '../mlp/random';
import { train_epoch } from '../mlp/reference';
import { makeSpec, type MlpSpec } from '../mlp/spec';
import { installLiveCounts, liveCounts, type LiveCounts } from './liveCounts';

const LR = 0.1;
const SEED = 7;
/** Abort once progress reports batch ≥ STOP_AFTER − 1; every backend reports its first batches. */
export const STOP_AFTER = 1;

/**
 * What presses Stop: a progress report (batch ≥ STOP_AFTER − 1), or, for a backend that reports
 * progress only after its last batch (webgpu resident without readbackEvery), its first
 * GPUQueue.submit (the first chunk of batches handed to the GPU).
 */
export type StopTrigger = 'progress' | 'gpu-submit';

/** A run's weights against the reference's; maxAbsChange (how far the reference moved) shows it trained. */
export interface Diff {
  readonly batches: number;
  readonly samples: number;
  readonly maxAbsDiff: number;
  readonly maxAbsChange: number;
}

export interface StopCheck {
  readonly k: number;
  readonly batches: number; // in the epoch
  readonly trigger: StopTrigger;
  readonly abortedAtBatch: number; // the progress report that pressed Stop (-1: none did)
  readonly thrown: string; // the error's name ('none' if the epoch ran to its end)
  readonly completed: number; // StoppedError.completed
  readonly maxAbsDiff: number; // vs the reference after `completed` batches (NaN if out of range)
  readonly neighbourDiff: number; // vs the reference after completed ± 1 batches: must be far larger
  readonly nearest: { readonly batches: number; readonly maxAbsDiff: number }; // which reference prefix the weights are
}

/** One evaluate() call held to evaluateWith on the same weights (see backends/evalCompare.ts). */
export interface EvaluateCase extends EvalAgreement {
  readonly name: string;
  readonly loss: number;
  readonly refLoss: number;
  readonly accuracy: number;
  readonly refAccuracy: number;
}

export interface EvaluateCheck {
  readonly cases: readonly EvaluateCase[];
}

export interface RoundTripCheck {
  readonly length: number;
  readonly bitMismatches: number; // floats whose 32 bits differ after setParams → getParams
}

export interface DisposeCheck {
  readonly before: LiveCounts;
  readonly peak: LiveCounts; // while the backend was in use: proves the counters see its workers and buffers
  readonly after: LiveCounts;
}

export type Outcome<T> = { readonly value: T; readonly error?: undefined } | { readonly value?: undefined; readonly error: string };

export interface ConformanceReport {
  readonly supported: true | string; // the reason, in English, when the backend cannot run here
  readonly describe?: string;
  readonly extra?: EpochStats['extra']; // the first epoch's stats.extra: what actually ran
  readonly equivalence?: Outcome<Diff>;
  readonly uneven?: Outcome<Diff>;
  readonly stop?: Outcome<StopCheck>;
  readonly roundTrip?: Outcome<RoundTripCheck>;
  readonly reuse?: Outcome<Diff>;
  readonly evaluate?: Outcome<EvaluateCheck>;
  readonly dispose?: Outcome<DisposeCheck>;
}

type EpochExtra = ConformanceReport['extra'];

async function attempt<T>(f: () => Promise<T>): Promise<Outcome<T>> {
  try {
    return { value: await f() };
  } catch (e) {
    return { error: e instanceof Error ? `${e.name}: ${e.message}` : String(e) };
  }
}


function samplesFrom(d: Dataset, from: number, count: number): Dataset {
  const px = d.rows * d.cols;
  return { ...d, images: d.images.subarray(from * px, (from + count) * px), labels: d.labels.subarray(from, from + count), count };
}

/** One training run of the suite: weights, data, order, batch size. */
interface Run {
  readonly key: string;
  readonly spec: MlpSpec;
  readonly init: Float32Array;
  readonly data: Dataset;
  readonly order: Uint32Array;
  readonly batchSize: number;
}

/** The suite's runs; every variant trains exactly these, so the reference runs once per page. */
async function workload() {
  const { train, test } = await loadMnist();
  const spec = makeSpec(128);
  const init = initParams(spec, SEED);
  const data = samplesFrom(train, 0, 1024);
  const run = (key: string, epoch: number, samples: number, batchSize: number): Run =>
    ({ key, spec, init, data, order: epochPermutation(data.count, SEED, epoch).subarray(0, samples), batchSize });
  const small = makeSpec(50); // other shapes, other weights, other data: nothing may be left over
  const other = samplesFrom(train, 20000, 700);
  const reuse: Run = { key: 'reuse', spec: small, init: initParams(small, SEED + 1), data: other, order: epochPermutation(other.count, SEED + 1, 0), batchSize: 48 };
  return {
    equivalence: run('equivalence', 0, 1024, 64), // 16 batches
    uneven: run('uneven', 1, 961, 64), // 15 × 64 + 1: the last batch has one sample
    stop: run('stop', 2, 1024, 32), // 32 batches, each one reported
    reuse, // 14 × 48 + 28
    test: samplesFrom(test, 0, 2000),
  };
}

const trajectories = new Map<string, Float32Array[]>();

/** The reference's weights after 0, 1, … every batch of a run (train_epoch one batch at a time). */
function reference(r: Run): Float32Array[] {
  let t = trajectories.get(r.key);
  if (t) return t;
  const p = r.init.slice();
  t = [p.slice()];
  for (let start = 0; start < r.order.length; start += r.batchSize) {
    train_epoch(r.spec, p, r.data, r.order.subarray(start, start + r.batchSize), r.batchSize, LR);
    t.push(p.slice());
  }
  trajectories.set(r.key, t);
  return t;
}

async function trainAndCompare(b: Backend, r: Run, onExtra?: (e: EpochExtra) => void): Promise<Diff> {
  const s = await b.trainEpoch({ epoch: 0, order: r.order, batchSize: r.batchSize, learningRate: LR });
  onExtra?.(s.extra);
  const ref = reference(r);
  const last = ref[ref.length - 1];
  return { batches: s.batches, samples: s.samples, maxAbsDiff: maxAbsDiff(await b.getParams(), last), maxAbsChange: maxAbsDiff(last, r.init) };
}

/** Calls `then` after the first GPUQueue.submit from now on (once); returns the undo. */
function afterFirstSubmit(then: () => void): () => void {
  const submit = GPUQueue.prototype.submit;
  GPUQueue.prototype.submit = function (this: GPUQueue, buffers: Iterable<GPUCommandBuffer>) {
    GPUQueue.prototype.submit = submit;
    submit.call(this, buffers);
    then();
  };
  return () => { GPUQueue.prototype.submit = submit; };
}

async function stopCheck(b: Backend, r: Run, trigger: StopTrigger): Promise<StopCheck> {
  await b.setParams(r.init);
  const stop = new AbortController();
  let abortedAtBatch = -1;
  let thrown = 'none', completed = -1;
  const undo = trigger === 'gpu-submit' ? afterFirstSubmit(() => stop.abort()) : () => undefined;
  try {
    await b.trainEpoch({
      epoch: 0, order: r.order, batchSize: r.batchSize, learningRate: LR,
      onProgress: (p) => {
        if (trigger !== 'progress' || abortedAtBatch >= 0 || p.batch < STOP_AFTER - 1) return;
        abortedAtBatch = p.batch;
        stop.abort();
      },
    }, stop.signal);
  } catch (e) {
    if (!(e instanceof StoppedError)) throw e;
    thrown = e.name;
    completed = e.completed;
  } finally {
    undo();
  }
  const got = await b.getParams();
  const ref = reference(r);
  const at = (j: number) => (j >= 0 && j < ref.length ? maxAbsDiff(got, ref[j]) : NaN);
  const diffs = ref.map((p) => maxAbsDiff(got, p));
  const nearest = diffs.indexOf(Math.min(...diffs));
  return {
    k: STOP_AFTER, batches: ref.length - 1, trigger, abortedAtBatch, thrown, completed, maxAbsDiff: at(completed),
    neighbourDiff: Math.min(...[completed - 1, completed + 1].map(at).filter((d) => !Number.isNaN(d))),
    nearest: { batches: nearest, maxAbsDiff: diffs[nearest] },
  };
}

async function roundTrip(b: Backend, spec: MlpSpec): Promise<RoundTripCheck> {
  const q = initParams(spec, SEED + 2);
  q.set([-0, 1e-40, -3.4e38, 1e-7, 123456.789]); // a signed zero, a subnormal, extremes
  await b.setParams(q);
  const got = await b.getParams();
  const a = new Uint32Array(q.buffer), g = new Uint32Array(got.buffer, got.byteOffset, got.length);
  let bitMismatches = Math.abs(a.length - g.length);
  for (let i = 0; i < Math.min(a.length, g.length); i++) if (a[i] !== g[i]) bitMismatches++;
  return { length: got.length, bitMismatches };
}

async function evaluateCase(name: string, b: Backend, spec: MlpSpec, params: Float32Array, data: Dataset): Promise<EvaluateCase> {
  const got = await b.evaluate(data);
  const ref = evaluateWith(spec, params, data);
  return { name, ...evalAgreement(got, ref, spec.outputSize), loss: got.loss, refLoss: ref.loss, accuracy: got.accuracy, refAccuracy: ref.accuracy };
}

/** Test images not a multiple of any backend's chunk (1,000 images) nor of a pool of 2, 3 or 4 workers. */
const UNEVEN_EVAL = 1337;

/**
 * evaluate() through the backend's own forward pass against evaluateWith: after training (the 2,000
 * test images, one image, an uneven count), after setParams, and on a second instance that was only
 * init()-ed, never given a training set (what the Digits page does to predict a drawn digit).
 */
async function evaluateCheck(b: Backend, spec: MlpSpec, test: Dataset, create: () => Promise<Backend>, opts: BackendOptions): Promise<EvaluateCheck> {
  const trained = await b.getParams();
  const cases: EvaluateCase[] = [];
  cases.push(await evaluateCase(`after training, ${test.count} images`, b, spec, trained, test));
  cases.push(await evaluateCase('after training, 1 image', b, spec, trained, samplesFrom(test, 0, 1)));
  cases.push(await evaluateCase(`after training, ${UNEVEN_EVAL} images`, b, spec, trained, samplesFrom(test, 1, UNEVEN_EVAL)));
  // overlapping calls (a page predicting on every stroke): each answers for its own images
  const [one, many] = await Promise.all([b.evaluate(samplesFrom(test, 3, 1)), b.evaluate(samplesFrom(test, 0, UNEVEN_EVAL))]);
  for (const [name, got, data] of [['overlapping calls, 1 image', one, samplesFrom(test, 3, 1)], [`overlapping calls, ${UNEVEN_EVAL} images`, many, samplesFrom(test, 0, UNEVEN_EVAL)]] as const) {
    const ref = evaluateWith(spec, trained, data);
    cases.push({ name, ...evalAgreement(got, ref, spec.outputSize), loss: got.loss, refLoss: ref.loss, accuracy: got.accuracy, refAccuracy: ref.accuracy });
  }
  const other = initParams(spec, SEED + 3);
  await b.setParams(other);
  cases.push(await evaluateCase(`after setParams, ${UNEVEN_EVAL} images`, b, spec, other, samplesFrom(test, 0, UNEVEN_EVAL)));
  const fresh = await create();
  try {
    await fresh.init(spec, trained, opts);
    cases.push(await evaluateCase('fresh instance, init only, 1 image', fresh, spec, trained, samplesFrom(test, 7, 1)));
    cases.push(await evaluateCase(`fresh instance, init only, ${test.count} images`, fresh, spec, trained, test));
  } finally {
    await fresh.dispose();
  }
  await b.setParams(trained);
  return { cases };
}

/** Runs one backend variant through every check (see ConformanceReport). */
export async function conformance(name: BackendName, opts: BackendOptions, stopOn: StopTrigger = 'progress'): Promise<ConformanceReport> {
  installLiveCounts(); // before the backend exists, so its workers and buffers are counted
  const entry = getBackendEntry(name);
  const ok = await entry.isSupported();
  if (ok !== true) return { supported: backendText('en', ok) };
  const w = await workload();
  const before = liveCounts().now;
  const b = await entry.create();
  let extra: EpochExtra;
  let report: Omit<ConformanceReport, 'supported'> = {};
  try {
    await b.init(w.equivalence.spec, w.equivalence.init, opts);
    await b.setData(w.equivalence.data);
    const equivalence = await attempt(() => trainAndCompare(b, w.equivalence, (e) => (extra = e)));
    const evaluate = await attempt(() => evaluateCheck(b, w.equivalence.spec, w.test, () => entry.create(), opts));
    const rt = await attempt(() => roundTrip(b, w.equivalence.spec));
    const uneven = await attempt(async () => {
      await b.setParams(w.uneven.init);
      return trainAndCompare(b, w.uneven);
    });
    const stop = await attempt(() => stopCheck(b, w.stop, stopOn));
    const reuse = await attempt(async () => {
      await b.init(w.reuse.spec, w.reuse.init, opts);
      await b.setData(w.reuse.data);
      return trainAndCompare(b, w.reuse);
    });
    report = { describe: backendText('en', b.describe()), extra, equivalence, evaluate, roundTrip: rt, uneven, stop, reuse };
  } finally {
    const peak = liveCounts().peak;
    const disposed = await attempt(() => b.dispose());
    const after = liveCounts().now;
    report = { ...report, dispose: disposed.error !== undefined ? disposed : { value: { before, peak, after } } };
  }
  return { supported: true, ...report };
}
