// The GPU buffers of one backend: the model (params, grads) from init, the training set (resident
// mode), batch-sized scratch grown only when a larger batch arrives, and the epoch's step table.

import { batchBuffers, dataBuffers, epochBuffers, modelBuffers, type BufferNeed, type GpuShapes } from './layout';
import { msg } from '../messages';
import { assertFits, type BufferLimits } from './limits';

export type BufferName =
  | 'params' | 'grads' | 'images' | 'labels' | 'order'
  | 'x' | 'targets' | 'hidden' | 'dhidden' | 'logits' | 'dlogits'
  | 'steps' | 'stepLosses';

const STORAGE = GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_DST | GPUBufferUsage.COPY_SRC;
const USAGE: Record<BufferName, number> = {
  params: STORAGE, grads: STORAGE, images: STORAGE, labels: STORAGE, order: STORAGE,
  x: STORAGE, targets: STORAGE, hidden: STORAGE, dhidden: STORAGE, logits: STORAGE, dlogits: STORAGE,
  steps: GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST, stepLosses: STORAGE,
};
const NEED_NAME: Record<string, BufferName> = {
  params: 'params', grads: 'grads', images: 'images', labels: 'labels', order: 'order', x: 'x', targets: 'targets',
  hidden: 'hidden', dhidden: 'dhidden', logits: 'logits', dlogits: 'dlogits', 'step table': 'steps', 'step losses': 'stepLosses',
};

export class GpuBuffers {
  private readonly bufs = new Map<BufferName, GPUBuffer>();
  /** Bumped whenever a buffer is replaced, so bind groups know to be rebuilt. */
  version = 0;
  batchCapacity = 0;
  stepCapacity = 0;

  constructor(private readonly device: GPUDevice, private readonly shapes: GpuShapes, private readonly limits: BufferLimits) {
    assertFits(modelBuffers(shapes), limits, msg('fit_model', { hidden: shapes.H }));
    this.allocate(modelBuffers(shapes));
  }

  get(name: BufferName): GPUBuffer {
    const b = this.bufs.get(name);
    if (!b) throw new Error(`webgpu: buffer ${name} has not been allocated`);
    return b;
  }

  has(name: BufferName): boolean {
    return this.bufs.has(name);
  }

  private allocate(needs: readonly BufferNeed[]): void {
    for (const n of needs) {
      const name = NEED_NAME[n.name];
      this.bufs.get(name)?.destroy();
      // a zero-sized binding is invalid; 16 bytes is the smallest useful buffer
      this.bufs.set(name, this.device.createBuffer({ label: name, size: Math.max(16, n.bytes), usage: USAGE[name] }));
    }
    this.version++;
  }

  /** Uploads the training set as bytes (4 per u32) and makes room for its order. */
  uploadData(images: Uint8Array, labels: Uint8Array, count: number, pixels: number): void {
    const needs = dataBuffers(count, pixels);
    assertFits(needs, this.limits, msg('fit_data', { count }));
    this.allocate(needs);
    this.writePadded('images', images);
    this.writePadded('labels', labels);
  }

  private writePadded(name: BufferName, bytes: Uint8Array): void {
    const whole = bytes.length - (bytes.length % 4);
    if (whole) this.device.queue.writeBuffer(this.get(name), 0, bytes.buffer, bytes.byteOffset, whole);
    if (whole < bytes.length) {
      const tail = new Uint8Array(4);
      tail.set(bytes.subarray(whole));
      this.device.queue.writeBuffer(this.get(name), whole, tail);
    }
  }

  /** Checks the limits for a batch size, then grows the batch buffers if needed. */
  ensureBatch(batch: number): void {
    const needs = batchBuffers(this.shapes, batch);
    assertFits(needs, this.limits, msg('fit_batch', { batch, hidden: this.shapes.H }));
    if (batch <= this.batchCapacity) return;
    this.allocate(needs);
    this.batchCapacity = batch;
  }

  ensureSteps(steps: number): void {
    const needs = epochBuffers(steps);
    assertFits(needs, this.limits, msg('fit_steps', { steps }));
    if (steps <= this.stepCapacity) return;
    this.allocate(needs);
    this.stepCapacity = steps;
  }

  destroy(): void {
    for (const b of this.bufs.values()) b.destroy();
    this.bufs.clear();
  }
}

/** Reads GPU buffers back through one mappable staging buffer, grown when a larger read comes. */
export class Reader {
  private staging: GPUBuffer | null = null;

  constructor(private readonly device: GPUDevice) {}

  /**
   * Copies `bytes` of `src` from `offset` into the staging buffer and maps it; resolves with a copy
   * once mapAsync resolves, which is when the bytes have reached the host.
   */
  async read(src: GPUBuffer, offset: number, bytes: number): Promise<ArrayBuffer> {
    if (!this.staging || this.staging.size < bytes) {
      this.staging?.destroy();
      this.staging = this.device.createBuffer({ label: 'staging', size: Math.max(16, bytes), usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST });
    }
    const staging = this.staging;
    const enc = this.device.createCommandEncoder({ label: 'read back' });
    enc.copyBufferToBuffer(src, offset, staging, 0, bytes);
    this.device.queue.submit([enc.finish()]);
    await staging.mapAsync(GPUMapMode.READ, 0, bytes);
    try {
      return staging.getMappedRange(0, bytes).slice(0);
    } finally {
      staging.unmap();
    }
  }

  destroy(): void {
    this.staging?.destroy();
    this.staging = null;
  }
}
