// matmul_forward_relu: out (B,OCp) = relu(inp (B,C) · weight (OC,C)ᵀ + bias (OC)); columns ≥ OC are 0
// B = rows of this batch, C = inputs (a multiple of 4), OC = outputs, OCp = OC rounded up to 4.
// Register tiling: each invocation computes a 4×8 block of out (4 samples × 8 outputs) in
// registers, reading rows of inp and weight four floats at a time: 12 vector loads feed 128
// multiply-adds. No workgroup memory and no barrier (a CPU-emulated GPU pays dearly for
// barriers; a real GPU would also stage tiles in workgroup memory).

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

// one sample's 4 inputs against 4 weight rows: 4 of the sample's outputs
fn dot4(x: vec4f, a: vec4f, b: vec4f, c: vec4f, d: vec4f) -> vec4f {
  return vec4f(dot(x, a), dot(x, b), dot(x, c), dot(x, d));
}

// the 4 outputs o .. o+3 of one row of out: bias added, ReLU, padding columns zeroed
fn finish(acc: vec4f, o: u32) -> vec4f {
  let b = vec4f(bias(o), bias(o + 1u), bias(o + 2u), bias(o + 3u));
  let live = vec4<bool>(o < OC, o + 1u < OC, o + 2u < OC, o + 3u < OC);
  return select(vec4f(0.0), max(acc + b, vec4f(0.0)), live);
}

fn store(b: u32, row: u32, t: u32, second: bool, a: vec4f, e: vec4f, o0: u32) {
  out[b * row + t] = finish(a, o0);
  if (second) {
    out[b * row + t + 1u] = finish(e, o0 + 4u);
  }
}

@compute @workgroup_size(WG)
fn matmul_forward_relu(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) groups: vec3u) {
  let tile = gid.x + gid.y * groups.x * WG;
  let oTiles = (OC + 7u) / 8u;
  let b0 = (tile / oTiles) * 4u;
  let o0 = (tile % oTiles) * 8u;
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
  let r0 = w + min(o0, OC - 1u) * K;
  let r1 = w + min(o0 + 1u, OC - 1u) * K;
  let r2 = w + min(o0 + 2u, OC - 1u) * K;
  let r3 = w + min(o0 + 3u, OC - 1u) * K;
  let r4 = w + min(o0 + 4u, OC - 1u) * K;
  let r5 = w + min(o0 + 5u, OC - 1u) * K;
  let r6 = w + min(o0 + 6u, OC - 1u) * K;
  let r7 = w + min(o0 + 7u, OC - 1u) * K;
  var a0 = vec4f(0.0); // out[b0][o0 .. o0+3]
  var e0 = vec4f(0.0); // out[b0][o0+4 .. o0+7]
  var a1 = vec4f(0.0);
  var e1 = vec4f(0.0);
  var a2 = vec4f(0.0);
  var e2 = vec4f(0.0);
  var a3 = vec4f(0.0);
  var e3 = vec4f(0.0);
  for (var k = 0u; k < K; k++) {
    let w0 = params[r0 + k];
    let w1 = params[r1 + k];
    let w2 = params[r2 + k];
    let w3 = params[r3 + k];
    let w4 = params[r4 + k];
    let w5 = params[r5 + k];
    let w6 = params[r6 + k];
    let w7 = params[r7 + k];
    let i0 = inp[x0 + k];
    a0 += dot4(i0, w0, w1, w2, w3);
    e0 += dot4(i0, w4, w5, w6, w7);
    let i1 = inp[x1 + k];
    a1 += dot4(i1, w0, w1, w2, w3);
    e1 += dot4(i1, w4, w5, w6, w7);
    let i2 = inp[x2 + k];
    a2 += dot4(i2, w0, w1, w2, w3);
    e2 += dot4(i2, w4, w5, w6, w7);
    let i3 = inp[x3 + k];
    a3 += dot4(i3, w0, w1, w2, w3);
    e3 += dot4(i3, w4, w5, w6, w7);
  }
  let row = (OC + 3u) / 4u; // vec4s per row of out
  let t = o0 / 4u;
  let second = t + 1u < row; // the block's last 4 outputs exist (OC may end mid-block)
  store(b0, row, t, second, a0, e0, o0);
  if (b0 + 1u < B) { store(b0 + 1u, row, t, second, a1, e1, o0); }
  if (b0 + 2u < B) { store(b0 + 2u, row, t, second, a2, e2, o0); }
  if (b0 + 3u < B) { store(b0 + 3u, row, t, second, a3, e3, o0); }
}
