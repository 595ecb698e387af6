// The SGD update of 4 floats, shared by sgd_range and the weight-gradient kernel that applies its
// tiles at once (kernels_simd.h).
#ifndef SGD_SIMD_H
#define SGD_SIMD_H
#include <wasm_simd128.h>

// p − rate·g for 4 floats, each in double: promote, multiply, subtract, round to float once (the
// scalar `(float)(p - lr * g)`, so the SIMD and the scalar update give the same bits)
static inline v128_t sgd4(v128_t p, v128_t g, v128_t rate) {
  v128_t lo2 = wasm_f64x2_sub(wasm_f64x2_promote_low_f32x4(p), wasm_f64x2_mul(rate, wasm_f64x2_promote_low_f32x4(g)));
  p = wasm_i32x4_shuffle(p, p, 2, 3, 0, 1), g = wasm_i32x4_shuffle(g, g, 2, 3, 0, 1);
  v128_t hi2 = wasm_f64x2_sub(wasm_f64x2_promote_low_f32x4(p), wasm_f64x2_mul(rate, wasm_f64x2_promote_low_f32x4(g)));
  v128_t a = wasm_f32x4_demote_f64x2_zero(lo2), b = wasm_f32x4_demote_f64x2_zero(hi2);
  return wasm_i32x4_shuffle(a, b, 0, 1, 4, 5);
}

#endif
