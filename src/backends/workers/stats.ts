// The honest per-epoch breakdown of a data-parallel epoch, and the Dask-style task stream.
// Per batch the coordinator notes d (dispatch), r (all shards back) and u (update applied); each
// busy worker reports its shard's start/end. The parts below add up to the epoch's wall time:
//   compute   Σ_batches mean over busy workers of (end − start)
//   waiting   Σ_batches (slowest shard − mean shard): load imbalance, the others sit idle
//   messaging Σ_batches (r − d − slowest shard): dispatch, wake-up, copies, replies
//   reduction Σ_batches (u − r): summing the shards and the one SGD update, on the coordinator
//   other     the rest: epoch start/stop, progress reports, yields to the event loop
import { msg, type BackendMessage } from '../messages';
import type { TaskRecord, TimingPart } from '../types';

/** The kinds of the task records below (TaskRecord.kind): ids that code reads; the task stream's legend translates them (charts.ts). */
export const TASK_KIND = {
  gradient: 'gradient', reduceUpdate: 'reduce+update', rowsUpdate: 'rows+update',
  unitsForward: 'units forward', loss: 'loss', unitsBackward: 'units backward+update',
} as const;

/** Task records are kept for the first TASK_BATCHES batches of each epoch only (a bounded list). */
export const TASK_BATCHES = 32;
/** `worker` of the coordinator's tasks in the task stream (workers are 0..N−1). */
export const COORDINATOR = -1;

/** Which batches the task stream holds (EpochStats.extra.tasksRecorded). */
export function tasksRecordedNote(batches: number): BackendMessage {
  return msg('workers_tasks_recorded', { recorded: Math.min(TASK_BATCHES, batches), batches });
}

/** What both recorders keep of the shards: compute (mean shard), waiting (slowest − mean), per-worker totals. */
abstract class ShardTotals {
  readonly tasks: TaskRecord[] = [];
  protected readonly computeMs: Float64Array;
  protected compute = 0;
  protected waiting = 0;

  constructor(protected readonly N: number, protected readonly t0: number) {
    this.computeMs = new Float64Array(N);
  }

  /** Adds one batch's shards (worker w < busy took shardMs(w)); returns the slowest. */
  protected shards(busy: number, shardMs: (w: number) => number): number {
    let sum = 0, slowest = 0;
    for (let w = 0; w < busy; w++) {
      const ms = shardMs(w);
      this.computeMs[w] += ms;
      sum += ms;
      slowest = Math.max(slowest, ms);
    }
    const mean = sum / busy;
    this.compute += mean;
    this.waiting += slowest - mean;
    return slowest;
  }

  /** Per-worker compute totals for EpochStats.extra (compute ms worker 0, …). */
  perWorker(): Record<string, number> {
    const out: Record<string, number> = {};
    for (let w = 0; w < this.N; w++) out[`computeMsWorker${w}`] = Math.round(this.computeMs[w] * 10) / 10;
    return out;
  }
}

export class EpochRecorder extends ShardTotals {
  private messaging = 0;
  private reduction = 0;

  /** One finished batch; times (N,2) holds each busy worker's shard start/end (shared clock). */
  batch(index: number, busy: number, d: number, r: number, u: number, times: Float64Array): void {
    const slowest = this.shards(busy, (w) => times[2 * w + 1] - times[2 * w]);
    this.messaging += Math.max(0, r - d - slowest);
    this.reduction += u - r;
    if (index >= TASK_BATCHES) return;
    for (let w = 0; w < busy; w++) {
      this.tasks.push({ worker: w, kind: TASK_KIND.gradient, shard: w, batch: index, start: times[2 * w] - this.t0, end: times[2 * w + 1] - this.t0 });
    }
    this.tasks.push({ worker: COORDINATOR, kind: TASK_KIND.reduceUpdate, shard: -1, batch: index, start: r - this.t0, end: u - this.t0 });
  }

  breakdown(wallMs: number): TimingPart[] {
    const known = this.compute + this.waiting + this.messaging + this.reduction;
    return [
      { id: 'compute', ms: this.compute, method: msg('method_workers_compute') },
      { id: 'waiting', ms: this.waiting, method: msg('method_workers_waiting') },
      { id: 'messaging', ms: this.messaging, method: msg('method_workers_messaging') },
      { id: 'reduction', ms: this.reduction, method: msg('method_workers_reduction') },
      // the rest of the epoch (fitBreakdown in runEpoch keeps it, or scales the parts if they overlap)
      { id: 'other', ms: wallMs - known, method: msg('method_workers_other') },
    ];
  }
}

/**
 * The breakdown and task stream of a worker-owned epoch (owned.ts), from what every worker wrote in
 * the per-batch ring. Per batch, its span runs from the previous batch's end (the second barrier
 * letting the workers go; the epoch's start for the first batch) to its own:
 *   compute    mean over busy workers of their shard's time (the all-reduce: with any dW1 blocks taken
 *              from another worker's shard, W1_BLOCK in owned.ts)
 *   waiting    slowest shard − mean shard (load imbalance, the others sit at the barrier)
 *   reduction  the slowest worker's slice of the sum + update (all slices run at once)
 *   barrier    span − slowest shard − slowest slice: waking at the two barriers, the coordinator's hand-off
 *   other      the rest of the epoch (start, the last wake-up of the coordinator, stop)
 * With dispatch 'rows' (rows.ts) the second phase is computing too (each worker's rows of the weight
 * gradients over the whole batch, then their update) and nothing is reduced: both phases count as
 * compute (mean worker) and waiting (slowest − mean), and there is no reduction part. Dispatch
 * 'hidden' (hidden.ts) has three phases between three barriers (its hidden units forward, t4..t5;
 * the shard's loss, t0..t1; its units backward and their update, t2..t3), each counted the same way.
 */
export class AllreduceRecorder extends ShardTotals {
  private reduction = 0;
  private barrier = 0;
  /** the all-reduce: dW1 blocks that a worker computed for another worker's shard (owned.ts, W1_BLOCK) */
  private taken = 0;
  private lastEnd: number;

  constructor(N: number, t0: number, private readonly split?: 'rows' | 'hidden') {
    super(N, t0);
    this.lastEnd = t0;
  }

  /**
   * Batch `index` with `busy` shards: ring holds (N, stride) values from `base` (shard start, end,
   * slice start, end at offsets t0..t3; dispatch 'hidden': its first phase's start, end at t4, t5),
   * `end` is when its last barrier released; the all-reduce: dW1 blocks taken from other shards at `taken`.
   */
  batch(index: number, busy: number, ring: Float64Array, base: number, stride: number, at: { t0: number; t1: number; t2: number; t3: number; t4?: number; t5?: number; taken?: number }, end: number): void {
    if (!this.split && at.taken !== undefined) for (let w = 0; w < this.N; w++) this.taken += ring[base + w * stride + at.taken];
    const span = (w: number, a: number, b: number) => ring[base + w * stride + b] - ring[base + w * stride + a];
    // the slowest worker of each phase before the last one (dispatch 'hidden': of its first two)
    const first = this.split === 'hidden' && at.t4 !== undefined && at.t5 !== undefined ? this.shards(this.N, (w) => span(w, at.t4!, at.t5!)) : 0;
    const slowest = first + this.shards(busy, (w) => span(w, at.t0, at.t1));
    let slice = 0;
    if (this.split) slice = this.shards(this.N, (w) => span(w, at.t2, at.t3));
    else {
      for (let w = 0; w < this.N; w++) slice = Math.max(slice, span(w, at.t2, at.t3));
      this.reduction += slice;
    }
    this.barrier += Math.max(0, end - this.lastEnd - slowest - slice);
    this.lastEnd = end;
    if (index >= TASK_BATCHES) return;
    const kinds = this.split === 'hidden' ? [TASK_KIND.loss, TASK_KIND.unitsBackward] : [TASK_KIND.gradient, this.split ? TASK_KIND.rowsUpdate : TASK_KIND.reduceUpdate];
    for (let w = 0; w < this.N; w++) {
      const o = base + w * stride;
      if (this.split === 'hidden') this.tasks.push({ worker: w, kind: TASK_KIND.unitsForward, shard: w, batch: index, start: ring[o + at.t4!] - this.t0, end: ring[o + at.t5!] - this.t0 });
      if (w < busy) this.tasks.push({ worker: w, kind: kinds[0], shard: w, batch: index, start: ring[o + at.t0] - this.t0, end: ring[o + at.t1] - this.t0 });
      this.tasks.push({ worker: w, kind: kinds[1], shard: w, batch: index, start: ring[o + at.t2] - this.t0, end: ring[o + at.t3] - this.t0 });
    }
  }

  /** Per-worker compute, and (the all-reduce) the dW1 blocks computed for another worker's shard. */
  override perWorker(): Record<string, number> {
    return this.split ? super.perWorker() : { ...super.perWorker(), w1BlocksFromOthers: this.taken };
  }

  breakdown(wallMs: number): TimingPart[] {
    const known = this.compute + this.waiting + this.reduction + this.barrier;
    if (this.split) {
      const hidden = this.split === 'hidden';
      return [
        { id: 'compute', ms: this.compute, method: msg(hidden ? 'method_workers_compute_hidden' : 'method_workers_compute_rows') },
        { id: 'waiting', ms: this.waiting, method: msg('method_workers_waiting_rows') },
        { id: 'barrier', ms: this.barrier, method: msg(hidden ? 'method_workers_barrier_hidden' : 'method_workers_barrier_rows') },
        { id: 'other', ms: wallMs - known, method: msg('method_workers_other') },
      ];
    }
    return [
      { id: 'compute', ms: this.compute, method: msg('method_workers_compute_allreduce') },
      { id: 'waiting', ms: this.waiting, method: msg('method_workers_waiting') },
      { id: 'barrier', ms: this.barrier, method: msg('method_workers_barrier') },
      { id: 'reduction', ms: this.reduction, method: msg('method_workers_reduction_allreduce') },
      { id: 'other', ms: wallMs - known, method: msg('method_workers_other') },
    ];
  }
}
