// The dedicated worker that owns the Emscripten module: the C code never runs on the page's main
// thread (a blocking futex wait is not allowed there, and a long epoch would freeze the page).
// The calling side (index.ts) talks to it through comlink, once per chunk of batches.
import * as Comlink from 'comlink';
import type { MlpSpec } from '../../mlp/spec';
import type { EvalResult } from '../types';
import { MlpModule, type MlpFactory, type PeakKernel } from './module';
import type { WasmVariant } from './variants';
import type { OmpSchedule, OmpSumMode } from './omplab';

let mod: MlpModule | null = null;
let spec: MlpSpec | null = null;
let stop: Int32Array | undefined;
let closeNext = false; // test hook: self.close() at the next chunk, without a word

function need(): MlpModule {
  if (!mod) throw new Error('wasm worker: load() must be called first');
  return mod;
}

/** wasm/dist is served at <base>/wasm/ (see wasm/vite-plugin.ts). */
function distUrl(file: string): string {
  return new URL(`${import.meta.env.BASE_URL}wasm/${file}`, self.location.href).href;
}

const api = {
  async load(variant: WasmVariant, stopFlag?: SharedArrayBuffer): Promise<{ heapBytes: number }> {
    const url = distUrl(`${variant}.js`);
    const factory = ((await import(/* @vite-ignore */ url)) as { default: MlpFactory }).default;
    // The threaded build's pthread Workers import the main script again, by this URL.
    mod = new MlpModule(await factory({ mainScriptUrlOrBlob: url }), variant);
    stop = stopFlag ? new Int32Array(stopFlag) : undefined;
    return { heapBytes: mod.heap().size };
  },
  init(s: MlpSpec, params: Float32Array, threads: number): number {
    spec = s;
    need().init(s, params);
    return need().setThreads(threads);
  },
  setThreads: (n: number) => need().setThreads(n),
  setParams: (params: Float32Array) => need().setParams(params),
  getParams(): Float32Array {
    const p = need().getParams();
    return Comlink.transfer(p, [p.buffer]);
  },
  setData: (images: Uint8Array, labels: Uint8Array, count: number) => need().setData(images, labels, count),
  beginEpoch(order: Uint32Array, batchSize: number): void {
    if (stop) Atomics.store(stop, 0, 0);
    need().beginEpoch(order, batchSize);
  },
  /**
   * Trains a chunk of batches; returns their losses and a copy of the model after them (the calling
   * side keeps it, so the model survives this worker if it dies in a later chunk).
   */
  trainChunk(first: number, count: number, batchSize: number, n: number, lr: number): { losses: Float32Array; params: Float32Array } | Promise<never> {
    if (closeNext) {
      self.close(); // the worker ends after this task: no error event, no answer
      return new Promise<never>(() => undefined);
    }
    const done = need().trainBatches(first, count, batchSize, n, lr, stop);
    const losses = need().batchLosses(first, done);
    const params = need().getParams();
    return Comlink.transfer({ losses, params }, [losses.buffer, params.buffer]);
  },
  /** Test hooks: close this worker at the next chunk, or make a thread of the pool trap or hang. */
  injectFault(kind: 'close' | 'trap' | 'hang', thread = 1): boolean {
    if (kind === 'close') return (closeNext = true);
    return need().injectThreadFault(thread, kind);
  },
  timing: () => need().timing(),
  heap: () => need().heap(),
  /** Inference with the C forward pass (module.ts evaluate): needs init() only, not setData(). */
  evaluate(images: Uint8Array, labels: Uint8Array, count: number): EvalResult {
    if (!spec) throw new Error('wasm worker: init() must be called first');
    const f = need().evaluate(images, labels, count);
    const r: EvalResult = { loss: count ? f.lossSum / count : 0, accuracy: count ? f.correct / count : 0, predictions: f.predictions, probabilities: f.probabilities };
    return Comlink.transfer(r, [r.predictions.buffer, r.probabilities.buffer]);
  },
  raceDemo: (threads: number, iterations: number) => need().raceDemo(threads, iterations),
  /** The bench's peak rows: GFLOP/s of `threads` threads running one micro-kernel in L1 (module.ts peak). */
  peak(threads: number, kernel: PeakKernel, calls: number): { threads: number; gflops: number } {
    const t = need().setThreads(threads);
    return { threads: t, gflops: need().peak(kernel, calls) };
  },
  /** The OpenMP lab (wasm/omplab.c): one demo per call, arguments as in OmpLab. */
  ompHello: (threads: number) => need().lab().hello(threads),
  ompSum: (threads: number, n: number, mode: OmpSumMode) => need().lab().sum(threads, n, mode),
  ompSchedule: (threads: number, n: number, schedule: OmpSchedule, chunk: number, cost: number) => need().lab().schedule(threads, n, schedule, chunk, cost),
  ompFalseSharing: (threads: number, iterations: number, padded: boolean) => need().lab().falseSharing(threads, iterations, padded),
  ompGradients: (threads: number, batches: number, batchSize: number, fixed: boolean) => need().lab().gradients(threads, batches, batchSize, fixed),
};

export type WasmWorkerApi = typeof api;

Comlink.expose(api);
