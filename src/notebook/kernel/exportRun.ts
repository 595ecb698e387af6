// The experiment a train() run hands to its Export button (issue 17): what really ran (the options
// after knobs and defaults were applied) and what it measured, with the machine it ran on.
import type { BackendName, BackendOptions, EpochStats } from '../../backends/types';
import type { ExportExperiment } from '../../export/experiment';
import type { TrainConfig } from '../../train/config';

export function exportExperiment(
  backend: BackendName, config: TrainConfig, samples: number, bopts: BackendOptions,
  epochs: readonly EpochStats[], accuracy: number | null, describe: string,
): ExportExperiment {
  const nav = typeof navigator === 'undefined' ? null : navigator;
  const cores = nav?.hardwareConcurrency ?? 2;
  return {
    options: {
      backend,
      // the pool size and the threads this run used (a backend without them: the machine's cores, up to 8)
      workers: bopts.workers ?? Math.min(8, cores),
      threads: bopts.threads ?? Math.min(8, cores),
      batchSize: config.batchSize,
      learningRate: config.learningRate,
      epochs: config.epochs,
      samples,
      seed: config.seed,
      hiddenSize: config.hiddenSize,
    },
    results: {
      epochs: epochs.map((e) => ({ loss: e.loss, ms: e.wallMs })),
      accuracy: accuracy !== null && Number.isFinite(accuracy) ? accuracy : null,
      describe,
      machine: nav ? `${nav.userAgent} · ${cores} logical cores` : 'unknown',
      date: new Date().toISOString(),
    },
  };
}
