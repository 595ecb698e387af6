// softmax_xent: dlogits (B,Vp) = (softmax(logits) − onehot(targets)) / B; columns ≥ V are 0
// losses: stepLosses[step.index] = Σ_b −log p[b][target_b] (the host divides by B on read-back)
// B = rows of this batch, V = classes, Vp = V rounded up to 4.
// One workgroup: invocation i handles samples i, i + WG, i + 2·WG…, keeping its own loss sum;
// after one barrier invocation 0 adds the WG partial sums. This is the whole reduction, so the
// loss stays on the GPU until the host asks for it.

struct Step {
  start: u32,
  rows: u32,  // B
  index: u32, // slot in stepLosses
  lr: f32,
}

@group(0) @binding(0) var<uniform> step: Step;
@group(0) @binding(1) var<storage, read> logits: array<f32>;              // (B, Vp)
@group(0) @binding(2) var<storage, read> targets: array<u32>;             // (B)
@group(0) @binding(3) var<storage, read_write> dlogits: array<f32>;       // (B, Vp)
@group(0) @binding(4) var<storage, read_write> stepLosses: array<f32>;    // (steps in the epoch)

override V: u32;
override WG: u32 = 64;
const MIN_PROB = 1e-30; // as the reference: −log of 0 would be +∞

var<workgroup> partial: array<f32, WG>;

@compute @workgroup_size(WG)
fn softmax_xent(@builtin(local_invocation_index) lid: u32) {
  let B = step.rows;
  let Vp = (V + 3u) / 4u * 4u;
  let norm = f32(B);
  var lossSum = 0.0;
  for (var b = lid; b < B; b += WG) {
    let row = b * Vp;
    var m = logits[row];
    for (var v = 1u; v < V; v++) {
      m = max(m, logits[row + v]);
    }
    var sum = 0.0;
    for (var v = 0u; v < V; v++) {
      sum += exp(logits[row + v] - m);
    }
    let t = targets[b];
    for (var v = 0u; v < V; v++) {
      let p = exp(logits[row + v] - m) / sum;
      if (v == t) {
        lossSum -= log(max(p, MIN_PROB));
      }
      dlogits[row + v] = (p - select(0.0, 1.0, v == t)) / norm;
    }
    for (var v = V; v < Vp; v++) {
      dlogits[row + v] = 0.0;
    }
  }
  partial[lid] = lossSum;
  workgroupBarrier();
  if (lid == 0u) {
    var total = 0.0;
    for (var i = 0u; i < WG; i++) {
      total += partial[i];
    }
    stepLosses[step.index] = total;
  }
}
