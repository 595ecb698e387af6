import { describe, expect, it } from 'vitest';
import { axisPosition, heatmapOf } from './kernel/search';
import { heatmapPointsTable, heatmapTable, isHeatmap, MAX_HEATMAP_POINTS, pointPlace } from './heatmapShape';
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
    expect(heatmapTable(h, 'es').rows).toEqual([['0.05', '81,0\u00a0%', '80,0\u00a0%'], ['0.1', '90,0\u00a0% (★ mejor)', '85,0\u00a0%']]);
    expect(heatmapTable(h, 'en').rows[1][1]).toBe('90.0% (★ best)');
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
    expect(json).toContain('90.0% (★ best)');
    expect(json).toContain('<table>');
    expect(importIpynb(json, 'x.ipynb').outputs.get(1)!.outputs[0]).toMatchObject({ kind: 'heatmap', heatmap: { best: 2, values: [0.81, 0.8, 0.9, 0.85] } });
  });

  describe('with random trials drawn over it', () => {
    const random = [trial(0.07, 45, 0.88, 0), trial(0.1, 32, 0.9, 1), trial(0.3, 20, 0.7, 2)];
    const hp = heatmapOf('en', { learningRate: [0.05, 0.1], batchSize: [32, 64] }, trials, trials[2], random)!;

    it('places each trial between the grid values it lies between (log scale), at the edge when outside', () => {
      expect(axisPosition(0.1, [0.05, 0.1])).toEqual({ at: 1, outside: false });
      expect(axisPosition(Math.sqrt(0.05 * 0.1), [0.05, 0.1]).at).toBeCloseTo(0.5, 12); // the geometric middle
      expect(axisPosition(0.3, [0.05, 0.1])).toEqual({ at: 1.5, outside: true });
      expect(axisPosition(16, [128, 64, 32])).toEqual({ at: 2.5, outside: true }); // a descending axis
      expect(axisPosition(45, [8, 3, 100])).toEqual({ at: 2, outside: false }); // unsorted: the nearest value
      expect(hp.points!.map((p) => [Number(p.y.toFixed(3)), Number(p.x.toFixed(3)), p.outside ?? false])).toEqual([[0.485, 0.492, false], [1, 0, false], [1.5, -0.5, true]]);
      expect(hp.points!.map((p) => p.value)).toEqual([0.88, 0.9, 0.7]);
      expect(isHeatmap(hp)).toBe(true);
      expect(pointPlace(hp.points![0], 2, 2)).toEqual({ row: 0, col: 0, left: expect.closeTo(0.992, 3), top: expect.closeTo(0.985, 3) });
    });

    it('lists them as a table, the text a screen reader and the .ipynb get', () => {
      expect(heatmapPointsTable(hp, 'en').columns).toEqual(['random trial', hp.yLabel, hp.xLabel, 'validation accuracy']);
      expect(heatmapPointsTable(hp, 'es').rows).toEqual([['◆1', '0.07', '45', '88,0\u00a0%'], ['◆2', '0.1', '32', '90,0\u00a0%'], ['◆3', '0.3', '20', '70,0\u00a0% (fuera de la rejilla)']]);
      const lesson = parseLesson('# T\n```js cell\nawait search({ grid, random });\n```\n', '09-x', 'en');
      let code = newCell(lesson.cells[1], knobsFromOptions({}));
      code = transitionCell(code, { type: 'start', count: 1 });
      code = transitionCell(code, { type: 'output', output: { id: 'h', kind: 'heatmap', heatmap: hp } });
      const json = JSON.stringify(exportIpynb(lesson, [newCell(lesson.cells[0], knobsFromOptions({})), code]));
      expect(json).toContain('◆3');
      expect(json).toContain('70.0% (outside the grid)');
      expect(importIpynb(json, 'x.ipynb').outputs.get(1)!.outputs[0]).toMatchObject({ kind: 'heatmap', heatmap: { points: hp.points } });
    });

    it('refuses forged points: off the grid, a bad value, too many, no title', () => {
      const p0 = hp.points![0];
      const bad = [
        { ...hp, points: [{ ...p0, x: 1.6 }] }, { ...hp, points: [{ ...p0, y: -0.6 }] }, { ...hp, points: [{ ...p0, value: 1.2 }] },
        { ...hp, points: [{ ...p0, x: Number.NaN }] }, { ...hp, points: [{ ...p0, xText: 5 }] }, { ...hp, points: [{ ...p0, outside: 'yes' }] },
        { ...hp, points: Array(MAX_HEATMAP_POINTS + 1).fill(p0) }, { ...hp, pointsTitle: undefined }, { ...h, pointsTitle: 'no points' }, { ...hp, points: [null] },
      ];
      for (const b of bad) expect(checkedOutput({ id: 'h', kind: 'heatmap', heatmap: b }, 'x').kind).toBe('error');
      expect(checkedOutput({ id: 'h', kind: 'heatmap', heatmap: { ...hp, points: Array(MAX_HEATMAP_POINTS).fill(p0) } }, 'x').kind).toBe('heatmap');
    });
  });
});
