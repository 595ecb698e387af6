// matmul_forward_relu: out (B,OCp) = relu(inp (B,C) · weight (OC,C)ᵀ + bias (OC)); columns ≥ OC are 0
// B = rows of this batch, C = inputs (a multiple of 4), OC = outputs, OCp = OC rounded up to 4.
// Register tiling: each invocation computes a 4×4 block of out (4 samples × 4 outputs) in
// registers, reading rows of inp and weight four floats at a time. Every value loaded is used
// four times, and there is no workgroup memory and no barrier (a CPU-emulated GPU pays dearly
// for barriers; a real GPU would stage tiles in workgroup memory instead).

struct Step {
  start: u32,
  rows: u32, // B
  index: u32,
  lr: f32,
}

@group(0) @binding(0) var<uniform> step: Step;
@group(0) @binding(1) var<storage, read> inp: array<vec4f>;        // (B, C/4)
@group(0) @binding(2) var<storage, read> params: array<vec4f>;     // flat parameters (weight at W_OFFSET)
@group(0) @binding(3) var<storage, read_write> out: array<vec4f>;  // (B, OCp/4)

override C: u32;
override OC: u32;
override W_OFFSET: u32;  // first float of weight (OC,C) in params; a multiple of 4
override B_OFFSET: u32;  // first float of bias (OC) in params
override WG: u32 = 64;

fn bias(o: u32) -> f32 {
  let i = B_OFFSET + min(o, OC - 1u);
  return params[i / 4u][i % 4u];
}

@compute @workgroup_size(WG)
fn matmul_forward_relu(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) groups: vec3u) {
  let tile = gid.x + gid.y * groups.x * WG;
  let oTiles = (OC + 3u) / 4u;
  let b0 = (tile / oTiles) * 4u;
  let o0 = (tile % oTiles) * 4u;
  let B = step.rows;
  if (b0 >= B) {
    return;
  }
  let K = C / 4u; // vec4s per row
  // rows past the end are clamped for loading (their results are never stored)
  let x0 = min(b0, B - 1u) * K;
  let x1 = min(b0 + 1u, B - 1u) * K;
  let x2 = min(b0 + 2u, B - 1u) * K;
  let x3 = min(b0 + 3u, B - 1u) * K;
  let w = W_OFFSET / 4u;
  let w0 = w + min(o0, OC - 1u) * K;
  let w1 = w + min(o0 + 1u, OC - 1u) * K;
  let w2 = w + min(o0 + 2u, OC - 1u) * K;
  let w3 = w + min(o0 + 3u, OC - 1u) * K;
  var acc0 = vec4f(0.0);
  var acc1 = vec4f(0.0);
  var acc2 = vec4f(0.0);
  var acc3 = vec4f(0.0);
  for (var k = 0u; k < K; k++) {
    let a = params[w0 + k];
    let b = params[w1 + k];
    let c = params[w2 + k];
    let d = params[w3 + k];
    let i0 = inp[x0 + k];
    let i1 = inp[x1 + k];
    let i2 = inp[x2 + k];
    let i3 = inp[x3 + k];
    acc0 += vec4f(dot(i0, a), dot(i0, b), dot(i0, c), dot(i0, d));
    acc1 += vec4f(dot(i1, a), dot(i1, b), dot(i1, c), dot(i1, d));
    acc2 += vec4f(dot(i2, a), dot(i2, b), dot(i2, c), dot(i2, d));
    acc3 += vec4f(dot(i3, a), dot(i3, b), dot(i3, c), dot(i3, d));
  }
  let bv = vec4f(bias(o0), bias(o0 + 1u), bias(o0 + 2u), bias(o0 + 3u));
  // outputs past OC are padding: written as 0 so later kernels may read whole vec4s
  let live = vec4<bool>(o0 < OC, o0 + 1u < OC, o0 + 2u < OC, o0 + 3u < OC);
  let zero = vec4f(0.0);
  let row = (OC + 3u) / 4u;
  let t = o0 / 4u;
  out[b0 * row + t] = select(zero, max(acc0 + bv, zero), live);
  if (b0 + 1u < B) { out[(b0 + 1u) * row + t] = select(zero, max(acc1 + bv, zero), live); }
  if (b0 + 2u < B) { out[(b0 + 2u) * row + t] = select(zero, max(acc2 + bv, zero), live); }
  if (b0 + 3u < B) { out[(b0 + 3u) * row + t] = select(zero, max(acc3 + bv, zero), live); }
}
