// The bench's `peak` rows: how fast this machine runs the project's own micro-kernels when memory
// is no limit. Each pool thread multiplies small matrices of its own that stay in L1 cache, over
// and over, with exactly the kernels training uses (kernels_simd.h, or kernels_scalar.h in the
// scalar build); the team's FLOP rate is total multiply-adds × 2 over the wall time. An epoch's
// FLOP divided by this rate is the floor a training epoch is measured against.
#include <emscripten.h>

#include <stdlib.h>

#include "mlp.h"
#include "pool.h"
#include "rows.h"

#ifdef __wasm_simd128__
#include "kernels_simd.h"
#else
#include "kernels_scalar.h"
#endif

// bcast (dW1 = doutᵀ·x, layer 2's dinp): out (16,64) = A (16,64) · B (64,64), 24 kB
#define BC_M 16
#define BC_N 64
#define BC_K 64
// nt (the forward passes): out (16,32) = A (16,128) · W (32,128)ᵀ + bias, 26 kB
#define NT_M 16
#define NT_N 32
#define NT_K 128
// panel (the first layer in training, SIMD builds): dW1-shaped out (16,64) = Aᵀ·B with A as panels
// of 4 (16 rows × 64) and B as panels of 8 (64 × 64): the same 4×8 tile as bcast, every operand
// read contiguously
#define PANEL_M 16
#define PANEL_N 64
#define PANEL_K 64
// panel forward (the first layer's forward in training, SIMD builds): out (16,32) = bias + A (16,128)
// · B (128,32), A as panels of 8 of Aᵀ and B as panels of 8, with panel_forward_rows's loop (two
// steps per turn), which runs faster than the dW1 loop above: 16 kB of B and 8 kB of A
#define FWD_M 16
#define FWD_N 32
#define FWD_K 128
#define PIECES_PER_THREAD 4

typedef struct {
  float a[NT_M * NT_K], w[NT_N * NT_K], b[BC_K * BC_N], out[BC_M * BC_N], bias[NT_N];
} __attribute__((aligned(64))) peak_buf;

static peak_buf bufs[POOL_MAX_THREADS];

typedef struct {
  int kernel, calls;  // kernel 0: bcast 4×8, 1: nt 2×4, SIMD builds: 2 panel dW1, 3 panel forward; calls per piece
} peak_ctx;

static void peak_body(void *p, int lo, int hi) {
  const peak_ctx *c = p;
  peak_buf *b = &bufs[pool_thread_id()];
  for (int piece = lo; piece < hi; piece++) {
    for (int i = 0; i < c->calls; i++) {
      if (c->kernel == 0) bcast_rows(b->out, b->a, BC_K, 1, b->b, BC_N, BC_K, 0, BC_M);
      else if (c->kernel == 1) nt_rows(b->out, b->a, b->w, b->bias, NT_N, NT_K, 0, NT_M);
#ifdef __wasm_simd128__
      else if (c->kernel == 2) panel_tn_rows(b->out, b->a, b->b, PANEL_K * 8, PANEL_N, PANEL_K, 0, PANEL_M, 0);
      else panel_forward_rows(b->out, b->a, FWD_M * 8, b->b, b->bias, FWD_N, FWD_K, 0, 0, FWD_M);
#endif
      __asm__ volatile("" ::: "memory");  // each call really runs: the same output, recomputed
    }
  }
}

#ifdef __wasm_simd128__
// Kernel 4, the ceiling: the first layer's two kernels alone, at training's shapes and in training's
// two regions per batch (train.c train_step): region 1 = the forward product (panel_forward, bias
// and ReLU included) on row blocks of 4, region 2 = dW1 applied to W1 and its packed copy as each
// tile is summed (panel_update_weight) on blocks of 8 of W1's rows. Gather, the second layer,
// softmax, packing dh and the biases are left out, so an epoch cannot train faster than this.
// The buffers are made for the call and freed after it; lr is 0, so every call sees the same values.
#define L1_B 128
#define L1_C 784
#define L1_H 128
typedef struct {
  float *xp, *w1p, *w1, *b1, *h, *dhp;
} layer1_buf;

// training's entry points (matmul.c), on training's blocks (rows.h ROW_BLOCK, W1_BLOCK)
static void layer1_forward(void *p, int lo, int hi) {
  const layer1_buf *b = p;
  panel_forward(b->h, b->xp, L1_B, b->w1p, b->b1, L1_C, L1_H, 1, lo * ROW_BLOCK, hi * ROW_BLOCK < L1_B ? hi * ROW_BLOCK : L1_B);
}

static void layer1_update(void *p, int lo, int hi) {
  const layer1_buf *b = p;
  panel_update_weight(b->w1, b->w1p, b->dhp, b->xp, L1_B, L1_C, lo * W1_BLOCK, hi * W1_BLOCK < L1_H ? hi * W1_BLOCK : L1_H, 0);
}

// `batches` batches; returns the team's GFLOP/s over the wall time, or -1 when the heap is full
static double layer1_rate(int batches) {
  const long nx = (long)L1_C / 8 * x8_stride(L1_B), nw = (long)L1_H * L1_C, nh = (long)L1_B * L1_H;
  layer1_buf b = {aligned_alloc(64, 4 * nx), aligned_alloc(64, 4 * nw), aligned_alloc(64, 4 * nw),
                  aligned_alloc(64, 4 * L1_H), aligned_alloc(64, 4 * nh), aligned_alloc(64, 4 * nh)};
  double rate = -1;
  if (b.xp && b.w1p && b.w1 && b.b1 && b.h && b.dhp) {  // pixels in [0, 1], small weights and errors
    for (long i = 0; i < nx; i++) b.xp[i] = (float)(i * 5 % 11) / 10;
    for (long i = 0; i < nw; i++) b.w1p[i] = b.w1[i] = (float)((i * 7 % 13) - 6) / 64;
    for (long i = 0; i < nh; i++) b.dhp[i] = (float)((i * 3 % 7) - 3) / 256;
    for (int i = 0; i < L1_H; i++) b.b1[i] = 0.01f;
    double t0 = emscripten_get_now();
    for (int i = 0; i < batches; i++) {
      parallel_for(0, L1_B / ROW_BLOCK, layer1_forward, &b);
      parallel_for(0, L1_H / W1_BLOCK, layer1_update, &b);
    }
    double ms = emscripten_get_now() - t0;
    rate = 2.0 * 2 * L1_B * L1_C * L1_H * batches / (ms * 1e6);
  }
  free(b.xp), free(b.w1p), free(b.w1), free(b.b1), free(b.h), free(b.dhp);
  return rate;
}
#endif

static double flop_per_call(int kernel) {
  return 2.0 * (kernel == 0 ? BC_M * BC_N * BC_K : kernel == 1 ? NT_M * NT_N * NT_K
                : kernel == 2 ? PANEL_M * PANEL_N * PANEL_K : FWD_M * FWD_N * FWD_K);
}

#ifdef __wasm_simd128__
#define KERNELS 4
#else
#define KERNELS 2
#endif

// About `calls` calls of micro-kernel `kernel` (0: bcast 4×8, 1: nt 2×4; SIMD builds: 2 panel 4×8
// dW1, 3 panel 4×8 forward), spread over the pool's threads; returns the team's rate in GFLOP/s
// (wall time, emscripten_get_now), or -1 for a kernel this build does not have. Kernel 4 (SIMD
// builds) is the ceiling above: `calls` batches of the first layer's two kernels alone, not a peak.
EMSCRIPTEN_KEEPALIVE double mlp_peak(int kernel, int calls) {
#ifdef __wasm_simd128__
  if (kernel == KERNELS && calls >= 1) return layer1_rate(calls);
#endif
  if (kernel < 0 || kernel >= KERNELS || calls < 1) return -1;
  static int ready = 0;
  if (!ready) {  // values of order 1 (no subnormals, no overflow however often the product is taken)
    for (int t = 0; t < POOL_MAX_THREADS; t++) {
      peak_buf *b = &bufs[t];
      for (int i = 0; i < NT_M * NT_K; i++) b->a[i] = (float)((i * 7 % 13) - 6) / 8;
      for (int i = 0; i < NT_N * NT_K; i++) b->w[i] = (float)((i * 5 % 11) - 5) / 16;
      for (int i = 0; i < BC_K * BC_N; i++) b->b[i] = (float)((i * 3 % 7) - 3) / 16;
      for (int i = 0; i < NT_N; i++) b->bias[i] = 0.5f;
    }
    ready = 1;
  }
  int pieces = pool_threads() * PIECES_PER_THREAD;
  peak_ctx c = {kernel, (calls + pieces - 1) / pieces};
  double t0 = emscripten_get_now();
  parallel_for(0, pieces, peak_body, &c);
  double ms = emscripten_get_now() - t0;
  return flop_per_call(kernel) * c.calls * pieces / (ms * 1e6);
}
