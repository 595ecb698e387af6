// Harness functions for the webgpu backend (e2e tests and the bench): the batch-size sweep, a
// profiled epoch, and the faults — device loss, limits, a broken kernel — each run for real.

import { showEpoch, type ShownEpoch } from '../i18n/backendText';
import type { BackendOptions } from '../backends/types';
import { createBackend } from '../backends/registry';
import type { WebGpuBackend } from '../backends/webgpu/index';
import { kernelSource, resetKernels, setKernel } from '../backends/webgpu/notebook';
import { sliceDataset } from '../data/dataset';
import { loadMnist } from '../data/mnist';
import { initParams } from '../mlp/init';
import { epochPermutation } from '../mlp/random';
import { makeSpec } from '../mlp/spec';
import { gpuEquivalence, LR, ready, referenceEpoch, SEED, type GpuEquivalence, type TilingName } from './webgpuCheck';
import { maxAbsDiff } from '../mlp/compare';
import { webgpuKernelChecks } from './webgpuKernels';

export interface SweepPoint {
  batchSize: number;
  samples: number;
  steps: number;
  ms: number;
  samplesPerSec: number;
}

/**
 * Samples/s per batch size. Each point trains min(60000, stepsPerPoint × batch) samples of a seeded
 * shuffle of the whole training set (so small batches take a subset and stay short), after a
 * warm-up of 4 steps at that batch size; one backend, data uploaded once.
 */
async function sweep(opts: BackendOptions = {}, batchSizes = [16, 32, 64, 128, 256, 512, 1024], stepsPerPoint = 64): Promise<SweepPoint[]> {
  const { train } = await loadMnist();
  const backend = (await createBackend('webgpu')) as WebGpuBackend;
  const out: SweepPoint[] = [];
  try {
    await backend.init(makeSpec(128), initParams(makeSpec(128), SEED), opts);
    await backend.setData(train);
    for (const [i, batchSize] of batchSizes.entries()) {
      const order = epochPermutation(train.count, SEED, i);
      const warm = order.subarray(0, Math.min(train.count, 4 * batchSize));
      await backend.trainEpoch({ epoch: 0, order: warm, batchSize, learningRate: LR });
      const samples = Math.min(train.count, stepsPerPoint * batchSize);
      const s = await backend.trainEpoch({ epoch: 1, order: order.subarray(0, samples), batchSize, learningRate: LR });
      out.push({ batchSize, samples, steps: s.batches, ms: s.wallMs, samplesPerSec: s.samplesPerSec });
    }
  } finally {
    await backend.dispose();
  }
  return out;
}

/** One profiled epoch over `samples` samples after a warm-up epoch on the same data (`tiling`: see ready()). */
async function profileEpoch(opts: BackendOptions, batchSize = 128, samples = 6400, tiling?: TilingName): Promise<ShownEpoch> {
  const { backend, order } = await ready(opts, samples, 128, tiling);
  try {
    await backend.trainEpoch({ epoch: 0, order: order.subarray(0, Math.min(order.length, 8 * batchSize)), batchSize, learningRate: LR });
    return showEpoch('en', await backend.trainEpoch({ epoch: 1, order, batchSize, learningRate: LR }));
  } finally {
    await backend.dispose();
  }
}

function errorInfo(e: unknown) {
  return e instanceof Error ? { name: e.name, message: e.message } : { name: 'unknown', message: String(e) };
}

/**
 * Destroys the device (as a driver reset would) once the run has reported progress, then
 * initialises the same backend again and checks a full epoch against the reference.
 */
async function deviceLoss(opts: BackendOptions = {}, samples = 6400, batchSize = 64) {
  const { backend, data, spec, init, order } = await ready({ readbackEvery: 4, ...opts }, samples);
  let lostAfterBatch = -1;
  let lostAt = 0;
  let error = { name: 'none', message: 'the run finished although the device was destroyed' };
  try {
    await backend.trainEpoch({
      epoch: 0, order, batchSize, learningRate: LR,
      onProgress: (p) => {
        if (lostAfterBatch >= 0) return;
        lostAfterBatch = p.batch;
        lostAt = performance.now();
        backend.testing.loseDevice();
      },
    });
  } catch (e) {
    error = errorInfo(e);
  }
  const stopMs = performance.now() - lostAt;
  try {
    await backend.init(spec, init, opts);
    await backend.setData(data);
    await backend.trainEpoch({ epoch: 0, order, batchSize, learningRate: LR });
    const diff = maxAbsDiff(referenceEpoch(data, init, order, batchSize, 128), await backend.getParams());
    return { error, lostAfterBatch, batches: Math.ceil(samples / batchSize), stopMs, recovered: { maxAbsDiff: diff } };
  } finally {
    await backend.dispose();
  }
}

/** A configuration too large for the device, refused before any work; the backend stays usable. */
async function limitRefusal(hidden = 1024, batchSize = 60000, lowLimits?: { maxStorageBufferBindingSize?: number; maxBufferSize?: number }) {
  const { train } = await loadMnist();
  const backend = (await createBackend('webgpu')) as WebGpuBackend;
  backend.testing.limits = lowLimits;
  const spec = makeSpec(hidden);
  const t0 = performance.now();
  let error = { name: 'none', message: 'accepted' };
  try {
    await backend.init(spec, initParams(spec, SEED), {});
    await backend.setData(train);
    await backend.trainEpoch({ epoch: 0, order: epochPermutation(train.count, SEED, 0), batchSize, learningRate: LR });
  } catch (e) {
    error = errorInfo(e);
  }
  const refusedMs = performance.now() - t0;
  let stillWorks = false;
  if (!lowLimits) {
    const small = sliceDataset(train, 256);
    await backend.setData(small);
    const s = await backend.trainEpoch({ epoch: 0, order: epochPermutation(small.count, SEED, 0), batchSize: 64, learningRate: LR });
    stillWorks = Number.isFinite(s.loss);
  }
  await backend.dispose();
  return { error, refusedMs, stillWorks };
}

/** Sets a kernel with an error on a known line; reports what setKernel threw. */
async function brokenKernel(name = 'sgd_update', find = 'grads[i]', replace = 'gradz[i]') {
  const source = kernelSource(name);
  const line = source.split('\n').findIndex((l) => l.includes(find)) + 1;
  try {
    await setKernel(name, source.replace(find, replace));
    return { line, error: null, sourceAfter: kernelSource(name) === source };
  } catch (e) {
    return { line, error: errorInfo(e), sourceAfter: kernelSource(name) === source };
  } finally {
    resetKernels();
  }
}

/** An edited kernel is used by the next run: an sgd_update that does nothing leaves the weights as they were. */
async function editedKernelRun(samples = 640, batchSize = 64) {
  const frozen = kernelSource('sgd_update').replace('params[i] -= step.lr * grads[i];', 'params[i] -= 0.0 * step.lr * grads[i];');
  try {
    await setKernel('sgd_update', frozen);
    const a = await ready({}, samples);
    await a.backend.trainEpoch({ epoch: 0, order: a.order, batchSize, learningRate: LR });
    const editedChange = maxAbsDiff(a.init, await a.backend.getParams());
    await a.backend.dispose();
    resetKernels();
    const b = await ready({}, samples);
    await b.backend.trainEpoch({ epoch: 0, order: b.order, batchSize, learningRate: LR });
    const resetChange = maxAbsDiff(b.init, await b.backend.getParams());
    await b.backend.dispose();
    return { editedChange, resetChange };
  } finally {
    resetKernels();
  }
}

/** gpuEquivalence run inside a dedicated Web Worker (where the notebook kernel runs backends). */
function workerEquivalence(opts: BackendOptions, samples: number, batchSize: number): Promise<GpuEquivalence> {
  const worker = new Worker(new URL('./webgpuWorker.ts', import.meta.url), { type: 'module' });
  return new Promise<GpuEquivalence>((resolve, reject) => {
    worker.onmessage = (e: MessageEvent<{ ok?: GpuEquivalence; error?: string }>) => {
      worker.terminate();
      if (e.data.ok) resolve(e.data.ok);
      else reject(new Error(e.data.error));
    };
    worker.onerror = (e) => {
      worker.terminate();
      reject(new Error(e.message));
    };
    worker.postMessage({ opts, samples, batchSize });
  });
}

export const webgpuHarness = { kernelChecks: webgpuKernelChecks, sweep, profileEpoch, equivalence: gpuEquivalence, deviceLoss, limitRefusal, brokenKernel, editedKernelRun, workerEquivalence };
