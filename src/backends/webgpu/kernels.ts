// The WGSL kernels (one file each in kernels/, imported as text) and what each one binds.
// A notebook cell may replace a kernel's source (notebook.ts); the next webgpu run compiles
// whatever source is current, so the binding table below is the contract an edited kernel keeps.

import gatherBatch from '../../../kernels/gather_batch.wgsl?raw';
import matmulBackwardInputRelu from '../../../kernels/matmul_backward_input_relu.wgsl?raw';
import matmulBackwardWeight from '../../../kernels/matmul_backward_weight.wgsl?raw';
import matmulBackwardWeightTiled from '../../../kernels/matmul_backward_weight_tiled.wgsl?raw';
import matmulForward from '../../../kernels/matmul_forward.wgsl?raw';
import matmulForwardRelu from '../../../kernels/matmul_forward_relu.wgsl?raw';
import matmulForwardReluTiled from '../../../kernels/matmul_forward_relu_tiled.wgsl?raw';
import sgdUpdate from '../../../kernels/sgd_update.wgsl?raw';
import softmaxXent from '../../../kernels/softmax_xent.wgsl?raw';

/** How a kernel uses binding i: the per-step uniform (dynamic offset), read-only or writable storage. */
export type BindingKind = 'step' | 'read' | 'write';

export interface KernelDef {
  readonly source: string;
  readonly bindings: readonly BindingKind[];
}

export const KERNEL_NAMES = [
  'gather_batch', 'matmul_forward_relu', 'matmul_forward', 'softmax_xent',
  'matmul_backward_input_relu', 'matmul_backward_weight', 'sgd_update',
] as const;
export type KernelName = (typeof KERNEL_NAMES)[number];

export const KERNELS: Readonly<Record<KernelName, KernelDef>> = {
  gather_batch: { source: gatherBatch, bindings: ['step', 'read', 'read', 'read', 'write', 'write'] },
  matmul_forward_relu: { source: matmulForwardRelu, bindings: ['step', 'read', 'read', 'write'] },
  matmul_forward: { source: matmulForward, bindings: ['step', 'read', 'read', 'write'] },
  softmax_xent: { source: softmaxXent, bindings: ['step', 'read', 'read', 'write', 'write'] },
  matmul_backward_input_relu: { source: matmulBackwardInputRelu, bindings: ['step', 'read', 'read', 'read', 'write'] },
  matmul_backward_weight: { source: matmulBackwardWeight, bindings: ['step', 'read', 'read', 'write'] },
  sgd_update: { source: sgdUpdate, bindings: ['step', 'read', 'write'] },
};

/**
 * The shared-memory variants of the two large matmuls (kernels/*_tiled.wgsl): same entry point and
 * bindings, tiles staged in workgroup memory, for real GPUs (pipelines.ts picks them per adapter).
 */
export const TILED_SOURCES: Readonly<Partial<Record<KernelName, string>>> = {
  matmul_forward_relu: matmulForwardReluTiled,
  matmul_backward_weight: matmulBackwardWeightTiled,
};

export function isKernelName(name: string): name is KernelName {
  return (KERNEL_NAMES as readonly string[]).includes(name);
}

const edited = new Map<KernelName, string>();

/** The source the next run compiles: an edit from the notebook, else the file in kernels/. */
export function currentSource(name: KernelName): string {
  return edited.get(name) ?? KERNELS[name].source;
}

/** Whether the notebook replaced this kernel's source (an edit always runs as written, untiled). */
export function isEdited(name: KernelName): boolean {
  return edited.has(name);
}

export function setSource(name: KernelName, wgsl: string): void {
  edited.set(name, wgsl);
}

export function resetSources(): void {
  edited.clear();
}

export function editedKernels(): KernelName[] {
  return [...edited.keys()];
}

/** Names declared with `override` in a WGSL source: only those may be given pipeline constants. */
export function declaredOverrides(wgsl: string): Set<string> {
  const out = new Set<string>();
  const code = wgsl.replace(/\/\/[^\n]*/g, '');
  for (const m of code.matchAll(/\boverride\s+([A-Za-z_]\w*)/g)) out.add(m[1]);
  return out;
}

/** The constants a source declares, out of those the backend would set (an edited kernel may drop some). */
export function constantsFor(wgsl: string, wanted: Readonly<Record<string, number>>): Record<string, number> {
  const declared = declaredOverrides(wgsl);
  const out: Record<string, number> = {};
  for (const [k, v] of Object.entries(wanted)) if (declared.has(k)) out[k] = v;
  return out;
}
