// Transfer mode (no SharedArrayBuffer): every worker holds its own copy of the training set, sent
// once; per batch each busy worker is sent a COPY of the model and lent a gradient buffer, and both
// come back transferred (zero-copy), so the coordinator reuses the same buffers every batch.
// This is what multiprocessing does when it pickles arguments: the copy is the cost being taught.
import * as Comlink from 'comlink';
import type { MlpSpec } from '../../mlp/spec';
import { FAULT_CODE, type InjectedFault } from './control';
import { allWorkers, blame, Waiting, type BatchDriver, type PoolData } from './driver';
import { setupLimitMs } from '../watchdog';
import type { WorkerPool } from './pool';
import { busyWorkers } from './shard';

export class TransferDriver implements BatchDriver {
  readonly mode = 'transfer' as const;
  readonly shardGrads: Float32Array[] = [];
  readonly losses: Float64Array;
  readonly times: Float64Array;
  private readonly modelCopies: Float32Array[] = [];
  private readonly fault: number[]; // test hook: FAULT_* for each worker's next shard

  constructor(readonly pool: WorkerPool, readonly spec: MlpSpec, readonly params: Float32Array) {
    const N = pool.size, P = params.length;
    for (let w = 0; w < N; w++) {
      this.shardGrads.push(new Float32Array(P));
      this.modelCopies.push(new Float32Array(P));
    }
    this.losses = new Float64Array(N);
    this.times = new Float64Array(2 * N);
    this.fault = new Array<number>(N).fill(0);
  }

  async setup(): Promise<void> {
    const { pool, spec } = this;
    await allWorkers(pool, setupLimitMs(pool.watchdog.limits), (id) => pool.remotes[id].setup({ id, workers: pool.size, spec, shared: null }));
  }

  async setData(d: PoolData): Promise<void> {
    const { pool } = this;
    // One copy of the training set per worker (each "process" owns its memory), made compact so a
    // view on a larger buffer does not drag the whole buffer along, then transferred.
    await allWorkers(pool, setupLimitMs(pool.watchdog.limits), (id) => {
      const images = d.images.slice(), labels = d.labels.slice();
      return pool.remotes[id].setData(Comlink.transfer(images, [images.buffer]), Comlink.transfer(labels, [labels.buffer]), null);
    });
  }

  async beginEpoch(order: Uint32Array): Promise<void> {
    const { pool } = this;
    const waiting = new Waiting();
    await pool.watch(Promise.all(pool.remotes.map((r, id) => waiting.track(id, blame(pool, id, r.setOrder(order))))), waiting.pending);
  }

  async runBatch(start: number, B: number): Promise<void> {
    const { pool, params, modelCopies, shardGrads, times, losses, fault } = this;
    const busy = busyWorkers(B, pool.size);
    const calls: Promise<void>[] = [];
    const waiting = new Waiting();
    for (let w = 0; w < busy; w++) {
      const model = modelCopies[w], grads = shardGrads[w];
      model.set(params); // the per-batch copy of the model: message passing's price
      const f = fault[w];
      fault[w] = 0;
      const call = pool.remotes[w].computeTransfer(
        start, B, Comlink.transfer(model, [model.buffer as ArrayBuffer]), Comlink.transfer(grads, [grads.buffer as ArrayBuffer]), f);
      calls.push(waiting.track(w, blame(pool, w, call)).then((r) => {
        modelCopies[w] = r.params;
        shardGrads[w] = r.grads;
        times[2 * w] = r.t0;
        times[2 * w + 1] = r.t1;
        losses[w] = r.loss;
      }));
    }
    await pool.watch(Promise.all(calls), waiting.pending);
  }

  async endEpoch(): Promise<void> {}

  sharedViews(): ArrayBufferView[] {
    return []; // nothing is shared: each worker owns its copies
  }

  inject(w: number, kind: InjectedFault): void {
    this.fault[w] = FAULT_CODE[kind];
  }
}
