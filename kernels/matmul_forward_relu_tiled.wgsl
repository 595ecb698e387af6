// matmul_forward_relu, shared-memory variant for real GPUs (same contract as matmul_forward_relu.wgsl):
// out (B,OCp) = relu(inp (B,C) · weight (OC,C)ᵀ + bias (OC)); columns ≥ OC are 0.
// A workgroup owns a tile of out: (WG/TX)·RB samples × TX·RO outputs. It walks the inputs KT at
// a time: its invocations copy that slice of the tile's samples and weight rows into workgroup
// memory together (one vec4 each per load), wait at a barrier, and each invocation then adds its
// RB × RO block (samples ty + i·(WG/TX), outputs tx + j·TX) from the shared copies. Every value
// read from storage is reused by the whole tile instead of by one invocation.
// TX, RB and RO are override constants chosen per adapter (pipelines.ts): RB, RO ≤ 4, a tile at
// most 64 × 64. A CPU-emulated GPU keeps matmul_forward_relu.wgsl (barriers cost it dearly).

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
override TX: u32 = 8;    // invocations along the outputs (WG/TX along the samples)
override RB: u32 = 2;    // samples per invocation, ≤ 4
override RO: u32 = 2;    // outputs per invocation, ≤ 4

const KT = 16u;          // inputs per stage
const KS = 17u;          // stride of a row in the shared tiles: rows start in different banks
var<workgroup> xs: array<f32, 1088>; // ≤ 64 samples × KS
var<workgroup> ws: array<f32, 1088>; // ≤ 64 weight rows × KS

fn bias(o: u32) -> f32 {
  let i = B_OFFSET + o;
  return params[i / 4u][i % 4u];
}

@compute @workgroup_size(WG)
fn matmul_forward_relu(@builtin(local_invocation_index) li: u32, @builtin(workgroup_id) wid: vec3u,
                       @builtin(num_workgroups) groups: vec3u) {
  let TY = WG / TX;
  let rows = TY * RB;               // samples in the tile
  let cols = TX * RO;               // outputs in the tile
  let row = (OC + 3u) / 4u;         // vec4s per row of out
  let oTiles = (row * 4u + cols - 1u) / cols;
  let g = wid.x + wid.y * groups.x; // the tile (the same for the whole workgroup)
  let b0 = (g / oTiles) * rows;
  let o0 = (g % oTiles) * cols;
  let B = step.rows;
  if (b0 >= B) {
    return;
  }
  let tx = li % TX;
  let ty = li / TX;
  let K = C / 4u;                   // vec4s per row of inp and weight
  let w = W_OFFSET / 4u;
  let KV = KT / 4u;                 // vec4s per row of a stage
  var acc: array<f32, 16>;          // acc[i·4 + j]: sample b0 + ty + i·TY, output o0 + tx + j·TX
  for (var k0 = 0u; k0 < K; k0 += KV) {
    // rows past the end are clamped (never stored); inputs past C are 0
    for (var i = li; i < rows * KV; i += WG) {
      let r = i / KV;
      let q = i % KV;
      var v = vec4f(0.0);
      if (k0 + q < K) {
        v = inp[min(b0 + r, B - 1u) * K + k0 + q];
      }
      let at = r * KS + q * 4u;
      xs[at] = v.x;
      xs[at + 1u] = v.y;
      xs[at + 2u] = v.z;
      xs[at + 3u] = v.w;
    }
    for (var i = li; i < cols * KV; i += WG) {
      let r = i / KV;
      let q = i % KV;
      var v = vec4f(0.0);
      if (k0 + q < K) {
        v = params[w + min(o0 + r, OC - 1u) * K + k0 + q];
      }
      let at = r * KS + q * 4u;
      ws[at] = v.x;
      ws[at + 1u] = v.y;
      ws[at + 2u] = v.z;
      ws[at + 3u] = v.w;
    }
    workgroupBarrier();
    for (var k = 0u; k < KT; k++) {
      var x: array<f32, 4>;
      for (var i = 0u; i < RB; i++) {
        x[i] = xs[(ty + i * TY) * KS + k];
      }
      for (var j = 0u; j < RO; j++) {
        let v = ws[(tx + j * TX) * KS + k];
        for (var i = 0u; i < RB; i++) {
          acc[i * 4u + j] += x[i] * v;
        }
      }
    }
    workgroupBarrier();
  }
  for (var i = 0u; i < RB; i++) {
    let b = b0 + ty + i * TY;
    for (var j = 0u; j < RO; j++) {
      let o = o0 + tx + j * TX;
      if (b < B && o < row * 4u) {
        var v = 0.0;
        if (o < OC) {
          v = max(acc[i * 4u + j] + bias(o), 0.0);
        }
        out[b * row + o / 4u][o % 4u] = v;
      }
    }
  }
}
