import type { BackendText } from '../../backends/messages';
import type { ShownEpoch } from '../../i18n/backendText';
import type { TrainConfig } from '../../train/config';
import type { Measurement } from './measure';

/** The WebGPU adapter a webgpu run used; `software`: a CPU emulation of a GPU (SwiftShader, llvmpipe, WARP…), not a graphics card. */
export interface RunGpu {
  adapter: string;
  software: boolean;
}

/**
 * What `await train(...)` returns to cell code. Its timing (Measurement): `repeats`, every timed epoch
 * in `epochMs`, their median, min and max, whether the repeats computed the same losses, and the noise
 * guard's verdict (`noise.busy`, with the figures).
 */
export interface Run extends Measurement {
  label: string;
  backend: string;
  /** what ran, in words (and as data in `variant`) */
  describe: string;
  variant: BackendText;
  config: TrainConfig & { samples: number };
  /** every timed epoch of every repeat (`repeat` 0, 1, …); a breakdown part's `id` ('compute', 'messaging', 'h2d', …) is the same in every language */
  epochs: (ShownEpoch & { repeat: number })[];
  samplesPerSec: number;
  accuracy: number;
  testLoss: number;
  /** the loss curve (of the first repeat: every repeat starts from the same weights) */
  losses: { step: number; loss: number }[];
  /** test-set predictions (argmax) of the trained model, for show.predictions */
  predictions: Uint8Array | null;
  /** webgpu runs: the adapter, and whether it is a CPU emulation of a GPU */
  gpu?: RunGpu;
}
