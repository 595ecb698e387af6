import type { BatchProgress } from '../backends/types';

/**
 * Collects per-batch losses and reports their mean at most every `everyMs`, so a fast backend does
 * not post a message per batch. `flush()` reports what is left at the end of an epoch.
 */
export class ProgressReporter {
  private sum = 0;
  private n = 0;
  private last = 0;
  private lastBatch = -1;
  constructor(
    private readonly batches: number,
    private readonly onProgress?: (p: BatchProgress) => void,
    private readonly everyMs = 50,
  ) {
    this.last = performance.now();
  }

  add(batch: number, loss: number): void {
    this.sum += loss;
    this.n++;
    this.lastBatch = batch;
    if (!this.onProgress) return;
    const now = performance.now();
    if (now - this.last >= this.everyMs) {
      this.last = now;
      this.flush();
    }
  }

  flush(): void {
    if (this.n === 0 || !this.onProgress) return;
    this.onProgress({ batch: this.lastBatch, batches: this.batches, loss: this.sum / this.n });
    this.sum = 0;
    this.n = 0;
  }
}

export function batchCount(samples: number, batchSize: number): number {
  return Math.ceil(samples / batchSize);
}
