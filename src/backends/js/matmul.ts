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

/** The transposed copies matmul_backward works on: doutT (OC·B), inpT (C·B), weightT (C·OC) floats at least. */
export interface BackwardScratch {
  doutT: Float32Array;
  inpT: Float32Array;
  weightT: Float32Array;
}

// dinp (B,C) = dout (B,OC) · weight (OC,C); dweight (OC,C) = doutᵀ · inp; dbias (OC) = Σ_b dout
// dinp may be null (the first layer has no use for it). Gradients are written, not accumulated.
// Both products run through matmul_forward's blocked kernel on transposed copies, so the summed
// dimension is contiguous and each sum still runs in the reference's order.
export function matmul_backward(
  dinp: Float32Array | null, dweight: Float32Array, dbias: Float32Array,
  dout: Float32Array, inp: Float32Array, weight: Float32Array,
  B: number, C: number, OC: number, t: BackwardScratch,
): void {
  transpose(t.doutT, dout, B, OC);
  transpose(t.inpT, inp, B, C);
  matmul_forward(dweight, t.doutT, t.inpT, null, OC, B, C);
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
function sum_rows(out: Float32Array, inp: Float32Array, R: number, C: number): void {
  for (let c = 0; c < C; c++) {
    let s = 0;
    for (let r = 0; r < R; r++) s += inp[r * C + c];
    out[c] = s;
  }
}
