// Per-kernel checks of the WGSL, llm.c style: each dispatch of a training step runs alone on real
// WebGPU, compiled and launched exactly as the backend does it (stepKernelDefs: same constants,
// buffers and grid), on seeded random inputs, and each buffer it writes is compared with what the
// reference function of the same name writes (a fused kernel: the reference functions it fuses).
// Buffers a kernel writes start as garbage, padding included, so an element it forgets shows.
// Shapes: an odd model (12 → 13 → 7) at batch 5 and 67 leaves a remainder in every tile (4 × 8,
// 4 × 4, 16 × 4, vec4 padding, the 64-wide softmax loop); the real one (784 → 128 → 10) at batch 128.

import type { BufferName } from '../backends/webgpu/buffers';
import { Reader } from '../backends/webgpu/buffers';
import { acquireDevice } from '../backends/webgpu/device';
import { KERNELS, type KernelName } from '../backends/webgpu/kernels';
import { gpuShapes, packStepTable, roundUp, VEC, type GpuShapes } from '../backends/webgpu/layout';
import { bindGroups, buildStepKernels, encodeKernel, SHARED_TILING, tileSides, type StepKernel, type Tiling } from '../backends/webgpu/pipelines';
import { maxAbsDiff, randomBytes, randomFloats } from '../mlp/compare';
import { epochPermutation, mulberry32 } from '../mlp/random';
import {
  gather_batch, matmul_backward, matmul_forward, relu_backward, relu_forward, sgd_update, softmax_xent,
} from '../mlp/reference';
import { makeSpec, type MlpSpec } from '../mlp/spec';

const LR = 0.1;
/** The batch starts this far into the order (so `start` is exercised); the order has B + START samples. */
const START = 3;
const ODD: MlpSpec = { inputSize: 12, hiddenSize: 13, outputSize: 7 };
const RUNS: readonly [MlpSpec, number][] = [[ODD, 5], [ODD, 67], [makeSpec(128), 128]];
/**
 * The shared-memory variants of the two large matmuls (kernels/*_tiled.wgsl), checked at every
 * shape too: the default tiles, and lopsided ones (64-row and 64-column tiles, one output per
 * invocation) so a remainder lands in every loop.
 */
const SHARED: readonly Tiling[] = [
  SHARED_TILING,
  { kind: 'shared', forward: { TX: 4, RB: 4, RO: 4 }, weight: { TX: 16, RB: 4, RO: 4 }, weight2: { TX: 16, RB: 1, RO: 1 } },
  { kind: 'shared', forward: { TX: 16, RB: 1, RO: 4 }, weight: { TX: 8, RB: 1, RO: 1 }, weight2: { TX: 8, RB: 4, RO: 4 } },
];

function tilingTag(t: Tiling): string {
  if (t.kind === 'registers') return '';
  const w2 = t.weight2 ? `, W2 ${tileSides(t.weight2)}` : '';
  return ` [shared ${tileSides(t.forward)}, ${tileSides(t.weight)}${w2}]`;
}

export interface KernelCheck {
  kernel: KernelName;
  label: string; // the dispatch, e.g. 'matmul_backward_weight (W1)'
  shape: string;
  output: BufferName;
  maxAbsDiff: number; // max |GPU − reference| over the whole buffer
  maxAbsRef: number; // max |reference|: the scale the difference is measured against
}

const f32 = (b: ArrayBufferLike) => new Float32Array(b);

/** (rows, cols) out of rows padded to whole vec4s. */
function unpad(a: Float32Array, rows: number, cols: number): Float32Array {
  const w = roundUp(cols, VEC), out = new Float32Array(rows * cols);
  for (let r = 0; r < rows; r++) out.set(a.subarray(r * w, r * w + cols), r * cols);
  return out;
}

/** (rows, cols) into rows padded to whole vec4s, padding 0 (what the kernels promise). */
function padInto(dst: Float32Array, a: Float32Array, rows: number, cols: number): void {
  const w = roundUp(cols, VEC);
  dst.fill(0, 0, rows * w);
  for (let r = 0; r < rows; r++) dst.set(a.subarray(r * cols, (r + 1) * cols), r * w);
}

type Constants = Readonly<Record<string, number>>;
/** What a kernel should leave in its buffers (binding order, step table left out), written in place. */
type Twin = (bufs: ArrayBufferLike[], k: Constants, B: number) => void;

const TWINS: Record<KernelName, Twin> = {
  gather_batch: ([images, labels, order, x, targets], { C }, B) => {
    const t = new Uint8Array(B);
    gather_batch(f32(x), t, new Uint8Array(images), new Uint8Array(labels), new Uint32Array(order), START, B, C);
    new Uint32Array(targets).set(t);
  },
  matmul_forward_relu: ([inp, params, out], { C, OC, W_OFFSET, B_OFFSET }, B) => {
    const p = f32(params), o = new Float32Array(B * OC);
    matmul_forward(o, f32(inp), p.subarray(W_OFFSET, W_OFFSET + OC * C), p.subarray(B_OFFSET, B_OFFSET + OC), B, C, OC);
    relu_forward(o, o, B * OC);
    padInto(f32(out), o, B, OC);
  },
  matmul_forward: ([inp, params, out], { C, OC, W_OFFSET, B_OFFSET }, B) => {
    const p = f32(params), o = new Float32Array(B * OC);
    matmul_forward(o, unpad(f32(inp), B, C), p.subarray(W_OFFSET, W_OFFSET + OC * C), p.subarray(B_OFFSET, B_OFFSET + OC), B, C, OC);
    padInto(f32(out), o, B, OC);
  },
  softmax_xent: ([logits, targets, dlogits, stepLosses], { V }, B) => {
    const probs = new Float32Array(B * V), losses = new Float32Array(B), d = new Float32Array(B * V);
    softmax_xent(probs, losses, d, unpad(f32(logits), B, V), new Uint32Array(targets), B, V);
    padInto(f32(dlogits), d, B, V);
    f32(stepLosses)[0] = losses.reduce((a, b) => a + b, 0); // step 0's slot: the sum, not the mean
  },
  matmul_backward_input_relu: ([dout, inp, params, dinp], { C, OC, W_OFFSET }, B) => {
    const h = unpad(f32(inp), B, C), d = new Float32Array(B * C);
    const weight = f32(params).subarray(W_OFFSET, W_OFFSET + OC * C);
    matmul_backward(d, new Float32Array(OC * C), new Float32Array(OC), unpad(f32(dout), B, OC), h, weight, B, C, OC);
    relu_backward(d, d, h, B * C);
    padInto(f32(dinp), d, B, C);
  },
  matmul_backward_weight: ([dout, inp, grads], { C, OC, W_OFFSET, B_OFFSET }, B) => {
    const g = f32(grads);
    matmul_backward(null, g.subarray(W_OFFSET, W_OFFSET + OC * C), g.subarray(B_OFFSET, B_OFFSET + OC),
      unpad(f32(dout), B, OC), unpad(f32(inp), B, C), new Float32Array(OC * C), B, C, OC);
  },
  sgd_update: ([grads, params], { N4 }) => sgd_update(f32(params), f32(grads), LR, N4 * VEC),
};

/** Seeded contents for one buffer. Inputs look like what the step feeds the kernel (padding 0,
 * hidden activations ≥ 0); a buffer the kernel writes is garbage everywhere, padding included. */
function contents(name: BufferName, s: GpuShapes, B: number, rand: () => number, written: boolean): ArrayBufferLike {
  const count = B + START;
  const rows = (cols: number, lo: number, hi: number) => {
    const w = roundUp(cols, VEC), a = new Float32Array(B * w);
    for (let i = 0; i < a.length; i++) a[i] = written ? 9 * rand() - 4.5 : i % w < cols ? lo + (hi - lo) * rand() : 0;
    return a.buffer;
  };
  const bytes = (n: number, below: number) => randomBytes(rand, roundUp(n, 4), below).buffer;
  switch (name) {
    case 'params': case 'grads': return randomFloats(rand, s.paramFloatsPadded, -0.1, 0.1).buffer;
    case 'x': return rows(s.C, 0, 1);
    case 'hidden': return written ? rows(s.H, -1, 1) : f32(rows(s.H, -1, 1)).map((v) => Math.max(0, v)).buffer; // after ReLU: ~half 0
    case 'dhidden': return rows(s.H, -0.1, 0.1);
    case 'logits': return rows(s.V, -4, 4);
    case 'dlogits': return rows(s.V, -0.1, 0.1);
    case 'targets': return Uint32Array.from(randomBytes(rand, B, s.V)).buffer;
    case 'images': return bytes(count * s.C, 256);
    case 'labels': return bytes(count, s.V);
    case 'order': return epochPermutation(count, Math.floor(rand() * 1e9), 0).buffer;
    case 'stepLosses': return randomFloats(rand, 1, -9, 9).buffer;
    case 'steps': return packStepTable([{ start: START, rows: B }], LR);
  }
}

/** Runs one dispatch alone and compares every buffer it writes with its reference twin. */
async function checkOne(device: GPUDevice, reader: Reader, s: GpuShapes, k: StepKernel, B: number, rand: () => number, tag = ''): Promise<KernelCheck[]> {
  const written = KERNELS[k.kernel].bindings.slice(1).map((b) => b === 'write');
  const host = k.buffers.map((name, i) => contents(name, s, B, rand, written[i]));
  const gpu = new Map<BufferName, GPUBuffer>();
  const upload = (name: BufferName, data: ArrayBufferLike, usage: number) => {
    const b = device.createBuffer({ label: name, size: Math.max(16, data.byteLength), usage: usage | GPUBufferUsage.COPY_DST });
    device.queue.writeBuffer(b, 0, data);
    gpu.set(name, b);
  };
  try {
    upload('steps', contents('steps', s, B, rand, false), GPUBufferUsage.UNIFORM);
    k.buffers.forEach((name, i) => upload(name, host[i], GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC));
    const [group] = bindGroups(device, [k], { get: (name) => gpu.get(name)! });
    const enc = device.createCommandEncoder({ label: k.label });
    const pass = enc.beginComputePass();
    encodeKernel(pass, k, group, 0, B, device.limits.maxComputeWorkgroupsPerDimension);
    pass.end();
    device.queue.submit([enc.finish()]);

    const want = host.map((b, i) => (written[i] ? b.slice(0) : b));
    TWINS[k.kernel](want, k.constants, B);
    const out: KernelCheck[] = [];
    for (const [i, name] of k.buffers.entries()) {
      if (!written[i]) continue;
      const view = name === 'targets' ? (b: ArrayBufferLike) => new Uint32Array(b) : f32;
      const got = view(await reader.read(gpu.get(name)!, 0, want[i].byteLength)), ref = view(want[i]);
      out.push({
        kernel: k.kernel, label: k.label + tag, output: name, shape: `C=${s.C} H=${s.H} V=${s.V}, B=${B}`,
        maxAbsDiff: maxAbsDiff(got, ref), maxAbsRef: maxAbsDiff(ref, new Float32Array(ref.length)),
      });
    }
    return out;
  } finally {
    for (const b of gpu.values()) b.destroy();
  }
}

/** Every dispatch of a resident training step, alone, at every shape of RUNS. */
export async function webgpuKernelChecks(): Promise<KernelCheck[]> {
  const { device } = await acquireDevice();
  const reader = new Reader(device);
  try {
    const out: KernelCheck[] = [];
    for (const [r, [spec, B]] of RUNS.entries()) {
      const kernels = await buildStepKernels(device, spec, 'resident');
      for (const [i, k] of kernels.entries()) out.push(...await checkOne(device, reader, gpuShapes(spec), k, B, mulberry32(1000 * r + i)));
      for (const tiling of SHARED) {
        const tiled = (await buildStepKernels(device, spec, 'resident', tiling)).filter((k) => k.tiled);
        for (const [i, k] of tiled.entries()) out.push(...await checkOne(device, reader, gpuShapes(spec), k, B, mulberry32(1000 * r + 100 + i), tilingTag(tiling)));
      }
    }
    return out;
  } finally {
    reader.destroy();
    device.destroy();
  }
}
