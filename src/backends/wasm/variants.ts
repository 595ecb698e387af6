// Which of the three builds of wasm/*.c runs, from the user's choice (threads, SIMD) and what the
// page allows: threads need SharedArrayBuffer, which browsers give only to cross-origin-isolated pages.

import { msg, type BackendMessage, type BackendText } from '../messages';
import { resolveOption } from '../options';

export type WasmVariant = 'mlp-scalar' | 'mlp-simd' | 'mlp-simd-mt';

export interface WasmEnvironment {
  readonly crossOriginIsolated: boolean;
  readonly simd: boolean; // WebAssembly SIMD128 validates here
}

export interface VariantChoice {
  readonly variant: WasmVariant;
  readonly threads: number;
  readonly simd: boolean;
  /** Set when the choice differs from what was asked for: why. */
  readonly fallback?: BackendMessage;
}

/** The thread count asked for, or the default; out-of-range values are an OptionError. */
export function validThreads(threads: number | undefined): number {
  return resolveOption('wasm', 'threads', threads);
}

export function chooseVariant(opts: { threads?: number; simd?: boolean }, env: WasmEnvironment): VariantChoice {
  const threads = validThreads(opts.threads);
  const simd = resolveOption('wasm', 'simd', opts.simd);
  if (simd && !env.simd) {
    return { variant: 'mlp-scalar', threads: 1, simd: false, fallback: msg('wasm_fallback_no_simd') };
  }
  if (!simd) {
    const fallback = opts.threads !== undefined && threads > 1 ? msg('wasm_fallback_scalar_threads', { threads }) : undefined;
    return { variant: 'mlp-scalar', threads: 1, simd: false, fallback };
  }
  if (threads === 1) return { variant: 'mlp-simd', threads: 1, simd: true };
  if (!env.crossOriginIsolated) {
    return {
      variant: 'mlp-simd', threads: 1, simd: true,
      fallback: msg('wasm_fallback_not_isolated', { threads }),
    };
  }
  return { variant: 'mlp-simd-mt', threads, simd: true };
}

export function describeChoice(c: VariantChoice): BackendText {
  const what = c.variant === 'mlp-scalar' ? msg('describe_wasm_scalar')
    : c.variant === 'mlp-simd' ? msg('describe_wasm_simd') : msg('describe_wasm_simd_mt', { threads: c.threads });
  return c.fallback ? [what, c.fallback] : what;
}
