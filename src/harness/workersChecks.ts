// Checks of the workers backend that the e2e spec drives through window.harness.workers (and, for
// the nested-worker case, from inside a Web Worker). The reference is the oracle everywhere.
import { maxAbsDiff } from '../mlp/compare';
import { backendText, showEpoch } from '../i18n/backendText';
import { createBackend } from '../backends/registry';
import type { BackendMessage } from '../backends/messages';
import type { BackendOptions, BatchProgress, EpochStats } from '../backends/types';
import type { WorkersBackend } from '../backends/workers/index';
import { sliceDataset, type Dataset } from '../data/dataset';
import { loadMnist } from '../data/mnist';
import { initParams } from '../mlp/init';
import { epochPermutation } from '../mlp/random';
import { train_epoch } from '../mlp/reference';
import { makeSpec, type MlpSpec } from '../mlp/spec';

const SEED = 7;
const LR = 0.1;
/** The fault is injected at the first progress report after this batch (so several were applied). */
export const FAULT_AFTER_BATCH = 10;
/**
 * Batches per hand-off in a fault epoch (the wasm backend's fault checks use it too: its chunks are
 * sized by time as well). Worker-owned epochs otherwise hand out about 100 ms of
 * batches at a time and let the workers run a chunk ahead: at ~1 ms a batch they had once finished
 * all 100 batches before the progress report that injected the fault, which then fired at batch 0
 * of the next run (CI, 2026-11-27). With chunks of 4 they are at most 8 batches past the report.
 */
export const FAULT_CHUNK = 4;


/** The reference's weights after the first `batches` batches of the epoch (all of them by default). */
export function referenceAfter(spec: MlpSpec, init: Float32Array, data: Dataset, order: Uint32Array, batchSize: number, lr: number, batches?: number): Float32Array {
  const ref = init.slice();
  train_epoch(spec, ref, data, order, batchSize, lr, batches);
  return ref;
}

async function setup(samples: number) {
  const { train } = await loadMnist();
  const data = sliceDataset(train, samples);
  const spec = makeSpec(128);
  const init = initParams(spec, SEED);
  const order = epochPermutation(data.count, SEED, 0);
  const backend = (await createBackend('workers')) as WorkersBackend;
  return { data, spec, init, order, backend };
}

/** One epoch on the workers backend vs the reference: max |Δparam|, and where it ran. */
export async function workersEquivalence(opts: BackendOptions, samples = 6400, batchSize = 128) {
  const { data, spec, init, order, backend } = await setup(samples);
  try {
    await backend.init(spec, init, opts);
    await backend.setData(data);
    const stats = await backend.trainEpoch({ epoch: 0, order, batchSize, learningRate: LR });
    const ref = referenceAfter(spec, init, data, order, batchSize, LR);
    return {
      describe: backendText('en', backend.describe()), mode: stats.extra?.mode, modeReason: backendText('en', backend.modeReason() ?? []),
      inWorker: typeof (globalThis as { WorkerGlobalScope?: unknown }).WorkerGlobalScope !== 'undefined',
      maxAbsDiff: maxAbsDiff(ref, await backend.getParams()), maxAbsChange: maxAbsDiff(ref, init),
    };
  } finally {
    await backend.dispose();
  }
}

/**
 * Makes worker 1 die ('terminate'), throw ('throw'), block forever ('hang') or close itself with no
 * error event ('close') during an epoch, or presses Stop ('stop'), then checks the error, the model
 * (the reference after the completed batches) and the next run (a rebuilt pool after a fault, the
 * same pool after a stop). `floorMs` shortens the watchdog's floor (a silent fault is found by it).
 */
export async function workersFault(kind: 'terminate' | 'throw' | 'hang' | 'close' | 'stop', opts: BackendOptions, samples = 6400, batchSize = 64, floorMs?: number) {
  const { data, spec, init, order, backend } = await setup(samples);
  const victim = 1;
  try {
    await backend.init(spec, init, opts);
    await backend.setData(data);
    if (floorMs !== undefined) backend.testHooks.setWatchdog({ floorMs });
    backend.testHooks.setChunk(FAULT_CHUNK);
    const poolBefore = backend.testHooks.poolId();
    let fired = false;
    // A stop is seen between hand-offs: the batches reported so far were applied, and with worker-owned
    // epochs the rest of the chunk in flight too; the StoppedError says how many.
    let stoppedAfter = 0;
    const stop = new AbortController();
    const plan = {
      epoch: 0, order, batchSize, learningRate: LR,
      onProgress: (p: BatchProgress) => {
        if (fired || p.batch < FAULT_AFTER_BATCH) return;
        fired = true;
        // terminate from a timer so the worker dies while a batch is in flight, not between batches
        if (kind === 'terminate') setTimeout(() => backend.testHooks.terminateWorker(victim), 0);
        else if (kind !== 'stop') backend.testHooks.inject(victim, kind);
        else {
          stoppedAfter = p.batch + 1;
          stop.abort();
        }
      },
    };
    let error: { name: string; message: string; es: string; worker?: number; completedBatches?: number; completed?: number } | null = null;
    const t0 = performance.now();
    let faultMs = 0;
    try {
      await backend.trainEpoch(plan, stop.signal);
    } catch (e) {
      faultMs = performance.now() - t0;
      const err = e as Error & { worker?: number; completedBatches?: number; completed?: number; text?: BackendMessage };
      error = { name: err.name, message: err.message, es: err.text ? backendText('es', err.text) : '', worker: err.worker, completedBatches: err.completedBatches, completed: err.completed };
    }
    const completed = kind === 'stop' ? error?.completed ?? -1 : error?.completedBatches ?? 0;
    const kept = await backend.getParams();
    const keptDiff = maxAbsDiff(kept, referenceAfter(spec, init, data, order, batchSize, LR, completed));
    const keptChange = maxAbsDiff(kept, init);
    // the next run: a new pool, and the same result as the reference again
    await backend.setParams(init);
    const stats = await backend.trainEpoch({ epoch: 0, order, batchSize, learningRate: LR });
    const rerunDiff = maxAbsDiff(await backend.getParams(), referenceAfter(spec, init, data, order, batchSize, LR));
    return {
      error, fired, completed, stoppedAfter, batches: Math.ceil(data.count / batchSize), keptDiff, keptChange, rerunDiff,
      poolBefore, poolAfter: backend.testHooks.poolId(), rerunMode: stats.extra?.mode, faultMs,
    };
  } finally {
    await backend.dispose();
  }
}

/** The pool survives epochs and runs (init again with the same N) and is re-created when N changes. */
export async function workersPoolReuse(opts: BackendOptions, samples = 1024, batchSize = 128) {
  const { data, spec, init, order, backend } = await setup(samples);
  try {
    const plan = { epoch: 0, order, batchSize, learningRate: LR };
    const ids: number[] = [];
    const created: number[] = [];
    const note = (extra: EpochStats['extra']) => {
      ids.push(Number(extra?.poolId));
      created.push(Number(extra?.workersCreated));
    };
    await backend.init(spec, init, { ...opts, workers: 2 });
    await backend.setData(data);
    note((await backend.trainEpoch(plan)).extra); // run 1, epoch 1
    note((await backend.trainEpoch({ ...plan, epoch: 1 })).extra); // run 1, epoch 2
    await backend.init(spec, init, { ...opts, workers: 2 }); // run 2, same N
    const second = await backend.trainEpoch(plan);
    note(second.extra);
    const ref = referenceAfter(spec, init, data, order, batchSize, LR);
    const run2Diff = maxAbsDiff(await backend.getParams(), ref);
    await backend.init(spec, init, { ...opts, workers: 3 }); // run 3, N changes
    note((await backend.trainEpoch(plan)).extra);
    const run3Diff = maxAbsDiff(await backend.getParams(), ref);
    return { ids, created, run2Diff, run3Diff };
  } finally {
    await backend.dispose();
  }
}

/** One epoch's stats (breakdown, task stream, extra) for inspection. */
export async function workersEpochStats(opts: BackendOptions, samples = 6400, batchSize = 128) {
  const { data, spec, init, order, backend } = await setup(samples);
  try {
    await backend.init(spec, init, opts);
    await backend.setData(data);
    const s = await backend.trainEpoch({ epoch: 0, order, batchSize, learningRate: LR });
    const shown = showEpoch('en', s);
    return { describe: backendText('en', backend.describe()), wallMs: s.wallMs, loss: s.loss, batches: s.batches, breakdown: shown.breakdown, tasks: s.tasks ?? [], extra: shown.extra ?? {} };
  } finally {
    await backend.dispose();
  }
}
