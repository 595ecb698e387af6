// The Rosetta snippets: the run's options appear in each world's code, a changed knob changes the
// code, the tabs follow the backend, every Python snippet parses as Python and the C one compiles
// (syntax only) with OpenMP, declaring the export's kernels with mlp.h's exact prototypes.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { BackendName } from '../backends/types';
import { C_KERNEL_FILES } from './c';
import type { ExportOptions } from './experiment';
import { exportFiles } from './index';
import { ROSETTA_WORLDS, rosettaOrder, rosettaSnippet, rosettaSnippets, type RosettaWorld } from './rosetta';

const OPTIONS: ExportOptions = {
  backend: 'workers', workers: 3, threads: 4, batchSize: 64, learningRate: 0.05, epochs: 2, samples: 5000, seed: 9, hiddenSize: 32,
};
const PYTHON = '/usr/bin/python3';
const hasPython = existsSync(PYTHON);
const hasGcc = spawnSync('gcc', ['-fopenmp', '-fsyntax-only', '-x', 'c', '-'], { input: '#include <omp.h>\n', encoding: 'utf8' }).status === 0;

const code = (w: RosettaWorld, o: ExportOptions = OPTIONS) => rosettaSnippet(w, o).code;

describe('Rosetta snippets', () => {
  it('opens on the backend\'s own world, and lists every world once', () => {
    const expected: Record<BackendName, RosettaWorld[]> = {
      js: ['numpy', 'joblib', 'dask', 'openmp', 'pycuda'],
      workers: ['joblib', 'dask', 'numpy', 'openmp', 'pycuda'],
      wasm: ['openmp', 'numpy', 'joblib', 'dask', 'pycuda'],
      webgpu: ['pycuda', 'numpy', 'joblib', 'dask', 'openmp'],
    };
    for (const [backend, order] of Object.entries(expected)) expect(rosettaOrder(backend as BackendName)).toEqual(order);
    expect(rosettaSnippets({ ...OPTIONS, backend: 'wasm' }).map((s) => s.world)).toEqual(expected.wasm);
  });

  it('inlines the run\'s options in every world', () => {
    for (const w of ['numpy', 'joblib', 'dask', 'pycuda'] as const) {
      for (const line of ['hidden_size = 32', 'batch_size = 64', 'learning_rate = 0.05', 'epochs = 2', 'samples = 5000', 'seed = 9']) {
        expect(code(w), `${w}: ${line}`).toContain(line);
      }
    }
    expect(code('joblib')).toContain('Parallel(n_jobs=3)');
    expect(code('joblib')).toContain('workers = 3');
    expect(code('dask')).toContain('LocalCluster(n_workers=3, threads_per_worker=1)');
    const c = code('openmp');
    for (const line of ['#define HIDDEN_SIZE 32', '#define BATCH_SIZE 64', '#define LEARNING_RATE 0.05', '#define EPOCHS 2', '#define SAMPLES 5000', '#define SEED 9u', '#define THREADS 4', 'OMP_NUM_THREADS=4']) {
      expect(c).toContain(line);
    }
    expect(c).toContain('#pragma omp parallel for');
  });

  it('changes when a knob changes, and only where that knob appears', () => {
    const changed = { ...OPTIONS, batchSize: 128, workers: 2 };
    for (const w of ROSETTA_WORLDS) expect(code(w, changed), w).not.toBe(code(w));
    expect(code('joblib', changed)).toContain('Parallel(n_jobs=2)');
    expect(code('joblib', changed)).not.toContain('Parallel(n_jobs=3)');
    expect(code('openmp', changed)).toContain('#define BATCH_SIZE 128');
    // threads is the C world's knob: the Python worlds do not move with it
    const threads = { ...OPTIONS, threads: 1 };
    expect(code('openmp', threads)).toContain('OMP_NUM_THREADS=1');
    expect(code('numpy', threads)).toBe(code('numpy'));
  });

  it('stays a short snippet (the loop a student would write), not the whole export', () => {
    for (const s of rosettaSnippets(OPTIONS)) {
      const lines = s.code.trimEnd().split('\n').length;
      expect(lines, s.world).toBeGreaterThanOrEqual(15);
      expect(lines, s.world).toBeLessThanOrEqual(70);
    }
  });

  it('imports only names the export\'s mlp.py and mlp_pycuda.py define', () => {
    const files = exportFiles({ options: OPTIONS });
    const defined = (file: string) => new Set([...files[file].matchAll(/^(?:def (\w+)|(\w+) = )/gm)].map((m) => m[1] ?? m[2]));
    const mlp = defined('mlp.py');
    const cuda = defined('mlp_pycuda.py');
    for (const s of rosettaSnippets(OPTIONS).filter((x) => x.language === 'python')) {
      const imports = [...s.code.matchAll(/^from (mlp|mlp_pycuda) import (?:\(([^)]*)\)|(.*))$/gm)];
      expect(imports.length, s.world).toBeGreaterThan(0);
      for (const m of imports) {
        for (const name of (m[2] ?? m[3]).split(',').map((n) => n.trim()).filter(Boolean)) {
          expect((m[1] === 'mlp' ? mlp : cuda).has(name), `${s.world}: ${m[1]}.${name}`).toBe(true);
        }
      }
    }
  });

  it('declares the kernels with mlp.h\'s own prototypes', () => {
    const flat = (s: string) => s.replace(/\s+/g, ' ');
    const header = flat(C_KERNEL_FILES['mlp.h']);
    const c = code('openmp');
    for (const name of ['relu_forward', 'relu_backward', 'matmul_backward', 'softmax_xent', 'sgd_update', 'gather_batch']) {
      const proto = c.match(new RegExp(`^void ${name}\\([^;]*\\);`, 'm'));
      expect(proto, name).not.toBeNull();
      expect(header, name).toContain(flat(proto![0]));
    }
  });

  it.skipIf(!hasPython)('every Python snippet parses as Python', () => {
    for (const backend of ['js', 'workers', 'wasm', 'webgpu'] as const) {
      for (const s of rosettaSnippets({ ...OPTIONS, backend, learningRate: 1e-7 }).filter((x) => x.language === 'python')) {
        const r = spawnSync(PYTHON, ['-c', 'import ast,sys; ast.parse(sys.stdin.read())'], { input: s.code, encoding: 'utf8' });
        expect(r.status, `${s.world}:\n${r.stderr}`).toBe(0);
      }
    }
  });

  it.skipIf(!hasGcc)('the C snippet is a complete unit: gcc -fsyntax-only -fopenmp -Wall -Werror', () => {
    for (const o of [OPTIONS, { ...OPTIONS, learningRate: 1e-7, hiddenSize: 128, batchSize: 1 }]) {
      const r = spawnSync('gcc', ['-fsyntax-only', '-fopenmp', '-Wall', '-Werror', '-std=c11', '-x', 'c', '-'], { input: code('openmp', o), encoding: 'utf8' });
      expect(r.status, r.stderr).toBe(0);
    }
  });

  // numpy is the one world that runs anywhere: train a few batches with the export's mlp.py and MNIST
  it.skipIf(!hasPython || spawnSync(PYTHON, ['-c', 'import numpy']).status !== 0)('the numpy snippet runs with the export\'s mlp.py and learns', () => {
    const o: ExportOptions = { ...OPTIONS, backend: 'js', samples: 512, epochs: 2, hiddenSize: 32, learningRate: 0.1 };
    const dir = mkdtempSync(join(tmpdir(), 'rosetta-'));
    try {
      writeFileSync(join(dir, 'mlp.py'), exportFiles({ options: o })['mlp.py']);
      const snippet = code('numpy', o).replace('load_mnist("data")', `load_mnist(${JSON.stringify(join(process.cwd(), 'public', 'mnist'))})`);
      writeFileSync(join(dir, 'snippet.py'), snippet);
      const r = spawnSync(PYTHON, ['snippet.py'], { cwd: dir, encoding: 'utf8', timeout: 60_000 });
      expect(r.status, r.stderr).toBe(0);
      const losses = [...r.stdout.matchAll(/epoch \d: loss (\d+\.\d+)/g)].map((m) => Number(m[1]));
      expect(losses).toHaveLength(2);
      expect(losses[1]).toBeLessThan(losses[0]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
