// Kernel timing with timestamp-query: on a sampled step every dispatch gets its own compute pass
// with begin/end timestamps; the other steps run in one pass without any. The query results are
// resolved and read once, after the epoch's clock has stopped.

import type { Reader } from './buffers';
import { MAX_PROFILED_STEPS } from './profile';

export class KernelProfiler {
  private readonly querySet: GPUQuerySet | null;
  private readonly resolved: GPUBuffer | null;

  constructor(device: GPUDevice, readonly available: boolean, private readonly kernelsPerStep: number) {
    const count = 2 * kernelsPerStep * MAX_PROFILED_STEPS;
    this.querySet = available ? device.createQuerySet({ type: 'timestamp', count }) : null;
    this.resolved = available
      ? device.createBuffer({ label: 'timestamps', size: count * 8, usage: GPUBufferUsage.QUERY_RESOLVE | GPUBufferUsage.COPY_SRC })
      : null;
  }

  /** Timestamp writes for kernel k of the `slot`-th timed step. */
  writes(slot: number, k: number): GPUComputePassTimestampWrites {
    const i = 2 * (slot * this.kernelsPerStep + k);
    return { querySet: this.querySet!, beginningOfPassWriteIndex: i, endOfPassWriteIndex: i + 1 };
  }

  /** Resolves the first `slots` timed steps and reads them back (nanoseconds). */
  async read(device: GPUDevice, reader: Reader, slots: number): Promise<BigUint64Array> {
    if (!this.querySet || !this.resolved || slots === 0) return new BigUint64Array(0);
    const count = 2 * this.kernelsPerStep * slots;
    const enc = device.createCommandEncoder({ label: 'resolve timestamps' });
    enc.resolveQuerySet(this.querySet, 0, count, this.resolved, 0);
    device.queue.submit([enc.finish()]);
    return new BigUint64Array(await reader.read(this.resolved, 0, count * 8));
  }

  destroy(): void {
    this.querySet?.destroy();
    this.resolved?.destroy();
  }
}
