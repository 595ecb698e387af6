// The wasm backend's per-epoch breakdown, each part labelled with how it was measured.
import { msg } from '../messages';
import type { TimingPart } from '../types';
import type { CTiming } from './module';

/** `c`: the C side's timers for the epoch; `wallMs`: the epoch's wall time measured in JavaScript. */
export function wasmBreakdown(c: CTiming, wallMs: number, hidden: number): TimingPart[] {
  return [
    { id: 'compute', ms: c.computeMs, method: msg('method_wasm_compute') },
    { id: 'barrier', ms: c.barrierMs, method: msg('method_wasm_barrier') },
    // differences of two timers: a negative one (jitter) is shown as 0 and said so by fitBreakdown (runEpoch)
    { id: 'serial', ms: c.stepMs - c.regionMs, method: msg('method_wasm_serial', { hidden }) },
    { id: 'messaging', ms: wallMs - c.stepMs, method: msg('method_wasm_messaging') },
  ];
}
