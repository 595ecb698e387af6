import { afterEach, describe, expect, it } from 'vitest';
import { chooseMode } from './mode';

const g = globalThis as { crossOriginIsolated?: boolean };
const original = g.crossOriginIsolated;
afterEach(() => { g.crossOriginIsolated = original; });

describe('choosing how the pool is fed', () => {
  it('falls back to transfer, and says why, when the page is not cross-origin isolated', () => {
    g.crossOriginIsolated = false;
    const c = chooseMode({});
    expect(c.mode).toBe('transfer');
    expect(c.why).toBe('not_isolated');
  });

  it('uses shared memory with worker-owned epochs (all-reduce between barriers) when isolated, unless told otherwise', () => {
    g.crossOriginIsolated = true;
    expect(chooseMode({}).mode).toBe('shared-allreduce');
    expect(chooseMode({ dispatch: 'atomics' })).toEqual({ mode: 'shared-atomics', why: 'dispatch_atomics' });
    expect(chooseMode({ dispatch: 'messages' }).mode).toBe('shared-messages');
    expect(chooseMode({ dispatch: 'rows' })).toEqual({ mode: 'shared-rows', why: 'dispatch_rows' });
    expect(chooseMode({ dispatch: 'hidden' })).toEqual({ mode: 'shared-hidden', why: 'dispatch_hidden' });
    const forced = chooseMode({ forceTransfer: true, dispatch: 'messages' });
    expect(forced.mode).toBe('transfer');
    expect(forced.why).toBe('force');
  });
});

describe('pool size', () => {
  it('defaults to the logical core count, clamped to 1..16, and rejects anything else', async () => {
    const { resolvePoolSize } = await import('./pool');
    const n = resolvePoolSize(undefined);
    const cores = typeof navigator !== 'undefined' ? navigator.hardwareConcurrency || 1 : 1;
    expect(n).toBe(Math.max(1, Math.min(16, cores)));
    expect(resolvePoolSize(16)).toBe(16);
    for (const bad of [0, 17, 2.5, NaN]) {
      expect(() => resolvePoolSize(bad)).toThrowError(/workers must be an integer between 1 and 16/);
    }
  });
});
