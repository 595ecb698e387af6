// Refuses a configuration whose buffers the device cannot hold, before anything is allocated,
// with the numbers: which buffer, how many bytes, which limit.

import { BackendError, type BackendMessage } from '../messages';
import type { BufferNeed } from './layout';

export interface BufferLimits {
  readonly maxStorageBufferBindingSize: number;
  readonly maxBufferSize: number;
}

const fmt = (n: number): string => n.toLocaleString('en-US');
const mib = (n: number): string => `${(n / 2 ** 20).toFixed(1)} MiB`;

/** Every buffer over a limit, as a sentence; empty when all fit. */
export function limitProblems(needs: readonly BufferNeed[], limits: BufferLimits): string[] {
  const out: string[] = [];
  for (const b of needs) {
    const over: string[] = [];
    if (b.bytes > limits.maxStorageBufferBindingSize) {
      over.push(`maxStorageBufferBindingSize ${fmt(limits.maxStorageBufferBindingSize)} (${mib(limits.maxStorageBufferBindingSize)})`);
    }
    if (b.bytes > limits.maxBufferSize) over.push(`maxBufferSize ${fmt(limits.maxBufferSize)} (${mib(limits.maxBufferSize)})`);
    if (over.length) out.push(`${b.name} (${b.what}) needs ${fmt(b.bytes)} bytes (${mib(b.bytes)}) > ${over.join(' and ')}`);
  }
  return out;
}

export class GpuLimitError extends BackendError {
  constructor(readonly problems: string[], what: BackendMessage) {
    super('webgpu', 'error_gpu_limits', { what, problems: problems.join('; ') });
    this.name = 'GpuLimitError';
  }
}

/** Throws a GpuLimitError naming every buffer that exceeds the limits. */
export function assertFits(needs: readonly BufferNeed[], limits: BufferLimits, what: BackendMessage): void {
  const problems = limitProblems(needs, limits);
  if (problems.length) throw new GpuLimitError(problems, what);
}
