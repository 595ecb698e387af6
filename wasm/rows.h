// Row-range pieces of the functions in mlp.h, for fused parallel regions (train.c's train_step):
// each computes rows [lo, hi) of its output exactly as the whole function computes them, so a
// region that chains several of them on the same rows gives the same bits as the separate calls.
#ifndef PARALELO_ROWS_H
#define PARALELO_ROWS_H

#include <stdint.h>

// Rows are handed out in blocks of this many, the micro-kernels' row blocking (4 = bcast, 2 = nt).
#define ROW_BLOCK 4
// W1's rows are handed out 8 at a time in the update region: w1p holds 8 rows' values of one column
// side by side, so with blocks of 8 no cache line of it is written by two threads.
#define W1_BLOCK 8

// matmul_forward (and relu_forward when relu) on rows [r0, r1) of out (B,OC)
void forward_rows(float *out, const float *inp, const float *weight, const float *bias,
                  int C, int OC, int relu, int r0, int r1);
// matmul_backward's dinp (B,C) on rows [r0, r1), then relu_backward through mask when not NULL
void backward_input_rows(float *dinp, const float *dout, const float *weight, int C, int OC,
                         const float *mask, int r0, int r1);
// matmul_backward's dbias (OC) on rows o ∈ [r0, r1): Σ_b dout (B,OC), summed over b in order
void bias_grad_rows(float *dbias, const float *dout, int B, int OC, int r0, int r1);
// matmul_backward's dweight (OC,C) and dbias (OC) on rows o ∈ [r0, r1)
void backward_weight_rows(float *dweight, float *dbias, const float *dout, const float *inp,
                          int B, int C, int OC, int r0, int r1);
// softmax_xent on rows [lo, hi) of the batch
void softmax_xent_rows(float *probs, float *losses, float *dlogits, const float *logits,
                       const uint8_t *targets, int V, int norm, int lo, int hi);
// gather_batch on rows [lo, hi); gather_init() first (once), outside any region
void gather_init(void);
void gather_rows(float *x, uint8_t *targets, const uint8_t *images, const uint8_t *labels,
                 const uint32_t *indices, int start, int C, int lo, int hi);
// sgd_update on elements [lo, hi)
void sgd_range(float *params, const float *grads, double lr, long lo, long hi);

#ifdef __wasm_simd128__
// The first layer of the SIMD builds' training step, on packed panels (kernels_simd.h):
//   panels of 8: p8[j / 8][k][j % 8] = m[k][j], for a (K, N) matrix m; panels of 4: the same with 4.
// Padding lanes are 0. Each output's arithmetic is fixed, so the rows' split never changes a bit.
// out rows [r0, r1) of out (B,OC) = bias + inp (B,C) · weightᵀ, inp given as panels of 8 of inpᵀ
// (C, B) (gather8_rows) and weight as w1p = panels of 8 of weightᵀ (C, OC): each output is bias,
// then + inp·w for c = 0, 1, … in order; ReLU when relu
void panel_forward(float *out, const float *inp8, int B, const float *w1p, const float *bias, int C,
                   int OC, int relu, int r0, int r1);
// weight rows o ∈ [r0, r1) (r0 a multiple of 4) of (OC,C) −= lr · dweight, with dweight = doutᵀ · inp
// (dout (B,OC) as panels of 4, inp (B,C) as panels of 8: the same sums as matmul_backward's, bit for
// bit) and the update sgd_range's; wp, the weight's panels of 8 (pack8_rows_of_weight), gets the new
// values of those rows too. dweight is never stored: each tile is applied as soon as it is summed.
void panel_update_weight(float *weight, float *wp, const float *dout4, const float *inp8, int B, int C,
                         int r0, int r1, double lr);
// bias_grad_rows from dout's panels of 4 (pack4_rows), 4 outputs at a time (r0 a multiple of 4):
// each lane sums its column over b in order from 0, bias_grad_rows's arithmetic, so the same bits
void panel_bias_grad(float *dbias, const float *dout4, int B, int OC, int r0, int r1);
// w1p for rows o ∈ [o0, o1) of weight (OC,C): weightᵀ's panels of 8, lanes o % 8
void pack8_rows_of_weight(float *p, const float *weight, int C, int o0, int o1);
// rows [r0, r1) of a (K,N) matrix into its panels of 4 (padding lanes written as 0)
void pack4_rows(float *p, const float *m, int N, int K, int r0, int r1);
// x's panels of 8 hold B rows each and start x8_stride(B) floats apart: one cache line more than
// B · 8, so the panels a tile walks through do not all fall in the same L1 set (B · 32 bytes is a
// multiple of 4 KiB at batch 128, and L1 is 8-way)
static inline long x8_stride(int B) { return (long)B * 8 + 16; }
// gather_rows straight into x's panels of 8 (x8[c / 8 · x8_stride(B) + b · 8 + c % 8], padding 0)
void gather8_rows(float *x8, uint8_t *targets, const uint8_t *images, const uint8_t *labels,
                  const uint32_t *indices, int start, int B, int C, int lo, int hi);
#endif

#endif
