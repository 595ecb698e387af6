// The C + OpenMP files of an export: the wasm build's own kernels (wasm/*.c, verbatim), a pool.h
// that maps the pool's parallel_for onto `#pragma omp parallel for`, a main program and a Makefile.
import elementwiseC from '../../wasm/elementwise.c?raw';
import gatherC from '../../wasm/gather.c?raw';
import kernelsScalarH from '../../wasm/kernels_scalar.h?raw';
import matmulC from '../../wasm/matmul.c?raw';
import mlpH from '../../wasm/mlp.h?raw';
import rowsH from '../../wasm/rows.h?raw';
import softmaxC from '../../wasm/softmax.c?raw';
import { literal, type ExportExperiment } from './experiment';

/** The kernels, copied from the app's wasm/ folder unchanged (the SIMD header is for WebAssembly only). */
export const C_KERNEL_FILES: Readonly<Record<string, string>> = {
  'mlp.h': mlpH,
  'rows.h': rowsH,
  'kernels_scalar.h': kernelsScalarH,
  'matmul.c': matmulC,
  'elementwise.c': elementwiseC,
  'softmax.c': softmaxC,
  'gather.c': gatherC,
};

export const POOL_H = `// pool.h for a native build: the app's WebAssembly thread pool (wasm/pool.c) replaced by OpenMP.
// parallel_for(begin, end, fn, ctx) hands fn contiguous pieces [lo, hi) of the range, one per thread,
// which is exactly what \`#pragma omp parallel for schedule(static)\` does with a loop; threads come
// from OMP_NUM_THREADS. No sum is ever split between threads, so every thread count gives the same bits.
#ifndef PARALELO_POOL_H
#define PARALELO_POOL_H

#include <omp.h>

typedef void (*range_fn)(void *ctx, int lo, int hi);

// OpenMP's \`if\` clause: a loop with less work than this runs on the calling thread alone.
#define PARALLEL_MIN_WORK (1 << 16)  // multiply-adds, or elements of an element-wise loop

static inline void parallel_for_if(long work, int begin, int end, range_fn fn, void *ctx) {
  const int threads = omp_get_max_threads();
  const long n = end - begin;
#pragma omp parallel for schedule(static) if (work >= PARALLEL_MIN_WORK && threads > 1)
  for (int t = 0; t < threads; t++) {
    int lo = begin + (int)(n * t / threads), hi = begin + (int)(n * (t + 1) / threads);
    if (lo < hi) fn(ctx, lo, hi);
  }
}

static inline void parallel_for(int begin, int end, range_fn fn, void *ctx) {
  parallel_for_if(PARALLEL_MIN_WORK, begin, end, fn, ctx);
}

#endif
`;

export function mlpOmpC(e: ExportExperiment): string {
  const o = e.options;
  return `// The MLP of Paralelo in C + OpenMP: 784 -> H (ReLU) -> 10, minibatch SGD, the same kernels as the
// app's WebAssembly build (mlp.h, matmul.c, ...; copied unchanged from wasm/), with the thread pool's
// parallel_for mapped onto \`#pragma omp parallel for\` (pool.h). Same seeded initialisation and the
// same shuffle per epoch as the browser (src/mlp/random.ts), so the same seed gives the same numbers.
//   make && OMP_NUM_THREADS=2 ./mlp_omp --data data [--save params.f32]
#include <math.h>
#include <omp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mlp.h"

// The experiment as it ran in the browser (backend: ${o.backend})
static int HIDDEN_SIZE = ${o.hiddenSize};
static int BATCH_SIZE = ${o.batchSize};
static double LEARNING_RATE = ${literal(o.learningRate)};
static int EPOCHS = ${o.epochs};
static int SAMPLES = ${o.samples};
static uint32_t SEED = ${o.seed}u;

enum { C = 784, V = 10 };

// ---- seeded randomness: src/mlp/random.ts, bit for bit ----

typedef struct { uint32_t a; int has_spare; double spare; } rng_t;

static double mulberry32(rng_t *r) {  // floats in [0, 1)
  uint32_t t = r->a += 0x6D2B79F5u;
  t = (t ^ (t >> 15)) * (t | 1u);
  t ^= t + (t ^ (t >> 7)) * (t | 61u);
  return (double)(t ^ (t >> 14)) / 4294967296.0;
}

static double gaussian(rng_t *r) {  // Box-Muller; the second value of a pair waits for the next call
  if (r->has_spare) { r->has_spare = 0; return r->spare; }
  double u = 0;
  while (u == 0) u = mulberry32(r);
  double v = mulberry32(r), radius = sqrt(-2 * log(u));
  r->spare = radius * sin(2 * M_PI * v), r->has_spare = 1;
  return radius * cos(2 * M_PI * v);
}

static void epoch_permutation(uint32_t *order, int n, uint32_t seed, int epoch) {
  rng_t r = {seed ^ ((uint32_t)(epoch + 1) * 0x9E3779B1u), 0, 0};
  for (int i = 0; i < n; i++) order[i] = i;
  for (int i = n - 1; i > 0; i--) {
    int j = (int)floor(mulberry32(&r) * (i + 1));
    uint32_t t = order[i]; order[i] = order[j]; order[j] = t;
  }
}

// He initialisation for W1 and W2, zero biases (src/mlp/init.ts)
static void init_params(float *params, int H, uint32_t seed) {
  rng_t r = {seed, 0, 0};
  memset(params, 0, sizeof(float) * ((size_t)H * C + H + V * H + V));
  double std1 = sqrt(2.0 / C), std2 = sqrt(2.0 / H);
  float *w1 = params, *w2 = params + H * C + H;
  for (int i = 0; i < H * C; i++) w1[i] = (float)(gaussian(&r) * std1);
  for (int i = 0; i < V * H; i++) w2[i] = (float)(gaussian(&r) * std2);
}

// ---- MNIST IDX files (uncompressed: \`make data\` unzips them) ----

static uint8_t *read_idx(const char *dir, const char *name, int *count) {
  char path[4096];
  snprintf(path, sizeof path, "%s/%s", dir, name);
  FILE *f = fopen(path, "rb");
  if (!f) { fprintf(stderr, "cannot open %s (run \`make data\` to unzip the .gz files)\\n", path); exit(1); }
  uint8_t head[4];
  if (fread(head, 1, 4, f) != 4) exit(1);
  int dims = head[3];
  long items = 1;
  for (int d = 0; d < dims; d++) {
    uint8_t b[4];
    if (fread(b, 1, 4, f) != 4) exit(1);
    int size = b[0] << 24 | b[1] << 16 | b[2] << 8 | b[3];
    if (d == 0) *count = size; else items *= size;
  }
  uint8_t *data = malloc((size_t)*count * items);
  if (fread(data, 1, (size_t)*count * items, f) != (size_t)*count * items) { fprintf(stderr, "%s: short file\\n", path); exit(1); }
  fclose(f);
  return data;
}

// ---- training and evaluation, as wasm/train.c does them ----

typedef struct { float *x, *h, *logits, *probs, *losses, *dlogits, *dh; uint8_t *targets; } scratch_t;

static scratch_t scratch(int B, int H) {
  scratch_t s = {malloc(sizeof(float) * B * C), malloc(sizeof(float) * B * H), malloc(sizeof(float) * B * V),
                 malloc(sizeof(float) * B * V), malloc(sizeof(float) * B), malloc(sizeof(float) * B * V),
                 malloc(sizeof(float) * B * H), malloc(B)};
  return s;
}

// One SGD step on the batch in s.x / s.targets (B rows); returns the sum of its B losses.
static double train_step(scratch_t *s, float *params, float *grads, int B, int H, double lr) {
  const int P = H * C + H + V * H + V;
  float *w1 = params, *b1 = w1 + H * C, *w2 = b1 + H, *b2 = w2 + V * H;
  float *gw1 = grads, *gb1 = gw1 + H * C, *gw2 = gb1 + H, *gb2 = gw2 + V * H;
  matmul_forward(s->h, s->x, w1, b1, B, C, H);
  relu_forward(s->h, s->h, B * H);
  matmul_forward(s->logits, s->h, w2, b2, B, H, V);
  softmax_xent(s->probs, s->losses, s->dlogits, s->logits, s->targets, B, V, B);
  matmul_backward(s->dh, gw2, gb2, s->dlogits, s->h, w2, B, H, V);
  relu_backward(s->dh, s->dh, s->h, B * H);
  matmul_backward(0, gw1, gb1, s->dh, s->x, w1, B, C, H);
  sgd_update(params, grads, lr, P);
  double loss = 0;
  for (int b = 0; b < B; b++) loss += s->losses[b];
  return loss;
}

// Test accuracy: forward pass in chunks, the prediction is the first of equal maximal probabilities.
static double evaluate(const float *params, int H, const uint8_t *images, const uint8_t *labels, int n) {
  enum { CHUNK = 1000 };
  scratch_t s = scratch(CHUNK, H);
  uint32_t *index = malloc(sizeof(uint32_t) * n);
  for (int i = 0; i < n; i++) index[i] = i;
  const float *w1 = params, *b1 = w1 + H * C, *w2 = b1 + H, *b2 = w2 + V * H;
  int correct = 0;
  for (int start = 0; start < n; start += CHUNK) {
    int B = n - start < CHUNK ? n - start : CHUNK;
    gather_batch(s.x, s.targets, images, labels, index, start, B, C);
    matmul_forward(s.h, s.x, w1, b1, B, C, H);
    relu_forward(s.h, s.h, B * H);
    matmul_forward(s.logits, s.h, w2, b2, B, H, V);
    softmax_xent(s.probs, s.losses, s.dlogits, s.logits, s.targets, B, V, B);
    for (int b = 0; b < B; b++) {
      int best = 0;
      for (int v = 1; v < V; v++) best = s.probs[b * V + v] > s.probs[b * V + best] ? v : best;
      correct += best == s.targets[b];
    }
  }
  free(index);
  return (double)correct / n;
}

int main(int argc, char **argv) {
  const char *data = "data", *save = 0;
  for (int i = 1; i + 1 < argc; i += 2) {
    if (!strcmp(argv[i], "--data")) data = argv[i + 1];
    else if (!strcmp(argv[i], "--save")) save = argv[i + 1];
    else if (!strcmp(argv[i], "--samples")) SAMPLES = atoi(argv[i + 1]);
    else if (!strcmp(argv[i], "--epochs")) EPOCHS = atoi(argv[i + 1]);
    else if (!strcmp(argv[i], "--batch-size")) BATCH_SIZE = atoi(argv[i + 1]);
    else if (!strcmp(argv[i], "--learning-rate")) LEARNING_RATE = atof(argv[i + 1]);
    else if (!strcmp(argv[i], "--seed")) SEED = (uint32_t)strtoul(argv[i + 1], 0, 10);
    else { fprintf(stderr, "unknown option %s\\n", argv[i]); return 2; }
  }
  int n_train, n_labels, n_test, n_test_labels;
  uint8_t *images = read_idx(data, "train-images-idx3-ubyte", &n_train);
  uint8_t *labels = read_idx(data, "train-labels-idx1-ubyte", &n_labels);
  uint8_t *test_images = read_idx(data, "t10k-images-idx3-ubyte", &n_test);
  uint8_t *test_labels = read_idx(data, "t10k-labels-idx1-ubyte", &n_test_labels);
  const int H = HIDDEN_SIZE, P = H * C + H + V * H + V;
  const int n = SAMPLES < n_train ? SAMPLES : n_train;
  float *params = malloc(sizeof(float) * P), *grads = malloc(sizeof(float) * P);
  init_params(params, H, SEED);
  scratch_t s = scratch(BATCH_SIZE, H);
  uint32_t *order = malloc(sizeof(uint32_t) * n);
  printf("C + OpenMP, %d threads: %d images, batch %d, lr %g, seed %u, hidden %d\\n",
         omp_get_max_threads(), n, BATCH_SIZE, LEARNING_RATE, SEED, H);
  for (int epoch = 0; epoch < EPOCHS; epoch++) {
    epoch_permutation(order, n, SEED, epoch);
    double t0 = omp_get_wtime(), loss = 0;
    for (int start = 0; start < n; start += BATCH_SIZE) {
      int B = n - start < BATCH_SIZE ? n - start : BATCH_SIZE;
      gather_batch(s.x, s.targets, images, labels, order, start, B, C);
      loss += train_step(&s, params, grads, B, H, LEARNING_RATE);
    }
    double ms = (omp_get_wtime() - t0) * 1000;
    printf("epoch %d: loss %.4f, %.0f ms/epoch, %.0f samples/s\\n", epoch + 1, loss / n, ms, n / ms * 1000);
  }
  printf("test accuracy %.2f%%\\n", 100 * evaluate(params, H, test_images, test_labels, n_test));
  if (save) {
    FILE *f = fopen(save, "wb");  // little-endian float32 on x86 and ARM, the app's layout
    if (!f || fwrite(params, sizeof(float), P, f) != (size_t)P) { fprintf(stderr, "cannot write %s\\n", save); return 1; }
    fclose(f);
    printf("parameters written to %s\\n", save);
  }
  return 0;
}
`;
}

export const MAKEFILE = `# C + OpenMP build of the exported MLP.   make && OMP_NUM_THREADS=2 ./mlp_omp --data data
CC ?= gcc
CFLAGS ?= -O3 -march=native -fopenmp -std=gnu11
SOURCES = mlp_omp.c matmul.c elementwise.c softmax.c gather.c

mlp_omp: $(SOURCES) mlp.h rows.h pool.h kernels_scalar.h
\t$(CC) $(CFLAGS) -o $@ $(SOURCES) -lm

# unzip the MNIST files next to their .gz (the C reader takes plain IDX files)
data:
\tgunzip -kf data/*.gz

clean:
\trm -f mlp_omp

.PHONY: data clean
`;
