// Harness functions for the wasm backend's e2e tests: what `equivalence` cannot ask (thread count
// changed mid-session, heap after repeated runs, the race demo, an oversized configuration).
import type { PeakKernel } from '../backends/wasm/module';
import { maxAbsDiff } from '../mlp/compare';
import { backendText } from '../i18n/backendText';
import { sliceDataset } from '../data/dataset';
import { loadMnist } from '../data/mnist';
import { initParams } from '../mlp/init';
import { epochPermutation } from '../mlp/random';
import { makeSpec } from '../mlp/spec';
import { createBackend } from '../backends/registry';
import type { WasmBackend } from '../backends/wasm/index';
import type { BackendOptions } from '../backends/types';
import * as Comlink from 'comlink';
import type { NestedApi } from './wasmNested.worker';


async function dataAndOrder(samples: number, seed: number) {
  const { train } = await loadMnist();
  const data = sliceDataset(train, samples);
  return { data, order: epochPermutation(data.count, seed, 0) };
}

/**
 * Trains the same batches three times: switching threads between epochs of one session
 * (`schedule`, one entry per epoch), at a fixed thread count, and on the single-thread SIMD build;
 * returns max |Δparam| of the first against the other two.
 */
async function threadSwitch(schedule: number[], fixed: number, samples = 2560, batchSize = 128, seed = 5) {
  const spec = makeSpec(128);
  const init = initParams(spec, seed);
  const { data, order } = await dataAndOrder(samples, seed);
  // singleBuild: the single-thread SIMD build (threads: 1 selects it), which has no pool to change
  const run = async (threads: number[], singleBuild = false) => {
    const b = await wasmBackend();
    try {
      await b.init(spec, init, { threads: singleBuild ? 1 : threads[0] });
      await b.setData(data);
      const described: string[] = [];
      for (let e = 0; e < threads.length; e++) {
        if (!singleBuild) await b.setThreads(threads[e]);
        described.push(backendText('en', b.describe()));
        await b.trainEpoch({ epoch: e, order, batchSize, learningRate: 0.1 });
      }
      return { params: await b.getParams(), described };
    } finally {
      await b.dispose();
    }
  };
  const a = await run(schedule);
  const b = await run(schedule.map(() => fixed));
  const single = await run(schedule.map(() => 1), true);
  return {
    maxAbsDiff: maxAbsDiff(a.params, b.params), maxAbsDiffSingleBuild: maxAbsDiff(a.params, single.params),
    maxAbsChange: maxAbsDiff(a.params, init), described: [...a.described, single.described[0]],
  };
}

/** Ten consecutive runs (init, setData, one epoch) on one backend: heap bytes after each. */
async function heapRuns(opts: BackendOptions, runs = 10, samples = 2000, batchSize = 100) {
  const spec = makeSpec(128);
  const { data, order } = await dataAndOrder(samples, 1);
  const b = await wasmBackend();
  try {
    const inUse: number[] = [];
    const top: number[] = [];
    for (let r = 0; r < runs; r++) {
      await b.init(spec, initParams(spec, r), opts);
      await b.setData(data);
      await b.trainEpoch({ epoch: 0, order, batchSize, learningRate: 0.1 });
      const h = await b.heapStats();
      inUse.push(h.inUse);
      top.push(h.top);
    }
    return { inUse, top, describe: backendText('en', b.describe()) };
  } finally {
    await b.dispose();
  }
}

/** The error a configuration too large for the heap gives (null if none). */
async function tooBig(batchSize: number, hidden: number): Promise<string | null> {
  const spec = makeSpec(hidden);
  const { data, order } = await dataAndOrder(60000, 1);
  const b = await wasmBackend();
  try {
    await b.init(spec, initParams(spec, 1), { threads: 1 });
    await b.setData(data);
    await b.trainEpoch({ epoch: 0, order, batchSize, learningRate: 0.1 });
    return null;
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  } finally {
    await b.dispose();
  }
}

/**
 * Stops a run while a chunk of batches is running in the worker (`delayMs` after the first progress
 * report) and measures how long the stop took to take effect, against the time of one batch.
 */
async function stopLatency(opts: BackendOptions, batchSize = 128, delayMs = 30) {
  const spec = makeSpec(128);
  const { data, order } = await dataAndOrder(60000, 1);
  const b = await wasmBackend();
  try {
    await b.init(spec, initParams(spec, 1), opts);
    await b.setData(data);
    const ctrl = new AbortController();
    const t0 = performance.now();
    let firstReport = -1, perBatchMs = 0, abortedAt = 0;
    try {
      await b.trainEpoch({
        epoch: 0, order, batchSize, learningRate: 0.1,
        onProgress: (p) => {
          if (firstReport >= 0) return;
          firstReport = p.batch;
          perBatchMs = (performance.now() - t0) / (p.batch + 1);
          setTimeout(() => { abortedAt = performance.now(); ctrl.abort(); }, delayMs);
        },
      }, ctrl.signal);
      return { error: null, latencyMs: NaN, perBatchMs, firstReport };
    } catch (e) {
      return { error: e instanceof Error ? e.name : String(e), latencyMs: performance.now() - abortedAt, perBatchMs, firstReport };
    }
  } finally {
    await b.dispose();
  }
}

/** The equivalence check and the race demo run from inside a worker (like the notebook kernel). */
async function fromWorker(opts: BackendOptions, samples = 1280, batchSize = 128) {
  const worker = new Worker(new URL('./wasmNested.worker.ts', import.meta.url), { type: 'module' });
  const api = Comlink.wrap<NestedApi>(worker);
  try {
    return {
      crossOriginIsolated: await api.crossOriginIsolated(),
      equivalence: await api.equivalence('wasm', opts, samples, batchSize),
      race: await api.raceDemo(2, 1_000_000),
    };
  } finally {
    api[Comlink.releaseProxy]();
    worker.terminate();
  }
}

async function wasmBackend(): Promise<WasmBackend> {
  return (await createBackend('wasm')) as WasmBackend;
}

/** Loads TF.js's wasm backend from /tfjs-wasm/ (as the peer does) and times one 128×784·784×128 product. */
async function tfjsWasmProbe() {
  const tf = await import('@tensorflow/tfjs');
  const tfw = await import('@tensorflow/tfjs-backend-wasm');
  tfw.setWasmPaths(new URL('/tfjs-wasm/', location.href).href);
  const ok = await tf.setBackend('wasm');
  await tf.ready();
  const t0 = performance.now();
  const sum = tf.tidy(() => tf.matMul(tf.ones([128, 784]), tf.ones([784, 128])).sum().dataSync()[0]);
  return { ok, backend: tf.getBackend(), sum, ms: performance.now() - t0, threads: tfw.getThreadsCount() };
}

/**
 * The bench's peak rows: GFLOP/s of `threads` threads running one micro-kernel on L1-resident data
 * (wasm/peak.c) in the threaded SIMD build, `repeats` timed runs of about `calls` calls each after
 * a warm-up long enough for V8 to tier the module up. Kernel 4, the epoch's ceiling, counts
 * `calls` in batches.
 */
async function peak(threads: number, kernel: PeakKernel, repeats = 7, calls = 20000, warmMs = 1500) {
  const api = await (await import('../backends/wasm/notebook')).threadedModule();
  const warm = performance.now();
  while (performance.now() - warm < warmMs) await api.peak(threads, kernel, calls);
  const runs: { threads: number; gflops: number }[] = [];
  for (let i = 0; i < repeats; i++) runs.push(await api.peak(threads, kernel, calls));
  return { threads: runs[0].threads, gflops: runs.map((r) => r.gflops) };
}

export const wasmHarness = {
  peak,
  fromWorker,
  tfjsWasmProbe,
  threadSwitch,
  heapRuns,
  tooBig,
  stopLatency,
  raceDemo: async (threads: number, iterations: number) => (await import('../backends/wasm/notebook')).wasm.raceDemo({ threads, iterations }),
  /** the OpenMP lab's cell API (omp.*), as a cell calls it */
  omp: async () => (await import('../backends/wasm/omp')).omp,
};
