import { describe, expect, it } from 'vitest';
import { paramLayout, makeSpec } from '../../mlp/spec';
import { initParams } from '../../mlp/init';
import { outputProblem } from '../outputs';
import { classContributions, dequantise, hiddenActivations, quantise, TOP_UNITS, WEIGHT_DIGITS, weightsData } from './weights';

const H = 16; // the smallest hidden layer a model can have

describe('quantise', () => {
  it('uses one symmetric scale, max |w| over all weights, and maps its extremes to ±127', () => {
    const w = new Float32Array([0.1, -0.5, 0.25, 0.3, 0]);
    const { scale, q } = quantise(w);
    expect(scale).toBeCloseTo(0.5, 7); // from the negative extreme: symmetric, not max(w)
    expect(Array.from(q)).toEqual([25, -127, 64, 76, 0]);
  });

  it('round-trips within half a level (scale / 254) on random weights', () => {
    const w = Float32Array.from({ length: 784 * H }, (_, i) => Math.sin(i * 12.9898) * 0.3 * ((i % 7) - 3));
    const { scale, q } = quantise(w);
    const back = dequantise(q, scale);
    let worst = 0;
    for (let i = 0; i < w.length; i++) worst = Math.max(worst, Math.abs(back[i] - w[i]));
    expect(worst).toBeLessThanOrEqual(scale / 254 + 1e-7);
    expect(worst).toBeGreaterThan(0); // int8 does lose something: the test would notice a no-op
  });

  it('keeps all-zero weights at zero (no division by a zero scale)', () => {
    const { scale, q } = quantise(new Float32Array(10));
    expect(scale).toBe(0);
    expect(Array.from(q)).toEqual(new Array(10).fill(0));
  });
});

/** A hand-made model: unit j looks only at pixel j (weight 1, bias b1[j]); class v reads unit v with weight v+1, unit 10 with −1. */
function tinyModel(): Float32Array {
  const spec = makeSpec(H), L = paramLayout(spec);
  const p = new Float32Array(L.total);
  for (let j = 0; j < H; j++) p[L.w1 + j * 784 + j] = 1;
  p[L.b1 + 3] = -0.75; // unit 3 needs pixel 3 above 0.75
  for (let v = 0; v < 10; v++) {
    p[L.w2 + v * H + v] = v + 1;
    p[L.w2 + v * H + 10] = -1;
    p[L.b2 + v] = 0.01 * v;
  }
  return p;
}

describe('activations and contributions', () => {
  const params = tinyModel();
  const image = new Uint8Array(784);
  image[2] = 255; // unit 2 → 1
  image[3] = 153; // unit 3 → 0.6 − 0.75 < 0 → ReLU 0
  image[5] = 51; // unit 5 → 0.2
  image[10] = 255; // unit 10 → 1

  it('computes h = ReLU(W1 x / 255 + b1)', () => {
    const h = hiddenActivations(params, H, image);
    expect(h[2]).toBeCloseTo(1, 6);
    expect(h[3]).toBe(0);
    expect(h[5]).toBeCloseTo(0.2, 6);
    expect(h[10]).toBeCloseTo(1, 6);
    expect(Array.from(h).filter((a) => a > 0)).toHaveLength(3);
  });

  it('ranks the units by activation × W2[class][unit] and sums them into the logit', () => {
    const c = classContributions(params, H, hiddenActivations(params, H, image));
    expect(c).toHaveLength(10);
    // class 2: unit 2 contributes 1 × 3 = 3, unit 10 contributes 1 × −1; logit 3 − 1 + 0.02
    expect(c[2].top[0]).toEqual({ unit: 2, contribution: expect.closeTo(3, 5) });
    expect(c[2].logit).toBeCloseTo(2.02, 5);
    // class 5: unit 5 contributes 0.2 × 6 = 1.2
    expect(c[5].top[0]).toEqual({ unit: 5, contribution: expect.closeTo(1.2, 5) });
    // class 7: unit 7 is off; the top are zeros, and the pushing-down unit 10 comes last, never first
    expect(c[7].top[0].contribution).toBe(0);
    expect(c[7].top).toHaveLength(TOP_UNITS);
    expect(c[7].top.map((u) => u.unit)).not.toContain(10);
    expect(c[7].logit).toBeCloseTo(-1 + 0.07, 5);
  });
});

describe('weightsData', () => {
  const test = { images: new Uint8Array(784 * 10), labels: Uint8Array.from({ length: 10 }, (_, i) => i % 10), count: 10 };
  for (let i = 0; i < 10; i++) test.images[i * 784 + i] = 255;

  it('is a well-formed output: H filters, the chosen digit and the next ones, predictions from the logits', () => {
    const params = tinyModel();
    const w = weightsData({ label: 'js', params, config: { hiddenSize: H } }, test, 2);
    expect(outputProblem({ id: 'w', kind: 'weights', weights: w })).toBeNull();
    expect(w.filters).toHaveLength(H * 784);
    expect(w.scale).toBe(1);
    expect(w.digits.map((d) => d.index)).toEqual([2, 3, 4, 5, 6, 7].slice(0, WEIGHT_DIGITS));
    expect(w.digits[0].prediction).toBe(2); // pixel 2 → unit 2 → class 2
    expect(w.digits[0].activations[2]).toBeCloseTo(1, 6);
  });

  it('accepts any hidden size and refuses params of the wrong length', () => {
    const spec = makeSpec(32);
    const w = weightsData({ label: 'm', params: initParams(spec, 1), config: { hiddenSize: 32 } }, test, 9);
    expect(w.filters).toHaveLength(32 * 784);
    expect(w.digits.map((d) => d.index)).toEqual([9]);
    expect(() => weightsData({ label: 'm', params: new Float32Array(5), config: { hiddenSize: 32 } }, test, 0)).toThrow(/params of/);
    expect(() => weightsData({ label: 'm', params: new Float32Array(5), config: { hiddenSize: 3 } }, test, 0)).toThrow(/hidden size/);
  });

  it('refuses forged shapes', () => {
    const w = weightsData({ label: 'js', params: tinyModel(), config: { hiddenSize: H } }, test, 0);
    const bad = [
      { ...w, filters: new Uint8Array(H * 784) },
      { ...w, filters: new Int8Array(10) },
      { ...w, scale: NaN },
      { ...w, digits: [{ ...w.digits[0], activations: [1, 2] }] },
      { ...w, digits: [{ ...w.digits[0], classes: w.digits[0].classes.slice(1) }] },
      { ...w, digits: [{ ...w.digits[0], classes: w.digits[0].classes.map((c) => ({ ...c, top: [{ unit: H, contribution: 1 }] })) }] },
      { ...w, digits: new Array(100).fill(w.digits[0]) },
    ];
    for (const b of bad) expect(outputProblem({ id: 'w', kind: 'weights', weights: b })).toMatchObject({ code: 'weights' });
  });
});

describe('a weights view in storage', () => {
  it('counts its int8 filters by their bytes: 128 units (100 kB) fit in a cell\'s saved budget, 1024 do not', async () => {
    const { outputBytes, withinBudget, MAX_SAVED_BYTES } = await import('../savedOutputs');
    const test = { images: new Uint8Array(784 * 6), labels: new Uint8Array(6), count: 6 };
    const sized = (h: number) => ({ id: 'w', kind: 'weights' as const, weights: weightsData({ label: 'js', params: initParams(makeSpec(h), 3), config: { hiddenSize: h } }, test, 0) });
    const small = sized(128), big = sized(1024);
    expect(outputBytes(small)).toBeGreaterThan(128 * 784);
    expect(outputBytes(small)).toBeLessThan(128 * 784 + 6 * (784 + 128 * 25 + 10 * 120) + 200);
    expect(withinBudget([small]).outputs).toHaveLength(1);
    expect(outputBytes(big)).toBeGreaterThan(MAX_SAVED_BYTES);
    expect(withinBudget([big])).toMatchObject({ outputs: [], dropped: 1 });
  });
});
