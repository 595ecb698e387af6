// One cell's state and its transitions, with no React: idle → queued → running → idle.
import type { Knobs, Output } from '../kernel/protocol';
import type { CellSpec } from './lesson';
import type { Needs } from './needs';
import type { TrainUse } from './trainUse';

export type CellStatus = 'idle' | 'queued' | 'running';
export type RunResult = 'ok' | 'error' | 'stopped' | 'interrupted';

export interface CellState {
  readonly spec: CellSpec; // the lesson's original
  readonly source: string; // current (possibly edited) source
  readonly knobs: Knobs;
  readonly originalKnobs: Knobs;
  readonly status: CellStatus;
  readonly outputs: readonly Output[];
  readonly executionCount: number | null;
  readonly result: RunResult | null;
  /** its outputs come from an earlier session (a reload, an import): its variables are not in the kernel */
  readonly restored: boolean;
  /** it failed for a name an earlier cell defines, and that cell has not run to the end in this kernel */
  readonly needs: Needs | null;
  /** what each train() call of its last run in this session ran with, and the source that ran */
  readonly trained: { readonly source: string; readonly uses: readonly TrainUse[] } | null;
}

export type CellEvent =
  | { type: 'edit'; source: string }
  | { type: 'setKnobs'; knobs: Partial<Knobs> }
  | { type: 'queue' }
  | { type: 'dequeue' }
  | { type: 'start'; count: number }
  | { type: 'output'; output: Output }
  | { type: 'outputs'; outputs: readonly Output[] } // a burst, applied at once
  | { type: 'finish'; result: RunResult; needs?: Needs | null }
  | { type: 'trained'; source: string; uses: readonly TrainUse[] }
  /** the lesson's knobs changed (the demo settings): each knob the user left as it was follows them */
  | { type: 'rebase'; knobs: Knobs }
  /** outputs saved by an earlier session (or an imported file), shown until the cell runs again */
  | { type: 'restore'; outputs: readonly Output[]; count: number | null }
  | { type: 'clear' }
  | { type: 'reset' };

export function newCell(spec: CellSpec, knobs: Knobs): CellState {
  return { spec, source: spec.source, knobs, originalKnobs: knobs, status: 'idle', outputs: [], executionCount: null, result: null, restored: false, needs: null, trained: null };
}

export function isEdited(c: CellState): boolean {
  return c.source !== c.spec.source || JSON.stringify(c.knobs) !== JSON.stringify(c.originalKnobs);
}

export function transitionCell(c: CellState, e: CellEvent): CellState {
  switch (e.type) {
    case 'edit':
      return { ...c, source: e.source };
    case 'setKnobs':
      return { ...c, knobs: { ...c.knobs, ...e.knobs } };
    case 'queue':
      return c.status === 'idle' ? { ...c, status: 'queued' } : c;
    case 'dequeue':
      return c.status === 'queued' ? { ...c, status: 'idle' } : c;
    case 'start':
      return { ...c, status: 'running', outputs: [], executionCount: e.count, result: null, restored: false, needs: null, trained: null };
    case 'output': {
      const i = c.outputs.findIndex((o) => o.id === e.output.id);
      const outputs = i < 0 ? [...c.outputs, e.output] : c.outputs.map((o, j) => (j === i ? e.output : o));
      return { ...c, outputs };
    }
    case 'outputs': {
      if (!e.outputs.length) return c;
      const outputs = [...c.outputs];
      const at = new Map(outputs.map((o, j) => [o.id, j]));
      for (const o of e.outputs) {
        const j = at.get(o.id);
        if (j === undefined) { at.set(o.id, outputs.length); outputs.push(o); } else outputs[j] = o;
      }
      return { ...c, outputs };
    }
    case 'finish':
      return { ...c, status: 'idle', result: e.result, needs: e.needs ?? null };
    case 'trained':
      return { ...c, trained: { source: e.source, uses: e.uses } };
    case 'rebase': {
      const knobs = { ...c.knobs };
      for (const k of Object.keys(e.knobs) as (keyof Knobs)[]) if (c.knobs[k] === c.originalKnobs[k]) (knobs as Record<string, unknown>)[k] = e.knobs[k];
      return { ...c, knobs, originalKnobs: e.knobs };
    }
    case 'restore':
      // no result: how that run ended says nothing about this kernel (`data-result` is this session's)
      return c.status === 'idle' ? { ...c, outputs: e.outputs, executionCount: e.count, result: null, restored: true, needs: null } : c;
    case 'clear':
      return { ...c, outputs: [], result: null, executionCount: null, restored: false, needs: null };
    case 'reset':
      return { ...c, source: c.spec.source, knobs: c.originalKnobs };
  }
}
