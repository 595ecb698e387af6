// softmax_xent: B rows of V = 10 classes, too little work to be worth waking threads for on its
// own (training runs it inside the forward region, row block by row block: step.c); the
// exponentials are taken in double, as the JavaScript reference does. In the SIMD build they are
// taken two at a time (exp_f64x2 below): libm's scalar exp was most of the step's serial time.
#include <math.h>

#include "mlp.h"
#include "rows.h"

// Loss floor: -log(max(p, 1e-30)) keeps a zero probability from giving an infinite loss.
#define MIN_PROB 1e-30

#ifdef __wasm_simd128__
#include <wasm_simd128.h>

// Below this e^x is under 2^-1021; it is returned as 0. Every e^x here is divided by a sum ≥ 1 and
// rounded to float, where anything below 2^-150 is 0 either way, so the outputs do not change.
#define EXP_MIN -708.0

// e^x for x ≤ 0 in both lanes, in double: x = n·ln2 + r with |r| ≤ ln2/2 (Cody–Waite, ln2 split in
// two so n·ln2_hi is exact), e^r by its Taylor series to r^13 (truncation < 2^-60 relative), then
// scaled by 2^n built in the exponent bits. Against V8's Math.exp on 3·10⁶ random points of
// [-708, 0] (a JavaScript transcription of these steps): at most 1 ulp of double apart, 0.07 ulp on
// average; rounded to float after the division, the probabilities come out equal to the reference's
// (kernels.test.ts: softmax_xent, 0 difference, logits up to 160 apart).
// NaN stays NaN, -inf and x < EXP_MIN give 0.
static inline v128_t exp_f64x2(v128_t x) {
  const v128_t n = wasm_f64x2_nearest(wasm_f64x2_mul(x, wasm_f64x2_splat(1.4426950408889634)));
  v128_t r = wasm_f64x2_sub(x, wasm_f64x2_mul(n, wasm_f64x2_splat(6.93147180369123816490e-01)));
  r = wasm_f64x2_sub(r, wasm_f64x2_mul(n, wasm_f64x2_splat(1.90821492927058770002e-10)));
  static const double inv_fact[] = {
    1.0 / 6227020800.0, 1.0 / 479001600.0, 1.0 / 39916800.0, 1.0 / 3628800.0, 1.0 / 362880.0,
    1.0 / 40320.0, 1.0 / 5040.0, 1.0 / 720.0, 1.0 / 120.0, 1.0 / 24.0, 1.0 / 6.0, 0.5, 1.0, 1.0,
  };
  v128_t p = wasm_f64x2_splat(inv_fact[0]);
  for (int i = 1; i < (int)(sizeof inv_fact / sizeof inv_fact[0]); i++)
    p = wasm_f64x2_add(wasm_f64x2_mul(p, r), wasm_f64x2_splat(inv_fact[i]));
  // 2^n: n + 1023 in the exponent field (n ≥ -1021 here, so never a subnormal)
  v128_t e = wasm_i64x2_extend_low_i32x4(wasm_i32x4_trunc_sat_f64x2_zero(n));
  e = wasm_i64x2_shl(wasm_i64x2_add(e, wasm_i64x2_splat(1023)), 52);
  v128_t y = wasm_f64x2_mul(p, e);
  return wasm_v128_andnot(y, wasm_f64x2_lt(x, wasm_f64x2_splat(EXP_MIN)));
}
#endif

// probs (B,V) = softmax(logits); losses (B) = -log probs[target]; dlogits (B,V) = (probs - onehot) / norm
void softmax_xent(float *probs, float *losses, float *dlogits, const float *logits,
                  const uint8_t *targets, int B, int V, int norm) {
  softmax_xent_rows(probs, losses, dlogits, logits, targets, V, norm, 0, B);
}

void softmax_xent_rows(float *probs, float *losses, float *dlogits, const float *logits,
                       const uint8_t *targets, int V, int norm, int lo, int hi) {
  for (int b = lo; b < hi; b++) {
    const float *l = logits + (long)b * V;
    float *p = probs + (long)b * V, *d = dlogits + (long)b * V;
    double max = -INFINITY, sum = 0, e[V];  // e: each exponential taken once (exp is the cost here)
    for (int v = 0; v < V; v++) max = l[v] > max ? l[v] : max;
    int v = 0;
#ifdef __wasm_simd128__
    for (; v + 2 <= V; v += 2) {
      v128_t x = wasm_f64x2_make((double)l[v] - max, (double)l[v + 1] - max);
      wasm_v128_store(e + v, exp_f64x2(x));
    }
#endif
    for (; v < V; v++) e[v] = exp((double)l[v] - max);
    for (v = 0; v < V; v++) sum += e[v];  // in order, as the reference sums
    for (v = 0; v < V; v++) p[v] = (float)(e[v] / sum);
    int t = targets[b];
    double pt = p[t] > MIN_PROB ? p[t] : MIN_PROB;
    losses[b] = (float)-log(pt);
    for (v = 0; v < V; v++) d[v] = (float)(((double)p[v] - (v == t ? 1 : 0)) / norm);
  }
}
