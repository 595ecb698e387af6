// Everything one initialised webgpu backend holds on the GPU, and the watch on the device: a lost
// device turns every pending await into a DeviceLostError with a clear message.

import type { MlpSpec } from '../../mlp/spec';
import { GpuBuffers, Reader } from './buffers';
import { acquireDevice } from './device';
import { gpuShapes, type GpuShapes } from './layout';
import type { BufferLimits } from './limits';
import { DeviceLostError } from './describe';
import { bindGroups, buildStepKernels, defaultTiling, type Mode, type StepKernel, type Tiling } from './pipelines';
import { KernelProfiler } from './profiler';
import { Tripwire } from '../../util/tripwire';

/** How long to wait for device.lost after a GPU call failed, to report the loss rather than its echo. */
const LOST_GRACE_MS = 200;

export class GpuContext {
  lostError: DeviceLostError | null = null;
  validationError: string | null = null;
  private disposed = false;
  private groups: GPUBindGroup[] = [];
  private groupsVersion = -1;
  private readonly lost: Promise<never>;
  private readonly wire: Tripwire;

  private constructor(
    readonly device: GPUDevice,
    readonly adapterName: string,
    readonly spec: MlpSpec,
    readonly shapes: GpuShapes,
    readonly mode: Mode,
    readonly buffers: GpuBuffers,
    readonly kernels: readonly StepKernel[],
    readonly profiler: KernelProfiler,
    readonly reader: Reader,
    /** the adapter is a CPU emulation of a GPU (adapter.ts) */
    readonly softwareAdapter = false,
    /** how the two large matmuls run (pipelines.ts): registers on a CPU emulation, shared tiles on a GPU */
    readonly tiling: Tiling = defaultTiling(softwareAdapter),
  ) {
    this.lost = device.lost.then((info) => {
      const err = new DeviceLostError(info.reason, info.message);
      if (!this.disposed) this.lostError = err;
      throw err;
    });
    this.lost.catch(() => undefined); // observed through guard(); never an unhandled rejection
    this.wire = new Tripwire(this.lost);
    device.addEventListener('uncapturederror', (e) => {
      this.validationError ??= (e as GPUUncapturedErrorEvent).error.message;
    });
  }

  static async create(spec: MlpSpec, mode: Mode, limits?: Partial<BufferLimits>, tiling?: Tiling): Promise<GpuContext> {
    const { device, adapterName, software, timestamps } = await acquireDevice();
    try {
      const shapes = gpuShapes(spec);
      const effective: BufferLimits = {
        maxStorageBufferBindingSize: limits?.maxStorageBufferBindingSize ?? device.limits.maxStorageBufferBindingSize,
        maxBufferSize: limits?.maxBufferSize ?? device.limits.maxBufferSize,
      };
      const buffers = new GpuBuffers(device, shapes, effective);
      const chosen = tiling ?? defaultTiling(software);
      const kernels = await buildStepKernels(device, spec, mode, chosen);
      const profiler = new KernelProfiler(device, timestamps, kernels.length);
      return new GpuContext(device, adapterName, spec, shapes, mode, buffers, kernels, profiler, new Reader(device), software, chosen);
    } catch (e) {
      device.destroy();
      throw e;
    }
  }

  get timestamps(): boolean {
    return this.profiler.available;
  }

  get maxPerDim(): number {
    return this.device.limits.maxComputeWorkgroupsPerDimension;
  }

  /** Bind groups for the current buffers (rebuilt only after a buffer was replaced). */
  bindGroups(): GPUBindGroup[] {
    if (this.groupsVersion !== this.buffers.version) {
      this.groups = bindGroups(this.device, this.kernels, this.buffers);
      this.groupsVersion = this.buffers.version;
    }
    return this.groups;
  }

  /** Throws the loss if the device is gone. */
  check(): void {
    if (this.lostError) throw this.lostError;
  }

  /** Awaits a GPU promise, or the device's loss, whichever comes first. */
  async guard<T>(p: Promise<T>): Promise<T> {
    try {
      this.check();
    } catch (e) {
      // the loss came first: nobody awaits the work now, and it may still reject (a read-back's
      // mapAsync rejects when init() destroys its buffer), which must not surface as unhandled
      p.catch(() => undefined);
      throw e;
    }
    try {
      return await this.wire.guard(p);
    } catch (e) {
      if (!this.lostError && !this.disposed) {
        await Promise.race([this.lost.catch(() => undefined), new Promise((r) => setTimeout(r, LOST_GRACE_MS))]);
      }
      this.check();
      throw e;
    }
  }

  /** Destroys the device without marking a dispose: what a driver reset looks like (test hook). */
  loseDevice(): void {
    this.device.destroy();
  }

  destroy(): void {
    this.disposed = true;
    this.profiler.destroy();
    this.reader.destroy();
    this.buffers.destroy();
    this.device.destroy();
  }
}
