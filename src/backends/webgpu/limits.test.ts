import { describe, expect, it } from 'vitest';
import { makeSpec } from '../../mlp/spec';
import { batchBuffers, gpuShapes } from './layout';
import { assertFits, GpuLimitError, limitProblems } from './limits';

const DEFAULTS = { maxStorageBufferBindingSize: 134217728, maxBufferSize: 268435456 };

describe('limitProblems', () => {
  it('accepts the default model and batch on default limits', () => {
    expect(limitProblems(batchBuffers(gpuShapes(makeSpec(128)), 128), DEFAULTS)).toEqual([]);
  });

  it('names each buffer over a limit, with bytes and the limit', () => {
    const problems = limitProblems(batchBuffers(gpuShapes(makeSpec(1024)), 60000), DEFAULTS);
    const hidden = problems.find((p) => p.startsWith('hidden'));
    expect(hidden).toContain('245,760,000 bytes');
    expect(hidden).toContain('maxStorageBufferBindingSize 134,217,728');
    expect(hidden).not.toContain('maxBufferSize'); // 245.8 MB < 256 MiB
    expect(problems.find((p) => p.startsWith('x '))).toContain('188,160,000 bytes');
  });

  it('reports both limits when both are exceeded', () => {
    const [p] = limitProblems([{ name: 'big', what: 'a test', bytes: 300 * 2 ** 20 }], DEFAULTS);
    expect(p).toMatch(/maxStorageBufferBindingSize .* and maxBufferSize/);
  });

  it('honours an artificially low limit', () => {
    const low = { maxStorageBufferBindingSize: 1 << 20, maxBufferSize: 1 << 30 };
    const problems = limitProblems(batchBuffers(gpuShapes(makeSpec(128)), 512), low);
    expect(problems.map((p) => p.split(' ')[0])).toEqual(['x']);
  });
});

describe('assertFits', () => {
  it('throws a GpuLimitError carrying every problem', () => {
    try {
      assertFits(batchBuffers(gpuShapes(makeSpec(1024)), 60000), DEFAULTS, { id: 'fit_batch', params: { batch: 60000, hidden: 1024 } });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(GpuLimitError);
      expect((e as GpuLimitError).problems.length).toBe(3); // x, hidden, dhidden
      expect((e as Error).message).toContain('webgpu: batch size 60,000 with 1,024 hidden units does not fit this device');
    }
  });
});
