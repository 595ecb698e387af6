// What one train() call ran with, as the kernel reports it to the page (a field of its `done`
// message): the value of every toolbar option the run read, and which of them the cell's code gave
// (the others came from the cell's knobs). The toolbar greys what the code fixed; e2e reads it back
// (`data-run-config` on the cell) to check that each knob changed the run.
import { isValidOption } from '../../backends/options';
import { KNOBS } from './knobs';

export interface TrainUse {
  /** each toolbar option the run read (the run's own, and its backend's), as used; `samples`: the images it trained on */
  options: Record<string, string | number | boolean>;
  /** the keys of `options` the train() call gave (not from the knobs) */
  fromCode: string[];
}

/** The record of one run: `given` is what the call passed, `resolved` every option it ran with. */
export function trainUse(given: Readonly<Record<string, unknown>>, resolved: Readonly<Record<string, unknown>>, backend: string): TrainUse {
  const options: TrainUse['options'] = {};
  const fromCode: string[] = [];
  for (const { key, backend: reader } of KNOBS) {
    if (reader !== null && reader !== backend) continue; // another backend's option: this run did not read it
    const v = resolved[key];
    if (typeof v !== 'string' && typeof v !== 'number' && typeof v !== 'boolean') continue;
    options[key] = v;
    if (given[key] !== undefined) fromCode.push(key);
  }
  return { options, fromCode };
}

/** The records a `done` message carried, if well formed (a forged message must not reach the toolbar). */
export function checkedTrainUses(raw: unknown): TrainUse[] | null {
  if (!Array.isArray(raw) || raw.length > 1000) return null;
  const out: TrainUse[] = [];
  for (const r of raw) {
    if (!r || typeof r !== 'object') return null;
    const { options, fromCode } = r as Record<string, unknown>;
    if (!options || typeof options !== 'object' || !Array.isArray(fromCode)) return null;
    const o: TrainUse['options'] = {};
    for (const { key, spec } of KNOBS) {
      const v = (options as Record<string, unknown>)[key];
      if (v === undefined) continue;
      // samples is the count trained on (at most the set's size), still a valid option value
      if (!isValidOption(spec, v)) return null;
      o[key] = v as string | number | boolean;
    }
    out.push({ options: o, fromCode: fromCode.filter((k): k is string => typeof k === 'string' && k in o) });
  }
  return out;
}
