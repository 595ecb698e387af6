import { describe, expect, it } from 'vitest';
import { amdahlFit, amdahlSpeedup, breakdownChart, lossChart, median, speedupChart, stepsPerEpoch, taskStreamChart, throughputChart, timingsChart } from './charts';
import type { Run } from './run';

describe('chart maths', () => {
  it('median of odd and even lists', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });

  it('recovers the serial fraction of an exact Amdahl curve', () => {
    const f = 0.2, t1 = 1000;
    const pts = [1, 2, 4, 8].map((n) => ({ n, ms: t1 * (f + (1 - f) / n) }));
    const fit = amdahlFit(pts);
    expect(fit.serialFraction).toBeCloseTo(0.2, 6);
    expect(fit.t1).toBeCloseTo(1000, 6);
    expect(amdahlSpeedup(0.2, 4)).toBeCloseTo(2.5, 6);
  });

  it('speedup chart has the ideal line and measured speedups from the n = 1 row', () => {
    const spec = speedupChart('en', [{ n: 2, ms: 600 }, { n: 1, ms: 1000 }, { n: 4, ms: 400 }]);
    expect(spec.data.map((r) => r.speedup)).toEqual([1, 1.67, 2.5]);
    expect(spec.data.map((r) => r.ideal)).toEqual([1, 2, 4]);
  });

  it('fits Amdahl on the points within the core count, and says so', () => {
    // 2 cores: 1 → 1000, 2 → 550 (f = 0.1); 4 workers take turns on 2 cores and gain nothing
    const pts = [{ n: 1, ms: 1000 }, { n: 2, ms: 550 }, { n: 4, ms: 560 }];
    const spec = speedupChart('en', pts, 'workers', 2);
    expect(spec.note).toMatch(/serial fraction 10\.0%/);
    expect(spec.note).toMatch(/workers ≤ 2/);
    const all = speedupChart('en', pts, 'workers');
    expect(all.note).not.toMatch(/≤/);
    expect(all.note).not.toMatch(/serial fraction 10\.0%/);
  });
});

describe('chart specs for honest charts', () => {
  it('names the workers backend\'s tasks in the student\'s language, and leaves other kinds as they are', () => {
    const tasks = ['gradient', 'reduce+update', 'rows+update', 'units forward', 'loss', 'units backward+update', 'my_fn']
      .map((kind, i) => ({ worker: i % 2, kind, shard: 0, start: i, end: i + 1 }));
    const run = { epochs: [{ epoch: 0, tasks }] } as unknown as Run;
    const kinds = (lang: 'es' | 'en') => taskStreamChart(lang, run).data.map((d) => d.kind);
    expect(kinds('es')).toEqual(['gradiente', 'reducción + actualización', 'filas + actualización', 'sus unidades, hacia delante', 'pérdida', 'sus unidades, hacia atrás + actualización', 'my_fn']);
    expect(kinds('en')).toEqual(['gradient', 'reduce + update', 'rows + update', 'its units, forward', 'loss', 'its units, backward + update', 'my_fn']);
    expect(taskStreamChart('es', run).data.map((d) => [d.worker, d.start, d.end])).toEqual(tasks.map((tk) => [tk.worker, tk.start, tk.end]));
  });

  const series = (label: string, steps: number, stepsPerEpoch?: number) =>
    ({ label, points: Array.from({ length: steps }, (_, i) => ({ step: i + 1, loss: 2 / (i + 1) })), stepsPerEpoch });

  it('marks where each epoch after the first starts on a loss chart, labelled in the student\'s language', () => {
    const en = lossChart('en', [series('js', 3 * 469, 469), series('wasm', 3 * 469, 469)]);
    expect(en.markers).toEqual([{ x: 469.5, label: 'epoch 2' }, { x: 938.5, label: 'epoch 3' }]);
    expect(lossChart('es', [series('js', 2 * 469, 469)]).markers).toEqual([{ x: 469.5, label: 'época 2' }]);
    // live: only the boundaries already passed
    expect(lossChart('en', [series('js', 470, 469)]).markers).toEqual([{ x: 469.5, label: 'epoch 2' }]);
  });

  it('draws no epoch markers for one epoch, unknown epoch lengths, or series that disagree', () => {
    expect(lossChart('en', [series('js', 469, 469)])).not.toHaveProperty('markers');
    expect(lossChart('en', [series('js', 1000)])).not.toHaveProperty('markers');
    expect(lossChart('en', [series('js', 1000, 100), series('wasm', 1000, 50)])).not.toHaveProperty('markers');
  });

  it('knows a finished run\'s steps per epoch from its samples and batch size', () => {
    expect(stepsPerEpoch({ config: { samples: 60000, batchSize: 128 } } as Run)).toBe(469);
    expect(stepsPerEpoch({ config: { samples: 256, batchSize: 128 } } as Run)).toBe(2);
    expect(stepsPerEpoch({} as Run)).toBeUndefined();
  });

  it('says the error bars span timed epochs only when the points are runs, else measurements', () => {
    const pts = [{ n: 1, ms: 100, min: 90, max: 120 }, { n: 2, ms: 60, min: 55, max: 70 }];
    const own = speedupChart('en', pts).note!;
    expect(own).toContain('measurement of each point');
    expect(own).not.toContain('epoch');
    const runs = [{ label: 'w', medianEpochMs: 100, epochs: [] }] as unknown as Run[];
    expect(speedupChart('en', pts, 'workers', Infinity, runs).note).toContain('timed epoch');
  });

  it('gives each quantity its unit, for tooltips and summaries', () => {
    const runs = [{ label: 'js', medianEpochMs: 10, epochs: [] }] as unknown as Run[];
    expect(timingsChart('en', runs).unit).toBe('ms');
    expect(breakdownChart('en', runs).unit).toBe('ms');
    expect(speedupChart('en', [{ n: 1, ms: 10 }]).unit).toBe('×');
    expect(throughputChart('es', [{ batchSize: 32, samplesPerSec: 5 }], 'js').unit).toBe('muestras / s');
  });

  it('says which backend each timing bar is, whatever its label, so it takes that backend\'s colour', () => {
    const runs = [{ label: 'C SIMD', backend: 'wasm', medianEpochMs: 12.4, epochs: [] }] as unknown as Run[];
    expect(timingsChart('en', runs).data).toEqual([{ run: 'C SIMD', ms: 12, backend: 'wasm' }]);
  });
});
