// The dispatches of one training step, in order, each with its compiled pipeline, its override
// constants (shapes from the spec, offsets from the parameter layout, workgroup size) and the
// buffers it binds. The same kernel file may serve twice (matmul_backward_weight: W2 and W1).

import { paramLayout, type MlpSpec } from '../../mlp/spec';
import type { BufferName, GpuBuffers } from './buffers';
import { compileKernel, type CompiledKernel } from './compile';
import { currentSource, type KernelName } from './kernels';
import { dispatchGrid, FORWARD_TILE_COLS, gpuShapes, STEP_FIELDS, TILE, tiles, VEC, WEIGHT_TILE_ROWS } from './layout';

/** Invocations per workgroup, handed to every kernel as its `WG` override. */
export const WORKGROUP_SIZE = 64;
/** vec4s (sgd_update) or words (gather_batch) each invocation of the element-wise kernels handles. */
export const PER_THREAD = 4;

export type Mode = 'resident' | 'naive';

interface StepKernelDef {
  readonly label: string; // the row in the profile table
  readonly kernel: KernelName;
  readonly constants: Readonly<Record<string, number>>;
  readonly buffers: readonly BufferName[]; // binding 0 is always the step table
  readonly invocations: (B: number) => number; // threads to launch for a batch of B rows
  readonly singleWorkgroup?: boolean;
}

export interface StepKernel extends StepKernelDef {
  readonly compiled: CompiledKernel;
}

/** The step's dispatches: resident mode starts by gathering the batch on the GPU. */
export function stepKernelDefs(spec: MlpSpec, mode: Mode): StepKernelDef[] {
  const s = gpuShapes(spec);
  const L = paramLayout(spec);
  const { C, H, V } = s;
  const WG = WORKGROUP_SIZE;
  const defs: StepKernelDef[] = [
    { label: 'gather_batch', kernel: 'gather_batch', constants: { C, PER_THREAD, WG }, buffers: ['images', 'labels', 'order', 'x', 'targets'], invocations: (B) => Math.ceil((B * C) / VEC / PER_THREAD) },
    { label: 'matmul_forward_relu (W1)', kernel: 'matmul_forward_relu', constants: { C, OC: H, W_OFFSET: L.w1, B_OFFSET: L.b1, WG }, buffers: ['x', 'params', 'hidden'], invocations: (B) => tiles(B, H, TILE, FORWARD_TILE_COLS) },
    { label: 'matmul_forward (W2)', kernel: 'matmul_forward', constants: { C: H, OC: V, W_OFFSET: L.w2, B_OFFSET: L.b2, WG }, buffers: ['hidden', 'params', 'logits'], invocations: (B) => tiles(B, V) },
    { label: 'softmax_xent', kernel: 'softmax_xent', constants: { V, WG }, buffers: ['logits', 'targets', 'dlogits', 'stepLosses'], invocations: () => WG, singleWorkgroup: true },
    { label: 'matmul_backward_input_relu (W2)', kernel: 'matmul_backward_input_relu', constants: { C: H, OC: V, W_OFFSET: L.w2, WG }, buffers: ['dlogits', 'hidden', 'params', 'dhidden'], invocations: (B) => tiles(B, H) },
    { label: 'matmul_backward_weight (W2)', kernel: 'matmul_backward_weight', constants: { C: H, OC: V, W_OFFSET: L.w2, B_OFFSET: L.b2, WG }, buffers: ['dlogits', 'hidden', 'grads'], invocations: () => tiles(V, H, WEIGHT_TILE_ROWS) },
    { label: 'matmul_backward_weight (W1)', kernel: 'matmul_backward_weight', constants: { C, OC: H, W_OFFSET: L.w1, B_OFFSET: L.b1, WG }, buffers: ['dhidden', 'x', 'grads'], invocations: () => tiles(H, C, WEIGHT_TILE_ROWS) },
    { label: 'sgd_update', kernel: 'sgd_update', constants: { N4: s.paramFloatsPadded / VEC, PER_THREAD, WG }, buffers: ['grads', 'params'], invocations: () => Math.ceil(s.paramFloatsPadded / VEC / PER_THREAD) },
  ];
  return mode === 'resident' ? defs : defs.filter((d) => d.kernel !== 'gather_batch');
}

/** Compiles every dispatch of a step from the current kernel sources (edits included). */
export async function buildStepKernels(device: GPUDevice, spec: MlpSpec, mode: Mode): Promise<StepKernel[]> {
  const defs = stepKernelDefs(spec, mode);
  const compiled = await Promise.all(defs.map((d) => compileKernel(device, d.kernel, currentSource(d.kernel), d.constants, d.label)));
  return defs.map((d, i) => ({ ...d, compiled: compiled[i] }));
}

/** Bytes of the step struct each kernel reads at its dynamic offset. */
const STEP_BYTES = STEP_FIELDS * 4;

/** One bind group per kernel; `bufs` is the backend's GpuBuffers, or any buffers by name (the per-kernel checks). */
export function bindGroups(device: GPUDevice, kernels: readonly StepKernel[], bufs: Pick<GpuBuffers, 'get'>): GPUBindGroup[] {
  return kernels.map((k) => device.createBindGroup({
    label: k.label,
    layout: k.compiled.layout,
    entries: [
      { binding: 0, resource: { buffer: bufs.get('steps'), offset: 0, size: STEP_BYTES } },
      ...k.buffers.map((name, i) => ({ binding: i + 1, resource: { buffer: bufs.get(name) } })),
    ],
  }));
}

/** Records one kernel of step `step` (B rows) into a compute pass. */
export function encodeKernel(
  pass: GPUComputePassEncoder, k: StepKernel, group: GPUBindGroup, stepOffset: number, B: number, maxPerDim: number,
): void {
  pass.setPipeline(k.compiled.pipeline);
  pass.setBindGroup(0, group, [stepOffset]);
  const [x, y] = k.singleWorkgroup ? [1, 1] : dispatchGrid(k.invocations(B), WORKGROUP_SIZE, maxPerDim);
  pass.dispatchWorkgroups(x, y);
}
