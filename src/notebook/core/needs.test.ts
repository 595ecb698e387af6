import { describe, expect, it } from 'vitest';
import type { RunResult } from './cell';
import { cellNames, missingName, whyMissing, type CellSource } from './needs';

const code = (source: string): CellSource => ({ kind: 'code', source });
const md: CellSource = { kind: 'markdown', source: '# run = 1' };

describe('a cell\'s names', () => {
  it('defines its top-level declarations and plain assignments, and reads what it does not bind itself', () => {
    const n = cellNames('const { a, b: [c] } = x;\nlet d = 1, e;\nfunction f(p) { return p + g; }\nclass K {}\nh = 2;\nfor (const i of list) out.push(i.size);\ntry { y } catch (err) { err.message }');
    expect([...n.defines].sort()).toEqual(['K', 'a', 'c', 'd', 'e', 'f', 'h']);
    for (const r of ['x', 'g', 'list', 'out', 'y']) expect(n.uses.has(r), r).toBe(true);
    // parameters, inner bindings, property names: not reads of another cell's variables
    for (const r of ['p', 'i', 'err', 'push', 'size', 'message']) expect(n.uses.has(r), r).toBe(false);
  });

  it('reads accented names and knows a top-level await; a cell that does not parse has none', () => {
    const n = cellNames('const época = await train();\nshow.table([{ pérdida: época.loss }]);');
    expect([...n.defines]).toEqual(['época']);
    expect(n.uses.has('show')).toBe(true);
    expect(n.uses.has('pérdida')).toBe(false);
    expect(cellNames('const = ;')).toEqual({ defines: new Set(), uses: new Set() });
  });

  it('finds the name in the engine\'s ReferenceError, and only there', () => {
    expect(missingName({ id: 'error', kind: 'error', name: 'ReferenceError', message: 'run is not defined' })).toBe('run');
    expect(missingName({ id: 'error', kind: 'error', name: 'ReferenceError', message: 'época is not defined' })).toBe('época');
    expect(missingName({ id: 'error', kind: 'error', name: 'TypeError', message: 'run is not defined' })).toBeNull();
    expect(missingName({ id: 'error', kind: 'error', name: 'ReferenceError', message: 'Cannot access \'x\' before initialization' })).toBeNull();
    expect(missingName({ id: 't', kind: 'text', text: 'run is not defined' })).toBeNull();
  });
});

describe('why a name is missing, and what to run first', () => {
  // lesson 2: markdown, the training cell, markdown, the predictions cell
  const lesson2 = [md, code('const run = await train({ backend: \'js\' });\nshow.table(run.epochs.map((e) => ({ epoch: e.epoch + 1 })));'), md, code('await show.predictions(run, { count: 16 });\n`accuracy: ${run.accuracy}`')];
  const results = (m: Record<number, RunResult>) => (i: number) => m[i] ?? null;

  it('a cell that has not run in this kernel: run it first', () => {
    expect(whyMissing(lesson2, 3, 'run', results({}))).toEqual({ name: 'run', definer: 1, reason: 'notRun', run: [1] });
  });

  it('blames the cell that was stopped (or failed) before it defined the name, not anything else', () => {
    expect(whyMissing(lesson2, 3, 'run', results({ 1: 'stopped' }))).toMatchObject({ definer: 1, reason: 'stopped', run: [1] });
    expect(whyMissing(lesson2, 3, 'run', results({ 1: 'error' }))).toMatchObject({ reason: 'error' });
    expect(whyMissing(lesson2, 3, 'run', results({ 1: 'interrupted' }))).toMatchObject({ reason: 'interrupted' });
  });

  it('says nothing when the defining cell ran to the end in this kernel, or no earlier cell defines the name', () => {
    expect(whyMissing(lesson2, 3, 'run', results({ 1: 'ok' }))).toBeNull();
    expect(whyMissing(lesson2, 3, 'nope', results({}))).toBeNull();
    expect(whyMissing(lesson2, 1, 'run', results({}))).toBeNull(); // only earlier cells count
  });

  it('runs, in order, every earlier cell the failing cell needs, and what those need in turn, not the ones that ran', () => {
    const cells = [code('const data = await mnist();'), code('const counts = await labelCounts();'), code('const other = 1;'), code('const share = counts.map((n) => n / data.train.count);'), code('share[0] + counts[0]')];
    expect(whyMissing(cells, 4, 'share', results({}))).toEqual({ name: 'share', definer: 3, reason: 'notRun', run: [0, 1, 3] });
    expect(whyMissing(cells, 4, 'share', results({ 0: 'ok' }))?.run).toEqual([1, 3]);
    // the last definition before the failing cell is the one that counts
    const twice = [code('let x = 1;'), code('x = 2;'), code('x')];
    expect(whyMissing(twice, 2, 'x', results({}))).toMatchObject({ definer: 1, run: [1] });
  });
});
