import { expect, it } from 'vitest';
import { isEdited, newCell, transitionCell } from './cell';
import type { Knobs } from '../kernel/protocol';

const knobs: Knobs = { backend: 'js', batchSize: 32, epochs: 1, learningRate: 0.1, workers: 2, threads: 2, simd: true, mode: 'resident', samples: 60000, repeats: 1 };

it('walks idle → queued → running → idle and replaces outputs by id', () => {
  let c = newCell({ index: 0, kind: 'code', source: '1', options: {} }, knobs);
  c = transitionCell(c, { type: 'queue' });
  expect(c.status).toBe('queued');
  c = transitionCell(c, { type: 'start', count: 3 });
  expect(c).toMatchObject({ status: 'running', executionCount: 3 });
  c = transitionCell(c, { type: 'output', output: { id: 'a', kind: 'text', text: 'x' } });
  c = transitionCell(c, { type: 'output', output: { id: 'a', kind: 'text', text: 'y' } });
  expect(c.outputs).toEqual([{ id: 'a', kind: 'text', text: 'y' }]);
  c = transitionCell(c, { type: 'finish', result: 'ok' });
  expect(c).toMatchObject({ status: 'idle', result: 'ok' });
  expect(transitionCell(c, { type: 'dequeue' })).toBe(c);
});

it('knows when a cell was edited, and reset restores it', () => {
  let c = newCell({ index: 0, kind: 'code', source: 'a', options: {} }, knobs);
  expect(isEdited(c)).toBe(false);
  c = transitionCell(c, { type: 'edit', source: 'b' });
  expect(isEdited(c)).toBe(true);
  c = transitionCell(c, { type: 'reset' });
  expect(isEdited(c)).toBe(false);
  c = transitionCell(c, { type: 'setKnobs', knobs: { batchSize: 64 } });
  expect(isEdited(c)).toBe(true);
});

it('applies a burst of outputs at once: new ids appended in order, known ids replaced where they are', () => {
  let c = transitionCell(newCell({ index: 0, kind: 'code', source: '1', options: {} }, knobs), { type: 'start', count: 1 });
  c = transitionCell(c, { type: 'output', output: { id: 'a', kind: 'text', text: 'a1' } });
  const before = c;
  expect(transitionCell(c, { type: 'outputs', outputs: [] })).toBe(before);
  c = transitionCell(c, { type: 'outputs', outputs: [
    { id: 'b', kind: 'text', text: 'b1' }, { id: 'a', kind: 'text', text: 'a2' }, { id: 'c', kind: 'text', text: 'c1' }, { id: 'b', kind: 'text', text: 'b2' },
  ] });
  expect(c.outputs).toEqual([{ id: 'a', kind: 'text', text: 'a2' }, { id: 'b', kind: 'text', text: 'b2' }, { id: 'c', kind: 'text', text: 'c1' }]);
  expect(before.outputs).toEqual([{ id: 'a', kind: 'text', text: 'a1' }]); // not mutated
});
