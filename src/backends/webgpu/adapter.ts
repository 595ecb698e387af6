// Which WebGPU adapter the backend got, and whether it is a GPU at all. Browsers without a usable GPU
// (or told to, as the e2e Chromium is) hand out a software adapter: SwiftShader (Chrome), llvmpipe or
// lavapipe (Mesa), WARP (Windows). It runs the kernels on the CPU, so its times say how fast an
// emulator is, not how fast a GPU is: every place a webgpu time is shown says so (measure.ts).

/** The fields of GPUAdapterInfo we read (all optional: older browsers give fewer). */
export interface AdapterInfoLike {
  readonly vendor?: string;
  readonly architecture?: string;
  readonly device?: string;
  readonly description?: string;
  readonly isFallbackAdapter?: boolean;
}

/** Names of CPU implementations of WebGPU / Vulkan / D3D as adapters report them. */
const SOFTWARE = /swiftshader|llvmpipe|lavapipe|softpipe|\bwarp\b|microsoft basic render|software rasterizer|\bcpu\b/i;

/** The adapter in words: vendor, architecture, description (or 'unknown adapter'). */
export function adapterName(i: AdapterInfoLike | undefined): string {
  return [i?.vendor, i?.architecture, i?.description].filter(Boolean).join(' ') || 'unknown adapter';
}

/** True when the adapter is a CPU emulation of a GPU (the browser's fallback adapter, or a known software one). */
export function isSoftwareAdapter(i: AdapterInfoLike | undefined): boolean {
  if (!i) return false;
  if (i.isFallbackAdapter === true) return true;
  return [i.vendor, i.architecture, i.device, i.description].some((s) => typeof s === 'string' && SOFTWARE.test(s));
}
