import type { BackendText } from '../../backends/messages';
import type { ShownEpoch } from '../../i18n/backendText';
import type { TrainConfig } from '../../train/config';
import type { NoiseCheck } from './measure';

/** The WebGPU adapter a webgpu run used; `software`: a CPU emulation of a GPU (SwiftShader, llvmpipe, WARP…), not a graphics card. */
export interface RunGpu {
  adapter: string;
  software: boolean;
}

/** What `await train(...)` returns to cell code (its timing fields are measure.ts's Measurement). */
export interface Run {
  label: string;
  backend: string;
  /** what ran, in words (and as data in `variant`) */
  describe: string;
  variant: BackendText;
  config: TrainConfig & { samples: number };
  /** every timed epoch of every repeat (`repeat` 0, 1, …); a breakdown part's `id` ('compute', 'messaging', 'h2d', …) is the same in every language */
  epochs: (ShownEpoch & { repeat: number })[];
  /** timed runs of the training (the `repeats` option), each from fresh seeded weights */
  repeats: number;
  /** every timed epoch's wall time, in order (repeat 1's epochs, then repeat 2's, …) */
  epochMs: number[];
  /** median, fastest and slowest of the timed epochs */
  medianEpochMs: number;
  minEpochMs: number;
  maxEpochMs: number;
  /** every repeat computed the same loss curve as the first; `maxLossDelta`: the largest difference */
  lossesMatch: boolean;
  maxLossDelta: number;
  /** the noise guard: `busy` when the epochs spread more than 15% or the calibration loop drifted more than 15% */
  noise: NoiseCheck;
  samplesPerSec: number;
  accuracy: number;
  testLoss: number;
  /** the loss curve (of the first repeat: every repeat starts from the same weights) */
  losses: { step: number; loss: number }[];
  /** test-set predictions (argmax) of the trained model, for show.predictions */
  predictions: Uint8Array | null;
  /** the ten class probabilities of every test image (row i: image i), when the run evaluated */
  probabilities: Float32Array | null;
  /** the trained parameters (of the last repeat), flat: W1 [hidden][784], b1 [hidden], W2 [10][hidden], b2 [10] */
  params: Float32Array;
  /** train({ evaluateEvery: 'epoch' }): test accuracy (0–1) and loss after each epoch of the last repeat, and how long each evaluation took (ms, never counted in an epoch's time); empty otherwise */
  evaluations: { epoch: number; accuracy: number; loss: number; ms: number }[];
  /** webgpu runs: the adapter, and whether it is a CPU emulation of a GPU */
  gpu?: RunGpu;
}
