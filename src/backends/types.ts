import type { Dataset } from '../data/dataset';
import type { MlpSpec } from '../mlp/spec';
import type { BackendText } from './messages';

export type BackendName = 'js' | 'workers' | 'wasm' | 'webgpu';
export const BACKEND_NAMES: readonly BackendName[] = ['js', 'workers', 'wasm', 'webgpu'];

import type { BackendOptions } from './options';

export type { BackendOptions };

export interface EpochPlan {
  readonly epoch: number;
  readonly order: Uint32Array; // permutation of the training set for this epoch
  readonly batchSize: number;
  readonly learningRate: number;
  /** Called with the mean loss of finished batches; a backend may call it every batch or every N. */
  readonly onProgress?: (p: BatchProgress) => void;
}

export interface BatchProgress {
  readonly batch: number; // index of the last finished batch in this epoch
  readonly batches: number; // batches in the epoch
  readonly loss: number; // mean loss of the batches since the previous report
}

/** The slices an epoch's time is broken into (shown as part_<id> in the student's language). */
export type PartId = 'compute' | 'waiting' | 'messaging' | 'reduction' | 'barrier' | 'serial' | 'h2d' | 'kernel' | 'd2h' | 'other';

/** One honestly measured slice of an epoch's time, with how it was measured. */
export interface TimingPart {
  readonly id: PartId;
  readonly ms: number;
  readonly method: BackendText;
}

export interface TaskRecord {
  readonly worker: number; // -1: the coordinator (e.g. the workers backend's reduction + update)
  readonly kind: string;
  readonly shard: number;
  readonly batch?: number; // batch of the epoch the task belongs to
  readonly start: number; // ms since epoch start
  readonly end: number;
}

/** One kernel's share of an epoch, from sampled GPU timestamps (webgpu). */
export interface KernelTiming {
  readonly name: string; // kernel (and the layer it serves)
  readonly dispatches: number; // dispatches of it in the epoch
  readonly sampled: number; // dispatches actually timed
  readonly msPerDispatch: number; // mean of the timed dispatches
  readonly ms: number; // msPerDispatch × dispatches: the epoch's estimate
}

export interface EpochStats {
  readonly epoch: number;
  readonly loss: number; // mean training loss over the epoch
  readonly wallMs: number;
  readonly samples: number;
  readonly samplesPerSec: number;
  readonly batches: number;
  readonly breakdown: readonly TimingPart[];
  readonly tasks?: readonly TaskRecord[];
  readonly extra?: Readonly<Record<string, number | string | boolean | BackendText>>;
  readonly kernels?: readonly KernelTiming[]; // webgpu: per-kernel table (absent without timestamp-query)
}

export interface EvalResult {
  readonly loss: number;
  readonly accuracy: number;
  readonly predictions: Uint8Array; // (N) argmax class
  readonly probabilities: Float32Array; // (N,V)
}

export interface Backend {
  readonly name: BackendName;
  init(spec: MlpSpec, params: Float32Array, opts: BackendOptions): Promise<void>;
  setData(train: Dataset): Promise<void>; // upload once
  trainEpoch(plan: EpochPlan, signal?: AbortSignal): Promise<EpochStats>;
  evaluate(data: Dataset): Promise<EvalResult>;
  getParams(): Promise<Float32Array>;
  setParams(params: Float32Array): Promise<void>;
  /** The active variant as a message with its parameters (e.g. describe_wasm_simd_mt { threads: 2 }). */
  describe(): BackendText;
  dispose(): Promise<void>;
}

/** Thrown when a run is stopped through its AbortSignal; the model keeps its last completed batch. */
export class StoppedError extends Error {
  /** Batches of the stopped epoch whose updates were applied (the model is the reference's after them); -1 if unknown. */
  completed = -1;
  constructor(message = 'stopped', completed = -1) {
    super(message);
    this.name = 'StoppedError';
    this.completed = completed;
  }
}

export function assertNever(x: never): never {
  throw new Error(`unexpected value: ${String(x)}`);
}
