// Every backend behind one gate: isSupported() answers true or the reason it cannot run here.
import { BackendError, msg, type BackendMessage } from './messages';
import { BACKEND_OPTIONS, type OptionSpecs } from './options';
import type { Backend, BackendName } from './types';
import { wasmSupport } from './wasm/support';

export interface BackendEntry {
  readonly name: BackendName;
  /** the options this backend reads (src/backends/options.ts) */
  readonly options: OptionSpecs;
  /** True, or why this backend cannot run here. */
  isSupported(): Promise<true | BackendMessage>;
  create(): Promise<Backend>;
}

const entries: BackendEntry[] = [
  {
    name: 'js',
    options: BACKEND_OPTIONS.js,
    isSupported: async () => true,
    create: async () => new (await import('./js/index')).JsBackend(),
  },
  {
    name: 'workers',
    options: BACKEND_OPTIONS.workers,
    isSupported: async () => (typeof Worker === 'function' ? true : msg('unsupported_no_workers')),
    create: async () => new (await import('./workers/index')).WorkersBackend(),
  },
  {
    name: 'wasm',
    options: BACKEND_OPTIONS.wasm,
    isSupported: wasmSupport,
    create: async () => new (await import('./wasm/index')).WasmBackend(),
  },
  {
    name: 'webgpu',
    options: BACKEND_OPTIONS.webgpu,
    isSupported: async () => (await import('./webgpu/index')).gpuSupport(),
    create: async () => new (await import('./webgpu/index')).WebGpuBackend(),
  },
];

export function registerBackend(entry: BackendEntry): void {
  const i = entries.findIndex((e) => e.name === entry.name);
  if (i >= 0) entries[i] = entry;
  else entries.push(entry);
}

export function backendEntries(): readonly BackendEntry[] {
  return entries;
}

export function getBackendEntry(name: BackendName): BackendEntry {
  const e = entries.find((x) => x.name === name);
  if (!e) throw new Error(`backend "${name}" is not available in this build`);
  return e;
}

/** Creates a backend after checking it can run here; the error carries the reason. */
export async function createBackend(name: BackendName): Promise<Backend> {
  const e = getBackendEntry(name);
  const ok = await e.isSupported();
  if (ok !== true) throw new BackendError(name, 'error_unsupported', { backend: name, reason: ok });
  return e.create();
}
