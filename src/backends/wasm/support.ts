// The capability gate for the registry: true, or the human reason the wasm backend cannot run here.

// (module (func (result v128) i32.const 0 i8x16.splat i8x16.popcnt)), as wasm-feature-detect tests SIMD
const SIMD_PROBE = new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 123, 3, 2, 1, 0, 10, 10, 1, 8, 0, 65, 0, 253, 15, 253, 98, 11]);

export function hasWasmSimd(): boolean {
  try {
    return typeof WebAssembly === 'object' && WebAssembly.validate(SIMD_PROBE);
  } catch {
    return false;
  }
}

export async function wasmSupport(): Promise<true | string> {
  if (typeof WebAssembly !== 'object') return 'this browser has no WebAssembly';
  if (typeof Worker !== 'function') return 'this context cannot start a Web Worker (the C code runs in one)';
  return true;
}

/** Whether threads are possible here: SharedArrayBuffer exists only in cross-origin-isolated pages. */
export function threadsAllowed(): boolean {
  return globalThis.crossOriginIsolated === true && typeof SharedArrayBuffer === 'function';
}
