// SIMD128 micro-kernels with register blocking. Each output's arithmetic is fixed (the same lanes,
// the same order) whichever block computes it, so how rows are split over threads never changes a bit.
#include <wasm_simd128.h>

#include "sgd_simd.h"

#define F4 v128_t
#define ADD wasm_f32x4_add
#define MUL wasm_f32x4_mul
#define LOAD(p) wasm_v128_load(p)
#define SPLAT(p) wasm_v128_load32_splat(p)

// One step k of a 4×8 tile (accumulators c00 … c31 in scope): the 4 rows' values at a, a + sa,
// a + 2·sa, a + 3·sa, each broadcast and multiplied by the 8 values at b, added in that order.
#define TILE4X8_STEP(a, sa, b)                                                                \
  {                                                                                           \
    F4 b0 = LOAD(b), b1 = LOAD((b) + 4), x;                                                   \
    x = SPLAT(a);                c00 = ADD(c00, MUL(x, b0)); c01 = ADD(c01, MUL(x, b1));      \
    x = SPLAT((a) + (sa));       c10 = ADD(c10, MUL(x, b0)); c11 = ADD(c11, MUL(x, b1));      \
    x = SPLAT((a) + 2 * (sa));   c20 = ADD(c20, MUL(x, b0)); c21 = ADD(c21, MUL(x, b1));      \
    x = SPLAT((a) + 3 * (sa));   c30 = ADD(c30, MUL(x, b0)); c31 = ADD(c31, MUL(x, b1));      \
  }

// (v0 + v2) + (v1 + v3): one fixed order for every output
static inline float hsum(F4 v) {
  F4 s = ADD(v, wasm_i32x4_shuffle(v, v, 2, 3, 0, 1));
  s = ADD(s, wasm_i32x4_shuffle(s, s, 1, 0, 3, 2));
  return wasm_f32x4_extract_lane(s, 0);
}

// One output of the NT product: 4 lane sums over k, hsum, scalar tail, then the bias.
static inline float nt_one(const float *a, const float *w, float bias, int K) {
  int K4 = K & ~3;
  F4 s = wasm_f32x4_splat(0);
  for (int k = 0; k < K4; k += 4) s = ADD(s, MUL(LOAD(a + k), LOAD(w + k)));
  float t = hsum(s);
  for (int k = K4; k < K; k++) t += a[k] * w[k];
  return t + bias;
}

static inline void nt_finish(float *out, F4 s, const float *a, const float *w, float bias, int K) {
  float t = hsum(s);
  for (int k = K & ~3; k < K; k++) t += a[k] * w[k];
  *out = t + bias;
}

// out rows m ∈ [lo,hi) of out (M,N) = A (M,K) · W (N,K)ᵀ + bias (N)
// Block: 2 rows of A × 4 rows of W, 8 vector accumulators; each A vector is used 4 times, each W vector twice.
static void nt_rows(float *out, const float *A, const float *W, const float *bias,
                    int N, int K, int lo, int hi) {
  int K4 = K & ~3;
  int m = lo;
  for (; m + 2 <= hi; m += 2) {
    const float *a0 = A + (long)m * K, *a1 = a0 + K;
    int n = 0;
    for (; n + 4 <= N; n += 4) {
      const float *w0 = W + (long)n * K, *w1 = w0 + K, *w2 = w1 + K, *w3 = w2 + K;
      F4 z = wasm_f32x4_splat(0);
      F4 s00 = z, s01 = z, s02 = z, s03 = z, s10 = z, s11 = z, s12 = z, s13 = z;
      for (int k = 0; k < K4; k += 4) {
        F4 x0 = LOAD(a0 + k), x1 = LOAD(a1 + k), w;
        w = LOAD(w0 + k); s00 = ADD(s00, MUL(x0, w)); s10 = ADD(s10, MUL(x1, w));
        w = LOAD(w1 + k); s01 = ADD(s01, MUL(x0, w)); s11 = ADD(s11, MUL(x1, w));
        w = LOAD(w2 + k); s02 = ADD(s02, MUL(x0, w)); s12 = ADD(s12, MUL(x1, w));
        w = LOAD(w3 + k); s03 = ADD(s03, MUL(x0, w)); s13 = ADD(s13, MUL(x1, w));
      }
      float *o0 = out + (long)m * N + n, *o1 = o0 + N;
      nt_finish(o0 + 0, s00, a0, w0, bias[n + 0], K); nt_finish(o1 + 0, s10, a1, w0, bias[n + 0], K);
      nt_finish(o0 + 1, s01, a0, w1, bias[n + 1], K); nt_finish(o1 + 1, s11, a1, w1, bias[n + 1], K);
      nt_finish(o0 + 2, s02, a0, w2, bias[n + 2], K); nt_finish(o1 + 2, s12, a1, w2, bias[n + 2], K);
      nt_finish(o0 + 3, s03, a0, w3, bias[n + 3], K); nt_finish(o1 + 3, s13, a1, w3, bias[n + 3], K);
    }
    // the last N % 4 outputs of the 2 rows (layer 2's classes 8 and 9): their lane sums side by
    // side, so their dependency chains overlap instead of running one after another (nt_one's
    // arithmetic, output by output)
    for (; n < N; n++) {
      const float *w = W + (long)n * K;
      F4 s0 = wasm_f32x4_splat(0), s1 = s0;
      for (int k = 0; k < K4; k += 4) {
        F4 x = LOAD(w + k);
        s0 = ADD(s0, MUL(LOAD(a0 + k), x)), s1 = ADD(s1, MUL(LOAD(a1 + k), x));
      }
      nt_finish(out + (long)m * N + n, s0, a0, w, bias[n], K);
      nt_finish(out + (long)(m + 1) * N + n, s1, a1, w, bias[n], K);
    }
  }
  for (; m < hi; m++) {
    for (int n = 0; n < N; n++) out[(long)m * N + n] = nt_one(A + (long)m * K, W + (long)n * K, bias[n], K);
  }
}

// out rows m ∈ [lo,hi) of out (M,N) = Σ_k A[m·sam + k·sak] · Bm (K,N)[k][n]
// (sam, sak) = (K, 1) reads A as (M,K); (1, M) reads it transposed, so one kernel does A·B and Aᵀ·B.
// Block: 4 rows × 8 columns, 8 vector accumulators; per k, 4 broadcasts and 2 row loads feed 8 mul-adds.
static void bcast_rows(float *out, const float *A, int sam, int sak, const float *Bm,
                       int N, int K, int lo, int hi) {
  int m = lo;
  for (; m + 4 <= hi; m += 4) {
    const float *a = A + (long)m * sam;
    int n = 0;
    for (; n + 8 <= N; n += 8) {
      F4 z = wasm_f32x4_splat(0);
      F4 c00 = z, c01 = z, c10 = z, c11 = z, c20 = z, c21 = z, c30 = z, c31 = z;
      for (int k = 0; k < K; k++) {
        const float *ak = a + (long)k * sak, *bk = Bm + (long)k * N + n;
        TILE4X8_STEP(ak, sam, bk);
      }
      float *o = out + (long)m * N + n;
      wasm_v128_store(o, c00); wasm_v128_store(o + 4, c01); o += N;
      wasm_v128_store(o, c10); wasm_v128_store(o + 4, c11); o += N;
      wasm_v128_store(o, c20); wasm_v128_store(o + 4, c21); o += N;
      wasm_v128_store(o, c30); wasm_v128_store(o + 4, c31);
    }
    for (; n < N; n++) {  // column tail: same sums, one column at a time
      for (int r = 0; r < 4; r++) {
        float s = 0;
        for (int k = 0; k < K; k++) s += a[(long)r * sam + (long)k * sak] * Bm[(long)k * N + n];
        out[(long)(m + r) * N + n] = s;
      }
    }
  }
  for (; m < hi; m++) {  // row tail: one row, 16 then 4 columns at a time (4 chains of sums, then 1)
    const float *a = A + (long)m * sam;
    int n = 0;
    for (; n + 16 <= N; n += 16) {
      F4 c0 = wasm_f32x4_splat(0), c1 = c0, c2 = c0, c3 = c0;
      for (int k = 0; k < K; k++) {
        const F4 x = SPLAT(a + (long)k * sak);
        const float *b = Bm + (long)k * N + n;
        c0 = ADD(c0, MUL(x, LOAD(b))), c1 = ADD(c1, MUL(x, LOAD(b + 4)));
        c2 = ADD(c2, MUL(x, LOAD(b + 8))), c3 = ADD(c3, MUL(x, LOAD(b + 12)));
      }
      float *o = out + (long)m * N + n;
      wasm_v128_store(o, c0), wasm_v128_store(o + 4, c1), wasm_v128_store(o + 8, c2), wasm_v128_store(o + 12, c3);
    }
    for (; n + 4 <= N; n += 4) {
      F4 c = wasm_f32x4_splat(0);
      for (int k = 0; k < K; k++) c = ADD(c, MUL(SPLAT(a + (long)k * sak), LOAD(Bm + (long)k * N + n)));
      wasm_v128_store(out + (long)m * N + n, c);
    }
    for (; n < N; n++) {
      float s = 0;
      for (int k = 0; k < K; k++) s += a[(long)k * sak] * Bm[(long)k * N + n];
      out[(long)m * N + n] = s;
    }
  }
}

// ---- The first layer's packed panels (training, SIMD builds) ----
// A 4×8 tile of bcast_rows reads 8 columns of its right-hand matrix down K rows: 32 bytes of each
// row, a stride apart. Packed, those 8 columns are K × 32 contiguous bytes that stay in L1 while
// every row block uses them. Layouts, zero-padded to whole panels:
//   panels8 [ceil(N/8)][K][8]: panels8[p][k][j] = Bm[k][8p + j]   (W1ᵀ from W1, x from x)
//   panels4 [ceil(M/4)][K][4]: panels4[q][k][r] = A[k][4q + r]     (dh)

// v where mask > 0, else +0: `mask > 0 ? v : 0` four at a time, without a branch
static inline F4 keep4(F4 v, F4 mask) { return wasm_v128_and(v, wasm_f32x4_gt(mask, wasm_f32x4_splat(0))); }
static inline F4 relu4(F4 v) { return keep4(v, v); }

// Stores the 8 outputs of one tile row: all of them, or the first `n` (a panel's padding is never stored).
static inline void store8(float *o, F4 v0, F4 v1, int n) {
  if (n >= 8) { wasm_v128_store(o, v0); wasm_v128_store(o + 4, v1); return; }
  float t[8];
  wasm_v128_store(t, v0), wasm_v128_store(t + 4, v1);
  for (int j = 0; j < n; j++) o[j] = t[j];
}

// out rows m ∈ [lo,hi) of out (M,N) = bias (N) + A (M,K) · Bm (K,N), ReLU when relu, with A given
// as panels8 of Aᵀ's columns, i.e. Ap[k / 8 · pa + m · 8 + k % 8] (pa: floats from one panel to
// the next, ≥ M · 8), and Bm as panels8.
// Each output is bias, then + a·b for k = 0, 1, … in order (the reference's order, in float32).
// The 4 rows of a tile read 4 × 8 adjacent floats of each panel of A. Panel of Bm outermost: one
// panel (K × 32 bytes) stays in L1 while the range's row blocks use it, instead of every panel being
// read again for each block of 4 rows (an epoch: 595 against 602 ms on 1 thread, 320 against 322
// on 2, medians of 7 alternated epochs in the phase harness; the same bits).
static inline void panel_forward_rows(float *out, const float *Ap, long pa, const float *P,
                                      const float *bias, int N, int K, int relu, int lo, int hi) {
  for (int n = 0; n < N; n += 8) {
    const float *bp = P + (long)(n / 8) * K * 8;
    const int w = N - n;
    float bb[8] = {0};
    for (int j = 0; j < 8 && j < w; j++) bb[j] = bias[n + j];
    for (int m = lo; m < hi; m += 4) {
      const int rows = hi - m < 4 ? hi - m : 4;
      float *o = out + (long)m * N + n;
      if (rows == 4) {
        F4 c00 = LOAD(bb), c01 = LOAD(bb + 4);
        F4 c10 = c00, c11 = c01, c20 = c00, c21 = c01, c30 = c00, c31 = c01;
        const float *a = Ap + (long)m * 8, *bk = bp, *const whole = bp + (long)(K & ~7) * 8;
        // panel by panel of A; inside one, the 4 rows' values of step k are 8 floats apart. The
        // steps of a whole panel go two at a time with walking pointers: in Chromium that ran at
        // 48 against 43 GFLOP/s for one step at a time with k and j counters, and fully unrolled
        // (8 steps) at half the speed (micro-benchmarks of this tile in L1, medians of 11).
        for (; bk < whole; a += pa) {
          const float *ak = a, *const end = a + 8;
#pragma clang loop unroll(disable)
          for (; ak < end; ak += 2, bk += 16) {
            TILE4X8_STEP(ak, 8, bk);
            TILE4X8_STEP(ak + 1, 8, bk + 8);
          }
        }
        for (const float *ak = a; bk < bp + (long)K * 8; ak++, bk += 8) TILE4X8_STEP(ak, 8, bk);  // K % 8 steps
        if (relu) {
          c00 = relu4(c00), c01 = relu4(c01), c10 = relu4(c10), c11 = relu4(c11);
          c20 = relu4(c20), c21 = relu4(c21), c30 = relu4(c30), c31 = relu4(c31);
        }
        store8(o, c00, c01, w), store8(o + N, c10, c11, w);
        store8(o + 2L * N, c20, c21, w), store8(o + 3L * N, c30, c31, w);
      } else {
        for (int r = 0; r < rows; r++, o += N) {  // the range's last rows, one at a time
          F4 c0 = LOAD(bb), c1 = LOAD(bb + 4);
          const float *a = Ap + (long)(m + r) * 8;
          for (int k = 0; k < K; k++) {
            const float *bk = bp + (long)k * 8;
            F4 x = SPLAT(a + (long)(k / 8) * pa + k % 8);
            c0 = ADD(c0, MUL(x, LOAD(bk))), c1 = ADD(c1, MUL(x, LOAD(bk + 4)));
          }
          store8(o, relu ? relu4(c0) : c0, relu ? relu4(c1) : c1, w);
        }
      }
    }
  }
}

// panel_tn_rows with `u`: the product is a weight gradient, applied as soon as its tile is summed.
// `out` is then the weight matrix W (M,N) itself, updated W −= lr·dW (sgd_range's arithmetic), and
// wp its panels8 copy of Wᵀ (wp[m / 8 · N · 8 + n · 8 + m % 8] = W[m][n]) gets the new values too.
// The gradient is never stored and W is read and written once, while its lines are in L1.
typedef struct {
  float *wp;
  double lr;
} tn_update;

static inline void tn_apply(float *W, const tn_update *u, int N, int m, int n, int rows, int w,
                            F4 c00, F4 c01, F4 c10, F4 c11, F4 c20, F4 c21, F4 c30, F4 c31) {
  float *o = W + (long)m * N + n, *d = u->wp + (long)(m / 8) * N * 8 + (long)n * 8 + m % 8;
  if (rows == 4 && w >= 8) {
    const v128_t rate = wasm_f64x2_splat(u->lr);
    F4 r0a = sgd4(LOAD(o), c00, rate), r0b = sgd4(LOAD(o + 4), c01, rate);
    F4 r1a = sgd4(LOAD(o + N), c10, rate), r1b = sgd4(LOAD(o + N + 4), c11, rate);
    F4 r2a = sgd4(LOAD(o + 2L * N), c20, rate), r2b = sgd4(LOAD(o + 2L * N + 4), c21, rate);
    F4 r3a = sgd4(LOAD(o + 3L * N), c30, rate), r3b = sgd4(LOAD(o + 3L * N + 4), c31, rate);
    wasm_v128_store(o, r0a), wasm_v128_store(o + 4, r0b);
    wasm_v128_store(o + N, r1a), wasm_v128_store(o + N + 4, r1b);
    wasm_v128_store(o + 2L * N, r2a), wasm_v128_store(o + 2L * N + 4, r2b);
    wasm_v128_store(o + 3L * N, r3a), wasm_v128_store(o + 3L * N + 4, r3b);
    // 4×4 transposes: column j of the tile (its 4 rows) is 4 adjacent lanes of wp
    for (int h = 0; h < 2; h++, d += 32) {
      F4 a = h ? r0b : r0a, b = h ? r1b : r1a, e = h ? r2b : r2a, f = h ? r3b : r3a;
      F4 ab01 = wasm_i32x4_shuffle(a, b, 0, 4, 1, 5), ab23 = wasm_i32x4_shuffle(a, b, 2, 6, 3, 7);
      F4 ef01 = wasm_i32x4_shuffle(e, f, 0, 4, 1, 5), ef23 = wasm_i32x4_shuffle(e, f, 2, 6, 3, 7);
      wasm_v128_store(d, wasm_i32x4_shuffle(ab01, ef01, 0, 1, 4, 5));
      wasm_v128_store(d + 8, wasm_i32x4_shuffle(ab01, ef01, 2, 3, 6, 7));
      wasm_v128_store(d + 16, wasm_i32x4_shuffle(ab23, ef23, 0, 1, 4, 5));
      wasm_v128_store(d + 24, wasm_i32x4_shuffle(ab23, ef23, 2, 3, 6, 7));
    }
    return;
  }
  float g[4][8];  // a partial tile (the last rows of W, or a last panel of fewer than 8 columns)
  wasm_v128_store(g[0], c00), wasm_v128_store(g[0] + 4, c01), wasm_v128_store(g[1], c10), wasm_v128_store(g[1] + 4, c11);
  wasm_v128_store(g[2], c20), wasm_v128_store(g[2] + 4, c21), wasm_v128_store(g[3], c30), wasm_v128_store(g[3] + 4, c31);
  for (int i = 0; i < rows; i++)
    for (int j = 0; j < w && j < 8; j++) {
      float v = (float)(o[(long)i * N + j] - u->lr * g[i][j]);
      o[(long)i * N + j] = v, d[j * 8 + i] = v;
    }
}

// out rows m ∈ [lo,hi) of out (M,N) = Aᵀ · Bm: Σ_k A[k][m] · Bm[k][n] over k in order, A as
// panels4 and Bm as panels8 pb floats apart (≥ K · 8) (lo a multiple of 4). Panel by panel, the rows' blocks inside, so each
// panel of Bm is read from memory once per call. With u (see tn_update) out is W, updated in place.
static inline void panel_tn_rows(float *out, const float *Ap, const float *Bp, long pb, int N, int K,
                                 int lo, int hi, const tn_update *u) {
  for (int n = 0; n < N; n += 8) {
    const float *bp = Bp + (long)(n / 8) * pb;
    int w = N - n;
    for (int m = lo; m < hi; m += 4) {
      const float *ap = Ap + (long)(m / 4) * K * 4;
      F4 z = wasm_f32x4_splat(0);
      F4 c00 = z, c01 = z, c10 = z, c11 = z, c20 = z, c21 = z, c30 = z, c31 = z;
      // walking pointers rather than indexing with k: in Chromium this loop ran at 46 against 33
      // GFLOP/s (a micro-benchmark of this tile in L1, medians of 7), and unrolled it was slower
      const float *ak = ap, *bk = bp, *const end = ap + (long)K * 4;
#pragma clang loop unroll(disable)
      for (; ak < end; ak += 4, bk += 8) TILE4X8_STEP(ak, 1, bk);
      if (u) {
        tn_apply(out, u, N, m, n, hi - m < 4 ? hi - m : 4, w, c00, c01, c10, c11, c20, c21, c30, c31);
        continue;
      }
      float *o = out + (long)m * N + n;
      store8(o, c00, c01, w);
      if (m + 1 < hi) store8(o + N, c10, c11, w);
      if (m + 2 < hi) store8(o + 2L * N, c20, c21, w);
      if (m + 3 < hi) store8(o + 3L * N, c30, c31, w);
    }
  }
}
