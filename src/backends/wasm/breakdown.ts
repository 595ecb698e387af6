// The wasm backend's per-epoch breakdown, each part labelled with how it was measured.
import type { TimingPart } from '../types';
import type { CTiming } from './module';

/** `c`: the C side's timers for the epoch; `wallMs`: the epoch's wall time measured in JavaScript. */
export function wasmBreakdown(c: CTiming, wallMs: number): TimingPart[] {
  return [
    { label: 'compute', ms: c.computeMs, method: "emscripten_get_now() (performance.now()) around every piece of every parallel_for, summed and divided by the region's threads (mean busy time per thread)" },
    { label: 'barrier wait', ms: c.barrierMs, method: 'wall time of each parallel region minus its mean busy time per thread: waking threads, waiting for the last piece at the join, threads the OS paused' },
    { label: 'serial', ms: Math.max(0, c.stepMs - c.regionMs), method: 'time inside the C epoch loop outside parallel regions, one thread: softmax_xent, the loss sum, and loops too small to split (under PARALLEL_MIN_WORK, such as ReLU at H = 128)' },
    { label: 'messaging', ms: Math.max(0, wallMs - c.stepMs), method: 'epoch wall time (performance.now() here) minus time inside the C loop: order upload and one comlink round trip per chunk' },
  ];
}
