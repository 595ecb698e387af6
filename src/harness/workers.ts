// window.harness.workers: the workers backend's e2e checks (see workersChecks.ts).
import * as Comlink from 'comlink';
import type { BackendOptions } from '../backends/types';
import { workersEpochStats, workersEquivalence, workersFault, workersPoolReuse } from './workersChecks';
import type { NestedApi } from './workersNested.worker';

/** The same equivalence check, with the backend created inside a dedicated worker (nested pool). */
async function nestedEquivalence(opts: BackendOptions, samples?: number, batchSize?: number) {
  const w = new Worker(new URL('./workersNested.worker.ts', import.meta.url), { type: 'module' });
  try {
    return await Comlink.wrap<NestedApi>(w).equivalence(opts, samples, batchSize);
  } finally {
    w.terminate();
  }
}

export const workersHarness = {
  equivalence: workersEquivalence,
  nestedEquivalence,
  fault: workersFault,
  poolReuse: workersPoolReuse,
  epochStats: workersEpochStats,
};
