// The one model of the course: 784 → H (ReLU) → 10, softmax cross-entropy, minibatch SGD.
// Parameters live in ONE flat Float32Array: W1 [H][784], b1 [H], W2 [10][H], b2 [10].
// Weights are stored "out × in" (row o holds the weights feeding output o), so a forward pass is a
// row-by-row dot product and every backend (JS, C, WGSL) reads the same layout.

export const INPUT_SIZE = 784;
export const OUTPUT_SIZE = 10;
export const MIN_HIDDEN = 16;
export const MAX_HIDDEN = 1024;
export const DEFAULT_HIDDEN = 128;

export interface MlpSpec {
  readonly inputSize: number; // C = 784 pixels
  readonly hiddenSize: number; // H
  readonly outputSize: number; // V = 10 classes
}

export interface ParamLayout {
  readonly w1: number; // offset of W1 [H][C]
  readonly b1: number; // offset of b1 [H]
  readonly w2: number; // offset of W2 [V][H]
  readonly b2: number; // offset of b2 [V]
  readonly total: number;
}

export function makeSpec(hiddenSize: number = DEFAULT_HIDDEN): MlpSpec {
  if (!Number.isInteger(hiddenSize) || hiddenSize < MIN_HIDDEN || hiddenSize > MAX_HIDDEN) {
    throw new RangeError(
      `hidden size must be an integer between ${MIN_HIDDEN} and ${MAX_HIDDEN}, got ${String(hiddenSize)}`,
    );
  }
  return { inputSize: INPUT_SIZE, hiddenSize, outputSize: OUTPUT_SIZE };
}

export function paramLayout(spec: MlpSpec): ParamLayout {
  const C = spec.inputSize, H = spec.hiddenSize, V = spec.outputSize;
  const w1 = 0;
  const b1 = w1 + H * C;
  const w2 = b1 + H;
  const b2 = w2 + V * H;
  return { w1, b1, w2, b2, total: b2 + V };
}

/** Multiply-adds of one training step per sample (forward + backward, no dX for layer 1), ×2 for FLOP. */
export function flopsPerSample(spec: MlpSpec): number {
  const C = spec.inputSize, H = spec.hiddenSize, V = spec.outputSize;
  const forward = 2 * (C * H + H * V);
  const backward = 2 * (C * H + H * V) + 2 * (H * V); // dW1, dW2, dh
  return forward + backward;
}
