// matmul_forward and matmul_backward: the reference's functions, split over the pool by output
// rows. The kernels (SIMD micro-kernels or the plain sequential loops) come from one header chosen
// at compile time, so all three builds share this file.
#include "mlp.h"
#include "pool.h"
#include "rows.h"

#ifdef __wasm_simd128__
#include <string.h>
#include <wasm_simd128.h>

#include "kernels_simd.h"
#else
#include "kernels_scalar.h"
#endif

typedef struct {
  float *out, *dbias;
  const float *A, *W, *bias;
  const float *mask;  // backward: dinp is kept only where mask (the layer's ReLU output) > 0
  int M, N, K;
  int relu;           // forward: max(0, ·) after the bias
} matmul_ctx;

static void block_range(int M, int lo, int hi, int *r0, int *r1) {
  *r0 = lo * ROW_BLOCK;
  *r1 = hi * ROW_BLOCK < M ? hi * ROW_BLOCK : M;
}

static int blocks(int M) { return (M + ROW_BLOCK - 1) / ROW_BLOCK; }

// o[i] = mask[i] > 0 ? o[i] : 0 for i < n (relu_forward with mask = o, relu_backward with mask = the
// layer's output). In the SIMD build 4 at a time, without a branch: the mask is ~half positive at
// random, and the scalar loop, compiled to a branch around the store, mispredicted half the time.
static void keep_positive(float *o, const float *mask, long n) {
  long i = 0;
#ifdef __wasm_simd128__
  for (; i + 4 <= n; i += 4) wasm_v128_store(o + i, keep4(wasm_v128_load(o + i), wasm_v128_load(mask + i)));
#endif
  for (; i < n; i++) o[i] = mask[i] > 0 ? o[i] : 0;
}

void forward_rows(float *out, const float *inp, const float *weight, const float *bias,
                  int C, int OC, int relu, int r0, int r1) {
  nt_rows(out, inp, weight, bias, OC, C, r0, r1);
  // relu_forward on these rows while they are in cache (the same comparison)
  if (relu) keep_positive(out + (long)r0 * OC, out + (long)r0 * OC, (long)(r1 - r0) * OC);
}

static void forward_body(void *p, int lo, int hi) {
  matmul_ctx *c = p;
  int r0, r1;
  block_range(c->M, lo, hi, &r0, &r1);
  forward_rows(c->out, c->A, c->W, c->bias, c->K, c->N, c->relu, r0, r1);
}

static void forward(float *out, const float *inp, const float *weight, const float *bias,
                    int B, int C, int OC, int relu) {
  matmul_ctx c = {.out = out, .A = inp, .W = weight, .bias = bias, .M = B, .N = OC, .K = C, .relu = relu};
  parallel_for_if((long)B * C * OC, 0, blocks(B), forward_body, &c);
}

// out (B,OC) = inp (B,C) · weight (OC,C)ᵀ + bias (OC)
void matmul_forward(float *out, const float *inp, const float *weight, const float *bias,
                    int B, int C, int OC) {
  forward(out, inp, weight, bias, B, C, OC, 0);
}

// matmul_forward then relu_forward, in one pass: each output is max(0, ·) as it is stored
void matmul_forward_relu(float *out, const float *inp, const float *weight, const float *bias,
                         int B, int C, int OC) {
  forward(out, inp, weight, bias, B, C, OC, 1);
}

void backward_input_rows(float *dinp, const float *dout, const float *weight, int C, int OC,
                         const float *mask, int r0, int r1) {
  bcast_rows(dinp, dout, OC, 1, weight, C, OC, r0, r1);
  // relu_backward on these rows while they are in cache (the same comparison)
  if (mask) keep_positive(dinp + (long)r0 * C, mask + (long)r0 * C, (long)(r1 - r0) * C);
}

void bias_grad_rows(float *dbias, const float *dout, int B, int OC, int r0, int r1) {
  for (int o = r0; o < r1; o++) {
    float s = 0;
    for (int b = 0; b < B; b++) s += dout[(long)b * OC + o];
    dbias[o] = s;
  }
}

void backward_weight_rows(float *dweight, float *dbias, const float *dout, const float *inp,
                          int B, int C, int OC, int r0, int r1) {
  bcast_rows(dweight, dout, 1, OC, inp, C, B, r0, r1);
  bias_grad_rows(dbias, dout, B, OC, r0, r1);
}

static void input_body(void *p, int lo, int hi) {
  matmul_ctx *c = p;
  int r0, r1;
  block_range(c->M, lo, hi, &r0, &r1);
  backward_input_rows(c->out, c->A, c->W, c->N, c->K, c->mask, r0, r1);
}

static void weight_body(void *p, int lo, int hi) {
  matmul_ctx *c = p;
  int r0, r1;
  block_range(c->M, lo, hi, &r0, &r1);
  backward_weight_rows(c->out, c->dbias, c->A, c->W, c->K, c->N, c->M, r0, r1);
}

static void backward(float *dinp, float *dweight, float *dbias,
                     const float *dout, const float *inp, const float *weight,
                     int B, int C, int OC, const float *mask) {
  if (dinp) {
    // rows b: dinp[b][c] = Σ_o dout[b][o] · weight[o][c]  (A = dout read as (B,OC))
    matmul_ctx c = {.out = dinp, .A = dout, .W = weight, .M = B, .N = C, .K = OC, .mask = mask};
    parallel_for_if((long)B * C * OC, 0, blocks(B), input_body, &c);
  }
  // rows o: dweight[o][c] = Σ_b dout[b][o] · inp[b][c]  (A = dout read transposed, as (OC,B))
  matmul_ctx c = {.out = dweight, .dbias = dbias, .A = dout, .W = inp, .M = OC, .N = C, .K = B};
  parallel_for_if((long)B * C * OC, 0, blocks(OC), weight_body, &c);
}

// dinp (B,C) = dout (B,OC) · weight (OC,C); dweight (OC,C) = doutᵀ · inp; dbias (OC) = Σ_b dout
void matmul_backward(float *dinp, float *dweight, float *dbias,
                     const float *dout, const float *inp, const float *weight,
                     int B, int C, int OC) {
  backward(dinp, dweight, dbias, dout, inp, weight, B, C, OC, 0);
}

// matmul_backward, then relu_backward on dinp through the ReLU that made inp: dinp is kept where
// inp > 0, in the same parallel region, row block by row block
void matmul_backward_relu(float *dinp, float *dweight, float *dbias,
                          const float *dout, const float *inp, const float *weight,
                          int B, int C, int OC) {
  backward(dinp, dweight, dbias, dout, inp, weight, B, C, OC, inp);
}

#ifdef __wasm_simd128__
// The first layer in packed panels (kernels_simd.h): rows.h says what each computes.
void panel_forward(float *out, const float *inp8, int B, const float *w1p, const float *bias, int C,
                   int OC, int relu, int r0, int r1) {
  panel_forward_rows(out, inp8, x8_stride(B), w1p, bias, OC, C, relu, r0, r1);
}

void panel_update_weight(float *weight, float *wp, const float *dout4, const float *inp8, int B, int C,
                         int r0, int r1, double lr) {
  const tn_update u = {.wp = wp, .lr = lr};
  panel_tn_rows(weight, dout4, inp8, x8_stride(B), C, B, r0, r1, &u);
}

void panel_bias_grad(float *dbias, const float *dout4, int B, int OC, int r0, int r1) {
  for (int o = r0; o < r1; o += 4) {
    const float *d = dout4 + (long)(o / 4) * B * 4;
    v128_t s = wasm_f32x4_splat(0);
    for (int b = 0; b < B; b++) s = wasm_f32x4_add(s, wasm_v128_load(d + (long)b * 4));
    float t[4];
    wasm_v128_store(t, s);
    for (int j = 0; j < 4 && o + j < r1 && o + j < OC; j++) dbias[o + j] = t[j];
  }
}

void pack8_rows_of_weight(float *p, const float *weight, int C, int o0, int o1) {
  int o = o0;
  // 4 rows at a time (o0 a multiple of 4: the 4 lanes o % 8 … o % 8 + 3 of one panel): 4×4 transposes
  for (; o % 4 == 0 && o + 4 <= o1; o += 4) {
    float *d = p + (long)(o / 8) * C * 8 + o % 8;
    const float *s0 = weight + (long)o * C, *s1 = s0 + C, *s2 = s1 + C, *s3 = s2 + C;
    int c = 0;
    for (; c + 4 <= C; c += 4) {
      v128_t a = wasm_v128_load(s0 + c), b = wasm_v128_load(s1 + c);
      v128_t e = wasm_v128_load(s2 + c), f = wasm_v128_load(s3 + c);
      v128_t ab01 = wasm_i32x4_shuffle(a, b, 0, 4, 1, 5), ab23 = wasm_i32x4_shuffle(a, b, 2, 6, 3, 7);
      v128_t ef01 = wasm_i32x4_shuffle(e, f, 0, 4, 1, 5), ef23 = wasm_i32x4_shuffle(e, f, 2, 6, 3, 7);
      wasm_v128_store(d + (long)(c + 0) * 8, wasm_i32x4_shuffle(ab01, ef01, 0, 1, 4, 5));
      wasm_v128_store(d + (long)(c + 1) * 8, wasm_i32x4_shuffle(ab01, ef01, 2, 3, 6, 7));
      wasm_v128_store(d + (long)(c + 2) * 8, wasm_i32x4_shuffle(ab23, ef23, 0, 1, 4, 5));
      wasm_v128_store(d + (long)(c + 3) * 8, wasm_i32x4_shuffle(ab23, ef23, 2, 3, 6, 7));
    }
    for (; c < C; c++) d[(long)c * 8] = s0[c], d[(long)c * 8 + 1] = s1[c], d[(long)c * 8 + 2] = s2[c], d[(long)c * 8 + 3] = s3[c];
  }
  for (; o < o1; o++) {
    float *d = p + (long)(o / 8) * C * 8 + o % 8;
    const float *s = weight + (long)o * C;
    for (int c = 0; c < C; c++) d[(long)c * 8] = s[c];
  }
}

void pack4_rows(float *p, const float *m, int N, int K, int r0, int r1) {
  for (int r = r0; r < r1; r++) {
    const float *s = m + (long)r * N;
    int n = 0;
    for (; n + 4 <= N; n += 4) memcpy(p + ((long)(n / 4) * K + r) * 4, s + n, 4 * sizeof(float));
    if (n < N) {
      float *d = p + ((long)(n / 4) * K + r) * 4;
      for (int j = 0; j < 4; j++) d[j] = n + j < N ? s[n + j] : 0;
    }
  }
}
#endif
