// The model that lives in the WASM heap and the functions JavaScript calls. The training set is
// copied in once, as bytes; the whole epoch loop runs here, a chunk of batches per call, so the
// JavaScript side crosses into C once per chunk, never per sample.
#include <emscripten.h>
#include <emscripten/heap.h>
#include <malloc.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "mlp.h"
#include "pool.h"
#include "rows.h"

// Scratch rows start on a cache line, so two threads never write to the same line.
#define ALIGN 64

typedef struct {
  int C, H, V, P;  // sizes: input, hidden, classes; P = parameter count
  float *params, *grads;  // flat: W1 [H][C], b1 [H], W2 [V][H], b2 [V]
  int cap_batch;
  float *x, *h, *logits, *probs, *losses, *dlogits, *dh;
  uint8_t *targets;
  // SIMD builds: the first layer's packed panels (rows.h). w1p = W1ᵀ in panels of 8, kept in step
  // with W1 by every update; w1p_ok is cleared whenever JavaScript may have written the parameters.
  // xp = x in panels of 8, dhp = dh in panels of 4, both per batch.
  float *w1p, *xp, *dhp;
  int w1p_ok;
  int cap_count;
  uint8_t *images, *labels;  // the training set, count × C bytes and count labels
  int cap_order;
  uint32_t *order;           // this epoch's permutation
  float *batch_losses;       // mean loss of each batch of the epoch
  double step_ms;            // time inside mlp_train_batches since the last timing reset
  // Inference scratch (mlp_reserve_eval), apart from training's: evaluating never needs the
  // training set, an epoch order or a batch size, so it works right after mlp_init.
  int cap_eval;
  uint8_t *eval_images, *eval_labels, *eval_pred;  // cap_eval × C pixels, labels, argmax classes
  uint32_t *eval_index;                            // 0, 1, … cap_eval − 1: gather_batch in order
  float *ex, *eh, *elogits, *eprobs, *elosses, *edlogits;
} model_t;

static model_t M;

#ifdef __wasm_simd128__
// a dimension of n rounded up to whole panels of `width`
static long panels(int n, int width) { return (long)(n + width - 1) / width * width; }
#endif

static void *alloc(size_t bytes) { return aligned_alloc(ALIGN, (bytes + ALIGN - 1) / ALIGN * ALIGN); }

// One SGD step: reference.ts train_step on batch rows [start, start + B) of the epoch order, in
// two parallel regions instead of one per function. In the scalar build the weights are bit for bit
// those of the mlp.h calls in sequence; the SIMD builds run the first layer on packed panels
// (rows.h), its forward sums in the reference's order instead of nt's four lanes:
//  1. per block of batch rows: gather_batch, matmul_forward_relu, matmul_forward, softmax_xent,
//     matmul_backward_relu's dh: everything up to dh is row-local, so no thread waits in between;
//  2. per block of W1's rows: dW1 and db1, then W1 and b1 updated at once, while the gradient
//     rows are in cache; two more blocks do dW2, db2 and W2, b2, half the rows each. Nothing in
//     region 2 reads W1 or W2.
// The mean loss is the one serial loop left. Returns it.
typedef struct {
  int B, start;
  double lr;
} step_ctx;

static int row_blocks(int n) { return (n + ROW_BLOCK - 1) / ROW_BLOCK; }

static void step_forward(void *p, int lo, int hi) {
  const step_ctx *s = p;
  const int C = M.C, H = M.H, V = M.V, B = s->B;
  const float *b1 = M.params + H * C, *w2 = b1 + H, *b2 = w2 + V * H;
  int r0 = lo * ROW_BLOCK, r1 = hi * ROW_BLOCK < B ? hi * ROW_BLOCK : B;
#ifdef __wasm_simd128__  // W1 is read through its packed copy, w1p
  gather8_rows(M.xp, M.targets, M.images, M.labels, M.order, s->start, B, C, r0, r1);
  panel_forward(M.h, M.xp, B, M.w1p, b1, C, H, 1, r0, r1);
#else
  gather_rows(M.x, M.targets, M.images, M.labels, M.order, s->start, C, r0, r1);
  forward_rows(M.h, M.x, M.params, b1, C, H, 1, r0, r1);
#endif
  forward_rows(M.logits, M.h, w2, b2, H, V, 0, r0, r1);
  softmax_xent_rows(M.probs, M.losses, M.dlogits, M.logits, M.targets, V, B, r0, r1);
  backward_input_rows(M.dh, M.dlogits, w2, H, V, M.h, r0, r1);
#ifdef __wasm_simd128__
  pack4_rows(M.dhp, M.dh, H, B, r0, r1);
#endif
}

// W1's rows [o0, o1): dW1 and db1, and the update. The SIMD builds apply each tile of dW1 to W1 (and
// its lanes of w1p) as soon as it is summed, so dW1 is never stored.
static void step_w1_rows(const step_ctx *s, int o0, int o1) {
  const int C = M.C, H = M.H, B = s->B;
  float *w1 = M.params, *b1 = w1 + H * C, *gw1 = M.grads, *gb1 = gw1 + H * C;
#ifdef __wasm_simd128__
  panel_update_weight(w1, M.w1p, M.dhp, M.xp, B, C, o0, o1, s->lr);
  panel_bias_grad(gb1, M.dhp, B, H, o0, o1);
#else
  backward_weight_rows(gw1, gb1, M.dh, M.x, B, C, H, o0, o1);
  sgd_range(w1, gw1, s->lr, (long)o0 * C, (long)o1 * C);
#endif
  sgd_range(b1, gb1, s->lr, o0, o1);
}

static int w1_blocks(int H) { return (H + W1_BLOCK - 1) / W1_BLOCK; }

// W2's rows [v0, v1): dW2 and db2, then the update
static void step_w2_rows(const step_ctx *s, int v0, int v1) {
  const int C = M.C, H = M.H, V = M.V;
  float *w2 = M.params + H * C + H, *b2 = w2 + V * H;
  float *gw2 = M.grads + H * C + H, *gb2 = gw2 + V * H;
  backward_weight_rows(gw2, gb2, M.dlogits, M.h, s->B, H, V, v0, v1);
  sgd_range(w2, gw2, s->lr, (long)v0 * H, (long)v1 * H);
  sgd_range(b2, gb2, s->lr, v0, v1);
}

// Region 2 has w1_blocks(H) + 2 indices: W1's row blocks, with W2's rows cut in two halves, one
// after the first half of the blocks (index hb / 2) and one at the end (index hb + 1). All of W2
// is about a third of a W1 block's work. As one block at the end it made the last share longer, and
// with 2 threads the other thread waited that long at every join (about 8 ms per epoch); now each
// share of 2 ends with one half.
static void step_backward(void *p, int lo, int hi) {
  const step_ctx *s = p;
  const int H = M.H, V = M.V, hb = w1_blocks(H), half = hb / 2;
  for (int i = lo; i < hi;) {
    if (i == half || i == hb + 1) {
      step_w2_rows(s, i == half ? 0 : V / 2, i == half ? V / 2 : V);
      i++;
      continue;
    }
    const int stop = i < half ? half : hb + 1, end = hi < stop ? hi : stop;  // a run of W1 blocks
    const int b0 = i < half ? i : i - 1, b1 = i < half ? end : end - 1;
    step_w1_rows(s, b0 * W1_BLOCK, b1 * W1_BLOCK < H ? b1 * W1_BLOCK : H);
    i = end;
  }
}

static double train_step(int start, int B, double lr) {
  const long work = (long)B * M.C * M.H;  // the first layer's multiply-adds: the `if` clause
  step_ctx s = {.B = B, .start = start, .lr = lr};
  gather_init();
#ifdef __wasm_simd128__
  if (!M.w1p_ok) pack8_rows_of_weight(M.w1p, M.params, M.C, 0, M.H), M.w1p_ok = 1;
#endif
  parallel_for_if(work, 0, row_blocks(B), step_forward, &s);
  parallel_for_if(work, 0, w1_blocks(M.H) + 2, step_backward, &s);
  double loss = 0;
  for (int b = 0; b < B; b++) loss += M.losses[b];
  return loss / B;
}

// (Re)creates the model for C → H → V; returns 0, or -1 when the heap cannot hold it.
EMSCRIPTEN_KEEPALIVE int mlp_init(int C, int H, int V) {
  // Same shape again (a new run): keep every buffer, so repeated runs never touch the allocator.
  if (M.params && C == M.C && H == M.H && V == M.V) return 0;
  free(M.params);
  free(M.grads);
  M.C = C, M.H = H, M.V = V, M.P = H * C + H + V * H + V;
  M.params = alloc(sizeof(float) * M.P);
  M.grads = alloc(sizeof(float) * M.P);
  free(M.w1p);
  M.w1p = 0;
  M.w1p_ok = 0;
#ifdef __wasm_simd128__
  M.w1p = alloc(sizeof(float) * panels(H, 8) * C);
  if (M.w1p) memset(M.w1p, 0, sizeof(float) * panels(H, 8) * C);  // padding lanes stay 0
  if (!M.w1p) free(M.params), free(M.grads), M.params = M.grads = 0;
#endif
  // Batch scratch depends on H: drop it, mlp_reserve_batch rebuilds it.
  void **scratch[] = {(void **)&M.x, (void **)&M.h, (void **)&M.logits, (void **)&M.probs,
                      (void **)&M.losses, (void **)&M.dlogits, (void **)&M.dh, (void **)&M.targets,
                      (void **)&M.xp, (void **)&M.dhp};
  for (unsigned i = 0; i < sizeof scratch / sizeof scratch[0]; i++) free(*scratch[i]), *scratch[i] = 0;
  M.cap_batch = 0;
  void **eval[] = {(void **)&M.eval_images, (void **)&M.eval_labels, (void **)&M.eval_pred, (void **)&M.eval_index,
                   (void **)&M.ex, (void **)&M.eh, (void **)&M.elogits, (void **)&M.eprobs, (void **)&M.elosses,
                   (void **)&M.edlogits};
  for (unsigned i = 0; i < sizeof eval / sizeof eval[0]; i++) free(*eval[i]), *eval[i] = 0;
  M.cap_eval = 0;
  return M.params && M.grads ? 0 : -1;
}

// JavaScript reads and writes the parameters through this pointer, so the packed W1ᵀ is rebuilt
// before the next training step.
EMSCRIPTEN_KEEPALIVE float *mlp_params(void) {
  M.w1p_ok = 0;
  return M.params;
}

// Scratch for batches of up to B rows (grown, never shrunk); 0 or -1.
EMSCRIPTEN_KEEPALIVE int mlp_reserve_batch(int B) {
  if (B <= M.cap_batch) return 0;
  const int C = M.C, H = M.H, V = M.V;
  // x: row by row in the scalar build; the SIMD builds gather it straight into its panels (xp)
#ifdef __wasm_simd128__
  const int x_floats = 0;
#else
  const int x_floats = C;
#endif
  float **f[] = {&M.x, &M.h, &M.logits, &M.probs, &M.losses, &M.dlogits, &M.dh};
  const long n[] = {(long)B * x_floats, (long)B * H, (long)B * V, (long)B * V, B, (long)B * V, (long)B * H};
  int ok = 1;
  for (unsigned i = 0; i < sizeof n / sizeof n[0]; i++) {
    free(*f[i]);
    *f[i] = n[i] ? alloc(sizeof(float) * n[i]) : 0;
    ok = ok && (*f[i] || !n[i]);
  }
  free(M.targets);
  M.targets = alloc(B);
  ok = ok && M.targets;
#ifdef __wasm_simd128__
  free(M.xp), free(M.dhp);
  M.xp = alloc(sizeof(float) * panels(C, 8) / 8 * x8_stride(B));
  M.dhp = alloc(sizeof(float) * panels(H, 4) * B);
  ok = ok && M.xp && M.dhp;
#endif
  M.cap_batch = ok ? B : 0;
  return ok ? 0 : -1;
}

// Room for `count` samples (grown, never shrunk); returns where the images go, or 0.
EMSCRIPTEN_KEEPALIVE uint8_t *mlp_reserve_data(int count) {
  if (count > M.cap_count) {
    free(M.images);
    free(M.labels);
    M.images = alloc((size_t)count * M.C);
    M.labels = alloc(count);
    M.cap_count = M.images && M.labels ? count : 0;
  }
  return M.cap_count ? M.images : 0;
}

EMSCRIPTEN_KEEPALIVE uint8_t *mlp_labels(void) { return M.labels; }

// Room for an epoch order of n samples and its per-batch losses; returns where the order goes, or 0.
EMSCRIPTEN_KEEPALIVE uint32_t *mlp_reserve_order(int n) {
  if (n > M.cap_order) {
    free(M.order);
    free(M.batch_losses);
    M.order = alloc(sizeof(uint32_t) * n);
    M.batch_losses = alloc(sizeof(float) * n);
    M.cap_order = M.order && M.batch_losses ? n : 0;
  }
  return M.cap_order ? M.order : 0;
}

EMSCRIPTEN_KEEPALIVE float *mlp_batch_losses(void) { return M.batch_losses; }

// Batches [first, first + count) of an epoch over the n samples in the order buffer; each batch's
// mean loss goes to batch_losses[batch]. Returns the number of batches trained.
EMSCRIPTEN_KEEPALIVE int mlp_train_batches(int first, int count, int batch_size, int n, double lr) {
  double t0 = emscripten_get_now();
  int done = 0;
  for (int i = first; i < first + count; i++, done++) {
    int start = i * batch_size;
    if (start >= n) break;
    int B = n - start < batch_size ? n - start : batch_size;
    M.batch_losses[i] = (float)train_step(start, B, lr);
  }
  M.step_ms += emscripten_get_now() - t0;
  return done;
}

// Inference scratch for up to B images at a time (grown, never shrunk); returns where the images
// (B × C bytes) go, or 0 when the heap cannot hold it.
EMSCRIPTEN_KEEPALIVE uint8_t *mlp_reserve_eval(int B) {
  if (B <= M.cap_eval) return M.eval_images;
  const int C = M.C, H = M.H, V = M.V;
  float **f[] = {&M.ex, &M.eh, &M.elogits, &M.eprobs, &M.elosses, &M.edlogits};
  const long n[] = {(long)B * C, (long)B * H, (long)B * V, (long)B * V, B, (long)B * V};
  int ok = 1;
  for (unsigned i = 0; i < sizeof n / sizeof n[0]; i++) {
    free(*f[i]);
    *f[i] = alloc(sizeof(float) * n[i]);
    ok = ok && *f[i];
  }
  free(M.eval_images), free(M.eval_labels), free(M.eval_pred), free(M.eval_index);
  M.eval_images = alloc((size_t)B * C);
  M.eval_labels = alloc(B);
  M.eval_pred = alloc(B);
  M.eval_index = alloc(sizeof(uint32_t) * B);
  ok = ok && M.eval_images && M.eval_labels && M.eval_pred && M.eval_index;
  if (ok) for (int i = 0; i < B; i++) M.eval_index[i] = i;
  M.cap_eval = ok ? B : 0;
  return ok ? M.eval_images : 0;
}

EMSCRIPTEN_KEEPALIVE uint8_t *mlp_eval_labels(void) { return M.eval_labels; }
EMSCRIPTEN_KEEPALIVE float *mlp_eval_probs(void) { return M.eprobs; }
EMSCRIPTEN_KEEPALIVE uint8_t *mlp_eval_predictions(void) { return M.eval_pred; }

// The forward pass alone on the B (≤ cap_eval) images and labels in the inference scratch, with the
// kernels training uses (gather_batch, matmul_forward_relu, matmul_forward, softmax_xent; the same threads):
// probabilities (B,V) and argmax classes (B, the first of equal maxima) stay in the scratch;
// returns the sum of the B losses, in double (the reference sums them so).
EMSCRIPTEN_KEEPALIVE double mlp_evaluate(int B) {
  if (B < 1 || B > M.cap_eval) return -1;
  const int C = M.C, H = M.H, V = M.V;
  const float *w1 = M.params, *b1 = w1 + H * C, *w2 = b1 + H, *b2 = w2 + V * H;
  gather_batch(M.ex, M.eval_labels, M.eval_images, M.eval_labels, M.eval_index, 0, B, C);
  matmul_forward_relu(M.eh, M.ex, w1, b1, B, C, H);
  matmul_forward(M.elogits, M.eh, w2, b2, B, H, V);
  softmax_xent(M.eprobs, M.elosses, M.edlogits, M.elogits, M.eval_labels, B, V, B);
  double loss = 0;
  for (int b = 0; b < B; b++) {
    const float *p = M.eprobs + (long)b * V;
    int best = 0;
    for (int v = 1; v < V; v++) best = p[v] > p[best] ? v : best;
    M.eval_pred[b] = (uint8_t)best;
    loss += M.elosses[b];
  }
  return loss;
}

EMSCRIPTEN_KEEPALIVE int mlp_set_threads(int n) { return pool_set_threads(n); }
EMSCRIPTEN_KEEPALIVE int mlp_threads(void) { return pool_threads(); }
EMSCRIPTEN_KEEPALIVE int mlp_inject_fault(int thread, int kind) { return pool_inject_fault(thread, kind); }

EMSCRIPTEN_KEEPALIVE void mlp_timing_reset(void) {
  pool_timing_reset();
  M.step_ms = 0;
}

// 0 compute, 1 barrier wait, 2 time inside parallel regions, 3 regions, 4 time inside mlp_train_batches (ms)
EMSCRIPTEN_KEEPALIVE double mlp_timing(int which) {
  pool_timing t;
  pool_timing_read(&t);
  const double v[] = {t.compute_ms, t.barrier_ms, t.region_ms, t.regions, M.step_ms};
  return which >= 0 && which < 5 ? v[which] : -1;
}

// 0 bytes malloc has handed out, 1 the heap's break (its high-water mark), 2 the whole memory
EMSCRIPTEN_KEEPALIVE double mlp_heap(int which) {
  if (which == 0) return (double)mallinfo().uordblks;
  if (which == 1) return (double)(uintptr_t)sbrk(0);
  return (double)emscripten_get_heap_size();
}
