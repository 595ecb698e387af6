// The `js` backend: the reference made fast. Same functions, same summation order, but
// preallocated buffers (grown only when the batch size grows) and a register-blocked matmul.

import type { Dataset } from '../../data/dataset';
import { sgd_update } from '../../mlp/reference';
import type { MlpSpec } from '../../mlp/spec';
import type { Backend, EpochPlan, EpochStats, EvalResult } from '../types';
import { runEpoch } from '../epoch';
import { msg, type BackendText } from '../messages';
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
    const n = plan.order.length, B = plan.batchSize;
    const loss = [0]; // one batch per call; the loop reads it before the next call
    return runEpoch(plan, {
      backend: 'js',
      run: (i) => {
        loss[0] = this.step(plan.order, i * B, Math.min(B, n - i * B), plan.learningRate);
        return loss;
      },
      parts: (wallMs) => ({ breakdown: [{ id: 'compute', ms: wallMs, method: msg('method_js_compute') }] }),
    }, signal);
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

  describe(): BackendText {
    return msg('describe_js');
  }

  async dispose(): Promise<void> {
    this.train = null;
  }
}
