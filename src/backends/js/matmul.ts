// The fast JS kernel: out (M,N) = init + A (M,K) · B (N,K)ᵀ, both operands row-major with K contiguous.
// Register-blocked 4 rows × 2 columns: each loaded A value is used twice and each B value four times.
// Every output keeps ONE accumulator summed over k in order, exactly as the reference loops do,
// so results match the reference bit for bit (JS accumulates in float64 in both).

export function matmul_nt(
  out: Float32Array, A: Float32Array, B: Float32Array, bias: Float32Array | null,
  M: number, N: number, K: number,
): void {
  let m = 0;
  for (; m + 4 <= M; m += 4) {
    const a0 = m * K, a1 = a0 + K, a2 = a1 + K, a3 = a2 + K;
    let n = 0;
    for (; n + 2 <= N; n += 2) {
      const b0 = n * K, b1 = b0 + K;
      const i0 = bias ? bias[n] : 0, i1 = bias ? bias[n + 1] : 0;
      let s00 = i0, s01 = i1, s10 = i0, s11 = i1, s20 = i0, s21 = i1, s30 = i0, s31 = i1;
      for (let k = 0; k < K; k++) {
        const w0 = B[b0 + k], w1 = B[b1 + k];
        const x0 = A[a0 + k], x1 = A[a1 + k], x2 = A[a2 + k], x3 = A[a3 + k];
        s00 += x0 * w0; s01 += x0 * w1;
        s10 += x1 * w0; s11 += x1 * w1;
        s20 += x2 * w0; s21 += x2 * w1;
        s30 += x3 * w0; s31 += x3 * w1;
      }
      out[m * N + n] = s00; out[m * N + n + 1] = s01;
      out[(m + 1) * N + n] = s10; out[(m + 1) * N + n + 1] = s11;
      out[(m + 2) * N + n] = s20; out[(m + 2) * N + n + 1] = s21;
      out[(m + 3) * N + n] = s30; out[(m + 3) * N + n + 1] = s31;
    }
    for (; n < N; n++) {
      const b0 = n * K;
      const i0 = bias ? bias[n] : 0;
      let s0 = i0, s1 = i0, s2 = i0, s3 = i0;
      for (let k = 0; k < K; k++) {
        const w = B[b0 + k];
        s0 += A[a0 + k] * w; s1 += A[a1 + k] * w; s2 += A[a2 + k] * w; s3 += A[a3 + k] * w;
      }
      out[m * N + n] = s0; out[(m + 1) * N + n] = s1; out[(m + 2) * N + n] = s2; out[(m + 3) * N + n] = s3;
    }
  }
  for (; m < M; m++) {
    const a0 = m * K;
    for (let n = 0; n < N; n++) {
      const b0 = n * K;
      let s = bias ? bias[n] : 0;
      for (let k = 0; k < K; k++) s += A[a0 + k] * B[b0 + k];
      out[m * N + n] = s;
    }
  }
}

/** out (C,R) = inp (R,C)ᵀ */
export function transpose(out: Float32Array, inp: Float32Array, R: number, C: number): void {
  for (let r = 0; r < R; r++) {
    const row = r * C;
    for (let c = 0; c < C; c++) out[c * R + r] = inp[row + c];
  }
}

/** out (C) = Σ_r inp (R,C), summed over r in order (the reference's order). */
export function sum_rows(out: Float32Array, inp: Float32Array, R: number, C: number): void {
  for (let c = 0; c < C; c++) {
    let s = 0;
    for (let r = 0; r < R; r++) s += inp[r * C + c];
    out[c] = s;
  }
}
