// The coordinator's side of worker-owned epochs (see owned.ts): it starts the epoch loop on every
// worker, lets them complete batches a chunk at a time, reads the losses and timings they wrote in
// the per-batch ring, and after the epoch (or a stop, or a fault) puts the model of the last
// completed batch back into `params`.
import type { MlpSpec } from '../../mlp/spec';
import {
  CMD_BATCH, CMD_STOP, CTRL_ABORT, CTRL_ALLOW, CTRL_BAR_COUNT, CTRL_CMD, CTRL_COMPLETED, CTRL_DONE, CTRL_ERROR,
  CTRL_FAULT, CTRL_FAULT_KIND, CTRL_LENGTH, CTRL_WAKE, FAULT_CODE, type InjectedFault, type SharedViews,
} from './control';
import { allWorkers, blame, waitForCount, Waiting, type PoolData, type PoolDriver } from './driver';
import { makeOwnedViews, shardFloats, STAGES, type OwnedEpoch, type OwnedViews } from './owned';
import { rowsFloats } from './rows';
import { hiddenFloats } from './hidden';
import { setupLimitMs } from '../watchdog';
import type { WorkerPool } from './pool';

const F32 = Float32Array.BYTES_PER_ELEMENT, F64 = Float64Array.BYTES_PER_ELEMENT, I32 = Int32Array.BYTES_PER_ELEMENT;
/** Busy-wait loads before a worker sleeps at a barrier, when every worker has a core of its own. */
const SPIN = 200_000;

function hardwareThreads(): number {
  return typeof navigator !== 'undefined' && navigator.hardwareConcurrency > 0 ? navigator.hardwareConcurrency : 1;
}

export class AllreduceDriver implements PoolDriver {
  readonly mode: 'shared-allreduce' | 'shared-rows' | 'shared-hidden';
  readonly grads: Float32Array; // (N, P) worker w's shard gradient in row w
  readonly owned: OwnedViews;
  private readonly ctrl: Int32Array;
  private readonly views: SharedViews;
  private runs: Promise<void | never>[] = [];
  private running = new Waiting();
  /** dispatch 'rows' (rows.ts) or 'hidden' (hidden.ts): the shared activations, grown to the largest batch size asked for */
  private activationsBuffer: Float32Array | null = null;
  /** the all-reduce on more than one worker: every shard's pixels and errors (owned.ts, W1_BLOCK), grown likewise */
  private shardsBuffer: Float32Array | null = null;

  /**
   * split: dispatch 'rows' (activations shared, weight gradients split by rows) or 'hidden' (each
   * worker owns hidden units, forward and backward) instead of the all-reduce.
   */
  constructor(readonly pool: WorkerPool, readonly spec: MlpSpec, public params: Float32Array, readonly split?: 'rows' | 'hidden') {
    this.mode = split === 'rows' ? 'shared-rows' : split === 'hidden' ? 'shared-hidden' : 'shared-allreduce';
    const N = pool.size, P = params.length;
    this.grads = new Float32Array(new SharedArrayBuffer(N * P * F32));
    this.ctrl = new Int32Array(new SharedArrayBuffer(CTRL_LENGTH * I32));
    this.owned = makeOwnedViews(N, P);
    // times and losses of the per-batch protocol are not used here (the ring holds them)
    const times = new Float64Array(new SharedArrayBuffer(2 * N * F64)), losses = new Float64Array(new SharedArrayBuffer(N * F64));
    this.views = { params, grads: this.grads, ctrl: this.ctrl, times, losses };
    // A dead worker never completes a batch: wake our own waiter so it sees the fault.
    pool.onFault = () => Atomics.notify(this.ctrl, CTRL_COMPLETED);
  }

  async setup(): Promise<void> {
    const { pool, spec, views, owned } = this;
    await allWorkers(pool, setupLimitMs(pool.watchdog.limits), (id) =>
      pool.remotes[id].setup({ id, workers: pool.size, spec, shared: views, owned }));
  }

  async setData(d: PoolData): Promise<void> {
    const { pool } = this;
    await allWorkers(pool, setupLimitMs(pool.watchdog.limits), (id) => pool.remotes[id].setData(d.images, d.labels, d.order));
  }

  /** Starts every worker's epoch loop; they wait for the first runTo(). The order is already shared. */
  beginEpoch(e: Omit<OwnedEpoch, 'spin' | 'activations' | 'split' | 'shards'>): void {
    const c = this.ctrl, pool = this.pool, split = this.split;
    let activations: Float32Array | undefined, shards: Float32Array | undefined;
    if (split) {
      const floats = split === 'rows' ? rowsFloats(this.spec, e.batchSize) : hiddenFloats(this.spec, e.batchSize);
      if (!this.activationsBuffer || this.activationsBuffer.length < floats) this.activationsBuffer = new Float32Array(new SharedArrayBuffer(floats * F32));
      activations = this.activationsBuffer;
    } else if (pool.size > 1) {
      const floats = shardFloats(this.spec.inputSize, this.spec.hiddenSize, pool.size, e.batchSize);
      if (!this.shardsBuffer || this.shardsBuffer.length < floats) this.shardsBuffer = new Float32Array(new SharedArrayBuffer(floats * F32));
      shards = this.shardsBuffer;
    }
    this.owned.share.fill(0);
    for (const k of [CTRL_ALLOW, CTRL_WAKE, CTRL_COMPLETED, CTRL_BAR_COUNT, CTRL_ABORT, CTRL_ERROR, CTRL_DONE]) Atomics.store(c, k, 0);
    Atomics.store(c, CTRL_CMD, CMD_BATCH);
    this.owned.stage.fill(0);
    // Spinning only pays when each worker has a core; with more workers than cores it steals them.
    const spin = pool.size <= hardwareThreads() ? SPIN : 0;
    this.running = new Waiting();
    this.runs = pool.remotes.map((r, id) => this.running.track(id, blame(pool, id, r.ownEpoch({ ...e, spin, split, activations, shards }))));
    for (const p of this.runs) p.catch(() => undefined);
  }

  /** Batches whose update is in the model. */
  completed(): number {
    return Atomics.load(this.ctrl, CTRL_COMPLETED);
  }

  /**
   * Lets the workers complete batches up to `allow` (exclusive; never lowered) and waits until the
   * first `target` ≤ allow are complete. An allow beyond the target lets them start the next chunk
   * while this side reads the last one back: they never wait for the coordinator.
   */
  runTo(target: number, allow = target): Promise<void> {
    const c = this.ctrl, stage = this.owned.stage;
    Atomics.store(c, CTRL_WAKE, target);
    if (allow > Atomics.load(c, CTRL_ALLOW)) {
      Atomics.store(c, CTRL_ALLOW, allow);
      Atomics.notify(c, CTRL_ALLOW);
    }
    // the watchdog blames the worker furthest behind (a hung one never gets past its stage)
    const pending = () => {
      const behind: number[] = [];
      for (let w = 0; w < stage.length; w++) if (Atomics.load(stage, w) < STAGES * target) behind.push(w);
      return behind.sort((a, b) => Atomics.load(stage, a) - Atomics.load(stage, b) || a - b);
    };
    return this.pool.watch(waitForCount(this.pool, c, CTRL_COMPLETED, target), pending);
  }

  /** Tells the workers to leave (they may be waiting for more batches) and waits until they have. */
  async endEpoch(): Promise<void> {
    const c = this.ctrl;
    Atomics.store(c, CTRL_CMD, CMD_STOP);
    Atomics.notify(c, CTRL_ALLOW);
    await this.pool.watch(Promise.all(this.runs), this.running.pending);
    this.runs = [];
  }

  /**
   * The model after the last completed batch k is in buffer k % 2. After a clean end or a stop (every
   * worker has left its loop) an odd k is copied back into params. After a fault a worker may still
   * be writing one of the buffers until it is terminated, so the good one is copied into a NEW
   * shared buffer, returned for the backend to adopt (the next pool gets it).
   */
  settle(faulted: boolean): Float32Array {
    const k = this.completed();
    const good = k % 2 === 0 ? this.params : this.owned.next;
    if (faulted) {
      const fresh = new Float32Array(new SharedArrayBuffer(good.byteLength));
      fresh.set(good);
      return fresh;
    }
    if (good !== this.params) this.params.set(good);
    return this.params;
  }

  sharedViews(): ArrayBufferView[] {
    const views = [this.params, this.grads, this.ctrl, this.views.times, this.views.losses, this.owned.next, this.owned.stage, this.owned.ring, this.owned.ends];
    const extra = [this.activationsBuffer, this.shardsBuffer].filter((b): b is Float32Array => b !== null);
    return [...views, this.owned.share, ...extra];
  }

  inject(w: number, kind: InjectedFault): void {
    Atomics.store(this.ctrl, CTRL_FAULT_KIND, FAULT_CODE[kind]);
    Atomics.store(this.ctrl, CTRL_FAULT, w + 1);
  }
}
