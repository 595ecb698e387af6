// The fast JS twins of the reference's matmul_forward and matmul_backward (same names, same
// argument order). Sizes: B = rows (samples), C = inputs, OC = outputs; weights are "out × in".
// The kernel is register-blocked 4 rows × 2 outputs: each loaded input is used twice and each
// weight four times. Every output keeps ONE accumulator summed over c in order, exactly as the
// reference loops do, so results match the reference bit for bit (JS accumulates in float64 in both).

// out (B,OC) = inp (B,C) · weight (OC,C)ᵀ + bias (OC); a null bias adds nothing
export function matmul_forward(
  out: Float32Array, inp: Float32Array, weight: Float32Array, bias: Float32Array | null,
  B: number, C: number, OC: number,
): void {
  let b = 0;
  for (; b + 4 <= B; b += 4) {
    const a0 = b * C, a1 = a0 + C, a2 = a1 + C, a3 = a2 + C;
    let o = 0;
    for (; o + 2 <= OC; o += 2) {
      const w0 = o * C, w1 = w0 + C;
      const i0 = bias ? bias[o] : 0, i1 = bias ? bias[o + 1] : 0;
      let s00 = i0, s01 = i1, s10 = i0, s11 = i1, s20 = i0, s21 = i1, s30 = i0, s31 = i1;
      for (let c = 0; c < C; c++) {
        const v0 = weight[w0 + c], v1 = weight[w1 + c];
        const x0 = inp[a0 + c], x1 = inp[a1 + c], x2 = inp[a2 + c], x3 = inp[a3 + c];
        s00 += x0 * v0; s01 += x0 * v1;
        s10 += x1 * v0; s11 += x1 * v1;
        s20 += x2 * v0; s21 += x2 * v1;
        s30 += x3 * v0; s31 += x3 * v1;
      }
      out[b * OC + o] = s00; out[b * OC + o + 1] = s01;
      out[(b + 1) * OC + o] = s10; out[(b + 1) * OC + o + 1] = s11;
      out[(b + 2) * OC + o] = s20; out[(b + 2) * OC + o + 1] = s21;
      out[(b + 3) * OC + o] = s30; out[(b + 3) * OC + o + 1] = s31;
    }
    for (; o < OC; o++) {
      const w0 = o * C;
      const i0 = bias ? bias[o] : 0;
      let s0 = i0, s1 = i0, s2 = i0, s3 = i0;
      for (let c = 0; c < C; c++) {
        const v = weight[w0 + c];
        s0 += inp[a0 + c] * v; s1 += inp[a1 + c] * v; s2 += inp[a2 + c] * v; s3 += inp[a3 + c] * v;
      }
      out[b * OC + o] = s0; out[(b + 1) * OC + o] = s1; out[(b + 2) * OC + o] = s2; out[(b + 3) * OC + o] = s3;
    }
  }
  for (; b < B; b++) {
    const a0 = b * C;
    for (let o = 0; o < OC; o++) {
      const w0 = o * C;
      let s = bias ? bias[o] : 0;
      for (let c = 0; c < C; c++) s += inp[a0 + c] * weight[w0 + c];
      out[b * OC + o] = s;
    }
  }
}

/**
 * out (R,C) = a (B,R)ᵀ · x (B,C): each output ONE accumulator summed over b in order, as
 * matmul_forward on the two transposed copies sums it, so the result is the same bit for bit; the
 * rows of `a` and `x` are read in place (a stride of R and C floats per step), with no transposes.
 * Register-blocked 4 rows of the output × 2 columns, as matmul_forward. Only rows [r0, r1) of out
 * when given: each output is the same sum however the rows are cut.
 */
export function matmul_tn(out: Float32Array, a: Float32Array, x: Float32Array, B: number, R: number, C: number, r0 = 0, r1 = R): void {
  let r = r0;
  for (; r + 4 <= r1; r += 4) {
    let c = 0;
    for (; c + 2 <= C; c += 2) {
      let s00 = 0, s01 = 0, s10 = 0, s11 = 0, s20 = 0, s21 = 0, s30 = 0, s31 = 0;
      for (let b = 0, ia = r, ix = c; b < B; b++, ia += R, ix += C) {
        const x0 = x[ix], x1 = x[ix + 1];
        const a0 = a[ia], a1 = a[ia + 1], a2 = a[ia + 2], a3 = a[ia + 3];
        s00 += a0 * x0; s01 += a0 * x1;
        s10 += a1 * x0; s11 += a1 * x1;
        s20 += a2 * x0; s21 += a2 * x1;
        s30 += a3 * x0; s31 += a3 * x1;
      }
      out[r * C + c] = s00; out[r * C + c + 1] = s01;
      out[(r + 1) * C + c] = s10; out[(r + 1) * C + c + 1] = s11;
      out[(r + 2) * C + c] = s20; out[(r + 2) * C + c + 1] = s21;
      out[(r + 3) * C + c] = s30; out[(r + 3) * C + c + 1] = s31;
    }
    for (; c < C; c++) {
      let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
      for (let b = 0, ia = r, ix = c; b < B; b++, ia += R, ix += C) {
        const v = x[ix];
        s0 += a[ia] * v; s1 += a[ia + 1] * v; s2 += a[ia + 2] * v; s3 += a[ia + 3] * v;
      }
      out[r * C + c] = s0; out[(r + 1) * C + c] = s1; out[(r + 2) * C + c] = s2; out[(r + 3) * C + c] = s3;
    }
  }
  for (; r < r1; r++) {
    for (let c = 0; c < C; c++) {
      let s = 0;
      for (let b = 0, ia = r, ix = c; b < B; b++, ia += R, ix += C) s += a[ia] * x[ix];
      out[r * C + c] = s;
    }
  }
}

/** The transposed copy matmul_backward's dinp works on: weightT, C·OC floats at least. */
export interface BackwardScratch {
  weightT: Float32Array;
}

// dinp (B,C) = dout (B,OC) · weight (OC,C); dweight (OC,C) = doutᵀ · inp; dbias (OC) = Σ_b dout
// dinp may be null (the first layer has no use for it). Gradients are written, not accumulated.
// dweight runs through matmul_tn on dout and inp as they are (it used to transpose both first, for
// matmul_forward; in place it is about 2% faster per js step, measured in Node on 128-sample
// batches), dinp through matmul_forward on a transposed copy of the weights. Each sum still runs in
// the reference's order.
export function matmul_backward(
  dinp: Float32Array | null, dweight: Float32Array, dbias: Float32Array,
  dout: Float32Array, inp: Float32Array, weight: Float32Array,
  B: number, C: number, OC: number, t: BackwardScratch,
): void {
  matmul_tn(dweight, dout, inp, B, OC, C);
  sum_rows(dbias, dout, B, OC);
  if (dinp) {
    transpose(t.weightT, weight, OC, C);
    matmul_forward(dinp, dout, t.weightT, null, B, OC, C);
  }
}

/** out (C,R) = inp (R,C)ᵀ */
function transpose(out: Float32Array, inp: Float32Array, R: number, C: number): void {
  transpose_into(out, inp, R, C, R, 0);
}

/**
 * Columns [off, off + R) of out (C, ld) = inp (R,C)ᵀ: a block of rows (one worker's shard of a
 * batch of ld samples) written transposed into its place in the batch's transposed matrix.
 */
export function transpose_into(out: Float32Array, inp: Float32Array, R: number, C: number, ld: number, off: number): void {
  for (let r = 0; r < R; r++) {
    const row = r * C, col = off + r;
    for (let c = 0; c < C; c++) out[c * ld + col] = inp[row + c];
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
