import { describe, expect, it } from 'vitest';
import { initParams } from './init';
import { mulberry32 } from './random';
import { forward, gradients } from './reference';
import { makeSpec, paramLayout } from './spec';

function meanLoss(spec: ReturnType<typeof makeSpec>, params: Float64Array, x: Float64Array, t: number[], B: number) {
  const f = forward(spec, params, x, t, B);
  let s = 0;
  for (let b = 0; b < B; b++) s += f.losses[b];
  return s / B;
}

describe('reference MLP', () => {
  it('lays out W1, b1, W2, b2 contiguously in one flat array', () => {
    const L = paramLayout(makeSpec(128));
    expect(L).toEqual({ w1: 0, b1: 100352, w2: 100480, b2: 101760, total: 101770 });
  });

  it('rejects hidden sizes out of range with a clear message', () => {
    expect(() => makeSpec(8)).toThrowError(/hidden size must be an integer between 16 and 1024, got 8/);
    expect(() => makeSpec(2000)).toThrowError(/got 2000/);
    expect(() => makeSpec(32.5)).toThrowError(/got 32.5/);
  });

  it('initialises deterministically per seed with He scale', () => {
    const spec = makeSpec(64);
    const a = initParams(spec, 7), b = initParams(spec, 7), c = initParams(spec, 8);
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
    const L = paramLayout(spec);
    let ss = 0;
    for (let i = L.w1; i < L.b1; i++) ss += a[i] * a[i];
    const std = Math.sqrt(ss / (L.b1 - L.w1));
    expect(std).toBeGreaterThan(Math.sqrt(2 / 784) * 0.95);
    expect(std).toBeLessThan(Math.sqrt(2 / 784) * 1.05);
    for (let i = L.b1; i < L.w2; i++) expect(a[i]).toBe(0);
  });

  // The same reference code runs in float64 here, so the central difference is not drowned by rounding.
  it('matches finite differences (relative error < 1e-3)', () => {
    const spec = makeSpec(16);
    const B = 4;
    const rand = mulberry32(3);
    const params = Float64Array.from(initParams(spec, 11));
    // small non-zero biases so their gradients are exercised too
    const L = paramLayout(spec);
    for (let i = L.b1; i < L.w2; i++) params[i] = (rand() - 0.5) * 0.2;
    const x = new Float64Array(B * 784).map(() => rand());
    const t = [3, 1, 4, 1];
    const grads = new Float64Array(params.length);
    gradients(spec, params, grads, x, t, B);
    // probe a spread of parameters from every block
    const probes = [L.w1 + 5, L.w1 + 784 * 3 + 400, L.w1 + 784 * 15 + 783, L.b1 + 2, L.b1 + 9, L.w2 + 1, L.w2 + 16 * 9 + 15, L.b2, L.b2 + 3];
    for (const i of probes) {
      const eps = 1e-5;
      const p1 = Float64Array.from(params); p1[i] += eps;
      const p2 = Float64Array.from(params); p2[i] -= eps;
      const numeric = (meanLoss(spec, p1, x, t, B) - meanLoss(spec, p2, x, t, B)) / (2 * eps);
      const analytic = grads[i];
      const rel = Math.abs(numeric - analytic) / Math.max(1e-4, Math.abs(numeric) + Math.abs(analytic));
      expect(rel, `param ${i}: numeric ${numeric} analytic ${analytic}`).toBeLessThan(1e-3);
    }
  });
});
