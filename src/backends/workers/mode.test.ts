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
    expect(c.reason).toMatch(/not cross-origin isolated/);
  });

  it('uses shared memory with Atomics when isolated, unless told otherwise', () => {
    g.crossOriginIsolated = true;
    expect(chooseMode({}).mode).toBe('shared-atomics');
    expect(chooseMode({ dispatch: 'messages' }).mode).toBe('shared-messages');
    const forced = chooseMode({ forceTransfer: true, dispatch: 'messages' });
    expect(forced.mode).toBe('transfer');
    expect(forced.reason).toMatch(/forceTransfer/);
  });
});
