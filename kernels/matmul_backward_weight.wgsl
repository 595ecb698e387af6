// matmul_backward_weight: dweight (OC,C) = dout (B,OCp)ᵀ · inp (B,Cp); dbias (OC) = Σ_b dout
// B = rows of this batch, OC = outputs, C = inputs; OCp and Cp are rounded up to 4 (padding 0).
// Used twice per step: layer 2 (dout = dlogits, inp = hidden) and layer 1 (dout = dhidden,
// inp = the batch). Each invocation owns an 8×4 block of dweight (8 outputs × 4 inputs) and walks
// the batch adding the outer product of 8 values of dout and 4 of inp: 3 vector loads feed 32
// multiply-adds, all in registers. The first column of blocks also sums dout into dbias.
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

@compute @workgroup_size(WG)
fn matmul_backward_weight(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) groups: vec3u) {
  let tile = gid.x + gid.y * groups.x * WG;
  let cVecs = (C + 3u) / 4u;  // vec4s per row of inp
  let oVecs = (OC + 3u) / 4u; // vec4s per row of dout
  let ot = tile / cVecs;       // block of 8 outputs
  let ct = tile % cVecs;       // block of 4 inputs
  if (ot >= (OC + 7u) / 8u) {
    return;
  }
  let q0 = 2u * ot;
  let q1 = min(2u * ot + 1u, oVecs - 1u); // past the end it repeats q0's row, never stored
  var a0 = vec4f(0.0); // dweight[o0 + 0][c0 .. c0+3]
  var a1 = vec4f(0.0);
  var a2 = vec4f(0.0);
  var a3 = vec4f(0.0);
  var a4 = vec4f(0.0);
  var a5 = vec4f(0.0);
  var a6 = vec4f(0.0);
  var a7 = vec4f(0.0);
  var db0 = vec4f(0.0); // dbias[o0 .. o0+3]
  var db1 = vec4f(0.0); // dbias[o0+4 .. o0+7]
  for (var b = 0u; b < step.rows; b++) {
    let d0 = dout[b * oVecs + q0];
    let d1 = dout[b * oVecs + q1];
    let x = inp[b * cVecs + ct];
    a0 += d0.x * x;
    a1 += d0.y * x;
    a2 += d0.z * x;
    a3 += d0.w * x;
    a4 += d1.x * x;
    a5 += d1.y * x;
    a6 += d1.z * x;
    a7 += d1.w * x;
    db0 += d0;
    db1 += d1;
  }
  let o0 = ot * 8u;
  let c0 = ct * 4u;
  let acc = array<vec4f, 8>(a0, a1, a2, a3, a4, a5, a6, a7);
  let db = array<vec4f, 2>(db0, db1);
  for (var j = 0u; j < 8u; j++) {
    let o = o0 + j;
    if (o < OC) {
      for (var m = 0u; m < 4u; m++) {
        if (c0 + m < C) {
          grads[W_OFFSET + o * C + c0 + m] = acc[j][m];
        }
      }
      if (ct == 0u) {
        grads[B_OFFSET + o] = db[j / 4u][j % 4u];
      }
    }
  }
}
