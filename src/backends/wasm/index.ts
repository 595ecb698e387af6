// The `wasm` backend: C compiled with Emscripten (wasm/*.c), run in a dedicated worker. The epoch
// loop runs in C; this side sends the epoch's order once and then asks for chunks of batches sized
// to take about CHUNK_MS, so progress and Stop work between chunks (and, with SharedArrayBuffer,
// a stop flag is seen by the worker between any two batches).
//
// Faults: the worker (or a thread of its pool) can die or hang. An error event on the worker marks
// the fault at once; a silent death (self.close(), a pthread that traps or deadlocks while the C
// join waits for it) is found by the watchdog on each chunk. Either way the worker is terminated
// (its pthreads go with it), the run stops with a BackendError, the model keeps the copy taken
// after the last completed chunk, and the next init() or trainEpoch() re-creates the module.
import * as Comlink from 'comlink';
import { evaluateWith } from '../evaluate';
import type { Dataset } from '../../data/dataset';
import type { MlpSpec } from '../../mlp/spec';
import type { Backend, BackendOptions, EpochPlan, EpochStats, EvalResult } from '../types';
import { runEpoch } from '../epoch';
import { BackendError, msg, type BackendText, type MessageParam } from '../messages';
import { DEFAULT_WATCHDOG, setupLimitMs, Watchdog, type WatchdogLimits } from '../watchdog';
import { wasmBreakdown } from './breakdown';
import type { HeapStats } from './module';
import { hasWasmSimd, threadsAllowed } from './support';
import { chooseVariant, describeChoice, validThreads, type VariantChoice } from './variants';
import type { WasmWorkerApi } from './worker';
import { Tripwire } from '../../util/tripwire';
import { isSharedView } from '../../data/dataset';

const CHUNK_MS = 100; // wall time of one trainChunk call: few round trips, progress still several times a second

/**
 * Copies a view that covers only part of its buffer, so a message does not clone the whole buffer. A
 * view of shared memory (the page's training set when isolated) goes as it is: posting it shares.
 */
function compact<T extends Uint8Array | Uint32Array>(a: T): T {
  if (isSharedView(a)) return a;
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
  private spec: MlpSpec | null = null;
  private train: Dataset | null = null;
  private requested: BackendOptions = {};
  /** The model after the last completed chunk (or init / setParams): what survives a dead worker. */
  private kept: Float32Array | null = null;
  private fault: MessageParam | null = null;
  private rejectFault: ((e: Error) => void) | null = null;
  private whenFault: Promise<never> = new Promise<never>(() => undefined);
  private wire = new Tripwire(this.whenFault);
  private readonly watchdog = new Watchdog(DEFAULT_WATCHDOG);
  private modulesCreated = 0;

  /** For tests: batches per chunk (null: about CHUNK_MS of them). */
  private fixedChunk: number | null = null;

  /**
   * For tests: make the worker close itself, a pool thread trap or hang, or kill the worker; shorten
   * the watchdog; hand the epoch out a fixed number of batches at a time. With chunks sized by time,
   * the first chunk (1 batch) measures the round trip as much as the batch, and on a fast machine the
   * second one was the rest of a short epoch: a fault injected at its progress report then landed
   * after the epoch (in evaluate()), not in it.
   */
  readonly testHooks = {
    injectFault: (kind: 'close' | 'trap' | 'hang', thread = 1): Promise<boolean> => this.need().injectFault(kind, thread),
    terminateWorker: (): void => this.markFault('terminated (test hook)'),
    setWatchdog: (limits: Partial<WatchdogLimits>): void => { this.watchdog.limits = { ...this.watchdog.limits, ...limits }; },
    setChunk: (batches: number | null): void => { this.fixedChunk = batches; },
    modulesCreated: (): number => this.modulesCreated,
  };

  private need(): Comlink.Remote<WasmWorkerApi> {
    if (!this.api) throw new Error('wasm backend: init() must be called first');
    return this.api;
  }

  /** Resolves like `p`, or rejects once the worker has faulted (a dead worker never answers). */
  private guard<T>(p: Promise<T>): Promise<T> {
    return this.wire.guard(p);
  }

  private readonly expire = (ms: number) => this.markFault(msg('wasm_fault_stopped', { seconds: Math.round(ms / 100) / 10 }));

  /** The worker died or stopped answering: end it (and its pthreads) and remember why. */
  private markFault(message: MessageParam): void {
    if (this.fault !== null || !this.worker) return;
    this.fault = message;
    const text = typeof message === 'object' ? message : String(message);
    this.rejectFault?.(new BackendError('wasm', 'error_wasm_fault', { message: text, completed: 0 }));
    this.terminate();
  }

  /** A fresh worker with the module of `choice` loaded. */
  private async startWorker(choice: VariantChoice): Promise<Comlink.Remote<WasmWorkerApi>> {
    this.terminate();
    this.fault = null;
    this.whenFault = new Promise<never>((_, reject) => { this.rejectFault = reject; });
    this.whenFault.catch(() => undefined);
    this.wire = new Tripwire(this.whenFault);
    this.watchdog.reset();
    const worker = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module', name: `wasm ${choice.variant}` });
    worker.addEventListener('error', (e: ErrorEvent) => {
      e.preventDefault();
      this.markFault(msg('wasm_fault_worker', { message: e.message || 'uncaught error (the worker or one of its threads crashed)' }));
    });
    worker.addEventListener('messageerror', () => this.markFault(msg('wasm_fault_worker', { message: 'a message could not be deserialised' })));
    this.worker = worker;
    this.api = Comlink.wrap<WasmWorkerApi>(worker);
    this.modulesCreated++;
    // loading compiles the module and starts its pthreads: the setup deadline, max(60 s, 4 × floor)
    await this.guard(this.watchdog.watch(this.api.load(choice.variant, this.stopBuffer), this.expire, setupLimitMs(this.watchdog.limits)));
    this.samples = 0;
    return this.api;
  }

  async init(spec: MlpSpec, params: Float32Array, opts: BackendOptions = {}): Promise<void> {
    const choice = chooseVariant(opts, { crossOriginIsolated: threadsAllowed(), simd: hasWasmSimd() });
    let api = this.api;
    if (!api || this.choice?.variant !== choice.variant) api = await this.startWorker(choice);
    this.choice = { ...choice, threads: await this.guard(api.init(spec, params, choice.threads)) };
    this.hidden = spec.hiddenSize;
    this.spec = spec;
    this.requested = opts;
    this.kept = params.slice();
  }

  /** After a fault: a new worker and module with the kept model, threads and training set. */
  private async revive(): Promise<void> {
    if (this.api || !this.spec || !this.kept) return;
    await this.init(this.spec, this.kept, { ...this.requested, threads: this.choice?.threads ?? this.requested.threads });
    if (this.train) await this.setData(this.train);
  }

  /** Changes the thread count of the threaded build between epochs, without reloading anything. */
  async setThreads(threads: number): Promise<number> {
    const t = validThreads(threads);
    if (this.choice?.variant !== 'mlp-simd-mt') {
      throw new Error(`wasm backend: the thread count can change only on the threaded build; this one is "${this.choice?.variant ?? 'not initialised'}"`);
    }
    const got = await this.guard(this.need().setThreads(t));
    this.choice = { ...this.choice, threads: got };
    return got;
  }

  async setData(train: Dataset): Promise<void> {
    await this.revive();
    const n = train.count * train.rows * train.cols;
    await this.guard(this.need().setData(compact(train.images.subarray(0, n)), compact(train.labels.subarray(0, train.count)), train.count));
    this.samples = train.count;
    this.train = train;
  }

  async trainEpoch(plan: EpochPlan, signal?: AbortSignal): Promise<EpochStats> {
    await this.revive();
    const api = this.need();
    if (!this.samples) throw new Error('wasm backend: setData() must be called before trainEpoch()');
    const batches = Math.ceil(plan.order.length / plan.batchSize);
    const expire = this.expire;
    const n = plan.order.length, B = plan.batchSize;
    const stop = this.stopBuffer ? new Int32Array(this.stopBuffer) : null;
    const onAbort = () => { if (stop) Atomics.store(stop, 0, 1); };
    let chunks = 0;
    const choice = this.choice!;
    return runEpoch(plan, {
      backend: 'wasm',
      chunk: this.fixedChunk ?? { targetMs: CHUNK_MS },
      begin: async () => {
        await this.guard(this.watchdog.watch(api.beginEpoch(compact(plan.order), B), expire, this.watchdog.limits.floorMs));
        signal?.addEventListener('abort', onAbort);
      },
      run: async (first, count) => {
        chunks++;
        const r = await this.guard(this.watchdog.watch(api.trainChunk(first, count, B, n, plan.learningRate), expire));
        this.kept = r.params;
        return r.losses;
      },
      end: () => signal?.removeEventListener('abort', onAbort),
      fail: (e, completed) => {
        if (this.fault === null) return e;
        return new BackendError('wasm', completed < batches ? 'error_wasm_fault_batch' : 'error_wasm_fault', { message: this.fault, batch: completed + 1, completed });
      },
      parts: async (wallMs) => {
        const c = await this.guard(api.timing());
        return {
          breakdown: wasmBreakdown(c, wallMs, this.hidden),
          extra: { variant: choice.variant, threads: choice.threads, simd: choice.simd, regions: c.regions, chunks, mode: choice.fallback ?? msg('wasm_as_requested') },
        };
      },
    }, signal);
  }

  async evaluate(data: Dataset): Promise<EvalResult> {
    if (!this.api && this.spec && this.kept) return evaluateWith(this.spec, this.kept, data); // after a fault
    if (data.rows * data.cols !== this.spec?.inputSize) throw new Error(`wasm backend: images of ${data.rows}×${data.cols} pixels, the model takes ${this.spec?.inputSize ?? '?'}`);
    const n = data.count * data.rows * data.cols;
    // the C forward pass in the worker; bounded by the watchdog like a chunk of training
    return this.guard(this.watchdog.watch(this.need().evaluate(compact(data.images.subarray(0, n)), compact(data.labels.subarray(0, data.count)), data.count), this.expire, setupLimitMs(this.watchdog.limits)));
  }

  async getParams(): Promise<Float32Array> {
    if (!this.api && this.kept) return this.kept.slice(); // after a fault: the last completed chunk's model
    return this.guard(this.need().getParams());
  }

  async setParams(params: Float32Array): Promise<void> {
    if (this.api) await this.guard(this.api.setParams(params));
    else if (!this.kept) this.need();
    this.kept = params.slice();
  }

  /** Bytes in use in the WASM heap (the no-growth test reads it). */
  async heapStats(): Promise<HeapStats> {
    return this.guard(this.need().heap());
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
    this.spec = null;
    this.train = null;
    this.kept = null;
  }
}
