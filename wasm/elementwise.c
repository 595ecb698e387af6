// relu_forward, relu_backward, sgd_update: one pass over N elements, split over the pool.
#include "mlp.h"
#include "pool.h"
#include "rows.h"

#ifdef __wasm_simd128__
#include "sgd_simd.h"
#endif

typedef struct {
  float *out;
  const float *a, *b;
  double lr;
} elem_ctx;

static void relu_forward_body(void *p, int lo, int hi) {
  elem_ctx *c = p;
  for (int i = lo; i < hi; i++) c->out[i] = c->a[i] > 0 ? c->a[i] : 0;
}

// out (N) = max(0, inp (N))
void relu_forward(float *out, const float *inp, int N) {
  elem_ctx c = {.out = out, .a = inp};
  parallel_for_if(N, 0, N, relu_forward_body, &c);
}

static void relu_backward_body(void *p, int lo, int hi) {
  elem_ctx *c = p;
  for (int i = lo; i < hi; i++) c->out[i] = c->b[i] > 0 ? c->a[i] : 0;
}

// dinp (N) = dout (N) where the forward output was positive, else 0
void relu_backward(float *dinp, const float *dout, const float *out, int N) {
  elem_ctx c = {.out = dinp, .a = dout, .b = out};
  parallel_for_if(N, 0, N, relu_backward_body, &c);
}

void sgd_range(float *params, const float *grads, double lr, long lo, long hi) {
  long i = lo;
#ifdef __wasm_simd128__
  // 4 at a time, each in double exactly as below (sgd4)
  const v128_t rate = wasm_f64x2_splat(lr);
  for (; i + 4 <= hi; i += 4) wasm_v128_store(params + i, sgd4(wasm_v128_load(params + i), wasm_v128_load(grads + i), rate));
#endif
  // in double, as the reference's JavaScript numbers are
  for (; i < hi; i++) params[i] = (float)(params[i] - lr * grads[i]);
}

static void sgd_body(void *p, int lo, int hi) {
  elem_ctx *c = p;
  sgd_range(c->out, c->a, c->lr, lo, hi);
}

// params (N) -= lr * grads (N)
void sgd_update(float *params, const float *grads, double lr, int N) {
  elem_ctx c = {.out = params, .a = grads, .lr = lr};
  parallel_for_if(N, 0, N, sgd_body, &c);
}
