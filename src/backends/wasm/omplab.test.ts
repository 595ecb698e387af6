// The OpenMP lab's C (wasm/omplab.c) in the single-thread build under Node: a team of one, so every
// answer is exact and deterministic. The threaded build (real teams, races) runs in Chromium:
// e2e/omplab.spec.ts.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { MlpModule, type MlpFactory } from './module';
import { chunkStream, coverageErrors } from './omp';
import { SCHEDULES, SUM_MODES, type OmpLab } from './omplab';

const dist = join(process.cwd(), 'wasm', 'dist');

async function lab(): Promise<OmpLab> {
  const factory = ((await import(/* @vite-ignore */ pathToFileURL(join(dist, 'mlp-simd.js')).href)) as { default: MlpFactory }).default;
  const m = await factory({ wasmBinary: readFileSync(join(dist, 'mlp-simd.wasm')) });
  return new MlpModule(m, 'mlp-simd').lab();
}

describe('OpenMP lab, single-thread build', () => {
  it('hello: a team of one, thread 0 on the calling thread', async () => {
    expect((await lab()).hello(4)).toEqual([{ thread: 0, worker: 0, order: 0 }]);
  });

  it.each(SUM_MODES)('sum (%s) is exact on one thread and takes time', async (mode) => {
    const r = (await lab()).sum(4, 100_000, mode);
    expect(r.total).toBe((100_000 * 99_999) / 2);
    expect(r.threads).toBe(1);
    expect(r.ms).toBeGreaterThan(0);
  });

  it.each(SCHEDULES)('schedule(%s): every iteration once, chunks in order', async (schedule) => {
    for (const chunk of [0, 1, 5]) {
      const r = (await lab()).schedule(4, 37, schedule, chunk, 10);
      expect(r.exactlyOnce).toBe(37);
      expect(coverageErrors(r.chunks, 37)).toEqual([]);
      if (schedule !== 'guided' && chunk > 0) expect(r.chunks.every((c) => c.hi - c.lo === chunk || c.hi === 37)).toBe(true);
      for (const c of r.chunks) expect(c.end).toBeGreaterThanOrEqual(c.start);
    }
  });

  it('guided chunks shrink from what is left, never below chunk', async () => {
    // one thread: guided takes everything left at once, so a single chunk
    expect((await lab()).schedule(1, 40, 'guided', 3, 10).chunks.map((c) => [c.lo, c.hi])).toEqual([[0, 40]]);
  });

  it('false sharing: padded or not, the count is exact', async () => {
    const l = await lab();
    for (const padded of [false, true]) expect(l.falseSharing(2, 12_345, padded).counts).toEqual([12_345]);
  });

  it('gradients: the bug keeps only the last batch; the fix merges every sample and matches the serial sum', async () => {
    const l = await lab();
    const bug = l.gradients(4, 10, 8, false);
    expect(bug.samples).toBe(8);
    expect(bug.merged).not.toEqual(bug.serial);
    const fix = l.gradients(4, 10, 8, true);
    expect(fix.samples).toBe(80);
    expect(fix.merged).toEqual(fix.serial);
    expect(fix.serial.some((g) => g !== 0)).toBe(true);
  });
});

describe('OpenMP lab helpers', () => {
  it('coverageErrors names the missed and the repeated iterations', () => {
    const chunk = (lo: number, hi: number) => ({ thread: 0, lo, hi, start: 0, end: 1 });
    expect(coverageErrors([chunk(0, 3), chunk(3, 6)], 6)).toEqual([]);
    expect(coverageErrors([chunk(0, 3), chunk(2, 5)], 6)).toEqual([2, 5]);
  });

  it('chunkStream: one box per chunk on its thread\'s lane, in start order', () => {
    const s = chunkStream([{ thread: 1, lo: 4, hi: 8, start: 2, end: 5 }, { thread: 0, lo: 0, hi: 1, start: -0.01, end: 1 }], 2, 5, 'schedule(dynamic)');
    expect(s.nJobs).toBe(2);
    expect(s.tasks.map((t) => [t.worker, t.name, t.start, t.kind])).toEqual([[0, '0', 0, 'schedule(dynamic)'], [1, '4–7', 2, 'schedule(dynamic)']]);
  });
});
