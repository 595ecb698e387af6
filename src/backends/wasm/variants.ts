// Which of the three builds of wasm/*.c runs, from the user's choice (threads, SIMD) and what the
// page allows: threads need SharedArrayBuffer, which browsers give only to cross-origin-isolated pages.

export type WasmVariant = 'mlp-scalar' | 'mlp-simd' | 'mlp-simd-mt';
export const MAX_THREADS = 8; // POOL_MAX_THREADS in wasm/pool.h

export interface WasmEnvironment {
  readonly crossOriginIsolated: boolean;
  readonly simd: boolean; // WebAssembly SIMD128 validates here
}

export interface VariantChoice {
  readonly variant: WasmVariant;
  readonly threads: number;
  readonly simd: boolean;
  /** Set when the choice differs from what was asked for: the human reason. */
  readonly fallback?: string;
}

export function validThreads(threads: number | undefined): number {
  const t = threads ?? 1;
  if (!Number.isInteger(t) || t < 1 || t > MAX_THREADS) {
    throw new RangeError(`wasm backend: threads must be an integer between 1 and ${MAX_THREADS}, got ${String(threads)}`);
  }
  return t;
}

export function chooseVariant(opts: { threads?: number; simd?: boolean }, env: WasmEnvironment): VariantChoice {
  const threads = validThreads(opts.threads);
  const simd = opts.simd ?? true;
  if (simd && !env.simd) {
    return { variant: 'mlp-scalar', threads: 1, simd: false, fallback: 'this browser has no WebAssembly SIMD; running the scalar single-thread build' };
  }
  if (!simd) {
    const fallback = threads > 1 ? `the scalar build is the single-thread sequential-C baseline; running 1 thread instead of ${threads}` : undefined;
    return { variant: 'mlp-scalar', threads: 1, simd: false, fallback };
  }
  if (threads === 1) return { variant: 'mlp-simd', threads: 1, simd: true };
  if (!env.crossOriginIsolated) {
    return {
      variant: 'mlp-simd', threads: 1, simd: true,
      fallback: `threads need SharedArrayBuffer, which needs a cross-origin-isolated page (COOP/COEP headers); running the single-thread SIMD build instead of ${threads} threads`,
    };
  }
  return { variant: 'mlp-simd-mt', threads, simd: true };
}

export function describeChoice(c: VariantChoice): string {
  const what = c.variant === 'mlp-scalar'
    ? 'C → WASM, scalar, 1 thread (the sequential-C baseline)'
    : c.variant === 'mlp-simd'
      ? 'C → WASM, SIMD128, 1 thread'
      : `C → WASM, SIMD128, ${c.threads} threads (pthreads, shared memory)`;
  return c.fallback ? `${what}; ${c.fallback}` : what;
}
