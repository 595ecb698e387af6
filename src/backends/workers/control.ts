// The shared control block that drives batches without a message per batch (shared-memory mode).
// The coordinator writes the batch, resets DONE and bumps GEN with Atomics.notify; every worker
// sleeps in Atomics.wait on GEN, computes its shard, and the last one to finish bumps DONE to the
// number of busy workers and notifies; the coordinator waits on DONE with Atomics.waitAsync, so its
// own thread (the page or the notebook kernel) is never blocked.

export const CTRL_GEN = 0; // generation: bumped once per command
export const CTRL_CMD = 1; // CMD_BATCH or CMD_STOP
export const CTRL_START = 2; // offset of the batch in the epoch order
export const CTRL_BATCH = 3; // samples in the batch (B)
export const CTRL_DONE = 4; // busy workers finished with the current batch
export const CTRL_ERROR = 5; // 1 + id of a worker whose shard threw (0 = none)
export const CTRL_FAULT = 6; // test hook: 1 + id of a worker that must fault at its next shard
export const CTRL_FAULT_KIND = 7; // test hook: how (FAULT_THROW, FAULT_HANG or FAULT_CLOSE)
// Worker-owned epochs (shared memory + Atomics, see owned.ts): the workers run the batches themselves.
export const CTRL_ALLOW = 8; // batches of this epoch the workers may complete (the coordinator raises it)
export const CTRL_COMPLETED = 9; // batches whose update is in the model
export const CTRL_BAR_COUNT = 10; // workers arrived at the current barrier
export const CTRL_BAR_GEN = 11; // barrier generation: bumped by the last worker to arrive
export const CTRL_ABORT = 12; // 1 when a worker failed: the others leave their barriers and the epoch
export const CTRL_WAKE = 13; // the coordinator sleeps until this many batches are complete (ALLOW may be further: the next chunk)
export const CTRL_LENGTH = 14;

/** Injected faults (test hooks): throw an Error, block forever, or self.close() without a word. */
export const FAULT_NONE = 0;
export const FAULT_THROW = 1;
export const FAULT_HANG = 2;
export const FAULT_CLOSE = 3;
export type InjectedFault = 'throw' | 'hang' | 'close';
export const FAULT_CODE: Readonly<Record<InjectedFault, number>> = { throw: FAULT_THROW, hang: FAULT_HANG, close: FAULT_CLOSE };

export const CMD_BATCH = 1;
export const CMD_STOP = 2;

/** Buffers shared by the coordinator and every worker of one pool (shared-memory mode). */
export interface SharedViews {
  readonly params: Float32Array; // (P) the model, updated only by the coordinator between batches
  readonly grads: Float32Array; // (N,P) worker w writes row w: its shard's gradient sum
  readonly ctrl: Int32Array; // (CTRL_LENGTH) see above
  readonly times: Float64Array; // (N,2) start and end of each worker's last shard, ms (timeOrigin + now)
  readonly losses: Float64Array; // (N) Σ loss over each worker's last shard
}

/** What a worker reports for one shard: Σ loss and its start/end on the shared clock. */
export interface ShardResult {
  readonly loss: number;
  readonly t0: number;
  readonly t1: number;
}

/** Milliseconds on a clock every worker shares (each context has its own timeOrigin). */
export function sharedClock(): number {
  return performance.timeOrigin + performance.now();
}

// Atomics.waitAsync is ES2024 (Chromium has it; this project's lib is ES2023).
type WaitAsyncResult = { async: false; value: 'not-equal' | 'timed-out' } | { async: true; value: Promise<'ok' | 'timed-out'> };
type WaitAsync = (view: Int32Array, index: number, value: number, timeout?: number) => WaitAsyncResult;

export function waitAsyncFn(): WaitAsync | null {
  const f = (Atomics as unknown as { waitAsync?: WaitAsync }).waitAsync;
  return typeof f === 'function' ? f.bind(Atomics) : null;
}
