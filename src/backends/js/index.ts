// The `js` backend: the reference made fast. Same functions, same summation order, but
// preallocated buffers (grown only when the batch size grows) and a register-blocked matmul.

import type { Dataset } from '../../data/dataset';
import { gather_batch, paramViews, relu_backward, relu_forward, sgd_update, softmax_xent } from '../../mlp/reference';
import type { MlpSpec } from '../../mlp/spec';
import { batchCount, ProgressReporter } from '../../train/progress';
import { makeYielder } from '../../util/yield';
import type { Backend, EpochPlan, EpochStats, EvalResult } from '../types';
import { StoppedError } from '../types';
import { evaluateWith } from '../evaluate';
import { matmul_nt, sum_rows, transpose } from './matmul';

interface Scratch {
  cap: number;
  x: Float32Array; xT: Float32Array; targets: Uint8Array;
  h: Float32Array; hT: Float32Array; logits: Float32Array; probs: Float32Array; losses: Float32Array;
  dlogits: Float32Array; dlogitsT: Float32Array; dh: Float32Array; dhT: Float32Array;
}

export class JsBackend implements Backend {
  readonly name = 'js' as const;
  private spec!: MlpSpec;
  private params!: Float32Array;
  private grads!: Float32Array;
  private w2T!: Float32Array;
  private train: Dataset | null = null;
  private s: Scratch | null = null;

  async init(spec: MlpSpec, params: Float32Array): Promise<void> {
    this.spec = spec;
    this.params = params.slice();
    this.grads = new Float32Array(params.length);
    this.w2T = new Float32Array(spec.hiddenSize * spec.outputSize);
  }

  async setData(train: Dataset): Promise<void> {
    this.train = train;
  }

  private scratch(B: number): Scratch {
    if (this.s && this.s.cap >= B) return this.s;
    const C = this.spec.inputSize, H = this.spec.hiddenSize, V = this.spec.outputSize;
    this.s = {
      cap: B,
      x: new Float32Array(B * C), xT: new Float32Array(B * C), targets: new Uint8Array(B),
      h: new Float32Array(B * H), hT: new Float32Array(B * H), logits: new Float32Array(B * V),
      probs: new Float32Array(B * V), losses: new Float32Array(B),
      dlogits: new Float32Array(B * V), dlogitsT: new Float32Array(B * V),
      dh: new Float32Array(B * H), dhT: new Float32Array(B * H),
    };
    return this.s;
  }

  /** One SGD step on samples order[start .. start+B); returns the batch's mean loss. */
  step(order: Uint32Array, start: number, B: number, lr: number): number {
    const train = this.train!;
    const C = this.spec.inputSize, H = this.spec.hiddenSize, V = this.spec.outputSize;
    const s = this.scratch(B);
    const p = paramViews(this.spec, this.params);
    const g = paramViews(this.spec, this.grads);
    gather_batch(s.x, s.targets, train.images, train.labels, order, start, B, C);
    // forward: h (B,H) = relu(x · W1ᵀ + b1); logits (B,V) = h · W2ᵀ + b2
    matmul_nt(s.h, s.x, p.w1, p.b1, B, H, C);
    relu_forward(s.h, s.h, B * H);
    matmul_nt(s.logits, s.h, p.w2, p.b2, B, V, H);
    softmax_xent(s.probs, s.losses, s.dlogits, s.logits, s.targets, B, V);
    // backward, layer 2: dW2 (V,H) = dlogitsᵀ · h; db2 = Σ_b dlogits; dh (B,H) = dlogits · W2
    transpose(s.dlogitsT, s.dlogits, B, V);
    transpose(s.hT, s.h, B, H);
    matmul_nt(g.w2, s.dlogitsT, s.hT, null, V, H, B);
    sum_rows(g.b2, s.dlogits, B, V);
    transpose(this.w2T, p.w2, V, H);
    matmul_nt(s.dh, s.dlogits, this.w2T, null, B, H, V);
    relu_backward(s.dh, s.dh, s.h, B * H);
    // backward, layer 1: dW1 (H,C) = dhᵀ · x; db1 = Σ_b dh
    transpose(s.dhT, s.dh, B, H);
    transpose(s.xT, s.x, B, C);
    matmul_nt(g.w1, s.dhT, s.xT, null, H, C, B);
    sum_rows(g.b1, s.dh, B, H);
    sgd_update(this.params, this.grads, lr, this.params.length);
    let loss = 0;
    for (let b = 0; b < B; b++) loss += s.losses[b];
    return loss / B;
  }

  async trainEpoch(plan: EpochPlan, signal?: AbortSignal): Promise<EpochStats> {
    if (!this.train) throw new Error('js backend: setData() must be called before trainEpoch()');
    const n = plan.order.length;
    const batches = batchCount(n, plan.batchSize);
    const progress = new ProgressReporter(batches, plan.onProgress);
    const maybeYield = makeYielder();
    const t0 = performance.now();
    let lossSum = 0;
    let seen = 0;
    for (let i = 0; i < batches; i++) {
      const pause = maybeYield();
      if (pause) await pause;
      if (signal?.aborted) throw new StoppedError();
      const start = i * plan.batchSize;
      const B = Math.min(plan.batchSize, n - start);
      const loss = this.step(plan.order, start, B, plan.learningRate);
      lossSum += loss * B;
      seen += B;
      progress.add(i, loss);
    }
    progress.flush();
    const wallMs = performance.now() - t0;
    return {
      epoch: plan.epoch, loss: lossSum / seen, wallMs, samples: seen, batches,
      samplesPerSec: seen / (wallMs / 1000),
      breakdown: [{ label: 'compute', ms: wallMs, method: 'performance.now() around the epoch (one thread)' }],
    };
  }

  async evaluate(data: Dataset): Promise<EvalResult> {
    return evaluateWith(this.spec, this.params, data);
  }

  async getParams(): Promise<Float32Array> {
    return this.params.slice();
  }

  async setParams(params: Float32Array): Promise<void> {
    this.params.set(params);
  }

  describe(): string {
    return 'sequential TypeScript';
  }

  async dispose(): Promise<void> {
    this.s = null;
    this.train = null;
  }
}
