// matmul_forward and matmul_backward: the reference's functions, split over the pool by output
// rows. The kernels (SIMD micro-kernels or the plain sequential loops) come from one header chosen
// at compile time, so all three builds share this file.
#include "mlp.h"
#include "pool.h"

#ifdef __wasm_simd128__
#include "kernels_simd.h"
#else
#include "kernels_scalar.h"
#endif

// Rows are handed out in blocks of this many, the micro-kernels' row blocking (4 = bcast, 2 = nt).
#define ROW_BLOCK 4

typedef struct {
  float *out, *dbias;
  const float *A, *W, *bias;
  const float *mask;  // backward: dinp is kept only where mask (the layer's ReLU output) > 0
  int sam, sak, M, N, K;
  int relu;           // forward: max(0, ·) after the bias
} matmul_ctx;

static void block_range(int M, int lo, int hi, int *r0, int *r1) {
  *r0 = lo * ROW_BLOCK;
  *r1 = hi * ROW_BLOCK < M ? hi * ROW_BLOCK : M;
}

static int blocks(int M) { return (M + ROW_BLOCK - 1) / ROW_BLOCK; }

static void forward_body(void *p, int lo, int hi) {
  matmul_ctx *c = p;
  int r0, r1;
  block_range(c->M, lo, hi, &r0, &r1);
  nt_rows(c->out, c->A, c->W, c->bias, c->N, c->K, r0, r1);
  if (c->relu) {  // relu_forward on these rows while they are in cache (the same comparison)
    float *o = c->out + (long)r0 * c->N;
    for (long i = 0, n = (long)(r1 - r0) * c->N; i < n; i++) o[i] = o[i] > 0 ? o[i] : 0;
  }
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

static void bcast_body(void *p, int lo, int hi) {
  matmul_ctx *c = p;
  int r0, r1;
  block_range(c->M, lo, hi, &r0, &r1);
  bcast_rows(c->out, c->A, c->sam, c->sak, c->W, c->N, c->K, r0, r1);
  if (c->mask) {  // relu_backward on these rows while they are in cache (the same comparison)
    float *o = c->out + (long)r0 * c->N;
    const float *h = c->mask + (long)r0 * c->N;
    for (long i = 0, n = (long)(r1 - r0) * c->N; i < n; i++) o[i] = h[i] > 0 ? o[i] : 0;
  }
  if (!c->dbias) return;
  // dbias (OC) = Σ_b dout (B,OC), for the same rows o, summed over b in order
  for (int o = r0; o < r1; o++) {
    float s = 0;
    for (int b = 0; b < c->K; b++) s += c->A[(long)b * c->sak + o];
    c->dbias[o] = s;
  }
}

static void backward(float *dinp, float *dweight, float *dbias,
                     const float *dout, const float *inp, const float *weight,
                     int B, int C, int OC, const float *mask) {
  if (dinp) {
    // rows b: dinp[b][c] = Σ_o dout[b][o] · weight[o][c]  (A = dout read as (B,OC))
    matmul_ctx c = {.out = dinp, .A = dout, .sam = OC, .sak = 1, .W = weight, .M = B, .N = C, .K = OC, .mask = mask};
    parallel_for_if((long)B * C * OC, 0, blocks(B), bcast_body, &c);
  }
  // rows o: dweight[o][c] = Σ_b dout[b][o] · inp[b][c]  (A = dout read transposed, as (OC,B))
  matmul_ctx c = {.out = dweight, .dbias = dbias, .A = dout, .sam = 1, .sak = OC, .W = inp,
                  .M = OC, .N = C, .K = B};
  parallel_for_if((long)B * C * OC, 0, blocks(OC), bcast_body, &c);
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
