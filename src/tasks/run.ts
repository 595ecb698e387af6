// runTasks: the one entry point. nJobs = 1 runs the handlers here, in order (the sequential
// baseline every speedup is measured against); nJobs > 1 hands them to the worker pool (pool.ts,
// engineer F), which must give the same results.
import { StoppedError } from '../backends/types';
import { handlers } from './allHandlers';
import { sharedPool } from './pool';
import { TaskError, type RunTasksOptions, type TaskEvent, type TaskSpec } from './types';

export async function runTasksSequential(tasks: readonly TaskSpec[], opts: RunTasksOptions): Promise<unknown[]> {
  const signal = opts.signal ?? new AbortController().signal;
  const store = new Map<string, unknown>();
  const t0 = performance.now();
  const out: unknown[] = [];
  for (let i = 0; i < tasks.length; i++) {
    if (signal.aborted) throw new StoppedError();
    const task = tasks[i];
    const h = handlers[task.kind];
    if (!h) throw new TaskError(task.name, 0, `no task handler named ${task.kind}`);
    const start = performance.now() - t0;
    try {
      out.push(await h(task.payload, { worker: 0, store, signal }));
    } catch (e) {
      opts.onTask?.({ index: i, name: task.name, worker: 0, start, end: performance.now() - t0, ok: false } satisfies TaskEvent);
      if (e instanceof StoppedError) throw e;
      throw new TaskError(task.name, 0, e instanceof Error ? e.message : String(e), e instanceof Error ? e.stack ?? '' : '');
    }
    opts.onTask?.({ index: i, name: task.name, worker: 0, start, end: performance.now() - t0, ok: true });
  }
  return out;
}

/**
 * Runs `tasks` with `opts.nJobs` workers; results in the order of `tasks`. nJobs = 1: here, one after
 * another; nJobs > 1: on the kernel's pool of that size (pool.ts, reused across calls). A failing task
 * rejects with a TaskError (on the pool a PartialTaskError: `partial`, `finished`, `events` hold what
 * the other tasks finished); Stop rejects with StoppedError.
 */
export async function runTasks(tasks: readonly TaskSpec[], opts: RunTasksOptions): Promise<unknown[]> {
  if (opts.nJobs <= 1) return runTasksSequential(tasks, opts);
  return sharedPool(opts.nJobs).run(tasks, opts);
}
