// The charts of issue 13 §4: error bars and "median" only over several epochs, breakdown parts that add
// up with every part in ms and %, the Amdahl fit only where it explains something, efficiency, and the
// notes (busy machine, software GPU, more workers than cores).
import { describe, expect, it } from 'vitest';
import { outputProblem } from '../outputs';
import { breakdownChart, speedupChart, speedupPoints, timingsChart } from './charts';
import { calibrationOf, measurement } from './measure';
import type { Run } from './run';

const run = (label: string, epochMs: number[], extra: Partial<Run> = {}): Run => ({
  label, backend: label, ...measurement(1, epochMs, [[1]], calibrationOf(2, 2)),
  epochs: epochMs.map((wallMs, i) => ({ epoch: i, repeat: 0, loss: 1, wallMs, samples: 1, samplesPerSec: 1, batches: 1, breakdown: [] })),
  ...extra,
} as unknown as Run);

describe('timings: the median with min–max bars, "median" only over more than one epoch', () => {
  it('one epoch per run: no median in the title, no error bars', () => {
    const spec = timingsChart('es', [run('js', [812]), run('wasm', [300])]);
    expect(spec.title).toBe('Tiempo por época (una época por ejecución)');
    expect(spec.title).not.toMatch(/mediana/);
    expect(spec.errorBars).toBeUndefined();
    expect(spec.data).toEqual([{ run: 'js', ms: 812, backend: 'js' }, { run: 'wasm', ms: 300, backend: 'wasm' }]);
  });

  it('several epochs: the median, min and max of each run, drawn as error bars and listed in the data table', () => {
    const spec = timingsChart('en', [run('js', [800, 900, 850]), run('wasm', [300, 310, 290])]);
    expect(spec.title).toBe('Time per epoch (median of 3 epochs; bars from min to max)');
    expect(spec.data[0]).toMatchObject({ run: 'js', ms: 850, min: 800, max: 900, epochs: 3 });
    expect(spec.errorBars).toEqual([{ y: 'ms', low: 'min', high: 'max' }]);
    expect(spec.columns).toEqual(['min', 'max', 'epochs']);
    expect(outputProblem({ id: 'c', kind: 'chart', spec })).toBeNull();
  });

  it('says which runs ran on a busy machine, and when the "GPU" is a CPU emulation', () => {
    const busy = run('workers ×2', [100, 160, 130]);
    const gpu = run('webgpu', [900], { gpu: { adapter: 'google swiftshader', software: true } });
    const spec = timingsChart('en', [busy, gpu]);
    expect(spec.note).toContain('⚠ workers ×2: measured on a busy machine, unreliable (epochs 46% apart)');
    expect(spec.note).toMatch(/webgpu: this "GPU" is google swiftshader, a CPU emulation/);
    expect(timingsChart('en', [run('webgpu', [900], { gpu: { adapter: 'nvidia ampere', software: false } })]).note).toBeUndefined();
  });
});

describe('breakdown: parts that add up, every part readable', () => {
  const part = (id: string, label: string, ms: number) => ({ id, label, ms, method: `${label} timer` });
  it('gives every part in ms and % (a tiny one too), and the stack totals the epoch', () => {
    const r = run('residente', [6070, 6070]);
    r.epochs = r.epochs.map((e) => ({ ...e, breakdown: [part('h2d', 'host→device', 0.6), part('kernel', 'kernel', 6000), part('d2h', 'device→host', 9.4), part('other', 'other', 60)] })) as Run['epochs'];
    const spec = breakdownChart('en', [r]);
    const total = spec.y.reduce((s, k) => s + (spec.data[0][k] as number), 0);
    expect(Math.abs(total - 6070) / 6070).toBeLessThan(0.01);
    expect(spec.title).toBe('Where the time goes (mean of 2 epochs)');
    expect(spec.note).toContain('residente (6,070 ms): host→device 0.6 ms (0%) · kernel 6,000 ms (98.8%) · device→host 9.4 ms (0.2%) · other 60 ms (1%)');
    expect(spec.note).toContain('kernel: kernel timer');
    expect(breakdownChart('es', [run('js', [10])]).title).toBe('A dónde se va el tiempo (una época)');
  });

  it('puts 0 in a bar for a part only another run has, and lists both ways a shared part was measured', () => {
    const a = run('all-reduce', [100]), b = run('coordinator', [120]);
    a.epochs = a.epochs.map((e) => ({ ...e, breakdown: [part('compute', 'compute', 90), part('barrier', 'barrier wait', 5), { id: 'reduction', label: 'reduction', ms: 5, method: 'each worker, its slice' }] })) as Run['epochs'];
    b.epochs = b.epochs.map((e) => ({ ...e, breakdown: [part('compute', 'compute', 90), part('messaging', 'messaging', 10), { id: 'reduction', label: 'reduction', ms: 20, method: 'on the coordinator' }] })) as Run['epochs'];
    const spec = breakdownChart('en', [a, b]);
    expect(spec.y).toEqual(['compute', 'barrier wait', 'reduction', 'messaging']);
    for (const row of spec.data) for (const k of spec.y) expect(typeof row[k]).toBe('number');
    expect(spec.data[0].messaging).toBe(0);
    expect(spec.data[1]['barrier wait']).toBe(0);
    expect(spec.note).toContain('reduction: each worker, its slice | on the coordinator');
  });
});

describe('speedup: Amdahl only where it explains something, efficiency beside it', () => {
  it('draws no Amdahl curve when nothing ran faster than n = 1, and says why', () => {
    // the issue: 2 workers at 0.78× drew "serial fraction 100%" above every point
    const spec = speedupChart('es', [{ n: 1, ms: 1000 }, { n: 2, ms: 1282 }], 'workers', 8);
    expect(spec.y).toEqual(['aceleración', 'ideal']);
    expect(spec.data.every((r) => !('ajuste de Amdahl' in r))).toBe(true);
    expect(spec.note).toMatch(/Sin curva de Amdahl: ningún punto con workers > 1 fue más rápido/);
    expect(spec.note).toMatch(/Fuera del ajuste: workers = 2/);
  });

  it('fits only the points it can explain, with the serial fraction in [0, 1]', () => {
    const spec = speedupChart('en', [{ n: 1, ms: 1000 }, { n: 2, ms: 600 }, { n: 4, ms: 400 }, { n: 8, ms: 1100 }], 'threads', 16);
    expect(spec.note).toMatch(/serial fraction 20\.0%/);
    expect(spec.note).toMatch(/Left out of the fit: threads = 8/);
    const f = spec.data.map((r) => r['Amdahl fit'] as number);
    expect(f).toEqual([1, 1.67, 2.5, 3.33]);
    expect(spec.data.map((r) => r['efficiency (%)'])).toEqual([100, 83, 63, 11]);
    expect(spec.note).toContain('Efficiency (speedup ÷ threads): 1 → 100%, 2 → 83%, 4 → 63%, 8 → 11%.');
    expect(spec.columns).toEqual(['efficiency (%)']);
  });

  it('says the fit only looks at n ≤ cores when that is why there is no curve', () => {
    const spec = speedupChart('en', [{ n: 1, ms: 1000 }, { n: 2, ms: 2200 }, { n: 4, ms: 700 }], 'threads', 2);
    expect(spec.y).not.toContain('Amdahl fit');
    expect(spec.note).toMatch(/No Amdahl curve: no point with threads > 1 ran faster than threads = 1.*\(fitted on threads ≤ 2, the cores of this machine/);
  });

  it('does not draw an all-serial fit', () => {
    const spec = speedupChart('en', [{ n: 1, ms: 1000 }, { n: 2, ms: 1000 }, { n: 4, ms: 1000 }], 'workers', 8);
    expect(spec.y).not.toContain('Amdahl fit');
    expect(spec.note).toMatch(/No Amdahl curve: the best fit is a serial fraction of 100%/);
  });

  it('warns when a run with more workers than cores is slower than n = 1', () => {
    const spec = speedupChart('en', [{ n: 1, ms: 1000 }, { n: 2, ms: 560 }, { n: 4, ms: 1300 }], 'workers', 2);
    expect(spec.note).toMatch(/⚠ workers = 4 slower than workers = 1 on this machine with 2 cores/);
    expect(speedupChart('en', [{ n: 1, ms: 1000 }, { n: 4, ms: 1300 }], 'workers', 8).note).not.toMatch(/⚠/);
  });

  it('draws error bars from the spread of both runs, from { n, run } points', () => {
    const { pts, runs } = speedupPoints([{ n: 1, run: run('js', [1000, 1100, 900]) }, { n: 2, run: run('w', [500, 550, 450]) }]);
    const spec = speedupChart('en', pts, 'workers', 8, runs);
    expect(spec.errorBars).toEqual([{ y: 'speedup', low: 'min', high: 'max' }]);
    expect(spec.data[1]).toMatchObject({ speedup: 2, min: 1.64, max: 2.44 });
    expect(outputProblem({ id: 'c', kind: 'chart', spec })).toBeNull();
  });

  it('a chart with malformed error bars is refused where outputs come in', () => {
    const spec = { type: 'bar', title: 't', x: 'a', y: ['b'], data: [], errorBars: [{ y: 'b', low: 3 }] };
    expect(outputProblem({ id: 'c', kind: 'chart', spec })).toEqual({ code: 'chart_errorBars' });
    expect(outputProblem({ id: 'c', kind: 'chart', spec: { ...spec, errorBars: undefined, columns: [1] } })).toEqual({ code: 'chart_option' });
  });
});
