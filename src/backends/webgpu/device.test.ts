import { afterEach, describe, expect, it, vi } from 'vitest';
import { gpuSupport } from './device';

describe('gpuSupport (the capability gate)', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('names a missing navigator.gpu', async () => {
    vi.stubGlobal('navigator', {});
    expect(await gpuSupport()).toEqual({ id: 'unsupported_no_gpu' });
  });

  it('names a missing adapter', async () => {
    vi.stubGlobal('navigator', { gpu: { requestAdapter: async () => null } });
    expect(await gpuSupport()).toEqual({ id: 'unsupported_no_adapter' });
  });

  it('reports a failing adapter request instead of throwing', async () => {
    vi.stubGlobal('navigator', { gpu: { requestAdapter: async () => { throw new Error('blocked by policy'); } } });
    expect(await gpuSupport()).toEqual({ id: 'unsupported_adapter_failed', params: { message: 'blocked by policy' } });
  });

  it('needs a secure context', async () => {
    vi.stubGlobal('isSecureContext', false);
    vi.stubGlobal('navigator', { gpu: { requestAdapter: async () => ({}) } });
    expect(await gpuSupport()).toEqual({ id: 'unsupported_insecure' });
  });

  it('is true when an adapter is there', async () => {
    vi.stubGlobal('navigator', { gpu: { requestAdapter: async () => ({}) } });
    expect(await gpuSupport()).toBe(true);
  });
});
