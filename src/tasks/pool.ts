// The task pool (issue 15 §1): nJobs module workers (pool.worker.ts) that run registered handlers.
// A task goes to the first free worker (or the one it names), results come back by structured
// clone; start and end are taken on the caller's clock (the kernel's), from the moment the task is
// posted to the moment its result arrives, so a task's bar includes its messaging.
// Each worker keeps its own `env.store` for as long as it lives: across runTasks calls on the same
// pool (persist relies on that), lost when Stop terminates it (a fresh worker takes its place).
// The worker is injectable (WorkerFactory): the scheduling is unit-tested with a fake one.
import { StoppedError } from '../backends/types';
import { TaskError, type RunTasksOptions, type TaskEvent, type TaskSpec } from './types';

/** Kernel → pool worker. */
export type ToPoolWorker =
  | { type: 'init'; worker: number }
  | { type: 'task'; id: number; kind: string; payload: unknown };
/** Pool worker → kernel. */
export type FromPoolWorker =
  | { type: 'done'; id: number; ok: true; value: unknown }
  | { type: 'done'; id: number; ok: false; message: string; stack: string };

/** What the pool needs of a worker (a Web Worker, or a fake in tests). */
export interface WorkerLike {
  postMessage(msg: ToPoolWorker, transfer?: Transferable[]): void;
  terminate(): void;
  onmessage: ((e: MessageEvent<FromPoolWorker>) => void) | null;
  onerror: ((e: ErrorEvent) => void) | null;
}
export type WorkerFactory = (index: number) => WorkerLike;

/** The largest pool (each worker is a thread with its own copy of the handlers' modules). */
export const MAX_JOBS = 16;

/** One task's outcome from `submit`. */
export interface Done { value: unknown; worker: number; start: number; end: number }

interface Job {
  id: number;
  task: TaskSpec;
  t0: number;
  signal?: AbortSignal;
  start: number;
  worker: number;
  resolve(d: Done): void;
  reject(e: unknown): void;
  offAbort(): void;
  /** the tasks of one run: when one fails, the group's queued tasks are dropped at once */
  group?: { failed: boolean };
}

/** A TaskError with what the run had finished before it failed. */
export class PartialTaskError extends TaskError {
  constructor(e: TaskError, readonly partial: unknown[], readonly finished: boolean[], readonly events: TaskEvent[]) {
    super(e.task, e.worker, e.message.slice(e.task.length + 2), e.workerStack);
  }
}

export class TaskPool {
  private workers: (WorkerLike | null)[];
  private busy: (Job | null)[];
  private queue: Job[] = [];
  private nextId = 1;
  private disposed = false;

  constructor(readonly size: number, private readonly factory: WorkerFactory) {
    if (!Number.isInteger(size) || size < 1 || size > MAX_JOBS) throw new RangeError(`nJobs must be an integer from 1 to ${MAX_JOBS} (got ${size})`);
    this.workers = Array.from({ length: size }, () => null);
    this.busy = Array.from({ length: size }, () => null);
  }

  /** Workers are made on first use (a pool that is never used costs nothing). */
  private worker(i: number): WorkerLike {
    let w = this.workers[i];
    if (!w) {
      w = this.factory(i);
      w.onmessage = (e) => this.onMessage(i, e.data);
      w.onerror = (e) => {
        e.preventDefault?.();
        this.crash(i, e.message || 'the worker failed', '');
      };
      w.postMessage({ type: 'init', worker: i });
      this.workers[i] = w;
    }
    return w;
  }

  /** Runs one task; `t0` is the clock's origin for its start and end. Rejects with TaskError, or StoppedError when `signal` aborts. */
  submit(task: TaskSpec, o: { signal?: AbortSignal; t0?: number; group?: { failed: boolean } } = {}): Promise<Done> {
    if (this.disposed) return Promise.reject(new Error('the task pool was disposed'));
    if (o.signal?.aborted) return Promise.reject(new StoppedError());
    if (task.worker !== undefined && !(Number.isInteger(task.worker) && task.worker >= 0 && task.worker < this.size)) {
      return Promise.reject(new TaskError(task.name, -1, `worker ${task.worker} does not exist (the pool has ${this.size})`));
    }
    return new Promise<Done>((resolve, reject) => {
      const job: Job = { id: this.nextId++, task, t0: o.t0 ?? performance.now(), signal: o.signal, start: 0, worker: -1, resolve, reject, offAbort: () => {}, group: o.group };
      if (o.signal) {
        const onAbort = () => this.cancel(job);
        o.signal.addEventListener('abort', onAbort, { once: true });
        job.offAbort = () => o.signal?.removeEventListener('abort', onAbort);
      }
      this.queue.push(job);
      this.dispatch();
    });
  }

  /** First queued task first, each to the first free worker (or the one it names, when free). */
  private dispatch(): void {
    for (let q = 0; q < this.queue.length;) {
      const job = this.queue[q];
      if (job.signal?.aborted) { q++; continue; } // being stopped: its own abort listener drops it
      const w = job.task.worker ?? this.busy.findIndex((b) => b === null);
      if (w < 0) break; // every worker busy: nothing else can start
      if (this.busy[w]) { q++; continue; } // its worker is busy: later tasks may go elsewhere
      this.queue.splice(q, 1);
      this.busy[w] = job;
      job.worker = w;
      job.start = performance.now() - job.t0;
      try {
        this.worker(w).postMessage({ type: 'task', id: job.id, kind: job.task.kind, payload: job.task.payload }, job.task.transfer ?? []);
      } catch (e) {
        this.busy[w] = null;
        this.finish(job, () => job.reject(new TaskError(job.task.name, w, e instanceof Error ? e.message : String(e), e instanceof Error ? e.stack ?? '' : '')));
      }
    }
  }

  private finish(job: Job, settle: () => void): void {
    job.offAbort();
    settle();
  }

  private onMessage(i: number, m: FromPoolWorker): void {
    const job = this.busy[i];
    if (!job || m?.type !== 'done' || m.id !== job.id) return; // a late answer from a cancelled task
    this.busy[i] = null;
    const end = performance.now() - job.t0;
    if (!m.ok) this.failGroup(job);
    this.finish(job, () => (m.ok ? job.resolve({ value: m.value, worker: i, start: job.start, end })
      : job.reject(Object.assign(new TaskError(job.task.name, i, m.message, m.stack), { start: job.start, end }))));
    this.dispatch();
  }

  /** The worker died outside a handler (e.g. its module failed to load): its task fails, a fresh worker takes its place. */
  private crash(i: number, message: string, stack: string): void {
    const job = this.busy[i];
    this.replace(i);
    if (job) {
      this.failGroup(job);
      this.finish(job, () => job.reject(new TaskError(job.task.name, i, message, stack)));
    }
    this.dispatch();
  }

  /** A task of a group failed: the group's tasks still queued are dropped (they reject with StoppedError). */
  private failGroup(job: Job): void {
    const g = job.group;
    if (!g) return;
    g.failed = true;
    for (const other of this.queue.filter((j) => j.group === g)) {
      this.queue.splice(this.queue.indexOf(other), 1);
      this.finish(other, () => other.reject(new StoppedError()));
    }
  }

  private replace(i: number): void {
    this.workers[i]?.terminate();
    this.workers[i] = null;
    this.busy[i] = null;
  }

  /** Stop: a queued task is dropped; a running one is ended by terminating its worker (its store goes with it). */
  private cancel(job: Job): void {
    const q = this.queue.indexOf(job);
    if (q >= 0) this.queue.splice(q, 1);
    else if (job.worker >= 0 && this.busy[job.worker] === job) this.replace(job.worker);
    else return;
    this.finish(job, () => job.reject(new StoppedError()));
    this.dispatch();
  }

  /** How many workers are running a task now, and how many tasks wait (for tests and the bench). */
  get load(): { running: number; queued: number } {
    return { running: this.busy.filter(Boolean).length, queued: this.queue.length };
  }

  /** Terminates every worker; pending tasks reject. */
  dispose(): void {
    this.disposed = true;
    for (const job of this.queue.splice(0)) this.finish(job, () => job.reject(new StoppedError()));
    for (let i = 0; i < this.size; i++) {
      const job = this.busy[i];
      this.replace(i);
      if (job) this.finish(job, () => job.reject(new StoppedError()));
    }
  }

  /**
   * Runs `tasks`, the costliest first when they carry a `cost`; results in task order. The first failing task cancels the tasks not yet started,
   * waits for the running ones, and rejects with a PartialTaskError holding what finished.
   */
  async run(tasks: readonly TaskSpec[], opts: Omit<RunTasksOptions, 'nJobs'> = {}): Promise<unknown[]> {
    const t0 = performance.now();
    const outer = opts.signal;
    if (outer?.aborted) throw new StoppedError();
    const results: unknown[] = new Array(tasks.length);
    const finished = tasks.map(() => false);
    const events: TaskEvent[] = [];
    let failure: TaskError | null = null;
    const group = { failed: false };
    const event = (e: TaskEvent) => {
      events.push(e);
      opts.onTask?.(e);
    };
    // costliest first (a stable sort: equal or missing costs keep the caller's order)
    const order = tasks.map((_, i) => i).sort((a, b) => (tasks[b].cost ?? 0) - (tasks[a].cost ?? 0));
    await Promise.all(order.map(async (i) => {
      const task = tasks[i];
      try {
        const d = await this.submit(task, { signal: outer, t0, group });
        results[i] = d.value;
        finished[i] = true;
        event({ index: i, name: task.name, worker: d.worker, start: d.start, end: d.end, ok: true });
      } catch (e) {
        if (e instanceof TaskError && !(e instanceof StoppedError)) {
          const x = e as TaskError & { start?: number; end?: number };
          event({ index: i, name: task.name, worker: e.worker, start: x.start ?? 0, end: x.end ?? performance.now() - t0, ok: false });
          failure ??= e;
          return;
        }
        if (e instanceof StoppedError && group.failed && !outer?.aborted) return; // dropped after the failure
        throw e;
      }
    }));
    if (failure) throw new PartialTaskError(failure, results, finished, events);
    return results;
  }
}

/** The kernel's pools, one per nJobs, kept between cells (workers and their stores live on). */
const pools = new Map<number, TaskPool>();
let defaultFactory: WorkerFactory | null = null;

/** The real workers: Vite bundles pool.worker.ts as a module worker. */
function browserFactory(): WorkerFactory {
  return (i) => new Worker(new URL('./pool.worker.ts', import.meta.url), { type: 'module', name: `tasks-${i}` }) as unknown as WorkerLike;
}

/** The pool of `nJobs` workers (made on first use, then reused). */
export function sharedPool(nJobs: number): TaskPool {
  let p = pools.get(nJobs);
  if (!p) {
    defaultFactory ??= browserFactory();
    p = new TaskPool(nJobs, defaultFactory);
    pools.set(nJobs, p);
  }
  return p;
}

/** Terminates every shared pool (their stores go with them). */
export function disposePools(): void {
  for (const p of pools.values()) p.dispose();
  pools.clear();
}

/** Tests: use `f` for pools made from now on. */
export function setWorkerFactory(f: WorkerFactory | null): void {
  defaultFactory = f;
}
