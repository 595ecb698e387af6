// The one epoch loop every backend plugs into. It counts batches, yields to the event loop, honours
// the stop signal, reports progress, sums the loss and builds EpochStats; a backend supplies only how
// to run batches [i, i+k) and return their losses, plus the breakdown it can honestly measure.

import { makeYielder } from '../util/yield';
import { fitBreakdown, type MeasuredPart } from './breakdown';
import { batchCount, ProgressReporter } from './progress';
import { BackendError } from './messages';
import { StoppedError, type BackendName, type EpochPlan, type EpochStats } from './types';

/** What a backend measured about an epoch besides its loss and wall time. */
export type EpochParts = { readonly breakdown: readonly MeasuredPart[] } & Partial<Pick<EpochStats, 'tasks' | 'extra' | 'kernels'>>;

/** One backend's side of one epoch. */
export interface BatchRunner {
  /** Which backend runs the batches (named in its errors). */
  readonly backend: BackendName;
  /** Batches per run() call: a fixed count, or as many as take about `targetMs` (learnt as it goes). Default 1. */
  readonly chunk?: number | { readonly targetMs: number };
  /** The epoch's clock in ms (default performance.now()). */
  readonly clock?: () => number;
  /** Before the first batch, inside the epoch's time (e.g. upload the order). */
  begin?(): Promise<void> | void;
  /**
   * Runs batches [first, first + count) and returns the mean loss of each batch it applied, in order:
   * fewer than `count` only when it saw the stop signal first; `null` when all `count` were issued
   * and their losses are read later through `deferred()`.
   */
  run(first: number, count: number): Promise<ArrayLike<number> | null> | ArrayLike<number> | null;
  /** The losses of batches [from, to) that run() deferred. */
  deferred?(from: number, to: number): Promise<ArrayLike<number>>;
  /** After the last batch, a stop or an error, inside the epoch's time: wait for work in flight, release. */
  end?(): Promise<void> | void;
  /**
   * Batches whose update is in the model, read after end(), when the backend may have run ahead of
   * what run() returned (the workers' all-reduce runs one chunk ahead). Default: the batches run() returned.
   */
  completed?(): number;
  /** The error the caller sees for an error thrown while running (e.g. a worker fault), given the batches applied. */
  fail?(error: unknown, completed: number): unknown;
  /** The backend's breakdown (and tasks, extra, kernels) of an epoch that took `wallMs`; made to add up to wallMs (fitBreakdown). */
  parts(wallMs: number): Promise<EpochParts> | EpochParts;
}

/** Runs one epoch of `plan` through `runner`; a stop throws StoppedError with the batches applied. */
export async function runEpoch(plan: EpochPlan, runner: BatchRunner, signal?: AbortSignal): Promise<EpochStats> {
  const n = plan.order.length, B = plan.batchSize;
  const batches = batchCount(n, B);
  const progress = new ProgressReporter(batches, plan.onProgress);
  const clock = runner.clock ?? (() => performance.now());
  const maybeYield = makeYielder();
  const adaptive = typeof runner.chunk === 'object' ? runner.chunk.targetMs : 0;
  let chunk = typeof runner.chunk === 'number' ? Math.max(1, runner.chunk) : 1;
  let lossSum = 0, seen = 0;
  let applied = 0; // batches whose update is in the model (or issued, when losses are deferred)
  let reported = 0; // batches whose loss has been added
  const take = (losses: ArrayLike<number>) => {
    for (let j = 0; j < losses.length; j++, reported++) {
      if (!Number.isFinite(losses[j])) {
        throw new BackendError(runner.backend, 'error_diverged', { value: String(losses[j]), batch: reported + 1, epoch: plan.epoch + 1, lr: plan.learningRate });
      }
      const rows = Math.min(B, n - reported * B);
      lossSum += losses[j] * rows;
      seen += rows;
      progress.add(reported, losses[j]);
    }
  };
  const t0 = clock();
  try {
    try {
      await runner.begin?.();
      while (applied < batches) {
        const pause = maybeYield();
        if (pause) await pause;
        if (signal?.aborted) throw new StoppedError();
        const count = Math.min(chunk, batches - applied);
        const tc = clock();
        const losses = await runner.run(applied, count);
        if (losses === null) {
          applied += count;
        } else {
          take(losses);
          applied += losses.length;
          if (losses.length < count && !signal?.aborted) {
            throw new Error(`backend returned ${losses.length} of ${count} batch losses without a stop`);
          }
        }
        if (adaptive) {
          const perBatch = (clock() - tc) / Math.max(1, losses?.length ?? count);
          chunk = Math.max(1, Math.round(adaptive / Math.max(perBatch, 1e-3)));
        }
      }
      if (reported < applied) take(await runner.deferred!(reported, applied));
    } finally {
      await runner.end?.();
    }
  } catch (e) {
    progress.flush(); // the chart keeps the losses of the batches that ran
    if (e instanceof StoppedError) {
      e.completed = runner.completed?.() ?? applied;
      throw e;
    }
    throw runner.fail ? runner.fail(e, applied) : e;
  }
  progress.flush();
  const wallMs = clock() - t0;
  const parts = await runner.parts(wallMs);
  return {
    epoch: plan.epoch, loss: lossSum / seen, wallMs, samples: seen, batches,
    samplesPerSec: seen / (wallMs / 1000),
    ...parts,
    breakdown: fitBreakdown(parts.breakdown, wallMs),
  };
}
