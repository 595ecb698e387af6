// The Rosetta panel's snippets (issue 16 §6): under a training run, the same training loop as a
// student would write it in each world the app's backends stand for — numpy, joblib, Dask,
// C + OpenMP, PyCUDA — with the run's own options inlined. Short on purpose (the loop, not the
// plumbing): each one builds on a file of the export (mlp.py, mlp_omp.c, mlp_pycuda.py), which
// holds the seeded initialisation, the shuffle and the MNIST reader. Pure: page and Node.
import type { BackendName } from '../backends/types';
import { literal, type ExportOptions } from './experiment';

export type RosettaWorld = 'numpy' | 'joblib' | 'dask' | 'openmp' | 'pycuda';

export interface RosettaSnippet {
  readonly world: RosettaWorld;
  readonly language: 'python' | 'c'; // Monaco's language id, for highlighting
  readonly code: string;
}

/** The worlds in the panel's canonical order. */
export const ROSETTA_WORLDS: readonly RosettaWorld[] = ['numpy', 'joblib', 'dask', 'openmp', 'pycuda'];

/** Each backend's own world(s): they lead the tabs, and the first one is open. */
const HOME: Record<BackendName, readonly RosettaWorld[]> = {
  js: ['numpy'],
  workers: ['joblib', 'dask'],
  wasm: ['openmp'],
  webgpu: ['pycuda'],
};

/** The tabs for a run on `backend`: its own worlds first, then the others in the canonical order. */
export function rosettaOrder(backend: BackendName): RosettaWorld[] {
  const home = HOME[backend];
  return [...home, ...ROSETTA_WORLDS.filter((w) => !home.includes(w))];
}

/** Every snippet for these options, in the backend's tab order. */
export function rosettaSnippets(o: ExportOptions): RosettaSnippet[] {
  return rosettaOrder(o.backend).map((w) => rosettaSnippet(w, o));
}

export function rosettaSnippet(world: RosettaWorld, o: ExportOptions): RosettaSnippet {
  switch (world) {
    case 'numpy': return { world, language: 'python', code: numpySnippet(o) };
    case 'joblib': return { world, language: 'python', code: joblibSnippet(o) };
    case 'dask': return { world, language: 'python', code: daskSnippet(o) };
    case 'openmp': return { world, language: 'c', code: openmpSnippet(o) };
    case 'pycuda': return { world, language: 'python', code: pycudaSnippet(o) };
  }
}

/** The cell's options as Python assignments (the ones every Python snippet starts from). */
function pyOptions(o: ExportOptions, workers = false): string {
  return [
    ...(workers ? [`workers = ${o.workers}`] : []),
    `hidden_size = ${o.hiddenSize}`,
    `batch_size = ${o.batchSize}`,
    `learning_rate = ${literal(o.learningRate)}`,
    `epochs = ${o.epochs}`,
    `samples = ${o.samples}`,
    `seed = ${o.seed}`,
  ].join('\n');
}

const MLP_PY = 'mlp.py comes with "Export to Python / C" (the app\'s seeded init and shuffle, the MNIST reader).';

function numpySnippet(o: ExportOptions): string {
  return `# Python + numpy, one process, the whole batch at once (the app's js backend).
# ${MLP_PY}
import numpy as np

from mlp import epoch_permutation, init_params, load_mnist, param_views

${pyOptions(o)}

images, labels, _, _ = load_mnist("data")
X, y = images[:samples] / np.float32(255), labels[:samples]
params = init_params(seed, hidden_size)
W1, b1, W2, b2 = param_views(params, hidden_size)  # views into one flat float32 vector

for epoch in range(epochs):
    order = epoch_permutation(samples, seed, epoch)
    loss_sum = 0.0
    for start in range(0, samples, batch_size):
        idx = order[start:start + batch_size]
        x, t, B = X[idx], y[idx], len(idx)
        h = np.maximum(x @ W1.T + b1, 0)        # forward: (B, ${o.hiddenSize}), ReLU
        logits = h @ W2.T + b2                  # (B, 10)
        p = np.exp(logits - logits.max(axis=1, keepdims=True))
        p /= p.sum(axis=1, keepdims=True)       # softmax
        loss_sum += -np.log(p[np.arange(B), t]).sum()
        p[np.arange(B), t] -= 1                 # backward: d loss / d logits
        dlogits = p / B
        dh = (dlogits @ W2) * (h > 0)           # through the ReLU
        W2 -= learning_rate * (dlogits.T @ h)   # SGD, in place
        b2 -= learning_rate * dlogits.sum(axis=0)
        W1 -= learning_rate * (dh.T @ x)
        b1 -= learning_rate * dh.sum(axis=0)
    print(f"epoch {epoch + 1}: loss {loss_sum / samples:.4f}")
`;
}

const SHARD_IMPORTS = `from mlp import (epoch_permutation, gather_batch, init_params, load_mnist, reduce_gradients,
                 sgd_update, shard_gradients, shard_ranges)`;

function joblibSnippet(o: ExportOptions): string {
  return `# Data parallelism with joblib (the app's workers backend): every batch of ${o.batchSize} is split into
# ${o.workers} shards, one per process; each returns its shard's gradient (divided by the whole batch
# size), the parent adds them up and makes ONE update. ${MLP_PY}
from joblib import Parallel, delayed

${SHARD_IMPORTS}

${pyOptions(o, true)}

images, labels, _, _ = load_mnist("data")
params = init_params(seed, hidden_size)

with Parallel(n_jobs=${o.workers}) as parallel:  # the pool lives for the whole run
    for epoch in range(epochs):
        order = epoch_permutation(samples, seed, epoch)
        loss_sum = 0.0
        for start in range(0, samples, batch_size):
            idx = order[start:start + batch_size]
            B = len(idx)
            shards = [gather_batch(images, labels, idx[s:s + n]) for s, n in shard_ranges(B, workers) if n > 0]
            results = parallel(delayed(shard_gradients)(params, x, t, B, hidden_size) for x, t in shards)
            grads = reduce_gradients([g for g, _ in results])  # add the shards: an all-reduce
            sgd_update(params, grads, learning_rate)            # one update per batch
            loss_sum += sum(loss for _, loss in results)
        print(f"epoch {epoch + 1}: loss {loss_sum / samples:.4f}")
`;
}

function daskSnippet(o: ExportOptions): string {
  return `# Data parallelism with Dask (the app's workers backend, on a cluster): the images go to every
# worker ONCE; per batch only the parameters travel, and ${o.workers} tasks return a shard's gradient each.
# ${MLP_PY}
from dask.distributed import Client, LocalCluster

${SHARD_IMPORTS}

${pyOptions(o, true)}


def shard_task(params, data, idx, B):
    images, labels = data
    x, t = gather_batch(images, labels, idx)
    return shard_gradients(params, x, t, B, hidden_size)


if __name__ == "__main__":
    client = Client(LocalCluster(n_workers=${o.workers}, threads_per_worker=1))
    client.upload_file("mlp.py")
    images, labels, _, _ = load_mnist("data")
    data = client.scatter((images[:samples], labels[:samples]), broadcast=True)  # once
    params = init_params(seed, hidden_size)
    for epoch in range(epochs):
        order = epoch_permutation(samples, seed, epoch)
        loss_sum = 0.0
        for start in range(0, samples, batch_size):
            idx = order[start:start + batch_size]
            B = len(idx)
            p = client.scatter(params, broadcast=True)  # the model, once per batch
            futures = [client.submit(shard_task, p, data, idx[s:s + n], B, pure=False)
                       for s, n in shard_ranges(B, workers) if n > 0]
            results = client.gather(futures)  # in worker order
            sgd_update(params, reduce_gradients([g for g, _ in results]), learning_rate)
            loss_sum += sum(loss for _, loss in results)
        print(f"epoch {epoch + 1}: loss {loss_sum / samples:.4f}")
    client.close()
`;
}

/** Complete as a translation unit (gcc -fsyntax-only -fopenmp passes); the kernels it declares are the export's. */
function openmpSnippet(o: ExportOptions): string {
  return `// C + OpenMP (the app's wasm backend): the same kernels, each splitting its rows over the threads.
// The whole program is mlp_omp.c in "Export to Python / C": make && OMP_NUM_THREADS=${o.threads} ./mlp_omp
#include <omp.h>
#include <stdint.h>
#include <stdio.h>

#define HIDDEN_SIZE ${o.hiddenSize}
#define BATCH_SIZE ${o.batchSize}
#define LEARNING_RATE ${literal(o.learningRate)}
#define EPOCHS ${o.epochs}
#define SAMPLES ${o.samples}
#define SEED ${o.seed}u
#define THREADS ${o.threads}
enum { C = 784, H = HIDDEN_SIZE, V = 10, P = H * C + H + V * H + V };  // P: parameters

// out (B,OC) = inp (B,C) . weight (OC,C)^T + bias (OC); each thread takes a block of rows b
void matmul_forward(float *out, const float *inp, const float *weight, const float *bias, int B, int C, int OC) {
#pragma omp parallel for schedule(static)
  for (int b = 0; b < B; b++)
    for (int o = 0; o < OC; o++) {
      float sum = bias[o];
      for (int c = 0; c < C; c++) sum += inp[b * C + c] * weight[o * C + c];
      out[b * OC + o] = sum;
    }
}

// The other kernels (mlp.h and mlp_omp.c in the export), one parallel loop each
void relu_forward(float *out, const float *inp, int N);
void relu_backward(float *dinp, const float *dout, const float *out, int N);
void matmul_backward(float *dinp, float *dweight, float *dbias, const float *dout, const float *inp,
                     const float *weight, int B, int C, int OC);
void softmax_xent(float *probs, float *losses, float *dlogits, const float *logits, const uint8_t *targets,
                  int B, int V, int norm);
void sgd_update(float *params, const float *grads, double lr, int N);
void gather_batch(float *x, uint8_t *targets, const uint8_t *images, const uint8_t *labels,
                  const uint32_t *indices, int start, int B, int C);
void init_params(float *params, int H, uint32_t seed);
void epoch_permutation(uint32_t *order, int n, uint32_t seed, int epoch);

static float params[P], grads[P], x[BATCH_SIZE * C], h[BATCH_SIZE * H], dh[BATCH_SIZE * H];
static float logits[BATCH_SIZE * V], probs[BATCH_SIZE * V], dlogits[BATCH_SIZE * V], losses[BATCH_SIZE];
static uint8_t targets[BATCH_SIZE];
static uint32_t order[SAMPLES];

void train(const uint8_t *images, const uint8_t *labels) {
  float *w1 = params, *b1 = w1 + H * C, *w2 = b1 + H, *b2 = w2 + V * H;
  float *gw1 = grads, *gb1 = gw1 + H * C, *gw2 = gb1 + H, *gb2 = gw2 + V * H;
  omp_set_num_threads(THREADS);  // the same as OMP_NUM_THREADS=${o.threads}
  init_params(params, H, SEED);
  for (int epoch = 0; epoch < EPOCHS; epoch++) {
    epoch_permutation(order, SAMPLES, SEED, epoch);
    double t0 = omp_get_wtime();
    for (int start = 0; start < SAMPLES; start += BATCH_SIZE) {
      int B = SAMPLES - start < BATCH_SIZE ? SAMPLES - start : BATCH_SIZE;
      gather_batch(x, targets, images, labels, order, start, B, C);
      matmul_forward(h, x, w1, b1, B, C, H);  // forward
      relu_forward(h, h, B * H);
      matmul_forward(logits, h, w2, b2, B, H, V);
      softmax_xent(probs, losses, dlogits, logits, targets, B, V, B);
      matmul_backward(dh, gw2, gb2, dlogits, h, w2, B, H, V);  // backward
      relu_backward(dh, dh, h, B * H);
      matmul_backward(0, gw1, gb1, dh, x, w1, B, C, H);
      sgd_update(params, grads, LEARNING_RATE, P);  // SGD
    }
    printf("epoch %d: %.0f ms on %d threads\\n", epoch + 1, (omp_get_wtime() - t0) * 1000, omp_get_max_threads());
  }
}
`;
}

function pycudaSnippet(o: ExportOptions): string {
  return `# PyCUDA (the app's webgpu backend): data and parameters stay on the GPU; per batch one kernel
# launch per step, WG = 64 threads per block. ${MLP_PY}
# mlp_pycuda.py (same export) holds KERNELS, the CUDA twins of the app's WGSL kernels.
import numpy as np
import pycuda.autoinit  # noqa: F401  (the CUDA context)
import pycuda.driver as cuda
from pycuda.compiler import SourceModule

from mlp import epoch_permutation, init_params, load_mnist, param_layout
from mlp_pycuda import KERNELS, WG, blocks

${pyOptions(o)}

k = SourceModule(KERNELS)
gather, fwd_relu, fwd, xent, bwd_relu, bwd_w, sgd = (k.get_function(n) for n in (
    "gather_batch", "matmul_forward_relu", "matmul_forward", "softmax_xent",
    "matmul_backward_input_relu", "matmul_backward_weight", "sgd_update"))
C, H, V, L, u32, blk = 784, hidden_size, 10, param_layout(hidden_size), np.uint32, (WG, 1, 1)
images, labels, _, _ = load_mnist("data")
d_images, d_labels = cuda.to_device(images[:samples].copy()), cuda.to_device(labels[:samples].copy())  # H2D once
d_params, d_grads = cuda.to_device(init_params(seed, hidden_size)), cuda.mem_alloc(4 * L["total"])
d_x, d_t, d_order = cuda.mem_alloc(4 * batch_size * C), cuda.mem_alloc(4 * batch_size), cuda.mem_alloc(4 * samples)
d_h, d_dh = cuda.mem_alloc(4 * batch_size * H), cuda.mem_alloc(4 * batch_size * H)
d_logits, d_dlogits = cuda.mem_alloc(4 * batch_size * V), cuda.mem_alloc(4 * batch_size * V)
steps = (samples + batch_size - 1) // batch_size
d_losses = cuda.mem_alloc(4 * steps)

for epoch in range(epochs):
    cuda.memcpy_htod(d_order, epoch_permutation(samples, seed, epoch).astype(np.uint32))
    for i in range(steps):
        s = i * batch_size
        B = min(batch_size, samples - s)
        gather(d_images, d_labels, d_order, u32(s), u32(B), u32(C), d_x, d_t, block=blk, grid=blocks(B * C))
        fwd_relu(d_x, d_params, d_h, u32(B), u32(C), u32(H), u32(L["w1"]), u32(L["b1"]), block=blk, grid=blocks(B * H))
        fwd(d_h, d_params, d_logits, u32(B), u32(H), u32(V), u32(L["w2"]), u32(L["b2"]), block=blk, grid=blocks(B * V))
        xent(d_logits, d_t, d_dlogits, d_losses, u32(i), u32(B), u32(V), block=blk, grid=(1, 1, 1))
        bwd_relu(d_dlogits, d_h, d_params, d_dh, u32(B), u32(H), u32(V), u32(L["w2"]), block=blk, grid=blocks(B * H))
        bwd_w(d_dlogits, d_h, d_grads, u32(B), u32(H), u32(V), u32(L["w2"]), u32(L["b2"]), block=blk, grid=blocks(V * H))
        bwd_w(d_dh, d_x, d_grads, u32(B), u32(C), u32(H), u32(L["w1"]), u32(L["b1"]), block=blk, grid=blocks(H * C))
        sgd(d_grads, d_params, np.float32(learning_rate), u32(L["total"]), block=blk, grid=blocks(L["total"]))
    losses = cuda.from_device(d_losses, (steps,), np.float32)  # D2H: one copy per epoch
    print(f"epoch {epoch + 1}: loss {losses.sum() / samples:.4f}")
`;
}
