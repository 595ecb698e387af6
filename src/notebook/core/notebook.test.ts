import { afterEach, expect, it, vi } from 'vitest';
import type { Knobs, Output } from '../kernel/protocol';
import type { RunStatus } from '../kernelClient';
import { parseLesson, type Lesson } from './lesson';
import { Notebook, type Kernel, type SavedCell } from './notebook';

/** A kernel the test drives: it hands out the running cell's output callback and its end. */
class FakeKernel implements Kernel {
  generation = 0;
  busy = false;
  out: ((o: Output[]) => void) | null = null;
  end: ((s: RunStatus) => void) | null = null;
  run(_code: string, _k: Knobs, _l: 'es' | 'en', onOutputs: (o: Output[]) => void): Promise<RunStatus> {
    this.busy = true;
    this.out = onOutputs;
    return new Promise((r) => { this.end = (s) => { this.busy = false; r(s); }; });
  }
  stop() { return Promise.resolve(null); }
  restart() { this.generation++; }
}

const lesson = parseLesson('```js cell\na = 1\n```\n\n```js cell\nb = 2\n```\n', '01-t', 'en');
const hooks = { saveCell: () => undefined, cellDone: () => undefined };
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
  const nb = new Notebook(lessonAB, new FakeKernel(), 'en', { saveCell: (i, s) => saves.push([i, s]), cellDone: () => undefined });
  nb.edit(0, 'x');
  nb.edit(0, 'x');
  expect(saves.map(([i, s]) => [i, s?.source])).toEqual([[0, 'x']]);
});

it('shows another tab\'s version of a cell without saving it again, and null as the original', () => {
  const saves: unknown[] = [];
  const nb = new Notebook(lessonAB, new FakeKernel(), 'en', { saveCell: (...a) => saves.push(a), cellDone: () => undefined });
  const knobs = nb.getSnapshot().cells[1].knobs;
  nb.applySaved(1, { source: 'theirs', knobs: { ...knobs, epochs: 3 } });
  expect(nb.getSnapshot().cells[1]).toMatchObject({ source: 'theirs', knobs: { epochs: 3 } });
  expect(nb.savedOf(1)).toMatchObject({ source: 'theirs' });
  expect(nb.savedOf(0)).toBeNull();
  nb.applySaved(1, null);
  expect(nb.getSnapshot().cells[1]).toMatchObject({ source: 'b', knobs });
  expect(saves).toEqual([]);
});
