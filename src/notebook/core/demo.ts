// The demo settings: a few knobs an instructor sets once for every cell of the lessons, kept in the
// page's URL (`?samples=2000&batch=128&epochs=1&workers=2&threads=2&repeats=3`) so a prepared link
// opens with them. They replace each cell's lesson defaults (the ```js cell key=value``` header);
// a knob changed in a cell's own toolbar wins over them. `?samples=N` (the quick mode) is the same
// setting. A code's fixed value is never changed by them.
import { ALL_BACKEND_OPTIONS, isValidOption, type OptionSpec } from '../../backends/options';
import { TRAIN_OPTIONS } from '../../train/config';
import type { Knobs } from '../kernel/protocol';

/** The demo settings in bar order: knob key and URL parameter. */
export const DEMO_KEYS = [
  { key: 'samples', param: 'samples' },
  { key: 'batchSize', param: 'batch' },
  { key: 'epochs', param: 'epochs' },
  { key: 'workers', param: 'workers' },
  { key: 'threads', param: 'threads' },
  { key: 'repeats', param: 'repeats' },
] as const satisfies readonly { key: keyof Knobs; param: string }[];

export type DemoKey = (typeof DEMO_KEYS)[number]['key'];
export type DemoSettings = Partial<Pick<Knobs, DemoKey>>;

const SPECS: Record<string, OptionSpec> = { ...TRAIN_OPTIONS, ...ALL_BACKEND_OPTIONS };
export const specOf = (key: DemoKey): OptionSpec => SPECS[key];

/** Whether `v` is a valid value of demo setting `key`. */
export const validDemo = (key: DemoKey, v: unknown): v is number => isValidOption(specOf(key), v);

/** The valid demo settings in a query string (others are ignored). */
export function demoFromSearch(search: string): DemoSettings {
  const q = new URLSearchParams(search);
  const out: DemoSettings = {};
  for (const { key, param } of DEMO_KEYS) {
    const raw = q.get(param);
    const v = raw === null || raw.trim() === '' ? NaN : Number(raw);
    if (validDemo(key, v)) out[key] = v;
  }
  return out;
}

/** `search` with the demo settings written in (a missing one removed); other parameters are kept. */
export function searchWithDemo(search: string, demo: DemoSettings): string {
  const q = new URLSearchParams(search);
  for (const { key, param } of DEMO_KEYS) {
    const v = demo[key];
    if (v === undefined) q.delete(param); else q.set(param, String(v));
  }
  const s = q.toString();
  return s ? `?${s}` : '';
}

/** The page's demo settings (none outside a page, e.g. in the kernel). */
export function currentDemo(): DemoSettings {
  return typeof location !== 'undefined' ? demoFromSearch(location.search) : {};
}
