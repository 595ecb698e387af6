// A cell's knobs: the options declared as toolbar knobs (src/train/config.ts, src/backends/options.ts).
import { ALL_BACKEND_OPTIONS, isValidOption, optionBackend, optionDefault, type OptionSpec } from '../../backends/options';
import type { BackendName } from '../../backends/types';
import type { MessageKey } from '../../i18n';
import { TRAIN_OPTIONS } from '../../train/config';
import type { Knobs } from '../kernel/protocol';
import { currentDemo, type DemoSettings } from './demo';

export interface KnobSpec {
  readonly key: keyof Knobs;
  readonly spec: OptionSpec;
  readonly label: MessageKey;
  /** the backend that reads it (shown only when that backend is chosen); null: every run */
  readonly backend: BackendName | null;
}

/** Every toolbar knob, in toolbar order: the run's, then each backend's. */
export const KNOBS: readonly KnobSpec[] = Object.entries<OptionSpec>({ ...TRAIN_OPTIONS, ...ALL_BACKEND_OPTIONS })
  .flatMap(([key, spec]) => (spec.knob ? [{ key: key as keyof Knobs, spec, label: spec.label, backend: optionBackend(key) }] : []));

const KNOB_BY_KEY: ReadonlyMap<string, KnobSpec> = new Map(KNOBS.map((k) => [k.key, k]));

/** The valid knobs of `raw` (stored edits, imported metadata); each other key goes to `dropped`
 * with its spec (undefined: not a knob at all). */
export function validKnobs(raw: Record<string, unknown>, dropped?: (key: string, value: unknown, spec: OptionSpec | undefined) => void): Partial<Knobs> {
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(raw)) {
    const knob = KNOB_BY_KEY.get(key);
    if (knob && isValidOption(knob.spec, v)) out[key] = v;
    else dropped?.(key, v, knob?.spec);
  }
  return out as Partial<Knobs>;
}

export function defaultKnobs(): Knobs {
  return Object.fromEntries(KNOBS.map(({ key, spec }) => [key, optionDefault(spec)])) as Knobs;
}

/** Knobs for a cell: defaults, overridden by the lesson's valid cell options (other keys are ignored),
 * overridden by the demo settings (`?samples=&batch=&…` in the page URL: demo.ts). */
export function knobsFromOptions(options: Record<string, string | number | boolean>, demo: DemoSettings = currentDemo()): Knobs {
  const k: Record<string, string | number | boolean> = defaultKnobs();
  for (const { key, spec } of KNOBS) if (isValidOption(spec, options[key])) k[key] = options[key];
  return { ...(k as Knobs), ...demo };
}
