import { describe, expect, it } from 'vitest';
import { adapterName, isSoftwareAdapter } from './adapter';

describe('the WebGPU adapter: a GPU, or a CPU emulation of one', () => {
  it('recognises the software adapters browsers hand out', () => {
    // what Chromium reports for --use-webgpu-adapter=swiftshader
    expect(isSoftwareAdapter({ vendor: 'google', architecture: 'swiftshader', description: '' })).toBe(true);
    expect(isSoftwareAdapter({ vendor: 'mesa', architecture: '', description: 'llvmpipe (LLVM 15.0.6, 256 bits)' })).toBe(true);
    expect(isSoftwareAdapter({ vendor: 'mesa', device: 'lavapipe' })).toBe(true);
    expect(isSoftwareAdapter({ vendor: 'microsoft', description: 'Microsoft Basic Render Driver' })).toBe(true);
    expect(isSoftwareAdapter({ vendor: 'microsoft', architecture: 'WARP' })).toBe(true);
    expect(isSoftwareAdapter({ vendor: 'nvidia', architecture: 'ampere', isFallbackAdapter: true })).toBe(true);
  });

  it('takes real GPUs as GPUs', () => {
    expect(isSoftwareAdapter({ vendor: 'nvidia', architecture: 'ampere', description: 'NVIDIA GeForce RTX 3060' })).toBe(false);
    expect(isSoftwareAdapter({ vendor: 'apple', architecture: 'metal-3' })).toBe(false);
    expect(isSoftwareAdapter({ vendor: 'intel', architecture: 'gen-12lp', isFallbackAdapter: false })).toBe(false);
    expect(isSoftwareAdapter({ vendor: 'qualcomm', architecture: 'adreno-7xx' })).toBe(false);
    expect(isSoftwareAdapter(undefined)).toBe(false);
  });

  it('names the adapter from what it says', () => {
    expect(adapterName({ vendor: 'google', architecture: 'swiftshader', description: '' })).toBe('google swiftshader');
    expect(adapterName({})).toBe('unknown adapter');
  });
});
