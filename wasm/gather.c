// gather_batch: where batches are made. The training set stays bytes in the heap (47 MB, not 188);
// each batch's pixels become floats in [0, 1] here, split over the pool by rows.
#include "mlp.h"
#include "pool.h"
#include "rows.h"

#define PIXEL_MAX 255.0
#define PIXEL_VALUES 256

// byte → float, each value divided in double and rounded once, exactly as the reference does
static float pixel_scale[PIXEL_VALUES];
static int scale_ready = 0;

#ifdef __wasm_simd128__
#include <wasm_simd128.h>

// 8 pixels → 8 floats, each v · (1/255) in double rounded once to float: for every byte v this is
// the same float as (float)(v / 255.0) (v / 255 is never within double rounding of a midpoint
// between two floats; gather_init checks all 256 values and falls back to the table if not). It
// replaced f32x4.div, which gives the same floats but was the gather's bottleneck: a 1-thread epoch
// took 17 ms less (phase harness, 587.6 against 605.1 ms, medians of 9 alternated epochs). A float
// multiplication by 1/255 would be cheaper still, but is 1 ulp off for 126 of the 256 bytes.
static inline v128_t scale4(v128_t i32) {
  const v128_t inv = wasm_f64x2_splat(1.0 / PIXEL_MAX);
  v128_t lo = wasm_f32x4_demote_f64x2_zero(wasm_f64x2_mul(wasm_f64x2_convert_low_i32x4(i32), inv));
  v128_t hi = wasm_f32x4_demote_f64x2_zero(wasm_f64x2_mul(wasm_f64x2_convert_low_i32x4(wasm_i32x4_shuffle(i32, i32, 2, 3, 0, 1)), inv));
  return wasm_i32x4_shuffle(lo, hi, 0, 1, 4, 5);
}
static inline void scale8(float *d, const uint8_t *s) {
  v128_t u16 = wasm_u16x8_extend_low_u8x16(wasm_v128_load64_zero(s));
  wasm_v128_store(d, scale4(wasm_u32x4_extend_low_u16x8(u16)));
  wasm_v128_store(d + 4, scale4(wasm_u32x4_extend_high_u16x8(u16)));
}
static int scale8_exact = 0;
#endif

void gather_init(void) {
  if (scale_ready) return;
  for (int v = 0; v < PIXEL_VALUES; v++) pixel_scale[v] = (float)(v / PIXEL_MAX);
#ifdef __wasm_simd128__
  uint8_t bytes[PIXEL_VALUES];
  float got[PIXEL_VALUES];
  for (int v = 0; v < PIXEL_VALUES; v++) bytes[v] = (uint8_t)v;
  for (int v = 0; v < PIXEL_VALUES; v += 8) scale8(got + v, bytes + v);
  scale8_exact = 1;
  for (int v = 0; v < PIXEL_VALUES; v++) scale8_exact = scale8_exact && got[v] == pixel_scale[v];
#endif
  scale_ready = 1;
}

void gather_rows(float *x, uint8_t *targets, const uint8_t *images, const uint8_t *labels,
                 const uint32_t *indices, int start, int C, int lo, int hi) {
  for (int b = lo; b < hi; b++) {
    uint32_t n = indices[start + b];
    const uint8_t *img = images + (long)n * C;
    float *xb = x + (long)b * C;
    for (int c = 0; c < C; c++) xb[c] = pixel_scale[img[c]];
    targets[b] = labels[n];
  }
}

typedef struct {
  float *x;
  uint8_t *targets;
  const uint8_t *images, *labels;
  const uint32_t *indices;
  int start, C;
} gather_ctx;

#ifdef __wasm_simd128__
// The training set (47 MB) is far larger than the caches, and a batch's images are scattered in
// it. Converting one image takes longer than the processor looks ahead, so each image's first cache
// misses were paid one after another: 61 ms of a 636 ms epoch (1 thread, Chromium), against 27 ms
// with the images read in order. WebAssembly has no prefetch instruction, so one byte of every cache
// line of the rows' images is read first, in a loop that does nothing else: its loads are
// independent and their misses overlap (the gather then took 36 ms, this loop included).
static void touch_images(const uint8_t *images, const uint32_t *indices, int start, int C, int lo, int hi) {
  unsigned sum = 0;
  for (int b = lo; b < hi; b++) {
    const uint8_t *img = images + (long)indices[start + b] * C;
    for (int c = 0; c < C; c += 64) sum += img[c];
    sum += img[C - 1];
  }
  __asm__ volatile("" : : "r"(sum));  // the sum is "used", so the loads are not dropped
}

void gather8_rows(float *x8, uint8_t *targets, const uint8_t *images, const uint8_t *labels,
                  const uint32_t *indices, int start, int B, int C, int lo, int hi) {
  touch_images(images, indices, start, C, lo, hi);
  for (int b = lo; b < hi; b++) {
    uint32_t n = indices[start + b];
    const uint8_t *img = images + (long)n * C;
    int c = 0;
    if (scale8_exact)
      for (; c + 8 <= C; c += 8) scale8(x8 + (c / 8) * x8_stride(B) + b * 8, img + c);
    for (; c < C; c += 8) {  // the table: a last, partial panel (padding 0), or no exact division
      float *d = x8 + (c / 8) * x8_stride(B) + b * 8;
      for (int j = 0; j < 8; j++) d[j] = c + j < C ? pixel_scale[img[c + j]] : 0;
    }
    targets[b] = labels[n];
  }
}
#endif

static void gather_body(void *p, int lo, int hi) {
  gather_ctx *g = p;
  gather_rows(g->x, g->targets, g->images, g->labels, g->indices, g->start, g->C, lo, hi);
}

// x (B,C) = images[indices[start + b]] / 255 as floats in [0, 1]; targets (B) = labels[indices[start + b]]
void gather_batch(float *x, uint8_t *targets, const uint8_t *images, const uint8_t *labels,
                  const uint32_t *indices, int start, int B, int C) {
  gather_init();
  gather_ctx g = {x, targets, images, labels, indices, start, C};
  parallel_for_if((long)B * C, 0, B, gather_body, &g);
}
