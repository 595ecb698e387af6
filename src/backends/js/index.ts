// The `js` backend: the reference made fast. Same functions, same summation order, but
// preallocated buffers (grown only when the batch size grows) and a register-blocked matmul.

import type { Dataset } from '../../data/dataset';
import { sgd_update } from '../../mlp/reference';
import type { MlpSpec } from '../../mlp/spec';
import { batchCount, ProgressReporter } from '../../train/progress';
import { makeYielder } from '../../util/yield';
import type { Backend, EpochPlan, EpochStats, EvalResult } from '../types';
import { StoppedError } from '../types';
import { evaluateWith } from '../evaluate';
import { shard_gradients, ShardScratch } from './gradients';

export class JsBackend implements Backend {
  readonly name = 'js' as const;
  private spec!: MlpSpec;
  private params!: Float32Array;
  private grads!: Float32Array;
  private train: Dataset | null = null;
  private scratch!: ShardScratch;

  async init(spec: MlpSpec, params: Float32Array): Promise<void> {
    this.spec = spec;
    this.params = params.slice();
    this.grads = new Float32Array(params.length);
    this.scratch = new ShardScratch(spec);
  }

  async setData(train: Dataset): Promise<void> {
    this.train = train;
  }

  /** One SGD step on samples order[start .. start+B); returns the batch's mean loss. */
  step(order: Uint32Array, start: number, B: number, lr: number): number {
    const train = this.train!;
    const lossSum = shard_gradients(this.spec, this.scratch, this.params, this.grads, train.images, train.labels, order, start, B, B);
    sgd_update(this.params, this.grads, lr, this.params.length);
    return lossSum / B;
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
    this.train = null;
  }
}
