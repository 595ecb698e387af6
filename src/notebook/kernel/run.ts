import type { EpochStats } from '../../backends/types';
import type { TrainConfig } from '../../train/config';

/** What `await train(...)` returns to cell code. */
export interface Run {
  label: string;
  backend: string;
  describe: string;
  config: TrainConfig & { samples: number };
  epochs: EpochStats[];
  medianEpochMs: number;
  samplesPerSec: number;
  accuracy: number;
  testLoss: number;
  losses: { step: number; loss: number }[];
  /** test-set predictions (argmax) of the trained model, for show.predictions */
  predictions: Uint8Array | null;
}
