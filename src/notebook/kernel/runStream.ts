// One task stream per run (issue 15 §5): kmeans(), search() and bagging() make several rounds of
// runTasks (k-means++'s distance rounds, one map round per iteration, a search's trials, its
// retrain), each with its own clock. A RunStream wraps the runner they call and puts every task on
// the call's clock, with a name and a kind (the box's fill) for the stream; the coordinator's work
// between two rounds (the reduce, a D² pick) is a box of its own on the coordinator's lane (−1), so
// `show.taskStream(result)` shows the map rounds and the gaps where the kernel reduces. A round run
// with nJobs 1 runs in the kernel itself (runTasks does not use the pool), so its tasks are drawn on
// that lane too: where they really ran.
import type { RunTasksOptions, TaskEvent, TaskSpec } from '../../tasks/types';
import type { TaskStream } from './tasksApi';

export const COORDINATOR_LANE = -1;
/** Shorter coordinator gaps are not drawn (a box under 0.05 ms is noise, not work). */
const MIN_GAP_MS = 0.05;

/** A task of a run's stream: a TaskEvent plus the kind that fills its box (e.g. "assign (map)"). */
export interface StreamTask extends TaskEvent { readonly kind?: string }
export interface StreamLabel { name: string; kind: string }
export type TaskRunner = (tasks: readonly TaskSpec[], opts: RunTasksOptions) => Promise<unknown[]>;

export class RunStream {
  private readonly t0 = performance.now();
  private readonly events: StreamTask[] = [];
  private count = 0;
  private jobs = 1;
  private pending: (StreamLabel & { from: number }) | null = null;

  private now(): number {
    return performance.now() - this.t0;
  }

  private closeGap(): void {
    const p = this.pending;
    this.pending = null;
    if (!p) return;
    const end = this.now();
    if (end - p.from >= MIN_GAP_MS) this.events.push({ index: this.count++, name: p.name, kind: p.kind, worker: COORDINATOR_LANE, start: p.from, end, ok: true });
  }

  /**
   * `run` with its tasks recorded: each named and kinded by `label(spec, i)`; `after()`, if given,
   * names the coordinator's work once the round's results are in (drawn up to the next round or `finish`).
   */
  wrap(run: TaskRunner, label: (spec: TaskSpec, i: number) => StreamLabel, after?: () => StreamLabel | null): TaskRunner {
    return async (tasks, opts) => {
      this.closeGap();
      const at = this.now(), base = this.count;
      this.count += tasks.length;
      this.jobs = Math.max(this.jobs, opts.nJobs);
      const lane = (w: number) => (opts.nJobs > 1 ? w : COORDINATOR_LANE);
      const out = await run(tasks, {
        ...opts,
        onTask: (e) => {
          this.events.push({ ...label(tasks[e.index], e.index), index: base + e.index, worker: lane(e.worker), start: at + e.start, end: at + e.end, ok: e.ok });
          opts.onTask?.(e);
        },
      });
      const next = after?.();
      if (next) this.pending = { ...next, from: this.now() };
      return out;
    };
  }

  /** Closes the last coordinator gap; the stream of every task so far, ms from the run's start. */
  finish(): TaskStream {
    this.closeGap();
    return { nJobs: this.jobs, backend: this.jobs > 1 ? 'workers' : 'sequential', ms: this.now(), tasks: [...this.events] };
  }
}
