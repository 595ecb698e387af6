// sgd_update: params (N) -= lr * grads (N)
// N = number of parameters; both buffers are padded to a multiple of 4 (padding grads are 0).
// Each invocation updates PER_THREAD vec4s, n apart (n = invocations launched), so neighbouring
// invocations always touch neighbouring memory; fewer, fuller invocations cost less to launch.

struct Step {
  start: u32,
  rows: u32,
  index: u32,
  lr: f32, // learning rate
}

@group(0) @binding(0) var<uniform> step: Step;
@group(0) @binding(1) var<storage, read> grads: array<vec4f>;         // (N/4)
@group(0) @binding(2) var<storage, read_write> params: array<vec4f>;  // (N/4)

override N4: u32; // vec4s in params
override PER_THREAD: u32 = 4;
override WG: u32 = 64;

@compute @workgroup_size(WG)
fn sgd_update(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) groups: vec3u) {
  let first = gid.x + gid.y * groups.x * WG;
  let n = (N4 + PER_THREAD - 1u) / PER_THREAD;
  if (first >= n) {
    return;
  }
  for (var k = 0u; k < PER_THREAD; k++) {
    let i = first + k * n;
    if (i < N4) {
      params[i] -= step.lr * grads[i];
    }
  }
}
