// window.harness.endurance: repeated runs as the notebook makes them (one backend instance per name,
// kept across runs like the kernel's session; every run is init + setData + an epoch + evaluate),
// and what is left alive after each: Web Workers made on this page, GPU devices and buffers (count
// and bytes), and SharedArrayBuffer bytes still reachable. The bench suite (bench/suites/
// 90-endurance.mjs) collects garbage through the DevTools protocol before reading these, and reads
// the JS heap there too.
import { createBackend, getBackendEntry } from '../backends/registry';
import type { Backend, BackendName, BackendOptions } from '../backends/types';
import type { WasmBackend } from '../backends/wasm/index';
import { sliceDataset, type Dataset } from '../data/dataset';
import { loadMnist } from '../data/mnist';
import { backendText } from '../i18n/backendText';
import { prepareBackend, trainEpochs } from '../train/trainer';
import { installLiveCounts, liveCounts } from './liveCounts';

const backends = new Map<string, Backend>();
const subsets = new Map<number, { train: Dataset; test: Dataset }>();

// SharedArrayBuffers made on this page: bytes allocated, minus those of buffers collected since
// (a FinalizationRegistry hears of them after a GC). Installed once, before any backend exists.
let sharedLive = 0;
let sharedMade = 0;
let sharedInstalled = false;

function countShared(): void {
  if (sharedInstalled || typeof SharedArrayBuffer !== 'function') return;
  sharedInstalled = true;
  const Base = SharedArrayBuffer;
  const gone = new FinalizationRegistry<number>((bytes) => { sharedLive -= bytes; });
  class Counted extends Base {
    constructor(length: number) {
      super(length);
      sharedLive += this.byteLength;
      sharedMade++;
      gone.register(this, this.byteLength);
    }

    // a SharedArrayBuffer made elsewhere (received in a message, a shared WebAssembly.Memory) still is one
    static [Symbol.hasInstance](x: unknown): boolean {
      return x instanceof Base;
    }
  }
  (globalThis as { SharedArrayBuffer: SharedArrayBufferConstructor }).SharedArrayBuffer = Counted as SharedArrayBufferConstructor;
}

/** Wraps the constructors that are counted (call before the first run). */
export function installEnduranceCounts(): void {
  installLiveCounts();
  countShared();
}

async function data(samples: number) {
  let s = subsets.get(samples);
  if (!s) {
    const { train, test } = await loadMnist();
    s = { train: sliceDataset(train, samples), test: sliceDataset(test, Math.min(test.count, 1000)) };
    subsets.set(samples, s);
  }
  return s;
}

export interface EnduranceRun {
  backend: string;
  describe: string;
  epochMs: number;
  loss: number;
  accuracy: number;
}

/** One run on `name` (the backend instance is kept across runs, as in the notebook kernel). */
async function run(name: BackendName, opts: BackendOptions = {}, samples = 6000, batchSize = 128, seed = 1): Promise<EnduranceRun | { backend: string; unsupported: string }> {
  installEnduranceCounts();
  const ok = await getBackendEntry(name).isSupported();
  if (ok !== true) return { backend: name, unsupported: backendText('en', ok) };
  const key = `${name} ${JSON.stringify(opts)}`;
  let b = backends.get(key);
  if (!b) {
    b = await createBackend(name);
    backends.set(key, b);
  }
  const { train, test } = await data(samples);
  const config = { hiddenSize: 128, batchSize, learningRate: 0.1, epochs: 1, seed };
  await prepareBackend(b, config, train, opts);
  const r = await trainEpochs(b, config, train, test);
  return { backend: name, describe: backendText('en', b.describe()), epochMs: r.epochs[0].wallMs, loss: r.epochs[0].loss, accuracy: r.evaluation!.accuracy };
}

/** What is alive now (read after a garbage collection). */
async function counts() {
  await new Promise((r) => setTimeout(r, 0)); // let finalizers of a GC that just ran report
  const c = liveCounts().now;
  return { workers: c.workers, gpuDevices: c.gpuDevices, gpuBuffers: c.gpuBuffers, gpuBufferBytes: c.gpuBufferBytes, sharedBytes: sharedLive, sharedMade };
}

/** Bytes malloc has handed out in the kept wasm backends' heaps (0 when none). */
async function wasmHeap(): Promise<number> {
  let bytes = 0;
  for (const b of backends.values()) if (b.name === 'wasm') bytes += (await (b as WasmBackend).heapStats()).inUse;
  return bytes;
}

/** Disposes every kept backend (the end of a session). */
async function disposeAll(): Promise<void> {
  for (const b of backends.values()) await b.dispose();
  backends.clear();
}

export const enduranceHarness = { install: installEnduranceCounts, run, counts, wasmHeap, disposeAll };
