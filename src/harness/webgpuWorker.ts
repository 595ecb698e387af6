// A dedicated worker that runs the equivalence check there: WebGPU must work off the main thread.
import type { BackendOptions } from '../backends/types';
import { gpuEquivalence } from './webgpuCheck';

self.onmessage = async (e: MessageEvent<{ opts: BackendOptions; samples: number; batchSize: number }>) => {
  try {
    if (!('gpu' in navigator)) throw new Error('navigator.gpu is missing in this worker');
    const ok = await gpuEquivalence(e.data.opts, e.data.samples, e.data.batchSize);
    self.postMessage({ ok });
  } catch (err) {
    self.postMessage({ error: err instanceof Error ? `${err.name}: ${err.message}` : String(err) });
  }
};
