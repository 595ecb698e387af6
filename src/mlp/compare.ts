// What the per-kernel checks share (the C ones under Node, the WGSL ones in the browser): seeded
// random inputs and the one measure of agreement with the reference.

/** n floats uniform in [lo, hi). */
export function randomFloats(rand: () => number, n: number, lo: number, hi: number): Float32Array {
  return Float32Array.from({ length: n }, () => lo + (hi - lo) * rand());
}

/** n bytes uniform in [0, below). */
export function randomBytes(rand: () => number, n: number, below: number): Uint8Array {
  return Uint8Array.from({ length: n }, () => Math.floor(rand() * below));
}

/** max_i |a_i − b_i|; NaN when either side has a NaN (so it fails every tolerance). */
export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) return NaN;
  let m = 0;
  for (let i = 0; i < a.length; i++) {
    const d = Math.abs(a[i] - b[i]);
    if (!(d <= m)) m = d; // NaN-sticky
  }
  return m;
}
