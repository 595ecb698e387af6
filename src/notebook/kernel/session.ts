// State the kernel keeps between cells: the data (loaded once), backend instances (created once per
// name and reused, so a worker pool or a WASM module survives across runs), data subsets.
import { msg, type BackendMessage } from '../../backends/messages';
import { backendEntries, createBackend } from '../../backends/registry';
import type { Backend, BackendName } from '../../backends/types';
import { sliceDataset, type Dataset, type Mnist } from '../../data/dataset';
import { loadMnist, type LoadProgress } from '../../data/mnist';

let data: Promise<Mnist> | null = null;
const backends = new Map<BackendName, Backend>();
const subsets = new Map<number, Dataset>();

/**
 * MNIST, loaded once per kernel. `signal` (the run's) stops a download in progress: the promise
 * rejects with StoppedError and nothing is kept, so the next run downloads again.
 */
export function mnistData(onProgress?: (p: LoadProgress) => void, signal?: AbortSignal): Promise<Mnist> {
  if (!data) {
    const p = loadMnist('/mnist/', onProgress, signal);
    data = p;
    p.catch(() => { if (data === p) data = null; });
  }
  return data;
}

/** The first n training samples; the same object each time, so a backend can skip re-uploading. */
export async function trainSubset(n: number, signal?: AbortSignal): Promise<Dataset> {
  const { train } = await mnistData(undefined, signal);
  if (n >= train.count) return train;
  let s = subsets.get(n);
  if (!s) {
    s = sliceDataset(train, n);
    subsets.set(n, s);
  }
  return s;
}

export async function backendInstance(name: BackendName): Promise<Backend> {
  let b = backends.get(name);
  if (!b) {
    b = await createBackend(name);
    backends.set(name, b);
  }
  return b;
}

/** Forget a backend after a failure so the next run builds a fresh one. */
export async function dropBackend(name: BackendName): Promise<void> {
  const b = backends.get(name);
  backends.delete(name);
  await b?.dispose().catch(() => undefined);
}

/** Each backend's support where the kernel runs: true, or why not (a check that throws gives its message). */
export async function supportedBackends(): Promise<{ name: BackendName; supported: true | BackendMessage }[]> {
  const check = (e: ReturnType<typeof backendEntries>[number]) => e.isSupported().catch((err: unknown) => msg('unsupported_adapter_failed', { message: String((err as Error)?.message ?? err) }));
  return Promise.all(backendEntries().map(async (e) => ({ name: e.name, supported: await check(e) })));
}
