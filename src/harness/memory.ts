// window.harness.memory (issue 18 §5): what the app holds with every backend initialised. One
// instance per backend is kept across runs, as the kernel's session keeps it; a run is init +
// setData + one epoch + evaluate. After a run the bench suite (bench/suites/
// 95-memory.mjs) collects garbage through the DevTools protocol and reads `account()`: the bytes the
// app knows it holds (the training set, SharedArrayBuffers, wasm memories, GPU buffers, workers), and
// `uaMemory()`: the browser's own measure of the page's and its workers' JS memory.
import { createBackend, getBackendEntry } from '../backends/registry';
import type { Backend, BackendName, BackendOptions } from '../backends/types';
import type { WasmBackend } from '../backends/wasm/index';
import type { WorkersBackend } from '../backends/workers/index';
import { isSharedView, sliceDataset, type Dataset } from '../data/dataset';
import { loadMnist } from '../data/mnist';
import { backendText } from '../i18n/backendText';
import { prepareBackend, trainEpochs } from '../train/trainer';
import { enduranceHarness } from './endurance';

const kept = new Map<BackendName, Backend>();

export interface MemoryRun {
  backend: string;
  describe: string;
  epochMs: number;
  accuracy: number;
}

const slices = new Map<number, Dataset>();

/** One run on `name` with the first `samples` training images (the instance is kept for the next run). */
async function run(name: BackendName, opts: BackendOptions = {}, samples = 60000, batchSize = 128, seed = 1): Promise<MemoryRun | { backend: string; unsupported: string }> {
  enduranceHarness.install();
  const ok = await getBackendEntry(name).isSupported();
  if (ok !== true) return { backend: name, unsupported: backendText('en', ok) };
  let b = kept.get(name);
  if (!b) {
    b = await createBackend(name);
    kept.set(name, b);
  }
  const { train: all, test } = await loadMnist();
  let train = samples >= all.count ? all : slices.get(samples); // the same object each run, as the kernel's trainSubset
  if (!train) {
    train = sliceDataset(all, samples);
    slices.set(samples, train);
  }
  const config = { hiddenSize: 128, batchSize, learningRate: 0.1, epochs: 1, seed };
  await prepareBackend(b, config, train, opts);
  const r = await trainEpochs(b, config, train, test);
  return { backend: name, describe: backendText('en', b.describe()), epochMs: r.epochs[0].wallMs, accuracy: r.evaluation!.accuracy };
}

/** What the app holds now, by what it knows of its own buffers (read after a garbage collection). */
async function account() {
  const c = await enduranceHarness.counts();
  const { train, test } = await loadMnist();
  let wasmMemory = 0, wasmInUse = 0, wasmTop = 0, poolShared = 0, poolWorkers = 0;
  for (const b of kept.values()) {
    if (b.name === 'wasm') {
      const h = await (b as WasmBackend).heapStats();
      wasmMemory += h.size;
      wasmInUse += h.inUse;
      wasmTop += h.top;
    } else if (b.name === 'workers') {
      const s = (b as WorkersBackend).sharedBytes();
      poolShared += s.bytes;
      poolWorkers += s.workers;
    }
  }
  return {
    trainBytes: train.images.buffer.byteLength + (train.labels.buffer === train.images.buffer ? 0 : train.labels.buffer.byteLength),
    testBytes: test.images.buffer.byteLength + (test.labels.buffer === test.images.buffer ? 0 : test.labels.buffer.byteLength),
    trainShared: isSharedView(train.images),
    sharedBytes: c.sharedBytes,
    sharedMade: c.sharedMade,
    wasmMemory,
    wasmInUse,
    wasmTop,
    poolShared,
    poolWorkers,
    gpuBuffers: c.gpuBuffers,
    gpuBufferBytes: c.gpuBufferBytes,
    workers: c.workers,
    backends: [...kept.keys()],
  };
}

interface UaMeasurement {
  bytes: number;
  breakdown: { bytes: number; attribution: { scope: string; url: string }[]; types: string[] }[];
}

/**
 * performance.measureUserAgentSpecificMemory() (cross-origin isolated pages only), summed by scope:
 * the page (Window) and its dedicated workers, with how many workers it saw. Chromium answers at its
 * next garbage collection (the suite forces one) or within 20 s. Null where the API is missing.
 */
async function uaMemory() {
  const p = performance as Performance & { measureUserAgentSpecificMemory?: () => Promise<UaMeasurement> };
  if (!globalThis.crossOriginIsolated || typeof p.measureUserAgentSpecificMemory !== 'function') return null;
  const m = await p.measureUserAgentSpecificMemory();
  let page = 0, workers = 0, other = 0;
  let workerCount = 0;
  for (const e of m.breakdown) {
    const scopes = e.attribution.map((a) => a.scope);
    if (scopes.includes('DedicatedWorkerGlobalScope')) {
      workers += e.bytes;
      workerCount += e.attribution.filter((a) => a.scope === 'DedicatedWorkerGlobalScope').length;
    } else if (scopes.includes('Window')) page += e.bytes;
    else other += e.bytes;
  }
  return { bytes: m.bytes, page, workers, other, workerCount };
}

/** Disposes every kept backend. */
async function disposeAll(): Promise<void> {
  for (const b of kept.values()) await b.dispose();
  kept.clear();
}

export const memoryHarness = { run, account, uaMemory, disposeAll };
