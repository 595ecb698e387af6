import { describe, expect, it } from 'vitest';
import type { ChartSpec } from '../../notebook/kernel/protocol';
import { breakdownChart, histogramChart, lossChart, speedupChart, throughputChart, timingsChart } from '../../notebook/kernel/charts';
import type { Run } from '../../notebook/kernel/run';
import { chartSummary } from './summary';

const losses = [
  { label: 'js', points: [{ step: 1, loss: 2.3123 }, { step: 2, loss: 1.5 }, { step: 3, loss: 0.21234 }], stepsPerEpoch: 2 },
  { label: 'wasm threads=2', points: [{ step: 1, loss: 2.3123 }, { step: 2, loss: 1.4 }, { step: 3, loss: 0.2081 }], stepsPerEpoch: 2 },
];
const run = (label: string, ms: number, parts: [string, number][] = []) =>
  ({ label, medianEpochMs: ms, epochs: [{ breakdown: parts.map(([id, v]) => ({ id, label: id, ms: v, method: 'm' })) }] }) as unknown as Run;

describe('chart summaries', () => {
  it('a loss chart: how many series, over which steps, the range and the lowest and highest final values', () => {
    expect(chartSummary(lossChart('en', losses), 'en')).toBe(
      'Training loss: 2 series (Step 1–3), values between 0.208 and 2.31. Lowest final value: wasm threads=2 (0.208); highest: js (0.212).');
    expect(chartSummary(lossChart('es', losses), 'es')).toBe(
      'Pérdida de entrenamiento: 2 series (Paso 1–3), valores entre 0,208 y 2,31. Valor final más bajo: wasm threads=2 (0,208); más alto: js (0,212).');
  });

  it('bars: the lowest and the highest, with the unit, in the language\'s numbers', () => {
    const runs = [run('js', 1180.4), run('wasm', 120.2), run('workers ×2', 640)];
    expect(chartSummary(timingsChart('en', runs), 'en')).toBe('Time per epoch (one epoch per run): 3 bars; lowest wasm (120 ms), highest js (1,180 ms).');
    expect(chartSummary(timingsChart('es', runs), 'es')).toBe('Tiempo por época (una época por ejecución): 3 barras; la más baja, wasm (120 ms); la más alta, js (1.180 ms).');
    expect(chartSummary(timingsChart('en', [run('js', 99)]), 'en')).toBe('Time per epoch (one epoch per run): js, 99 ms.');
    expect(chartSummary(histogramChart('es', [5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949]), 'es')).toBe(
      'Etiquetas de entrenamiento por clase: 10 barras; la más baja, dígito 5 (5.420); la más alta, dígito 1 (6.740).');
  });

  it('a stacked breakdown: the smallest and largest totals and the largest part', () => {
    const runs = [run('batch 32', 60, [['compute', 40], ['messaging', 20]]), run('batch 512', 20, [['compute', 15], ['messaging', 5]])];
    expect(chartSummary(breakdownChart('en', runs), 'en')).toBe(
      'Where the time goes (one epoch): 2 bars of 2 parts; the smallest total is batch 512 (20 ms), the largest batch 32 (60 ms); the largest part is compute in batch 32 (40 ms).');
  });

  it('one measured line among reference lines: where it starts and ends, its extremes and where they are', () => {
    const spec = speedupChart('en', [{ n: 1, ms: 1000 }, { n: 2, ms: 600 }, { n: 4, ms: 400 }, { n: 8, ms: 450 }]);
    expect(chartSummary(spec, 'en')).toBe('Speedup over workers = 1 (workers 1–8): from 1× to 2.22×; lowest 1× at 1, highest 2.5× at 4.');
    const tp = throughputChart('es', [{ batchSize: 32, samplesPerSec: 3000.4 }, { batchSize: 128, samplesPerSec: 9876 }], 'wasm');
    expect(chartSummary(tp, 'es')).toBe(
      'Rendimiento frente al tamaño de lote (wasm) (Tamaño de lote 32–128): de 3.000 muestras / s a 9.880 muestras / s; mínimo 3.000 muestras / s en 32, máximo 9.880 muestras / s en 128.');
  });

  it('a task stream, and a chart with nothing in it yet', () => {
    const spec: ChartSpec = {
      type: 'taskStream', title: 'Tasks', x: 'start', y: ['end'], unit: 'ms',
      data: [{ worker: 0, start: 0, end: 5, kind: 'gradient', shard: 0 }, { worker: 1, start: 0, end: 6.25, kind: 'gradient', shard: 1 }, { worker: -1, start: 6.3, end: 7.5, kind: 'reduce+update', shard: -1 }],
    };
    expect(chartSummary(spec, 'en')).toBe('Tasks: 3 tasks in 3 lanes; the last one ends at 7.5 ms.');
    expect(chartSummary(lossChart('es', []), 'es')).toBe('Pérdida de entrenamiento: aún no hay datos.');
    expect(chartSummary({ type: 'bar', title: '', x: 'a', y: ['b'], data: [] }, 'en')).toBe('Chart: no data yet.');
  });
});
