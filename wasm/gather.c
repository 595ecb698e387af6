// gather_batch: where batches are made. The training set stays bytes in the heap (47 MB, not 188);
// each batch's pixels become floats in [0, 1] here, split over the pool by rows.
#include "mlp.h"
#include "pool.h"

#define PIXEL_MAX 255.0
#define PIXEL_VALUES 256

// byte → float, each value divided in double and rounded once, exactly as the reference does
static float pixel_scale[PIXEL_VALUES];
static int scale_ready = 0;

typedef struct {
  float *x;
  uint8_t *targets;
  const uint8_t *images, *labels;
  const uint32_t *indices;
  int start, C;
} gather_ctx;

static void gather_body(void *p, int lo, int hi) {
  gather_ctx *g = p;
  for (int b = lo; b < hi; b++) {
    uint32_t n = g->indices[g->start + b];
    const uint8_t *img = g->images + (long)n * g->C;
    float *x = g->x + (long)b * g->C;
    for (int c = 0; c < g->C; c++) x[c] = pixel_scale[img[c]];
    g->targets[b] = g->labels[n];
  }
}

// x (B,C) = images[indices[start + b]] / 255 as floats in [0, 1]; targets (B) = labels[indices[start + b]]
void gather_batch(float *x, uint8_t *targets, const uint8_t *images, const uint8_t *labels,
                  const uint32_t *indices, int start, int B, int C) {
  if (!scale_ready) {
    for (int v = 0; v < PIXEL_VALUES; v++) pixel_scale[v] = (float)(v / PIXEL_MAX);
    scale_ready = 1;
  }
  gather_ctx g = {x, targets, images, labels, indices, start, C};
  parallel_for_if((long)B * C, 0, B, gather_body, &g);
}
