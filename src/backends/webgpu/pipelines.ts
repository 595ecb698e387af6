// The dispatches of one training step, in order, each with its compiled pipeline, its override
// constants (shapes from the spec, offsets from the parameter layout, workgroup size) and the
// buffers it binds. The same kernel file may serve twice (matmul_backward_weight: W2 and W1).

import { paramLayout, type MlpSpec } from '../../mlp/spec';
import type { BufferName, GpuBuffers } from './buffers';
import { compileKernel, type CompiledKernel } from './compile';
import { currentSource, isEdited, TILED_SOURCES, type KernelName } from './kernels';
import { dispatchGrid, FORWARD_TILE_COLS, gpuShapes, STEP_FIELDS, TILE, tiles, VEC, WEIGHT_TILE_ROWS } from './layout';

/** Invocations per workgroup, handed to every kernel as its `WG` override. */
export const WORKGROUP_SIZE = 64;
/** vec4s (sgd_update) or words (gather_batch) each invocation of the element-wise kernels handles. */
export const PER_THREAD = 4;

export type Mode = 'resident' | 'naive';

/**
 * How the two large matmuls (layer 1's forward and weight gradient) are computed:
 *  registers — each invocation owns a block of the output in registers, no workgroup memory and no
 *              barrier (what a CPU-emulated GPU such as SwiftShader runs fastest);
 *  shared    — a workgroup stages tiles in workgroup memory (kernels/*_tiled.wgsl); an invocation
 *              owns RB × RO outputs, TX invocations across a tile's columns (WG / TX down its rows).
 * `forward` and `weight` are the shared tiles of matmul_forward_relu (W1) and matmul_backward_weight (W1);
 * `weight2`, when given, moves layer 2's weight gradient (10 × 128: one register-tiled workgroup) to
 * shared tiles too.
 */
export interface SharedTile { readonly TX: number; readonly RB: number; readonly RO: number }
export type Tiling =
  | { readonly kind: 'registers' }
  | { readonly kind: 'shared'; readonly forward: SharedTile; readonly weight: SharedTile; readonly weight2?: SharedTile };

export const REGISTER_TILING: Tiling = { kind: 'registers' };
/**
 * The tiles a real GPU gets: the tile sweep's best on an NVIDIA H100 through Dawn/Vulkan
 * (bench/results/gpu-nvidia-h100.md: forward 8 × 16, 44 µs per dispatch against 250 with registers;
 * weight gradient 32 × 32, 27 µs against 57; layer 2's weight gradient 8 × 8, 19 µs against 45;
 * a resident epoch at batch 128 in 55.7 ms against 201.5). No other GPU has been measured.
 */
export const SHARED_TILING: Tiling = {
  kind: 'shared', forward: { TX: 16, RB: 2, RO: 1 }, weight: { TX: 8, RB: 4, RO: 4 }, weight2: { TX: 8, RB: 1, RO: 1 },
};

/** The largest tile side the shared kernels hold in workgroup memory (64 rows of 16 floats each). */
const MAX_TILE_SIDE = 64;

/** A tile the shared kernels can run: WG/TX rows of invocations, both sides multiples of 4 and ≤ 64, RB and RO in 1…4. */
export function checkSharedTile(t: SharedTile, wg = WORKGROUP_SIZE): { rows: number; cols: number } {
  const ok = (n: number) => Number.isInteger(n) && n >= 1 && n <= 4;
  const rows = (wg / t.TX) * t.RB, cols = t.TX * t.RO;
  if (!Number.isInteger(t.TX) || t.TX < 1 || wg % t.TX !== 0 || !ok(t.RB) || !ok(t.RO)
    || rows % 4 !== 0 || cols % 4 !== 0 || rows > MAX_TILE_SIDE || cols > MAX_TILE_SIDE) {
    throw new RangeError(`webgpu: shared tile TX=${t.TX} RB=${t.RB} RO=${t.RO} does not fit a workgroup of ${wg} (RB, RO in 1…4; ${wg}/TX·RB and TX·RO multiples of 4, at most ${MAX_TILE_SIDE})`);
  }
  return { rows, cols };
}

/** A tile's sides in words, rows × columns: "16×16". */
export function tileSides(t: SharedTile): string {
  const { rows, cols } = checkSharedTile(t);
  return `${rows}×${cols}`;
}

/** The tiling an adapter gets by default: registers on a CPU emulation, shared tiles on a real GPU. */
export function defaultTiling(softwareAdapter: boolean): Tiling {
  return softwareAdapter ? REGISTER_TILING : SHARED_TILING;
}

interface StepKernelDef {
  readonly label: string; // the row in the profile table
  readonly kernel: KernelName;
  readonly constants: Readonly<Record<string, number>>;
  readonly buffers: readonly BufferName[]; // binding 0 is always the step table
  readonly invocations: (B: number) => number; // threads to launch for a batch of B rows
  readonly singleWorkgroup?: boolean;
  /** compiled from TILED_SOURCES (the shared-memory variant) rather than the kernel's own file */
  readonly tiled?: boolean;
}

export interface StepKernel extends StepKernelDef {
  readonly compiled: CompiledKernel;
}

/** The step's dispatches: resident mode starts by gathering the batch on the GPU. */
export function stepKernelDefs(spec: MlpSpec, mode: Mode, tiling: Tiling = REGISTER_TILING): StepKernelDef[] {
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
  if (tiling.kind === 'shared') {
    const f = checkSharedTile(tiling.forward), w = checkSharedTile(tiling.weight);
    const at = (label: string) => defs.findIndex((d) => d.label === label);
    const fw = at('matmul_forward_relu (W1)'), bw = at('matmul_backward_weight (W1)');
    // a workgroup per tile; the kernel reads its tile from the workgroup id
    defs[fw] = { ...defs[fw], tiled: true, constants: { ...defs[fw].constants, ...tiling.forward }, invocations: (B) => tiles(B, s.Hp, f.rows, f.cols) * WG };
    defs[bw] = { ...defs[bw], tiled: true, constants: { ...defs[bw].constants, ...tiling.weight }, invocations: () => tiles(H, C, w.rows, w.cols) * WG };
    if (tiling.weight2) {
      const w2 = checkSharedTile(tiling.weight2), b2 = at('matmul_backward_weight (W2)');
      defs[b2] = { ...defs[b2], tiled: true, constants: { ...defs[b2].constants, ...tiling.weight2 }, invocations: () => tiles(V, H, w2.rows, w2.cols) * WG };
    }
  }
  return mode === 'resident' ? defs : defs.filter((d) => d.kernel !== 'gather_batch');
}

/** The source a def compiles: a notebook edit as written (untiled dispatch), else the tiled or the plain file. */
export function defSource(d: StepKernelDef): string {
  return d.tiled && !isEdited(d.kernel) ? TILED_SOURCES[d.kernel]! : currentSource(d.kernel);
}

/** Compiles every dispatch of a step from the current kernel sources (edits included). */
export async function buildStepKernels(device: GPUDevice, spec: MlpSpec, mode: Mode, tiling: Tiling = REGISTER_TILING): Promise<StepKernel[]> {
  // an edited kernel runs as the student wrote it, with the plain file's dispatch
  const edits = tiling.kind === 'shared' && (isEdited('matmul_forward_relu') || isEdited('matmul_backward_weight'));
  const defs = stepKernelDefs(spec, mode, edits ? REGISTER_TILING : tiling);
  const compiled = await Promise.all(defs.map((d) => compileKernel(device, d.kernel, defSource(d), d.constants, d.label)));
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
