// Worker-owned epochs (shared memory + Atomics): the coordinator is out of every batch. The workers
// run the epoch's batches themselves, and between batches they synchronise with each other only:
//
//   for each batch i:   shard gradient  →  barrier  →  reduce-scatter + update of my slice  →  barrier
//
// The reduce-scatter: worker w sums every busy worker's gradient row over ITS slice of the P
// parameters (a contiguous, cache-line-aligned range) and applies the SGD update to that slice, so
// the reduction and the update run in parallel instead of on the coordinator, and no one waits for
// the coordinator to wake up. The sum is taken in worker order as reduce_and_update does, so the
// weights are bit for bit what the coordinator's update gives.
//
// Tried and not kept (2026-11-28): reducing each block of W1's gradient as soon as every worker had
// written it (per-block arrival counters, the block's owner summing it at its next block boundary
// or after its shard), which drops the first barrier. In paired epochs at batch 128 on 2 workers
// it was no faster than this (medians 4,332 and 4,233 ms against 4,470 and 4,102 in two runs on a
// busy host). In its breakdown the reduction part grew from 59 to 358 ms per epoch (the
// sums run beside the other worker's compute, and it includes waiting for its last blocks).
//
// The model is double-buffered: batch i reads buffer i % 2 and writes the updated model into the
// other one. A worker that dies in the middle of an update (terminate, a crash) can then only have
// spoilt the buffer being written: the model after the last COMPLETED batch stays intact, and the
// backend copies it back (see settle()).
//
// The coordinator hands out batches a chunk at a time (about 100 ms of work), so progress, Stop and
// the watchdog work between chunks as for the wasm backend; it sleeps in Atomics.waitAsync on
// CTRL_COMPLETED and is woken once per chunk (CTRL_WAKE), not once per batch. It allows the workers
// one chunk more than it waits for (CTRL_ALLOW), so they never stop to wait for it; after a Stop the
// model holds the batches actually completed, which the backend reports.
import {
  CMD_STOP, CTRL_ABORT, CTRL_ALLOW, CTRL_BAR_COUNT, CTRL_BAR_GEN, CTRL_CMD, CTRL_COMPLETED,
} from './control';

/**
 * Batches of the per-batch ring below (reused every OWNED_RING batches). The workers may be one chunk
 * ahead of the chunk being read back, so a chunk holds at most OWNED_RING / 2 batches.
 */
export const OWNED_RING = 1024;
/**
 * Per batch and worker in the ring: shard start, shard end, reduce start, reduce end, Σ loss,
 * (dispatch 'hidden' only, hidden.ts) the start and end of its first phase, and (the all-reduce) how
 * many dW1 blocks of other workers' shards it computed (W1_BLOCK).
 */
export const RING_T0 = 0, RING_T1 = 1, RING_T2 = 2, RING_T3 = 3, RING_LOSS = 4, RING_T4 = 5, RING_T5 = 6, RING_TAKEN = 7, RING_STRIDE = 8;

/**
 * Progress marks per batch in `stage`: worker w stores STAGES·i + k after phase k of batch i. Dispatch
 * 'hidden' has three phases (k = 1, 2, 3); the all-reduce and 'rows' have two and store k = 2, 3. A
 * worker stuck in a phase stays below the marks the others have reached, so the watchdog names it.
 */
export const STAGES = 3;

/** The buffers of a worker-owned epoch, shared by the coordinator and every worker of a pool. */
export interface OwnedViews {
  readonly next: Float32Array; // (P) the model's second buffer
  readonly stage: Int32Array; // (N) worker w's progress in batch i: STAGES·i + 1, + 2, + 3 after each of its phases (see STAGES)
  readonly ring: Float64Array; // (OWNED_RING, N, RING_STRIDE) see RING_*, shared clock ms
  readonly ends: Float64Array; // (OWNED_RING) when each batch's second barrier let the workers go
  readonly share: Int32Array; // (2N) the all-reduce's shared dW1 blocks, worker w's shard: [w] ready, [N + w] next block (see W1_BLOCK)
}

/**
 * The all-reduce's dW1 in blocks of W1_BLOCK rows: a worker that has finished its own shard's blocks
 * computes the blocks of another worker's shard that nobody has started yet, so a worker slowed
 * down for a moment (another program on its core) no longer keeps the other one waiting at the
 * barrier. A block is the same sum over the same shard's samples whoever computes it (matmul_tn), so
 * the weights are those of the plain all-reduce bit for bit. Worker w stores i + 1 in share[w] once
 * its shard's pixels and errors of batch i are in shared memory (others may take its blocks only
 * then); share[N + w] hands out its shard's blocks (Atomics.add), and w sets it back to 0 between
 * the barriers, when every block of the batch is done.
 *
 * Measured (2026-11-28, 2-core machine shared with other programs, batch 128, 2 workers, paired
 * epochs against js in one page): medians 3,151 ms with the shared blocks against 3,261 without in
 * 7 alternated rounds, 3,218 against 3,539 in 9 and 3,172 against 3,145 in 5; the last round's wait
 * for the slower worker fell from 135, 290 and 94 ms per epoch to 20, 30 and 26 ms.
 */
export const W1_BLOCK = 8;

/**
 * Computes `block(k)` for each block k < K of worker v's shard that nobody has taken yet
 * (share[N + v] hands them out), until none is left; returns how many it took.
 */
export function takeBlocks(share: Int32Array, N: number, v: number, K: number, block: (k: number) => void): number {
  let taken = 0;
  for (let k = Atomics.add(share, N + v, 1); k < K; k = Atomics.add(share, N + v, 1), taken++) block(k);
  return taken;
}

/** Floats of the shared pixels and errors of every worker's shard (x then dh, ⌈B/N⌉ samples each). */
export function shardFloats(C: number, H: number, N: number, B: number): number {
  return N * Math.ceil(B / N) * (C + H);
}

/** Worker w's part of that buffer: its shard's x (cap,C) and dh (cap,H), for shards of up to cap = ⌈B/N⌉ samples. */
export function shardViews(shards: Float32Array, C: number, H: number, N: number, B: number, w: number): { cap: number; x: Float32Array; dh: Float32Array } {
  const cap = Math.ceil(B / N), per = cap * (C + H), at = w * per;
  return { cap, x: shards.subarray(at, at + cap * C), dh: shards.subarray(at + cap * C, at + per) };
}

/** What a worker needs to run one epoch by itself (the order is already in shared memory). */
export interface OwnedEpoch {
  readonly n: number; // samples in the epoch
  readonly batchSize: number;
  readonly batches: number;
  readonly learningRate: number;
  readonly spin: number; // busy-wait iterations before sleeping in a barrier (0: sleep at once)
  /** absent: the all-reduce; 'rows' (rows.ts) or 'hidden' (hidden.ts): the workers share activations instead of gradients */
  readonly split?: 'rows' | 'hidden';
  /** with a split: the shared activations, rowsFloats or hiddenFloats(spec, batchSize) floats */
  readonly activations?: Float32Array;
  /** without a split: every worker's shard pixels and errors, shardFloats(…) floats (W1_BLOCK) */
  readonly shards?: Float32Array;
}

export function makeOwnedViews(N: number, P: number): OwnedViews {
  const F32 = 4, F64 = 8, I32 = 4;
  return {
    next: new Float32Array(new SharedArrayBuffer(P * F32)),
    stage: new Int32Array(new SharedArrayBuffer(N * I32)),
    ring: new Float64Array(new SharedArrayBuffer(OWNED_RING * N * RING_STRIDE * F64)),
    ends: new Float64Array(new SharedArrayBuffer(OWNED_RING * F64)),
    share: new Int32Array(new SharedArrayBuffer(2 * N * I32)),
  };
}

/**
 * Worker w's slice [lo, hi) of P parameters: N contiguous ranges that tile [0, P), each starting on
 * a multiple of 16 floats (64 bytes, one cache line) so two workers never write the same line.
 */
export function paramSlice(P: number, N: number, w: number): { lo: number; hi: number } {
  const lines = Math.ceil(P / 16);
  const cut = (k: number) => Math.min(P, 16 * Math.floor((lines * k) / N));
  return { lo: cut(w), hi: w === N - 1 ? P : cut(w + 1) };
}

/**
 * next[lo, hi) = cur[lo, hi) − lr · Σ_{w < W} rows[w][lo, hi): the coordinator's reduce_and_update on
 * one slice, with the same arithmetic (W = 1: the plain SGD update; W > 1: the sum in worker order,
 * rounded once to float32), so the result is the same bit for bit.
 */
export function reduceSlice(next: Float32Array, cur: Float32Array, rows: readonly Float32Array[], W: number, lo: number, hi: number, lr: number): void {
  if (W === 1) {
    const a = rows[0];
    for (let i = lo; i < hi; i++) next[i] = cur[i] - lr * a[i];
  } else if (W === 2) {
    const a = rows[0], b = rows[1];
    for (let i = lo; i < hi; i++) next[i] = cur[i] - lr * Math.fround(a[i] + b[i]);
  } else {
    for (let i = lo; i < hi; i++) {
      let s = 0;
      for (let w = 0; w < W; w++) s += rows[w][i];
      next[i] = cur[i] - lr * Math.fround(s);
    }
  }
}

/**
 * Waits until all N workers have arrived (generation counting: the last one resets the count, runs
 * `onRelease`, bumps the generation and wakes the others). Spins `spin` loads first: a partner that
 * is only microseconds late costs no sleep and wake-up. False when the epoch was aborted meanwhile.
 */
export function barrier(c: Int32Array, N: number, spin: number, onRelease?: () => void): boolean {
  const gen = Atomics.load(c, CTRL_BAR_GEN);
  if (Atomics.add(c, CTRL_BAR_COUNT, 1) === N - 1) {
    Atomics.store(c, CTRL_BAR_COUNT, 0);
    onRelease?.();
    Atomics.add(c, CTRL_BAR_GEN, 1);
    Atomics.notify(c, CTRL_BAR_GEN);
    return Atomics.load(c, CTRL_ABORT) === 0;
  }
  for (let s = 0; s < spin; s++) {
    if (Atomics.load(c, CTRL_BAR_GEN) !== gen) return Atomics.load(c, CTRL_ABORT) === 0;
  }
  while (Atomics.load(c, CTRL_BAR_GEN) === gen) {
    if (Atomics.load(c, CTRL_ABORT) !== 0) return false;
    Atomics.wait(c, CTRL_BAR_GEN, gen);
  }
  return Atomics.load(c, CTRL_ABORT) === 0;
}

/**
 * Waits until batch i may run (CTRL_ALLOW > i); false after an abort, or at Stop once every allowed
 * batch is done. Every worker must leave at the SAME batch (a worker that left early would leave the
 * others waiting at a barrier forever), so Stop never cuts an allowed batch: the coordinator stores
 * its last CTRL_ALLOW before CMD_STOP, and ALLOW is read again after STOP is seen.
 */
export function awaitAllowed(c: Int32Array, i: number, spin: number): boolean {
  for (let s = 0; s < spin && Atomics.load(c, CTRL_ALLOW) <= i; s++) { /* the coordinator's hand-off is short */ }
  for (;;) {
    if (Atomics.load(c, CTRL_ABORT) !== 0) return false;
    const allow = Atomics.load(c, CTRL_ALLOW);
    if (allow > i) return true;
    if (Atomics.load(c, CTRL_CMD) === CMD_STOP) return Atomics.load(c, CTRL_ALLOW) > i;
    Atomics.wait(c, CTRL_ALLOW, allow);
  }
}

/** A worker failed: every other one leaves its barrier or its wait, and the coordinator wakes. */
export function abortEpoch(c: Int32Array): void {
  Atomics.store(c, CTRL_ABORT, 1);
  Atomics.add(c, CTRL_BAR_GEN, 1);
  Atomics.notify(c, CTRL_BAR_GEN);
  Atomics.notify(c, CTRL_ALLOW);
  Atomics.notify(c, CTRL_COMPLETED);
}

/** The model buffer batch i reads (the other one receives its update). */
export function modelFor(i: number, a: Float32Array, b: Float32Array): { cur: Float32Array; next: Float32Array } {
  return i % 2 === 0 ? { cur: a, next: b } : { cur: b, next: a };
}
