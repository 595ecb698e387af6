// README.md of an export: what each file is, the exact commands, and the browser run's own numbers.
import { MNIST_FILE_NAMES, type ExportExperiment } from './experiment';

function fmt(x: number, digits: number): string {
  return Number.isFinite(x) ? x.toFixed(digits) : '—';
}

/** The race's lanes: same experiment on every backend; each world's program here stands for one lane. */
function raceTable(lanes: NonNullable<NonNullable<ExportExperiment['results']>['lanes']>): string[] {
  const n = (x: number | null, d: number, unit = '') => (x === null ? '—' : `${fmt(x, d)}${unit}`);
  return [
    '### The race: the same experiment on every lane',
    '',
    '| lane | what ran | status | ms/epoch | last loss | test accuracy |',
    '| --- | --- | --- | ---: | ---: | ---: |',
    ...lanes.map((l) => `| ${l.label} | ${l.describe || '—'} | ${l.status} | ${n(l.msPerEpoch, 0)} | ${n(l.finalLoss, 4)} | ${l.accuracy === null ? '—' : `${fmt(l.accuracy * 100, 2)}%`} |`),
    '',
    'Each lane has a twin below: js → `run_sequential.py` (numpy), workers → `run_joblib.py` / `run_dask.py`,',
    'wasm → `mlp_omp.c` (C + OpenMP), webgpu → `mlp_pycuda.py`. Run them on one machine and you have the',
    'race outside the browser; the losses agree, the times are the point.',
    '',
  ];
}

/** The search: its configurations with the browser's validation scores, and how to run it again. */
function searchSection(e: ExportExperiment): string {
  const s = e.search;
  if (!s) return '';
  const nVal = Math.round(s.samples * s.validation);
  return [
    '## The search (`run_search.py`)',
    '',
    `${s.trials.length} configurations, ${s.epochs} epoch(s) each, trained on ${s.samples - nVal} of the first ${s.samples}`,
    `training images and scored on the other ${nVal} (validation, seed ${s.seed}); the best is retrained on all`,
    `${s.samples} and scored once on the test set. One joblib task per configuration, ${s.nJobs} processes:`,
    '',
    '```sh',
    `python3 run_search.py --data data --jobs ${s.nJobs}`,
    '```',
    '',
    '| # | learning rate | batch | hidden | validation accuracy (browser) | validation loss (browser) |',
    '| ---: | ---: | ---: | ---: | ---: | ---: |',
    ...s.trials.map((t, i) => `| ${i + 1} | ${t.learningRate} | ${t.batchSize} | ${t.hidden} | ${fmt(t.accuracy * 100, 2)}% | ${fmt(t.loss, 4)} |`),
    '',
    s.testAccuracy === null ? '' : `The browser's winner, retrained: test accuracy **${fmt(s.testAccuracy * 100, 2)}%**. The script prints each`,
    'trial beside the browser\'s figure: the same models, so the same accuracies.',
    '',
  ].join('\n');
}

export function readmeMd(e: ExportExperiment): string {
  const o = e.options;
  const r = e.results;
  const base = e.mnistUrl ?? 'https://<the app>/mnist/';
  const download = MNIST_FILE_NAMES.map((f) => `curl -o data/${f}.gz ${base}${f}.gz`).join('\n');
  const results = r
    ? [
      `## The browser's run`,
      '',
      `Backend: **${r.describe || o.backend}** · machine: ${r.machine || 'unknown'} · ${r.date}`,
      '',
      '| epoch | loss | ms/epoch |',
      '| ---: | ---: | ---: |',
      ...r.epochs.map((x, i) => `| ${i + 1} | ${fmt(x.loss, 4)} | ${fmt(x.ms, 0)} |`),
      '',
      r.accuracy === null ? 'Test accuracy: not evaluated.' : `Test accuracy: **${fmt(r.accuracy * 100, 2)}%** (10,000 test images).`,
      '',
      'Every script below prints the same lines (loss per epoch, ms/epoch, test accuracy): the loss',
      'and the accuracy should match these to the last digit shown; the times are your machine\'s.',
      '',
      ...(r.lanes?.length ? raceTable(r.lanes) : []),
    ].join('\n')
    : '';
  return `# Paralelo export: the MLP outside the browser

The experiment: 784 → ${o.hiddenSize} (ReLU) → 10, batch ${o.batchSize}, learning rate ${o.learningRate},
${o.epochs} epoch(s) on the first ${o.samples} training images, seed ${o.seed}
(browser backend: ${o.backend}, ${o.workers} workers / ${o.threads} threads).

Same seed, same numbers: every program here uses the app's parameter layout, its seeded
initialisation and its shuffle of each epoch, so the final parameters agree with the browser's
to about 1e-7 (floating-point sums in a different order), and so do the loss and the accuracy.
Paralelo's CI checks this for numpy, joblib, Dask and C + OpenMP on every change.

${results}${searchSection(e)}## The data

Put the four MNIST files in \`data/\` (the app serves them):

\`\`\`sh
mkdir -p data
${download}
\`\`\`

## Python (numpy, joblib, Dask)

Debian/Ubuntu: \`sudo apt-get install python3-numpy python3-joblib python3-dask python3-distributed\`
(or \`pip install numpy joblib "dask[distributed]"\`).

\`\`\`sh
python3 run_sequential.py --data data                 # one process, the whole batch (the js backend)
python3 run_joblib.py --data data --workers ${o.workers}         # shards of each batch on ${o.workers} processes (the workers backend)
python3 run_dask.py --data data --workers ${o.workers}           # the same shards as tasks on a Dask LocalCluster
python3 run_dask.py --data data --address tcp://SCHEDULER:8786  # ... or on a real cluster
\`\`\`

\`run_dask.py\` prints the link of the Dask dashboard: open it while it trains (task stream,
workers' memory). Every script takes \`--samples\`, \`--epochs\`, \`--batch-size\`, \`--learning-rate\`,
\`--seed\` to go beyond the browser's run, and \`--save params.f32\` to write the final parameters
(little-endian float32, W1 [H][784], b1 [H], W2 [10][H], b2 [10]) for checking.

- \`mlp.py\` — the model and its kernels in numpy (\`matmul_forward\`, \`softmax_xent\`, … as in the app).
- \`run_joblib.py\`, \`run_dask.py\` — data parallelism: each worker computes its shard's gradient
  (divided by the full batch size), the parent adds the shards in order and makes ONE update.

## C + OpenMP

\`\`\`sh
make data                                  # unzips data/*.gz (the C program reads plain IDX files)
make                                       # gcc -O3 -march=native -fopenmp
OMP_NUM_THREADS=1 ./mlp_omp --data data
OMP_NUM_THREADS=${Math.max(2, o.threads)} ./mlp_omp --data data
\`\`\`

\`matmul.c\`, \`elementwise.c\`, \`softmax.c\`, \`gather.c\`, \`mlp.h\`, \`rows.h\` and \`kernels_scalar.h\` are the app's
own WebAssembly kernels, unchanged. Only \`pool.h\` differs: the browser's thread pool becomes
\`#pragma omp parallel for\`. No sum is split between threads, so every thread count gives the same bits.

## NVIDIA GPU (PyCUDA)

\`\`\`sh
pip install pycuda        # needs the CUDA toolkit
python3 mlp_pycuda.py --data data
\`\`\`

The CUDA twins of the app's WGSL kernels (same names, one block of 64 threads per workgroup),
timed with \`cuda.Event\`: H2D copies, kernels, D2H copies. It sums in float32 on the GPU, so expect
agreement to about 1e-5 rather than 1e-7. (Paralelo's CI can only compile-check these kernels: it
has no GPU.)
`;
}
