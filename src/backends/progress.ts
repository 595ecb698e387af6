import type { BatchProgress } from './types';

/** Loss points per epoch on the live chart: enough for its shape, few enough to draw quickly. */
export const PROGRESS_POINTS = 100;

/**
 * Collects per-batch losses and reports the mean of each fixed window of batches (about
 * `points` windows per epoch). The windows depend only on the batch count, never on time, so
 * backends that compute the same losses draw the same curve however fast they are and however
 * they deliver their losses (one by one, a chunk at a time, or all at the end of the epoch).
 * `flush()` reports a last, shorter window at the end of an epoch or a stopped run.
 */
export class ProgressReporter {
  private sum = 0;
  private n = 0;
  private lastBatch = -1;
  private readonly window: number;
  constructor(
    private readonly batches: number,
    private readonly onProgress?: (p: BatchProgress) => void,
    points = PROGRESS_POINTS,
  ) {
    this.window = Math.max(1, Math.ceil(batches / points));
  }

  add(batch: number, loss: number): void {
    this.sum += loss;
    this.n++;
    this.lastBatch = batch;
    if (this.n >= this.window) this.flush();
  }

  flush(): void {
    if (this.n > 0) this.onProgress?.({ batch: this.lastBatch, batches: this.batches, loss: this.sum / this.n });
    this.sum = 0;
    this.n = 0;
  }
}

export function batchCount(samples: number, batchSize: number): number {
  return Math.ceil(samples / batchSize);
}
