import { afterEach, describe, expect, it, vi } from 'vitest';
import { gpuSupport } from './device';

describe('gpuSupport (the capability gate)', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('names a missing navigator.gpu', async () => {
    vi.stubGlobal('navigator', {});
    expect(await gpuSupport()).toBe('WebGPU is not available in this browser (navigator.gpu is missing)');
  });

  it('names a missing adapter', async () => {
    vi.stubGlobal('navigator', { gpu: { requestAdapter: async () => null } });
    expect(await gpuSupport()).toMatch(/no WebGPU adapter was found/);
  });

  it('reports a failing adapter request instead of throwing', async () => {
    vi.stubGlobal('navigator', { gpu: { requestAdapter: async () => { throw new Error('blocked by policy'); } } });
    expect(await gpuSupport()).toBe('requesting a WebGPU adapter failed: blocked by policy');
  });

  it('needs a secure context', async () => {
    vi.stubGlobal('isSecureContext', false);
    vi.stubGlobal('navigator', { gpu: { requestAdapter: async () => ({}) } });
    expect(await gpuSupport()).toMatch(/secure context/);
  });

  it('is true when an adapter is there', async () => {
    vi.stubGlobal('navigator', { gpu: { requestAdapter: async () => ({}) } });
    expect(await gpuSupport()).toBe(true);
  });
});
