import { gaussian, mulberry32 } from './random';
import { paramLayout, type MlpSpec } from './spec';

/** He initialisation (std = sqrt(2 / fan_in)) for W1 and W2, zero biases. Deterministic per seed. */
export function initParams(spec: MlpSpec, seed: number): Float32Array {
  const L = paramLayout(spec);
  const params = new Float32Array(L.total);
  const normal = gaussian(mulberry32(seed));
  const std1 = Math.sqrt(2 / spec.inputSize);
  for (let i = 0; i < spec.hiddenSize * spec.inputSize; i++) params[L.w1 + i] = normal() * std1;
  const std2 = Math.sqrt(2 / spec.hiddenSize);
  for (let i = 0; i < spec.outputSize * spec.hiddenSize; i++) params[L.w2 + i] = normal() * std2;
  return params;
}
