// sweep() in cell scope (issue 13 §5): the results in order, one bar for the whole sweep that ends full,
// Stop between items (the bar says at which run), and an error that names its run.
import { describe, expect, it } from 'vitest';
import { StoppedError } from '../../backends/types';
import { makeApi } from './api';
import type { Knobs, Output } from './protocol';

const knobs: Knobs = { backend: 'js', batchSize: 32, epochs: 1, learningRate: 0.1, samples: 60000, workers: 2, threads: 2, simd: true, mode: 'resident', repeats: 1 };

function api(lang: 'es' | 'en' = 'en') {
  const outputs: Output[] = [];
  const stop = new AbortController();
  const a = makeApi({ lang, knobs, signal: stop.signal, post: (o) => outputs.push(o) });
  const bars = () => outputs.filter((o): o is Extract<Output, { kind: 'progress' }> => o.kind === 'progress');
  return { a, stop, bars };
}

describe('sweep()', () => {
  it('runs each item in turn and ends its bar full, saying how many runs it did', async () => {
    const { a, bars } = api();
    const order: number[] = [];
    const out = await a.sweep([10, 20, 30], async (x, i) => { order.push(i); return x * 2; });
    expect(out).toEqual([20, 40, 60]);
    expect(order).toEqual([0, 1, 2]);
    expect(bars().map((b) => b.detail)).toEqual([
      'run 1 of 3 · estimating…', 'run 2 of 3 · ~1 s left', 'run 3 of 3 · ~1 s left', expect.stringMatching(/^3 runs done in 1 s$/),
    ]);
    expect(bars().at(-1)).toMatchObject({ label: 'Sweep', value: 3, max: 3 });
    expect(new Set(bars().map((b) => b.id)).size).toBe(1); // one bar, replaced
  });

  it('stops between items: the next item never starts and the bar says at which run', async () => {
    const { a, stop, bars } = api('es');
    const ran: number[] = [];
    const done = a.sweep([1, 2, 3, 4], async (x, i) => { ran.push(x); if (i === 1) stop.abort(); });
    await expect(done).rejects.toBeInstanceOf(StoppedError);
    expect(ran).toEqual([1, 2]);
    expect(bars().at(-1)).toMatchObject({ value: 2, max: 4, detail: 'detenido en la ejecución 3 de 4' });
  });

  it('an error in a run ends the bar there and reaches the cell', async () => {
    const { a, bars } = api();
    await expect(a.sweep(['a', 'b'], async (x) => { if (x === 'b') throw new Error('boom'); })).rejects.toThrow('boom');
    expect(bars().at(-1)).toMatchObject({ value: 1, detail: 'an error ended run 2 of 2' });
  });

  it('shows no bar for an empty sweep', async () => {
    const { a, bars } = api();
    expect(await a.sweep([], async () => 1)).toEqual([]);
    expect(bars()).toEqual([]);
  });
});
