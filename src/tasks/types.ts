// Task parallelism (issue 15): the contract every task-parallel feature builds on. A task is a named
// call of a registered HANDLER (handlers.ts) with a structured-cloneable payload; `runTasks` runs a
// list of them on `nJobs` workers (pool.ts) or, with nJobs = 1 / backend 'sequential', one after
// another in the calling thread — the same handlers, so both give the same results.
// Handlers are plain functions of (payload, env): they never see the DOM, the page or each other's
// memory; what a worker keeps between tasks (a k-means chunk, a persisted result) lives in
// `env.store`, which belongs to that one worker.

/** Where a task runs and what it may keep there. */
export interface TaskEnv {
  /** the worker's index, 0 … nJobs − 1 (0 when sequential) */
  readonly worker: number;
  /** kept by this worker between tasks of the same `runTasks` pool (cleared when the pool ends) */
  readonly store: Map<string, unknown>;
  /** aborted when the caller stops: a long handler should check it between steps */
  readonly signal: AbortSignal;
}

export type Handler<P = unknown, R = unknown> = (payload: P, env: TaskEnv) => R | Promise<R>;

export interface TaskSpec {
  /** shown in the task stream and in errors ("train lr=0.1 batch=64") */
  readonly name: string;
  /** a key of the handler registry (handlers.ts) */
  readonly kind: string;
  readonly payload: unknown;
  /** typed-array buffers to transfer rather than copy (never a SharedArrayBuffer: that is shared as is) */
  readonly transfer?: Transferable[];
  /** run on this worker (e.g. where its data chunk lives); default: the first free worker */
  readonly worker?: number;
  /**
   * Estimated relative cost (any unit, the same within one run). The pool starts the costliest queued
   * tasks first — longest processing time first — so a run of unequal tasks does not end with one
   * worker busy on a big task while the others wait. Results stay in task order.
   */
  readonly cost?: number;
}

/** One finished (or failed) task, for the task stream: ms since the run started. */
export interface TaskEvent {
  readonly index: number;
  readonly name: string;
  readonly worker: number;
  readonly start: number;
  readonly end: number;
  readonly ok: boolean;
}

export interface RunTasksOptions {
  readonly nJobs: number;
  readonly signal?: AbortSignal;
  /** called as each task ends, in the order they end */
  readonly onTask?: (e: TaskEvent) => void;
}

/** A task that threw: its name, the worker, and the worker's message and stack. */
export class TaskError extends Error {
  constructor(readonly task: string, readonly worker: number, message: string, readonly workerStack = '') {
    super(`${task}: ${message}`);
    this.name = 'TaskError';
  }
}
