// Timing of a grid search (bench/suites/60-tasks.mjs, the search rows): 8 configurations, one model
// per task, 1 epoch on 8,000 of the first 10,000 training images, scored on the other 2,000, run
// through runTasks with nJobs workers. Every run trains the same models (seeded), so the accuracies
// of nJobs = 1 and 2 must be equal: the bench checks that before it reports a speedup.
import { loadMnist } from '../data/mnist';
import { runTasks } from '../tasks/run';
import { gridConfigs, validationSplit } from '../tasks/search/sampling';
import { searchTasks, sharedSet } from '../tasks/search/tasks';
import type { TrialResult } from '../tasks/search/trial';

export const BENCH_GRID = { learningRate: [0.05, 0.1], batchSize: [32, 64], hidden: [64, 128] };

export interface SearchTiming {
  readonly configs: number;
  readonly samples: number;
  /** wall time of each timed search (ms), after one untimed warm-up search */
  readonly ms: number[];
  /** validation accuracy per configuration (of the last timed search) */
  readonly accuracies: number[];
}

export async function searchTiming(nJobs: number, runs: number, samples = 10_000, seed = 1): Promise<SearchTiming> {
  const { train } = await loadMnist();
  const set = sharedSet(train);
  const configs = gridConfigs(BENCH_GRID);
  const split = validationSplit(samples, 0.2, seed);
  const once = async () => (await runTasks(searchTasks(configs, set, split, 1, seed), { nJobs })) as TrialResult[];
  await runTasks(searchTasks(configs.slice(0, nJobs), set, validationSplit(2000, 0.2, seed), 1, seed), { nJobs }); // warm-up: JIT, pool start
  const ms: number[] = [];
  let last: TrialResult[] = [];
  for (let r = 0; r < runs; r++) {
    const t0 = performance.now();
    last = await once();
    ms.push(performance.now() - t0);
  }
  return { configs: configs.length, samples, ms, accuracies: last.map((x) => x.accuracy) };
}
