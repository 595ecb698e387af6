// Finding a GPU: the capability gate (isSupported) and device acquisition. Works on the main thread
// and in dedicated workers (both expose navigator.gpu in a secure context).

import { BackendError, msg, type BackendMessage } from '../messages';
import { adapterName as nameOf, isSoftwareAdapter } from './adapter';

export const TIMESTAMP_FEATURE: GPUFeatureName = 'timestamp-query';

function gpuOf(): GPU | undefined {
  const nav = (globalThis as { navigator?: { gpu?: GPU } }).navigator;
  return nav?.gpu;
}

/** True, or the human reason this browser cannot run the webgpu backend. */
export async function gpuSupport(): Promise<true | BackendMessage> {
  if (globalThis.isSecureContext === false) return msg('unsupported_insecure');
  const gpu = gpuOf();
  if (!gpu) return msg('unsupported_no_gpu');
  try {
    const adapter = await gpu.requestAdapter();
    if (!adapter) return msg('unsupported_no_adapter');
  } catch (e) {
    return msg('unsupported_adapter_failed', { message: e instanceof Error ? e.message : String(e) });
  }
  return true;
}

export interface AcquiredDevice {
  readonly device: GPUDevice;
  readonly adapterName: string;
  readonly software: boolean; // a CPU emulation of a GPU (SwiftShader, llvmpipe, WARP…): see adapter.ts
  readonly timestamps: boolean; // the device was created with 'timestamp-query'
}

/** A fresh adapter and device (an adapter gives one device, so every init asks anew). */
export async function acquireDevice(): Promise<AcquiredDevice> {
  const gpu = gpuOf();
  const unsupported = (reason: BackendMessage) => new BackendError('webgpu', 'error_unsupported', { backend: 'webgpu', reason });
  if (!gpu) throw unsupported(msg('unsupported_no_gpu'));
  let adapter: GPUAdapter | null;
  try {
    adapter = await gpu.requestAdapter();
  } catch (e) {
    throw unsupported(msg('unsupported_adapter_failed', { message: e instanceof Error ? e.message : String(e) }));
  }
  if (!adapter) throw unsupported(msg('unsupported_no_adapter'));
  const timestamps = adapter.features.has(TIMESTAMP_FEATURE);
  // Default limits on purpose: every WebGPU device offers them, so a configuration behaves the
  // same here and on a student's laptop (128 MiB per storage binding, 256 MiB per buffer).
  const device = await adapter.requestDevice({ requiredFeatures: timestamps ? [TIMESTAMP_FEATURE] : [] });
  const info = adapter.info as GPUAdapterInfo & { isFallbackAdapter?: boolean };
  // older browsers put isFallbackAdapter on the adapter itself
  const fallback = info?.isFallbackAdapter ?? (adapter as GPUAdapter & { isFallbackAdapter?: boolean }).isFallbackAdapter;
  return { device, adapterName: nameOf(info), software: isSoftwareAdapter({ vendor: info?.vendor, architecture: info?.architecture, device: info?.device, description: info?.description, isFallbackAdapter: fallback }), timestamps };
}
