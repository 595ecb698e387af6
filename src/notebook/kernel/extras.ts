// Backend-specific helpers for lessons, namespaced in cell scope (webgpu.*, wasm.*). Each backend
// contributes them from its own notebook.ts.
import * as webgpuExtras from '../../backends/webgpu/notebook';

export function extras() {
  return {
    webgpu: {
      kernels: webgpuExtras.kernels,
      kernelSource: webgpuExtras.kernelSource,
      originalKernelSource: webgpuExtras.originalKernelSource,
      setKernel: webgpuExtras.setKernel,
      resetKernels: webgpuExtras.resetKernels,
    },
  };
}
