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
  /** a race (show.race): every lane's own result, the lane above being the first that finished */
  readonly lanes?: readonly ExportLane[];
}

/** One lane of a race, as the README's race table shows it. */
export interface ExportLane {
  readonly label: string;
  readonly describe: string; // what ran, in words
  readonly status: string; // done, failed, stopped
  readonly msPerEpoch: number | null; // median epoch time
  readonly accuracy: number | null; // 0..1
  readonly finalLoss: number | null; // the last epoch's mean training loss
}

/** A hyperparameter search (search()): every configuration it tried, with the browser's validation scores. */
export interface ExportSearch {
  readonly samples: number; // the first N training images: the split's training and validation rows
  readonly validation: number; // the fraction held out for validation, e.g. 0.2
  readonly epochs: number;
  readonly seed: number;
  readonly nJobs: number; // the largest nJobs the browser ran with
  readonly trials: readonly ExportTrial[];
  readonly testAccuracy: number | null; // the winner retrained on all N images, on the test set (0..1)
}

export interface ExportTrial {
  readonly learningRate: number;
  readonly batchSize: number;
  readonly hidden: number;
  readonly accuracy: number; // validation accuracy, 0..1
  readonly loss: number; // validation loss
}

export interface ExportExperiment {
  readonly options: ExportOptions;
  /** a search: run_search.py joins the files */
  readonly search?: ExportSearch;
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
