import { describe, expect, it } from 'vitest';
import type { Dataset, Mnist } from '../../data/dataset';
import { initParams } from '../../mlp/init';
import { epochPermutation, mulberry32 } from '../../mlp/random';
import { makeSpec } from '../../mlp/spec';
import { epochOrder, referenceMlp } from './referenceMlp';

const rand = mulberry32(3);
const set = (count: number): Dataset => ({
  images: Uint8Array.from({ length: count * 784 }, () => (rand() < 0.5 ? 0 : Math.floor(rand() * 256))),
  labels: Uint8Array.from({ length: count }, (_, i) => i % 10), count, rows: 28, cols: 28,
});
const data: Mnist = { train: set(12), test: set(2) };

describe('referenceMlp', () => {
  it('starts from train()\'s seeded weights and lays them out W1, b1, W2, b2', () => {
    const m = referenceMlp(data, { hidden: 16, seed: 5 }, 'en');
    expect(m.params).toBeInstanceOf(Float64Array);
    expect([...m.params]).toEqual([...initParams(makeSpec(16), 5)]);
    expect(m.layout).toEqual({ W1: { offset: 0, shape: [16, 784] }, b1: { offset: 12544, shape: [16] }, W2: { offset: 12560, shape: [10, 16] }, b2: { offset: 12720, shape: [10] } });
    expect(m.count).toBe(8);
    expect(m.loss()).toBeGreaterThan(0);
  });

  it('its backward pass agrees with central finite differences in float64', () => {
    const m = referenceMlp(data, { hidden: 16, count: 4, start: 2 }, 'en');
    const g = m.gradients();
    const eps = 1e-5;
    const p = Float64Array.from(m.params);
    // a few entries of each block, only where the gradient is not exactly 0 (a blank pixel's weights get none)
    const picks = [m.layout.W1, m.layout.b1, m.layout.W2, m.layout.b2].flatMap((b) => {
      const n = b.shape.reduce((a, c) => a * c, 1);
      return Array.from({ length: n }, (_, i) => b.offset + i).filter((i) => g[i] !== 0).slice(0, 5);
    });
    expect(picks.length).toBe(20);
    for (const i of picks) {
      const keep = p[i];
      p[i] = keep + eps; const up = m.loss(p);
      p[i] = keep - eps; const down = m.loss(p);
      p[i] = keep;
      const numeric = (up - down) / (2 * eps);
      expect(Math.abs(numeric - g[i]) / Math.max(Math.abs(numeric) + Math.abs(g[i]), 1e-12), `parameter ${i}`).toBeLessThan(1e-6);
    }
  });

  it('float32 runs the same code in single precision, reading a float64 vector as float32', () => {
    const m64 = referenceMlp(data, { hidden: 16 }, 'en');
    const m32 = referenceMlp(data, { hidden: 16, dtype: 'float32' }, 'en');
    expect(m32.gradients()).toBeInstanceOf(Float32Array);
    expect(m32.loss(m64.params)).toBeCloseTo(m64.loss(), 5);
  });

  it('refuses bad options, naming the range', () => {
    expect(() => referenceMlp(data, { dtype: 'half' as 'float32' }, 'en')).toThrow(/'float64' or 'float32'/);
    expect(() => referenceMlp(data, { count: 13 }, 'en')).toThrow(/count must be an integer from 1 to 12/);
    expect(() => referenceMlp(data, { seed: -1 }, 'es')).toThrow(/seed debe ser un entero/);
    const m = referenceMlp(data, { hidden: 16 }, 'es');
    expect(() => m.loss(new Float64Array(3))).toThrow(/12\.730 números/);
  });
});

describe('epochOrder', () => {
  it('is train()\'s epoch permutation, a different one each epoch', () => {
    const a = epochOrder(100, { seed: 7, epoch: 1 }, 'en');
    expect([...a]).toEqual([...epochPermutation(100, 7, 1)]);
    expect([...a].sort((x, y) => x - y)).toEqual(Array.from({ length: 100 }, (_, i) => i));
    expect([...epochOrder(100, { seed: 7 }, 'en')]).not.toEqual([...a]);
    expect(() => epochOrder(0, {}, 'en')).toThrow(/n must be an integer/);
    expect(() => epochOrder(10, { epoch: 1.5 }, 'en')).toThrow(/epoch must be an integer/);
  });
});
