// Shared-memory drivers: the model, the training set, the order and the gradient rows live in
// SharedArrayBuffers, so no data or model is copied per batch. Batches are started either through
// the Atomics control block (no message at all) or by one comlink call per busy worker.
import type { MlpSpec } from '../../mlp/spec';
import {
  CMD_BATCH, CMD_STOP, CTRL_BATCH, CTRL_CMD, CTRL_DONE, CTRL_FAULT, CTRL_FAULT_KIND, CTRL_GEN, CTRL_LENGTH,
  CTRL_START, FAULT_CODE, type InjectedFault, type SharedViews,
} from './control';
import { allWorkers, blame, waitForCount, Waiting, type BatchDriver, type PoolData } from './driver';
import { setupLimitMs } from '../watchdog';
import type { WorkerPool } from './pool';
import { busyWorkers } from './shard';

const F32 = Float32Array.BYTES_PER_ELEMENT, F64 = Float64Array.BYTES_PER_ELEMENT, I32 = Int32Array.BYTES_PER_ELEMENT;

export class SharedDriver implements BatchDriver {
  readonly mode: 'shared-atomics' | 'shared-messages';
  readonly shardGrads: Float32Array[] = [];
  readonly losses: Float64Array;
  readonly times: Float64Array;
  private readonly views: SharedViews;
  private readonly ctrl: Int32Array;
  private readonly fault: number[]; // test hook: FAULT_* for each worker's next shard (messages mode)
  private runs: Promise<void | never>[] = [];
  private running = new Waiting(); // atomics mode: workers whose batch loop has not returned

  constructor(readonly pool: WorkerPool, readonly spec: MlpSpec, readonly params: Float32Array, atomics: boolean) {
    this.mode = atomics ? 'shared-atomics' : 'shared-messages';
    const N = pool.size, P = params.length;
    const grads = new Float32Array(new SharedArrayBuffer(N * P * F32));
    for (let w = 0; w < N; w++) this.shardGrads.push(grads.subarray(w * P, (w + 1) * P));
    this.ctrl = new Int32Array(new SharedArrayBuffer(CTRL_LENGTH * I32));
    this.times = new Float64Array(new SharedArrayBuffer(2 * N * F64));
    this.losses = new Float64Array(new SharedArrayBuffer(N * F64));
    this.views = { params, grads, ctrl: this.ctrl, times: this.times, losses: this.losses };
    this.fault = new Array<number>(N).fill(0);
    // A dead worker never signals DONE: wake our own waiter so the loop sees the fault.
    pool.onFault = () => Atomics.notify(this.ctrl, CTRL_DONE);
  }

  async setup(): Promise<void> {
    const { pool, spec, views } = this;
    await allWorkers(pool, setupLimitMs(pool.watchdog.limits), (id) =>
      pool.remotes[id].setup({ id, workers: pool.size, spec, shared: views }));
  }

  async setData(d: PoolData): Promise<void> {
    const { pool } = this;
    // Views on SharedArrayBuffers: posting them shares the memory, nothing is copied.
    await allWorkers(pool, setupLimitMs(pool.watchdog.limits), (id) => pool.remotes[id].setData(d.images, d.labels, d.order));
  }

  async beginEpoch(): Promise<void> {
    // The backend has written the epoch's order into the shared order buffer.
    if (this.mode !== 'shared-atomics') return;
    const { pool } = this;
    const gen0 = Atomics.load(this.ctrl, CTRL_GEN);
    // Each worker enters its batch loop; the call returns only at CMD_STOP (or rejects on a throw).
    this.running = new Waiting();
    this.runs = pool.remotes.map((r, id) => this.running.track(id, blame(pool, id, r.runEpoch(gen0))));
    for (const p of this.runs) p.catch(() => undefined);
  }

  runBatch(start: number, B: number): Promise<void> {
    return this.mode === 'shared-atomics' ? this.runBatchAtomics(start, B) : this.runBatchMessages(start, B);
  }

  private runBatchAtomics(start: number, B: number): Promise<void> {
    const { pool, times } = this;
    const busy = busyWorkers(B, pool.size);
    for (let w = 0; w < busy; w++) times[2 * w + 1] = 0; // a worker writes its shard's end time when done
    const pending = () => {
      const out: number[] = [];
      for (let w = 0; w < busy; w++) if (times[2 * w + 1] === 0) out.push(w);
      return out;
    };
    return pool.watch(this.signalBatch(start, B, busy), pending);
  }

  private async signalBatch(start: number, B: number, busy: number): Promise<void> {
    const c = this.ctrl, pool = this.pool;
    Atomics.store(c, CTRL_DONE, 0);
    Atomics.store(c, CTRL_START, start);
    Atomics.store(c, CTRL_BATCH, B);
    Atomics.store(c, CTRL_CMD, CMD_BATCH);
    Atomics.add(c, CTRL_GEN, 1);
    Atomics.notify(c, CTRL_GEN);
    await waitForCount(pool, c, CTRL_DONE, busy);
  }

  private async runBatchMessages(start: number, B: number): Promise<void> {
    const { pool, times, losses, fault } = this;
    const busy = busyWorkers(B, pool.size);
    const calls: Promise<void>[] = [];
    const waiting = new Waiting();
    for (let w = 0; w < busy; w++) {
      const f = fault[w];
      fault[w] = 0;
      calls.push(waiting.track(w, blame(pool, w, pool.remotes[w].computeShared(start, B, f))).then((r) => {
        times[2 * w] = r.t0;
        times[2 * w + 1] = r.t1;
        losses[w] = r.loss;
      }));
    }
    await pool.watch(Promise.all(calls), waiting.pending);
  }

  async endEpoch(): Promise<void> {
    if (this.mode !== 'shared-atomics') return;
    const c = this.ctrl;
    Atomics.store(c, CTRL_CMD, CMD_STOP);
    Atomics.add(c, CTRL_GEN, 1);
    Atomics.notify(c, CTRL_GEN);
    await this.pool.watch(Promise.all(this.runs), this.running.pending);
    this.runs = [];
  }

  sharedViews(): ArrayBufferView[] {
    return [this.params, this.shardGrads[0], this.ctrl, this.losses, this.times];
  }

  inject(w: number, kind: InjectedFault): void {
    if (this.mode === 'shared-atomics') {
      Atomics.store(this.ctrl, CTRL_FAULT_KIND, FAULT_CODE[kind]);
      Atomics.store(this.ctrl, CTRL_FAULT, w + 1);
    } else {
      this.fault[w] = FAULT_CODE[kind];
    }
  }
}
