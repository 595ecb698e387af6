import { expect, it } from 'vitest';
import type { Lesson } from './lesson';
import { Notebook, type Kernel, type SavedCell } from './notebook';

const lesson: Lesson = { key: '01', slug: '01-a', lang: 'en', title: 'A', cells: [{ index: 0, kind: 'code', source: 'a', options: {} }, { index: 1, kind: 'code', source: 'b', options: {} }] };
const kernel: Kernel = { busy: false, run: () => Promise.resolve('ok'), stop: () => Promise.resolve(null), restart: () => undefined };

it('saves an edit once; the editor echoing the same source saves nothing (issue 11)', () => {
  const saves: [number, SavedCell | null][] = [];
  const nb = new Notebook(lesson, kernel, 'en', { saveCell: (i, s) => saves.push([i, s]), cellDone: () => undefined });
  nb.edit(0, 'x');
  nb.edit(0, 'x');
  expect(saves.map(([i, s]) => [i, s?.source])).toEqual([[0, 'x']]);
});

it('shows another tab\'s version of a cell without saving it again, and null as the original', () => {
  const saves: unknown[] = [];
  const nb = new Notebook(lesson, kernel, 'en', { saveCell: (...a) => saves.push(a), cellDone: () => undefined });
  const knobs = nb.getSnapshot().cells[1].knobs;
  nb.applySaved(1, { source: 'theirs', knobs: { ...knobs, epochs: 3 } });
  expect(nb.getSnapshot().cells[1]).toMatchObject({ source: 'theirs', knobs: { epochs: 3 } });
  expect(nb.savedOf(1)).toMatchObject({ source: 'theirs' });
  expect(nb.savedOf(0)).toBeNull();
  nb.applySaved(1, null);
  expect(nb.getSnapshot().cells[1]).toMatchObject({ source: 'b', knobs });
  expect(saves).toEqual([]);
});
