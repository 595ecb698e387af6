import { describe, expect, it } from 'vitest';
import { makeSpec, paramLayout } from '../../mlp/spec';
import { batchBuffers, dataBuffers, dispatchGrid, epochSteps, gpuShapes, packStepTable, STEP_STRIDE, tiles } from './layout';

describe('gpuShapes', () => {
  it('pads activations to whole vec4s and keeps the reference parameter count', () => {
    const s = gpuShapes(makeSpec(130));
    expect(s).toMatchObject({ C: 784, H: 130, V: 10, Hp: 132, Vp: 12 });
    expect(s.paramFloats).toBe(paramLayout(makeSpec(130)).total);
    expect(s.paramFloatsPadded % 4).toBe(0);
    expect(s.paramFloatsPadded - s.paramFloats).toBeLessThan(4);
  });

  it('refuses an input size the vec4 kernels cannot read', () => {
    expect(() => gpuShapes({ inputSize: 785, hiddenSize: 128, outputSize: 10 })).toThrow(/multiple of 4/);
  });
});

describe('dispatchGrid', () => {
  it('rounds up to whole workgroups', () => {
    expect(dispatchGrid(1, 64, 65535)).toEqual([1, 1]);
    expect(dispatchGrid(64, 64, 65535)).toEqual([1, 1]);
    expect(dispatchGrid(65, 64, 65535)).toEqual([2, 1]);
  });

  it('spills into y past the per-dimension cap and still covers every invocation', () => {
    for (const n of [65535 * 64 + 1, 5_000_000, 3_840_000 * 2]) {
      const [x, y] = dispatchGrid(n, 64, 65535);
      expect(x).toBeLessThanOrEqual(65535);
      expect(y).toBeGreaterThan(1);
      expect(x * y * 64).toBeGreaterThanOrEqual(n);
    }
  });

  it('throws when even a square grid cannot cover the work', () => {
    expect(() => dispatchGrid(10 * 10 * 64 + 1, 64, 10)).toThrow(RangeError);
  });
});

describe('tiles', () => {
  it('counts partial tiles at the edges', () => {
    expect(tiles(128, 128)).toBe(32 * 32);
    expect(tiles(5, 10)).toBe(2 * 3);
    expect(tiles(10, 128, 16)).toBe(32);
  });
});

describe('epochSteps and the step table', () => {
  it('covers every sample once, the last batch short', () => {
    const steps = epochSteps(1000, 96);
    expect(steps.length).toBe(11);
    expect(steps[10]).toEqual({ start: 960, rows: 40 });
    expect(steps.reduce((a, s) => a + s.rows, 0)).toBe(1000);
  });

  it('packs start, rows, index and lr at 256-byte strides', () => {
    const steps = epochSteps(300, 128);
    const buf = packStepTable(steps, 0.05);
    expect(buf.byteLength).toBe(3 * STEP_STRIDE);
    const u = new Uint32Array(buf), f = new Float32Array(buf);
    const w = STEP_STRIDE / 4;
    expect([u[2 * w], u[2 * w + 1], u[2 * w + 2]]).toEqual([256, 44, 2]);
    expect(f[2 * w + 3]).toBeCloseTo(0.05, 7);
  });
});

describe('buffer needs', () => {
  it('sizes batch and data buffers in bytes', () => {
    const s = gpuShapes(makeSpec(128));
    const x = batchBuffers(s, 512).find((b) => b.name === 'x')!;
    expect(x.bytes).toBe(512 * 784 * 4);
    const images = dataBuffers(60000, 784).find((b) => b.name === 'images')!;
    expect(images.bytes).toBe(60000 * 784);
    expect(dataBuffers(3, 1).find((b) => b.name === 'labels')!.bytes).toBe(4);
  });
});
