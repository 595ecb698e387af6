import { describe, expect, it } from 'vitest';
import { Tripwire } from './tripwire';

describe('Tripwire', () => {
  it('passes results and errors through, and forgets each race when its work ends', async () => {
    const wire = new Tripwire(new Promise<never>(() => undefined));
    expect(await wire.guard(Promise.resolve(3))).toBe(3);
    await expect(wire.guard(Promise.reject(new Error('work failed')))).rejects.toThrow('work failed');
    for (let i = 0; i < 1000; i++) await wire.guard(Promise.resolve(i));
    expect(wire.pending).toBe(0); // Promise.race would have left 1002 reactions on the source
  });

  it('rejects the races in flight and every later one with the source\'s error', async () => {
    let fail!: (e: Error) => void;
    const wire = new Tripwire(new Promise<never>((_, reject) => { fail = reject; }));
    const inFlight = wire.guard(new Promise(() => undefined));
    expect(wire.pending).toBe(1);
    fail(new Error('worker 1 died'));
    await expect(inFlight).rejects.toThrow('worker 1 died');
    await expect(wire.guard(Promise.resolve(1))).rejects.toThrow('worker 1 died');
    expect(wire.pending).toBe(0);
  });

  it('leaves no unhandled rejection when work guarded after the trip fails too (it saw the same fault)', async () => {
    let fail!: (e: Error) => void;
    const wire = new Tripwire(new Promise<never>((_, reject) => { fail = reject; }));
    fail(new Error('worker 1 died'));
    await Promise.resolve();
    const unhandled: unknown[] = [];
    const note = (e: unknown) => unhandled.push(e);
    process.on('unhandledRejection', note);
    try {
      await expect(wire.guard(Promise.reject(new Error('worker 1 died')))).rejects.toThrow('worker 1 died');
      await new Promise((r) => setTimeout(r, 10));
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', note);
    }
  });
});
