// relu_forward, relu_backward, sgd_update: one pass over N elements, split over the pool.
#include "mlp.h"
#include "pool.h"

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

static void sgd_body(void *p, int lo, int hi) {
  elem_ctx *c = p;
  // in double, as the reference's JavaScript numbers are
  for (int i = lo; i < hi; i++) c->out[i] = (float)(c->out[i] - c->lr * c->a[i]);
}

// params (N) -= lr * grads (N)
void sgd_update(float *params, const float *grads, double lr, int N) {
  elem_ctx c = {.out = params, .a = grads, .lr = lr};
  parallel_for_if(N, 0, N, sgd_body, &c);
}
