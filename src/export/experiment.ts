// What an export carries: the options a training run really ran with and, when it ran in the
// browser, what it measured. Everything the generated files say about the experiment comes from here.
import type { BackendName } from '../backends/types';

export interface ExportOptions {
  readonly backend: BackendName;
  readonly workers: number; // the workers backend's pool size (and the shards of run_joblib / run_dask)
  readonly threads: number; // the wasm backend's threads (OMP_NUM_THREADS of the C build)
  readonly batchSize: number;
  readonly learningRate: number;
  readonly epochs: number;
  readonly samples: number; // the first N training images
  readonly seed: number;
  readonly hiddenSize: number;
}

/** The browser run's own numbers, for the README's table (absent when exporting options alone). */
export interface ExportResults {
  readonly epochs: readonly { readonly loss: number; readonly ms: number }[]; // per epoch: mean training loss, wall time
  readonly accuracy: number | null; // test accuracy on the 10,000 test images, 0..1 (null: not evaluated)
  readonly describe: string; // the backend variant in words, e.g. "wasm SIMD, 2 threads"
  readonly machine: string; // the browser and machine, e.g. the user agent and hardwareConcurrency
  readonly date: string; // ISO date of the run
}

export interface ExportExperiment {
  readonly options: ExportOptions;
  readonly results?: ExportResults;
  /** Where the MNIST files can be downloaded from (the app's own /mnist/), for the README. */
  readonly mnistUrl?: string;
}

export const MNIST_FILE_NAMES = [
  'train-images-idx3-ubyte', 'train-labels-idx1-ubyte', 't10k-images-idx3-ubyte', 't10k-labels-idx1-ubyte',
] as const;

/** A number as Python and C read it back exactly (shortest round-trip form, never "1e-7" surprises for ints). */
export function literal(x: number): string {
  if (!Number.isFinite(x)) throw new RangeError(`export: not a finite number: ${x}`);
  return String(x);
}
