// One worker of the pool: computes the gradient sum of its shard of each batch (see gradients.ts).
// Set up once per pool through comlink; per batch it is driven either by the shared control block
// (Atomics, no message at all) or by one small comlink call (see control.ts and drivers.ts).
import * as Comlink from 'comlink';
import type { MlpSpec } from '../../mlp/spec';
import {
  CMD_STOP, CTRL_BATCH, CTRL_CMD, CTRL_COMPLETED, CTRL_DONE, CTRL_ERROR, CTRL_FAULT, CTRL_FAULT_KIND, CTRL_GEN, CTRL_START, CTRL_WAKE,
  FAULT_CLOSE, FAULT_HANG, FAULT_NONE, FAULT_THROW, sharedClock, type ShardResult, type SharedViews,
} from './control';
import { ShardScratch, shard_gradients, shard_head, shard_w1_rows } from '../js/gradients';
import { busyWorkers, shardRange } from './shard';
import {
  abortEpoch, awaitAllowed, barrier, modelFor, OWNED_RING, paramSlice, reduceSlice, shardViews, takeBlocks, W1_BLOCK,
  RING_LOSS, RING_STRIDE, RING_T0, RING_T1, RING_T2, RING_T3, RING_T4, RING_T5, RING_TAKEN, STAGES, type OwnedEpoch, type OwnedViews,
} from './owned';
import { evaluateWith } from '../evaluate';
import { paramViews } from '../../mlp/reference';
import { rows_activations, rows_update } from './rows';
import { HiddenScratch, hidden_forward, hidden_loss, hidden_update } from './hidden';
import type { ShardEval } from './evaluate';

export interface WorkerSetup {
  readonly id: number;
  readonly workers: number; // N, the pool size
  readonly spec: MlpSpec;
  readonly shared: SharedViews | null; // null: transfer mode, every buffer is this worker's own
  readonly owned?: OwnedViews; // worker-owned epochs (shared memory + Atomics): see owned.ts
}

interface State {
  setup: WorkerSetup;
  scratch: ShardScratch;
  hidden: HiddenScratch | null; // dispatch 'hidden': made at its first epoch
  grads: Float32Array | null; // this worker's row of the shared gradient buffer
}

let state: State | null = null;
let images: Uint8Array = new Uint8Array(0);
let labels: Uint8Array = new Uint8Array(0);
let order: Uint32Array = new Uint32Array(0);
let faultNext = FAULT_NONE; // test hook: fault at the next shard (FAULT_THROW, FAULT_HANG, FAULT_CLOSE)

/** Thrown by an injected 'close': the worker has called self.close() and must never answer. */
class Closed {}

/** Test hooks: a fault as it happens in the wild. 'hang' and 'close' fire no error event at all. */
function injectedFault(kind: number): void {
  if (kind === FAULT_THROW) throw new Error('fault injected by a test hook');
  if (kind === FAULT_CLOSE) {
    self.close(); // ends the worker after this task, with no error event
    throw new Closed();
  }
  if (kind === FAULT_HANG) {
    // Blocks this worker for good (a deadlock, or an endless loop in the student's sense)
    if (typeof SharedArrayBuffer === 'function') {
      for (;;) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0);
    }
    for (;;) {
      // no shared memory to sleep on: spin forever (the watchdog's timeout terminates us)
    }
  }
}

/** Runs an api call; after an injected close it returns a promise that never settles: no reply at all. */
function answer<T>(f: () => T): T | Promise<never> {
  try {
    return f();
  } catch (e) {
    if (e instanceof Closed) return new Promise<never>(() => undefined);
    throw e;
  }
}

function ready(): State {
  if (!state) throw new Error('shard worker: setup() was not called');
  return state;
}

/** A fault a test asked for, at the start of this worker's next piece of work. */
function faultHere(): void {
  if (faultNext !== FAULT_NONE) {
    const kind = faultNext;
    faultNext = FAULT_NONE;
    injectedFault(kind);
  }
}

/** This worker's shard of the batch at `start`: its gradient into `grads`, or (given the shared activations) phase 1 of dispatch 'rows'. */
function computeShard(params: Float32Array, grads: Float32Array, start: number, B: number, activations?: Float32Array): ShardResult {
  const { setup, scratch } = ready();
  const t0 = sharedClock();
  faultHere();
  const sh = shardRange(B, setup.workers, setup.id);
  const loss = activations
    ? rows_activations(setup.spec, scratch, params, activations, images, labels, order, start + sh.start, sh.count, B, sh.start)
    : shard_gradients(setup.spec, scratch, params, grads, images, labels, order, start + sh.start, sh.count, B);
  return { loss, t0, t1: sharedClock() };
}

const api = {
  setup(s: WorkerSetup): void {
    const P = s.shared ? s.shared.params.length : 0;
    state = {
      setup: s,
      scratch: new ShardScratch(s.spec),
      hidden: null,
      grads: s.shared ? s.shared.grads.subarray(s.id * P, (s.id + 1) * P) : null,
    };
  },

  /** Shared mode: views on the shared training set and order buffer. Transfer mode: own copies. */
  setData(img: Uint8Array, lab: Uint8Array, sharedOrder: Uint32Array | null): void {
    images = img;
    labels = lab;
    if (sharedOrder) order = sharedOrder;
  },

  /** Transfer and message modes without shared memory: this epoch's order, copied once per epoch. */
  setOrder(o: Uint32Array): void {
    order = o;
  },

  /** Shared memory + Atomics: serve batches until CMD_STOP. `gen0` is GEN before the first batch. */
  runEpoch(gen0: number): void | Promise<never> {
    const { setup, grads } = ready();
    const sh = setup.shared!;
    const c = sh.ctrl, id = setup.id;
    let gen = gen0;
    for (;;) {
      Atomics.wait(c, CTRL_GEN, gen);
      const g = Atomics.load(c, CTRL_GEN);
      if (g === gen) continue; // spurious wake-up
      gen = g;
      if (Atomics.load(c, CTRL_CMD) === CMD_STOP) return;
      const start = Atomics.load(c, CTRL_START), B = Atomics.load(c, CTRL_BATCH);
      if (id >= busyWorkers(B, setup.workers)) continue; // empty shard: sit this batch out
      if (Atomics.compareExchange(c, CTRL_FAULT, id + 1, 0) === id + 1) faultNext = Atomics.load(c, CTRL_FAULT_KIND);
      try {
        const r = computeShard(sh.params, grads!, start, B);
        sh.times[2 * id] = r.t0;
        sh.times[2 * id + 1] = r.t1;
        sh.losses[id] = r.loss;
      } catch (e) {
        if (e instanceof Closed) return new Promise<never>(() => undefined); // closed: never answer
        // Count as finished so the coordinator wakes, and name ourselves; comlink carries the error.
        Atomics.store(c, CTRL_ERROR, id + 1);
        Atomics.add(c, CTRL_DONE, 1);
        Atomics.notify(c, CTRL_DONE);
        throw e;
      }
      if (Atomics.add(c, CTRL_DONE, 1) + 1 === busyWorkers(B, setup.workers)) Atomics.notify(c, CTRL_DONE);
    }
  },

  /**
   * Shared memory + Atomics, worker-owned epoch (owned.ts): run the epoch's batches, each one
   * "my shard's gradient, barrier, my slice of the reduction and the update, barrier" (dispatch
   * 'rows', rows.ts: "my shard's activations, barrier, my rows' gradient and update, barrier";
   * 'hidden', hidden.ts: "my units forward, barrier, my shard's loss, barrier, my units backward and
   * their update, barrier"), as
   * far as the coordinator allows; returns after the last batch, at Stop, or when another worker failed.
   */
  ownEpoch(e: OwnedEpoch): void | Promise<never> {
    const st = ready(), { setup, grads } = st;
    const sh = setup.shared!, ow = setup.owned!;
    const c = sh.ctrl, id = setup.id, N = setup.workers, P = sh.params.length, spec = setup.spec;
    const rows: Float32Array[] = [];
    for (let w = 0; w < N; w++) rows.push(sh.grads.subarray(w * P, (w + 1) * P));
    const { lo, hi } = paramSlice(P, N, id);
    const ring = ow.ring;
    const hidden = e.split === 'hidden' ? (st.hidden ??= new HiddenScratch(spec, N, id)) : null;
    // the all-reduce with shared dW1 blocks (owned.ts, W1_BLOCK): every shard's pixels, errors and W1 gradient
    const share = e.shards ? ow.share : null, C = spec.inputSize, H = spec.hiddenSize, K = Math.ceil(H / W1_BLOCK);
    const shards = e.shards ? rows.map((r, w) => ({ ...shardViews(e.shards!, C, H, N, e.batchSize, w), gw1: paramViews(spec, r).w1 })) : [];
    if (share) st.scratch.share(shards[id]);
    /** The dW1 blocks of worker v's shard (S samples) that nobody has taken yet; how many. */
    const blocksOf = (v: number, S: number): number => takeBlocks(share!, N, v, K, (k) =>
      shard_w1_rows(spec, shards[v].gw1, shards[v].dh, shards[v].x, S, k * W1_BLOCK, Math.min(H, (k + 1) * W1_BLOCK)));
    /** This worker failed: the others leave their barriers, the error names it (a close: never answer). */
    const failed = (err: unknown): Promise<never> => {
      if (err instanceof Closed) return new Promise<never>(() => undefined);
      Atomics.store(c, CTRL_ERROR, id + 1); // name ourselves; comlink carries the error
      abortEpoch(c);
      throw err;
    };
    for (let i = 0; i < e.batches; i++) {
      if (!awaitAllowed(c, i, e.spin)) return;
      const start = i * e.batchSize, B = Math.min(e.batchSize, e.n - start), busy = busyWorkers(B, N);
      const { cur, next } = modelFor(i, sh.params, ow.next);
      const slot = ((i % OWNED_RING) * N + id) * RING_STRIDE;
      if (hidden) {
        // dispatch 'hidden' (hidden.ts): its units forward | its shard's loss | its units backward and update
        try {
          if (Atomics.compareExchange(c, CTRL_FAULT, id + 1, 0) === id + 1) faultNext = Atomics.load(c, CTRL_FAULT_KIND);
          ring[slot + RING_T4] = sharedClock();
          faultHere();
          hidden_forward(spec, hidden, cur, e.activations!, images, labels, order, start, B);
          ring[slot + RING_T5] = sharedClock();
        } catch (err) {
          return failed(err);
        }
        Atomics.store(ow.stage, id, STAGES * i + 1);
        if (!barrier(c, N, e.spin)) return;
        ring[slot + RING_T0] = sharedClock();
        try {
          ring[slot + RING_LOSS] = hidden_loss(spec, hidden, cur, e.activations!, B);
        } catch (err) {
          return failed(err);
        }
        ring[slot + RING_T1] = sharedClock();
        Atomics.store(ow.stage, id, STAGES * i + 2);
        if (!barrier(c, N, e.spin)) return;
        ring[slot + RING_T2] = sharedClock();
        try {
          hidden_update(spec, hidden, e.activations!, B, cur, next, rows[0], e.learningRate);
        } catch (err) {
          return failed(err);
        }
        ring[slot + RING_T3] = sharedClock();
      } else {
        let t0 = 0, t1 = 0, loss = 0, taken = 0;
        if (id < busy) {
          if (Atomics.compareExchange(c, CTRL_FAULT, id + 1, 0) === id + 1) faultNext = Atomics.load(c, CTRL_FAULT_KIND);
          try {
            if (share) {
              // its shard up to dW1, then dW1 in blocks: its own, then those of shards still waiting
              t0 = sharedClock();
              faultHere();
              const sh = shardRange(B, N, id);
              loss = shard_head(spec, st.scratch, cur, grads!, images, labels, order, start + sh.start, sh.count, B);
              Atomics.store(share, id, i + 1);
              blocksOf(id, sh.count);
              // then the blocks left of every shard that is ready (waiting for one that is not would
              // only move the wait here from the barrier)
              for (let k = 1; k < busy; k++) {
                const v = (id + k) % busy;
                if (Atomics.load(share, v) === i + 1) taken += blocksOf(v, shardRange(B, N, v).count);
              }
              t1 = sharedClock();
            } else {
              const r = computeShard(cur, grads!, start, B, e.split === 'rows' ? e.activations : undefined);
              t0 = r.t0; t1 = r.t1; loss = r.loss;
            }
          } catch (err) {
            return failed(err);
          }
        }
        ring[slot + RING_T0] = t0;
        ring[slot + RING_T1] = t1;
        ring[slot + RING_LOSS] = loss;
        ring[slot + RING_TAKEN] = taken;
        Atomics.store(ow.stage, id, STAGES * i + 2);
        if (!barrier(c, N, e.spin)) return;
        if (share) Atomics.store(share, N + id, 0); // every block of this batch is done: hand them out again next batch
        ring[slot + RING_T2] = sharedClock();
        if (e.split === 'rows') rows_update(spec, e.activations!, B, N, id, cur, next, rows[0], e.learningRate);
        else reduceSlice(next, cur, rows, busy, lo, hi, e.learningRate);
        ring[slot + RING_T3] = sharedClock();
      }
      Atomics.store(ow.stage, id, STAGES * i + 3);
      const ok = barrier(c, N, e.spin, () => {
        ow.ends[i % OWNED_RING] = sharedClock();
        Atomics.store(c, CTRL_COMPLETED, i + 1);
        // the coordinator sleeps until its chunk is done: wake it once per chunk, not per batch
        if (i + 1 >= Atomics.load(c, CTRL_WAKE)) Atomics.notify(c, CTRL_COMPLETED);
      });
      if (!ok) return;
    }
  },

  /** Shared memory, one comlink call per batch: no data moves, only (start, B) and the result. */
  computeShared(start: number, B: number, fault: number): ShardResult | Promise<never> {
    const { setup, grads } = ready();
    faultNext ||= fault;
    return answer(() => computeShard(setup.shared!.params, grads!, start, B));
  },

  /**
   * Transfer mode: the model arrives as a copy (params), the gradient buffer is lent; both go back
   * transferred (zero-copy) so the coordinator can reuse them for the next batch.
   */
  computeTransfer(start: number, B: number, params: Float32Array, grads: Float32Array, fault: number) {
    faultNext ||= fault;
    return answer(() => {
      const r = computeShard(params, grads, start, B);
      return Comlink.transfer({ ...r, params, grads }, [params.buffer, grads.buffer]);
    });
  },

  /**
   * Inference on this worker's shard of the images with the JS forward pass; the model is the
   * shared one (params null, shared modes) or the copy sent with the call (transfer mode).
   */
  evaluate(img: Uint8Array, lab: Uint8Array, count: number, rows: number, cols: number, params: Float32Array | null): ShardEval {
    const { setup } = ready();
    const model = params ?? setup.shared?.params;
    if (!model) throw new Error('shard worker: evaluate needs the model (transfer mode sends it)');
    const r = evaluateWith(setup.spec, model, { images: img, labels: lab, count, rows, cols });
    let correct = 0;
    for (let n = 0; n < count; n++) if (r.predictions[n] === lab[n]) correct++;
    const out: ShardEval = { lossSum: r.loss * count, correct, predictions: r.predictions, probabilities: r.probabilities };
    return Comlink.transfer(out, [r.predictions.buffer, r.probabilities.buffer]);
  },
};

export type ShardWorkerApi = typeof api;

Comlink.expose(api);
