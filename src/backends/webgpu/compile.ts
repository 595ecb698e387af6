// Turns a kernel's WGSL into a compute pipeline, or into an error that quotes the WGSL compiler:
// file, line, column, message and the offending source line (from getCompilationInfo()).

import { constantsFor, KERNELS, type BindingKind, type KernelName } from './kernels';

export interface CompileMessage {
  readonly type: 'error' | 'warning' | 'info';
  readonly line: number;
  readonly column: number;
  readonly message: string;
}

export class KernelCompileError extends Error {
  constructor(readonly kernel: string, readonly messages: readonly CompileMessage[], detail: string) {
    super(`webgpu: kernel ${kernel}.wgsl does not compile:\n${detail}`);
    this.name = 'KernelCompileError';
  }
}

/** "file:line:col: type: message" plus the source line and a caret, as compilers print them. */
export function formatCompileMessages(kernel: string, source: string, messages: readonly CompileMessage[]): string {
  const lines = source.split('\n');
  return messages.map((m) => {
    const text = lines[m.line - 1] ?? '';
    const caret = m.column > 0 ? `\n  ${' '.repeat(m.column - 1)}^` : '';
    return `${kernel}.wgsl:${m.line}:${m.column}: ${m.type}: ${m.message}\n  ${text}${caret}`;
  }).join('\n');
}

function layoutEntry(binding: number, kind: BindingKind): GPUBindGroupLayoutEntry {
  const visibility = GPUShaderStage.COMPUTE;
  switch (kind) {
    case 'step': return { binding, visibility, buffer: { type: 'uniform', hasDynamicOffset: true } };
    case 'read': return { binding, visibility, buffer: { type: 'read-only-storage' } };
    case 'write': return { binding, visibility, buffer: { type: 'storage' } };
  }
}

export function bindGroupLayout(device: GPUDevice, name: KernelName): GPUBindGroupLayout {
  return device.createBindGroupLayout({ label: name, entries: KERNELS[name].bindings.map((k, i) => layoutEntry(i, k)) });
}

export interface CompiledKernel {
  readonly pipeline: GPUComputePipeline;
  readonly layout: GPUBindGroupLayout;
}

/**
 * Compiles `source` for kernel `name` with its fixed bind group layout and the override constants
 * it declares. Throws KernelCompileError with the compiler's messages (line and column) or the
 * pipeline error (e.g. a binding that no longer matches the layout).
 */
export async function compileKernel(
  device: GPUDevice, name: KernelName, source: string, constants: Readonly<Record<string, number>>, label: string = name,
): Promise<CompiledKernel> {
  // the error scope keeps a bad edit from also surfacing as an uncaptured device error
  device.pushErrorScope('validation');
  const module = device.createShaderModule({ label: `${name}.wgsl`, code: source });
  const info = await module.getCompilationInfo();
  await device.popErrorScope();
  const errors: CompileMessage[] = info.messages
    .filter((m) => m.type === 'error')
    .map((m) => ({ type: m.type, line: m.lineNum, column: m.linePos, message: m.message }));
  if (errors.length) throw new KernelCompileError(name, errors, formatCompileMessages(name, source, errors));
  const layout = bindGroupLayout(device, name);
  device.pushErrorScope('validation');
  let pipeline: GPUComputePipeline | null = null;
  let failure: { message: string } | null = null;
  try {
    pipeline = await device.createComputePipelineAsync({
      label,
      layout: device.createPipelineLayout({ label, bindGroupLayouts: [layout] }),
      compute: { module, entryPoint: name, constants: constantsFor(source, constants) },
    });
  } catch (e) {
    failure = e instanceof Error ? e : { message: String(e) };
  }
  const scoped = await device.popErrorScope(); // always popped, whatever happened above
  failure ??= scoped;
  if (failure || !pipeline) {
    const message = failure?.message ?? 'no pipeline';
    const m: CompileMessage = { type: 'error', line: 0, column: 0, message };
    throw new KernelCompileError(name, [m], `${name}.wgsl: pipeline: ${message} (the entry point must be \`${name}\` and the bindings ${KERNELS[name].bindings.join(', ')})`);
  }
  return { pipeline, layout };
}
