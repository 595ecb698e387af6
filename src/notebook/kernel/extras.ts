// Backend-specific helpers for lessons, namespaced in cell scope (wasm.*, webgpu.*).
// Each backend contributes an object from its own notebook.ts; loaded lazily on first use.
export function extras(): Record<string, unknown> {
  return {};
}
