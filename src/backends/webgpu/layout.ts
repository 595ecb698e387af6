// Pure arithmetic of the webgpu backend: padded shapes, buffer sizes, dispatch grids and the
// per-step parameter table. Nothing here touches the GPU, so it is unit-tested in Node.

import { paramLayout, type MlpSpec } from '../../mlp/spec';

/** Every kernel computes 4 values per thread along its vector dimension (vec4f). */
export const VEC = 4;
/** Matmul invocations own TILE × TILE blocks of their output (fixed in the WGSL), except: */
export const TILE = 4;
/** matmul_forward_relu owns TILE samples × FORWARD_TILE_COLS outputs. */
export const FORWARD_TILE_COLS = 8;
/** matmul_backward_weight owns WEIGHT_TILE_ROWS outputs × TILE inputs of the gradient. */
export const WEIGHT_TILE_ROWS = 16;
/** Bytes between two steps' entries in the step table: minUniformBufferOffsetAlignment's default. */
export const STEP_STRIDE = 256;
/** Fields of one step entry: start, rows, index (u32) and lr (f32). */
export const STEP_FIELDS = 4;

export const roundUp = (n: number, m: number): number => Math.ceil(n / m) * m;

/** Shapes the kernels see: activations are padded to whole vec4s (padding columns hold 0). */
export interface GpuShapes {
  readonly C: number; // inputs (784, a multiple of 4)
  readonly H: number; // hidden units
  readonly V: number; // classes
  readonly Hp: number; // H rounded up to 4
  readonly Vp: number; // V rounded up to 4
  readonly paramFloats: number; // parameters (unpadded)
  readonly paramFloatsPadded: number; // parameters rounded up to 4 (one vec4 per sgd invocation)
}

export function gpuShapes(spec: MlpSpec): GpuShapes {
  if (spec.inputSize % VEC !== 0) throw new RangeError(`webgpu: input size must be a multiple of ${VEC}, got ${spec.inputSize}`);
  const total = paramLayout(spec).total;
  return {
    C: spec.inputSize, H: spec.hiddenSize, V: spec.outputSize,
    Hp: roundUp(spec.hiddenSize, VEC), Vp: roundUp(spec.outputSize, VEC),
    paramFloats: total, paramFloatsPadded: roundUp(total, VEC),
  };
}

/** One buffer the configuration needs, with what it holds (for messages about limits). */
export interface BufferNeed {
  readonly name: string;
  readonly what: string;
  readonly bytes: number;
}

const F32 = 4;

/** Buffers of the model (allocated by init). */
export function modelBuffers(s: GpuShapes): BufferNeed[] {
  const n = s.paramFloatsPadded;
  return [
    { name: 'params', what: `${n} floats`, bytes: n * F32 },
    { name: 'grads', what: `${n} floats`, bytes: n * F32 },
  ];
}

/** Buffers that grow with the batch size (allocated when an epoch needs a larger batch). */
export function batchBuffers(s: GpuShapes, batch: number): BufferNeed[] {
  return [
    { name: 'x', what: `batch ${batch} × ${s.C} floats`, bytes: batch * s.C * F32 },
    { name: 'hidden', what: `batch ${batch} × ${s.Hp} floats`, bytes: batch * s.Hp * F32 },
    { name: 'dhidden', what: `batch ${batch} × ${s.Hp} floats`, bytes: batch * s.Hp * F32 },
    { name: 'logits', what: `batch ${batch} × ${s.Vp} floats`, bytes: batch * s.Vp * F32 },
    { name: 'dlogits', what: `batch ${batch} × ${s.Vp} floats`, bytes: batch * s.Vp * F32 },
    { name: 'targets', what: `batch ${batch} labels (u32)`, bytes: batch * 4 },
  ];
}

/** Buffers of an epoch: its step table and per-step losses. */
export function epochBuffers(steps: number): BufferNeed[] {
  return [
    { name: 'step table', what: `${steps} steps × ${STEP_STRIDE} bytes`, bytes: steps * STEP_STRIDE },
    { name: 'step losses', what: `${steps} floats`, bytes: steps * F32 },
  ];
}

/** The training set kept on the GPU (resident mode): bytes packed four per u32. */
export function dataBuffers(count: number, pixels: number): BufferNeed[] {
  return [
    { name: 'images', what: `${count} samples × ${pixels} bytes`, bytes: roundUp(count * pixels, 4) },
    { name: 'labels', what: `${count} bytes`, bytes: roundUp(count, 4) },
    { name: 'order', what: `${count} indices (u32)`, bytes: count * 4 },
  ];
}

/** Workgroups to launch for `invocations` threads: x first, spilling into y past the per-dimension cap. */
export function dispatchGrid(invocations: number, workgroupSize: number, maxPerDim: number): [number, number] {
  const groups = Math.max(1, Math.ceil(invocations / workgroupSize));
  if (groups <= maxPerDim) return [groups, 1];
  const y = Math.ceil(groups / maxPerDim);
  if (y > maxPerDim) throw new RangeError(`webgpu: ${invocations} invocations exceed ${maxPerDim}² workgroups of ${workgroupSize}`);
  return [Math.ceil(groups / y), y];
}

/** The number of tiles of a rows × cols output computed tileRows × tileCols per invocation. */
export const tiles = (rows: number, cols: number, tileRows = TILE, tileCols = TILE): number =>
  Math.ceil(rows / tileRows) * Math.ceil(cols / tileCols);

export interface StepEntry {
  readonly start: number;
  readonly rows: number;
}

/** Batches of an epoch over `samples` samples: every batch is full except maybe the last. */
export function epochSteps(samples: number, batchSize: number): StepEntry[] {
  const out: StepEntry[] = [];
  for (let start = 0; start < samples; start += batchSize) out.push({ start, rows: Math.min(batchSize, samples - start) });
  return out;
}

/** The step table: one STEP_STRIDE-byte entry per step, read by every kernel through a dynamic offset. */
export function packStepTable(steps: readonly StepEntry[], lr: number): ArrayBuffer {
  const buf = new ArrayBuffer(Math.max(1, steps.length) * STEP_STRIDE);
  const u = new Uint32Array(buf);
  const f = new Float32Array(buf);
  const words = STEP_STRIDE / 4;
  steps.forEach((s, i) => {
    u[i * words] = s.start;
    u[i * words + 1] = s.rows;
    u[i * words + 2] = i;
    f[i * words + 3] = lr;
  });
  return buf;
}
