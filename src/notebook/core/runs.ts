// What ran in this page's kernel, with no React. One kernel serves every lesson of the page, and a
// lesson's Notebook is built again each time the page comes back to it, so the record of which
// cells ran — and in which kernel generation — lives here, shared, not in a Notebook. After a
// reload or a restart nothing has run: the sidebar says 0/M and restored outputs count for nothing.
import type { RunResult } from './cell';

export interface CellRun {
  /** the execution count it was given */
  count: number;
  /** the kernel generation it ran in (its variables went with that kernel) */
  generation: number;
  /** null while it runs */
  result: RunResult | null;
}

/** One lesson's view of the record (what a Notebook is handed). */
export interface LessonRuns {
  get(index: number): CellRun | undefined;
  set(index: number, run: CellRun): void;
  all(): ReadonlyMap<number, CellRun>;
  /** the next execution count: one counter per kernel, as in Jupyter */
  nextCount(): number;
}

export class KernelRuns {
  private readonly runs = new Map<string, Map<number, CellRun>>();
  private readonly listeners = new Set<() => void>();
  private counter = 0;
  /** the kernel generation now running */
  private current = 0;

  get generation(): number {
    return this.current;
  }

  /** The kernel was restarted: it is `generation` now, and nothing has run in it. */
  restarted(generation: number): void {
    this.current = generation;
    this.notify();
  }

  /** `lesson` is `${lang}/${key}`. */
  lesson(lesson: string): LessonRuns {
    const of = (): Map<number, CellRun> => {
      const m = this.runs.get(lesson) ?? new Map<number, CellRun>();
      this.runs.set(lesson, m);
      return m;
    };
    return {
      get: (i) => this.runs.get(lesson)?.get(i),
      set: (i, run) => {
        of().set(i, run);
        if (run.generation > this.current) this.current = run.generation;
        this.notify();
      },
      all: () => of(),
      nextCount: () => ++this.counter,
    };
  }

  /** Forgets what ran of `lesson` (a new notebook was imported in its place). */
  forget(lesson: string): void {
    if (this.runs.delete(lesson)) this.notify();
  }

  /** How many cells of `lesson` ran without error in the kernel now running. */
  done(lesson: string): number {
    let n = 0;
    for (const r of this.runs.get(lesson)?.values() ?? []) if (r.generation === this.current && r.result === 'ok') n++;
    return n;
  }

  subscribe(fn: () => void): () => void {
    this.listeners.add(fn);
    return () => { this.listeners.delete(fn); };
  }

  private notify(): void {
    for (const l of this.listeners) l();
  }
}

/** A record for one Notebook alone (tests, the export of an imported notebook). */
export function localRuns(): LessonRuns {
  return new KernelRuns().lesson('local');
}
