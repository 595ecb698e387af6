// How the coordinator hands one batch to the pool and gets shard gradients back. Three drivers, one
// interface: shared memory + Atomics, shared memory + one message per batch, and transfer.
import type { MlpSpec } from '../../mlp/spec';
import { CTRL_ERROR, waitAsyncFn, type InjectedFault } from './control';
import type { WorkersMode } from './mode';
import type { WorkerPool } from './pool';

/** The training set as the workers will see it (shared: views on SharedArrayBuffers). */
export interface PoolData {
  readonly images: Uint8Array;
  readonly labels: Uint8Array;
  readonly order: Uint32Array | null; // shared mode: the shared order buffer; transfer: null
}

/** What every driver has: the pool, the model, setup and the fault hook. */
export interface PoolDriver {
  readonly mode: WorkersMode;
  readonly pool: WorkerPool;
  readonly spec: MlpSpec;
  readonly params: Float32Array; // the coordinator's model (shared with the workers in shared modes)
  /** Sends the setup to every worker (once per pool, spec or mode). */
  setup(): Promise<void>;
  setData(d: PoolData): Promise<void>;
  /** Test hook: worker `w` throws, hangs or closes itself at its next shard. */
  inject(w: number, kind: InjectedFault): void;
  /** The views on SharedArrayBuffers this driver made (the memory bench counts each buffer once). */
  sharedViews(): ArrayBufferView[];
}

/** A driver the coordinator calls once per batch; it sums the shards and updates the model itself. */
export interface BatchDriver extends PoolDriver {
  readonly mode: Exclude<WorkersMode, 'shared-allreduce' | 'shared-rows' | 'shared-hidden'>;
  /** After runBatch: busy worker w's gradient sum is shardGrads[w], Σ loss losses[w]. */
  readonly shardGrads: readonly Float32Array[];
  readonly losses: Float64Array; // (N)
  readonly times: Float64Array; // (N,2) shard start/end on the shared clock
  beginEpoch(order: Uint32Array): Promise<void>;
  runBatch(start: number, B: number): Promise<void>;
  endEpoch(): Promise<void>;
}

/** The workers of one round trip that have not answered yet (the watchdog names the first). */
export class Waiting {
  private readonly left = new Set<number>();

  track<T>(w: number, p: Promise<T>): Promise<T> {
    this.left.add(w);
    return p.finally(() => this.left.delete(w));
  }

  readonly pending = (): number[] => [...this.left].sort((a, b) => a - b);
}

/** Calls `call` on every worker of the pool, under the watchdog with the setup deadline. */
export function allWorkers(pool: WorkerPool, limitMs: number, call: (w: number) => Promise<unknown>): Promise<unknown> {
  const waiting = new Waiting();
  return pool.watch(Promise.all(pool.remotes.map((_, w) => waiting.track(w, blame(pool, w, call(w))))), waiting.pending, limitMs);
}

export function errorText(e: unknown): string {
  if (e instanceof Error) return e.message;
  return typeof e === 'string' ? e : 'unknown error';
}

/** Marks the pool broken when worker `w`'s call rejects, then rethrows. */
export function blame<T>(pool: WorkerPool, w: number, p: Promise<T>): Promise<T> {
  return p.catch((e: unknown) => {
    pool.markFault(w, errorText(e));
    throw e;
  });
}

/** How long a worker that set CTRL_ERROR may take to deliver its error message through comlink. */
const ERROR_MESSAGE_GRACE_MS = 2000;

/**
 * Sleeps (Atomics.waitAsync, never blocking this thread) until ctrl[index] ≥ target; throws the
 * pool's fault, or names the worker that set CTRL_ERROR once its message has had time to arrive.
 */
export async function waitForCount(pool: WorkerPool, ctrl: Int32Array, index: number, target: number): Promise<void> {
  const waitAsync = waitAsyncFn()!;
  for (;;) {
    if (pool.fault) throw pool.failure();
    const failed = Atomics.load(ctrl, CTRL_ERROR);
    if (failed) {
      // The worker's error message follows through comlink (its call rejects and marks the fault).
      const grace = new Promise<void>((resolve) => setTimeout(resolve, ERROR_MESSAGE_GRACE_MS));
      await Promise.race([pool.whenFault, grace]).catch(() => undefined);
      pool.markFault(failed - 1, 'threw while computing its shard (no message arrived)');
      throw pool.failure();
    }
    const done = Atomics.load(ctrl, index);
    if (done >= target) return;
    const w = waitAsync(ctrl, index, done);
    if (w.async) await w.value;
  }
}
