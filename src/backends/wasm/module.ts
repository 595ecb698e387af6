// A typed view of one Emscripten build of wasm/*.c (see wasm/train.c for the exports). Knows nothing
// about workers or URLs, so the worker and the Node unit tests share it.
import type { MlpSpec } from '../../mlp/spec';
import { checkHeap } from './heap';
import type { WasmVariant } from './variants';
import { OmpLab, type OmpExports } from './omplab';

/** The exports of wasm/train.c, race.c and omplab.c, as Emscripten's glue exposes them (pointers are numbers). */
export interface EmscriptenMlp extends OmpExports {
  HEAPU8: Uint8Array;
  HEAPU32: Uint32Array;
  HEAPF32: Float32Array;
  _mlp_init(C: number, H: number, V: number): number;
  _mlp_params(): number;
  _mlp_reserve_batch(B: number): number;
  _mlp_reserve_data(count: number): number;
  _mlp_labels(): number;
  _mlp_reserve_order(n: number): number;
  _mlp_batch_losses(): number;
  _mlp_train_batches(first: number, count: number, batchSize: number, n: number, lr: number): number;
  _mlp_set_threads(n: number): number;
  _mlp_threads(): number;
  _mlp_timing_reset(): void;
  _mlp_timing(which: number): number;
  _mlp_heap(which: number): number;
  _race_demo(threads: number, iterations: number, useAtomic: number): number;
  _mlp_inject_fault(thread: number, kind: number): number;
  _mlp_reserve_eval(B: number): number;
  _mlp_eval_labels(): number;
  _mlp_eval_probs(): number;
  _mlp_eval_predictions(): number;
  _mlp_evaluate(B: number): number;
  _mlp_peak(kernel: number, calls: number): number;
}

export type MlpFactory = (overrides?: Record<string, unknown>) => Promise<EmscriptenMlp>;

export interface CTiming {
  computeMs: number; // mean over each region's threads of time inside the loop body
  barrierMs: number; // mean over each region's threads of wake-up + join wait
  regionMs: number; // wall time inside parallel regions
  regions: number;
  stepMs: number; // wall time inside mlp_train_batches
}

export interface HeapStats {
  inUse: number; // bytes malloc has handed out
  top: number; // the heap's break (high-water mark)
  size: number; // the whole WASM memory
}

export interface RaceResult {
  expected: number;
  racy: number;
  atomic: number;
}

/**
 * wasm/peak.c's micro-kernels: 0 bcast 4×8, 1 nt 2×4; SIMD builds: 2 panel 4×8 (the first layer's
 * dW1), 3 panel 4×8 forward (the first layer's forward); 4, SIMD builds, is no peak but the ceiling
 * of a training epoch: the first layer's forward and dW1 (+ update) alone at batch 128, one call per batch.
 */
export type PeakKernel = 0 | 1 | 2 | 3 | 4;

// mlp_timing(which) and mlp_heap(which) indices, as in wasm/train.c
const TIMING = { compute: 0, barrier: 1, region: 2, regions: 3, step: 4 } as const;
const HEAP = { inUse: 0, top: 1, size: 2 } as const;
const INT32_MAX = 0x7fffffff;
/** Images per mlp_evaluate call: the inference scratch holds this many (≈ 4.5 MiB at hidden 128). */
export const EVAL_CHUNK = 1000;

/** What evaluate() returns: the reference's EvalResult fields, before the mean. */
export interface ForwardResult {
  readonly lossSum: number;
  readonly correct: number;
  readonly predictions: Uint8Array;
  readonly probabilities: Float32Array;
}

export class MlpModule {
  private spec: MlpSpec | null = null;
  private samples = 0;
  private batchCap = 0;
  private evalCap = 0;
  private readonly baseBytes: number;

  constructor(private readonly m: EmscriptenMlp, readonly variant: WasmVariant) {
    this.baseBytes = m._mlp_heap(HEAP.top); // static data and stack, before any model
  }

  private get P(): number {
    const s = this.need();
    return s.hiddenSize * s.inputSize + s.hiddenSize + s.outputSize * s.hiddenSize + s.outputSize;
  }

  private need(): MlpSpec {
    if (!this.spec) throw new Error('wasm backend: init() must be called first');
    return this.spec;
  }

  private check(spec: MlpSpec, samples: number, batchSize: number, evalRows = this.evalCap): void {
    checkHeap({ spec, samples, batchSize, evalRows }, this.m._mlp_heap(HEAP.size), this.baseBytes);
  }

  init(spec: MlpSpec, params: Float32Array): void {
    this.check(spec, this.samples, 0);
    if (this.m._mlp_init(spec.inputSize, spec.hiddenSize, spec.outputSize) !== 0) throw new Error('wasm backend: out of heap for the model');
    this.spec = spec;
    this.batchCap = 0;
    this.evalCap = 0; // mlp_init dropped the inference scratch too
    this.setParams(params);
  }

  setParams(params: Float32Array): void {
    if (params.length !== this.P) throw new Error(`wasm backend: expected ${this.P} parameters, got ${params.length}`);
    this.m.HEAPF32.set(params, this.m._mlp_params() >> 2);
  }

  getParams(): Float32Array {
    const at = this.m._mlp_params() >> 2;
    return this.m.HEAPF32.slice(at, at + this.P);
  }

  /** Copies the training set into the heap, as bytes (once per data set). */
  setData(images: Uint8Array, labels: Uint8Array, count: number): void {
    const spec = this.need();
    const samples = Math.max(count, this.samples);
    this.check(spec, samples, this.batchCap);
    const at = this.m._mlp_reserve_data(count);
    const orderAt = this.m._mlp_reserve_order(count);
    if (!at || !orderAt) throw new Error('wasm backend: out of heap for the training set');
    this.samples = samples;
    this.m.HEAPU8.set(images.subarray(0, count * spec.inputSize), at);
    this.m.HEAPU8.set(labels.subarray(0, count), this.m._mlp_labels());
  }

  /** Copies an epoch's order in, makes room for its batch size and resets the timers. */
  beginEpoch(order: Uint32Array, batchSize: number): void {
    const spec = this.need();
    if (order.length > this.samples) throw new Error(`wasm backend: the order has ${order.length} samples but the data set ${this.samples}`);
    if (batchSize > this.batchCap) {
      this.check(spec, this.samples, batchSize);
      if (this.m._mlp_reserve_batch(batchSize) !== 0) throw new Error('wasm backend: out of heap for the batch');
      this.batchCap = batchSize;
    }
    this.m.HEAPU32.set(order, this.m._mlp_reserve_order(order.length) >> 2);
    this.m._mlp_timing_reset();
  }

  /**
   * Trains batches [first, first + count) of the epoch, one C call per batch so a stop flag set by
   * another thread is seen between batches; returns how many batches ran.
   */
  trainBatches(first: number, count: number, batchSize: number, n: number, lr: number, stop?: Int32Array): number {
    let done = 0;
    for (let i = first; i < first + count; i++) {
      if (stop && Atomics.load(stop, 0) !== 0) break;
      if (this.m._mlp_train_batches(i, 1, batchSize, n, lr) === 0) break;
      done++;
    }
    return done;
  }

  batchLosses(first: number, count: number): Float32Array {
    const at = (this.m._mlp_batch_losses() >> 2) + first;
    return this.m.HEAPF32.slice(at, at + count);
  }

  /**
   * The forward pass in C on `count` images (bytes, count × inputSize) with their labels, in chunks
   * of EVAL_CHUNK: probabilities, argmax predictions, the sum of the losses and the correct count.
   * Needs only init() (no training set); the scratch is sized to min(count, EVAL_CHUNK), so one
   * image costs one small call.
   */
  evaluate(images: Uint8Array, labels: Uint8Array, count: number): ForwardResult {
    const spec = this.need();
    const C = spec.inputSize, V = spec.outputSize;
    if (images.length < count * C || labels.length < count) throw new Error(`wasm backend: evaluate needs ${count} images of ${C} pixels and ${count} labels`);
    const probabilities = new Float32Array(count * V);
    const predictions = new Uint8Array(count);
    let lossSum = 0, correct = 0;
    const rows = Math.min(count, EVAL_CHUNK);
    if (rows > this.evalCap) {
      this.check(spec, this.samples, this.batchCap, rows);
      if (!this.m._mlp_reserve_eval(rows)) throw new Error('wasm backend: out of heap for the inference scratch');
      this.evalCap = rows;
    }
    for (let start = 0; start < count; start += EVAL_CHUNK) {
      const B = Math.min(EVAL_CHUNK, count - start);
      this.m.HEAPU8.set(images.subarray(start * C, (start + B) * C), this.m._mlp_reserve_eval(B));
      this.m.HEAPU8.set(labels.subarray(start, start + B), this.m._mlp_eval_labels());
      const sum = this.m._mlp_evaluate(B);
      if (sum < 0) throw new Error(`wasm backend: mlp_evaluate refused ${B} rows (scratch for ${this.evalCap})`);
      lossSum += sum;
      const p = this.m._mlp_eval_probs() >> 2, k = this.m._mlp_eval_predictions();
      probabilities.set(this.m.HEAPF32.subarray(p, p + B * V), start * V);
      predictions.set(this.m.HEAPU8.subarray(k, k + B), start);
      for (let b = 0; b < B; b++) if (predictions[start + b] === labels[start + b]) correct++;
    }
    return { lossSum, correct, predictions, probabilities };
  }

  setThreads(n: number): number {
    return this.m._mlp_set_threads(n);
  }

  threads(): number {
    return this.m._mlp_threads();
  }

  timing(): CTiming {
    const t = (i: number) => this.m._mlp_timing(i);
    return { computeMs: t(TIMING.compute), barrierMs: t(TIMING.barrier), regionMs: t(TIMING.region), regions: t(TIMING.regions), stepMs: t(TIMING.step) };
  }

  heap(): HeapStats {
    return { inUse: this.m._mlp_heap(HEAP.inUse), top: this.m._mlp_heap(HEAP.top), size: this.m._mlp_heap(HEAP.size) };
  }

  /**
   * Test hook: pool thread `thread` traps ('trap': its Worker dies holding a piece of a parallel
   * region) or never returns ('hang') in its next piece. False in a build without threads.
   */
  injectThreadFault(thread: number, kind: 'trap' | 'hang'): boolean {
    return this.m._mlp_inject_fault(thread, kind === 'trap' ? 1 : 2) === 1;
  }

  /** The OpenMP lab's demos (wasm/omplab.c) in this build. */
  lab(): OmpLab {
    return new OmpLab(this.m);
  }

  /**
   * The bench's peak rows (wasm/peak.c): `calls` calls of one micro-kernel (0: bcast 4×8, 1: nt
   * 2×4, 2: panel 4×8 dW1, 3: panel 4×8 forward, SIMD builds only) on L1-resident data, spread over
   * the pool's current threads; the team's GFLOP/s. Kernel 4 (SIMD builds): `calls` batches of the
   * first layer's two kernels alone, in training's two parallel regions per batch.
   */
  peak(kernel: PeakKernel, calls: number): number {
    const r = this.m._mlp_peak(kernel, calls);
    if (!(r > 0)) throw new RangeError(`wasm peak: bad kernel ${kernel} or calls ${calls}`);
    return r;
  }

  /** `threads` threads each add 1 to a shared counter `iterations` times, without and with atomics. */
  raceDemo(threads: number, iterations: number): RaceResult {
    if (!Number.isInteger(iterations) || iterations < 1 || threads * iterations > INT32_MAX) {
      throw new RangeError(`race demo: iterations must be a positive integer with threads × iterations ≤ ${INT32_MAX}, got ${String(iterations)}`);
    }
    const racy = this.m._race_demo(threads, iterations, 0);
    const atomic = this.m._race_demo(threads, iterations, 1);
    return { expected: threads * iterations, racy, atomic };
  }
}
