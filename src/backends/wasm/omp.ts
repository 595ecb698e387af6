// The `omp` extra of the notebook API (docs/notebook-api.md, lesson 05's OpenMP lab): what
// `#pragma omp` does, run as C (wasm/omplab.c) on the threaded build's pool. Options are checked
// here, in the kernel, so a mistake reaches the cell in the student's language; times are medians
// of a few repeats (threads share the machine's cores with everything else).
import { median } from '../../notebook/kernel/charts';
import type { TaskStream } from '../../notebook/kernel/tasksApi';
import { messageError } from '../../i18n/messageError';
import { threadedModule } from './notebook';
import { SCHEDULES, SCHEDULE_MAX_N, SUM_MODES, type OmpChunk, type OmpGreeting, type OmpSchedule, type OmpSumMode } from './omplab';
import { threadsAllowed } from './support';
import { validThreads } from './variants';

const INT32_MAX = 0x7fffffff;

export interface OmpHello {
  threads: number;
  /** one greeting per thread, in the order they came in (it changes from run to run) */
  greetings: OmpGreeting[];
}

export interface OmpSum {
  mode: OmpSumMode;
  threads: number;
  n: number;
  /** n·(n−1)/2: the sum of 0, 1, …, n−1 */
  expected: number;
  /** the total of each repeat, and how many of them were wrong */
  totals: number[];
  wrong: number;
  /** median ms over the repeats, and each repeat's ms */
  ms: number;
  runs: number[];
}

export interface OmpScheduleRun {
  schedule: OmpSchedule;
  /** 0: the default (static: one block per thread; dynamic: 1; guided: 1) */
  chunk: number;
  threads: number;
  n: number;
  /** median ms over the repeats, and each repeat's ms */
  ms: number;
  runs: number[];
  /** every iteration ran exactly once (counted in C, in every repeat) */
  exactlyOnce: boolean;
  /** the chunks of the median repeat, and each thread's busy ms in it */
  chunks: OmpChunk[];
  busyMs: number[];
  /** the median repeat as a task stream: `show.taskStream(result)` draws one lane per thread */
  tasks: TaskStream;
}

export interface OmpFalseSharing {
  padded: boolean;
  threads: number;
  iterations: number;
  /** each thread's counter at the end (each should equal iterations) */
  counts: number[];
  exact: boolean;
  ms: number;
  runs: number[];
}

export interface OmpGradients {
  fixed: boolean;
  threads: number;
  batches: number;
  batchSize: number;
  /** samples whose gradient reached the merged sum, out of batches × batchSize */
  samples: number;
  totalSamples: number;
  /** the gradient merged under critical, and the same sum computed on one thread */
  merged: number[];
  serial: number[];
  matches: boolean;
}

function whole(fn: string, name: string, v: number, min: number, max: number): number {
  if (!Number.isInteger(v) || v < min || v > max) throw messageError('err_ompWhole', { fn, name, min, max, got: String(v) }, RangeError);
  return v;
}

function choice<T extends string>(fn: string, name: string, v: T, allowed: readonly T[]): T {
  if (!allowed.includes(v)) throw messageError('err_ompChoice', { fn, name, allowed: allowed.join(', '), got: String(v) }, RangeError);
  return v;
}

/** The threaded build, or a translated error naming the call when the page cannot have threads. */
async function lab(fn: string, threads: number | undefined) {
  const t = validThreads(threads);
  if (!threadsAllowed()) throw messageError('err_ompNoThreads', { fn });
  return { t, api: await threadedModule() };
}

/** The iterations [0, n) that the chunks miss or run more than once (empty: each exactly once). */
export function coverageErrors(chunks: readonly OmpChunk[], n: number): number[] {
  const hits = new Array<number>(n).fill(0);
  for (const c of chunks) for (let i = c.lo; i < c.hi; i++) hits[i]++;
  return hits.flatMap((h, i) => (h === 1 ? [] : [i]));
}

/** The chunks as a task stream: one lane per thread, one box per chunk (its iterations). */
export function chunkStream(chunks: readonly OmpChunk[], threads: number, ms: number, label: string): TaskStream {
  const tasks = [...chunks].sort((a, b) => a.start - b.start).map((c, index) => ({
    index, name: c.hi - c.lo > 1 ? `${c.lo}–${c.hi - 1}` : String(c.lo), worker: c.thread,
    start: Math.max(0, c.start), end: Math.max(0, c.end), ok: true, kind: label,
  }));
  return { nJobs: threads, backend: 'workers', ms, tasks };
}

export const omp = {
  /** `#pragma omp parallel` + omp_get_thread_num(): each thread says who it is. */
  async hello({ threads = 4 }: { threads?: number } = {}): Promise<OmpHello> {
    const { t, api } = await lab('hello', threads);
    const greetings = (await api.ompHello(t)).sort((a, b) => a.order - b.order);
    return { threads: greetings.length, greetings };
  },

  /** The sum 0 + 1 + … + (n−1) on `threads` threads: shared and racy, critical, atomic or reduction. */
  async sum({ threads = 4, mode = 'reduction', n = 1_000_000, repeats = 3 }: { threads?: number; mode?: OmpSumMode; n?: number; repeats?: number } = {}): Promise<OmpSum> {
    choice('sum', 'mode', mode, SUM_MODES);
    whole('sum', 'n', n, 1, 1 << 26);
    whole('sum', 'repeats', repeats, 1, 20);
    const { t, api } = await lab('sum', threads);
    const done = [];
    for (let r = 0; r < repeats; r++) done.push(await api.ompSum(t, n, mode));
    const expected = (n * (n - 1)) / 2;
    const totals = done.map((d) => d.total);
    const runs = done.map((d) => d.ms);
    return { mode, threads: done[0].threads, n, expected, totals, wrong: totals.filter((x) => x !== expected).length, ms: median(runs), runs };
  },

  /** An unbalanced loop (iteration i costs ∝ i + 1) under schedule(static | dynamic | guided, chunk). */
  async schedule({ threads = 4, schedule = 'static', chunk = 0, n = 64, cost = 4000, repeats = 3 }: { threads?: number; schedule?: OmpSchedule; chunk?: number; n?: number; cost?: number; repeats?: number } = {}): Promise<OmpScheduleRun> {
    choice('schedule', 'schedule', schedule, SCHEDULES);
    whole('schedule', 'n', n, 1, SCHEDULE_MAX_N);
    whole('schedule', 'chunk', chunk, 0, n);
    whole('schedule', 'cost', cost, 1, Math.floor(INT32_MAX / n));
    whole('schedule', 'repeats', repeats, 1, 20);
    const { t, api } = await lab('schedule', threads);
    const done = [];
    for (let r = 0; r < repeats; r++) done.push(await api.ompSchedule(t, n, schedule, chunk, cost));
    const runs = done.map((d) => d.ms);
    const mid = done[runs.indexOf([...runs].sort((a, b) => a - b)[(runs.length - 1) >> 1])];
    const team = mid.threads;
    const busyMs = Array.from({ length: team }, (_, k) => mid.chunks.filter((c) => c.thread === k).reduce((s, c) => s + c.end - c.start, 0));
    const exactlyOnce = done.every((d) => d.exactlyOnce === n && coverageErrors(d.chunks, n).length === 0);
    const label = chunk > 0 ? `schedule(${schedule}, ${chunk})` : `schedule(${schedule})`;
    return { schedule, chunk, threads: team, n, ms: median(runs), runs, exactlyOnce, chunks: mid.chunks, busyMs, tasks: chunkStream(mid.chunks, team, mid.ms, label) };
  },

  /** Each thread counts on its own counter: all counters in one cache line, or one line each (padded). */
  async falseSharing({ threads = 2, padded = false, iterations = 2_000_000, repeats = 3 }: { threads?: number; padded?: boolean; iterations?: number; repeats?: number } = {}): Promise<OmpFalseSharing> {
    whole('falseSharing', 'iterations', iterations, 1, INT32_MAX);
    whole('falseSharing', 'repeats', repeats, 1, 20);
    const { t, api } = await lab('falseSharing', threads);
    const done = [];
    for (let r = 0; r < repeats; r++) done.push(await api.ompFalseSharing(t, iterations, padded));
    const runs = done.map((d) => d.ms);
    const counts = done[done.length - 1].counts;
    const exact = done.every((d) => d.counts.every((c) => c === iterations));
    return { padded: !!padded, threads: counts.length, iterations, counts, exact, ms: median(runs), runs };
  },

  /** The source course's pattern: per-thread gradients merged under critical, with its bug (fixed: false) or without. */
  async gradients({ threads = 4, batches = 20, batchSize = 16, fixed = false }: { threads?: number; batches?: number; batchSize?: number; fixed?: boolean } = {}): Promise<OmpGradients> {
    whole('gradients', 'batches', batches, 1, 100_000);
    whole('gradients', 'batchSize', batchSize, 1, Math.floor(100_000_000 / batches));
    const { t, api } = await lab('gradients', threads);
    const r = await api.ompGradients(t, batches, batchSize, !!fixed);
    const matches = r.merged.every((g, j) => g === r.serial[j]);
    return { fixed: !!fixed, threads: r.threads, batches, batchSize, samples: r.samples, totalSamples: batches * batchSize, merged: r.merged, serial: r.serial, matches };
  },
};
