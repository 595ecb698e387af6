// The notebook of one lesson, with no React: cells, the run queue, the execution counter, and the
// link to the kernel. React subscribes to it (useSyncExternalStore).
import type { Lang } from '../../i18n';
import type { Knobs, Output } from '../kernel/protocol';
import type { RunStatus } from '../kernelClient';
import { isEdited, newCell, transitionCell, type CellEvent, type CellState, type RunResult } from './cell';
import { knobsFromOptions } from './knobs';
import type { Lesson } from './lesson';
import { missingName, whyMissing, type Needs } from './needs';
import { localRuns, type LessonRuns } from './runs';
import type { TrainUse } from './trainUse';

export interface Kernel {
  readonly busy: boolean;
  /** bumps at every restart (the variables of the cells run before are gone) */
  readonly generation: number;
  run(code: string, knobs: Knobs, lang: Lang, onOutputs: (o: Output[]) => void, onTrained?: (t: TrainUse[]) => void): Promise<RunStatus>;
  stop(): Promise<RunStatus | null>;
  restart(): void;
}

export interface SavedCell { source: string; knobs: Knobs }
/** A code cell's outputs as they stood when it finished, to show again after a reload. */
export interface SavedOutputs { outputs: readonly Output[]; count: number | null }

export interface NotebookHooks {
  saveCell(index: number, saved: SavedCell | null): void; // null: back to the original
  /** a code cell finished (not at every output: once); null: its outputs were cleared */
  saveOutputs?(index: number, saved: SavedOutputs | null): void;
  /** what ran in the page's kernel, shared by the page's notebooks (default: this notebook's own record) */
  runs?: LessonRuns;
}

export interface NotebookState {
  lesson: Lesson;
  cells: CellState[];
  queue: number[];
  running: number | null;
  counter: number;
  stopping: boolean;
}

export class Notebook {
  private state: NotebookState;
  private listeners = new Set<() => void>();
  private draining = false;
  /** outputs received and not yet applied: a burst becomes one state update per frame */
  private incoming: { cell: number; outputs: Output[] } | null = null;
  private frame: { raf: number | null; timer: ReturnType<typeof setTimeout> | null } | null = null;
  /** each cell's last run: its execution count, the kernel generation it ran in, how it ended */
  private readonly runs: LessonRuns;

  /** `outputs`: what an earlier session (or an imported file) showed; marked as such until the cell runs again. */
  constructor(lesson: Lesson, private readonly kernel: Kernel, private readonly lang: Lang, private readonly hooks: NotebookHooks, saved: Map<number, SavedCell> = new Map(), outputs?: ReadonlyMap<number, SavedOutputs>) {
    this.runs = hooks.runs ?? localRuns();
    const cells = lesson.cells.map((spec) => {
      let c = newCell(spec, knobsFromOptions(spec.options));
      const s = saved.get(spec.index);
      if (s) c = { ...c, source: s.source, knobs: { ...c.knobs, ...s.knobs } };
      const o = outputs?.get(spec.index);
      if (o && spec.kind === 'code' && (o.outputs.length || o.count !== null)) c = transitionCell(c, { type: 'restore', outputs: o.outputs, count: o.count });
      return c;
    });
    this.state = { lesson, cells, queue: [], running: null, counter: 0, stopping: false };
  }

  subscribe = (fn: () => void) => {
    this.listeners.add(fn);
    return () => { this.listeners.delete(fn); };
  };

  getSnapshot = () => this.state;

  private set(next: Partial<NotebookState>) {
    this.state = { ...this.state, ...next };
    for (const l of this.listeners) l();
  }

  private apply(i: number, e: CellEvent) {
    this.set({ cells: this.state.cells.map((c, j) => (j === i ? transitionCell(c, e) : c)) });
  }

  private persist(i: number) {
    const c = this.state.cells[i];
    this.hooks.saveCell(c.spec.index, isEdited(c) ? { source: c.source, knobs: c.knobs } : null);
  }

  edit(i: number, source: string) {
    if (this.state.cells[i]?.source === source) return; // e.g. the editor echoing a source set from outside
    this.apply(i, { type: 'edit', source });
    this.persist(i);
  }
  /** Shows a cell's saved version (from another tab) without saving it again; null: the original. */
  applySaved(index: number, saved: SavedCell | null) {
    const i = this.state.cells.findIndex((c) => c.spec.index === index);
    if (i < 0) return;
    this.set({ cells: this.state.cells.map((c, j) => (j !== i ? c : saved ? { ...c, source: saved.source, knobs: { ...c.originalKnobs, ...saved.knobs } } : transitionCell(c, { type: 'reset' }))) });
  }
  /** A cell's current version, as saved (null: the original). */
  savedOf(index: number): SavedCell | null {
    const c = this.state.cells.find((x) => x.spec.index === index);
    return c && isEdited(c) ? { source: c.source, knobs: c.knobs } : null;
  }
  setKnobs(i: number, knobs: Partial<Knobs>) { this.apply(i, { type: 'setKnobs', knobs }); this.persist(i); }
  /** The lesson's knobs changed (the demo settings, read again from the URL): every knob a cell's user
   * left as it was takes the new value; one they changed keeps theirs. */
  rebaseKnobs() {
    const before = this.state.cells.map(isEdited);
    this.set({ cells: this.state.cells.map((c) => transitionCell(c, { type: 'rebase', knobs: knobsFromOptions(c.spec.options) })) });
    this.state.cells.forEach((c, i) => { if (before[i] || isEdited(c)) this.persist(i); });
  }
  resetCell(i: number) { this.apply(i, { type: 'reset' }); this.persist(i); }
  resetLesson() { this.state.cells.forEach((_, i) => { this.apply(i, { type: 'reset' }); this.persist(i); }); }
  clearOutputs() {
    const had = this.state.cells.filter((c) => c.outputs.length || c.executionCount !== null);
    this.set({ cells: this.state.cells.map((c) => transitionCell(c, { type: 'clear' })) });
    for (const c of had) this.hooks.saveOutputs?.(c.spec.index, null);
  }

  private enqueue(indices: number[]) {
    const code = indices.filter((i) => this.state.cells[i]?.spec.kind === 'code' && this.state.cells[i].status === 'idle');
    code.forEach((i) => this.apply(i, { type: 'queue' }));
    this.set({ queue: [...this.state.queue, ...code] });
    void this.drain();
  }

  run(i: number) { this.enqueue([i]); }
  runAll() { this.enqueue(this.state.cells.map((_, i) => i)); }
  runFrom(i: number) { this.enqueue(this.state.cells.map((_, j) => j).filter((j) => j >= i)); }
  /** Runs the earlier cells a failed cell needs (its `needs`), then the cell itself. */
  runNeeded(i: number) {
    const needs = this.state.cells[i]?.needs;
    if (needs) this.enqueue([...needs.run, i]);
  }

  private cancelQueue() {
    this.state.queue.forEach((i) => this.apply(i, { type: 'dequeue' }));
    this.set({ queue: [] });
  }

  /** Stops the running cell and empties the queue; resolves when the cell has stopped. */
  async stop() {
    this.cancelQueue();
    if (this.state.running === null) return;
    this.set({ stopping: true });
    await this.kernel.stop();
    this.set({ stopping: false });
  }

  restartKernel() {
    this.cancelQueue();
    this.kernel.restart();
  }

  private receive(i: number, outputs: Output[]) {
    if (this.incoming && this.incoming.cell !== i) this.flushOutputs();
    if (this.incoming) this.incoming.outputs.push(...outputs);
    else this.incoming = { cell: i, outputs: [...outputs] };
    if (this.frame) return;
    // the next frame, or 100 ms in a tab that paints no frames (hidden)
    const go = () => this.flushOutputs();
    this.frame = {
      raf: typeof requestAnimationFrame === 'function' ? requestAnimationFrame(go) : null,
      timer: setTimeout(go, 100),
    };
  }

  private flushOutputs() {
    if (this.frame) {
      if (this.frame.raf !== null) cancelAnimationFrame(this.frame.raf);
      if (this.frame.timer !== null) clearTimeout(this.frame.timer);
      this.frame = null;
    }
    const inc = this.incoming;
    this.incoming = null;
    if (inc) this.apply(inc.cell, { type: 'outputs', outputs: inc.outputs });
  }

  /** The execution counts of the cells that ran in kernel `generation` (their variables went with it). */
  cellsRunIn(generation: number): number[] {
    return [...this.runs.all().values()].filter((r) => r.generation === generation).map((r) => r.count).sort((a, b) => a - b);
  }

  /** How cell `i`'s run in the kernel now running ended; null if it has not run in it. */
  resultNow(i: number): RunResult | null {
    const r = this.runs.get(this.state.cells[i]?.spec.index ?? -1);
    return r && r.generation === this.kernel.generation ? r.result : null;
  }

  /** Why failed cell `i` lacked a name an earlier cell defines, if that is why it failed. */
  private needsOf(i: number): Needs | null {
    const name = this.state.cells[i].outputs.map(missingName).find((n) => n !== null);
    if (!name) return null;
    return whyMissing(this.state.cells.map((c) => ({ kind: c.spec.kind, source: c.source })), i, name, (j) => this.resultNow(j));
  }

  private async drain() {
    if (this.draining) return;
    this.draining = true;
    try {
      while (this.state.queue.length) {
        const [i, ...rest] = this.state.queue;
        const count = this.runs.nextCount();
        this.set({ queue: rest, running: i, counter: count });
        this.apply(i, { type: 'start', count });
        const c = this.state.cells[i];
        const generation = this.kernel.generation;
        this.runs.set(c.spec.index, { count, generation, result: null });
        const status = await this.kernel.run(c.source, c.knobs, this.lang, (os) => this.receive(i, os), (uses) => this.apply(i, { type: 'trained', source: c.source, uses }));
        this.flushOutputs();
        this.runs.set(c.spec.index, { count, generation, result: status });
        this.apply(i, { type: 'finish', result: status, needs: status === 'error' ? this.needsOf(i) : null });
        this.set({ running: null });
        const done = this.state.cells[i];
        this.hooks.saveOutputs?.(done.spec.index, { outputs: done.outputs, count: done.executionCount });
        if (status !== 'ok') this.cancelQueue(); // like Jupyter: an error or a stop ends "run all"
      }
    } finally {
      this.draining = false;
    }
  }
}
