// Backend-specific helpers for lessons, namespaced in cell scope (webgpu.*, wasm.*, omp.*). Each backend
// contributes them from its own notebook.ts.
import { wasm as wasmExtras } from '../../backends/wasm/notebook';
import { omp } from '../../backends/wasm/omp';
import * as webgpuExtras from '../../backends/webgpu/notebook';

export function extras() {
  return {
    wasm: { raceDemo: wasmExtras.raceDemo },
    /** the OpenMP lab (lesson 05): C demos of #pragma omp on the threaded wasm build */
    omp: { hello: omp.hello, sum: omp.sum, schedule: omp.schedule, falseSharing: omp.falseSharing, gradients: omp.gradients },
    webgpu: {
      kernels: webgpuExtras.kernels,
      kernelSource: webgpuExtras.kernelSource,
      originalKernelSource: webgpuExtras.originalKernelSource,
      setKernel: webgpuExtras.setKernel,
      resetKernels: webgpuExtras.resetKernels,
    },
  };
}
