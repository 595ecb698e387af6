// matmul_backward_weight, shared-memory variant for real GPUs (same contract as
// matmul_backward_weight.wgsl): dweight (OC,C) = dout (B,OCp)ᵀ · inp (B,Cp); dbias (OC) = Σ_b dout.
// A workgroup owns a tile of dweight: (WG/TX)·RB outputs × TX·RO inputs. It walks the batch KT
// rows at a time: its invocations copy those rows of dout and inp (the tile's columns only, one
// vec4 each per load) into workgroup memory, wait at a barrier, and each invocation adds its
// RB × RO block of outer products from the shared copies. The workgroups of the first column of
// tiles then sum dout into dbias, one output per invocation, in batch order.
// TX, RB and RO are override constants chosen per adapter (pipelines.ts): RB, RO ≤ 4, a tile at
// most 64 × 64, both sides multiples of 4. Gradients are written, not accumulated.

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
override TX: u32 = 16;  // invocations along the inputs (WG/TX along the outputs)
override RB: u32 = 2;   // outputs per invocation, ≤ 4
override RO: u32 = 2;   // inputs per invocation, ≤ 4

const KT = 16u;                      // batch rows per stage
var<workgroup> ds: array<f32, 1024>; // KT rows × ≤ 64 outputs
var<workgroup> xs: array<f32, 1024>; // KT rows × ≤ 64 inputs

@compute @workgroup_size(WG)
fn matmul_backward_weight(@builtin(local_invocation_index) li: u32, @builtin(workgroup_id) wid: vec3u,
                          @builtin(num_workgroups) groups: vec3u) {
  let TY = WG / TX;
  let rows = TY * RB;                // outputs in the tile
  let cols = TX * RO;                // inputs in the tile
  let oVecs = (OC + 3u) / 4u;        // vec4s per row of dout
  let cVecs = (C + 3u) / 4u;         // vec4s per row of inp
  let cTiles = (C + cols - 1u) / cols;
  let g = wid.x + wid.y * groups.x;  // the tile (the same for the whole workgroup)
  let o0 = (g / cTiles) * rows;
  let c0 = (g % cTiles) * cols;
  if (o0 >= OC) {
    return;
  }
  let B = step.rows;
  let tx = li % TX;
  let ty = li / TX;
  let RV = rows / 4u;                // vec4s of a dout row in the tile
  let CV = cols / 4u;                // vec4s of an inp row in the tile
  var acc: array<f32, 16>;           // acc[i·4 + j]: output o0 + ty + i·TY, input c0 + tx + j·TX
  for (var b0 = 0u; b0 < B; b0 += KT) {
    // rows past the batch and columns past the padding are 0 (padding columns are 0 already)
    for (var i = li; i < KT * RV; i += WG) {
      let k = i / RV;
      let q = o0 / 4u + i % RV;
      var v = vec4f(0.0);
      if (b0 + k < B && q < oVecs) {
        v = dout[(b0 + k) * oVecs + q];
      }
      let at = k * 64u + (i % RV) * 4u;
      ds[at] = v.x;
      ds[at + 1u] = v.y;
      ds[at + 2u] = v.z;
      ds[at + 3u] = v.w;
    }
    for (var i = li; i < KT * CV; i += WG) {
      let k = i / CV;
      let q = c0 / 4u + i % CV;
      var v = vec4f(0.0);
      if (b0 + k < B && q < cVecs) {
        v = inp[(b0 + k) * cVecs + q];
      }
      let at = k * 64u + (i % CV) * 4u;
      xs[at] = v.x;
      xs[at + 1u] = v.y;
      xs[at + 2u] = v.z;
      xs[at + 3u] = v.w;
    }
    workgroupBarrier();
    for (var k = 0u; k < KT; k++) {
      var d: array<f32, 4>;
      for (var i = 0u; i < RB; i++) {
        d[i] = ds[k * 64u + ty + i * TY];
      }
      for (var j = 0u; j < RO; j++) {
        let x = xs[k * 64u + tx + j * TX];
        for (var i = 0u; i < RB; i++) {
          acc[i * 4u + j] += d[i] * x;
        }
      }
    }
    workgroupBarrier();
  }
  for (var i = 0u; i < RB; i++) {
    let o = o0 + ty + i * TY;
    for (var j = 0u; j < RO; j++) {
      let c = c0 + tx + j * TX;
      if (o < OC && c < C) {
        grads[W_OFFSET + o * C + c] = acc[i * 4u + j];
      }
    }
  }
  if (c0 == 0u) {
    for (var r = li; r < rows; r += WG) {
      let o = o0 + r;
      if (o < OC) {
        var sum = 0.0;
        for (var b = 0u; b < B; b++) {
          sum += dout[b * oVecs + o / 4u][o % 4u];
        }
        grads[B_OFFSET + o] = sum;
      }
    }
  }
}
