// The export's files without running them (export.verify.test.ts runs them): names, the run's
// options in every program, the wasm kernels copied verbatim, the zip, and the output's check.
import { readFileSync } from 'node:fs';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { outputProblem } from '../notebook/outputs';
import type { ExportExperiment } from './experiment';
import { exportFiles, exportName, exportZip } from './index';

const EXP: ExportExperiment = {
  options: { backend: 'wasm', workers: 3, threads: 4, batchSize: 64, learningRate: 0.05, epochs: 2, samples: 5000, seed: 9, hiddenSize: 64 },
  results: { epochs: [{ loss: 0.61234, ms: 812.4 }, { loss: 0.3, ms: 790 }], accuracy: 0.9123, describe: 'wasm SIMD, 4 threads', machine: 'test', date: '2026-11-26T00:00:00.000Z' },
  mnistUrl: 'https://example.org/mnist/',
};

describe('export files', () => {
  const files = exportFiles(EXP);

  it('carries the run\'s options into the Python and C programs', () => {
    const py = files['mlp.py'];
    for (const line of ['HIDDEN_SIZE = 64', 'BATCH_SIZE = 64', 'LEARNING_RATE = 0.05', 'EPOCHS = 2', 'SAMPLES = 5000', 'SEED = 9', 'WORKERS = 3']) expect(py).toContain(line);
    const c = files['mlp_omp.c'];
    for (const line of ['static int HIDDEN_SIZE = 64;', 'static int BATCH_SIZE = 64;', 'static double LEARNING_RATE = 0.05;', 'static int EPOCHS = 2;', 'static int SAMPLES = 5000;', 'static uint32_t SEED = 9u;']) expect(c).toContain(line);
    expect(files['README.md']).toContain('OMP_NUM_THREADS=4 ./mlp_omp --data data');
    expect(files['README.md']).toContain('--workers 3');
  });

  it('puts the browser\'s own numbers and the app\'s MNIST address in the README', () => {
    const md = files['README.md'];
    expect(md).toContain('| 1 | 0.6123 | 812 |');
    expect(md).toContain('| 2 | 0.3000 | 790 |');
    expect(md).toContain('Test accuracy: **91.23%**');
    expect(md).toContain('curl -o data/t10k-labels-idx1-ubyte.gz https://example.org/mnist/t10k-labels-idx1-ubyte.gz');
    expect(exportFiles({ options: EXP.options })['README.md']).not.toContain('## The browser\'s run');
  });

  it('gives a race one README row per lane, failed lanes included', () => {
    const lanes = [
      { label: 'js', describe: 'sequential JS', status: 'done', msPerEpoch: 812.4, accuracy: 0.9123, finalLoss: 0.3 },
      { label: 'webgpu', describe: '', status: 'failed', msPerEpoch: null, accuracy: null, finalLoss: null },
    ];
    const readme = exportFiles({ ...EXP, results: { ...EXP.results!, lanes } })['README.md'];
    expect(readme).toContain('### The race: the same experiment on every lane');
    expect(readme).toContain('| js | sequential JS | done | 812 | 0.3000 | 91.23% |');
    expect(readme).toContain('| webgpu | — | failed | — | — | — |');
    expect(exportFiles(EXP)['README.md']).not.toContain('The race');
    expect(outputProblem({ id: 'e', kind: 'export', experiment: { ...EXP, results: { ...EXP.results!, lanes } } })).toBeNull();
    expect(outputProblem({ id: 'e', kind: 'export', experiment: { ...EXP, results: { ...EXP.results!, lanes: [{ label: 'js' }] } } })?.code).toBe('export');
  });

  it('ships the wasm build\'s kernels unchanged, with an OpenMP pool.h instead of the browser pool', () => {
    for (const f of ['mlp.h', 'rows.h', 'kernels_scalar.h', 'matmul.c', 'elementwise.c', 'softmax.c', 'gather.c']) {
      expect(files[f], f).toBe(readFileSync(`wasm/${f}`, 'utf8'));
    }
    expect(files['pool.h']).toContain('#pragma omp parallel for schedule(static) if (work >= PARALLEL_MIN_WORK && threads > 1)');
    expect(files.Makefile).toMatch(/^\t\$\(CC\) \$\(CFLAGS\) -o \$@/m); // a real tab
    expect(files.Makefile).toContain('-O3 -march=native -fopenmp');
  });

  it('zips every file into one folder named like the zip', () => {
    const name = exportName(EXP, new Date('2026-11-26T10:00:00Z'));
    expect(name).toBe('paralelo-export-wasm-2026-11-26');
    const unzipped = unzipSync(exportZip(EXP, name));
    expect(Object.keys(unzipped).sort()).toEqual(Object.keys(files).map((f) => `${name}/${f}`).sort());
    expect(strFromU8(unzipped[`${name}/mlp.py`])).toBe(files['mlp.py']);
  });

  it('the export output is accepted with a run\'s experiment and refused without one', () => {
    expect(outputProblem({ id: 'e', kind: 'export', experiment: EXP })).toBeNull();
    expect(outputProblem({ id: 'e', kind: 'export', experiment: { options: EXP.options } })).toBeNull();
    expect(outputProblem({ id: 'e', kind: 'export', experiment: { options: { ...EXP.options, backend: 'cuda' } } })?.code).toBe('export');
    expect(outputProblem({ id: 'e', kind: 'export', experiment: { options: { ...EXP.options, seed: Infinity } } })?.code).toBe('export');
    expect(outputProblem({ id: 'e', kind: 'export' })?.code).toBe('export');
  });
});
