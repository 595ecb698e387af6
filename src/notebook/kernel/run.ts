import type { BackendText } from '../../backends/messages';
import type { ShownEpoch } from '../../i18n/backendText';
import type { TrainConfig } from '../../train/config';

/** What `await train(...)` returns to cell code. */
export interface Run {
  label: string;
  backend: string;
  /** what ran, in words (and as data in `variant`) */
  describe: string;
  variant: BackendText;
  config: TrainConfig & { samples: number };
  /** per epoch; a breakdown part's `id` ('compute', 'messaging', 'h2d', …) is the same in every language */
  epochs: ShownEpoch[];
  medianEpochMs: number;
  samplesPerSec: number;
  accuracy: number;
  testLoss: number;
  losses: { step: number; loss: number }[];
  /** test-set predictions (argmax) of the trained model, for show.predictions */
  predictions: Uint8Array | null;
}
