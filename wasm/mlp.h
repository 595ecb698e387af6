// The C twin of src/mlp/reference.ts: same function names, same argument order (outputs first,
// sizes last), same flat parameter layout. Sizes, named once: B = batch size, C = input features
// (784), H = hidden units, V = classes (10), OC = a layer's outputs. Weights are "out × in":
// weight[o * C + c]. Each function is one `#pragma omp parallel for` in spirit: it splits its output
// rows over the thread pool with parallel_for (pool.h), and never splits a sum, so every thread
// count gives bit-identical results.
// Training (train.c) chains their row-range pieces (rows.h) into two regions per batch instead.
#ifndef PARALELO_MLP_H
#define PARALELO_MLP_H

#include <stdint.h>

// out (B,OC) = inp (B,C) · weight (OC,C)ᵀ + bias (OC)
void matmul_forward(float *out, const float *inp, const float *weight, const float *bias,
                    int B, int C, int OC);

// dinp (B,C) = dout (B,OC) · weight (OC,C); dweight (OC,C) = doutᵀ · inp; dbias (OC) = Σ_b dout
// dinp may be NULL (the first layer has no use for it). Gradients are written, not accumulated.
void matmul_backward(float *dinp, float *dweight, float *dbias,
                     const float *dout, const float *inp, const float *weight,
                     int B, int C, int OC);

// Fused pairs, each equal bit for bit to the two calls it replaces (one pass, no serial loop):
// matmul_forward then relu_forward on out; matmul_backward then relu_backward(dinp, dinp, inp).
void matmul_forward_relu(float *out, const float *inp, const float *weight, const float *bias,
                         int B, int C, int OC);
void matmul_backward_relu(float *dinp, float *dweight, float *dbias,
                          const float *dout, const float *inp, const float *weight,
                          int B, int C, int OC);

// out (N) = max(0, inp (N))
void relu_forward(float *out, const float *inp, int N);

// dinp (N) = dout (N) where the forward output was positive, else 0
void relu_backward(float *dinp, const float *dout, const float *out, int N);

// probs (B,V) = softmax(logits); losses (B) = -log probs[target]; dlogits (B,V) = (probs - onehot) / norm
void softmax_xent(float *probs, float *losses, float *dlogits, const float *logits,
                  const uint8_t *targets, int B, int V, int norm);

// params (N) -= lr * grads (N)
void sgd_update(float *params, const float *grads, double lr, int N);

// x (B,C) = images[indices[start + b]] / 255 as floats in [0, 1]; targets (B) = labels[indices[start + b]]
void gather_batch(float *x, uint8_t *targets, const uint8_t *images, const uint8_t *labels,
                  const uint32_t *indices, int start, int B, int C);

#endif
