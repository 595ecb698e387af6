// The sequential-C kernels: the reference's loops, written as any C programmer would, with the
// innermost loop walking memory contiguously. Compiled without -msimd128 (no vector code at all).
// Each output is summed over k in order in float32, like the SIMD kernels' lanes.

// out rows m ∈ [lo,hi) of out (M,N) = A (M,K) · W (N,K)ᵀ + bias (N)
static void nt_rows(float *out, const float *A, const float *W, const float *bias,
                    int N, int K, int lo, int hi) {
  for (int m = lo; m < hi; m++) {
    const float *a = A + (long)m * K;
    for (int n = 0; n < N; n++) {
      const float *w = W + (long)n * K;
      float sum = bias[n];
      for (int k = 0; k < K; k++) sum += a[k] * w[k];
      out[(long)m * N + n] = sum;
    }
  }
}

// out rows m ∈ [lo,hi) of out (M,N) = Σ_k A[m·sam + k·sak] · Bm (K,N)[k][n]
// (sam, sak) = (K, 1) reads A as (M,K); (1, M) reads it transposed, so one kernel does A·B and Aᵀ·B.
static void bcast_rows(float *out, const float *A, int sam, int sak, const float *Bm,
                       int N, int K, int lo, int hi) {
  for (int m = lo; m < hi; m++) {
    float *o = out + (long)m * N;
    for (int n = 0; n < N; n++) o[n] = 0;
    for (int k = 0; k < K; k++) {
      float a = A[(long)m * sam + (long)k * sak];
      const float *b = Bm + (long)k * N;
      for (int n = 0; n < N; n++) o[n] += a * b[n];
    }
  }
}
