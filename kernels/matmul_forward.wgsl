// matmul_forward: out (B,OCp) = inp (B,Cp) · weight (OC,C)ᵀ + bias (OC); columns ≥ OC are 0
// B = rows of this batch, C = inputs, Cp = C rounded up to 4 (inp's padding columns hold 0),
// OC = outputs, OCp = OC rounded up to 4. The output layer: OC = 10 classes, C = hidden units.
// Each invocation computes 4 samples × 4 outputs in registers. The weight rows start anywhere
// (W2 follows W1 and b1), so weights are read one float at a time, guarded at the row's end.

struct Step {
  start: u32,
  rows: u32, // B
  index: u32,
  lr: f32,
}

@group(0) @binding(0) var<uniform> step: Step;
@group(0) @binding(1) var<storage, read> inp: array<vec4f>;        // (B, Cp/4)
@group(0) @binding(2) var<storage, read> params: array<f32>;       // flat parameters
@group(0) @binding(3) var<storage, read_write> out: array<vec4f>;  // (B, OCp/4)

override C: u32;
override OC: u32;
override W_OFFSET: u32;  // first float of weight (OC,C) in params
override B_OFFSET: u32;  // first float of bias (OC) in params
override WG: u32 = 64;

// weight[o][c .. c+3] with columns past C (and rows past OC) read as 0
fn weight4(o: u32, c: u32) -> vec4f {
  if (o >= OC) {
    return vec4f(0.0);
  }
  let r = W_OFFSET + o * C;
  return vec4f(
    select(0.0, params[r + min(c, C - 1u)], c < C),
    select(0.0, params[r + min(c + 1u, C - 1u)], c + 1u < C),
    select(0.0, params[r + min(c + 2u, C - 1u)], c + 2u < C),
    select(0.0, params[r + min(c + 3u, C - 1u)], c + 3u < C),
  );
}

fn bias(o: u32) -> f32 {
  return select(0.0, params[B_OFFSET + min(o, OC - 1u)], o < OC);
}

@compute @workgroup_size(WG)
fn matmul_forward(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) groups: vec3u) {
  let tile = gid.x + gid.y * groups.x * WG;
  let oTiles = (OC + 3u) / 4u;
  let b0 = (tile / oTiles) * 4u;
  let o0 = (tile % oTiles) * 4u;
  let B = step.rows;
  if (b0 >= B) {
    return;
  }
  let K = (C + 3u) / 4u; // vec4s per row of inp
  let x0 = min(b0, B - 1u) * K;
  let x1 = min(b0 + 1u, B - 1u) * K;
  let x2 = min(b0 + 2u, B - 1u) * K;
  let x3 = min(b0 + 3u, B - 1u) * K;
  var acc0 = vec4f(0.0);
  var acc1 = vec4f(0.0);
  var acc2 = vec4f(0.0);
  var acc3 = vec4f(0.0);
  for (var k = 0u; k < K; k++) {
    let a = weight4(o0, 4u * k);
    let b = weight4(o0 + 1u, 4u * k);
    let c = weight4(o0 + 2u, 4u * k);
    let d = weight4(o0 + 3u, 4u * k);
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
  let row = oTiles;
  let t = o0 / 4u;
  // padding outputs get weight 0 and bias 0, so they come out as 0
  out[b0 * row + t] = acc0 + bv;
  if (b0 + 1u < B) { out[(b0 + 1u) * row + t] = acc1 + bv; }
  if (b0 + 2u < B) { out[(b0 + 2u) * row + t] = acc2 + bv; }
  if (b0 + 3u < B) { out[(b0 + 3u) * row + t] = acc3 + bv; }
}
