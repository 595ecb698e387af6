// The `wasm` backend: C compiled with Emscripten (wasm/*.c), run in a dedicated worker. The epoch
// loop runs in C; this side sends the epoch's order once and then asks for chunks of batches sized
// to take about CHUNK_MS, so progress and Stop work between chunks (and, with SharedArrayBuffer,
// a stop flag is seen by the worker between any two batches).
import * as Comlink from 'comlink';
import type { Dataset } from '../../data/dataset';
import type { MlpSpec } from '../../mlp/spec';
import type { Backend, BackendOptions, EpochPlan, EpochStats, EvalResult } from '../types';
import { runEpoch } from '../epoch';
import { msg, type BackendText } from '../messages';
import { wasmBreakdown } from './breakdown';
import type { HeapStats } from './module';
import { hasWasmSimd, threadsAllowed } from './support';
import { chooseVariant, describeChoice, validThreads, type VariantChoice } from './variants';
import type { WasmWorkerApi } from './worker';

const CHUNK_MS = 100; // wall time of one trainChunk call: few round trips, progress still several times a second

/** Copies a view that covers only part of its buffer, so a message does not clone the whole buffer. */
function compact<T extends Uint8Array | Uint32Array>(a: T): T {
  return a.byteOffset === 0 && a.byteLength === a.buffer.byteLength ? a : (a.slice() as T);
}

export class WasmBackend implements Backend {
  readonly name = 'wasm' as const;
  private worker: Worker | null = null;
  private api: Comlink.Remote<WasmWorkerApi> | null = null;
  private choice: VariantChoice | null = null;
  private samples = 0;
  private hidden = 0;
  private readonly stopBuffer = threadsAllowed() ? new SharedArrayBuffer(4) : undefined;

  private need(): Comlink.Remote<WasmWorkerApi> {
    if (!this.api) throw new Error('wasm backend: init() must be called first');
    return this.api;
  }

  async init(spec: MlpSpec, params: Float32Array, opts: BackendOptions = {}): Promise<void> {
    const choice = chooseVariant(opts, { crossOriginIsolated: threadsAllowed(), simd: hasWasmSimd() });
    if (!this.api || this.choice?.variant !== choice.variant) {
      this.terminate();
      this.worker = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module', name: `wasm ${choice.variant}` });
      this.api = Comlink.wrap<WasmWorkerApi>(this.worker);
      await this.api.load(choice.variant, this.stopBuffer);
      this.samples = 0;
    }
    this.choice = { ...choice, threads: await this.api.init(spec, params, choice.threads) };
    this.hidden = spec.hiddenSize;
  }

  /** Changes the thread count of the threaded build between epochs, without reloading anything. */
  async setThreads(threads: number): Promise<number> {
    const t = validThreads(threads);
    if (this.choice?.variant !== 'mlp-simd-mt') {
      throw new Error(`wasm backend: the thread count can change only on the threaded build; this one is "${this.choice?.variant ?? 'not initialised'}"`);
    }
    const got = await this.need().setThreads(t);
    this.choice = { ...this.choice, threads: got };
    return got;
  }

  async setData(train: Dataset): Promise<void> {
    const n = train.count * train.rows * train.cols;
    await this.need().setData(compact(train.images.subarray(0, n)), compact(train.labels.subarray(0, train.count)), train.count);
    this.samples = train.count;
  }

  async trainEpoch(plan: EpochPlan, signal?: AbortSignal): Promise<EpochStats> {
    const api = this.need();
    if (!this.samples) throw new Error('wasm backend: setData() must be called before trainEpoch()');
    const n = plan.order.length, B = plan.batchSize;
    const stop = this.stopBuffer ? new Int32Array(this.stopBuffer) : null;
    const onAbort = () => { if (stop) Atomics.store(stop, 0, 1); };
    let chunks = 0;
    const choice = this.choice!;
    return runEpoch(plan, {
      backend: 'wasm',
      chunk: { targetMs: CHUNK_MS },
      begin: async () => {
        await api.beginEpoch(compact(plan.order), B);
        signal?.addEventListener('abort', onAbort);
      },
      run: (first, count) => {
        chunks++;
        return api.trainChunk(first, count, B, n, plan.learningRate);
      },
      end: () => signal?.removeEventListener('abort', onAbort),
      parts: async (wallMs) => {
        const c = await api.timing();
        return {
          breakdown: wasmBreakdown(c, wallMs, this.hidden),
          extra: { variant: choice.variant, threads: choice.threads, simd: choice.simd, regions: c.regions, chunks, mode: choice.fallback ?? msg('wasm_as_requested') },
        };
      },
    }, signal);
  }

  async evaluate(data: Dataset): Promise<EvalResult> {
    const n = data.count * data.rows * data.cols;
    return this.need().evaluate(compact(data.images.subarray(0, n)), compact(data.labels.subarray(0, data.count)), data.count, data.rows, data.cols);
  }

  async getParams(): Promise<Float32Array> {
    return this.need().getParams();
  }

  async setParams(params: Float32Array): Promise<void> {
    await this.need().setParams(params);
  }

  /** Bytes in use in the WASM heap (the no-growth test reads it). */
  async heapStats(): Promise<HeapStats> {
    return this.need().heap();
  }

  describe(): BackendText {
    return this.choice ? describeChoice(this.choice) : msg('describe_wasm_none');
  }

  private terminate(): void {
    this.api?.[Comlink.releaseProxy]();
    this.worker?.terminate();
    this.worker = null;
    this.api = null;
  }

  async dispose(): Promise<void> {
    this.terminate();
    this.choice = null;
    this.samples = 0;
  }
}
