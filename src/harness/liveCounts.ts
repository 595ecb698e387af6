// Counts what a backend leaves running: Web Workers (made on this page) and GPU devices and buffers.
// The constructors are wrapped once, before the conformance suite creates any backend; a Worker is
// live until terminate(), a buffer until destroy() or the destroy() of its device. Workers that a
// worker starts (the wasm pthreads) end with it, so the page's own Workers are the ones to count.

export interface LiveCounts {
  readonly workers: number;
  readonly gpuDevices: number;
  readonly gpuBuffers: number;
  readonly gpuBufferBytes: number;
}

const workers = new Set<Worker>();
const devices = new Set<GPUDevice>();
const buffers = new Map<GPUBuffer, GPUDevice>();
let peak: LiveCounts = { workers: 0, gpuDevices: 0, gpuBuffers: 0, gpuBufferBytes: 0 };
let installed = false;

function now(): LiveCounts {
  let bytes = 0;
  for (const b of buffers.keys()) bytes += b.size;
  return { workers: workers.size, gpuDevices: devices.size, gpuBuffers: buffers.size, gpuBufferBytes: bytes };
}

function notePeak(): void {
  const c = now();
  peak = {
    workers: Math.max(peak.workers, c.workers),
    gpuDevices: Math.max(peak.gpuDevices, c.gpuDevices),
    gpuBuffers: Math.max(peak.gpuBuffers, c.gpuBuffers),
    gpuBufferBytes: Math.max(peak.gpuBufferBytes, c.gpuBufferBytes),
  };
}

function wrapWorker(): void {
  const Base = globalThis.Worker;
  if (typeof Base !== 'function') return;
  globalThis.Worker = class CountedWorker extends Base {
    constructor(url: string | URL, options?: WorkerOptions) {
      super(url, options);
      workers.add(this);
      notePeak();
    }

    terminate(): void {
      workers.delete(this);
      super.terminate();
    }
  };
}

function wrapGpu(): void {
  if (typeof GPUDevice !== 'function' || typeof GPUAdapter !== 'function') return;
  const requestDevice = GPUAdapter.prototype.requestDevice;
  GPUAdapter.prototype.requestDevice = async function (this: GPUAdapter, d?: GPUDeviceDescriptor) {
    const device = await requestDevice.call(this, d);
    devices.add(device);
    notePeak();
    return device;
  };
  const createBuffer = GPUDevice.prototype.createBuffer;
  GPUDevice.prototype.createBuffer = function (this: GPUDevice, d: GPUBufferDescriptor) {
    const b = createBuffer.call(this, d);
    buffers.set(b, this);
    notePeak();
    return b;
  };
  const destroyBuffer = GPUBuffer.prototype.destroy;
  GPUBuffer.prototype.destroy = function (this: GPUBuffer) {
    buffers.delete(this);
    destroyBuffer.call(this);
  };
  const destroyDevice = GPUDevice.prototype.destroy;
  GPUDevice.prototype.destroy = function (this: GPUDevice) {
    devices.delete(this);
    for (const [b, d] of buffers) if (d === this) buffers.delete(b);
    destroyDevice.call(this);
  };
}

/** Wraps the constructors (once per page). Call before the backends under test are created. */
export function installLiveCounts(): void {
  if (installed) return;
  installed = true;
  wrapWorker();
  wrapGpu();
}

/** The live counts now, and the most seen since the last call (then the peak starts again from now). */
export function liveCounts(): { now: LiveCounts; peak: LiveCounts } {
  const out = { now: now(), peak };
  peak = now();
  return out;
}
