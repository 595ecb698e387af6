// The webgpu extras of the notebook API (docs/notebook-api.md): list the kernels, show one's WGSL,
// and let a student replace one. setKernel compiles the new source right away, with the same
// bindings and constants the backend uses, and throws the WGSL compiler's message with its line;
// a kernel that compiles is used by the next webgpu run (init), until resetKernels().

import { makeSpec } from '../../mlp/spec';
import { compileKernel, type CompileMessage } from './compile';
import { acquireDevice } from './device';
import { currentSource, editedKernels, isKernelName, KERNEL_NAMES, KERNELS, resetSources, setSource, type KernelName } from './kernels';
import { stepKernelDefs } from './pipelines';
import { messageError } from '../../i18n/messageError';

export function kernels(): string[] {
  return [...KERNEL_NAMES];
}

function checkedName(name: string): KernelName {
  if (!isKernelName(name)) throw messageError('err_noKernel', { name: String(name), names: KERNEL_NAMES.join(', ') });
  return name;
}

/** The WGSL the next run will compile (the student's edit if there is one). */
export function kernelSource(name: string): string {
  return currentSource(checkedName(name));
}

/** The shipped WGSL of a kernel, whatever edits were made. */
export function originalKernelSource(name: string): string {
  return KERNELS[checkedName(name)].source;
}

let validator: Promise<GPUDevice> | null = null;

async function validationDevice(): Promise<GPUDevice> {
  if (!validator) {
    validator = acquireDevice().then(({ device }) => {
      void device.lost.then(() => (validator = null));
      return device;
    });
    validator.catch(() => (validator = null));
  }
  return validator;
}

export interface SetKernelResult {
  readonly kernel: string;
  readonly warnings: readonly CompileMessage[];
  readonly edited: readonly string[]; // every kernel that now differs from its file
}

/**
 * Replaces a kernel for the next webgpu run after compiling it as the backend would (every use of
 * it, with the default model's shapes). A compile error throws KernelCompileError:
 * "name.wgsl:LINE:COL: error: message" and the line; the previous source stays in use.
 */
export async function setKernel(name: string, wgsl: string): Promise<SetKernelResult> {
  const kernel = checkedName(name);
  if (typeof wgsl !== 'string' || !wgsl.trim()) throw messageError('err_setKernelSource', { name: String(name) }, TypeError);
  const device = await validationDevice();
  const uses = stepKernelDefs(makeSpec(), 'resident').filter((d) => d.kernel === kernel);
  for (const use of uses) await compileKernel(device, kernel, wgsl, use.constants, use.label);
  const module = device.createShaderModule({ code: wgsl });
  const info = await module.getCompilationInfo();
  setSource(kernel, wgsl);
  const warnings = info.messages
    .filter((m) => m.type !== 'error')
    .map((m) => ({ type: m.type, line: m.lineNum, column: m.linePos, message: m.message }));
  return { kernel, warnings, edited: editedKernels() };
}

/** Back to the kernels as shipped in kernels/. */
export function resetKernels(): void {
  resetSources();
}
