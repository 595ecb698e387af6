// The capability gate for the registry: true, or the human reason the wasm backend cannot run here.

import { msg, type BackendMessage } from '../messages';

// (module (func (result v128) i32.const 0 i8x16.splat i8x16.popcnt)), as wasm-feature-detect tests SIMD
const SIMD_PROBE = new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 123, 3, 2, 1, 0, 10, 10, 1, 8, 0, 65, 0, 253, 15, 253, 98, 11]);

export function hasWasmSimd(): boolean {
  try {
    return typeof WebAssembly === 'object' && WebAssembly.validate(SIMD_PROBE);
  } catch {
    return false;
  }
}

export async function wasmSupport(): Promise<true | BackendMessage> {
  if (typeof WebAssembly !== 'object') return msg('unsupported_no_wasm');
  if (typeof Worker !== 'function') return msg('unsupported_no_worker_context');
  return true;
}

/** Whether threads are possible here: SharedArrayBuffer exists only in cross-origin-isolated pages. */
export function threadsAllowed(): boolean {
  return globalThis.crossOriginIsolated === true && typeof SharedArrayBuffer === 'function';
}
