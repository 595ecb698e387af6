import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs module of the bench, without types
import { checkEquivalence, TOL } from './equivalence.mjs';

const configs = [{ name: 'a', backend: 'js', opts: {} }, { name: 'b', backend: 'wasm', opts: { simd: true } }];

describe('bench: checked before timed', () => {
  it('passes only when every configuration is within TOL and training moved the weights', async () => {
    const ok = await checkEquivalence(configs, async () => ({ maxAbsDiff: TOL / 10, maxAbsChange: 0.5 }));
    expect(ok.pass).toBe(true);
    expect(ok.checks).toHaveLength(2);
    const seen: unknown[] = [];
    const bad = await checkEquivalence(configs, async (backend: string, opts: unknown) => {
      seen.push([backend, opts]);
      return backend === 'wasm' ? { maxAbsDiff: TOL * 10, maxAbsChange: 0.5 } : { maxAbsDiff: 0, maxAbsChange: 0 };
    });
    expect(seen).toEqual([['js', {}], ['wasm', { simd: true }]]);
    expect(bad.pass).toBe(false);
    expect(bad.failed).toEqual(['a', 'b']); // a: a no-op (weights did not move); b: too far
  });

  it('records a backend that throws as a failed check, and refuses a suite that declares nothing', async () => {
    const r = await checkEquivalence(configs.slice(0, 1), async () => { throw new Error('no GPU'); });
    expect(r.checks[0]).toMatchObject({ value: 'no GPU', pass: false });
    await expect(checkEquivalence(undefined, async () => ({}))).rejects.toThrow(/must export `checked`/);
  });
});
