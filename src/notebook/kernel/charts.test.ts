import { describe, expect, it } from 'vitest';
import { amdahlFit, amdahlSpeedup, median, speedupChart } from './charts';

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
