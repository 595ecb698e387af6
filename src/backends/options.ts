// Every option, declared once: key, type, range, default, label and whether it is a toolbar knob.
// Each backend's options sit in its registry entry; the toolbar, `knobs`, the API types
// (BackendOptions, TrainOptions, Knobs), validation and the editor's .d.ts all derive from these.
import type { MessageKey } from '../i18n';
import { optionErrorText } from '../i18n/options';
import { assertNever, type BackendName } from './types';

/** A toolbar knob needs a label; any option may have one. */
type Labelled = { readonly knob: true; readonly label: MessageKey } | { readonly knob?: false; readonly label?: MessageKey };

/** An integer in [min, max]; the default `'cores'` is the machine's logical cores, clamped to [min, max]. */
export type IntOption = Labelled & { readonly type: 'int'; readonly min: number; readonly max: number; readonly default: number | 'cores'; readonly step?: number };
/** A finite number in [min, max], or in (min, max] when `minExclusive`. */
export type NumberOption = Labelled & { readonly type: 'number'; readonly min: number; readonly max: number; readonly minExclusive?: boolean; readonly default: number; readonly step?: number };
export type BoolOption = Labelled & { readonly type: 'bool'; readonly default: boolean };
export type EnumOption = Labelled & { readonly type: 'enum'; readonly values: readonly string[]; readonly default: string };
export type OptionSpec = IntOption | NumberOption | BoolOption | EnumOption;
export type OptionSpecs = { readonly [key: string]: OptionSpec };

/** The value an option takes: an enum's values, a boolean or a number. */
export type OptionValue<S> = S extends { readonly type: 'enum'; readonly values: readonly (infer V)[] } ? V : S extends { readonly type: 'bool' } ? boolean : number;
/** Values for a set of options, each optional (a missing one takes its default). */
export type OptionValues<T> = { -readonly [K in keyof T]?: OptionValue<T[K]> };
/** Values for a set of options, every one filled in. */
export type ResolvedOptions<T> = { -readonly [K in keyof T]: OptionValue<T[K]> };

export const WORKERS_OPTIONS = {
  /** workers backend: the pool size (processes, each computing a shard of every batch) */
  workers: { type: 'int', min: 1, max: 16, default: 'cores', label: 'workers', knob: true },
  /** workers backend: copy buffers by message even when memory could be shared */
  forceTransfer: { type: 'bool', default: false },
  /** workers backend, shared memory: 'allreduce' the workers run the batches and reduce between barriers; 'rows' as 'allreduce', but the workers share activations and each computes its own rows of the weight gradients (nothing to reduce); 'hidden' each worker owns some hidden units, runs them forward and back over the whole batch and updates their weights (it shares their activations; nothing to reduce); 'atomics' the coordinator starts each batch and reduces alone; 'messages' as 'atomics', one message per worker per batch */
  dispatch: { type: 'enum', values: ['allreduce', 'rows', 'hidden', 'atomics', 'messages'], default: 'allreduce' },
} as const satisfies OptionSpecs;

export const WASM_OPTIONS = {
  // max: POOL_MAX_THREADS in wasm/pool.h (options.test.ts checks they agree)
  /** wasm backend: threads of the threaded build (pthreads sharing memory) */
  threads: { type: 'int', min: 1, max: 8, default: 'cores', label: 'threads', knob: true },
  /** wasm backend: the SIMD128 build (false: the scalar, single-thread sequential-C baseline) */
  simd: { type: 'bool', default: true, label: 'simd', knob: true },
} as const satisfies OptionSpecs;

export const WEBGPU_OPTIONS = {
  /** webgpu backend: 'resident' keeps data and weights on the GPU; 'naive' uploads every batch */
  mode: { type: 'enum', values: ['resident', 'naive'], default: 'resident', label: 'mode', knob: true },
  /** webgpu backend, resident: read the loss back every N steps (0: once per epoch) */
  readbackEvery: { type: 'int', min: 0, max: 60000, default: 0 },
} as const satisfies OptionSpecs;

/** Each backend's options, by the backend that reads them. */
export const BACKEND_OPTIONS = {
  js: {},
  workers: WORKERS_OPTIONS,
  wasm: WASM_OPTIONS,
  webgpu: WEBGPU_OPTIONS,
} as const satisfies Record<BackendName, OptionSpecs>;

/** Every backend's options in one object (keys are unique across backends). */
export const ALL_BACKEND_OPTIONS = { ...WORKERS_OPTIONS, ...WASM_OPTIONS, ...WEBGPU_OPTIONS };
type AllBackendOptions = typeof WORKERS_OPTIONS & typeof WASM_OPTIONS & typeof WEBGPU_OPTIONS;

/** Options a backend may read; each backend ignores what does not apply to it. */
export type BackendOptions = OptionValues<AllBackendOptions>;

/** The keys of the options shown as toolbar knobs. */
type KnobKeys<T> = { [K in keyof T]: T[K] extends { readonly knob: true } ? K : never }[keyof T];
/** The values of the toolbar knobs among `T` (training options) and every backend's, all filled in. */
export type KnobValues<T> = ResolvedOptions<Pick<T, KnobKeys<T>>> & ResolvedOptions<Pick<AllBackendOptions, KnobKeys<AllBackendOptions>>>;

/** The backend that reads an option; null for options of the run itself. */
export function optionBackend(key: string): BackendName | null {
  for (const [name, specs] of Object.entries(BACKEND_OPTIONS)) if (key in specs) return name as BackendName;
  return null;
}

/** One invalid option: which, the rule it breaks, and the value given. */
export interface OptionProblem {
  readonly key: string;
  readonly spec: OptionSpec;
  readonly got: string;
}

/** The options of a run (`'training'`) or of one backend were invalid; `problems` names each. */
export class OptionError extends Error {
  constructor(readonly scope: 'training' | BackendName, readonly problems: readonly OptionProblem[]) {
    super(optionErrorText('en', scope, problems));
    this.name = 'OptionError';
  }
}

export function logicalCores(): number {
  return typeof navigator !== 'undefined' ? navigator.hardwareConcurrency || 1 : 1;
}

export function optionDefault<S extends OptionSpec>(spec: S, cores = logicalCores()): OptionValue<S> {
  const d = spec.default === 'cores' && spec.type === 'int' ? Math.max(spec.min, Math.min(spec.max, cores)) : spec.default;
  return d as OptionValue<S>;
}

export function isValidOption(spec: OptionSpec, v: unknown): boolean {
  switch (spec.type) {
    case 'int': return Number.isInteger(v) && (v as number) >= spec.min && (v as number) <= spec.max;
    case 'number': return typeof v === 'number' && Number.isFinite(v) && (spec.minExclusive ? v > spec.min : v >= spec.min) && v <= spec.max;
    case 'bool': return typeof v === 'boolean';
    case 'enum': return spec.values.includes(v as string);
    default: return assertNever(spec);
  }
}

/** Every invalid option among `values` (a missing one is valid: its default applies). */
export function optionProblems(specs: OptionSpecs, values: Readonly<Record<string, unknown>>): OptionProblem[] {
  const out: OptionProblem[] = [];
  for (const [key, spec] of Object.entries(specs)) {
    const v = values[key];
    if (v !== undefined && !isValidOption(spec, v)) out.push({ key, spec, got: typeof v === 'string' ? JSON.stringify(v) : String(v) });
  }
  return out;
}

/** Every option of `specs`, from `values` or its default; throws an OptionError naming every invalid one. */
export function resolveOptions<T extends OptionSpecs>(scope: OptionError['scope'], specs: T, values: Readonly<Record<string, unknown>>): ResolvedOptions<T> {
  const problems = optionProblems(specs, values);
  if (problems.length) throw new OptionError(scope, problems);
  return Object.fromEntries(Object.entries(specs).map(([k, spec]) => [k, values[k] ?? optionDefault(spec)])) as ResolvedOptions<T>;
}

/** One option of a backend, from `value` or its default; an invalid value is an OptionError. */
export function resolveOption<B extends keyof typeof BACKEND_OPTIONS, K extends keyof (typeof BACKEND_OPTIONS)[B] & string>(
  backend: B, key: K, value: unknown,
): OptionValue<(typeof BACKEND_OPTIONS)[B][K]> {
  const specs = BACKEND_OPTIONS[backend] as OptionSpecs;
  return resolveOptions(backend, { [key]: specs[key] }, { [key]: value })[key] as OptionValue<(typeof BACKEND_OPTIONS)[B][K]>;
}
