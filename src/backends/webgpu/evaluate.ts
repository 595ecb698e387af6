// Inference on the GPU with the training step's own forward kernels: the images of a chunk go up as
// bytes, gather_batch turns them into floats (in order: the "order" is 0, 1, 2, …), then
// matmul_forward_relu (W1) and matmul_forward (W2) produce the logits from the model's params
// buffer, which the host reads back (B × Vp floats, 48 bytes an image) and turns into
// probabilities, argmax and loss with the reference's softmax_xent through scoreChunk, as evaluateWith
// does. The evaluation buffers are the evaluator's own (never the training set's or the batch's),
// sized to one chunk (at most EVAL_CHUNK images: bounded whatever the data set) and grown only
// when a larger chunk comes; the pipelines are the ones compiled for training.

import type { Dataset } from '../../data/dataset';
import { scoreChunk } from '../evaluate';
import type { EvalResult } from '../types';
import type { BufferName } from './buffers';
import type { GpuContext } from './context';
import { compileKernel } from './compile';
import { STEP_STRIDE } from './layout';
import { bindGroups, defSource, encodeKernel, stepKernelDefs, type StepKernel } from './pipelines';

/** Images per submit: x is EVAL_CHUNK × 784 floats (3.1 MB), far under any device's binding limit. */
export const EVAL_CHUNK = 1000;

const FORWARD = ['gather_batch', 'matmul_forward_relu', 'matmul_forward'] as const;
const STORAGE = GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_DST | GPUBufferUsage.COPY_SRC;
type EvalBuffer = 'images' | 'labels' | 'order' | 'x' | 'targets' | 'hidden' | 'logits';

export class GpuEvaluator {
  private kernels: StepKernel[] | null = null;
  private readonly bufs = new Map<EvalBuffer | 'steps', GPUBuffer>();
  private capacity = 0;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly ctx: GpuContext) {}

  /** gather_batch and the two forward matmuls, as compiled for training (naive mode has no gather: compiled here once). */
  private async forwardKernels(): Promise<StepKernel[]> {
    if (this.kernels) return this.kernels;
    const { ctx } = this;
    const out: StepKernel[] = [];
    for (const name of FORWARD) {
      let k = ctx.kernels.find((s) => s.kernel === name);
      if (!k) {
        const def = stepKernelDefs(ctx.spec, 'resident').find((d) => d.kernel === name)!;
        k = { ...def, compiled: await ctx.guard(compileKernel(ctx.device, def.kernel, defSource(def), def.constants, def.label)) };
      }
      out.push(k);
    }
    return (this.kernels = out);
  }

  /** Buffers for chunks of `rows` images (grown, never shrunk). */
  private ensure(rows: number): void {
    if (rows <= this.capacity) return;
    const { C, Hp, Vp } = this.ctx.shapes;
    const sizes: Record<EvalBuffer, number> = {
      images: rows * C, labels: Math.ceil(rows / 4) * 4, order: rows * 4, x: rows * C * 4, targets: rows * 4, hidden: rows * Hp * 4, logits: rows * Vp * 4,
    };
    for (const [name, bytes] of Object.entries(sizes) as [EvalBuffer, number][]) {
      this.bufs.get(name)?.destroy();
      this.bufs.set(name, this.ctx.device.createBuffer({ label: `evaluate ${name}`, size: Math.max(16, bytes), usage: STORAGE }));
    }
    if (!this.bufs.has('steps')) {
      this.bufs.set('steps', this.ctx.device.createBuffer({ label: 'evaluate step', size: STEP_STRIDE, usage: GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST }));
    }
    this.ctx.device.queue.writeBuffer(this.bufs.get('order')!, 0, Uint32Array.from({ length: rows }, (_, i) => i));
    this.capacity = rows;
  }

  private get(name: BufferName): GPUBuffer {
    if (name === 'params') return this.ctx.buffers.get('params');
    const b = this.bufs.get(name as EvalBuffer | 'steps');
    if (!b) throw new Error(`webgpu: evaluation buffer ${name} does not exist`);
    return b;
  }

  /**
   * One evaluation at a time: calls that overlap (the Digits page predicts on every stroke) wait
   * for the previous one, since they share the evaluation buffers and the read-back staging buffer.
   */
  evaluate(data: Dataset): Promise<EvalResult> {
    const run = this.queue.then(() => this.run(data));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async run(data: Dataset): Promise<EvalResult> {
    const { ctx } = this;
    ctx.check();
    const { C, V, Vp } = ctx.shapes;
    if (data.rows * data.cols !== C) throw new Error(`webgpu: samples have ${data.rows * data.cols} pixels, the model expects ${C}`);
    const N = data.count;
    const probabilities = new Float32Array(N * V);
    const predictions = new Uint8Array(N);
    if (N === 0) return { loss: 0, accuracy: 0, predictions, probabilities };
    const kernels = await this.forwardKernels();
    this.ensure(Math.min(N, EVAL_CHUNK));
    const groups = bindGroups(ctx.device, kernels, { get: (n) => this.get(n) });
    const q = ctx.device.queue;
    const step = new Uint32Array(STEP_STRIDE / 4);
    const labels = new Uint8Array(Math.ceil(Math.min(N, EVAL_CHUNK) / 4) * 4);
    const logits = new Float32Array(Math.min(N, EVAL_CHUNK) * V);
    const losses = new Float32Array(Math.min(N, EVAL_CHUNK));
    const dlogits = new Float32Array(logits.length);
    let lossSum = 0, correct = 0;
    for (let start = 0; start < N; start += EVAL_CHUNK) {
      const B = Math.min(EVAL_CHUNK, N - start);
      step[0] = 0; // start: the identity order from its first entry
      step[1] = B; // rows
      q.writeBuffer(this.get('steps'), 0, step);
      q.writeBuffer(this.get('images'), 0, data.images.buffer, data.images.byteOffset + start * C, B * C); // C is a multiple of 4
      labels.fill(0).set(data.labels.subarray(start, start + B));
      q.writeBuffer(this.get('labels'), 0, labels, 0, Math.ceil(B / 4) * 4);
      const enc = ctx.device.createCommandEncoder({ label: `evaluate ${start}–${start + B - 1}` });
      const pass = enc.beginComputePass({ label: 'forward' });
      kernels.forEach((k, i) => encodeKernel(pass, k, groups[i], 0, B, ctx.maxPerDim));
      pass.end();
      q.submit([enc.finish()]);
      const raw = new Float32Array(await ctx.guard(ctx.reader.read(this.get('logits'), 0, B * Vp * 4)));
      for (let b = 0; b < B; b++) for (let v = 0; v < V; v++) logits[b * V + v] = raw[b * Vp + v];
      const r = scoreChunk(logits, data.labels, start, B, V, probabilities, predictions, losses, dlogits);
      lossSum += r.loss;
      correct += r.correct;
    }
    if (ctx.validationError) throw new Error(`webgpu: the GPU reported an error while evaluating: ${ctx.validationError}`);
    return { loss: lossSum / N, accuracy: correct / N, predictions, probabilities };
  }

  destroy(): void {
    for (const b of this.bufs.values()) b.destroy();
    this.bufs.clear();
    this.capacity = 0;
  }
}
