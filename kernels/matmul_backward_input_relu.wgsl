// matmul_backward_input_relu: dinp (B,Cp) = (dout (B,OCp) · weight (OC,C)) ⊙ [inp > 0]
// Backprop through the output layer and the ReLU in one pass: inp is that layer's input, the
// hidden activations after ReLU, so inp > 0 is exactly where the ReLU let the gradient through.
// B = rows of this batch, C = hidden units, Cp = C rounded up to 4, OC = classes (10), OCp = OC
// rounded up to 4. Each invocation computes 4 samples × 4 hidden units in registers.

struct Step {
  start: u32,
  rows: u32, // B
  index: u32,
  lr: f32,
}

@group(0) @binding(0) var<uniform> step: Step;
@group(0) @binding(1) var<storage, read> dout: array<f32>;          // (B, OCp)
@group(0) @binding(2) var<storage, read> inp: array<vec4f>;         // (B, Cp/4) hidden activations
@group(0) @binding(3) var<storage, read> params: array<f32>;        // flat parameters
@group(0) @binding(4) var<storage, read_write> dinp: array<vec4f>;  // (B, Cp/4)

override C: u32;
override OC: u32;
override W_OFFSET: u32; // first float of weight (OC,C) in params
override WG: u32 = 64;

// weight[o][c .. c+3], columns past C read as 0
fn weight4(o: u32, c: u32) -> vec4f {
  let r = W_OFFSET + o * C;
  return vec4f(
    select(0.0, params[r + min(c, C - 1u)], c < C),
    select(0.0, params[r + min(c + 1u, C - 1u)], c + 1u < C),
    select(0.0, params[r + min(c + 2u, C - 1u)], c + 2u < C),
    select(0.0, params[r + min(c + 3u, C - 1u)], c + 3u < C),
  );
}

@compute @workgroup_size(WG)
fn matmul_backward_input_relu(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) groups: vec3u) {
  let tile = gid.x + gid.y * groups.x * WG;
  let cTiles = (C + 3u) / 4u;
  let b0 = (tile / cTiles) * 4u;
  let t = tile % cTiles;
  let B = step.rows;
  if (b0 >= B) {
    return;
  }
  let OCp = (OC + 3u) / 4u * 4u;
  let r0 = min(b0, B - 1u) * OCp;
  let r1 = min(b0 + 1u, B - 1u) * OCp;
  let r2 = min(b0 + 2u, B - 1u) * OCp;
  let r3 = min(b0 + 3u, B - 1u) * OCp;
  var acc0 = vec4f(0.0);
  var acc1 = vec4f(0.0);
  var acc2 = vec4f(0.0);
  var acc3 = vec4f(0.0);
  for (var o = 0u; o < OC; o++) {
    let w = weight4(o, 4u * t);
    acc0 += dout[r0 + o] * w;
    acc1 += dout[r1 + o] * w;
    acc2 += dout[r2 + o] * w;
    acc3 += dout[r3 + o] * w;
  }
  // the ReLU mask; padding columns of inp are 0, so they stay 0 in dinp
  let zero = vec4f(0.0);
  let i0 = b0 * cTiles + t;
  dinp[i0] = select(zero, acc0, inp[i0] > zero);
  if (b0 + 1u < B) { let i = i0 + cTiles; dinp[i] = select(zero, acc1, inp[i] > zero); }
  if (b0 + 2u < B) { let i = i0 + 2u * cTiles; dinp[i] = select(zero, acc2, inp[i] > zero); }
  if (b0 + 3u < B) { let i = i0 + 3u * cTiles; dinp[i] = select(zero, acc3, inp[i] > zero); }
}
