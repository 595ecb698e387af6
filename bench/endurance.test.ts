import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs module of the bench, without types
import { settled, WARMUP, WARMUP_MAX } from './suites/90-endurance.mjs';

// The JS heap after each warm-up run, in kB: webgpu run alone on a cold page (2026-11-28): flat for
// three runs at runs 5–7, then up 4.6% in steps by run 12, then flat.
const COLD_WEBGPU = [2333, 2396, 2411, 2446, 2455, 2452, 2452, 2525, 2535, 2563, 2566, 2568];

/** How many warm-up runs the suite makes for a page whose heap reads `heaps` after each. */
function warmupRuns(heaps: number[]): number {
  const seen: number[] = [];
  while (seen.length < WARMUP_MAX && !settled(seen)) seen.push(heaps[seen.length]);
  return seen.length;
}

describe('bench endurance: the warm-up lasts until the JS heap has settled', () => {
  it('makes at least WARMUP runs, even on a flat heap', () => {
    expect(WARMUP).toBe(10);
    expect(warmupRuns(Array(20).fill(2500))).toBe(WARMUP);
  });

  it('does not stop at a short plateau: the cold webgpu page settles at run 12', () => {
    expect(warmupRuns(COLD_WEBGPU)).toBe(12);
  });

  it('stops at WARMUP_MAX when the heap never settles (a leak of 1% a run is then measured)', () => {
    const leak = Array.from({ length: 30 }, (_, i) => 2500 * 1.01 ** i);
    expect(WARMUP_MAX).toBe(16);
    expect(warmupRuns(leak)).toBe(WARMUP_MAX);
  });
});
