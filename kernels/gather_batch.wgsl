// gather_batch: x (B,C) = images[order[start + b]] / 255; targets (B) = labels[order[start + b]]
// B = rows of this batch, C = pixels per sample. The training set stays on the GPU as bytes packed
// four per u32; unpack4x8unorm turns a word into 4 floats / 255. Each invocation moves PER_THREAD
// words, n apart (n = invocations launched), so neighbouring invocations touch neighbouring words.

struct Step {
  start: u32, // first position of this batch in the epoch's order
  rows: u32,  // B: samples in this batch (the last batch of an epoch may be short)
  index: u32, // step number within the epoch
  lr: f32,    // learning rate
}

@group(0) @binding(0) var<uniform> step: Step;
@group(0) @binding(1) var<storage, read> images: array<u32>;      // (N, C/4) packed bytes
@group(0) @binding(2) var<storage, read> labels: array<u32>;      // (N/4) packed bytes
@group(0) @binding(3) var<storage, read> order: array<u32>;       // (N) this epoch's permutation
@group(0) @binding(4) var<storage, read_write> x: array<vec4f>;   // (B, C/4)
@group(0) @binding(5) var<storage, read_write> targets: array<u32>; // (B)

override C: u32;         // pixels per sample (a multiple of 4)
override PER_THREAD: u32 = 4;
override WG: u32 = 64;   // invocations per workgroup

@compute @workgroup_size(WG)
fn gather_batch(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) groups: vec3u) {
  let first = gid.x + gid.y * groups.x * WG;
  let words = C / 4u;
  let total = step.rows * words;
  let stride = (total + PER_THREAD - 1u) / PER_THREAD;
  for (var j = 0u; j < PER_THREAD; j++) {
    let i = first + j * stride;
    if (first < stride && i < total) {
      let b = i / words;
      let k = i % words;
      let n = order[step.start + b];
      x[i] = unpack4x8unorm(images[n * words + k]);
      if (k == 0u) {
        targets[b] = (labels[n / 4u] >> (8u * (n % 4u))) & 0xffu;
      }
    }
  }
}
