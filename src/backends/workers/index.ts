// The `workers` backend: data-parallel SGD on a pool of Web Workers. Each batch is split into one
// shard per worker, every worker computes the gradient SUM of its shard (normalised by the full
// batch size), the shards are added and ONE update is applied: the same computation as the
// sequential batch, so the weights follow the reference (not model averaging).
// Who adds and updates: with shared memory and Atomics (the default), the workers themselves, each
// on its slice of the parameters between two barriers, running the epoch's batches without the
// coordinator (allreduceDriver.ts, owned.ts); otherwise the coordinator, once per batch.
import type { Dataset } from '../../data/dataset';
import type { MlpSpec } from '../../mlp/spec';
import { runEpoch, type EpochParts } from '../epoch';
import { msg, type BackendText } from '../messages';
import { evaluateOnPool } from './evaluate';
import type { Backend, BackendOptions, EpochPlan, EpochStats, EvalResult } from '../types';
import { DEFAULT_WATCHDOG, type WatchdogLimits } from '../watchdog';
import { sharedClock, type InjectedFault } from './control';
import { AllreduceDriver } from './allreduceDriver';
import type { BatchDriver, PoolData } from './driver';
import { OWNED_RING, RING_LOSS, RING_STRIDE, RING_T0, RING_T1, RING_T2, RING_T3, RING_T4, RING_T5, RING_TAKEN } from './owned';
import { chooseMode, describeWorkers, modeReason, type ModeChoice } from './mode';
import { resolvePoolSize, WorkerFaultError, WorkerPool } from './pool';
import { reduce_and_update } from './reduce';
import { busyWorkers } from './shard';
import { SharedDriver } from './sharedDriver';
import { AllreduceRecorder, EpochRecorder, tasksRecordedNote } from './stats';
import { TransferDriver } from './transferDriver';

/** Worker-owned epochs: batches per hand-off sized to take about this long (as the wasm backend's chunks). */
const CHUNK_MS = 100;

function sharedCopy<T extends Uint8Array | Uint32Array | Float32Array>(src: T, make: (b: SharedArrayBuffer) => T): T {
  const out = make(new SharedArrayBuffer(src.byteLength));
  out.set(src as never);
  return out;
}

function isShared(a: ArrayBufferView): boolean {
  return typeof SharedArrayBuffer === 'function' && a.buffer instanceof SharedArrayBuffer;
}

function sameSpec(a: MlpSpec, b: MlpSpec): boolean {
  return a.inputSize === b.inputSize && a.hiddenSize === b.hiddenSize && a.outputSize === b.outputSize;
}

export class WorkersBackend implements Backend {
  readonly name = 'workers' as const;
  private spec!: MlpSpec;
  private params: Float32Array = new Float32Array(0);
  private size = 1;
  private choice!: ModeChoice; // set by init()
  private pool: WorkerPool | null = null;
  private driver: BatchDriver | AllreduceDriver | null = null;
  private train: Dataset | null = null;
  private poolData: PoolData | null = null; // shared mode: the training set in SharedArrayBuffers
  private dataVersion = 0;
  private driverDataVersion = -1;
  private workersCreated = 0;
  private watchdogLimits: WatchdogLimits = DEFAULT_WATCHDOG;
  /** For tests: batches per hand-off of a worker-owned epoch (null: about CHUNK_MS of them). */
  private fixedChunk: number | null = null;

  /**
   * For tests: make a worker die, throw, hang or close itself while an epoch runs; shorten the
   * watchdog; hand worker-owned epochs out a fixed number of batches at a time (the workers are then
   * never more than two such chunks ahead of a progress report, so a fault injected at one lands
   * inside the epoch however fast the batches run).
   */
  readonly testHooks = {
    terminateWorker: (w: number): void => this.pool?.terminateWorker(w, 'terminated (test hook)'),
    inject: (w: number, kind: InjectedFault): void => this.driver?.inject(w, kind),
    poolId: (): number => this.pool?.id ?? 0,
    setChunk: (batches: number | null): void => { this.fixedChunk = batches; },
    setWatchdog: (limits: Partial<WatchdogLimits>): void => {
      this.watchdogLimits = { ...this.watchdogLimits, ...limits };
      if (this.pool) this.pool.watchdog.limits = this.watchdogLimits;
    },
  };

  async init(spec: MlpSpec, params: Float32Array, opts: BackendOptions): Promise<void> {
    const size = resolvePoolSize(opts.workers);
    this.choice = chooseMode(opts);
    const shared = this.choice.mode !== 'transfer';
    const reuse = this.params.length === params.length && isShared(this.params) === shared;
    if (!reuse) {
      this.params = shared ? sharedCopy(params, (b) => new Float32Array(b)) : params.slice();
      this.driver = null; // the workers must be told about the new model buffer
    } else {
      this.params.set(params); // the workers already share (or are sent) this very buffer
    }
    if (!this.spec || !sameSpec(this.spec, spec)) this.driver = null;
    this.spec = spec;
    if (this.pool && this.pool.size !== size) this.dropPool(); // re-created only when N changes
    this.size = size;
    if (this.train && this.poolData && isShared(this.poolData.images) !== shared) {
      this.poolData = this.makePoolData(this.train);
      this.dataVersion++;
    }
    await this.readyOrFault();
  }

  async setData(train: Dataset): Promise<void> {
    if (train === this.train) return;
    this.train = train;
    this.poolData = this.makePoolData(train);
    this.dataVersion++;
    await this.readyOrFault();
  }

  /**
   * Shared modes: the workers read the page's own copy when it already is in shared memory (loadMnist
   * puts it there on an isolated page), else one copy made here; transfer mode copies per worker.
   */
  private makePoolData(train: Dataset): PoolData {
    if (this.choice.mode === 'transfer') return { images: train.images, labels: train.labels, order: null };
    return {
      images: isShared(train.images) ? train.images : sharedCopy(train.images, (b) => new Uint8Array(b)),
      labels: isShared(train.labels) ? train.labels : sharedCopy(train.labels, (b) => new Uint8Array(b)),
      order: new Uint32Array(new SharedArrayBuffer(train.count * Uint32Array.BYTES_PER_ELEMENT)),
    };
  }

  /**
   * Bytes of the SharedArrayBuffers each worker of the pool maps (model, gradients, losses, times,
   * training set, order), each buffer once; 0 in transfer mode. The memory bench needs it: a browser
   * counts a shared buffer in every worker that maps it.
   */
  sharedBytes(): { bytes: number; workers: number } {
    const bufs = new Set<ArrayBufferLike>();
    const p = this.poolData;
    for (const a of [this.params, p?.images, p?.labels, p?.order, ...(this.driver?.sharedViews() ?? [])]) {
      if (a && isShared(a)) bufs.add(a.buffer);
    }
    let bytes = 0;
    for (const b of bufs) bytes += b.byteLength;
    return { bytes, workers: this.pool?.size ?? 0 };
  }

  /** The pool (built if missing or broken) with its driver set up and the current data sent. */
  private async ready(): Promise<BatchDriver | AllreduceDriver> {
    if (this.pool?.fault) this.dropPool();
    if (!this.pool) {
      this.pool = new WorkerPool(this.size, this.watchdogLimits);
      this.workersCreated += this.size;
    }
    const pool = this.pool;
    const d = this.driver;
    if (!d || d.pool !== pool || d.mode !== this.choice.mode || d.params !== this.params) {
      const mode = this.choice.mode;
      this.driver = mode === 'transfer' ? new TransferDriver(pool, this.spec, this.params)
        : mode === 'shared-allreduce' || mode === 'shared-rows' || mode === 'shared-hidden'
          ? new AllreduceDriver(pool, this.spec, this.params, mode === 'shared-rows' ? 'rows' : mode === 'shared-hidden' ? 'hidden' : undefined)
          : new SharedDriver(pool, this.spec, this.params, mode === 'shared-atomics');
      this.driverDataVersion = -1;
      await this.driver.setup();
    }
    const driver = this.driver!;
    if (this.poolData && this.driverDataVersion !== this.dataVersion) {
      await driver.setData(this.poolData);
      this.driverDataVersion = this.dataVersion;
    }
    return driver;
  }

  /** ready(), with a failure while (re)building the pool reported like any worker fault. */
  private async readyOrFault(): Promise<BatchDriver | AllreduceDriver> {
    try {
      return await this.ready();
    } catch (e) {
      const fault = this.pool?.fault;
      if (!fault) throw e;
      this.dropPool();
      throw new WorkerFaultError(fault.worker, -1, 0, fault.message);
    }
  }

  private dropPool(): void {
    this.pool?.dispose();
    this.pool = null;
    this.driver = null;
  }

  async trainEpoch(plan: EpochPlan, signal?: AbortSignal): Promise<EpochStats> {
    if (!this.train) throw new Error('workers backend: setData() must be called before trainEpoch()');
    const driver = await this.readyOrFault();
    if (driver instanceof AllreduceDriver) return this.trainEpochAllreduce(driver, plan, signal);
    const pool = driver.pool, N = pool.size, P = this.params.length;
    const n = plan.order.length, batches = Math.ceil(n / plan.batchSize);
    const rec = new EpochRecorder(N, sharedClock());
    const batchLoss = [0]; // one batch per call; the loop reads it before the next call
    return runEpoch(plan, {
      backend: 'workers',
      clock: sharedClock,
      begin: async () => {
        if (this.poolData?.order) this.poolData.order.set(plan.order); // the one copy of the epoch's order
        await driver.beginEpoch(plan.order);
      },
      run: async (i) => {
        const start = i * plan.batchSize;
        const B = Math.min(plan.batchSize, n - start);
        const busy = busyWorkers(B, N);
        const d = sharedClock();
        await driver.runBatch(start, B);
        const r = sharedClock();
        reduce_and_update(this.params, driver.shardGrads, busy, P, plan.learningRate);
        rec.batch(i, busy, d, r, sharedClock(), driver.times);
        let loss = 0;
        for (let w = 0; w < busy; w++) loss += driver.losses[w];
        batchLoss[0] = loss / B;
        return batchLoss;
      },
      end: async () => {
        if (!pool.fault) await driver.endEpoch();
      },
      fail: (e, completed) => {
        const fault = pool.fault;
        if (!fault) return e;
        this.dropPool(); // every worker goes; the next run builds a fresh pool
        return new WorkerFaultError(fault.worker, completed < batches ? completed : -1, completed, fault.message);
      },
      parts: (wallMs) => this.epochParts(driver, rec, wallMs, batches),
    }, signal);
  }

  /**
   * Worker-owned epoch (owned.ts): the workers run the batches, all-reducing between barriers; this
   * side hands them chunks of about CHUNK_MS, reads back the losses and timings, and settles the model.
   */
  private trainEpochAllreduce(driver: AllreduceDriver, plan: EpochPlan, signal?: AbortSignal): Promise<EpochStats> {
    const pool = driver.pool, N = pool.size;
    const n = plan.order.length, bs = plan.batchSize, batches = Math.ceil(n / bs);
    const t0 = sharedClock();
    const rec = new AllreduceRecorder(N, t0, driver.split);
    const { ring, ends } = driver.owned;
    const at = { t0: RING_T0, t1: RING_T1, t2: RING_T2, t3: RING_T3, t4: RING_T4, t5: RING_T5, taken: RING_TAKEN };
    let settled = false;
    const settle = (faulted: boolean) => {
      if (settled) return;
      settled = true;
      const model = driver.settle(faulted);
      if (model !== this.params) this.params = model; // after a fault: a fresh buffer for the next pool
    };
    return runEpoch(plan, {
      backend: 'workers',
      clock: sharedClock,
      chunk: this.fixedChunk ?? { targetMs: CHUNK_MS },
      begin: () => {
        this.poolData!.order!.set(plan.order); // the one copy of the epoch's order
        driver.beginEpoch({ n, batchSize: bs, batches, learningRate: plan.learningRate });
      },
      run: async (first, count) => {
        const losses = new Float64Array(count);
        for (let s = first; s < first + count;) {
          const to = Math.min(first + count, s + OWNED_RING / 2); // the ring holds this chunk and the next
          await driver.runTo(to, Math.min(batches, to + (to - s))); // and they may start the next one meanwhile
          for (let i = s; i < to; i++) {
            const B = Math.min(bs, n - i * bs), busy = busyWorkers(B, N);
            const base = (i % OWNED_RING) * N * RING_STRIDE;
            rec.batch(i, busy, ring, base, RING_STRIDE, at, ends[i % OWNED_RING]);
            let loss = 0;
            for (let w = 0; w < busy; w++) loss += ring[base + w * RING_STRIDE + RING_LOSS];
            losses[i - first] = loss / B;
          }
          s = to;
        }
        return losses;
      },
      end: async () => {
        if (pool.fault) return;
        await driver.endEpoch();
        settle(false);
      },
      completed: () => driver.completed(), // after a Stop: the chunk run ahead is in the model too
      fail: (e) => {
        const fault = pool.fault;
        if (!fault) return e;
        const completed = driver.completed(); // what the model holds (it may be more than runEpoch saw)
        settle(true);
        this.dropPool(); // every worker goes; the next run builds a fresh pool with the settled model
        return new WorkerFaultError(fault.worker, completed < batches ? completed : -1, completed, fault.message);
      },
      parts: (wallMs) => this.epochParts(driver, rec, wallMs, batches),
    }, signal);
  }

  /** An epoch's breakdown, task stream and extras, whichever driver ran it. */
  private epochParts(driver: BatchDriver | AllreduceDriver, rec: EpochRecorder | AllreduceRecorder, wallMs: number, batches: number): EpochParts {
    const pool = driver.pool;
    return {
      breakdown: rec.breakdown(wallMs),
      tasks: rec.tasks,
      extra: {
        mode: driver.mode, modeReason: modeReason(this.choice), workers: pool.size, poolId: pool.id,
        workersCreated: this.workersCreated, tasksRecorded: tasksRecordedNote(batches), ...rec.perWorker(),
      },
    };
  }

  /** The forward pass sharded over the pool (evaluate.ts); needs init() only, not setData(). */
  async evaluate(data: Dataset): Promise<EvalResult> {
    if (!this.spec) throw new Error('workers backend: init() must be called first');
    if (data.rows * data.cols !== this.spec.inputSize) throw new Error(`workers backend: images of ${data.rows}×${data.cols} pixels, the model takes ${this.spec.inputSize}`);
    const driver = await this.readyOrFault();
    const pool = driver.pool;
    try {
      return await evaluateOnPool(pool, this.spec.outputSize, this.choice.mode === 'transfer' ? this.params : null, data);
    } catch (e) {
      const fault = pool.fault;
      if (!fault) throw e;
      this.dropPool(); // as after a faulted epoch: the next call builds a fresh pool
      throw new WorkerFaultError(fault.worker, -1, 0, fault.message);
    }
  }

  async getParams(): Promise<Float32Array> {
    return this.params.slice(); // a plain (unshared) copy
  }

  async setParams(params: Float32Array): Promise<void> {
    this.params.set(params);
  }

  describe(): BackendText {
    if (!this.choice) return msg('describe_workers_none');
    return describeWorkers(this.size, this.choice);
  }

  /** Why this mode is active (e.g. not cross-origin isolated). */
  modeReason(): BackendText | null {
    return this.choice ? modeReason(this.choice) : null;
  }

  async dispose(): Promise<void> {
    this.dropPool();
    this.train = null;
    this.poolData = null;
  }
}
