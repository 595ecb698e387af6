// matmul_backward_weight: dweight (OC,C) = dout (B,OCp)ᵀ · inp (B,Cp); dbias (OC) = Σ_b dout
// B = rows of this batch, OC = outputs, C = inputs; OCp and Cp are rounded up to 4 (padding 0).
// Used twice per step: layer 2 (dout = dlogits, inp = hidden) and layer 1 (dout = dhidden,
// inp = the batch). Each invocation owns a 16×4 block of dweight (16 outputs × 4 inputs, as four
// 4×4 matrices in registers) and walks the batch adding outer products: 5 vector loads feed 64
// multiply-adds. The invocations of the first column of blocks then walk the batch once more to
// sum dout into dbias (a branch outside the hot loop, taken by 1 invocation in C/4).
// Gradients are written, not accumulated (as in the reference).

struct Step {
  start: u32,
  rows: u32, // B
  index: u32,
  lr: f32,
}

@group(0) @binding(0) var<uniform> step: Step;
@group(0) @binding(1) var<storage, read> dout: array<vec4f>;      // (B, OCp/4)
@group(0) @binding(2) var<storage, read> inp: array<vec4f>;       // (B, Cp/4)
@group(0) @binding(3) var<storage, read_write> grads: array<f32>; // flat gradients, same layout as params

override C: u32;
override OC: u32;
override W_OFFSET: u32; // first float of dweight (OC,C) in grads
override B_OFFSET: u32; // first float of dbias (OC) in grads
override WG: u32 = 64;

// column j of the result is d[j] · x: 4 rows of dweight, 4 inputs each
fn outer(d: vec4f, x: vec4f) -> mat4x4f {
  return mat4x4f(d.x * x, d.y * x, d.z * x, d.w * x);
}

@compute @workgroup_size(WG)
fn matmul_backward_weight(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) groups: vec3u) {
  let tile = gid.x + gid.y * groups.x * WG;
  let cVecs = (C + 3u) / 4u;  // vec4s per row of inp
  let oVecs = (OC + 3u) / 4u; // vec4s per row of dout
  let ot = tile / cVecs;      // block of 16 outputs
  let ct = tile % cVecs;      // block of 4 inputs
  if (ot >= (OC + 15u) / 16u) {
    return;
  }
  // past the last output, loads repeat the last vec4 of the row: computed, never stored
  let q0 = min(4u * ot, oVecs - 1u);
  let q1 = min(4u * ot + 1u, oVecs - 1u);
  let q2 = min(4u * ot + 2u, oVecs - 1u);
  let q3 = min(4u * ot + 3u, oVecs - 1u);
  var m0 = mat4x4f(); // dweight[o0 + 0 .. o0 + 3][c0 .. c0 + 3]
  var m1 = mat4x4f(); // dweight[o0 + 4 .. o0 + 7][…]
  var m2 = mat4x4f();
  var m3 = mat4x4f();
  for (var b = 0u; b < step.rows; b++) {
    let row = b * oVecs;
    let d0 = dout[row + q0];
    let d1 = dout[row + q1];
    let d2 = dout[row + q2];
    let d3 = dout[row + q3];
    let x = inp[b * cVecs + ct];
    m0 += outer(d0, x);
    m1 += outer(d1, x);
    m2 += outer(d2, x);
    m3 += outer(d3, x);
  }
  let o0 = ot * 16u;
  let c0 = ct * 4u;
  let acc = array<mat4x4f, 4>(m0, m1, m2, m3);
  for (var j = 0u; j < 16u; j++) {
    let o = o0 + j;
    if (o < OC) {
      let w = acc[j / 4u][j % 4u];
      for (var m = 0u; m < 4u; m++) {
        if (c0 + m < C) {
          grads[W_OFFSET + o * C + c0 + m] = w[m];
        }
      }
    }
  }
  if (ct == 0u) {
    var db = array<vec4f, 4>(); // dbias[o0 .. o0 + 15]
    for (var b = 0u; b < step.rows; b++) {
      let row = b * oVecs;
      db[0] += dout[row + q0];
      db[1] += dout[row + q1];
      db[2] += dout[row + q2];
      db[3] += dout[row + q3];
    }
    for (var j = 0u; j < 16u; j++) {
      if (o0 + j < OC) {
        grads[B_OFFSET + o0 + j] = db[j / 4u][j % 4u];
      }
    }
  }
}
