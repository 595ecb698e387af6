import { describe, expect, it } from 'vitest';
import { heatmapOf } from './kernel/search';
import { heatmapTable, isHeatmap } from './heatmapShape';
import { checkedOutput } from './outputs';
import { exportIpynb, importIpynb } from './ipynb';
import { newCell, transitionCell } from './core/cell';
import { parseLesson } from './core/lesson';
import { knobsFromOptions } from './core/knobs';

const trial = (learningRate: number, batchSize: number, accuracy: number, index: number) => ({ learningRate, batchSize, hidden: 128, accuracy, loss: 0.3, ms: 10, worker: 0, index });

describe('the heatmap output kind', () => {
  const trials = [trial(0.05, 32, 0.81, 0), trial(0.05, 64, 0.8, 1), trial(0.1, 32, 0.9, 2), trial(0.1, 64, 0.85, 3)];
  const h = heatmapOf('en', { learningRate: [0.05, 0.1], batchSize: [32, 64] }, trials, trials[2])!;

  it('puts each trial in its cell, rows the first axis, and marks the best', () => {
    expect(h.yValues).toEqual(['0.05', '0.1']);
    expect(h.xValues).toEqual(['32', '64']);
    expect(h.values).toEqual([0.81, 0.8, 0.9, 0.85]);
    expect(h.best).toBe(2);
    expect(isHeatmap(h)).toBe(true);
    expect(heatmapOf('en', { learningRate: [0.05, 0.1] }, trials, trials[2])).toBeNull(); // one axis: no heatmap
  });

  it('reads as a table in the student’s number format', () => {
    expect(heatmapTable(h, 'es').rows).toEqual([['0.05', '81,0 %', '80,0 %'], ['0.1', '90,0 % (★ mejor)', '85,0 %']]);
    expect(heatmapTable(h, 'en').rows[1][1]).toBe('90.0 % (★ best)');
  });

  it('refuses forged shapes instead of crashing the page', () => {
    for (const bad of [{ ...h, values: [0.5] }, { ...h, values: [2, 0, 0, 0] }, { ...h, best: 4 }, { ...h, xValues: [] }, { ...h, title: 3 }, null]) {
      expect(isHeatmap(bad)).toBe(false);
      expect(checkedOutput({ id: 'h', kind: 'heatmap', heatmap: bad }, 'x').kind).toBe('error');
    }
    expect(checkedOutput({ id: 'h', kind: 'heatmap', heatmap: h }, 'x').kind).toBe('heatmap');
  });

  it('is exported to .ipynb with its table and imported back', () => {
    const lesson = parseLesson('# T\n```js cell\nawait search({ grid });\n```\n', '09-x', 'en');
    let code = newCell(lesson.cells[1], knobsFromOptions({}));
    code = transitionCell(code, { type: 'start', count: 1 });
    code = transitionCell(code, { type: 'output', output: { id: 'h', kind: 'heatmap', heatmap: h } });
    const json = JSON.stringify(exportIpynb(lesson, [newCell(lesson.cells[0], knobsFromOptions({})), code]));
    expect(json).toContain('90.0 % (★ best)');
    expect(json).toContain('<table>');
    expect(importIpynb(json, 'x.ipynb').outputs.get(1)!.outputs[0]).toMatchObject({ kind: 'heatmap', heatmap: { best: 2, values: [0.81, 0.8, 0.9, 0.85] } });
  });
});
