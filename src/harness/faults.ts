// window.harness.faults: the fault-injection checks of the hostile suite (issue 11, "Faults") that
// run on the backends themselves: a pool worker or the wasm module's worker (or one of its pthreads)
// that dies silently, and WebGPU without an adapter or without timestamp-query. Each check injects
// the fault for real, reports the error as the student would see it (en and es), the model kept,
// and whether the next run works again.
import { createBackend, getBackendEntry } from '../backends/registry';
import type { BackendMessage } from '../backends/messages';
import type { BackendOptions, BatchProgress } from '../backends/types';
import type { WasmBackend } from '../backends/wasm/index';
import type { WebGpuBackend } from '../backends/webgpu/index';
import { sliceDataset } from '../data/dataset';
import { loadMnist } from '../data/mnist';
import { backendText, showEpoch } from '../i18n/backendText';
import { maxAbsDiff } from '../mlp/compare';
import { initParams } from '../mlp/init';
import { epochPermutation } from '../mlp/random';
import { makeSpec } from '../mlp/spec';
import { FAULT_AFTER_BATCH, FAULT_CHUNK, referenceAfter, workersFault } from './workersChecks';

const SEED = 7;
const LR = 0.1;

interface ShownError {
  name: string;
  message: string;
  es: string;
  code?: string;
  params?: Record<string, unknown>;
}

function shown(e: unknown): ShownError {
  const err = e as Error & { code?: string; params?: Record<string, unknown>; text?: BackendMessage };
  const text = err?.text;
  return {
    name: err?.name ?? 'unknown', message: err?.message ?? String(e), es: text ? backendText('es', text) : '',
    code: err?.code, params: err?.params ? JSON.parse(JSON.stringify(err.params)) as Record<string, unknown> : undefined,
  };
}

/**
 * The wasm backend's module worker, or a thread of its pool, faults during an epoch: 'terminate'
 * (the page kills the worker), 'close' (the worker calls self.close(): no error event), 'trap' (a
 * pthread traps while holding a piece of a parallel region: the C join waits for it forever),
 * 'hang' (a pthread deadlocks in a piece). Checks the error, the model (the reference after the
 * completed batches) and the next run (a re-created module, the reference again).
 */
async function wasmFault(kind: 'terminate' | 'close' | 'trap' | 'hang', opts: BackendOptions, floorMs = 3000, samples = 6400, batchSize = 64) {
  const { train } = await loadMnist();
  const data = sliceDataset(train, samples);
  const spec = makeSpec(128);
  const init = initParams(spec, SEED);
  const order = epochPermutation(data.count, SEED, 0);
  const backend = (await createBackend('wasm')) as WasmBackend;
  try {
    await backend.init(spec, init, opts);
    await backend.setData(data);
    backend.testHooks.setWatchdog({ floorMs, factor: 10 });
    backend.testHooks.setChunk(FAULT_CHUNK); // the fault lands in the epoch however fast its batches run
    const modulesBefore = backend.testHooks.modulesCreated();
    let fired = false;
    let injected: boolean | string = 'not yet';
    const plan = {
      epoch: 0, order, batchSize, learningRate: LR,
      onProgress: (p: BatchProgress) => {
        if (fired || p.batch < FAULT_AFTER_BATCH) return;
        fired = true;
        if (kind === 'terminate') setTimeout(() => backend.testHooks.terminateWorker(), 0);
        else backend.testHooks.injectFault(kind).then((ok) => { injected = ok; }, (e: unknown) => { injected = String(e); });
      },
    };
    let error: ShownError | null = null;
    const t0 = performance.now();
    let stoppedAfterMs = 0;
    try {
      await backend.trainEpoch(plan);
    } catch (e) {
      stoppedAfterMs = performance.now() - t0;
      error = shown(e);
    }
    const completed = Number(error?.params?.completed ?? 0);
    const kept = await backend.getParams();
    const keptDiff = maxAbsDiff(kept, referenceAfter(spec, init, data, order, batchSize, LR, completed));
    const keptChange = maxAbsDiff(kept, init);
    const evaluatedAfterFault = (await backend.evaluate(sliceDataset(train, 500))).accuracy;
    // the next run: a new module and worker, and the reference again
    await backend.setParams(init);
    const stats = await backend.trainEpoch({ epoch: 0, order, batchSize, learningRate: LR });
    const rerunDiff = maxAbsDiff(await backend.getParams(), referenceAfter(spec, init, data, order, batchSize, LR));
    return {
      error, fired, injected, completed, batches: Math.ceil(data.count / batchSize), keptDiff, keptChange, rerunDiff,
      evaluatedAfterFault, stoppedAfterMs, modulesBefore, modulesAfter: backend.testHooks.modulesCreated(),
      rerunThreads: stats.extra?.threads, describe: backendText('en', backend.describe()),
    };
  } finally {
    await backend.dispose();
  }
}

/** Makes navigator.gpu.requestAdapter() answer null (no adapter: a blocklisted GPU, a VM) until undone. */
function hideAdapter(): () => void {
  const proto = Object.getPrototypeOf(navigator.gpu) as GPU;
  const original = proto.requestAdapter;
  proto.requestAdapter = async () => null;
  return () => { proto.requestAdapter = original; };
}

/** Makes every adapter hide 'timestamp-query' (as many real adapters do) until undone. */
function hideTimestamps(): () => void {
  const desc = Object.getOwnPropertyDescriptor(GPUAdapter.prototype, 'features')!;
  Object.defineProperty(GPUAdapter.prototype, 'features', {
    configurable: true,
    get(this: GPUAdapter) {
      const all = desc.get!.call(this) as GPUSupportedFeatures;
      return new Set([...all].filter((f) => f !== 'timestamp-query'));
    },
  });
  return () => Object.defineProperty(GPUAdapter.prototype, 'features', desc);
}

/** One small webgpu run vs the reference (the backend works after the fault is gone). */
async function gpuRun(backend: WebGpuBackend, opts: BackendOptions = {}) {
  const { train } = await loadMnist();
  const data = sliceDataset(train, 640);
  const spec = makeSpec(128);
  const init = initParams(spec, SEED);
  const order = epochPermutation(data.count, SEED, 0);
  await backend.init(spec, init, opts);
  await backend.setData(data);
  const stats = await backend.trainEpoch({ epoch: 0, order, batchSize: 64, learningRate: LR });
  return { stats, maxAbsDiff: maxAbsDiff(await backend.getParams(), referenceAfter(spec, init, data, order, 64, LR)) };
}

/**
 * No adapter: the gate, createBackend() and init() of a backend made before the adapter went away
 * each say why; once an adapter is back, the same backend initialises and trains again.
 */
async function webgpuNoAdapter() {
  const backend = (await createBackend('webgpu')) as WebGpuBackend;
  const undo = hideAdapter();
  let support: string, createError: ShownError | null = null, initError: ShownError | null = null;
  try {
    const s = await getBackendEntry('webgpu').isSupported();
    support = s === true ? 'supported' : backendText('en', s);
    try {
      await createBackend('webgpu');
    } catch (e) {
      createError = shown(e);
    }
    try {
      await gpuRun(backend);
    } catch (e) {
      initError = shown(e);
    }
  } finally {
    undo();
  }
  try {
    const again = await gpuRun(backend);
    return { support, createError, initError, recovered: again.maxAbsDiff };
  } finally {
    await backend.dispose();
  }
}

/** An adapter without 'timestamp-query': the run works, profiling falls back and says so. */
async function webgpuNoTimestamps(opts: BackendOptions = {}) {
  const undo = hideTimestamps();
  const backend = (await createBackend('webgpu')) as WebGpuBackend;
  try {
    const r = await gpuRun(backend, opts);
    const s = showEpoch('en', r.stats);
    return { maxAbsDiff: r.maxAbsDiff, profiling: s.extra?.profiling, breakdown: s.breakdown, kernels: r.stats.kernels ?? [] };
  } finally {
    undo();
    await backend.dispose();
  }
}

export const faultsHarness = {
  workers: (kind: 'terminate' | 'throw' | 'hang' | 'close', opts: BackendOptions, floorMs = 3000) => workersFault(kind, opts, 6400, 64, floorMs),
  wasm: wasmFault,
  webgpuNoAdapter,
  webgpuNoTimestamps,
};
