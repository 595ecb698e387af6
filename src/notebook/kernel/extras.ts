// Backend-specific helpers for lessons, namespaced in cell scope (webgpu.*, wasm.*). Each backend
// contributes them from its own notebook.ts.
import { wasm as wasmExtras } from '../../backends/wasm/notebook';
import * as webgpuExtras from '../../backends/webgpu/notebook';

export function extras() {
  return {
    wasm: { raceDemo: wasmExtras.raceDemo },
    webgpu: {
      kernels: webgpuExtras.kernels,
      kernelSource: webgpuExtras.kernelSource,
      originalKernelSource: webgpuExtras.originalKernelSource,
      setKernel: webgpuExtras.setKernel,
      resetKernels: webgpuExtras.resetKernels,
    },
  };
}
