import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Knobs, Output } from '../kernel/protocol';
import type { RunStatus } from '../kernelClient';
import { parseLesson, type Lesson } from './lesson';
import { Notebook, type Kernel, type SavedCell, type SavedOutputs } from './notebook';
import { KernelRuns } from './runs';
import type { TrainUse } from './trainUse';

/** A kernel the test drives: it hands out the running cell's output callback and its end. */
class FakeKernel implements Kernel {
  generation = 0;
  busy = false;
  out: ((o: Output[]) => void) | null = null;
  end: ((s: RunStatus) => void) | null = null;
  trained: ((t: TrainUse[]) => void) | null = null;
  run(_code: string, _k: Knobs, _l: 'es' | 'en', onOutputs: (o: Output[]) => void, onTrained?: (t: TrainUse[]) => void): Promise<RunStatus> {
    this.busy = true;
    this.out = onOutputs;
    this.trained = onTrained ?? null;
    return new Promise((r) => { this.end = (s) => { this.busy = false; r(s); }; });
  }
  stop() { return Promise.resolve(null); }
  restart() { this.generation++; }
}

const lesson = parseLesson('```js cell\na = 1\n```\n\n```js cell\nb = 2\n```\n', '01-t', 'en');
const hooks = { saveCell: () => undefined };
const text = (id: string): Output => ({ id, kind: 'text', text: id });

afterEach(() => { vi.useRealTimers(); });

it('applies a burst of outputs in one update per frame, and everything before the cell ends', async () => {
  vi.useFakeTimers();
  const k = new FakeKernel();
  const nb = new Notebook(lesson, k, 'en', hooks);
  let updates = 0;
  nb.subscribe(() => updates++);
  nb.run(0);
  await vi.advanceTimersByTimeAsync(0);
  const before = updates;
  for (let i = 0; i < 50; i++) k.out!([text(`t${i}`)]);
  expect(updates).toBe(before); // nothing applied yet
  await vi.advanceTimersByTimeAsync(100); // no requestAnimationFrame in node: the 100 ms fallback
  expect(updates).toBe(before + 1);
  expect(nb.getSnapshot().cells[0].outputs).toHaveLength(50);
  k.out!([text('last')]);
  k.end!('ok');
  await vi.advanceTimersByTimeAsync(0);
  const c = nb.getSnapshot().cells[0];
  expect(c.outputs.at(-1)).toEqual(text('last')); // flushed before 'finish'
  expect(c.status).toBe('idle');
});

it('knows which cells ran in which kernel generation', async () => {
  const k = new FakeKernel();
  const nb = new Notebook(lesson, k, 'en', hooks);
  nb.run(0);
  await Promise.resolve();
  k.end!('ok');
  await new Promise((r) => setTimeout(r, 0));
  nb.run(1);
  await Promise.resolve();
  k.end!('ok');
  await new Promise((r) => setTimeout(r, 0));
  expect(nb.cellsRunIn(0)).toEqual([1, 2]);
  k.restart();
  nb.run(0);
  await Promise.resolve();
  k.end!('ok');
  await new Promise((r) => setTimeout(r, 0));
  expect(nb.cellsRunIn(0)).toEqual([2]); // cell 0 ran again in generation 1
  expect(nb.cellsRunIn(1)).toEqual([3]);
});

const lessonAB: Lesson = { key: '01', slug: '01-a', lang: 'en', title: 'A', cells: [{ index: 0, kind: 'code', source: 'a', options: {} }, { index: 1, kind: 'code', source: 'b', options: {} }] };

it('saves an edit once; the editor echoing the same source saves nothing (issue 11)', () => {
  const saves: [number, SavedCell | null][] = [];
  const nb = new Notebook(lessonAB, new FakeKernel(), 'en', { saveCell: (i, s) => saves.push([i, s]) });
  nb.edit(0, 'x');
  nb.edit(0, 'x');
  expect(saves.map(([i, s]) => [i, s?.source])).toEqual([[0, 'x']]);
});

it('shows another tab\'s version of a cell without saving it again, and null as the original', () => {
  const saves: unknown[] = [];
  const nb = new Notebook(lessonAB, new FakeKernel(), 'en', { saveCell: (...a) => saves.push(a) });
  const knobs = nb.getSnapshot().cells[1].knobs;
  nb.applySaved(1, { source: 'theirs', knobs: { ...knobs, epochs: 3 } });
  expect(nb.getSnapshot().cells[1]).toMatchObject({ source: 'theirs', knobs: { epochs: 3 } });
  expect(nb.savedOf(1)).toMatchObject({ source: 'theirs' });
  expect(nb.savedOf(0)).toBeNull();
  nb.applySaved(1, null);
  expect(nb.getSnapshot().cells[1]).toMatchObject({ source: 'b', knobs });
  expect(saves).toEqual([]);
});

const settle = () => new Promise((r) => setTimeout(r, 0));
const notDefined = (name: string): Output => ({ id: 'error', kind: 'error', name: 'ReferenceError', message: `${name} is not defined`, line: 1 });
/** lesson 2's shape: the cell that trains defines `run`, the next one reads it */
const lesson2 = parseLesson('# T\n\n```js cell\nconst run = await train();\n```\n\ntext\n\n```js cell\nawait show.predictions(run);\n```\n', '02-t', 'en');

describe('outputs from an earlier session (issue 12)', () => {
  it('are shown marked as restored and count as nothing run; a run replaces them, and its outputs are saved once, when it finishes', async () => {
    const k = new FakeKernel();
    const runs = new KernelRuns();
    const saved: [number, SavedOutputs | null][] = [];
    const nb = new Notebook(lesson, k, 'en', { saveCell: () => undefined, saveOutputs: (i, s) => saved.push([i, s]), runs: runs.lesson('en/01') }, new Map(), new Map([[0, { outputs: [text('old')], count: 7 }]]));
    expect(nb.getSnapshot().cells[0]).toMatchObject({ restored: true, executionCount: 7, result: null, outputs: [text('old')] });
    expect(nb.getSnapshot().cells[1]).toMatchObject({ restored: false, outputs: [] });
    expect(runs.done('en/01')).toBe(0);
    nb.run(0);
    await settle();
    expect(nb.getSnapshot().cells[0]).toMatchObject({ restored: false, outputs: [], status: 'running' });
    k.out!([text('a')]);
    k.out!([text('b')]);
    expect(saved).toEqual([]); // not at every output
    k.end!('ok');
    await settle();
    expect(saved).toEqual([[0, { outputs: [text('a'), text('b')], count: 1 }]]);
    expect(runs.done('en/01')).toBe(1);
    runs.restarted(1); // the kernel was restarted: nothing has run in it
    expect(runs.done('en/01')).toBe(0);
    nb.clearOutputs();
    expect(saved.at(-1)).toEqual([0, null]);
  });

  it('a shared record keeps what ran when the page comes back to a lesson (a new Notebook), and counts go on', async () => {
    const k = new FakeKernel();
    const runs = new KernelRuns();
    const first = new Notebook(lesson, k, 'en', { saveCell: () => undefined, runs: runs.lesson('en/01') });
    first.run(0);
    await settle();
    k.end!('ok');
    await settle();
    const again = new Notebook(lesson, k, 'en', { saveCell: () => undefined, runs: runs.lesson('en/01') });
    expect(again.resultNow(0)).toBe('ok');
    expect(again.cellsRunIn(0)).toEqual([1]);
    again.run(1);
    await settle();
    expect(again.getSnapshot().cells[1].executionCount).toBe(2);
  });
});

describe('"run cell N first" (issue 12)', () => {
  async function failWith(nb: Notebook, k: FakeKernel, i: number, out: Output) {
    nb.run(i);
    await settle();
    k.out!([out]);
    k.end!('error');
    await settle();
  }

  it('a cell that reads a variable of a cell not run in this kernel says which, and its button runs that cell, then this one', async () => {
    const k = new FakeKernel();
    const nb = new Notebook(lesson2, k, 'en', hooks);
    await failWith(nb, k, 3, notDefined('run'));
    expect(nb.getSnapshot().cells[3].needs).toEqual({ name: 'run', definer: 1, reason: 'notRun', run: [1] });
    nb.runNeeded(3);
    await settle();
    expect(nb.getSnapshot().cells.map((c) => c.status)).toEqual(['idle', 'running', 'idle', 'queued']);
    k.end!('ok');
    await settle();
    expect(nb.getSnapshot().running).toBe(3);
    k.end!('ok');
    await settle();
    expect(nb.getSnapshot().cells[3]).toMatchObject({ result: 'ok', needs: null });
  });

  it('after a Stop it blames the stopped cell; after a restart, the cell that has not run in the new kernel', async () => {
    const k = new FakeKernel();
    const nb = new Notebook(lesson2, k, 'en', hooks);
    nb.run(1);
    await settle();
    k.end!('stopped');
    await settle();
    await failWith(nb, k, 3, notDefined('run'));
    expect(nb.getSnapshot().cells[3].needs).toMatchObject({ definer: 1, reason: 'stopped' });
    nb.run(1);
    await settle();
    k.end!('ok');
    await settle();
    k.restart();
    await failWith(nb, k, 3, notDefined('run'));
    expect(nb.getSnapshot().cells[3].needs).toMatchObject({ definer: 1, reason: 'notRun' });
  });

  it('another error, or a name no earlier cell defines, has no such note', async () => {
    const k = new FakeKernel();
    const nb = new Notebook(lesson2, k, 'en', hooks);
    await failWith(nb, k, 3, { id: 'error', kind: 'error', name: 'TypeError', message: 'x is not a function' });
    expect(nb.getSnapshot().cells[3].needs).toBeNull();
    await failWith(nb, k, 3, notDefined('nowhere'));
    expect(nb.getSnapshot().cells[3].needs).toBeNull();
  });
});

it('keeps what each train() call of a cell\'s run ran with, with the source that ran, until it runs again', async () => {
  const k = new FakeKernel();
  const nb = new Notebook(lesson, k, 'en', hooks);
  nb.run(0);
  await Promise.resolve();
  const uses = [{ options: { backend: 'js', epochs: 2 }, fromCode: ['epochs'] }];
  k.trained!(uses);
  k.end!('ok');
  await new Promise((r) => setTimeout(r, 0));
  expect(nb.getSnapshot().cells[0].trained).toEqual({ source: 'a = 1', uses });
  nb.run(0);
  await Promise.resolve();
  expect(nb.getSnapshot().cells[0].trained).toBeNull(); // a new run: the old record no longer says what runs
  k.end!('ok');
});

it('follows new demo settings in every knob a user left as it was, and saves only cells that are edited', () => {
  const saved: number[] = [];
  const nb = new Notebook(parseLesson('```js cell batchSize=512\nawait train()\n```\n', '01-t', 'en'), new FakeKernel(), 'en', { saveCell: (i) => saved.push(i) });
  nb.setKnobs(0, { epochs: 4 });
  saved.length = 0;
  vi.stubGlobal('location', { search: '?batch=64&epochs=2' });
  try {
    nb.rebaseKnobs();
  } finally {
    vi.unstubAllGlobals();
  }
  expect(nb.getSnapshot().cells[0].knobs).toMatchObject({ batchSize: 64, epochs: 4 });
  expect(nb.getSnapshot().cells[0].originalKnobs).toMatchObject({ batchSize: 64, epochs: 2 });
  expect(saved).toEqual([0]);
});
