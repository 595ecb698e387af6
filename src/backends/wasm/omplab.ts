// A typed view of the OpenMP lab's C (wasm/omplab.c): one call per demo, results read back from the
// lab's output buffer. Knows nothing about workers, so the worker and the Node unit tests share it.

/** The lab's exports, as Emscripten's glue exposes them. */
export interface OmpExports {
  HEAPF64: Float64Array;
  _omp_out(): number;
  _omp_hello(threads: number): number;
  _omp_sum(threads: number, n: number, mode: number): void;
  _omp_schedule(threads: number, n: number, kind: number, chunk: number, cost: number): void;
  _omp_false_sharing(threads: number, iterations: number, padded: number): void;
  _omp_gradients(threads: number, batches: number, batchSize: number, fixed: number): void;
}

export const SUM_MODES = ['racy', 'critical', 'atomic', 'reduction'] as const;
export type OmpSumMode = (typeof SUM_MODES)[number];
export const SCHEDULES = ['static', 'dynamic', 'guided'] as const;
export type OmpSchedule = (typeof SCHEDULES)[number];
/** Iterations of omp.schedule's loop at most (omplab.c's SCHED_MAX_N). */
export const SCHEDULE_MAX_N = 4096;
const CHUNK_AT = 8; // omplab.c's CHUNK_AT
const GRAD_D = 8; // omplab.c's GRAD_D

/** One thread's greeting: its rank in the team, which of the pool's threads it is, when it spoke. */
export interface OmpGreeting { thread: number; worker: number; order: number }
export interface OmpSumRaw { total: number; ms: number; threads: number }
/** A chunk of the loop: the thread that ran it, iterations [lo, hi), ms since the team started. */
export interface OmpChunk { thread: number; lo: number; hi: number; start: number; end: number }
export interface OmpScheduleRaw { chunks: OmpChunk[]; ms: number; exactlyOnce: number; threads: number }
export interface OmpFalseSharingRaw { ms: number; counts: number[]; threads: number }
export interface OmpGradientsRaw { samples: number; threads: number; merged: number[]; serial: number[] }

export class OmpLab {
  constructor(private readonly m: OmpExports) {}

  private out(count: number, at = 0): number[] {
    const base = this.m._omp_out() / 8 + at;
    return Array.from(this.m.HEAPF64.subarray(base, base + count));
  }

  hello(threads: number): OmpGreeting[] {
    const n = this.m._omp_hello(threads);
    const o = this.out(3 * n);
    return Array.from({ length: n }, (_, i) => ({ thread: o[3 * i], worker: o[3 * i + 1], order: o[3 * i + 2] }));
  }

  sum(threads: number, n: number, mode: OmpSumMode): OmpSumRaw {
    this.m._omp_sum(threads, n, SUM_MODES.indexOf(mode));
    const [total, ms, team] = this.out(3);
    return { total, ms, threads: team };
  }

  schedule(threads: number, n: number, schedule: OmpSchedule, chunk: number, cost: number): OmpScheduleRaw {
    this.m._omp_schedule(threads, n, SCHEDULES.indexOf(schedule), chunk, cost);
    const [count, ms, exactlyOnce, team] = this.out(4);
    const r = this.out(5 * count, CHUNK_AT);
    const chunks = Array.from({ length: count }, (_, k) => ({ thread: r[5 * k], lo: r[5 * k + 1], hi: r[5 * k + 2], start: r[5 * k + 3], end: r[5 * k + 4] }));
    return { chunks, ms, exactlyOnce, threads: team };
  }

  falseSharing(threads: number, iterations: number, padded: boolean): OmpFalseSharingRaw {
    this.m._omp_false_sharing(threads, iterations, padded ? 1 : 0);
    const [ms, team] = this.out(2);
    return { ms, threads: team, counts: this.out(team, 2) };
  }

  gradients(threads: number, batches: number, batchSize: number, fixed: boolean): OmpGradientsRaw {
    this.m._omp_gradients(threads, batches, batchSize, fixed ? 1 : 0);
    const o = this.out(2 + 2 * GRAD_D);
    return { samples: o[0], threads: o[1], merged: o.slice(2, 2 + GRAD_D), serial: o.slice(2 + GRAD_D) };
  }
}
