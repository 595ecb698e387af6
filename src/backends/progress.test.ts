import { describe, expect, it } from 'vitest';
import type { BatchProgress } from '../backends/types';
import { ProgressReporter } from './progress';

function reports(batches: number, deliver: (r: ProgressReporter) => void): BatchProgress[] {
  const out: BatchProgress[] = [];
  const r = new ProgressReporter(batches, (p) => out.push(p), 10);
  deliver(r);
  r.flush();
  return out;
}

describe('ProgressReporter', () => {
  const batches = 47;
  const losses = Array.from({ length: batches }, (_, i) => 2 / (1 + i) + (i % 3) * 0.01);

  it('reports the mean of fixed windows of batches, with a shorter last window', () => {
    const out = reports(batches, (r) => losses.forEach((l, i) => r.add(i, l)));
    // window = ceil(47 / 10) = 5 → 9 full windows and one of 2
    expect(out.map((p) => p.batch)).toEqual([4, 9, 14, 19, 24, 29, 34, 39, 44, 46]);
    const mean = (a: number[]) => a.reduce((s, x) => s + x, 0) / a.length;
    expect(out[0].loss).toBeCloseTo(mean(losses.slice(0, 5)), 12);
    expect(out.at(-1)!.loss).toBeCloseTo(mean(losses.slice(45)), 12);
    expect(out.every((p) => p.batches === batches)).toBe(true);
  });

  it('gives the same points whether losses arrive one by one or in chunks, at any speed', async () => {
    const oneByOne = reports(batches, (r) => losses.forEach((l, i) => r.add(i, l)));
    const chunked: BatchProgress[] = [];
    const r = new ProgressReporter(batches, (p) => chunked.push(p), 10);
    for (let i = 0; i < batches; i += 13) {
      await new Promise((res) => setTimeout(res, 5)); // a slow backend: time must not matter
      for (let j = i; j < Math.min(batches, i + 13); j++) r.add(j, losses[j]);
    }
    r.flush();
    expect(chunked).toEqual(oneByOne);
  });

  it('reports every batch when an epoch has fewer batches than points, and nothing twice', () => {
    const out = reports(4, (r) => losses.slice(0, 4).forEach((l, i) => r.add(i, l)));
    expect(out.map((p) => p.batch)).toEqual([0, 1, 2, 3]);
  });
});
