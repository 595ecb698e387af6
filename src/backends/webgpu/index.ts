// The `webgpu` backend: the MLP as WGSL kernels (kernels/*.wgsl) on a GPU device, the CUDA of the
// course. Parameters and gradients are one GPU buffer each, in the reference's flat layout.
// Modes (BackendOptions.mode): 'resident' (default) keeps data and weights on the GPU; 'naive'
// uploads every batch and reads the loss back after every step. See epoch.ts.

import type { Dataset } from '../../data/dataset';
import type { MlpSpec } from '../../mlp/spec';
import { runEpoch } from '../epoch';
import { msg, type BackendMessage, type BackendText } from '../messages';
import { resolveOption } from '../options';
import type { Backend, BackendOptions, EpochPlan, EpochStats, EvalResult } from '../types';
import { GpuContext } from './context';
import { GpuEvaluator } from './evaluate';
export { gpuSupport } from './device';
import { gpuRunner, HostBatch } from './epoch';
import type { BufferLimits } from './limits';
import { describeWebgpu } from './describe';
import type { Mode, Tiling } from './pipelines';
import { kernelTimings, timestampQuantumNs } from './profile';
import { epochParts, type KernelProfile } from './stats';

export class WebGpuBackend implements Backend {
  readonly name = 'webgpu' as const;
  private ctx: GpuContext | null = null;
  private evaluator: GpuEvaluator | null = null; // its buffers belong to ctx's device
  private mode: Mode = 'resident';
  private readbackEvery = 0;
  private train: Dataset | null = null;
  private dataUpload: BackendMessage = msg('webgpu_upload_none'); // setData's one-time upload, reported with every epoch
  private readonly host = new HostBatch();
  /** Test hooks: lower the buffer limits (applied at the next init) and lose the device mid-run. */
  readonly testing = {
    limits: undefined as Partial<BufferLimits> | undefined,
    /** the matmul tiling to use at the next init instead of the adapter's default (bench/gpu, kernel checks) */
    tiling: undefined as Tiling | undefined,
    loseDevice: (): void => this.ctx?.loseDevice(),
  };

  async init(spec: MlpSpec, params: Float32Array, opts: BackendOptions = {}): Promise<void> {
    this.release();
    this.train = null;
    this.mode = resolveOption('webgpu', 'mode', opts.mode);
    this.readbackEvery = resolveOption('webgpu', 'readbackEvery', opts.readbackEvery);
    this.ctx = await GpuContext.create(spec, this.mode, this.testing.limits, this.testing.tiling);
    await this.setParams(params);
  }

  private context(): GpuContext {
    if (!this.ctx) throw new Error('webgpu: init() must be called first');
    this.ctx.check();
    return this.ctx;
  }

  async setData(train: Dataset): Promise<void> {
    const ctx = this.context();
    const pixels = train.rows * train.cols;
    if (pixels !== ctx.shapes.C) throw new Error(`webgpu: samples have ${pixels} pixels, the model expects ${ctx.shapes.C}`);
    // resident mode keeps the training set on the GPU; naive mode leaves it on the host. Waiting
    // here keeps this one-time upload out of the first epoch's host→device time.
    if (this.mode === 'resident') {
      const t0 = performance.now();
      ctx.buffers.uploadData(train.images, train.labels, train.count, pixels);
      await ctx.guard(ctx.device.queue.onSubmittedWorkDone());
      this.dataUpload = msg('webgpu_upload_once', { bytes: train.images.length + train.labels.length, ms: Math.round(performance.now() - t0) });
    } else this.dataUpload = msg('webgpu_upload_none');
    this.train = train;
  }

  async trainEpoch(plan: EpochPlan, signal?: AbortSignal): Promise<EpochStats> {
    const ctx = this.context();
    if (!this.train) throw new Error('webgpu: setData() must be called before trainEpoch()');
    if (plan.order.length > this.train.count) {
      throw new RangeError(`webgpu: the epoch's order has ${plan.order.length} entries but the training set ${this.train.count}`);
    }
    const { runner, measure: m } = gpuRunner(ctx, plan, this.readbackEvery, this.train, this.host);
    return runEpoch(plan, {
      ...runner,
      backend: 'webgpu',
      parts: async (wallMs) => {
        // the timestamps are read after the epoch's clock stopped: profiling's read-back is not in wallMs
        let profile: KernelProfile = { timings: null, quantumNs: NaN };
        if (ctx.timestamps) {
          const ticks = await ctx.guard(ctx.profiler.read(ctx.device, ctx.reader, m.timedSlots));
          const dispatches = ctx.kernels.map(() => m.steps.length);
          profile = { timings: kernelTimings(ctx.kernels.map((k) => k.label), ticks, m.timedSlots, dispatches), quantumNs: timestampQuantumNs(ticks) };
        }
        if (ctx.validationError) throw new Error(`webgpu: the GPU reported an error during the epoch: ${ctx.validationError}`);
        const parts = epochParts(this.mode, m, wallMs, profile, ctx.adapterName);
        return { ...parts, extra: { ...parts.extra, softwareAdapter: ctx.softwareAdapter, trainingSetUpload: this.dataUpload } };
      },
    }, signal);
  }

  /** The forward pass in WGSL on the model's params buffer (evaluate.ts); needs init() only, not setData(). */
  async evaluate(data: Dataset): Promise<EvalResult> {
    const ctx = this.context();
    this.evaluator ??= new GpuEvaluator(ctx);
    return this.evaluator.evaluate(data);
  }

  async getParams(): Promise<Float32Array> {
    const ctx = this.context();
    const n = ctx.shapes.paramFloats;
    return new Float32Array(await ctx.guard(ctx.reader.read(ctx.buffers.get('params'), 0, n * 4)));
  }

  async setParams(params: Float32Array): Promise<void> {
    const ctx = this.context();
    if (params.length !== ctx.shapes.paramFloats) {
      throw new RangeError(`webgpu: expected ${ctx.shapes.paramFloats} parameters, got ${params.length}`);
    }
    const padded = new Float32Array(ctx.shapes.paramFloatsPadded);
    padded.set(params);
    ctx.device.queue.writeBuffer(ctx.buffers.get('params'), 0, padded);
    await ctx.guard(ctx.device.queue.onSubmittedWorkDone());
  }

  describe(): BackendText {
    return describeWebgpu(this.mode, this.readbackEvery, this.ctx?.adapterName, this.ctx?.softwareAdapter, this.ctx?.tiling);
  }

  /** Destroys the evaluation buffers, then the context (buffers and device). */
  private release(): void {
    this.evaluator?.destroy();
    this.evaluator = null;
    this.ctx?.destroy();
    this.ctx = null;
  }

  async dispose(): Promise<void> {
    this.release();
    this.train = null;
  }
}
